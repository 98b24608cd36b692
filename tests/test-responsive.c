/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-responsive"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <time.h>

#include "lc-demo.h"
#include "lc-test-gui.h"
#include "lc-test-util.h"
#include "lc-window-private.h"

/*
 * A consultant imports three years of a big store, about a million line
 * items, while the window stays usable: the main loop never works for 50 ms
 * or more at a stretch, and Cancel leaves the store as it was. The size can
 * be lowered with LC_RESPONSIVE_ORDERS_PER_DAY for a quick run by hand.
 *
 * A timer ticks every 10 ms on the main loop. Between two ticks, the main
 * thread's own CPU time is what the window spent on its own work: that is
 * the stall the app is answerable for, whatever else the machine runs. The
 * wall-clock gap also counts time the thread waited (a lock, the disk, or
 * other programs on a busy machine); it gets a looser bound that still
 * catches any wait on the import.
 */

#define TICK_MS           10

/* AddressSanitizer makes every line of code several times slower, so its
 * build checks the same thing with room for that. */
#if defined(__SANITIZE_ADDRESS__)
#define SLOWDOWN 4
#else
#define SLOWDOWN 1
#endif

#define MAX_STALL_MS     (50 * SLOWDOWN)
#define MAX_WALL_GAP_MS  (250 * SLOWDOWN)

static char *export_path;
static char *store_path;

typedef struct
{
  gint64 last;
  gint64 last_cpu;
  gint64 longest;      /* microseconds between two ticks, wall clock */
  gint64 longest_cpu;  /* the main thread's CPU time between two ticks */
  guint  ticks;
} StallMonitor;

static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
on_tick (gpointer data)
{
  StallMonitor *monitor = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (monitor->last != 0)
    {
      monitor->longest = MAX (monitor->longest, now - monitor->last);
      monitor->longest_cpu = MAX (monitor->longest_cpu, cpu - monitor->last_cpu);
    }
  monitor->last = now;
  monitor->last_cpu = cpu;
  monitor->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
assert_responsive (const StallMonitor *monitor,
                   const char         *what)
{
  g_test_message ("%s: longest main-loop work %.1f ms, longest wait between ticks %.1f ms, over %u ticks",
                  what, monitor->longest_cpu / 1000.0, monitor->longest / 1000.0 - TICK_MS, monitor->ticks);
  g_assert_cmpint (monitor->longest_cpu / 1000, <, MAX_STALL_MS);
  g_assert_cmpint (monitor->longest / 1000 - TICK_MS, <, MAX_WALL_GAP_MS);
}

static gboolean
halfway (gpointer data)
{
  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (data)) >= 0.3;
}

static LcWindow *
show_window (void)
{
  LcWindow *window = lc_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, window, 30000));
  return window;
}

static void
test_import_keeps_the_window_responsive (void)
{
  const char *paths[] = { export_path, NULL };
  StallMonitor monitor = { 0 };
  LcWindow *window = show_window ();
  gint64 started;
  guint tick_id;

  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, on_tick, &monitor, NULL);
  started = g_get_monotonic_time ();
  lc_window_import_into (window, paths, store_path);
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, 900000));
  g_source_remove (tick_id);

  g_test_message ("import and first read of the store: %.1f s", (g_get_monotonic_time () - started) / 1e6);

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_nonnull (lc_window_get_analysis (window));
  g_assert_cmpint (lc_window_get_analysis (window)->summary->orders, >, 100000);
  assert_responsive (&monitor, "import");

  lc_test_close_window (window);
}

static void
test_cancel_leaves_the_store_as_it_was (void)
{
  const char *paths[] = { export_path, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (store_path);
  StallMonitor monitor = { 0 };
  LcWindow *window;
  gint64 cancelled;
  guint tick_id;

  g_assert_true (g_file_test (store_path, G_FILE_TEST_IS_REGULAR));
  before = lc_test_file_checksum (store_path);

  window = show_window ();
  g_assert_true (lc_window_open_file (window, file));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, 300000));

  /* The same export again: every order an update, in one transaction. */
  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, on_tick, &monitor, NULL);
  lc_window_import_into (window, paths, store_path);
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (halfway, lc_window_get_import_progress_bar (window), 600000));
  g_assert_true (lc_window_is_busy (window));

  cancelled = g_get_monotonic_time ();
  g_signal_emit_by_name (lc_window_get_import_cancel_button (window), "clicked");
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, 60000));
  g_source_remove (tick_id);
  g_test_message ("cancel took %.0f ms", (g_get_monotonic_time () - cancelled) / 1000.0);
  assert_responsive (&monitor, "re-import and cancel");

  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  lc_test_close_window (window);

  after = lc_test_file_checksum (store_path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *per_day = g_getenv ("LC_RESPONSIVE_ORDERS_PER_DAY");
  LcDemoOptions options;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  dir = lc_test_make_tmpdir ();
  export_path = g_build_filename (dir, "orders_export_1.csv", NULL);
  store_path = g_build_filename (dir, "big.liftcheck", NULL);

  /* 570 orders a day for three years: about a million line items, the
   * size of a $10M store's export. */
  lc_demo_options_init (&options);
  options.orders_per_day = per_day != NULL ? g_ascii_strtod (per_day, NULL) : 570;
  options.years = 3;
  if (!lc_demo_write_csv (&options, export_path, NULL, NULL, &error))
    g_error ("Could not write the export: %s", error->message);

  g_test_add_func ("/lc/app/responsive/import-keeps-the-window-responsive", test_import_keeps_the_window_responsive);
  g_test_add_func ("/lc/app/responsive/cancel-leaves-the-store-as-it-was", test_cancel_leaves_the_store_as_it_was);

  return g_test_run ();
}
