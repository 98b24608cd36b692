/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-pending-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-date-column.h"
#include "lc-display.h"
#include "lc-mapping-private.h"
#include "lc-money.h"
#include "lc-pending-private.h"

/*
 * Files that hold half of each order. Olist publishes its orders in two
 * files: the orders (order_id, customer_id, order_status,
 * order_purchase_timestamp, …: a date and a status, no items) and the
 * order items (order_id, order_item_id, product_id, seller_id,
 * shipping_limit_date, price, freight_value: one row per unit, in BRL).
 * Instacart's order products (order_id, product_id, add_to_cart_order,
 * reordered) have neither dates nor prices.
 *
 * Nothing a user imported is lost: each half waits in pending_orders or
 * pending_lines, keyed by its source and the source's order id. When both
 * halves of an order are in, whichever came first, the order goes through
 * the order writer (its date and status from the header, one unit per item
 * row at its price, freight summed as shipping) and leaves the pending
 * tables. Importing either file again reopens the orders it completed
 * (their header and lines go back to the pending tables, then the file's
 * rows replace them), so the order is written again with the file's
 * values, not twice; an order's items are those of the last items file
 * that had it.
 */

#define SOURCE_OLIST     "olist"
#define SOURCE_INSTACART "instacart"
/* The currency Olist's amounts are in. */
#define OLIST_CURRENCY   "BRL"

typedef enum
{
  COL_ORDER,
  COL_CUSTOMER,
  COL_STATUS,
  COL_DATE,
  COL_POSITION,
  COL_PRODUCT,
  COL_PRICE,
  COL_FREIGHT,
  N_COLS
} Column;

typedef struct
{
  LcImportContext *ctx;
  LcImportKind     kind;
  const char      *source;
  int              col[N_COLS];
  LcDateOrder      date_order;
  guint            exponent;
  GHashTable      *orders;     /* order ids read */
} Pending;

static const char * const olist_orders[] = { "order_id", "customer_id", "order_status", "order_purchase_timestamp", NULL };
static const char * const olist_items[] = { "order_id", "order_item_id", "product_id", "price", "freight_value", NULL };
static const char * const instacart_lines[] = { "order_id", "product_id", "add_to_cart_order", NULL };

LcImportKind
_lc_pending_detect (LcCsvReader *reader)
{
  if (_lc_import_has_columns (reader, olist_orders))
    return LC_IMPORT_KIND_OLIST_ORDERS;
  if (_lc_import_has_columns (reader, olist_items))
    return LC_IMPORT_KIND_OLIST_ORDER_ITEMS;
  if (_lc_import_has_columns (reader, instacart_lines))
    return LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS;
  return LC_IMPORT_KIND_UNKNOWN;
}

gboolean
_lc_import_kind_is_pending (LcImportKind kind)
{
  return kind == LC_IMPORT_KIND_OLIST_ORDERS || kind == LC_IMPORT_KIND_OLIST_ORDER_ITEMS ||
         kind == LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS;
}

