/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-chart"

#include "config.h"

#include <math.h>

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "lc-chart-private.h"
#include "lc-display.h"
#include "lc-store.h"

G_DEFINE_QUARK (lc-chart-error-quark, lc_chart_error)

LcChartValueKind
lc_chart_value_kind_for_metric (LcMetric metric)
{
  switch (metric)
    {
    case LC_METRIC_REVENUE:
    case LC_METRIC_AOV:
    case LC_METRIC_RPV:
      return LC_CHART_VALUE_MONEY;

    case LC_METRIC_ORDERS:
    case LC_METRIC_SESSIONS:
      return LC_CHART_VALUE_COUNT;

    case LC_METRIC_UPT:
      return LC_CHART_VALUE_DECIMAL;

    case LC_METRIC_RETURN_RATE:
    case LC_METRIC_CONVERSION:
    default:
      return LC_CHART_VALUE_PERCENT;
    }
}

static char *
format_percent (double fraction,
                int    decimals)
{
  /* Translators: a percentage on a chart, such as "4.2%"; %.*f is the
   * number with its decimals. Write %% for the percent sign. */
  return g_strdup_printf (_("%.*f%%"), decimals, fraction * 100.0);
}

char *
lc_chart_format_value (LcChartValueKind kind,
                       const char      *currency,
                       double           value)
{
  switch (kind)
    {
    case LC_CHART_VALUE_MONEY:
      return lc_display_money (value, currency, -1);

    case LC_CHART_VALUE_COUNT:
      return lc_display_count ((gint64) llround (value));

    case LC_CHART_VALUE_DECIMAL:
      return g_strdup_printf ("%.2f", value);

    case LC_CHART_VALUE_PERCENT:
    default:
      return format_percent (value, 1);
    }
}

static GDateTime *
date_time_for_day (LcDay day)
{
  int year, month, mday;

  lc_day_to_ymd (day, &year, &month, &mday);
  return g_date_time_new_utc (year, month, mday, 0, 0, 0);
}

static char *
format_day (LcDay       day,
            const char *format)
{
  g_autoptr(GDateTime) date = date_time_for_day (day);

  if (date == NULL)
    return lc_day_format (day);
  return g_date_time_format (date, format);
}

char *
lc_chart_format_period (LcPeriod period,
                        LcDay    start,
                        LcDay    end)
{
  g_autofree char *day = NULL;

  switch (period)
    {
    case LC_PERIOD_WEEK:
      day = lc_display_day (start);
      /* Translators: a week on a chart, named by its first day: "Week of 3 Nov 2025". */
      return g_strdup_printf (_("Week of %s"), day);

    case LC_PERIOD_MONTH:
      /* Translators: a month on a chart, "November 2025"; see
       * g_date_time_format for the codes (%OB: the month's own name). */
      return format_day (start, _("%OB %Y"));

    case LC_PERIOD_DAY:
    default:
      return lc_display_day (start);
    }
}

LcPeriod
lc_chart_choose_period (LcDay  from,
                        LcDay  to,
                        double width,
                        double min_spacing)
{
  double days = MAX (1, (double) to - from + 1);
  double room = MAX (1.0, width / MAX (1.0, min_spacing));

  if (days <= room)
    return LC_PERIOD_DAY;
  if (days / 7.0 <= room)
    return LC_PERIOD_WEEK;
  return LC_PERIOD_MONTH;
}

static void
tick_clear (gpointer data)
{
  LcChartTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (LcChartTick));

  g_array_set_clear_func (ticks, tick_clear);
  return ticks;
}

static double
nice_step (double raw)
{
  static const double multiples[] = { 1, 2, 5, 10 };
  double magnitude = pow (10, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * magnitude >= raw * (1 - 1e-9))
      return multiples[i] * magnitude;
  return 10 * magnitude;
}

/* Digits after the point that show every multiple of step exactly. */
static int
step_decimals (double step)
{
  if (step >= 1)
    return 0;
  return (int) ceil (-log10 (step) - 1e-9);
}

