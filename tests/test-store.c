/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lc-store-private.h"
#include "lc-test-util.h"

static char *
store_path (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();

  return g_build_filename (dir, "shop.liftcheck", NULL);
}

static void
test_new_store_is_created_and_reopened (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_null (lc_store_get_currency (store));
    g_assert_cmpint (lc_store_count_orders (store), ==, 0);
  }
  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, LC_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_missing_store_is_not_created_unless_asked (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autofree char *before = lc_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (store);
  g_assert_error (error, LC_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_text_file_is_not_a_store (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, "notes.liftcheck", "Name,Total\n#1,5\n", -1);

  assert_refused_unchanged (path, LC_STORE_ERROR_NOT_A_STORE);
}

static void
test_other_sqlite_file_is_not_a_store (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *wal = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_unchanged (path, LC_STORE_ERROR_NOT_A_STORE);
  /* Not switched to WAL behind the owner's back. */
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_store_from_newer_version_is_refused (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_unchanged (path, LC_STORE_ERROR_TOO_NEW);
}

static void
test_read_only_location_is_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    /* Permissions do not stop root; /proc takes no new files from anyone. */
    path = g_strdup ("/proc/liftcheck-test.liftcheck");
  else
    {
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      path = g_build_filename (dir, "shop.liftcheck", NULL);
    }

  store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_READ_ONLY);
  {
    g_autofree char *base = g_path_get_basename (path);

    g_assert_nonnull (strstr (error->message, base));
  }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_chmod (dir, 0755);
}

static void
test_settings_round_trip (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_null (lc_store_dup_setting (store, "usd_rate"));
    g_assert_true (lc_store_set_setting (store, "usd_rate", "1.27", &error));
    g_assert_true (lc_store_set_setting (store, "vertical", "apparel", &error));
    g_assert_true (lc_store_set_setting (store, "vertical", NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
    g_autofree char *rate = lc_store_dup_setting (store, "usd_rate");
    g_autofree char *vertical = lc_store_dup_setting (store, "vertical");

    g_assert_cmpstr (rate, ==, "1.27");
    g_assert_null (vertical);
  }
}

static void
test_feature_timeline_round_trip (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) spans = NULL;
  LcFeatureSpan *span;

  g_assert_no_error (error);
  g_assert_true (lc_store_add_feature_span (store, "cart-bundles", lc_day_from_ymd (2026, 4, 14), LC_DAY_NONE, 9900, &error));
  g_assert_true (lc_store_add_feature_span (store, "homepage-recs", lc_day_from_ymd (2025, 12, 1), lc_day_from_ymd (2026, 8, 1), -1, &error));
  g_assert_no_error (error);

  spans = lc_store_list_feature_spans (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 2);
  span = g_ptr_array_index (spans, 0);
  g_assert_cmpstr (span->feature, ==, "homepage-recs");
  g_assert_cmpint (span->off_day, ==, lc_day_from_ymd (2026, 8, 1));
  g_assert_cmpint (span->monthly_cost, ==, -1);
  span = g_ptr_array_index (spans, 1);
  g_assert_cmpstr (span->feature, ==, "cart-bundles");
  g_assert_cmpint (span->on_day, ==, lc_day_from_ymd (2026, 4, 14));
  g_assert_cmpint (span->off_day, ==, LC_DAY_NONE);
  g_assert_cmpint (span->monthly_cost, ==, 9900);
}

