/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-order-writer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-import.h"
#include "lc-order-writer-private.h"

/* Rollup deltas gathered before they are written: bounds the memory they
 * take (16 bytes a slot, twice as many slots) whatever the file size, and
 * the time a write of them takes (no progress is reported meanwhile). */
#define MAX_DELTAS (1 << 13)
/* Customers come back months apart: a larger window (2 MB) writes a
 * repeat customer's row once for several orders. */
#define MAX_CUSTOMER_DELTAS (1 << 16)
#define EMPTY_KEY      G_MAXUINT64

typedef struct
{
  gssize   name;       /* offsets into strings; -1 for NULL */
  gssize   sku;
  gssize   vendor;
  gint64   quantity;
  gint64   price;
  gint64   compare_at;
  gint64   discount;
  gboolean is_tip;
} Line;

typedef struct
{
  gssize      source_id;
  LcTimestamp created;
  gint64      amount;
  guint       first_line;   /* into refund_lines */
  guint       n_lines;
} Refund;

typedef struct
{
  guint  line;
  gint64 quantity;
  gint64 amount;
} RefundLine;

typedef struct
{
  guint64 key;
  gint64  delta;
} Delta;

/* Changes to rollup rows by key, gathered without allocation: open
 * addressing in twice as many slots as it holds keys. */
typedef struct
{
  Delta  *slots;
  guint   capacity;      /* keys it holds before it must be written */
  guint   n;
  gboolean any_negative;
} DeltaMap;

/* A change to a row of daily. */
typedef struct
{
  LcDay  day;
  gint64 orders;
  gint64 order_value;
  gint64 units;
  gint64 total;
  gint64 refunded;
  /* Squares in double: an order at the bound (LC_ORDER_MAX_AMOUNT) squared
   * is past int64. Exact while a day's sum stays under 2^53, as for any
   * real store's cents; SQLite keeps such a sum as an integer, a larger
   * one as a real, and readers sum them with TOTAL(). */
  double order_value_sq;
  double units_sq;
} DayDelta;

static void
delta_map_clear (DeltaMap *map)
{
  memset (map->slots, 0xff, 2 * map->capacity * sizeof (Delta));
  map->n = 0;
}

static void
delta_map_init (DeltaMap *map,
                guint     capacity)
{
  map->capacity = capacity;
  map->slots = g_new (Delta, 2 * capacity);
  map->any_negative = FALSE;
  delta_map_clear (map);
}

/* Adds delta to key's change; TRUE when the map is full and must be
 * written and cleared. */
static gboolean
delta_map_add (DeltaMap *map,
               guint64   key,
               gint64    delta)
{
  guint mask = 2 * map->capacity - 1;
  guint slot = (guint) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & mask;

  if (delta < 0)
    map->any_negative = TRUE;
  while (map->slots[slot].key != EMPTY_KEY && map->slots[slot].key != key)
    slot = (slot + 1) & mask;
  if (map->slots[slot].key == key)
    {
      map->slots[slot].delta += delta;
      return FALSE;
    }
  map->slots[slot].key = key;
  map->slots[slot].delta = delta;
  return ++map->n >= map->capacity;
}

static int
compare_deltas (gconstpointer a,
                gconstpointer b)
{
  guint64 ka = ((const Delta *) a)->key;
  guint64 kb = ((const Delta *) b)->key;

  return ka < kb ? -1 : ka > kb;
}

/* Moves the changes to the front of the slots, in key order; returns how
 * many there are. The map must be cleared after. */
static guint
delta_map_gather (DeltaMap *map)
{
  guint n = 0;

  for (guint i = 0; i < 2 * map->capacity; i++)
    if (map->slots[i].key != EMPTY_KEY)
      map->slots[n++] = map->slots[i];
  qsort (map->slots, n, sizeof (Delta), compare_deltas);
  return n;
}

struct _LcOrderWriter
{
  LcStore      *store;
  sqlite3      *db;
  gint64        import_id;

  sqlite3_stmt *insert_order;
  sqlite3_stmt *find_order;
  sqlite3_stmt *delete_lines;
  sqlite3_stmt *update_order;
  sqlite3_stmt *insert_line;
  sqlite3_stmt *add_units;
  sqlite3_stmt *upsert_sku;
  sqlite3_stmt *drop_empty_skus;
  sqlite3_stmt *upsert_day;
  sqlite3_stmt *upsert_customer;
  sqlite3_stmt *drop_empty_customers;
  sqlite3_stmt *delete_refunds;
  sqlite3_stmt *select_refunds;
  sqlite3_stmt *insert_refund;
  sqlite3_stmt *insert_refund_line;

  /* The order being built; its strings live in one buffer, reused, so an
   * order costs no allocation once the buffer has grown. */
  GString      *strings;
  LcOrderFields order;
  gssize        order_strings[7];
  GArray       *lines;           /* Line */
  GArray       *line_rowids;     /* gint64: the rows the lines were written to */
  GByteArray   *hash_input;      /* what compute_content_hash digests */
  GArray       *refunds;         /* Refund */
  GArray       *refund_lines;    /* RefundLine */
  gboolean      continuing;
  gint64        content_hash;
  /* Whether the last order was already in the store: a file imported
   * again is looked up first instead of tried as new first. */
  gboolean      expect_existing;

  /* The last order written, for continue_last. */
  gint64        last_rowid;
  int           last_next_position;
  LcDay         last_day;
  gboolean      last_counted;
  gint64        last_units;

