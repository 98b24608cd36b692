/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lc-import.h"
#include "lc-store-private.h"
#include "lc-test-util.h"

/*
 * Customer e-mails, names, addresses and phones are never stored (DESIGN.md,
 * "The store"): after importing an orders export full of them, not one may
 * appear anywhere in the store file, its write-ahead log and shared-memory
 * index, its import log, or anything the CLI prints. The PDF report does not
 * exist yet; when it does, its bytes belong in this search too.
 */

/* The Shopify "Export orders" header of 2024 (79 columns). */
static const char * const columns[] = {
  "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
  "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
  "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
  "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
  "Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company", "Billing City",
  "Billing Zip", "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
  "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
  "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes", "Cancelled at",
  "Payment Method", "Payment Reference", "Refunded Amount", "Vendor", "Outstanding Balance", "Employee",
  "Location", "Device ID", "Id", "Tags", "Risk Level", "Source", "Lineitem discount", "Tax 1 Name",
  "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value", "Tax 4 Name", "Tax 4 Value",
  "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number", "Duties", "Billing Province Name",
  "Shipping Province Name", "Payment ID", "Payment Terms Name", "Next Payment Due At", "Payment References",
};

/* Personal values, each unlikely to occur by chance, by column. */
static const struct {
  const char *column;
  const char *value;
} personal[] = {
  { "Email", "Zelda.Quistgaard-7731@privacy-probe.example" },
  { "Billing Name", "Zelda Quistgaard" },
  { "Billing Street", "8814 Obscurity Lane" },
  { "Billing Address1", "8814 Obscurity Lane" },
  { "Billing Address2", "Apartment 77Q" },
  { "Billing Company", "Quistgaard Holdings" },
  { "Billing City", "Vexmoorton" },
  { "Billing Zip", "ZX9 7QP" },
  { "Billing Phone", "+15557771234" },
  { "Shipping Name", "Yorick Vantablack" },
  { "Shipping Street", "42 Hidden Hollow Road" },
  { "Shipping Address1", "42 Hidden Hollow Road" },
  { "Shipping Address2", "Flat 9B Wraithby" },
  { "Shipping Company", "Vantablack Ltd" },
  { "Shipping City", "Wraithbyford" },
  { "Shipping Zip", "QQ1 2ZZ" },
  { "Shipping Phone", "+447700900123" },
  { "Notes", "Leave it with Griselda Pemberton-Whyte next door" },
  { "Note Attributes", "gift-recipient: Ottoline Farquharson" },
  { "Phone", "+15550009876" },
  { "Employee", "Bartholomew Krzyzanowski" },
  { "Payment Reference", "c99887766554433.1" },
};

/* What else must not leak: the e-mail folded as the importer folds it for
 * hashing, its local part, and phone digits without the plus. */
static const char * const derived[] = {
  "zelda.quistgaard-7731@privacy-probe.example",
  "Quistgaard-7731",
  "privacy-probe",
  "5557771234",
  "7700900123",
  "5550009876",
};

static const char *
value_for (const char *column,
           guint       order)
{
  static char buf[128];

  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    if (g_str_equal (personal[i].column, column))
      return personal[i].value;

  if (g_str_equal (column, "Name"))
    {
      g_snprintf (buf, sizeof buf, "#%u", 5000 + order);
      return buf;
    }
  if (g_str_equal (column, "Id"))
    {
      g_snprintf (buf, sizeof buf, "%u", 880000 + order);
      return buf;
    }
  if (g_str_equal (column, "Financial Status"))
    return "paid";
  if (g_str_equal (column, "Currency"))
    return "USD";
  if (g_str_equal (column, "Subtotal") || g_str_equal (column, "Total") || g_str_equal (column, "Lineitem price"))
    return "25.00";
  if (g_str_equal (column, "Created at"))
    {
      g_snprintf (buf, sizeof buf, "2024-03-%02u 10:00:00 -0500", 1 + order);
      return buf;
    }
  if (g_str_equal (column, "Lineitem quantity"))
    return "1";
  if (g_str_equal (column, "Lineitem name"))
    return "Canvas Tote - Natural";
  if (g_str_equal (column, "Lineitem sku"))
    return "TOTE-NAT";
  if (g_str_equal (column, "Vendor"))
    return "Acme";
  if (g_str_equal (column, "Source"))
    return "web";
  return "";
}

static void
append_field (GString    *out,
              const char *value)
{
  if (strpbrk (value, ",\"\n") != NULL)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) parts = g_strsplit (value, "\"", -1);

      escaped = g_strjoinv ("\"\"", parts);
      g_string_append_printf (out, "\"%s\"", escaped);
    }
  else
    g_string_append (out, value);
}

/* Three orders of the same customer, so that repeat-customer matching has
 * something to match. */
