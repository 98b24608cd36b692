/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-pages"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "lc-bundles.h"
#include "lc-demo.h"
#include "lc-display.h"
#include "lc-experiments.h"
#include "lc-feature.h"
#include "lc-format.h"
#include "lc-pages-private.h"
#include "lc-returns.h"
#include "lc-stats.h"
#include "lc-test-gui.h"
#include "lc-test-util.h"
#include "lc-window-private.h"

/* The returns, bundles and tests pages against the core functions they
 * show: each test computes the core's figure and looks for it, written
 * the same way, in what the page shows. */

/* Generous: Xvfb on a loaded CI machine can be slow. */
#define WAIT_MS 60000

/* A demo store with 25 orders a day over the demo's two years: enough
 * returns to flag groups, and the planted off-test of homepage-recs
 * (off from 25 Aug to 7 Sep 2026). Made once for all tests. */
static char *store_path;

static gboolean
returns_ready (gpointer data)
{
  return lc_returns_page_is_ready (LC_RETURNS_PAGE (data));
}

static gboolean
bundles_ready (gpointer data)
{
  return lc_bundles_page_is_ready (LC_BUNDLES_PAGE (data));
}

static gboolean
tests_idle (gpointer data)
{
  return lc_tests_page_is_idle (LC_TESTS_PAGE (data));
}

/* A window on the demo store, showing view. */
static LcWindow *
open_store_window (const char *view)
{
  LcWindow *window = lc_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (store_path);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, window, WAIT_MS));
  g_assert_true (lc_window_open_file (window, file));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, view);
  return window;
}

static LcStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  LcStore *store = lc_store_open (store_path, LC_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

/* Every visible label's text under widget, a line each. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
dup_text (gpointer widget)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (widget), out);
  return g_string_free (out, FALSE);
}

#define assert_shows(text, expected) \
  G_STMT_START { \
    if (strstr ((text), (expected)) == NULL) \
      g_error ("Expected “%s” in:\n%s", (expected), (text)); \
  } G_STMT_END

static void
test_returns_are_worked_out_only_when_shown (void)
{
  LcWindow *window = open_store_window ("overview");
  LcReturnsPage *page = lc_window_get_returns_page (window);

  /* The overview is on show at once; the returns wait for their page. */
  lc_test_settle ();
  g_assert_false (lc_returns_page_is_ready (page));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "returns");
  g_assert_true (lc_test_iterate_until (returns_ready, page, WAIT_MS));

  lc_test_close_window (window);
}

static void
test_returns_show_the_cores_numbers (void)
{
  LcWindow *window = open_store_window ("returns");
  LcReturnsPage *page = lc_window_get_returns_page (window);
  g_autoptr(LcStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcReturnsReport) r = NULL;
  g_autofree char *text = NULL;
  g_autofree char *value_rate = NULL;
  g_autofree char *order_rate = NULL;
  g_autofree char *summary = NULL;
  const LcBarChart *bars;
  const LcTimeChart *trend;
  const LcReturnGroup *top;
  double divisor;
  gboolean immature = FALSE;

  g_assert_true (lc_test_iterate_until (returns_ready, page, WAIT_MS));
  lc_test_settle ();
  text = dup_text (page);

  r = lc_store_compute_returns (store, LC_DAY_NONE, LC_DAY_NONE, LC_RETURNS_DEFAULT_CUT, &error);
  g_assert_no_error (error);
  divisor = pow (10, r->exponent);

  value_rate = lc_format_percent (r->value_rate);
  order_rate = lc_format_percent (r->order_rate);
  summary = g_strdup_printf ("Refunds took %s of sales; %s of orders had a refund.", value_rate, order_rate);
  assert_shows (text, summary);

  /* The flagged groups, the highest first, with the nudge that fits. */
  g_assert_cmpuint (r->flagged->len, >, 0);
  top = g_ptr_array_index (r->flagged, 0);
  {
    g_autofree char *title = lc_return_group_dup_title (top);
    g_autofree char *count = lc_display_count (top->orders);
    g_autofree char *rate = g_strdup_printf ("%.0f%% of %s orders had a refund (most likely %.0f%% to %.0f%%).",
                                             top->rate * 100, count, top->rate_low * 100, top->rate_high * 100);

    assert_shows (text, title);
    assert_shows (text, rate);
    assert_shows (text, lc_return_nudge_get_advice (top->nudge));
  }

  /* The money at stake. */
  {
    g_autofree char *refunds = lc_display_money (r->flagged_refunds_year / divisor, r->currency, 0);
    g_autofree char *recovered = lc_display_money (r->recovered_year / divisor, r->currency, 0);
    g_autofree char *refunds_text = g_strdup_printf ("%s a year", refunds);
    g_autofree char *recovered_text = g_strdup_printf ("%s a year", recovered);

    assert_shows (text, refunds_text);
    assert_shows (text, recovered_text);
  }

  /* Bracketing. */
  {
    g_autofree char *count = lc_display_count (r->bracketed.orders);
    g_autofree char *rate = g_strdup_printf ("Against %.0f%% of other orders", r->not_bracketed.rate * 100);

    assert_shows (text, count);
    assert_shows (text, rate);
  }

  /* The bar chart: the flagged rates with their intervals, against the
   * store's own share of orders with a refund. */
  bars = lc_chart_view_get_bar_chart (lc_returns_page_get_flag_chart (page));
  g_assert_nonnull (bars);
  g_assert_cmpuint (bars->bars->len, ==, MIN (r->flagged->len, 10));
  g_assert_cmpfloat_with_epsilon (g_array_index (bars->bars, LcChartBar, 0).value, top->rate, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (bars->bars, LcChartBar, 0).low, top->rate_low, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (bars->bars, LcChartBar, 0).high, top->rate_high, 1e-12);
  g_assert_true (bars->has_reference);
  g_assert_cmpfloat_with_epsilon (bars->reference, r->order_rate, 1e-12);

  /* The weekly trend, its last weeks marked as still coming in. */
  trend = lc_chart_view_get_time_chart (lc_returns_page_get_trend_chart (page));
  g_assert_nonnull (trend);
  g_assert_cmpint (trend->period, ==, LC_PERIOD_WEEK);
  g_assert_cmpuint (trend->points->len, >=, 50);
  for (guint i = 0; i < trend->points->len; i++)
    immature |= g_array_index (trend->points, LcChartPoint, i).immature;
  g_assert_true (immature);

  lc_test_close_window (window);
}

