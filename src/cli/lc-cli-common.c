/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lc-cli-private.h"
#include "lc-evaluate.h"
#include "lc-experiments.h"
#include "lc-json.h"
#include "lc-shopify-sync.h"

int
lc_cli_fail (const GError *error)
{
  g_printerr ("liftcheck-cli: %s\n", error->message);
  if (error->domain == LC_STORE_ERROR)
    return error->code == LC_STORE_ERROR_INVALID ? EXIT_USAGE : EXIT_STORE;
  /* What the store lacks (sessions, a recorded switch, enough orders) is a
   * store problem; a request no store could answer is a usage error. */
  if (error->domain == LC_METRICS_ERROR || error->domain == LC_EVALUATE_ERROR)
    return EXIT_STORE;
  if (error->domain == LC_EXPERIMENT_ERROR)
    return error->code == LC_EXPERIMENT_ERROR_BAD_REQUEST ? EXIT_USAGE : EXIT_STORE;
  /* Shopify's answer is the input of a sync: one that cannot be read is
   * bad input; a shop name that is not one is a usage error; not getting
   * an answer at all is a status of its own. */
  if (error->domain == LC_SHOPIFY_ERROR)
    {
      if (error->code == LC_SHOPIFY_ERROR_BAD_RESPONSE)
        return EXIT_BAD_INPUT;
      if (error->code == LC_SHOPIFY_ERROR_BAD_SHOP)
        return EXIT_USAGE;
      return EXIT_REMOTE;
    }
  return EXIT_BAD_INPUT;
}

int
lc_cli_usage_error (GOptionContext *context,
                    const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("liftcheck-cli: %s\n\n%s", message, help);
  return EXIT_USAGE;
}

gboolean
lc_cli_parse_options (GOptionContext  *context,
                      int             *argc,
                      char          ***argv,
                      int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = lc_cli_usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

void
lc_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = lc_json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

double
lc_cli_money_value (double major,
                    guint  exponent)
{
  double scale = pow (10, exponent);

  return round (major * scale) / scale;
}

void
lc_cli_add_day (JsonBuilder *builder,
                const char  *key,
                LcDay        day)
{
  json_builder_set_member_name (builder, key);
  if (day == LC_DAY_NONE)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autofree char *text = lc_day_format (day);

      json_builder_add_string_value (builder, text);
    }
}

void
lc_cli_add_strings (JsonBuilder *builder,
                    const char  *key,
                    GPtrArray   *strings)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

gboolean
lc_cli_parse_day (const char  *text,
                  LcDay       *out,
                  GError     **error)
{
  if (text == NULL)
    {
      *out = LC_DAY_NONE;
      return TRUE;
    }
  return lc_day_parse (text, out, error);
}

LcStore *
lc_cli_open_store (const char  *path,
                   gboolean     create,
                   GError     **error)
{
  return lc_store_open (path, create ? LC_STORE_OPEN_CREATE : LC_STORE_OPEN_DEFAULT, error);
}
