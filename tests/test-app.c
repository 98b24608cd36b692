/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "lc-demo.h"
#include "lc-display.h"
#include "lc-format.h"
#include "lc-metrics.h"
#include "lc-feature.h"
#include "lc-features-page-private.h"
#include "lc-import.h"
#include "lc-mapping-dialog.h"
#include "lc-overview-page-private.h"
#include "lc-test-gui.h"
#include "lc-test-util.h"
#include "lc-window-private.h"

/* Generous: Xvfb on a loaded CI machine can be slow to map windows. */
#define WAIT_MS 30000

/* A small demo store (10 orders a day, one year), made once for all tests. */
static char *small_store_path;

/* Opens a store and waits until its figures are on show. */
static void
open_and_wait (LcWindow   *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (lc_window_open_file (window, file));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();
}

static LcWindow *
show_new_window (void)
{
  LcWindow *window = lc_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, window, WAIT_MS));

  return window;
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

/* What the owner types is read the way the locale writes numbers, and
 * the English way too. */
static void
test_typed_numbers_follow_the_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *spanish_rate = NULL;
  double value;

  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    g_error ("The en_US.UTF-8 locale is not installed; .ci/install-deps makes it");
  g_assert_true (lc_format_parse_number ("1,250,000", &value));
  g_assert_cmpfloat (value, ==, 1250000);
  g_assert_true (lc_format_parse_number ("12.5", &value));
  g_assert_cmpfloat (value, ==, 12.5);
  g_assert_true (lc_format_parse_number ("1,250", &value));
  g_assert_cmpfloat (value, ==, 1250);
  g_assert_true (lc_format_parse_number ("1.250", &value));
  g_assert_cmpfloat (value, ==, 1.25);
  g_assert_true (lc_format_parse_number ("12,5", &value));
  g_assert_cmpfloat (value, ==, 12.5);
  g_assert_true (lc_format_parse_number ("-3", &value));
  g_assert_cmpfloat (value, ==, -3);
  g_assert_false (lc_format_parse_number ("", &value));
  g_assert_false (lc_format_parse_number ("12a", &value));
  g_assert_false (lc_format_parse_number ("1,2,3.4.5", &value));
  g_assert_false (lc_format_parse_number (".", &value));

  if (setlocale (LC_NUMERIC, "es_ES.UTF-8") == NULL)
    g_error ("The es_ES.UTF-8 locale is not installed; .ci/install-deps makes it");
  g_assert_true (lc_format_parse_number ("1.250.000", &value));
  g_assert_cmpfloat (value, ==, 1250000);
  g_assert_true (lc_format_parse_number ("12,5", &value));
  g_assert_cmpfloat (value, ==, 12.5);
  g_assert_true (lc_format_parse_number ("1.250", &value));
  g_assert_cmpfloat (value, ==, 1250);
  g_assert_true (lc_format_parse_number ("1.234,56", &value));
  g_assert_cmpfloat (value, ==, 1234.56);
  g_assert_true (lc_format_parse_number ("12.5", &value));
  g_assert_cmpfloat (value, ==, 12.5);
  spanish_rate = lc_format_decimal_text ("1.0823");
  g_assert_cmpstr (spanish_rate, ==, "1,0823");

  setlocale (LC_NUMERIC, saved);
}

static void
test_welcome_page_without_store (void)
{
  LcWindow *window = show_new_window ();

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Liftcheck");
  g_assert_null (lc_window_get_store (window));

  lc_test_close_window (window);
}

static gboolean
window_is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_window_size_is_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  LcWindow *window = show_new_window ();
  int width, height;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (lc_test_iterate_until (window_is_gone, &window, WAIT_MS));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  window = show_new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  lc_test_close_window (window);

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
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  LcOverviewPage *overview;
  LcHeadlineCard *orders_card;
  LcWindow *window;

  store = lc_store_open (small_store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_true (summary->has_orders);

  window = show_new_window ();
  open_and_wait (window, small_store_path);

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_nonnull (lc_window_get_store (window));

  /* The title names the file; the subtitle gives the period of the data. */
  period = lc_format_day_range (summary->first_day, summary->last_day);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "small.liftcheck");
  g_assert_cmpstr (adw_view_switcher_title_get_title (lc_window_get_title_widget (window)), ==, "small.liftcheck");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (lc_window_get_title_widget (window)), ==, period);
  g_assert_true (g_str_has_suffix (period, "31 Oct 2026"));

  overview = lc_window_get_overview_page (window);
  orders_card = lc_overview_page_get_card (overview, "orders_card");
  g_assert_nonnull (orders_card);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (orders_card)));

  orders = lc_display_count (summary->orders);
  g_assert_cmpstr (lc_headline_card_get_value (orders_card), ==, orders);
  g_assert_cmpstr (lc_headline_card_get_title (orders_card), ==, "Orders");

  /* The headline numbers cover the last 12 months (52 weeks) by default,
   * summed here from the store's own days. */
  {
    g_autoptr(GArray) daily = lc_store_daily_totals (store, summary->last_day - 363, summary->last_day, &error);
    gint64 n = 0, value = 0, units = 0, total = 0, refunded = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < daily->len; i++)
      {
        LcDayTotals *d = &g_array_index (daily, LcDayTotals, i);

        n += d->orders;
        value += d->order_value;
        units += d->units;
        total += d->total;
        refunded += d->refunded;
      }
    aov = lc_format_money (value / 100.0 / n, summary->currency);
    upt = lc_format_ratio ((double) units / n);
    return_rate = lc_format_percent ((double) refunded / total);
  }
  g_assert_true (g_str_has_prefix (aov, "$"));
  g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "aov_card")), ==, aov);
  g_assert_cmpstr (lc_headline_card_get_caption (lc_overview_page_get_card (overview, "aov_card")), ==,
                   "What a customer spends per order, before shipping and taxes.");
  g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "upt_card")), ==, upt);
  g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "return_rate_card")), ==, return_rate);
  /* One year of data: nothing a year earlier to compare with. */
  g_assert_cmpstr (lc_headline_card_get_change (lc_overview_page_get_card (overview, "aov_card")), ==,
                   "No orders a year earlier to compare with");

  /* Ten orders a day at demo prices is far under $2M a year. */
  g_assert_cmpint (summary->tier, ==, LC_TIER_UNDER_2M);
  g_assert_cmpstr (gtk_label_get_label (lc_overview_page_get_tier_badge (overview)), ==,
                   expected_tier_text (summary->tier));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (lc_overview_page_get_tier_badge (overview))));

  /* Four charts of the same 52 weeks, each marking every switch in them. */
  {
    static const LcMetric metrics[] = { LC_METRIC_AOV, LC_METRIC_UPT, LC_METRIC_RETURN_RATE, LC_METRIC_REVENUE };
    g_autoptr(GPtrArray) spans = lc_store_list_feature_spans (store, &error);
    guint expected_markers = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < spans->len; i++)
      {
        LcFeatureSpan *span = g_ptr_array_index (spans, i);

        expected_markers += span->on_day >= summary->last_day - 363 && span->on_day <= summary->last_day;
        expected_markers += span->off_day != LC_DAY_NONE && span->off_day >= summary->last_day - 363
                            && span->off_day <= summary->last_day;
      }
    g_assert_cmpuint (expected_markers, >, 0);

    for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
      {
        LcChartView *chart = lc_overview_page_get_chart (overview, metrics[i]);
        const LcTimeChart *time_chart = lc_chart_view_get_time_chart (chart);
        const LcChartPoint *first, *last;

        g_assert_nonnull (time_chart);
        g_assert_cmpuint (time_chart->points->len, >, 4);
        first = &g_array_index (time_chart->points, LcChartPoint, 0);
        last = &g_array_index (time_chart->points, LcChartPoint, time_chart->points->len - 1);
        g_assert_cmpint (first->start, <=, summary->last_day - 363 + 31);
        if (metrics[i] == LC_METRIC_REVENUE && time_chart->period == LC_PERIOD_WEEK)
          {
            /* Sums show whole weeks only: a part-week would look like a drop. */
            g_assert_cmpint (lc_day_get_weekday (first->start), ==, 1);
            g_assert_cmpint (lc_day_get_weekday (last->end), ==, 7);
            g_assert_cmpint (last->end, >, summary->last_day - 7);
          }
        else
          g_assert_cmpint (last->end, >=, summary->last_day);
        g_assert_cmpuint (time_chart->markers->len, ==, expected_markers);
      }
  }

  /* The period picker: all time gives the store's whole figures. */
  lc_overview_page_set_lookback (overview, LC_LOOKBACK_ALL);
  {
    g_autofree char *all_aov = lc_format_money (summary->aov, summary->currency);
    g_autofree char *all_upt = lc_format_ratio (summary->upt);

    g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "aov_card")), ==, all_aov);
    g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "upt_card")), ==, all_upt);
  }
  lc_overview_page_set_lookback (overview, LC_LOOKBACK_12_MONTHS);
  g_assert_cmpstr (lc_headline_card_get_value (lc_overview_page_get_card (overview, "aov_card")), ==, aov);

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

  lc_test_close_window (window);
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
  g_assert_true (lc_test_iterate_until (message_dialog_shown, window, WAIT_MS));

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
  lc_test_settle ();
  g_assert_null (find_message_dialog (window));

  lc_test_close_window (window);
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
  g_assert_true (lc_test_iterate_until (message_dialog_shown, window, WAIT_MS));
  g_assert_true (strstr (adw_message_dialog_get_heading (find_message_dialog (window)), "gone.liftcheck") != NULL);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  lc_test_close_window (window);
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
  open_and_wait (window, path);

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "empty");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "new.liftcheck");

  lc_test_close_window (window);
}

