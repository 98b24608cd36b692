/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lc-date-column.h"
#include "lc-import.h"
#include "lc-import-private.h"
#include "lc-mapping.h"
#include "lc-metrics.h"
#include "lc-store-private.h"
#include "lc-test-util.h"

/*
 * Exports of stores other than Shopify: the built-in kinds (WooCommerce
 * Analytics, WooCommerce order-export plugins, BigCommerce, transaction
 * lists), column mappings, and the date column's format. The fixtures in
 * data/mapped/ are one shop's five orders written in each format: each must
 * give the store what its Shopify twin (shop-shopify.csv) gives. The public
 * files in ../shared/data/public are checked against
 * tests/reference/mapped_reference.py (data/mapped-expected.json).
 */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "mapped", name, NULL);
}

static gint64
query_int (LcStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (_lc_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (_lc_store_get_db (store)));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static LcImportResult *
import_path (LcStore         *store,
             const char      *path,
             const LcMapping *mapping,
             const char      *currency,
             GError         **error)
{
  const char *paths[] = { path, NULL };

  return lc_store_import_files_with_mapping (store, paths, mapping, currency, NULL, NULL, NULL, error);
}

static LcImportFileResult *
first_file (LcImportResult *result)
{
  g_assert_cmpuint (result->files->len, ==, 1);
  return g_ptr_array_index (result->files, 0);
}

/* The store a fixture makes, summed up. */
typedef struct
{
  LcImportKind kind;
  LcSummary   *summary;
  gint64       lines;
  gint64       stored_orders;
} Shop;

static void
shop_clear (Shop *shop)
{
  g_clear_pointer (&shop->summary, lc_summary_free);
}

/* Not one customer e-mail or name anywhere in the store's files. */
static void
assert_no_customers (const char *store_path)
{
  static const char * const suffixes[] = { "", "-wal" };
  static const char * const customers[] = { "@example.com", "Ann Example", "Dan Doe", "Cat Cole", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_path, suffixes[i], NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &bytes, &len, NULL))
        continue;
      for (guint j = 0; customers[j] != NULL; j++)
        g_assert_null (memmem (bytes, len, customers[j], strlen (customers[j])));
    }
}

static void
import_shop (const char *name,
             Shop       *shop)
{
  g_autofree char *store_path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&store_path);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name);
  g_autofree char *ini = NULL;

  if (g_str_has_suffix (name, "-mapped.csv"))
    {
      g_autofree char *base = g_strndup (path, strlen (path) - 4);

      ini = g_strconcat (base, ".ini", NULL);
      mapping = lc_mapping_new_from_file (ini, &error);
      g_assert_no_error (error);
    }
  /* The analytics download says no currency: the shop's is given. */
  result = import_path (store, path, mapping, "EUR", &error);
  g_assert_no_error (error);
  shop->kind = first_file (result)->kind;
  shop->summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  shop->lines = query_int (store, "SELECT count(*) FROM line_items");
  shop->stored_orders = query_int (store, "SELECT count(*) FROM orders");
  assert_no_customers (store_path);
}

/* Every format of the shop's orders gives the numbers of its Shopify
 * export: counted orders, order value, units, totals, refunds, days and
 * products, and as many lines. */
static void
test_twins_match_shopify (void)
{
  static const struct
  {
    const char   *file;
    LcImportKind  kind;
  } twins[] = {
    { "shop-woocommerce-analytics.csv", LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS },
    { "shop-woocommerce-analytics-fr.csv", LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS },
    { "shop-woocommerce-orders.csv", LC_IMPORT_KIND_WOOCOMMERCE_ORDERS },
    { "shop-bigcommerce.csv", LC_IMPORT_KIND_BIGCOMMERCE_ORDERS },
    { "shop-mapped.csv", LC_IMPORT_KIND_MAPPED },
  };
  Shop shopify = { 0 };

  import_shop ("shop-shopify.csv", &shopify);
  g_assert_cmpint (shopify.summary->orders, ==, 4);
  g_assert_cmpint (shopify.summary->units, ==, 9);
  g_assert_cmpint (shopify.summary->refunded, ==, 3000);

  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    {
      Shop twin = { 0 };

      g_test_message ("%s", twins[i].file);
      import_shop (twins[i].file, &twin);
      g_assert_cmpint (twin.kind, ==, twins[i].kind);
      g_assert_cmpstr (twin.summary->currency, ==, shopify.summary->currency);
      g_assert_cmpint (twin.summary->orders, ==, shopify.summary->orders);
      g_assert_cmpint (twin.summary->order_value, ==, shopify.summary->order_value);
      g_assert_cmpint (twin.summary->units, ==, shopify.summary->units);
      g_assert_cmpint (twin.summary->total, ==, shopify.summary->total);
      g_assert_cmpint (twin.summary->refunded, ==, shopify.summary->refunded);
      g_assert_cmpint (twin.summary->first_day, ==, shopify.summary->first_day);
      g_assert_cmpint (twin.summary->last_day, ==, shopify.summary->last_day);
      g_assert_cmpint (twin.summary->revenue_12m, ==, shopify.summary->revenue_12m);
      g_assert_cmpint (twin.summary->active_skus_12m, ==, shopify.summary->active_skus_12m);
      g_assert_cmpfloat_with_epsilon (twin.summary->return_rate, shopify.summary->return_rate, 1e-12);
      g_assert_cmpint (twin.lines, ==, shopify.lines);
      g_assert_cmpint (twin.stored_orders, ==, shopify.stored_orders);
      shop_clear (&twin);
    }
  shop_clear (&shopify);
}

/* Refunds written as rows of their own (WooCommerce Analytics) land on
 * their order, on the day of the refund, with refund lines on the
 * products they returned. */
static void
test_woocommerce_refund_rows (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("shop-woocommerce-analytics.csv");

  result = import_path (store, path, NULL, "EUR", &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM refunds"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT r.local_day FROM refunds r JOIN orders o ON o.id = r.order_id "
                                     "WHERE o.name = '1003'"),
                   ==, lc_day_from_ymd (2024, 3, 14));
  /* Two socks of #1003 came back, for 10.00. */
  g_assert_cmpint (query_int (store, "SELECT rl.quantity * 10000 + rl.amount FROM refund_lines rl "
                                     "JOIN line_items li ON li.id = rl.line_item_id WHERE li.name = 'Sock'"),
                   ==, 2 * 10000 + 1000);
  /* Customers are kept as hashes only. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM orders WHERE customer_hash LIKE '%Ann%'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT customer_hash) FROM orders"), ==, 4);
}

/* A cancellation returns goods of the customer's earlier sale: a refund
 * of that sale with a refund line on its line; without such a sale, an
 * order of the cancellation's day whose value all came back. Stock
 * adjustments (no units, no cancellation) are left out, with a note. */
