/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lc-chart.h"
#include "lc-store.h"
#include "lc-test-util.h"

#define WIDTH 600
#define HEIGHT 300

typedef struct
{
  int red;
  int green;
  int blue;
} Pixel;

static cairo_surface_t *
draw_time (const LcTimeChart  *chart,
           const LcChartStyle *style,
           double              scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) (WIDTH * scale),
                                                         (int) (HEIGHT * scale));
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  lc_time_chart_draw (cr, WIDTH, HEIGHT, style, chart);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The pixel at device coordinates (every test image is opaque). */
static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  argb = *(const guint32 *) (data + y * stride + x * 4);
  g_assert_cmpuint (argb >> 24, ==, 0xff);
  return (Pixel) { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };
}

/* A colour as it lands on an opaque base. */
static Pixel
blend (const LcChartColor *base,
       const LcChartColor *over)
{
  return (Pixel) {
    (int) round (255 * (base->red * (1 - over->alpha) + over->red * over->alpha)),
    (int) round (255 * (base->green * (1 - over->alpha) + over->green * over->alpha)),
    (int) round (255 * (base->blue * (1 - over->alpha) + over->blue * over->alpha)),
  };
}

static Pixel
opaque (const LcChartColor *color)
{
  return blend (color, color);
}

static gboolean
pixel_near (Pixel a,
            Pixel b,
            int   tolerance)
{
  return ABS (a.red - b.red) <= tolerance && ABS (a.green - b.green) <= tolerance &&
         ABS (a.blue - b.blue) <= tolerance;
}

static gboolean
pixel_equal (Pixel a,
             Pixel b)
{
  return pixel_near (a, b, 0);
}

#define assert_pixel_near(a, b, tolerance)                                                     \
  G_STMT_START {                                                                               \
    Pixel _a = (a), _b = (b);                                                                  \
    if (!pixel_near (_a, _b, tolerance))                                                       \
      g_error ("pixel #%02x%02x%02x is not #%02x%02x%02x", _a.red, _a.green, _a.blue,          \
               _b.red, _b.green, _b.blue);                                                     \
  } G_STMT_END

/* Days from 2025-01-06, a Monday. */
static LcDay
day_n (int n)
{
  return lc_day_from_ymd (2025, 1, 6) + n;
}

/* n_days daily points of value 100 each. */
static LcTimeChart *
flat_daily_chart (int n_days)
{
  LcTimeChart *chart = lc_time_chart_new (LC_CHART_VALUE_MONEY, "USD", 2);

  for (int i = 0; i < n_days; i++)
    {
      LcChartPoint point = { .start = day_n (i), .end = day_n (i), .value = 100, .has_value = TRUE };

      lc_time_chart_add_point (chart, &point);
    }
  return chart;
}

static void
test_band_is_shaded (void)
{
  const LcChartStyle *style = lc_chart_style_get_light ();
  g_autoptr(LcTimeChart) chart = lc_time_chart_new (LC_CHART_VALUE_MONEY, "USD", 2);
  cairo_surface_t *surface;
  LcChartLayout layout;
  double x, y;

  for (int i = 0; i < 10; i++)
    {
      LcChartPoint point = {
        .start = day_n (7 * i), .end = day_n (7 * i + 6), .value = 100, .has_value = TRUE,
        .has_band = i >= 2, .band_low = 60, .band_high = 140,
      };

      lc_time_chart_add_point (chart, &point);
    }
  chart->band = LC_CHART_BAND_CONFIDENCE;
  chart->period = LC_PERIOD_WEEK;

  surface = draw_time (chart, style, 1);
  lc_time_chart_layout (chart, style, WIDTH, HEIGHT, &layout);
  g_assert_true (lc_time_chart_get_point_position (chart, &layout, 5, &x, NULL));
  y = lc_chart_layout_y_for_value (&layout, 125);

  /* Inside the band, between the line and the band's top edge. */
  assert_pixel_near (pixel_at (surface, (int) x, (int) y), blend (&style->background, &style->band), 2);
  /* Before the band starts (points 0 and 1 have none), the same height is plain background. */
  g_assert_true (lc_time_chart_get_point_position (chart, &layout, 0, &x, NULL));
  assert_pixel_near (pixel_at (surface, (int) x, (int) y), opaque (&style->background), 0);
  cairo_surface_destroy (surface);
}