static void
test_bundles_show_the_cores_numbers (void)
{
  LcWindow *window = open_store_window ("bundles");
  LcBundlesPage *page = lc_window_get_bundles_page (window);
  g_autoptr(LcStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcBundles) bundles = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *text = NULL;
  const LcBundlePair *pair;
  const LcAttachChange *change;
  const LcTimeChart *upt;
  LcDay switch_day = LC_DAY_NONE;

  g_assert_true (lc_test_iterate_until (bundles_ready, page, WAIT_MS));
  lc_test_settle ();
  text = dup_text (page);

  bundles = lc_store_compute_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, &error);
  g_assert_no_error (error);
  g_assert_true (bundles->enough_data);
  {
    g_autofree char *multi = lc_display_count (bundles->multi_orders);
    g_autofree char *orders = lc_display_count (bundles->orders);
    g_autofree char *line = g_strdup_printf ("%s of %s orders held two or more different products.", multi, orders);

    assert_shows (text, line);
  }

  /* The suggestions, or else the closest mined pairs, in words. */
  suggestions = lc_bundles_get_suggestions (bundles, FALSE);
  if (suggestions->len == 0)
    assert_shows (text, "No pair stands out");
  pair = suggestions->len > 0 ? g_ptr_array_index (suggestions, 0) : g_ptr_array_index (bundles->pairs, 0);
  {
    g_autofree char *title = g_strdup_printf ("%s with %s", pair->a, pair->b);
    g_autofree char *words = g_strdup_printf ("Bought together in %.1f%% of orders; %.1f times as often as chance.",
                                              pair->support * 100, pair->lift);
    g_autofree char *revenue = lc_display_money (pair->extra_revenue_year, "USD", 0);
    g_autofree char *money = g_strdup_printf ("+%s a year", revenue);

    assert_shows (text, title);
    assert_shows (text, words);
    assert_shows (text, money);
    assert_shows (text, "5 more of every 100 orders with the first product also took the second");
  }

  /* Cart bundles are on in the demo: attach rates before and after. */
  g_assert_true (lc_store_find_first_switch_on (store, "cart-bundles", &switch_day, &error));
  g_assert_no_error (error);
  changes = lc_store_compare_attach_rates (store, switch_day, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, >, 0);
  change = g_ptr_array_index (changes, 0);
  {
    g_autofree char *before = lc_format_percent (change->rate_before);
    g_autofree char *after = lc_format_percent (change->rate_after);
    g_autofree char *value = g_strdup_printf ("%s → %s", before, after);
    g_autofree char *title = g_strdup_printf ("%s with %s", change->a, change->b);

    assert_shows (text, title);
    assert_shows (text, value);
  }

  /* Items per order around the switch, with the evaluation's windows. */
  upt = lc_chart_view_get_time_chart (lc_bundles_page_get_upt_chart (page));
  g_assert_nonnull (upt);
  g_assert_true (upt->has_windows);
  g_assert_cmpint (upt->after_from, ==, switch_day);
  assert_shows (text, "Items per order before");

  lc_test_close_window (window);
}