static void
test_transactions_cancellations (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("transactions.csv");
  LcImportFileResult *file;

  result = import_path (store, path, NULL, "EUR", &error);
  g_assert_no_error (error);
  file = first_file (result);
  g_assert_cmpint (file->kind, ==, LC_IMPORT_KIND_TRANSACTIONS);
  g_assert_cmpint (file->orders_added, ==, 5);
  g_assert_cmpuint (file->warnings->len, ==, 2);

  /* C500004 returns the scarf of 500001, on 2024-03-20. */
  g_assert_cmpint (query_int (store, "SELECT refunded FROM orders WHERE name = '500001'"), ==, 2000);
  g_assert_cmpint (query_int (store, "SELECT r.local_day FROM refunds r JOIN orders o ON o.id = r.order_id "
                                     "WHERE o.name = '500001'"),
                   ==, lc_day_from_ymd (2024, 3, 20));
  g_assert_cmpint (query_int (store, "SELECT li.position FROM refund_lines rl JOIN line_items li "
                                     "ON li.id = rl.line_item_id JOIN orders o ON o.id = li.order_id "
                                     "WHERE o.name = '500001'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM orders WHERE name = 'C500004'"), ==, 0);
  /* Its mug came from 500010: one cancellation, a refund of each sale. */
  g_assert_cmpint (query_int (store, "SELECT refunded FROM orders WHERE name = '500010'"), ==, 1250);
  /* C500005's mug was bought before the file: a returned order of its day. */
  g_assert_cmpint (query_int (store, "SELECT total * 1000000 + refunded FROM orders WHERE name = 'C500005'"),
                   ==, G_GINT64_CONSTANT (2500) * 1000000 + 2500);
  g_assert_cmpint (query_int (store, "SELECT units FROM orders WHERE name = 'C500005'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT local_day FROM orders WHERE name = 'C500005'"),
                   ==, lc_day_from_ymd (2024, 3, 21));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM orders WHERE name = '500003'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM refunds"), ==, 3);
}

/* A mapping without columns gives a built-in kind its date format and
 * currency; it cannot be used on a Shopify export. */
static void
test_mapping_adjusts_builtin_kinds (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcMapping) dmy = NULL;
  g_autoptr(LcMapping) currency = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *transactions = fixture_path ("transactions.csv");
  g_autofree char *analytics = fixture_path ("shop-woocommerce-analytics.csv");
  g_autofree char *shopify = fixture_path ("shop-shopify.csv");

  dmy = lc_mapping_new_from_ini ("[Mapping]\ndate-format=dmy\n", "dmy.ini", &error);
  g_assert_no_error (error);
  g_assert_false (lc_mapping_has_columns (dmy));
  /* Read day first, "3/20/24" is no day: the format was taken. */
  g_assert_null (import_path (store, transactions, dmy, "EUR", &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "“3/20/24 9:00” is not a day written day/month/year"));
  g_clear_error (&error);

  currency = lc_mapping_new_from_ini ("[Mapping]\ncurrency=CHF\n", "chf.ini", &error);
  g_assert_no_error (error);
  result = import_path (store, analytics, currency, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_file (result)->kind, ==, LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS);
  g_assert_cmpstr (lc_store_get_currency (store), ==, "CHF");

  g_assert_null (import_path (store, shopify, currency, NULL, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND);
}

/* The mapping an import used is kept for the header: the next file with
 * the same columns needs none, in the library and in the CLI. */
