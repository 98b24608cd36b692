/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-evaluate"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lc-evaluate.h"
#include "lc-feature.h"
#include "lc-stats.h"

/* 52 weeks: the same weekdays a year earlier, so weekday patterns cancel. */
#define YEAR_DAYS 364

/* A window needs two full weeks with orders to say anything. */
#define MIN_WINDOW_DAYS 14

/* A null result from windows that could not have detected a 10% change says
 * nothing: the features judged here rarely move a metric by more. */
#define DEFAULT_MAX_MDE 0.10

/* Returns arrive weeks after the sale (PLAYBOOK.md). */
#define RETURNS_MATURE_DAYS 60

G_DEFINE_QUARK (lc-evaluate-error-quark, lc_evaluate_error)

const char *
lc_evaluation_status_to_string (LcEvaluationStatus status)
{
  switch (status)
    {
    case LC_EVALUATION_MEASURED:
      return "measured";
    case LC_EVALUATION_CANNOT_MEASURE:
      return "cannot-measure";
    case LC_EVALUATION_NOT_ENOUGH_DATA:
    default:
      return "not-enough-data";
    }
}

void
lc_evaluation_free (LcEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;
  g_free (evaluation->feature);
  g_clear_pointer (&evaluation->warnings, g_ptr_array_unref);
  g_free (evaluation);
}

LcMetric
lc_feature_watch_metric (const char *feature)
{
  if (g_strcmp0 (feature, "cart-bundles") == 0)
    return LC_METRIC_UPT;
  if (g_strcmp0 (feature, "return-nudges") == 0)
    return LC_METRIC_RETURN_RATE;
  return LC_METRIC_AOV;
}

/* The metric over each whole week (7-day block) from `from` on, n_weeks of
 * them, pooled within the week: items per order is the week's units over its
 * orders. Days are not independent (customers come back, the product mix
 * drifts), so a week is the unit; it also takes weekday swings out. Weeks
 * without orders (or, for the return rate, sales) have no value. */
static GArray *
weekly_values (GArray   *daily,
               LcMetric  metric,
               LcDay     from,
               int       n_weeks,
               double    divisor)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  guint i = 0;

  for (int week = 0; week < n_weeks; week++)
    {
      LcDay start = from + 7 * week;
      gint64 orders = 0, units = 0, value = 0, total = 0, refunded = 0;
      double v;

      while (i < daily->len && g_array_index (daily, LcDayTotals, i).day < start)
        i++;
      for (; i < daily->len && g_array_index (daily, LcDayTotals, i).day < start + 7; i++)
        {
          const LcDayTotals *d = &g_array_index (daily, LcDayTotals, i);

          orders += d->orders;
          units += d->units;
          value += d->order_value;
          total += d->total;
          refunded += d->refunded;
        }

      switch (metric)
        {
        case LC_METRIC_UPT:
          if (orders == 0)
            continue;
          v = (double) units / orders;
          break;
        case LC_METRIC_AOV:
          if (orders == 0)
            continue;
          v = value / divisor / orders;
          break;
        case LC_METRIC_RETURN_RATE:
          if (total <= 0)
            continue;
          v = (double) refunded / total;
          break;
        case LC_METRIC_REVENUE:
          v = (total - refunded) / divisor / 7;
          break;
        case LC_METRIC_ORDERS:
          v = orders / 7.0;
          break;
        case LC_METRIC_SESSIONS:
        case LC_METRIC_CONVERSION:
        case LC_METRIC_RPV:
        default:
          g_assert_not_reached ();
        }
      g_array_append_val (values, v);
    }
  return values;
}

/* Revenue per visitor of each whole ISO week from `monday` on. Sessions
 * reports come by day, week or month, so RPV is read week by week on the
 * calendar's weeks rather than on weeks counted from the switch. */