static Pixel
find_near (cairo_surface_t *surface,
           int              x,
           int              y,
           Pixel            wanted)
{
  for (int dx = -1; dx <= 1; dx++)
    if (pixel_equal (pixel_at (surface, x + dx, y), wanted))
      return wanted;
  return pixel_at (surface, x, y);
}

static void
test_markers_on_switch_days (void)
{
  const LcChartStyle *style = lc_chart_style_get_light ();
  g_autoptr(LcTimeChart) chart = flat_daily_chart (60);
  cairo_surface_t *surface;
  LcChartLayout layout;
  double on_x, off_x, y;

  lc_time_chart_add_marker (chart, day_n (20), TRUE, "Bundles on");
  lc_time_chart_add_marker (chart, day_n (45), FALSE, "Carousel off");
  surface = draw_time (chart, style, 1);
  lc_time_chart_layout (chart, style, WIDTH, HEIGHT, &layout);

  on_x = lc_chart_layout_x_for_day (&layout, day_n (20));
  off_x = lc_chart_layout_x_for_day (&layout, day_n (45));
  y = layout.plot_y + layout.plot_height * 0.8;

  assert_pixel_near (find_near (surface, (int) on_x, (int) y, opaque (&style->marker_on)),
                     opaque (&style->marker_on), 0);
  assert_pixel_near (find_near (surface, (int) off_x, (int) y, opaque (&style->marker_off)),
                     opaque (&style->marker_off), 0);
  /* Ten days later there is no marker. */
  g_assert_false (pixel_near (pixel_at (surface, (int) lc_chart_layout_x_for_day (&layout, day_n (30)), (int) y),
                              opaque (&style->marker_on), 30));
  cairo_surface_destroy (surface);
}

static void
test_windows_are_shaded (void)
{
  const LcChartStyle *style = lc_chart_style_get_light ();
  g_autoptr(LcTimeChart) chart = flat_daily_chart (90);
  cairo_surface_t *surface;
  LcChartLayout layout;
  int before_x, after_x, outside_x, checked = 0;

  lc_time_chart_set_windows (chart, day_n (10), day_n (29), day_n (30), day_n (49));
  surface = draw_time (chart, style, 1);
  lc_time_chart_layout (chart, style, WIDTH, HEIGHT, &layout);
  before_x = (int) lc_chart_layout_x_for_day (&layout, day_n (20));
  after_x = (int) lc_chart_layout_x_for_day (&layout, day_n (40));
  outside_x = (int) lc_chart_layout_x_for_day (&layout, day_n (70));

  /* Wherever the plot is bare outside the windows, the windows show their shades. */
  for (int y = (int) layout.plot_y + 1; y < (int) (layout.plot_y + layout.plot_height) - 1; y++)
    {
      if (!pixel_equal (pixel_at (surface, outside_x, y), opaque (&style->background)))
        continue;
      assert_pixel_near (pixel_at (surface, before_x, y), blend (&style->background, &style->before_window), 2);
      assert_pixel_near (pixel_at (surface, after_x, y), blend (&style->background, &style->after_window), 2);
      checked++;
    }
  g_assert_cmpint (checked, >, 50);
  cairo_surface_destroy (surface);
}