  /* SKUs interned: name -> index + 1. */
  GHashTable   *sku_index;
  GPtrArray    *sku_names;
  DeltaMap      sku_deltas;      /* day << 32 | SKU index -> change in lines */
  GHashTable   *day_deltas;      /* day -> DayDelta: a few hundred a year */
  DeltaMap      customer_deltas; /* customer id -> change in orders */
};

enum
{
  STR_SOURCE_ID,
  STR_NAME,
  STR_FINANCIAL_STATUS,
  STR_DISCOUNT_CODE,
  STR_SOURCE,
  STR_TAGS,
  STR_CUSTOMER_HASH,
};

static const char insert_order_sql[] =
  "INSERT INTO orders (source_id, name, created_utc, utc_offset, local_day, financial_status, "
  "cancelled_utc, counted, subtotal, shipping, taxes, total, discount, discount_code, refunded, "
  "units, source, tags, customer_hash, import_id, content_hash) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21) "
  "ON CONFLICT (source_id) DO NOTHING";

static const char update_order_sql[] =
  "UPDATE orders SET name = ?2, created_utc = ?3, utc_offset = ?4, local_day = ?5, "
  "financial_status = ?6, cancelled_utc = ?7, counted = ?8, subtotal = ?9, shipping = ?10, "
  "taxes = ?11, total = ?12, discount = ?13, discount_code = ?14, refunded = ?15, units = ?16, "
  "source = ?17, tags = ?18, customer_hash = ?19, import_id = ?20, content_hash = ?21 "
  "WHERE id = ?22 AND source_id = ?1";

static gboolean
prepare (LcOrderWriter  *self,
         const char     *sql,
         sqlite3_stmt  **out,
         GError        **error)
{
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) != SQLITE_OK)
    {
      _lc_store_set_error (self->store, error);
      return FALSE;
    }
  return TRUE;
}

