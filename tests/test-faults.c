/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lc-store.h"
#include "lc-test-util.h"

/*
 * Never lose a store: an import killed at any moment, a full disk, a store
 * from a newer Liftcheck and a damaged store. Each drives the real
 * liftcheck-cli (LC_CLI) and then looks at the store file with SQLite
 * itself.
 */

static const char small_csv[] =
  "Name,Financial Status,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Refunded Amount,Id\n"
  "#3,paid,USD,25.00,30.00,2024-03-05 09:00:00 -0500,1,Socks,25.00,,0.00,3\n"
  "#2,paid,USD,60.00,66.00,2024-03-04 15:00:00 -0500,2,Scarf,30.00,,0.00,2\n"
  "#1,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,1,Belt,40.00,,0.00,1\n";

typedef struct
{
  gint64 orders;
  gint64 imports;
} StoreState;

/* Shared by the tests: a demo orders export big enough that an import
 * takes a while, and a store holding the small export. */
static char *workdir;
static char *big_csv;
static char *small_path;
static char *base_store;
static StoreState base_state;
static StoreState full_state;
static gint64 full_import_us;

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  lc_store_remove_files (to);
  g_file_set_contents (to, contents, len, &error);
  g_assert_no_error (error);
}

/* Opens the store with SQLite (recovering its write-ahead log as any
 * reader would), checks its integrity and counts what it holds. */
static StoreState
inspect_store (const char *path)
{
  StoreState state = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM imports)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  state.orders = sqlite3_column_int64 (stmt, 0);
  state.imports = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static gboolean
same_state (StoreState a,
            StoreState b)
{
  return a.orders == b.orders && a.imports == b.imports;
}