static void
test_existing_demo_store_opens_at_once (void)
{
  LcWindow *window;

  g_setenv ("LIFTCHECK_DEMO_STORE", small_store_path, TRUE);

  window = show_new_window ();
  lc_window_open_demo (window);
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "small.liftcheck");

  lc_test_close_window (window);
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
  g_assert_true (lc_test_iterate_until (progress_arrived, window, WAIT_MS));
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "preparing");

  g_signal_emit_by_name (lc_window_get_cancel_button (window), "clicked");
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_null (lc_window_get_store (window));

  /* The worker stops and leaves nothing behind. */
  g_assert_true (lc_test_iterate_until (folder_is_empty, folder, 120000));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  lc_test_settle ();
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");

  lc_test_close_window (window);
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
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GDir) listing = NULL;
  LcWindow *window;

  g_setenv ("LIFTCHECK_DEMO_STORE", path, TRUE);

  window = show_new_window ();
  lc_window_open_demo (window);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "preparing");

  g_assert_true (lc_test_iterate_until (page_is_overview, window, 240000));
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

  lc_test_close_window (window);
  g_unsetenv ("LIFTCHECK_DEMO_STORE");
}


static GtkWidget *
find_label_with_css (GtkWidget  *widget,
                     const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_css (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
feature_rows_shown (gpointer data)
{
  GtkListBox *list = lc_features_page_get_list_box (LC_FEATURES_PAGE (data));

  return gtk_list_box_get_row_at_index (list, 0) != NULL;
}

static void
test_features_show_the_advisors_verdicts (void)
{
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAdvice) advice = NULL;
  g_autoptr(GError) error = NULL;
  const LcFeatureInfo *features;
  LcFeaturesPage *page;
  LcFeaturePage *feature_page;
  GtkListBox *list;
  LcWindow *window;
  guint n_features;

  store = lc_store_open (small_store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  advice = lc_store_advise (store, &error);
  g_assert_no_error (error);

  window = show_new_window ();
  open_and_wait (window, small_store_path);

  /* Alt+2 in the window: the Features view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "features"));
  lc_test_settle ();
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "features");

  page = lc_window_get_features_page (window);
  g_assert_true (lc_test_iterate_until (feature_rows_shown, page, WAIT_MS));
  list = lc_features_page_get_list_box (page);
  features = lc_feature_list (&n_features);
  for (guint i = 0; i < n_features; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) i);
      const LcVerdict *verdict = lc_advice_lookup (advice, features[i].id);
      GtkWidget *pill;

      g_assert_nonnull (row);
      g_assert_nonnull (verdict);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       lc_feature_info_get_title (&features[i]));
      pill = find_label_with_css (GTK_WIDGET (row), "verdict-pill");
      g_assert_nonnull (pill);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pill)), ==, lc_verdict_get_title (verdict));
      /* The one-line reason is the verdict's first. */
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       g_ptr_array_index (verdict->reasons, 0));
      g_assert_true (gtk_widget_get_mapped (pill));
    }
  g_assert_null (gtk_list_box_get_row_at_index (list, (int) n_features));

  /* A row opens the feature's page with every reason, and back returns. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 4));
  lc_test_settle ();
  g_assert_cmpstr (lc_features_page_get_visible (page), ==, "detail");
  feature_page = lc_features_page_get_feature_page (page);
  g_assert_cmpstr (lc_feature_page_get_feature (feature_page), ==, features[4].id);
  {
    const LcVerdict *verdict = lc_advice_lookup (advice, features[4].id);
    GtkWidget *reasons = gtk_widget_get_template_child (GTK_WIDGET (feature_page), LC_TYPE_FEATURE_PAGE, "reasons_box") != NULL
                         ? GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (feature_page), LC_TYPE_FEATURE_PAGE, "reasons_box"))
                         : NULL;
    guint n = 0;

    g_assert_nonnull (reasons);
    for (GtkWidget *child = gtk_widget_get_first_child (reasons); child != NULL; child = gtk_widget_get_next_sibling (child))
      {
        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child)), ==, g_ptr_array_index (verdict->reasons, n));
        n++;
      }
    g_assert_cmpuint (n, ==, verdict->reasons->len);

    /* The chart shades the weeks the verdict compares. */
    {
      const LcTimeChart *chart = lc_chart_view_get_time_chart (lc_feature_page_get_chart (feature_page));

      g_assert_nonnull (chart);
      g_assert_cmpuint (chart->points->len, >, 0);
      if (verdict->evaluation != NULL)
        {
          g_assert_true (chart->has_windows);
          g_assert_cmpint (chart->before_from, ==, verdict->evaluation->before_from);
          g_assert_cmpint (chart->after_to, ==, verdict->evaluation->after_to);
          g_assert_cmpuint (chart->markers->len, >, 0);
        }
    }
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "features.back", NULL));
  lc_test_settle ();
  g_assert_cmpstr (lc_features_page_get_visible (page), ==, "list");

  lc_test_close_window (window);
}

static void
test_recording_a_switch_updates_the_feature (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "copy.liftcheck", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  LcFeaturesPage *page;
  LcFeaturePage *feature_page;
  const LcAnalysis *analysis;
  const LcVerdict *verdict;
  LcDay day;
  gsize length;
  LcWindow *window;
  gboolean found = FALSE;

  g_assert_true (g_file_get_contents (small_store_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));

  window = show_new_window ();
  open_and_wait (window, path);
  analysis = lc_window_get_analysis (window);
  verdict = lc_advice_lookup (analysis->advice, "category-recs");
  g_assert_nonnull (verdict);

  page = lc_window_get_features_page (window);
  lc_features_page_show_feature (page, "category-recs");
  feature_page = lc_features_page_get_feature_page (page);

  /* Switching off a feature that is off is refused with a reason. */
  day = analysis->summary->last_day - 30;
  if (!verdict->on)
    {
      g_assert_false (lc_feature_page_record_switch (feature_page, FALSE, day, -1, &error));
      g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_true (lc_feature_page_record_switch (feature_page, TRUE, day, 49.5, &error));
  g_assert_no_error (error);
  /* The window reads the store again and the page follows. */
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();

  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  spans = lc_store_list_feature_spans (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      LcFeatureSpan *span = g_ptr_array_index (spans, i);

      if (g_str_equal (span->feature, "category-recs") && span->on_day == day)
        {
          g_assert_cmpint (span->off_day, ==, LC_DAY_NONE);
          g_assert_cmpint (span->monthly_cost, ==, 4950);
          found = TRUE;
        }
    }
  g_assert_true (found);

  analysis = lc_window_get_analysis (window);
  verdict = lc_advice_lookup (analysis->advice, "category-recs");
  g_assert_true (verdict->on);
  {
    GtkLabel *state = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (feature_page), LC_TYPE_FEATURE_PAGE, "state_label"));
    g_autofree char *on_text = lc_display_day (day);
    g_autofree char *expected = g_strdup_printf ("On in your store since %s.", on_text);

    g_assert_cmpstr (gtk_label_get_label (state), ==, expected);
  }

  lc_test_close_window (window);
}

