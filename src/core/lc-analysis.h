/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lc-advisor.h"
#include "lc-metrics.h"

G_BEGIN_DECLS

/*
 * Everything a window, a report or an export shows about one store, read
 * in one go so it can be done off the main thread: the summary, the daily
 * totals the charts are drawn from, the feature timeline and the advice
 * with its evidence.
 */
typedef struct
{
  char      *store_path;
  LcSummary *summary;
  GArray    *daily;     /* LcDayTotals, every day with orders */
  GPtrArray *spans;     /* LcFeatureSpan, by on_day */
  LcAdvice  *advice;    /* with evidence; the tier even for an empty store */
} LcAnalysis;

/* Order metrics over some days, from daily totals. */
typedef struct
{
  LcDay    from;
  LcDay    to;           /* inclusive */
  gint64   orders;
  gboolean has_orders;
  double   aov;          /* major units */
  double   upt;
  double   return_rate;  /* refunded / total */
  double   revenue;      /* total - refunded, major units */
} LcPeriodMetrics;

/* The days the owner can look back over on the overview. */
typedef enum
{
  LC_LOOKBACK_90_DAYS,
  LC_LOOKBACK_6_MONTHS,
  LC_LOOKBACK_12_MONTHS,
  LC_LOOKBACK_ALL,
} LcLookback;

void        lc_analysis_free            (LcAnalysis     *analysis);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcAnalysis, lc_analysis_free)

LcAnalysis *lc_store_analyze            (LcStore        *store,
                                         GCancellable   *cancellable,
                                         GError        **error);

/* lc_store_analyze() in a worker thread on its own connection to the store
 * at store_path (lc-store-job.h). */
void        lc_analyze_async            (const char          *store_path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
LcAnalysis *lc_analyze_finish           (GAsyncResult        *result,
                                         GError             **error);

/* Sums the daily totals between from and to (inclusive). */
void        lc_period_metrics_compute   (GArray          *daily,
                                         LcDay            from,
                                         LcDay            to,
                                         guint            exponent,
                                         LcPeriodMetrics *out);

/* The days a lookback covers, ending on last_day (and not before
 * first_day), and the same days a year earlier (364 days, so weekdays line
 * up). FALSE for the year before when it starts before first_day, or for
 * LC_LOOKBACK_ALL. */
void        lc_lookback_get_range       (LcLookback  lookback,
                                         LcDay       first_day,
                                         LcDay       last_day,
                                         LcDay      *from,
                                         LcDay      *to);
gboolean    lc_lookback_get_year_before (LcLookback  lookback,
                                         LcDay       first_day,
                                         LcDay       last_day,
                                         LcDay      *from,
                                         LcDay      *to);

/* The spans of one feature, in order; not owning. */
GPtrArray  *lc_analysis_dup_feature_spans (const LcAnalysis *analysis,
                                           const char       *feature);

G_END_DECLS
