/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lc-demo.h"
#include "lc-display.h"
#include "lc-format.h"
#include "lc-metrics.h"
#include "lc-overview-page-private.h"
#include "lc-test-util.h"
#include "lc-window-private.h"

/* Generous: Xvfb on a loaded CI machine can be slow to map windows. */
#define WAIT_MS 30000

/* A small demo store (10 orders a day, one year), made once for all tests. */
static char *small_store_path;

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until condition holds or timeout_ms pass; returns
 * whether it holds. */
static gboolean
iterate_until (Condition condition,
               gpointer  data,
               guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source_id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source_id);

  return condition (data);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

/* Lets pending work (redraws, idles) run for a moment. */
static void
settle (void)
{
  iterate_until (always_false, NULL, 100);
}

static LcWindow *
show_new_window (void)
{
  LcWindow *window = lc_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (iterate_until (widget_is_mapped, window, WAIT_MS));

  return window;
}

static void
close_window (LcWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The visible message dialog that belongs to window, or NULL. */
static AdwMessageDialog *
find_message_dialog (LcWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog (LC_WINDOW (data));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static const char *
expected_tier_text (LcTier tier)
{
  switch (tier)
    {
    case LC_TIER_UNDER_2M:
      return "Under $2M a year";
    case LC_TIER_2M_10M:
      return "$2M–$10M a year";
    case LC_TIER_OVER_10M:
      return "Over $10M a year";
    case LC_TIER_UNKNOWN:
    default:
      return "Size unknown";
    }
}

static void
test_format_money_and_days (void)
{
  g_autofree char *usd = lc_format_money (70.12, "USD");
  g_autofree char *gbp = lc_format_money (42.11, "GBP");
  g_autofree char *jpy = lc_format_money (120, "JPY");
  g_autofree char *whole = lc_format_money_whole (812.49, "USD");
  g_autofree char *percent = lc_format_percent (0.0421);
  g_autofree char *ratio = lc_format_ratio (1.634);
  g_autofree char *range = lc_format_day_range (lc_day_from_ymd (2024, 11, 1),
                                                lc_day_from_ymd (2026, 10, 31));

  g_assert_cmpstr (usd, ==, "$70.12");
  g_assert_cmpstr (gbp, ==, "£42.11");
  g_assert_cmpstr (jpy, ==, "¥120");
  g_assert_cmpstr (whole, ==, "$812");
  g_assert_cmpstr (percent, ==, "4.2%");
  g_assert_cmpstr (ratio, ==, "1.63");
  g_assert_cmpstr (range, ==, "1 Nov 2024 – 31 Oct 2026");
}

static void
test_welcome_page_without_store (void)
{
  LcWindow *window = show_new_window ();

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Liftcheck");
  g_assert_null (lc_window_get_store (window));

  close_window (window);
}

static gboolean
window_is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_window_size_is_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  LcWindow *window = show_new_window ();
  int width, height;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (iterate_until (window_is_gone, &window, WAIT_MS));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  window = show_new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  close_window (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_store_shows_headline_numbers (void)
{
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (small_store_path);
  g_autofree char *period = NULL;
  g_autofree char *orders = NULL;
  g_autofree char *aov = NULL;
  g_autofree char *upt = NULL;
  g_autofree char *return_rate = NULL;
  g_auto(GStrv) recent = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  LcOverviewPage *overview;
  LcHeadlineCard *orders_card;
  LcWindow *window;

  store = lc_store_open (small_store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_true (summary->has_orders);

  window = show_new_window ();
  g_assert_true (lc_window_open_file (window, file));
  settle ();

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_nonnull (lc_window_get_store (window));

  /* The title names the file; the subtitle gives the period of the data. */
  period = lc_format_day_range (summary->first_day, summary->last_day);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "small.liftcheck");
  g_assert_cmpstr (adw_window_title_get_title (lc_window_get_title_widget (window)), ==, "small.liftcheck");
  g_assert_cmpstr (adw_window_title_get_subtitle (lc_window_get_title_widget (window)), ==, period);
  g_assert_true (g_str_has_suffix (period, "31 Oct 2026"));

  overview = lc_window_get_overview_page (window);
  orders_card = lc_overview_page_get_card (overview, "orders_card");
  g_assert_nonnull (orders_card);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (orders_card)));

  orders = lc_display_count (summary->orders);
  g_assert_cmpstr (lc_headline_card_get_value (orders_card), ==, orders);
  g_assert_cmpstr (lc_headline_card_get_title (orders_card), ==, "Orders");

  aov = lc_format_money (summary->aov, summary->currency);
  g_assert_true (g_str_has_prefix (aov, "$"));
  g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "aov_card")), ==, aov);
  g_assert_cmpstr (lc_headline_card_get_caption (lc_overview_page_get_card (overview, "aov_card")), ==,
                   "What a customer spends per order, before shipping and taxes.");

  upt = lc_format_ratio (summary->upt);
  g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "upt_card")), ==, upt);

  return_rate = lc_format_percent (summary->return_rate);
  g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "return_rate_card")), ==, return_rate);

  /* Ten orders a day at demo prices is far under $2M a year. */
  g_assert_cmpint (summary->tier, ==, LC_TIER_UNDER_2M);
  g_assert_cmpstr (gtk_label_get_label (lc_overview_page_get_tier_badge (overview)), ==,
                   expected_tier_text (summary->tier));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (lc_overview_page_get_tier_badge (overview))));

  /* Every card says something: no placeholders. */
  for (guint i = 0; i < 8; i++)
    {
      static const char *ids[] = {
        "orders_card", "aov_card", "upt_card", "return_rate_card", "revenue_card",
        "orders_per_month_card", "active_skus_card", "months_of_returns_card",
      };
      LcHeadlineCard *card = lc_overview_page_get_card (overview, ids[i]);

      g_assert_nonnull (card);
      g_assert_cmpstr (lc_headline_card_get_value (card), !=, "");
      g_assert_cmpstr (lc_headline_card_get_caption (card), !=, "");
    }

  /* The store is remembered for the welcome page. */
  recent = g_settings_get_strv (settings, "recent-stores");
  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, small_store_path);

  close_window (window);
}

