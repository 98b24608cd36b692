/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lc-chart-style.h"
#include "lc-metrics.h"

G_BEGIN_DECLS

/*
 * Chart data and the one drawing function per chart kind. Drawing is a
 * pure function of (cairo_t, size, style, data): the chart widget, the PDF
 * report and PNG/SVG export all call the same code, and tests render to an
 * image surface and look at its pixels.
 */

#define LC_CHART_ERROR (lc_chart_error_quark ())

typedef enum
{
  LC_CHART_ERROR_FAILED,    /* cairo could not make or write the image */
} LcChartError;

typedef enum
{
  LC_CHART_VALUE_MONEY,     /* major units of the chart's currency */
  LC_CHART_VALUE_COUNT,     /* whole numbers: orders, sessions */
  LC_CHART_VALUE_DECIMAL,   /* ratios such as items per order */
  LC_CHART_VALUE_PERCENT,   /* fractions shown as percentages */
} LcChartValueKind;

typedef enum
{
  LC_CHART_BAND_NONE,
  LC_CHART_BAND_NORMAL,      /* normal variation: see lc_time_chart_set_normal_band() */
  LC_CHART_BAND_CONFIDENCE,  /* the caller's own low/high per point, e.g. a 95% interval */
} LcChartBand;

typedef enum
{
  LC_CHART_FORMAT_PNG,
  LC_CHART_FORMAT_SVG,
} LcChartFormat;

/* One period of a time series. */
typedef struct
{
  LcDay    start;
  LcDay    end;          /* inclusive */
  double   value;
  gboolean has_value;    /* FALSE: a gap in the line */
  gboolean immature;     /* drawn dashed and hollow (returns still coming in) */
  gboolean has_band;
  double   band_low;
  double   band_high;
} LcChartPoint;

/* A day a feature was switched on or off. */
typedef struct
{
  LcDay       day;
  gboolean    on;
  const char *label;     /* e.g. "Bundles on"; owned by the chart once added */
} LcChartMarker;

typedef struct
{
  char            *title;
  char            *subtitle;
  LcChartValueKind value_kind;
  char            *currency;      /* money charts */
  guint            exponent;      /* the currency's minor digits */
  gboolean         zero_based;    /* the value axis starts at 0 (sums) */
  LcPeriod         period;        /* how the points are aggregated */
  LcChartBand      band;          /* what the points' bands mean, for the legend */
  GArray          *points;        /* LcChartPoint, ascending */
  GArray          *markers;       /* LcChartMarker */
  gboolean         has_windows;
  LcDay            before_from;
  LcDay            before_to;     /* inclusive */
  LcDay            after_from;
  LcDay            after_to;      /* inclusive */
  int              highlight;     /* index of the focused point, -1 none */
} LcTimeChart;

typedef struct
{
  char    *label;
  double   value;
  gboolean has_interval;
  double   low;
  double   high;
  gboolean highlighted;   /* e.g. a product over the 30% return-rate threshold */
} LcChartBar;

/* Horizontal bars: one row per product or segment, label on the left. */
typedef struct
{
  char            *title;
  char            *subtitle;
  LcChartValueKind value_kind;
  char            *currency;
  guint            exponent;
  GArray          *bars;           /* LcChartBar, drawn top to bottom */
  gboolean         has_reference;  /* a vertical line such as the overall rate */
  double           reference;
  char            *reference_label;
  int              highlight;      /* index of the focused bar, -1 none */
} LcBarChart;

/* Where things are, for drawing and hit-testing; filled by the layout
 * functions below, in the same coordinates as the draw functions. */
typedef struct
{
  double plot_x;
  double plot_y;
  double plot_width;
  double plot_height;
  double x_min;           /* time charts: days (x_max exclusive); bar charts: values */
  double x_max;
  double y_min;           /* time charts: values */
  double y_max;
} LcChartLayout;

typedef struct
{
  double value;           /* a day for date ticks */
  char  *label;
} LcChartTick;

