/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lc-csv.h"
#include "lc-import.h"
#include "lc-metrics.h"
#include "lc-store.h"
#include "lc-test-util.h"

/*
 * Shopify Analytics reports (sessions over time, checkout reports, sales by
 * variant and by product) and Klaviyo campaign reports: hand-written
 * fixtures with exact stored values, the sessions metrics built on them,
 * the e-mail share, the v1 -> v2 store migration, and the real exports in
 * ../shared/data/ read in place.
 */

/* Stored rows as text, to compare whole tables at once. */
#define SESSIONS_ROWS \
  "SELECT group_concat (row, ' ') FROM (SELECT period || ':' || date (start_day * 86400, 'unixepoch') || ':' || " \
  "IFNULL (sessions, '-') || ':' || IFNULL (converted, '-') AS row FROM sessions ORDER BY period, start_day)"
#define EMAIL_ROWS \
  "SELECT group_concat (row, ' ') FROM (SELECT IFNULL (campaign, '-') || ':' || date (start_day * 86400, 'unixepoch') || " \
  "'..' || date (end_day * 86400, 'unixepoch') || ':' || revenue || ':' || exponent AS row " \
  "FROM email_revenue ORDER BY campaign)"
#define SALES_ROWS \
  "SELECT group_concat (row, ' | ') FROM (SELECT report || ':' || product || ':' || IFNULL (variant, '-') || ':' || " \
  "IFNULL (sku, '-') || ':' || IFNULL (vendor, '-') || ':' || IFNULL (product_type, '-') || ':' || net_items || ':' || " \
  "gross_sales || ':' || discounts || ':' || returns || ':' || IFNULL (net_sales, '-') || ':' || IFNULL (taxes, '-') || ':' || " \
  "IFNULL (total_sales, '-') || ':' || exponent AS row FROM variant_sales ORDER BY report, id)"

/* A small Shopify orders export (the columns Liftcheck needs), USD:
 * counted orders on 4 Mar (two: subtotals 40 + 60, totals 45 + 66),
 * 5 Mar (25, total 30) and 11 Mar (50, total 50); a cancelled order on
 * 6 Mar that does not count. */
#define ORDERS_HEADER \
  "Name,Financial Status,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Refunded Amount,Id\n"
static const char orders_csv[] =
  ORDERS_HEADER
  "#1005,paid,USD,50.00,50.00,2024-03-11 09:00:00 -0500,1,Hat,50.00,,0.00,5\n"
  "#1004,refunded,USD,100.00,100.00,2024-03-06 09:00:00 -0500,1,Coat,100.00,2024-03-06 10:00:00 -0500,100.00,4\n"
  "#1003,paid,USD,25.00,30.00,2024-03-05 09:00:00 -0500,1,Socks,25.00,,0.00,3\n"
  "#1002,paid,USD,60.00,66.00,2024-03-04 15:00:00 -0500,2,Scarf,30.00,,0.00,2\n"
  "#1001,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,1,Belt,40.00,,0.00,1\n";

/* Daily sessions: quoted strings and bare numbers, grouping, "12.0". The
 * 12th is after the last order day. */
static const char daily_sessions_csv[] =
  "\"Day\",\"Sessions\",\"Sessions that completed checkout\",\"Conversion rate\"\n"
  "\"2024-03-04\",\"200\",\"3\",0.015\n"
  "2024-03-05,100,1,0.01\n"
  "\"2024-03-06\",100.0,\"0\",0\n"
  "2024-03-11,50,1,0.02\n"
  "2024-03-12,\"80\",0,0\n";

/* Imports one file that must be read as kind. */
static LcImportResult *
import_kind (LcStore      *store,
             const char   *name,
             const char   *text,
             LcImportKind  kind)
{
  g_autoptr(GError) error = NULL;
  LcImportResult *result = lc_test_import_text (store, name, text, &error);
  LcImportFileResult *file;

  g_assert_no_error (error);
  file = g_ptr_array_index (result->files, 0);
  g_assert_cmpstr (lc_import_kind_to_string (file->kind), ==, lc_import_kind_to_string (kind));
  return result;
}

static void
import_ok (LcStore      *store,
           const char   *name,
           const char   *text,
           LcImportKind  kind)
{
  lc_import_result_free (import_kind (store, name, text, kind));
}

static LcImportFileResult *
first_file (LcImportResult *result)
{
  return g_ptr_array_index (result->files, 0);
}

static gboolean
has_warning (LcImportResult *result,
             const char     *fragment)
{
  LcImportFileResult *file = first_file (result);

  for (guint i = 0; i < file->warnings->len; i++)
    if (strstr (g_ptr_array_index (file->warnings, i), fragment) != NULL)
      return TRUE;
  return FALSE;
}

/* The first column of the first row of sql on the store file, as text;
 * NULL for SQL NULL. */