static GArray *
rpv_weeks (LcStore  *store,
           LcDay     monday,
           int       n_weeks,
           GError  **error)
{
  g_autoptr(GArray) points = NULL;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  if (n_weeks <= 0)
    return values;
  points = lc_store_sessions_series (store, LC_METRIC_RPV, LC_PERIOD_WEEK, monday, monday + 7 * n_weeks - 1, error);
  if (points == NULL)
    {
      g_array_unref (values);
      return NULL;
    }
  for (guint i = 0; i < points->len; i++)
    {
      const LcSeriesPoint *p = &g_array_index (points, LcSeriesPoint, i);

      if (p->has_value && p->start >= monday && p->end < monday + 7 * n_weeks)
        g_array_append_val (values, p->value);
    }
  return values;
}

static void
warn (LcEvaluation *evaluation,
      char         *message)
{
  g_ptr_array_add (evaluation->warnings, message);
}

static void
warn_about_other_switches (LcEvaluation *evaluation,
                           GPtrArray    *spans)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (spans, i);
      const LcFeatureInfo *info = lc_feature_lookup (span->feature);
      const char *title = info != NULL ? lc_feature_info_get_title (info) : span->feature;
      gboolean same = g_str_equal (span->feature, evaluation->feature);

      if (!(same && span->on_day == evaluation->switch_day) &&
          span->on_day >= evaluation->before_from && span->on_day <= evaluation->after_to)
        {
          g_autofree char *day = lc_day_format (span->on_day);

          /* TRANSLATORS: "Cart bundles was switched on on 2026-04-25, inside the compared weeks; ..." */
          warn (evaluation, g_strdup_printf (_("%s was switched on on %s, inside the compared weeks; its effect is mixed into this result."),
                                             title, day));
        }
      if (span->off_day != LC_DAY_NONE &&
          span->off_day >= evaluation->before_from && span->off_day <= evaluation->after_to)
        {
          g_autofree char *day = lc_day_format (span->off_day);

          warn (evaluation, g_strdup_printf (_("%s was switched off on %s, inside the compared weeks; its effect is mixed into this result."),
                                             title, day));
        }
    }
}

/* Fills the estimate from the four windows (difference in differences) or,
 * without last year's history, from the two windows of this year. */
static gboolean
estimate (LcEvaluation *evaluation,
          GArray       *before,
          GArray       *after,
          GArray       *before_ly,
          GArray       *after_ly)
{
  double se, df;

  if (evaluation->year_over_year)
    {
      LcDidResult did;

      if (!lc_stats_diff_in_diff ((double *) before->data, before->len,
                                  (double *) after->data, after->len,
                                  (double *) before_ly->data, before_ly->len,
                                  (double *) after_ly->data, after_ly->len,
                                  LC_STATS_CONFIDENCE, &did) || !did.has_relative)
        return FALSE;
      evaluation->before = did.mean_before;
      evaluation->after = did.mean_after;
      evaluation->last_year_before = did.mean_before_ly;
      evaluation->last_year_after = did.mean_after_ly;
      evaluation->change = did.estimate;
      evaluation->change_low = did.ci_low;
      evaluation->change_high = did.ci_high;
      evaluation->lift = did.relative;
      evaluation->lift_low = did.rel_ci_low;
      evaluation->lift_high = did.rel_ci_high;
      evaluation->p_value = did.p_value;
      se = did.se;
      df = did.df;
    }
  else
    {
      LcWelchResult welch;

      if (!lc_stats_welch ((double *) before->data, before->len,
                           (double *) after->data, after->len,
                           LC_STATS_CONFIDENCE, &welch) || !welch.has_lift)
        return FALSE;
      evaluation->before = welch.mean_a;
      evaluation->after = welch.mean_b;
      evaluation->change = welch.diff;
      evaluation->change_low = welch.ci_low;
      evaluation->change_high = welch.ci_high;
      evaluation->lift = welch.rel_lift;
      evaluation->lift_low = welch.lift_ci_low;
      evaluation->lift_high = welch.lift_ci_high;
      evaluation->p_value = welch.p_value;
      se = welch.se;
      df = welch.df;
    }

  /* Zero variance in every window: any change is exact. */
  if (se <= 0 || !isfinite (df))
    evaluation->mde = 0;
  else
    evaluation->mde = (lc_stats_student_t_quantile (1 - LC_STATS_ALPHA / 2, df) +
                       lc_stats_student_t_quantile (LC_STATS_POWER, df)) * se / fabs (evaluation->before);
  return TRUE;
}

