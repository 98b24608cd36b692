/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include "lc-metrics.h"
#include "lc-test-util.h"

static GArray *
make_days (void)
{
  GArray *days = g_array_new (FALSE, TRUE, sizeof (LcDayTotals));
  /* Sunday 2024-03-03, Monday 2024-03-04 and Friday 2024-03-08, then
   * Monday 2024-04-01. Money in cents. */
  const LcDayTotals rows[] = {
    { lc_day_from_ymd (2024, 3, 3), 2, 10000, 3, 11000, 1000 },
    { lc_day_from_ymd (2024, 3, 4), 1, 6000, 2, 6500, 0 },
    { lc_day_from_ymd (2024, 3, 8), 1, 4000, 1, 4500, 4500 },
    { lc_day_from_ymd (2024, 4, 1), 4, 20000, 8, 22000, 0 },
  };

  g_array_append_vals (days, rows, G_N_ELEMENTS (rows));
  return days;
}

static void
test_weeks_start_on_monday (void)
{
  g_autoptr(GArray) days = make_days ();
  g_autoptr(GArray) aov = lc_series_from_daily (days, LC_METRIC_AOV, LC_PERIOD_WEEK, LC_DAY_NONE, LC_DAY_NONE,
                                                lc_day_from_ymd (2024, 4, 1), 2);
  LcSeriesPoint *p;

  /* Weeks of 26 Feb, 4 Mar, 11 Mar, 18 Mar, 25 Mar and 1 Apr. */
  g_assert_cmpuint (aov->len, ==, 6);
  p = &g_array_index (aov, LcSeriesPoint, 0);
  g_assert_cmpint (p->start, ==, lc_day_from_ymd (2024, 2, 26));
  g_assert_cmpint (p->end, ==, lc_day_from_ymd (2024, 3, 3));
  g_assert_true (p->has_value);
  g_assert_cmpfloat_with_epsilon (p->value, 50.0, 1e-9);
  p = &g_array_index (aov, LcSeriesPoint, 1);
  g_assert_cmpint (p->orders, ==, 2);
  g_assert_cmpfloat_with_epsilon (p->value, 50.0, 1e-9);
  /* A week without orders has no average, rather than a zero. */
  p = &g_array_index (aov, LcSeriesPoint, 2);
  g_assert_false (p->has_value);
  g_assert_cmpint (p->orders, ==, 0);
}

static void
test_months_and_sums (void)
{
  g_autoptr(GArray) days = make_days ();
  g_autoptr(GArray) revenue = lc_series_from_daily (days, LC_METRIC_REVENUE, LC_PERIOD_MONTH, LC_DAY_NONE, LC_DAY_NONE,
                                                    lc_day_from_ymd (2024, 4, 1), 2);
  g_autoptr(GArray) upt = lc_series_from_daily (days, LC_METRIC_UPT, LC_PERIOD_MONTH, LC_DAY_NONE, LC_DAY_NONE,
                                                lc_day_from_ymd (2024, 4, 1), 2);

  g_assert_cmpuint (revenue->len, ==, 2);
  /* Revenue is Total less refunds: (110 - 10) + 65 + (45 - 45). */
  g_assert_cmpfloat_with_epsilon (g_array_index (revenue, LcSeriesPoint, 0).value, 165.0, 1e-9);
  g_assert_cmpint (g_array_index (revenue, LcSeriesPoint, 1).start, ==, lc_day_from_ymd (2024, 4, 1));
  g_assert_cmpint (g_array_index (revenue, LcSeriesPoint, 1).end, ==, lc_day_from_ymd (2024, 4, 30));
  g_assert_cmpfloat_with_epsilon (g_array_index (upt, LcSeriesPoint, 0).value, 6.0 / 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (upt, LcSeriesPoint, 1).value, 2.0, 1e-12);
}

