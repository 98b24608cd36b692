/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-time-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-chart-private.h"

#define TICK_SCALE 0.92      /* tick and legend labels, against the body size */
#define MAX_MARKER_ROWS 3
#define MARKER_DOT 3.5
#define LINE_WIDTH 2.0

typedef struct
{
  LcChartLayout pub;
  double        heading_height;
  double        legend_y;
  double        strip_y;        /* top of the marker labels' strip */
  double        row_height;     /* of tick labels, legend and marker rows */
  guint         marker_rows;
  GArray       *y_ticks;        /* LcChartTick */
  gboolean      empty;
} Layout;

typedef struct
{
  double x;          /* where the label's text starts */
  double line_x;
  guint  row;
} MarkerPlace;

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->y_ticks, g_array_unref);
}

double
lc_chart_layout_x_for_day (const LcChartLayout *layout,
                           double               day)
{
  double span = layout->x_max - layout->x_min;

  if (span <= 0)
    return layout->plot_x;
  return layout->plot_x + (day - layout->x_min) / span * layout->plot_width;
}

double
lc_chart_layout_y_for_value (const LcChartLayout *layout,
                             double               value)
{
  double span = layout->y_max - layout->y_min;

  if (span <= 0)
    return layout->plot_y + layout->plot_height / 2;
  return layout->plot_y + layout->plot_height * (1 - (value - layout->y_min) / span);
}

static double
point_day (const LcChartPoint *point)
{
  return (point->start + point->end + 1) / 2.0;
}

static gboolean
has_any_band (const LcTimeChart *chart)
{
  if (chart->band == LC_CHART_BAND_NONE)
    return FALSE;
  for (guint i = 0; i < chart->points->len; i++)
    if (g_array_index (chart->points, LcChartPoint, i).has_band)
      return TRUE;
  return FALSE;
}

static gboolean
has_any_immature (const LcTimeChart *chart)
{
  for (guint i = 0; i < chart->points->len; i++)
    {
      const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, i);

      if (point->immature && point->has_value)
        return TRUE;
    }
  return FALSE;
}

static double
text_height (PangoContext       *context,
             const LcChartStyle *style)
{
  g_autoptr(PangoLayout) layout = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE, "0");
  double height;

  _lc_chart_text_size (layout, NULL, &height);
  return height;
}

/* Places marker labels right of their line (left of it near the right
 * edge), each in the lowest row where it overlaps no other label. */
static guint
place_markers (const LcTimeChart  *chart,
               const Layout       *layout,
               PangoContext       *context,
               const LcChartStyle *style,
               MarkerPlace        *places)
{
  double row_end[MAX_MARKER_ROWS];
  double right = layout->pub.plot_x + layout->pub.plot_width;
  g_autofree guint *order = g_new (guint, chart->markers->len);
  guint rows = 0;

  for (guint r = 0; r < MAX_MARKER_ROWS; r++)
    row_end[r] = -G_MAXDOUBLE;

  /* Left to right, whatever order they were added in (insertion sort:
   * a chart has a handful of markers). */
  for (guint i = 0; i < chart->markers->len; i++)
    {
      guint j = i;

      for (; j > 0 && g_array_index (chart->markers, LcChartMarker, order[j - 1]).day >
                      g_array_index (chart->markers, LcChartMarker, i).day; j--)
        order[j] = order[j - 1];
      order[j] = i;
    }

  for (guint k = 0; k < chart->markers->len; k++)
    {
      guint i = order[k];
      const LcChartMarker *marker = &g_array_index (chart->markers, LcChartMarker, i);
      g_autoptr(PangoLayout) text = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE, marker->label);
      double width, start;
      guint row;

      _lc_chart_text_size (text, &width, NULL);
      places[i].line_x = lc_chart_layout_x_for_day (&layout->pub, marker->day);
      places[i].row = 0;
      /* Markers outside the shown days are not drawn and take no room. */
      if (places[i].line_x < layout->pub.plot_x - 0.5 || places[i].line_x > right + 0.5)
        continue;
      start = places[i].line_x + MARKER_DOT + 3;
      if (start + width > right)
        start = places[i].line_x - MARKER_DOT - 3 - width;
      places[i].x = start;
      for (row = 0; row < MAX_MARKER_ROWS - 1; row++)
        if (start - MARKER_DOT - 3 > row_end[row] + LC_CHART_GAP)
          break;
      places[i].row = row;
      row_end[row] = MAX (row_end[row], MAX (start + width, places[i].line_x + MARKER_DOT));
      rows = MAX (rows, row + 1);
    }
  return rows;
}