LcOrderWriter *
_lc_order_writer_new (LcStore  *store,
                      GError  **error)
{
  g_autoptr(LcOrderWriter) self = g_new0 (LcOrderWriter, 1);

  self->store = g_object_ref (store);
  self->db = _lc_store_get_db (store);
  self->strings = g_string_sized_new (1024);
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self->line_rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->hash_input = g_byte_array_sized_new (1024);
  self->refunds = g_array_new (FALSE, FALSE, sizeof (Refund));
  self->refund_lines = g_array_new (FALSE, FALSE, sizeof (RefundLine));
  self->last_rowid = -1;
  self->sku_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->sku_names = g_ptr_array_new_with_free_func (g_free);
  self->day_deltas = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  delta_map_init (&self->sku_deltas, MAX_DELTAS);
  delta_map_init (&self->customer_deltas, MAX_CUSTOMER_DELTAS);

  if (!prepare (self, insert_order_sql, &self->insert_order, error) ||
      !prepare (self,
                "SELECT id, local_day, counted, subtotal, units, total, refunded, content_hash, customer_hash "
                "FROM orders WHERE source_id = ?",
                &self->find_order, error) ||
      !prepare (self,
                "DELETE FROM line_items WHERE id BETWEEN ? AND ? RETURNING COALESCE(sku, name), is_tip",
                &self->delete_lines, error) ||
      !prepare (self, update_order_sql, &self->update_order, error) ||
      !prepare (self,
                "INSERT INTO line_items (id, order_id, position, quantity, product, variant, sku, "
                "price, compare_at_price, discount, vendor, is_tip) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                &self->insert_line, error) ||
      !prepare (self, "UPDATE orders SET units = units + ?, content_hash = NULL WHERE id = ?", &self->add_units, error) ||
      !prepare (self,
                "INSERT INTO daily_skus (day, sku, lines) VALUES (?, ?, ?) "
                "ON CONFLICT (day, sku) DO UPDATE SET lines = lines + excluded.lines",
                &self->upsert_sku, error) ||
      !prepare (self, "DELETE FROM daily_skus WHERE lines <= 0", &self->drop_empty_skus, error) ||
      !prepare (self,
                "INSERT INTO daily (day, orders, order_value, units, total, refunded, order_value_sq, units_sq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (day) DO UPDATE SET orders = orders + excluded.orders, "
                "order_value = order_value + excluded.order_value, units = units + excluded.units, "
                "total = total + excluded.total, refunded = refunded + excluded.refunded, "
                "order_value_sq = order_value_sq + excluded.order_value_sq, "
                "units_sq = units_sq + excluded.units_sq",
                &self->upsert_day, error) ||
      !prepare (self,
                "INSERT INTO customers (id, orders) VALUES (?, ?) "
                "ON CONFLICT (id) DO UPDATE SET orders = orders + excluded.orders",
                &self->upsert_customer, error) ||
      !prepare (self, "DELETE FROM customers WHERE orders <= 0", &self->drop_empty_customers, error) ||
      /* Before the order's lines, which its refund lines point at. */
      !prepare (self, "DELETE FROM refunds WHERE order_id = ?", &self->delete_refunds, error) ||
      !prepare (self,
                "SELECT r.id, r.source_id, r.created_utc, r.local_day, r.amount, rl.line_item_id, rl.quantity, "
                "rl.amount FROM refunds r LEFT JOIN refund_lines rl ON rl.refund_id = r.id "
                "WHERE r.order_id = ? ORDER BY r.id, rl.id",
                &self->select_refunds, error) ||
      !prepare (self,
                "INSERT INTO refunds (order_id, source_id, created_utc, local_day, amount) "
                "VALUES (?, ?, ?, ?, ?)",
                &self->insert_refund, error) ||
      !prepare (self,
                "INSERT INTO refund_lines (refund_id, line_item_id, quantity, amount) VALUES (?, ?, ?, ?)",
                &self->insert_refund_line, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
_lc_order_writer_free (LcOrderWriter *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->insert_order);
  sqlite3_finalize (self->find_order);
  sqlite3_finalize (self->delete_lines);
  sqlite3_finalize (self->update_order);
  sqlite3_finalize (self->insert_line);
  sqlite3_finalize (self->add_units);
  sqlite3_finalize (self->upsert_sku);
  sqlite3_finalize (self->drop_empty_skus);
  sqlite3_finalize (self->upsert_day);
  sqlite3_finalize (self->upsert_customer);
  sqlite3_finalize (self->drop_empty_customers);
  sqlite3_finalize (self->delete_refunds);
  sqlite3_finalize (self->select_refunds);
  sqlite3_finalize (self->insert_refund);
  sqlite3_finalize (self->insert_refund_line);
  g_clear_object (&self->store);
  g_string_free (self->strings, TRUE);
  g_array_unref (self->lines);
  g_array_unref (self->line_rowids);
  g_byte_array_unref (self->hash_input);
  g_array_unref (self->refunds);
  g_array_unref (self->refund_lines);
  g_hash_table_unref (self->sku_index);
  g_ptr_array_unref (self->sku_names);
  g_hash_table_unref (self->day_deltas);
  g_free (self->sku_deltas.slots);
  g_free (self->customer_deltas.slots);
  g_free (self);
}

void
_lc_order_writer_set_import_id (LcOrderWriter *self,
                                gint64         import_id)
{
  self->import_id = import_id;
}

static gssize
keep_string (LcOrderWriter *self,
             const char    *text)
{
  gssize offset = self->strings->len;

  if (text == NULL)
    return -1;
  g_string_append_len (self->strings, text, strlen (text) + 1);
  return offset;
}

static const char *
string_at (LcOrderWriter *self,
           gssize         offset)
{
  return offset < 0 ? NULL : self->strings->str + offset;
}

void
_lc_order_writer_begin_order (LcOrderWriter       *self,
                              const LcOrderFields *order)
{
  g_string_truncate (self->strings, 0);
  g_array_set_size (self->lines, 0);
  g_array_set_size (self->refunds, 0);
  g_array_set_size (self->refund_lines, 0);
  self->continuing = FALSE;
  self->order = *order;
  self->order_strings[STR_SOURCE_ID] = keep_string (self, order->source_id);
  self->order_strings[STR_NAME] = keep_string (self, order->name);
  self->order_strings[STR_FINANCIAL_STATUS] = keep_string (self, order->financial_status);
  self->order_strings[STR_DISCOUNT_CODE] = keep_string (self, order->discount_code);
  self->order_strings[STR_SOURCE] = keep_string (self, order->source);
  self->order_strings[STR_TAGS] = keep_string (self, order->tags);
  self->order_strings[STR_CUSTOMER_HASH] = keep_string (self, order->customer_hash);
}

gboolean
_lc_order_writer_continue_last (LcOrderWriter *self)
{
  g_string_truncate (self->strings, 0);
  g_array_set_size (self->lines, 0);
  g_array_set_size (self->refunds, 0);
  g_array_set_size (self->refund_lines, 0);
  self->continuing = self->last_rowid >= 0;
  return self->continuing;
}

void
_lc_order_writer_add_line (LcOrderWriter      *self,
                           const LcLineFields *fields)
{
  Line line;

  line.name = keep_string (self, fields->name);
  line.sku = keep_string (self, fields->sku);
  line.vendor = keep_string (self, fields->vendor);
  line.quantity = fields->quantity;
  line.price = fields->price;
  line.compare_at = fields->compare_at;
  line.discount = fields->discount;
  line.is_tip = fields->is_tip;
  g_array_append_val (self->lines, line);
}

void
_lc_order_writer_add_refund (LcOrderWriter        *self,
                             const LcRefundFields *fields)
{
  Refund refund;

  refund.source_id = keep_string (self, fields->source_id);
  refund.created = fields->created;
  refund.amount = fields->amount;
  refund.first_line = self->refund_lines->len;
  refund.n_lines = 0;
  g_array_append_val (self->refunds, refund);
}

gboolean
_lc_order_writer_add_refund_line (LcOrderWriter *self,
                                  guint          line,
                                  gint64         quantity,
                                  gint64         amount)
{
  RefundLine refund_line = { line, quantity, amount };

  if (self->refunds->len == 0 || line >= self->lines->len)
    return FALSE;
  g_array_append_val (self->refund_lines, refund_line);
  g_array_index (self->refunds, Refund, self->refunds->len - 1).n_lines++;
  return TRUE;
}

guint
_lc_order_writer_get_n_lines (LcOrderWriter *self)
{
  return self->lines->len;
}

/* PLAYBOOK.md: a counted order is neither cancelled nor voided. */
static gboolean
is_counted (const LcOrderFields *order,
            const char          *financial_status)
{
  return !order->cancelled && g_strcmp0 (financial_status, "voided") != 0;
}

static guint
intern_sku (LcOrderWriter *self,
            const char    *sku)
{
  gpointer value = g_hash_table_lookup (self->sku_index, sku);
  char *copy;

  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;
  copy = g_strdup (sku);
  g_ptr_array_add (self->sku_names, copy);
  g_hash_table_insert (self->sku_index, copy, GUINT_TO_POINTER (self->sku_names->len));
  return self->sku_names->len - 1;
}

static DayDelta *
day_delta (LcOrderWriter *self,
           LcDay          day)
{
  DayDelta *delta = g_hash_table_lookup (self->day_deltas, GINT_TO_POINTER (day));

  if (delta == NULL)
    {
      delta = g_new0 (DayDelta, 1);
      delta->day = day;
      g_hash_table_insert (self->day_deltas, GINT_TO_POINTER (day), delta);
    }
  return delta;
}

/* Adds (sign 1) or takes out (-1) an order's part of its day. */
static void
add_order_to_day (LcOrderWriter *self,
                  LcDay          day,
                  int            sign,
                  gint64         subtotal,
                  gint64         units,
                  gint64         total,
                  gint64         refunded)
{
  DayDelta *delta = day_delta (self, day);

  delta->orders += sign;
  delta->order_value += sign * subtotal;
  delta->units += sign * units;
  delta->total += sign * total;
  delta->refunded += sign * refunded;
  delta->order_value_sq += sign * ((double) subtotal * (double) subtotal);
  delta->units_sq += sign * ((double) units * (double) units);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const DayDelta *da = *(const DayDelta * const *) a;
  const DayDelta *db = *(const DayDelta * const *) b;

  return da->day < db->day ? -1 : da->day > db->day;
}

static gboolean
step_done (LcOrderWriter  *self,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  return _lc_store_step_done (self->store, stmt, error);
}

static gboolean
flush_days (LcOrderWriter  *self,
            GError        **error)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->day_deltas);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (days, value);
  g_ptr_array_sort (days, compare_days);
  for (guint i = 0; i < days->len; i++)
    {
      const DayDelta *d = g_ptr_array_index (days, i);

      sqlite3_bind_int (self->upsert_day, 1, d->day);
      sqlite3_bind_int64 (self->upsert_day, 2, d->orders);
      sqlite3_bind_int64 (self->upsert_day, 3, d->order_value);
      sqlite3_bind_int64 (self->upsert_day, 4, d->units);
      sqlite3_bind_int64 (self->upsert_day, 5, d->total);
      sqlite3_bind_int64 (self->upsert_day, 6, d->refunded);
      sqlite3_bind_double (self->upsert_day, 7, d->order_value_sq);
      sqlite3_bind_double (self->upsert_day, 8, d->units_sq);
      if (!step_done (self, self->upsert_day, error))
        return FALSE;
    }
  g_hash_table_remove_all (self->day_deltas);
  return TRUE;
}

/* Writes the SKU deltas; the daily ones wait for _lc_order_writer_flush. */
static gboolean
flush_skus (LcOrderWriter  *self,
            GError        **error)
{
  DeltaMap *map = &self->sku_deltas;
  /* In key order: by day, so that the rows go into the table in its own
   * order. */
  guint n = delta_map_gather (map);

  for (guint i = 0; i < n; i++)
    {
      const Delta *d = &map->slots[i];

      if (d->delta == 0)
        continue;
      sqlite3_bind_int (self->upsert_sku, 1, (gint32) (guint32) (d->key >> 32));
      sqlite3_bind_text (self->upsert_sku, 2, g_ptr_array_index (self->sku_names, (guint) (d->key & 0xffffffff)),
                         -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->upsert_sku, 3, d->delta);
      if (!step_done (self, self->upsert_sku, error))
        return FALSE;
    }
  delta_map_clear (map);

  if (map->any_negative)
    {
      if (!step_done (self, self->drop_empty_skus, error))
        return FALSE;
      map->any_negative = FALSE;
    }
  return TRUE;
}

gint64
_lc_customer_id (const char *hash)
{
  gint64 id = 0;

  if (hash == NULL)
    return -1;
  for (guint i = 0; i < 15; i++)
    {
      int digit = g_ascii_xdigit_value (hash[i]);

      if (digit < 0)
        return -1;
      id = id << 4 | digit;
    }
  return id;
}

static gboolean
flush_customers (LcOrderWriter  *self,
                 GError        **error)
{
  DeltaMap *map = &self->customer_deltas;
  /* In key order, so that the rows go into the table in its own order. */
  guint n = delta_map_gather (map);

  for (guint i = 0; i < n; i++)
    {
      const Delta *d = &map->slots[i];

      if (d->delta == 0)
        continue;
      sqlite3_bind_int64 (self->upsert_customer, 1, (gint64) d->key);
      sqlite3_bind_int64 (self->upsert_customer, 2, d->delta);
      if (!step_done (self, self->upsert_customer, error))
        return FALSE;
    }
  delta_map_clear (map);

  if (map->any_negative)
    {
      if (!step_done (self, self->drop_empty_customers, error))
        return FALSE;
      map->any_negative = FALSE;
    }
  return TRUE;
}

static gboolean
add_customer_delta (LcOrderWriter  *self,
                    const char     *hash,
                    gint64          delta,
                    GError        **error)
{
  gint64 id = _lc_customer_id (hash);

  if (id >= 0 && delta_map_add (&self->customer_deltas, (guint64) id, delta))
    return flush_customers (self, error);
  return TRUE;
}

gboolean
_lc_order_writer_flush (LcOrderWriter  *self,
                        GError        **error)
{
  return flush_skus (self, error) && flush_days (self, error) && flush_customers (self, error);
}

static gboolean
add_sku_delta (LcOrderWriter  *self,
               LcDay           day,
               const char     *sku,
               gint64          delta,
               GError        **error)
{
  guint64 key = ((guint64) (guint32) day << 32) | intern_sku (self, sku);

  if (delta_map_add (&self->sku_deltas, key, delta))
    return flush_skus (self, error);
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
write_lines (LcOrderWriter  *self,
             gint64          order_rowid,
             int             first_position,
             LcDay           day,
             gboolean        counted,
             GError        **error)
{
  sqlite3_stmt *stmt = self->insert_line;

  g_array_set_size (self->line_rowids, 0);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);
      const char *name = string_at (self, line->name);
      const char *sku = string_at (self, line->sku);
      /* Shopify names a variant "Product - Variant"; the product title itself
       * may contain " - ", so the variant is what follows the last one. The
       * store makes the name from them (schema version 5). */
      const char *dash = g_strrstr (name, " - ");
      gint64 rowid = order_rowid << 16 | (first_position + i);

      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int64 (stmt, 2, order_rowid);
      sqlite3_bind_int (stmt, 3, first_position + (int) i);
      sqlite3_bind_int64 (stmt, 4, line->quantity);
      if (dash != NULL && dash != name)
        {
          sqlite3_bind_text (stmt, 5, name, dash - name, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, dash + 3, -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_text (stmt, 5, name, -1, SQLITE_STATIC);
          sqlite3_bind_null (stmt, 6);
        }
      bind_text_or_null (stmt, 7, sku);
      sqlite3_bind_int64 (stmt, 8, line->price);
      if (line->compare_at >= 0)
        sqlite3_bind_int64 (stmt, 9, line->compare_at);
      else
        sqlite3_bind_null (stmt, 9);
      sqlite3_bind_int64 (stmt, 10, line->discount);
      bind_text_or_null (stmt, 11, string_at (self, line->vendor));
      sqlite3_bind_int (stmt, 12, line->is_tip);
      if (!step_done (self, stmt, error))
        return FALSE;
      g_array_append_val (self->line_rowids, rowid);
      if (counted && !line->is_tip &&
          !add_sku_delta (self, day, sku != NULL ? sku : name, 1, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes the refunds of the order at order_rowid, once its lines are
 * written (write_lines keeps their rows). */
static gboolean
write_refunds (LcOrderWriter  *self,
               gint64          order_rowid,
               GError        **error)
{
  for (guint i = 0; i < self->refunds->len; i++)
    {
      const Refund *refund = &g_array_index (self->refunds, Refund, i);
      gint64 refund_rowid;

      sqlite3_bind_int64 (self->insert_refund, 1, order_rowid);
      bind_text_or_null (self->insert_refund, 2, string_at (self, refund->source_id));
      sqlite3_bind_int64 (self->insert_refund, 3, refund->created.utc);
      sqlite3_bind_int (self->insert_refund, 4, refund->created.local_day);
      sqlite3_bind_int64 (self->insert_refund, 5, refund->amount);
      if (!step_done (self, self->insert_refund, error))
        return FALSE;
      refund_rowid = sqlite3_last_insert_rowid (self->db);

      for (guint j = 0; j < refund->n_lines; j++)
        {
          const RefundLine *line = &g_array_index (self->refund_lines, RefundLine, refund->first_line + j);

          sqlite3_bind_int64 (self->insert_refund_line, 1, refund_rowid);
          sqlite3_bind_int64 (self->insert_refund_line, 2, g_array_index (self->line_rowids, gint64, line->line));
          sqlite3_bind_int64 (self->insert_refund_line, 3, line->quantity);
          sqlite3_bind_int64 (self->insert_refund_line, 4, line->amount);
          if (!step_done (self, self->insert_refund_line, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gint64
count_units (LcOrderWriter *self)
{
  gint64 units = 0;

  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);

      if (!line->is_tip)
        units += line->quantity;
    }
  return units;
}

static gboolean
finish_continuation (LcOrderWriter  *self,
                     GError        **error)
{
  if (!write_lines (self, self->last_rowid, self->last_next_position,
                    self->last_day, self->last_counted, error) ||
      !write_refunds (self, self->last_rowid, error))
    return FALSE;
  self->last_next_position += self->lines->len;
  if (self->last_counted)
    {
      DayDelta *delta = day_delta (self, self->last_day);
      gint64 units = self->last_units + count_units (self);

      delta->units += units - self->last_units;
      delta->units_sq += (double) units * (double) units - (double) self->last_units * (double) self->last_units;
    }
  self->last_units += count_units (self);

  sqlite3_bind_int64 (self->add_units, 1, count_units (self));
  sqlite3_bind_int64 (self->add_units, 2, self->last_rowid);
  return step_done (self, self->add_units, error);
}

static void
bind_order (LcOrderWriter *self,
            sqlite3_stmt  *stmt,
            gboolean       counted)
{
  const LcOrderFields *o = &self->order;

  sqlite3_bind_text (stmt, 1, string_at (self, self->order_strings[STR_SOURCE_ID]), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, string_at (self, self->order_strings[STR_NAME]), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, o->created.utc);
  sqlite3_bind_int (stmt, 4, o->created.offset);
  sqlite3_bind_int (stmt, 5, o->created.local_day);
  sqlite3_bind_text (stmt, 6, string_at (self, self->order_strings[STR_FINANCIAL_STATUS]), -1, SQLITE_STATIC);
  if (o->cancelled)
    sqlite3_bind_int64 (stmt, 7, o->cancelled_utc);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, counted);
  sqlite3_bind_int64 (stmt, 9, o->subtotal);
  sqlite3_bind_int64 (stmt, 10, o->shipping);
  sqlite3_bind_int64 (stmt, 11, o->taxes);
  sqlite3_bind_int64 (stmt, 12, o->total);
  sqlite3_bind_int64 (stmt, 13, o->discount);
  bind_text_or_null (stmt, 14, string_at (self, self->order_strings[STR_DISCOUNT_CODE]));
  sqlite3_bind_int64 (stmt, 15, o->refunded);
  sqlite3_bind_int64 (stmt, 16, count_units (self));
  bind_text_or_null (stmt, 17, string_at (self, self->order_strings[STR_SOURCE]));
  bind_text_or_null (stmt, 18, string_at (self, self->order_strings[STR_TAGS]));
  bind_text_or_null (stmt, 19, string_at (self, self->order_strings[STR_CUSTOMER_HASH]));
  sqlite3_bind_int64 (stmt, 20, self->import_id);
  sqlite3_bind_int64 (stmt, 21, self->content_hash);
}

#define XXH_PRIME64_1 G_GUINT64_CONSTANT (0x9E3779B185EBCA87)
#define XXH_PRIME64_2 G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)
#define XXH_PRIME64_3 G_GUINT64_CONSTANT (0x165667B19E3779F9)
#define XXH_PRIME64_4 G_GUINT64_CONSTANT (0x85EBCA77C2B2AE63)
#define XXH_PRIME64_5 G_GUINT64_CONSTANT (0x27D4EB2F165667C5)

static inline guint64
rotl64 (guint64 x,
        int     r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
read64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

static inline guint64
xxh64_round (guint64 acc,
             guint64 input)
{
  return rotl64 (acc + input * XXH_PRIME64_2, 31) * XXH_PRIME64_1;
}

static inline guint64
xxh64_merge (guint64 acc,
             guint64 value)
{
  return (acc ^ xxh64_round (0, value)) * XXH_PRIME64_1 + XXH_PRIME64_4;
}

/* XXH64 (seed 0), as specified at
 * https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md */
static guint64
xxh64 (const guint8 *p,
       gsize         len)
{
  const guint8 *end = p + len;
  guint64 h;

  if (len >= 32)
    {
      guint64 v1 = XXH_PRIME64_1 + XXH_PRIME64_2;
      guint64 v2 = XXH_PRIME64_2;
      guint64 v3 = 0;
      guint64 v4 = -XXH_PRIME64_1;

      for (; end - p >= 32; p += 32)
        {
          v1 = xxh64_round (v1, read64 (p));
          v2 = xxh64_round (v2, read64 (p + 8));
          v3 = xxh64_round (v3, read64 (p + 16));
          v4 = xxh64_round (v4, read64 (p + 24));
        }
      h = rotl64 (v1, 1) + rotl64 (v2, 7) + rotl64 (v3, 12) + rotl64 (v4, 18);
      h = xxh64_merge (h, v1);
      h = xxh64_merge (h, v2);
      h = xxh64_merge (h, v3);
      h = xxh64_merge (h, v4);
    }
  else
    h = XXH_PRIME64_5;
  h += len;
  for (; end - p >= 8; p += 8)
    h = rotl64 (h ^ xxh64_round (0, read64 (p)), 27) * XXH_PRIME64_1 + XXH_PRIME64_4;
  if (end - p >= 4)
    {
      guint32 v;

      memcpy (&v, p, sizeof v);
      h = rotl64 (h ^ (guint64) GUINT32_FROM_LE (v) * XXH_PRIME64_1, 23) * XXH_PRIME64_2 + XXH_PRIME64_3;
      p += 4;
    }
  for (; p < end; p++)
    h = rotl64 (h ^ *p * XXH_PRIME64_5, 11) * XXH_PRIME64_1;
  h ^= h >> 33;
  h *= XXH_PRIME64_2;
  h ^= h >> 29;
  h *= XXH_PRIME64_3;
  h ^= h >> 32;
  return h;
}

static void
hash_append (LcOrderWriter *self,
             const void    *data,
             gsize          len)
{
  g_byte_array_append (self->hash_input, data, len);
}

/* A digest of everything the order's row and lines are made from. It
 * only decides whether an order imported again is the one the store
 * holds: two different contents of one order give the same digest with a
 * chance of one in 2^64 (XXH64 mixes every bit of its input into every
 * bit of its output, and order exports are not crafted against it), and
 * the cost of that would be one order's change missed. A cryptographic
 * digest bought nothing more here; SHA-256 took a few percent of the
 * import's processor time with the CPU's SHA instructions, far more
 * without them. Stores
 * written before version 5 hold SHA-256 digests, which simply never match:
 * their orders are rewritten once. */
static gint64
compute_content_hash (LcOrderWriter *self)
{
  const LcOrderFields *o = &self->order;
  gint64 numbers[] = {
    o->created.utc, o->created.offset, o->created.local_day, o->cancelled, o->cancelled_utc,
    o->subtotal, o->shipping, o->taxes, o->total, o->discount, o->refunded, self->lines->len,
  };

  g_byte_array_set_size (self->hash_input, 0);
  hash_append (self, numbers, sizeof numbers);
  /* The offsets tell a missing string from an empty one. */
  hash_append (self, self->order_strings, sizeof self->order_strings);
  hash_append (self, self->strings->str, self->strings->len);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);
      gint64 values[] = {
        line->name, line->sku, line->vendor, line->quantity, line->price, line->compare_at,
        line->discount, line->is_tip,
      };

      hash_append (self, values, sizeof values);
    }
  for (guint i = 0; i < self->refunds->len; i++)
    {
      const Refund *refund = &g_array_index (self->refunds, Refund, i);
      gint64 values[] = {
        refund->source_id, refund->created.utc, refund->created.offset, refund->created.local_day,
        refund->amount, refund->n_lines,
      };

      hash_append (self, values, sizeof values);
    }
  for (guint i = 0; i < self->refund_lines->len; i++)
    {
      const RefundLine *line = &g_array_index (self->refund_lines, RefundLine, i);
      gint64 values[] = { line->line, line->quantity, line->amount };

      hash_append (self, values, sizeof values);
    }
  return (gint64) xxh64 (self->hash_input->data, self->hash_input->len);
}

/* An order written again without refunds (an export says only how much
 * was refunded) keeps the refunds it has, with their lines, when they add
 * up to what the export says: the Admin API's detail of which items came
 * back is not lost to a later export of the same order. Refunds that no
 * longer add up are gone with the old order, as the later source wins. */
static gboolean
keep_refunds (LcOrderWriter  *self,
              gint64          order_rowid,
              GError        **error)
{
  sqlite3_stmt *stmt = self->select_refunds;
  gint64 last_refund = -1;
  gint64 sum = 0;
  int rc;

  sqlite3_bind_int64 (stmt, 1, order_rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) != last_refund)
        {
          LcRefundFields refund = { 0 };

          last_refund = sqlite3_column_int64 (stmt, 0);
          refund.source_id = (const char *) sqlite3_column_text (stmt, 1);
          refund.created.utc = sqlite3_column_int64 (stmt, 2);
          refund.created.local_day = sqlite3_column_int (stmt, 3);
          refund.amount = sqlite3_column_int64 (stmt, 4);
          sum += refund.amount;
          _lc_order_writer_add_refund (self, &refund);
        }
      /* A line's id keeps its position in its low 16 bits (schema 5). */
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        _lc_order_writer_add_refund_line (self, (guint) (sqlite3_column_int64 (stmt, 5) & (LC_ORDER_MAX_LINES - 1)),
                                          sqlite3_column_int64 (stmt, 6), sqlite3_column_int64 (stmt, 7));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (self->store, error);
      return FALSE;
    }
  if (sum != self->order.refunded)
    {
      g_array_set_size (self->refunds, 0);
      g_array_set_size (self->refund_lines, 0);
    }
  return TRUE;
}

typedef enum
{
  REPLACE_ABSENT,
  REPLACE_UNCHANGED,
  REPLACE_DONE,
} ReplaceOutcome;

/* Replaces an order already in the store: takes its old lines out of the
 * rollup, deletes them and rewrites the order's row, unless it is the same
 * as the order being written. */
static gboolean
replace_order (LcOrderWriter   *self,
               gboolean         counted,
               gint64          *out_rowid,
               ReplaceOutcome  *outcome,
               GError         **error)
{
  gint64 rowid;
  LcDay old_day;
  gboolean old_counted;
  int rc;

  sqlite3_bind_text (self->find_order, 1, string_at (self, self->order_strings[STR_SOURCE_ID]), -1, SQLITE_STATIC);
  rc = sqlite3_step (self->find_order);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (self->find_order);
      *outcome = REPLACE_ABSENT;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (self->find_order);
      _lc_store_set_error (self->store, error);
      return FALSE;
    }
  rowid = sqlite3_column_int64 (self->find_order, 0);
  *out_rowid = rowid;
  if (sqlite3_column_type (self->find_order, 7) != SQLITE_NULL &&
      sqlite3_column_int64 (self->find_order, 7) == self->content_hash)
    {
      sqlite3_reset (self->find_order);
      *outcome = REPLACE_UNCHANGED;
      return TRUE;
    }
  *outcome = REPLACE_DONE;
  old_day = sqlite3_column_int (self->find_order, 1);
  old_counted = sqlite3_column_int (self->find_order, 2);
  if (old_counted)
    {
      add_order_to_day (self, old_day, -1,
                        sqlite3_column_int64 (self->find_order, 3),
                        sqlite3_column_int64 (self->find_order, 4),
                        sqlite3_column_int64 (self->find_order, 5),
                        sqlite3_column_int64 (self->find_order, 6));
      if (!add_customer_delta (self, (const char *) sqlite3_column_text (self->find_order, 8), -1, error))
        {
          sqlite3_reset (self->find_order);
          return FALSE;
        }
    }
  sqlite3_reset (self->find_order);

  if (self->refunds->len == 0 && self->order.refunded != 0 && !keep_refunds (self, rowid, error))
    return FALSE;
  sqlite3_bind_int64 (self->delete_refunds, 1, rowid);
  if (!step_done (self, self->delete_refunds, error))
    return FALSE;
  sqlite3_bind_int64 (self->delete_lines, 1, rowid << 16);
  sqlite3_bind_int64 (self->delete_lines, 2, rowid << 16 | (LC_ORDER_MAX_LINES - 1));
  while ((rc = sqlite3_step (self->delete_lines)) == SQLITE_ROW)
    if (old_counted && !sqlite3_column_int (self->delete_lines, 1) &&
        !add_sku_delta (self, old_day, (const char *) sqlite3_column_text (self->delete_lines, 0), -1, error))
      {
        sqlite3_reset (self->delete_lines);
        return FALSE;
      }
  sqlite3_reset (self->delete_lines);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (self->store, error);
      return FALSE;
    }

  bind_order (self, self->update_order, counted);
  sqlite3_bind_int64 (self->update_order, 22, rowid);
  return step_done (self, self->update_order, error);
}

static gboolean
insert_order (LcOrderWriter  *self,
              gboolean        counted,
              gint64         *out_rowid,
              gboolean       *out_added,
              GError        **error)
{
  bind_order (self, self->insert_order, counted);
  if (!step_done (self, self->insert_order, error))
    return FALSE;
  *out_added = sqlite3_changes (self->db) > 0;
  if (*out_added)
    *out_rowid = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
within_bounds (gint64 value)
{
  return value >= -LC_ORDER_MAX_AMOUNT && value <= LC_ORDER_MAX_AMOUNT;
}

/* The backstop for LC_ORDER_MAX_AMOUNT: importers refuse such amounts
 * with the file and line first. */
static gboolean
check_bounds (LcOrderWriter  *self,
              GError        **error)
{
  const LcOrderFields *o = &self->order;
  gboolean ok = self->continuing ||
                (within_bounds (o->subtotal) && within_bounds (o->shipping) && within_bounds (o->taxes) &&
                 within_bounds (o->total) && within_bounds (o->discount) && within_bounds (o->refunded));

  for (guint i = 0; ok && i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);

      ok = within_bounds (line->quantity) && within_bounds (line->price) &&
           within_bounds (line->compare_at) && within_bounds (line->discount);
    }
  for (guint i = 0; ok && i < self->refunds->len; i++)
    ok = within_bounds (g_array_index (self->refunds, Refund, i).amount);
  for (guint i = 0; ok && i < self->refund_lines->len; i++)
    {
      const RefundLine *line = &g_array_index (self->refund_lines, RefundLine, i);

      ok = within_bounds (line->quantity) && within_bounds (line->amount);
    }
  if (!ok)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                   /* Translators: %s is an order's name, such as "#1001". */
                   _("Order %s holds an amount far larger than any real order."),
                   string_at (self, self->order_strings[STR_NAME]));
      return FALSE;
    }

  /* A line's id is its order's shifted left 16 bits with its position
   * (see schema version 5 in lc-store.c). */
  if ((self->continuing ? (guint) self->last_next_position : 0) + self->lines->len > LC_ORDER_MAX_LINES)
    {
      if (self->continuing)
        g_set_error_literal (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                             _("An order continued from the file before has more than 65,536 lines."));
      else
        g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                     /* Translators: %s is an order's name, such as "#1001". */
                     _("Order %s has more than 65,536 lines."),
                     string_at (self, self->order_strings[STR_NAME]));
      return FALSE;
    }
  return TRUE;
}