static gboolean
toast_and_idle (gpointer data)
{
  return lc_test_window_is_idle (data);
}

static void
test_import_of_a_shared_export_adds_its_orders (void)
{
  g_autofree char *export_path = lc_test_shared_data_path ("shopify/orders/ethompson17_Explorer_Analytics__orders_export_1.csv");
  g_autofree char *dir = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *reference_path = NULL;
  g_autoptr(LcStore) reference = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcSummary) reference_summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) files = NULL;
  g_autoptr(GFile) export_file = NULL;
  const char *paths[2] = { NULL, NULL };
  LcWindow *window;

  if (export_path == NULL)
    return;

  dir = lc_test_make_tmpdir ();
  store_path = g_build_filename (dir, "Explorer.liftcheck", NULL);
  reference_path = g_build_filename (dir, "reference.liftcheck", NULL);
  paths[0] = export_path;

  /* What the core makes of the file on its own. */
  reference = lc_store_open (reference_path, LC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  result = lc_store_import_files (reference, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, >, 0);
  reference_summary = lc_store_compute_summary (reference, &error);
  g_assert_no_error (error);

  /* A new store, as after the save dialog. */
  window = show_new_window ();
  lc_window_import_into (window, paths, store_path);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "preparing");
  g_assert_true (lc_test_iterate_until (toast_and_idle, window, WAIT_MS * 4));
  lc_test_settle ();
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_nonnull (lc_window_get_store (window));
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, lc_store_count_orders (reference));
  g_assert_cmpint (lc_window_get_analysis (window)->summary->orders, ==,
                   reference_summary->orders);

  /* The same file again through the file chooser's path, into the open
   * store: every order is already there, so none is added. */
  files = g_list_store_new (G_TYPE_FILE);
  export_file = g_file_new_for_path (export_path);
  g_list_store_append (files, export_file);
  lc_window_import_files (window, G_LIST_MODEL (files));
  /* The store stays on show while the import runs. */
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (toast_and_idle, window, WAIT_MS * 4));
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, lc_store_count_orders (reference));

  lc_test_close_window (window);
}

/* Orders that wait for their other half (Olist's orders without their
 * items) are said to wait, on the empty page and then, once some are
 * complete, on the Overview. */