static void
test_mapping_saved_and_reused (void)
{
  g_autofree char *store_path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&store_path);
  g_autoptr(LcImportResult) first = NULL;
  g_autoptr(LcImportResult) again = NULL;
  g_autoptr(LcMapping) mapping = NULL;
  g_autoptr(LcMapping) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("shop-mapped.csv");
  g_autofree char *ini = fixture_path ("shop-mapped.ini");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *other_store = g_build_filename (dir, "cli.liftcheck", NULL);
  g_autofree char *saved_ini = NULL;
  g_autofree char *found_ini = NULL;
  g_auto(GStrv) columns = g_strsplit ("Bestellnummer;Datum;Status;E-Mail;Artikelnummer;Artikel;Menge;"
                                      "Einzelpreis;Erstattet;Erstattete Menge", ";", -1);
  int status;

  /* Without the mapping, the file is unknown. */
  g_assert_null (import_path (store, path, NULL, NULL, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_UNKNOWN_KIND);
  g_clear_error (&error);
  g_assert_null (lc_store_find_mapping (store, (const char * const *) columns, &error));
  g_assert_no_error (error);

  mapping = lc_mapping_new_from_file (ini, &error);
  g_assert_no_error (error);
  first = import_path (store, path, mapping, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_file (first)->orders_added, ==, 5);

  found = lc_store_find_mapping (store, (const char * const *) columns, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  saved_ini = lc_mapping_to_ini (mapping);
  found_ini = lc_mapping_to_ini (found);
  g_assert_cmpstr (found_ini, ==, saved_ini);

  again = import_path (store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_file (again)->kind, ==, LC_IMPORT_KIND_MAPPED);
  g_assert_cmpint (first_file (again)->orders_added, ==, 0);
  g_assert_cmpint (first_file (again)->orders_updated, ==, 5);

  /* The CLI: refused with how to write a mapping, then --mapping, then
   * by itself. */
  status = lc_test_run_cli (&out, &err, "import", other_store, path, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--mapping"));
  g_assert_nonnull (strstr (err, "[Mapping]"));
  g_assert_false (g_file_test (other_store, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = lc_test_run_cli (&out, &err, "import", other_store, path, "--mapping", ini, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "5 new orders"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = lc_test_run_cli (&out, &err, "import", other_store, path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "5 updated"));
}

/* A mapping file with an unknown key or date format is refused, naming
 * the file and what was expected; one that lacks a required field or
 * names a column the file does not have leaves the store as it was. */
static void
test_bad_mappings (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcMapping) mapping = NULL;
  g_autofree char *path = fixture_path ("shop-mapped.csv");

  g_assert_null (lc_mapping_new_from_ini ("[Mapping]\norder=Id\n", "m.ini", &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "m.ini"));
  g_assert_nonnull (strstr (error->message, "order-id"));
  g_clear_error (&error);
  g_assert_null (lc_mapping_new_from_ini ("[Mapping]\ndate-format=yesterday\n", "m.ini", &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_null (lc_mapping_new_from_ini ("order-id=Id\n", "m.ini", &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_clear_error (&error);

  mapping = lc_mapping_new_from_ini ("[Mapping]\norder-id=Bestellnummer\ndate=Datum\nquantity=Menge\n",
                                     "m.ini", &error);
  g_assert_no_error (error);
  g_assert_null (import_path (store, path, mapping, "EUR", &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS);
  g_assert_nonnull (strstr (error->message, "shop-mapped.csv"));
  g_clear_error (&error);

  lc_mapping_set_column (mapping, LC_MAPPING_FIELD_UNIT_PRICE, "Preis");
  g_assert_null (import_path (store, path, mapping, "EUR", &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS);
  g_assert_nonnull (strstr (error->message, "“Preis”"));
  g_clear_error (&error);

  /* Right columns, but the file says no currency and the store has none. */
  lc_mapping_set_column (mapping, LC_MAPPING_FIELD_UNIT_PRICE, "Einzelpreis");
  g_assert_null (import_path (store, path, mapping, NULL, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_CURRENCY);
  g_clear_error (&error);
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_assert_null (lc_store_get_currency (store));
}

/* The INI form keeps every field, the currency column apart from a fixed
 * currency, and the date format. */
static void
test_ini_round_trip (void)
{
  g_autoptr(LcMapping) mapping = lc_mapping_new ();
  g_autoptr(LcMapping) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ini = NULL;

  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    {
      g_autofree char *column = g_strdup_printf ("Column %u #%s", f, lc_mapping_field_to_string (f));

      lc_mapping_set_column (mapping, f, column);
      g_assert_nonnull (lc_mapping_field_get_title (f));
      g_assert_nonnull (lc_mapping_field_get_description (f));
    }
  lc_mapping_set_date_order (mapping, LC_DATE_ORDER_DMY);
  ini = lc_mapping_to_ini (mapping);
  again = lc_mapping_new_from_ini (ini, "saved", &error);
  g_assert_no_error (error);
  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    g_assert_cmpstr (lc_mapping_get_column (again, f), ==, lc_mapping_get_column (mapping, f));
  g_assert_cmpint (lc_mapping_get_date_order (again), ==, LC_DATE_ORDER_DMY);
  g_assert_null (lc_mapping_get_currency (again));
  g_clear_pointer (&again, lc_mapping_free);

  /* currency=EUR is a code, not a column. */
  again = lc_mapping_new_from_ini ("[Mapping]\ncurrency=eur\n", "m.ini", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lc_mapping_get_currency (again), ==, "EUR");
  g_assert_null (lc_mapping_get_column (again, LC_MAPPING_FIELD_CURRENCY));
  g_assert_true (lc_mapping_field_is_required (LC_MAPPING_FIELD_ORDER_ID));
  g_assert_false (lc_mapping_field_is_required (LC_MAPPING_FIELD_SKU));
}

/* A bad value names the file, line and column; the store is as it was. */
static void
test_bad_value_names_line_and_column (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, "orders.csv",
                                              "Order ID,Order Date,Item Name,Quantity,Item Cost,Order Currency\n"
                                              "1,2024-03-04,Hat,1,15.00,EUR\n"
                                              "2,2024-03-05,Mug,two,12.50,EUR\n",
                                              -1);

  g_assert_null (import_path (store, path, NULL, NULL, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "orders.csv, line 3, column “Quantity”"));
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_clear_error (&error);

  /* An order whose rows are apart would lose its first rows. */
  g_free (path);
  path = lc_test_write_file (dir, "apart.csv",
                             "Order ID,Order Date,Item Name,Quantity,Item Cost,Order Currency\n"
                             "1,2024-03-04,Hat,1,15.00,EUR\n"
                             "2,2024-03-05,Mug,1,12.50,EUR\n"
                             "1,2024-03-04,Sock,1,5.00,EUR\n",
                             -1);
  g_assert_null (import_path (store, path, NULL, NULL, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "apart.csv, line 4: order 1"));
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_clear_error (&error);

  /* Amounts past any real order (found by the fuzzer): a quantity column
   * that holds something else, times a price, is stopped at its line;
   * lines that each pass but add up past it stop the order, named with
   * its first line, before the store sees it. */
  g_free (path);
  path = lc_test_write_file (dir, "huge.csv",
                             "Order ID,Order Date,Item Name,Quantity,Item Cost,Order Currency\n"
                             "1,2024-03-04,Hat,1,15.00,EUR\n"
                             "2,2024-03-05,Mug,900000000000,900000000.00,EUR\n",
                             -1);
  g_assert_null (import_path (store, path, NULL, NULL, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "huge.csv, line 3, column “Quantity”"));
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_clear_error (&error);

  g_free (path);
  path = lc_test_write_file (dir, "sum.csv",
                             "Order ID,Order Date,Item Name,Quantity,Item Cost,Order Currency\n"
                             "1,2024-03-04,Hat,1,15.00,EUR\n"
                             "2,2024-03-05,Mug,1,900000000.00,EUR\n"
                             "2,2024-03-05,Cup,1,900000000.00,EUR\n",
                             -1);
  g_assert_null (import_path (store, path, NULL, NULL, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "sum.csv, line 3: order 2"));
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
}

static void
decide (const char * const *values,
        LcDateOrder        *order,
        char              **warning,
        GError            **error)
{
  g_autoptr(LcDateColumn) column = lc_date_column_new ();

  for (guint i = 0; values[i] != NULL; i++)
    lc_date_column_add (column, values[i], i + 2);
  lc_date_column_decide (column, "f.csv", "Date", order, warning, error);
}

/* The date format is decided by the whole column: one value with a day
 * above 12 settles it; a column where every value reads both ways is read
 * the way that keeps rows close in time, with a warning; mixed formats
 * are refused with the line. */
static void
test_date_column (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  LcDateOrder order = LC_DATE_ORDER_AUTO;
  LcTimestamp ts;

  decide ((const char *[]) { "12/1/10 8:26", "12/5/10 9:00", "12/13/10 10:00", NULL }, &order, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order, ==, LC_DATE_ORDER_MDY);
  g_assert_null (warning);

  decide ((const char *[]) { "01/02/2024", "13/02/2024", NULL }, &order, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order, ==, LC_DATE_ORDER_DMY);

  /* Every value reads both ways: day first keeps these a day apart,
   * month first a month. */
  decide ((const char *[]) { "01/03/2024", "02/03/2024", "03/03/2024", NULL }, &order, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order, ==, LC_DATE_ORDER_DMY);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "day/month/year"));
  g_clear_pointer (&warning, g_free);

  /* All the same day: month first, said so. */
  decide ((const char *[]) { "12/1/10 8:26", "12/1/10 9:49", NULL }, &order, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order, ==, LC_DATE_ORDER_MDY);
  g_assert_nonnull (warning);
  g_clear_pointer (&warning, g_free);

  decide ((const char *[]) { "13/01/2024", "01/02/2024", "01/13/2024", NULL }, &order, &warning, &error);
  g_assert_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 4"));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  decide ((const char *[]) { "2024-01-13", "2024-01-14", "01/15/2024", NULL }, &order, &warning, &error);
  g_assert_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "f.csv, line 4, column “Date”: “01/15/2024”"));
  g_clear_error (&error);

  decide ((const char *[]) { "2024-01-13", "soon", NULL }, &order, &warning, &error);
  g_assert_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  decide ((const char *[]) { "45361", "45361.5", NULL }, &order, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order, ==, LC_DATE_ORDER_SERIAL);
  g_assert_true (lc_date_parse_with_order ("45361.5", order, &ts, &error));
  g_assert_cmpint (ts.local_day, ==, lc_day_from_ymd (2024, 3, 10));
  g_assert_cmpint (ts.utc - (gint64) ts.local_day * 86400, ==, 12 * 3600);

  decide ((const char *[]) { "2024-03-10T14:00:00+01:00", "2024-03-11 09:00", NULL }, &order, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order, ==, LC_DATE_ORDER_YMD);

  /* Two-digit years: 69 is 2069, 70 is 1970. */
  g_assert_true (lc_date_parse_with_order ("1/2/69", LC_DATE_ORDER_DMY, &ts, &error));
  g_assert_cmpint (ts.local_day, ==, lc_day_from_ymd (2069, 2, 1));
  g_assert_true (lc_date_parse_with_order ("1/2/70", LC_DATE_ORDER_DMY, &ts, &error));
  g_assert_cmpint (ts.local_day, ==, lc_day_from_ymd (1970, 2, 1));
  g_assert_true (lc_date_parse_with_order ("3/10/24 8:26 PM", LC_DATE_ORDER_MDY, &ts, &error));
  g_assert_cmpint (ts.utc - (gint64) ts.local_day * 86400, ==, 20 * 3600 + 26 * 60);
  g_assert_false (lc_date_parse_with_order ("31/02/2024", LC_DATE_ORDER_DMY, &ts, &error));
  g_assert_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "day/month/year"));
}

/* A file whose only dates are ambiguous is imported with the order the
 * column chose and a warning that names it. */
static void
test_ambiguous_dates_warn (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, "orders.csv",
                                              "Order ID,Order Date,Item Name,Quantity,Item Cost,Order Currency\n"
                                              "1,01/03/2024,Hat,1,15.00,EUR\n"
                                              "2,02/03/2024,Mug,1,12.50,EUR\n",
                                              -1);
  LcImportFileResult *file;

  result = import_path (store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  file = first_file (result);
  g_assert_cmpuint (file->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (file->warnings, 0), "day/month/year"));
  g_assert_cmpint (query_int (store, "SELECT min(local_day) FROM orders"), ==, lc_day_from_ymd (2024, 3, 1));
}

/* A file that says no currency: the CLI asks for --currency, then
 * imports with it and says what kind of file it read. */
static void
test_cli_currency (void)
{
  g_autofree char *path = fixture_path ("transactions.csv");
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store = g_build_filename (dir, "shop.liftcheck", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lc_test_run_cli (&out, &err, "import", store, path, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "transactions.csv does not say which currency"));
  g_assert_nonnull (strstr (err, "--currency"));
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = lc_test_run_cli (&out, &err, "import", store, path, "--currency", "eur", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "transactions.csv: 9 rows of a list of sales transactions; 5 new orders, 0 updated"));
  g_assert_nonnull (strstr (out, "C500005"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = lc_test_run_cli (&out, &err, "import", store, path, "--currency", "GBP", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "EUR"));
}

/* Cancelling stops the import and leaves the store as it was. */
static void
test_cancel (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("transactions.csv");
  const char *paths[] = { path, NULL };

  g_cancellable_cancel (cancellable);
  g_assert_null (lc_store_import_files_with_mapping (store, paths, NULL, "EUR", NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_assert_null (lc_store_get_currency (store));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM imports"), ==, 0);
}

typedef struct
{
  GMainLoop      *loop;
  LcImportResult *result;
  GError         *error;
  double          last_progress;
} AsyncRun;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_cmpfloat (fraction, >=, run->last_progress);
  run->last_progress = fraction;
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->result = lc_import_files_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

/* Off the main thread, as the app's dialog does it: the mapping is the
 * caller's to free at once, progress only grows and ends at 1. */
static void
test_async_with_mapping (void)
{
  g_autofree char *store_path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&store_path);
  g_autofree char *path = fixture_path ("shop-mapped.csv");
  g_autofree char *ini = fixture_path ("shop-mapped.ini");
  g_autoptr(GError) error = NULL;
  LcMapping *mapping = lc_mapping_new_from_file (ini, &error);
  const char *paths[] = { path, NULL };
  AsyncRun run = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0 };

  g_assert_no_error (error);
  g_clear_object (&store);
  lc_import_files_with_mapping_async (store_path, paths, mapping, NULL, on_progress, &run, NULL,
                                      on_imported, &run);
  lc_mapping_free (mapping);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.result);
  g_assert_cmpint (run.result->orders_added, ==, 5);
  g_assert_cmpfloat (run.last_progress, ==, 1.0);
  lc_import_result_free (run.result);
  g_main_loop_unref (run.loop);

  store = lc_store_open (store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_store_count_orders (store), ==, 5);
  g_assert_cmpstr (lc_store_get_currency (store), ==, "EUR");
}

/* The dialog's helpers: a sample, a guess in French, a preview. */
static void
test_guess_and_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("shop-woocommerce-analytics-fr.csv");
  g_autofree char *mapped = fixture_path ("shop-mapped.csv");
  g_autoptr(LcCsvSample) sample = NULL;
  g_autoptr(LcCsvSample) german = NULL;
  g_autoptr(LcMapping) guess = NULL;
  g_autoptr(LcMappingPreview) preview = NULL;
  LcMappingPreviewRow *row;

  sample = lc_csv_sample_read (path, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sample->kind, ==, LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS);
  g_assert_cmpint (sample->delimiter, ==, ';');
  g_assert_cmpuint (sample->rows->len, ==, 3);
  guess = lc_mapping_guess ((const char * const *) sample->columns);
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_ORDER_ID), ==, "Commande #");
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_QUANTITY), ==, "Articles vendus");
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_ORDER_TOTAL), ==, "Ventes nettes");
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_STATUS), ==, "Statut");
  g_clear_pointer (&guess, lc_mapping_free);

  german = lc_csv_sample_read (mapped, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (german->kind, ==, LC_IMPORT_KIND_UNKNOWN);
  guess = lc_mapping_guess ((const char * const *) german->columns);
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_ORDER_ID), ==, "Bestellnummer");
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_DATE), ==, "Datum");
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_QUANTITY), ==, "Menge");
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_UNIT_PRICE), ==, "Einzelpreis");
  g_assert_cmpstr (lc_mapping_get_column (guess, LC_MAPPING_FIELD_SKU), ==, "Artikelnummer");
  g_assert_true (lc_mapping_check (guess, (const char * const *) german->columns, &error));
  g_assert_no_error (error);

  preview = lc_mapping_preview (guess, german, "EUR");
  g_assert_null (preview->error);
  g_assert_cmpint (preview->date_order, ==, LC_DATE_ORDER_DMY);
  row = g_ptr_array_index (preview->rows, 0);
  g_assert_cmpint (row->line, ==, 2);
  /* Values, for the app to write the owner's way: 04.03.2024 10:15 and
   * 15,00 in euros. */
  g_assert_true (row->has_value[LC_MAPPING_FIELD_DATE]);
  g_assert_cmpint (row->day, ==, lc_day_from_ymd (2024, 3, 4));
  g_assert_cmpint (row->seconds, ==, 10 * 3600 + 15 * 60);
  g_assert_cmpstr (row->currency, ==, "EUR");
  g_assert_cmpuint (row->exponent, ==, 2);
  g_assert_true (row->has_value[LC_MAPPING_FIELD_UNIT_PRICE]);
  g_assert_cmpint (row->numbers[LC_MAPPING_FIELD_UNIT_PRICE], ==, 1500);
  g_assert_true (row->has_value[LC_MAPPING_FIELD_QUANTITY]);
  g_assert_cmpint (row->numbers[LC_MAPPING_FIELD_QUANTITY], ==, 2);
  g_assert_cmpstr (row->text[LC_MAPPING_FIELD_ORDER_ID], ==, "1001");
  g_assert_cmpstr (row->text[LC_MAPPING_FIELD_SKU], ==, "HAT-1");
  g_assert_null (row->text[LC_MAPPING_FIELD_UNIT_PRICE]);
  /* The customer is never kept, only that there is one. */
  g_assert_true (row->has_value[LC_MAPPING_FIELD_CUSTOMER]);
  g_assert_null (row->text[LC_MAPPING_FIELD_CUSTOMER]);
  /* An unmapped field has no value. */
  g_assert_false (row->has_value[LC_MAPPING_FIELD_ORDER_TOTAL]);
  g_clear_pointer (&preview, lc_mapping_preview_free);

  /* No currency known: the amounts still read, with two decimals. */
  preview = lc_mapping_preview (guess, german, NULL);
  row = g_ptr_array_index (preview->rows, 2);
  g_assert_null (row->currency);
  g_assert_cmpint (row->numbers[LC_MAPPING_FIELD_UNIT_PRICE], ==, 1250);
  g_assert_cmpint (row->seconds, ==, 11 * 3600);
  g_clear_pointer (&preview, lc_mapping_preview_free);

  lc_mapping_set_column (guess, LC_MAPPING_FIELD_UNIT_PRICE, "Artikel");
  preview = lc_mapping_preview (guess, german, "EUR");
  row = g_ptr_array_index (preview->rows, 0);
  g_assert_nonnull (row->error);
  g_assert_cmpint (row->error_field, ==, LC_MAPPING_FIELD_UNIT_PRICE);
  g_assert_nonnull (strstr (row->error, "shop-mapped.csv, line 2, column “Artikel”"));
}

