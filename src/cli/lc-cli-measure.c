/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lc-cli-private.h"
#include "lc-display.h"
#include "lc-evaluate.h"
#include "lc-experiments.h"
#include "lc-feature.h"
#include "lc-money.h"

static void
print_timeline (LcStore   *store,
                GPtrArray *spans)
{
  const char *currency = lc_store_get_currency (store);
  double divisor = pow (10, lc_store_get_exponent (store));

  if (spans->len == 0)
    {
      g_print (_("No feature switches are recorded yet. Record one with:\n  liftcheck-cli feature STORE cart-bundles --on 2026-04-25\n"));
      return;
    }
  for (guint i = 0; i < spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (spans, i);
      const LcFeatureInfo *info = lc_feature_lookup (span->feature);
      g_autofree char *on = lc_display_day (span->on_day);
      g_autofree char *off = span->off_day != LC_DAY_NONE ? lc_display_day (span->off_day) : NULL;
      g_autofree char *cost = span->monthly_cost >= 0 ? lc_display_money (span->monthly_cost / divisor, currency, -1) : NULL;
      const char *title = info != NULL ? lc_feature_info_get_title (info) : span->feature;

      if (off != NULL)
        /* TRANSLATORS: "Cart bundles: on from 25 Apr 2026, switched off on 1 Jul 2026" */
        g_print (_("%s: on from %s, switched off on %s"), title, on, off);
      else
        g_print (_("%s: on since %s"), title, on);
      if (cost != NULL)
        /* TRANSLATORS: appended to the line above, e.g. "; costs $99.00 a month" */
        g_print (_("; costs %s a month"), cost);
      g_print ("\n");
    }
}

static void
print_timeline_json (LcStore   *store,
                     GPtrArray *spans)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint exponent = lc_store_get_exponent (store);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (spans, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "feature");
      json_builder_add_string_value (b, span->feature);
      lc_cli_add_day (b, "on", span->on_day);
      lc_cli_add_day (b, "off", span->off_day);
      json_builder_set_member_name (b, "monthly_cost");
      if (span->monthly_cost >= 0)
        json_builder_add_double_value (b, lc_cli_money_value (span->monthly_cost / pow (10, exponent), exponent));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  lc_cli_print_json (b);
}

int
lc_cli_run_feature (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE [FEATURE] — record when a feature was switched on or off"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *on_text = NULL;
  g_autofree char *off_text = NULL;
  g_autofree char *cost_text = NULL;
  g_autofree char *valid = lc_feature_dup_valid_ids ();
  g_autofree char *summary = NULL;
  gboolean json = FALSE;
  gint64 cost = -1;
  LcDay on, off;
  int status;
  const GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, N_("The first day the feature was on"), N_("DATE") },
    { "off", 0, 0, G_OPTION_ARG_STRING, &off_text, N_("The day it was switched off"), N_("DATE") },
    { "monthly-cost", 0, 0, G_OPTION_ARG_STRING, &cost_text, N_("What it costs a month, in the store’s currency"), N_("X") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the timeline as JSON"), NULL },
    { NULL }
  };

  /* TRANSLATORS: %s is the list of feature ids */
  summary = g_strdup_printf (_("Without FEATURE, shows the recorded timeline. FEATURE is one of: %s."), valid);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2 || argc > 3)
    return lc_cli_usage_error (context, _("Give a store file and, to record a switch, a feature."));

  if (argc == 3)
    {
      if (lc_feature_lookup (argv[2]) == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a feature Liftcheck knows. Use one of: %s."), argv[2], valid);

          return lc_cli_usage_error (context, message);
        }
      if (on_text == NULL)
        return lc_cli_usage_error (context, _("Say when the feature was switched on, with --on YYYY-MM-DD."));
      if (!lc_cli_parse_day (on_text, &on, &error) || !lc_cli_parse_day (off_text, &off, &error))
        return lc_cli_usage_error (context, error->message);
    }
  else if (on_text != NULL || off_text != NULL || cost_text != NULL)
    {
      return lc_cli_usage_error (context, _("Name the feature the dates belong to."));
    }

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);

  if (argc == 3)
    {
      if (cost_text != NULL && !lc_money_parse (cost_text, lc_store_get_exponent (store), &cost, &error))
        return lc_cli_usage_error (context, error->message);
      if (cost < -1)
        return lc_cli_usage_error (context, _("--monthly-cost can’t be negative."));
      if (!lc_store_add_feature_span (store, argv[2], on, off, cost, &error))
        return lc_cli_fail (error);
    }

  spans = lc_store_list_feature_spans (store, &error);
  if (spans == NULL)
    return lc_cli_fail (error);
  if (json)
    print_timeline_json (store, spans);
  else
    print_timeline (store, spans);
  return EXIT_OK;
}

