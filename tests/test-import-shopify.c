/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "lc-csv.h"
#include "lc-demo.h"
#include "lc-import.h"
#include "lc-metrics.h"
#include "lc-order-writer-private.h"
#include "lc-store-private.h"
#include "lc-store.h"
#include "lc-test-util.h"

/* A hand-written Shopify export: the columns Liftcheck reads plus the
 * personal ones it must drop, in Shopify's order, with a column Liftcheck
 * does not know ("Payment ID"). */
#define HEADER \
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total," \
  "Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price," \
  "Lineitem sku,Lineitem requires shipping,Billing Name,Billing Street,Billing Zip,Billing Phone,Note Attributes," \
  "Cancelled at,Refunded Amount,Vendor,Id,Tags,Source,Lineitem discount,Payment ID\n"

/* Four orders, newest first:
 * #1004 voided (not counted); #1003 cancelled and refunded (not counted);
 * #1002 two lines plus a tip, partially refunded 10.00, discount code;
 * #1001 one line, quantity 2. */
static const char orders_csv[] =
  HEADER
  "#1004,ann@example.com,voided,,,no,USD,50.00,0.00,0.00,50.00,,0.00,2024-03-12 10:00:00 -0400,1,Scarf - Red,50.00,,SCF-RED,true,Ann Smith,1 Main St,'02139,+15551234567,,,0.00,Acme,9004,,web,0.00,p4\n"
  "#1003,bob@example.com,refunded,2024-03-11 09:00:00 -0400,,no,USD,80.00,5.00,0.00,85.00,,0.00,2024-03-11 09:00:00 -0400,1,Belt - M,80.00,,BLT-M,true,Bob Jones,2 Side St,10001,+15559876543,,2024-03-11 12:00:00 -0400,85.00,Acme,9003,,web,0.00,p3\n"
  "#1002,Ann@Example.com ,partially_refunded,2024-03-10 23:30:00 -0400,,yes,USD,90.00,0.00,7.20,97.20,SPRING10,10.00,2024-03-10 23:30:00 -0400,1,Dress - Blue / S,60.00,80.00,DRS-BLU-S,true,Ann Smith,1 Main St,'02139,+15551234567,\"gift: yes\nwrap: no\",,10.00,Acme,9002,\"vip, spring\",tiktok,5.00,p2\n"
  "#1002,Ann@Example.com ,,,,,,,,,,,,2024-03-10 23:30:00 -0400,2,Socks,20.00,,SCK-1,true,,,,,,,,Acme,,,,5.00,\n"
  "#1002,Ann@Example.com ,,,,,,,,,,,,2024-03-10 23:30:00 -0400,1,Tip,3.00,,,false,,,,,,,,,,,,0.00,\n"
  "#1001,carl@example.com,paid,2024-03-01 08:00:00 -0500,,no,USD,40.00,6.95,3.28,50.23,,0.00,2024-03-01 08:00:00 -0500,2,Tote Bag,20.00,,TOT-1,true,Carl Diaz,3 Hill Rd,94110,+15550001111,,,0.00,Acme,9001,,web,0.00,p1\n";

static void
test_counts_follow_the_playbook (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcSummary) s = NULL;
  g_autoptr(GError) error = NULL;

  result = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, 4);
  g_assert_cmpint (result->orders_updated, ==, 0);

  s = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->currency, ==, "USD");
  /* #1004 is voided and #1003 cancelled: two counted orders. */
  g_assert_cmpint (s->orders, ==, 2);
  /* AOV = (90.00 + 40.00) / 2 */
  g_assert_cmpint (s->order_value, ==, 13000);
  g_assert_cmpfloat_with_epsilon (s->aov, 65.0, 1e-9);
  /* Units: 1 dress + 2 socks (tip left out) + 2 totes = 5 over 2 orders. */
  g_assert_cmpint (s->units, ==, 5);
  g_assert_cmpfloat_with_epsilon (s->upt, 2.5, 1e-9);
  g_assert_cmpint (s->refunded, ==, 1000);
  g_assert_cmpint (s->total, ==, 9720 + 5023);
  g_assert_cmpfloat_with_epsilon (s->return_rate, 1000.0 / (9720 + 5023), 1e-12);
  g_assert_cmpint (s->revenue_12m, ==, 9720 + 5023 - 1000);
  g_assert_cmpint (s->active_skus_12m, ==, 3);
  g_assert_cmpint (s->tier, ==, LC_TIER_UNDER_2M);
}

static void
test_local_day_is_the_export_day (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcSummary) s = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GError) error = NULL;

  result = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
  g_assert_no_error (error);
  s = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->first_day, ==, lc_day_from_ymd (2024, 3, 1));
  /* The voided order on the 12th still marks the last day of data. */
  g_assert_cmpint (s->last_day, ==, lc_day_from_ymd (2024, 3, 12));

  /* 23:30 at -0400 is 03:30 UTC the next day; the store's day is the 10th. */
  days = lc_store_daily_totals (store, LC_DAY_NONE, LC_DAY_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 2);
  g_assert_cmpint (g_array_index (days, LcDayTotals, 1).day, ==, lc_day_from_ymd (2024, 3, 10));
  g_assert_cmpint (g_array_index (days, LcDayTotals, 1).units, ==, 3);
}

