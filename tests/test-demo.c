/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-demo"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lc-csv.h"
#include "lc-demo.h"
#include "lc-metrics.h"
#include "lc-money.h"
#include "lc-test-util.h"

/* Written by hand from Shopify's 79-column "Export orders" header. */
static const char * const shopify_columns[] = {
  "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status",
  "Fulfilled at", "Accepts Marketing", "Currency", "Subtotal", "Shipping",
  "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
  "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price",
  "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
  "Lineitem taxable", "Lineitem fulfillment status", "Billing Name",
  "Billing Street", "Billing Address1", "Billing Address2", "Billing Company",
  "Billing City", "Billing Zip", "Billing Province", "Billing Country",
  "Billing Phone", "Shipping Name", "Shipping Street", "Shipping Address1",
  "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
  "Shipping Province", "Shipping Country", "Shipping Phone", "Notes",
  "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference",
  "Refunded Amount", "Vendor", "Outstanding Balance", "Employee", "Location",
  "Device ID", "Id", "Tags", "Risk Level", "Source", "Lineitem discount",
  "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name",
  "Tax 3 Value", "Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value",
  "Phone", "Receipt Number", "Duties", "Billing Province Name",
  "Shipping Province Name", "Payment ID", "Payment Terms Name",
  "Next Payment Due At", "Payment References",
};

/* Small enough that every test runs in a moment. */
static void
small_options (LcDemoOptions *options,
               guint          seed)
{
  lc_demo_options_init (options);
  options->seed = seed;
  options->orders_per_day = 20;
  options->years = 2;
}

static void
write_demo (const LcDemoOptions  *options,
            const char           *dir,
            const char           *stem,
            char                **out_csv,
            char                **out_truth)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_name = g_strconcat (stem, ".csv", NULL);
  g_autofree char *truth_name = g_strconcat (stem, ".json", NULL);
  char *csv = g_build_filename (dir, csv_name, NULL);
  char *truth = g_build_filename (dir, truth_name, NULL);

  g_assert_true (lc_demo_write_csv (options, csv, truth, NULL, &error));
  g_assert_no_error (error);
  *out_csv = csv;
  *out_truth = truth;
}

static JsonObject *
load_truth (const char *path,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
truth_feature (JsonObject *truth,
               const char *id)
{
  JsonArray *features = json_object_get_array_member (truth, "features");

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);

      if (g_str_equal (json_object_get_string_member (feature, "feature"), id))
        return feature;
    }
  g_assert_not_reached ();
}

static LcDay
truth_day (JsonObject *object,
           const char *member)
{
  g_autoptr(GError) error = NULL;
  LcDay day = 0;

  g_assert_true (lc_day_parse (json_object_get_string_member (object, member), &day, &error));
  g_assert_no_error (error);
  return day;
}

static gint64
parse_money (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  g_assert_true (lc_money_parse (text, 2, &minor, &error));
  g_assert_no_error (error);
  return minor;
}

static void
test_same_seed_same_bytes (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv_a = NULL, *truth_a = NULL, *csv_b = NULL, *truth_b = NULL;
  g_autofree char *sum_a = NULL, *sum_b = NULL, *truth_sum_a = NULL, *truth_sum_b = NULL;
  LcDemoOptions options;

  small_options (&options, 7);
  write_demo (&options, dir, "a", &csv_a, &truth_a);
  write_demo (&options, dir, "b", &csv_b, &truth_b);

  sum_a = lc_test_file_checksum (csv_a);
  sum_b = lc_test_file_checksum (csv_b);
  g_assert_nonnull (sum_a);
  g_assert_cmpstr (sum_a, ==, sum_b);

  truth_sum_a = lc_test_file_checksum (truth_a);
  truth_sum_b = lc_test_file_checksum (truth_b);
  g_assert_cmpstr (truth_sum_a, ==, truth_sum_b);
}

static void
test_different_seed_different_bytes (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv_a = NULL, *truth_a = NULL, *csv_b = NULL, *truth_b = NULL;
  g_autofree char *sum_a = NULL, *sum_b = NULL;
  LcDemoOptions options;

  small_options (&options, 7);
  write_demo (&options, dir, "a", &csv_a, &truth_a);
  options.seed = 8;
  write_demo (&options, dir, "b", &csv_b, &truth_b);

  sum_a = lc_test_file_checksum (csv_a);
  sum_b = lc_test_file_checksum (csv_b);
  g_assert_cmpstr (sum_a, !=, sum_b);
}

