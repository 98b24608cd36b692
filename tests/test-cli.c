/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lc-test-util.h"

static const char orders_csv[] =
  "Name,Email,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,"
  "Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Cancelled at,Refunded Amount,Id\n"
  "#1003,a@example.com,paid,GBP,30.00,0,0,30.00,0,2024-06-03 10:00:00 +0100,1,Mug,30.00,MUG,,0,3\n"
  "#1002,b@example.com,refunded,GBP,50.00,0,0,50.00,0,2024-05-28 10:00:00 +0100,2,Plate,25.00,PLT,,50.00,2\n"
  "#1001,c@example.com,paid,GBP,20.00,4.00,0,24.00,0,2024-05-27 09:00:00 +0100,1,Spoon,20.00,SPN,,0,1\n";

static char *
fixture (const char *dir)
{
  return lc_test_write_file (dir, "orders_export.csv", orders_csv, -1);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_usage_errors_exit_1 (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, NULL, NULL), ==, 1);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "frobnicate", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "import", "only-a-store.liftcheck", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "series", "x.liftcheck", "clicks", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "clicks"));
  g_assert_nonnull (strstr (err, "upt"));
}

static void
test_summary_json_has_the_contract_keys (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = fixture (dir);
  g_autofree char *store = g_build_filename (dir, "shop.liftcheck", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) summary = NULL;
  const char *keys[] = { "currency", "first_day", "last_day", "orders", "aov", "upt", "return_rate",
                         "revenue_12m", "revenue_12m_usd", "active_skus_12m", "orders_per_month",
                         "months_of_returns", "tier" };

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, csv, NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "summary", store, "--json", NULL), ==, 0);
  summary = parse_object (out);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!json_object_has_member (summary, keys[i]))
      g_error ("summary --json lacks “%s”", keys[i]);

  g_assert_cmpstr (json_object_get_string_member (summary, "currency"), ==, "GBP");
  g_assert_cmpstr (json_object_get_string_member (summary, "first_day"), ==, "2024-05-27");
  g_assert_cmpstr (json_object_get_string_member (summary, "last_day"), ==, "2024-06-03");
  g_assert_cmpint (json_object_get_int_member (summary, "orders"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "aov"), 100.0 / 3, 0.005);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "upt"), 4.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "return_rate"), 50.0 / 104, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "revenue_12m"), 54.0, 1e-9);
  /* GBP is converted at an estimated rate until the owner confirms one. */
  g_assert_cmpstr (json_object_get_string_member (summary, "usd_rate_source"), ==, "estimate");
  g_assert_cmpstr (json_object_get_string_member (summary, "tier"), ==, "under-2m");
}

static void
test_series_by_week_as_csv_and_json (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = fixture (dir);
  g_autofree char *store = g_build_filename (dir, "shop.liftcheck", NULL);
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) series = NULL;
  JsonArray *points;

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, csv, NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "series", store, "upt", "--by", "week", "--csv", NULL), ==, 0);
  /* 27 and 28 May are one ISO week; 3 June starts the next. */
  g_assert_cmpstr (out, ==,
                   "start,end,upt,orders\n"
                   "2024-05-27,2024-06-02,1.5000,2\n"
                   "2024-06-03,2024-06-09,1.0000,1\n");

  g_assert_cmpint (lc_test_run_cli (&json, NULL, "series", store, "return-rate", "--by", "month", "--json", NULL), ==, 0);
  series = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (series, "metric"), ==, "return-rate");
  points = json_object_get_array_member (series, "points");
  g_assert_cmpuint (json_array_get_length (points), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_array_get_object_element (points, 0), "value"),
                                  50.0 / 74, 1e-9);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (points, 1), "immature"));
}

static void
test_bad_file_exits_2_and_changes_nothing (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = fixture (dir);
  g_autofree char *store = g_build_filename (dir, "shop.liftcheck", NULL);
  g_autofree char *png = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  const char png_bytes[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, csv, NULL), ==, 0);
  png = lc_test_write_file (dir, "photo.csv", png_bytes, sizeof png_bytes - 1);
  before = lc_test_file_checksum (store);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "import", store, png, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "photo.csv"));
  after = lc_test_file_checksum (store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_failed_import_into_new_store_leaves_no_file (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store = g_build_filename (dir, "new.liftcheck", NULL);
  g_autofree char *empty = lc_test_write_file (dir, "orders_export.csv", "", 0);
  g_autofree char *err = NULL;

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "import", store, empty, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "orders_export.csv"));
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
}

