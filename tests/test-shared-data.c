/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lc-test-util.h"

/*
 * The real Shopify "Export orders" files in ../shared/data/shopify/orders/,
 * imported with liftcheck-cli and checked against figures computed
 * independently by tests/reference/shopify_orders_reference.py (see its
 * header for the command that wrote data/shared-orders-expected.json).
 * The CSV files are read in place; they are never copied into the project.
 */

#define ORDERS_DIR "shopify/orders"
#define MONEY_TOLERANCE 0.005
#define RATIO_TOLERANCE 1e-6

/* Files the cross-file cases use: one GBP and one USD export. */
#define GBP_FILE "Diptargha_maison_maria__orders_export_1.csv"
#define USD_FILE "ethompson17_Explorer_Analytics__orders_export_1.csv"
#define REIMPORT_FILE "oks234_customer_vip__orders_export_1.csv"

/* file name -> its object in the expected values; kept for the whole run
 * because the test cases point into it. */
static JsonParser *expected_parser;
static JsonObject *expected_files;

static void
load_expected (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "shared-orders-expected.json", NULL);
  JsonNode *root;

  expected_parser = json_parser_new ();
  json_parser_load_from_file (expected_parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (expected_parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  expected_files = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (expected_files), >, 0);
}

static JsonObject *
expected_for (const char *file)
{
  JsonNode *node = json_object_get_member (expected_files, file);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static gboolean
is_refused (JsonObject *expected)
{
  return json_object_has_member (expected, "refused") &&
         json_object_get_boolean_member (expected, "refused");
}

static char *
orders_file_path (const char *file)
{
  g_autofree char *relative = g_build_filename (ORDERS_DIR, file, NULL);

  return lc_test_shared_data_path (relative);
}

static char *
new_store_path (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();

  return g_build_filename (dir, "store.liftcheck", NULL);
}

static gboolean
store_files_exist (const char *store)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store, suffixes[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

/* Imports FILE into STORE and asserts it succeeded. */
static void
import_ok (const char *store,
           const char *file)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lc_test_run_cli (&out, &err, "import", store, file, NULL);
  if (status != 0)
    g_test_message ("liftcheck-cli import %s failed:\n%s", file, err);
  g_assert_cmpint (status, ==, 0);
}

/* `liftcheck-cli summary STORE --json`, as text. */
static char *
summary_json_text (const char *store)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lc_test_run_cli (&out, &err, "summary", store, "--json", NULL);
  if (status != 0)
    g_test_message ("liftcheck-cli summary failed:\n%s", err);
  g_assert_cmpint (status, ==, 0);
  return g_steal_pointer (&out);
}

