/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-analysis"

#include "config.h"

#include <string.h>

#include "lc-analysis.h"
#include "lc-money.h"
#include "lc-store-job.h"

void
lc_analysis_free (LcAnalysis *analysis)
{
  if (analysis == NULL)
    return;

  g_free (analysis->store_path);
  g_clear_pointer (&analysis->summary, lc_summary_free);
  g_clear_pointer (&analysis->daily, g_array_unref);
  g_clear_pointer (&analysis->spans, g_ptr_array_unref);
  g_clear_pointer (&analysis->advice, lc_advice_free);
  g_free (analysis);
}

LcAnalysis *
lc_store_analyze (LcStore       *store,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(LcAnalysis) analysis = g_new0 (LcAnalysis, 1);

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  analysis->store_path = g_strdup (lc_store_get_path (store));

  analysis->summary = lc_store_compute_summary (store, error);
  if (analysis->summary == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  analysis->daily = lc_store_daily_totals (store, LC_DAY_NONE, LC_DAY_NONE, error);
  if (analysis->daily == NULL)
    return NULL;

  analysis->spans = lc_store_list_feature_spans (store, error);
  if (analysis->spans == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  analysis->advice = lc_store_advise (store, error);
  if (analysis->advice == NULL)
    return NULL;

  return g_steal_pointer (&analysis);
}

static gpointer
analyze_job (LcStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return lc_store_analyze (store, cancellable, error);
}

void
lc_analyze_async (const char          *store_path,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_if_fail (store_path != NULL);

  lc_store_job_run_async (store_path, analyze_job, NULL, NULL, (GDestroyNotify) lc_analysis_free,
                          cancellable, callback, user_data);
}

LcAnalysis *
lc_analyze_finish (GAsyncResult  *result,
                   GError       **error)
{
  return lc_store_job_finish (result, error);
}

void
lc_period_metrics_compute (GArray          *daily,
                           LcDay            from,
                           LcDay            to,
                           guint            exponent,
                           LcPeriodMetrics *out)
{
  gint64 orders = 0, order_value = 0, units = 0, total = 0, refunded = 0;

  g_return_if_fail (daily != NULL);
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < daily->len; i++)
    {
      const LcDayTotals *d = &g_array_index (daily, LcDayTotals, i);

      if (d->day < from || d->day > to)
        continue;
      orders += d->orders;
      order_value += d->order_value;
      units += d->units;
      total += d->total;
      refunded += d->refunded;
    }

  memset (out, 0, sizeof *out);
  out->from = from;
  out->to = to;
  out->orders = orders;
  out->has_orders = orders > 0;
  out->revenue = lc_money_to_double (total - refunded, exponent);
  if (orders > 0)
    {
      out->aov = lc_money_to_double (order_value, exponent) / (double) orders;
      out->upt = (double) units / (double) orders;
    }
  out->return_rate = total > 0 ? (double) refunded / (double) total : 0.0;
}

static int
lookback_days (LcLookback lookback)
{
  switch (lookback)
    {
    case LC_LOOKBACK_90_DAYS:
      return 91;
    case LC_LOOKBACK_6_MONTHS:
      return 182;
    case LC_LOOKBACK_12_MONTHS:
      return 364;
    case LC_LOOKBACK_ALL:
    default:
      return -1;
    }
}

void
lc_lookback_get_range (LcLookback  lookback,
                       LcDay       first_day,
                       LcDay       last_day,
                       LcDay      *from,
                       LcDay      *to)
{
  int days = lookback_days (lookback);

  *to = last_day;
  *from = days < 0 ? first_day : MAX (first_day, last_day - days + 1);
}

gboolean
lc_lookback_get_year_before (LcLookback  lookback,
                             LcDay       first_day,
                             LcDay       last_day,
                             LcDay      *from,
                             LcDay      *to)
{
  int days = lookback_days (lookback);

  if (days < 0 || last_day - days + 1 - 364 < first_day)
    return FALSE;

  *to = last_day - 364;
  *from = last_day - days + 1 - 364;
  return TRUE;
}

GPtrArray *
lc_analysis_dup_feature_spans (const LcAnalysis *analysis,
                               const char       *feature)
{
  GPtrArray *spans = g_ptr_array_new ();

  for (guint i = 0; i < analysis->spans->len; i++)
    {
      LcFeatureSpan *span = g_ptr_array_index (analysis->spans, i);

      if (g_str_equal (span->feature, feature))
        g_ptr_array_add (spans, span);
    }
  return spans;
}