static void
test_waiting_orders_are_shown (void)
{
  g_autofree char *orders_path = g_test_build_filename (G_TEST_DIST, "data", "olist", "olist_orders_dataset.csv", NULL);
  g_autofree char *items_path = g_test_build_filename (G_TEST_DIST, "data", "olist", "olist_order_items_dataset.csv", NULL);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store_path = g_build_filename (dir, "olist.liftcheck", NULL);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) items_file = g_file_new_for_path (items_path);
  const char *paths[] = { orders_path, NULL };
  AdwStatusPage *empty_page;
  AdwPreferencesRow *pending_row;
  LcWindow *window;

  window = show_new_window ();
  lc_window_import_into (window, paths, store_path);
  g_assert_true (lc_test_iterate_until (toast_and_idle, window, WAIT_MS * 4));
  lc_test_settle ();
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "empty");
  empty_page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), LC_TYPE_WINDOW, "empty_page"));
  g_assert_nonnull (strstr (adw_status_page_get_description (empty_page), "4 orders wait for their other half"));

  g_list_store_append (files, items_file);
  lc_window_import_files (window, G_LIST_MODEL (files));
  g_assert_true (lc_test_iterate_until (toast_and_idle, window, WAIT_MS * 4));
  lc_test_settle ();
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_cmpint (lc_window_get_analysis (window)->summary->orders, ==, 2);
  pending_row = ADW_PREFERENCES_ROW (gtk_widget_get_template_child (GTK_WIDGET (lc_window_get_overview_page (window)),
                                                                    LC_TYPE_OVERVIEW_PAGE, "pending_row"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (pending_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (pending_row), ==, "2 more orders wait for their other half");

  lc_test_close_window (window);
}

static void
test_bad_file_shows_error_and_leaves_store (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "copy.liftcheck", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) bad_file = NULL;
  AdwMessageDialog *dialog;
  gint64 orders;
  gsize length;
  LcWindow *window;

  g_assert_true (g_file_get_contents (small_store_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));

  /* A Shopify orders export whose third line has a total no one can read. */
  bad = lc_test_write_file (dir, "orders_export_1.csv",
                            "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Refunded Amount,Cancelled at,Id\n"
                            "#9001,,paid,,,,no,USD,10.00,0.00,0.00,10.00,,0.00,,2026-10-01 10:00:00 +0000,1,Thing,10.00,,T-1,true,true,pending,0.00,,90001\n"
                            "#9002,,paid,,,,no,USD,12.00,0.00,0.00,twelve,,0.00,,2026-10-02 10:00:00 +0000,1,Thing,12.00,,T-1,true,true,pending,0.00,,90002\n",
                            -1);
  bad_file = g_file_new_for_path (bad);
  g_list_store_append (files, bad_file);

  window = show_new_window ();
  open_and_wait (window, path);
  orders = lc_store_count_orders (lc_window_get_store (window));
  lc_test_close_window (window);
  before = lc_test_file_checksum (path);

  window = show_new_window ();
  open_and_wait (window, path);
  lc_window_import_files (window, G_LIST_MODEL (files));
  g_assert_true (lc_test_iterate_until (message_dialog_shown, window, WAIT_MS * 4));

  dialog = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Can’t Import “orders_export_1.csv”");
  /* It names the file, the line and the column, and says what to do. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "orders_export_1.csv"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "line 3"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Total"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "the store is as it was"));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, orders);
  gtk_window_close (GTK_WINDOW (dialog));
  lc_test_close_window (window);

  after = lc_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}


static char *
copy_small_store (const char *dir,
                  const char *name)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (small_store_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
  return path;
}

/* The mapping dialog over window, or NULL. */
static LcMappingDialog *
find_mapping_dialog (LcWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (LC_IS_MAPPING_DIALOG (toplevel) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return LC_MAPPING_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
mapping_dialog_shown (gpointer data)
{
  LcMappingDialog *dialog = find_mapping_dialog (LC_WINDOW (data));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* Picks the item with this text in a combo row, as the owner would in its
 * list. */
static void
choose_item (AdwComboRow *row,
             const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        adw_combo_row_set_selected (row, i);
        lc_test_settle ();
        return;
      }
  g_error ("No item “%s” in the row “%s”", text, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static void
choose_column (LcMappingDialog *dialog,
               LcMappingField   field,
               const char      *column)
{
  choose_item (lc_mapping_dialog_get_field_row (dialog, field), column);
}

static const char *
selected_text (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
assert_preview (LcMappingDialog *dialog,
                guint            row,
                LcMappingField   field,
                const char      *expected)
{
  gboolean is_error = TRUE;

  g_assert_cmpstr (lc_mapping_dialog_get_preview_text (dialog, row, field, &is_error), ==, expected);
  g_assert_false (is_error);
}

static gboolean
import_is_possible (LcMappingDialog *dialog)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (lc_mapping_dialog_get_import_button (dialog)));
}

/* An empty store on show in a new window. */
static LcWindow *
show_empty_store (const char *path)
{
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LcWindow *window;

  store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  window = show_new_window ();
  open_and_wait (window, path);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "empty");
  return window;
}

static GListModel *
files_of (const char *path)
{
  GListStore *files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_list_store_append (files, file);
  return G_LIST_MODEL (files);
}

/*
 * An analyst's spreadsheet extract that no importer knows:
 *
 *   Invoice;Day;Item;Qty;Each;Client   (";"-separated, day/month dates,
 *                                        decimal commas, no currency)
 *   A-1001  03/02/2026  2 × 12,50 + 1 × 4,00   = 29.00, 3 units
 *   A-1002  14/02/2026  1 × 12,50              = 12.50, 1 unit
 *   A-1003  25/03/2026  3 × 20,00 + 2 × 4,00   = 68.00, 5 units
 *   A-1004  01/04/2026  5 × 4,00               = 20.00, 5 units
 *
 * 4 orders, 14 units, 129.50 in all.
 */
static void
test_unknown_file_is_mapped_in_the_dialog (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "analyst-extract.csv", NULL);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "analyst.liftcheck", NULL);
  g_autofree char *export_path = g_build_filename (dir, "extract.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(LcMapping) saved = NULL;
  g_autoptr(LcCsvSample) sample = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LcMappingDialog *dialog;
  AdwComboRow *date_row;
  gboolean is_error = FALSE;
  gsize length;
  LcWindow *window;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents (export_path, contents, (gssize) length, &error));
  files = files_of (export_path);

  window = show_empty_store (path);
  lc_window_import_files (window, files);
  g_assert_true (lc_test_iterate_until (mapping_dialog_shown, window, WAIT_MS));
  dialog = find_mapping_dialog (window);
  g_assert_cmpstr (lc_mapping_dialog_get_path (dialog), ==, export_path);
  /* Nothing is imported while the owner decides. */
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, 0);

  /* The owner picks each column. */
  choose_column (dialog, LC_MAPPING_FIELD_ORDER_ID, "Invoice");
  choose_column (dialog, LC_MAPPING_FIELD_DATE, "Day");
  choose_column (dialog, LC_MAPPING_FIELD_QUANTITY, "Qty");
  choose_column (dialog, LC_MAPPING_FIELD_UNIT_PRICE, "Each");
  choose_column (dialog, LC_MAPPING_FIELD_LINE_TOTAL, "Not in this file");
  choose_column (dialog, LC_MAPPING_FIELD_ORDER_TOTAL, "Not in this file");
  choose_column (dialog, LC_MAPPING_FIELD_PRODUCT_NAME, "Item");
  choose_column (dialog, LC_MAPPING_FIELD_CUSTOMER, "Client");

  /* The file and the empty store say no currency: it is asked first. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lc_mapping_dialog_get_currency_row (dialog))));
  g_assert_false (import_is_possible (dialog));
  g_assert_nonnull (strstr (lc_mapping_dialog_get_status (dialog), "currency"));
  /* Until then the amounts show as numbers alone. */
  assert_preview (dialog, 0, LC_MAPPING_FIELD_UNIT_PRICE, "12.50");
  choose_item (lc_mapping_dialog_get_currency_row (dialog), "Euro (EUR)");
  g_assert_true (import_is_possible (dialog));

  /* The dates are day/month: 25/03/2026 cannot be read the other way. */
  date_row = lc_mapping_dialog_get_date_row (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (date_row)));
  g_assert_cmpstr (selected_text (date_row), ==, lc_date_order_get_title (LC_DATE_ORDER_DMY));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (date_row)));

  /* The preview shows the rows as they will be imported, with money and
   * days written as the rest of the app writes them. */
  g_assert_cmpuint (lc_mapping_dialog_get_n_preview_rows (dialog), ==, 6);
  assert_preview (dialog, 0, LC_MAPPING_FIELD_ORDER_ID, "A-1001");
  assert_preview (dialog, 0, LC_MAPPING_FIELD_DATE, "3 Feb 2026");
  assert_preview (dialog, 0, LC_MAPPING_FIELD_QUANTITY, "2");
  assert_preview (dialog, 0, LC_MAPPING_FIELD_UNIT_PRICE, "€12.50");
  assert_preview (dialog, 0, LC_MAPPING_FIELD_PRODUCT_NAME, "Mug; blue");
  assert_preview (dialog, 0, LC_MAPPING_FIELD_CUSTOMER, "✓");
  assert_preview (dialog, 3, LC_MAPPING_FIELD_DATE, "25 Mar 2026");
  assert_preview (dialog, 3, LC_MAPPING_FIELD_UNIT_PRICE, "€20.00");
  g_assert_null (lc_mapping_dialog_get_preview_text (dialog, 0, LC_MAPPING_FIELD_SKU, NULL));

  /* A wrong choice shows in the preview, with the reason, and stops the
   * import until it is put right. */
  choose_column (dialog, LC_MAPPING_FIELD_QUANTITY, "Item");
  g_assert_cmpstr (lc_mapping_dialog_get_preview_text (dialog, 0, LC_MAPPING_FIELD_QUANTITY, &is_error), ==, "Mug; blue");
  g_assert_true (is_error);
  g_assert_false (import_is_possible (dialog));
  g_assert_nonnull (strstr (lc_mapping_dialog_get_status (dialog), "line 2"));
  choose_column (dialog, LC_MAPPING_FIELD_QUANTITY, "Qty");
  g_assert_true (import_is_possible (dialog));

  g_signal_emit_by_name (lc_mapping_dialog_get_import_button (dialog), "clicked");
  g_assert_null (find_mapping_dialog (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_cmpstr (lc_window_get_analysis (window)->summary->currency, ==, "EUR");
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->currency, ==, "EUR");
  g_assert_cmpint (summary->orders, ==, 4);
  g_assert_cmpint (summary->units, ==, 14);
  g_assert_cmpint (summary->order_value, ==, 12950);
  g_assert_cmpint (summary->first_day, ==, lc_day_from_ymd (2026, 2, 3));
  g_assert_cmpint (summary->last_day, ==, lc_day_from_ymd (2026, 4, 1));

  /* The choice is kept in the store for files with these columns. */
  sample = lc_csv_sample_read (export_path, 10, NULL, &error);
  g_assert_no_error (error);
  saved = lc_store_find_mapping (store, (const char * const *) sample->columns, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (lc_mapping_get_column (saved, LC_MAPPING_FIELD_UNIT_PRICE), ==, "Each");
  g_assert_cmpstr (lc_mapping_get_currency (saved), ==, "EUR");

  /* The next export with the same columns goes straight in: no dialog,
   * no error, and its orders update those already there. */
  lc_window_import_files (window, files);
  g_assert_null (find_mapping_dialog (window));
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();
  g_assert_null (find_mapping_dialog (window));
  g_assert_null (find_message_dialog (window));
  g_clear_pointer (&summary, lc_summary_free);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->orders, ==, 4);
  g_assert_cmpint (summary->units, ==, 14);
  g_assert_cmpint (summary->order_value, ==, 12950);

  g_clear_object (&store);
  lc_test_close_window (window);
}

static void
test_cancel_in_the_mapping_dialog_leaves_the_store (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "analyst-extract.csv", NULL);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = copy_small_store (dir, "cancel.liftcheck");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GListModel) files = files_of (fixture);
  g_autoptr(LcCsvSample) sample = NULL;
  g_autoptr(LcMapping) saved = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LcMappingDialog *dialog;
  gint64 orders;
  LcWindow *window;

  /* Opening a store may bring its file up to date: the checksum is taken
   * after a first visit. */
  window = show_new_window ();
  open_and_wait (window, path);
  orders = lc_store_count_orders (lc_window_get_store (window));
  lc_test_close_window (window);
  before = lc_test_file_checksum (path);

  window = show_new_window ();
  open_and_wait (window, path);
  lc_window_import_files (window, files);
  g_assert_true (lc_test_iterate_until (mapping_dialog_shown, window, WAIT_MS));
  dialog = find_mapping_dialog (window);

  /* The guesses would do, and the store's currency is offered. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lc_mapping_dialog_get_currency_row (dialog))));
  g_assert_nonnull (strstr (selected_text (lc_mapping_dialog_get_currency_row (dialog)), "USD"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
  g_assert_null (find_mapping_dialog (window));
  g_assert_null (find_message_dialog (window));
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, orders);
  lc_test_close_window (window);

  /* Nothing was written: no orders, no mapping. */
  after = lc_test_file_checksum (path);
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  sample = lc_csv_sample_read (fixture, 10, NULL, &error);
  g_assert_no_error (error);
  saved = lc_store_find_mapping (store, (const char * const *) sample->columns, &error);
  g_assert_no_error (error);
  g_assert_null (saved);
  g_assert_cmpint (lc_store_count_orders (store), ==, orders);
  g_assert_cmpstr (before, ==, after);
}

