/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lc-cli-private.h"
#include "lc-display.h"
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
