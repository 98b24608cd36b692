/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lc-date.h"
#include "lc-money.h"
#include "lc-order-writer-private.h"
#include "lc-store-private.h"

/* "LIFT": written to the SQLite header so a store is recognized without
 * running a single statement on a file that may not be ours. */
#define LC_STORE_APPLICATION_ID 0x4C494654

/* A store is its file and the files SQLite keeps beside it: the
 * write-ahead log and its index, and the rollback journal of a first
 * import (_lc_store_begin_bulk) which a crash can leave hot. They are
 * removed or moved together: a log or journal left behind would be
 * applied to whatever file next takes the store's name. */
static const char * const store_file_suffixes[] = { "", "-wal", "-shm", "-journal" };

struct _LcStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* sql -> sqlite3_stmt */
  char       *salt;
  char       *currency;
  guint       exponent;
  gboolean    made_here;   /* this connection created the file */
};

G_DEFINE_FINAL_TYPE (LcStore, lc_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (lc-store-error-quark, lc_store_error)

/* Schema version 1. Money is integer minor units in the store currency;
 * days are days since 1970-01-01 on the store's local calendar. */
static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE imports ("
  "  id INTEGER PRIMARY KEY,"
  "  file_name TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  rows INTEGER NOT NULL,"
  "  orders_added INTEGER NOT NULL,"
  "  orders_updated INTEGER NOT NULL,"
  "  imported_utc INTEGER NOT NULL);"
  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  created_utc INTEGER NOT NULL,"
  "  utc_offset INTEGER NOT NULL,"
  "  local_day INTEGER NOT NULL,"
  "  financial_status TEXT NOT NULL,"
  "  cancelled_utc INTEGER,"
  "  counted INTEGER NOT NULL,"
  "  subtotal INTEGER NOT NULL,"
  "  shipping INTEGER NOT NULL,"
  "  taxes INTEGER NOT NULL,"
  "  total INTEGER NOT NULL,"
  "  discount INTEGER NOT NULL,"
  "  discount_code TEXT,"
  "  refunded INTEGER NOT NULL,"
  "  units INTEGER NOT NULL,"
  "  source TEXT,"
  "  tags TEXT,"
  "  customer_hash TEXT,"
  "  import_id INTEGER REFERENCES imports (id));"
  "CREATE INDEX orders_by_day ON orders (local_day, counted);"
  "CREATE INDEX orders_by_name ON orders (name);"
  "CREATE TABLE line_items ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  quantity INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  product TEXT NOT NULL,"
  "  variant TEXT,"
  "  sku TEXT,"
  "  price INTEGER NOT NULL,"
  "  compare_at_price INTEGER,"
  "  discount INTEGER NOT NULL,"
  "  vendor TEXT,"
  "  is_tip INTEGER NOT NULL,"
  "  UNIQUE (order_id, position));"
  "CREATE TABLE refunds ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
  "  source_id TEXT UNIQUE,"
  "  created_utc INTEGER NOT NULL,"
  "  local_day INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL);"
  "CREATE TABLE refund_lines ("
  "  id INTEGER PRIMARY KEY,"
  "  refund_id INTEGER NOT NULL REFERENCES refunds (id) ON DELETE CASCADE,"
  "  line_item_id INTEGER REFERENCES line_items (id) ON DELETE SET NULL,"
  "  quantity INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL);"
  "CREATE TABLE products ("
  "  id INTEGER PRIMARY KEY,"
  "  handle TEXT NOT NULL,"
  "  sku TEXT,"
  "  title TEXT NOT NULL,"
  "  product_type TEXT,"
  "  vendor TEXT,"
  "  tags TEXT,"
  "  UNIQUE (handle, sku));"
  "CREATE TABLE sessions ("
  "  period TEXT NOT NULL,"
  "  start_day INTEGER NOT NULL,"
  "  sessions INTEGER NOT NULL,"
  "  converted INTEGER,"
  "  PRIMARY KEY (period, start_day));"
  "CREATE TABLE email_revenue ("
  "  id INTEGER PRIMARY KEY,"
  "  start_day INTEGER NOT NULL,"
  "  end_day INTEGER NOT NULL,"
  "  campaign TEXT,"
  "  revenue INTEGER NOT NULL,"
  "  recipients INTEGER,"
  "  orders INTEGER);"
  "CREATE TABLE features ("
  "  id INTEGER PRIMARY KEY,"
  "  feature TEXT NOT NULL,"
  "  on_day INTEGER NOT NULL,"
  "  off_day INTEGER,"
  "  monthly_cost INTEGER,"
  "  CHECK (off_day IS NULL OR off_day >= on_day));";

typedef gboolean (*MigrateFunc) (LcStore *self, GError **error);

/* Version 2: the analytics reports.
 * - variant_sales holds Shopify's "Total sales by product variant" and "Total
 *   sales by product" reports. Those files do not say their currency, so each
 *   row keeps the exponent its amounts were read with. Discounts and returns
 *   are stored as positive amounts (the reports write them negative).
 * - sessions.sessions may be NULL: a checkout report ("Customer behaviour")
 *   gives the sessions that completed checkout but not the total.
 * - email_revenue gets source_id, the export's own key, so that importing a
 *   report again replaces its rows, and the exponent of its amounts. */
static const char schema_v2[] =
  "CREATE TABLE variant_sales ("
  "  id INTEGER PRIMARY KEY,"
  "  report TEXT NOT NULL CHECK (report IN ('variant', 'product')),"
  "  product TEXT NOT NULL,"
  "  variant TEXT,"
  "  sku TEXT,"
  "  vendor TEXT,"
  "  product_type TEXT,"
  "  net_items INTEGER NOT NULL,"
  "  gross_sales INTEGER NOT NULL,"
  "  discounts INTEGER NOT NULL,"
  "  returns INTEGER NOT NULL,"
  "  net_sales INTEGER,"
  "  taxes INTEGER,"
  "  total_sales INTEGER,"
  "  exponent INTEGER NOT NULL,"
  "  import_id INTEGER REFERENCES imports (id));"
  "CREATE INDEX variant_sales_by_sku ON variant_sales (sku);"
  "CREATE TABLE sessions_v2 ("
  "  period TEXT NOT NULL CHECK (period IN ('day', 'week', 'month')),"
  "  start_day INTEGER NOT NULL,"
  "  sessions INTEGER,"
  "  converted INTEGER,"
  "  PRIMARY KEY (period, start_day));"
  "INSERT INTO sessions_v2 (period, start_day, sessions, converted) "
  "  SELECT period, start_day, sessions, converted FROM sessions;"
  "DROP TABLE sessions;"
  "ALTER TABLE sessions_v2 RENAME TO sessions;"
  "ALTER TABLE email_revenue ADD COLUMN source_id TEXT;"
  "ALTER TABLE email_revenue ADD COLUMN exponent INTEGER;"
  "CREATE UNIQUE INDEX email_revenue_by_source ON email_revenue (source_id);";

static gboolean
migrate_to_v2 (LcStore  *self,
               GError  **error)
{
  return _lc_store_exec (self, schema_v2, error);
}

/* Version 3: rollups, so that analysis reads days, not line items.
 * - daily: counted orders by local day, the sums of LcDayTotals and the
 *   sums of squares of order values and units (for their variance); a day
 *   whose orders were all cancelled later keeps a row of zeros.
 * - daily_skus: lines of counted orders by day and SKU (the line's name when
 *   it has no SKU), tips left out: the active SKUs of a period.
 * - customers: counted orders by customer (keyed by _lc_customer_id() of
 *   the hash), for repeat customers.
 * The order writer (lc-order-writer.c), the one path by which orders reach
 * the store, keeps both inside the import's transaction. (Triggers on
 * orders would keep them too, but they make SQLite journal every insert
 * statement: three times the import's time.) Both start from what the
 * store holds.
 * - orders.content_hash: a digest of what the order's row and lines were
 *   made from, so that importing the same order again leaves it alone
 *   instead of rewriting it; NULL until an import writes the order whole.
 * - orders_by_name goes: no query looks orders up by name, and keeping it
 *   cost every import an index entry per order. */
static const char schema_v3[] =
  "CREATE TABLE daily ("
  "  day INTEGER PRIMARY KEY,"
  "  orders INTEGER NOT NULL,"
  "  order_value INTEGER NOT NULL,"
  "  units INTEGER NOT NULL,"
  "  total INTEGER NOT NULL,"
  "  refunded INTEGER NOT NULL,"
  "  order_value_sq INTEGER NOT NULL,"
  "  units_sq INTEGER NOT NULL);"
  "CREATE TABLE daily_skus ("
  "  day INTEGER NOT NULL,"
  "  sku TEXT NOT NULL,"
  "  lines INTEGER NOT NULL,"
  "  PRIMARY KEY (day, sku)) WITHOUT ROWID;"
  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  orders INTEGER NOT NULL);"
  "ALTER TABLE orders ADD COLUMN content_hash INTEGER;"
  "DROP INDEX IF EXISTS orders_by_name;"
  "INSERT INTO daily (day, orders, order_value, units, total, refunded, order_value_sq, units_sq)"
  "  SELECT local_day, COUNT(*), SUM(subtotal), SUM(units), SUM(total), SUM(refunded),"
  "    SUM(subtotal * subtotal), SUM(units * units)"
  "  FROM orders WHERE counted = 1 GROUP BY local_day;"

  "INSERT INTO daily_skus (day, sku, lines)"
  "  SELECT o.local_day, COALESCE(li.sku, li.name), COUNT(*)"
  "  FROM line_items li JOIN orders o ON o.id = li.order_id"
  "  WHERE o.counted = 1 AND li.is_tip = 0 GROUP BY 1, 2;";

static gboolean
migrate_to_v3 (LcStore  *self,
               GError  **error)
{
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *insert = NULL;
  int rc;

  if (!_lc_store_exec (self, schema_v3, error))
    return FALSE;

  /* SQL cannot read the hash's hex as a number: the customers are
   * counted here. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT customer_hash, COUNT(*) FROM orders "
                          "WHERE counted = 1 AND customer_hash IS NOT NULL GROUP BY customer_hash",
                          -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db,
                          "INSERT INTO customers (id, orders) VALUES (?, ?) "
                          "ON CONFLICT (id) DO UPDATE SET orders = orders + excluded.orders",
                          -1, &insert, NULL) != SQLITE_OK)
    {
      _lc_store_set_error (self, error);
      sqlite3_finalize (select);
      return FALSE;
    }
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = _lc_customer_id ((const char *) sqlite3_column_text (select, 0));

      if (id < 0)
        continue;
      sqlite3_bind_int64 (insert, 1, id);
      sqlite3_bind_int64 (insert, 2, sqlite3_column_int64 (select, 1));
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    _lc_store_set_error (self, error);
  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  return rc == SQLITE_DONE;
}

/* Version 4: refunds with their lines, as the Shopify Admin API gives
 * them (and mapped exports with refund columns). The order writer replaces
 * an order's refunds with the order, so it looks them up by order; a
 * deleted line item is looked up among refund lines. Without these
 * indexes each lookup would read the whole table. */
static const char schema_v4[] =
  "CREATE INDEX refunds_by_order ON refunds (order_id);"
  "CREATE INDEX refund_lines_by_refund ON refund_lines (refund_id);"
  "CREATE INDEX refund_lines_by_line ON refund_lines (line_item_id);";

static gboolean
migrate_to_v4 (LcStore  *self,
               GError  **error)
{
  return _lc_store_exec (self, schema_v4, error);
}

/* Version 5: a line item's id is its order's id shifted left 16 bits
 * with its position (0 for the order's first line) in the low bits, so an
 * order's lines are one range of ids: replacing an order deletes that
 * range, and line_items needs no second B-tree for UNIQUE (order_id,
 * position), which cost the import an index entry per line. An order may
 * have at most 65,536 lines (the writer refuses more); positions were
 * unique within an order, so the new ids are unique. The refund lines that
 * point at lines are set aside with their lines' new ids first, because
 * dropping the old table sets them to NULL. Nothing is sorted or held in
 * memory but those refund lines: upgrading a store of a million lines
 * takes no more memory than importing it.
 * A line's name is no longer stored: it is its product and variant joined
 * by " - " (the writer splits the name at its last " - "), which saves a
 * quarter of the table. A line whose stored name is not that (none that an
 * importer wrote) keeps its name as its product, without variant. */
#define LINE_NAME_SQL "CASE WHEN variant IS NULL THEN product ELSE product || ' - ' || variant END"

static const char schema_v5[] =
  "CREATE TEMP TABLE refund_line_items (id INTEGER PRIMARY KEY, line_item_id INTEGER NOT NULL);"
  "INSERT INTO temp.refund_line_items (id, line_item_id)"
  "  SELECT r.id, l.order_id << 16 | l.position FROM refund_lines r JOIN line_items l ON l.id = r.line_item_id;"
  "UPDATE refund_lines SET line_item_id = NULL WHERE line_item_id IS NOT NULL;"
  "CREATE TABLE line_items_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  quantity INTEGER NOT NULL,"
  "  product TEXT NOT NULL,"
  "  variant TEXT,"
  "  sku TEXT,"
  "  price INTEGER NOT NULL,"
  "  compare_at_price INTEGER,"
  "  discount INTEGER NOT NULL,"
  "  vendor TEXT,"
  "  is_tip INTEGER NOT NULL,"
  "  name TEXT GENERATED ALWAYS AS (" LINE_NAME_SQL ") VIRTUAL);"
  "INSERT INTO line_items_v5 (id, order_id, position, quantity, product, variant, sku, price,"
  "    compare_at_price, discount, vendor, is_tip)"
  "  SELECT order_id << 16 | position, order_id, position, quantity,"
  "    CASE WHEN name IS (" LINE_NAME_SQL ") THEN product ELSE name END,"
  "    CASE WHEN name IS (" LINE_NAME_SQL ") THEN variant END,"
  "    sku, price, compare_at_price, discount, vendor, is_tip"
  "  FROM line_items;"
  "DROP TABLE line_items;"
  "ALTER TABLE line_items_v5 RENAME TO line_items;"
  "UPDATE refund_lines SET line_item_id ="
  "  (SELECT r.line_item_id FROM temp.refund_line_items r WHERE r.id = refund_lines.id)"
  "  WHERE id IN (SELECT id FROM temp.refund_line_items);"
  "DROP TABLE temp.refund_line_items;";

static gboolean
migrate_to_v5 (LcStore  *self,
               GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Ids of an order's lines past the 65,536th would run into the next
   * order's: such a store (which no importer makes) is not upgraded. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT 1 FROM line_items WHERE position NOT BETWEEN 0 AND 65535 LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *base = g_path_get_basename (self->path);

      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_FAILED,
                   _("An order in “%s” has more than 65,536 lines; this version of Liftcheck cannot open it."),
                   base);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  return _lc_store_exec (self, schema_v5, error);
}

/* Version 6: files of other stores that hold a part of what Liftcheck
 * needs. Lookup lists (Instacart's aisles and departments: a code and its
 * name) and the codes each product has in them, so that a list imported
 * after its products still gives them their types. And halves of orders:
 * headers with a date and status but no items (Olist's orders file), and
 * lines without a date (Olist's order items, Instacart's order products),
 * keyed by their source and its order id. When both halves of an order are
 * in, it goes to `orders` and leaves these tables. Customers are salted
 * hashes, as in `orders`. */
static const char schema_v6[] =
  "CREATE TABLE categories ("
  "  list TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (list, code)) WITHOUT ROWID;"
  "CREATE TABLE product_categories ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  list TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (product_id, list)) WITHOUT ROWID;"
  "CREATE TABLE pending_orders ("
  "  source TEXT NOT NULL,"
  "  order_id TEXT NOT NULL,"
  "  created_utc INTEGER NOT NULL,"
  "  utc_offset INTEGER NOT NULL,"
  "  local_day INTEGER NOT NULL,"
  "  financial_status TEXT NOT NULL,"
  "  cancelled INTEGER NOT NULL,"
  "  customer_hash TEXT,"
  "  import_id INTEGER REFERENCES imports (id),"
  "  PRIMARY KEY (source, order_id)) WITHOUT ROWID;"
  "CREATE TABLE pending_lines ("
  "  source TEXT NOT NULL,"
  "  order_id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  sku TEXT,"
  "  quantity INTEGER NOT NULL,"
  "  price INTEGER,"
  "  shipping INTEGER NOT NULL,"
  "  import_id INTEGER REFERENCES imports (id),"
  "  PRIMARY KEY (source, order_id, position)) WITHOUT ROWID;";

static gboolean
migrate_to_v6 (LcStore  *self,
               GError  **error)
{
  return _lc_store_exec (self, schema_v6, error);
}

/* migrations[i] brings a store from version i + 1 to i + 2. A new store is
 * made with schema_v1 and every migration, so the migrations are the one
 * path to the current schema; an older store runs the ones it lacks inside
 * one transaction after a backup copy. */
static const MigrateFunc migrations[] = {
  migrate_to_v2,
  migrate_to_v3,
  migrate_to_v4,
  migrate_to_v5,
  migrate_to_v6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LC_STORE_SCHEMA_VERSION - 1);

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
lc_store_finalize (GObject *object)
{
  LcStore *self = (LcStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->salt);
  g_free (self->currency);

  G_OBJECT_CLASS (lc_store_parent_class)->finalize (object);
}

static void
lc_store_class_init (LcStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_store_finalize;

  /* Without memory statistics, SQLite takes no mutex for every
   * allocation: a few percent of an import. This works only before SQLite
   * is first used; afterwards it fails, harmlessly. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

static void
lc_store_init (LcStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->exponent = 2;
}

char *
lc_store_find_backup (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  for (int v = LC_STORE_SCHEMA_VERSION; v >= 1; v--)
    {
      g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", path, v);

      if (g_file_test (backup, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&backup);
    }
  return NULL;
}

/* damage is a whole sentence; the error adds where a copy can be found. */
static void
set_damaged_error (const char  *path,
                   const char  *damage,
                   GError     **error)
{
  g_autofree char *backup = lc_store_find_backup (path);
  g_autofree char *hint = NULL;

  if (backup != NULL)
    {
      g_autofree char *backup_base = g_path_get_basename (backup);

      hint = g_strdup_printf (_("A copy from before its last upgrade is in “%s”: “liftcheck-cli restore %s” puts it back and keeps the damaged file."),
                              backup_base, path);
    }
  else
    hint = g_strdup (_("Liftcheck has no copy of it; restore it from a backup of your own."));
  g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CORRUPT, "%s %s", damage, hint);
}

/* Whether the store or its write-ahead log has reached the process's file
 * size limit. A write that fails in a COMMIT leaves no errno behind (the
 * rollback that follows makes system calls of its own), so this is how
 * such a failure is told from a broken disk. */
static gboolean
at_file_size_limit (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct rlimit limit;
  GStatBuf st;

  if (getrlimit (RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return FALSE;
  return (g_stat (path, &st) == 0 && (guint64) st.st_size + 65536 >= limit.rlim_cur) ||
         (g_stat (wal, &st) == 0 && (guint64) st.st_size + 65536 >= limit.rlim_cur);
}

void
_lc_store_set_error (LcStore  *self,
                     GError  **error)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;
  g_autofree char *base = g_path_get_basename (self->path);

  if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_READ_ONLY,
                 _("The store file “%s” cannot be written: %s. Check that the file and its folder are writable."),
                 base, sqlite3_errmsg (self->db));
  /* SQLite reports only ENOSPC as SQLITE_FULL; a quota or a file size
   * limit (EDQUOT, EFBIG) is the same thing to the user. */
  else if (primary == SQLITE_FULL ||
           (primary == SQLITE_IOERR &&
            (sqlite3_system_errno (self->db) == ENOSPC ||
             sqlite3_system_errno (self->db) == EDQUOT ||
             sqlite3_system_errno (self->db) == EFBIG)) ||
           (code == SQLITE_IOERR_WRITE && at_file_size_limit (self->path)))
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_FAILED,
                 _("The disk holding “%s” is full. Nothing was changed; free some space and try again."),
                 base);
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    {
      g_autofree char *damage = g_strdup_printf (_("The store file “%s” is damaged (%s)."),
                                                 base, sqlite3_errmsg (self->db));

      set_damaged_error (self->path, damage, error);
    }
  else
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_FAILED,
                 _("The store file “%s” could not be used: %s."),
                 base, sqlite3_errmsg (self->db));
}

