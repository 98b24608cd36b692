/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lc-demo.h"
#include "lc-evaluate.h"
#include "lc-experiments.h"
#include "lc-import.h"
#include "lc-test-util.h"

typedef struct
{
  LcStore    *store;
  JsonParser *truth;
} Demo;

static void
demo_clear (Demo *demo)
{
  g_clear_object (&demo->store);
  g_clear_object (&demo->truth);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

static void
make_demo (Demo   *demo,
           guint   seed,
           double  orders_per_day)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store_path = g_build_filename (dir, "demo.liftcheck", NULL);
  g_autofree char *truth_path = g_build_filename (dir, "truth.json", NULL);
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;

  lc_demo_options_init (&options);
  options.seed = seed;
  options.orders_per_day = orders_per_day;
  g_assert_true (lc_demo_create_store (&options, store_path, NULL, truth_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  demo->store = lc_store_open (store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  demo->truth = json_parser_new ();
  json_parser_load_from_file (demo->truth, truth_path, &error);
  g_assert_no_error (error);
}

static JsonObject *
truth_feature (Demo       *demo,
               const char *id)
{
  JsonArray *features = json_object_get_array_member (json_node_get_object (json_parser_get_root (demo->truth)), "features");

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);

      if (g_str_equal (json_object_get_string_member (feature, "feature"), id))
        return feature;
    }
  g_assert_not_reached ();
}

static LcEvaluation *
evaluate (Demo       *demo,
          const char *feature)
{
  g_autoptr(GError) error = NULL;
  LcEvaluation *e = lc_store_evaluate_feature (demo->store, feature, -1, 60, LC_DAY_NONE, &error);

  g_assert_no_error (error);
  g_test_message ("%s: status %s, lift %+.4f (%+.4f to %+.4f), change %+.4f (%+.4f to %+.4f), p %.2g, mde %.3f, yoy %d",
                  feature, lc_evaluation_status_to_string (e->status), e->lift, e->lift_low, e->lift_high,
                  e->change, e->change_low, e->change_high, e->p_value, e->mde, e->year_over_year);
  return e;
}

/* The demo plants known effects; the analysis must find them, on every seed
 * and at two store sizes (PLAYBOOK.md's methods, issue "Honest measurement"). */
static guint carousel_misses;

static void
check_planted_effects (double orders_per_day)
{
  for (guint seed = 1; seed <= 5; seed++)
    {
      g_auto(Demo) demo = { 0 };
      g_autoptr(LcEvaluation) bundles = NULL;
      g_autoptr(LcEvaluation) carousel = NULL;
      g_autoptr(LcEvaluation) nudges = NULL;
      double planted_upt, planted_returns;

      g_test_message ("seed %u, %.0f orders a day", seed, orders_per_day);
      make_demo (&demo, seed, orders_per_day);
      planted_upt = json_object_get_double_member (truth_feature (&demo, "cart-bundles"), "upt_lift");
      planted_returns = json_object_get_double_member (truth_feature (&demo, "return-nudges"), "return_rate_lift_relative");

      /* Cart bundles: the planted extra items per order lie inside the
       * interval, and the change is significant. */
      bundles = evaluate (&demo, "cart-bundles");
      g_assert_cmpint (bundles->metric, ==, LC_METRIC_UPT);
      g_assert_cmpint (bundles->status, ==, LC_EVALUATION_MEASURED);
      g_assert_true (bundles->year_over_year);
      g_assert_true (bundles->significant);
      g_assert_cmpfloat (bundles->change_low, <=, planted_upt);
      g_assert_cmpfloat (bundles->change_high, >=, planted_upt);

      /* The carousel does nothing: no store shows a significant lift. A 95%
       * interval misses the truth one time in twenty by design, so across
       * the ten stores at most one may exclude zero (checked at the end). */
      carousel = evaluate (&demo, "homepage-recs");
      g_assert_cmpint (carousel->metric, ==, LC_METRIC_AOV);
      g_assert_false (carousel->significant && carousel->lift > 0);
      if (carousel->lift_low > 0 || carousel->lift_high < 0)
        carousel_misses++;

      /* Return nudges cut the return rate by the planted fraction. */
      nudges = evaluate (&demo, "return-nudges");
      g_assert_cmpint (nudges->metric, ==, LC_METRIC_RETURN_RATE);
      g_assert_cmpint (nudges->status, ==, LC_EVALUATION_MEASURED);
      g_assert_true (nudges->significant);
      g_assert_cmpfloat (nudges->lift, <, 0);
      g_assert_cmpfloat (nudges->lift_low, <=, planted_returns);
      g_assert_cmpfloat (nudges->lift_high, >=, planted_returns);

      /* The two-week carousel off-test changed nothing: keep it off. */
      {
        JsonObject *offtest = json_object_get_object_member (json_node_get_object (json_parser_get_root (demo.truth)), "offtest");
        g_autoptr(LcOffTest) off = NULL;
        g_autoptr(GError) error = NULL;
        LcDay from, to;

        g_assert_true (lc_day_parse (json_object_get_string_member (offtest, "from"), &from, NULL));
        g_assert_true (lc_day_parse (json_object_get_string_member (offtest, "to"), &to, NULL));
        off = lc_store_read_off_test (demo.store, from, to, &error);
        g_assert_no_error (error);
        g_test_message ("off-test: %+.4f (%+.4f to %+.4f), weekly variation %.4f",
                        off->revenue_change, off->change_low, off->change_high, off->normal_weekly_variation);
        g_assert_false (off->turn_back_on);
        g_assert_true (off->year_over_year);
        g_assert_cmpfloat (off->change_low, <=, 0);
        g_assert_cmpfloat (off->change_high, >=, 0);
      }
    }
}

static void
test_planted_effects_are_found_in_a_mid_size_store (void)
{
  check_planted_effects (120);
}

static void
test_planted_effects_are_found_in_a_larger_store (void)
{
  check_planted_effects (240);
  g_test_message ("carousel intervals excluding zero: %u of 10", carousel_misses);
  g_assert_cmpuint (carousel_misses, <=, 1);
}

static void
test_too_small_a_store_cannot_measure (void)
{
  g_auto(Demo) demo = { 0 };
  g_autoptr(LcEvaluation) bundles = NULL;

  /* Three orders a day: the same planted effect is lost in the noise, and
   * the result must say so rather than report a lift. */
  make_demo (&demo, 3, 3);
  bundles = evaluate (&demo, "cart-bundles");
  g_assert_cmpint (bundles->status, ==, LC_EVALUATION_CANNOT_MEASURE);
  g_assert_false (bundles->significant);
  g_assert_cmpfloat (bundles->mde, >, 0.10);
}

static void
test_warnings_name_what_muddies_the_comparison (void)
{
  g_auto(Demo) demo = { 0 };
  g_autoptr(LcEvaluation) e = NULL;
  g_autoptr(GError) error = NULL;
  gboolean other_switch = FALSE, no_history = FALSE, short_window = FALSE, peak = FALSE;

  make_demo (&demo, 1, 30);
  /* A category-recs switch recorded inside the bundles' windows. */
  g_assert_true (lc_store_add_feature_span (demo.store, "category-recs", lc_day_from_ymd (2026, 5, 10), LC_DAY_NONE, -1, &error));
  e = lc_store_evaluate_feature (demo.store, "cart-bundles", -1, 60, LC_DAY_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < e->warnings->len; i++)
    other_switch |= strstr (g_ptr_array_index (e->warnings, i), "2026-05-10") != NULL;
  g_assert_true (other_switch);
  g_clear_pointer (&e, lc_evaluation_free);

  /* A switch 100 days after the first order: no year-earlier history; a
   * switch 20 days before the last: a short after-window; a window over
   * Black Friday. */
  g_assert_true (lc_store_add_feature_span (demo.store, "product-page-recs", lc_day_from_ymd (2025, 2, 9), LC_DAY_NONE, -1, &error));
  e = lc_store_evaluate_feature (demo.store, "product-page-recs", -1, 60, LC_DAY_NONE, &error);
  for (guint i = 0; i < e->warnings->len; i++)
    no_history |= strstr (g_ptr_array_index (e->warnings, i), "a year earlier") != NULL;
  g_assert_true (no_history);
  g_assert_false (e->year_over_year);
  g_clear_pointer (&e, lc_evaluation_free);

  g_assert_true (lc_store_add_feature_span (demo.store, "browse-abandonment", lc_day_from_ymd (2026, 10, 12), LC_DAY_NONE, -1, &error));
  e = lc_store_evaluate_feature (demo.store, "browse-abandonment", -1, 60, LC_DAY_NONE, &error);
  for (guint i = 0; i < e->warnings->len; i++)
    short_window |= strstr (g_ptr_array_index (e->warnings, i), "Only 20 days") != NULL;
  g_assert_true (short_window);
  g_clear_pointer (&e, lc_evaluation_free);

  g_assert_true (lc_store_add_feature_span (demo.store, "email-product-blocks", lc_day_from_ymd (2025, 12, 10), LC_DAY_NONE, -1, &error));
  e = lc_store_evaluate_feature (demo.store, "email-product-blocks", -1, 30, LC_DAY_NONE, &error);
  for (guint i = 0; i < e->warnings->len; i++)
    peak |= strstr (g_ptr_array_index (e->warnings, i), "Black Friday") != NULL;
  g_assert_true (peak);
}

static void
test_a_feature_never_switched_on_is_an_error (void)
{
  g_auto(Demo) demo = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcEvaluation) e = NULL;

  make_demo (&demo, 1, 5);
  e = lc_store_evaluate_feature (demo.store, "predictive-retention", -1, 60, LC_DAY_NONE, &error);
  g_assert_null (e);
  g_assert_error (error, LC_EVALUATE_ERROR, LC_EVALUATE_ERROR_NO_SWITCH);
  g_assert_nonnull (strstr (error->message, "liftcheck-cli feature"));
}