static char *
query_text (const char *store_path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
query_int (const char *store_path,
           const char *sql)
{
  g_autofree char *text = query_text (store_path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static void
assert_rows (const char *store_path,
             const char *sql,
             const char *expected)
{
  g_autofree char *rows = query_text (store_path, sql);

  g_assert_cmpstr (rows, ==, expected);
}

/* Sessions reports */

static void
test_daily_sessions_are_stored (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;

  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "Sessions over time.csv", daily_sessions_csv, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  g_assert_cmpint (first_file (result)->rows, ==, 5);
  g_assert_cmpuint (first_file (result)->warnings->len, ==, 0);
  assert_rows (path, SESSIONS_ROWS,
               "day:2024-03-04:200:3 day:2024-03-05:100:1 day:2024-03-06:100:0 day:2024-03-11:50:1 day:2024-03-12:80:0");
}

static void
test_weekly_and_monthly_sessions_are_stored (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  /* Weeks starting on Monday; "1,204" with grouping; a "Date" column is a day. */
  const char weekly[] =
    "\"Week\",\"Online store visitors\",\"Sessions\"\n"
    "\"2024-01-01\",2349,\"2,797\"\n"
    "\"2024-01-08\",2439,3037\n";
  const char monthly[] =
    "Month,Sessions\n"
    "2024-01,31000\n"
    "2024-02-01,29000\n";
  const char dated[] =
    "Date,Sessions\n"
    "2024-02-29,1000\n";

  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "Visitors over time.csv", weekly, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  g_assert_cmpint (first_file (result)->rows, ==, 2);
  /* Shopify may cut the first and last week at the report's dates. */
  g_assert_true (has_warning (result, "part of that week"));
  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "monthly.csv", monthly, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  g_assert_true (has_warning (result, "part of that month"));
  import_ok (store, "dated.csv", dated, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  assert_rows (path, SESSIONS_ROWS,
               "day:2024-02-29:1000:- month:2024-01-01:31000:- month:2024-02-01:29000:- "
               "week:2024-01-01:2797:- week:2024-01-08:3037:-");
}

static void
test_comparison_columns_are_not_the_current_ones (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  /* The previous year's columns come first, so position would pick them. */
  const char previous_year[] =
    "\"Day\",\"Day (previous_year)\",\"Sessions (previous_year)\",\"Sessions\"\n"
    "\"2024-03-04\",\"2023-03-06\",111,200\n"
    "\"2024-03-05\",\"2023-03-07\",112,100\n"
    ",\"2023-03-08\",113,\n";
  /* The same name twice, the comparison one with a trailing space, first. */
  const char trailing_space[] =
    "\"Week\",\"Sessions \",\"Sessions\"\n"
    "\"2024-01-01\",999,2797\n";

  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "compared.csv", previous_year, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  g_assert_cmpint (first_file (result)->rows, ==, 3);
  /* The last row has a date only in the comparison columns. */
  g_assert_true (has_warning (result, "1 row had a date only in the comparison columns"));
  import_ok (store, "trailing.csv", trailing_space, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  assert_rows (path, SESSIONS_ROWS, "day:2024-03-04:200:- day:2024-03-05:100:- week:2024-01-01:2797:-");
}

static void
test_checkout_report_adds_completed_checkouts (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  const char behaviour[] =
    "\"Week\",\"Sessions with cart additions\",\"Sessions that reached checkout\",\"Sessions that completed checkout\"\n"
    "\"2024-01-01\",69,62,26\n"
    "\"2024-01-08\",142,130,67\n";
  const char visitors[] =
    "\"Week\",\"Online store visitors\",\"Sessions\"\n"
    "\"2024-01-08\",2439,3037\n"
    "\"2024-01-15\",3136,3947\n";

  /* Imported first, the checkout report leaves the totals unknown... */
  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "Customer behavior.csv", behaviour, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  g_assert_true (has_warning (result, "no “Sessions” column"));
  assert_rows (path, SESSIONS_ROWS, "week:2024-01-01:-:26 week:2024-01-08:-:67");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) points = lc_store_sessions_series (store, LC_METRIC_SESSIONS, LC_PERIOD_WEEK,
                                                         LC_DAY_NONE, LC_DAY_NONE, &error);

    g_assert_error (error, LC_METRICS_ERROR, LC_METRICS_ERROR_NO_SESSIONS);
    g_assert_null (points);
  }
  /* ...which a sessions report fills in without losing the checkouts, and
   * the checkout report again leaves the totals alone. */
  import_ok (store, "Visitors over time.csv", visitors, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  import_ok (store, "Customer behavior.csv", behaviour, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  assert_rows (path, SESSIONS_ROWS, "week:2024-01-01:-:26 week:2024-01-08:3037:67 week:2024-01-15:3947:-");
}

static void
test_reimport_upserts_sessions (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  const char first[] =
    "Week,Sessions\n"
    "2024-01-01,100\n"
    "2024-01-08,200\n";
  /* Newest first: a later export where the 8th has grown. */
  const char later[] =
    "Week,Sessions\n"
    "2024-01-15,300\n"
    "2024-01-08,250\n";

  import_ok (store, "sessions.csv", first, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "sessions.csv", first, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  g_assert_true (has_warning (result, "its figures were replaced, not added twice"));
  assert_rows (path, SESSIONS_ROWS, "week:2024-01-01:100:- week:2024-01-08:200:-");
  import_ok (store, "sessions later.csv", later, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  assert_rows (path, SESSIONS_ROWS, "week:2024-01-01:100:- week:2024-01-08:250:- week:2024-01-15:300:-");
}

static void
test_sessions_breakdown_is_refused (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcImportResult) result = NULL;
  /* One row a week, sorted by sessions, as Shopify writes a breakdown. */
  const char sorted[] =
    "\"Week\",\"Sessions\"\n"
    "\"2024-09-16\",5372\n"
    "\"2024-10-07\",4932\n"
    "\"2024-06-17\",4774\n";
  const char in_order[] =
    "\"Week\",\"Sessions\"\n"
    "\"2024-09-16\",5372\n"
    "\"2024-09-23\",4774\n";
  const char twice[] =
    "Day,Sessions\n"
    "2024-09-16,10\n"
    "2024-09-16,12\n";

  result = lc_test_import_text (store, "sessions.csv", sorted, &error);
  g_assert_null (result);
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND);
  g_assert_nonnull (strstr (error->message, "sessions.csv, line 4"));
  g_assert_nonnull (strstr (error->message, "2024-06-17 comes after 2024-10-07"));
  g_assert_nonnull (strstr (error->message, "“Sessions over time”"));
  g_clear_error (&error);

  /* In date order, the report's own name still gives it away. */
  result = lc_test_import_text (store, "Shopify 2024 - Sessions by social referrer.csv", in_order, &error);
  g_assert_null (result);
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND);
  g_assert_nonnull (strstr (error->message, "Sessions by social referrer.csv is a breakdown of sessions"));
  g_assert_nonnull (strstr (error->message, "“Sessions over time”"));
  g_clear_error (&error);

  result = lc_test_import_text (store, "sessions.csv", twice, &error);
  g_assert_null (result);
  g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND);
  g_assert_nonnull (strstr (error->message, "line 3: 2024-09-16 appears a second time"));

  assert_rows (path, "SELECT COUNT(*) FROM sessions", "0");
}

/* Klaviyo */

static const char klaviyo_csv[] =
  "Date,Group Id,List/Segment,Click Rate,Open Rate,Total Placed Order Value,Campaign Message Channel\r\n"
  "2024,AAA111,VIP Customers,0.1,0.5,1500.50,Email\r\n"
  "2024,AAA111,VIP Customers,0.2,N/A,99.99,SMS\r\n"
  "2024,BBB222,Newsletter,0.01,0.3,250.00001,Email\r\n"
  "2024-03,CCC333,March Sale,0.05,0.4,N/A,Email\r\n";

static void
test_klaviyo_keeps_email_revenue_over_its_dates (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;

  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "Campaign Sent Report.csv", klaviyo_csv, LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS);
  g_assert_cmpint (first_file (result)->rows, ==, 4);
  g_assert_true (has_warning (result, "whole years"));
  g_assert_true (has_warning (result, "1 row for another channel than e-mail (such as SMS) was left out"));
  g_assert_true (has_warning (result, "two decimals"));
  /* A year-only date covers the whole year; a month its month; "N/A" is
   * nothing attributed; digits past the cent round half to even. */
  assert_rows (path, EMAIL_ROWS,
               "March Sale:2024-03-01..2024-03-31:0:2 Newsletter:2024-01-01..2024-12-31:25000:2 "
               "VIP Customers:2024-01-01..2024-12-31:150050:2");

  /* Again: the same rows, not twice as many. */
  import_ok (store, "Campaign Sent Report.csv", klaviyo_csv, LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS);
  assert_rows (path, "SELECT COUNT(*) || ':' || SUM(revenue) FROM email_revenue", "3:175050");
}

/* Sales reports */

static const char variant_sales_csv[] =
  "\"Product title\",\"Product variant title\",\"Product variant SKU\",\"Net items sold\",\"Gross sales\",\"Discounts\","
  "\"Returns\",\"Net sales\",\"Taxes\",\"Total sales\"\n"
  "\"Neem Caps, 100 pcs\",\"Default Title\",\"HI0001\",1116,23793,-275.02,-219.49,23298.49,0,23298.49\n"
  "\"Ghee\",\"500 g\",\"NF31\",3,7056,0,-192,6864,0,6864\n"
  "\"Gift card\",\"\",\"\",-1,0,0,-500,-500,,-500\n";

static void
test_sales_by_variant_keeps_returns_per_sku (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  const char later[] =
    "\"Product title\",\"Product variant title\",\"Product variant SKU\",\"Net items sold\",\"Gross sales\",\"Discounts\","
    "\"Returns\",\"Net sales\",\"Taxes\",\"Total sales\"\n"
    "\"Ghee\",\"500 g\",\"NF31\",4,9408,0,0,9408,0,9408\n";

  /* No orders yet: no currency to go by, so two decimals, and a note. */
  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "Total sales by product variant.csv", variant_sales_csv, LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT);
  g_assert_cmpint (first_file (result)->rows, ==, 3);
  g_assert_true (has_warning (result, "does not say its currency"));
  /* Discounts and returns are kept as money taken off (positive). */
  assert_rows (path, SALES_ROWS,
               "variant:Neem Caps, 100 pcs:Default Title:HI0001:-:-:1116:2379300:27502:21949:2329849:0:2329849:2 | "
               "variant:Ghee:500 g:NF31:-:-:3:705600:0:19200:686400:0:686400:2 | "
               "variant:Gift card:-:-:-:-:-1:0:0:50000:-50000:-:-50000:2");

  /* A later report replaces the earlier one: its dates are not in the file,
   * so two reports' rows cannot be told apart. */
  import_ok (store, "Total sales by product variant.csv", later, LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT);
  assert_rows (path, SALES_ROWS, "variant:Ghee:500 g:NF31:-:-:4:940800:0:0:940800:0:940800:2");
}

static void
test_sales_follow_the_store_currency (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  const char yen_orders[] =
    ORDERS_HEADER
    "#1,paid,JPY,4000,4000,2024-03-04 10:00:00 +0900,1,Tea,4000,,0,1\n";
  const char product_sales[] =
    "\"Product title\",\"Product vendor\",\"Product type\",\"Net items sold\",\"Gross sales\",\"Discounts\",\"Returns\","
    "\"Net sales\",\"Taxes\",\"Total sales\"\n"
    "\"Neem Caps, 100 pcs\",\"A.P. Exports\",\"Health\",1116,23793,-275.5,-219.49,23298.49,0,23298.49\n";

  import_ok (store, "orders_export.csv", yen_orders, LC_IMPORT_KIND_SHOPIFY_ORDERS);
  g_clear_pointer (&result, lc_import_result_free);
  result = import_kind (store, "Total sales by product.csv", product_sales, LC_IMPORT_KIND_SHOPIFY_SALES_BY_PRODUCT);
  g_assert_false (has_warning (result, "does not say its currency"));
  /* Yen have no minor unit: amounts round half to even to whole yen. */
  assert_rows (path, SALES_ROWS,
               "product:Neem Caps, 100 pcs:-:-:A.P. Exports:Health:1116:23793:276:219:23298:0:23298:0");
  /* A product report leaves the variant report alone, and the other way. */
  import_ok (store, "Total sales by product variant.csv", variant_sales_csv, LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT);
  assert_rows (path, "SELECT SUM(report = 'product') || ':' || SUM(report = 'variant') FROM variant_sales", "1:3");
}

/* Bad input */

typedef struct
{
  const char *name;
  const char *csv;
  int         code;
  const char *fragments[3];
} BadInput;

#define SALES_HEADER \
  "\"Product title\",\"Product variant title\",\"Product variant SKU\",\"Net items sold\",\"Gross sales\",\"Discounts\"," \
  "\"Returns\",\"Net sales\",\"Taxes\",\"Total sales\"\n"

static void
test_bad_input_is_named_and_changes_nothing (void)
{
  const BadInput cases[] = {
    { "unknown date format", "\"Day\",\"Sessions\"\n\"03/01/2024\",5\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2, column “Day”", "03/01/2024", "YYYY-MM-DD" } },
    { "non-numeric sessions", "\"Day\",\"Sessions\"\n\"2024-03-10\",5\n\"2024-03-11\",\"n/a\"\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 3, column “Sessions”", "“n/a” is not a number of sessions", NULL } },
    { "negative sessions", "Day,Sessions\n2024-03-10,-5\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2, column “Sessions”", "-5", NULL } },
    { "week not starting on Monday", "Week,Sessions\n2024-01-07,5\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2, column “Week”", "“2024-01-07” is not a Monday", "by day" } },
    { "month not on its first day", "Month,Sessions\n2024-01-15,5\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2, column “Month”", "2024-01-15", NULL } },
    { "missing completed checkouts", "Week,Sessions that completed checkout\n2024-01-01,\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "line 2, column “Sessions that completed checkout”", "missing", NULL } },
    { "header only", "Day,Sessions\n",
      LC_IMPORT_ERROR_NO_ORDERS, { "bad.csv", "no rows", NULL } },
    { "Klaviyo date", "Date,Group Id,Total Placed Order Value\nFY24,A1,5.00\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2, column “Date”", "FY24", "2024-03" } },
    { "Klaviyo amount", "Date,Group Id,Total Placed Order Value\n2024,A1,lots\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2, column “Total Placed Order Value”", "lots", NULL } },
    { "sales amount", SALES_HEADER "\"Ghee\",\"500 g\",\"NF31\",3,\"12,3,4\",0,-192,6864,0,6864\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2, column “Gross sales”", "12,3,4", NULL } },
    { "sales items", SALES_HEADER "\"Ghee\",\"500 g\",\"NF31\",three,7056,0,-192,6864,0,6864\n",
      LC_IMPORT_ERROR_BAD_VALUE, { "bad.csv, line 2, column “Net items sold”", "three", NULL } },
    { "a report Liftcheck does not use", "\"New or returning customer\",\"Customers\"\n\"New\",1584\n",
      LC_IMPORT_ERROR_UNKNOWN_KIND, { "bad.csv, line 1", "“Sessions over time”", "“Total sales by product variant”" } },
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

        import_ok (store, "orders_export.csv", orders_csv, LC_IMPORT_KIND_SHOPIFY_ORDERS);
        import_ok (store, "sessions.csv", daily_sessions_csv, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
        import_ok (store, "klaviyo.csv", klaviyo_csv, LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS);
        import_ok (store, "variants.csv", variant_sales_csv, LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT);
      }
      before = lc_test_file_checksum (path);
      {
        g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
        g_autoptr(LcImportResult) bad = NULL;

        g_assert_no_error (error);
        bad = lc_test_import_text (store, "bad.csv", cases[i].csv, &error);
        g_assert_null (bad);
        g_assert_error (error, LC_IMPORT_ERROR, cases[i].code);
        for (guint j = 0; j < G_N_ELEMENTS (cases[i].fragments) && cases[i].fragments[j] != NULL; j++)
          if (strstr (error->message, cases[i].fragments[j]) == NULL)
            g_error ("“%s” does not mention “%s”", error->message, cases[i].fragments[j]);
      }
      after = lc_test_file_checksum (path);
      g_assert_cmpstr (before, ==, after);
    }
}

