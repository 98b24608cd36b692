/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-report"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "lc-advice-csv.h"
#include "lc-advisor.h"
#include "lc-csv.h"
#include "lc-demo.h"
#include "lc-display.h"
#include "lc-feature.h"
#include "lc-metrics.h"
#include "lc-report.h"
#include "lc-test-util.h"

/* Personal columns a Shopify export carries, which must never reach a
 * report: two orders before the demo's first day. */
static const char personal_csv[] =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,"
  "Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
  "Lineitem sku,Lineitem requires shipping,Billing Name,Billing Street,Billing Zip,Billing Phone,Note Attributes,"
  "Cancelled at,Refunded Amount,Vendor,Id,Tags,Source,Lineitem discount\n"
  "#9002,ann.privacy@example.com,paid,2024-03-10 12:00:00 -0400,,no,USD,90.00,0.00,7.20,97.20,,0.00,"
  "2024-03-10 12:00:00 -0400,1,Dress - Blue / S,90.00,,DRS-BLU-S,true,Annabel Privatesmith,17 Hiddenway Lane,'02139,"
  "+15551234567,,,0.00,Acme,9902,,web,0.00\n"
  "#9001,carl.privacy@example.com,paid,2024-03-01 08:00:00 -0500,,no,USD,40.00,6.95,3.28,50.23,,0.00,"
  "2024-03-01 08:00:00 -0500,2,Tote Bag,20.00,,TOT-1,true,Carlos Secretname,3 Quietplace Rd,94110,+15550001111,,,0.00,"
  "Acme,9901,,web,0.00\n";

static char *store_path;
static char *tmpdir;

/* One demo store for every case: 60 orders a day over two years, with its
 * planted feature switches, and two orders with personal details. */
