/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-experiments"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-display.h"
#include "lc-experiments.h"
#include "lc-store-private.h"

#define YEAR_DAYS 364
/* The off-test forecast rests on the four weeks before the off days. */
#define BASELINE_DAYS 28
/* PLAYBOOK.md: the normal variation is read over the previous 26 weeks. */
#define VARIATION_WEEKS 26
/* PLAYBOOK.md: switch back on only for a drop of more than 2%. */
#define OFF_TEST_DROP 0.02
/* Power is computed on the recent past, where the store is now. */
#define POWER_DAYS 90
#define EIGHT_WEEKS 56

G_DEFINE_QUARK (lc-experiment-error-quark, lc_experiment_error)

void
lc_off_test_free (LcOffTest *test)
{
  if (test == NULL)
    return;
  g_clear_pointer (&test->warnings, g_ptr_array_unref);
  g_free (test);
}

void
lc_holdout_free (LcHoldout *holdout)
{
  if (holdout == NULL)
    return;
  g_free (holdout->tag);
  g_free (holdout);
}

/* Net revenue (total less refunds) of each day of [from, to], in major
 * units, 0 for days without orders. */
static GArray *
daily_revenue (LcStore  *store,
               LcDay     from,
               LcDay     to,
               GError  **error)
{
  g_autoptr(GArray) days = lc_store_daily_totals (store, from, to, error);
  GArray *revenue;
  double divisor = pow (10, lc_store_get_exponent (store));
  guint i = 0;

  if (days == NULL)
    return NULL;
  revenue = g_array_sized_new (FALSE, TRUE, sizeof (double), to - from + 1);
  for (LcDay day = from; day <= to; day++)
    {
      double value = 0;

      if (i < days->len && g_array_index (days, LcDayTotals, i).day == day)
        {
          const LcDayTotals *d = &g_array_index (days, LcDayTotals, i++);

          value = (d->total - d->refunded) / divisor;
        }
      g_array_append_val (revenue, value);
    }
  return revenue;
}

static double
sum_range (GArray *values,
           guint   first,
           guint   count)
{
  double sum = 0;

  for (guint i = first; i < first + count && i < values->len; i++)
    sum += g_array_index (values, double, i);
  return sum;
}

/* The spread of week-to-week log changes of revenue over the weeks before
 * `before`, leaving out changes that touch the peak season. */
static double
normal_weekly_variation (LcStore  *store,
                         LcDay     before,
                         LcDay     first_day,
                         int      *n_changes,
                         GError  **error)
{
  LcDay from = before - 7 * (VARIATION_WEEKS + 1);
  g_autoptr(GArray) revenue = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (double));
  double mean = 0, var = 0;

  *n_changes = 0;
  from = MAX (from, first_day);
  if (before - from < 14)
    return NAN;
  revenue = daily_revenue (store, from, before - 1, error);
  if (revenue == NULL)
    return NAN;

  /* Whole weeks counted back from the day before the off days. */
  for (int end = revenue->len; end - 14 >= 0; end -= 7)
    {
      double last = sum_range (revenue, end - 7, 7);
      double previous = sum_range (revenue, end - 14, 7);
      LcDay first_of_pair = from + end - 14;

      if (lc_day_range_has_peak (first_of_pair, first_of_pair + 13) || last <= 0 || previous <= 0)
        continue;
      g_array_append_val (changes, (double) { log (last / previous) });
    }
  if (changes->len < 4)
    return NAN;
  for (guint i = 0; i < changes->len; i++)
    mean += g_array_index (changes, double, i);
  mean /= changes->len;
  for (guint i = 0; i < changes->len; i++)
    var += pow (g_array_index (changes, double, i) - mean, 2);
  *n_changes = changes->len;
  return sqrt (var / (changes->len - 1));
}