/* The store schema */

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
test_v1_store_migrates_to_v2 (void)
{
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* A store as version 1 left it: without the v2 table (nor the v3 ones,
   * nor the v4 indexes, nor the v6 tables), with the v1 shapes of the tables v2 changes, and
   * a sessions row to carry over. */
  g_object_unref (lc_test_new_store (&path));
  backup = g_strconcat (path, ".v1.bak", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db,
            "DROP TABLE product_categories;"
            "DROP TABLE categories;"
            "DROP TABLE pending_orders;"
            "DROP TABLE pending_lines;"
            "DROP INDEX refunds_by_order;"
            "DROP INDEX refund_lines_by_refund;"
            "DROP INDEX refund_lines_by_line;"
            "DROP TABLE daily;"
            "DROP TABLE daily_skus;"
            "DROP TABLE customers;"
            "ALTER TABLE orders DROP COLUMN content_hash;"
            "DROP TABLE variant_sales;"
            "DROP TABLE sessions;"
            "CREATE TABLE sessions (period TEXT NOT NULL, start_day INTEGER NOT NULL, sessions INTEGER NOT NULL, "
            "  converted INTEGER, PRIMARY KEY (period, start_day));"
            "INSERT INTO sessions VALUES ('week', 19723, 2797, 26);"
            "DROP TABLE email_revenue;"
            "CREATE TABLE email_revenue (id INTEGER PRIMARY KEY, start_day INTEGER NOT NULL, end_day INTEGER NOT NULL, "
            "  campaign TEXT, revenue INTEGER NOT NULL, recipients INTEGER, orders INTEGER);"
            "PRAGMA user_version = 1;");
  sqlite3_close (db);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, LC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'variant_sales'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM pragma_table_info ('email_revenue') WHERE name IN ('source_id', 'exponent')"), ==, 2);
  assert_rows (path, SESSIONS_ROWS, "week:2024-01-01:2797:26");
  /* The backup is the store as it was. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (backup, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'variant_sales'"), ==, 0);

  /* The migrated store takes the new reports. */
  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    import_ok (store, "variants.csv", variant_sales_csv, LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT);
    import_ok (store, "klaviyo.csv", klaviyo_csv, LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS);
  }
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM variant_sales"), ==, 3);
}