static char *
format_money_tick (double      value,
                   double      step,
                   double      largest,
                   const char *currency)
{
  int decimals = step_decimals (step);

  /* "$1.5M" and "$40K" only where the short form shows each tick exactly. */
  if (largest >= 1e6 && fmod (step, 1e5) < 0.5)
    return lc_display_money_short (value, currency);
  if (largest >= 1e4 && largest < 1e6 && fmod (step, 1e3) < 0.5)
    return lc_display_money_short (value, currency);
  /* Cents are written in full ("$70.10") once any are needed. */
  if (decimals > 0)
    decimals = MAX (decimals, 2);
  return lc_display_money (value, currency, decimals);
}

GArray *
lc_chart_value_ticks (double           min,
                      double           max,
                      guint            max_ticks,
                      LcChartValueKind kind,
                      const char      *currency,
                      double          *out_min,
                      double          *out_max)
{
  GArray *ticks = tick_array_new ();
  double step, lo, hi, largest;
  guint n;

  max_ticks = MAX (max_ticks, 2);
  if (!isfinite (min) || !isfinite (max))
    min = max = 0;
  if (min > max)
    {
      double swap = min;

      min = max;
      max = swap;
    }
  if (max - min < 1e-12)
    {
      double pad = fabs (max) > 1e-12 ? fabs (max) * 0.1 : 1.0;

      if (kind == LC_CHART_VALUE_PERCENT && fabs (max) < 1e-12)
        pad = 0.01;
      min -= pad;
      max += pad;
      if (min < 0 && max - 2 * pad >= 0)
        min = 0;
    }

  step = nice_step ((max - min) / (max_ticks - 1));
  if (kind == LC_CHART_VALUE_COUNT)
    step = MAX (step, 1.0);
  for (;;)
    {
      lo = floor (min / step + 1e-9) * step;
      hi = ceil (max / step - 1e-9) * step;
      n = (guint) llround ((hi - lo) / step) + 1;
      if (n <= max_ticks)
        break;
      step = nice_step (step * 1.01);
    }
  if (n < 2)
    hi = lo + step, n = 2;

  largest = MAX (fabs (lo), fabs (hi));
  for (guint i = 0; i < n; i++)
    {
      LcChartTick tick = { 0 };

      tick.value = lo + i * step;
      if (fabs (tick.value) < step * 1e-9)
        tick.value = 0;
      switch (kind)
        {
        case LC_CHART_VALUE_MONEY:
          tick.label = format_money_tick (tick.value, step, largest, currency);
          break;

        case LC_CHART_VALUE_COUNT:
          tick.label = lc_display_count ((gint64) llround (tick.value));
          break;

        case LC_CHART_VALUE_DECIMAL:
          tick.label = g_strdup_printf ("%.*f", step_decimals (step), tick.value);
          break;

        case LC_CHART_VALUE_PERCENT:
        default:
          tick.label = format_percent (tick.value, step_decimals (step * 100.0));
          break;
        }
      g_array_append_val (ticks, tick);
    }

  if (out_min != NULL)
    *out_min = lo;
  if (out_max != NULL)
    *out_max = hi;
  return ticks;
}

typedef enum
{
  STEP_DAYS,
  STEP_WEEKS,
  STEP_MONTHS,
  STEP_YEARS,
} StepUnit;

static const struct
{
  StepUnit unit;
  int      count;
} day_steps[] = {
  { STEP_DAYS, 1 }, { STEP_DAYS, 2 }, { STEP_WEEKS, 1 }, { STEP_WEEKS, 2 },
  { STEP_MONTHS, 1 }, { STEP_MONTHS, 2 }, { STEP_MONTHS, 3 }, { STEP_MONTHS, 6 },
  { STEP_YEARS, 1 }, { STEP_YEARS, 2 }, { STEP_YEARS, 5 }, { STEP_YEARS, 10 },
  { STEP_YEARS, 50 },
};