static void
test_not_a_store_shows_error_and_keeps_welcome (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, "orders_export_1.csv",
                                              "Name,Email,Financial Status\n#1001,a@example.com,paid\n", -1);
  g_autofree char *before = lc_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;
  LcWindow *window;

  window = show_new_window ();
  g_assert_false (lc_window_open_file (window, file));
  g_assert_true (iterate_until (message_dialog_shown, window, WAIT_MS));

  dialog = find_message_dialog (window);
  g_assert_true (strstr (adw_message_dialog_get_heading (dialog), "orders_export_1.csv") != NULL);
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "not a Liftcheck store") != NULL);
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_null (lc_window_get_store (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Liftcheck");

  /* Looking at a file must not change it. */
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  /* What Escape does: the close response, then the dialog goes away. */
  gtk_window_close (GTK_WINDOW (dialog));
  settle ();
  g_assert_null (find_message_dialog (window));

  close_window (window);
}

static void
test_missing_file_shows_error (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gone.liftcheck", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window;

  window = show_new_window ();
  g_assert_false (lc_window_open_file (window, file));
  g_assert_true (iterate_until (message_dialog_shown, window, WAIT_MS));
  g_assert_true (strstr (adw_message_dialog_get_heading (find_message_dialog (window)), "gone.liftcheck") != NULL);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  close_window (window);
}

static void
test_empty_store_says_no_orders (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.liftcheck", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LcWindow *window;

  store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  window = show_new_window ();
  g_assert_true (lc_window_open_file (window, file));
  settle ();

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "empty");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "new.liftcheck");

  close_window (window);
}

static void
test_existing_demo_store_opens_at_once (void)
{
  LcWindow *window;

  g_setenv ("LIFTCHECK_DEMO_STORE", small_store_path, TRUE);

  window = show_new_window ();
  lc_window_open_demo (window);
  settle ();

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "small.liftcheck");

  close_window (window);
  g_unsetenv ("LIFTCHECK_DEMO_STORE");
}

