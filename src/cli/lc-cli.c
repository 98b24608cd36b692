/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lc-csv.h"
#include "lc-date.h"
#include "lc-demo.h"
#include "lc-display.h"
#include "lc-import.h"
#include "lc-json.h"
#include "lc-mapping.h"
#include "lc-metrics.h"
#include "lc-money.h"
#include "lc-store.h"

#include "lc-cli-private.h"

/* import STORE FILE... */

static void
print_progress (double   fraction,
                gpointer user_data)
{
  g_printerr ("\r%s", "");
  /* TRANSLATORS: import progress, e.g. "Importing… 42%" */
  g_printerr (_("Importing… %d%%"), (int) (fraction * 100));
}

static int
run_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE FILE… — import export files into a store"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcMapping) mapping = NULL;
  g_autofree char *mapping_path = NULL;
  g_autofree char *currency = NULL;
  gboolean quiet = FALSE;
  gboolean json = FALSE;
  gboolean existed;
  int status;
  const GOptionEntry entries[] = {
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("Read the files with this column mapping (see README.md) and keep it for their header"), N_("MAPPING.ini") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      N_("The currency of files that do not say theirs, e.g. EUR"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Creates STORE if it does not exist. All files land together or not at all."));
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 3)
    return lc_cli_usage_error (context, _("Give a store file and at least one export file."));

  if (mapping_path != NULL)
    {
      mapping = lc_mapping_new_from_file (mapping_path, &error);
      if (mapping == NULL)
        return lc_cli_fail (error);
    }

  existed = g_file_test (argv[1], G_FILE_TEST_EXISTS);
  store = lc_cli_open_store (argv[1], TRUE, &error);
  if (store == NULL)
    return lc_cli_fail (error);

  result = lc_store_import_files_with_mapping (store, (const char * const *) &argv[2], mapping, currency,
                                               quiet || json || !isatty (fileno (stderr)) ? NULL : print_progress, NULL,
                                               NULL, &error);
  if (!quiet && !json && isatty (fileno (stderr)))
    g_printerr ("\r\033[K");
  if (result == NULL)
    {
      g_clear_object (&store);
      /* A store this command created holds nothing worth keeping. */
      status = lc_cli_fail (error);
      if (g_error_matches (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_UNKNOWN_KIND))
        g_printerr (_("If it is an orders export of another shop system, write a mapping file that says which "
                      "column holds what, for example:\n"
                      "  [Mapping]\n"
                      "  order-id=Order Number\n"
                      "  date=Order Date\n"
                      "  quantity=Qty\n"
                      "  unit-price=Price\n"
                      "  currency=EUR\n"
                      "and import with: liftcheck-cli import STORE FILE --mapping MAPPING.ini\n"
                      "README.md (“Other stores”) lists every key. Liftcheck keeps the mapping and reads files with "
                      "the same columns by itself next time.\n"));
      else if (g_error_matches (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_CURRENCY))
        g_printerr (_("Give it with --currency, e.g.: liftcheck-cli import STORE FILE --currency EUR\n"));
      if (!existed)
        lc_store_remove_files (argv[1]);
      else
        g_printerr (_("liftcheck-cli: nothing was imported; the store is as it was.\n"));
      return status;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "orders_added");
      json_builder_add_int_value (builder, result->orders_added);
      json_builder_set_member_name (builder, "orders_updated");
      json_builder_add_int_value (builder, result->orders_updated);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->files->len; i++)
        {
          LcImportFileResult *file = g_ptr_array_index (result->files, i);
          g_autofree char *base = g_path_get_basename (file->path);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, base);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, lc_import_kind_to_string (file->kind));
          json_builder_set_member_name (builder, "rows");
          json_builder_add_int_value (builder, file->rows);
          json_builder_set_member_name (builder, "orders_added");
          json_builder_add_int_value (builder, file->orders_added);
          json_builder_set_member_name (builder, "orders_updated");
          json_builder_add_int_value (builder, file->orders_updated);
          json_builder_set_member_name (builder, "products");
          json_builder_add_int_value (builder, file->products);
          json_builder_set_member_name (builder, "categories");
          json_builder_add_int_value (builder, file->categories);
          json_builder_set_member_name (builder, "orders_read");
          json_builder_add_int_value (builder, file->orders_read);
          json_builder_set_member_name (builder, "units_read");
          json_builder_add_int_value (builder, file->units_read);
          json_builder_set_member_name (builder, "cancelled_read");
          json_builder_add_int_value (builder, file->cancelled_read);
          json_builder_set_member_name (builder, "pending_orders");
          json_builder_add_int_value (builder, file->pending_orders);
          lc_cli_add_strings (builder, "warnings", file->warnings);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      lc_cli_print_json (builder);
      return EXIT_OK;
    }

  for (guint i = 0; i < result->files->len; i++)
    {
      LcImportFileResult *file = g_ptr_array_index (result->files, i);
      g_autofree char *base = g_path_get_basename (file->path);
      g_autofree char *rows = lc_display_count (file->rows);
      g_autofree char *added = lc_display_count (file->orders_added);
      g_autofree char *updated = lc_display_count (file->orders_updated);
      g_autofree char *products = lc_display_count (file->products);
      g_autofree char *categories = lc_display_count (file->categories);

      if (file->kind == LC_IMPORT_KIND_INSTACART_AISLES)
        /* TRANSLATORS: "aisles.csv: 134 aisles" */
        g_print (ngettext ("%s: %s aisle\n", "%s: %s aisles\n", (gulong) file->categories), base, categories);
      else if (file->kind == LC_IMPORT_KIND_INSTACART_DEPARTMENTS)
        /* TRANSLATORS: "departments.csv: 21 departments" */
        g_print (ngettext ("%s: %s department\n", "%s: %s departments\n", (gulong) file->categories), base,
                 categories);
      else if (file->kind == LC_IMPORT_KIND_OLIST_PRODUCTS || file->kind == LC_IMPORT_KIND_INSTACART_PRODUCTS)
        {
          g_autofree char *in_categories = g_strdup_printf (ngettext ("%s category", "%s categories", (gulong) file->categories),
                                                            categories);

          /* TRANSLATORS: "products.csv: 32,951 products with their categories (73 categories)" */
          g_print (ngettext ("%s: %s product with its category (%s)\n", "%s: %s products with their categories (%s)\n",
                             (gulong) file->products),
                   base, products, in_categories);
        }
      else if (file->kind == LC_IMPORT_KIND_OLIST_ORDERS || file->kind == LC_IMPORT_KIND_OLIST_ORDER_ITEMS ||
               file->kind == LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS)
        {
          g_autofree char *read = lc_display_count (file->orders_read);
          g_autofree char *units = lc_display_count (file->units_read);
          g_autofree char *cancelled = lc_display_count (file->cancelled_read);
          g_autofree char *waiting = lc_display_count (file->pending_orders);
          g_autoptr(GString) line = g_string_new (NULL);

          if (file->units_read > 0)
            /* TRANSLATORS: "olist_order_items.csv: 10,000 items of 977 orders of an Olist order items list" */
            {
              g_autofree char *of_orders = g_strdup_printf (ngettext ("%s order", "%s orders", (gulong) file->orders_read),
                                                            read);

              /* TRANSLATORS: the second %s is "977 orders" */
              g_string_printf (line, ngettext ("%s: %s item of %s of %s", "%s: %s items of %s of %s",
                                               (gulong) file->units_read),
                               base, units, of_orders, lc_import_kind_get_title (file->kind));
            }
          else
            /* TRANSLATORS: "olist_orders.csv: 4,998 orders of an Olist orders list" */
            g_string_printf (line, ngettext ("%s: %s order of %s", "%s: %s orders of %s", (gulong) file->orders_read),
                             base, read, lc_import_kind_get_title (file->kind));
          if (file->cancelled_read > 0)
            /* TRANSLATORS: follows "4,998 orders of an Olist orders list" */
            g_string_append_printf (line, _(" (%s cancelled)"), cancelled);
          if (file->orders_added > 0 || file->orders_updated > 0)
            /* TRANSLATORS: follows "olist_order_items.csv: 12 items of 5 orders of an Olist order items list" */
            g_string_append_printf (line, _("; %s new orders, %s updated"), added, updated);
          if (file->pending_orders > 0)
            /* TRANSLATORS: follows "olist_orders.csv: 4,998 orders of an Olist orders list (49 cancelled)" */
            g_string_append_printf (line, ngettext ("; %s waits for its other half", "; %s wait for their other half",
                                                    (gulong) file->pending_orders),
                                    waiting);
          g_print ("%s\n", line->str);
        }
      else if (file->kind == LC_IMPORT_KIND_SHOPIFY_ORDERS)
        /* TRANSLATORS: "orders_export_1.csv: 1,234 rows; 400 new orders, 12 updated" */
        g_print (_("%s: %s rows; %s new orders, %s updated\n"), base, rows, added, updated);
      else if (lc_import_kind_is_mapped (file->kind))
        /* TRANSLATORS: "orders.csv: 1,234 rows of a WooCommerce orders export; 400 new orders, 12 updated" */
        g_print (_("%s: %s rows of %s; %s new orders, %s updated\n"), base, rows,
                 lc_import_kind_get_title (file->kind), added, updated);
      else
        /* TRANSLATORS: "Sessions over time.csv: 53 rows of a Shopify sessions report" */
        g_print (_("%s: %s rows of %s\n"), base, rows, lc_import_kind_get_title (file->kind));
      for (guint j = 0; j < file->warnings->len; j++)
        g_print (_("  Note: %s\n"), (const char *) g_ptr_array_index (file->warnings, j));
    }
  return EXIT_OK;
}