static void
test_dark_style_changes_background (void)
{
  g_autoptr(LcTimeChart) chart = flat_daily_chart (30);
  cairo_surface_t *light = draw_time (chart, lc_chart_style_get (FALSE), 1);
  cairo_surface_t *dark = draw_time (chart, lc_chart_style_get (TRUE), 1);

  assert_pixel_near (pixel_at (light, 2, 2), opaque (&lc_chart_style_get_light ()->background), 0);
  assert_pixel_near (pixel_at (dark, 2, 2), opaque (&lc_chart_style_get_dark ()->background), 0);
  g_assert_false (pixel_near (pixel_at (light, 2, 2), pixel_at (dark, 2, 2), 100));
  g_assert_true (lc_chart_style_get_dark ()->dark);
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

/* Runs of exact grid colour down one column: each must be whole device
 * pixels of the grid's own colour, scale pixels thick, not a blurred pair. */
static void
check_grid_crisp (double scale)
{
  const LcChartStyle *style = lc_chart_style_get_light ();
  g_autoptr(LcTimeChart) chart = lc_time_chart_new (LC_CHART_VALUE_COUNT, NULL, 0);
  cairo_surface_t *surface;
  LcChartLayout layout;
  Pixel grid = opaque (&style->grid), background = opaque (&style->background);
  int x, runs = 0, run = 0;

  for (int i = 0; i < 12; i++)
    {
      LcChartPoint point = { .start = day_n (7 * i), .end = day_n (7 * i + 6), .value = 40 + 13 * (i % 4), .has_value = TRUE };

      lc_time_chart_add_point (chart, &point);
    }
  surface = draw_time (chart, style, scale);
  lc_time_chart_layout (chart, style, WIDTH, HEIGHT, &layout);
  /* Left of the first point's centre: only grid lines cross there. */
  x = (int) ((layout.plot_x + 4) * scale);
  /* From the top: the chart has no title, so only the grid is above the plot. */
  for (int y = 0; y < (int) ((layout.plot_y + layout.plot_height - 2) * scale); y++)
    {
      Pixel p = pixel_at (surface, x, y);

      if (pixel_equal (p, grid))
        {
          run++;
          continue;
        }
      /* Anything else in this column is background: no half-tone edges. */
      assert_pixel_near (p, background, 0);
      if (run > 0)
        {
          g_assert_cmpint (run, ==, (int) scale);
          runs++;
        }
      run = 0;
    }
  g_assert_cmpint (runs, >=, 2);
  cairo_surface_destroy (surface);
}

static void
test_grid_crisp_at_scale_1 (void)
{
  check_grid_crisp (1);
}

static void
test_grid_crisp_at_scale_2 (void)
{
  check_grid_crisp (2);
}

static void
test_bars_where_and_how_long (void)
{
  const LcChartStyle *style = lc_chart_style_get_light ();
  g_autoptr(LcBarChart) chart = lc_bar_chart_new (LC_CHART_VALUE_PERCENT, NULL, 0);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  LcChartLayout layout;
  double x[3], y[3], w[3], h[3];
  int end = -1;

  lc_bar_chart_set_title (chart, "Return rate by product", NULL);
  lc_bar_chart_add_bar (chart, "Linen shirt", 0.10, TRUE, 0.07, 0.13, FALSE);
  lc_bar_chart_add_bar (chart, "Wool coat", 0.30, FALSE, 0, 0, TRUE);
  lc_bar_chart_add_bar (chart, "Socks", 0.20, FALSE, 0, 0, FALSE);
  lc_bar_chart_set_reference (chart, 0.18, "All products");
  lc_bar_chart_draw (cr, WIDTH, HEIGHT, style, chart);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  lc_bar_chart_layout (chart, style, WIDTH, HEIGHT, &layout);
  for (guint i = 0; i < 3; i++)
    g_assert_true (lc_bar_chart_get_bar_rect (chart, &layout, i, &x[i], &y[i], &w[i], &h[i]));
  g_assert_false (lc_bar_chart_get_bar_rect (chart, &layout, 3, NULL, NULL, NULL, NULL));

  /* Lengths follow the values, from the same zero, top to bottom. */
  g_assert_cmpfloat_with_epsilon (w[1] / w[0], 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (w[2] / w[0], 2.0, 1e-9);
  g_assert_cmpfloat (x[0], ==, x[1]);
  g_assert_cmpfloat (y[0], <, y[1]);
  g_assert_cmpfloat (y[1], <, y[2]);
  g_assert_cmpint (lc_bar_chart_bar_at (chart, &layout, y[2] + h[2] / 2), ==, 2);

  /* The flagged bar in the highlight colour, the others in the bar colour. */
  assert_pixel_near (pixel_at (surface, (int) (x[1] + w[1] / 2), (int) (y[1] + h[1] / 2)),
                     opaque (&style->bar_highlight), 0);
  assert_pixel_near (pixel_at (surface, (int) (x[2] + w[2] / 2), (int) (y[2] + h[2] / 4)),
                     opaque (&style->bar), 0);
  /* Walking right along the third bar, its colour ends where its length says. */
  for (int px = (int) x[2] + 2; px < WIDTH; px++)
    if (!pixel_equal (pixel_at (surface, px, (int) (y[2] + h[2] / 4)), opaque (&style->bar)))
      {
        end = px;
        break;
      }
  g_assert_cmpint (ABS (end - (int) round (x[2] + w[2])), <=, 1);
  cairo_surface_destroy (surface);
}

static void
test_export_png_and_svg (void)
{
  const LcChartStyle *style = lc_chart_style_get_light ();
  g_autoptr(LcTimeChart) chart = flat_daily_chart (40);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *png_path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *read_back;
  gsize size;

  lc_time_chart_set_title (chart, "Average order value", "Daily");
  png = lc_time_chart_render (chart, style, LC_CHART_FORMAT_PNG, 320, 200, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  svg = lc_time_chart_render (chart, style, LC_CHART_FORMAT_SVG, 320, 200, 1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (svg, NULL), "<?xml"));

  g_assert_true (lc_time_chart_write (chart, style, LC_CHART_FORMAT_PNG, 320, 200, 2, png_path, &error));
  g_assert_no_error (error);
  /* Scale 2 doubles the pixels for HiDPI and print. */
  read_back = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (read_back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (read_back), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (read_back), ==, 400);
  cairo_surface_destroy (read_back);

  g_assert_true (lc_time_chart_write (chart, style, LC_CHART_FORMAT_SVG, 320, 200, 1, svg_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &contents, &size, &error));
  g_assert_true (strstr (contents, "<svg") != NULL);
  g_assert_true (g_str_has_suffix (g_strchomp (contents), "</svg>"));

  /* An unwritable path is an error, not a crash. */
  g_assert_false (lc_time_chart_write (chart, style, LC_CHART_FORMAT_PNG, 320, 200, 1,
                                       "/nonexistent-dir/chart.png", &error));
  g_assert_nonnull (error);
}

static gboolean
labels_include (GArray     *ticks,
                const char *label)
{
  for (guint i = 0; i < ticks->len; i++)
    if (g_strcmp0 (g_array_index (ticks, LcChartTick, i).label, label) == 0)
      return TRUE;
  return FALSE;
}

static char *
labels_joined (GArray *ticks)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ticks->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " | " : "", g_array_index (ticks, LcChartTick, i).label);
  return g_string_free (out, FALSE);
}

