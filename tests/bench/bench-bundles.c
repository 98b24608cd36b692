/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-bundles"

#include "config.h"

#include <glib/gstdio.h>

#include "lc-bundles.h"
#include "lc-demo.h"
#include "lc-store-private.h"

/*
 * Times lc_store_mine_bundles on a store of about a million line items:
 * the demo at 570 orders a day over 3 years, or the store given as the
 * first argument. The alternative an analyst would pick is counting pairs
 * in SQL with a self-join on line_items; it is timed once for the ratio.
 */

#define RUNS 3

static double
time_mining (LcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcBundles) bundles = NULL;
  gint64 start = g_get_monotonic_time ();

  bundles = lc_store_mine_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
time_sql_self_join (LcStore *store)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();

  stmt = _lc_store_prepare (store,
                            "SELECT x.product, y.product, COUNT(DISTINCT x.order_id) "
                            "FROM line_items x JOIN line_items y ON y.order_id = x.order_id AND x.product < y.product "
                            "JOIN orders o ON o.id = x.order_id "
                            "WHERE o.counted = 1 AND x.is_tip = 0 AND y.is_tip = 0 "
                            "GROUP BY x.product, y.product",
                            &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;
  gint64 lines;
  double best = G_MAXDOUBLE, sql;

  if (argc > 1)
    {
      path = g_strdup (argv[1]);
    }
  else
    {
      LcDemoOptions options;

      dir = g_dir_make_tmp ("bench-bundles-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "big.liftcheck", NULL);
      lc_demo_options_init (&options);
      options.orders_per_day = 570;
      options.years = 3;
      g_assert_true (lc_demo_create_store (&options, path, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  stmt = _lc_store_prepare (store, "SELECT COUNT(*) FROM line_items", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  lines = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (int i = 0; i < RUNS; i++)
    best = MIN (best, time_mining (store));
  sql = time_sql_self_join (store);

  g_print ("line items: %" G_GINT64_FORMAT "\n", lines);
  g_print ("lc_store_mine_bundles: %.3f s (best of %d)\n", best, RUNS);
  g_print ("SQL self-join pair count: %.3f s (%.2f times the mining time)\n", sql, sql / best);

  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_clear_object (&store);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
      g_rmdir (dir);
    }
  return best < 2.0 ? 0 : 1;
}