static void
test_store_problems_exit_3 (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = fixture (dir);
  g_autofree char *not_store = lc_test_write_file (dir, "notes.liftcheck", "just some notes\n", -1);
  g_autofree char *before = lc_test_file_checksum (not_store);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ro_err = NULL;
  g_autofree char *ro_dir = NULL;
  g_autofree char *ro_store = NULL;

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "import", not_store, csv, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "notes.liftcheck"));
  g_assert_nonnull (strstr (err, "not a Liftcheck store"));
  after = lc_test_file_checksum (not_store);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "summary", "/nonexistent/shop.liftcheck", NULL), ==, 3);

  if (geteuid () == 0)
    ro_store = g_strdup ("/proc/liftcheck-cli-test.liftcheck");
  else
    {
      ro_dir = lc_test_make_tmpdir ();
      g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
      ro_store = g_build_filename (ro_dir, "shop.liftcheck", NULL);
    }
  g_assert_cmpint (lc_test_run_cli (NULL, &ro_err, "import", ro_store, csv, NULL), ==, 3);
  g_assert_nonnull (strstr (ro_err, "cannot be written"));
  if (ro_dir != NULL)
    g_chmod (ro_dir, 0755);
}

static void
test_demo_store_is_created_with_its_truth (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store = g_build_filename (dir, "demo.liftcheck", NULL);
  g_autofree char *truth = g_build_filename (dir, "truth.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *truth_text = NULL;
  g_autoptr(JsonObject) summary = NULL;

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "demo", store, "--orders-per-day", "15", "--years", "1",
                                    "--truth", truth, NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "summary", store, "--json", NULL), ==, 0);
  summary = parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (summary, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (summary, "last_day"), ==, "2026-10-31");
  g_assert_cmpint (json_object_get_int_member (summary, "orders"), >, 15 * 365 / 2);
  g_assert_true (g_file_get_contents (truth, &truth_text, NULL, NULL));
  g_assert_nonnull (strstr (truth_text, "cart-bundles"));

  /* The demo never overwrites a store. */
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "demo", store, NULL), ==, 3);
}

static void
test_feature_switches_are_recorded (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = fixture (dir);
  g_autofree char *store = g_build_filename (dir, "shop.liftcheck", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) timeline = NULL;
  JsonObject *span;
  JsonArray *features;

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, csv, NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "feature", store, "cart-bundles", "--on", "2024-05-28",
                                    "--monthly-cost", "99", NULL), ==, 0);
  /* Later the owner adds the day it was switched off. */
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "feature", store, "cart-bundles", "--on", "2024-05-28",
                                    "--off", "2024-06-02", NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "feature", store, "--json", NULL), ==, 0);
  timeline = parse_object (out);
  features = json_object_get_array_member (timeline, "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 1);
  span = json_array_get_object_element (features, 0);
  g_assert_cmpstr (json_object_get_string_member (span, "feature"), ==, "cart-bundles");
  g_assert_cmpstr (json_object_get_string_member (span, "on"), ==, "2024-05-28");
  g_assert_cmpstr (json_object_get_string_member (span, "off"), ==, "2024-06-02");
  g_assert_cmpfloat (json_object_get_double_member (span, "monthly_cost"), ==, 99.0);

  g_assert_cmpint (lc_test_run_cli (&text, NULL, "feature", store, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "Cart bundles: on from 28 May 2024, switched off on 2 Jun 2024; costs £99.00 a month"));

  /* An unknown feature lists the valid ones; overlapping spans are refused. */
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "feature", store, "clicks", "--on", "2024-05-28", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "homepage-recs"));
  g_assert_nonnull (strstr (err, "predictive-retention"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "feature", store, "cart-bundles", "--on", "2024-05-30", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "2024-05-28"));
}