static const char *
get_store (void)
{
  if (store_path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcStore) store = NULL;
      g_autoptr(LcImportResult) result = NULL;
      LcDemoOptions options;

      tmpdir = lc_test_make_tmpdir ();
      store_path = g_build_filename (tmpdir, "client.liftcheck", NULL);
      store = lc_store_open (store_path, LC_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      result = lc_test_import_text (store, "orders_export_1.csv", personal_csv, &error);
      g_assert_no_error (error);
      g_assert_nonnull (result);
      g_clear_object (&store);

      lc_demo_options_init (&options);
      options.orders_per_day = 60;
      options.years = 2;
      lc_demo_create_store (&options, store_path, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  return store_path;
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext or pdfinfo is not installed (poppler-utils)");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Whitespace (line breaks of wrapped text, table gaps) as single spaces. */
static char *
normalize (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          in_space = TRUE;
          continue;
        }
      if (in_space && out->len > 0)
        g_string_append_c (out, ' ');
      in_space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
write_report (const char *name,
              const char *paper)
{
  const char *store = get_store ();
  g_autofree char *pdf = g_build_filename (tmpdir, name, NULL);
  g_autofree char *err = NULL;
  int status;

  status = lc_test_run_cli (NULL, &err, "report", store, "-o", pdf, "--paper", paper, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  return g_steal_pointer (&pdf);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = run (argv);

  return normalize (text);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *normal = normalize (needle);

  if (strstr (haystack, normal) == NULL)
    g_error ("the report does not say “%s”", normal);
}

static JsonObject *
cli_json (JsonParser *parser,
          const char *command)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lc_test_run_cli (&out, NULL, command, get_store (), "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_text_has_every_verdict_and_reason (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAdvice) advice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  JsonObject *recommend;
  JsonArray *features;

  if (!have_poppler ())
    return;
  pdf = write_report ("verdicts.pdf", "a4");
  text = pdf_text (pdf);

  store = lc_store_open (get_store (), LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  advice = lc_store_advise (store, &error);
  g_assert_no_error (error);
  recommend = cli_json (parser, "recommend");
  features = json_object_get_array_member (recommend, "features");
  g_assert_cmpuint (json_array_get_length (features), ==, advice->verdicts->len);
  g_assert_cmpuint (advice->verdicts->len, ==, LC_ADVISOR_N_FEATURES);

  assert_contains (text, lc_tier_get_title (advice->tier));
  assert_contains (text, lc_tier_get_advice (advice->tier));
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      const char *id = json_object_get_string_member (feature, "feature");
      const LcVerdict *v = lc_advice_lookup (advice, id);
      JsonArray *reasons = json_object_get_array_member (feature, "reasons");
      LcDay review;

      g_assert_nonnull (v);
      g_assert_cmpstr (lc_verdict_kind_to_string (v->verdict), ==, json_object_get_string_member (feature, "verdict"));
      assert_contains (text, lc_feature_info_get_title (lc_feature_lookup (id)));
      assert_contains (text, lc_verdict_get_title (v));
      g_assert_cmpuint (json_array_get_length (reasons), >, 0);
      for (guint k = 0; k < json_array_get_length (reasons); k++)
        assert_contains (text, json_array_get_string_element (reasons, k));
      g_assert_true (lc_day_parse (json_object_get_string_member (feature, "review_on"), &review, NULL));
      {
        g_autofree char *day = lc_display_day (review);

        assert_contains (text, day);
      }
    }
  /* The closing page. */
  assert_contains (text, "How these numbers are computed");
}

static void
test_headline_numbers_match_summary (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  JsonObject *s;
  const char *currency;
  g_autofree char *orders = NULL;
  g_autofree char *aov = NULL;
  g_autofree char *upt = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *revenue = NULL;

  if (!have_poppler ())
    return;
  pdf = write_report ("headline.pdf", "a4");
  text = pdf_text (pdf);
  s = cli_json (parser, "summary");
  currency = json_object_get_string_member (s, "currency");

  /* As the report prints them: the summary's whole-history numbers and
   * its revenue of the last 365 days. */
  orders = lc_display_count (json_object_get_int_member (s, "orders"));
  aov = lc_display_money (json_object_get_double_member (s, "aov"), currency, -1);
  upt = g_strdup_printf ("%.2f items per order", json_object_get_double_member (s, "upt"));
  rate = g_strdup_printf ("%.1f%% of sales refunded", json_object_get_double_member (s, "return_rate") * 100);
  revenue = lc_display_money (json_object_get_double_member (s, "revenue_12m"), currency, 0);
  assert_contains (text, orders);
  assert_contains (text, aov);
  assert_contains (text, upt);
  assert_contains (text, rate);
  assert_contains (text, revenue);
  assert_contains (text, "Last 12 months");
  assert_contains (text, "A year earlier");
}

static void
test_no_customer_data (void)
{
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;
  gsize len;
  const char *personal[] = { "@", "example.com", "privacy", "Annabel", "Privatesmith", "Carlos", "Secretname",
                             "Hiddenway", "Quietplace", "5551234567", "5550001111" };

  if (!have_poppler ())
    return;
  pdf = write_report ("private.pdf", "a4");
  text = pdf_text (pdf);
  g_assert_true (g_file_get_contents (pdf, &raw, &len, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    {
      g_assert_null (strstr (text, personal[i]));
      /* Compressed streams hold any short byte sequence by chance. */
      if (strlen (personal[i]) >= 7)
        g_assert_null (g_strstr_len (raw, len, personal[i]));
    }
  /* The imported orders are there: the report covers them from their day. */
  assert_contains (text, "1 Mar 2024");
}

static char *
pdf_info (const char *pdf,
          const char *key)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key))
      return g_strdup (g_strstrip (lines[i] + strlen (key)));
  g_error ("pdfinfo gives no %s", key);
  return NULL;
}

static void
test_pages_and_paper (void)
{
  g_autofree char *a4 = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *a4_size = NULL;
  g_autofree char *letter_size = NULL;
  g_autofree char *letter_pages = NULL;
  guint64 n;

  if (!have_poppler ())
    return;
  a4 = write_report ("a4.pdf", "a4");
  letter = write_report ("letter.pdf", "letter");

  pages = pdf_info (a4, "Pages:");
  g_assert_true (g_ascii_string_to_unsigned (pages, 10, 8, 14, &n, NULL));
  a4_size = pdf_info (a4, "Page size:");
  g_assert_true (g_str_has_prefix (a4_size, "595.276 x 841.89 pts (A4)"));
  letter_size = pdf_info (letter, "Page size:");
  g_assert_true (g_str_has_prefix (letter_size, "612 x 792 pts (letter)"));
  letter_pages = pdf_info (letter, "Pages:");
  g_assert_true (g_ascii_string_to_unsigned (letter_pages, 10, 8, 14, &n, NULL));
}

static void
test_paper_follows_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_PAPER, NULL));
  LcPaper paper;

  g_assert_true (lc_paper_from_string ("Letter", &paper));
  g_assert_cmpint (paper, ==, LC_PAPER_LETTER);
  g_assert_true (lc_paper_from_string ("a4", &paper));
  g_assert_cmpint (paper, ==, LC_PAPER_A4);
  g_assert_false (lc_paper_from_string ("legal", &paper));

  if (setlocale (LC_PAPER, "C") != NULL)
    g_assert_cmpint (lc_paper_from_locale (), ==, LC_PAPER_A4);
  if (setlocale (LC_PAPER, "en_US.UTF-8") == NULL)
    {
      setlocale (LC_PAPER, saved);
      g_test_skip ("the en_US.UTF-8 locale is not installed");
      return;
    }
  g_assert_cmpint (lc_paper_from_locale (), ==, LC_PAPER_LETTER);
  setlocale (LC_PAPER, saved);
}

static void
test_chart_writes_png_and_svg (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "aov.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "upt.svg", NULL);
  g_autofree char *bad = g_build_filename (dir, "aov.gif", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "chart", get_store (), "aov", "-o", png,
                                    "--by", "month", "--from", "2025-01-01", "--to", "2026-06-30",
                                    "--width", "640", "--height", "320", NULL), ==, 0);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 320);
  cairo_surface_destroy (surface);

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "chart", get_store (), "upt", "-o", svg, NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "chart", get_store (), "aov", "-o", bad, NULL), ==, 1);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "chart", get_store (), "profit", "-o", png, NULL), ==, 1);
}