/* summary STORE */

/* Orders kept until their other half is imported: in no figure. */
static void
print_pending_orders (const char *base,
                      LcSummary  *s)
{
  g_autofree char *pending = NULL;

  if (s->pending_orders == 0)
    return;
  pending = lc_display_count (s->pending_orders);
  /* TRANSLATORS: "shop.liftcheck: 977 orders wait for their other half …" */
  g_print (ngettext ("%s: %s order waits for its other half (its items, or its date and prices) and is in none "
                     "of these figures. An Olist order counts once both Olist’s orders file and its order items "
                     "file are imported; Instacart’s files have no dates or prices, so its orders never count.\n",
                     "%s: %s orders wait for their other half (their items, or their dates and prices) and are in "
                     "none of these figures. An Olist order counts once both Olist’s orders file and its order items "
                     "file are imported; Instacart’s files have no dates or prices, so its orders never count.\n",
                     (gulong) s->pending_orders),
           base, pending);
}

static void
print_summary_text (LcStore   *store,
                    LcSummary *s)
{
  g_autofree char *base = g_path_get_basename (lc_store_get_path (store));
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *orders = NULL;
  g_autofree char *aov = NULL;
  g_autofree char *refunded = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *skus = NULL;

  if (!s->has_orders)
    {
      g_print (_("%s has no orders yet. Import a Shopify orders export:\n  liftcheck-cli import %s orders_export_1.csv\n"),
               base, lc_store_get_path (store));
      print_pending_orders (base, s);
      return;
    }

  first = lc_display_day (s->first_day);
  last = lc_display_day (s->last_day);
  orders = lc_display_count (s->orders);
  aov = lc_display_money (s->aov, s->currency, -1);
  refunded = lc_display_money (s->refunded / pow (10, s->exponent), s->currency, 0);
  revenue = lc_display_money (s->revenue_12m / pow (10, s->exponent), s->currency, 0);
  skus = lc_display_count (s->active_skus_12m);

  /* TRANSLATORS: "demo.liftcheck: orders from 1 Nov 2024 to 31 Oct 2026, in USD" */
  g_print (_("%s: orders from %s to %s, in %s\n\n"), base, first, last, s->currency);
  g_print (_("Orders:               %s (cancelled and voided orders left out)\n"), orders);
  g_print (_("Average order value:  %s (what a customer spends per order, before shipping and taxes)\n"), aov);
  g_print (_("Items per order:      %.2f\n"), s->upt);
  g_print (_("Return rate:          %.1f%% of sales refunded (%s in all)\n"), s->return_rate * 100, refunded);
  g_print (_("Revenue, last year:   %s after refunds\n"), revenue);
  if (s->usd_rate > 0 && g_strcmp0 (s->currency, "USD") != 0)
    {
      g_autofree char *usd = lc_display_money (s->revenue_12m_usd, "USD", 0);

      if (g_strcmp0 (s->usd_rate_source, "owner") == 0)
        g_print (_("                      %s at your rate of %g USD per %s\n"), usd, s->usd_rate, s->currency);
      else
        g_print (_("                      about %s at an estimated %g USD per %s; confirm the rate for an exact figure\n"),
                 usd, s->usd_rate, s->currency);
    }
  g_print (_("Store size:           %s. %s\n"), lc_tier_get_title (s->tier), lc_tier_get_advice (s->tier));
  g_print (_("Orders a month:       %.0f\n"), s->orders_per_month);
  g_print (_("Products sold:        %s different items in the last year\n"), skus);
  g_print (_("Returns history:      %d months\n"), s->months_of_returns);
  if (s->sessions_12m >= 0)
    {
      g_autofree char *count = lc_display_count (s->sessions_12m);
      g_autofree char *from = lc_display_day (s->sessions_from);
      g_autofree char *to = lc_display_day (s->sessions_to);

      /* TRANSLATORS: "Visits, last year:    239,149 sessions from 2 Jan 2024 to 31 Dec 2024" */
      g_print (_("Visits, last year:    %s sessions from %s to %s\n"), count, from, to);
    }
  if (s->email_revenue_12m >= 0)
    {
      g_autofree char *money = lc_display_money (s->email_revenue_12m / pow (10, s->exponent), s->currency, 0);
      g_autofree char *from = lc_display_day (s->email_from);
      g_autofree char *to = lc_display_day (s->email_to);

      if (s->email_share > 1)
        g_print (_("E-mail revenue:       %s from %s to %s, as Klaviyo counts it: more than all your sales on those days, "
                   "so the Klaviyo report and the orders do not match (is an orders export missing?)\n"),
                 money, from, to);
      else if (s->email_share >= 0)
        /* TRANSLATORS: "E-mail revenue:       $41,000 from 2 Jan 2024 to 31 Dec 2024: 23.4% of sales on those days, as Klaviyo counts it" */
        g_print (_("E-mail revenue:       %s from %s to %s: %.1f%% of sales on those days, as Klaviyo counts it\n"),
                 money, from, to, s->email_share * 100);
      else
        g_print (_("E-mail revenue:       %s from %s to %s, as Klaviyo counts it; no orders on those days to compare it with\n"),
                 money, from, to);
    }
  if (s->pending_orders > 0)
    g_print ("\n");
  print_pending_orders (base, s);
}