static void
test_header_is_shopify_79_columns (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = NULL, *truth = NULL, *contents = NULL, *expected = NULL, *first_line = NULL;
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;
  const char *newline;

  G_STATIC_ASSERT (G_N_ELEMENTS (shopify_columns) == 79);

  small_options (&options, 1);
  options.years = 0.1;
  write_demo (&options, dir, "header", &csv, &truth);

  g_assert_true (g_file_get_contents (csv, &contents, NULL, &error));
  g_assert_no_error (error);
  newline = strchr (contents, '\n');
  g_assert_nonnull (newline);
  expected = g_strjoinv (",", (char **) shopify_columns);
  first_line = g_strndup (contents, newline - contents);
  g_assert_cmpstr (first_line, ==, expected);
  /* No BOM, no carriage returns: LF line endings like Shopify's. */
  g_assert_cmpint ((guchar) contents[0], ==, 'N');
  g_assert_null (strchr (contents, '\r'));

  reader = lc_csv_reader_new_for_path (csv, &error);
  g_assert_no_error (error);
  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lc_csv_reader_get_n_columns (reader), ==, 79);
  for (guint i = 0; i < 79; i++)
    g_assert_cmpstr (lc_csv_reader_get_column_name (reader, i), ==, shopify_columns[i]);
}

static void
test_truth_names_features_and_days (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = NULL, *truth_path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *truth, *homepage, *bundles, *nudges, *offtest, *span;
  JsonArray *spans, *peaks;
  LcDemoOptions options;
  LcDay first_day, last_day, homepage_on, bundles_on, nudges_on, off_from, off_to;
  gboolean peak_2025 = FALSE;

  small_options (&options, 1);
  write_demo (&options, dir, "truth", &csv, &truth_path);
  truth = load_truth (truth_path, parser);

  first_day = truth_day (truth, "first_day");
  last_day = truth_day (truth, "last_day");
  g_assert_cmpint (last_day, ==, lc_day_from_ymd (2026, 10, 31));
  g_assert_cmpint (last_day - first_day + 1, ==, 730);
  g_assert_cmpstr (json_object_get_string_member (truth, "currency"), ==, "USD");

  homepage = truth_feature (truth, "homepage-recs");
  bundles = truth_feature (truth, "cart-bundles");
  nudges = truth_feature (truth, "return-nudges");
  homepage_on = truth_day (homepage, "switched_on");
  bundles_on = truth_day (bundles, "switched_on");
  nudges_on = truth_day (nudges, "switched_on");
  offtest = json_object_get_object_member (truth, "offtest");
  off_from = truth_day (offtest, "from");
  off_to = truth_day (offtest, "to");

  /* In order, with a clean 60-day window on each side of every switch. */
  g_assert_cmpint (bundles_on - homepage_on, >, 60);
  g_assert_cmpint (nudges_on - bundles_on, >, 60);
  g_assert_cmpint (off_from - nudges_on, >, 60);
  g_assert_cmpint (off_to - off_from + 1, ==, 14);
  g_assert_cmpint (off_to, <, last_day);
  /* The same windows a year earlier are in the data. */
  g_assert_cmpint (homepage_on - 60 - 365, >=, first_day);

  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (bundles, "upt_lift"), 0.15, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (bundles, "upt_lift_relative"), >, 0.05);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (nudges, "return_probability_factor"), 0.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (homepage, "aov_lift"), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (offtest, "revenue_change"), 0.0, 1e-9);

  /* The carousel's two spans leave exactly the off-test out. */
  spans = json_object_get_array_member (homepage, "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 2);
  span = json_array_get_object_element (spans, 0);
  g_assert_cmpint (truth_day (span, "on"), ==, homepage_on);
  g_assert_cmpint (truth_day (span, "off"), ==, off_from);
  span = json_array_get_object_element (spans, 1);
  g_assert_cmpint (truth_day (span, "on"), ==, off_to + 1);
  g_assert_true (json_object_get_null_member (span, "off"));

  /* Black Friday 2025 is 28 November; the peak runs to Christmas Eve. */
  peaks = json_object_get_array_member (truth, "peak_seasons");
  for (guint i = 0; i < json_array_get_length (peaks); i++)
    {
      JsonObject *peak = json_array_get_object_element (peaks, i);

      if (truth_day (peak, "start") == lc_day_from_ymd (2025, 11, 28))
        {
          g_assert_cmpint (truth_day (peak, "end"), ==, lc_day_from_ymd (2025, 12, 24));
          peak_2025 = TRUE;
        }
    }
  g_assert_true (peak_2025);
}