gint64
lc_store_count_pending_orders (LcStore *store)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (LC_IS_STORE (store), 0);

  stmt = _lc_store_prepare (store,
                            "SELECT count(*) FROM (SELECT source, order_id FROM pending_orders "
                            "UNION SELECT source, order_id FROM pending_lines)",
                            NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static const char *
field (Pending *p,
       Column   column)
{
  LcCsvReader *reader = p->ctx->reader;

  if (p->col[column] < 0 || (guint) p->col[column] >= lc_csv_reader_get_n_fields (reader))
    return "";
  return lc_csv_reader_get_field (reader, p->col[column]);
}

static char *
stripped (Pending *p,
          Column   column)
{
  return g_strstrip (g_strdup (field (p, column)));
}

static gboolean
value_error (Pending     *p,
             Column       column,
             const char  *detail,
             GError     **error)
{
  _lc_import_set_value_error (p->ctx, lc_csv_reader_get_column_name (p->ctx->reader, p->col[column]), detail, error);
  return FALSE;
}

/* An order this source gave that is already in the store goes back to the
 * pending tables, so that the row being read updates it and it is written
 * again, replaced. A header takes the order's lines back with it; an items
 * row takes only the header, since the items file gives all of the order's
 * items, and the later file wins (read_line drops the lines an earlier file
 * left pending). Headers already pending stay as they are. */
static gboolean
reopen_order (Pending     *p,
              const char  *order_id,
              GError     **error)
{
  gboolean with_lines = p->kind == LC_IMPORT_KIND_OLIST_ORDERS;
  LcStore *store = p->ctx->store;
  g_autofree char *source_id = g_strconcat (p->source, ":", order_id, NULL);
  sqlite3_stmt *stmt;

  stmt = _lc_store_prepare (store,
                            "INSERT OR IGNORE INTO pending_orders (source, order_id, created_utc, utc_offset, local_day, "
                            "  financial_status, cancelled, customer_hash, import_id) "
                            "SELECT ?1, ?2, created_utc, utc_offset, local_day, financial_status, "
                            "  cancelled_utc IS NOT NULL, customer_hash, import_id FROM orders WHERE source_id = ?3",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, source_id, -1, SQLITE_TRANSIENT);
  if (!_lc_store_step_done (store, stmt, error))
    return FALSE;
  if (!with_lines || sqlite3_changes (_lc_store_get_db (store)) == 0)
    return TRUE;

  /* The order's freight is its shipping, kept on its first line. */
  stmt = _lc_store_prepare (store,
                            "INSERT OR IGNORE INTO pending_lines (source, order_id, position, sku, quantity, price, "
                            "  shipping, import_id) "
                            "SELECT ?1, ?2, li.position + 1, li.sku, li.quantity, li.price, "
                            "  CASE WHEN li.position = 0 THEN o.shipping ELSE 0 END, o.import_id "
                            "FROM orders o JOIN line_items li ON li.order_id = o.id WHERE o.source_id = ?3",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, source_id, -1, SQLITE_TRANSIENT);
  return _lc_store_step_done (store, stmt, error);
}

/* Olist's order statuses: a cancelled order, and one the seller could not
 * deliver, are kept but not counted; an order only created is not paid
 * yet. */
static void
read_status (const char *text,
             const char **financial_status,
             gboolean    *cancelled)
{
  g_autofree char *folded = _lc_mapping_fold_name (text);

  *cancelled = g_str_equal (folded, "canceled") || g_str_equal (folded, "cancelled") ||
               g_str_equal (folded, "unavailable");
  *financial_status = g_str_equal (folded, "created") ? "pending" : "paid";
}

static gboolean
read_order_header (gpointer   data,
                   GError   **error)
{
  Pending *p = data;
  LcStore *store = p->ctx->store;
  g_autofree char *order_id = stripped (p, COL_ORDER);
  g_autofree char *status = stripped (p, COL_STATUS);
  g_autofree char *date = stripped (p, COL_DATE);
  g_autoptr(GError) local_error = NULL;
  const char *financial_status;
  gboolean cancelled;
  LcTimestamp created;
  sqlite3_stmt *stmt;

  if (order_id[0] == '\0')
    return value_error (p, COL_ORDER, _("every row needs the order’s id"), error);
  if (status[0] == '\0')
    return value_error (p, COL_STATUS, _("the order status is missing"), error);
  if (date[0] == '\0')
    return value_error (p, COL_DATE, _("the order date is missing"), error);
  if (!lc_date_parse_with_order (date, p->date_order, &created, &local_error))
    return value_error (p, COL_DATE, local_error->message, error);
  read_status (status, &financial_status, &cancelled);

  if (!reopen_order (p, order_id, error))
    return FALSE;
  stmt = _lc_store_prepare (store,
                            "INSERT INTO pending_orders (source, order_id, created_utc, utc_offset, local_day, "
                            "  financial_status, cancelled, customer_hash, import_id) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                            "ON CONFLICT (source, order_id) DO UPDATE SET created_utc = excluded.created_utc, "
                            "  utc_offset = excluded.utc_offset, local_day = excluded.local_day, "
                            "  financial_status = excluded.financial_status, cancelled = excluded.cancelled, "
                            "  customer_hash = excluded.customer_hash, import_id = excluded.import_id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, created.utc);
  sqlite3_bind_int (stmt, 4, created.offset);
  sqlite3_bind_int (stmt, 5, created.local_day);
  sqlite3_bind_text (stmt, 6, financial_status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, cancelled);
  /* Olist's customer_id is one per order (the person is customer_unique_id,
   * in Olist's customers file): kept, it would make every order a new
   * customer's. The orders have no customer, as orders without an e-mail. */
  sqlite3_bind_null (stmt, 8);
  sqlite3_bind_int64 (stmt, 9, p->ctx->import_id);
  if (!_lc_store_step_done (store, stmt, error))
    return FALSE;

  if (g_hash_table_add (p->orders, g_steal_pointer (&order_id)))
    {
      p->ctx->result->orders_read++;
      if (cancelled)
        p->ctx->result->cancelled_read++;
    }
  return TRUE;
}

static gboolean
read_position (Pending  *p,
               gint64   *out,
               GError  **error)
{
  if (!_lc_import_parse_count (field (p, COL_POSITION), FALSE, out) || *out < 1 || *out > LC_ORDER_MAX_LINES)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not an item’s number in its order; expected a whole "
                                                   "number from 1 to %d"),
                                                 field (p, COL_POSITION), LC_ORDER_MAX_LINES);

      return value_error (p, COL_POSITION, detail, error);
    }
  return TRUE;
}