static void
test_reimport_updates_instead_of_duplicating (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) first = NULL;
  g_autoptr(LcImportResult) second = NULL;
  g_autoptr(LcSummary) before = NULL;
  g_autoptr(LcSummary) after = NULL;
  g_autoptr(GError) error = NULL;

  first = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
  g_assert_no_error (error);
  before = lc_store_compute_summary (store, &error);
  second = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->orders_added, ==, 0);
  g_assert_cmpint (second->orders_updated, ==, 4);
  after = lc_store_compute_summary (store, &error);
  g_assert_cmpint (after->orders, ==, before->orders);
  g_assert_cmpint (after->units, ==, before->units);
  g_assert_cmpint (after->order_value, ==, before->order_value);
  g_assert_cmpint (lc_store_count_orders (store), ==, 4);
  /* The same bytes again: the user is told it was seen before. */
  g_assert_cmpuint (((LcImportFileResult *) g_ptr_array_index (second->files, 0))->warnings->len, ==, 1);
}

static void
test_later_export_wins (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) first = NULL;
  g_autoptr(LcImportResult) second = NULL;
  g_autoptr(LcSummary) s = NULL;
  g_autoptr(GError) error = NULL;
  /* A week later #1001 was fully refunded, and a new order #1005 came in. */
  const char later[] =
    HEADER
    "#1005,dan@example.com,paid,2024-03-20 10:00:00 -0400,,no,USD,30.00,0.00,0.00,30.00,,0.00,2024-03-20 10:00:00 -0400,1,Socks,30.00,,SCK-1,true,,,,,,,0.00,Acme,9005,,web,0.00,p5\n"
    "#1001,carl@example.com,refunded,2024-03-01 08:00:00 -0500,,no,USD,40.00,6.95,3.28,50.23,,0.00,2024-03-01 08:00:00 -0500,2,Tote Bag,20.00,,TOT-1,true,,,,,,,50.23,Acme,9001,,web,0.00,p1\n";

  first = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
  g_assert_no_error (error);
  second = lc_test_import_text (store, "orders_export_later.csv", later, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->orders_added, ==, 1);
  g_assert_cmpint (second->orders_updated, ==, 1);

  s = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->orders, ==, 3);
  g_assert_cmpint (s->refunded, ==, 1000 + 5023);
  g_assert_cmpint (s->units, ==, 5 + 1);
}

static void
test_split_export_continues_an_order (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcSummary) s = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *part1 = NULL;
  g_autofree char *part2 = NULL;
  const char *paths[3];
  /* The first part ends inside order #1002; the second part carries its
   * remaining lines without the order-level columns. */
  const char first_part[] =
    HEADER
    "#1002,ann@example.com,paid,2024-03-10 12:00:00 -0400,,no,USD,100.00,0.00,0.00,100.00,,0.00,2024-03-10 12:00:00 -0400,1,Dress - Blue / S,60.00,,DRS-BLU-S,true,,,,,,,0.00,Acme,9002,,web,0.00,\n";
  const char second_part[] =
    HEADER
    "#1002,ann@example.com,,,,,,,,,,,,2024-03-10 12:00:00 -0400,2,Socks,20.00,,SCK-1,true,,,,,,,,Acme,,,,0.00,\n"
    "#1001,carl@example.com,paid,2024-03-01 08:00:00 -0500,,no,USD,40.00,0.00,0.00,40.00,,0.00,2024-03-01 08:00:00 -0500,2,Tote Bag,20.00,,TOT-1,true,,,,,,,0.00,Acme,9001,,web,0.00,\n";

  part1 = lc_test_write_file (dir, "orders_export_1.csv", first_part, -1);
  part2 = lc_test_write_file (dir, "orders_export_2.csv", second_part, -1);
  /* Given in the wrong order, as a file chooser may hand them over. */
  paths[0] = part2;
  paths[1] = part1;
  paths[2] = NULL;
  result = lc_store_import_files (store, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, 2);

  s = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->orders, ==, 2);
  g_assert_cmpint (s->units, ==, 1 + 2 + 2);
}

static void
test_orphan_line_is_refused (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char orphan[] =
    HEADER
    "#1002,ann@example.com,,,,,,,,,,,,2024-03-10 12:00:00 -0400,2,Socks,20.00,,SCK-1,true,,,,,,,,Acme,,,,0.00,\n";

  result = lc_test_import_text (store, "orders_export.csv", orphan, &error);
  g_assert_null (result);
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_ORPHAN_LINE);
  g_assert_nonnull (strstr (error->message, "orders_export.csv, line 2"));
  g_assert_nonnull (strstr (error->message, "#1002"));
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
}

static void
test_spreadsheet_resave_is_read (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcSummary) s = NULL;
  g_autoptr(GError) error = NULL;
  /* Re-saved by a spreadsheet: CRLF, columns in another order, TRUE/FALSE,
   * whole-number amounts, quantity "2.0", money with grouping. */
  const char resaved[] =
    "Id,Name,Created at,Currency,Financial Status,Total,Subtotal,Lineitem quantity,Lineitem name,Lineitem price,Lineitem requires shipping,Refunded Amount\r\n"
    "9002,#1002,2024-03-10 12:00:00 -0400,USD,paid,\"1,250.50\",\"1,250.50\",2.0,Sofa,625.25,TRUE,0\r\n"
    "9001,#1001,2024-03-01 08:00:00 -0500,USD,refunded,25,25,1,Cushion,25,FALSE,25\r\n";

  result = lc_test_import_text (store, "orders_export.csv", resaved, &error);
  g_assert_no_error (error);
  s = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->orders, ==, 2);
  g_assert_cmpint (s->order_value, ==, 125050 + 2500);
  g_assert_cmpint (s->units, ==, 3);
  g_assert_cmpint (s->refunded, ==, 2500);
}

