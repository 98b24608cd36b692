/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-sqlite-floor"

#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "lc-store-private.h"

/*
 * The floor under the import: SQLite alone writing as many orders and line
 * items as the import benchmark's export holds (659,422 orders, 1,006,448
 * lines), into a new store made by lc_store_open, with the order writer's
 * own INSERT statements (src/core/lc-order-writer.c), bound values, the
 * import's pragmas and rollback journal, in one transaction. No CSV, no
 * parsing, no rollups, no content digests: what is left of Liftcheck's
 * import when everything but SQLite's own work is taken away. Prints the
 * wall-clock and processor time of the orders, the lines and the commit.
 */

#define ORDERS 659422
#define LINES 1006448

static double
wall_now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static double
cpu_now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static void
step (sqlite3      *db,
      sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

static void
report (const char *what,
        double      wall_start,
        double      cpu_start)
{
  g_print ("%-28s %6.3f s wall %6.3f s CPU\n", what, wall_now () - wall_start, cpu_now () - cpu_start);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("liftcheck-floor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "floor.liftcheck", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  sqlite3 *db;
  sqlite3_stmt *order_stmt;
  sqlite3_stmt *line_stmt;
  char source_id[32], name[32], customer[40], product[32], sku[16];
  gint64 import_id;
  gint64 line = 0;
  double wall, cpu, wall_all, cpu_all;

  g_assert_no_error (error);
  db = _lc_store_get_db (store);
  if (!_lc_store_begin_bulk (store))
    g_error ("the new store did not take a rollback journal");
  if (!_lc_store_exec (store, "PRAGMA cache_size = -32768", &error) ||
      !_lc_store_begin (store, &error) ||
      !_lc_store_exec (store,
                       "INSERT INTO imports (file_name, sha256, kind, rows, orders_added, orders_updated, imported_utc)"
                       " VALUES ('orders_export.csv', '', 'shopify-orders', 0, 0, 0, 0)",
                       &error))
    g_error ("%s", error->message);
  import_id = sqlite3_last_insert_rowid (db);

  order_stmt = prepare (db,
                        "INSERT INTO orders (source_id, name, created_utc, utc_offset, local_day, financial_status, "
                        "cancelled_utc, counted, subtotal, shipping, taxes, total, discount, discount_code, refunded, "
                        "units, source, tags, customer_hash, import_id, content_hash) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21) "
                        "ON CONFLICT (source_id) DO NOTHING");
  line_stmt = prepare (db,
                       "INSERT INTO line_items (id, order_id, position, quantity, product, variant, sku, "
                       "price, compare_at_price, discount, vendor, is_tip) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  wall_all = wall = wall_now ();
  cpu_all = cpu = cpu_now ();
  /* Newest first, as a Shopify export lists them. */
  for (gint64 i = 1; i <= ORDERS; i++)
    {
      g_snprintf (source_id, sizeof source_id, "%" G_GINT64_FORMAT, G_GINT64_CONSTANT (6900000000000) - i);
      g_snprintf (name, sizeof name, "#%" G_GINT64_FORMAT, ORDERS + 1000 - i);
      g_snprintf (customer, sizeof customer, "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
                  (guint64) i * 2654435761u, (guint64) (i % 425289) * 40503u);
      sqlite3_bind_text (order_stmt, 1, source_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (order_stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (order_stmt, 3, 1790000000 - i * 140);
      sqlite3_bind_int (order_stmt, 4, -18000);
      sqlite3_bind_int64 (order_stmt, 5, 20700 - i / 600);
      sqlite3_bind_text (order_stmt, 6, "paid", -1, SQLITE_STATIC);
      sqlite3_bind_null (order_stmt, 7);
      sqlite3_bind_int (order_stmt, 8, 1);
      sqlite3_bind_int64 (order_stmt, 9, 5000 + i % 7000);
      sqlite3_bind_int64 (order_stmt, 10, 500);
      sqlite3_bind_int64 (order_stmt, 11, 400);
      sqlite3_bind_int64 (order_stmt, 12, 5900 + i % 7000);
      sqlite3_bind_int64 (order_stmt, 13, 0);
      sqlite3_bind_null (order_stmt, 14);
      sqlite3_bind_int64 (order_stmt, 15, 0);
      sqlite3_bind_int64 (order_stmt, 16, 2);
      sqlite3_bind_text (order_stmt, 17, "web", -1, SQLITE_STATIC);
      sqlite3_bind_null (order_stmt, 18);
      sqlite3_bind_text (order_stmt, 19, customer, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (order_stmt, 20, import_id);
      sqlite3_bind_int64 (order_stmt, 21, i * 2654435761);
      step (db, order_stmt);
    }
  report ("orders (659,422)", wall, cpu);

  wall = wall_now ();
  cpu = cpu_now ();
  /* Orders alternate one line and two, 1.53 lines an order as the export. */
  for (gint64 order = 1; order <= ORDERS && line < LINES; order++)
    {
      int n = (order % 100) < 53 ? 2 : 1;

      for (int position = 0; position < n && line < LINES; position++, line++)
        {
          g_snprintf (product, sizeof product, "Product name %d", (int) (line % 300));
          g_snprintf (sku, sizeof sku, "SKU-%d", (int) (line % 900));
          sqlite3_bind_int64 (line_stmt, 1, order << 16 | position);
          sqlite3_bind_int64 (line_stmt, 2, order);
          sqlite3_bind_int (line_stmt, 3, position);
          sqlite3_bind_int (line_stmt, 4, 1);
          sqlite3_bind_text (line_stmt, 5, product, -1, SQLITE_STATIC);
          sqlite3_bind_text (line_stmt, 6, "M / Blue", -1, SQLITE_STATIC);
          sqlite3_bind_text (line_stmt, 7, sku, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (line_stmt, 8, 2500);
          sqlite3_bind_null (line_stmt, 9);
          sqlite3_bind_int64 (line_stmt, 10, 0);
          sqlite3_bind_text (line_stmt, 11, "Vendor", -1, SQLITE_STATIC);
          sqlite3_bind_int (line_stmt, 12, 0);
          step (db, line_stmt);
        }
    }
  report ("line items", wall, cpu);

  wall = wall_now ();
  cpu = cpu_now ();
  sqlite3_finalize (order_stmt);
  sqlite3_finalize (line_stmt);
  if (!_lc_store_commit (store, &error))
    g_error ("%s", error->message);
  report ("commit", wall, cpu);
  report ("in all", wall_all, cpu_all);
  g_print ("(%" G_GINT64_FORMAT " line items)\n", line);

  _lc_store_end_bulk (store);
  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}