static void
test_off_test_sees_a_real_drop (void)
{
  g_auto(Demo) demo = { 0 };
  g_autoptr(LcOffTest) off = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LcDay from = lc_day_from_ymd (2026, 9, 21), to = lc_day_from_ymd (2026, 10, 4);
  sqlite3 *db;
  char *sql;

  make_demo (&demo, 2, 120);
  path = g_strdup (lc_store_get_path (demo.store));
  g_clear_object (&demo.store);

  /* Pretend switching the feature off lost a quarter of the orders in those
   * two weeks: every fourth order is cancelled. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = sqlite3_mprintf ("UPDATE orders SET counted = 0 WHERE local_day BETWEEN %d AND %d AND id %% 4 = 0", from, to);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  /* Only the order writer keeps the daily rollup; a change made behind
   * its back rebuilds it. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "DELETE FROM daily;"
                                 "INSERT INTO daily (day, orders, order_value, units, total, refunded, "
                                 "  order_value_sq, units_sq) "
                                 "SELECT local_day, COUNT(*), SUM(subtotal), SUM(units), SUM(total), SUM(refunded), "
                                 "  SUM(subtotal * subtotal), SUM(units * units) "
                                 "FROM orders WHERE counted = 1 GROUP BY local_day;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  demo.store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  off = lc_store_read_off_test (demo.store, from, to, &error);
  g_assert_no_error (error);
  g_test_message ("off-test with a 25%% loss: %+.4f (%+.4f to %+.4f)", off->revenue_change, off->change_low, off->change_high);
  g_assert_cmpfloat (off->revenue_change, <, -0.15);
  g_assert_cmpfloat (off->change_high, <, 0);
  g_assert_true (off->turn_back_on);
}

static void
test_test_length_follows_the_store_variance (void)
{
  g_auto(Demo) demo = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree LcPower *aov = NULL;
  g_autofree LcPower *upt = NULL;
  g_autofree LcPower *upt_small = NULL;

  make_demo (&demo, 1, 120);
  /* A 2% change in order value hides in this store's spread of order
   * values; a 5% change in items per order does not. */
  aov = lc_store_compute_power (demo.store, LC_METRIC_AOV, 0.02, &error);
  g_assert_no_error (error);
  g_assert_false (aov->measurable);
  g_assert_cmpuint (aov->days_needed, >, 56);
  g_assert_cmpfloat (aov->mde_in_8_weeks, >, 0.02);
  upt = lc_store_compute_power (demo.store, LC_METRIC_UPT, 0.05, &error);
  g_assert_no_error (error);
  g_assert_true (upt->measurable);
  g_assert_cmpuint (upt->days_needed, >=, 7);
  g_assert_cmpfloat (upt->mde_in_8_weeks, <, 0.05);

  /* Doubling the lift to find quarters the sample. */
  upt_small = lc_store_compute_power (demo.store, LC_METRIC_UPT, 0.10, &error);
  g_assert_cmpfloat (fabs (upt->n_per_group / upt_small->n_per_group - 4.0), <, 0.05);
}