/* 03/02 is the 3rd of February or the 2nd of March: when every date in the
 * first rows reads both ways, the owner says which. */
static void
test_ambiguous_dates_are_left_to_the_owner (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store_path = g_build_filename (dir, "new.liftcheck", NULL);
  g_autofree char *export_path = NULL;
  g_autoptr(LcMapping) mapping = NULL;
  const char *paths[2] = { NULL, NULL };
  LcMappingDialog *dialog;
  AdwComboRow *date_row;
  LcWindow *window;

  export_path = lc_test_write_file (dir, "ledger.csv",
                                    "Ref,Booked,Units,Amount,Currency\n"
                                    "R-1,03/02/2026,1,10.00,GBP\n"
                                    "R-2,04/02/2026,2,20.00,GBP\n",
                                    -1);
  paths[0] = export_path;

  window = show_new_window ();
  lc_window_import_into (window, paths, store_path);
  g_assert_true (lc_test_iterate_until (mapping_dialog_shown, window, WAIT_MS));
  dialog = find_mapping_dialog (window);
  choose_column (dialog, LC_MAPPING_FIELD_ORDER_ID, "Ref");
  choose_column (dialog, LC_MAPPING_FIELD_DATE, "Booked");
  choose_column (dialog, LC_MAPPING_FIELD_QUANTITY, "Units");
  choose_column (dialog, LC_MAPPING_FIELD_LINE_TOTAL, "Amount");
  choose_column (dialog, LC_MAPPING_FIELD_CURRENCY, "Currency");

  /* The file says its currency: nothing to ask. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lc_mapping_dialog_get_currency_row (dialog))));

  date_row = lc_mapping_dialog_get_date_row (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (date_row)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (date_row)));
  choose_item (date_row, lc_date_order_get_title (LC_DATE_ORDER_MDY));
  assert_preview (dialog, 0, LC_MAPPING_FIELD_DATE, "2 Mar 2026");
  choose_item (date_row, lc_date_order_get_title (LC_DATE_ORDER_DMY));
  assert_preview (dialog, 0, LC_MAPPING_FIELD_DATE, "3 Feb 2026");
  assert_preview (dialog, 1, LC_MAPPING_FIELD_DATE, "4 Feb 2026");
  /* The amounts are in the currency each row names. */
  assert_preview (dialog, 1, LC_MAPPING_FIELD_LINE_TOTAL, "£20.00");
  assert_preview (dialog, 1, LC_MAPPING_FIELD_CURRENCY, "GBP");
  g_assert_true (import_is_possible (dialog));
  mapping = lc_mapping_dialog_dup_mapping (dialog);
  g_assert_cmpint (lc_mapping_get_date_order (mapping), ==, LC_DATE_ORDER_DMY);

  /* Cancel before a new store was made: none is. */
  g_signal_emit_by_name (lc_mapping_dialog_get_cancel_button (dialog), "clicked");
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  g_assert_null (find_mapping_dialog (window));
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_false (g_file_test (store_path, G_FILE_TEST_EXISTS));

  lc_test_close_window (window);
}

/* Two extracts with the same columns and an export Liftcheck knows,
 * imported together: one dialog, then all three go in. */
static void
test_files_with_the_same_columns_share_one_dialog (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "analyst-extract.csv", NULL);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "two.liftcheck", NULL);
  g_autofree char *april = NULL;
  g_autofree char *shopify = NULL;
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[4] = { NULL, NULL, NULL, NULL };
  LcMappingDialog *dialog;
  LcWindow *window;

  /* Two more orders, A-1005 (2 units, 25.00) and A-1006 (1 unit, 4.00). */
  april = lc_test_write_file (dir, "april.csv",
                              "Invoice;Day;Item;Qty;Each;Client\n"
                              "A-1005;20/04/2026;\"Mug; blue\";2;12,50;C-17\n"
                              "A-1006;21/04/2026;Green tea;1;4,00;C-22\n",
                              -1);
  /* And one Shopify order, #9001 (1 unit, 10.00 EUR). */
  shopify = lc_test_write_file (dir, "orders_export_1.csv",
                                "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Refunded Amount,Cancelled at,Id\n"
                                "#9001,,paid,,,,no,EUR,10.00,0.00,0.00,10.00,,0.00,,2026-04-22 10:00:00 +0000,1,Thing,10.00,,T-1,true,true,pending,0.00,,90001\n",
                                -1);
  paths[0] = fixture;
  paths[1] = shopify;
  paths[2] = april;

  window = show_new_window ();
  lc_window_import_into (window, paths, path);
  g_assert_true (lc_test_iterate_until (mapping_dialog_shown, window, WAIT_MS));
  dialog = find_mapping_dialog (window);
  g_assert_cmpstr (lc_mapping_dialog_get_path (dialog), ==, fixture);
  choose_column (dialog, LC_MAPPING_FIELD_ORDER_ID, "Invoice");
  choose_column (dialog, LC_MAPPING_FIELD_DATE, "Day");
  choose_column (dialog, LC_MAPPING_FIELD_QUANTITY, "Qty");
  choose_column (dialog, LC_MAPPING_FIELD_UNIT_PRICE, "Each");
  choose_item (lc_mapping_dialog_get_currency_row (dialog), "Euro (EUR)");
  g_signal_emit_by_name (lc_mapping_dialog_get_import_button (dialog), "clicked");

  /* No second dialog for april.csv. */
  g_assert_null (find_mapping_dialog (window));
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();
  g_assert_null (find_mapping_dialog (window));
  g_assert_null (find_message_dialog (window));

  /* 4 + 2 + 1 orders; 14 + 3 + 1 units; 129.50 + 29.00 + 10.00. */
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->orders, ==, 7);
  g_assert_cmpint (summary->units, ==, 18);
  g_assert_cmpint (summary->order_value, ==, 16850);

  g_clear_object (&store);
  lc_test_close_window (window);
}

/* The preview reads the first rows only: a bad row further down stops the
 * import with the file, line and column, and the store stays as it was. */
static void
test_a_bad_row_past_the_preview_leaves_the_store (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = copy_small_store (dir, "late.liftcheck");
  g_autofree char *export_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) text = g_string_new ("Ref;When;Units;Amount\n");
  g_autoptr(GListModel) files = NULL;
  AdwMessageDialog *message;
  LcMappingDialog *dialog;
  gint64 orders;
  LcWindow *window;

  /* 300 good rows, then one whose quantity is a word, on line 302. */
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "L-%u;2026-10-%02u;1;9,99\n", i, i % 28 + 1);
  g_string_append (text, "L-300;2026-10-29;lots;9,99\n");
  export_path = lc_test_write_file (dir, "late-error.csv", text->str, -1);
  files = files_of (export_path);

  window = show_new_window ();
  open_and_wait (window, path);
  orders = lc_store_count_orders (lc_window_get_store (window));
  lc_test_close_window (window);
  before = lc_test_file_checksum (path);

  window = show_new_window ();
  open_and_wait (window, path);
  lc_window_import_files (window, files);
  g_assert_true (lc_test_iterate_until (mapping_dialog_shown, window, WAIT_MS));
  dialog = find_mapping_dialog (window);
  choose_column (dialog, LC_MAPPING_FIELD_ORDER_ID, "Ref");
  choose_column (dialog, LC_MAPPING_FIELD_DATE, "When");
  choose_column (dialog, LC_MAPPING_FIELD_QUANTITY, "Units");
  choose_column (dialog, LC_MAPPING_FIELD_ORDER_TOTAL, "Amount");
  g_assert_true (import_is_possible (dialog));
  g_signal_emit_by_name (lc_mapping_dialog_get_import_button (dialog), "clicked");

  g_assert_true (lc_test_iterate_until (message_dialog_shown, window, WAIT_MS * 4));
  message = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Can’t Import “late-error.csv”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "line 302"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Units"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "the store is as it was"));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, orders);
  gtk_window_close (GTK_WINDOW (message));
  lc_test_close_window (window);

  after = lc_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* The mapped import runs in the background like any other, with its
 * progress bar and Cancel. */