static void
test_money_ticks_carry_currency (void)
{
  g_autoptr(GArray) dollars = NULL;
  g_autoptr(GArray) euros = NULL;
  g_autoptr(GArray) millions = NULL;
  g_autoptr(GArray) cents = NULL;
  g_autoptr(GArray) taka = NULL;
  g_autofree char *joined = NULL;
  double lo, hi;

  dollars = lc_chart_value_ticks (0, 97, 5, LC_CHART_VALUE_MONEY, "USD", &lo, &hi);
  joined = labels_joined (dollars);
  g_assert_cmpstr (joined, ==, "$0 | $50 | $100");
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 100);

  euros = lc_chart_value_ticks (12, 58, 6, LC_CHART_VALUE_MONEY, "EUR", NULL, NULL);
  g_assert_true (labels_include (euros, "€20"));
  g_assert_true (labels_include (euros, "€60"));

  millions = lc_chart_value_ticks (0, 1.4e6, 4, LC_CHART_VALUE_MONEY, "USD", NULL, NULL);
  g_assert_true (labels_include (millions, "$500K"));
  g_assert_true (labels_include (millions, "$1.5M"));

  /* Small steps show whole cents. */
  cents = lc_chart_value_ticks (70.12, 70.48, 5, LC_CHART_VALUE_MONEY, "USD", NULL, NULL);
  g_assert_true (labels_include (cents, "$70.20"));

  /* A currency without a symbol is written with its code. */
  taka = lc_chart_value_ticks (1000, 3000, 3, LC_CHART_VALUE_MONEY, "BDT", NULL, NULL);
  g_assert_true (labels_include (taka, "2,000 BDT"));
}

