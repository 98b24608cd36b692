/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-report"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "lc-bundles.h"
#include "lc-chart.h"
#include "lc-display.h"
#include "lc-experiments.h"
#include "lc-feature.h"
#include "lc-money.h"
#include "lc-report.h"
#include "lc-returns.h"
#include "lc-thread.h"

G_DEFINE_QUARK (lc-report-error-quark, lc_report_error)

/* The power the "tests to run next" are sized for: a 2% change. */
#define REPORT_TEST_LIFT 0.02
#define MAX_TABLE_ROWS   12

/* Text sizes in points. */
#define SIZE_COVER   30.0
#define SIZE_H1      17.0
#define SIZE_H2      13.0
#define SIZE_BODY    10.0
#define SIZE_SMALL    8.5

/* Paper */

LcPaper
lc_paper_from_locale (void)
{
#ifdef _NL_PAPER_WIDTH
  int width = (int) (intptr_t) nl_langinfo (_NL_PAPER_WIDTH);
  int height = (int) (intptr_t) nl_langinfo (_NL_PAPER_HEIGHT);

  if (width == 216 && height == 279)
    return LC_PAPER_LETTER;
  return LC_PAPER_A4;
#else
  const char *locale = setlocale (LC_PAPER, NULL);

  if (locale != NULL && (strstr (locale, "_US") != NULL || strstr (locale, "_CA") != NULL))
    return LC_PAPER_LETTER;
  return LC_PAPER_A4;
#endif
}