static void
test_a_mapped_import_can_be_cancelled (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = copy_small_store (dir, "big.liftcheck");
  g_autofree char *export_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) text = g_string_new ("Ref;When;Units;Amount\n");
  g_autoptr(GListModel) files = NULL;
  LcMappingDialog *dialog;
  gint64 orders;
  LcWindow *window;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (text, "B-%u;2026-10-%02u;1;9,99\n", i, i % 28 + 1);
  export_path = lc_test_write_file (dir, "big.csv", text->str, -1);
  files = files_of (export_path);

  window = show_new_window ();
  open_and_wait (window, path);
  orders = lc_store_count_orders (lc_window_get_store (window));
  lc_test_close_window (window);
  before = lc_test_file_checksum (path);

  window = show_new_window ();
  open_and_wait (window, path);
  lc_window_import_files (window, files);
  g_assert_true (lc_test_iterate_until (mapping_dialog_shown, window, WAIT_MS));
  dialog = find_mapping_dialog (window);
  choose_column (dialog, LC_MAPPING_FIELD_ORDER_ID, "Ref");
  choose_column (dialog, LC_MAPPING_FIELD_DATE, "When");
  choose_column (dialog, LC_MAPPING_FIELD_QUANTITY, "Units");
  choose_column (dialog, LC_MAPPING_FIELD_ORDER_TOTAL, "Amount");
  g_signal_emit_by_name (lc_mapping_dialog_get_import_button (dialog), "clicked");

  /* The store stays on show, the bar with its progress and Cancel above. */
  g_assert_true (lc_window_is_busy (window));
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, lc_window_get_import_cancel_button (window), WAIT_MS));
  g_signal_emit_by_name (lc_window_get_import_cancel_button (window), "clicked");
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();
  g_assert_null (find_message_dialog (window));
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, orders);
  lc_test_close_window (window);

  after = lc_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* The button labelled label inside widget, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A WooCommerce Analytics export names no currency: into a new store,
 * Liftcheck asks it, then imports as the core does with that currency. */
static void
test_a_file_without_currency_asks_it_for_a_new_store (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "mapped", "shop-woocommerce-analytics.csv", NULL);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "woo.liftcheck", NULL);
  g_autofree char *reference_path = g_build_filename (dir, "reference.liftcheck", NULL);
  g_autoptr(LcStore) reference = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcSummary) expected = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { fixture, NULL };
  AdwMessageDialog *dialog;
  GtkWidget *list;
  AdwComboRow *row;
  LcWindow *window;

  reference = lc_store_open (reference_path, LC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  result = lc_store_import_files_with_mapping (reference, paths, NULL, "EUR", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  expected = lc_store_compute_summary (reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expected->orders, >, 0);

  window = show_new_window ();
  lc_window_import_into (window, paths, path);
  g_assert_true (lc_test_iterate_until (message_dialog_shown, window, WAIT_MS * 4));
  dialog = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Which Currency?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "shop-woocommerce-analytics.csv"));
  g_assert_true (lc_window_is_busy (window));

  /* Nothing is taken for granted: Import waits for a choice. */
  list = adw_message_dialog_get_extra_child (dialog);
  row = ADW_COMBO_ROW (gtk_widget_get_first_child (list));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
  choose_item (row, "Euro (EUR)");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Import"), "clicked");

  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();
  g_assert_null (find_message_dialog (window));
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->currency, ==, "EUR");
  g_assert_cmpint (summary->orders, ==, expected->orders);
  g_assert_cmpint (summary->units, ==, expected->units);
  g_assert_cmpint (summary->order_value, ==, expected->order_value);

  g_clear_object (&store);
  lc_test_close_window (window);
}

static gboolean
wizard_ready (gpointer data)
{
  return lc_wizard_get_step (LC_WIZARD (data)) != NULL && !lc_wizard_is_busy (LC_WIZARD (data));
}

static void
wizard_next (LcWizard *wizard)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_true (lc_test_iterate_until (wizard_ready, wizard, WAIT_MS * 4));
}

static void
wizard_type (LcWizard   *wizard,
             const char *entry,
             const char *text)
{
  AdwEntryRow *row = lc_wizard_get_entry (wizard, entry);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
widget_is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_wizard_walks_a_store_and_changes_verdicts (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = copy_small_store (dir, "wizard.liftcheck");
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAdvice) before = NULL;
  g_autoptr(LcAdvice) after = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *revenue = NULL;
  const char *expected_steps[] = { "revenue", "catalogue", "orders", "returns", "vertical", "email", "ab", "features", "result" };
  LcWizard *wizard;
  LcWindow *window;

  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  before = lc_store_advise (store, &error);
  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  /* A small store: under $2M, and e-mail blocks are for big ones. */
  g_assert_cmpint (before->tier, ==, LC_TIER_UNDER_2M);
  g_assert_cmpint (lc_advice_lookup (before, "email-product-blocks")->verdict, !=, LC_VERDICT_TRY);

  window = show_new_window ();
  open_and_wait (window, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.wizard", NULL));
  wizard = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (LC_IS_WIZARD (toplevel))
          wizard = LC_WIZARD (toplevel);
      }
  }
  g_assert_nonnull (wizard);
  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *) &wizard);
  g_assert_true (lc_test_iterate_until (wizard_ready, wizard, WAIT_MS * 4));

  /* A dollar store skips the exchange rate; the revenue is pre-filled from
   * the orders. */
  g_assert_cmpstr (lc_wizard_get_step (wizard), ==, "revenue");
  revenue = g_strdup_printf ("%.0f", round (summary->revenue_12m_usd));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lc_wizard_get_entry (wizard, "revenue"))), ==, revenue);

  /* Something that is not a number is refused where it was typed. */
  wizard_type (wizard, "revenue", "lots");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_cmpstr (lc_wizard_get_step (wizard), ==, "revenue");
  g_assert_nonnull (strstr (lc_wizard_get_error (wizard), "not a number"));

  /* The owner knows better: $6M a year (other channels), and 40% of it from
   * e-mail. */
  wizard_type (wizard, "revenue", "6,000,000");
  for (guint i = 0; i < G_N_ELEMENTS (expected_steps) - 1; i++)
    {
      g_assert_cmpstr (lc_wizard_get_step (wizard), ==, expected_steps[i]);
      if (g_str_equal (expected_steps[i], "email"))
        wizard_type (wizard, "email", "40");
      wizard_next (wizard);
      g_assert_cmpstr (lc_wizard_get_error (wizard), ==, "");
    }
  g_assert_cmpstr (lc_wizard_get_step (wizard), ==, "result");

  /* The answers are in the store, and the verdicts on show are the rules'
   * for them. */
  after = lc_store_advise (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->tier, ==, LC_TIER_2M_10M);
  g_assert_cmpstr (lc_wizard_get_tier_text (wizard), ==, "$2M–$10M a year");
  g_assert_cmpint (lc_advice_lookup (after, "email-product-blocks")->verdict, ==, LC_VERDICT_TRY);
  for (guint i = 0; i < after->verdicts->len; i++)
    {
      const LcVerdict *verdict = g_ptr_array_index (after->verdicts, i);

      g_assert_cmpstr (lc_wizard_get_verdict_text (wizard, verdict->feature), ==, lc_verdict_get_title (verdict));
    }

  /* Finish: the window shows the new verdicts at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_true (lc_test_iterate_until (widget_is_gone, &wizard, WAIT_MS));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  g_assert_cmpint (lc_advice_lookup (lc_window_get_analysis (window)->advice, "email-product-blocks")->verdict,
                   ==, LC_VERDICT_TRY);
  g_assert_cmpstr (gtk_label_get_label (lc_overview_page_get_tier_badge (lc_window_get_overview_page (window))),
                   ==, "$2M–$10M a year");
  {
    g_autofree char *done = lc_store_dup_setting (store, "wizard.done");

    g_assert_cmpstr (done, ==, "yes");
  }

  lc_test_close_window (window);
}

/* A shop selling in pounds: forty orders over two months. */
static char *
write_gbp_export (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("Name,Email,Financial Status,Paid at,Fulfillment Status,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Cancelled at,Refunded Amount,Id\n");

  for (int i = 40; i >= 1; i--)
    g_string_append_printf (csv, "#%d,,paid,,,no,GBP,%d.00,0.00,0.00,%d.00,,0.00,2026-%02d-%02d 10:00:00 +0000,1,Mug,%d.00,,MUG-%d,true,,0.00,%d\n",
                            1000 + i, 20 + i, 20 + i, 9 + (i > 20), 1 + (i % 20), 20 + i, i % 5, 5000 + i);
  return lc_test_write_file (dir, "orders_export_1.csv", csv->str, -1);
}