static int
run_summary (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — the headline numbers"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcSummary) s = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give one store file."));

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  s = lc_store_compute_summary (store, &error);
  if (s == NULL)
    return lc_cli_fail (error);

  if (!json)
    {
      print_summary_text (store, s);
      return EXIT_OK;
    }

  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    double divisor = pow (10, s->exponent);

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "pending_orders");
    json_builder_add_int_value (b, s->pending_orders);
    json_builder_set_member_name (b, "currency");
    if (s->currency != NULL)
      json_builder_add_string_value (b, s->currency);
    else
      json_builder_add_null_value (b);
    if (s->has_orders)
      {
        lc_cli_add_day (b, "first_day", s->first_day);
        lc_cli_add_day (b, "last_day", s->last_day);
      }
    else
      {
        json_builder_set_member_name (b, "first_day");
        json_builder_add_null_value (b);
        json_builder_set_member_name (b, "last_day");
        json_builder_add_null_value (b);
      }
    json_builder_set_member_name (b, "orders");
    json_builder_add_int_value (b, s->orders);
    json_builder_set_member_name (b, "aov");
    json_builder_add_double_value (b, lc_cli_money_value (s->aov, s->exponent));
    json_builder_set_member_name (b, "upt");
    json_builder_add_double_value (b, s->upt);
    json_builder_set_member_name (b, "return_rate");
    json_builder_add_double_value (b, s->return_rate);
    json_builder_set_member_name (b, "refunded");
    json_builder_add_double_value (b, lc_cli_money_value (s->refunded / divisor, s->exponent));
    json_builder_set_member_name (b, "units");
    json_builder_add_int_value (b, s->units);
    json_builder_set_member_name (b, "revenue_12m");
    json_builder_add_double_value (b, lc_cli_money_value (s->revenue_12m / divisor, s->exponent));
    json_builder_set_member_name (b, "revenue_12m_usd");
    if (s->revenue_12m_usd >= 0)
      json_builder_add_double_value (b, round (s->revenue_12m_usd * 100) / 100);
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "usd_rate");
    if (s->usd_rate > 0)
      json_builder_add_double_value (b, s->usd_rate);
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "usd_rate_source");
    if (s->usd_rate_source != NULL)
      json_builder_add_string_value (b, s->usd_rate_source);
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "active_skus_12m");
    json_builder_add_int_value (b, s->active_skus_12m);
    json_builder_set_member_name (b, "orders_per_month");
    json_builder_add_double_value (b, round (s->orders_per_month * 10) / 10);
    json_builder_set_member_name (b, "months_of_returns");
    json_builder_add_int_value (b, s->months_of_returns);
    json_builder_set_member_name (b, "tier");
    if (lc_tier_to_string (s->tier) != NULL)
      json_builder_add_string_value (b, lc_tier_to_string (s->tier));
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "sessions_12m");
    if (s->sessions_12m >= 0)
      json_builder_add_int_value (b, s->sessions_12m);
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "email_revenue_12m");
    if (s->email_revenue_12m >= 0)
      json_builder_add_double_value (b, lc_cli_money_value (s->email_revenue_12m / divisor, s->exponent));
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "email_share");
    if (s->email_share >= 0)
      json_builder_add_double_value (b, s->email_share);
    else
      json_builder_add_null_value (b);
    json_builder_end_object (b);
    lc_cli_print_json (b);
  }
  return EXIT_OK;
}

