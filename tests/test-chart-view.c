/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-chart-view"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lc-chart-view-private.h"
#include "lc-store.h"
#include "lc-test-util.h"

/* Generous: Xvfb on a loaded CI machine can be slow to map windows. */
#define WAIT_MS 30000

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

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
has_width (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

static void
settle (void)
{
  iterate_until (always_false, NULL, 100);
}

/* Days from 2025-01-06. AOV on day i is $70 + i × $0.10; day 10 has no
 * orders. */
static GArray *
make_daily (int n_days)
{
  GArray *daily = g_array_new (FALSE, TRUE, sizeof (LcDayTotals));

  for (int i = 0; i < n_days; i++)
    {
      LcDayTotals day = { .day = lc_day_from_ymd (2025, 1, 6) + i, .orders = 10 };

      if (i == 10)
        continue;
      day.order_value = 10 * (7000 + 10 * i);
      day.units = 16;
      day.total = day.order_value;
      g_array_append_val (daily, day);
    }
  return daily;
}

typedef struct
{
  GtkWindow   *window;
  LcChartView *view;
} Fixture;

static void
fixture_show (Fixture *fixture,
              int      width)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->view = LC_CHART_VIEW (lc_chart_view_new ());
  gtk_window_set_default_size (fixture->window, width, 400);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  g_assert_true (iterate_until (has_width, _lc_chart_view_get_drawing_area (fixture->view), WAIT_MS));
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  settle ();
}

/* Presses a key the way GTK would: through the shortcut the chart view
 * binds to it (a test cannot make real key events). */
static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean done = FALSE;

  for (guint i = 0; !done && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !done && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_object_unref (controllers);
  g_assert_true (done);
  settle ();
}

static void
test_keys_move_between_points (void)
{
  g_autoptr(GArray) daily = make_daily (60);
  Fixture fixture;

  fixture_show (&fixture, 800);
  lc_chart_view_set_title (fixture.view, "Average order value");
  lc_chart_view_set_daily (fixture.view, daily, LC_METRIC_AOV, LC_DAY_NONE, LC_DAY_NONE,
                           LC_DAY_NONE, "USD", 2);
  settle ();

  /* Sixty days fit at 800 pixels: one point a day. */
  g_assert_cmpint (lc_chart_view_get_time_chart (fixture.view)->period, ==, LC_PERIOD_DAY);
  g_assert_cmpuint (lc_chart_view_get_time_chart (fixture.view)->points->len, ==, 60);
  g_assert_null (lc_chart_view_get_focus_text (fixture.view));

  gtk_widget_grab_focus (_lc_chart_view_get_drawing_area (fixture.view));
  press_key (GTK_WIDGET (fixture.view), GDK_KEY_End);
  g_assert_cmpint (lc_chart_view_get_focus_index (fixture.view), ==, 59);
  g_assert_cmpstr (lc_chart_view_get_focus_text (fixture.view), ==, "6 Mar 2025: $75.90");

  press_key (GTK_WIDGET (fixture.view), GDK_KEY_Home);
  g_assert_cmpstr (lc_chart_view_get_focus_text (fixture.view), ==, "6 Jan 2025: $70.00");
  /* Nothing before the first point: the focus stays. */
  press_key (GTK_WIDGET (fixture.view), GDK_KEY_Left);
  g_assert_cmpint (lc_chart_view_get_focus_index (fixture.view), ==, 0);
  press_key (GTK_WIDGET (fixture.view), GDK_KEY_Right);
  g_assert_cmpstr (lc_chart_view_get_focus_text (fixture.view), ==, "7 Jan 2025: $70.10");

  /* The day without orders is stepped over. */
  lc_chart_view_set_focus_index (fixture.view, 9);
  press_key (GTK_WIDGET (fixture.view), GDK_KEY_Right);
  g_assert_cmpint (lc_chart_view_get_focus_index (fixture.view), ==, 11);
  g_assert_cmpstr (lc_chart_view_get_focus_text (fixture.view), ==, "17 Jan 2025: $71.10");
  press_key (GTK_WIDGET (fixture.view), GDK_KEY_Left);
  g_assert_cmpint (lc_chart_view_get_focus_index (fixture.view), ==, 9);

  fixture_close (&fixture);
}