/* Sessions metrics */

static LcStore *
orders_and_daily_sessions (void)
{
  LcStore *store = lc_test_new_store (NULL);

  import_ok (store, "orders_export.csv", orders_csv, LC_IMPORT_KIND_SHOPIFY_ORDERS);
  import_ok (store, "sessions.csv", daily_sessions_csv, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  return store;
}

static GArray *
series (LcStore  *store,
        LcMetric  metric,
        LcPeriod  period)
{
  g_autoptr(GError) error = NULL;
  GArray *points = lc_store_sessions_series (store, metric, period, LC_DAY_NONE, LC_DAY_NONE, &error);

  g_assert_no_error (error);
  return points;
}

static void
assert_point (GArray   *points,
              guint     index,
              LcDay     start,
              gboolean  has_value,
              double    value,
              gint64    orders,
              gint64    sessions)
{
  const LcSeriesPoint *p = &g_array_index (points, LcSeriesPoint, index);

  g_assert_cmpint (p->start, ==, start);
  g_assert_cmpint (p->has_value, ==, has_value);
  if (has_value)
    g_assert_cmpfloat_with_epsilon (p->value, value, 1e-12);
  g_assert_cmpint (p->orders, ==, orders);
  g_assert_cmpint (p->sessions, ==, sessions);
}

static void
test_conversion_and_rpv_are_exact (void)
{
  g_autoptr(LcStore) store = orders_and_daily_sessions ();
  g_autoptr(GArray) conversion = NULL;
  g_autoptr(GArray) rpv = NULL;
  g_autoptr(GArray) weekly = NULL;
  g_autoptr(GArray) weekly_rpv = NULL;
  g_autoptr(GArray) monthly = NULL;
  g_autoptr(GArray) sessions = NULL;
  LcDay mar4 = lc_day_from_ymd (2024, 3, 4);

  /* By day: every day from the 4th to the 12th; days without sessions and
   * the 12th (after the last order) have no value. Conversion = counted
   * orders / sessions: the cancelled order of the 6th does not count. */
  conversion = series (store, LC_METRIC_CONVERSION, LC_PERIOD_DAY);
  g_assert_cmpuint (conversion->len, ==, 9);
  assert_point (conversion, 0, mar4, TRUE, 2.0 / 200, 2, 200);
  assert_point (conversion, 1, mar4 + 1, TRUE, 1.0 / 100, 1, 100);
  assert_point (conversion, 2, mar4 + 2, TRUE, 0.0, 0, 100);
  assert_point (conversion, 3, mar4 + 3, FALSE, 0, 0, -1);
  assert_point (conversion, 7, mar4 + 7, TRUE, 1.0 / 50, 1, 50);
  assert_point (conversion, 8, mar4 + 8, FALSE, 0, 0, -1);

  /* RPV = order value (subtotals) / sessions, in major units. */
  rpv = series (store, LC_METRIC_RPV, LC_PERIOD_DAY);
  assert_point (rpv, 0, mar4, TRUE, 100.0 / 200, 2, 200);
  assert_point (rpv, 1, mar4 + 1, TRUE, 25.0 / 100, 1, 100);
  assert_point (rpv, 7, mar4 + 7, TRUE, 50.0 / 50, 1, 50);

  /* By week: 4-10 March, 11-17 March (the 12th left out: no orders data). */
  weekly = series (store, LC_METRIC_CONVERSION, LC_PERIOD_WEEK);
  g_assert_cmpuint (weekly->len, ==, 2);
  assert_point (weekly, 0, mar4, TRUE, 3.0 / 400, 3, 400);
  assert_point (weekly, 1, mar4 + 7, TRUE, 1.0 / 50, 1, 50);
  weekly_rpv = series (store, LC_METRIC_RPV, LC_PERIOD_WEEK);
  assert_point (weekly_rpv, 0, mar4, TRUE, 125.0 / 400, 3, 400);

  monthly = series (store, LC_METRIC_CONVERSION, LC_PERIOD_MONTH);
  g_assert_cmpuint (monthly->len, ==, 1);
  assert_point (monthly, 0, lc_day_from_ymd (2024, 3, 1), TRUE, 4.0 / 450, 4, 450);

  /* Sessions themselves need no orders: the 12th counts. */
  sessions = series (store, LC_METRIC_SESSIONS, LC_PERIOD_WEEK);
  assert_point (sessions, 1, mar4 + 7, TRUE, 130, 1, 130);
}

static void
test_weekly_sessions_build_months_not_days (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GArray) monthly = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;
  /* The week of 29 Jan has its Thursday on 1 Feb: it is a February week.
   * The week of 29 Apr has its Thursday on 2 May. */
  const char weekly[] =
    "Week,Sessions\n"
    "2024-01-29,700\n"
    "2024-02-26,800\n"
    "2024-03-25,900\n"
    "2024-04-29,1000\n";

  import_ok (store, "weekly.csv", weekly, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  monthly = series (store, LC_METRIC_SESSIONS, LC_PERIOD_MONTH);
  g_assert_cmpuint (monthly->len, ==, 4);
  assert_point (monthly, 0, lc_day_from_ymd (2024, 2, 1), TRUE, 1500, 0, 1500);
  assert_point (monthly, 1, lc_day_from_ymd (2024, 3, 1), TRUE, 900, 0, 900);
  assert_point (monthly, 2, lc_day_from_ymd (2024, 4, 1), FALSE, 0, 0, -1);
  assert_point (monthly, 3, lc_day_from_ymd (2024, 5, 1), TRUE, 1000, 0, 1000);

  points = lc_store_sessions_series (store, LC_METRIC_CONVERSION, LC_PERIOD_DAY, LC_DAY_NONE, LC_DAY_NONE, &error);
  g_assert_null (points);
  g_assert_error (error, LC_METRICS_ERROR, LC_METRICS_ERROR_SESSIONS_TOO_COARSE);
  g_assert_nonnull (strstr (error->message, "weekly"));
}

static void
test_finest_sessions_win_where_reports_overlap (void)
{
  g_autoptr(LcStore) store = orders_and_daily_sessions ();
  g_autoptr(GArray) weekly = NULL;
  /* A weekly report over the same days must not count them twice. */
  const char overlapping[] =
    "Week,Sessions\n"
    "2024-03-04,9999\n"
    "2024-03-18,70\n";

  import_ok (store, "weekly.csv", overlapping, LC_IMPORT_KIND_SHOPIFY_SESSIONS);
  weekly = series (store, LC_METRIC_SESSIONS, LC_PERIOD_WEEK);
  g_assert_cmpuint (weekly->len, ==, 3);
  assert_point (weekly, 0, lc_day_from_ymd (2024, 3, 4), TRUE, 400, 3, 400);
  assert_point (weekly, 2, lc_day_from_ymd (2024, 3, 18), TRUE, 70, 0, 70);
}

static void
test_email_share_in_the_summary (void)
{
  g_autoptr(LcStore) store = orders_and_daily_sessions ();
  g_autoptr(LcSummary) s = NULL;
  g_autoptr(GError) error = NULL;
  LcEmailShare share;
  /* The last order day is 11 Mar 2024; the 365 days before it start on
   * 13 Mar 2023. The year row covers 1 Jan - 11 Mar of it: 71 of 366 days;
   * the March row 11 of 31 days; the day row all of it. */
  const char klaviyo[] =
    "Date,Group Id,List/Segment,Total Placed Order Value,Campaign Message Channel\n"
    "2024,Y1,Everyone,366.00,Email\n"
    "2024-03,M1,March,31.00,Email\n"
    "2024-03-05,D1,Flash sale,20.00,Email\n"
    "2024-03-05,D2,Flash sale SMS,500.00,SMS\n";

  g_assert_true (lc_store_compute_email_share (store, &share, &error));
  g_assert_no_error (error);
  g_assert_false (share.known);

  import_ok (store, "klaviyo.csv", klaviyo, LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS);
  g_assert_true (lc_store_compute_email_share (store, &share, &error));
  g_assert_no_error (error);
  g_assert_true (share.known);
  g_assert_cmpint (share.from, ==, lc_day_from_ymd (2024, 1, 1));
  g_assert_cmpint (share.to, ==, lc_day_from_ymd (2024, 3, 11));
  /* 71.00 + 11.00 + 20.00 against the counted orders' totals on those days:
   * 45 + 66 + 30 + 50 (the cancelled order left out). */
  g_assert_cmpint (share.revenue, ==, 10200);
  g_assert_cmpint (share.sales, ==, 19100);
  g_assert_cmpfloat_with_epsilon (share.share, 102.0 / 191.0, 1e-12);

  s = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->email_revenue_12m, ==, 10200);
  g_assert_cmpfloat_with_epsilon (s->email_share, 102.0 / 191.0, 1e-12);
  /* Sessions on the days up to the last order: the 12th is after it. */
  g_assert_cmpint (s->sessions_12m, ==, 450);
  g_assert_cmpint (s->sessions_from, ==, lc_day_from_ymd (2024, 3, 4));
  g_assert_cmpint (s->sessions_to, ==, lc_day_from_ymd (2024, 3, 11));
}