static void
test_wizard_asks_the_rate_of_a_pound_store_and_resumes (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *export_path = write_gbp_export (dir);
  g_autofree char *path = g_build_filename (dir, "pounds.liftcheck", NULL);
  const char *paths[] = { export_path, NULL };
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *revenue = NULL;
  LcWizard *wizard = NULL;
  LcWindow *window;

  /* Importing into a new store opens the wizard by itself. */
  window = show_new_window ();
  lc_window_import_into (window, paths, path);
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (LC_IS_WIZARD (toplevel))
          wizard = LC_WIZARD (toplevel);
      }
  }
  g_assert_nonnull (wizard);
  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *) &wizard);
  g_assert_true (lc_test_iterate_until (wizard_ready, wizard, WAIT_MS * 4));

  /* First the pound's worth, pre-filled with the built-in estimate. */
  g_assert_cmpstr (lc_wizard_get_step (wizard), ==, "rate");
  rate = g_strdup (gtk_editable_get_text (GTK_EDITABLE (lc_wizard_get_entry (wizard, "rate"))));
  g_assert_cmpfloat (fabs (g_ascii_strtod (rate, NULL) - lc_currency_estimated_usd_rate ("GBP")), <, 1e-6);
  wizard_type (wizard, "rate", "1.5");
  wizard_next (wizard);
  g_assert_cmpstr (lc_wizard_get_step (wizard), ==, "revenue");

  /* The revenue in dollars follows the confirmed rate. */
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (summary->usd_rate, ==, 1.5);
  g_assert_cmpstr (summary->usd_rate_source, ==, "owner");
  revenue = g_strdup_printf ("%.0f", round (summary->revenue_12m_usd));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lc_wizard_get_entry (wizard, "revenue"))), ==, revenue);

  /* Closed half-way, it opens again where it was left. */
  wizard_next (wizard);
  g_assert_cmpstr (lc_wizard_get_step (wizard), ==, "catalogue");
  gtk_window_close (GTK_WINDOW (wizard));
  g_assert_true (lc_test_iterate_until (widget_is_gone, &wizard, WAIT_MS));

  wizard = lc_window_run_wizard (window);
  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *) &wizard);
  g_assert_true (lc_test_iterate_until (wizard_ready, wizard, WAIT_MS * 4));
  g_assert_cmpstr (lc_wizard_get_step (wizard), ==, "catalogue");

  /* On to the end: a shop this small is under $2M a year at any rate, and
   * the verdicts on show are the rules' for its answers. */
  while (g_strcmp0 (lc_wizard_get_step (wizard), "result") != 0)
    wizard_next (wizard);
  {
    g_autoptr(LcAdvice) advice = lc_store_advise (store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (advice->tier, ==, LC_TIER_UNDER_2M);
    g_assert_cmpstr (lc_wizard_get_tier_text (wizard), ==, "Under $2M a year");
    for (guint i = 0; i < advice->verdicts->len; i++)
      {
        const LcVerdict *verdict = g_ptr_array_index (advice->verdicts, i);

        g_assert_cmpstr (lc_wizard_get_verdict_text (wizard, verdict->feature), ==, lc_verdict_get_title (verdict));
      }
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_true (lc_test_iterate_until (widget_is_gone, &wizard, WAIT_MS));
  {
    g_autofree char *done = lc_store_dup_setting (store, "wizard.done");

    g_assert_cmpstr (done, ==, "yes");
  }

  lc_test_close_window (window);
}


static gboolean
spin_saved (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

static void
test_preference_change_changes_a_verdict (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = copy_small_store (dir, "prefs.liftcheck");
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAdvice) before = NULL;
  g_autoptr(LcAdvice) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *setting = NULL;
  LcPreferencesWindow *preferences;
  GtkSpinButton *spin;
  GtkButton *reset;
  LcWindow *window;

  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  before = lc_store_advise (store, &error);
  g_assert_no_error (error);

  window = show_new_window ();
  open_and_wait (window, path);
  preferences = lc_window_show_preferences (window);
  g_assert_nonnull (preferences);
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, preferences, WAIT_MS));

  /* Predictive retention needs 500 customers by default, which the small
   * store has; asking for a million takes the "try it" away. */
  g_assert_cmpint (lc_advice_lookup (before, "predictive-retention")->verdict, ==, LC_VERDICT_TRY);
  spin = lc_preferences_window_get_threshold (preferences, "retention_min_customers");
  reset = lc_preferences_window_get_reset (preferences, "retention_min_customers");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 500);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reset)));
  gtk_spin_button_set_value (spin, 1000000);
  g_assert_true (lc_test_iterate_until (spin_saved, reset, WAIT_MS));
  setting = lc_store_dup_setting (store, "threshold.retention_min_customers");
  g_assert_cmpstr (setting, ==, "1000000");

  after = lc_store_advise (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_advice_lookup (after, "predictive-retention")->verdict, !=, LC_VERDICT_TRY);

  /* The window follows: its verdicts are the new ones. */
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  for (guint i = 0; i < after->verdicts->len; i++)
    {
      const LcVerdict *verdict = g_ptr_array_index (after->verdicts, i);

      g_assert_cmpint (lc_advice_lookup (lc_window_get_analysis (window)->advice, verdict->feature)->verdict,
                       ==, verdict->verdict);
    }

  /* Back to the default: the setting goes and the verdict comes back. */
  g_signal_emit_by_name (reset, "clicked");
  g_clear_pointer (&setting, g_free);
  setting = lc_store_dup_setting (store, "threshold.retention_min_customers");
  g_assert_null (setting);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 500);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reset)));
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  g_assert_cmpint (lc_advice_lookup (lc_window_get_analysis (window)->advice, "predictive-retention")->verdict,
                   ==, LC_VERDICT_TRY);

  lc_test_close_window (window);
}


static void
test_report_and_verdicts_export_from_the_window (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store_path = copy_small_store (dir, "exports.liftcheck");
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "verdicts.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const LcAnalysis *analysis;
  gsize length;
  LcWindow *window;

  window = show_new_window ();
  open_and_wait (window, store_path);
  analysis = lc_window_get_analysis (window);

  /* The report is written off the main loop, the window busy meanwhile. */
  lc_window_export_report (window, pdf);
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 10000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);

  /* The verdict table: a header and a line per feature, in order. */
  g_assert_true (lc_window_export_verdicts (window, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "feature,verdict,"));
  for (guint i = 0; i < analysis->advice->verdicts->len; i++)
    {
      const LcVerdict *verdict = g_ptr_array_index (analysis->advice->verdicts, i);
      g_autofree char *line_start = g_strdup_printf ("\n%s,%s,", verdict->feature, lc_verdict_kind_to_string (verdict->verdict));

      g_assert_nonnull (strstr (contents, line_start));
    }

  lc_test_close_window (window);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static gboolean