static void
test_recommend_csv_quotes_and_matches_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAdvice) advice = NULL;
  g_autofree char *out = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  g_autofree char *core = NULL;
  LcCsvReader *reader;
  guint rows = 0;

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "recommend", get_store (), "--csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "feature,verdict,first_reason,watch_metric,review_on\r\n"));

  store = lc_store_open (get_store (), LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  advice = lc_store_advise (store, &error);
  g_assert_no_error (error);
  core = lc_advice_to_csv (advice);
  g_assert_cmpstr (out, ==, core);

  dir = lc_test_make_tmpdir ();
  path = lc_test_write_file (dir, "verdicts.csv", out, -1);
  reader = lc_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  lc_csv_reader_read_header (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_csv_reader_get_n_columns (reader), ==, 5);
  while (lc_csv_reader_next (reader, NULL, &error))
    {
      const LcVerdict *v = g_ptr_array_index (advice->verdicts, rows);
      g_autofree char *review = lc_day_format (v->review_on);

      g_assert_cmpstr (lc_csv_reader_get_field (reader, 0), ==, v->feature);
      g_assert_cmpstr (lc_csv_reader_get_field (reader, 1), ==, lc_verdict_kind_to_string (v->verdict));
      g_assert_cmpstr (lc_csv_reader_get_field (reader, 2), ==, g_ptr_array_index (v->reasons, 0));
      g_assert_cmpstr (lc_csv_reader_get_field (reader, 3), ==, lc_metric_to_string (v->watch_metric));
      g_assert_cmpstr (lc_csv_reader_get_field (reader, 4), ==, review);
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, advice->verdicts->len);
  lc_csv_reader_free (reader);

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "recommend", get_store (), "--csv", "--json", NULL), ==, 1);

  g_free (path);
  path = g_build_filename (dir, "core.csv", NULL);
  g_assert_true (lc_advice_write_csv (advice, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, core);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *fractions;
  gboolean   done;
  GError    *error;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;
  double *copy = g_new (double, 1);

  /* In the caller's main context, never after the result. */
  g_assert_false (state->done);
  *copy = fraction;
  g_ptr_array_add (state->fractions, copy);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->done = TRUE;
  lc_report_write_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async_reports_progress_and_cancels (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "async.pdf", NULL);
  g_autofree char *cancelled = g_build_filename (dir, "cancelled.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };
  LcReportOptions options;

  state.loop = g_main_loop_new (NULL, FALSE);
  state.fractions = g_ptr_array_new_with_free_func (g_free);
  lc_report_options_init (&options);
  options.paper = LC_PAPER_LETTER;
  options.store_name = "Client & Co";

  lc_report_write_async (get_store (), pdf, &options, on_progress, &state, NULL, on_written, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  /* Progress arrives before the result (the main loop runs it in order). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (state.fractions->len, >=, 3);
  for (guint i = 1; i < state.fractions->len; i++)
    g_assert_cmpfloat (*(double *) g_ptr_array_index (state.fractions, i), >=,
                       *(double *) g_ptr_array_index (state.fractions, i - 1));

  /* Cancelled before it starts: an error, and no file. */
  state.done = FALSE;
  g_cancellable_cancel (cancellable);
  lc_report_write_async (get_store (), cancelled, &options, NULL, NULL, cancellable, on_written, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));

  g_ptr_array_unref (state.fractions);
  g_main_loop_unref (state.loop);
}

static void
test_empty_store_is_refused (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "empty.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (lc_report_write (store, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_NO_ORDERS);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "report", path, "-o", pdf, NULL), ==, 3);
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "report", path, NULL), ==, 1);
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "report", path, "-o", pdf, "--paper", "legal", NULL), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/report/text-has-every-verdict-and-reason", test_text_has_every_verdict_and_reason);
  g_test_add_func ("/lc/report/headline-numbers-match-summary", test_headline_numbers_match_summary);
  g_test_add_func ("/lc/report/no-customer-data", test_no_customer_data);
  g_test_add_func ("/lc/report/pages-and-paper", test_pages_and_paper);
  g_test_add_func ("/lc/report/paper-follows-locale", test_paper_follows_locale);
  g_test_add_func ("/lc/report/chart-writes-png-and-svg", test_chart_writes_png_and_svg);
  g_test_add_func ("/lc/report/recommend-csv-quotes-and-matches-json", test_recommend_csv_quotes_and_matches_json);
  g_test_add_func ("/lc/report/async-reports-progress-and-cancels", test_async_reports_progress_and_cancels);
  g_test_add_func ("/lc/report/empty-store-is-refused", test_empty_store_is_refused);

  return g_test_run ();
}
