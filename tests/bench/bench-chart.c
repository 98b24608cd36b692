/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-chart"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "lc-chart.h"
#include "lc-metrics.h"

/*
 * Times lc_time_chart_draw: a three-year weekly AOV chart with its normal
 * variation band, two feature markers and before/after windows, at 900 x 300
 * on an image surface, 1000 times. The app's target is a redraw under 8 ms.
 * With a folder as the first argument it also writes the chart there
 * (chart-light.png, chart-dark.png, chart.svg, bars-light.png,
 * bars-dark.png) to look at.
 */

#define RUNS 1000
#define WIDTH 900
#define HEIGHT 300

static GArray *
make_daily (LcDay first,
            int   days)
{
  GArray *daily = g_array_new (FALSE, TRUE, sizeof (LcDayTotals));
  GRand *rand = g_rand_new_with_seed (7);

  for (int i = 0; i < days; i++)
    {
      LcDayTotals day = { .day = first + i };
      double season = 1 + 0.12 * sin (2 * G_PI * i / 365.0);
      double lift = i > 2 * 365 ? 1.04 : 1.0;

      day.orders = 40 + g_rand_int_range (rand, 0, 20);
      day.order_value = (gint64) (day.orders * 7000 * season * lift * g_rand_double_range (rand, 0.9, 1.1));
      day.units = day.orders * 16 / 10;
      day.total = day.order_value * 11 / 10;
      g_array_append_val (daily, day);
    }
  g_rand_free (rand);
  return daily;
}

static LcTimeChart *
make_chart (void)
{
  LcDay first = lc_day_from_ymd (2023, 11, 6);
  int days = 3 * 365;
  g_autoptr(GArray) daily = make_daily (first, days);
  g_autoptr(GArray) series = lc_series_from_daily (daily, LC_METRIC_AOV, LC_PERIOD_WEEK, LC_DAY_NONE,
                                                   LC_DAY_NONE, first + days - 1, 2);
  LcTimeChart *chart = lc_time_chart_new (LC_CHART_VALUE_MONEY, "USD", 2);
  LcDay on = first + 2 * 365 + 3;

  lc_time_chart_set_title (chart, "Average order value", "Weekly, with the store's normal variation");
  lc_time_chart_set_series (chart, series, LC_PERIOD_WEEK);
  lc_time_chart_set_normal_band (chart, 13);
  lc_time_chart_add_marker (chart, first + 200, TRUE, "Carousel on");
  lc_time_chart_add_marker (chart, first + 420, FALSE, "Carousel off");
  lc_time_chart_add_marker (chart, on, TRUE, "Cart bundles on");
  lc_time_chart_set_windows (chart, on - 63, on - 1, on, on + 62);
  chart->highlight = (int) chart->points->len - 20;
  return chart;
}

static LcBarChart *
make_bars (void)
{
  LcBarChart *chart = lc_bar_chart_new (LC_CHART_VALUE_PERCENT, NULL, 0);

  lc_bar_chart_set_title (chart, "Return rate by product", "Products with 30 or more orders");
  lc_bar_chart_add_bar (chart, "Linen shirt", 0.34, TRUE, 0.29, 0.39, TRUE);
  lc_bar_chart_add_bar (chart, "Wool coat with a very long product name, navy", 0.27, TRUE, 0.22, 0.33, FALSE);
  lc_bar_chart_add_bar (chart, "Chino trousers", 0.18, TRUE, 0.15, 0.21, FALSE);
  lc_bar_chart_add_bar (chart, "Socks, 3 pack", 0.04, TRUE, 0.02, 0.06, FALSE);
  lc_bar_chart_set_reference (chart, 0.16, "All products 16%");
  return chart;
}

static void
write_samples (const char        *dir,
               const LcTimeChart *chart)
{
  g_autoptr(LcBarChart) bars = make_bars ();
  g_autoptr(GError) error = NULL;
  g_autofree char *light = g_build_filename (dir, "chart-light.png", NULL);
  g_autofree char *dark = g_build_filename (dir, "chart-dark.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *bars_light = g_build_filename (dir, "bars-light.png", NULL);
  g_autofree char *bars_dark = g_build_filename (dir, "bars-dark.png", NULL);

  if (!lc_time_chart_write (chart, lc_chart_style_get_light (), LC_CHART_FORMAT_PNG, WIDTH, HEIGHT, 1, light, &error) ||
      !lc_time_chart_write (chart, lc_chart_style_get_dark (), LC_CHART_FORMAT_PNG, WIDTH, HEIGHT, 1, dark, &error) ||
      !lc_time_chart_write (chart, lc_chart_style_get_light (), LC_CHART_FORMAT_SVG, WIDTH, HEIGHT, 1, svg, &error) ||
      !lc_bar_chart_write (bars, lc_chart_style_get_light (), LC_CHART_FORMAT_PNG, 600, 260, 1, bars_light, &error) ||
      !lc_bar_chart_write (bars, lc_chart_style_get_dark (), LC_CHART_FORMAT_PNG, 600, 260, 1, bars_dark, &error))
    g_error ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LcTimeChart) chart = make_chart ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  gint64 start;
  double ms;

  if (argc > 1)
    write_samples (argv[1], chart);

  /* One warm-up draw loads the fonts. */
  lc_time_chart_draw (cr, WIDTH, HEIGHT, lc_chart_style_get_light (), chart);
  start = g_get_monotonic_time ();
  for (int i = 0; i < RUNS; i++)
    lc_time_chart_draw (cr, WIDTH, HEIGHT, lc_chart_style_get_light (), chart);
  cairo_surface_flush (surface);
  ms = (g_get_monotonic_time () - start) / 1000.0 / RUNS;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_print ("lc_time_chart_draw, %u weekly points, %ux%u: %.3f ms per redraw (target 8 ms)\n",
           chart->points->len, WIDTH, HEIGHT, ms);
  return ms < 8.0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