sqlite3 *
_lc_store_get_db (LcStore *self)
{
  return self->db;
}

sqlite3_stmt *
_lc_store_prepare (LcStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _lc_store_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_lc_store_exec (LcStore     *self,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_lc_store_step_done (LcStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

void
_lc_store_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
_lc_store_begin (LcStore  *self,
                 GError  **error)
{
  return _lc_store_exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean lc_store_load_meta (LcStore *self, GError **error);

gboolean
_lc_store_commit (LcStore  *self,
                  GError  **error)
{
  if (!_lc_store_exec (self, "COMMIT", error))
    {
      _lc_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* A store this connection has just made, that no import has written to
 * yet, can take its first import with a rollback journal instead of the
 * write-ahead log. The journal only keeps the pages that existed before
 * (the empty tables), so every new page is written once, to the file,
 * instead of to the log and then again into the file: the same atomicity
 * (a crash mid-import rolls back to the empty store) for half the
 * writing. Nobody else can be reading the store yet, which leaving WAL
 * mode needs. Returns whether the journal was switched; call
 * _lc_store_end_bulk () after the commit or rollback. */
gboolean
_lc_store_begin_bulk (LcStore *self)
{
  sqlite3_stmt *stmt;
  gboolean switched = FALSE;

  if (!self->made_here)
    return FALSE;
  stmt = _lc_store_prepare (self, "SELECT NOT EXISTS (SELECT 1 FROM imports) AND NOT EXISTS (SELECT 1 FROM orders)", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) == 0)
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = TRUNCATE", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    switched = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "truncate") == 0;
  sqlite3_finalize (stmt);
  /* Whatever the power does at the commit, the file is whole. */
  if (switched)
    _lc_store_exec (self, "PRAGMA synchronous = FULL", NULL);
  return switched;
}

/* Whether the store is in WAL mode now. */
static gboolean
switch_to_wal (LcStore *self)
{
  sqlite3_stmt *stmt;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
}

void
_lc_store_end_bulk (LcStore *self)
{
  /* Back to the write-ahead log. The switch needs the store to itself: a
   * reader that opened it meanwhile can hold it past the busy timeout. */
  if (!switch_to_wal (self))
    {
      g_usleep (100 * G_TIME_SPAN_MILLISECOND);
      if (!switch_to_wal (self))
        {
          g_autofree char *base = g_path_get_basename (self->path);

          /* Safe as it is, with a rollback journal and full syncs; the
           * next lc_store_open () sets the log again. */
          g_warning ("The store %s stays in rollback-journal mode until it is next opened: %s",
                     base, sqlite3_errmsg (self->db));
          return;
        }
    }
  /* SQLite opens the log at the next read: a checkpoint before any read
   * would find the store locked. */
  _lc_store_exec (self, "PRAGMA synchronous = NORMAL; SELECT COUNT(*) FROM meta", NULL);
}

void
_lc_store_rollback (LcStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* The currency may have been set inside the transaction. */
  lc_store_load_meta (self, NULL);
}

const char *
_lc_store_get_salt (LcStore *self)
{
  return self->salt;
}

static char *
dup_meta (LcStore    *self,
          const char *key)
{
  sqlite3_stmt *stmt = _lc_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
set_meta (LcStore     *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = _lc_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
lc_store_load_meta (LcStore  *self,
                    GError  **error)
{
  g_free (self->salt);
  self->salt = dup_meta (self, "salt");
  g_free (self->currency);
  self->currency = dup_meta (self, "currency");
  self->exponent = lc_currency_get_exponent (self->currency);
  if (self->salt == NULL)
    {
      g_autofree char *base = g_path_get_basename (self->path);
      g_autofree char *damage = g_strdup_printf (_("The store file “%s” is damaged: its identity record is missing."),
                                                 base);

      set_damaged_error (self->path, damage, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_lc_store_set_currency (LcStore     *self,
                        const char  *currency,
                        GError     **error)
{
  if (!set_meta (self, "currency", currency, error))
    return FALSE;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  self->exponent = lc_currency_get_exponent (currency);
  return TRUE;
}

static char *
make_salt (void)
{
  guint32 words[4];
  GString *hex = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = g_random_int ();
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_string_append_printf (hex, "%08x", words[i]);
  return g_string_free (hex, FALSE);
}

/* Runs the migrations from from_version up, inside the caller's transaction. */
static gboolean
run_migrations (LcStore  *self,
                int       from_version,
                GError  **error)
{
  for (int v = from_version; v < LC_STORE_SCHEMA_VERSION; v++)
    if (!migrations[v - 1] (self, error))
      return FALSE;
  return TRUE;
}

static gboolean
create_schema (LcStore  *self,
               GError  **error)
{
  g_autofree char *salt = make_salt ();
  g_autofree char *pragmas = NULL;

  if (!_lc_store_begin (self, error))
    return FALSE;
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             LC_STORE_APPLICATION_ID, LC_STORE_SCHEMA_VERSION);
  if (!_lc_store_exec (self, schema_v1, error) ||
      !run_migrations (self, 1, error) ||
      !_lc_store_exec (self, pragmas, error) ||
      !set_meta (self, "salt", salt, error) ||
      !set_meta (self, "created_by", PACKAGE_VERSION, error) ||
      !_lc_store_commit (self, error))
    {
      _lc_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
backup_copy (const char  *path,
             int          version,
             GError     **error)
{
  g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", path, version);
  g_autofree char *part = g_strconcat (backup, ".part", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) target = g_file_new_for_path (part);

  /* A backup of this version is never replaced: an upgrade that failed or
   * was interrupted left the store as it was, so the first copy is as good,
   * and it may be the only good one if the store was damaged since. */
  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    return TRUE;
  /* Copied under another name first, so that a half-written backup is
   * never taken for a whole one. */
  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;
  if (g_rename (part, backup) != 0)
    {
      int saved_errno = errno;
      g_autofree char *base = g_path_get_basename (backup);

      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_READ_ONLY,
                   _("The backup “%s” could not be written: %s."), base, g_strerror (saved_errno));
      g_unlink (part);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (LcStore  *self,
         int       from_version,
         GError  **error)
{
  g_autofree char *pragma = NULL;

  /* The copy is of the main file only: move everything out of the
   * write-ahead log first, so the backup holds the whole store. A damaged
   * store is neither copied nor upgraded. */
  if (!_lc_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error) ||
      !lc_store_check (self, error) ||
      !backup_copy (self->path, from_version, error))
    return FALSE;
  /* A migration that rebuilds a table (version 5) drops the old one in a
   * statement whose journal holds every page it frees: on disk, not in
   * memory, which it would fill for a store of a million lines. */
  if (!_lc_store_exec (self, "PRAGMA temp_store = FILE", error))
    return FALSE;
  if (!_lc_store_begin (self, error))
    {
      _lc_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
      return FALSE;
    }
  pragma = g_strdup_printf ("PRAGMA user_version = %d", LC_STORE_SCHEMA_VERSION);
  if (!run_migrations (self, from_version, error) ||
      !_lc_store_exec (self, pragma, error) ||
      !_lc_store_commit (self, error))
    {
      _lc_store_rollback (self);
      _lc_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
      return FALSE;
    }
  return _lc_store_exec (self, "PRAGMA temp_store = MEMORY", error);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The header fields as the newest commit left them, read through SQLite,
 * read-only. Needed when a write-ahead log is beside the file: a process
 * killed between a commit and the checkpoint after it leaves the newest
 * application id and schema version in the log only. */
static gboolean
read_header_through_log (const char *path,
                         guint32    *app_id,
                         int        *version,
                         gboolean   *empty)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db,
                          "SELECT (SELECT application_id FROM pragma_application_id),"
                          " (SELECT user_version FROM pragma_user_version),"
                          " (SELECT COUNT(*) FROM sqlite_master)",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *app_id = (guint32) sqlite3_column_int64 (stmt, 0);
      *version = sqlite3_column_int (stmt, 1);
      *empty = sqlite3_column_int64 (stmt, 2) == 0;
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* Reads the SQLite header directly so that a file which is not ours is never
 * opened by SQLite (which could change it, e.g. by switching to WAL). An
 * empty SQLite file is what a store creation that was killed leaves: with
 * create, *out_fresh says to make the store again. */
static gboolean
check_header (const char        *path,
              LcStoreOpenFlags   flags,
              int               *out_version,
              gboolean          *out_fresh,
              GError           **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *log = g_strconcat (path, "-wal", NULL);
  guint8 header[100];
  guint32 app_id = 0;
  gboolean empty = FALSE;
  GStatBuf log_st;
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, LC_STORE_ERROR,
                   saved_errno == EACCES ? LC_STORE_ERROR_READ_ONLY : LC_STORE_ERROR_NOT_FOUND,
                   _("The store file “%s” cannot be opened: %s."),
                   base, g_strerror (saved_errno));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n == sizeof header && memcmp (header, "SQLite format 3", 16) == 0)
    {
      app_id = read_be32 (header + 68);
      *out_version = (int) read_be32 (header + 60);
      /* The schema cookie changes with every schema change. */
      empty = read_be32 (header + 40) == 0;
      /* A log longer than its own 32-byte header holds commits. */
      if (g_stat (log, &log_st) == 0 && log_st.st_size > 32)
        read_header_through_log (path, &app_id, out_version, &empty);
    }

  *out_fresh = app_id != LC_STORE_APPLICATION_ID && empty && (flags & LC_STORE_OPEN_CREATE);
  if (*out_fresh)
    return TRUE;
  if (app_id != LC_STORE_APPLICATION_ID)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Liftcheck store. Choose a file ending in .liftcheck, or give a new file name to create a store."),
                   base);
      return FALSE;
    }

  if (*out_version > LC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Liftcheck. Update Liftcheck to open it; the file was not changed."),
                   base);
      return FALSE;
    }
  if (*out_version < 1)
    {
      g_autofree char *damage = g_strdup_printf (_("The store file “%s” is damaged: it has no schema version."),
                                                 base);

      set_damaged_error (path, damage, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_writable (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  /* The write-ahead log lives beside the file, so the folder must be
   * writable too. */
  if ((exists && g_access (path, W_OK) != 0) || g_access (dir, W_OK) != 0)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_READ_ONLY,
                   _("The store “%s” cannot be written in “%s”. Choose a folder you can write to, or copy the store there."),
                   base, dir);
      return FALSE;
    }
  return TRUE;
}

LcStore *
lc_store_open (const char        *path,
               LcStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(LcStore) self = NULL;
  g_autofree char *base = NULL;
  gboolean exists;
  gboolean fresh;
  int version = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  exists = g_stat (path, &st) == 0;
  fresh = !exists || (st.st_size == 0 && (flags & LC_STORE_OPEN_CREATE));

  if (!exists && !(flags & LC_STORE_OPEN_CREATE))
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("There is no store file “%s”."), path);
      return NULL;
    }
  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is a folder, not a Liftcheck store."), base);
      return NULL;
    }
  if (!fresh && !check_header (path, flags, &version, &fresh, error))
    return NULL;
  if (!check_writable (path, exists, error))
    return NULL;

  self = g_object_new (LC_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* A store is used by one thread at a time (its statement cache could not
   * be shared either; threads open their own), so SQLite need not lock
   * around every call: that was a twentieth of an import's time. */
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | (fresh ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_FAILED,
                     _("The store file “%s” could not be opened."), base);
      else
        _lc_store_set_error (self, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!_lc_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      (fresh && !_lc_store_exec (self, "PRAGMA page_size = 16384", error)) ||
      !_lc_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_lc_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !_lc_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;

  if (fresh)
    {
      self->made_here = TRUE;
      if (!create_schema (self, error))
        {
          g_clear_object (&self);
          if (!exists)
            g_unlink (path);
          return NULL;
        }
    }
  else if (version < LC_STORE_SCHEMA_VERSION && !migrate (self, version, error))
    return NULL;

  /* Other connections recognize a store by its file header, which WAL
   * mode would otherwise leave in the log until some later checkpoint. */
  if ((fresh || version < LC_STORE_SCHEMA_VERSION) &&
      !_lc_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return NULL;

  if (!lc_store_load_meta (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
lc_store_check (LcStore  *self,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (self), FALSE);

  /* Not cached: it runs once in a while. */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    problem = g_strdelimit (g_strdup ((const char *) sqlite3_column_text (stmt, 0)), "\n", ' ');
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  if (problem != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->path);
      g_autofree char *damage = g_strdup_printf (_("The store file “%s” is damaged (%s)."), base, problem);

      set_damaged_error (self->path, damage, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
lc_store_restore_backup (const char  *path,
                         char       **out_backup,
                         GError     **error)
{
  g_autofree char *backup = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(LcStore) restored = NULL;
  gboolean fresh = FALSE;
  int version = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  backup = lc_store_find_backup (path);
  if (backup == NULL)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("There is no backup of “%s” to restore: Liftcheck makes one (STORE.vN.bak) only before it upgrades a store."),
                   base);
      return FALSE;
    }
  if (!check_header (backup, LC_STORE_OPEN_DEFAULT, &version, &fresh, error))
    return FALSE;

  /* The damaged store's log and journal go with it: left in place,
   * SQLite would apply them to the restored file. */
  for (guint i = 0; i < G_N_ELEMENTS (store_file_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, store_file_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (path, ".damaged", store_file_suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_READ_ONLY,
                       _("The damaged store “%s” could not be moved aside: %s."),
                       base, g_strerror (saved_errno));
          return FALSE;
        }
    }

  source = g_file_new_for_path (backup);
  target = g_file_new_for_path (path);
  if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return FALSE;

  /* Opening it runs any upgrade the backup needs. */
  restored = lc_store_open (path, LC_STORE_OPEN_DEFAULT, error);
  if (restored == NULL || !lc_store_check (restored, error))
    return FALSE;
  if (out_backup != NULL)
    *out_backup = g_steal_pointer (&backup);
  return TRUE;
}

void
lc_store_remove_files (const char *path)
{
  g_return_if_fail (path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (store_file_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, store_file_suffixes[i], NULL);

      g_unlink (file);
    }
}

const char *
lc_store_get_path (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), NULL);
  return self->path;
}

const char *
lc_store_get_currency (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), NULL);
  return self->currency;
}

guint
lc_store_get_exponent (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), 2);
  return self->exponent;
}

gint64
lc_store_count_orders (LcStore *self)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (LC_IS_STORE (self), 0);

  stmt = _lc_store_prepare (self, "SELECT COUNT(*) FROM orders", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}

char *
lc_store_dup_setting (LcStore    *self,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (LC_IS_STORE (self), NULL);

  stmt = _lc_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
lc_store_set_setting (LcStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (self), FALSE);

  if (value == NULL)
    stmt = _lc_store_prepare (self, "DELETE FROM settings WHERE key = ?", error);
  else
    stmt = _lc_store_prepare (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

void
lc_feature_span_free (LcFeatureSpan *span)
{
  if (span == NULL)
    return;
  g_free (span->feature);
  g_free (span);
}

void
lc_import_record_free (LcImportRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->file_name);
  g_free (record->sha256);
  g_free (record->kind);
  g_free (record);
}

gboolean
lc_store_add_feature_span (LcStore     *self,
                           const char  *feature,
                           LcDay        on_day,
                           LcDay        off_day,
                           gint64       monthly_cost,
                           GError     **error)
{
  g_autoptr(GPtrArray) spans = NULL;
  sqlite3_stmt *stmt;
  gint64 replace_id = -1;

  g_return_val_if_fail (LC_IS_STORE (self), FALSE);
  g_return_val_if_fail (feature != NULL, FALSE);

  if (off_day != LC_DAY_NONE && off_day <= on_day)
    {
      g_set_error_literal (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                           _("The day a feature was switched off must come after the day it was switched on."));
      return FALSE;
    }

  spans = lc_store_list_feature_spans (self, error);
  if (spans == NULL)
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (spans, i);
      LcDay span_end = span->off_day == LC_DAY_NONE ? G_MAXINT32 : span->off_day;
      LcDay new_end = off_day == LC_DAY_NONE ? G_MAXINT32 : off_day;

      if (!g_str_equal (span->feature, feature))
        continue;
      if (span->on_day == on_day)
        {
          replace_id = span->id;
          if (monthly_cost < 0)
            monthly_cost = span->monthly_cost;
          continue;
        }
      if (on_day < span_end && span->on_day < new_end)
        {
          g_autofree char *from = lc_day_format (span->on_day);
          g_autofree char *to = span->off_day != LC_DAY_NONE ? lc_day_format (span->off_day) : NULL;

          if (to != NULL)
            g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                         _("%s was already on from %s until %s; a feature can’t be switched on twice at once."),
                         feature, from, to);
          else
            g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                         _("%s has been on since %s; record the day it was switched off first."),
                         feature, from);
          return FALSE;
        }
    }

  if (replace_id >= 0)
    {
      stmt = _lc_store_prepare (self, "UPDATE features SET off_day = ?, monthly_cost = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 3, replace_id);
    }
  else
    {
      stmt = _lc_store_prepare (self, "INSERT INTO features (off_day, monthly_cost, feature, on_day) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 3, feature, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, on_day);
    }
  if (off_day != LC_DAY_NONE)
    sqlite3_bind_int (stmt, 1, off_day);
  if (monthly_cost >= 0)
    sqlite3_bind_int64 (stmt, 2, monthly_cost);
  return _lc_store_step_done (self, stmt, error);
}

gboolean
lc_store_find_first_switch_on (LcStore     *self,
                               const char  *feature,
                               LcDay       *out,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = LC_DAY_NONE;
  stmt = _lc_store_prepare (self, "SELECT MIN(on_day) FROM features WHERE feature = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, feature, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *out = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _lc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
lc_store_list_feature_spans (LcStore  *self,
                             GError  **error)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_feature_span_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (self), NULL);

  stmt = _lc_store_prepare (self,
                            "SELECT id, feature, on_day, off_day, monthly_cost FROM features ORDER BY on_day, id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcFeatureSpan *span = g_new0 (LcFeatureSpan, 1);

      span->id = sqlite3_column_int64 (stmt, 0);
      span->feature = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      span->on_day = sqlite3_column_int (stmt, 2);
      span->off_day = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? LC_DAY_NONE : sqlite3_column_int (stmt, 3);
      span->monthly_cost = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (spans, span);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

GPtrArray *
lc_store_list_imports (LcStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_import_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (self), NULL);

  stmt = _lc_store_prepare (self,
                            "SELECT id, file_name, sha256, kind, rows, orders_added, orders_updated, imported_utc "
                            "FROM imports ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcImportRecord *record = g_new0 (LcImportRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      record->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      record->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      record->rows = sqlite3_column_int64 (stmt, 4);
      record->orders_added = sqlite3_column_int64 (stmt, 5);
      record->orders_updated = sqlite3_column_int64 (stmt, 6);
      record->imported_utc = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}