drop_files (LcWindow   *window,
            GSList     *files)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  return accepted;
}

static void
test_dropped_files_are_imported_or_opened (void)
{
  g_autofree char *export_path = lc_test_shared_data_path ("shopify/orders/ethompson17_Explorer_Analytics__orders_export_1.csv");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) export_file = NULL;
  g_autoptr(GFile) store_file = NULL;
  g_autoptr(GSList) files = NULL;
  gint64 before;
  gsize length;
  LcWindow *window;

  if (export_path == NULL)
    return;

  dir = lc_test_make_tmpdir ();
  path = g_build_filename (dir, "dropped.liftcheck", NULL);
  g_assert_true (g_file_get_contents (small_store_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));

  /* A store file dropped on the welcome page opens. */
  window = show_new_window ();
  store_file = g_file_new_for_path (path);
  files = g_slist_append (NULL, store_file);
  g_assert_true (drop_files (window, files));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "dropped.liftcheck");
  before = lc_store_count_orders (lc_window_get_store (window));

  /* An export dropped on an open store goes into it. */
  g_clear_pointer (&files, g_slist_free);
  export_file = g_file_new_for_path (export_path);
  files = g_slist_append (NULL, export_file);
  g_assert_true (drop_files (window, files));
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), >, before);

  lc_test_close_window (window);
}

/* What the desktop does when the owner double-clicks a .liftcheck file or
 * runs "liftcheck shop.liftcheck": the application is asked to open it, and
 * a window shows that store. */
static LcWindow *
application_store_window (GtkApplication *app,
                          const char     *title)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (LC_IS_WINDOW (l->data) && lc_window_get_store (l->data) != NULL &&
        g_strcmp0 (gtk_window_get_title (l->data), title) == 0)
      return l->data;
  return NULL;
}

static gboolean
application_shows_store (gpointer data)
{
  LcWindow *window = application_store_window (GTK_APPLICATION (data), "small.liftcheck");

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) && !lc_window_is_busy (window);
}

static void
test_application_opens_a_store_file (void)
{
  g_autoptr(LcApplication) app = lc_application_new ();
  g_autoptr(GFile) file = g_file_new_for_path (small_store_path);
  g_autoptr(GError) error = NULL;
  GFile *files[] = { file };
  LcWindow *window;

  g_assert_true (g_application_get_flags (G_APPLICATION (app)) & G_APPLICATION_HANDLES_OPEN);
  /* Alone: the test has no session bus to find another instance on. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), files, G_N_ELEMENTS (files), "");
  g_assert_true (lc_test_iterate_until (application_shows_store, app, WAIT_MS * 4));
  lc_test_settle ();

  window = application_store_window (GTK_APPLICATION (app), "small.liftcheck");
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_cmpstr (lc_store_get_path (lc_window_get_store (window)), ==, small_store_path);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  lc_test_close_window (window);
}

static gboolean
close_when_store_shows (gpointer data)
{
  GtkApplication *app = GTK_APPLICATION (data);
  LcWindow *window;

  if (!application_shows_store (app))
    return G_SOURCE_CONTINUE;
  window = application_store_window (app, "small.liftcheck");
  g_object_set_data_full (G_OBJECT (app), "shown-page", g_strdup (lc_window_get_page_name (window)), g_free);
  gtk_window_close (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static gboolean
give_up (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static void
test_command_line_opens_a_store_file (void)
{
  g_autoptr(LcApplication) app = lc_application_new ();
  char *argv[] = { (char *) "liftcheck", small_store_path, NULL };
  guint timeout;
  int status;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (50, close_when_store_shows, app);
  timeout = g_timeout_add (WAIT_MS * 4, give_up, app);

  /* Runs until the window showing the store is closed. */
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (app), "shown-page"), ==, "overview");
  g_source_remove (timeout);
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
  g_test_add_func ("/lc/app/format/typed-numbers-follow-the-locale", test_typed_numbers_follow_the_locale);
  g_test_add_func ("/lc/app/window/welcome-page-without-store", test_welcome_page_without_store);
  g_test_add_func ("/lc/app/window/size-is-remembered", test_window_size_is_remembered);
  g_test_add_func ("/lc/app/window/store-shows-headline-numbers", test_store_shows_headline_numbers);
  g_test_add_func ("/lc/app/window/waiting-orders-are-shown", test_waiting_orders_are_shown);
  g_test_add_func ("/lc/app/window/not-a-store-shows-error-and-keeps-welcome", test_not_a_store_shows_error_and_keeps_welcome);
  g_test_add_func ("/lc/app/window/missing-file-shows-error", test_missing_file_shows_error);
  g_test_add_func ("/lc/app/window/empty-store-says-no-orders", test_empty_store_says_no_orders);
  g_test_add_func ("/lc/app/application/opens-a-store-file", test_application_opens_a_store_file);
  g_test_add_func ("/lc/app/application/command-line-opens-a-store-file", test_command_line_opens_a_store_file);
  g_test_add_func ("/lc/app/demo/existing-store-opens-at-once", test_existing_demo_store_opens_at_once);
  g_test_add_func ("/lc/app/features/show-the-advisors-verdicts", test_features_show_the_advisors_verdicts);
  g_test_add_func ("/lc/app/features/recording-a-switch-updates-the-feature", test_recording_a_switch_updates_the_feature);
  g_test_add_func ("/lc/app/import/shared-export-adds-its-orders", test_import_of_a_shared_export_adds_its_orders);
  g_test_add_func ("/lc/app/import/bad-file-shows-error-and-leaves-store", test_bad_file_shows_error_and_leaves_store);
  g_test_add_func ("/lc/app/import/dropped-files-are-imported-or-opened", test_dropped_files_are_imported_or_opened);
  g_test_add_func ("/lc/app/import/unknown-file-is-mapped-in-the-dialog", test_unknown_file_is_mapped_in_the_dialog);
  g_test_add_func ("/lc/app/import/cancel-in-the-mapping-dialog-leaves-the-store", test_cancel_in_the_mapping_dialog_leaves_the_store);
  g_test_add_func ("/lc/app/import/ambiguous-dates-are-left-to-the-owner", test_ambiguous_dates_are_left_to_the_owner);
  g_test_add_func ("/lc/app/import/files-with-the-same-columns-share-one-dialog", test_files_with_the_same_columns_share_one_dialog);
  g_test_add_func ("/lc/app/import/a-bad-row-past-the-preview-leaves-the-store", test_a_bad_row_past_the_preview_leaves_the_store);
  g_test_add_func ("/lc/app/import/a-mapped-import-can-be-cancelled", test_a_mapped_import_can_be_cancelled);
  g_test_add_func ("/lc/app/import/a-file-without-currency-asks-it-for-a-new-store", test_a_file_without_currency_asks_it_for_a_new_store);
  g_test_add_func ("/lc/app/wizard/walks-a-store-and-changes-verdicts", test_wizard_walks_a_store_and_changes_verdicts);
  g_test_add_func ("/lc/app/wizard/asks-the-rate-of-a-pound-store-and-resumes", test_wizard_asks_the_rate_of_a_pound_store_and_resumes);
  g_test_add_func ("/lc/app/preferences/change-changes-a-verdict", test_preference_change_changes_a_verdict);
  g_test_add_func ("/lc/app/export/report-and-verdicts-from-the-window", test_report_and_verdicts_export_from_the_window);
  g_test_add_func ("/lc/app/demo/preparation-shows-progress-and-cancels", test_demo_preparation_shows_progress_and_cancels);
  g_test_add_func ("/lc/app/demo/preparation-opens-the-new-store", test_demo_preparation_opens_the_new_store);

  return g_test_run ();
}