/* The command line */

static char *
new_store_path (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();

  return g_build_filename (dir, "shop.liftcheck", NULL);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_cli_series_conversion_and_summary (void)
{
  g_autofree char *store = new_store_path ();
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *orders = lc_test_write_file (dir, "orders_export.csv", orders_csv, -1);
  g_autofree char *sessions = lc_test_write_file (dir, "Sessions over time.csv", daily_sessions_csv, -1);
  g_autofree char *klaviyo = lc_test_write_file (dir, "klaviyo.csv", klaviyo_csv, -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) summary = NULL;
  JsonArray *points;

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, orders, NULL), ==, 0);

  /* No sessions yet: a store problem, said plainly. */
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "series", store, "conversion", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "no sessions data yet"));
  g_assert_nonnull (strstr (err, "“Sessions over time”"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, sessions, klaviyo, NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "series", store, "conversion", "--by", "week", "--csv", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "start,end,conversion,orders,sessions\n"
                   "2024-03-04,2024-03-10,0.0075,3,400\n"
                   "2024-03-11,2024-03-17,0.0200,1,50\n");

  g_assert_cmpint (lc_test_run_cli (&json, NULL, "series", store, "rpv", "--by", "month", "--json", NULL), ==, 0);
  object = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "metric"), ==, "rpv");
  points = json_object_get_array_member (object, "points");
  g_assert_cmpuint (json_array_get_length (points), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_array_get_object_element (points, 0), "value"),
                                  0.39, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (points, 0), "sessions"), ==, 450);

  /* Weekly sessions cannot be shown by day: exit 3 with the reason. */
  {
    g_autofree char *weekly = lc_test_write_file (dir, "weekly.csv", "Week,Sessions\n2024-04-01,10\n", -1);

    g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, weekly, NULL), ==, 0);
    g_assert_cmpint (lc_test_run_cli (NULL, &err, "series", store, "sessions", "--by", "day", NULL), ==, 3);
    g_assert_nonnull (strstr (err, "cannot be split into days"));
  }

  g_clear_pointer (&json, g_free);
  g_assert_cmpint (lc_test_run_cli (&json, NULL, "summary", store, "--json", NULL), ==, 0);
  summary = parse_object (json);
  g_assert_cmpint (json_object_get_int_member (summary, "sessions_12m"), ==, 450);
  /* The Klaviyo fixture's e-mail rows prorated to 1 Jan - 11 Mar 2024:
   * (1500.50 + 250.00) * 71 / 366, and nothing from the March Sale. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "email_revenue_12m"),
                                  round (175050.0 * 71 / 366) / 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "email_share"),
                                  round (175050.0 * 71 / 366) / 19100, 1e-9);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "summary", store, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "450 sessions"));
  g_assert_nonnull (strstr (out, "E-mail revenue:"));
}

/* The real exports in ../shared/data/, read in place. The expected figures
 * were computed independently with Python's csv and decimal modules, e.g.
 * for the variant report:
 *
 *   rows = list (csv.DictReader (open (path, newline='')))
 *   cents = lambda v: int ((Decimal (v) * 100).quantize (1, ROUND_HALF_EVEN))
 *   len (rows), sum (int (r['Net items sold']) for r in rows),
 *   sum (cents (r['Gross sales']) for r in rows), sum (-cents (r['Returns']) for r in rows)
 *
 * and for Klaviyo the same sum over the rows whose "Campaign Message
 * Channel" is "Email"; for the sessions reports the sum of the "Sessions"
 * and "Sessions that completed checkout" columns. */

