/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-bar-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lc-chart-private.h"

#define TICK_SCALE 0.92
#define MAX_BAR_THICKNESS 22.0

typedef struct
{
  LcChartLayout pub;
  double        row_height;    /* of a text line */
  double        label_width;   /* the bars' labels column */
  GArray       *ticks;
  gboolean      empty;
} Layout;

static double
x_for_value (const LcChartLayout *layout,
             double               value)
{
  double span = layout->x_max - layout->x_min;

  if (span <= 0)
    return layout->plot_x;
  return layout->plot_x + (value - layout->x_min) / span * layout->plot_width;
}

static double
text_width (PangoContext       *context,
            const LcChartStyle *style,
            gboolean            bold,
            const char         *text)
{
  g_autoptr(PangoLayout) layout = _lc_chart_text_layout (context, style, TICK_SCALE, bold, text);
  double width;

  _lc_chart_text_size (layout, &width, NULL);
  return width;
}

static void
compute_layout (const LcBarChart   *chart,
                const LcChartStyle *style,
                PangoContext       *context,
                double              width,
                double              height,
                Layout             *out)
{
  g_autoptr(PangoLayout) probe = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE, "0");
  double min = 0, max = -G_MAXDOUBLE, value_width = 0, top, bottom;
  guint max_ticks;

  memset (out, 0, sizeof *out);
  _lc_chart_text_size (probe, NULL, &out->row_height);
  top = LC_CHART_PADDING + _lc_chart_heading (NULL, context, style, chart->title, chart->subtitle, width);
  if (chart->has_reference && chart->reference_label != NULL)
    top += out->row_height + 4;
  bottom = height - LC_CHART_PADDING - out->row_height - 6;

  for (guint i = 0; i < chart->bars->len; i++)
    {
      const LcChartBar *bar = &g_array_index (chart->bars, LcChartBar, i);
      g_autofree char *value = lc_chart_format_value (chart->value_kind, chart->currency, bar->value);

      min = MIN (min, bar->value);
      max = MAX (max, bar->value);
      if (bar->has_interval)
        {
          min = MIN (min, bar->low);
          max = MAX (max, bar->high);
        }
      out->label_width = MAX (out->label_width, text_width (context, style, FALSE, bar->label));
      value_width = MAX (value_width, text_width (context, style, TRUE, value));
    }
  out->empty = chart->bars->len == 0;
  if (chart->has_reference)
    max = MAX (max, chart->reference);
  if (max < min)
    max = min;

  /* Labels take up to two fifths of the width, then are ellipsized. */
  out->label_width = ceil (MIN (out->label_width, (width - 2 * LC_CHART_PADDING) * 0.4));
  out->pub.plot_x = LC_CHART_PADDING + out->label_width + LC_CHART_GAP * 1.5;
  out->pub.plot_y = top;
  out->pub.plot_width = MAX (20, width - LC_CHART_PADDING - value_width - LC_CHART_GAP - out->pub.plot_x);
  out->pub.plot_height = MAX (20, bottom - top);
  max_ticks = (guint) CLAMP (out->pub.plot_width / 80 + 1, 2, 8);
  out->ticks = lc_chart_value_ticks (min, max, max_ticks, chart->value_kind, chart->currency,
                                     &out->pub.x_min, &out->pub.x_max);
  out->pub.y_min = 0;
  out->pub.y_max = chart->bars->len;
}

void
lc_bar_chart_layout (const LcBarChart   *chart,
                     const LcChartStyle *style,
                     double              width,
                     double              height,
                     LcChartLayout      *out)
{
  PangoContext *context = _lc_chart_text_context_new (NULL);
  Layout layout;

  g_return_if_fail (chart != NULL && style != NULL && out != NULL);

  compute_layout (chart, style, context, width, height, &layout);
  g_object_unref (context);
  *out = layout.pub;
  g_clear_pointer (&layout.ticks, g_array_unref);
}