static void
compute_layout (const LcTimeChart  *chart,
                const LcChartStyle *style,
                PangoContext       *context,
                double              width,
                double              height,
                Layout             *out)
{
  double min = G_MAXDOUBLE, max = -G_MAXDOUBLE;
  double top, bottom, label_width = 0;
  guint max_ticks;
  gboolean legend;

  memset (out, 0, sizeof *out);
  out->row_height = text_height (context, style);
  out->heading_height = _lc_chart_heading (NULL, context, style, chart->title, chart->subtitle, width);
  top = LC_CHART_PADDING + out->heading_height;

  legend = has_any_band (chart) || chart->has_windows || has_any_immature (chart);
  out->legend_y = top;
  if (legend)
    top += out->row_height + LC_CHART_GAP;
  out->strip_y = top;

  bottom = height - LC_CHART_PADDING - out->row_height - 6;

  for (guint i = 0; i < chart->points->len; i++)
    {
      const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, i);

      if (point->has_value)
        {
          min = MIN (min, point->value);
          max = MAX (max, point->value);
        }
      if (point->has_band && chart->band != LC_CHART_BAND_NONE)
        {
          min = MIN (min, point->band_low);
          max = MAX (max, point->band_high);
        }
    }
  out->empty = min > max;
  if (out->empty)
    min = max = 0;
  if (chart->zero_based || (chart->value_kind != LC_CHART_VALUE_DECIMAL && min >= 0 && min < (max - min) * 0.25))
    min = MIN (min, 0);
  if (min < 0 && chart->value_kind != LC_CHART_VALUE_DECIMAL && chart->value_kind != LC_CHART_VALUE_MONEY)
    {
      /* Counts and rates cannot go below zero, whatever the band says. */
      gboolean any_negative = FALSE;

      for (guint i = 0; i < chart->points->len; i++)
        any_negative |= g_array_index (chart->points, LcChartPoint, i).has_value &&
                        g_array_index (chart->points, LcChartPoint, i).value < 0;
      if (!any_negative)
        min = 0;
    }

  if (chart->points->len > 0)
    {
      out->pub.x_min = g_array_index (chart->points, LcChartPoint, 0).start;
      out->pub.x_max = g_array_index (chart->points, LcChartPoint, chart->points->len - 1).end + 1;
    }

  /* Two passes: the marker rows take height from the plot, which decides
   * the value ticks, whose labels decide where the plot starts. */
  for (int pass = 0; pass < 2; pass++)
    {
      double plot_top = out->strip_y + out->marker_rows * (out->row_height + 2) +
                        (out->marker_rows > 0 ? MARKER_DOT + 2 : 0);

      out->pub.plot_y = plot_top;
      out->pub.plot_height = MAX (20, bottom - plot_top);
      max_ticks = (guint) CLAMP (out->pub.plot_height / 36 + 1, 2, 7);
      g_clear_pointer (&out->y_ticks, g_array_unref);
      out->y_ticks = lc_chart_value_ticks (min, max, max_ticks, chart->value_kind, chart->currency,
                                           &out->pub.y_min, &out->pub.y_max);
      label_width = 0;
      for (guint i = 0; i < out->y_ticks->len; i++)
        {
          g_autoptr(PangoLayout) text = NULL;
          double w;

          text = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE,
                                        g_array_index (out->y_ticks, LcChartTick, i).label);
          _lc_chart_text_size (text, &w, NULL);
          label_width = MAX (label_width, w);
        }
      out->pub.plot_x = LC_CHART_PADDING + ceil (label_width) + LC_CHART_GAP;
      out->pub.plot_width = MAX (20, width - LC_CHART_PADDING - out->pub.plot_x);

      if (pass == 0 && chart->markers->len > 0)
        {
          g_autofree MarkerPlace *places = g_new0 (MarkerPlace, chart->markers->len);

          out->marker_rows = place_markers (chart, out, context, style, places);
        }
      else
        break;
    }
}