/* The preview reads each row's amounts in the row's own currency, as the
 * import does, and a currency cell that is not a code stops it. */
static void
test_preview_row_currency (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, "yen.csv",
                                              "Invoice,Day,Qty,Each,Money\n"
                                              "A-1,2026-02-03,1,\"1,200\",jpy\n"
                                              "A-2,2026-02-04,3,12.50,\n"
                                              "A-3,2026-02-05,1,9.99,Euros\n",
                                              -1);
  g_autoptr(LcCsvSample) sample = NULL;
  g_autoptr(LcMapping) mapping = lc_mapping_new ();
  g_autoptr(LcMappingPreview) preview = NULL;
  LcMappingPreviewRow *row;

  sample = lc_csv_sample_read (path, 10, NULL, &error);
  g_assert_no_error (error);
  lc_mapping_set_column (mapping, LC_MAPPING_FIELD_ORDER_ID, "Invoice");
  lc_mapping_set_column (mapping, LC_MAPPING_FIELD_DATE, "Day");
  lc_mapping_set_column (mapping, LC_MAPPING_FIELD_QUANTITY, "Qty");
  lc_mapping_set_column (mapping, LC_MAPPING_FIELD_UNIT_PRICE, "Each");
  lc_mapping_set_column (mapping, LC_MAPPING_FIELD_CURRENCY, "Money");
  preview = lc_mapping_preview (mapping, sample, "USD");
  g_assert_cmpuint (preview->rows->len, ==, 3);

  /* Yen have no minor unit: "1,200" is 1200 yen. */
  row = g_ptr_array_index (preview->rows, 0);
  g_assert_null (row->error);
  g_assert_cmpstr (row->currency, ==, "JPY");
  g_assert_cmpstr (row->text[LC_MAPPING_FIELD_CURRENCY], ==, "JPY");
  g_assert_cmpuint (row->exponent, ==, 0);
  g_assert_cmpint (row->numbers[LC_MAPPING_FIELD_UNIT_PRICE], ==, 1200);
  g_assert_cmpint (row->day, ==, lc_day_from_ymd (2026, 2, 3));
  g_assert_cmpint (row->seconds, ==, 0);

  /* A row that says none is in the currency asked for. */
  row = g_ptr_array_index (preview->rows, 1);
  g_assert_null (row->error);
  g_assert_cmpstr (row->currency, ==, "USD");
  g_assert_false (row->has_value[LC_MAPPING_FIELD_CURRENCY]);
  g_assert_cmpint (row->numbers[LC_MAPPING_FIELD_UNIT_PRICE], ==, 1250);

  row = g_ptr_array_index (preview->rows, 2);
  g_assert_nonnull (row->error);
  g_assert_cmpint (row->error_field, ==, LC_MAPPING_FIELD_CURRENCY);
  g_assert_nonnull (strstr (row->error, "yen.csv, line 4, column “Money”"));
  g_assert_false (row->has_value[LC_MAPPING_FIELD_CURRENCY]);
}