gboolean
lc_bar_chart_get_bar_rect (const LcBarChart    *chart,
                           const LcChartLayout *layout,
                           guint                index,
                           double              *x,
                           double              *y,
                           double              *width,
                           double              *height)
{
  const LcChartBar *bar;
  double row, thickness, x0, x1;

  g_return_val_if_fail (chart != NULL && layout != NULL, FALSE);

  if (index >= chart->bars->len)
    return FALSE;
  bar = &g_array_index (chart->bars, LcChartBar, index);
  row = layout->plot_height / chart->bars->len;
  thickness = MIN (MAX_BAR_THICKNESS, row * 0.62);
  x0 = x_for_value (layout, MIN (0, bar->value));
  x1 = x_for_value (layout, MAX (0, bar->value));
  if (x != NULL)
    *x = x0;
  if (y != NULL)
    *y = layout->plot_y + row * index + (row - thickness) / 2;
  if (width != NULL)
    *width = x1 - x0;
  if (height != NULL)
    *height = thickness;
  return TRUE;
}

int
lc_bar_chart_bar_at (const LcBarChart    *chart,
                     const LcChartLayout *layout,
                     double               y)
{
  double row;

  g_return_val_if_fail (chart != NULL && layout != NULL, -1);

  if (chart->bars->len == 0 || y < layout->plot_y || y >= layout->plot_y + layout->plot_height)
    return -1;
  row = layout->plot_height / chart->bars->len;
  return MIN ((int) ((y - layout->plot_y) / row), (int) chart->bars->len - 1);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_move_to (cr, x, y);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_line_to (cr, x, y + height);
  cairo_close_path (cr);
}