void
lc_time_chart_layout (const LcTimeChart  *chart,
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
  layout_clear (&layout);
}

gboolean
lc_time_chart_get_point_position (const LcTimeChart   *chart,
                                  const LcChartLayout *layout,
                                  guint                index,
                                  double              *x,
                                  double              *y)
{
  const LcChartPoint *point;

  g_return_val_if_fail (chart != NULL && layout != NULL, FALSE);

  if (index >= chart->points->len)
    return FALSE;
  point = &g_array_index (chart->points, LcChartPoint, index);
  if (x != NULL)
    *x = lc_chart_layout_x_for_day (layout, point_day (point));
  if (y != NULL)
    *y = point->has_value ? lc_chart_layout_y_for_value (layout, point->value) : NAN;
  return point->has_value;
}

int
lc_time_chart_nearest_point (const LcTimeChart   *chart,
                             const LcChartLayout *layout,
                             double               x)
{
  double best_distance = G_MAXDOUBLE;
  int best = -1;

  g_return_val_if_fail (chart != NULL && layout != NULL, -1);

  for (guint i = 0; i < chart->points->len; i++)
    {
      const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, i);
      double distance;

      if (!point->has_value)
        continue;
      distance = fabs (lc_chart_layout_x_for_day (layout, point_day (point)) - x);
      if (distance < best_distance)
        {
          best_distance = distance;
          best = (int) i;
        }
    }
  return best;
}

static void
draw_text (cairo_t            *cr,
           PangoLayout        *text,
           const LcChartColor *color,
           double              x,
           double              y)
{
  _lc_chart_set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, text);
}

static void
draw_windows (cairo_t            *cr,
              PangoContext       *context,
              const LcChartStyle *style,
              const LcTimeChart  *chart,
              const Layout       *layout)
{
  const LcChartLayout *pub = &layout->pub;
  const struct
  {
    LcDay               from;
    LcDay               to;
    const LcChartColor *color;
  } windows[] = {
    { chart->before_from, chart->before_to, &style->before_window },
    { chart->after_from, chart->after_to, &style->after_window },
  };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      double x0, x1;

      if (windows[i].from == LC_DAY_NONE || windows[i].to < windows[i].from)
        continue;
      x0 = _lc_chart_snap_x (cr, lc_chart_layout_x_for_day (pub, windows[i].from), 2);
      x1 = _lc_chart_snap_x (cr, lc_chart_layout_x_for_day (pub, windows[i].to + 1.0), 2);
      _lc_chart_set_color (cr, windows[i].color);
      cairo_rectangle (cr, x0, pub->plot_y, x1 - x0, pub->plot_height);
      cairo_fill (cr);
    }
}

static void
draw_grid (cairo_t            *cr,
           PangoContext       *context,
           const LcChartStyle *style,
           const Layout       *layout)
{
  const LcChartLayout *pub = &layout->pub;

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < layout->y_ticks->len; i++)
    {
      const LcChartTick *tick = &g_array_index (layout->y_ticks, LcChartTick, i);
      g_autoptr(PangoLayout) text = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE, tick->label);
      double y = _lc_chart_snap_y (cr, lc_chart_layout_y_for_value (pub, tick->value), 1);
      double w, h;

      _lc_chart_set_color (cr, i == 0 ? &style->axis : &style->grid);
      cairo_move_to (cr, pub->plot_x, y);
      cairo_line_to (cr, pub->plot_x + pub->plot_width, y);
      cairo_stroke (cr);

      _lc_chart_text_size (text, &w, &h);
      draw_text (cr, text, &style->dim_text, pub->plot_x - LC_CHART_GAP - w, y - h / 2);
    }
}