static void
test_off_test_reads_the_demos_off_weeks (void)
{
  LcWindow *window = open_store_window ("tests");
  LcTestsPage *page = lc_window_get_tests_page (window);
  g_autoptr(LcStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOffTest) t = NULL;
  g_autofree char *text = NULL;
  LcDay from = lc_day_from_ymd (2026, 8, 25);
  LcDay to = lc_day_from_ymd (2026, 9, 7);
  const LcAnalysis *analysis = lc_window_get_analysis (window);

  g_assert_true (lc_test_iterate_until (tests_idle, page, WAIT_MS));
  /* The page starts on the off-test the advisor found in the timeline. */
  text = dup_text (lc_tests_page_get_off_test_result (page));
  assert_shows (text, "Off from 25 Aug 2026 to 7 Sep 2026");
  g_clear_pointer (&text, g_free);

  lc_tests_page_set_off_test (page, "homepage-recs", from, to);
  g_assert_true (lc_test_iterate_until (tests_idle, page, WAIT_MS));
  text = dup_text (lc_tests_page_get_off_test_result (page));

  t = lc_store_read_off_test (store, from, to, &error);
  g_assert_no_error (error);
  {
    g_autofree char *actual = lc_display_money (t->actual, "USD", 0);
    g_autofree char *forecast = lc_display_money (t->forecast, "USD", 0);
    g_autofree char *change = lc_format_relative_change (t->revenue_change);
    g_autofree char *low = lc_format_relative_change (t->change_low);
    g_autofree char *high = lc_format_relative_change (t->change_high);
    g_autofree char *normal = lc_format_percent (t->normal_weekly_variation);
    g_autofree char *line = g_strdup_printf ("revenue was %s, against %s expected from the weeks before: %s (most likely %s to %s).",
                                             actual, forecast, change, low, high);
    g_autofree char *normal_line = g_strdup_printf ("Revenue normally moves about %s from one week to the next.", normal);

    assert_shows (text, line);
    assert_shows (text, normal_line);
    /* The demo's homepage carousel does nothing: nobody missed it. */
    g_assert_false (t->turn_back_on);
    assert_shows (text, "Verdict: nobody missed it");
  }
  g_clear_pointer (&text, g_free);

  /* Days after the data: what to do, and when to come back. */
  lc_tests_page_set_off_test (page, "category-recs", analysis->summary->last_day + 3,
                              analysis->summary->last_day + 16);
  g_assert_true (lc_test_iterate_until (tests_idle, page, WAIT_MS));
  text = dup_text (lc_tests_page_get_off_test_result (page));
  assert_shows (text, "What to do");
  {
    g_autofree char *off = lc_display_day (analysis->summary->last_day + 3);
    g_autofree char *back_on = lc_display_day (analysis->summary->last_day + 17);
    g_autofree char *line = g_strdup_printf ("off on %s and back on on %s.", off, back_on);

    assert_shows (text, line);
  }

  lc_test_close_window (window);
}

static void
test_holdout_says_what_the_core_says (void)
{
  LcWindow *window = open_store_window ("tests");
  LcTestsPage *page = lc_window_get_tests_page (window);
  g_autoptr(LcStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcHoldout) holdout = NULL;
  g_autofree char *text = NULL;

  g_assert_true (lc_test_iterate_until (tests_idle, page, WAIT_MS));
  lc_tests_page_read_holdout (page, "holdout");
  g_assert_true (lc_test_iterate_until (tests_idle, page, WAIT_MS));
  text = dup_text (lc_tests_page_get_holdout_result (page));

  /* The demo tags no orders: the page passes the core's reason on. */
  holdout = lc_store_read_holdout (store, "holdout", -1, &error);
  g_assert_null (holdout);
  g_assert_nonnull (error);
  assert_shows (text, "Can’t read this tag");
  assert_shows (text, error->message);

  lc_test_close_window (window);
}