static LcDay
first_tick (LcDay    from,
            StepUnit unit,
            int      count)
{
  int year, month, mday;
  LcDay day;

  switch (unit)
    {
    case STEP_WEEKS:
      day = lc_day_week_start (from);
      return day < from ? day + 7 : day;

    case STEP_MONTHS:
      day = lc_day_month_start (from);
      if (day < from)
        day = lc_day_add_months (day, 1);
      lc_day_to_ymd (day, &year, &month, &mday);
      return lc_day_add_months (day, (count - (month - 1) % count) % count);

    case STEP_YEARS:
      lc_day_to_ymd (from, &year, &month, &mday);
      if (month != 1 || mday != 1)
        year++;
      year += (count - year % count) % count;
      return lc_day_from_ymd (year, 1, 1);

    case STEP_DAYS:
    default:
      return from;
    }
}

static LcDay
next_tick (LcDay    day,
           StepUnit unit,
           int      count)
{
  switch (unit)
    {
    case STEP_WEEKS:
      return day + 7 * count;

    case STEP_MONTHS:
      return lc_day_add_months (day, count);

    case STEP_YEARS:
      return lc_day_add_months (day, 12 * count);

    case STEP_DAYS:
    default:
      return day + count;
    }
}

GArray *
lc_chart_day_ticks (LcDay from,
                    LcDay to,
                    guint max_ticks)
{
  GArray *ticks = tick_array_new ();
  guint level;

  max_ticks = MAX (max_ticks, 1);
  if (to < from)
    return ticks;

  for (level = 0; level < G_N_ELEMENTS (day_steps) - 1; level++)
    {
      guint n = 0;

      for (LcDay day = first_tick (from, day_steps[level].unit, day_steps[level].count);
           day <= to && n <= max_ticks;
           day = next_tick (day, day_steps[level].unit, day_steps[level].count))
        n++;
      if (n <= max_ticks)
        break;
    }

  for (LcDay day = first_tick (from, day_steps[level].unit, day_steps[level].count);
       day <= to;
       day = next_tick (day, day_steps[level].unit, day_steps[level].count))
    {
      LcChartTick tick = { 0 };
      int year, month, mday;

      lc_day_to_ymd (day, &year, &month, &mday);
      tick.value = day;
      switch (day_steps[level].unit)
        {
        case STEP_YEARS:
          tick.label = format_day (day, "%Y");
          break;

        case STEP_MONTHS:
          if (month == 1 || ticks->len == 0)
            /* Translators: a month on a date axis with its year, "Jan 2026"
             * (%Ob: the month's own short name). */
            tick.label = format_day (day, _("%Ob %Y"));
          else
            /* Translators: a month on a date axis, "Nov". */
            tick.label = format_day (day, _("%Ob"));
          break;

        case STEP_DAYS:
        case STEP_WEEKS:
        default:
          /* Translators: a day on a date axis, "3 Nov"; see g_date_time_format. */
          tick.label = format_day (day, _("%-d %b"));
          break;
        }
      g_array_append_val (ticks, tick);
    }
  return ticks;
}

/* The chart models */

static void
marker_clear (gpointer data)
{
  LcChartMarker *marker = data;

  g_free ((char *) marker->label);
  marker->label = NULL;
}

static void
bar_clear (gpointer data)
{
  LcChartBar *bar = data;

  g_clear_pointer (&bar->label, g_free);
}

LcTimeChart *
lc_time_chart_new (LcChartValueKind kind,
                   const char      *currency,
                   guint            exponent)
{
  LcTimeChart *chart = g_new0 (LcTimeChart, 1);

  chart->value_kind = kind;
  chart->currency = g_strdup (currency);
  chart->exponent = exponent;
  chart->period = LC_PERIOD_DAY;
  chart->points = g_array_new (FALSE, TRUE, sizeof (LcChartPoint));
  chart->markers = g_array_new (FALSE, TRUE, sizeof (LcChartMarker));
  g_array_set_clear_func (chart->markers, marker_clear);
  chart->before_from = chart->before_to = LC_DAY_NONE;
  chart->after_from = chart->after_to = LC_DAY_NONE;
  chart->highlight = -1;
  return chart;
}