LcOffTest *
lc_store_read_off_test (LcStore  *store,
                        LcDay     from,
                        LcDay     to,
                        GError  **error)
{
  g_autoptr(LcOffTest) test = g_new0 (LcOffTest, 1);
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GArray) this_year = NULL;
  g_autoptr(GArray) last_year = NULL;
  int days = to - from + 1;
  double baseline, z, spread, weeks_off, weeks_base, log_var;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  if (days < 7 || days > 56)
    {
      g_set_error_literal (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_BAD_REQUEST,
                           _("An off-test runs for one to eight weeks; two weeks is usual."));
      return NULL;
    }
  summary = lc_store_compute_summary (store, error);
  if (summary == NULL)
    return NULL;
  if (!summary->has_orders)
    {
      g_set_error_literal (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
                           _("The store has no orders yet."));
      return NULL;
    }
  if (from - BASELINE_DAYS < summary->first_day || to > summary->last_day)
    {
      g_autofree char *first = lc_day_format (summary->first_day);
      g_autofree char *last = lc_day_format (summary->last_day);

      g_set_error (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
                   _("The off-test needs orders for the four weeks before it and for every day it ran; the store has orders from %s to %s."),
                   first, last);
      return NULL;
    }

  test->from = from;
  test->to = to;
  test->warnings = g_ptr_array_new_with_free_func (g_free);

  this_year = daily_revenue (store, from - BASELINE_DAYS, to, error);
  if (this_year == NULL)
    return NULL;
  baseline = sum_range (this_year, 0, BASELINE_DAYS) / BASELINE_DAYS;
  test->actual = sum_range (this_year, BASELINE_DAYS, days);
  test->forecast = baseline * days;

  /* How the same weeks moved a year earlier carries the season over. */
  test->year_over_year = from - BASELINE_DAYS - YEAR_DAYS >= summary->first_day;
  if (test->year_over_year)
    {
      double ly_baseline, ly_off;

      last_year = daily_revenue (store, from - BASELINE_DAYS - YEAR_DAYS, to - YEAR_DAYS, error);
      if (last_year == NULL)
        return NULL;
      ly_baseline = sum_range (last_year, 0, BASELINE_DAYS) / BASELINE_DAYS;
      ly_off = sum_range (last_year, BASELINE_DAYS, days) / days;
      if (ly_baseline > 0 && ly_off > 0)
        test->forecast *= ly_off / ly_baseline;
      else
        test->year_over_year = FALSE;
    }
  if (!test->year_over_year)
    g_ptr_array_add (test->warnings,
                     g_strdup (_("There is no history from the same weeks a year earlier, so the forecast does not allow for the season.")));
  if (lc_day_range_has_peak (from - BASELINE_DAYS, to))
    g_ptr_array_add (test->warnings,
                     g_strdup (_("The off-test or the weeks before it fall in the Black Friday to Christmas peak; run it at a quieter time.")));

  if (test->forecast <= 0)
    {
      g_set_error_literal (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
                           _("The store had no revenue in the four weeks before the off-test, so there is nothing to compare with."));
      return NULL;
    }
  test->revenue_change = test->actual / test->forecast - 1;

  test->normal_weekly_variation = normal_weekly_variation (store, from - BASELINE_DAYS, summary->first_day,
                                                           &test->weeks_of_variation, error);
  if (error != NULL && *error != NULL)
    return NULL;
  if (!isfinite (test->normal_weekly_variation))
    {
      g_set_error_literal (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
                           _("The store needs at least two months of orders before the off-test to know its normal week-to-week swings."));
      return NULL;
    }

  /* A weekly log change holds the noise of two weeks, so one week's own
   * log-variance is half its variance; an average over w weeks divides it
   * by w. Off-window, baseline and (with last year) their two twins each
   * bring theirs. */
  weeks_off = days / 7.0;
  weeks_base = BASELINE_DAYS / 7.0;
  log_var = pow (test->normal_weekly_variation, 2) / 2 * (1 / weeks_off + 1 / weeks_base);
  if (test->year_over_year)
    log_var *= 2;
  z = lc_stats_normal_quantile (1 - LC_STATS_ALPHA / 2);
  spread = z * sqrt (log_var);
  test->change_low = exp (log1p (test->revenue_change) - spread) - 1;
  test->change_high = exp (log1p (test->revenue_change) + spread) - 1;
  test->turn_back_on = test->revenue_change < -OFF_TEST_DROP && test->change_high < 0;

  return g_steal_pointer (&test);
}

static gboolean
has_tag (const char *tags,
         const char *tag)
{
  g_auto(GStrv) parts = NULL;

  if (tags == NULL)
    return FALSE;
  parts = g_strsplit (tags, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (parts[i]), tag) == 0)
      return TRUE;
  return FALSE;
}