gboolean
_lc_order_writer_finish_order (LcOrderWriter   *self,
                               LcOrderWritten  *out_written,
                               GError         **error)
{
  const char *status = string_at (self, self->order_strings[STR_FINANCIAL_STATUS]);
  ReplaceOutcome outcome = REPLACE_ABSENT;
  gboolean added = FALSE;
  gboolean counted;
  gint64 rowid = -1;

  if (!check_bounds (self, error))
    return FALSE;

  if (self->continuing)
    {
      *out_written = LC_ORDER_WRITTEN_CONTINUED;
      return finish_continuation (self, error);
    }

  counted = is_counted (&self->order, status);
  self->content_hash = compute_content_hash (self);

  /* Inserting fails on an order already there, and finding one fails on
   * a new one: try first what the last order needed. */
  if (!self->expect_existing && !insert_order (self, counted, &rowid, &added, error))
    return FALSE;
  if (self->expect_existing || !added)
    {
      if (!replace_order (self, counted, &rowid, &outcome, error))
        return FALSE;
      if (outcome == REPLACE_ABSENT && !insert_order (self, counted, &rowid, &added, error))
        return FALSE;
      if (outcome == REPLACE_ABSENT && !added)
        {
          /* Only another writer inside this transaction could do this. */
          g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_FAILED,
                       _("The order “%s” could be neither added to the store nor found in it."),
                       string_at (self, self->order_strings[STR_NAME]));
          return FALSE;
        }
    }
  self->expect_existing = outcome != REPLACE_ABSENT;
  *out_written = self->expect_existing ? LC_ORDER_WRITTEN_UPDATED : LC_ORDER_WRITTEN_ADDED;

  if (outcome != REPLACE_UNCHANGED)
    {
      if (!write_lines (self, rowid, 0, self->order.created.local_day, counted, error) ||
          !write_refunds (self, rowid, error))
        return FALSE;
      if (counted)
        {
          add_order_to_day (self, self->order.created.local_day, 1, self->order.subtotal,
                            count_units (self), self->order.total, self->order.refunded);
          if (!add_customer_delta (self, string_at (self, self->order_strings[STR_CUSTOMER_HASH]), 1, error))
            return FALSE;
        }
    }
  self->last_rowid = rowid;
  self->last_units = count_units (self);
  self->last_next_position = self->lines->len;
  self->last_day = self->order.created.local_day;
  self->last_counted = counted;
  return TRUE;
}
