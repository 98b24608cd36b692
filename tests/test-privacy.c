/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "lc-import.h"
#include "lc-shopify-sync.h"
#include "lc-store-private.h"
#include "lc-test-util.h"

/*
 * Customer e-mails, names, addresses and phones are never stored (DESIGN.md,
 * "The store"): after importing an orders export full of them, not one may
 * appear anywhere in the store file, its write-ahead log and shared-memory
 * index, its import log, or anything the CLI prints. The PDF report does not
 * exist yet; when it does, its bytes belong in this search too.
 *
 * The same holds for orders from the Shopify Admin API, and for the access
 * token a sync sends: neither in the store, its settings, the log nor the
 * output of a sync that fails or is killed halfway.
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
    /* The store, and its journal or log when there is one: the first
     * import into a new store writes the file itself. */
    g_assert_cmpuint (assert_files_clean (store_path), >=, 1);
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


/* Shopify's Admin API, as a loopback server in this process. */

#define TOKEN "shpat_privacyProbe_93f1c0ffee77"

static const char api_page[] =
  "{\"data\": {\"shop\": {\"currencyCode\": \"USD\", \"ianaTimezone\": \"America/New_York\"}, "
  "\"ordersCount\": {\"count\": 1, \"precision\": \"EXACT\"}, "
  "\"orders\": {\"pageInfo\": {\"hasNextPage\": false, \"endCursor\": \"c1\"}, \"nodes\": [{"
  "\"id\": \"gid://shopify/Order/880001\", \"name\": \"#5001\", \"createdAt\": \"2024-03-02T15:00:00Z\", "
  "\"updatedAt\": \"2024-03-02T15:00:00Z\", \"cancelledAt\": null, \"displayFinancialStatus\": \"PAID\", "
  "\"email\": \"Zelda.Quistgaard-7731@privacy-probe.example\", \"discountCode\": null, \"sourceName\": \"web\", "
  "\"tags\": [], \"subtotalPriceSet\": {\"shopMoney\": {\"amount\": \"25.0\"}}, "
  "\"totalShippingPriceSet\": {\"shopMoney\": {\"amount\": \"0.0\"}}, \"totalTaxSet\": {\"shopMoney\": {\"amount\": \"0.0\"}}, "
  "\"totalPriceSet\": {\"shopMoney\": {\"amount\": \"25.0\"}}, \"totalDiscountsSet\": {\"shopMoney\": {\"amount\": \"0.0\"}}, "
  "\"totalRefundedSet\": {\"shopMoney\": {\"amount\": \"0.0\"}}, "
  "\"lineItems\": {\"pageInfo\": {\"hasNextPage\": false, \"endCursor\": \"l1\"}, \"nodes\": [{"
  "\"id\": \"gid://shopify/LineItem/1\", \"name\": \"Canvas Tote - Natural\", \"sku\": \"TOTE-NAT\", \"quantity\": 1, "
  "\"vendor\": \"Acme\", \"originalUnitPriceSet\": {\"shopMoney\": {\"amount\": \"25.0\"}}, "
  "\"totalDiscountSet\": {\"shopMoney\": {\"amount\": \"0.0\"}}}]}, \"refunds\": []}]}}, "
  "\"extensions\": {\"cost\": {\"requestedQueryCost\": 100, \"actualQueryCost\": 12, \"throttleStatus\": "
  "{\"maximumAvailable\": 1000.0, \"currentlyAvailable\": 988, \"restoreRate\": 50.0}}}}";

static const char api_throttled[] =
  "{\"errors\": [{\"message\": \"Throttled\", \"extensions\": {\"code\": \"THROTTLED\"}}], "
  "\"extensions\": {\"cost\": {\"requestedQueryCost\": 100, \"throttleStatus\": "
  "{\"maximumAvailable\": 1000.0, \"currentlyAvailable\": 50, \"restoreRate\": 50.0}}}}";

typedef struct
{
  guint requests;
  guint tokens_seen;
  GPid  kill_on_second;   /* a child to abort when its second request comes */
} Probe;

static void
serve_probe (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Probe *probe = user_data;
  const char *token = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                    "X-Shopify-Access-Token");
  const char *body;

  probe->requests++;
  probe->tokens_seen += g_strcmp0 (token, TOKEN) == 0;
  if (probe->kill_on_second != 0 && probe->requests == 2)
    kill (probe->kill_on_second, SIGABRT);
  /* Every first request is throttled: the sync waits and logs it. */
  body = probe->requests % 2 == 1 ? api_throttled : api_page;
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static SoupServer *
probe_server_new (Probe  *probe,
                  char  **out_url)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, serve_probe, probe, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *out_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* Everything logged in this process. */
static GString *logged;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; logged != NULL && i < n_fields; i++)
    if (fields[i].length < 0)
      g_string_append_printf (logged, "%s=%s\n", fields[i].key, (const char *) fields[i].value);
    else
      g_string_append_printf (logged, "%s=%.*s\n", fields[i].key, (int) fields[i].length,
                              (const char *) fields[i].value);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
assert_no_token (const char *what,
                 const char *bytes,
                 gsize       len)
{
  if (len > 0 && (memmem (bytes, len, TOKEN, strlen (TOKEN)) != NULL ||
                  memmem (bytes, len, "privacyProbe", strlen ("privacyProbe")) != NULL))
    g_error ("%s holds the Shopify access token", what);
}

static void
assert_store_has_no_token (const char *store_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &contents, &len, NULL))
        assert_no_token (path, contents, len);
    }
}

typedef struct
{
  GMainLoop           *loop;
  LcShopifySyncResult *result;
  GError              *error;
} SyncWait;