LcEvaluation *
lc_store_evaluate_feature (LcStore    *store,
                           const char *feature,
                           int         metric,
                           int         window_days,
                           LcDay       switch_day,
                           GError    **error)
{
  g_autoptr(LcEvaluation) evaluation = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) before_ly = NULL;
  g_autoptr(GArray) after_ly = NULL;
  g_autofree char *max_mde_text = NULL;
  double divisor, max_mde;
  int weeks, before_weeks, after_weeks, days_since;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (feature != NULL, NULL);
  g_return_val_if_fail (window_days > 0, NULL);

  if (metric < 0)
    metric = lc_feature_watch_metric (feature);
  if (metric == LC_METRIC_SESSIONS || metric == LC_METRIC_CONVERSION)
    {
      g_set_error (error, LC_EVALUATE_ERROR, LC_EVALUATE_ERROR_BAD_METRIC,
                   _("Liftcheck judges a feature on average order value, items per order, revenue per visitor, return rate, revenue or orders."));
      return NULL;
    }

  spans = lc_store_list_feature_spans (store, error);
  if (spans == NULL)
    return NULL;
  if (switch_day == LC_DAY_NONE)
    {
      if (!lc_store_find_first_switch_on (store, feature, &switch_day, error))
        return NULL;
      if (switch_day == LC_DAY_NONE)
        {
          g_set_error (error, LC_EVALUATE_ERROR, LC_EVALUATE_ERROR_NO_SWITCH,
                       _("No day is recorded on which %s was switched on. Record it first, for example: liftcheck-cli feature STORE %s --on 2026-04-25"),
                       feature, feature);
          return NULL;
        }
    }

  summary = lc_store_compute_summary (store, error);
  if (summary == NULL)
    return NULL;

  evaluation = g_new0 (LcEvaluation, 1);
  evaluation->feature = g_strdup (feature);
  evaluation->metric = metric;
  evaluation->switch_day = switch_day;
  evaluation->window_days = window_days;
  evaluation->warnings = g_ptr_array_new_with_free_func (g_free);
  evaluation->status = LC_EVALUATION_NOT_ENOUGH_DATA;
  evaluation->last_year_before = NAN;
  evaluation->last_year_after = NAN;
  evaluation->p_value = NAN;
  evaluation->mde = NAN;
  evaluation->before_from = switch_day - window_days;
  evaluation->before_to = switch_day - 1;
  evaluation->after_from = switch_day;
  evaluation->after_to = switch_day + window_days - 1;

  if (!summary->has_orders || switch_day > summary->last_day || switch_day <= summary->first_day)
    {
      warn (evaluation, g_strdup (_("The store has no orders on both sides of the switch.")));
      return g_steal_pointer (&evaluation);
    }

  /* Whole weeks on each side; the after side as far as the data goes. */
  weeks = window_days / 7;
  after_weeks = MIN (weeks, (summary->last_day - switch_day + 1) / 7);
  before_weeks = MIN (weeks, (switch_day - summary->first_day) / 7);
  days_since = MIN (window_days, summary->last_day - switch_day + 1);
  evaluation->before_from = switch_day - 7 * before_weeks;
  evaluation->after_to = switch_day + 7 * after_weeks - 1;

  if (metric == LC_METRIC_RPV)
    {
      /* Calendar weeks: the week the switch falls in is left out. */
      LcDay switch_week = lc_day_week_start (switch_day);
      LcDay after_monday = switch_week == switch_day ? switch_day : switch_week + 7;

      before_weeks = MIN (weeks, (switch_week - summary->first_day) / 7);
      after_weeks = MIN (weeks, (summary->last_day - after_monday + 1) / 7);
      evaluation->before_from = switch_week - 7 * before_weeks;
      evaluation->before_to = switch_week - 1;
      evaluation->after_from = after_monday;
      evaluation->after_to = after_monday + 7 * after_weeks - 1;
      if (!(before = rpv_weeks (store, evaluation->before_from, before_weeks, error)) ||
          !(after = rpv_weeks (store, after_monday, after_weeks, error)) ||
          !(before_ly = rpv_weeks (store, evaluation->before_from - YEAR_DAYS, before_weeks, error)) ||
          !(after_ly = rpv_weeks (store, after_monday - YEAR_DAYS, after_weeks, error)))
        return NULL;
    }
  else
    {
      daily = lc_store_daily_totals (store, evaluation->before_from - YEAR_DAYS, evaluation->after_to, error);
      if (daily == NULL)
        return NULL;
      divisor = pow (10, summary->exponent);

      before = weekly_values (daily, metric, evaluation->before_from, before_weeks, divisor);
      after = weekly_values (daily, metric, switch_day, after_weeks, divisor);
      before_ly = weekly_values (daily, metric, evaluation->before_from - YEAR_DAYS, before_weeks, divisor);
      after_ly = weekly_values (daily, metric, switch_day - YEAR_DAYS, after_weeks, divisor);
    }
  evaluation->before_days = 7 * before->len;
  evaluation->after_days = 7 * after->len;

  /* Last year's weeks count only when the store was open through them. */
  evaluation->year_over_year = summary->first_day <= evaluation->before_from - YEAR_DAYS &&
                               before_ly->len == before->len && after_ly->len == after->len &&
                               before->len >= 2 && after->len >= 2;

  if (!evaluation->year_over_year)
    warn (evaluation, g_strdup (_("There is no history from the same weeks a year earlier, so seasonal swings are not controlled for.")));
  if (days_since < window_days)
    warn (evaluation, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Only %d day has passed since the switch (%d were asked for); the result will firm up with time.",
                                                    "Only %d days have passed since the switch (%d were asked for); the result will firm up with time.",
                                                    days_since),
                                       days_since, window_days));
  warn_about_other_switches (evaluation, spans);
  if (lc_day_range_has_peak (evaluation->before_from, evaluation->after_to) ||
      (evaluation->year_over_year &&
       lc_day_range_has_peak (evaluation->before_from - YEAR_DAYS, evaluation->after_to - YEAR_DAYS)))
    warn (evaluation, g_strdup (_("The compared weeks include the Black Friday to Christmas peak, when customers buy differently.")));
  if (metric == LC_METRIC_RETURN_RATE && summary->last_day - evaluation->after_to < RETURNS_MATURE_DAYS)
    warn (evaluation, g_strdup (_("Returns from the last weeks are still coming in, so the return rate after the switch looks lower than it will end up.")));

  if (evaluation->before_days < MIN_WINDOW_DAYS || evaluation->after_days < MIN_WINDOW_DAYS ||
      !estimate (evaluation, before, after, before_ly, after_ly))
    return g_steal_pointer (&evaluation);

  max_mde_text = lc_store_dup_setting (store, "max_mde");
  max_mde = max_mde_text != NULL ? g_ascii_strtod (max_mde_text, NULL) : DEFAULT_MAX_MDE;
  if (!(max_mde > 0))
    max_mde = DEFAULT_MAX_MDE;

  /* A clear result stands whatever the precision; a null result only
   * means something when the windows could have shown a change that
   * matters. */
  evaluation->significant = evaluation->p_value < LC_STATS_ALPHA;
  if (!evaluation->significant && evaluation->mde > max_mde)
    evaluation->status = LC_EVALUATION_CANNOT_MEASURE;
  else
    evaluation->status = LC_EVALUATION_MEASURED;
  return g_steal_pointer (&evaluation);
}