void
lc_time_chart_free (LcTimeChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_free (chart->subtitle);
  g_free (chart->currency);
  g_array_unref (chart->points);
  g_array_unref (chart->markers);
  g_free (chart);
}

LcTimeChart *
lc_time_chart_copy (const LcTimeChart *chart)
{
  LcTimeChart *copy;

  g_return_val_if_fail (chart != NULL, NULL);

  copy = lc_time_chart_new (chart->value_kind, chart->currency, chart->exponent);
  lc_time_chart_set_title (copy, chart->title, chart->subtitle);
  copy->zero_based = chart->zero_based;
  copy->period = chart->period;
  copy->band = chart->band;
  g_array_append_vals (copy->points, chart->points->data, chart->points->len);
  for (guint i = 0; i < chart->markers->len; i++)
    {
      const LcChartMarker *marker = &g_array_index (chart->markers, LcChartMarker, i);

      lc_time_chart_add_marker (copy, marker->day, marker->on, marker->label);
    }
  copy->has_windows = chart->has_windows;
  copy->before_from = chart->before_from;
  copy->before_to = chart->before_to;
  copy->after_from = chart->after_from;
  copy->after_to = chart->after_to;
  copy->highlight = chart->highlight;
  return copy;
}

void
lc_time_chart_set_title (LcTimeChart *chart,
                         const char  *title,
                         const char  *subtitle)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->title);
  chart->title = g_strdup (title);
  g_free (chart->subtitle);
  chart->subtitle = g_strdup (subtitle);
}

void
lc_time_chart_set_series (LcTimeChart *chart,
                          GArray      *series,
                          LcPeriod     period)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (series != NULL);

  g_array_set_size (chart->points, 0);
  chart->period = period;
  chart->highlight = -1;
  for (guint i = 0; i < series->len; i++)
    {
      const LcSeriesPoint *in = &g_array_index (series, LcSeriesPoint, i);
      LcChartPoint point = {
        .start = in->start,
        .end = in->end,
        .value = in->value,
        .has_value = in->has_value && isfinite (in->value),
        .immature = in->immature,
      };

      g_array_append_val (chart->points, point);
    }
}

void
lc_time_chart_add_point (LcTimeChart        *chart,
                         const LcChartPoint *point)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (point != NULL);

  g_array_append_vals (chart->points, point, 1);
}

void
lc_time_chart_add_marker (LcTimeChart *chart,
                          LcDay        day,
                          gboolean     on,
                          const char  *label)
{
  LcChartMarker marker = { .day = day, .on = on, .label = g_strdup (label) };

  g_return_if_fail (chart != NULL);

  g_array_append_val (chart->markers, marker);
}

void
lc_time_chart_set_windows (LcTimeChart *chart,
                           LcDay        before_from,
                           LcDay        before_to,
                           LcDay        after_from,
                           LcDay        after_to)
{
  g_return_if_fail (chart != NULL);

  chart->has_windows = before_from != LC_DAY_NONE;
  chart->before_from = before_from;
  chart->before_to = before_to;
  chart->after_from = after_from;
  chart->after_to = after_to;
}

void
lc_time_chart_set_normal_band (LcTimeChart *chart,
                               guint        trailing)
{
  guint needed = MAX (3, trailing / 2);

  g_return_if_fail (chart != NULL);

  chart->band = LC_CHART_BAND_NORMAL;
  for (guint i = 0; i < chart->points->len; i++)
    {
      LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, i);
      double sum = 0, sum_sq = 0, mean, sd;
      guint n = 0;

      point->has_band = FALSE;
      if (point->immature)
        continue;
      for (guint j = i; j > 0 && i - j < trailing; j--)
        {
          const LcChartPoint *earlier = &g_array_index (chart->points, LcChartPoint, j - 1);

          if (!earlier->has_value || earlier->immature)
            continue;
          sum += earlier->value;
          n++;
        }
      if (n < needed)
        continue;
      mean = sum / n;
      for (guint j = i; j > 0 && i - j < trailing; j--)
        {
          const LcChartPoint *earlier = &g_array_index (chart->points, LcChartPoint, j - 1);

          if (earlier->has_value && !earlier->immature)
            sum_sq += (earlier->value - mean) * (earlier->value - mean);
        }
      sd = sqrt (sum_sq / (n - 1));
      point->has_band = TRUE;
      point->band_low = mean - 2 * sd;
      point->band_high = mean + 2 * sd;
    }
}