void
lc_bar_chart_draw (cairo_t            *cr,
                   double              width,
                   double              height,
                   const LcChartStyle *style,
                   const LcBarChart   *chart)
{
  PangoContext *context = NULL;
  const LcChartLayout *pub;
  Layout layout;
  double bottom, zero_x;

  g_return_if_fail (cr != NULL && style != NULL && chart != NULL);

  cairo_save (cr);
  context = _lc_chart_text_context_new (cr);
  compute_layout (chart, style, context, width, height, &layout);
  pub = &layout.pub;
  bottom = pub->plot_y + pub->plot_height;

  _lc_chart_set_color (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  _lc_chart_heading (cr, context, style, chart->title, chart->subtitle, width);

  if (layout.empty)
    {
      _lc_chart_draw_empty (cr, context, style, pub->plot_x, pub->plot_y, pub->plot_width, pub->plot_height);
      g_clear_pointer (&layout.ticks, g_array_unref);
      g_object_unref (context);
      cairo_restore (cr);
      return;
    }

  /* Value grid and its labels below the plot. */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < layout.ticks->len; i++)
    {
      const LcChartTick *tick = &g_array_index (layout.ticks, LcChartTick, i);
      g_autoptr(PangoLayout) text = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE, tick->label);
      double x = _lc_chart_snap_x (cr, x_for_value (pub, tick->value), 1);
      double w;

      _lc_chart_set_color (cr, &style->grid);
      cairo_move_to (cr, x, pub->plot_y);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
      _lc_chart_text_size (text, &w, NULL);
      _lc_chart_set_color (cr, &style->dim_text);
      cairo_move_to (cr, CLAMP (x - w / 2, 0, width - w), bottom + 6);
      pango_cairo_show_layout (cr, text);
    }

  for (guint i = 0; i < chart->bars->len; i++)
    {
      const LcChartBar *bar = &g_array_index (chart->bars, LcChartBar, i);
      g_autoptr(PangoLayout) label = _lc_chart_text_layout (context, style, 1.0, FALSE, bar->label);
      g_autofree char *value_text = lc_chart_format_value (chart->value_kind, chart->currency, bar->value);
      g_autoptr(PangoLayout) value = _lc_chart_text_layout (context, style, TICK_SCALE, TRUE, value_text);
      double x, y, w, h, text_w, text_h, end;

      lc_bar_chart_get_bar_rect (chart, pub, i, &x, &y, &w, &h);

      if ((int) i == chart->highlight)
        {
          double row = pub->plot_height / chart->bars->len;

          _lc_chart_set_color (cr, &style->grid);
          cairo_rectangle (cr, 0, pub->plot_y + row * i, width, row);
          cairo_fill (cr);
        }

      _lc_chart_set_color (cr, bar->highlighted ? &style->bar_highlight : &style->bar);
      rounded_rect (cr, x, y, w, h, 3);
      cairo_fill (cr);
      end = x + w;

      if (bar->has_interval)
        {
          double lo = x_for_value (pub, bar->low), hi = x_for_value (pub, bar->high);
          double mid = _lc_chart_snap_y (cr, y + h / 2, 1.5);

          _lc_chart_set_color (cr, &style->interval);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, lo, mid);
          cairo_line_to (cr, hi, mid);
          cairo_move_to (cr, lo, mid - h / 4);
          cairo_line_to (cr, lo, mid + h / 4);
          cairo_move_to (cr, hi, mid - h / 4);
          cairo_line_to (cr, hi, mid + h / 4);
          cairo_stroke (cr);
          end = MAX (end, hi);
        }

      pango_layout_set_width (label, (int) (layout.label_width * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (label, PANGO_ALIGN_RIGHT);
      _lc_chart_text_size (label, NULL, &text_h);
      _lc_chart_set_color (cr, &style->text);
      cairo_move_to (cr, LC_CHART_PADDING, y + (h - text_h) / 2);
      pango_cairo_show_layout (cr, label);

      _lc_chart_text_size (value, &text_w, &text_h);
      _lc_chart_set_color (cr, &style->text);
      cairo_move_to (cr, end + 6, y + (h - text_h) / 2);
      pango_cairo_show_layout (cr, value);
    }

  /* The zero line over the bars' roots. */
  zero_x = _lc_chart_snap_x (cr, x_for_value (pub, 0), 1);
  _lc_chart_set_color (cr, &style->axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, zero_x, pub->plot_y);
  cairo_line_to (cr, zero_x, bottom);
  cairo_stroke (cr);

  if (chart->has_reference)
    {
      static const double dash[] = { 5.0, 3.0 };
      double x = _lc_chart_snap_x (cr, x_for_value (pub, chart->reference), 1.5);

      _lc_chart_set_color (cr, &style->interval);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, x, pub->plot_y - 2);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (chart->reference_label != NULL)
        {
          g_autoptr(PangoLayout) text = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE,
                                                               chart->reference_label);
          double w;

          _lc_chart_text_size (text, &w, NULL);
          _lc_chart_set_color (cr, &style->dim_text);
          cairo_move_to (cr, CLAMP (x - w / 2, LC_CHART_PADDING, width - LC_CHART_PADDING - w),
                         pub->plot_y - layout.row_height - 4);
          pango_cairo_show_layout (cr, text);
        }
    }

  g_clear_pointer (&layout.ticks, g_array_unref);
  g_object_unref (context);
  cairo_restore (cr);
}

static void
draw_any (cairo_t            *cr,
          double              width,
          double              height,
          const LcChartStyle *style,
          gconstpointer       chart)
{
  lc_bar_chart_draw (cr, width, height, style, chart);
}

GBytes *
lc_bar_chart_render (const LcBarChart   *chart,
                     const LcChartStyle *style,
                     LcChartFormat       format,
                     double              width,
                     double              height,
                     double              scale,
                     GError            **error)
{
  g_return_val_if_fail (chart != NULL && style != NULL, NULL);

  return _lc_chart_render (draw_any, chart, style, format, width, height, scale, error);
}

gboolean
lc_bar_chart_write (const LcBarChart   *chart,
                    const LcChartStyle *style,
                    LcChartFormat       format,
                    double              width,
                    double              height,
                    double              scale,
                    const char         *path,
                    GError            **error)
{
  g_autoptr(GBytes) bytes = lc_bar_chart_render (chart, style, format, width, height, scale, error);

  return _lc_chart_write (bytes, path, error);
}