static void
test_width_picks_aggregation (void)
{
  g_autoptr(GArray) daily = make_daily (3 * 365);
  Fixture narrow, wide;

  fixture_show (&narrow, 700);
  lc_chart_view_set_daily (narrow.view, daily, LC_METRIC_AOV, LC_DAY_NONE, LC_DAY_NONE,
                           LC_DAY_NONE, "USD", 2);
  fixture_show (&wide, 1250);
  lc_chart_view_set_daily (wide.view, daily, LC_METRIC_AOV, LC_DAY_NONE, LC_DAY_NONE,
                           LC_DAY_NONE, "USD", 2);
  settle ();

  g_assert_cmpint (lc_chart_view_get_time_chart (narrow.view)->period, ==, LC_PERIOD_MONTH);
  g_assert_cmpint (lc_chart_view_get_time_chart (wide.view)->period, ==, LC_PERIOD_WEEK);
  /* The same days zoomed in to two months show days again. */
  lc_chart_view_set_daily (narrow.view, daily, LC_METRIC_AOV, lc_day_from_ymd (2025, 3, 1),
                           lc_day_from_ymd (2025, 4, 30), LC_DAY_NONE, "USD", 2);
  g_assert_cmpint (lc_chart_view_get_time_chart (narrow.view)->period, ==, LC_PERIOD_DAY);
  g_assert_cmpuint (lc_chart_view_get_time_chart (narrow.view)->points->len, ==, 61);

  fixture_close (&narrow);
  fixture_close (&wide);
}

static void
test_markers_and_windows_reach_the_chart (void)
{
  g_autoptr(GArray) daily = make_daily (90);
  LcChartMarker markers[] = {
    { lc_day_from_ymd (2025, 2, 1), TRUE, "Bundles on" },
    { lc_day_from_ymd (2026, 2, 1), FALSE, "Outside the days shown" },
  };
  const LcTimeChart *chart;
  Fixture fixture;

  fixture_show (&fixture, 800);
  lc_chart_view_set_daily (fixture.view, daily, LC_METRIC_AOV, LC_DAY_NONE, LC_DAY_NONE,
                           LC_DAY_NONE, "USD", 2);
  lc_chart_view_set_markers (fixture.view, markers, G_N_ELEMENTS (markers));
  lc_chart_view_set_windows (fixture.view, lc_day_from_ymd (2025, 1, 6), lc_day_from_ymd (2025, 1, 31),
                             lc_day_from_ymd (2025, 2, 1), lc_day_from_ymd (2025, 2, 26));
  chart = lc_chart_view_get_time_chart (fixture.view);
  g_assert_cmpuint (chart->markers->len, ==, 1);
  g_assert_cmpstr (g_array_index (chart->markers, LcChartMarker, 0).label, ==, "Bundles on");
  g_assert_true (chart->has_windows);
  g_assert_cmpint (chart->band, ==, LC_CHART_BAND_NORMAL);

  lc_chart_view_set_band_kind (fixture.view, LC_CHART_BAND_NONE);
  chart = lc_chart_view_get_time_chart (fixture.view);
  g_assert_cmpint (chart->band, ==, LC_CHART_BAND_NONE);
  for (guint i = 0; i < chart->points->len; i++)
    g_assert_false (g_array_index (chart->points, LcChartPoint, i).has_band);
  fixture_close (&fixture);
}

static char *
row_text (GtkWidget *row)
{
  GString *text = g_string_new (NULL);
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " | " : "", gtk_label_get_label (GTK_LABEL (child)));
  return g_string_free (text, FALSE);
}