static void
test_holdout_compares_tagged_orders (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store = g_build_filename (dir, "shop.liftcheck", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GString) text = g_string_new ("Name,Financial Status,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Id,Tags\n");
  g_autoptr(JsonObject) result = NULL;
  JsonObject *aov;

  /* 300 orders over 30 days; every fifth carries the holdout tag and, without
   * the feature, is worth about 10% less. */
  for (guint i = 0; i < 300; i++)
    {
      gboolean held_out = i % 5 == 0;
      double value = (held_out ? 45.0 : 50.0) + (i * 7 % 11) - 5;

      g_string_append_printf (text, "#%u,paid,USD,%.2f,%.2f,2024-05-%02u 10:00:00 +0000,1,Mug,%.2f,%u,%s\n",
                              1000 + i, value, value, 1 + i % 30, value, 5000 + i,
                              held_out ? "\"vip, holdout\"" : "vip");
    }
  csv = lc_test_write_file (dir, "orders_export.csv", text->str, text->len);
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, csv, NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "holdout", store, "--tag", "holdout", "--split", "0.2", "--json", NULL), ==, 0);
  result = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (result, "tagged_orders"), ==, 60);
  /* Only the days the tag was in use (1 to 26 May) are compared. */
  g_assert_cmpstr (json_object_get_string_member (result, "to"), ==, "2024-05-26");
  g_assert_cmpint (json_object_get_int_member (result, "other_orders"), ==, 200);
  aov = json_object_get_object_member (result, "aov");
  g_assert_cmpfloat (json_object_get_double_member (aov, "lift"), <, -0.05);
  g_assert_true (json_object_get_boolean_member (aov, "significant"));
  /* 60 of 260 (23%) against a planned 20% is within chance. */
  g_assert_false (json_object_get_boolean_member (result, "sample_ratio_mismatch"));
  g_assert_cmpfloat (json_object_get_double_member (result, "srm_p_value"), >, 0.05);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "holdout", store, "--tag", "holdout", "--split", "0.5", "--json", NULL), ==, 0);
  g_clear_pointer (&result, json_object_unref);
  result = parse_object (out);
  g_assert_true (json_object_get_boolean_member (result, "sample_ratio_mismatch"));

  /* A tag no order carries is something the store lacks. */
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "holdout", store, "--tag", "nosuchtag", NULL), ==, 3);
}

static void
test_abtest_reads_counts (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) result = NULL;

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "abtest", "--a", "10000:200", "--b", "10000:260", "--json", NULL), ==, 0);
  result = parse_object (out);
  g_assert_cmpfloat (json_object_get_double_member (result, "rate_a"), ==, 0.02);
  g_assert_cmpfloat (json_object_get_double_member (result, "rate_b"), ==, 0.026);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (result, "lift"), 0.3, 1e-12);
  g_assert_cmpfloat (json_object_get_double_member (result, "p_value"), <, 0.01);
  g_assert_cmpfloat (json_object_get_double_member (result, "lift_low"), >, 0);
  /* An even split of 10,000 and 10,000 is no mismatch. */
  g_assert_cmpfloat (json_object_get_double_member (result, "srm_p_value"), ==, 1.0);

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "abtest", "--a", "100:120", "--b", "100:5", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "can’t exceed"));
}

/* In a Spanish session the tables people read use decimal commas, while
 * CSV and JSON, which programs read, keep decimal points. */
static void
test_machine_output_ignores_the_locale (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *csv = fixture (dir);
  g_autofree char *store = g_build_filename (dir, "shop.liftcheck", NULL);
  g_autofree char *table = NULL;
  g_autofree char *series_csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) summary = NULL;

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, csv, NULL), ==, 0);
  g_setenv ("LANG", "es_ES.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_NUMERIC");
  g_assert_cmpint (lc_test_run_cli (&table, NULL, "series", store, "upt", "--by", "week", NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&series_csv, NULL, "series", store, "upt", "--by", "week", "--csv", NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&json, NULL, "summary", store, "--json", NULL), ==, 0);
  g_unsetenv ("LANG");

  g_assert_nonnull (strstr (table, "1,5000"));
  g_assert_cmpstr (series_csv, ==,
                   "start,end,upt,orders\n"
                   "2024-05-27,2024-06-02,1.5000,2\n"
                   "2024-06-03,2024-06-09,1.0000,1\n");
  summary = parse_object (json);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (summary, "upt"), 4.0 / 3, 1e-9);
  g_assert_null (strstr (json, "1,3"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/cli/usage-errors-exit-1", test_usage_errors_exit_1);
  g_test_add_func ("/lc/cli/summary-json-has-the-contract-keys", test_summary_json_has_the_contract_keys);
  g_test_add_func ("/lc/cli/series-by-week-as-csv-and-json", test_series_by_week_as_csv_and_json);
  g_test_add_func ("/lc/cli/bad-file-exits-2-and-changes-nothing", test_bad_file_exits_2_and_changes_nothing);
  g_test_add_func ("/lc/cli/failed-import-into-new-store-leaves-no-file", test_failed_import_into_new_store_leaves_no_file);
  g_test_add_func ("/lc/cli/store-problems-exit-3", test_store_problems_exit_3);
  g_test_add_func ("/lc/cli/demo-store-is-created-with-its-truth", test_demo_store_is_created_with_its_truth);
  g_test_add_func ("/lc/cli/feature-switches-are-recorded", test_feature_switches_are_recorded);
  g_test_add_func ("/lc/cli/holdout-compares-tagged-orders", test_holdout_compares_tagged_orders);
  g_test_add_func ("/lc/cli/abtest-reads-counts", test_abtest_reads_counts);
  g_test_add_func ("/lc/cli/machine-output-ignores-the-locale", test_machine_output_ignores_the_locale);

  return g_test_run ();
}