LcHoldout *
lc_store_read_holdout (LcStore    *store,
                       const char *tag,
                       double      expected_share,
                       GError    **error)
{
  g_autoptr(LcHoldout) holdout = g_new0 (LcHoldout, 1);
  g_autoptr(GArray) tagged_value = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tagged_units = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) other_value = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) other_units = g_array_new (FALSE, FALSE, sizeof (double));
  double divisor = pow (10, lc_store_get_exponent (store));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (tag != NULL, NULL);

  holdout->tag = g_strdup (tag);
  holdout->expected_share = expected_share;
  holdout->from = LC_DAY_NONE;

  /* The days the tag was in use bound the comparison. */
  stmt = _lc_store_prepare (store, "SELECT local_day, tags FROM orders WHERE counted = 1 AND tags IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcDay day = sqlite3_column_int (stmt, 0);

      if (!has_tag ((const char *) sqlite3_column_text (stmt, 1), tag))
        continue;
      if (holdout->from == LC_DAY_NONE)
        {
          holdout->from = day;
          holdout->to = day;
        }
      holdout->from = MIN (holdout->from, day);
      holdout->to = MAX (holdout->to, day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return NULL;
    }
  if (holdout->from == LC_DAY_NONE)
    {
      g_set_error (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
                   _("No order is tagged “%s”. Tag the orders of the holdout group in Shopify, then export and import them again."),
                   tag);
      return NULL;
    }

  stmt = _lc_store_prepare (store,
                            "SELECT subtotal, units, tags FROM orders WHERE counted = 1 AND local_day BETWEEN ? AND ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, holdout->from);
  sqlite3_bind_int (stmt, 2, holdout->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double value = sqlite3_column_int64 (stmt, 0) / divisor;
      double units = sqlite3_column_int64 (stmt, 1);

      if (has_tag ((const char *) sqlite3_column_text (stmt, 2), tag))
        {
          g_array_append_val (tagged_value, value);
          g_array_append_val (tagged_units, units);
        }
      else
        {
          g_array_append_val (other_value, value);
          g_array_append_val (other_units, units);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return NULL;
    }

  holdout->tagged_orders = tagged_value->len;
  holdout->other_orders = other_value->len;
  if (tagged_value->len < 2 || other_value->len < 2 ||
      !lc_stats_welch_winsorized ((double *) other_value->data, other_value->len,
                                  (double *) tagged_value->data, tagged_value->len,
                                  LC_STATS_WINSOR_QUANTILE, LC_STATS_CONFIDENCE, &holdout->aov, &holdout->aov_cap) ||
      !lc_stats_welch_winsorized ((double *) other_units->data, other_units->len,
                                  (double *) tagged_units->data, tagged_units->len,
                                  LC_STATS_WINSOR_QUANTILE, LC_STATS_CONFIDENCE, &holdout->upt, &holdout->upt_cap))
    {
      g_autofree char *tagged = lc_display_count (holdout->tagged_orders);
      g_autofree char *others = lc_display_count (holdout->other_orders);

      g_set_error (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
                   _("Too few orders to compare: %s tagged and %s others in the same days."),
                   tagged, others);
      return NULL;
    }

  if (expected_share > 0 && expected_share < 1)
    {
      const guint64 observed[2] = { holdout->tagged_orders, holdout->other_orders };
      const double shares[2] = { expected_share, 1 - expected_share };

      lc_stats_sample_ratio_mismatch (observed, shares, 2, &holdout->srm);
    }
  return g_steal_pointer (&holdout);
}

static gboolean
order_values (LcStore  *store,
              LcMetric  metric,
              LcDay     from,
              double   *mean,
              double   *sd,
              gint64   *count,
              GError  **error)
{
  double divisor = pow (10, lc_store_get_exponent (store));
  double sum, sum_sq;
  sqlite3_stmt *stmt;
  int rc;

  /* The daily rollup holds each day's sums and sums of squares. */
  stmt = _lc_store_prepare (store,
                            "SELECT TOTAL(orders), TOTAL(order_value), TOTAL(order_value_sq), "
                            "TOTAL(units), TOTAL(units_sq) FROM daily WHERE day >= ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, from);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _lc_store_set_error (store, error);
      return FALSE;
    }
  *count = (gint64) sqlite3_column_double (stmt, 0);
  if (metric == LC_METRIC_AOV)
    {
      sum = sqlite3_column_double (stmt, 1) / divisor;
      sum_sq = sqlite3_column_double (stmt, 2) / divisor / divisor;
    }
  else
    {
      sum = sqlite3_column_double (stmt, 3);
      sum_sq = sqlite3_column_double (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (*count < 2)
    return TRUE;
  *mean = sum / *count;
  *sd = sqrt (MAX (0, (sum_sq - sum * sum / *count) / (*count - 1)));
  return TRUE;
}

LcPower *
lc_store_compute_power (LcStore   *store,
                        LcMetric   metric,
                        double     lift,
                        GError   **error)
{
  g_autofree LcPower *power = g_new0 (LcPower, 1);
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GArray) per_day = NULL;
  LcDay from;
  double per_group_in_8_weeks;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  if (!(lift > 0 && lift < 1))
    {
      g_set_error_literal (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_BAD_REQUEST,
                           _("The lift to detect is a fraction above 0 and below 1, such as 0.02 for 2%."));
      return NULL;
    }
  if (metric != LC_METRIC_AOV && metric != LC_METRIC_UPT && metric != LC_METRIC_REVENUE)
    {
      g_set_error_literal (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_BAD_REQUEST,
                           _("Test length can be worked out for average order value, items per order or revenue."));
      return NULL;
    }

  summary = lc_store_compute_summary (store, error);
  if (summary == NULL)
    return NULL;
  if (!summary->has_orders || summary->last_day - summary->first_day < 13)
    {
      g_set_error_literal (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
                           _("The store needs at least two weeks of orders to know its own variation."));
      return NULL;
    }

  power->metric = metric;
  power->lift = lift;
  from = MAX (summary->first_day, summary->last_day - POWER_DAYS + 1);
  per_day = daily_revenue (store, from, summary->last_day, error);
  if (per_day == NULL)
    return NULL;

  if (metric == LC_METRIC_REVENUE)
    {
      /* Daily revenue itself is the unit: each arm is a run of days. */
      double sum = 0, sum_sq = 0;

      for (guint i = 0; i < per_day->len; i++)
        {
          double v = g_array_index (per_day, double, i);

          sum += v;
          sum_sq += v * v;
        }
      power->baseline = sum / per_day->len;
      power->sd = sqrt (MAX (0, (sum_sq - sum * sum / per_day->len) / (per_day->len - 1)));
      power->units_per_day = 1;
      for (guint i = 0; i < per_day->len; i++)
        g_array_index (per_day, double, i) = 1;
    }
  else
    {
      g_autoptr(GArray) days = lc_store_daily_totals (store, from, summary->last_day, error);
      gint64 count = 0;
      guint j = 0;

      if (days == NULL || !order_values (store, metric, from, &power->baseline, &power->sd, &count, error))
        return NULL;
      if (count < 2)
        {
          g_set_error_literal (error, LC_EXPERIMENT_ERROR, LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
                               _("The store needs orders in the last 90 days to know its own variation."));
          return NULL;
        }
      power->units_per_day = (double) count / per_day->len;
      for (guint i = 0; i < per_day->len; i++)
        {
          double orders = 0;

          if (j < days->len && g_array_index (days, LcDayTotals, j).day == from + (LcDay) i)
            orders = g_array_index (days, LcDayTotals, j++).orders;
          g_array_index (per_day, double, i) = orders;
        }
    }

  power->n_per_group = ceil (lc_stats_sample_size_for_lift (power->baseline, power->sd, lift,
                                                            LC_STATS_ALPHA, LC_STATS_POWER));
  /* Two arms share the days: visitors split 50/50, or days on and off. */
  power->days_needed = lc_stats_days_needed (power->n_per_group, (double *) per_day->data, per_day->len, 0.5);
  per_group_in_8_weeks = metric == LC_METRIC_REVENUE ? EIGHT_WEEKS / 2.0 : power->units_per_day * EIGHT_WEEKS / 2;
  power->mde_in_8_weeks = lc_stats_minimum_detectable_lift (power->baseline, power->sd, per_group_in_8_weeks,
                                                            LC_STATS_ALPHA, LC_STATS_POWER);
  power->measurable = power->days_needed > 0 && power->days_needed <= EIGHT_WEEKS;
  return g_steal_pointer (&power);
}