static gboolean
bytes_contain (const char *haystack,
               gsize       len,
               const char *needle)
{
  return memmem (haystack, len, needle, strlen (needle)) != NULL;
}

static void
test_no_personal_data_reaches_the_store (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  const char *personal[] = { "ann@example.com", "Ann@Example.com", "Ann Smith", "1 Main St", "02139",
                             "+15551234567", "Bob Jones", "carl@example.com", "Carl Diaz", "gift: yes" };
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int distinct = 0;

  {
    g_autoptr(LcStore) store = lc_test_new_store (&path);

    result = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
    g_assert_no_error (error);
  }

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    if (bytes_contain (contents, len, personal[i]))
      g_error ("the store holds “%s”", personal[i]);

  /* The same customer with another case and a trailing space is one hash:
   * #1004 and #1002 are both Ann. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(DISTINCT customer_hash), COUNT(customer_hash) FROM orders", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  distinct = sqlite3_column_int (stmt, 0);
  g_assert_cmpint (distinct, ==, 3);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 4);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_abandoned_checkouts_are_refused (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char abandoned[] =
    "Name,Email,Financial Status,Paid at,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Refunded Amount,Id\n"
    "#38539795693818,x@example.com,,,USD,279.20,279.20,2026-03-29 10:26:33 -0700,1,Coat - S,279.20,,,38539795693818\n";

  result = lc_test_import_text (store, "abandoned_checkouts_export.csv", abandoned, &error);
  g_assert_null (result);
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND);
  g_assert_nonnull (strstr (error->message, "abandoned_checkouts_export.csv"));
  g_assert_nonnull (strstr (error->message, "abandoned-checkouts export"));
  g_assert_nonnull (strstr (error->message, "Orders"));
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
}

typedef struct
{
  const char *name;
  const char *csv;
  GQuark      domain;
  int         code;
  const char *fragments[3];
} BadInput;

static void
test_bad_input_is_named_and_changes_nothing (void)
{
  const BadInput cases[] = {
    { "empty", "", LC_CSV_ERROR, LC_CSV_ERROR_EMPTY, { "bad.csv", NULL } },
    { "truncated mid-quote",
      HEADER "#1001,c@example.com,paid,,,no,USD,40.00,0,0,40.00,,0,2024-03-01 08:00:00 -0500,1,\"Tote Bag",
      LC_CSV_ERROR, LC_CSV_ERROR_UNTERMINATED_QUOTE, { "bad.csv", "line 2", NULL } },
    { "missing columns", "Name,Lineitem quantity,Lineitem name\n#1,1,Hat\n",
      LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS, { "bad.csv", "Subtotal", "Created at" } },
    { "not an export", "date,amount\n2024-01-01,5\n",
      LC_IMPORT_ERROR, LC_IMPORT_ERROR_UNKNOWN_KIND, { "bad.csv", "Shopify orders export", NULL } },
    { "unparseable date",
      HEADER "#1001,c@example.com,paid,,,no,USD,40.00,0,0,40.00,,0,03/01/2024 8am,1,Tote Bag,40.00,,TOT,true,,,,,,,0,,9001,,web,0,\n",
      LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2", "Created at", "03/01/2024 8am" } },
    { "amount like 12,3,4",
      HEADER "#1001,c@example.com,paid,,,no,USD,\"12,3,4\",0,0,40.00,,0,2024-03-01 08:00:00 -0500,1,Tote Bag,40.00,,TOT,true,,,,,,,0,,9001,,web,0,\n",
      LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2", "Subtotal", "12,3,4" } },
    { "ragged row",
      HEADER "#1001,c@example.com,paid\n",
      LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW, { "bad.csv", "line 2", NULL } },
    { "second currency",
      HEADER "#2001,c@example.com,paid,,,no,EUR,40.00,0,0,40.00,,0,2024-04-01 08:00:00 +0100,1,Tote Bag,40.00,,TOT,true,,,,,,,0,,9101,,web,0,\n",
      LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH, { "bad.csv, line 2", "EUR", "USD" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case: %s", cases[i].name);
      {
        g_autoptr(LcStore) store = lc_test_new_store (&path);
        g_autoptr(LcImportResult) good = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);

        g_assert_no_error (error);
      }
      before = lc_test_file_checksum (path);
      {
        g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
        g_autoptr(LcImportResult) bad = NULL;

        g_assert_no_error (error);
        bad = lc_test_import_text (store, "bad.csv", cases[i].csv, &error);
        g_assert_null (bad);
        g_assert_error (error, cases[i].domain, cases[i].code);
        for (guint j = 0; j < G_N_ELEMENTS (cases[i].fragments) && cases[i].fragments[j] != NULL; j++)
          if (strstr (error->message, cases[i].fragments[j]) == NULL)
            g_error ("“%s” does not mention “%s”", error->message, cases[i].fragments[j]);
        g_assert_cmpint (lc_store_count_orders (store), ==, 4);
        g_assert_cmpstr (lc_store_get_currency (store), ==, "USD");
      }
      after = lc_test_file_checksum (path);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel_leaves_the_store_unchanged (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (HEADER);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = NULL;
  const char *paths[2];

  /* Enough rows for the importer to check for cancellation. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (big,
                            "#%u,c@example.com,paid,,,no,USD,40.00,0,0,40.00,,0,2024-03-01 08:00:00 -0500,1,Tote Bag,40.00,,TOT,true,,,,,,,0,,%u,,web,0,\n",
                            30000 - i, 30000 - i);
  path = lc_test_write_file (dir, "orders_export.csv", big->str, big->len);
  paths[0] = path;
  paths[1] = NULL;

  result = lc_store_import_files (store, paths, cancel_on_progress, cancellable, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  g_assert_null (lc_store_get_currency (store));
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress_reaches_the_end (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, "orders_export.csv", orders_csv, -1);
  const char *paths[] = { path, NULL };
  double last = 0;

  result = lc_store_import_files (store, paths, count_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

static gint64
query_count (const char *path,
             const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

#define DAILY_FROM_ORDERS \
  "SELECT local_day, COUNT(*), SUM(subtotal), SUM(units), SUM(total), SUM(refunded), " \
  "SUM(subtotal * subtotal), SUM(units * units) FROM orders WHERE counted = 1 GROUP BY local_day"
#define DAILY_FROM_ROLLUP \
  "SELECT day, orders, order_value, units, total, refunded, order_value_sq, units_sq FROM daily WHERE orders > 0"
/* The rollup keys customers by a number made from the hash: compare the
 * number of customers and their orders' sum and sum of squares. */
#define CUSTOMERS_FROM_ORDERS \
  "SELECT COUNT(*), SUM(n), SUM(n * n) FROM (SELECT COUNT(*) AS n FROM orders " \
  "WHERE counted = 1 AND customer_hash IS NOT NULL GROUP BY customer_hash)"
#define CUSTOMERS_FROM_ROLLUP \
  "SELECT COUNT(*), SUM(orders), SUM(orders * orders) FROM customers"
#define SKUS_FROM_LINES \
  "SELECT o.local_day, COALESCE(li.sku, li.name), COUNT(*) FROM line_items li " \
  "JOIN orders o ON o.id = li.order_id WHERE o.counted = 1 AND li.is_tip = 0 GROUP BY 1, 2"
#define SKUS_FROM_ROLLUP \
  "SELECT day, sku, lines FROM daily_skus"

/* The rollups hold exactly what a recomputation from the orders and line
 * items gives: no row missing, none extra, no zero rows left for SKUs or
 * customers. */
static void
assert_rollups_match (const char *path)
{
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM (" DAILY_FROM_ORDERS " EXCEPT " DAILY_FROM_ROLLUP ")"), ==, 0);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM (" DAILY_FROM_ROLLUP " EXCEPT " DAILY_FROM_ORDERS ")"), ==, 0);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM daily WHERE orders = 0 AND "
                                      "(order_value <> 0 OR units <> 0 OR total <> 0 OR refunded <> 0 OR "
                                      "order_value_sq <> 0 OR units_sq <> 0)"), ==, 0);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM (" CUSTOMERS_FROM_ORDERS " EXCEPT " CUSTOMERS_FROM_ROLLUP ")"), ==, 0);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM (" CUSTOMERS_FROM_ROLLUP " EXCEPT " CUSTOMERS_FROM_ORDERS ")"), ==, 0);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM (" SKUS_FROM_LINES " EXCEPT " SKUS_FROM_ROLLUP ")"), ==, 0);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM (" SKUS_FROM_ROLLUP " EXCEPT " SKUS_FROM_LINES ")"), ==, 0);
}