GQuark            lc_chart_error_quark           (void);

/* money for revenue, aov and rpv; count for orders and sessions; decimal
 * for upt; percent for return rate and conversion. */
LcChartValueKind  lc_chart_value_kind_for_metric (LcMetric metric);

/* A value for people, full precision: "$70.12", "1,234", "1.63", "4.2%". */
char             *lc_chart_format_value          (LcChartValueKind kind,
                                                  const char      *currency,
                                                  double           value);
/* The period a point covers, for people: "3 Nov 2025", "Week of 3 Nov
 * 2025", "November 2025". */
char             *lc_chart_format_period         (LcPeriod period,
                                                  LcDay    start,
                                                  LcDay    end);

/* The finest aggregation that keeps points at least min_spacing pixels
 * apart over [from, to] in width pixels (day, then week, then month). */
LcPeriod          lc_chart_choose_period         (LcDay  from,
                                                  LcDay  to,
                                                  double width,
                                                  double min_spacing);

/* Element type LcChartTick (free with g_array_unref). Value ticks are
 * round steps (1, 2, 5 times a power of ten) covering [min, max], at most
 * max_ticks of them; *out_min and *out_max receive the axis ends. Money
 * labels carry the currency: "$0", "$50", "$100", "$1.5M". */
GArray           *lc_chart_value_ticks           (double           min,
                                                  double           max,
                                                  guint            max_ticks,
                                                  LcChartValueKind kind,
                                                  const char      *currency,
                                                  double          *out_min,
                                                  double          *out_max);
/* Date ticks in [from, to] (inclusive) at most max_ticks of them: weeks
 * (Mondays), months, quarters or years, labelled in the user's language
 * ("3 Nov", "Nov", "2025"; a month tick shows the year in January and on
 * the first tick). */
GArray           *lc_chart_day_ticks             (LcDay  from,
                                                  LcDay  to,
                                                  guint  max_ticks);

LcTimeChart      *lc_time_chart_new              (LcChartValueKind kind,
                                                  const char      *currency,
                                                  guint            exponent);
void              lc_time_chart_free             (LcTimeChart     *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcTimeChart, lc_time_chart_free)
LcTimeChart      *lc_time_chart_copy             (const LcTimeChart *chart);
void              lc_time_chart_set_title        (LcTimeChart     *chart,
                                                  const char      *title,
                                                  const char      *subtitle);
/* Replaces the points with series (element type LcSeriesPoint) aggregated
 * by period. */
void              lc_time_chart_set_series       (LcTimeChart     *chart,
                                                  GArray          *series,
                                                  LcPeriod         period);
void              lc_time_chart_add_point        (LcTimeChart     *chart,
                                                  const LcChartPoint *point);
/* The label is copied. */
void              lc_time_chart_add_marker       (LcTimeChart     *chart,
                                                  LcDay            day,
                                                  gboolean         on,
                                                  const char      *label);
/* Before and after windows, inclusive; before_from LC_DAY_NONE clears them. */
void              lc_time_chart_set_windows      (LcTimeChart     *chart,
                                                  LcDay            before_from,
                                                  LcDay            before_to,
                                                  LcDay            after_from,
                                                  LcDay            after_to);
/*
 * The store's normal variation around each point: the mean plus and minus
 * two standard deviations of the values of the `trailing` periods before it
 * (the point itself left out, so an unusual period stands out against its
 * band). Points with fewer than trailing / 2 (at least 3) earlier values, and
 * immature ones, get no band. Sets chart->band to LC_CHART_BAND_NORMAL.
 */
void              lc_time_chart_set_normal_band  (LcTimeChart     *chart,
                                                  guint            trailing);

/* The plot area and the axes' ranges at this size. */
void              lc_time_chart_layout           (const LcTimeChart  *chart,
                                                  const LcChartStyle *style,
                                                  double              width,
                                                  double              height,
                                                  LcChartLayout      *out);
double            lc_chart_layout_x_for_day      (const LcChartLayout *layout,
                                                  double               day);
