/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lc-csv.h"
#include "lc-import.h"
#include "lc-store-private.h"
#include "lc-test-util.h"

/*
 * Never trust input: files made to hurt (a million columns, a 100 MB field,
 * a quote bomb, NUL bytes, invalid UTF-8, years 0 and 9999, amounts past
 * int64, a bomb of blank lines). Each must end, within bounded time and
 * memory, with an error that names the file and the line, and leave the
 * store as it was. The files are made here, at run time.
 */

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

/* Bounds for one import: generous, but far below what an unbounded read of
 * these files would take. The sanitizers slow code and grow memory. */
#ifdef SANITIZED
#define MAX_SECONDS 60
#define MAX_RSS_MB  1024
#else
#define MAX_SECONDS 20
#define MAX_RSS_MB  256
#endif

#define ORDERS_HEADER \
  "Name,Financial Status,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Refunded Amount,Id\n"
#define GOOD_ROW "#1,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,1,Belt,40.00,,0.00,1\n"

static char *workdir;

static const char *
get_workdir (void)
{
  if (workdir == NULL)
    workdir = lc_test_make_tmpdir ();
  return workdir;
}

/* A file written piece by piece, so that the test itself never holds a
 * 100 MB string. */
static FILE *
open_file (const char  *name,
           char       **out_path)
{
  FILE *file;

  *out_path = g_build_filename (get_workdir (), name, NULL);
  file = g_fopen (*out_path, "wb");
  g_assert_nonnull (file);
  return file;
}

static void
write_repeated (FILE       *file,
                const char *unit,
                gsize       unit_len,
                guint64     count)
{
  char chunk[64 * 1024];
  guint64 per_chunk = sizeof chunk / unit_len;
  guint64 done = 0;

  for (guint64 i = 0; i < per_chunk; i++)
    memcpy (chunk + i * unit_len, unit, unit_len);
  while (done < count)
    {
      guint64 n = MIN (per_chunk, count - done);

      g_assert_cmpuint (fwrite (chunk, unit_len, n, file), ==, n);
      done += n;
    }
}

static void
close_file (FILE *file)
{
  g_assert_cmpint (fclose (file), ==, 0);
}

static char *
write_text (const char *name,
            const char *text,
            gssize      len)
{
  return lc_test_write_file (get_workdir (), name, text, len);
}

typedef struct
{
  gint64 orders;
  gint64 imports;
  gint64 rows;
} Counts;

static Counts
count_store (LcStore *store)
{
  sqlite3_stmt *stmt = _lc_store_prepare (store,
                                          "SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM imports),"
                                          " (SELECT COUNT(*) FROM line_items) + (SELECT COUNT(*) FROM sessions)"
                                          " + (SELECT COUNT(*) FROM email_revenue) + (SELECT COUNT(*) FROM products)"
                                          " + (SELECT COUNT(*) FROM variant_sales)",
                                          NULL);
  Counts counts;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  counts.orders = sqlite3_column_int64 (stmt, 0);
  counts.imports = sqlite3_column_int64 (stmt, 1);
  counts.rows = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  return counts;
}

/* A store holding one small import, in a file of its own. */
static LcStore *
new_seeded_store (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcImportResult) result = NULL;
  LcStore *store = lc_test_new_store (out_path);

  result = lc_test_import_text (store, "seed_orders.csv", ORDERS_HEADER GOOD_ROW, &error);
  g_assert_no_error (error);
  return store;
}

/* Imports path in this process: the error must be domain/code, name the
 * file and contain fragment, be valid UTF-8, come within MAX_SECONDS, and
 * leave the store as it was. */
static void
assert_refused_in_process (const char *path,
                           GQuark      domain,
                           int         code,
                           const char *fragment)
{
  g_autoptr(LcStore) store = new_seeded_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  const char *paths[] = { path, NULL };
  Counts before = count_store (store);
  Counts after;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  result = lc_store_import_files (store, paths, NULL, NULL, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("%s: %.2f s: %s", base, seconds, error != NULL ? error->message : "imported");
  g_assert_null (result);
  g_assert_error (error, domain, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, base) == NULL || strstr (error->message, fragment) == NULL)
    g_error ("the error for %s should name it and say “%s”: %s", base, fragment, error->message);
  g_assert_cmpfloat (seconds, <, MAX_SECONDS);

  after = count_store (store);
  g_assert_cmpint (after.orders, ==, before.orders);
  g_assert_cmpint (after.imports, ==, before.imports);
  g_assert_cmpint (after.rows, ==, before.rows);
  g_assert_cmpstr (lc_store_get_currency (store), ==, "USD");
}