typedef struct
{
  const char *file;
  const char *kind;          /* NULL: refused */
  gint64      rows;
  const char *check_sql;     /* on the store after the import */
  const char *check_value;
  const char *refusal;       /* a fragment of the refusal */
} SharedReport;

static const SharedReport shared_reports[] = {
  { "shopify/reports/Kumarakuru_shopify-ai-analyst__Total_sales_by_product-24MAR26-24MAR25.csv",
    "shopify-sales-by-product", 272,
    "SELECT COUNT(*) || ':' || SUM(net_items) || ':' || SUM(gross_sales) || ':' || SUM(returns) || ':' || "
    "SUM(discounts) || ':' || SUM(net_sales) || ':' || SUM(returns > 0) FROM variant_sales WHERE report = 'product'",
    "272:11008:16229744:490208:166300:15573236:86", NULL },
  { "shopify/reports/Kumarakuru_shopify-ai-analyst__Total_sales_by_product_variant-24MAR26-24MAR25.csv",
    "shopify-sales-by-variant", 355,
    "SELECT COUNT(*) || ':' || SUM(net_items) || ':' || SUM(gross_sales) || ':' || SUM(returns) || ':' || "
    "SUM(discounts) || ':' || SUM(net_sales) || ':' || SUM(returns > 0) FROM variant_sales WHERE report = 'variant'",
    "355:11008:16229744:490208:166300:15573236:90", NULL },
  { "shopify/reports/Steproac_Monfrere__Shopify_2024_-_Checkout_conversion_rate_over_time.csv",
    "shopify-sessions", 53,
    "SELECT COUNT(*) || ':' || COUNT(sessions) || ':' || SUM(converted) || ':' || "
    "date (MIN(start_day) * 86400, 'unixepoch') || ':' || date (MAX(start_day) * 86400, 'unixepoch') "
    "FROM sessions WHERE period = 'week'",
    "53:0:3096:2024-01-01:2024-12-30", NULL },
  { "shopify/reports/Steproac_Monfrere__Shopify_2024_-_Customer_behavior.csv",
    "shopify-sessions", 53,
    "SELECT COUNT(*) || ':' || COUNT(sessions) || ':' || SUM(converted) FROM sessions WHERE period = 'week'",
    "53:0:3096", NULL },
  { "shopify/reports/Steproac_Monfrere__Shopify_2024_-_New_vs_returning_customers.csv",
    NULL, 0, NULL, NULL, "is not an export Liftcheck can read" },
  { "shopify/reports/Steproac_Monfrere__Shopify_2024_-_Sessions_by_social_referrer.csv",
    NULL, 0, NULL, NULL, "is a breakdown of sessions" },
  { "shopify/reports/Steproac_Monfrere__Shopify_2024_-_Visitors_Over_Time.csv",
    "shopify-sessions", 53,
    "SELECT COUNT(*) || ':' || SUM(sessions) || ':' || COUNT(converted) || ':' || "
    "date (MIN(start_day) * 86400, 'unixepoch') || ':' || date (MAX(start_day) * 86400, 'unixepoch') "
    "FROM sessions WHERE period = 'week'",
    "53:279172:0:2024-01-01:2024-12-30", NULL },
  { "klaviyo/Steproac_Monfrere__Campaign_Sent_Report_2025-12-06.csv",
    "klaviyo-campaigns", 97,
    "SELECT COUNT(*) || ':' || SUM(revenue) || ':' || date (MIN(start_day) * 86400, 'unixepoch') || ':' || "
    "date (MAX(end_day) * 86400, 'unixepoch') FROM email_revenue",
    "77:28885631:2024-01-01:2024-12-31", NULL },
};