double            lc_chart_layout_y_for_value    (const LcChartLayout *layout,
                                                  double               value);
/* The point's centre (mid-period); FALSE when it has no value. */
gboolean          lc_time_chart_get_point_position (const LcTimeChart   *chart,
                                                    const LcChartLayout *layout,
                                                    guint                index,
                                                    double              *x,
                                                    double              *y);
/* The index of the point with a value nearest to x, or -1. */
int               lc_time_chart_nearest_point    (const LcTimeChart   *chart,
                                                  const LcChartLayout *layout,
                                                  double               x);
void              lc_time_chart_draw             (cairo_t            *cr,
                                                  double              width,
                                                  double              height,
                                                  const LcChartStyle *style,
                                                  const LcTimeChart  *chart);

LcBarChart       *lc_bar_chart_new               (LcChartValueKind kind,
                                                  const char      *currency,
                                                  guint            exponent);
void              lc_bar_chart_free              (LcBarChart      *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcBarChart, lc_bar_chart_free)
LcBarChart       *lc_bar_chart_copy              (const LcBarChart *chart);
void              lc_bar_chart_set_title         (LcBarChart      *chart,
                                                  const char      *title,
                                                  const char      *subtitle);
/* The label is copied. */
void              lc_bar_chart_add_bar           (LcBarChart      *chart,
                                                  const char      *label,
                                                  double           value,
                                                  gboolean         has_interval,
                                                  double           low,
                                                  double           high,
                                                  gboolean         highlighted);
void              lc_bar_chart_set_reference     (LcBarChart      *chart,
                                                  double           value,
                                                  const char      *label);
/* The value axis in x_min..x_max and the plot area; each bar is a row of
 * plot_height / n_bars. */
void              lc_bar_chart_layout            (const LcBarChart   *chart,
                                                  const LcChartStyle *style,
                                                  double              width,
                                                  double              height,
                                                  LcChartLayout      *out);
/* The bar's rectangle; FALSE when index is out of range. */
gboolean          lc_bar_chart_get_bar_rect      (const LcBarChart    *chart,
                                                  const LcChartLayout *layout,
                                                  guint                index,
                                                  double              *x,
                                                  double              *y,
                                                  double              *width,
                                                  double              *height);
/* The index of the bar whose row holds y, or -1. */
int               lc_bar_chart_bar_at            (const LcBarChart    *chart,
                                                  const LcChartLayout *layout,
                                                  double               y);
void              lc_bar_chart_draw              (cairo_t            *cr,
                                                  double              width,
                                                  double              height,
                                                  const LcChartStyle *style,
                                                  const LcBarChart   *chart);

/* A chart as a PNG (width x height logical pixels at scale, e.g. 2 for a
 * sharp image on HiDPI screens) or an SVG (scale ignored). */
GBytes           *lc_time_chart_render           (const LcTimeChart  *chart,
                                                  const LcChartStyle *style,
                                                  LcChartFormat       format,
                                                  double              width,
                                                  double              height,
                                                  double              scale,
                                                  GError            **error);
GBytes           *lc_bar_chart_render            (const LcBarChart   *chart,
                                                  const LcChartStyle *style,
                                                  LcChartFormat       format,
                                                  double              width,
                                                  double              height,
                                                  double              scale,
                                                  GError            **error);
/* The same, written to path (the format from the caller, not the name). */
gboolean          lc_time_chart_write            (const LcTimeChart  *chart,
                                                  const LcChartStyle *style,
                                                  LcChartFormat       format,
                                                  double              width,
                                                  double              height,
                                                  double              scale,
                                                  const char         *path,
                                                  GError            **error);
gboolean          lc_bar_chart_write             (const LcBarChart   *chart,
                                                  const LcChartStyle *style,
                                                  LcChartFormat       format,
                                                  double              width,
                                                  double              height,
                                                  double              scale,
                                                  const char         *path,
                                                  GError            **error);

G_END_DECLS