/* evaluate STORE FEATURE */

static char *
describe_change (LcMetric    metric,
                 double      change,
                 double      low,
                 double      high,
                 const char *currency)
{
  switch (metric)
    {
    case LC_METRIC_UPT:
      if (change >= 0)
        return g_strdup_printf (_("orders carry %.2f more items on average (%.2f to %.2f)"), change, low, high);
      return g_strdup_printf (_("orders carry %.2f fewer items on average (%.2f to %.2f)"), -change, -high, -low);

    case LC_METRIC_RPV:
      {
        g_autofree char *amount = lc_display_money (fabs (change), currency, -1);
        g_autofree char *from = lc_display_money (low, currency, -1);
        g_autofree char *to = lc_display_money (high, currency, -1);

        return change >= 0
               ? g_strdup_printf (_("each visit brings %s more (%s to %s)"), amount, from, to)
               : g_strdup_printf (_("each visit brings %s less (%s to %s)"), amount, from, to);
      }

    case LC_METRIC_AOV:
    case LC_METRIC_REVENUE:
      {
        g_autofree char *amount = lc_display_money (fabs (change), currency, -1);
        g_autofree char *from = lc_display_money (low, currency, -1);
        g_autofree char *to = lc_display_money (high, currency, -1);

        if (metric == LC_METRIC_AOV)
          return change >= 0
                 ? g_strdup_printf (_("the average order is worth %s more (%s to %s)"), amount, from, to)
                 : g_strdup_printf (_("the average order is worth %s less (%s to %s)"), amount, from, to);
        return change >= 0
               ? g_strdup_printf (_("revenue is %s a day higher (%s to %s)"), amount, from, to)
               : g_strdup_printf (_("revenue is %s a day lower (%s to %s)"), amount, from, to);
      }

    case LC_METRIC_RETURN_RATE:
      if (change <= 0)
        return g_strdup_printf (_("%.1f points less of sales is refunded (%.1f to %.1f)"),
                                -change * 100, -high * 100, -low * 100);
      return g_strdup_printf (_("%.1f points more of sales is refunded (%.1f to %.1f)"),
                              change * 100, low * 100, high * 100);

    case LC_METRIC_ORDERS:
    default:
      if (change >= 0)
        return g_strdup_printf (_("there are %.1f more orders a day (%.1f to %.1f)"), change, low, high);
      return g_strdup_printf (_("there are %.1f fewer orders a day (%.1f to %.1f)"), -change, -high, -low);
    }
}