/* Catalogues of other stores */

static char *
query_text (LcStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  if (sqlite3_prepare_v2 (_lc_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (_lc_store_get_db (store)));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static const char olist_products_csv[] =
  "product_id,product_category_name,product_name_lenght,product_description_lenght,product_photos_qty,product_weight_g\n"
  "b0a70000000000000000000000000b05,perfumes_finos,38,210,2,300\n"
  "b0a70000000000000000000000000b06,cama_banho,41,260,1,900\n"
  "b0a70000000000000000000000000b07,cama_banho,47,240,3,150\n"
  "b0a70000000000000000000000000b08,,,,,\n";

/* Olist's products land as products whose id is their SKU, typed by
 * their category with spaces for underscores; a product without a
 * category has no type. Importing the file again changes nothing. */
static void
test_olist_products_give_categories (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(LcImportResult) result = lc_test_import_text (store, "olist_products_dataset.csv", olist_products_csv, &error);
      LcImportFileResult *file;

      g_assert_no_error (error);
      file = first_file (result);
      g_assert_cmpint (file->kind, ==, LC_IMPORT_KIND_OLIST_PRODUCTS);
      g_assert_cmpstr (lc_import_kind_to_string (file->kind), ==, "olist-products");
      g_assert_cmpint (file->products, ==, 4);
      g_assert_cmpint (file->categories, ==, 2);
      g_assert_cmpint (file->orders_added, ==, 0);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM products"), ==, 4);
    }
  type = query_text (store, "SELECT product_type FROM products WHERE sku = 'b0a70000000000000000000000000b06' "
                            "AND handle = sku AND title = sku");
  g_assert_cmpstr (type, ==, "cama banho");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM products WHERE product_type IS NULL"), ==, 1);
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
}

static const char instacart_products_csv[] =
  "product_id,product_name,aisle_id,department_id\n"
  "1,Oat Biscuits,11,5\n"
  "2,Sea Salt Flakes,13,3\n"
  "3,Green Tea Bags,12,7\n"
  "4,Mystery Item,,\n";

static const char instacart_aisles_csv[] =
  "aisle_id,aisle\n"
  "11,biscuits\n"
  "12,tea\n"
  "13,salt and spices\n";

static const char instacart_departments_csv[] =
  "department_id,department\n"
  "3,pantry\n"
  "5,snacks\n";

static char *
instacart_types (LcStore *store)
{
  return query_text (store, "SELECT group_concat (coalesce (product_type, '-'), '|') FROM "
                            "(SELECT product_type FROM products ORDER BY CAST (sku AS INTEGER))");
}

/* Instacart's products take their department's name as their type, else
 * their aisle's; the lists may come after the products and fill the types
 * in then. */
static void
test_instacart_lookups_fill_in_later (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *types = NULL;
  LcImportFileResult *file;

  {
    g_autoptr(LcImportResult) result = lc_test_import_text (store, "products.csv", instacart_products_csv, &error);

    g_assert_no_error (error);
    file = first_file (result);
    g_assert_cmpint (file->kind, ==, LC_IMPORT_KIND_INSTACART_PRODUCTS);
    g_assert_cmpint (file->products, ==, 4);
    g_assert_cmpint (file->categories, ==, 0);
    /* The owner is told what is missing. */
    g_assert_cmpuint (file->warnings->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (file->warnings, 0), "departments"));
  }
  types = instacart_types (store);
  g_assert_cmpstr (types, ==, "-|-|-|-");
  g_clear_pointer (&types, g_free);

  {
    g_autoptr(LcImportResult) result = lc_test_import_text (store, "aisles.csv", instacart_aisles_csv, &error);

    g_assert_no_error (error);
    file = first_file (result);
    g_assert_cmpint (file->kind, ==, LC_IMPORT_KIND_INSTACART_AISLES);
    g_assert_cmpint (file->categories, ==, 3);
  }
  types = instacart_types (store);
  g_assert_cmpstr (types, ==, "biscuits|salt and spices|tea|-");
  g_clear_pointer (&types, g_free);

  {
    g_autoptr(LcImportResult) result = lc_test_import_text (store, "departments.csv", instacart_departments_csv, &error);

    g_assert_no_error (error);
    file = first_file (result);
    g_assert_cmpint (file->kind, ==, LC_IMPORT_KIND_INSTACART_DEPARTMENTS);
    g_assert_cmpint (file->categories, ==, 2);
  }
  /* Tea's department 7 is not in the list: its aisle names it. */
  types = instacart_types (store);
  g_assert_cmpstr (types, ==, "snacks|pantry|tea|-");
  g_clear_pointer (&types, g_free);

  /* The products again, after the lists: the same types, no new rows. */
  {
    g_autoptr(LcImportResult) result = lc_test_import_text (store, "products.csv", instacart_products_csv, &error);

    g_assert_no_error (error);
    file = first_file (result);
    g_assert_cmpint (file->categories, ==, 3);
  }
  types = instacart_types (store);
  g_assert_cmpstr (types, ==, "snacks|pantry|tea|-");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM products"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM categories"), ==, 5);
}

/* A list entry without its name is refused with the file, line and
 * column, and the store keeps nothing of the file. */
static void
test_catalogue_bad_row_changes_nothing (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcImportResult) result = NULL;

  result = lc_test_import_text (store, "aisles.csv", "aisle_id,aisle\n1,tea\n2,\n", &error);
  g_assert_null (result);
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "aisles.csv, line 3, column “aisle”"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM categories"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM imports"), ==, 0);
}

/* Olist: orders and their items in two files */

