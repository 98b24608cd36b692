/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-chart.h"

G_BEGIN_DECLS

#define LC_TYPE_CHART_VIEW (lc_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (LcChartView, lc_chart_view, LC, CHART_VIEW, AdwBin)

/*
 * A chart drawn by src/render (lc_time_chart_draw / lc_bar_chart_draw),
 * following the light or dark style. Hovering shows a point's period and
 * value; with keyboard focus, Left/Right (Up/Down for bars), Home and End
 * move between points and the accessible label says the focused one. The
 * "show-table" property swaps the drawing for a list of the same numbers
 * (period and value), for screen readers and copying.
 *
 * Two ways to feed it:
 *  - lc_chart_view_set_daily(): daily totals and a metric; the view picks
 *    day, week or month points from the span and its own width, again on
 *    every resize, and keeps the markers, windows and band it was given.
 *  - lc_chart_view_set_time_chart() / _set_bar_chart(): a ready chart,
 *    drawn as it is.
 *
 * Actions: "chart.copy-table" copies the numbers as tab-separated text.
 */

GtkWidget     *lc_chart_view_new              (void);

/* daily: element type LcDayTotals (see lc_store_daily_totals); a
 * reference is kept. from/to: the days to show (LC_DAY_NONE: daily's own
 * first/last day); last_day marks immature return-rate periods. */
void           lc_chart_view_set_daily        (LcChartView         *self,
                                               GArray              *daily,
                                               LcMetric             metric,
                                               LcDay                from,
                                               LcDay                to,
                                               LcDay                last_day,
                                               const char          *currency,
                                               guint                exponent);
/* Labels are copied. Applies to daily charts. */
void           lc_chart_view_set_markers      (LcChartView         *self,
                                               const LcChartMarker *markers,
                                               guint                n_markers);
/* Inclusive days; before_from LC_DAY_NONE clears. Applies to daily charts. */
void           lc_chart_view_set_windows      (LcChartView         *self,
                                               LcDay                before_from,
                                               LcDay                before_to,
                                               LcDay                after_from,
                                               LcDay                after_to);
/* LC_CHART_BAND_NONE or LC_CHART_BAND_NORMAL (the default) for daily charts. */
void           lc_chart_view_set_band_kind    (LcChartView         *self,
                                               LcChartBand          band);
LcChartBand    lc_chart_view_get_band_kind    (LcChartView         *self);
void           lc_chart_view_set_title        (LcChartView         *self,
                                               const char          *title);
const char    *lc_chart_view_get_title        (LcChartView         *self);
void           lc_chart_view_set_subtitle     (LcChartView         *self,
                                               const char          *subtitle);
const char    *lc_chart_view_get_subtitle     (LcChartView         *self);

/* Takes ownership; replaces whatever the view showed. */
void           lc_chart_view_set_time_chart   (LcChartView         *self,
                                               LcTimeChart         *chart);
void           lc_chart_view_set_bar_chart    (LcChartView         *self,
                                               LcBarChart          *chart);
/* What is drawn now (NULL when the view shows the other kind or nothing). */
const LcTimeChart *lc_chart_view_get_time_chart (LcChartView       *self);
const LcBarChart  *lc_chart_view_get_bar_chart  (LcChartView       *self);

void           lc_chart_view_set_show_table   (LcChartView         *self,
                                               gboolean             show_table);
gboolean       lc_chart_view_get_show_table   (LcChartView         *self);

/* The focused point or bar (-1: none) and what it says, as in the
 * accessible label: "Week of 3 Nov 2025: $70.12". */
int            lc_chart_view_get_focus_index  (LcChartView         *self);
void           lc_chart_view_set_focus_index  (LcChartView         *self,
                                               int                  index);
const char    *lc_chart_view_get_focus_text   (LcChartView         *self);

/* The table's rows as tab-separated text with a header line. */
char          *lc_chart_view_get_table_text   (LcChartView         *self);

/* Writes the chart at its current size (900 x 360 when not shown yet), in
 * the light palette; PNG at twice the size for sharp printing. */
gboolean       lc_chart_view_export           (LcChartView         *self,
                                               GFile               *file,
                                               LcChartFormat        format,
                                               GError             **error);

G_END_DECLS