/* series STORE METRIC */

static gboolean
any_value (GArray *points)
{
  for (guint i = 0; i < points->len; i++)
    if (g_array_index (points, LcSeriesPoint, i).has_value)
      return TRUE;
  return FALSE;
}

static int
run_series (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE METRIC — a metric over time"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(LcSummary) s = NULL;
  g_autofree char *by = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gboolean csv = FALSE;
  gboolean json = FALSE;
  LcMetric metric;
  LcPeriod period = LC_PERIOD_WEEK;
  LcDay from, to;
  gboolean with_sessions;
  gboolean per_session;
  int status;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Period: day, week (the default) or month"), N_("PERIOD") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day, YYYY-MM-DD"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, YYYY-MM-DD"), N_("DATE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("METRIC is one of: revenue, orders, aov, upt, return-rate, sessions, conversion, rpv. "
                                            "The last three need an imported Shopify sessions report."));
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return lc_cli_usage_error (context, _("Give a store file and a metric."));
  if (!lc_metric_from_string (argv[2], &metric))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a metric Liftcheck can chart; use revenue, orders, aov, upt, return-rate, "
                                                    "sessions, conversion or rpv."),
                                                  argv[2]);

      return lc_cli_usage_error (context, message);
    }
  per_session = metric == LC_METRIC_CONVERSION || metric == LC_METRIC_RPV;
  with_sessions = per_session || metric == LC_METRIC_SESSIONS;
  if (by != NULL && !lc_period_from_string (by, &period))
    return lc_cli_usage_error (context, _("--by takes day, week or month."));
  if (csv && json)
    return lc_cli_usage_error (context, _("Choose --csv or --json, not both."));
  if (!lc_cli_parse_day (from_text, &from, &error) || !lc_cli_parse_day (to_text, &to, &error))
    return lc_cli_usage_error (context, error->message);

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  s = lc_store_compute_summary (store, &error);
  if (s == NULL)
    return lc_cli_fail (error);
  if (with_sessions)
    {
      points = lc_store_sessions_series (store, metric, period, from, to, &error);
      if (points == NULL)
        return lc_cli_fail (error);
      if (per_session && points->len > 0 && !any_value (points))
        g_printerr (_("liftcheck-cli: no imported orders fall on the days the sessions cover, so there is nothing "
                      "to divide; import the orders export for those dates.\n"));
    }
  else
    {
      daily = lc_store_daily_totals (store, from, to, &error);
      if (daily == NULL)
        return lc_cli_fail (error);
      points = lc_series_from_daily (daily, metric, period,
                                     from != LC_DAY_NONE ? from : (s->has_orders ? s->first_day : LC_DAY_NONE),
                                     to != LC_DAY_NONE ? to : (s->has_orders ? s->last_day : LC_DAY_NONE),
                                     s->last_day, s->exponent);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      gboolean money = metric == LC_METRIC_REVENUE || metric == LC_METRIC_AOV || metric == LC_METRIC_RPV;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "metric");
      json_builder_add_string_value (b, lc_metric_to_string (metric));
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, by != NULL ? by : "week");
      json_builder_set_member_name (b, "currency");
      if (s->currency != NULL)
        json_builder_add_string_value (b, s->currency);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "points");
      json_builder_begin_array (b);
      for (guint i = 0; i < points->len; i++)
        {
          LcSeriesPoint *p = &g_array_index (points, LcSeriesPoint, i);

          json_builder_begin_object (b);
          lc_cli_add_day (b, "start", p->start);
          lc_cli_add_day (b, "end", p->end);
          json_builder_set_member_name (b, "value");
          if (!p->has_value)
            json_builder_add_null_value (b);
          else if (money)
            json_builder_add_double_value (b, lc_cli_money_value (p->value, s->exponent));
          else
            json_builder_add_double_value (b, p->value);
          json_builder_set_member_name (b, "orders");
          json_builder_add_int_value (b, p->orders);
          if (with_sessions)
            {
              json_builder_set_member_name (b, "sessions");
              if (p->sessions >= 0)
                json_builder_add_int_value (b, p->sessions);
              else
                json_builder_add_null_value (b);
            }
          if (metric == LC_METRIC_RETURN_RATE)
            {
              json_builder_set_member_name (b, "immature");
              json_builder_add_boolean_value (b, p->immature);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      lc_cli_print_json (b);
      return EXIT_OK;
    }

  if (csv)
    g_print ("start,end,%s,orders%s\n", lc_metric_to_string (metric),
             metric == LC_METRIC_RETURN_RATE ? ",immature" : per_session ? ",sessions" : "");
  for (guint i = 0; i < points->len; i++)
    {
      LcSeriesPoint *p = &g_array_index (points, LcSeriesPoint, i);
      g_autofree char *start = lc_day_format (p->start);
      g_autofree char *end = lc_day_format (p->end);
      g_autofree char *sessions = p->sessions >= 0 ? g_strdup_printf (",%" G_GINT64_FORMAT, p->sessions) : g_strdup (",");
      char value[G_ASCII_DTOSTR_BUF_SIZE] = "";
      char format[8];
      int decimals = 2;

      if (metric == LC_METRIC_RETURN_RATE || metric == LC_METRIC_UPT || metric == LC_METRIC_CONVERSION)
        decimals = 4;
      else if (metric == LC_METRIC_SESSIONS)
        decimals = 0;
      g_snprintf (format, sizeof format, "%%.%df", decimals);
      /* CSV for programs, whatever the locale; the table for people, with
       * their decimal mark. */
      if (p->has_value && csv)
        g_ascii_formatd (value, sizeof value, format, p->value);
      else if (p->has_value)
        g_snprintf (value, sizeof value, "%.*f", decimals, p->value);
      if (csv)
        g_print ("%s,%s,%s,%" G_GINT64_FORMAT "%s\n", start, end, value, p->orders,
                 metric == LC_METRIC_RETURN_RATE ? (p->immature ? ",true" : ",false") : per_session ? sessions : "");
      else
        g_print ("%s  %12s  %s\n", start, p->has_value ? value : "—",
                 p->immature ? _("(returns still coming in)") : "");
    }
  return EXIT_OK;
}