static char *
olist_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "olist", name, NULL);
}

static LcImportFileResult *
import_olist (LcStore    *store,
              const char *name)
{
  g_autofree char *path = olist_path (name);
  g_autoptr(GError) error = NULL;
  LcImportResult *result = import_path (store, path, NULL, NULL, &error);
  LcImportFileResult *file;

  g_assert_no_error (error);
  file = g_ptr_array_steal_index (result->files, 0);
  lc_import_result_free (result);
  return file;
}

static void
file_result_free (LcImportFileResult *file)
{
  g_free (file->path);
  g_ptr_array_unref (file->warnings);
  g_free (file);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcImportFileResult, file_result_free)

/* What data/olist/ makes once both files are in: three orders (one
 * cancelled, so two counted) and two halves still waiting. */
static void
assert_olist_store (LcStore *store)
{
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;

  g_assert_cmpint (lc_store_count_orders (store), ==, 3);
  g_assert_cmpstr (lc_store_get_currency (store), ==, "BRL");
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->orders, ==, 2);
  g_assert_cmpint (summary->units, ==, 3);
  /* Order value is the items' prices: 2 × 29.99 and 159.90. */
  g_assert_cmpint (summary->total, ==, 6350 + 16850);
  /* Two items at 29.99 with 8.72 freight each. */
  g_assert_cmpint (query_int (store, "SELECT subtotal FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 4900);
  g_assert_cmpint (query_int (store, "SELECT shipping FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 1450);
  g_assert_cmpint (query_int (store, "SELECT total FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 6350);
  g_assert_cmpint (query_int (store, "SELECT units FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 2);
  day = query_text (store, "SELECT date (local_day * 86400, 'unixepoch') FROM orders WHERE name = '0a11ce00000000000000000000000a01'");
  g_assert_cmpstr (day, ==, "2017-10-02");
  /* The cancelled order is kept, not counted. */
  g_assert_cmpint (query_int (store, "SELECT counted FROM orders WHERE name = '0a11ce00000000000000000000000a02'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM line_items"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM line_items WHERE sku = 'b0a70000000000000000000000000b01' "
                                     "AND quantity = 1 AND price = 2450"), ==, 2);
  /* Customers are hashed, never kept as written. */
  /* Olist's customer id is one per order: the orders have no customer. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM orders WHERE customer_hash IS NULL"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM orders WHERE customer_hash = 'c0ffee00000000000000000000000c01'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pending_orders WHERE customer_hash = 'c0ffee00000000000000000000000c04'"), ==, 0);
  /* The order without items and the items without their order wait;
   * the completed orders left the pending tables. */
  g_assert_cmpint (lc_store_count_pending_orders (store), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pending_orders WHERE order_id = '0a11ce00000000000000000000000a04'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pending_orders"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pending_lines WHERE order_id = '0a11ce00000000000000000000000a05'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pending_lines"), ==, 1);
}

/* Either file may come first: each waits, and the second completes the
 * orders it shares with the first. */
static void
test_olist_orders_and_items_join (gconstpointer data)
{
  gboolean items_first = GPOINTER_TO_INT (data);
  const char *first_name = items_first ? "olist_order_items_dataset.csv" : "olist_orders_dataset.csv";
  const char *second_name = items_first ? "olist_orders_dataset.csv" : "olist_order_items_dataset.csv";
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportFileResult) first = NULL;
  g_autoptr(LcImportFileResult) second = NULL;

  first = import_olist (store, first_name);
  g_assert_cmpint (first->kind, ==, items_first ? LC_IMPORT_KIND_OLIST_ORDER_ITEMS : LC_IMPORT_KIND_OLIST_ORDERS);
  g_assert_cmpint (first->orders_added, ==, 0);
  g_assert_cmpint (first->orders_read, ==, 4);
  g_assert_cmpint (first->units_read, ==, items_first ? 5 : 0);
  g_assert_cmpint (first->cancelled_read, ==, items_first ? 0 : 1);
  g_assert_cmpint (first->pending_orders, ==, 4);
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_assert_cmpint (lc_store_count_pending_orders (store), ==, 4);

  second = import_olist (store, second_name);
  g_assert_cmpint (second->orders_added, ==, 3);
  g_assert_cmpint (second->orders_updated, ==, 0);
  g_assert_cmpint (second->line_items, ==, 4);
  g_assert_cmpint (second->pending_orders, ==, 1);
  assert_olist_store (store);
}

/* Importing either file again writes the same orders again, not twice,
 * and keeps what waits as it was. */
static void
test_olist_reimport_is_idempotent (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  const char *names[] = { "olist_orders_dataset.csv", "olist_order_items_dataset.csv",
                          "olist_order_items_dataset.csv", "olist_orders_dataset.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LcImportFileResult) file = import_olist (store, names[i]);

      if (i == 0)
        continue;
      if (i >= 2)
        {
          g_assert_cmpint (file->orders_added, ==, 0);
          g_assert_cmpint (file->orders_updated, ==, 3);
        }
      assert_olist_store (store);
    }
}

/* A later items file gives an order's items anew: an item it no longer
 * has leaves the order. */
static void
test_olist_later_items_win (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportFileResult) orders = import_olist (store, "olist_orders_dataset.csv");
  g_autoptr(LcImportFileResult) items = import_olist (store, "olist_order_items_dataset.csv");
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = lc_test_import_text (store, "olist_order_items_dataset.csv",
                                "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n"
                                "0a11ce00000000000000000000000a01,1,b0a70000000000000000000000000b01,5e11e700000000000000000000000d01,2017-10-05 12:00:00,24.50,7.25\n",
                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_file (result)->orders_updated, ==, 1);
  g_assert_cmpint (lc_store_count_orders (store), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT units FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT subtotal FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 2450);
  g_assert_cmpint (query_int (store, "SELECT shipping FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 725);
  g_assert_cmpint (lc_store_count_pending_orders (store), ==, 2);

  /* The orders file again keeps the order's one item. */
  g_clear_pointer (&orders, file_result_free);
  orders = import_olist (store, "olist_orders_dataset.csv");
  g_assert_cmpint (query_int (store, "SELECT units FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT total FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 3175);
  g_assert_cmpint (lc_store_count_pending_orders (store), ==, 2);
}

typedef struct
{
  double last;
  guint  reports;
} Progress;

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->last = fraction;
  progress->reports++;
}

/* An Olist orders file is read twice (its dates first, then its orders):
 * the bar goes through it once, never back. */
static void
test_olist_orders_progress_only_grows (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_status,order_purchase_timestamp\n");
  g_autofree char *path = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL, NULL };
  Progress progress = { 0 };

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "%032x,c0ffee%026x,delivered,%u/%u/2018 %u:%02u\n",
                            i + 1, i + 1, 1 + i % 12, 1 + i % 28, i % 24, i % 60);
  path = lc_test_write_file (dir, "olist_orders_dataset.csv", csv->str, (gssize) csv->len);
  paths[0] = path;
  /* Every report, however quick the import. */
  _lc_import_set_progress_interval (0);
  result = lc_store_import_files (store, paths, record_progress, &progress, NULL, &error);
  _lc_import_set_progress_interval (50 * 1000);
  g_assert_no_error (error);
  g_assert_cmpint (first_file (result)->orders_read, ==, 20000);
  /* Both readings reported (one report every 1,024 rows of the first and
   * 512 of the second), and the last report is the end. */
  g_assert_cmpuint (progress.reports, >=, 20000 / 1024 + 20000 / 512);
  g_assert_cmpfloat (progress.last, ==, 1.0);
}

/* The same while the order still waits for its header: the later items
 * file's items are the order's, not both files' together. */
static void
test_olist_later_items_win_before_the_order (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportFileResult) items = import_olist (store, "olist_order_items_dataset.csv");
  g_autoptr(LcImportFileResult) orders = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Order a01 had two items; now one, at another price. */
  result = lc_test_import_text (store, "olist_order_items_dataset.csv",
                                "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n"
                                "0a11ce00000000000000000000000a01,1,b0a70000000000000000000000000b02,5e11e700000000000000000000000d01,2017-10-05 12:00:00,30.00,5.00\n",
                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pending_lines WHERE order_id = '0a11ce00000000000000000000000a01'"), ==, 1);
  orders = import_olist (store, "olist_orders_dataset.csv");
  g_assert_cmpint (query_int (store, "SELECT units FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT subtotal FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 3000);
  g_assert_cmpint (query_int (store, "SELECT shipping FROM orders WHERE name = '0a11ce00000000000000000000000a01'"), ==, 500);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM line_items li JOIN orders o ON o.id = li.order_id "
                                     "WHERE o.name = '0a11ce00000000000000000000000a01' "
                                     "AND li.sku = 'b0a70000000000000000000000000b02'"), ==, 1);
}

/* A bad price is refused with the file, line and column, and the store
 * is as it was: no orders completed, nothing more waiting. */
static void
test_olist_bad_item_changes_nothing (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportFileResult) orders = import_olist (store, "olist_orders_dataset.csv");
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = lc_test_import_text (store, "olist_order_items_dataset.csv",
                                "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n"
                                "0a11ce00000000000000000000000a01,1,b0a70000000000000000000000000b01,5e11e700000000000000000000000d01,2017-10-05 12:00:00,24.50,7.25\n"
                                "0a11ce00000000000000000000000a01,2,b0a70000000000000000000000000b01,5e11e700000000000000000000000d01,2017-10-05 12:00:00,R$ abc,7.25\n",
                                &error);
  g_assert_null (result);
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "olist_order_items_dataset.csv, line 3, column “price”"));
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_assert_cmpint (lc_store_count_pending_orders (store), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pending_lines"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM imports"), ==, 1);
  g_assert_null (lc_store_get_currency (store));
}

/* Olist's amounts are in reais: a currency given with the import that says
 * otherwise is refused, with the store as it was. */
static void
test_olist_items_refuse_another_currency (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autofree char *path = olist_path ("olist_order_items_dataset.csv");
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = import_path (store, path, NULL, "EUR", &error);
  g_assert_null (result);
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH);
  g_assert_nonnull (strstr (error->message, "olist_order_items_dataset.csv: Olist’s amounts are in BRL, not in EUR"));
  g_assert_null (lc_store_get_currency (store));
  g_assert_cmpint (lc_store_count_pending_orders (store), ==, 0);
  g_clear_error (&error);

  /* BRL, or no currency at all, is what the file is in. */
  result = import_path (store, path, NULL, "BRL", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lc_store_get_currency (store), ==, "BRL");
}