/* Parses TEXT, which must be one JSON object; the parser owns it. */
static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static gboolean
holds_number (JsonObject *object,
              const char *key)
{
  JsonNode *node = json_object_get_member (object, key);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
holds_string (JsonObject *object,
              const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Each check adds a line to MISMATCHES when the figure differs, so that a
 * failing file reports every wrong figure at once. */

static void
check_number (GString    *mismatches,
              JsonObject *actual,
              JsonObject *expected,
              const char *key,
              double      tolerance)
{
  double want, got;

  g_assert_true (holds_number (expected, key));
  want = json_object_get_double_member (expected, key);
  if (!holds_number (actual, key))
    {
      g_string_append_printf (mismatches, "\n  %s: missing or not a number (reference %.6f)", key, want);
      return;
    }
  got = json_object_get_double_member (actual, key);
  if (!(fabs (got - want) <= tolerance))
    g_string_append_printf (mismatches, "\n  %s: liftcheck-cli says %.6f, reference %.6f (off by %.6f)",
                            key, got, want, got - want);
}

static void
check_count (GString    *mismatches,
             JsonObject *actual,
             JsonObject *expected,
             const char *key)
{
  JsonNode *node = json_object_get_member (actual, key);
  gint64 want;

  g_assert_true (holds_number (expected, key));
  want = json_object_get_int_member (expected, key);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_string_append_printf (mismatches, "\n  %s: missing or not a whole number (reference %" G_GINT64_FORMAT ")",
                              key, want);
      return;
    }
  if (json_node_get_int (node) != want)
    g_string_append_printf (mismatches, "\n  %s: liftcheck-cli says %" G_GINT64_FORMAT ", reference %" G_GINT64_FORMAT,
                            key, json_node_get_int (node), want);
}

static void
check_string (GString    *mismatches,
              JsonObject *actual,
              JsonObject *expected,
              const char *key)
{
  const char *want;

  g_assert_true (holds_string (expected, key));
  want = json_object_get_string_member (expected, key);
  if (!holds_string (actual, key))
    {
      g_string_append_printf (mismatches, "\n  %s: missing or not a string (reference \"%s\")", key, want);
      return;
    }
  if (g_strcmp0 (json_object_get_string_member (actual, key), want) != 0)
    g_string_append_printf (mismatches, "\n  %s: liftcheck-cli says \"%s\", reference \"%s\"",
                            key, json_object_get_string_member (actual, key), want);
}

/* One case per export file: its headline numbers match the reference. */
static void
test_orders_export_matches_reference (gconstpointer data)
{
  const char *file = data;
  JsonObject *expected = expected_for (file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) mismatches = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *store = NULL;
  g_autofree char *text = NULL;
  JsonObject *summary;

  path = orders_file_path (file);
  if (path == NULL)
    return;
  store = new_store_path ();

  import_ok (store, path);
  text = summary_json_text (store);
  summary = parse_object (parser, text);

  check_count (mismatches, summary, expected, "orders");
  /* Units are not in the list, but they make a UPT mismatch
   * readable: the reference counts them exactly. */
  if (json_object_has_member (expected, "units"))
    check_count (mismatches, summary, expected, "units");
  check_number (mismatches, summary, expected, "aov", MONEY_TOLERANCE);
  check_number (mismatches, summary, expected, "upt", RATIO_TOLERANCE);
  check_number (mismatches, summary, expected, "refunded", MONEY_TOLERANCE);
  check_number (mismatches, summary, expected, "return_rate", RATIO_TOLERANCE);
  check_number (mismatches, summary, expected, "revenue_12m", MONEY_TOLERANCE);
  check_string (mismatches, summary, expected, "currency");
  check_string (mismatches, summary, expected, "first_day");
  check_string (mismatches, summary, expected, "last_day");

  if (mismatches->len > 0)
    g_test_fail_printf ("%s disagrees with the reference:%s", file, mismatches->str);
}

/* The abandoned-checkouts export is refused, with a message naming the file,
 * and the store the command would have created is not left behind. */
static void
test_abandoned_checkouts_export_is_refused (gconstpointer data)
{
  const char *file = data;
  g_autofree char *path = NULL;
  g_autofree char *store = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err_folded = NULL;
  int status;

  path = orders_file_path (file);
  if (path == NULL)
    return;
  store = new_store_path ();

  status = lc_test_run_cli (&out, &err, "import", store, path, NULL);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, file));
  err_folded = g_utf8_strdown (err, -1);
  g_assert_nonnull (strstr (err_folded, "abandoned"));
  g_assert_false (store_files_exist (store));
}

/* Every export in the shared folder has reference values, so a file added
 * there cannot go untested. */
static void
test_every_shared_orders_export_has_reference_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *dir_path = NULL;
  const char *name;
  guint n_csv = 0;

  dir_path = lc_test_shared_data_path (ORDERS_DIR);
  if (dir_path == NULL)
    return;
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folded = g_ascii_strdown (name, -1);

      if (!g_str_has_suffix (folded, ".csv"))
        continue;
      n_csv++;
      if (!json_object_has_member (expected_files, name))
        g_test_fail_printf ("%s/%s has no entry in data/shared-orders-expected.json; "
                            "run tests/reference/shopify_orders_reference.py again",
                            ORDERS_DIR, name);
    }
  g_assert_cmpuint (n_csv, >, 0);
}

/* A store holds one currency: a USD export into a GBP store is refused,
 * the message names both currencies and the file, and the store file is
 * byte for byte what it was. */