static void
test_revenue_per_visitor_needs_and_uses_sessions (void)
{
  g_auto(Demo) demo = { 0 };
  g_autoptr(LcEvaluation) aov = NULL;
  g_autoptr(LcEvaluation) rpv = NULL;
  g_autoptr(LcEvaluation) none = NULL;
  g_autoptr(LcImportResult) imported = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GString) csv = g_string_new ("\"Week\",\"Sessions\"\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = NULL;
  const char *paths[2];
  LcDay monday = LC_DAY_NONE;
  gint64 orders = 0;

  make_demo (&demo, 1, 120);

  /* Without a sessions report there is no revenue per visitor. */
  none = lc_store_evaluate_feature (demo.store, "cart-bundles", LC_METRIC_RPV, 60, LC_DAY_NONE, &error);
  g_assert_null (none);
  g_assert_error (error, LC_METRICS_ERROR, LC_METRICS_ERROR_NO_SESSIONS);
  g_clear_error (&error);

  /* A weekly sessions report with 40 visits for every order. */
  days = lc_store_daily_totals (demo.store, LC_DAY_NONE, LC_DAY_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i <= days->len; i++)
    {
      const LcDayTotals *d = i < days->len ? &g_array_index (days, LcDayTotals, i) : NULL;

      if (d == NULL || lc_day_week_start (d->day) != monday)
        {
          if (monday != LC_DAY_NONE)
            {
              g_autofree char *week = lc_day_format (monday);

              g_string_append_printf (csv, "\"%s\",%" G_GINT64_FORMAT "\n", week, orders * 40);
            }
          if (d == NULL)
            break;
          monday = lc_day_week_start (d->day);
          orders = 0;
        }
      orders += d->orders;
    }
  path = lc_test_write_file (dir, "Sessions over time.csv", csv->str, csv->len);
  paths[0] = path;
  paths[1] = NULL;
  imported = lc_store_import_files (demo.store, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  aov = lc_store_evaluate_feature (demo.store, "cart-bundles", LC_METRIC_AOV, 60, LC_DAY_NONE, &error);
  g_assert_no_error (error);
  rpv = lc_store_evaluate_feature (demo.store, "cart-bundles", LC_METRIC_RPV, 60, LC_DAY_NONE, &error);
  g_assert_no_error (error);
  g_test_message ("aov %+.4f (%+.4f to %+.4f); rpv %+.4f (%+.4f to %+.4f), %d weeks each side",
                  aov->lift, aov->lift_low, aov->lift_high, rpv->lift, rpv->lift_low, rpv->lift_high,
                  rpv->before_days / 7);
  g_assert_cmpint (rpv->status, ==, LC_EVALUATION_MEASURED);
  g_assert_true (rpv->year_over_year);
  /* Calendar weeks: the after side starts on the Monday after the switch. */
  g_assert_cmpint (lc_day_get_weekday (rpv->after_from), ==, 1);
  g_assert_cmpint (rpv->after_from, >, rpv->switch_day);
  /* At 40 visits an order, revenue per visit moves as order value does. */
  g_assert_cmpfloat (rpv->lift, >, aov->lift_low - 0.02);
  g_assert_cmpfloat (rpv->lift, <, aov->lift_high + 0.02);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/evaluate/planted-effects-are-found-in-a-mid-size-store", test_planted_effects_are_found_in_a_mid_size_store);
  g_test_add_func ("/lc/evaluate/planted-effects-are-found-in-a-larger-store", test_planted_effects_are_found_in_a_larger_store);
  g_test_add_func ("/lc/evaluate/too-small-a-store-cannot-measure", test_too_small_a_store_cannot_measure);
  g_test_add_func ("/lc/evaluate/warnings-name-what-muddies-the-comparison", test_warnings_name_what_muddies_the_comparison);
  g_test_add_func ("/lc/evaluate/a-feature-never-switched-on-is-an-error", test_a_feature_never_switched_on_is_an_error);
  g_test_add_func ("/lc/evaluate/off-test-sees-a-real-drop", test_off_test_sees_a_real_drop);
  g_test_add_func ("/lc/evaluate/test-length-follows-the-store-variance", test_test_length_follows_the_store_variance);
  g_test_add_func ("/lc/evaluate/revenue-per-visitor-needs-and-uses-sessions", test_revenue_per_visitor_needs_and_uses_sessions);

  return g_test_run ();
}