static char *
make_export (void)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_field (out, columns[c]);
    }
  g_string_append (out, "\r\n");
  for (guint order = 0; order < 3; order++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_field (out, value_for (columns[c], order));
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* Fails naming the first personal value found in bytes (case folded). */
static void
assert_no_personal_data (const char *what,
                         const char *bytes,
                         gsize       len)
{
  /* Not g_ascii_strdown (): it stops at the first NUL, and a store file
   * has them from its 17th byte. */
  g_autofree char *folded = NULL;

  if (len == 0)
    return;
  folded = g_memdup2 (bytes, len);
  for (gsize i = 0; i < len; i++)
    folded[i] = g_ascii_tolower (folded[i]);

  for (guint i = 0; i < G_N_ELEMENTS (personal) + G_N_ELEMENTS (derived); i++)
    {
      const char *needle = i < G_N_ELEMENTS (personal) ? personal[i].value : derived[i - G_N_ELEMENTS (personal)];
      g_autofree char *folded_needle = g_ascii_strdown (needle, -1);

      if (memmem (folded, len, folded_needle, strlen (folded_needle)) != NULL)
        g_error ("%s holds the personal value “%s”", what, needle);
    }
}

static guint
assert_files_clean (const char *store_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  guint searched = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, NULL))
        continue;
      assert_no_personal_data (path, contents, len);
      searched++;
    }
  return searched;
}

/* The control: what the store does keep is found by the same search. */
static gboolean
files_contain (const char *store_path,
               const char *needle)
{
  static const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &contents, &len, NULL) &&
          memmem (contents, len, needle, strlen (needle)) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_personal_data_never_reaches_store_or_output (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *text = make_export ();
  g_autofree char *csv = lc_test_write_file (dir, "orders_export_1.csv", text, -1);
  g_autofree char *store_path = g_build_filename (dir, "private.liftcheck", NULL);
  g_autoptr(GError) error = NULL;
  /* Every command that prints something about the store. */
  static const char * const commands[][3] = {
    { "summary", NULL, NULL },
    { "summary", "--json", NULL },
    { "recommend", NULL, NULL },
    { "recommend", "--json", NULL },
    { "returns", "--json", NULL },
    { "bundles", "--json", NULL },
    { "series", "revenue", "--csv" },
    { "answers", "--json", NULL },
  };

  /* The export really holds what the store must not. */
  g_assert_nonnull (strstr (text, "Zelda.Quistgaard-7731@privacy-probe.example"));

  /* In this process, with the store still open: the log holds the pages
   * not yet written back. */
  {
    g_autoptr(LcStore) store = lc_store_open (store_path, LC_STORE_OPEN_CREATE, &error);
    g_autoptr(LcImportResult) result = NULL;
    const char *paths[] = { csv, NULL };

    g_assert_no_error (error);
    result = lc_store_import_files (store, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (result->orders_added, ==, 3);
    for (guint i = 0; i < result->files->len; i++)
      {
        LcImportFileResult *file = g_ptr_array_index (result->files, i);

        for (guint w = 0; w < file->warnings->len; w++)
          assert_no_personal_data ("an import warning", g_ptr_array_index (file->warnings, w),
                                   strlen (g_ptr_array_index (file->warnings, w)));
      }
    g_assert_cmpuint (assert_files_clean (store_path), >=, 2);
    /* The store keeps the line's product and variant, and makes its name
     * from them. */
    g_assert_true (files_contain (store_path, "Canvas Tote"));
    g_assert_true (files_contain (store_path, "Natural"));

    /* Repeat customers still match: one hash for the three orders. */
    {
      sqlite3_stmt *stmt = _lc_store_prepare (store, "SELECT COUNT(customer_hash), COUNT(DISTINCT customer_hash) FROM orders", &error);

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 3);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 1);
      sqlite3_reset (stmt);
    }
  }
  g_assert_cmpuint (assert_files_clean (store_path), >=, 1);

  /* The CLI: the import itself, then every report. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (lc_test_run_cli (&out, &err, "import", store_path, csv, NULL), ==, 0);
    assert_no_personal_data ("liftcheck-cli import's output", out, strlen (out));
    assert_no_personal_data ("liftcheck-cli import's messages", err, strlen (err));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (lc_test_run_cli (&out, &err, "import", "--json", store_path, csv, NULL), ==, 0);
    assert_no_personal_data ("liftcheck-cli import --json", out, strlen (out));
    assert_no_personal_data ("liftcheck-cli import --json's messages", err, strlen (err));
  }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *what = g_strjoin (" ", "liftcheck-cli", commands[i][0],
                                         commands[i][1], commands[i][2], NULL);

      lc_test_run_cli (&out, &err, commands[i][0], store_path,
                       commands[i][1], commands[i][2], NULL);
      assert_no_personal_data (what, out, strlen (out));
      assert_no_personal_data (what, err, strlen (err));
    }
  g_assert_cmpuint (assert_files_clean (store_path), >=, 1);
}

/* A bad row's error quotes the bad value, never the personal ones beside it. */
static void
test_errors_do_not_quote_personal_data (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *text = make_export ();
  g_autofree char *bad = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *store_path = g_build_filename (dir, "private.liftcheck", NULL);
  g_autofree char *err = NULL;
  char *date;

  /* Spoil the second order's date. */
  date = strstr (text, "2024-03-02 10:00:00 -0500");
  g_assert_nonnull (date);
  memcpy (date, "2024-13-02", 10);
  bad = g_steal_pointer (&text);
  csv = lc_test_write_file (dir, "orders_export.csv", bad, -1);

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "import", store_path, csv, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "line 3"));
  assert_no_personal_data ("liftcheck-cli import's error", err, strlen (err));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/privacy/personal-data-never-reaches-store-or-output", test_personal_data_never_reaches_store_or_output);
  g_test_add_func ("/lc/privacy/errors-do-not-quote-personal-data", test_errors_do_not_quote_personal_data);

  return g_test_run ();
}