static void
draw_band (cairo_t            *cr,
           const LcChartStyle *style,
           const LcTimeChart  *chart,
           const Layout       *layout)
{
  const LcChartLayout *pub = &layout->pub;
  guint i = 0;

  if (chart->band == LC_CHART_BAND_NONE)
    return;

  _lc_chart_set_color (cr, &style->band);
  while (i < chart->points->len)
    {
      guint first = i, last;

      if (!g_array_index (chart->points, LcChartPoint, i).has_band)
        {
          i++;
          continue;
        }
      while (i < chart->points->len && g_array_index (chart->points, LcChartPoint, i).has_band)
        i++;
      last = i - 1;

      /* A run of one point is as wide as its period. */
      if (first == last)
        {
          const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, first);
          double x0 = lc_chart_layout_x_for_day (pub, point->start);
          double x1 = lc_chart_layout_x_for_day (pub, point->end + 1.0);
          double y0 = lc_chart_layout_y_for_value (pub, point->band_high);
          double y1 = lc_chart_layout_y_for_value (pub, point->band_low);

          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_fill (cr);
          continue;
        }

      for (guint j = first; j <= last; j++)
        {
          const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, j);

          cairo_line_to (cr, lc_chart_layout_x_for_day (pub, point_day (point)),
                         lc_chart_layout_y_for_value (pub, point->band_high));
        }
      for (guint j = last + 1; j > first; j--)
        {
          const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, j - 1);

          cairo_line_to (cr, lc_chart_layout_x_for_day (pub, point_day (point)),
                         lc_chart_layout_y_for_value (pub, point->band_low));
        }
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
draw_markers (cairo_t            *cr,
              PangoContext       *context,
              const LcChartStyle *style,
              const LcTimeChart  *chart,
              const Layout       *layout)
{
  const LcChartLayout *pub = &layout->pub;
  g_autofree MarkerPlace *places = NULL;

  if (chart->markers->len == 0)
    return;

  places = g_new0 (MarkerPlace, chart->markers->len);
  place_markers (chart, layout, context, style, places);

  /* Lines first, then dots and labels, so no line crosses a label. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < chart->markers->len; i++)
      {
        const LcChartMarker *marker = &g_array_index (chart->markers, LcChartMarker, i);
        const LcChartColor *color = marker->on ? &style->marker_on : &style->marker_off;
        g_autoptr(PangoLayout) text = NULL;
        guint row = MIN (places[i].row, MAX (layout->marker_rows, 1) - 1);
        /* Row 0 is nearest the plot. */
        double row_y = pub->plot_y - MARKER_DOT - 2 - (row + 1) * (layout->row_height + 2);
        double dot_y = row_y + layout->row_height / 2;
        double x = _lc_chart_snap_x (cr, places[i].line_x, 2);
        double w;

        if (places[i].line_x < pub->plot_x - 0.5 || places[i].line_x > pub->plot_x + pub->plot_width + 0.5)
          continue;

        _lc_chart_set_color (cr, color);
        if (pass == 0)
          {
            cairo_set_line_width (cr, 2);
            cairo_move_to (cr, x, dot_y);
            cairo_line_to (cr, x, pub->plot_y + pub->plot_height);
            cairo_stroke (cr);
            continue;
          }
        cairo_arc (cr, x, dot_y, MARKER_DOT, 0, 2 * G_PI);
        cairo_fill (cr);

        text = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE, marker->label);
        _lc_chart_text_size (text, &w, NULL);
        /* A plate of background keeps the label readable over other lines. */
        _lc_chart_set_color (cr, &style->background);
        cairo_rectangle (cr, places[i].x - 1, row_y, w + 2, layout->row_height);
        cairo_fill (cr);
        draw_text (cr, text, &style->text, places[i].x, row_y);
      }
}