typedef struct
{
  gint64   subtotal;
  gint64   shipping;
  gint64   taxes;
  gint64   total;
  gint64   discount;
  gint64   refunded;
  gint64   lines;      /* sum of price * quantity, tips left out */
  gint64   tips;
  gboolean counted;
  gboolean has_apparel;
  gboolean bracketed;
  GPtrArray *sized;    /* title, size, title, size... of sized lines */
} OrderSums;

static gboolean
is_apparel_sku (const char *sku)
{
  static const char * const prefixes[] = { "TOP-", "DRS-", "PNT-", "SKT-", "JKT-" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (sku, prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
order_sums_check (OrderSums *order,
                  const char *name)
{
  if (order->sized == NULL)
    return;
  if (order->subtotal != order->lines - order->discount
      || order->total != order->subtotal + order->shipping + order->taxes + order->tips)
    g_error ("Order %s: subtotal %" G_GINT64_FORMAT ", lines %" G_GINT64_FORMAT
             ", discount %" G_GINT64_FORMAT ", total %" G_GINT64_FORMAT,
             name, order->subtotal, order->lines, order->discount, order->total);
}

typedef struct
{
  gint64 orders;
  gint64 rows;
  gint64 apparel_orders;
  gint64 bracketed;
  gint64 bracketed_returned;
  gint64 other_apparel;
  gint64 other_apparel_returned;
} CsvFacts;

static void
order_sums_count (OrderSums *order,
                  CsvFacts  *facts)
{
  if (order->sized == NULL || !order->counted || !order->has_apparel)
    return;
  facts->apparel_orders++;
  if (order->bracketed)
    {
      facts->bracketed++;
      facts->bracketed_returned += order->refunded > 0;
    }
  else
    {
      facts->other_apparel++;
      facts->other_apparel_returned += order->refunded > 0;
    }
}

/* Reads the demo CSV with the core reader, checking every order's sums. */
static void
read_demo_csv (const char *path,
               CsvFacts   *facts)
{
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  OrderSums order = { 0, };
  int c_name, c_status, c_subtotal, c_shipping, c_taxes, c_total, c_discount;
  int c_refunded, c_cancelled, c_quantity, c_line_name, c_price, c_sku, c_created;
  gint64 previous_utc = G_MAXINT64;

  memset (facts, 0, sizeof *facts);
  reader = lc_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  g_assert_no_error (error);

  c_name = lc_csv_reader_find_column (reader, "Name");
  c_status = lc_csv_reader_find_column (reader, "Financial Status");
  c_subtotal = lc_csv_reader_find_column (reader, "Subtotal");
  c_shipping = lc_csv_reader_find_column (reader, "Shipping");
  c_taxes = lc_csv_reader_find_column (reader, "Taxes");
  c_total = lc_csv_reader_find_column (reader, "Total");
  c_discount = lc_csv_reader_find_column (reader, "Discount Amount");
  c_refunded = lc_csv_reader_find_column (reader, "Refunded Amount");
  c_cancelled = lc_csv_reader_find_column (reader, "Cancelled at");
  c_quantity = lc_csv_reader_find_column (reader, "Lineitem quantity");
  c_line_name = lc_csv_reader_find_column (reader, "Lineitem name");
  c_price = lc_csv_reader_find_column (reader, "Lineitem price");
  c_sku = lc_csv_reader_find_column (reader, "Lineitem sku");
  c_created = lc_csv_reader_find_column (reader, "Created at");
  g_assert_cmpint (MIN (MIN (c_name, c_status), c_created), >=, 0);

  while (lc_csv_reader_next (reader, NULL, &error))
    {
      const char *name = lc_csv_reader_get_field (reader, c_name);
      const char *status = lc_csv_reader_get_field (reader, c_status);
      const char *line_name = lc_csv_reader_get_field (reader, c_line_name);
      gint64 price = parse_money (lc_csv_reader_get_field (reader, c_price));
      gint64 quantity = g_ascii_strtoll (lc_csv_reader_get_field (reader, c_quantity), NULL, 10);
      const char *size;

      facts->rows++;
      if (status[0] != '\0')
        {
          LcTimestamp created;

          /* A new order: its first row carries the order-level columns. */
          g_assert_cmpstr (name, !=, current);
          order_sums_check (&order, current);
          order_sums_count (&order, facts);
          g_clear_pointer (&order.sized, g_ptr_array_unref);
          memset (&order, 0, sizeof order);
          g_free (current);
          current = g_strdup (name);
          facts->orders++;

          order.subtotal = parse_money (lc_csv_reader_get_field (reader, c_subtotal));
          order.shipping = parse_money (lc_csv_reader_get_field (reader, c_shipping));
          order.taxes = parse_money (lc_csv_reader_get_field (reader, c_taxes));
          order.total = parse_money (lc_csv_reader_get_field (reader, c_total));
          order.discount = parse_money (lc_csv_reader_get_field (reader, c_discount));
          order.refunded = parse_money (lc_csv_reader_get_field (reader, c_refunded));
          order.counted = lc_csv_reader_get_field (reader, c_cancelled)[0] == '\0'
                          && !g_str_equal (status, "voided");
          order.sized = g_ptr_array_new_with_free_func (g_free);

          /* Newest first. */
          g_assert_true (lc_timestamp_parse (lc_csv_reader_get_field (reader, c_created), &created, &error));
          g_assert_no_error (error);
          g_assert_true (created.has_offset);
          g_assert_true (created.offset == -4 * 3600 || created.offset == -5 * 3600);
          g_assert_cmpint (created.utc, <=, previous_utc);
          previous_utc = created.utc;
        }
      else
        {
          /* Continuation rows repeat the name and leave the totals empty. */
          g_assert_cmpstr (name, ==, current);
          g_assert_cmpstr (lc_csv_reader_get_field (reader, c_total), ==, "");
        }

      if (g_str_equal (line_name, "Tip") && lc_csv_reader_get_field (reader, c_sku)[0] == '\0')
        {
          order.tips += price * quantity;
          continue;
        }
      order.lines += price * quantity;

      if (is_apparel_sku (lc_csv_reader_get_field (reader, c_sku)))
        order.has_apparel = TRUE;

      /* "Title - Colour / M": the same title in another size is bracketing. */
      size = strstr (line_name, " / ");
      if (size != NULL)
        {
          const char *dash = strstr (line_name, " - ");
          char *title = g_strndup (line_name, dash - line_name);

          for (guint i = 0; i < order.sized->len; i += 2)
            if (g_str_equal (g_ptr_array_index (order.sized, i), title)
                && !g_str_equal (g_ptr_array_index (order.sized, i + 1), size))
              order.bracketed = TRUE;
          g_ptr_array_add (order.sized, title);
          g_ptr_array_add (order.sized, g_strdup (size));
        }
    }
  g_assert_no_error (error);
  order_sums_check (&order, current);
  order_sums_count (&order, facts);
  g_clear_pointer (&order.sized, g_ptr_array_unref);
}

static void
test_order_sums_are_consistent (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = NULL, *truth_path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *truth;
  LcDemoOptions options;
  CsvFacts facts;

  small_options (&options, 3);
  write_demo (&options, dir, "sums", &csv, &truth_path);
  read_demo_csv (csv, &facts);

  truth = load_truth (truth_path, parser);
  g_assert_cmpint (facts.orders, ==, json_object_get_int_member (truth, "orders"));
  g_assert_cmpint (facts.rows, ==, json_object_get_int_member (truth, "rows"));
  /* About 20 orders a day over two years. */
  g_assert_cmpint (facts.orders, >, 20 * 730 * 0.8);
  g_assert_cmpint (facts.orders, <, 20 * 730 * 1.25);
}

static void
test_bracketed_orders_return_more (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = NULL, *truth = NULL;
  LcDemoOptions options;
  CsvFacts facts;
  double share, bracketed_rate, other_rate;

  small_options (&options, 5);
  write_demo (&options, dir, "bracketing", &csv, &truth);
  read_demo_csv (csv, &facts);

  /* About 6% of apparel orders hold one product in two sizes. */
  share = (double) facts.bracketed / facts.apparel_orders;
  g_assert_cmpfloat (share, >, 0.04);
  g_assert_cmpfloat (share, <, 0.08);

  bracketed_rate = (double) facts.bracketed_returned / facts.bracketed;
  other_rate = (double) facts.other_apparel_returned / facts.other_apparel;
  g_test_message ("bracketed orders returned %.3f, other apparel orders %.3f", bracketed_rate, other_rate);
  g_assert_cmpfloat (bracketed_rate, >, 2.5 * other_rate);
}

static void
test_bad_options_are_refused (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;

  small_options (&options, 1);
  options.orders_per_day = 0;
  g_assert_false (lc_demo_write_csv (&options, csv, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  small_options (&options, 1);
  options.years = -1;
  g_assert_false (lc_demo_write_csv (&options, csv, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_cancelled_write_leaves_no_file (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "cancelled.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;

  small_options (&options, 1);
  g_cancellable_cancel (cancellable);
  g_assert_false (lc_demo_write_csv (&options, csv, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Not even a temporary file stays behind. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
}

typedef struct
{
  double   last;
  guint    calls;
  gboolean backwards;
} ProgressLog;

static void
log_progress (double   fraction,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  if (fraction < log->last)
    log->backwards = TRUE;
  log->last = fraction;
  log->calls++;
}

typedef struct
{
  gint64 orders;
  gint64 units;
  gint64 total;
  gint64 refunded;
} Window;

static Window
sum_window (LcStore *store,
            LcDay    from,
            LcDay    to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = lc_store_daily_totals (store, from, to, &error);
  Window window = { 0, };

  g_assert_no_error (error);
  for (guint i = 0; i < days->len; i++)
    {
      const LcDayTotals *day = &g_array_index (days, LcDayTotals, i);

      g_assert_cmpint (day->day, >=, from);
      g_assert_cmpint (day->day, <=, to);
      window.orders += day->orders;
      window.units += day->units;
      window.total += day->total;
      window.refunded += day->refunded;
    }
  g_assert_cmpint (window.orders, >, 0);
  return window;
}

static void
test_store_holds_planted_effects (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store_path = g_build_filename (dir, "demo.liftcheck", NULL);
  g_autofree char *truth_path = g_build_filename (dir, "truth.json", NULL);
  g_autofree char *seed = NULL;
  g_autofree char *leftover = g_build_filename (dir, "orders_export_1.csv", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog progress = { 0, };
  JsonObject *truth, *offtest;
  LcDemoOptions options;
  LcDay bundles_on, nudges_on, homepage_on;
  Window before, after;
  double upt_lift, return_before, return_after;
  guint homepage_spans = 0;

  /* At 20 orders a day a 60-day window holds about a hundred returns, too
   * few to see a 30% cut through the noise; 60 a day still imports in a
   * moment. */
  small_options (&options, 1);
  options.orders_per_day = 60;
  g_assert_true (lc_demo_create_store (&options, store_path, NULL, truth_path,
                                       log_progress, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_false (progress.backwards);
  g_assert_cmpfloat (progress.last, ==, 1.0);

  truth = load_truth (truth_path, parser);
  homepage_on = truth_day (truth_feature (truth, "homepage-recs"), "switched_on");
  bundles_on = truth_day (truth_feature (truth, "cart-bundles"), "switched_on");
  nudges_on = truth_day (truth_feature (truth, "return-nudges"), "switched_on");
  offtest = json_object_get_object_member (truth, "offtest");

  store = lc_store_open (store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* The real importer read every order the generator wrote. */
  g_assert_cmpint (lc_store_count_orders (store), ==, json_object_get_int_member (truth, "orders"));
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->currency, ==, "USD");
  g_assert_cmpint (summary->orders, ==,
                   json_object_get_int_member (json_object_get_object_member (truth, "summary"), "counted_orders"));
  g_assert_cmpint (summary->first_day, ==, truth_day (truth, "first_day"));
  g_assert_cmpint (summary->last_day, ==, truth_day (truth, "last_day"));
  g_assert_cmpfloat (summary->upt, >, 1.3);
  g_assert_cmpfloat (summary->aov, >, 55);
  g_assert_cmpfloat (summary->aov, <, 90);

  /* Bundles: about 0.15 more units per order in the 60 days after. */
  before = sum_window (store, bundles_on - 60, bundles_on - 1);
  after = sum_window (store, bundles_on, bundles_on + 59);
  upt_lift = (double) after.units / after.orders - (double) before.units / before.orders;
  g_test_message ("UPT lift after cart-bundles: %.3f", upt_lift);
  g_assert_cmpfloat (upt_lift, >, 0.07);
  g_assert_cmpfloat (upt_lift, <, 0.23);

  /* The carousel moves nothing. */
  before = sum_window (store, homepage_on - 60, homepage_on - 1);
  after = sum_window (store, homepage_on, homepage_on + 59);
  upt_lift = (double) after.units / after.orders - (double) before.units / before.orders;
  g_assert_cmpfloat (ABS (upt_lift), <, 0.07);

  /* Nudges: refunds fall by about 30%. */
  before = sum_window (store, nudges_on - 60, nudges_on - 1);
  after = sum_window (store, nudges_on, nudges_on + 59);
  return_before = (double) before.refunded / before.total;
  return_after = (double) after.refunded / after.total;
  g_test_message ("return rate before nudges %.3f, after %.3f", return_before, return_after);
  g_assert_cmpfloat (return_after, <, 0.85 * return_before);
  g_assert_cmpfloat (return_after, >, 0.4 * return_before);

  /* Its products export came in too: every variant sold has a product
   * type, so bundles can be read by category. */
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db,
                                         "SELECT COUNT(DISTINCT product_type), "
                                         "(SELECT COUNT(DISTINCT li.sku) FROM line_items li "
                                         " WHERE li.is_tip = 0 AND li.sku NOT IN (SELECT sku FROM products)) "
                                         "FROM products", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 10);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* The timeline, with the off-test as a gap between two carousel spans. */
  spans = lc_store_list_feature_spans (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 4);
  for (guint i = 0; i < spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (spans, i);

      if (g_str_equal (span->feature, "homepage-recs"))
        {
          g_assert_cmpint (span->monthly_cost, ==, 49900);
          if (homepage_spans++ == 0)
            {
              g_assert_cmpint (span->on_day, ==, homepage_on);
              g_assert_cmpint (span->off_day, ==, truth_day (offtest, "from"));
            }
          else
            {
              g_assert_cmpint (span->on_day, ==, truth_day (offtest, "to") + 1);
              g_assert_cmpint (span->off_day, ==, LC_DAY_NONE);
            }
        }
      else if (g_str_equal (span->feature, "cart-bundles"))
        {
          g_assert_cmpint (span->on_day, ==, bundles_on);
          g_assert_cmpint (span->off_day, ==, LC_DAY_NONE);
          g_assert_cmpint (span->monthly_cost, ==, 9900);
        }
      else
        {
          g_assert_cmpstr (span->feature, ==, "return-nudges");
          g_assert_cmpint (span->on_day, ==, nudges_on);
          g_assert_cmpint (span->monthly_cost, ==, 14900);
        }
    }
  g_assert_cmpuint (homepage_spans, ==, 2);

  seed = lc_store_dup_setting (store, "demo_seed");
  g_assert_cmpstr (seed, ==, "1");

  /* No temporary export is left behind next to the store. */
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
}

static void
test_refilling_store_keeps_one_timeline (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store_path = g_build_filename (dir, "demo.liftcheck", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "orders_export_1.csv", NULL);
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;
  gint64 orders;

  small_options (&options, 2);
  options.years = 1;
  g_assert_true (lc_demo_create_store (&options, store_path, csv_path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* A CSV path that was asked for is kept. */
  g_assert_true (g_file_test (csv_path, G_FILE_TEST_EXISTS));

  store = lc_store_open (store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  orders = lc_store_count_orders (store);
  g_clear_object (&store);

  g_assert_true (lc_demo_create_store (&options, store_path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  store = lc_store_open (store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_store_count_orders (store), ==, orders);
  spans = lc_store_list_feature_spans (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/demo/same-seed-same-bytes", test_same_seed_same_bytes);
  g_test_add_func ("/lc/demo/different-seed-different-bytes", test_different_seed_different_bytes);
  g_test_add_func ("/lc/demo/header-is-shopify-79-columns", test_header_is_shopify_79_columns);
  g_test_add_func ("/lc/demo/truth-names-features-and-days", test_truth_names_features_and_days);
  g_test_add_func ("/lc/demo/order-sums-are-consistent", test_order_sums_are_consistent);
  g_test_add_func ("/lc/demo/bracketed-orders-return-more", test_bracketed_orders_return_more);
  g_test_add_func ("/lc/demo/bad-options-are-refused", test_bad_options_are_refused);
  g_test_add_func ("/lc/demo/cancelled-write-leaves-no-file", test_cancelled_write_leaves_no_file);
  g_test_add_func ("/lc/demo/store-holds-planted-effects", test_store_holds_planted_effects);
  g_test_add_func ("/lc/demo/refilling-store-keeps-one-timeline", test_refilling_store_keeps_one_timeline);

  return g_test_run ();
}
