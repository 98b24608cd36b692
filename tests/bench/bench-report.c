/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-report"

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "lc-analysis.h"
#include "lc-bundles.h"
#include "lc-demo.h"
#include "lc-experiments.h"
#include "lc-report.h"
#include "lc-returns.h"

/*
 * Times the PDF report (what `liftcheck-cli report` runs) on a store of
 * about a million line items: the demo at 570 orders a day over 3 years,
 * or the store given as the first argument (making the demo takes a while).
 * It times lc_report_write, which reads the returns on a second connection
 * and bundles and test durations on a third while the analysis runs, then
 * the same steps one after another to say where the time goes: the
 * analysis, those reads, and the drawing, which is the rest. The target is
 * under 2 seconds.
 */

/* Wall-clock and processor time of one step: on a busy machine the
 * second says what the step costs, the first what the user waits. */
typedef struct
{
  gint64  wall;
  clock_t cpu;
} Stamp;

typedef struct
{
  double wall;
  double cpu;
} Span;

static Stamp
stamp (void)
{
  return (Stamp) { g_get_monotonic_time (), clock () };
}

static Span
since (Stamp start)
{
  return (Span) { (g_get_monotonic_time () - start.wall) / 1e6, (double) (clock () - start.cpu) / CLOCKS_PER_SEC };
}

static void
print_span (const char *what,
            Span        span)
{
  g_print ("%-52s %7.3f s %7.3f s\n", what, span.wall, span.cpu);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAnalysis) analysis = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  Stamp start;
  Span whole, analyze, bundles, returns, power, write, total, drawing;

  dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "report.pdf", NULL);
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      LcDemoOptions options;

      path = g_build_filename (dir, "big.liftcheck", NULL);
      lc_demo_options_init (&options);
      options.orders_per_day = 570;
      options.years = 3;
      g_assert_true (lc_demo_create_store (&options, path, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* What `liftcheck-cli report` runs: the analysis and the store reads
   * side by side. */
  start = stamp ();
  g_assert_true (lc_report_write (store, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  whole = since (start);

  /* The same steps one after another, to see where the time goes. */
  start = stamp ();
  analysis = lc_store_analyze (store, NULL, &error);
  g_assert_no_error (error);
  analyze = since (start);

  start = stamp ();
  g_assert_true (lc_report_write_analysis (store, analysis, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  write = since (start);
  total = (Span) { analyze.wall + write.wall, analyze.cpu + write.cpu };

  /* The same store reads the report makes, alone. */
  {
    g_autoptr(LcBundles) b = NULL;
    g_autoptr(LcReturnsReport) r = NULL;
    g_autofree LcPower *aov = NULL;
    g_autofree LcPower *upt = NULL;

    start = stamp ();
    b = lc_store_mine_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, &error);
    g_assert_no_error (error);
    bundles = since (start);

    start = stamp ();
    r = lc_store_compute_returns (store, LC_DAY_NONE, LC_DAY_NONE, LC_RETURNS_DEFAULT_CUT, &error);
    g_assert_no_error (error);
    returns = since (start);

    start = stamp ();
    aov = lc_store_compute_power (store, LC_METRIC_AOV, 0.02, NULL);
    upt = lc_store_compute_power (store, LC_METRIC_UPT, 0.02, NULL);
    power = since (start);
  }

  drawing.wall = MAX (0, write.wall - bundles.wall - returns.wall - power.wall);
  drawing.cpu = MAX (0, write.cpu - bundles.cpu - returns.cpu - power.cpu);
  g_print ("orders: %" G_GINT64_FORMAT "\n", analysis->summary->orders);
  g_print ("%-52s %9s %9s\n", "", "wall", "cpu");
  print_span ("lc_report_write (target 2 s)", whole);
  print_span ("the same steps one after another", total);
  print_span ("  lc_store_analyze (summary, daily totals, advice)", analyze);
  print_span ("  lc_report_write_analysis", write);
  print_span ("    bundles (lc_store_mine_bundles)", bundles);
  print_span ("    returns (lc_store_compute_returns)", returns);
  print_span ("    test durations (lc_store_compute_power x2)", power);
  print_span ("    drawing and writing the PDF (the rest)", drawing);

  g_clear_object (&store);
  g_unlink (pdf);
  if (argc <= 1)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
    }
  g_rmdir (dir);
  return whole.wall < 2.0 ? 0 : 1;
}