/* Runs liftcheck-cli with argv; returns its exit status, its stderr and
 * its peak resident memory in MiB. */
static int
run_cli_measured (const char * const *args,
                  char              **out_stderr,
                  double             *out_rss_mb,
                  double             *out_seconds)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  char buf[4096];
  ssize_t n;
  GPid pid;
  int err_fd;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                            NULL, NULL, &pid, NULL, NULL, &err_fd, &error);
  g_assert_no_error (error);
  while ((n = read (err_fd, buf, sizeof buf)) > 0)
    g_string_append_len (err, buf, n);
  close (err_fd);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);
  *out_seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *out_rss_mb = usage.ru_maxrss / 1024.0;
  *out_stderr = g_string_free (g_steal_pointer (&err), FALSE);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* The same file through liftcheck-cli: exit status 2, the file named, the
 * store file byte for byte as it was, and bounded memory. */
static void
assert_refused_by_cli (const char *path,
                       const char *fragment)
{
  g_autofree char *store = g_build_filename (get_workdir (), "cli.liftcheck", NULL);
  g_autofree char *seed = write_text ("seed_orders.csv", ORDERS_HEADER GOOD_ROW, -1);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "import", "-q", store, path, NULL };
  double rss_mb;
  double seconds;

  if (!g_file_test (store, G_FILE_TEST_EXISTS))
    g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", "-q", store, seed, NULL), ==, 0);
  sum = lc_test_file_checksum (store);

  g_assert_cmpint (run_cli_measured (args, &err, &rss_mb, &seconds), ==, 2);
  g_test_message ("liftcheck-cli on %s: %.2f s, %.0f MiB", base, seconds, rss_mb);
  g_assert_nonnull (strstr (err, base));
  g_assert_nonnull (strstr (err, fragment));
  g_assert_nonnull (strstr (err, "the store is as it was"));
  g_assert_cmpfloat (seconds, <, MAX_SECONDS);
  g_assert_cmpfloat (rss_mb, <, MAX_RSS_MB);
  sum_after = lc_test_file_checksum (store);
  g_assert_cmpstr (sum, ==, sum_after);
}

static void
test_million_column_header (void)
{
  g_autofree char *path = NULL;
  FILE *file = open_file ("million_columns.csv", &path);

  write_repeated (file, "Name,", 5, 1000000);
  fputs ("Id\n", file);
  close_file (file);

  assert_refused_in_process (path, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE, "line 1");
  assert_refused_by_cli (path, "line 1");
}

/* Just under the reader's column limit: every header check must stay
 * linear in the number of columns. */
static void
test_widest_headers_are_read_quickly (void)
{
  static const char * const headers[] = {
    "Day,Sessions,",
    "Name,Financial Status,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Id,",
  };

  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      g_autoptr(LcStore) store = new_seeded_store (NULL);
      g_autoptr(LcImportResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *name = g_strdup_printf ("wide_%u.csv", h);
      const char *paths[] = { NULL, NULL };
      FILE *file = open_file (name, &path);
      gint64 start;
      double seconds;

      fputs (headers[h], file);
      for (guint i = 0; i < 99980; i++)
        fprintf (file, "Extra %u,", i);
      fputs ("Last\n", file);
      close_file (file);
      paths[0] = path;

      start = g_get_monotonic_time ();
      result = lc_store_import_files (store, paths, NULL, NULL, NULL, &error);
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_test_message ("%s: %.2f s: %s", name, seconds, error != NULL ? error->message : "imported");
      g_assert_cmpfloat (seconds, <, MAX_SECONDS);
      /* A header and no rows. */
      g_assert_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS);
      g_assert_nonnull (strstr (error->message, name));
    }
}