static void
test_feature_spans_update_and_refuse_overlaps (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) spans = NULL;
  LcDay may1 = lc_day_from_ymd (2026, 5, 1);
  LcDay jul1 = lc_day_from_ymd (2026, 7, 1);
  LcDay aug1 = lc_day_from_ymd (2026, 8, 1);
  LcFeatureSpan *span;

  g_assert_no_error (error);
  g_assert_true (lc_store_add_feature_span (store, "cart-bundles", may1, LC_DAY_NONE, 9900, &error));

  /* Still on: another span from July would overlap. */
  g_assert_false (lc_store_add_feature_span (store, "cart-bundles", aug1, LC_DAY_NONE, -1, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-05-01"));
  g_clear_error (&error);

  /* The owner records the day it was switched off; the cost is kept. */
  g_assert_true (lc_store_add_feature_span (store, "cart-bundles", may1, jul1, -1, &error));
  /* Switched on again later: a second span. */
  g_assert_true (lc_store_add_feature_span (store, "cart-bundles", aug1, LC_DAY_NONE, -1, &error));
  /* Another feature may overlap freely. */
  g_assert_true (lc_store_add_feature_span (store, "return-nudges", may1, LC_DAY_NONE, -1, &error));
  g_assert_no_error (error);

  /* Off before on is refused. */
  g_assert_false (lc_store_add_feature_span (store, "homepage-recs", jul1, may1, -1, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  spans = lc_store_list_feature_spans (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 3);

  /* The first switch-on is the original launch, not the later return. */
  {
    LcDay first = 0;

    g_assert_true (lc_store_find_first_switch_on (store, "cart-bundles", &first, &error));
    g_assert_cmpint (first, ==, may1);
    g_assert_true (lc_store_find_first_switch_on (store, "category-recs", &first, &error));
    g_assert_cmpint (first, ==, LC_DAY_NONE);
    g_assert_no_error (error);
  }
  span = g_ptr_array_index (spans, 0);
  g_assert_cmpstr (span->feature, ==, "cart-bundles");
  g_assert_cmpint (span->off_day, ==, jul1);
  g_assert_cmpint (span->monthly_cost, ==, 9900);
  span = g_ptr_array_index (spans, 2);
  g_assert_cmpint (span->on_day, ==, aug1);
  g_assert_cmpint (span->monthly_cost, ==, -1);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_setting (const char *path,
                const char *key,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  value = lc_store_dup_setting (store, key);
  g_assert_cmpstr (value, ==, expected);
}

static void
set_setting (const char *path,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  lc_store_set_setting (store, key, value, &error);
  g_assert_no_error (error);
}

static gboolean
exists_with_suffix (const char *path,
                    const char *suffix)
{
  g_autofree char *file = g_strconcat (path, suffix, NULL);

  return g_file_test (file, G_FILE_TEST_EXISTS);
}

/* A journal a write cut short leaves beside the store, as a crash during
 * a first import does (_lc_store_begin_bulk): the store's pages before the
 * write, and a header that tells SQLite to put them back at the next open. */
static void
leave_hot_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  gsize len;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* A small cache makes SQLite write pages into the file mid-transaction,
   * after the journal holding their old contents. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 4;"
                                 "BEGIN; UPDATE settings SET value = 'half-written';"
                                 "CREATE TABLE filler (x);"
                                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
                                 " INSERT INTO filler SELECT randomblob (8000) FROM n;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_file_get_contents (journal, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 512);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_file_set_contents (journal, contents, len, &error);
  g_assert_no_error (error);
}

/* A store that failed to be made goes whole: with its log and with the
 * journal a killed first import leaves. */
static void
test_remove_files_takes_the_journal (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *backup = g_strconcat (path, ".v5.bak", NULL);
  g_autoptr(GError) error = NULL;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  set_setting (path, "owner", "made");
  leave_hot_journal (path);
  g_file_set_contents (backup, "kept", -1, &error);
  g_assert_no_error (error);
  for (guint i = 1; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        g_file_set_contents (file, "", 0, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    g_assert_true (exists_with_suffix (path, suffixes[i]));

  lc_store_remove_files (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    g_assert_false (exists_with_suffix (path, suffixes[i]));
  /* A backup is not part of the store. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
}

/* The journal of a damaged store goes aside with it: left in place,
 * SQLite would write the damaged store's pages into the restored one. */
static void
test_restore_backup_moves_journal_aside (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *backup = g_strconcat (path, ".v", G_STRINGIFY (LC_STORE_SCHEMA_VERSION), ".bak", NULL);
  g_autofree char *used = NULL;
  g_autofree char *check = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  set_setting (path, "state", "backed up");
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (backup, contents, len, &error);
  g_assert_no_error (error);
  set_setting (path, "state", "damaged");
  leave_hot_journal (path);

  g_assert_true (lc_store_restore_backup (path, &used, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (used, ==, backup);

  g_assert_false (exists_with_suffix (path, "-journal"));
  g_assert_true (exists_with_suffix (path, ".damaged"));
  g_assert_true (exists_with_suffix (path, ".damaged-journal"));
  assert_setting (path, "state", "backed up");
  check = query_text (path, "PRAGMA quick_check");
  g_assert_cmpstr (check, ==, "ok");
}

static char *
store_journal_mode (LcStore *store)
{
  sqlite3_stmt *stmt;
  char *mode;

  g_assert_cmpint (sqlite3_prepare_v2 (_lc_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return mode;
}

/* The first import into a new store runs with a rollback journal, then
 * the store goes back to the write-ahead log, which lets the app read
 * while an import runs. */
static void
test_first_import_returns_to_wal (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_true (_lc_store_begin_bulk (store));
  during = store_journal_mode (store);
  g_assert_cmpstr (during, ==, "truncate");
  _lc_store_end_bulk (store);
  after = store_journal_mode (store);
  g_assert_cmpstr (after, ==, "wal");
}

/* A reader holding the store when the first import ends keeps it from
 * going back to the write-ahead log. The store says so in a warning that
 * names its file, keeps everything, and is in WAL mode again once opened
 * again. */
static void
test_first_import_with_reader_returns_to_wal_at_next_open (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  g_autofree char *mode = NULL;
  g_autofree char *reopened = NULL;
  sqlite3 *reader;

  g_assert_no_error (error);
  g_assert_true (_lc_store_begin_bulk (store));
  lc_store_set_setting (store, "state", "imported", &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (path, &reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN; SELECT COUNT(*) FROM settings", NULL, NULL, NULL), ==, SQLITE_OK);
  /* Not the five seconds the store waits for a reader. */
  sqlite3_busy_timeout (_lc_store_get_db (store), 20);
  g_test_expect_message ("lc-store", G_LOG_LEVEL_WARNING, "The store shop.liftcheck stays in rollback-journal mode*");
  _lc_store_end_bulk (store);
  g_test_assert_expected_messages ();
  mode = store_journal_mode (store);
  g_assert_cmpstr (mode, ==, "truncate");
  sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (reader);
  g_clear_object (&store);

  assert_setting (path, "state", "imported");
  reopened = query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (reopened, ==, "wal");
}

/* Version 6 adds the tables of other stores' catalogues and of orders
 * waiting for their other half. A store of version 5 is upgraded after a
 * backup, keeps its products, and then takes those catalogues. */
static void
test_version_5_store_migrates_to_6 (void)
{
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_object_unref (lc_test_new_store (&path));
  backup = g_strconcat (path, ".v5.bak", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE product_categories;"
                                 "DROP TABLE categories;"
                                 "DROP TABLE pending_orders;"
                                 "DROP TABLE pending_lines;"
                                 "INSERT INTO products (handle, sku, title, product_type) VALUES ('2', '2', 'All-Seasons Salt', 'Spices');"
                                 "PRAGMA user_version = 5;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  {
    g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
    g_autoptr(LcImportResult) result = NULL;

    g_assert_no_error (error);
    result = lc_test_import_text (store, "departments.csv", "department_id,department\n3,pantry\n", &error);
    g_assert_no_error (error);
    g_assert_nonnull (result);
  }
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, LC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM categories WHERE name = 'pantry'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM product_categories"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pending_orders"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pending_lines"), ==, 0);
  /* Products from before keep their types: no list names them. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM products WHERE product_type = 'Spices'"), ==, 1);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM sqlite_master WHERE name = 'categories'"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/store/new-store-is-created-and-reopened", test_new_store_is_created_and_reopened);
  g_test_add_func ("/lc/store/missing-store-is-not-created-unless-asked", test_missing_store_is_not_created_unless_asked);
  g_test_add_func ("/lc/store/text-file-is-not-a-store", test_text_file_is_not_a_store);
  g_test_add_func ("/lc/store/other-sqlite-file-is-not-a-store", test_other_sqlite_file_is_not_a_store);
  g_test_add_func ("/lc/store/store-from-newer-version-is-refused", test_store_from_newer_version_is_refused);
  g_test_add_func ("/lc/store/read-only-location-is-refused", test_read_only_location_is_refused);
  g_test_add_func ("/lc/store/settings-round-trip", test_settings_round_trip);
  g_test_add_func ("/lc/store/feature-timeline-round-trip", test_feature_timeline_round_trip);
  g_test_add_func ("/lc/store/feature-spans-update-and-refuse-overlaps", test_feature_spans_update_and_refuse_overlaps);
  g_test_add_func ("/lc/store/version-5-store-migrates-to-6", test_version_5_store_migrates_to_6);
  g_test_add_func ("/lc/store/remove-files-takes-the-journal", test_remove_files_takes_the_journal);
  g_test_add_func ("/lc/store/restore-backup-moves-journal-aside", test_restore_backup_moves_journal_aside);
  g_test_add_func ("/lc/store/first-import-returns-to-wal", test_first_import_returns_to_wal);
  g_test_add_func ("/lc/store/first-import-with-reader-returns-to-wal-at-next-open", test_first_import_with_reader_returns_to_wal_at_next_open);

  return g_test_run ();
}