static void
check_ab (LcTestsPage *page,
          guint64      n_a,
          guint64      c_a,
          guint64      n_b,
          guint64      c_b)
{
  g_autofree char *text = NULL;
  g_autofree char *rates = NULL;
  g_autofree char *reading = NULL;
  LcProportionsResult r;
  LcSrmResult srm;
  guint64 observed[2] = { n_a, n_b };
  const double shares[2] = { 0.5, 0.5 };

  lc_tests_page_set_ab_counts (page, n_a, c_a, 120.5 * c_a, n_b, c_b, 118.0 * c_b);
  text = dup_text (lc_tests_page_get_ab_result (page));

  lc_stats_two_proportions (c_a, n_a, c_b, n_b, LC_STATS_CONFIDENCE, &r);
  lc_stats_sample_ratio_mismatch (observed, shares, 2, &srm);

  rates = g_strdup_printf ("A: %.2f%% placed an order; B: %.2f%%.", r.rate_a * 100, r.rate_b * 100);
  assert_shows (text, rates);
  if (r.p_value < LC_STATS_ALPHA)
    reading = g_strdup_printf ("That difference is real: chance alone would produce it less than %.1f%% of the time.",
                               MAX (r.p_value * 100, 0.1));
  else
    reading = g_strdup_printf ("That difference could well be chance (it would happen %.0f%% of the time with no real difference).",
                               r.p_value * 100);
  assert_shows (text, reading);
  assert_shows (text, "Revenue per visitor: A ");
  if (srm.mismatch)
    assert_shows (text, "not the even split planned");
  else
    g_assert_null (strstr (text, "not the even split planned"));
}

static void
test_ab_calculator_gives_the_cores_reading (void)
{
  LcWindow *window = open_store_window ("tests");
  LcTestsPage *page = lc_window_get_tests_page (window);

  /* Real, chance, and an uneven split. */
  check_ab (page, 10000, 200, 10000, 260);
  check_ab (page, 10000, 200, 10000, 210);
  check_ab (page, 10000, 200, 11000, 230);

  lc_test_close_window (window);
}

static void
test_how_long_matches_the_power_figure (void)
{
  LcWindow *window = open_store_window ("tests");
  LcTestsPage *page = lc_window_get_tests_page (window);
  g_autoptr(LcStore) store = open_store ();
  const double lifts[] = { 2.0, 12.5 };

  for (guint i = 0; i < G_N_ELEMENTS (lifts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree LcPower *power = NULL;
      g_autofree char *text = NULL;
      g_autofree char *days = NULL;
      g_autofree char *line = NULL;

      lc_tests_page_set_power_lift (page, lifts[i]);
      g_assert_true (lc_test_iterate_until (tests_idle, page, WAIT_MS));
      text = dup_text (lc_tests_page_get_power_result (page));

      power = lc_store_compute_power (store, LC_METRIC_AOV, lifts[i] / 100, &error);
      g_assert_no_error (error);
      days = lc_display_count (power->days_needed);
      line = g_strdup_printf ("would need about %s days", days);
      assert_shows (text, line);
      if (power->measurable)
        assert_shows (text, "That is within 8 weeks");
      else
        {
          g_autofree char *verdict = g_strdup_printf ("At your volume a %s change needs %s days: more than 8 weeks, so it can’t be measured.",
                                                      i == 0 ? "2%" : "12.5%", days);

          assert_shows (text, verdict);
        }
    }

  lc_test_close_window (window);
}

static void
test_views_have_names_for_the_shortcuts (void)
{
  LcWindow *window = open_store_window ("overview");
  const char *views[] = { "returns", "bundles", "tests" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[i]);
      g_assert_cmpstr (lc_window_get_page_name (window), ==, views[i]);
    }

  lc_test_close_window (window);
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

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  dir = lc_test_make_tmpdir ();
  store_path = g_build_filename (dir, "demo.liftcheck", NULL);
  lc_demo_options_init (&options);
  options.orders_per_day = 25;
  if (!lc_demo_create_store (&options, store_path, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("Could not create the demo store: %s", error->message);

  g_test_add_func ("/lc/pages/returns/worked-out-only-when-shown", test_returns_are_worked_out_only_when_shown);
  g_test_add_func ("/lc/pages/returns/show-the-cores-numbers", test_returns_show_the_cores_numbers);
  g_test_add_func ("/lc/pages/bundles/show-the-cores-numbers", test_bundles_show_the_cores_numbers);
  g_test_add_func ("/lc/pages/tests/off-test-reads-the-demos-off-weeks", test_off_test_reads_the_demos_off_weeks);
  g_test_add_func ("/lc/pages/tests/holdout-says-what-the-core-says", test_holdout_says_what_the_core_says);
  g_test_add_func ("/lc/pages/tests/ab-calculator-gives-the-cores-reading", test_ab_calculator_gives_the_cores_reading);
  g_test_add_func ("/lc/pages/tests/how-long-matches-the-power-figure", test_how_long_matches_the_power_figure);
  g_test_add_func ("/lc/pages/window/views-have-names-for-the-shortcuts", test_views_have_names_for_the_shortcuts);

  return g_test_run ();
}