static void
test_rollups_follow_every_change (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  /* The same orders, exported later: #1004 was paid after all (counted
   * now), #1003's refund was undone but it stays cancelled, #1002 was
   * cancelled, and #1001 moved a day and changed its lines. */
  const char later_csv[] =
    HEADER
    "#1004,ann@example.com,paid,,,no,USD,50.00,0.00,0.00,50.00,,0.00,2024-03-12 10:00:00 -0400,1,Scarf - Red,50.00,,SCF-RED,true,,,,,,,0.00,Acme,9004,,web,0.00,p4\n"
    "#1003,bob@example.com,paid,,,no,USD,80.00,5.00,0.00,85.00,,0.00,2024-03-11 09:00:00 -0400,1,Belt - M,80.00,,BLT-M,true,,,,,,2024-03-11 12:00:00 -0400,0.00,Acme,9003,,web,0.00,p3\n"
    "#1002,ann@example.com,refunded,,,no,USD,90.00,0.00,7.20,97.20,,0.00,2024-03-10 23:30:00 -0400,1,Dress - Blue / S,60.00,,DRS-BLU-S,true,,,,,,2024-03-12 09:00:00 -0400,97.20,Acme,9002,,web,0.00,p2\n"
    "#1001,carl@example.com,paid,,,no,USD,60.00,0.00,0.00,60.00,,0.00,2024-03-02 08:00:00 -0500,1,Tote Bag,20.00,,TOT-1,true,,,,,,,0.00,Acme,9001,,web,0.00,p1\n"
    "#1001,carl@example.com,,,,,,,,,,,,2024-03-02 08:00:00 -0500,2,Scarf - Red,20.00,,SCF-RED,true,,,,,,,,Acme,,,,0.00,\n";
  g_autoptr(LcImportResult) first = NULL;
  g_autoptr(LcImportResult) again = NULL;
  g_autoptr(LcImportResult) later = NULL;

  first = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
  g_assert_no_error (error);
  assert_rollups_match (path);

  /* Unchanged orders are left as they are, and still counted as updated. */
  again = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->orders_updated, ==, 4);
  assert_rollups_match (path);

  later = lc_test_import_text (store, "orders_export.csv", later_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (later->orders_updated, ==, 4);
  assert_rollups_match (path);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM daily_skus WHERE sku = 'SCF-RED'"), ==, 2);
  g_assert_cmpint (query_count (path, "SELECT units FROM orders WHERE name = '#1001'"), ==, 3);
}