gboolean
lc_paper_from_string (const char *text,
                      LcPaper    *out)
{
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *out = LC_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *out = LC_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
lc_paper_get_size (LcPaper  paper,
                   double  *width,
                   double  *height)
{
  if (paper == LC_PAPER_LETTER)
    {
      *width = 612.0;
      *height = 792.0;
    }
  else
    {
      *width = 595.276;
      *height = 841.89;
    }
}

void
lc_report_options_init (LcReportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->paper = lc_paper_from_locale ();
}

/* The page writer: a cursor moving down the page, new pages as it fills. */

typedef enum
{
  TEXT_COVER,
  TEXT_H1,
  TEXT_H2,
  TEXT_BODY,
  TEXT_BODY_BOLD,
  TEXT_SMALL,
  TEXT_KICKER,
} TextKind;

typedef struct
{
  cairo_t            *cr;
  PangoContext       *pango;
  LcChartStyle        chart_style;
  const char         *footer;
  double              page_width;
  double              page_height;
  double              left;
  double              width;       /* of the text column */
  double              top;
  double              bottom;
  double              y;
  int                 page;
  gboolean            page_empty;
} Writer;

static const LcChartColor accent = { 0.11, 0.44, 0.85, 1.0 };
static const LcChartColor text_color = { 0.14, 0.14, 0.16, 1.0 };
static const LcChartColor dim_color = { 0.40, 0.40, 0.44, 1.0 };
static const LcChartColor rule_color = { 0.84, 0.84, 0.86, 1.0 };
static const LcChartColor box_color = { 0.95, 0.96, 0.98, 1.0 };

static void
set_color (cairo_t            *cr,
           const LcChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static PangoLayout *
make_layout (Writer     *w,
             const char *text,
             TextKind    kind,
             double      width)
{
  PangoLayout *layout = pango_layout_new (w->pango);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, sans-serif");
  double size = SIZE_BODY;
  PangoWeight weight = PANGO_WEIGHT_NORMAL;

  switch (kind)
    {
    case TEXT_COVER:
      size = SIZE_COVER;
      weight = PANGO_WEIGHT_BOLD;
      break;
    case TEXT_H1:
      size = SIZE_H1;
      weight = PANGO_WEIGHT_BOLD;
      break;
    case TEXT_H2:
      size = SIZE_H2;
      weight = PANGO_WEIGHT_BOLD;
      break;
    case TEXT_BODY_BOLD:
      weight = PANGO_WEIGHT_BOLD;
      break;
    case TEXT_SMALL:
      size = SIZE_SMALL;
      break;
    case TEXT_KICKER:
      size = SIZE_SMALL;
      weight = PANGO_WEIGHT_BOLD;
      break;
    case TEXT_BODY:
    default:
      break;
    }

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_spacing (layout, (int) (size * 0.25 * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
show_layout (Writer             *w,
             PangoLayout        *layout,
             double              x,
             double              y,
             const LcChartColor *color)
{
  cairo_move_to (w->cr, x, y);
  set_color (w->cr, color);
  pango_cairo_show_layout (w->cr, layout);
}

static void
draw_footer (Writer *w)
{
  g_autofree char *number = g_strdup_printf (_("Page %d"), w->page);
  g_autoptr(PangoLayout) left = make_layout (w, w->footer, TEXT_SMALL, w->width * 0.8);
  g_autoptr(PangoLayout) right = make_layout (w, number, TEXT_SMALL, -1);
  double y = w->page_height - w->top * 0.75;

  cairo_set_line_width (w->cr, 0.5);
  set_color (w->cr, &rule_color);
  cairo_move_to (w->cr, w->left, y - 6);
  cairo_line_to (w->cr, w->left + w->width, y - 6);
  cairo_stroke (w->cr);
  show_layout (w, left, w->left, y, &dim_color);
  show_layout (w, right, w->left + w->width - layout_width (right), y, &dim_color);
}

static void
finish_page (Writer *w)
{
  draw_footer (w);
  cairo_show_page (w->cr);
}

static void
new_page (Writer *w)
{
  finish_page (w);
  w->page++;
  w->y = w->top;
  w->page_empty = TRUE;
}

/* Starts a new page unless height fits below the cursor. */
static void
ensure_space (Writer *w,
              double  height)
{
  if (!w->page_empty && w->y + height > w->bottom)
    new_page (w);
}

static void
space (Writer *w,
       double  points)
{
  if (!w->page_empty)
    w->y += points;
}

static void
add_text_full (Writer             *w,
               const char         *text,
               TextKind            kind,
               const LcChartColor *color,
               double              indent,
               double              keep_with_next)
{
  g_autoptr(PangoLayout) layout = make_layout (w, text, kind, w->width - indent);
  double height = layout_height (layout);

  ensure_space (w, height + keep_with_next);
  show_layout (w, layout, w->left + indent, w->y, color);
  w->y += height;
  w->page_empty = FALSE;
}

static void
add_heading (Writer     *w,
             const char *text)
{
  space (w, 18);
  add_text_full (w, text, TEXT_H1, &text_color, 0, 80);
  w->y += 4;
  cairo_set_line_width (w->cr, 1.5);
  set_color (w->cr, &accent);
  cairo_move_to (w->cr, w->left, w->y);
  cairo_line_to (w->cr, w->left + 36, w->y);
  cairo_stroke (w->cr);
  w->y += 10;
}

static void
add_paragraph (Writer     *w,
               const char *text)
{
  add_text_full (w, text, TEXT_BODY, &text_color, 0, 0);
  w->y += 6;
}

static void
add_note (Writer     *w,
          const char *text)
{
  add_text_full (w, text, TEXT_SMALL, &dim_color, 0, 0);
  w->y += 6;
}

/* keep_with_next: room the next item needs on the same page. */
static void
add_bullet (Writer     *w,
            const char *text,
            double      keep_with_next)
{
  g_autoptr(PangoLayout) bullet = make_layout (w, "•", TEXT_BODY, -1);
  g_autoptr(PangoLayout) layout = make_layout (w, text, TEXT_BODY, w->width - 14);
  double height = layout_height (layout);

  ensure_space (w, height + keep_with_next);
  show_layout (w, bullet, w->left + 2, w->y, &accent);
  show_layout (w, layout, w->left + 14, w->y, &text_color);
  w->y += height + 4;
  w->page_empty = FALSE;
}

/* A table row: cells at fractions of the column width; the first row of a
 * table is its header. */
static void
add_row (Writer             *w,
         const char * const *cells,
         const double       *columns,
         guint               n,
         gboolean            header)
{
  PangoLayout *layouts[8];
  double height = 0;

  g_assert (n <= G_N_ELEMENTS (layouts));
  for (guint i = 0; i < n; i++)
    {
      double x = columns[i] * w->width;
      double next = i + 1 < n ? columns[i + 1] * w->width : w->width;

      layouts[i] = make_layout (w, cells[i] != NULL ? cells[i] : "", header ? TEXT_KICKER : TEXT_BODY, next - x - 8);
      height = MAX (height, layout_height (layouts[i]));
    }

  ensure_space (w, height + 8 + (header ? 48 : 0));
  for (guint i = 0; i < n; i++)
    {
      show_layout (w, layouts[i], w->left + columns[i] * w->width, w->y + 4,
                   header ? &dim_color : &text_color);
      g_object_unref (layouts[i]);
    }
  w->y += height + 8;
  cairo_set_line_width (w->cr, header ? 1.0 : 0.5);
  set_color (w->cr, header ? &dim_color : &rule_color);
  cairo_move_to (w->cr, w->left, w->y);
  cairo_line_to (w->cr, w->left + w->width, w->y);
  cairo_stroke (w->cr);
  w->page_empty = FALSE;
}

static void
add_time_chart (Writer            *w,
                const LcTimeChart *chart,
                double             height)
{
  ensure_space (w, height + 8);
  cairo_save (w->cr);
  cairo_translate (w->cr, w->left, w->y);
  cairo_rectangle (w->cr, 0, 0, w->width, height);
  cairo_clip (w->cr);
  lc_time_chart_draw (w->cr, w->width, height, &w->chart_style, chart);
  cairo_restore (w->cr);
  w->y += height + 8;
  w->page_empty = FALSE;
}

/* A rounded box behind the text drawn after it, from y to y + height. */
static void
fill_box (Writer             *w,
          double              y,
          double              height,
          const LcChartColor *color)
{
  double r = 6, x = w->left - 10, width = w->width + 20;

  cairo_new_sub_path (w->cr);
  cairo_arc (w->cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (w->cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (w->cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (w->cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (w->cr);
  set_color (w->cr, color);
  cairo_fill (w->cr);
}

/* Formatting */

static double
money_major (gint64 minor,
             guint  exponent)
{
  return lc_money_to_double (minor, exponent);
}

static char *
format_metric (double      value,
               LcMetric    metric,
               const char *currency)
{
  switch (metric)
    {
    case LC_METRIC_REVENUE:
      return lc_display_money (value, currency, 0);
    case LC_METRIC_AOV:
    case LC_METRIC_RPV:
      return lc_display_money (value, currency, -1);
    case LC_METRIC_ORDERS:
    case LC_METRIC_SESSIONS:
      return lc_display_count ((gint64) llround (value));
    case LC_METRIC_UPT:
      return g_strdup_printf ("%.2f", value);
    case LC_METRIC_RETURN_RATE:
    case LC_METRIC_CONVERSION:
    default:
      return g_strdup_printf (_("%.1f%%"), value * 100);
    }
}

static gboolean
metric_is_rate (LcMetric metric)
{
  return metric == LC_METRIC_RETURN_RATE || metric == LC_METRIC_CONVERSION;
}

/* A typographic minus in place of printf's hyphen; takes text. */
static char *
with_minus (char *text)
{
  char *result;

  if (text[0] != '-')
    return text;
  result = g_strconcat ("−", text + 1, NULL);
  g_free (text);
  return result;
}

/* "+4.3%", or "+1.2 points" for rates. */
static char *
format_change (double   before,
               double   after,
               LcMetric metric)
{
  if (metric_is_rate (metric))
    /* Translators: a change of a percentage, "+1.2 points". */
    return with_minus (g_strdup_printf (_("%+.1f points"), (after - before) * 100));
  if (before == 0)
    return g_strdup ("—");
  return with_minus (g_strdup_printf (_("%+.1f%%"), (after / before - 1) * 100));
}

static char *
format_metric_change (double      change,
                      LcMetric    metric,
                      const char *currency)
{
  g_autofree char *magnitude = NULL;

  if (metric_is_rate (metric))
    return with_minus (g_strdup_printf (_("%+.1f points"), change * 100));
  if (metric == LC_METRIC_UPT)
    return with_minus (g_strdup_printf ("%+.2f", change));
  magnitude = format_metric (fabs (change), metric, currency);
  /* A word joiner keeps the sign on the line of its amount. */
  return g_strdup_printf ("%s\u2060%s", change < 0 ? "−" : "+", magnitude);
}

static char *
format_day_range (LcDay first,
                  LcDay last)
{
  g_autofree char *a = lc_display_day (first);
  g_autofree char *b = lc_display_day (last);

  /* Translators: a span of days, "1 Nov 2024 – 31 Oct 2026". */
  return g_strdup_printf (_("%s – %s"), a, b);
}

static const char *
metric_heading (LcMetric metric)
{
  switch (metric)
    {
    case LC_METRIC_REVENUE:
      return _("Revenue");
    case LC_METRIC_ORDERS:
      return _("Orders");
    case LC_METRIC_AOV:
      return _("Average order value");
    case LC_METRIC_UPT:
      return _("Items per order");
    case LC_METRIC_RETURN_RATE:
      return _("Return rate");
    case LC_METRIC_SESSIONS:
      return _("Visits");
    case LC_METRIC_CONVERSION:
      return _("Conversion");
    case LC_METRIC_RPV:
    default:
      return _("Revenue per visit");
    }
}

static const LcChartColor *
verdict_color (LcVerdictKind kind)
{
  static const LcChartColor colors[] = {
    [LC_VERDICT_KEEP] = { 0.15, 0.55, 0.30, 1.0 },
    [LC_VERDICT_TURN_OFF] = { 0.75, 0.11, 0.16, 1.0 },
    [LC_VERDICT_TRY] = { 0.11, 0.44, 0.85, 1.0 },
    [LC_VERDICT_TEST_FIRST] = { 0.78, 0.43, 0.0, 1.0 },
    [LC_VERDICT_NOT_ENOUGH_DATA] = { 0.45, 0.45, 0.48, 1.0 },
  };

  return kind < G_N_ELEMENTS (colors) ? &colors[kind] : &colors[LC_VERDICT_NOT_ENOUGH_DATA];
}

static void
add_markers (LcTimeChart *chart,
             GPtrArray   *spans,
             const char  *feature)
{
  LcDay from, to;

  if (chart->points->len == 0)
    return;
  from = g_array_index (chart->points, LcChartPoint, 0).start;
  to = g_array_index (chart->points, LcChartPoint, chart->points->len - 1).end + 1;
  for (guint i = 0; i < spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (spans, i);
      const char *title = lc_feature_info_get_title (lc_feature_lookup (span->feature));

      if (feature != NULL && !g_str_equal (span->feature, feature))
        continue;
      if (span->on_day >= from && span->on_day <= to)
        {
          /* Translators: a chart label; %s is a feature, "Cart bundles". */
          g_autofree char *label = g_strdup_printf (_("%s on"), title);

          lc_time_chart_add_marker (chart, span->on_day, TRUE, label);
        }
      if (span->off_day != LC_DAY_NONE && span->off_day >= from && span->off_day <= to)
        {
          /* Translators: a chart label; %s is a feature, "Cart bundles". */
          g_autofree char *label = g_strdup_printf (_("%s off"), title);

          lc_time_chart_add_marker (chart, span->off_day, FALSE, label);
        }
    }
}

static guint
band_trailing (LcPeriod period)
{
  switch (period)
    {
    case LC_PERIOD_WEEK:
      return 13;
    case LC_PERIOD_MONTH:
      return 12;
    case LC_PERIOD_DAY:
    default:
      return 28;
    }
}

LcTimeChart *
lc_report_metric_chart (GArray     *series,
                        LcMetric    metric,
                        LcPeriod    period,
                        const char *currency,
                        guint       exponent,
                        GPtrArray  *spans,
                        const char *feature,
                        const char *subtitle)
{
  LcTimeChart *chart;

  g_return_val_if_fail (series != NULL, NULL);

  chart = lc_time_chart_new (lc_chart_value_kind_for_metric (metric), currency, exponent);
  chart->zero_based = metric == LC_METRIC_REVENUE || metric == LC_METRIC_ORDERS || metric == LC_METRIC_SESSIONS;
  lc_time_chart_set_title (chart, metric_heading (metric), subtitle);
  lc_time_chart_set_series (chart, series, period);
  lc_time_chart_set_normal_band (chart, band_trailing (period));
  if (spans != NULL)
    add_markers (chart, spans, feature);
  return chart;
}

/* A weekly chart of metric over from..to: the same drawing as the app's
 * overview. */
static LcTimeChart *
make_chart (const LcAnalysis *analysis,
            LcMetric          metric,
            const char       *feature,
            LcDay             from,
            LcDay             to,
            const char       *subtitle)
{
  const LcSummary *s = analysis->summary;
  g_autoptr(GArray) series = NULL;

  /* Sums show whole weeks only: a part week would read as a drop. */
  if (metric == LC_METRIC_REVENUE || metric == LC_METRIC_ORDERS)
    {
      if (lc_day_week_start (from) != from)
        from = lc_day_week_start (from) + 7;
      if (lc_day_week_start (to + 1) != to + 1)
        to = lc_day_week_start (to) - 1;
    }
  series = lc_series_from_daily (analysis->daily, metric, LC_PERIOD_WEEK, from, to, s->last_day, s->exponent);
  return lc_report_metric_chart (series, metric, LC_PERIOD_WEEK, s->currency, s->exponent,
                                 analysis->spans, feature, subtitle);
}

/* What the report reads from the store besides the analysis: bundles,
 * returns and test durations. lc_report_write() reads them on connections
 * of their own while the analysis runs: the returns on one, the rest on
 * another. */
typedef struct
{
  LcBundles       *bundles;
  LcReturnsReport *returns;
  LcPower         *power_aov;    /* NULL when the store has too little for it */
  LcPower         *power_upt;
} StoreReads;

typedef gboolean (*StoreReadsFunc) (StoreReads    *reads,
                                    LcStore       *store,
                                    GCancellable  *cancellable,
                                    GError       **error);

static void
store_reads_clear (StoreReads *reads)
{
  g_clear_pointer (&reads->bundles, lc_bundles_free);
  g_clear_pointer (&reads->returns, lc_returns_report_free);
  g_clear_pointer (&reads->power_aov, g_free);
  g_clear_pointer (&reads->power_upt, g_free);
}

static gboolean
store_reads_fill_returns (StoreReads    *reads,
                          LcStore       *store,
                          GCancellable  *cancellable,
                          GError       **error)
{
  reads->returns = lc_store_compute_returns (store, LC_DAY_NONE, LC_DAY_NONE, LC_RETURNS_DEFAULT_CUT, error);
  return reads->returns != NULL && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Bundles and test durations. */
static gboolean
store_reads_fill_rest (StoreReads    *reads,
                       LcStore       *store,
                       GCancellable  *cancellable,
                       GError       **error)
{
  reads->bundles = lc_store_mine_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, error);
  if (reads->bundles == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* A store without the data for a test just has no duration to show. */
  reads->power_aov = lc_store_compute_power (store, LC_METRIC_AOV, REPORT_TEST_LIFT, NULL);
  reads->power_upt = lc_store_compute_power (store, LC_METRIC_UPT, REPORT_TEST_LIFT, NULL);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
store_reads_fill (StoreReads    *reads,
                  LcStore       *store,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return store_reads_fill_rest (reads, store, cancellable, error) &&
         store_reads_fill_returns (reads, store, cancellable, error);
}

/* The report's state while it is drawn. */

typedef struct
{
  Writer                w;
  const LcAnalysis     *analysis;
  const LcSummary      *summary;
  StoreReads           *reads;
  const char           *store_name;
  LcReportProgressFunc  progress;
  gpointer              progress_data;
} Report;

static void
report_progress (Report *r,
                 double  fraction)
{
  if (r->progress != NULL)
    r->progress (fraction, r->progress_data);
}

/* Test durations are read for items per order and order value only. */
static const LcPower *
report_power (Report   *r,
              LcMetric  metric)
{
  return metric == LC_METRIC_UPT ? r->reads->power_upt : r->reads->power_aov;
}

static void
write_cover (Report *r)
{
  Writer *w = &r->w;
  const LcSummary *s = r->summary;
  const LcAdvice *advice = r->analysis->advice;
  g_autofree char *period = format_day_range (s->first_day, s->last_day);
  g_autofree char *period_line = NULL;
  g_autofree char *revenue = lc_display_money (money_major (s->revenue_12m, s->exponent), s->currency, 0);
  g_autofree char *revenue_line = NULL;
  const double columns[] = { 0, 0.38, 0.7 };
  g_autoptr(PangoLayout) tier_title = NULL;
  g_autoptr(PangoLayout) tier_advice = NULL;
  double box_top, box_height;

  w->y = w->top + 40;
  add_text_full (w, _("LIFTCHECK REPORT"), TEXT_KICKER, &accent, 0, 0);
  w->y += 6;
  add_text_full (w, r->store_name, TEXT_COVER, &text_color, 0, 0);
  w->y += 8;
  /* Translators: %s is a span of days, "1 Nov 2024 – 31 Oct 2026". */
  period_line = g_strdup_printf (_("Orders from %s, in %s"), period, s->currency);
  add_text_full (w, period_line, TEXT_H2, &dim_color, 0, 0);
  w->y += 4;
  add_paragraph (w, _("Which “AI personalization” features really make this store’s customers spend more, "
                      "which to switch off, and what to test next, measured on the store’s own orders."));

  /* The store's size and what it means, in a box. */
  w->y += 18;
  /* Translators: %s is a store's revenue over the last 365 days. */
  revenue_line = g_strdup_printf (_("Store size: %s in the last 365 days, after refunds"), revenue);
  tier_title = make_layout (w, lc_tier_get_title (advice->tier), TEXT_H1, w->width - 16);
  tier_advice = make_layout (w, lc_tier_get_advice (advice->tier), TEXT_BODY, w->width - 16);
  box_top = w->y;
  box_height = 16 + 14 + layout_height (tier_title) + 6 + layout_height (tier_advice) + 14;
  fill_box (w, box_top, box_height, &box_color);
  {
    g_autoptr(PangoLayout) kicker = make_layout (w, revenue_line, TEXT_KICKER, w->width - 16);

    show_layout (w, kicker, w->left + 8, box_top + 14, &dim_color);
  }
  show_layout (w, tier_title, w->left + 8, box_top + 30, &text_color);
  show_layout (w, tier_advice, w->left + 8, box_top + 36 + layout_height (tier_title), &text_color);
  w->y = box_top + box_height + 12;

  add_heading (w, _("At a glance"));
  {
    const char *header[] = { _("Feature"), _("What to do"), _("Look again on") };

    add_row (w, header, columns, 3, TRUE);
  }
  for (guint i = 0; i < advice->verdicts->len; i++)
    {
      const LcVerdict *v = g_ptr_array_index (advice->verdicts, i);
      g_autofree char *review = lc_display_day (v->review_on);
      const char *cells[] = { lc_feature_info_get_title (lc_feature_lookup (v->feature)),
                              lc_verdict_get_title (v), review };

      add_row (w, cells, columns, 3, FALSE);
    }
  w->y += 10;
  add_note (w, _("Each feature has its own section with the numbers and reasons behind its verdict. "
                 "No customer names, e-mail addresses or other personal details are in this report."));
}

static void
write_headline (Report *r)
{
  Writer *w = &r->w;
  const LcSummary *s = r->summary;
  LcPeriodMetrics now, before;
  LcDay from, to, before_from = LC_DAY_NONE, before_to = LC_DAY_NONE;
  gboolean has_before;
  const double columns[] = { 0, 0.34, 0.56, 0.8 };
  const LcMetric metrics[] = { LC_METRIC_REVENUE, LC_METRIC_ORDERS, LC_METRIC_AOV, LC_METRIC_UPT, LC_METRIC_RETURN_RATE };
  g_autofree char *range = NULL;
  g_autofree char *intro = NULL;

  new_page (w);
  add_heading (w, _("The headline numbers"));
  lc_lookback_get_range (LC_LOOKBACK_12_MONTHS, s->first_day, s->last_day, &from, &to);
  has_before = lc_lookback_get_year_before (LC_LOOKBACK_12_MONTHS, s->first_day, s->last_day, &before_from, &before_to);
  lc_period_metrics_compute (r->analysis->daily, from, to, s->exponent, &now);
  if (has_before)
    lc_period_metrics_compute (r->analysis->daily, before_from, before_to, s->exponent, &before);

  range = format_day_range (from, to);
  if (has_before)
    {
      g_autofree char *before_range = format_day_range (before_from, before_to);

      /* Translators: two spans of days. */
      intro = g_strdup_printf (_("The last 12 months (%s) against the same weeks a year earlier (%s)."),
                               range, before_range);
    }
  else
    /* Translators: a span of days. */
    intro = g_strdup_printf (_("The last 12 months (%s). The store’s orders do not go back far enough to compare them with the year before."),
                             range);
  add_paragraph (w, intro);
  w->y += 4;

  {
    const char *header[] = { "", _("Last 12 months"), _("A year earlier"), _("Change") };

    add_row (w, header, columns, has_before ? 4 : 2, TRUE);
  }
  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      LcMetric m = metrics[i];
      double value_now, value_before = 0;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *change = NULL;

      switch (m)
        {
        case LC_METRIC_REVENUE:
          value_now = now.revenue;
          value_before = before.revenue;
          break;
        case LC_METRIC_ORDERS:
          value_now = now.orders;
          value_before = before.orders;
          break;
        case LC_METRIC_AOV:
          value_now = now.aov;
          value_before = before.aov;
          break;
        case LC_METRIC_UPT:
          value_now = now.upt;
          value_before = before.upt;
          break;
        case LC_METRIC_RETURN_RATE:
        default:
          value_now = now.return_rate;
          value_before = before.return_rate;
          break;
        }
      a = format_metric (value_now, m, s->currency);
      if (has_before)
        {
          b = format_metric (value_before, m, s->currency);
          change = format_change (value_before, value_now, m);
        }
      {
        const char *cells[] = { metric_heading (m), a, b, change };

        add_row (w, cells, columns, has_before ? 4 : 2, FALSE);
      }
    }
  w->y += 10;
  add_note (w, _("Revenue is order totals less refunds. Average order value is what a customer spends per order, "
                 "before shipping and taxes. The return rate is refunds divided by sales; the returns of the last "
                 "60 days are still coming in."));

  /* The whole history, as `liftcheck-cli summary` gives it. */
  {
    g_autofree char *all = format_day_range (s->first_day, s->last_day);
    g_autofree char *orders = lc_display_count (s->orders);
    g_autofree char *aov = lc_display_money (s->aov, s->currency, -1);
    g_autofree char *upt = g_strdup_printf ("%.2f", s->upt);
    g_autofree char *rate = g_strdup_printf (_("%.1f%%"), s->return_rate * 100);
    g_autofree char *text = NULL;

    /* Translators: "Over every imported day (1 Nov 2024 – 31 Oct 2026): 43,210 orders, an average order value
     * of $70.12, 1.63 items per order and 8.2% of sales refunded." */
    text = g_strdup_printf (_("Over every imported day (%s): %s orders, an average order value of %s, "
                              "%s items per order and %s of sales refunded."),
                            all, orders, aov, upt, rate);
    w->y += 4;
    add_paragraph (w, text);
  }
}

static void
write_charts (Report *r)
{
  Writer *w = &r->w;
  const LcSummary *s = r->summary;
  const LcMetric metrics[] = { LC_METRIC_AOV, LC_METRIC_UPT, LC_METRIC_REVENUE, LC_METRIC_RETURN_RATE };
  /* Three to a page on A4 and Letter alike. */
  double height = MIN (215, (w->bottom - w->top) / 3 - 16);

  add_heading (w, _("Over time"));
  add_paragraph (w, _("Week by week. The shaded band is the store’s normal ups and downs; a green line marks "
                      "the day a feature was switched on, a red one the day it was switched off."));
  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      g_autoptr(LcTimeChart) chart = NULL;

      chart = make_chart (r->analysis, metrics[i], NULL, s->first_day, s->last_day,
                          metrics[i] == LC_METRIC_RETURN_RATE ? _("By week; hollow points: returns still coming in")
                                                              : _("By week"));
      add_time_chart (w, chart, height);
      w->y += 6;
    }
}

static const char *
how_sure_text (const LcEvaluation *e)
{
  if (e->status == LC_EVALUATION_NOT_ENOUGH_DATA)
    return _("Not enough weeks or orders on one side yet.");
  if (e->status == LC_EVALUATION_CANNOT_MEASURE)
    return _("Too noisy to tell: a change that matters would be lost in the normal ups and downs.");
  if (e->significant)
    return _("A real change: bigger than the normal ups and downs from week to week.");
  return _("Within the normal ups and downs from week to week.");
}

static char *
state_text (Report          *r,
            const LcVerdict *v)
{
  g_autoptr(GPtrArray) spans = lc_analysis_dup_feature_spans (r->analysis, v->feature);
  const LcFeatureSpan *last = spans->len > 0 ? g_ptr_array_index (spans, spans->len - 1) : NULL;

  if (last == NULL)
    return g_strdup (_("Off in the store, as far as Liftcheck knows."));
  if (last->off_day == LC_DAY_NONE)
    {
      g_autofree char *on = lc_display_day (last->on_day);

      /* Translators: %s is a day. */
      return g_strdup_printf (_("On since %s."), on);
    }
  else
    {
      g_autofree char *off = lc_display_day (last->off_day);

      /* Translators: %s is a day. */
      return g_strdup_printf (_("Off since %s."), off);
    }
}

static void
write_evidence (Report             *r,
                const LcVerdict    *v,
                const LcEvaluation *e)
{
  Writer *w = &r->w;
  const LcSummary *s = r->summary;
  g_autoptr(LcTimeChart) chart = NULL;
  g_autofree char *before_days = format_day_range (e->before_from, e->before_to);
  g_autofree char *after_days = format_day_range (e->after_from, e->after_to);
  g_autofree char *subtitle = NULL;
  g_autofree char *before = format_metric (e->before, e->metric, s->currency);
  g_autofree char *after = format_metric (e->after, e->metric, s->currency);
  g_autofree char *numbers = NULL;
  LcDay from = MAX (s->first_day, e->before_from - 28);
  LcDay to = MIN (s->last_day, e->after_to + 28);

  /* Translators: the two shaded spans of days on a chart. */
  subtitle = g_strdup_printf (_("Before: %s. After: %s."), before_days, after_days);
  chart = make_chart (r->analysis, e->metric, v->feature, from, to, subtitle);
  lc_time_chart_set_windows (chart, e->before_from, e->before_to, e->after_from, e->after_to);
  add_time_chart (w, chart, 185);

  /* Translators: "Items per order: 1.60 in the weeks before, 1.79 after." */
  numbers = g_strdup_printf (_("%s: %s in the weeks before, %s after."), metric_heading (e->metric), before, after);
  if (e->status != LC_EVALUATION_NOT_ENOUGH_DATA && isfinite (e->change))
    {
      g_autofree char *change = format_metric_change (e->change, e->metric, s->currency);
      g_autofree char *low = format_metric_change (e->change_low, e->metric, s->currency);
      g_autofree char *high = format_metric_change (e->change_high, e->metric, s->currency);
      g_autofree char *with_change = NULL;

      if (e->year_over_year)
        /* Translators: a change with its likely range, after a sentence about the before and after values. */
        with_change = g_strdup_printf (_("%s Change, with last year’s season taken out: %s (most likely between %s and %s)."),
                                       numbers, change, low, high);
      else
        with_change = g_strdup_printf (_("%s Change: %s (most likely between %s and %s)."), numbers, change, low, high);
      g_free (numbers);
      numbers = g_steal_pointer (&with_change);
    }
  add_paragraph (w, numbers);
  add_note (w, how_sure_text (e));
}

static void
write_feature (Report          *r,
               const LcVerdict *v)
{
  Writer *w = &r->w;
  const char *title = lc_feature_info_get_title (lc_feature_lookup (v->feature));
  const char *verdict = lc_verdict_get_title (v);
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) pill = NULL;
  g_autofree char *state = state_text (r, v);
  g_autofree char *review = lc_display_day (v->review_on);
  g_autofree char *watch = NULL;
  double pill_width, height;

  /* Keep the title with its chart, or with its first lines of text. */
  ensure_space (w, v->evaluation != NULL ? 300 : 110);
  space (w, 14);
  pill = make_layout (w, verdict, TEXT_BODY_BOLD, -1);
  pill_width = layout_width (pill) + 16;
  title_layout = make_layout (w, title, TEXT_H2, w->width - pill_width - 12);
  height = MAX (layout_height (title_layout), layout_height (pill) + 6);
  show_layout (w, title_layout, w->left, w->y, &text_color);
  {
    double x = w->left + w->width - pill_width, y = w->y, h = layout_height (pill) + 6, rr = h / 2;

    cairo_new_sub_path (w->cr);
    cairo_arc (w->cr, x + pill_width - rr, y + rr, rr, -G_PI / 2, G_PI / 2);
    cairo_arc (w->cr, x + rr, y + rr, rr, G_PI / 2, 3 * G_PI / 2);
    cairo_close_path (w->cr);
    set_color (w->cr, verdict_color (v->verdict));
    cairo_fill (w->cr);
    show_layout (w, pill, x + 8, y + 3, &(LcChartColor) { 1, 1, 1, 1 });
  }
  w->y += height + 4;
  w->page_empty = FALSE;
  add_text_full (w, state, TEXT_SMALL, &dim_color, 0, 0);
  w->y += 8;

  if (v->evaluation != NULL)
    write_evidence (r, v, v->evaluation);
  if (v->offtest != NULL)
    {
      const LcOffTest *t = v->offtest;
      g_autofree char *days = format_day_range (t->from, t->to);
      g_autofree char *text = NULL;

      /* Translators: "While it was off, 1 Sep 2025 – 14 Sep 2025, revenue was +0.8% against its forecast;
       * it normally moves about 4.1% from week to week." */
      text = g_strdup_printf (_("While it was off, %s, revenue was %+.1f%% against its forecast; it normally moves "
                                "about %.1f%% from week to week."),
                              days, t->revenue_change * 100, t->normal_weekly_variation * 100);
      add_paragraph (w, text);
    }

  add_text_full (w, _("Why"), TEXT_BODY_BOLD, &text_color, 0, 20);
  w->y += 4;
  for (guint i = 0; i < v->reasons->len; i++)
    add_bullet (w, g_ptr_array_index (v->reasons, i), i + 1 == v->reasons->len ? 22 : 0);
  /* Translators: "Watch: items per order. Look again on 24 Jun 2026." */
  watch = g_strdup_printf (_("Watch: %s. Look again on %s."), lc_metric_get_title (v->watch_metric), review);
  w->y += 2;
  add_text_full (w, watch, TEXT_BODY_BOLD, &accent, 0, 0);
  w->y += 10;
}

static void
write_features (Report        *r,
                GCancellable  *cancellable)
{
  Writer *w = &r->w;
  const GPtrArray *verdicts = r->analysis->advice->verdicts;

  new_page (w);
  add_heading (w, _("Feature by feature"));
  add_paragraph (w, _("For each feature: what to do, the numbers behind it, the measure to watch and the day "
                      "to look again. Where a feature was switched on, its chart shades the weeks before and "
                      "after the switch that the comparison uses."));
  for (guint i = 0; i < verdicts->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return;
      write_feature (r, g_ptr_array_index (verdicts, i));
      report_progress (r, 0.7 + 0.25 * (i + 1) / verdicts->len);
    }
}

static void
write_bundles (Report *r)
{
  Writer *w = &r->w;
  const LcSummary *s = r->summary;
  LcBundles *bundles = r->reads->bundles;
  GPtrArray *pairs;
  const double columns[] = { 0, 0.46, 0.64, 0.8 };

  /* The analysis has the tier: no second summary of the store. */
  bundles->tier = s->tier;

  new_page (w);
  add_heading (w, _("Bundles to offer in the cart"));
  if (!bundles->enough_data)
    {
      g_autofree char *count = lc_display_count (bundles->multi_orders);
      g_autofree char *text = NULL;

      /* Translators: %s is a number of orders. */
      text = g_strdup_printf (_("Only %s orders hold two or more different products: too few to tell which products "
                                "go together. Start with simple rules, such as accessories offered with the item they fit."),
                              count);
      add_paragraph (w, text);
      return;
    }

  pairs = lc_bundles_get_suggestions (bundles, FALSE);
  if (pairs->len == 0)
    {
      add_paragraph (w, _("No products are bought together clearly more often than chance."));
      return;
    }
  if (lc_bundles_suggests_categories (bundles, FALSE))
    add_paragraph (w, _("Kinds of product bought together more often than chance: simple rules to set up by hand. "
                        "“Could add” assumes 5 more of every 100 orders with the first also take the second."));
  else
    add_paragraph (w, _("Products bought together more often than chance. "
                        "“Could add” assumes 5 more of every 100 orders with the first also take the second."));
  {
    const char *header[] = { _("Offer … with …"), _("Orders with both"), _("Times chance"), _("Could add a year") };

    add_row (w, header, columns, 4, TRUE);
  }
  for (guint i = 0; i < MIN (pairs->len, MAX_TABLE_ROWS); i++)
    {
      const LcBundlePair *p = g_ptr_array_index (pairs, i);
      /* Translators: a bundle: the second product offered with the first. */
      g_autofree char *name = g_strdup_printf (_("%2$s with %1$s"), p->a, p->b);
      g_autofree char *both = lc_display_count (p->orders_ab);
      g_autofree char *lift = g_strdup_printf ("%.1f×", p->lift);
      g_autofree char *money = lc_display_money (p->extra_revenue_year, s->currency, 0);
      const char *cells[] = { name, both, lift, money };

      add_row (w, cells, columns, 4, FALSE);
    }
}

static void
write_returns (Report *r)
{
  Writer *w = &r->w;
  const LcReturnsReport *rr = r->reads->returns;
  const double columns[] = { 0, 0.5, 0.68, 0.82 };
  double divisor;
  g_autofree char *intro = NULL;

  divisor = pow (10, rr->exponent);

  add_heading (w, _("Where returns come from"));
  if (rr->orders == 0)
    {
      add_paragraph (w, _("No orders are old enough to measure returns: the returns of the last 60 days have not come in yet."));
      return;
    }
  /* Translators: two percentages. */
  intro = g_strdup_printf (_("Refunds took %.1f%% of sales, and %.1f%% of orders had a refund. Orders of the last "
                             "60 days are left out: their returns have not all come in."),
                           rr->value_rate * 100, rr->order_rate * 100);
  add_paragraph (w, intro);
  if (!rr->enough_data)
    add_note (w, _("Less than 6 months of returns or fewer than 500 orders a month: flags on this little data "
                   "would fit noise, so read them as hints."));

  if (rr->flagged->len == 0)
    {
      add_paragraph (w, _("No product, size, combination or kind of customer returns clearly more than the rest."));
      return;
    }
  {
    const char *header[] = { _("Group"), _("Orders returned"), _("Orders"), _("Refunded") };

    add_row (w, header, columns, 4, TRUE);
  }
  for (guint i = 0; i < MIN (rr->flagged->len, MAX_TABLE_ROWS); i++)
    {
      const LcReturnGroup *g = g_ptr_array_index (rr->flagged, i);
      g_autofree char *title = lc_return_group_dup_title (g);
      g_autofree char *rate = g_strdup_printf (_("%.0f%%"), g->rate * 100);
      g_autofree char *orders = lc_display_count (g->orders);
      g_autofree char *refunded = lc_display_money (g->refunded / divisor, rr->currency, 0);
      const char *cells[] = { title, rate, orders, refunded };

      add_row (w, cells, columns, 4, FALSE);
    }
  w->y += 8;
  if (rr->flagged_refunds_year > 0)
    {
      g_autofree char *refunds = lc_display_money (rr->flagged_refunds_year / divisor, rr->currency, 0);
      g_autofree char *recovered = lc_display_money (rr->recovered_year / divisor, rr->currency, 0);
      g_autofree char *text = NULL;

      /* Translators: two amounts of money and a percentage. */
      text = g_strdup_printf (_("About %s a year is refunded in these groups. A checkout nudge (size guidance, "
                                "compatibility notes, clearer descriptions) that prevents %.0f%% of those returns "
                                "would keep about %s a year, with the shipping and restocking saved."),
                              refunds, rr->cut * 100, recovered);
      add_paragraph (w, text);
    }
  if (rr->bracketed.orders > 0)
    add_note (w, _("Orders holding the same item in several sizes are a risk signal, not a predicted return: most bracketed items are kept."));
}

/* The test a feature needs before a decision, and how long it takes. */
static gboolean
test_for_feature (Report           *r,
                  const LcVerdict  *v,
                  char            **test,
                  char            **duration)
{
  const LcFeatureInfo *info = lc_feature_lookup (v->feature);
  const LcEvaluation *e = v->evaluation;
  gboolean unmeasured = e != NULL && e->status != LC_EVALUATION_MEASURED;
  LcMetric metric;
  const LcPower *power;

  if (v->verdict != LC_VERDICT_TEST_FIRST && !unmeasured)
    return FALSE;

  if (info != NULL && info->kind == LC_FEATURE_KIND_BROWSE && v->on)
    {
      *test = g_strdup (_("The off-test: switch it off for two weeks and compare revenue with its forecast"));
      *duration = g_strdup (_("2 weeks"));
      return TRUE;
    }

  metric = v->watch_metric == LC_METRIC_UPT ? LC_METRIC_UPT : LC_METRIC_AOV;
  power = report_power (r, metric);
  /* Translators: %s is a measure, "average order value". */
  *test = g_strdup_printf (_("An A/B test on %s, half of the visitors with the feature and half without"),
                           lc_metric_get_title (metric));
  if (power == NULL)
    *duration = g_strdup (_("Unknown: too few recent orders"));
  else if (power->measurable)
    *duration = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", power->days_needed),
                                 power->days_needed);
  else
    /* Translators: %u is a number of days, more than 8 weeks. */
    *duration = g_strdup_printf (_("%u days: longer than 8 weeks, too long to measure at this store’s size"),
                                 power->days_needed);
  return TRUE;
}

static void
write_tests (Report *r)
{
  Writer *w = &r->w;
  const GPtrArray *verdicts = r->analysis->advice->verdicts;
  const double columns[] = { 0, 0.26, 0.72 };
  gboolean any = FALSE;
  g_autofree char *intro = NULL;

  add_heading (w, _("Tests to run next"));
  /* Translators: %.0f%% is a percentage, "2%". */
  intro = g_strdup_printf (_("Features whose verdict rests on a test, or whose switch could not be measured. "
                             "The durations are what this store needs to see a %.0f%% change, from its own "
                             "orders of the last 90 days."),
                           REPORT_TEST_LIFT * 100);
  add_paragraph (w, intro);
  for (guint i = 0; i < verdicts->len; i++)
    {
      const LcVerdict *v = g_ptr_array_index (verdicts, i);
      g_autofree char *test = NULL;
      g_autofree char *duration = NULL;

      if (!test_for_feature (r, v, &test, &duration))
        continue;
      if (!any)
        {
          const char *header[] = { _("Feature"), _("Test"), _("How long") };

          add_row (w, header, columns, 3, TRUE);
          any = TRUE;
        }
      {
        const char *cells[] = { lc_feature_info_get_title (lc_feature_lookup (v->feature)), test, duration };

        add_row (w, cells, columns, 3, FALSE);
      }
    }
  if (!any)
    add_paragraph (w, _("No feature needs a test before a decision."));

  /* What any test would take here, feature or not. */
  w->y += 8;
  add_text_full (w, _("How long a test would take at this store"), TEXT_BODY_BOLD, &text_color, 0, 110);
  w->y += 4;
  {
    const LcMetric metrics[] = { LC_METRIC_AOV, LC_METRIC_UPT };
    const double power_columns[] = { 0, 0.4 };

    for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
      {
        const LcPower *power = report_power (r, metrics[i]);
        g_autofree char *what = NULL;
        g_autofree char *days = NULL;

        /* Translators: %s is a measure, "Average order value". */
        what = g_strdup_printf (_("A 2%% change in %s"), lc_metric_get_title (metrics[i]));
        if (power == NULL)
          days = g_strdup (_("Unknown: too few recent orders"));
        else if (power->measurable)
          days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", power->days_needed),
                                  power->days_needed);
        else
          days = g_strdup_printf (_("%u days: longer than 8 weeks, too long to measure at this store’s size"),
                                  power->days_needed);
        {
          const char *cells[] = { what, days };

          add_row (w, cells, power_columns, 2, FALSE);
        }
      }
  }
}

static int
compare_review (gconstpointer a,
                gconstpointer b)
{
  const LcVerdict *va = *(const LcVerdict * const *) a;
  const LcVerdict *vb = *(const LcVerdict * const *) b;

  return (va->review_on > vb->review_on) - (va->review_on < vb->review_on);
}

static void
write_reviews (Report *r)
{
  Writer *w = &r->w;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const GPtrArray *verdicts = r->analysis->advice->verdicts;
  const double columns[] = { 0, 0.22, 0.5, 0.74 };

  for (guint i = 0; i < verdicts->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (verdicts, i));
  g_ptr_array_sort (sorted, compare_review);

  add_heading (w, _("When to look again"));
  {
    const char *header[] = { _("Date"), _("Feature"), _("What to do"), _("Watch") };

    add_row (w, header, columns, 4, TRUE);
  }
  for (guint i = 0; i < sorted->len; i++)
    {
      const LcVerdict *v = g_ptr_array_index (sorted, i);
      g_autofree char *review = lc_display_day (v->review_on);
      const char *cells[] = { review, lc_feature_info_get_title (lc_feature_lookup (v->feature)),
                              lc_verdict_get_title (v), lc_metric_get_title (v->watch_metric) };

      add_row (w, cells, columns, 4, FALSE);
    }
}

static void
write_method (Report *r)
{
  Writer *w = &r->w;
  const char *lines[] = {
    N_("An order counts unless it was cancelled or its payment was voided. Refunded orders still count: returns are measured on their own."),
    N_("Average order value is the order’s subtotal (items after discounts, before shipping, taxes and refunds) averaged over counted orders."),
    N_("Items per order is the number of items in counted orders divided by the orders; tips are left out."),
    N_("The return rate is refunds divided by order totals, by the day of the order. Returns arrive weeks after the sale, so the last 60 days are still coming in."),
    N_("Revenue for the store’s size is order totals less refunds over the last 365 days, converted to US dollars at the rate the owner confirmed (or an approximate one)."),
    N_("Weeks run from Monday to Sunday; days are the store’s own calendar days, as written in its exports."),
    N_("A feature is judged on the weeks before and after the day it was switched on (60 days each), on items per order for cart bundles, the return rate for return nudges and average order value otherwise. The same weeks a year earlier take out the season when the store has them."),
    /* xgettext:no-c-format */
    N_("A change counts as real when it is bigger than the store’s normal ups and downs from week to week (a 95% interval that leaves out zero)."),
    /* xgettext:no-c-format */
    N_("A test’s length is the number of days this store needs to catch a 2% change 8 times out of 10, at the usual 5% error rate, from the spread of its own orders of the last 90 days."),
  };

  /* The page reads as one piece: never split off its last lines. */
  ensure_space (w, 360);
  add_heading (w, _("How these numbers are computed"));
  add_paragraph (w, _("Every number in this report comes from the store’s own order exports, read by Liftcheck on "
                      "this computer. No customer names, e-mail addresses, postal addresses or phone numbers are "
                      "stored or shown."));
  w->y += 4;
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    add_bullet (w, _(lines[i]), 0);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws the report from the analysis and the store reads, and writes it. */
static gboolean
write_pdf (const char             *store_path,
           const LcAnalysis       *analysis,
           StoreReads             *reads,
           const char             *path,
           const LcReportOptions  *options,
           LcReportProgressFunc    progress,
           gpointer                progress_data,
           GCancellable           *cancellable,
           GError                **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *name = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *today = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Report r = { 0 };
  Writer *w = &r.w;
  cairo_font_options_t *font_options;
  GError *local_error = NULL;

  if (options->store_name != NULL)
    name = g_strdup (options->store_name);
  else
    {
      g_autofree char *base = g_path_get_basename (store_path);

      if (g_str_has_suffix (base, ".liftcheck"))
        base[strlen (base) - strlen (".liftcheck")] = '\0';
      name = g_steal_pointer (&base);
    }

  r.analysis = analysis;
  r.summary = analysis->summary;
  r.reads = reads;
  r.store_name = name;
  r.progress = progress;
  r.progress_data = progress_data;

  lc_paper_get_size (options->paper, &w->page_width, &w->page_height);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, w->page_width, w->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Liftcheck");
  w->cr = cairo_create (surface);
  w->pango = pango_cairo_create_context (w->cr);
  /* Sizes are points on the page, and text is laid out as printed. */
  pango_cairo_context_set_resolution (w->pango, 72);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (w->pango, font_options);
  cairo_font_options_destroy (font_options);
  w->chart_style = *lc_chart_style_get_light ();
  w->chart_style.font_size = 8.0;
  w->left = 56;
  w->width = w->page_width - 2 * w->left;
  w->top = 56;
  w->bottom = w->page_height - 64;
  w->y = w->top;
  w->page = 1;
  w->page_empty = TRUE;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    today = lc_display_day (lc_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                                             g_date_time_get_day_of_month (now)));
  }
  /* Translators: the footer of every page; the store's name and a day. */
  footer = g_strdup_printf (_("Liftcheck report for %s, %s"), name, today);
  w->footer = footer;

  write_cover (&r);
  write_headline (&r);
  write_charts (&r);
  report_progress (&r, 0.7);
  write_features (&r, cancellable);
  if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      write_bundles (&r);
      write_returns (&r);
      write_tests (&r);
      write_reviews (&r);
      write_method (&r);
      finish_page (w);
    }

  g_object_unref (w->pango);
  cairo_destroy (w->cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_FAILED,
                   _("Could not draw the report: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, &local_error))
    {
      g_set_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_FAILED,
                   _("Could not write the report: %s"), local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  report_progress (&r, 1.0);
  return TRUE;
}

static gboolean
check_has_orders (const LcAnalysis  *analysis,
                  GError           **error)
{
  if (analysis->summary->has_orders)
    return TRUE;
  g_set_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_NO_ORDERS,
               _("The store has no orders yet: import an orders export first."));
  return FALSE;
}

gboolean
lc_report_write_analysis (LcStore                *store,
                          const LcAnalysis       *analysis,
                          const char             *path,
                          const LcReportOptions  *options,
                          LcReportProgressFunc    progress,
                          gpointer                progress_data,
                          GCancellable           *cancellable,
                          GError                **error)
{
  LcReportOptions defaults;
  StoreReads reads = { 0 };
  gboolean ok;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);
  g_return_val_if_fail (analysis != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    {
      lc_report_options_init (&defaults);
      options = &defaults;
    }
  if (!check_has_orders (analysis, error))
    return FALSE;

  if (progress != NULL)
    progress (0.05, progress_data);
  ok = store_reads_fill (&reads, store, cancellable, error);
  if (ok && progress != NULL)
    progress (0.5, progress_data);
  ok = ok && write_pdf (lc_store_get_path (store), analysis, &reads, path, options,
                        progress, progress_data, cancellable, error);
  store_reads_clear (&reads);
  return ok;
}

/* Some of the store reads on their own connection, beside the analysis. */
typedef struct
{
  const char     *store_path;
  GCancellable   *cancellable;
  StoreReads     *reads;
  StoreReadsFunc  fill;
  GError         *error;
  GThread        *thread;
} ReadsThread;

static gpointer
reads_thread (gpointer user_data)
{
  ReadsThread *data = user_data;
  g_autoptr(LcStore) store = lc_store_open (data->store_path, LC_STORE_OPEN_DEFAULT, &data->error);

  if (store != NULL)
    data->fill (data->reads, store, data->cancellable, &data->error);
  return NULL;
}

gboolean
lc_report_write (LcStore                *store,
                 const char             *path,
                 const LcReportOptions  *options,
                 LcReportProgressFunc    progress,
                 gpointer                progress_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(LcAnalysis) analysis = NULL;
  g_autofree char *store_path = NULL;
  LcReportOptions defaults;
  StoreReads reads = { 0 };
  /* The returns take about as long as everything else the report reads. */
  ReadsThread threads[] = {
    { .fill = store_reads_fill_returns },
    { .fill = store_reads_fill_rest },
  };
  GError *local_error = NULL;
  GError *reads_error = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    {
      lc_report_options_init (&defaults);
      options = &defaults;
    }

  if (progress != NULL)
    progress (0.05, progress_data);
  store_path = g_strdup (lc_store_get_path (store));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      threads[i].store_path = store_path;
      threads[i].cancellable = cancellable;
      threads[i].reads = &reads;
      threads[i].thread = g_thread_new ("lc-report-reads", reads_thread, &threads[i]);
    }
  analysis = lc_store_analyze (store, cancellable, &local_error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i].thread);
      if (reads_error == NULL)
        reads_error = g_steal_pointer (&threads[i].error);
      g_clear_error (&threads[i].error);
    }

  if (analysis == NULL)
    g_propagate_error (error, local_error);
  else if (!check_has_orders (analysis, error))
    ;
  else if (reads_error != NULL)
    g_propagate_error (error, g_steal_pointer (&reads_error));
  else
    {
      if (progress != NULL)
        progress (0.5, progress_data);
      ok = write_pdf (store_path, analysis, &reads, path, options,
                      progress, progress_data, cancellable, error);
    }

  g_clear_error (&reads_error);
  store_reads_clear (&reads);
  return ok;
}

/* Async */

typedef struct
{
  char                 *store_path;
  char                 *path;
  LcReportOptions       options;
  char                 *store_name;
  LcReportProgressFunc  progress;
  gpointer              progress_data;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->store_path);
  g_free (data->path);
  g_free (data->store_name);
  g_free (data);
}

static void
deliver_progress (GTask  *task,
                  gint64  count,
                  double  fraction)
{
  WriteData *data = g_task_get_task_data (task);

  data->progress (fraction, data->progress_data);
}

static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  lc_thread_send_progress (user_data, deliver_progress, 0, fraction);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(LcStore) store = NULL;
  GError *error = NULL;

  lc_thread_yield_to_ui ();

  store = lc_store_open (data->store_path, LC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL
      || !lc_report_write (store, data->path, &data->options,
                           data->progress != NULL ? forward_progress : NULL, task,
                           cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
lc_report_write_async (const char             *store_path,
                       const char             *path,
                       const LcReportOptions  *options,
                       LcReportProgressFunc    progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail (path != NULL);

  data = g_new0 (WriteData, 1);
  data->store_path = g_strdup (store_path);
  data->path = g_strdup (path);
  if (options != NULL)
    data->options = *options;
  else
    lc_report_options_init (&data->options);
  data->store_name = g_strdup (data->options.store_name);
  data->options.store_name = data->store_name;
  data->progress = progress;
  data->progress_data = progress_data;

  /* Progress comes in the context the task is made in: the caller's. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, write_thread);
}

gboolean
lc_report_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