static void
test_recent_return_rates_are_immature (void)
{
  g_autoptr(GArray) days = make_days ();
  g_autoptr(GArray) rate = NULL;
  LcDay last = lc_day_from_ymd (2024, 5, 10);

  rate = lc_series_from_daily (days, LC_METRIC_RETURN_RATE, LC_PERIOD_DAY, LC_DAY_NONE, LC_DAY_NONE, last, 2);
  /* 3 Mar is 68 days before the last day: mature. 1 Apr is 39 days: not. */
  g_assert_false (g_array_index (rate, LcSeriesPoint, 0).immature);
  g_assert_cmpfloat_with_epsilon (g_array_index (rate, LcSeriesPoint, 0).value, 1000.0 / 11000.0, 1e-12);
  g_assert_true (g_array_index (rate, LcSeriesPoint, rate->len - 1).immature);
  g_assert_cmpint (g_array_index (rate, LcSeriesPoint, rate->len - 1).start, ==, lc_day_from_ymd (2024, 4, 1));
}

static void
test_range_clips_the_series (void)
{
  g_autoptr(GArray) days = make_days ();
  g_autoptr(GArray) orders = lc_series_from_daily (days, LC_METRIC_ORDERS, LC_PERIOD_DAY,
                                                   lc_day_from_ymd (2024, 3, 4), lc_day_from_ymd (2024, 3, 8),
                                                   lc_day_from_ymd (2024, 4, 1), 2);

  g_assert_cmpuint (orders->len, ==, 5);
  g_assert_cmpfloat (g_array_index (orders, LcSeriesPoint, 0).value, ==, 1);
  g_assert_cmpfloat (g_array_index (orders, LcSeriesPoint, 1).value, ==, 0);
  g_assert_true (g_array_index (orders, LcSeriesPoint, 1).has_value);
  g_assert_cmpfloat (g_array_index (orders, LcSeriesPoint, 4).value, ==, 1);
}

static void
test_tier_boundaries (void)
{
  g_assert_cmpint (lc_tier_for_revenue_usd (1999999.99, NULL), ==, LC_TIER_UNDER_2M);
  g_assert_cmpint (lc_tier_for_revenue_usd (2000000.00, NULL), ==, LC_TIER_2M_10M);
  g_assert_cmpint (lc_tier_for_revenue_usd (9999999.99, NULL), ==, LC_TIER_2M_10M);
  g_assert_cmpint (lc_tier_for_revenue_usd (10000000.00, NULL), ==, LC_TIER_OVER_10M);
  g_assert_cmpint (lc_tier_for_revenue_usd (-1, NULL), ==, LC_TIER_UNKNOWN);
  g_assert_cmpstr (lc_tier_to_string (LC_TIER_2M_10M), ==, "2m-10m");
}

static void
test_large_currencies_are_converted (void)
{
  /* A store selling 900 million rupees a year is a $3M store, not a
   * top-tier one. */
  double pkr = lc_currency_estimated_usd_rate ("PKR");

  g_assert_cmpfloat (pkr, >, 0);
  g_assert_cmpint (lc_tier_for_revenue_usd (900e6 * pkr, NULL), ==, LC_TIER_2M_10M);
  g_assert_cmpfloat (lc_currency_estimated_usd_rate ("USD"), ==, 1.0);
  g_assert_cmpfloat (lc_currency_estimated_usd_rate ("XYZ"), ==, 0);
}

static void
test_metric_names (void)
{
  LcMetric metric;
  LcPeriod period;

  g_assert_true (lc_metric_from_string ("return-rate", &metric));
  g_assert_cmpint (metric, ==, LC_METRIC_RETURN_RATE);
  g_assert_false (lc_metric_from_string ("clicks", &metric));
  g_assert_true (lc_period_from_string ("month", &period));
  g_assert_cmpint (period, ==, LC_PERIOD_MONTH);
  g_assert_false (lc_period_from_string ("quarter", &period));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/metrics/weeks-start-on-monday", test_weeks_start_on_monday);
  g_test_add_func ("/lc/metrics/months-and-sums", test_months_and_sums);
  g_test_add_func ("/lc/metrics/recent-return-rates-are-immature", test_recent_return_rates_are_immature);
  g_test_add_func ("/lc/metrics/range-clips-the-series", test_range_clips_the_series);
  g_test_add_func ("/lc/metrics/tier-boundaries", test_tier_boundaries);
  g_test_add_func ("/lc/metrics/large-currencies-are-converted", test_large_currencies_are_converted);
  g_test_add_func ("/lc/metrics/metric-names", test_metric_names);

  return g_test_run ();
}