static void
test_shared_report (gconstpointer data)
{
  const SharedReport *report = data;
  g_autofree char *path = lc_test_shared_data_path (report->file);
  g_autofree char *store = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) result = NULL;
  JsonObject *file;
  int status;

  if (path == NULL)
    return;
  store = new_store_path ();
  status = lc_test_run_cli (&out, &err, "import", store, path, "--json", NULL);

  if (report->kind == NULL)
    {
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, report->refusal));
      /* Refused into a new store: no store file is left behind. */
      g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
      return;
    }

  if (status != 0)
    g_test_message ("liftcheck-cli import %s failed:\n%s", report->file, err);
  g_assert_cmpint (status, ==, 0);
  result = parse_object (out);
  file = json_array_get_object_element (json_object_get_array_member (result, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "kind"), ==, report->kind);
  g_assert_cmpint (json_object_get_int_member (file, "rows"), ==, report->rows);
  assert_rows (store, report->check_sql, report->check_value);

  /* Importing it again changes no figure. */
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, path, NULL), ==, 0);
  assert_rows (store, report->check_sql, report->check_value);
}

static void
test_shared_sessions_series (void)
{
  g_autofree char *visitors = lc_test_shared_data_path ("shopify/reports/Steproac_Monfrere__Shopify_2024_-_Visitors_Over_Time.csv");
  g_autofree char *behaviour = NULL;
  g_autofree char *store = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  if (visitors == NULL)
    return;
  behaviour = lc_test_shared_data_path ("shopify/reports/Steproac_Monfrere__Shopify_2024_-_Customer_behavior.csv");
  store = new_store_path ();
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, behaviour, visitors, NULL), ==, 0);
  /* Totals from one report, completed checkouts from the other. */
  assert_rows (store, "SELECT COUNT(*) || ':' || SUM(sessions) || ':' || SUM(converted) FROM sessions", "53:279172:3096");
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "series", store, "sessions", "--by", "week", "--csv", NULL), ==, 0);
  /* A header and one line a week. */
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 53 + 1);
  g_assert_true (g_str_has_prefix (out, "start,end,sessions,orders\n2024-01-01,2024-01-07,2797,0\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/reports/daily-sessions-are-stored", test_daily_sessions_are_stored);
  g_test_add_func ("/lc/reports/weekly-and-monthly-sessions-are-stored", test_weekly_and_monthly_sessions_are_stored);
  g_test_add_func ("/lc/reports/comparison-columns-are-not-the-current-ones", test_comparison_columns_are_not_the_current_ones);
  g_test_add_func ("/lc/reports/checkout-report-adds-completed-checkouts", test_checkout_report_adds_completed_checkouts);
  g_test_add_func ("/lc/reports/reimport-upserts-sessions", test_reimport_upserts_sessions);
  g_test_add_func ("/lc/reports/sessions-breakdown-is-refused", test_sessions_breakdown_is_refused);
  g_test_add_func ("/lc/reports/klaviyo-keeps-email-revenue-over-its-dates", test_klaviyo_keeps_email_revenue_over_its_dates);
  g_test_add_func ("/lc/reports/sales-by-variant-keeps-returns-per-sku", test_sales_by_variant_keeps_returns_per_sku);
  g_test_add_func ("/lc/reports/sales-follow-the-store-currency", test_sales_follow_the_store_currency);
  g_test_add_func ("/lc/reports/bad-input-is-named-and-changes-nothing", test_bad_input_is_named_and_changes_nothing);
  g_test_add_func ("/lc/reports/v1-store-migrates-to-v2", test_v1_store_migrates_to_v2);
  g_test_add_func ("/lc/reports/conversion-and-rpv-are-exact", test_conversion_and_rpv_are_exact);
  g_test_add_func ("/lc/reports/weekly-sessions-build-months-not-days", test_weekly_sessions_build_months_not_days);
  g_test_add_func ("/lc/reports/finest-sessions-win-where-reports-overlap", test_finest_sessions_win_where_reports_overlap);
  g_test_add_func ("/lc/reports/email-share-in-the-summary", test_email_share_in_the_summary);
  g_test_add_func ("/lc/reports/cli-series-conversion-and-summary", test_cli_series_conversion_and_summary);
  for (guint i = 0; i < G_N_ELEMENTS (shared_reports); i++)
    {
      g_autofree char *base = g_path_get_basename (shared_reports[i].file);
      g_autofree char *name = g_strdup_printf ("/lc/reports/shared/%s", base);

      g_test_add_data_func (name, &shared_reports[i], test_shared_report);
    }
  g_test_add_func ("/lc/reports/shared/sessions-series", test_shared_sessions_series);

  return g_test_run ();
}