typedef struct
{
  gint64 last_us;
  gint64 longest_us;
  guint  calls;
} ProgressGaps;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
measure_progress (double   fraction,
                  gpointer user_data)
{
  ProgressGaps *gaps = user_data;
  gint64 now = thread_cpu_us ();

  gaps->longest_us = MAX (gaps->longest_us, now - gaps->last_us);
  gaps->last_us = now;
  gaps->calls++;
}

static void
test_rollups_survive_reimport_and_cancel (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "orders_export.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *paths[] = { csv, NULL };
  ProgressGaps gaps = { 0 };
  LcDemoOptions options;

  lc_demo_options_init (&options);
  options.orders_per_day = 40;
  options.years = 1;
  g_assert_true (lc_demo_write_csv (&options, csv, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Progress comes at least every 100 ms of the importing thread's work
   * (its processor time, so that a busy machine does not fail the test). */
  gaps.last_us = thread_cpu_us ();
  {
    g_autoptr(LcImportResult) result = lc_store_import_files (store, paths, measure_progress, &gaps, NULL, &error);

    g_assert_no_error (error);
  }
  g_test_message ("%u progress reports, at most %.1f ms apart", gaps.calls, gaps.longest_us / 1000.0);
  g_assert_cmpuint (gaps.calls, >, 1);
  g_assert_cmpint (gaps.longest_us, <, 100 * 1000);
  assert_rollups_match (path);

  {
    g_autoptr(LcImportResult) result = lc_store_import_files (store, paths, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (result->orders_added, ==, 0);
  }
  assert_rollups_match (path);

  /* A cancelled import changes nothing, rollups included. */
  g_clear_object (&store);
  before = lc_test_file_checksum (path);
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(LcImportResult) result = lc_store_import_files (store, paths, cancel_on_progress, cancellable,
                                                              cancellable, &error);

    g_assert_null (result);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  g_clear_object (&store);
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  assert_rollups_match (path);
}

static void
test_rollups_are_made_for_an_older_store (void)
{
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* A store as version 2 left it: orders, but no rollups (nor the
   * indexes of version 4). */
  {
    g_autoptr(LcStore) store = lc_test_new_store (&path);
    g_autoptr(LcImportResult) result = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);

    g_assert_no_error (error);
  }
  backup = g_strconcat (path, ".v2.bak", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE product_categories; DROP TABLE categories; DROP TABLE pending_orders; DROP TABLE pending_lines;"
                                 "DROP INDEX refunds_by_order; DROP INDEX refund_lines_by_refund;"
                                 "DROP INDEX refund_lines_by_line;"
                                 "DROP TABLE daily; DROP TABLE daily_skus; DROP TABLE customers;"
                                 "ALTER TABLE orders DROP COLUMN content_hash;"
                                 "CREATE INDEX orders_by_name ON orders (name);"
                                 "PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
    g_autoptr(LcSummary) summary = NULL;

    g_assert_no_error (error);
    summary = lc_store_compute_summary (store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (summary->orders, ==, 2);
    g_assert_cmpint (summary->active_skus_12m, ==, 3);
  }
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_count (path, "PRAGMA user_version"), ==, LC_STORE_SCHEMA_VERSION);
  assert_rollups_match (path);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM daily_skus"), >, 0);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM customers"), ==, 2);
}

/* Schema 5 gives a line the id (order id << 16 | position); a store of
 * version 4 had ids in insertion order and refund lines pointing at
 * them. Upgrading keeps every line, in its order, and every refund line
 * on the line it was for, even where an old id is some other line's new
 * one. A line's name, made from its product and variant from then on,
 * stays what it was, even where they did not make it. Importing into the
 * upgraded store replaces orders by their id ranges. */
