/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-advice-csv.h"
#include "lc-advisor.h"
#include "lc-answers.h"
#include "lc-cli-private.h"
#include "lc-display.h"
#include "lc-feature.h"

/* answers STORE [KEY=VALUE…] */

static void
add_answer_value (JsonBuilder    *b,
                  const LcAnswer *answer)
{
  char *end = NULL;
  double number;

  if (answer->value == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  number = g_ascii_strtod (answer->value, &end);
  /* Numbers stay numbers in JSON; choices and days stay strings. */
  if (end != answer->value && *end == '\0')
    json_builder_add_double_value (b, number);
  else
    json_builder_add_string_value (b, answer->value);
}

static void
print_answers_json (const LcAnswers *answers)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  for (guint i = 0; i < answers->items->len; i++)
    {
      const LcAnswer *answer = g_ptr_array_index (answers->items, i);

      json_builder_set_member_name (b, answer->key);
      add_answer_value (b, answer);
    }
  json_builder_set_member_name (b, "sources");
  json_builder_begin_object (b);
  for (guint i = 0; i < answers->items->len; i++)
    {
      const LcAnswer *answer = g_ptr_array_index (answers->items, i);

      json_builder_set_member_name (b, answer->key);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, lc_answer_source_to_string (answer->source));
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, answer->note != NULL ? answer->note : "");
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  lc_cli_print_json (b);
}

static const char *
source_title (LcAnswerSource source)
{
  switch (source)
    {
    case LC_ANSWER_SOURCE_STORE:
      return _("from the store");
    case LC_ANSWER_SOURCE_OWNER:
      return _("set by you");
    case LC_ANSWER_SOURCE_DEFAULT:
      return _("default");
    case LC_ANSWER_SOURCE_ESTIMATE:
      return _("estimate");
    case LC_ANSWER_SOURCE_UNKNOWN:
    default:
      return _("unknown");
    }
}

/* Pads by characters, not bytes, so "—" and translated words line up. */
static void
print_padded (const char *text,
              glong       width)
{
  g_print ("%s%*s", text, (int) MAX (width - g_utf8_strlen (text, -1), 1), "");
}

static void
print_answers_text (const LcAnswers *answers)
{
  for (guint i = 0; i < answers->items->len; i++)
    {
      const LcAnswer *answer = g_ptr_array_index (answers->items, i);

      print_padded (answer->key, 42);
      print_padded (answer->value != NULL ? answer->value : "—", 14);
      print_padded (source_title (answer->source), 16);
      g_print ("%s\n", answer->note != NULL ? answer->note : "");
    }
}

int
lc_cli_run_answers (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE [KEY=VALUE…] — show or override the wizard’s answers"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAnswers) answers = NULL;
  g_autofree char *keys = lc_answers_dup_valid_keys ();
  g_autofree char *summary = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  /* TRANSLATORS: %s is the list of keys */
  summary = g_strdup_printf (_("KEY is one of: %s. “KEY=” (empty) removes your override."), keys);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return lc_cli_usage_error (context, _("Give a store file."));
  for (int i = 2; i < argc; i++)
    if (strchr (argv[i], '=') == NULL)
      {
        g_autofree char *message = g_strdup_printf (_("“%s” is not KEY=VALUE."), argv[i]);

        return lc_cli_usage_error (context, message);
      }

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);

  for (int i = 2; i < argc; i++)
    {
      g_auto(GStrv) pair = g_strsplit (argv[i], "=", 2);

      if (!lc_store_set_answer (store, pair[0], pair[1], &error))
        {
          if (error->domain == LC_ANSWERS_ERROR)
            {
              g_printerr ("liftcheck-cli: %s\n", error->message);
              return EXIT_USAGE;
            }
          return lc_cli_fail (error);
        }
    }

  answers = lc_store_load_answers (store, &error);
  if (answers == NULL)
    return lc_cli_fail (error);
  if (json)
    print_answers_json (answers);
  else
    print_answers_text (answers);
  return EXIT_OK;
}

/* recommend STORE */

static void
print_advice_json (const LcAdvice *advice)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tier");
  if (advice->tier != LC_TIER_UNKNOWN)
    json_builder_add_string_value (b, lc_tier_to_string (advice->tier));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < advice->verdicts->len; i++)
    {
      const LcVerdict *v = g_ptr_array_index (advice->verdicts, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "feature");
      json_builder_add_string_value (b, v->feature);
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, lc_verdict_kind_to_string (v->verdict));
      lc_cli_add_strings (b, "reasons", v->reasons);
      json_builder_set_member_name (b, "watch_metric");
      json_builder_add_string_value (b, lc_metric_to_string (v->watch_metric));
      lc_cli_add_day (b, "review_on", v->review_on);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  lc_cli_print_json (b);
}

static void
print_advice_text (const LcAdvice *advice)
{
  g_print (_("Store size: %s. %s\n"), lc_tier_get_title (advice->tier), lc_tier_get_advice (advice->tier));
  for (guint i = 0; i < advice->verdicts->len; i++)
    {
      const LcVerdict *v = g_ptr_array_index (advice->verdicts, i);
      const LcFeatureInfo *info = lc_feature_lookup (v->feature);
      g_autofree char *review = lc_display_day (v->review_on);

      /* TRANSLATORS: "Cart bundles: Keep it" */
      g_print (_("\n%s: %s\n"), lc_feature_info_get_title (info), lc_verdict_get_title (v));
      for (guint k = 0; k < v->reasons->len; k++)
        g_print ("  • %s\n", (const char *) g_ptr_array_index (v->reasons, k));
      /* TRANSLATORS: "Watch: items per order. Look again on 24 Jun 2026." */
      g_print (_("  Watch: %s. Look again on %s.\n"), lc_metric_get_title (v->watch_metric), review);
    }
}

int
lc_cli_run_recommend (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — the store’s size and a verdict for every feature"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAdvice) advice = NULL;
  gboolean json = FALSE;
  gboolean csv = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print the verdicts as CSV: feature, verdict, first reason, watch metric, review day"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give a store file."));
  if (csv && json)
    return lc_cli_usage_error (context, _("Choose --csv or --json, not both."));

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  advice = lc_store_advise (store, &error);
  if (advice == NULL)
    return lc_cli_fail (error);
  if (json)
    print_advice_json (advice);
  else if (csv)
    {
      g_autofree char *text = lc_advice_to_csv (advice);

      g_print ("%s", text);
    }
  else
    print_advice_text (advice);
  return EXIT_OK;
}