static void
print_evaluation_text (LcStore      *store,
                       LcEvaluation *e)
{
  const LcFeatureInfo *info = lc_feature_lookup (e->feature);
  const char *title = lc_feature_info_get_title (info);
  g_autofree char *day = lc_display_day (e->switch_day);

  /* TRANSLATORS: "Cart bundles, switched on 25 Apr 2026: 60 days before and after, judged on items per order." */
  g_print (_("%s, switched on %s: %d days before and after, judged on %s.\n"),
           title, day, e->window_days, lc_metric_get_title (e->metric));

  switch (e->status)
    {
    case LC_EVALUATION_NOT_ENOUGH_DATA:
      g_print (_("There are not enough days with orders on both sides of the switch to say anything yet (%d before, %d after; at least 14 each are needed).\n"),
               e->before_days, e->after_days);
      break;

    case LC_EVALUATION_CANNOT_MEASURE:
      g_print (_("This can’t be measured at the store’s current size: with this many orders, these windows would only show a change of %.0f%% or more, and features like this one move it by less. A longer window, or an A/B test, would be needed.\n"),
               e->mde * 100);
      break;

    case LC_EVALUATION_MEASURED:
    default:
      {
        g_autofree char *change = describe_change (e->metric, e->change, e->change_low, e->change_high,
                                                   lc_store_get_currency (store));

        if (e->significant)
          /* TRANSLATORS: "Since the switch, orders carry 0.18 more items on average (0.12 to 0.24), a change of +11.2% (...)" */
          g_print (_("Since the switch, %s: a change of %+.1f%% (%+.1f%% to %+.1f%%, 95%% confidence). So large a change would happen by chance less than %.1f%% of the time.\n"),
                   change, e->lift * 100, e->lift_low * 100, e->lift_high * 100, MAX (e->p_value * 100, 0.1));
        else
          g_print (_("No change stands out from the store’s normal ups and downs: the estimate is %+.1f%% (%+.1f%% to %+.1f%%). A change of %.1f%% or more would very likely have shown.\n"),
                   e->lift * 100, e->lift_low * 100, e->lift_high * 100, e->mde * 100);
        if (e->year_over_year)
          g_print (_("The same weeks a year earlier went from %.4g to %.4g, and that seasonal swing is taken out.\n"),
                   e->last_year_before, e->last_year_after);
        g_print (_("Before: %.4g a day on average; after: %.4g.\n"), e->before, e->after);
      }
      break;
    }
  for (guint i = 0; i < e->warnings->len; i++)
    g_print (_("Note: %s\n"), (const char *) g_ptr_array_index (e->warnings, i));
}

static void
add_number_or_null (JsonBuilder *b,
                    const char  *key,
                    double       value)
{
  json_builder_set_member_name (b, key);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
print_evaluation_json (LcEvaluation *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean measured = e->status == LC_EVALUATION_MEASURED;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "feature");
  json_builder_add_string_value (b, e->feature);
  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, lc_metric_to_string (e->metric));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, lc_evaluation_status_to_string (e->status));
  lc_cli_add_day (b, "switch_day", e->switch_day);
  json_builder_set_member_name (b, "window_days");
  json_builder_add_int_value (b, e->window_days);
  json_builder_set_member_name (b, "before_days");
  json_builder_add_int_value (b, e->before_days);
  json_builder_set_member_name (b, "after_days");
  json_builder_add_int_value (b, e->after_days);
  add_number_or_null (b, "before", e->status != LC_EVALUATION_NOT_ENOUGH_DATA ? e->before : NAN);
  add_number_or_null (b, "after", e->status != LC_EVALUATION_NOT_ENOUGH_DATA ? e->after : NAN);
  add_number_or_null (b, "last_year_before", e->last_year_before);
  add_number_or_null (b, "last_year_after", e->last_year_after);
  add_number_or_null (b, "change", measured ? e->change : NAN);
  add_number_or_null (b, "change_low", measured ? e->change_low : NAN);
  add_number_or_null (b, "change_high", measured ? e->change_high : NAN);
  add_number_or_null (b, "lift", measured ? e->lift : NAN);
  add_number_or_null (b, "lift_low", measured ? e->lift_low : NAN);
  add_number_or_null (b, "lift_high", measured ? e->lift_high : NAN);
  add_number_or_null (b, "p_value", measured ? e->p_value : NAN);
  add_number_or_null (b, "mde", e->mde);
  json_builder_set_member_name (b, "seasonality_control");
  json_builder_add_string_value (b, e->year_over_year ? "year-over-year" : "none");
  json_builder_set_member_name (b, "significant");
  json_builder_add_boolean_value (b, e->significant);
  lc_cli_add_strings (b, "warnings", e->warnings);
  json_builder_end_object (b);
  lc_cli_print_json (b);
}