/* Olist's items name products by id, as its products list does: bundles
 * see their categories. */
static void
test_olist_items_take_product_categories (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) products = NULL;
  g_autoptr(LcImportFileResult) orders = NULL;
  g_autoptr(LcImportFileResult) items = NULL;
  g_autoptr(GError) error = NULL;

  products = lc_test_import_text (store, "olist_products_dataset.csv",
                                  "product_id,product_category_name\n"
                                  "b0a70000000000000000000000000b01,cozinha_util\n"
                                  "b0a70000000000000000000000000b03,cama_banho\n",
                                  &error);
  g_assert_no_error (error);
  orders = import_olist (store, "olist_orders_dataset.csv");
  items = import_olist (store, "olist_order_items_dataset.csv");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM line_items li JOIN products p ON p.sku = li.sku "
                                     "WHERE p.product_type = 'cozinha util'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM line_items li JOIN products p ON p.sku = li.sku "
                                     "WHERE p.product_type = 'cama banho'"), ==, 1);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The command line says what the halves gave and how many orders wait,
 * in words and in JSON; the summary says how many wait in the store. */
static void
test_cli_reports_waiting_orders (void)
{
  g_autofree char *orders = olist_path ("olist_orders_dataset.csv");
  g_autofree char *items = olist_path ("olist_order_items_dataset.csv");
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store = g_build_filename (dir, "olist.liftcheck", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  JsonObject *file;

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "import", store, orders, "--json", NULL), ==, 0);
  file = json_array_get_object_element (json_object_get_array_member (parse_object (parser, out), "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "kind"), ==, "olist-orders");
  g_assert_cmpint (json_object_get_int_member (file, "orders_read"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (file, "units_read"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (file, "cancelled_read"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (file, "pending_orders"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (file, "orders_added"), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "import", store, items, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "olist_order_items_dataset.csv: 5 items of 4 orders of an Olist order items list; "
                                 "3 new orders, 0 updated; 1 waits for its other half\n"));
  g_assert_nonnull (strstr (out, "The items of 1 order were kept without the order’s date."));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "summary", store, "--json", NULL), ==, 0);
  g_assert_cmpint (json_object_get_int_member (parse_object (parser, out), "pending_orders"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (parse_object (parser, out), "orders"), ==, 2);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "summary", store, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "olist.liftcheck: 2 orders wait for their other half"));
}

/* A catalogue file's products and categories, as the reference counts them. */
static void
assert_public_catalogue (LcStore            *store,
                         LcImportFileResult *file,
                         JsonObject         *want)
{
  const char *kind = json_object_get_string_member (want, "kind");

  g_assert_cmpstr (lc_import_kind_to_string (file->kind), ==, kind);
  g_assert_cmpint (file->orders_added, ==, 0);
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_assert_cmpint (file->categories, ==, json_object_get_int_member (want, "categories"));
  if (json_object_has_member (want, "products"))
    {
      JsonArray *top = json_object_get_array_member (want, "top_category");
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM products WHERE product_type = '%s'",
                                              json_array_get_string_element (top, 0));

      g_assert_cmpint (file->products, ==, json_object_get_int_member (want, "products"));
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM products"), ==,
                       json_object_get_int_member (want, "products"));
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM products WHERE product_type IS NOT NULL"), ==,
                       json_object_get_int_member (want, "typed"));
      g_assert_cmpint (query_int (store, "SELECT count(DISTINCT product_type) FROM products"), ==,
                       json_object_get_int_member (want, "categories"));
      g_assert_cmpint (query_int (store, sql), ==, json_array_get_int_element (top, 1));
    }
  else
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM categories"), ==,
                     json_object_get_int_member (want, "categories"));
}

/* A file of half-orders: what it read, kept waiting, none of it counted. */
static void
assert_public_pending (LcStore            *store,
                       LcImportFileResult *file,
                       JsonObject         *want)
{
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (lc_import_kind_to_string (file->kind), ==, json_object_get_string_member (want, "kind"));
  g_assert_cmpint (file->orders_added, ==, json_object_get_int_member (want, "orders"));
  g_assert_cmpint (lc_store_count_orders (store), ==, json_object_get_int_member (want, "orders"));
  g_assert_cmpint (file->orders_read, ==, json_object_get_int_member (want, "orders_read"));
  g_assert_cmpint (file->units_read, ==, json_object_get_int_member (want, "units_read"));
  g_assert_cmpint (file->cancelled_read, ==, json_object_get_int_member (want, "cancelled"));
  g_assert_cmpint (file->pending_orders, ==, json_object_get_int_member (want, "pending"));
  g_assert_cmpint (lc_store_count_pending_orders (store), ==, json_object_get_int_member (want, "pending"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pending_orders WHERE cancelled"), ==,
                   file->kind == LC_IMPORT_KIND_OLIST_ORDERS ? json_object_get_int_member (want, "cancelled") : 0);
  g_assert_cmpint (query_int (store, "SELECT coalesce(sum(quantity), 0) FROM pending_lines"), ==,
                   json_object_get_int_member (want, "units_read"));
  if (json_object_has_member (want, "first_day"))
    {
      g_autofree char *first = query_text (store, "SELECT date (min (local_day) * 86400, 'unixepoch') FROM pending_orders");
      g_autofree char *last = query_text (store, "SELECT date (max (local_day) * 86400, 'unixepoch') FROM pending_orders");

      g_assert_cmpstr (first, ==, json_object_get_string_member (want, "first_day"));
      g_assert_cmpstr (last, ==, json_object_get_string_member (want, "last_day"));
    }
  /* Waiting orders are in no figure. */
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->orders, ==, 0);
  g_assert_cmpint (summary->units, ==, 0);
  /* The owner is told why. */
  g_assert_cmpuint (file->warnings->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (file->warnings, 0), "in order value or items per order"));
}