LcBarChart *
lc_bar_chart_new (LcChartValueKind kind,
                  const char      *currency,
                  guint            exponent)
{
  LcBarChart *chart = g_new0 (LcBarChart, 1);

  chart->value_kind = kind;
  chart->currency = g_strdup (currency);
  chart->exponent = exponent;
  chart->bars = g_array_new (FALSE, TRUE, sizeof (LcChartBar));
  g_array_set_clear_func (chart->bars, bar_clear);
  chart->highlight = -1;
  return chart;
}

void
lc_bar_chart_free (LcBarChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_free (chart->subtitle);
  g_free (chart->currency);
  g_free (chart->reference_label);
  g_array_unref (chart->bars);
  g_free (chart);
}

LcBarChart *
lc_bar_chart_copy (const LcBarChart *chart)
{
  LcBarChart *copy;

  g_return_val_if_fail (chart != NULL, NULL);

  copy = lc_bar_chart_new (chart->value_kind, chart->currency, chart->exponent);
  lc_bar_chart_set_title (copy, chart->title, chart->subtitle);
  for (guint i = 0; i < chart->bars->len; i++)
    {
      const LcChartBar *bar = &g_array_index (chart->bars, LcChartBar, i);

      lc_bar_chart_add_bar (copy, bar->label, bar->value, bar->has_interval,
                            bar->low, bar->high, bar->highlighted);
    }
  if (chart->has_reference)
    lc_bar_chart_set_reference (copy, chart->reference, chart->reference_label);
  copy->highlight = chart->highlight;
  return copy;
}

void
lc_bar_chart_set_title (LcBarChart *chart,
                        const char *title,
                        const char *subtitle)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->title);
  chart->title = g_strdup (title);
  g_free (chart->subtitle);
  chart->subtitle = g_strdup (subtitle);
}

void
lc_bar_chart_add_bar (LcBarChart *chart,
                      const char *label,
                      double      value,
                      gboolean    has_interval,
                      double      low,
                      double      high,
                      gboolean    highlighted)
{
  LcChartBar bar = {
    .label = g_strdup (label),
    .value = value,
    .has_interval = has_interval,
    .low = low,
    .high = high,
    .highlighted = highlighted,
  };

  g_return_if_fail (chart != NULL);

  g_array_append_val (chart->bars, bar);
}

void
lc_bar_chart_set_reference (LcBarChart *chart,
                            double      value,
                            const char *label)
{
  g_return_if_fail (chart != NULL);

  chart->has_reference = TRUE;
  chart->reference = value;
  g_free (chart->reference_label);
  chart->reference_label = g_strdup (label);
}

/* Text and pixels */

PangoContext *
_lc_chart_text_context_new (cairo_t *cr)
{
  PangoContext *context;
  cairo_font_options_t *options = cairo_font_options_create ();

  if (cr != NULL)
    context = pango_cairo_create_context (cr);
  else
    context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

PangoLayout *
_lc_chart_text_layout (PangoContext       *context,
                       const LcChartStyle *style,
                       double              scale,
                       gboolean            bold,
                       const char         *text)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family);
  pango_font_description_set_absolute_size (font, style->font_size * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_font_description_free (font);
  return layout;
}