static gboolean
progress_arrived (gpointer data)
{
  return gtk_progress_bar_get_fraction (lc_window_get_progress_bar (LC_WINDOW (data))) > 0.0;
}

static gboolean
folder_is_empty (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

static void
test_demo_preparation_shows_progress_and_cancels (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "data", NULL);
  g_autofree char *path = g_build_filename (folder, "demo.liftcheck", NULL);
  LcWindow *window;

  g_setenv ("LIFTCHECK_DEMO_STORE", path, TRUE);

  window = show_new_window ();
  lc_window_open_demo (window);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "preparing");

  /* Progress arrives from the worker thread while the window stays live. */
  g_assert_true (iterate_until (progress_arrived, window, WAIT_MS));
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "preparing");

  g_signal_emit_by_name (lc_window_get_cancel_button (window), "clicked");
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_null (lc_window_get_store (window));

  /* The worker stops and leaves nothing behind. */
  g_assert_true (iterate_until (folder_is_empty, folder, 120000));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  settle ();
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");

  close_window (window);
  g_unsetenv ("LIFTCHECK_DEMO_STORE");
}

static gboolean
page_is_overview (gpointer data)
{
  return g_strcmp0 (lc_window_get_page_name (LC_WINDOW (data)), "overview") == 0;
}

static void
test_demo_preparation_opens_the_new_store (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "data", NULL);
  g_autofree char *path = g_build_filename (folder, "demo.liftcheck", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GDir) listing = NULL;
  LcWindow *window;

  g_setenv ("LIFTCHECK_DEMO_STORE", path, TRUE);

  window = show_new_window ();
  lc_window_open_demo (window);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "preparing");

  g_assert_true (iterate_until (page_is_overview, window, 240000));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "demo.liftcheck");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (lc_window_get_progress_bar (window)), >, 0.0);

  /* The store is in place and the work folder beside it is gone (the open
   * store's -wal and -shm files may be there). */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  listing = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (listing);
  for (const char *name = g_dir_read_name (listing); name != NULL; name = g_dir_read_name (listing))
    g_assert_false (g_str_has_prefix (name, "demo.liftcheck."));

  /* The demo has its own button, so it does not crowd the recent stores. */
  recent = g_settings_get_strv (settings, "recent-stores");
  g_assert_false (g_strv_contains ((const char * const *) recent, path));

  close_window (window);
  g_unsetenv ("LIFTCHECK_DEMO_STORE");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  /* Stack transitions would only slow the tests down. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  dir = lc_test_make_tmpdir ();
  small_store_path = g_build_filename (dir, "small.liftcheck", NULL);
  lc_demo_options_init (&options);
  options.orders_per_day = 10;
  options.years = 1;
  if (!lc_demo_create_store (&options, small_store_path, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("Could not create the demo store: %s", error->message);

  g_test_add_func ("/lc/app/format/money-and-days", test_format_money_and_days);
  g_test_add_func ("/lc/app/window/welcome-page-without-store", test_welcome_page_without_store);
  g_test_add_func ("/lc/app/window/size-is-remembered", test_window_size_is_remembered);
  g_test_add_func ("/lc/app/window/store-shows-headline-numbers", test_store_shows_headline_numbers);
  g_test_add_func ("/lc/app/window/not-a-store-shows-error-and-keeps-welcome", test_not_a_store_shows_error_and_keeps_welcome);
  g_test_add_func ("/lc/app/window/missing-file-shows-error", test_missing_file_shows_error);
  g_test_add_func ("/lc/app/window/empty-store-says-no-orders", test_empty_store_says_no_orders);
  g_test_add_func ("/lc/app/demo/existing-store-opens-at-once", test_existing_demo_store_opens_at_once);
  g_test_add_func ("/lc/app/demo/preparation-shows-progress-and-cancels", test_demo_preparation_shows_progress_and_cancels);
  g_test_add_func ("/lc/app/demo/preparation-opens-the-new-store", test_demo_preparation_opens_the_new_store);

  return g_test_run ();
}