/* The public files (../shared/data/public) against the reference script. */
static void
test_public_files (void)
{
  g_autofree char *folder = lc_test_shared_data_path ("public");
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "mapped-expected.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *expected;

  if (folder == NULL)
    return;
  json_parser_load_from_file (parser, expected_path, &error);
  g_assert_no_error (error);
  expected = json_node_get_object (json_parser_get_root (parser));
  names = json_object_get_members (expected);
  g_assert_cmpuint (g_list_length (names), ==, 7);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonObject *want = json_object_get_object_member (expected, name);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(LcStore) store = lc_test_new_store (NULL);
      g_autoptr(LcImportResult) result = NULL;
      g_autoptr(LcSummary) summary = NULL;
      LcImportFileResult *file;

      g_test_message ("%s", name);
      /* UCI Online Retail is in pounds; the file does not say so. */
      result = import_path (store, path, NULL, "GBP", &error);
      if (json_object_has_member (want, "refused"))
        {
          const char *why = json_object_get_string_member (want, "refused");

          g_assert_null (result);
          if (g_str_equal (why, "wrong-kind"))
            g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND);
          else
            g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_UNKNOWN_KIND);
          g_assert_nonnull (strstr (error->message, name));
          g_clear_error (&error);
          g_assert_cmpint (lc_store_count_orders (store), ==, 0);
          continue;
        }
      g_assert_no_error (error);
      file = first_file (result);
      if (json_object_has_member (want, "pending"))
        {
          assert_public_pending (store, file, want);
          continue;
        }
      if (json_object_has_member (want, "kind"))
        {
          assert_public_catalogue (store, file, want);
          continue;
        }
      g_assert_cmpint (file->kind, ==, LC_IMPORT_KIND_TRANSACTIONS);
      g_assert_cmpint (file->rows, ==, json_object_get_int_member (want, "rows"));
      g_assert_cmpint (file->orders_added, ==, json_object_get_int_member (want, "orders"));
      g_assert_cmpint (file->line_items, ==, json_object_get_int_member (want, "line_items"));
      summary = lc_store_compute_summary (store, &error);
      g_assert_no_error (error);
      g_assert_cmpint (summary->orders, ==, json_object_get_int_member (want, "orders"));
      g_assert_cmpint (summary->units, ==, json_object_get_int_member (want, "units"));
      g_assert_cmpint (summary->total, ==, (gint64) (json_object_get_double_member (want, "total") * 100 + 0.5));
      g_assert_cmpint (summary->refunded, ==, (gint64) (json_object_get_double_member (want, "refunded") * 100 + 0.5));
      g_assert_cmpstr (summary->currency, ==, "GBP");
      {
        g_autofree char *first = lc_day_format (summary->first_day);
        g_autofree char *last = lc_day_format (summary->last_day);

        g_assert_cmpstr (first, ==, json_object_get_string_member (want, "first_day"));
        g_assert_cmpstr (last, ==, json_object_get_string_member (want, "last_day"));
      }
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM refunds"), ==,
                       json_object_get_int_member (want, "refunds"));
      g_assert_cmpint (query_int (store, "SELECT coalesce(sum(quantity), 0) FROM refund_lines"), ==,
                       json_object_get_int_member (want, "refund_units"));
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM line_items"), ==,
                       json_object_get_int_member (want, "line_items"));
      /* The notes say what was left out and how the dates were read. */
      if (json_object_get_int_member (want, "left_out") > 0)
        {
          gboolean said = FALSE;

          for (guint i = 0; i < file->warnings->len; i++)
            said = said || strstr (g_ptr_array_index (file->warnings, i), "left out") != NULL;
          g_assert_true (said);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/mapped/twins-match-shopify", test_twins_match_shopify);
  g_test_add_func ("/lc/mapped/woocommerce-refund-rows", test_woocommerce_refund_rows);
  g_test_add_func ("/lc/mapped/transactions-cancellations", test_transactions_cancellations);
  g_test_add_func ("/lc/mapped/mapping-saved-and-reused", test_mapping_saved_and_reused);
  g_test_add_func ("/lc/mapped/mapping-adjusts-builtin-kinds", test_mapping_adjusts_builtin_kinds);
  g_test_add_func ("/lc/mapped/ini-round-trip", test_ini_round_trip);
  g_test_add_func ("/lc/mapped/bad-mappings", test_bad_mappings);
  g_test_add_func ("/lc/mapped/bad-value-names-line-and-column", test_bad_value_names_line_and_column);
  g_test_add_func ("/lc/mapped/date-column", test_date_column);
  g_test_add_func ("/lc/mapped/ambiguous-dates-warn", test_ambiguous_dates_warn);
  g_test_add_func ("/lc/mapped/cli-currency", test_cli_currency);
  g_test_add_func ("/lc/mapped/cancel", test_cancel);
  g_test_add_func ("/lc/mapped/async-with-mapping", test_async_with_mapping);
  g_test_add_func ("/lc/mapped/guess-and-preview", test_guess_and_preview);
  g_test_add_func ("/lc/mapped/preview-row-currency", test_preview_row_currency);
  g_test_add_func ("/lc/mapped/olist-products-give-categories", test_olist_products_give_categories);
  g_test_add_func ("/lc/mapped/instacart-lookups-fill-in-later", test_instacart_lookups_fill_in_later);
  g_test_add_func ("/lc/mapped/catalogue-bad-row-changes-nothing", test_catalogue_bad_row_changes_nothing);
  g_test_add_data_func ("/lc/mapped/olist-orders-then-items-join", GINT_TO_POINTER (FALSE), test_olist_orders_and_items_join);
  g_test_add_data_func ("/lc/mapped/olist-items-then-orders-join", GINT_TO_POINTER (TRUE), test_olist_orders_and_items_join);
  g_test_add_func ("/lc/mapped/olist-reimport-is-idempotent", test_olist_reimport_is_idempotent);
  g_test_add_func ("/lc/mapped/olist-later-items-win", test_olist_later_items_win);
  g_test_add_func ("/lc/mapped/olist-bad-item-changes-nothing", test_olist_bad_item_changes_nothing);
  g_test_add_func ("/lc/mapped/olist-items-take-product-categories", test_olist_items_take_product_categories);
  g_test_add_func ("/lc/mapped/cli-reports-waiting-orders", test_cli_reports_waiting_orders);
  g_test_add_func ("/lc/mapped/olist-orders-progress-only-grows", test_olist_orders_progress_only_grows);
  g_test_add_func ("/lc/mapped/olist-later-items-win-before-the-order", test_olist_later_items_win_before_the_order);
  g_test_add_func ("/lc/mapped/olist-items-refuse-another-currency", test_olist_items_refuse_another_currency);
  g_test_add_func ("/lc/mapped/public-files", test_public_files);

  return g_test_run ();
}