int
lc_cli_run_evaluate (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE FEATURE — did the feature change what customers buy?"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcEvaluation) evaluation = NULL;
  g_autofree char *metric_text = NULL;
  g_autofree char *switch_text = NULL;
  g_autofree char *valid = lc_feature_dup_valid_ids ();
  gboolean json = FALSE;
  int window = 60;
  int metric = -1;
  LcDay switch_day;
  int status;
  const GOptionEntry entries[] = {
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric_text, N_("What to judge it on: upt, aov, rpv (needs a sessions report), return-rate, revenue or orders (default: the feature’s own)"), N_("METRIC") },
    { "window", 0, 0, G_OPTION_ARG_INT, &window, N_("Days compared on each side of the switch (default 60)"), N_("DAYS") },
    { "switch", 0, 0, G_OPTION_ARG_STRING, &switch_text, N_("Which switch-on to judge (default: the first recorded)"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("Compares the days before and after the feature was switched on, against the same weeks a year earlier when the store has them."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return lc_cli_usage_error (context, _("Give a store file and a feature."));
  if (lc_feature_lookup (argv[2]) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a feature Liftcheck knows. Use one of: %s."), argv[2], valid);

      return lc_cli_usage_error (context, message);
    }
  if (metric_text != NULL)
    {
      LcMetric parsed;

      if (!lc_metric_from_string (metric_text, &parsed) ||
          parsed == LC_METRIC_SESSIONS || parsed == LC_METRIC_CONVERSION)
        return lc_cli_usage_error (context, _("--metric takes upt, aov, rpv, return-rate, revenue or orders."));
      metric = parsed;
    }
  if (window < 7 || window > 365)
    return lc_cli_usage_error (context, _("--window takes 7 to 365 days."));
  if (!lc_cli_parse_day (switch_text, &switch_day, &error))
    return lc_cli_usage_error (context, error->message);

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  evaluation = lc_store_evaluate_feature (store, argv[2], metric, window, switch_day, &error);
  if (evaluation == NULL)
    return lc_cli_fail (error);

  if (json)
    print_evaluation_json (evaluation);
  else
    print_evaluation_text (store, evaluation);
  return EXIT_OK;
}

/* offtest STORE --from D --to D */

int
lc_cli_run_offtest (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — read a two-week off-test"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcOffTest) test = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gboolean json = FALSE;
  LcDay from, to;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day the feature was off"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last day it was off"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("Switch a feature off for two weeks, then compare revenue with what the weeks before (and the same weeks last year) predict. A drop of more than 2% beyond the store’s normal swings means: switch it back on."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || from_text == NULL || to_text == NULL)
    return lc_cli_usage_error (context, _("Give a store file, --from and --to."));
  if (!lc_cli_parse_day (from_text, &from, &error) || !lc_cli_parse_day (to_text, &to, &error))
    return lc_cli_usage_error (context, error->message);
  if (to < from)
    return lc_cli_usage_error (context, _("--to must not come before --from."));

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  test = lc_store_read_off_test (store, from, to, &error);
  if (test == NULL)
    return lc_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      guint exponent = lc_store_get_exponent (store);

      json_builder_begin_object (b);
      lc_cli_add_day (b, "from", test->from);
      lc_cli_add_day (b, "to", test->to);
      json_builder_set_member_name (b, "revenue");
      json_builder_add_double_value (b, lc_cli_money_value (test->actual, exponent));
      json_builder_set_member_name (b, "forecast");
      json_builder_add_double_value (b, lc_cli_money_value (test->forecast, exponent));
      json_builder_set_member_name (b, "revenue_change");
      json_builder_add_double_value (b, test->revenue_change);
      json_builder_set_member_name (b, "change_low");
      json_builder_add_double_value (b, test->change_low);
      json_builder_set_member_name (b, "change_high");
      json_builder_add_double_value (b, test->change_high);
      json_builder_set_member_name (b, "normal_weekly_variation");
      json_builder_add_double_value (b, test->normal_weekly_variation);
      json_builder_set_member_name (b, "seasonality_control");
      json_builder_add_string_value (b, test->year_over_year ? "year-over-year" : "none");
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, test->turn_back_on ? "turn-back-on" : "keep-off");
      lc_cli_add_strings (b, "warnings", test->warnings);
      json_builder_end_object (b);
      lc_cli_print_json (b);
      return EXIT_OK;
    }

  {
    const char *currency = lc_store_get_currency (store);
    g_autofree char *actual = lc_display_money (test->actual, currency, 0);
    g_autofree char *forecast = lc_display_money (test->forecast, currency, 0);
    g_autofree char *first = lc_display_day (test->from);
    g_autofree char *last = lc_display_day (test->to);

    g_print (_("Off from %s to %s: revenue was %s, against %s expected: %+.1f%% (%+.1f%% to %+.1f%%).\n"),
             first, last, actual, forecast, test->revenue_change * 100, test->change_low * 100, test->change_high * 100);
    g_print (_("Revenue normally moves about %.1f%% from one week to the next.\n"), test->normal_weekly_variation * 100);
    if (test->turn_back_on)
      g_print (_("Verdict: switch it back on. Revenue fell by more than 2%%, more than the store’s normal swings explain.\n"));
    else
      g_print (_("Verdict: keep it off. Revenue did not fall by more than the store’s normal swings, so the feature was not earning its keep.\n"));
    for (guint i = 0; i < test->warnings->len; i++)
      g_print (_("Note: %s\n"), (const char *) g_ptr_array_index (test->warnings, i));
  }
  return EXIT_OK;
}

/* holdout STORE --tag TAG */

static void
add_welch (JsonBuilder         *b,
           const char          *key,
           const LcWelchResult *w)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "others");
  json_builder_add_double_value (b, w->mean_a);
  json_builder_set_member_name (b, "tagged");
  json_builder_add_double_value (b, w->mean_b);
  json_builder_set_member_name (b, "lift");
  json_builder_add_double_value (b, w->rel_lift);
  json_builder_set_member_name (b, "lift_low");
  json_builder_add_double_value (b, w->lift_ci_low);
  json_builder_set_member_name (b, "lift_high");
  json_builder_add_double_value (b, w->lift_ci_high);
  json_builder_set_member_name (b, "p_value");
  json_builder_add_double_value (b, w->p_value);
  json_builder_set_member_name (b, "significant");
  json_builder_add_boolean_value (b, w->p_value < LC_STATS_ALPHA);
  json_builder_end_object (b);
}