void
_lc_chart_text_size (PangoLayout *layout,
                     double      *width,
                     double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
_lc_chart_set_color (cairo_t            *cr,
                     const LcChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static double
device_scale (cairo_t *cr,
              gboolean along_x)
{
  double sx = 1, sy = 1;

  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  return along_x ? sx : sy;
}

static double
snap (cairo_t *cr,
      double   coord,
      double   line_width,
      gboolean along_x)
{
  double scale = device_scale (cr, along_x);
  double x = along_x ? coord : 0, y = along_x ? 0 : coord;
  double dx = along_x ? line_width : 0, dy = along_x ? 0 : line_width;
  double *pos = along_x ? &x : &y;
  double pixels;

  cairo_user_to_device (cr, &x, &y);
  cairo_user_to_device_distance (cr, &dx, &dy);
  pixels = MAX (1, round (hypot (dx, dy) * scale));
  *pos *= scale;
  *pos = ((long) pixels % 2 == 1) ? floor (*pos) + 0.5 : round (*pos);
  *pos /= scale;
  cairo_device_to_user (cr, &x, &y);
  return along_x ? x : y;
}

double
_lc_chart_snap_x (cairo_t *cr,
                  double   x,
                  double   line_width)
{
  return snap (cr, x, line_width, TRUE);
}

double
_lc_chart_snap_y (cairo_t *cr,
                  double   y,
                  double   line_width)
{
  return snap (cr, y, line_width, FALSE);
}

double
_lc_chart_heading (cairo_t            *cr,
                   PangoContext       *context,
                   const LcChartStyle *style,
                   const char         *title,
                   const char         *subtitle,
                   double              width)
{
  double y = LC_CHART_PADDING;
  gboolean any = FALSE;
  const struct
  {
    const char         *text;
    double              scale;
    gboolean            bold;
    const LcChartColor *color;
  } lines[] = {
    { title, 1.25, TRUE, &style->text },
    { subtitle, 1.0, FALSE, &style->dim_text },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      double height;

      if (lines[i].text == NULL || lines[i].text[0] == '\0')
        continue;
      layout = _lc_chart_text_layout (context, style, lines[i].scale, lines[i].bold, lines[i].text);
      pango_layout_set_width (layout, (int) (MAX (1, width - 2 * LC_CHART_PADDING) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      _lc_chart_text_size (layout, NULL, &height);
      if (cr != NULL)
        {
          _lc_chart_set_color (cr, lines[i].color);
          cairo_move_to (cr, LC_CHART_PADDING, y);
          pango_cairo_show_layout (cr, layout);
        }
      y += height + 2;
      any = TRUE;
    }
  return any ? y - LC_CHART_PADDING + LC_CHART_GAP : 0;
}

void
_lc_chart_draw_empty (cairo_t            *cr,
                      PangoContext       *context,
                      const LcChartStyle *style,
                      double              x,
                      double              y,
                      double              width,
                      double              height)
{
  g_autoptr(PangoLayout) layout = _lc_chart_text_layout (context, style, 1.0, FALSE,
                                                         _("No data for these days"));
  double text_width, text_height;

  _lc_chart_text_size (layout, &text_width, &text_height);
  _lc_chart_set_color (cr, &style->dim_text);
  cairo_move_to (cr, x + (width - text_width) / 2, y + (height - text_height) / 2);
  pango_cairo_show_layout (cr, layout);
}

/* Export */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
_lc_chart_render (LcChartDrawFunc     draw,
                  gconstpointer       chart,
                  const LcChartStyle *style,
                  LcChartFormat       format,
                  double              width,
                  double              height,
                  double              scale,
                  GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (format == LC_CHART_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
    }
  else
    {
      scale = scale > 0 ? scale : 1;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
    }

  cr = cairo_create (surface);
  draw (cr, width, height, style, chart);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == LC_CHART_FORMAT_PNG)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LC_CHART_ERROR, LC_CHART_ERROR_FAILED,
                   /* Translators: %s is cairo's own reason */
                   _("Could not draw the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
_lc_chart_write (GBytes     *bytes,
                 const char *path,
                 GError    **error)
{
  gsize size;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return g_file_set_contents (path, data, (gssize) size, error);
}