static void
test_other_ticks (void)
{
  g_autoptr(GArray) percent = lc_chart_value_ticks (0, 0.27, 4, LC_CHART_VALUE_PERCENT, NULL, NULL, NULL);
  g_autoptr(GArray) upt = lc_chart_value_ticks (1.42, 1.63, 5, LC_CHART_VALUE_DECIMAL, NULL, NULL, NULL);
  g_autoptr(GArray) counts = lc_chart_value_ticks (0, 3, 8, LC_CHART_VALUE_COUNT, NULL, NULL, NULL);
  g_autoptr(GArray) flat = NULL;
  double lo, hi;

  g_assert_true (labels_include (percent, "10%"));
  g_assert_true (labels_include (percent, "30%"));
  g_assert_true (labels_include (upt, "1.5"));
  g_assert_true (labels_include (upt, "1.6"));
  /* Counts never step by fractions. */
  g_assert_cmpuint (counts->len, ==, 4);
  g_assert_true (labels_include (counts, "3"));

  /* A flat series still gets an axis around its value. */
  flat = lc_chart_value_ticks (100, 100, 5, LC_CHART_VALUE_DECIMAL, NULL, &lo, &hi);
  g_assert_cmpfloat (lo, <, 100);
  g_assert_cmpfloat (hi, >, 100);
  g_assert_cmpuint (flat->len, >=, 2);
}

static void
test_day_ticks (void)
{
  g_autoptr(GArray) years = lc_chart_day_ticks (lc_day_from_ymd (2023, 11, 1), lc_day_from_ymd (2026, 10, 31), 10);
  g_autoptr(GArray) months = lc_chart_day_ticks (lc_day_from_ymd (2025, 3, 15), lc_day_from_ymd (2025, 11, 20), 10);
  g_autoptr(GArray) weeks = lc_chart_day_ticks (lc_day_from_ymd (2025, 11, 1), lc_day_from_ymd (2025, 12, 20), 8);

  g_assert_cmpuint (years->len, <=, 10);
  g_assert_cmpuint (months->len, <=, 10);
  g_assert_cmpuint (weeks->len, <=, 8);
  g_assert_cmpuint (weeks->len, >=, 3);

  /* Months start on the first, with the year on the first tick. */
  for (guint i = 0; i < months->len; i++)
    {
      int y, m, d;

      lc_day_to_ymd ((LcDay) g_array_index (months, LcChartTick, i).value, &y, &m, &d);
      g_assert_cmpint (d, ==, 1);
    }
  g_assert_cmpstr (g_array_index (months, LcChartTick, 0).label, ==, "Apr 2025");
  g_assert_cmpstr (g_array_index (months, LcChartTick, 1).label, ==, "May");

  /* Weeks start on Mondays. */
  for (guint i = 0; i < weeks->len; i++)
    g_assert_cmpint (lc_day_get_weekday ((LcDay) g_array_index (weeks, LcChartTick, i).value), ==, 1);
  g_assert_cmpstr (g_array_index (weeks, LcChartTick, 0).label, ==, "3 Nov");

  /* Three years in ten ticks: quarters or coarser, each on a month's first day. */
  for (guint i = 0; i < years->len; i++)
    {
      int y, m, d;

      lc_day_to_ymd ((LcDay) g_array_index (years, LcChartTick, i).value, &y, &m, &d);
      g_assert_cmpint (d, ==, 1);
    }
}