static void
print_welch_line (const char          *what,
                  const LcWelchResult *w)
{
  if (w->p_value < LC_STATS_ALPHA)
    /* TRANSLATORS: "Average order value: tagged orders 74.10 against 71.20 for the others, +4.1% (...)" */
    g_print (_("%s: tagged orders %.2f against %.2f for the others, %+.1f%% (%+.1f%% to %+.1f%%): a real difference.\n"),
             what, w->mean_b, w->mean_a, w->rel_lift * 100, w->lift_ci_low * 100, w->lift_ci_high * 100);
  else
    g_print (_("%s: tagged orders %.2f against %.2f for the others, %+.1f%% (%+.1f%% to %+.1f%%): no difference beyond chance.\n"),
             what, w->mean_b, w->mean_a, w->rel_lift * 100, w->lift_ci_low * 100, w->lift_ci_high * 100);
}

int
lc_cli_run_holdout (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — orders with a tag against the rest"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcHoldout) holdout = NULL;
  g_autofree char *tag = NULL;
  gboolean json = FALSE;
  double split = -1;
  int status;
  const GOptionEntry entries[] = {
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("The order tag of the group, such as holdout or variant:b"), N_("TAG") },
    { "split", 0, 0, G_OPTION_ARG_DOUBLE, &split, N_("The share of orders meant to carry the tag, such as 0.1, to check the split"), N_("SHARE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || tag == NULL)
    return lc_cli_usage_error (context, _("Give a store file and --tag."));
  if (split != -1 && !(split > 0 && split < 1))
    return lc_cli_usage_error (context, _("--split is a share between 0 and 1, such as 0.1."));

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  holdout = lc_store_read_holdout (store, tag, split, &error);
  if (holdout == NULL)
    return lc_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "tag");
      json_builder_add_string_value (b, holdout->tag);
      lc_cli_add_day (b, "from", holdout->from);
      lc_cli_add_day (b, "to", holdout->to);
      json_builder_set_member_name (b, "tagged_orders");
      json_builder_add_int_value (b, holdout->tagged_orders);
      json_builder_set_member_name (b, "other_orders");
      json_builder_add_int_value (b, holdout->other_orders);
      add_welch (b, "aov", &holdout->aov);
      add_welch (b, "upt", &holdout->upt);
      json_builder_set_member_name (b, "srm_p_value");
      if (holdout->expected_share > 0)
        json_builder_add_double_value (b, holdout->srm.p_value);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "sample_ratio_mismatch");
      json_builder_add_boolean_value (b, holdout->expected_share > 0 && holdout->srm.mismatch);
      json_builder_end_object (b);
      lc_cli_print_json (b);
      return EXIT_OK;
    }

  {
    g_autofree char *first = lc_display_day (holdout->from);
    g_autofree char *last = lc_display_day (holdout->to);
    g_autofree char *tagged = lc_display_count (holdout->tagged_orders);
    g_autofree char *others = lc_display_count (holdout->other_orders);

    /* Translators: "Orders tagged “holdout” from 1 Jun 2026 to 30 Jun 2026: 812, against 7,390 other orders in the same days." */
    g_print (_("Orders tagged “%s” from %s to %s: %s, against %s other orders in the same days."),
             holdout->tag, first, last, tagged, others);
    g_print ("\n");
    print_welch_line (_("Average order value"), &holdout->aov);
    print_welch_line (_("Items per order"), &holdout->upt);
    if (holdout->expected_share > 0 && holdout->srm.mismatch)
      g_print (_("Warning: %.1f%% of orders carry the tag, but %.1f%% were meant to. The groups were not split as planned, so the comparison can’t be trusted.\n"),
               100.0 * holdout->tagged_orders / (holdout->tagged_orders + holdout->other_orders), holdout->expected_share * 100);
  }
  return EXIT_OK;
}