static void
assert_opens (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
setup_shared_files (void)
{
  g_autofree char *demo_store = NULL;
  g_autofree char *full_store = NULL;
  gint64 start;
  int status;

  if (workdir != NULL)
    return;
  workdir = lc_test_make_tmpdir ();
  big_csv = g_build_filename (workdir, "orders_export.csv", NULL);
  demo_store = g_build_filename (workdir, "demo.liftcheck", NULL);
  status = lc_test_run_cli (NULL, NULL, "demo", demo_store, "--csv", big_csv,
                            "--years", "1", "--orders-per-day", "20", NULL);
  g_assert_cmpint (status, ==, 0);

  small_path = lc_test_write_file (workdir, "small.csv", small_csv, -1);
  base_store = g_build_filename (workdir, "base.liftcheck", NULL);
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", "-q", base_store, small_path, NULL), ==, 0);
  base_state = inspect_store (base_store);
  g_assert_cmpint (base_state.orders, ==, 3);

  full_store = g_build_filename (workdir, "full.liftcheck", NULL);
  copy_file (base_store, full_store);
  start = g_get_monotonic_time ();
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", "-q", full_store, big_csv, NULL), ==, 0);
  full_import_us = g_get_monotonic_time () - start;
  full_state = inspect_store (full_store);
  g_assert_cmpint (full_state.orders, >, base_state.orders + 1000);
  g_assert_cmpint (full_state.imports, ==, base_state.imports + 1);
  g_test_message ("a full import of %s takes %.2f s",
                  big_csv, full_import_us / (double) G_USEC_PER_SEC);
}

/* Starts liftcheck-cli with argv, kills it after delay_us; returns TRUE when
 * the kill landed before it finished. */
static gboolean
run_and_kill (const char * const *argv,
              gint64              delay_us)
{
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_usleep (delay_us);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  if (WIFSIGNALED (status))
    {
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      return TRUE;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return FALSE;
}

static guint
n_kills (void)
{
  const char *value = g_getenv ("LC_FAULT_KILLS");

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : 40;
}

static void
test_killed_import_leaves_store_before_or_after (void)
{
  g_autofree char *store = NULL;
  const char *argv[] = { g_getenv ("LC_CLI"), "import", "-q", NULL, NULL, NULL };
  guint killed = 0;
  guint before = 0;
  guint after = 0;
  guint n = n_kills ();

  setup_shared_files ();
  store = g_build_filename (workdir, "killed.liftcheck", NULL);
  argv[3] = store;
  argv[4] = big_csv;

  for (guint i = 0; i < n; i++)
    {
      /* Spread over the whole import and a little past its usual end. */
      gint64 delay = g_test_rand_int_range (0, (gint32) MIN (full_import_us * 13 / 10, G_MAXINT32));
      StoreState state;

      copy_file (base_store, store);
      if (run_and_kill (argv, delay))
        killed++;
      state = inspect_store (store);
      if (same_state (state, base_state))
        before++;
      else if (same_state (state, full_state))
        after++;
      else
        g_error ("after a kill at %.3f s the store holds %" G_GINT64_FORMAT " orders and %" G_GINT64_FORMAT
                 " imports: neither as before (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                 ") nor fully imported (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                 delay / 1e6, state.orders, state.imports, base_state.orders, base_state.imports,
                 full_state.orders, full_state.imports);
      assert_opens (store);
    }
  g_test_message ("%u runs, %u killed mid-run: %u stores as before, %u fully imported",
                  n, killed, before, after);
  g_assert_cmpuint (before + after, ==, n);
  /* The delays must have hit the import itself, not just its start. */
  g_assert_cmpuint (killed, >, 0);
}

/* A store the killed import was creating: either no usable store, which a
 * second import makes whole, or a whole one. */
static void
test_killed_import_of_new_store_can_be_redone (void)
{
  g_autofree char *store = NULL;
  const char *argv[] = { g_getenv ("LC_CLI"), "import", "-q", NULL, NULL, NULL };
  guint n = MAX (n_kills () / 4, 1);

  setup_shared_files ();
  store = g_build_filename (workdir, "new.liftcheck", NULL);
  argv[3] = store;
  argv[4] = small_path;

  for (guint i = 0; i < n; i++)
    {
      /* Creating a store is quick: kill within its first few milliseconds. */
      gint64 delay = g_test_rand_int_range (0, 30000);
      g_autofree char *err = NULL;
      int status;

      lc_store_remove_files (store);
      run_and_kill (argv, delay);
      status = lc_test_run_cli (NULL, &err, "import", "-q", store, small_path, NULL);
      if (status != 0)
        g_error ("after a kill at %.3f s, importing again fails: %s", delay / 1e6, err);
      g_assert_cmpint (inspect_store (store).orders, ==, 3);
    }
}

static gboolean
store_was_made (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean made = FALSE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'imports'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    made = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return made;
}

/* The first import into a new store writes with a rollback journal
 * instead of the write-ahead log (lc-store.c, _lc_store_begin_bulk). Killed
 * anywhere in it, the store opens either empty, as it was made, or whole,
 * and importing again completes it. */
static void
test_killed_first_import_of_new_store (void)
{
  g_autofree char *store = NULL;
  const char *argv[] = { g_getenv ("LC_CLI"), "import", "-q", NULL, NULL, NULL };
  StoreState whole;
  StoreState empty = { 0, 0 };
  guint n = MAX (n_kills () / 2, 1);
  guint killed = 0;

  setup_shared_files ();
  store = g_build_filename (workdir, "first.liftcheck", NULL);
  argv[3] = store;
  argv[4] = big_csv;
  lc_store_remove_files (store);
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", "-q", store, big_csv, NULL), ==, 0);
  whole = inspect_store (store);
  g_assert_cmpint (whole.orders, >, 1000);
  /* and it is back in WAL mode, which lets the app read while it imports. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (store, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  for (guint i = 0; i < n; i++)
    {
      gint64 delay = g_test_rand_int_range (0, (gint32) MIN (full_import_us * 13 / 10, G_MAXINT32));
      g_autofree char *err = NULL;
      StoreState state;
      int status;

      lc_store_remove_files (store);
      if (run_and_kill (argv, delay))
        killed++;
      /* Killed while the store was being made: nothing to look at (the
       * test below covers that). */
      if (!store_was_made (store))
        continue;
      state = inspect_store (store);
      if (!same_state (state, empty) && !same_state (state, whole))
        g_error ("after a kill at %.3f s the new store holds %" G_GINT64_FORMAT " orders and %" G_GINT64_FORMAT
                 " imports: neither empty nor whole (%" G_GINT64_FORMAT " orders)",
                 delay / 1e6, state.orders, state.imports, whole.orders);
      assert_opens (store);
      status = lc_test_run_cli (NULL, &err, "import", "-q", store, big_csv, NULL);
      if (status != 0)
        g_error ("after a kill at %.3f s, importing again fails: %s", delay / 1e6, err);
      g_assert_cmpint (inspect_store (store).orders, ==, whole.orders);
    }
  g_assert_cmpuint (killed, >, 0);
}

static void
limit_file_size (gpointer data)
{
  struct rlimit limit;

  limit.rlim_cur = limit.rlim_max = GPOINTER_TO_SIZE (data);
  setrlimit (RLIMIT_FSIZE, &limit);
  /* Writes past the limit then fail with EFBIG, as on a full disk,
   * instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
}

static void
assert_disk_full_refused (const char *store,
                          gsize       file_size_limit)
{
  g_autofree char *sum = lc_test_file_checksum (store);
  g_autofree char *sum_after = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("LC_CLI"), "import", "-q", store, big_csv, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                file_size_limit > 0 ? limit_file_size : NULL, GSIZE_TO_POINTER (file_size_limit),
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);
  g_assert_nonnull (strstr (err, "is full"));
  g_assert_nonnull (strstr (err, "the store is as it was"));

  sum_after = lc_test_file_checksum (store);
  g_assert_cmpstr (sum, ==, sum_after);
  g_assert_true (same_state (inspect_store (store), base_state));
  assert_opens (store);
}

static void
test_full_disk_by_file_size_limit (void)
{
  g_autofree char *store = NULL;

  setup_shared_files ();
  store = g_build_filename (workdir, "limited.liftcheck", NULL);
  copy_file (base_store, store);
  /* Room for the store and its shared-memory index, not for the import. */
  assert_disk_full_refused (store, 512 * 1024);
}

/* A real full file system, where the test may mount one (as root). */
static void
test_full_disk_on_small_tmpfs (void)
{
  g_autofree char *mountpoint = NULL;
  g_autofree char *store = NULL;

  setup_shared_files ();
  mountpoint = g_build_filename (workdir, "small-disk", NULL);
  g_assert_cmpint (g_mkdir (mountpoint, 0700), ==, 0);
  if (geteuid () != 0 || mount ("tmpfs", mountpoint, "tmpfs", 0, "size=1m") != 0)
    {
      g_test_skip_printf ("cannot mount a small tmpfs: %s", g_strerror (geteuid () != 0 ? EPERM : errno));
      return;
    }
  store = g_build_filename (mountpoint, "store.liftcheck", NULL);
  copy_file (base_store, store);
  assert_disk_full_refused (store, 0);
  lc_store_remove_files (store);
  g_assert_cmpint (umount (mountpoint), ==, 0);
}

static void
test_newer_store_is_refused_untouched (void)
{
  g_autofree char *store = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db;

  setup_shared_files ();
  store = g_build_filename (workdir, "newer.liftcheck", NULL);
  wal = g_strconcat (store, "-wal", NULL);
  copy_file (base_store, store);
  g_assert_cmpint (sqlite3_open (store, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  sum = lc_test_file_checksum (store);

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "import", "-q", store, small_path, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "newer version of Liftcheck"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "summary", store, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "newer version of Liftcheck"));

  sum_after = lc_test_file_checksum (store);
  g_assert_cmpstr (sum, ==, sum_after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Overwrites n bytes of the store from byte from on with noise, as a
 * failing disk or a stray program might. */
static void
damage_store_bytes (const char *path,
                    gsize       from,
                    gsize       n)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from + n, <=, len);
  for (gsize i = from; i < from + n; i++)
    contents[i] = (char) g_test_rand_int_range (0, 256);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* The page size in the file's header. */
static gsize
page_size_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  guint size;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 100);
  size = (guint) (guint8) contents[16] << 8 | (guint8) contents[17];
  return size == 1 ? 65536 : size;
}