static void
test_aggregation_follows_span (void)
{
  LcDay today = lc_day_from_ymd (2026, 10, 31);

  g_assert_cmpint (lc_chart_choose_period (today - 3 * 365, today, 800, 6), ==, LC_PERIOD_MONTH);
  g_assert_cmpint (lc_chart_choose_period (today - 3 * 365, today, 2000, 6), ==, LC_PERIOD_WEEK);
  g_assert_cmpint (lc_chart_choose_period (today - 364, today, 800, 6), ==, LC_PERIOD_WEEK);
  g_assert_cmpint (lc_chart_choose_period (today - 59, today, 800, 6), ==, LC_PERIOD_DAY);
  /* A narrow window zooms out. */
  g_assert_cmpint (lc_chart_choose_period (today - 59, today, 300, 6), ==, LC_PERIOD_WEEK);
}

static void
test_normal_band_from_trailing_periods (void)
{
  g_autoptr(LcTimeChart) chart = lc_time_chart_new (LC_CHART_VALUE_MONEY, "USD", 2);
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (LcSeriesPoint));
  const LcChartPoint *point;
  double sd = sqrt (8 * 100.0 / 7);

  for (int i = 0; i < 20; i++)
    {
      LcSeriesPoint in = {
        .start = day_n (7 * i), .end = day_n (7 * i + 6),
        .value = i % 2 == 0 ? 90 : 110, .has_value = i != 12, .immature = i == 19,
      };

      g_array_append_val (series, in);
    }
  lc_time_chart_set_series (chart, series, LC_PERIOD_WEEK);
  g_assert_cmpuint (chart->points->len, ==, 20);
  g_assert_false (g_array_index (chart->points, LcChartPoint, 12).has_value);
  lc_time_chart_set_normal_band (chart, 8);
  g_assert_cmpint (chart->band, ==, LC_CHART_BAND_NORMAL);

  /* Too little history for the first points. */
  g_assert_false (g_array_index (chart->points, LcChartPoint, 3).has_band);
  g_assert_true (g_array_index (chart->points, LcChartPoint, 4).has_band);

  /* Mean 100 and sample SD of four 90s and four 110s. */
  point = &g_array_index (chart->points, LcChartPoint, 10);
  g_assert_true (point->has_band);
  g_assert_cmpfloat_with_epsilon (point->band_low, 100 - 2 * sd, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->band_high, 100 + 2 * sd, 1e-9);
  /* Immature periods get none. */
  g_assert_false (g_array_index (chart->points, LcChartPoint, 19).has_band);
}

static void
test_nearest_point (void)
{
  const LcChartStyle *style = lc_chart_style_get_light ();
  g_autoptr(LcTimeChart) chart = flat_daily_chart (30);
  LcChartLayout layout;
  double x7, x8;

  g_array_index (chart->points, LcChartPoint, 8).has_value = FALSE;
  lc_time_chart_layout (chart, style, WIDTH, HEIGHT, &layout);
  g_assert_true (lc_time_chart_get_point_position (chart, &layout, 7, &x7, NULL));
  g_assert_false (lc_time_chart_get_point_position (chart, &layout, 8, &x8, NULL));
  g_assert_cmpint (lc_time_chart_nearest_point (chart, &layout, x7 + 1), ==, 7);
  /* A gap is skipped for its neighbours. */
  g_assert_cmpint (lc_time_chart_nearest_point (chart, &layout, x8), !=, 8);
  g_assert_cmpint (lc_time_chart_nearest_point (chart, &layout, -100), ==, 0);
  g_assert_cmpint (lc_time_chart_nearest_point (chart, &layout, WIDTH + 100), ==, 29);
}