static void
test_hundred_megabyte_field (void)
{
  g_autofree char *path = NULL;
  g_autofree char *quoted = NULL;
  FILE *file = open_file ("huge_field.csv", &path);

  fputs (ORDERS_HEADER GOOD_ROW "#2,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,1,", file);
  write_repeated (file, "xxxxxxxxxxxxxxxx", 16, 100 * 1024 * 1024 / 16);
  fputs (",40.00,,0.00,2\n", file);
  close_file (file);
  assert_refused_in_process (path, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE, "line 3");
  assert_refused_by_cli (path, "line 3");

  /* The same inside quotes that never close. */
  file = open_file ("huge_quoted_field.csv", &quoted);
  fputs (ORDERS_HEADER GOOD_ROW "#2,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,1,\"", file);
  write_repeated (file, "xxxxxxx\nxxxxxxx\n", 16, 100 * 1024 * 1024 / 16);
  close_file (file);
  assert_refused_in_process (quoted, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE, "line 3");
  assert_refused_by_cli (quoted, "line 3");
}

static void
test_repeated_quotes (void)
{
  g_autofree char *path = NULL;
  g_autofree char *odd = NULL;
  FILE *file = open_file ("quote_bomb.csv", &path);

  /* 40 million quote marks: one quoted field of 20 million doubled quotes. */
  fputs (ORDERS_HEADER GOOD_ROW "#2,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,1,", file);
  write_repeated (file, "\"\"\"\"\"\"\"\"", 8, 40 * 1000 * 1000 / 8);
  fputs (",40.00,,0.00,2\n", file);
  close_file (file);
  assert_refused_in_process (path, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE, "line 3");
  assert_refused_by_cli (path, "line 3");

  /* Quote triples across a whole line: a closing quote followed by text. */
  file = open_file ("quote_triples.csv", &odd);
  fputs (ORDERS_HEADER GOOD_ROW, file);
  write_repeated (file, "\"\"\"x", 4, 1000000);
  fputs ("\n", file);
  close_file (file);
  assert_refused_in_process (odd, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE, "line 3");
}

static void
test_nul_bytes (void)
{
  static const char in_row[] = ORDERS_HEADER GOOD_ROW "#2,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,1,Be\0lt,40.00,,0.00,2\n";
  static const char in_header[] = "Na\0me,Id\n#1,1\n";
  g_autofree char *row_path = write_text ("nul_in_row.csv", in_row, sizeof in_row - 1);
  g_autofree char *header_path = write_text ("nul_in_header.csv", in_header, sizeof in_header - 1);
  g_autofree char *all_path = NULL;
  FILE *file = open_file ("all_nul.csv", &all_path);

  write_repeated (file, "\0\0\0\0\0\0\0\0", 8, 1024 * 1024);
  close_file (file);

  assert_refused_in_process (row_path, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT, "line 3");
  assert_refused_in_process (header_path, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT, "line 1");
  assert_refused_in_process (all_path, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT, "line 1");
  assert_refused_by_cli (row_path, "line 3");
}

static void
test_invalid_utf8_everywhere (void)
{
  /* Bytes no UTF-8 text has, in the header and in every field. */
  static const char header[] = "\xff\xfe\xc0\x80,\xed\xa0\x80,\xf8\x88\x80\x80\x80\n\xc3,\xe2\x82,\xf0\x9f\x98\n";
  static const char rows[] =
    ORDERS_HEADER GOOD_ROW
    "#\xff,\xc0\xaf,\xfe\xfe\xfe,\x80\x80,\xed\xa0\x80,2024-03-04\xff,\xc3,\xf8\x88\x80\x80\x80,\xe2\x82,\xff,\xfe,\xc0\n";
  g_autofree char *header_path = write_text ("bad_utf8_header.csv", header, -1);
  g_autofree char *rows_path = write_text ("bad_utf8_rows.csv", rows, -1);

  assert_refused_in_process (header_path, LC_IMPORT_ERROR, LC_IMPORT_ERROR_UNKNOWN_KIND, "line 1");
  assert_refused_in_process (rows_path, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE, "line 3");
  assert_refused_by_cli (rows_path, "line 3");
}