static gboolean
read_amount (Pending   *p,
             Column     column,
             gboolean   required,
             gint64    *out,
             GError   **error)
{
  g_autofree char *text = stripped (p, column);
  g_autofree char *detail = NULL;

  *out = 0;
  if (text[0] == '\0')
    return required ? value_error (p, column, _("the item’s price is missing"), error) : TRUE;
  if (!_lc_mapping_parse_amount (text, p->exponent, out, &detail))
    return value_error (p, column, detail, error);
  if (*out < 0)
    return value_error (p, column, _("an amount here cannot be negative"), error);
  return TRUE;
}

static gboolean
read_line (gpointer   data,
           GError   **error)
{
  Pending *p = data;
  LcStore *store = p->ctx->store;
  g_autofree char *order_id = stripped (p, COL_ORDER);
  g_autofree char *product = stripped (p, COL_PRODUCT);
  gboolean priced = p->kind == LC_IMPORT_KIND_OLIST_ORDER_ITEMS;
  gboolean first;
  gint64 position, price = 0, freight = 0;
  sqlite3_stmt *stmt;

  if (order_id[0] == '\0')
    return value_error (p, COL_ORDER, _("every row needs the order’s id"), error);
  if (!read_position (p, &position, error))
    return FALSE;
  if (priced && (!read_amount (p, COL_PRICE, TRUE, &price, error) ||
                 !read_amount (p, COL_FREIGHT, FALSE, &freight, error)))
    return FALSE;

  /* The first row of an order in this file: the order's items are this
   * file's, whichever file had it before and whether or not its header is
   * in yet. */
  first = !g_hash_table_contains (p->orders, order_id);
  if (first && !reopen_order (p, order_id, error))
    return FALSE;
  if (first)
    {
      stmt = _lc_store_prepare (store, "DELETE FROM pending_lines WHERE source = ? AND order_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_TRANSIENT);
      if (!_lc_store_step_done (store, stmt, error))
        return FALSE;
    }
  stmt = _lc_store_prepare (store,
                            "INSERT INTO pending_lines (source, order_id, position, sku, quantity, price, shipping, import_id) "
                            "VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7) "
                            "ON CONFLICT (source, order_id, position) DO UPDATE SET sku = excluded.sku, "
                            "  quantity = excluded.quantity, price = excluded.price, shipping = excluded.shipping, "
                            "  import_id = excluded.import_id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, position);
  _lc_store_bind_text_or_null (stmt, 4, product);
  if (priced)
    sqlite3_bind_int64 (stmt, 5, price);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, freight);
  sqlite3_bind_int64 (stmt, 7, p->ctx->import_id);
  if (!_lc_store_step_done (store, stmt, error))
    return FALSE;

  p->ctx->result->units_read++;
  if (first)
    {
      g_hash_table_add (p->orders, g_steal_pointer (&order_id));
      p->ctx->result->orders_read++;
    }
  return TRUE;
}

/* The date column's order, from all its values (lc-date-column.h): a
 * first reading of the file. */
static gboolean
decide_date_order (Pending  *p,
                   GError  **error)
{
  LcImportContext *ctx = p->ctx;
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(LcDateColumn) dates = lc_date_column_new ();
  g_autoptr(GError) local_error = NULL;
  guint64 rows = 0;

  p->date_order = LC_DATE_ORDER_YMD;
  reader = lc_csv_reader_new_for_path (ctx->path, error);
  if (reader == NULL || !lc_csv_reader_read_header (reader, ctx->cancellable, error))
    return FALSE;
  /* A row the reader refuses is reported, with its line, by the second
   * reading. */
  while (lc_csv_reader_next (reader, ctx->cancellable, &local_error))
    {
      if ((++rows & 0x3ff) == 0 && !_lc_import_report (ctx, lc_csv_reader_get_bytes_read (reader) / 2, error))
        return FALSE;
      if ((guint) p->col[COL_DATE] < lc_csv_reader_get_n_fields (reader))
        lc_date_column_add (dates, lc_csv_reader_get_field (reader, p->col[COL_DATE]), lc_csv_reader_get_line (reader));
    }
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  ctx->first_pass_bytes = lc_csv_reader_get_bytes_read (reader);
  return _lc_import_decide_date_order (ctx, reader, p->col[COL_DATE], dates, &p->date_order, error);
}

/* Olist's amounts are in reais: a store of another currency cannot take
 * them. */
static gboolean
settle_currency (Pending  *p,
                 GError  **error)
{
  if (p->ctx->currency != NULL && g_ascii_strcasecmp (p->ctx->currency, OLIST_CURRENCY) != 0)
    {
      /* Translators: "order_items.csv: Olist’s amounts are in BRL, not in EUR as the import was told." */
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH,
                   _("%s: Olist’s amounts are in %s, not in %s as the import was told. "
                     "Import this file without a currency."),
                   p->ctx->display_name, OLIST_CURRENCY, p->ctx->currency);
      return FALSE;
    }
  if (!_lc_import_take_currency (p->ctx, OLIST_CURRENCY, error))
    return FALSE;
  p->exponent = lc_currency_get_exponent (OLIST_CURRENCY);
  return TRUE;
}