/* demo STORE */

static int
run_demo (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — create the demo store"));
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *truth = NULL;
  LcDemoOptions options;
  int seed = -1;
  double orders_per_day = -1;
  double years = -1;
  int status;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (the same seed gives the same store)"), N_("N") },
    { "orders-per-day", 0, 0, G_OPTION_ARG_DOUBLE, &orders_per_day, N_("Average orders a day"), N_("F") },
    { "years", 0, 0, G_OPTION_ARG_DOUBLE, &years, N_("Years of history"), N_("Y") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Also write the orders as a Shopify export"), N_("FILE") },
    { "truth", 0, 0, G_OPTION_ARG_FILENAME, &truth, N_("Write the planted effects as JSON"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("A made-up clothing store with known effects planted in it, to try Liftcheck on."));
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give the file name of the new store."));

  lc_demo_options_init (&options);
  if (seed >= 0)
    options.seed = seed;
  if (orders_per_day != -1)
    {
      if (!(orders_per_day > 0 && orders_per_day <= 100000))
        return lc_cli_usage_error (context, _("--orders-per-day takes a number above 0."));
      options.orders_per_day = orders_per_day;
    }
  if (years != -1)
    {
      if (!(years > 0 && years <= 20))
        return lc_cli_usage_error (context, _("--years takes a number from 0 to 20."));
      options.years = years;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr (_("liftcheck-cli: “%s” already exists; the demo goes into a new store file.\n"), argv[1]);
      return EXIT_STORE;
    }

  if (!lc_demo_create_store (&options, argv[1], csv, truth, NULL, NULL, NULL, &error))
    {
      lc_store_remove_files (argv[1]);
      return lc_cli_fail (error);
    }
  return EXIT_OK;
}

/* check STORE */

static int
run_check (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — check that every page of the store can be read"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  int status;

  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give one store file."));

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL || !lc_store_check (store, &error))
    return lc_cli_fail (error);
  g_print (_("%s is intact.\n"), argv[1]);
  return EXIT_OK;
}

/* restore STORE */

static int
run_restore (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — put back the copy made before the store’s last upgrade"));
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  int status;

  g_option_context_set_summary (context, _("The store as it is now is kept as STORE.damaged."));
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give one store file."));

  if (!lc_store_restore_backup (argv[1], &backup, &error))
    return lc_cli_fail (error);
  /* TRANSLATORS: "shop.liftcheck was restored from shop.liftcheck.v2.bak; the damaged file is shop.liftcheck.damaged." */
  g_print (_("%s was restored from %s; the file it replaced is %s.damaged.\n"), argv[1], backup, argv[1]);
  return EXIT_OK;
}

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "import",  N_("STORE FILE…"), N_("Import order exports and reports into STORE (created if missing)"), run_import },
  { "summary", N_("STORE"), N_("The headline numbers: orders, average order value, items per order, returns, revenue, size"), run_summary },
  { "series",  N_("STORE METRIC"), N_("A metric by day, week or month (revenue, orders, aov, upt, return-rate, sessions, conversion, rpv)"), run_series },
  { "chart",   N_("STORE METRIC"), N_("A metric’s chart as a PNG or SVG picture (-o FILE), as the app draws it"), lc_cli_run_chart },
  { "demo",    N_("STORE"), N_("Create a demo store with known effects planted in it"), run_demo },
  { "feature", N_("STORE [FEATURE]"), N_("Record when a feature was switched on or off, and what it costs"), lc_cli_run_feature },
  { "evaluate", N_("STORE FEATURE"), N_("Did the feature change what customers buy? Before and after, with last year as control"), lc_cli_run_evaluate },
  { "offtest", N_("STORE --from D --to D"), N_("Read a two-week off-test: did revenue drop while the feature was off?"), lc_cli_run_offtest },
  { "holdout", N_("STORE --tag TAG"), N_("Orders with a tag (a holdout or test group) against the rest"), lc_cli_run_holdout },
  { "abtest", N_("--a N:C --b N:C"), N_("Read an A/B test from its counts"), lc_cli_run_abtest },
  { "power", N_("STORE"), N_("How long a test would need to see a given change"), lc_cli_run_power },
  { "answers", N_("STORE [KEY=VALUE…]"), N_("Show or override the wizard’s answers: revenue, exchange rate, vertical…"), lc_cli_run_answers },
  { "recommend", N_("STORE"), N_("The store’s size and a verdict for every feature: keep, turn off, try or test first"), lc_cli_run_recommend },
  { "bundles", N_("STORE"), N_("Which products are bought together, and what bundling them could bring"), lc_cli_run_bundles },
  { "returns", N_("STORE"), N_("Where returns come from: risky products, sizes, combinations and customers"), lc_cli_run_returns },
  { "report", N_("STORE"), N_("The consultant’s report as a PDF (-o FILE.pdf): numbers, charts, verdicts, tests to run"), lc_cli_run_report },
  { "shopify-sync", N_("STORE"), N_("Read orders, line items and refunds from a shop (--shop NAME; credentials from the environment, see --help)"), lc_cli_run_shopify_sync },
  { "check",   N_("STORE"), N_("Check that every page of the store can be read"), run_check },
  { "restore", N_("STORE"), N_("Put back the copy of STORE made before its last upgrade; keep the damaged one"), run_restore },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: liftcheck-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *head = g_strdup_printf ("%s %s", commands[i].name, _(commands[i].args));
      /* Padded by characters, not bytes: translated arguments such as
       * “MÉTRICA” keep the summaries lined up. */
      int pad = MAX (22 - (int) g_utf8_strlen (head, -1), 0);

      fprintf (out, "  %s%*s %s\n", head, pad, "", _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Run “liftcheck-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  /* LIFTCHECK_LOCALEDIR points at catalogues not yet installed, such as
   * the build tree's under "meson devenv" and in the tests. */
  const char *localedir = g_getenv ("LIFTCHECK_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("liftcheck-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("liftcheck-cli %s", commands[i].name);

        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_("liftcheck-cli: “%s” is not a command.\n\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