static void
test_line_ids_are_remade_for_a_version_4_store (void)
{
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  {
    g_autoptr(LcStore) store = lc_test_new_store (&path);
    g_autoptr(LcImportResult) result = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);

    g_assert_no_error (error);
  }
  backup = g_strconcat (path, ".v4.bak", NULL);
  /* Version 4's line_items, its ids counting down from 131078 (order 2's
   * first new id is 131072), the digests of another version, and a refund
   * of #1002's socks with one of no line. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE product_categories; DROP TABLE categories; DROP TABLE pending_orders; DROP TABLE pending_lines;"
                                 "CREATE TABLE line_items_v4 ("
                                 "  id INTEGER PRIMARY KEY,"
                                 "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
                                 "  position INTEGER NOT NULL, quantity INTEGER NOT NULL, name TEXT NOT NULL,"
                                 "  product TEXT NOT NULL, variant TEXT, sku TEXT, price INTEGER NOT NULL,"
                                 "  compare_at_price INTEGER, discount INTEGER NOT NULL, vendor TEXT,"
                                 "  is_tip INTEGER NOT NULL, UNIQUE (order_id, position));"
                                 "INSERT INTO line_items_v4 SELECT 131079 - ROW_NUMBER () OVER (ORDER BY id), order_id,"
                                 "  position, quantity, name, product, variant, sku, price, compare_at_price, discount,"
                                 "  vendor, is_tip FROM line_items;"
                                 "DROP TABLE line_items;"
                                 "ALTER TABLE line_items_v4 RENAME TO line_items;"
                                 "UPDATE line_items SET product = 'Tote' WHERE sku = 'TOT-1';"
                                 "UPDATE orders SET content_hash = 1;"
                                 "INSERT INTO refunds (id, order_id, source_id, created_utc, local_day, amount)"
                                 "  SELECT 1, id, 'test:refund:1', 0, 0, 2500 FROM orders WHERE name = '#1002';"
                                 "INSERT INTO refund_lines (refund_id, line_item_id, quantity, amount)"
                                 "  SELECT 1, id, 1, 2000 FROM line_items WHERE sku = 'SCK-1';"
                                 "INSERT INTO refund_lines (refund_id, line_item_id, quantity, amount) VALUES (1, NULL, 0, 500);"
                                 "PRAGMA user_version = 4;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM line_items WHERE id = order_id << 16 | position"), ==, 0);

  g_object_unref (lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_count (path, "PRAGMA user_version"), ==, LC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM line_items"), ==, 6);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM line_items WHERE id = order_id << 16 | position"), ==, 6);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM pragma_index_list ('line_items')"), ==, 0);
  g_assert_cmpint (query_count (path,
                                "SELECT group_concat (COALESCE (sku, name), ' ') = 'DRS-BLU-S SCK-1 Tip' FROM "
                                "(SELECT l.sku, l.name FROM line_items l JOIN orders o ON o.id = l.order_id "
                                "WHERE o.name = '#1002' ORDER BY l.id)"), ==, 1);
  g_assert_cmpint (query_count (path,
                                "SELECT COUNT(*) FROM refund_lines rl JOIN line_items l ON l.id = rl.line_item_id "
                                "WHERE l.sku = 'SCK-1' AND rl.amount = 2000"), ==, 1);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM refund_lines WHERE line_item_id IS NULL"), ==, 1);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (query_count (path,
                                "SELECT COUNT(*) FROM line_items WHERE sku = 'DRS-BLU-S' AND name = 'Dress - Blue / S' "
                                "AND product = 'Dress' AND variant = 'Blue / S'"), ==, 1);
  g_assert_cmpint (query_count (path,
                                "SELECT COUNT(*) FROM line_items WHERE sku = 'TOT-1' AND name = 'Tote Bag' "
                                "AND product = 'Tote Bag' AND variant IS NULL"), ==, 1);
  assert_rollups_match (path);

  /* The same export again: every digest differs, so every order is
   * rewritten, its old lines deleted by their id range. */
  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
    g_autoptr(LcImportResult) result = NULL;

    g_assert_no_error (error);
    result = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
    g_assert_no_error (error);
    g_assert_cmpint (result->orders_updated, ==, 4);
  }
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM line_items"), ==, 6);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM line_items WHERE id = order_id << 16 | position"), ==, 6);
  g_assert_cmpint (query_count (path, "SELECT COUNT(*) FROM pragma_foreign_key_check"), ==, 0);
  assert_rollups_match (path);
}

static void
test_import_log_records_the_file (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, orders_csv, -1);
  LcImportRecord *record;

  result = lc_test_import_text (store, "orders_export.csv", orders_csv, &error);
  g_assert_no_error (error);
  log = lc_store_list_imports (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  record = g_ptr_array_index (log, 0);
  g_assert_cmpstr (record->file_name, ==, "orders_export.csv");
  g_assert_cmpstr (record->sha256, ==, expected);
  g_assert_cmpstr (record->kind, ==, "shopify-orders");
  g_assert_cmpint (record->rows, ==, 6);
  g_assert_cmpint (record->orders_added, ==, 4);
}

static void
on_async_progress (double   fraction,
                   gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LcImportResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lc_import_files_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async_import_runs_off_thread (void)
{
  g_autofree char *store_path = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, "orders_export.csv", orders_csv, -1);
  const char *paths[] = { path, NULL };
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcStore) reader = lc_test_new_store (&store_path);
  guint calls = 0;

  lc_import_files_async (store_path, paths, on_async_progress, &calls, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (result->orders_added, ==, 4);
  g_assert_cmpuint (calls, >=, 1);
  /* The caller's own connection sees the new orders. */
  g_assert_cmpint (lc_store_count_orders (reader), ==, 4);
}


/* The order writer is what every importer (Shopify files now, the API and
 * other platforms later) goes through: an amount past any real order is
 * refused there too, so no importer can make the store's sums overflow. */