static void
draw_line (cairo_t            *cr,
           const LcChartStyle *style,
           const LcTimeChart  *chart,
           const Layout       *layout)
{
  const LcChartLayout *pub = &layout->pub;
  static const double dash[] = { 4.0, 3.0 };
  double spacing;
  gboolean drawing = FALSE;

  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  _lc_chart_set_color (cr, &style->line);

  /* Solid through mature points, dashed into and between immature ones. */
  for (int dashed = 0; dashed < 2; dashed++)
    {
      cairo_set_dash (cr, dash, dashed ? G_N_ELEMENTS (dash) : 0, 0);
      drawing = FALSE;
      for (guint i = 0; i < chart->points->len; i++)
        {
          const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, i);
          double x = lc_chart_layout_x_for_day (pub, point_day (point));
          double y;

          if (!point->has_value)
            {
              drawing = FALSE;
              continue;
            }
          y = lc_chart_layout_y_for_value (pub, point->value);
          if (drawing && (gboolean) point->immature == (gboolean) dashed)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);

  /* Dots only where they have room; a lone point gets one anyway. */
  spacing = chart->points->len > 0 ? pub->plot_width / chart->points->len : 0;
  for (guint i = 0; i < chart->points->len; i++)
    {
      const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, i);
      gboolean alone;
      double x, y;

      if (!point->has_value)
        continue;
      alone = (i == 0 || !g_array_index (chart->points, LcChartPoint, i - 1).has_value) &&
              (i + 1 == chart->points->len || !g_array_index (chart->points, LcChartPoint, i + 1).has_value);
      if (spacing < 12 && !alone && !point->immature)
        continue;
      x = lc_chart_layout_x_for_day (pub, point_day (point));
      y = lc_chart_layout_y_for_value (pub, point->value);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
      if (point->immature)
        {
          _lc_chart_set_color (cr, &style->background);
          cairo_fill_preserve (cr);
          _lc_chart_set_color (cr, &style->line);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        {
          _lc_chart_set_color (cr, &style->line);
          cairo_fill (cr);
        }
    }
}

static void
draw_x_axis (cairo_t            *cr,
             PangoContext       *context,
             const LcChartStyle *style,
             const Layout       *layout,
             double              width)
{
  const LcChartLayout *pub = &layout->pub;
  g_autoptr(GArray) ticks = NULL;
  double bottom = pub->plot_y + pub->plot_height;
  double last_end = -G_MAXDOUBLE;

  ticks = lc_chart_day_ticks ((LcDay) pub->x_min, (LcDay) pub->x_max - 1,
                              (guint) MAX (1, pub->plot_width / 72));
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      const LcChartTick *tick = &g_array_index (ticks, LcChartTick, i);
      g_autoptr(PangoLayout) text = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE, tick->label);
      double x = _lc_chart_snap_x (cr, lc_chart_layout_x_for_day (pub, tick->value), 1);
      double w, left;

      _lc_chart_set_color (cr, &style->axis);
      cairo_move_to (cr, x, _lc_chart_snap_y (cr, bottom, 1));
      cairo_line_to (cr, x, bottom + 4);
      cairo_stroke (cr);

      _lc_chart_text_size (text, &w, NULL);
      left = CLAMP (x - w / 2, LC_CHART_PADDING / 2, width - LC_CHART_PADDING / 2 - w);
      if (left < last_end + LC_CHART_GAP)
        continue;
      draw_text (cr, text, &style->dim_text, left, bottom + 6);
      last_end = left + w;
    }
}