/* abtest --a N:CONV[:REV] --b N:CONV[:REV] */

typedef struct
{
  guint64  n;
  guint64  conversions;
  double   revenue;
  gboolean has_revenue;
} Arm;

static gboolean
parse_arm (const char *text,
           Arm        *arm)
{
  g_auto(GStrv) parts = NULL;
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3)
    return FALSE;
  arm->n = g_ascii_strtoull (parts[0], &end, 10);
  if (*parts[0] == '\0' || *end != '\0')
    return FALSE;
  arm->conversions = g_ascii_strtoull (parts[1], &end, 10);
  if (*parts[1] == '\0' || *end != '\0' || arm->conversions > arm->n || arm->n == 0)
    return FALSE;
  arm->has_revenue = parts[2] != NULL;
  if (arm->has_revenue)
    {
      arm->revenue = g_ascii_strtod (parts[2], &end);
      if (*parts[2] == '\0' || *end != '\0' || arm->revenue < 0)
        return FALSE;
    }
  return TRUE;
}

int
lc_cli_run_abtest (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— read an A/B test from its counts"));
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;
  gboolean json = FALSE;
  double split = 0.5;
  LcProportionsResult r;
  LcSrmResult srm;
  Arm a = { 0 }, b = { 0 };
  guint64 observed[2];
  double shares[2];
  int status;
  const GOptionEntry entries[] = {
    { "a", 0, 0, G_OPTION_ARG_STRING, &a_text, N_("Arm A: visitors or recipients, orders, and optionally revenue"), N_("N:CONVERSIONS[:REVENUE]") },
    { "b", 0, 0, G_OPTION_ARG_STRING, &b_text, N_("Arm B, the same way"), N_("N:CONVERSIONS[:REVENUE]") },
    { "split", 0, 0, G_OPTION_ARG_DOUBLE, &split, N_("The share meant to go to A (default 0.5)"), N_("SHARE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("For e-mail or on-site tests: compares the order rate of two groups (a two-proportion z-test) and checks that they were split as planned."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lc_cli_usage_error (context, _("abtest takes no store file, only --a and --b."));
  if (!parse_arm (a_text, &a) || !parse_arm (b_text, &b))
    return lc_cli_usage_error (context, _("Give --a and --b as visitors:orders or visitors:orders:revenue, such as --a 12000:240:18500.50; orders can’t exceed visitors."));
  if (!(split > 0 && split < 1))
    return lc_cli_usage_error (context, _("--split is a share between 0 and 1."));

  lc_stats_two_proportions (a.conversions, a.n, b.conversions, b.n, LC_STATS_CONFIDENCE, &r);
  observed[0] = a.n;
  observed[1] = b.n;
  shares[0] = split;
  shares[1] = 1 - split;
  lc_stats_sample_ratio_mismatch (observed, shares, 2, &srm);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rate_a");
      json_builder_add_double_value (builder, r.rate_a);
      json_builder_set_member_name (builder, "rate_b");
      json_builder_add_double_value (builder, r.rate_b);
      json_builder_set_member_name (builder, "lift");
      if (r.has_lift)
        json_builder_add_double_value (builder, r.lift);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "lift_low");
      if (r.has_lift_ci)
        json_builder_add_double_value (builder, r.lift_ci_low);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "lift_high");
      if (r.has_lift_ci)
        json_builder_add_double_value (builder, r.lift_ci_high);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "p_value");
      json_builder_add_double_value (builder, r.p_value);
      json_builder_set_member_name (builder, "significant");
      json_builder_add_boolean_value (builder, r.p_value < LC_STATS_ALPHA);
      json_builder_set_member_name (builder, "srm_p_value");
      json_builder_add_double_value (builder, srm.p_value);
      json_builder_set_member_name (builder, "sample_ratio_mismatch");
      json_builder_add_boolean_value (builder, srm.mismatch);
      if (a.has_revenue && b.has_revenue)
        {
          json_builder_set_member_name (builder, "revenue_per_visitor_a");
          json_builder_add_double_value (builder, a.revenue / a.n);
          json_builder_set_member_name (builder, "revenue_per_visitor_b");
          json_builder_add_double_value (builder, b.revenue / b.n);
        }
      json_builder_end_object (builder);
      lc_cli_print_json (builder);
      return EXIT_OK;
    }

  g_print (_("A: %.2f%% placed an order; B: %.2f%%.\n"), r.rate_a * 100, r.rate_b * 100);
  if (r.has_lift && r.has_lift_ci)
    g_print (_("B’s order rate is %+.1f%% against A’s (%+.1f%% to %+.1f%%, 95%% confidence).\n"),
             r.lift * 100, r.lift_ci_low * 100, r.lift_ci_high * 100);
  if (r.p_value < LC_STATS_ALPHA)
    g_print (_("That difference is real: chance alone would produce it less than %.1f%% of the time.\n"), MAX (r.p_value * 100, 0.1));
  else
    g_print (_("That difference could well be chance (it would happen %.0f%% of the time with no real difference). Keep the simpler option, or run the test longer.\n"),
             r.p_value * 100);
  if (a.has_revenue && b.has_revenue)
    g_print (_("Revenue per visitor: A %.2f, B %.2f. The counts alone can’t test this; a holdout on tagged orders can.\n"),
             a.revenue / a.n, b.revenue / b.n);
  if (srm.mismatch)
    g_print (_("Warning: the groups hold %.1f%% and %.1f%% of visitors, not the planned split. Something in the set-up sent people unevenly, so this test can’t be trusted.\n"),
             100.0 * a.n / (a.n + b.n), 100.0 * b.n / (a.n + b.n));
  return EXIT_OK;
}