static void
test_writer_refuses_amounts_past_any_real_order (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcOrderWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  LcOrderFields order = {
    .source_id = "test:1", .name = "#1", .financial_status = "paid",
    .subtotal = 4000, .total = 4000,
  };
  LcLineFields line = { .quantity = 1, .price = 4000, .compare_at = -1, .name = "Belt" };
  LcOrderWritten written;

  g_assert_true (_lc_store_begin (store, &error));
  g_assert_true (_lc_store_exec (store, "INSERT INTO imports VALUES (1, 'test.csv', '', 'shopify-orders', 0, 0, 0, 0)", &error));
  writer = _lc_order_writer_new (store, &error);
  g_assert_no_error (error);
  _lc_order_writer_set_import_id (writer, 1);
  order.created.local_day = lc_day_from_ymd (2024, 3, 1);

  /* At the bound it is taken, and its day's sum of squares (past int64,
   * found by UBSan under the fuzzer) is kept as a real; one past it on a
   * line is not taken. */
  order.subtotal = LC_ORDER_MAX_AMOUNT;
  order.total = LC_ORDER_MAX_AMOUNT;
  _lc_order_writer_begin_order (writer, &order);
  _lc_order_writer_add_line (writer, &line);
  _lc_order_writer_finish_order (writer, &written, &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, LC_ORDER_WRITTEN_ADDED);
  g_assert_true (_lc_order_writer_flush (writer, &error));
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (_lc_store_get_db (store), "SELECT order_value_sq FROM daily", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 0), 1e22, 1e7);
    sqlite3_finalize (stmt);
  }

  order.source_id = "test:2";
  order.name = "#2";
  order.total = 4000;
  line.price = LC_ORDER_MAX_AMOUNT + 1;
  _lc_order_writer_begin_order (writer, &order);
  _lc_order_writer_add_line (writer, &line);
  g_assert_false (_lc_order_writer_finish_order (writer, &written, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "#2"));
  _lc_store_rollback (store);
}