typedef struct
{
  char        *order_id;
  LcTimestamp  created;
  char        *financial_status;
  gboolean     cancelled;
  char        *customer_hash;
} Header;

static void
header_free (Header *h)
{
  g_free (h->order_id);
  g_free (h->financial_status);
  g_free (h->customer_hash);
  g_free (h);
}

typedef struct
{
  char   *sku;
  gint64  quantity;
  gint64  price;
  gint64  shipping;
} PendingLine;

static void
pending_line_clear (PendingLine *line)
{
  g_free (line->sku);
}

static gboolean
write_order (Pending  *p,
             Header   *h,
             GError  **error)
{
  LcImportContext *ctx = p->ctx;
  LcStore *store = ctx->store;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (PendingLine));
  g_autofree char *source_id = g_strconcat (p->source, ":", h->order_id, NULL);
  LcOrderFields order = { 0 };
  LcOrderWriter *writer;
  LcOrderWritten written;
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (lines, (GDestroyNotify) pending_line_clear);
  stmt = _lc_store_prepare (store,
                            "SELECT sku, quantity, price, shipping FROM pending_lines "
                            "WHERE source = ? AND order_id = ? ORDER BY position",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, h->order_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PendingLine line = { 0 };

      line.sku = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      line.quantity = sqlite3_column_int64 (stmt, 1);
      line.price = sqlite3_column_int64 (stmt, 2);
      line.shipping = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (lines, line);
      order.subtotal += line.quantity * line.price;
      order.shipping += line.shipping;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  /* Each amount is at most LC_ORDER_MAX_AMOUNT and there are at most
   * LC_ORDER_MAX_LINES lines: the sums cannot overflow. */
  if (order.subtotal > LC_ORDER_MAX_AMOUNT || order.shipping > LC_ORDER_MAX_AMOUNT)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                   /* Translators: "order_items.csv: order 1001 adds up to…" */
                   _("%s: order %s adds up to far more than any real order; check that the amount "
                     "columns hold what their names say"),
                   ctx->display_name, h->order_id);
      return FALSE;
    }

  writer = _lc_import_get_order_writer (ctx, error);
  if (writer == NULL)
    return FALSE;
  order.source_id = source_id;
  order.name = h->order_id;
  order.created = h->created;
  order.financial_status = h->financial_status;
  order.cancelled = h->cancelled;
  order.cancelled_utc = h->cancelled ? h->created.utc : 0;
  order.total = order.subtotal + order.shipping;
  order.customer_hash = h->customer_hash;
  _lc_order_writer_begin_order (writer, &order);
  for (guint i = 0; i < lines->len; i++)
    {
      const PendingLine *line = &g_array_index (lines, PendingLine, i);
      LcLineFields fields = { 0 };

      fields.quantity = line->quantity;
      fields.price = line->price;
      fields.compare_at = -1;
      fields.name = line->sku != NULL ? line->sku : "";
      fields.sku = line->sku;
      _lc_order_writer_add_line (writer, &fields);
    }
  if (!_lc_order_writer_finish_order (writer, &written, error))
    return FALSE;
  if (written == LC_ORDER_WRITTEN_ADDED)
    ctx->result->orders_added++;
  else if (written == LC_ORDER_WRITTEN_UPDATED)
    ctx->result->orders_updated++;
  ctx->result->line_items += lines->len;

  stmt = _lc_store_prepare (store, "DELETE FROM pending_lines WHERE source = ? AND order_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, h->order_id, -1, SQLITE_TRANSIENT);
  if (!_lc_store_step_done (store, stmt, error))
    return FALSE;
  stmt = _lc_store_prepare (store, "DELETE FROM pending_orders WHERE source = ? AND order_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, h->order_id, -1, SQLITE_TRANSIENT);
  return _lc_store_step_done (store, stmt, error);
}

/* Writes every order of the source whose header and priced lines are
 * both in. They are gathered first: the pending tables change as each is
 * written. */
static gboolean
complete_orders (Pending  *p,
                 GError  **error)
{
  LcStore *store = p->ctx->store;
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lc_store_prepare (store,
                            "SELECT o.order_id, o.created_utc, o.utc_offset, o.local_day, o.financial_status, "
                            "  o.cancelled, o.customer_hash FROM pending_orders o "
                            "WHERE o.source = ?1 "
                            "  AND EXISTS (SELECT 1 FROM pending_lines l WHERE l.source = ?1 AND l.order_id = o.order_id) "
                            "  AND NOT EXISTS (SELECT 1 FROM pending_lines l WHERE l.source = ?1 AND l.order_id = o.order_id "
                            "                  AND l.price IS NULL) "
                            "ORDER BY o.created_utc, o.order_id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Header *h = g_new0 (Header, 1);

      h->order_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      h->created.utc = sqlite3_column_int64 (stmt, 1);
      h->created.offset = sqlite3_column_int (stmt, 2);
      h->created.local_day = sqlite3_column_int (stmt, 3);
      h->financial_status = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      h->cancelled = sqlite3_column_int (stmt, 5) != 0;
      h->customer_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (headers, h);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  for (guint i = 0; i < headers->len; i++)
    {
      if ((i & 0x1ff) == 0x1ff && !_lc_import_tick (p->ctx, error))
        return FALSE;
      if (!write_order (p, g_ptr_array_index (headers, i), error))
        return FALSE;
    }
  return TRUE;
}

/* How many of the file's orders wait for their other half. */
static gint64
count_waiting (Pending *p)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  stmt = _lc_store_prepare (p->ctx->store,
                            "SELECT count(*) FROM (SELECT order_id FROM pending_orders WHERE source = ?1 AND import_id = ?2 "
                            "UNION SELECT order_id FROM pending_lines WHERE source = ?1 AND import_id = ?2)",
                            NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, p->source, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, p->ctx->import_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static void
warn_waiting (Pending *p)
{
  LcImportFileResult *result = p->ctx->result;
  g_autofree char *orders = lc_display_count (result->pending_orders);
  g_autofree char *units = lc_display_count (result->units_read);
  g_autofree char *message = NULL;

  if (result->pending_orders == 0)
    return;
  switch (p->kind)
    {
    case LC_IMPORT_KIND_OLIST_ORDERS:
      message = g_strdup_printf (ngettext ("%s order was kept without its items. It counts once Olist’s order items file "
                                           "(olist_order_items_dataset.csv) is imported; until then it is not in order "
                                           "value or items per order.",
                                           "%s orders were kept without their items. They count once Olist’s order items "
                                           "file (olist_order_items_dataset.csv) is imported; until then they are not in "
                                           "order value or items per order.",
                                           (gulong) result->pending_orders),
                                 orders);
      break;
    case LC_IMPORT_KIND_OLIST_ORDER_ITEMS:
      message = g_strdup_printf (ngettext ("The items of %s order were kept without the order’s date. It counts once "
                                           "Olist’s orders file (olist_orders_dataset.csv) is imported; until then it is "
                                           "not in order value or items per order.",
                                           "The items of %s orders were kept without the orders’ dates. They count once "
                                           "Olist’s orders file (olist_orders_dataset.csv) is imported; until then they are "
                                           "not in order value or items per order.",
                                           (gulong) result->pending_orders),
                                 orders);
      break;
    case LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS:
      /* Translators: "10,000 items of 1,003 orders kept. …" */
      message = g_strdup_printf (ngettext ("%s items of %s order kept, so that nothing imported is lost. Instacart’s "
                                           "files have no dates or prices, so this order cannot be in order value or "
                                           "items per order.",
                                           "%s items of %s orders kept, so that nothing imported is lost. Instacart’s "
                                           "files have no dates or prices, so these orders cannot be in order value or "
                                           "items per order.",
                                           (gulong) result->pending_orders),
                                 units, orders);
      break;
    default:
      g_assert_not_reached ();
    }
  _lc_import_warn (p->ctx, message);
}

gboolean
_lc_pending_import (LcImportContext  *ctx,
                    LcImportKind      kind,
                    GError          **error)
{
  static const char * const names[N_COLS] = {
    [COL_ORDER]    = "order_id",
    [COL_CUSTOMER] = "customer_id",
    [COL_STATUS]   = "order_status",
    [COL_DATE]     = "order_purchase_timestamp",
    [COL_PRODUCT]  = "product_id",
    [COL_PRICE]    = "price",
    [COL_FREIGHT]  = "freight_value",
  };
  Pending p = { 0 };
  gboolean ok;

  p.ctx = ctx;
  p.kind = kind;
  p.source = kind == LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS ? SOURCE_INSTACART : SOURCE_OLIST;
  for (guint i = 0; i < N_COLS; i++)
    p.col[i] = names[i] != NULL ? lc_csv_reader_find_column (ctx->reader, names[i]) : -1;
  p.col[COL_POSITION] = lc_csv_reader_find_column (ctx->reader, kind == LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS
                                                                  ? "add_to_cart_order" : "order_item_id");
  p.orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (kind == LC_IMPORT_KIND_OLIST_ORDERS)
    ok = decide_date_order (&p, error) && _lc_import_read_rows (ctx, read_order_header, &p, error);
  else if (kind == LC_IMPORT_KIND_OLIST_ORDER_ITEMS)
    ok = settle_currency (&p, error) && _lc_import_read_rows (ctx, read_line, &p, error);
  else
    ok = _lc_import_read_rows (ctx, read_line, &p, error);

  if (ok && ctx->result->orders_read == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                   _("%s is %s but has nothing in it."), ctx->display_name, lc_import_kind_get_title (kind));
      ok = FALSE;
    }
  if (ok && kind != LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS)
    ok = complete_orders (&p, error);
  if (ok)
    {
      ctx->result->pending_orders = count_waiting (&p);
      warn_waiting (&p);
    }
  if (ok && kind == LC_IMPORT_KIND_OLIST_ORDERS)
    _lc_import_warn (ctx, _("Olist gives every order a customer id of its own (the person behind it is in Olist’s "
                            "customers file, which Liftcheck does not read), so these orders cannot show repeat "
                            "customers: Liftcheck keeps them without a customer."));

  g_hash_table_unref (p.orders);
  return ok;
}