static void
test_table_lists_the_same_numbers (void)
{
  g_autoptr(GArray) daily = make_daily (60);
  g_autofree char *first = NULL;
  g_autofree char *gap = NULL;
  g_autofree char *tsv = NULL;
  g_auto(GStrv) lines = NULL;
  GtkListBox *table;
  Fixture fixture;
  guint rows = 0;

  fixture_show (&fixture, 800);
  lc_chart_view_set_title (fixture.view, "Average order value");
  lc_chart_view_set_daily (fixture.view, daily, LC_METRIC_AOV, LC_DAY_NONE, LC_DAY_NONE,
                           LC_DAY_NONE, "USD", 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "chart.show-table", NULL));
  settle ();
  g_assert_true (lc_chart_view_get_show_table (fixture.view));
  table = _lc_chart_view_get_table (fixture.view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (table)));
  g_assert_false (gtk_widget_get_mapped (_lc_chart_view_get_drawing_area (fixture.view)));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (table)); row != NULL; row = gtk_widget_get_next_sibling (row))
    rows++;
  g_assert_cmpuint (rows, ==, 60);
  first = row_text (GTK_WIDGET (gtk_list_box_get_row_at_index (table, 0)));
  g_assert_cmpstr (first, ==, "6 Jan 2025 | $70.00");
  gap = row_text (GTK_WIDGET (gtk_list_box_get_row_at_index (table, 10)));
  g_assert_cmpstr (gap, ==, "16 Jan 2025 | No data");

  /* What "Copy" puts on the clipboard: the same rows, tab-separated. */
  tsv = lc_chart_view_get_table_text (fixture.view);
  lines = g_strsplit (tsv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Period\tAverage order value");
  g_assert_cmpstr (lines[1], ==, "6 Jan 2025\t$70.00");
  g_assert_cmpuint (g_strv_length (lines), ==, 62);

  /* New data while the table shows refreshes it. */
  lc_chart_view_set_daily (fixture.view, daily, LC_METRIC_AOV, LC_DAY_NONE, lc_day_from_ymd (2025, 1, 15),
                           LC_DAY_NONE, "USD", 2);
  rows = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (table)); row != NULL; row = gtk_widget_get_next_sibling (row))
    rows++;
  g_assert_cmpuint (rows, ==, 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "chart.show-table", NULL));
  settle ();
  g_assert_false (lc_chart_view_get_show_table (fixture.view));
  g_assert_true (gtk_widget_get_mapped (_lc_chart_view_get_drawing_area (fixture.view)));
  fixture_close (&fixture);
}

static void
test_bars_focus_and_table (void)
{
  LcBarChart *bars = lc_bar_chart_new (LC_CHART_VALUE_PERCENT, NULL, 0);
  g_autofree char *first = NULL;
  Fixture fixture;

  lc_bar_chart_set_title (bars, "Return rate by product", NULL);
  lc_bar_chart_add_bar (bars, "Linen shirt", 0.34, TRUE, 0.29, 0.39, TRUE);
  lc_bar_chart_add_bar (bars, "Socks", 0.04, FALSE, 0, 0, FALSE);
  fixture_show (&fixture, 600);
  lc_chart_view_set_bar_chart (fixture.view, bars);
  g_assert_cmpstr (lc_chart_view_get_title (fixture.view), ==, "Return rate by product");
  g_assert_null (lc_chart_view_get_time_chart (fixture.view));

  press_key (GTK_WIDGET (fixture.view), GDK_KEY_Down);
  g_assert_cmpstr (lc_chart_view_get_focus_text (fixture.view), ==,
                   "Linen shirt: 34.0%, likely between 29.0% and 39.0%");
  press_key (GTK_WIDGET (fixture.view), GDK_KEY_Down);
  g_assert_cmpstr (lc_chart_view_get_focus_text (fixture.view), ==, "Socks: 4.0%");

  lc_chart_view_set_show_table (fixture.view, TRUE);
  first = row_text (GTK_WIDGET (gtk_list_box_get_row_at_index (_lc_chart_view_get_table (fixture.view), 0)));
  g_assert_cmpstr (first, ==, "Linen shirt | 34.0%");
  fixture_close (&fixture);
}

static void
test_export_png_and_svg (void)
{
  g_autoptr(GArray) daily = make_daily (60);
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *png_path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "chart.svg", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg_text = NULL;
  cairo_surface_t *image;
  GtkWidget *area;
  Fixture fixture;

  fixture_show (&fixture, 800);
  lc_chart_view_set_daily (fixture.view, daily, LC_METRIC_AOV, LC_DAY_NONE, LC_DAY_NONE,
                           LC_DAY_NONE, "USD", 2);
  area = _lc_chart_view_get_drawing_area (fixture.view);

  g_assert_true (lc_chart_view_export (fixture.view, png, LC_CHART_FORMAT_PNG, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* The chart at its size on screen, at twice the pixels. */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2 * gtk_widget_get_width (area));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 2 * gtk_widget_get_height (area));
  cairo_surface_destroy (image);

  g_assert_true (lc_chart_view_export (fixture.view, svg, LC_CHART_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &svg_text, NULL, &error));
  g_assert_true (g_str_has_prefix (svg_text, "<?xml"));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  fixture_close (&fixture);
}