/* Pages 2 and up: the schema goes too. */
static void
damage_store (const char *path)
{
  gsize page = page_size_of (path);

  damage_store_bytes (path, page, file_size (path) - page);
}

static void
test_damaged_store_is_detected_and_restored (void)
{
  g_autofree char *store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *backup_base = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  setup_shared_files ();
  store = g_build_filename (workdir, "damaged.liftcheck", NULL);
  copy_file (base_store, store);
  /* What an upgrade leaves beside the store it upgrades. */
  backup = g_strdup_printf ("%s.v%d.bak", store, LC_STORE_SCHEMA_VERSION);
  backup_base = g_path_get_basename (backup);
  copy_file (base_store, backup);
  damage_store (store);

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "summary", store, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "is damaged"));
  g_assert_nonnull (strstr (err, backup_base));
  g_assert_nonnull (strstr (err, "liftcheck-cli restore"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "check", store, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "is damaged"));
  g_clear_pointer (&err, g_free);
  /* An import refuses it too, and leaves it for the restore. */
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "import", "-q", store, small_path, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "is damaged"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (lc_test_run_cli (&out, &err, "restore", store, NULL), ==, 0);
  g_assert_nonnull (strstr (out, backup_base));
  g_assert_true (same_state (inspect_store (store), base_state));
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "check", store, NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "summary", store, NULL), ==, 0);
  /* Nothing is thrown away: the damaged file and the backup stay. */
  damaged = g_strconcat (store, ".damaged", NULL);
  g_assert_true (g_file_test (damaged, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
}

/* An older store that got damaged is neither upgraded nor copied over the
 * backup of its version: that backup may be the only good copy. */
static void
test_damaged_old_store_keeps_its_backup (void)
{
  g_autofree char *store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", LC_STORE_SCHEMA_VERSION - 1);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int orders_page;
  int page_size;

  setup_shared_files ();
  store = g_build_filename (workdir, "old-damaged.liftcheck", NULL);
  backup = g_strdup_printf ("%s.v%d.bak", store, LC_STORE_SCHEMA_VERSION - 1);
  copy_file (base_store, store);
  copy_file (base_store, backup);
  sum = lc_test_file_checksum (backup);
  g_assert_cmpint (sqlite3_open (store, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                                       "FROM sqlite_master WHERE name = 'orders'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  orders_page = sqlite3_column_int (stmt, 0);
  page_size = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  /* One page of data, the orders': the schema can still be read. (A
   * fixed page number could be a free one, which no check reads.) */
  damage_store_bytes (store, (gsize) (orders_page - 1) * page_size, page_size);

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "summary", store, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "is damaged"));
  sum_after = lc_test_file_checksum (backup);
  g_assert_cmpstr (sum, ==, sum_after);
}

static void
test_damaged_store_without_backup_says_so (void)
{
  g_autofree char *store = NULL;
  g_autofree char *err = NULL;

  setup_shared_files ();
  store = g_build_filename (workdir, "lost.liftcheck", NULL);
  copy_file (base_store, store);
  damage_store (store);

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "check", store, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "is damaged"));
  g_assert_nonnull (strstr (err, "no copy"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "restore", store, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "no backup"));
  /* Refused, so the damaged store is where it was. */
  g_assert_true (g_file_test (store, G_FILE_TEST_IS_REGULAR));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/faults/killed-import-leaves-store-before-or-after", test_killed_import_leaves_store_before_or_after);
  g_test_add_func ("/lc/faults/killed-first-import-of-new-store", test_killed_first_import_of_new_store);
  g_test_add_func ("/lc/faults/killed-import-of-new-store-can-be-redone", test_killed_import_of_new_store_can_be_redone);
  g_test_add_func ("/lc/faults/full-disk-by-file-size-limit", test_full_disk_by_file_size_limit);
  g_test_add_func ("/lc/faults/full-disk-on-small-tmpfs", test_full_disk_on_small_tmpfs);
  g_test_add_func ("/lc/faults/newer-store-is-refused-untouched", test_newer_store_is_refused_untouched);
  g_test_add_func ("/lc/faults/damaged-store-is-detected-and-restored", test_damaged_store_is_detected_and_restored);
  g_test_add_func ("/lc/faults/damaged-old-store-keeps-its-backup", test_damaged_old_store_keeps_its_backup);
  g_test_add_func ("/lc/faults/damaged-store-without-backup-says-so", test_damaged_store_without_backup_says_so);

  return g_test_run ();
}