static void
draw_highlight (cairo_t            *cr,
                const LcChartStyle *style,
                const LcTimeChart  *chart,
                const Layout       *layout)
{
  const LcChartLayout *pub = &layout->pub;
  double x, y;

  if (chart->highlight < 0 ||
      !lc_time_chart_get_point_position (chart, pub, (guint) chart->highlight, &x, &y))
    return;

  cairo_set_line_width (cr, 1);
  _lc_chart_set_color (cr, &style->focus);
  x = _lc_chart_snap_x (cr, x, 1);
  cairo_move_to (cr, x, pub->plot_y);
  cairo_line_to (cr, x, pub->plot_y + pub->plot_height);
  cairo_stroke (cr);

  cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
  _lc_chart_set_color (cr, &style->background);
  cairo_fill_preserve (cr);
  _lc_chart_set_color (cr, &style->focus);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_arc (cr, x, y, 2.5, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw_legend (cairo_t            *cr,
             PangoContext       *context,
             const LcChartStyle *style,
             const LcTimeChart  *chart,
             const Layout       *layout,
             double              width)
{
  struct
  {
    const char         *label;
    const LcChartColor *color;
    gboolean            dashed;
  } items[4];
  guint n = 0;
  double x = LC_CHART_PADDING;
  double y = layout->legend_y;
  double mid = y + layout->row_height / 2;

  if (has_any_band (chart))
    {
      items[n].label = chart->band == LC_CHART_BAND_NORMAL ? _("Normal variation") : _("Likely range");
      items[n].color = &style->band;
      items[n++].dashed = FALSE;
    }
  if (chart->has_windows)
    {
      items[n].label = _("Before");
      items[n].color = &style->before_window;
      items[n++].dashed = FALSE;
      items[n].label = _("After");
      items[n].color = &style->after_window;
      items[n++].dashed = FALSE;
    }
  if (has_any_immature (chart))
    {
      items[n].label = _("Returns still coming in");
      items[n].color = &style->line;
      items[n++].dashed = TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) text = _lc_chart_text_layout (context, style, TICK_SCALE, FALSE, items[i].label);
      double w;

      _lc_chart_text_size (text, &w, NULL);
      if (x + 20 + w > width - LC_CHART_PADDING)
        break;
      if (items[i].dashed)
        {
          static const double dash[] = { 4.0, 3.0 };

          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_set_line_width (cr, LINE_WIDTH);
          _lc_chart_set_color (cr, items[i].color);
          cairo_move_to (cr, x, mid);
          cairo_line_to (cr, x + 14, mid);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          /* Shades are light: a hairline of the axis colour outlines them. */
          cairo_rectangle (cr, x + 0.5, mid - 5.5, 13, 11);
          _lc_chart_set_color (cr, items[i].color);
          cairo_fill_preserve (cr);
          _lc_chart_set_color (cr, &style->grid);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      draw_text (cr, text, &style->dim_text, x + 20, y);
      x += 20 + w + 2 * LC_CHART_PADDING;
    }
}

void
lc_time_chart_draw (cairo_t            *cr,
                    double              width,
                    double              height,
                    const LcChartStyle *style,
                    const LcTimeChart  *chart)
{
  PangoContext *context = NULL;
  const LcChartLayout *pub;
  Layout layout;

  g_return_if_fail (cr != NULL && style != NULL && chart != NULL);

  cairo_save (cr);
  context = _lc_chart_text_context_new (cr);
  compute_layout (chart, style, context, width, height, &layout);
  pub = &layout.pub;

  _lc_chart_set_color (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  _lc_chart_heading (cr, context, style, chart->title, chart->subtitle, width);

  if (layout.empty)
    {
      _lc_chart_draw_empty (cr, context, style, pub->plot_x, pub->plot_y, pub->plot_width, pub->plot_height);
      layout_clear (&layout);
      g_object_unref (context);
      cairo_restore (cr);
      return;
    }

  draw_legend (cr, context, style, chart, &layout, width);

  cairo_save (cr);
  cairo_rectangle (cr, pub->plot_x, pub->plot_y, pub->plot_width, pub->plot_height);
  cairo_clip (cr);
  draw_windows (cr, context, style, chart, &layout);
  cairo_restore (cr);

  draw_grid (cr, context, style, &layout);

  cairo_save (cr);
  cairo_rectangle (cr, pub->plot_x, pub->plot_y, pub->plot_width, pub->plot_height);
  cairo_clip (cr);
  draw_band (cr, style, chart, &layout);
  cairo_restore (cr);

  draw_markers (cr, context, style, chart, &layout);
  draw_x_axis (cr, context, style, &layout, width);

  cairo_save (cr);
  /* Room for dots and the line's width at the plot's edges. */
  cairo_rectangle (cr, pub->plot_x - 8, pub->plot_y - 8, pub->plot_width + 16, pub->plot_height + 16);
  cairo_clip (cr);
  draw_line (cr, style, chart, &layout);
  draw_highlight (cr, style, chart, &layout);
  cairo_restore (cr);

  layout_clear (&layout);
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
  lc_time_chart_draw (cr, width, height, style, chart);
}

GBytes *
lc_time_chart_render (const LcTimeChart  *chart,
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
lc_time_chart_write (const LcTimeChart  *chart,
                     const LcChartStyle *style,
                     LcChartFormat       format,
                     double              width,
                     double              height,
                     double              scale,
                     const char         *path,
                     GError            **error)
{
  g_autoptr(GBytes) bytes = lc_time_chart_render (chart, style, format, width, height, scale, error);

  return _lc_chart_write (bytes, path, error);
}