static gint64
query_int (LcStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A line's id holds its position in 16 bits: an order may have 65,536
 * lines, and one more, in the order or in its continuation, is refused
 * before anything is written. */
static void
test_writer_refuses_orders_past_65536_lines (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcOrderWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  LcOrderFields order = {
    .source_id = "test:1", .name = "#1", .financial_status = "paid",
    .subtotal = 65536, .total = 65536,
  };
  LcLineFields line = { .quantity = 1, .price = 1, .compare_at = -1, .name = "Pin", .sku = "PIN" };
  LcOrderWritten written;

  g_assert_true (_lc_store_begin (store, &error));
  g_assert_true (_lc_store_exec (store, "INSERT INTO imports VALUES (1, 'test.csv', '', 'shopify-orders', 0, 0, 0, 0)", &error));
  writer = _lc_order_writer_new (store, &error);
  g_assert_no_error (error);
  _lc_order_writer_set_import_id (writer, 1);
  order.created.local_day = lc_day_from_ymd (2024, 3, 1);

  _lc_order_writer_begin_order (writer, &order);
  for (guint i = 0; i < 65536; i++)
    _lc_order_writer_add_line (writer, &line);
  g_assert_true (_lc_order_writer_finish_order (writer, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM line_items WHERE id = order_id << 16 | position"), ==, 65536);

  g_assert_true (_lc_order_writer_continue_last (writer));
  _lc_order_writer_add_line (writer, &line);
  g_assert_false (_lc_order_writer_finish_order (writer, &written, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_clear_error (&error);

  order.source_id = "test:2";
  order.name = "#2";
  _lc_order_writer_begin_order (writer, &order);
  for (guint i = 0; i < 65537; i++)
    _lc_order_writer_add_line (writer, &line);
  g_assert_false (_lc_order_writer_finish_order (writer, &written, &error));
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "#2"));
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM orders"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM line_items"), ==, 65536);
  _lc_store_rollback (store);
}

/* Refunds with their lines (the Admin API gives them) land with the order,
 * each refund line on the line it returned, and a later version of the
 * order replaces them: a refund the shop took back is gone, none is
 * counted twice; an export that agrees on the amount keeps them. */
static void
test_writer_keeps_refunds_with_their_lines (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(LcOrderWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  LcOrderFields order = {
    .source_id = "test:1", .name = "#1", .financial_status = "partially_refunded",
    .subtotal = 9000, .total = 9000, .refunded = 5000,
  };
  LcLineFields belt = { .quantity = 1, .price = 4000, .compare_at = -1, .name = "Belt" };
  LcLineFields shirt = { .quantity = 2, .price = 2500, .compare_at = -1, .name = "Shirt - M", .sku = "SH-M" };
  LcRefundFields refund = { .source_id = "test:refund:7", .amount = 5000 };
  LcOrderWritten written;

  g_assert_true (_lc_store_begin (store, &error));
  g_assert_true (_lc_store_exec (store, "INSERT INTO imports VALUES (1, 'api', '', 'shopify-api', 0, 0, 0, 0)", &error));
  writer = _lc_order_writer_new (store, &error);
  g_assert_no_error (error);
  _lc_order_writer_set_import_id (writer, 1);
  order.created.local_day = lc_day_from_ymd (2024, 3, 1);
  refund.created.local_day = lc_day_from_ymd (2024, 3, 9);

  _lc_order_writer_begin_order (writer, &order);
  _lc_order_writer_add_line (writer, &belt);
  _lc_order_writer_add_line (writer, &shirt);
  /* No refund yet, then a line the order does not have. */
  g_assert_false (_lc_order_writer_add_refund_line (writer, 0, 1, 4000));
  _lc_order_writer_add_refund (writer, &refund);
  g_assert_false (_lc_order_writer_add_refund_line (writer, 2, 1, 4000));
  g_assert_true (_lc_order_writer_add_refund_line (writer, 1, 2, 5000));
  g_assert_true (_lc_order_writer_finish_order (writer, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, LC_ORDER_WRITTEN_ADDED);

  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM refunds"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT local_day FROM refunds"), ==, lc_day_from_ymd (2024, 3, 9));
  g_assert_cmpint (query_int (store,
                              "SELECT rl.quantity * 10000 + rl.amount FROM refund_lines rl "
                              "JOIN line_items li ON li.id = rl.line_item_id WHERE li.sku = 'SH-M'"), ==, 2 * 10000 + 5000);

  /* The shop's next version of the order: the shirts' refund became one
   * shirt, and the belt came back too, in a second refund. */
  order.refunded = 6500;
  refund.amount = 2500;
  _lc_order_writer_begin_order (writer, &order);
  _lc_order_writer_add_line (writer, &belt);
  _lc_order_writer_add_line (writer, &shirt);
  _lc_order_writer_add_refund (writer, &refund);
  g_assert_true (_lc_order_writer_add_refund_line (writer, 1, 1, 2500));
  refund.source_id = "test:refund:8";
  refund.amount = 4000;
  _lc_order_writer_add_refund (writer, &refund);
  g_assert_true (_lc_order_writer_add_refund_line (writer, 0, 1, 4000));
  g_assert_true (_lc_order_writer_finish_order (writer, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, LC_ORDER_WRITTEN_UPDATED);

  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM refunds"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT SUM(amount) FROM refunds"), ==, 6500);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM refund_lines"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM refund_lines WHERE line_item_id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT SUM(rl.quantity) FROM refund_lines rl "
                              "JOIN line_items li ON li.id = rl.line_item_id"), ==, 2);

  /* An export of the same order says only how much was refunded: when it
   * agrees, the refunds and the items they returned stay; when it does
   * not, the later source wins and they go. */
  order.tags = "exported";
  _lc_order_writer_begin_order (writer, &order);
  _lc_order_writer_add_line (writer, &belt);
  _lc_order_writer_add_line (writer, &shirt);
  g_assert_true (_lc_order_writer_finish_order (writer, &written, &error));
  g_assert_cmpint (written, ==, LC_ORDER_WRITTEN_UPDATED);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM orders WHERE tags = 'exported'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT SUM(amount) FROM refunds"), ==, 6500);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM refunds WHERE source_id = 'test:refund:8'"), ==, 1);
  g_assert_cmpint (query_int (store,
                              "SELECT COUNT(*) FROM refund_lines rl JOIN line_items li ON li.id = rl.line_item_id "
                              "WHERE (li.sku = 'SH-M' AND rl.quantity = 1) OR (li.product = 'Belt' AND rl.quantity = 1)"),
                   ==, 2);

  order.refunded = 2500;
  _lc_order_writer_begin_order (writer, &order);
  _lc_order_writer_add_line (writer, &belt);
  _lc_order_writer_add_line (writer, &shirt);
  g_assert_true (_lc_order_writer_finish_order (writer, &written, &error));
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM refunds"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM refund_lines"), ==, 0);
  g_assert_true (_lc_order_writer_flush (writer, &error));
  g_assert_true (_lc_store_commit (store, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/shopify/counts-follow-the-playbook", test_counts_follow_the_playbook);
  g_test_add_func ("/lc/shopify/writer-refuses-amounts-past-any-real-order", test_writer_refuses_amounts_past_any_real_order);
  g_test_add_func ("/lc/shopify/writer-refuses-orders-past-65536-lines", test_writer_refuses_orders_past_65536_lines);
  g_test_add_func ("/lc/shopify/writer-keeps-refunds-with-their-lines", test_writer_keeps_refunds_with_their_lines);
  g_test_add_func ("/lc/shopify/local-day-is-the-export-day", test_local_day_is_the_export_day);
  g_test_add_func ("/lc/shopify/reimport-updates-instead-of-duplicating", test_reimport_updates_instead_of_duplicating);
  g_test_add_func ("/lc/shopify/later-export-wins", test_later_export_wins);
  g_test_add_func ("/lc/shopify/split-export-continues-an-order", test_split_export_continues_an_order);
  g_test_add_func ("/lc/shopify/orphan-line-is-refused", test_orphan_line_is_refused);
  g_test_add_func ("/lc/shopify/spreadsheet-resave-is-read", test_spreadsheet_resave_is_read);
  g_test_add_func ("/lc/shopify/no-personal-data-reaches-the-store", test_no_personal_data_reaches_the_store);
  g_test_add_func ("/lc/shopify/abandoned-checkouts-are-refused", test_abandoned_checkouts_are_refused);
  g_test_add_func ("/lc/shopify/bad-input-is-named-and-changes-nothing", test_bad_input_is_named_and_changes_nothing);
  g_test_add_func ("/lc/shopify/cancel-leaves-the-store-unchanged", test_cancel_leaves_the_store_unchanged);
  g_test_add_func ("/lc/shopify/progress-reaches-the-end", test_progress_reaches_the_end);
  g_test_add_func ("/lc/shopify/import-log-records-the-file", test_import_log_records_the_file);
  g_test_add_func ("/lc/shopify/rollups-follow-every-change", test_rollups_follow_every_change);
  g_test_add_func ("/lc/shopify/rollups-survive-reimport-and-cancel", test_rollups_survive_reimport_and_cancel);
  g_test_add_func ("/lc/shopify/rollups-are-made-for-an-older-store", test_rollups_are_made_for_an_older_store);
  g_test_add_func ("/lc/shopify/line-ids-are-remade-for-a-version-4-store", test_line_ids_are_remade_for_a_version_4_store);
  g_test_add_func ("/lc/shopify/async-import-runs-off-thread", test_async_import_runs_off_thread);

  return g_test_run ();
}