static void
test_second_currency_is_refused_and_store_unchanged (void)
{
  g_autofree char *gbp = orders_file_path (GBP_FILE);
  g_autofree char *usd = NULL;
  g_autofree char *store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *summary_after = NULL;
  g_autofree char *summary_gbp_only = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (gbp == NULL)
    return;
  usd = orders_file_path (USD_FILE);
  if (usd == NULL)
    return;
  store = new_store_path ();

  import_ok (store, gbp);
  before = lc_test_file_checksum (store);
  g_assert_nonnull (before);

  status = lc_test_run_cli (&out, &err, "import", store, usd, NULL);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "GBP"));
  g_assert_nonnull (strstr (err, "USD"));
  g_assert_nonnull (strstr (err, USD_FILE));

  after = lc_test_file_checksum (store);
  g_assert_cmpstr (after, ==, before);

  /* And the same figures as a store that only ever saw the GBP export. */
  summary_after = summary_json_text (store);
  {
    g_autofree char *dir = lc_test_make_tmpdir ();
    g_autofree char *gbp_only = g_build_filename (dir, "gbp-only.liftcheck", NULL);

    import_ok (gbp_only, gbp);
    summary_gbp_only = summary_json_text (gbp_only);
  }
  g_assert_cmpstr (summary_after, ==, summary_gbp_only);
}

static JsonObject *
import_json (JsonParser *parser,
             const char *store,
             const char *file)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lc_test_run_cli (&out, &err, "import", "--json", store, file, NULL);
  if (status != 0)
    g_test_message ("liftcheck-cli import --json %s failed:\n%s", file, err);
  g_assert_cmpint (status, ==, 0);
  return parse_object (parser, out);
}

/* Importing the same export twice updates its orders instead of adding
 * them again: no new orders, the same figures. */
static void
test_reimporting_an_export_adds_nothing (void)
{
  g_autoptr(JsonParser) first_parser = json_parser_new ();
  g_autoptr(JsonParser) second_parser = json_parser_new ();
  g_autofree char *path = orders_file_path (REIMPORT_FILE);
  g_autofree char *store = NULL;
  g_autofree char *summary_first = NULL;
  g_autofree char *summary_second = NULL;
  JsonObject *first, *second;
  gint64 added;

  if (path == NULL)
    return;
  store = new_store_path ();

  first = import_json (first_parser, store, path);
  g_assert_true (holds_number (first, "orders_added"));
  added = json_object_get_int_member (first, "orders_added");
  g_assert_cmpint (added, >=, json_object_get_int_member (expected_for (REIMPORT_FILE), "orders"));
  g_assert_cmpint (json_object_get_int_member (first, "orders_updated"), ==, 0);
  summary_first = summary_json_text (store);

  second = import_json (second_parser, store, path);
  g_assert_cmpint (json_object_get_int_member (second, "orders_added"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (second, "orders_updated"), ==, added);
  summary_second = summary_json_text (store);

  g_assert_cmpstr (summary_second, ==, summary_first);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GList) files = NULL;

  g_test_init (&argc, &argv, NULL);
  load_expected ();

  files = json_object_get_members (expected_files);
  files = g_list_sort (files, (GCompareFunc) g_strcmp0);
  for (GList *l = files; l != NULL; l = l->next)
    {
      const char *file = l->data;
      g_autofree char *stem = g_strndup (file, g_str_has_suffix (file, ".csv") ? strlen (file) - 4 : strlen (file));
      g_autofree char *test_path = g_strconcat ("/lc/shared-data/orders/", stem, NULL);

      if (is_refused (expected_for (file)))
        g_test_add_data_func (test_path, file, test_abandoned_checkouts_export_is_refused);
      else
        g_test_add_data_func (test_path, file, test_orders_export_matches_reference);
    }

  g_test_add_func ("/lc/shared-data/orders/every-export-has-reference-values",
                   test_every_shared_orders_export_has_reference_values);
  g_test_add_func ("/lc/shared-data/orders/second-currency-is-refused-and-store-unchanged",
                   test_second_currency_is_refused_and_store_unchanged);
  g_test_add_func ("/lc/shared-data/orders/reimport-adds-no-orders",
                   test_reimporting_an_export_adds_nothing);

  return g_test_run ();
}
