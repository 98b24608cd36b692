/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lc-cli-private.h"
#include "lc-display.h"
#include "lc-shopify-sync.h"

/* shopify-sync STORE --shop NAME */

#define TOKEN_VARIABLE     "LIFTCHECK_SHOPIFY_TOKEN"
#define CLIENT_ID_VARIABLE "LIFTCHECK_SHOPIFY_CLIENT_ID"
#define SECRET_VARIABLE    "LIFTCHECK_SHOPIFY_CLIENT_SECRET"

static void
print_progress (gint64   orders,
                double   fraction,
                gpointer user_data)
{
  g_autofree char *count = lc_display_count (orders);

  g_printerr ("\r\033[K");
  if (orders == LC_SHOPIFY_PREPARING)
    g_printerr (_("Shopify is preparing the orders export…"));
  else if (fraction >= 0)
    /* TRANSLATORS: sync progress, e.g. "Reading orders from Shopify… 1,200 (40%)" */
    g_printerr (_("Reading orders from Shopify… %s (%d%%)"), count, (int) (fraction * 100));
  else
    /* TRANSLATORS: sync progress, e.g. "Reading orders from Shopify… 1,200" */
    g_printerr (_("Reading orders from Shopify… %s"), count);
}

static char *
format_utc (gint64 utc)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (utc);

  return g_date_time_format_iso8601 (when);
}

int
lc_cli_run_shopify_sync (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — read orders from Shopify into a store"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *since = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *api_version = NULL;
  g_autofree char *domain = NULL;
  LcShopifySyncOptions options = { 0 };
  const char *token = g_getenv (TOKEN_VARIABLE);
  const char *client_id = g_getenv (CLIENT_ID_VARIABLE);
  const char *client_secret = g_getenv (SECRET_VARIABLE);
  g_autofree char *requested_token = NULL;
  gboolean json = FALSE;
  gboolean quiet = FALSE;
  gboolean show_progress;
  gboolean existed;
  LcDay since_day = LC_DAY_NONE;
  int status;
  g_autofree char *version_help = g_strdup_printf (_("The Admin API version (default %s)"),
                                                   LC_SHOPIFY_DEFAULT_API_VERSION);
  const GOptionEntry entries[] = {
    { "shop", 0, 0, G_OPTION_ARG_STRING, &shop, N_("The shop: NAME or NAME.myshopify.com"), N_("NAME") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Orders updated since this day (YYYY-MM-DD, UTC); "
                                                     "by default, since the last sync, or all orders on the first"),
      N_("DATE") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("Another address for the Admin API, for tests: "
                                                           "http://127.0.0.1:PORT"), N_("URL") },
    { "api-version", 0, 0, G_OPTION_ARG_STRING, &api_version, version_help, N_("VERSION") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Credentials are read from the environment, never from the command line: "
                                  "for an app made in Shopify’s Dev Dashboard, its client ID and secret in "
                                  "LIFTCHECK_SHOPIFY_CLIENT_ID and LIFTCHECK_SHOPIFY_CLIENT_SECRET; for an app made "
                                  "in Shopify admin, its Admin API access token in LIFTCHECK_SHOPIFY_TOKEN. Creates "
                                  "STORE if it does not exist. The sync lands whole or not at all.\n\n"
                                  "Exit status: 0 done, 1 usage error, 2 Shopify’s answer could not be read or its "
                                  "currency is not the store’s, 3 store problem, 4 Shopify could not be reached, "
                                  "refused the token or kept throttling."));
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give one store file."));
  if (shop == NULL)
    return lc_cli_usage_error (context, _("Give the shop with --shop NAME."));
  domain = lc_shopify_normalize_shop (shop, &error);
  if (domain == NULL)
    return lc_cli_usage_error (context, error->message);
  if ((token == NULL || token[0] == '\0') &&
      (client_id == NULL || client_id[0] == '\0' || client_secret == NULL || client_secret[0] == '\0'))
    return lc_cli_usage_error (context,
                               _("Put the client ID and secret of the app made for Liftcheck in Shopify’s Dev "
                                 "Dashboard in the environment variables LIFTCHECK_SHOPIFY_CLIENT_ID and "
                                 "LIFTCHECK_SHOPIFY_CLIENT_SECRET, or the Admin API access token of an app made in "
                                 "Shopify admin in LIFTCHECK_SHOPIFY_TOKEN. The app needs the read_orders scope."));
  if (!lc_cli_parse_day (since, &since_day, &error))
    return lc_cli_usage_error (context, error->message);

  existed = g_file_test (argv[1], G_FILE_TEST_EXISTS);
  store = lc_cli_open_store (argv[1], TRUE, &error);
  if (store == NULL)
    return lc_cli_fail (error);

  if (token == NULL || token[0] == '\0')
    {
      requested_token = lc_shopify_request_access_token (domain, client_id, client_secret, endpoint, NULL, NULL,
                                                         &error);
      if (requested_token == NULL)
        {
          g_clear_object (&store);
          status = lc_cli_fail (error);
          if (!existed)
            lc_store_remove_files (argv[1]);
          return status;
        }
      token = requested_token;
    }

  options.shop = domain;
  options.token = token;
  options.api_version = api_version;
  options.endpoint = endpoint;
  options.since_utc = since_day != LC_DAY_NONE ? (gint64) since_day * 86400 : -1;
  show_progress = !quiet && !json && isatty (fileno (stderr));
  result = lc_store_shopify_sync (store, &options, show_progress ? print_progress : NULL, NULL, NULL, &error);
  if (show_progress)
    g_printerr ("\r\033[K");
  if (result == NULL)
    {
      g_clear_object (&store);
      status = lc_cli_fail (error);
      /* A store this command created holds nothing worth keeping. */
      if (!existed)
        lc_store_remove_files (argv[1]);
      return status;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *synced = format_utc (result->synced_utc);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "shop");
      json_builder_add_string_value (builder, domain);
      json_builder_set_member_name (builder, "orders_added");
      json_builder_add_int_value (builder, result->orders_added);
      json_builder_set_member_name (builder, "orders_updated");
      json_builder_add_int_value (builder, result->orders_updated);
      json_builder_set_member_name (builder, "refunds");
      json_builder_add_int_value (builder, result->refunds);
      json_builder_set_member_name (builder, "pages");
      json_builder_add_int_value (builder, result->pages);
      json_builder_set_member_name (builder, "synced_at");
      json_builder_add_string_value (builder, synced);
      lc_cli_add_strings (builder, "warnings", result->warnings);
      json_builder_end_object (builder);
      lc_cli_print_json (builder);
      return EXIT_OK;
    }

  {
    g_autofree char *added = lc_display_count (result->orders_added);
    g_autofree char *updated = lc_display_count (result->orders_updated);
    g_autofree char *refunds = lc_display_count (result->refunds);

    if (result->orders_added + result->orders_updated == 0)
      /* TRANSLATORS: %s is the shop, "my-store.myshopify.com" */
      g_print (_("%s: no orders changed since the last sync.\n"), domain);
    else
      /* TRANSLATORS: "my-store.myshopify.com: 400 new orders, 12 updated, with 30 refunds" */
      g_print (_("%s: %s new orders, %s updated, with %s refunds.\n"), domain, added, updated, refunds);
    for (guint i = 0; i < result->warnings->len; i++)
      g_print (_("  Note: %s\n"), (const char *) g_ptr_array_index (result->warnings, i));
  }
  return EXIT_OK;
}