/* The drawing area's pixel at (x, y), as GTK renders it. */
static guint32
rendered_pixel (GtkWidget *widget,
                int        x,
                int        y)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree guint32 *pixels = g_new0 (guint32, (gsize) width * height);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, gtk_native_get_surface (gtk_widget_get_native (widget)), &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  return pixels[y * width + x] & 0xffffff;
}

static void
test_hover_highlights_nearest_point (void)
{
  g_autoptr(GArray) daily = make_daily (60);
  g_autoptr(GListModel) controllers = NULL;
  GtkEventController *motion = NULL;
  const LcTimeChart *chart;
  LcChartLayout layout;
  GtkWidget *area;
  double x, y;
  Fixture fixture;

  fixture_show (&fixture, 800);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  lc_chart_view_set_daily (fixture.view, daily, LC_METRIC_AOV, LC_DAY_NONE, LC_DAY_NONE,
                           LC_DAY_NONE, "USD", 2);
  settle ();
  area = _lc_chart_view_get_drawing_area (fixture.view);
  chart = lc_chart_view_get_time_chart (fixture.view);
  lc_time_chart_layout (chart, lc_chart_style_get_light (), gtk_widget_get_width (area),
                        gtk_widget_get_height (area), &layout);
  g_assert_true (lc_time_chart_get_point_position (chart, &layout, 20, &x, &y));
  /* Only the line's colour at the point before the pointer comes. */
  g_assert_cmphex (rendered_pixel (area, (int) x, (int) y), ==, 0x3584e4);

  controllers = gtk_widget_observe_controllers (area);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && motion == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        motion = GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_nonnull (motion);
  /* A little off the point: the nearest one is highlighted in the focus colour. */
  g_signal_emit_by_name (motion, "motion", x + 2, y - 30);
  settle ();
  g_assert_cmphex (rendered_pixel (area, (int) x, (int) y), ==, 0x1c71d8);

  g_signal_emit_by_name (motion, "leave");
  settle ();
  g_assert_cmphex (rendered_pixel (area, (int) x, (int) y), ==, 0x3584e4);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  fixture_close (&fixture);
}

static void
test_dark_style_redraws_dark (void)
{
  g_autoptr(GArray) daily = make_daily (60);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *area;
  Fixture fixture;

  fixture_show (&fixture, 800);
  lc_chart_view_set_daily (fixture.view, daily, LC_METRIC_AOV, LC_DAY_NONE, LC_DAY_NONE,
                           LC_DAY_NONE, "USD", 2);
  area = _lc_chart_view_get_drawing_area (fixture.view);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  settle ();
  g_assert_cmphex (rendered_pixel (area, 3, 3), ==, 0xffffff);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  g_assert_cmphex (rendered_pixel (area, 3, 3), ==, 0x363636);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/lc/chart-view/keys-move-between-points", test_keys_move_between_points);
  g_test_add_func ("/lc/chart-view/width-picks-aggregation", test_width_picks_aggregation);
  g_test_add_func ("/lc/chart-view/markers-and-windows-reach-the-chart", test_markers_and_windows_reach_the_chart);
  g_test_add_func ("/lc/chart-view/table-lists-the-same-numbers", test_table_lists_the_same_numbers);
  g_test_add_func ("/lc/chart-view/bars-focus-and-table", test_bars_focus_and_table);
  g_test_add_func ("/lc/chart-view/export-png-and-svg", test_export_png_and_svg);
  g_test_add_func ("/lc/chart-view/hover-highlights-nearest-point", test_hover_highlights_nearest_point);
  g_test_add_func ("/lc/chart-view/dark-style-redraws-dark", test_dark_style_redraws_dark);

  return g_test_run ();
}