/* power STORE */

int
lc_cli_run_power (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — how long would a test need?"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autofree LcPower *power = NULL;
  g_autofree char *metric_text = NULL;
  gboolean json = FALSE;
  double lift = 0.02;
  LcMetric metric = LC_METRIC_AOV;
  int status;
  const GOptionEntry entries[] = {
    { "lift", 0, 0, G_OPTION_ARG_DOUBLE, &lift, N_("The relative change to detect (default 0.02, that is 2%)"), N_("FRACTION") },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric_text, N_("aov (default), upt or revenue"), N_("METRIC") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give a store file."));
  if (metric_text != NULL && (!lc_metric_from_string (metric_text, &metric) ||
                              (metric != LC_METRIC_AOV && metric != LC_METRIC_UPT && metric != LC_METRIC_REVENUE)))
    return lc_cli_usage_error (context, _("--metric takes aov, upt or revenue."));

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  power = lc_store_compute_power (store, metric, lift, &error);
  if (power == NULL)
    return lc_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "metric");
      json_builder_add_string_value (b, lc_metric_to_string (power->metric));
      json_builder_set_member_name (b, "lift");
      json_builder_add_double_value (b, power->lift);
      json_builder_set_member_name (b, "days_needed");
      json_builder_add_int_value (b, power->days_needed);
      json_builder_set_member_name (b, "mde_in_8_weeks");
      json_builder_add_double_value (b, power->mde_in_8_weeks);
      json_builder_set_member_name (b, "measurable");
      json_builder_add_boolean_value (b, power->measurable);
      json_builder_set_member_name (b, "per_group");
      json_builder_add_double_value (b, power->n_per_group);
      json_builder_set_member_name (b, "baseline");
      json_builder_add_double_value (b, power->baseline);
      json_builder_set_member_name (b, "sd");
      json_builder_add_double_value (b, power->sd);
      json_builder_end_object (b);
      lc_cli_print_json (b);
      return EXIT_OK;
    }

  {
    g_autofree char *days = lc_display_count (power->days_needed);
    g_autofree char *per_group = lc_display_count ((gint64) power->n_per_group);

    if (power->metric == LC_METRIC_REVENUE)
      g_print (_("To see a %.1f%% change in daily revenue, a test switching the feature on and off would need about %s days (%s days in each state).\n"),
               power->lift * 100, days, per_group);
    else if (power->metric == LC_METRIC_AOV)
      g_print (_("To see a %.1f%% change in average order value, a test splitting visitors 50/50 would need about %s days (%s orders in each half).\n"),
               power->lift * 100, days, per_group);
    else
      g_print (_("To see a %.1f%% change in items per order, a test splitting visitors 50/50 would need about %s days (%s orders in each half).\n"),
               power->lift * 100, days, per_group);
  }
  g_print (_("In 8 weeks, such a test could detect a change of %.1f%% or more.\n"), power->mde_in_8_weeks * 100);
  if (power->measurable)
    g_print (_("That is within 8 weeks: this store can measure a change of this size.\n"));
  else
    g_print (_("That is longer than 8 weeks: at this store’s size, features that promise a change this small can’t be measured. Prefer the ones tied to the basket, such as cart bundles and return nudges.\n"));
  return EXIT_OK;
}