static void
test_period_and_value_text (void)
{
  g_autofree char *week = lc_chart_format_period (LC_PERIOD_WEEK, day_n (0), day_n (6));
  g_autofree char *month = lc_chart_format_period (LC_PERIOD_MONTH, lc_day_from_ymd (2025, 11, 1),
                                                   lc_day_from_ymd (2025, 11, 30));
  g_autofree char *money = lc_chart_format_value (LC_CHART_VALUE_MONEY, "USD", 70.123);
  g_autofree char *rate = lc_chart_format_value (LC_CHART_VALUE_PERCENT, NULL, 0.0421);
  g_autofree char *upt = lc_chart_format_value (LC_CHART_VALUE_DECIMAL, NULL, 1.634);

  g_assert_cmpstr (week, ==, "Week of 6 Jan 2025");
  g_assert_cmpstr (month, ==, "November 2025");
  g_assert_cmpstr (money, ==, "$70.12");
  g_assert_cmpstr (rate, ==, "4.2%");
  g_assert_cmpstr (upt, ==, "1.63");
  g_assert_cmpint (lc_chart_value_kind_for_metric (LC_METRIC_AOV), ==, LC_CHART_VALUE_MONEY);
  g_assert_cmpint (lc_chart_value_kind_for_metric (LC_METRIC_RETURN_RATE), ==, LC_CHART_VALUE_PERCENT);
  g_assert_cmpint (lc_chart_value_kind_for_metric (LC_METRIC_UPT), ==, LC_CHART_VALUE_DECIMAL);
  g_assert_cmpint (lc_chart_value_kind_for_metric (LC_METRIC_ORDERS), ==, LC_CHART_VALUE_COUNT);
}

static void
test_empty_chart_says_so (void)
{
  const LcChartStyle *style = lc_chart_style_get_light ();
  g_autoptr(LcTimeChart) chart = lc_time_chart_new (LC_CHART_VALUE_MONEY, "USD", 2);
  cairo_surface_t *surface = draw_time (chart, style, 1);
  int ink = 0;

  /* Some text is drawn in the middle; nothing else but background. */
  for (int y = HEIGHT / 2 - 10; y < HEIGHT / 2 + 10; y++)
    for (int x = WIDTH / 4; x < 3 * WIDTH / 4; x++)
      ink += !pixel_equal (pixel_at (surface, x, y), opaque (&style->background));
  g_assert_cmpint (ink, >, 20);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/render/band-shaded-where-it-is", test_band_is_shaded);
  g_test_add_func ("/lc/render/markers-on-switch-days", test_markers_on_switch_days);
  g_test_add_func ("/lc/render/before-after-windows-shaded", test_windows_are_shaded);
  g_test_add_func ("/lc/render/dark-style-changes-background", test_dark_style_changes_background);
  g_test_add_func ("/lc/render/grid-crisp-at-scale-1", test_grid_crisp_at_scale_1);
  g_test_add_func ("/lc/render/grid-crisp-at-scale-2", test_grid_crisp_at_scale_2);
  g_test_add_func ("/lc/render/bars-where-and-how-long", test_bars_where_and_how_long);
  g_test_add_func ("/lc/render/export-png-and-svg", test_export_png_and_svg);
  g_test_add_func ("/lc/render/money-ticks-carry-currency", test_money_ticks_carry_currency);
  g_test_add_func ("/lc/render/percent-decimal-count-ticks", test_other_ticks);
  g_test_add_func ("/lc/render/day-ticks-on-weeks-and-months", test_day_ticks);
  g_test_add_func ("/lc/render/aggregation-follows-span", test_aggregation_follows_span);
  g_test_add_func ("/lc/render/normal-band-from-trailing-periods", test_normal_band_from_trailing_periods);
  g_test_add_func ("/lc/render/nearest-point", test_nearest_point);
  g_test_add_func ("/lc/render/period-and-value-text", test_period_and_value_text);
  g_test_add_func ("/lc/render/empty-chart-says-so", test_empty_chart_says_so);

  return g_test_run ();
}