static void
on_synced (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->result = lc_shopify_sync_finish (res, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
test_api_sync_keeps_no_token_or_email (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store_path = g_build_filename (dir, "private.liftcheck", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  Probe probe = { 0 };
  g_autoptr(SoupServer) server = probe_server_new (&probe, &url);
  LcShopifySyncOptions options = { 0 };
  SyncWait wait = { 0 };

  logged = g_string_new (NULL);
  options.shop = "token-probe";
  options.token = TOKEN;
  options.endpoint = url;
  options.since_utc = -1;
  wait.loop = g_main_loop_new (NULL, FALSE);
  lc_shopify_sync_async (store_path, &options, NULL, NULL, NULL, on_synced, &wait);
  g_main_loop_run (wait.loop);
  g_assert_no_error (wait.error);
  g_assert_cmpint (wait.result->orders_added, ==, 1);
  /* Every request carried the token (a first sync asks for a bulk export
   * first; this probe answers with pages, which the sync then reads). */
  g_assert_cmpuint (probe.tokens_seen, ==, probe.requests);
  g_assert_cmpuint (probe.requests, >=, 2);

  /* The control: what the sync does keep is found by the same search (a
   * line's product and variant; its name is made from them). */
  g_assert_true (files_contain (store_path, "Canvas Tote"));
  g_assert_true (files_contain (store_path, "Natural"));
  g_assert_true (files_contain (store_path, "token-probe.myshopify.com"));
  assert_store_has_no_token (store_path);
  g_assert_cmpuint (assert_files_clean (store_path), >=, 1);
  {
    g_autoptr(LcStore) store = lc_store_open (store_path, LC_STORE_OPEN_DEFAULT, &error);
    sqlite3_stmt *stmt;

    g_assert_no_error (error);
    stmt = _lc_store_prepare (store, "SELECT group_concat(key || '=' || value, ';') FROM settings", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    assert_no_token ("the store's settings", (const char *) sqlite3_column_text (stmt, 0),
                     sqlite3_column_bytes (stmt, 0));
    g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0), "token-probe.myshopify.com"));
    sqlite3_reset (stmt);
  }
  for (guint w = 0; w < wait.result->warnings->len; w++)
    assert_no_token ("a sync warning", g_ptr_array_index (wait.result->warnings, w),
                     strlen (g_ptr_array_index (wait.result->warnings, w)));

  /* The log of the sync, with debug messages on: it logged its wait. */
  g_assert_nonnull (strstr (logged->str, "lc-shopify-sync"));
  assert_no_token ("the log", logged->str, logged->len);
  assert_no_personal_data ("the log", logged->str, logged->len);

  g_clear_pointer (&wait.result, lc_shopify_sync_result_free);
  g_main_loop_unref (wait.loop);
  g_string_free (g_steal_pointer (&logged), TRUE);
}

typedef struct
{
  GMainLoop *loop;
  int        status;
} ChildWait;

static void
on_child_exit (GPid     pid,
               int      status,
               gpointer user_data)
{
  ChildWait *wait = user_data;

  wait->status = status;
  g_spawn_close_pid (pid);
  g_main_loop_quit (wait->loop);
}

static char *
read_all (int fd)
{
  GString *out = g_string_new (NULL);
  char buf[4096];
  gssize n;

  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (out, buf, n);
  close (fd);
  return g_string_free (out, FALSE);
}

/* The CLI, with every debug message on, aborted by the server in the middle
 * of its sync: neither what it printed nor the store holds the token. */
static void
test_aborted_sync_prints_no_token (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store_path = g_build_filename (dir, "private.liftcheck", NULL);
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  Probe probe = { 0 };
  g_autoptr(SoupServer) server = probe_server_new (&probe, &url);
  ChildWait wait = { 0 };
  const char *argv[] = { g_getenv ("LC_CLI"), "shopify-sync", store_path, "--shop", "token-probe",
                         "--endpoint", url, NULL };
  int out_fd = -1, err_fd = -1;
  GPid pid = 0;

  env = g_environ_setenv (env, "LIFTCHECK_SHOPIFY_TOKEN", TOKEN, TRUE);
  env = g_environ_setenv (env, "G_MESSAGES_DEBUG", "all", TRUE);
  env = g_environ_setenv (env, "LC_SHOPIFY_TIME_SCALE", "0.1", TRUE);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, &err_fd, &error));
  g_assert_no_error (error);
  probe.kill_on_second = pid;
  wait.loop = g_main_loop_new (NULL, FALSE);
  g_child_watch_add (pid, on_child_exit, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  /* It was killed mid-sync, after the throttled answer and its wait. */
  g_assert_cmpuint (probe.requests, ==, 2);
  g_assert_true (WIFSIGNALED (wait.status));
  g_assert_cmpint (WTERMSIG (wait.status), ==, SIGABRT);
  out = read_all (out_fd);
  err = read_all (err_fd);
  /* GLib prints debug messages on stdout. */
  g_assert_nonnull (strstr (out, "lc-shopify-sync-DEBUG"));
  assert_no_token ("the aborted sync's output", out, strlen (out));
  assert_no_token ("the aborted sync's messages", err, strlen (err));
  assert_store_has_no_token (store_path);
  g_assert_cmpuint (assert_files_clean (store_path), >=, 1);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv ("LC_SHOPIFY_TIME_SCALE", "0.1", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);

  g_test_add_func ("/lc/privacy/personal-data-never-reaches-store-or-output", test_personal_data_never_reaches_store_or_output);
  g_test_add_func ("/lc/privacy/errors-do-not-quote-personal-data", test_errors_do_not_quote_personal_data);
  g_test_add_func ("/lc/privacy/api-sync-keeps-no-token-or-email", test_api_sync_keeps_no_token_or_email);
  g_test_add_func ("/lc/privacy/aborted-sync-prints-no-token", test_aborted_sync_prints_no_token);

  return g_test_run ();
}