static void
test_years_zero_and_9999 (void)
{
  static const char * const dates[] = {
    "0000-01-01 00:00:00 +0000",
    "9999-12-31 23:59:59 +0000",
    "-0001-01-01",
    "99999-01-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *orders = g_strdup_printf (ORDERS_HEADER GOOD_ROW
                                                 "#2,paid,USD,40.00,45.00,%s,1,Belt,40.00,,0.00,2\n", dates[i]);
      g_autofree char *sessions = g_strdup_printf ("Day,Sessions\n2024-03-04,10\n%.10s,12\n", dates[i]);
      g_autofree char *orders_name = g_strdup_printf ("year_orders_%u.csv", i);
      g_autofree char *sessions_name = g_strdup_printf ("year_sessions_%u.csv", i);
      g_autofree char *orders_path = write_text (orders_name, orders, -1);
      g_autofree char *sessions_path = write_text (sessions_name, sessions, -1);

      assert_refused_in_process (orders_path, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE, "line 3, column “Created at”");
      assert_refused_in_process (sessions_path, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE, "line 3");
    }
}

static void
test_amounts_beyond_int64 (void)
{
  static const struct {
    const char *name;
    const char *row;
    const char *fragment;
  } cases[] = {
    { "total", "#2,paid,USD,40.00,99999999999999999999.00,2024-03-04 10:00:00 -0500,1,Belt,40.00,,0.00,2\n", "column “Total”" },
    { "negative", "#2,paid,USD,40.00,-99999999999999999999.00,2024-03-04 10:00:00 -0500,1,Belt,40.00,,0.00,2\n", "column “Total”" },
    { "price", "#2,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,1,Belt,92233720368547758.08,,0.00,2\n", "column “Lineitem price”" },
    { "quantity", "#2,paid,USD,40.00,45.00,2024-03-04 10:00:00 -0500,99999999999999999999,Belt,40.00,,0.00,2\n", "column “Lineitem quantity”" },
    /* Within int64, but a few thousand of them would overflow a year's sum:
     * no real order is worth half a quadrillion. */
    { "huge", "#2,paid,USD,40.00,50000000000000000.00,2024-03-04 10:00:00 -0500,1,Belt,40.00,,0.00,2\n", "column “Total”: “50000000000000000.00” is far more than any real order" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (ORDERS_HEADER GOOD_ROW, cases[i].row, NULL);
      g_autofree char *name = g_strdup_printf ("amount_%s.csv", cases[i].name);
      g_autofree char *path = write_text (name, text, -1);
      g_autofree char *fragment = g_strconcat ("line 3, ", cases[i].fragment, NULL);

      assert_refused_in_process (path, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE, fragment);
    }
}

static void
test_bomb_of_blank_lines (void)
{
  g_autofree char *after_header = NULL;
  g_autofree char *only_blank = NULL;
  FILE *file = open_file ("blank_lines.csv", &after_header);

  fputs (ORDERS_HEADER, file);
  write_repeated (file, "\n\n\n\n\n\n\n\n", 8, 20 * 1000 * 1000 / 8);
  close_file (file);
  assert_refused_in_process (after_header, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS, "blank_lines.csv");
  assert_refused_by_cli (after_header, "blank_lines.csv");

  file = open_file ("only_blank_lines.csv", &only_blank);
  write_repeated (file, "\r\n\r\n\r\n\r\n", 8, 20 * 1000 * 1000 / 8);
  close_file (file);
  assert_refused_in_process (only_blank, LC_CSV_ERROR, LC_CSV_ERROR_EMPTY, "only_blank_lines.csv");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/hostile/million-column-header", test_million_column_header);
  g_test_add_func ("/lc/hostile/widest-headers-are-read-quickly", test_widest_headers_are_read_quickly);
  g_test_add_func ("/lc/hostile/hundred-megabyte-field", test_hundred_megabyte_field);
  g_test_add_func ("/lc/hostile/repeated-quotes", test_repeated_quotes);
  g_test_add_func ("/lc/hostile/nul-bytes", test_nul_bytes);
  g_test_add_func ("/lc/hostile/invalid-utf8-everywhere", test_invalid_utf8_everywhere);
  g_test_add_func ("/lc/hostile/years-zero-and-9999", test_years_zero_and_9999);
  g_test_add_func ("/lc/hostile/amounts-beyond-int64", test_amounts_beyond_int64);
  g_test_add_func ("/lc/hostile/bomb-of-blank-lines", test_bomb_of_blank_lines);

  return g_test_run ();
}
