/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-orders"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-date.h"
#include "lc-import-private.h"
#include "lc-money.h"

/*
 * Shopify's "Export orders" CSV: one row per line item; only the first row
 * of an order carries the order-level columns. Columns are found by name:
 * the export has had 73, 75, 78 and 79 columns over the years.
 */

typedef enum
{
  COL_NAME,
  COL_EMAIL,
  COL_FINANCIAL_STATUS,
  COL_CURRENCY,
  COL_SUBTOTAL,
  COL_SHIPPING,
  COL_TAXES,
  COL_TOTAL,
  COL_DISCOUNT_CODE,
  COL_DISCOUNT_AMOUNT,
  COL_CREATED_AT,
  COL_QUANTITY,
  COL_LINE_NAME,
  COL_LINE_PRICE,
  COL_LINE_COMPARE_AT,
  COL_LINE_SKU,
  COL_LINE_DISCOUNT,
  COL_CANCELLED_AT,
  COL_REFUNDED,
  COL_VENDOR,
  COL_ID,
  COL_TAGS,
  COL_SOURCE,
  N_COLS
} Column;

static const struct
{
  const char *name;
  gboolean    required;
} columns[N_COLS] = {
  [COL_NAME]             = { "Name", TRUE },
  [COL_EMAIL]            = { "Email", FALSE },
  [COL_FINANCIAL_STATUS] = { "Financial Status", TRUE },
  [COL_CURRENCY]         = { "Currency", TRUE },
  [COL_SUBTOTAL]         = { "Subtotal", TRUE },
  [COL_SHIPPING]         = { "Shipping", FALSE },
  [COL_TAXES]            = { "Taxes", FALSE },
  [COL_TOTAL]            = { "Total", TRUE },
  [COL_DISCOUNT_CODE]    = { "Discount Code", FALSE },
  [COL_DISCOUNT_AMOUNT]  = { "Discount Amount", FALSE },
  [COL_CREATED_AT]       = { "Created at", TRUE },
  [COL_QUANTITY]         = { "Lineitem quantity", TRUE },
  [COL_LINE_NAME]        = { "Lineitem name", TRUE },
  [COL_LINE_PRICE]       = { "Lineitem price", TRUE },
  [COL_LINE_COMPARE_AT]  = { "Lineitem compare at price", FALSE },
  [COL_LINE_SKU]         = { "Lineitem sku", FALSE },
  [COL_LINE_DISCOUNT]    = { "Lineitem discount", FALSE },
  [COL_CANCELLED_AT]     = { "Cancelled at", FALSE },
  [COL_REFUNDED]         = { "Refunded Amount", FALSE },
  [COL_VENDOR]           = { "Vendor", FALSE },
  [COL_ID]               = { "Id", FALSE },
  [COL_TAGS]             = { "Tags", FALSE },
  [COL_SOURCE]           = { "Source", FALSE },
};

static const char * const known_statuses[] = {
  "pending", "authorized", "partially_paid", "paid", "partially_refunded",
  "refunded", "voided", "expired",
};

typedef struct
{
  gint64  quantity;
  gint64  price;
  gint64  compare_at;     /* -1 when empty */
  gint64  discount;
  gboolean is_tip;
  char   *name;
  char   *sku;
  char   *vendor;
} Line;

typedef struct
{
  LcImportContext *ctx;
  int              col[N_COLS];

  /* The order being read. */
  gboolean   open;
  gboolean   is_continuation; /* lines for an order written by the previous file */
  guint64    line;            /* where its first row is */
  char      *name;
  char      *source_id;
  char      *financial_status;
  char      *currency;
  char      *discount_code;
  char      *source;
  char      *tags;
  char      *customer_hash;
  LcTimestamp created;
  gboolean   cancelled;
  gint64     cancelled_utc;
  gint64     subtotal;
  gint64     shipping;
  gint64     taxes;
  gint64     total;
  gint64     discount;
  gint64     refunded;
  GArray    *lines;           /* Line */
} Reader;

static void
line_clear (Line *line)
{
  g_free (line->name);
  g_free (line->sku);
  g_free (line->vendor);
}

static void
reader_clear_order (Reader *r)
{
  r->open = FALSE;
  r->is_continuation = FALSE;
  g_clear_pointer (&r->name, g_free);
  g_clear_pointer (&r->source_id, g_free);
  g_clear_pointer (&r->financial_status, g_free);
  g_clear_pointer (&r->currency, g_free);
  g_clear_pointer (&r->discount_code, g_free);
  g_clear_pointer (&r->source, g_free);
  g_clear_pointer (&r->tags, g_free);
  g_clear_pointer (&r->customer_hash, g_free);
  g_array_set_size (r->lines, 0);
}

static const char *
field (Reader *r,
       Column  column)
{
  int index = r->col[column];

  if (index < 0)
    return "";
  return lc_csv_reader_get_field (r->ctx->reader, index);
}

static char *
dup_nonempty (const char *text)
{
  return text[0] != '\0' ? g_strdup (text) : NULL;
}

gboolean
_lc_shopify_orders_header_matches (LcCsvReader *reader)
{
  return lc_csv_reader_find_column (reader, "Name") >= 0 &&
         lc_csv_reader_find_column (reader, "Lineitem quantity") >= 0 &&
         lc_csv_reader_find_column (reader, "Lineitem name") >= 0;
}

static void
set_value_error (Reader      *r,
                 Column       column,
                 const char  *detail,
                 GError     **error)
{
  g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
               /* TRANSLATORS: "orders.csv, line 12, column “Total”: <what is wrong>" */
               _("%s, line %lu, column “%s”: %s"),
               r->ctx->display_name, (gulong) lc_csv_reader_get_line (r->ctx->reader),
               columns[column].name, detail);
}

static gboolean
parse_money (Reader     *r,
             Column      column,
             gboolean    required,
             gint64     *out,
             GError    **error)
{
  const char *text = field (r, column);
  g_autoptr(GError) local_error = NULL;

  if (text[0] == '\0')
    {
      if (required)
        {
          set_value_error (r, column, _("the amount is missing; every order’s first row needs one"), error);
          return FALSE;
        }
      *out = 0;
      return TRUE;
    }
  if (!lc_money_parse (text, lc_store_get_exponent (r->ctx->store), out, &local_error))
    {
      set_value_error (r, column, local_error->message, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_quantity (Reader   *r,
                gint64   *out,
                GError  **error)
{
  const char *text = field (r, COL_QUANTITY);
  char *end = NULL;
  double value;

  /* Spreadsheet re-saves may write "2.0". */
  value = g_ascii_strtod (text, &end);
  while (end != NULL && *end == ' ')
    end++;
  if (text[0] == '\0' || end == NULL || *end != '\0' || value < 0 || value > 1e9 ||
      value != (double) (gint64) value)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a quantity; expected a whole number such as 1 or 2"), text);

      set_value_error (r, COL_QUANTITY, detail, error);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

static gboolean
parse_timestamp (Reader      *r,
                 Column       column,
                 LcTimestamp *out,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!lc_timestamp_parse (field (r, column), out, &local_error))
    {
      set_value_error (r, column, local_error->message, error);
      return FALSE;
    }
  return TRUE;
}

static char *
hash_customer (Reader     *r,
               const char *email)
{
  g_autofree char *folded = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  const char *salt = _lc_store_get_salt (r->ctx->store);
  char *digest;

  folded = g_utf8_strdown (email, -1);
  g_strstrip (folded);
  if (folded[0] == '\0')
    return NULL;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) salt, strlen (salt));
  g_checksum_update (checksum, (const guchar *) folded, strlen (folded));
  /* Half the digest is plenty to tell customers apart. */
  digest = g_strndup (g_checksum_get_string (checksum), 32);
  return digest;
}

static gboolean
check_currency (Reader      *r,
                GError     **error)
{
  const char *store_currency = lc_store_get_currency (r->ctx->store);
  g_autofree char *currency = g_ascii_strup (field (r, COL_CURRENCY), -1);

  g_strstrip (currency);
  if (strlen (currency) != 3)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a currency; expected a three-letter code such as USD or EUR"),
                                                 field (r, COL_CURRENCY));

      set_value_error (r, COL_CURRENCY, detail, error);
      return FALSE;
    }
  if (store_currency == NULL)
    {
      if (!_lc_store_set_currency (r->ctx->store, currency, error))
        return FALSE;
    }
  else if (!g_str_equal (store_currency, currency))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH,
                   _("%s, line %lu: this order is in %s, but the store holds orders in %s. "
                     "Keep each currency in its own store file, so that no amounts are mixed."),
                   r->ctx->display_name, (gulong) lc_csv_reader_get_line (r->ctx->reader),
                   currency, store_currency);
      return FALSE;
    }
  r->currency = g_steal_pointer (&currency);
  return TRUE;
}

static gboolean
is_abandoned_checkout (Reader *r)
{
  const char *name = field (r, COL_NAME);
  const char *id = field (r, COL_ID);

  /* An abandoned checkout is named after its checkout id and has no
   * payment status: no order ever existed. */
  return field (r, COL_FINANCIAL_STATUS)[0] == '\0' && name[0] == '#' && id[0] != '\0' &&
         g_str_equal (name + 1, id);
}

static gboolean
start_order (Reader  *r,
             GError **error)
{
  LcImportContext *ctx = r->ctx;
  const char *status;
  const char *cancelled_at;
  const char *id;

  if (is_abandoned_checkout (r))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                   _("%s is a Shopify abandoned-checkouts export, not an orders export: "
                     "its rows are carts that were never bought, so they cannot be counted as orders. "
                     "In Shopify admin, open Orders (not Abandoned checkouts), choose Export, "
                     "and import that file instead."),
                   ctx->display_name);
      ctx->result->kind = LC_IMPORT_KIND_SHOPIFY_ABANDONED_CHECKOUTS;
      return FALSE;
    }

  r->open = TRUE;
  r->line = lc_csv_reader_get_line (ctx->reader);
  r->name = g_strdup (field (r, COL_NAME));
  if (r->name[0] == '\0')
    {
      set_value_error (r, COL_NAME, _("the order name is missing"), error);
      return FALSE;
    }

  id = field (r, COL_ID);
  r->source_id = id[0] != '\0' ? g_strconcat ("shopify:", id, NULL) : g_strconcat ("shopify-name:", r->name, NULL);

  status = field (r, COL_FINANCIAL_STATUS);
  if (status[0] == '\0')
    {
      set_value_error (r, COL_FINANCIAL_STATUS, _("the payment status is missing on the order’s first row"), error);
      return FALSE;
    }
  r->financial_status = g_ascii_strdown (status, -1);
  if (!g_strv_contains (known_statuses, r->financial_status))
    {
      g_autofree char *message = g_strdup_printf (_("Line %lu has the payment status “%s”, which Liftcheck does not know; such orders were counted like paid ones."),
                                                  (gulong) r->line, status);

      _lc_import_warn (ctx, message);
    }

  if (!check_currency (r, error) ||
      !parse_timestamp (r, COL_CREATED_AT, &r->created, error) ||
      !parse_money (r, COL_SUBTOTAL, TRUE, &r->subtotal, error) ||
      !parse_money (r, COL_TOTAL, TRUE, &r->total, error) ||
      !parse_money (r, COL_SHIPPING, FALSE, &r->shipping, error) ||
      !parse_money (r, COL_TAXES, FALSE, &r->taxes, error) ||
      !parse_money (r, COL_DISCOUNT_AMOUNT, FALSE, &r->discount, error) ||
      !parse_money (r, COL_REFUNDED, FALSE, &r->refunded, error))
    return FALSE;

  cancelled_at = field (r, COL_CANCELLED_AT);
  r->cancelled = cancelled_at[0] != '\0';
  if (r->cancelled)
    {
      LcTimestamp when;

      if (!parse_timestamp (r, COL_CANCELLED_AT, &when, error))
        return FALSE;
      r->cancelled_utc = when.utc;
    }

  r->discount_code = dup_nonempty (field (r, COL_DISCOUNT_CODE));
  r->source = dup_nonempty (field (r, COL_SOURCE));
  r->tags = dup_nonempty (field (r, COL_TAGS));
  r->customer_hash = hash_customer (r, field (r, COL_EMAIL));
  return TRUE;
}

static gboolean
add_line (Reader  *r,
          GError **error)
{
  Line line = { 0 };
  const char *name = field (r, COL_LINE_NAME);
  const char *sku = field (r, COL_LINE_SKU);

  if (!parse_quantity (r, &line.quantity, error) ||
      !parse_money (r, COL_LINE_PRICE, TRUE, &line.price, error) ||
      !parse_money (r, COL_LINE_DISCOUNT, FALSE, &line.discount, error))
    return FALSE;
  if (field (r, COL_LINE_COMPARE_AT)[0] == '\0')
    line.compare_at = -1;
  else if (!parse_money (r, COL_LINE_COMPARE_AT, FALSE, &line.compare_at, error))
    return FALSE;

  /* Tips are money for staff, not goods: they stay out of units. */
  line.is_tip = g_str_equal (name, "Tip") && sku[0] == '\0';
  line.name = g_strdup (name);
  line.sku = dup_nonempty (sku);
  line.vendor = dup_nonempty (field (r, COL_VENDOR));
  g_array_append_val (r->lines, line);
  return TRUE;
}

static gint64
count_units (Reader *r)
{
  gint64 units = 0;

  for (guint i = 0; i < r->lines->len; i++)
    {
      Line *line = &g_array_index (r->lines, Line, i);

      if (!line->is_tip)
        units += line->quantity;
    }
  return units;
}

static gboolean
step_done (Reader        *r,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _lc_store_set_error (r->ctx->store, error);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
write_lines (Reader  *r,
             gint64   order_rowid,
             int      first_position,
             GError **error)
{
  sqlite3_stmt *stmt;

  stmt = _lc_store_prepare (r->ctx->store,
                            "INSERT INTO line_items (order_id, position, quantity, name, product, variant, sku, "
                            "price, compare_at_price, discount, vendor, is_tip) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < r->lines->len; i++)
    {
      Line *line = &g_array_index (r->lines, Line, i);
      /* Shopify names a variant "Product - Variant"; the product title itself
       * may contain " - ", so the variant is what follows the last one. */
      const char *dash = g_strrstr (line->name, " - ");

      sqlite3_bind_int64 (stmt, 1, order_rowid);
      sqlite3_bind_int (stmt, 2, first_position + (int) i);
      sqlite3_bind_int64 (stmt, 3, line->quantity);
      sqlite3_bind_text (stmt, 4, line->name, -1, SQLITE_STATIC);
      if (dash != NULL && dash != line->name)
        {
          sqlite3_bind_text (stmt, 5, line->name, dash - line->name, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, dash + 3, -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_text (stmt, 5, line->name, -1, SQLITE_STATIC);
          sqlite3_bind_null (stmt, 6);
        }
      bind_text_or_null (stmt, 7, line->sku);
      sqlite3_bind_int64 (stmt, 8, line->price);
      if (line->compare_at >= 0)
        sqlite3_bind_int64 (stmt, 9, line->compare_at);
      else
        sqlite3_bind_null (stmt, 9);
      sqlite3_bind_int64 (stmt, 10, line->discount);
      bind_text_or_null (stmt, 11, line->vendor);
      sqlite3_bind_int (stmt, 12, line->is_tip);
      if (!step_done (r, stmt, error))
        return FALSE;
      sqlite3_clear_bindings (stmt);
    }
  return TRUE;
}

static gboolean
flush_continuation (Reader  *r,
                    GError **error)
{
  LcImportContext *ctx = r->ctx;
  sqlite3_stmt *stmt;

  if (!write_lines (r, ctx->last_order_rowid, ctx->last_order_next_position, error))
    return FALSE;
  ctx->last_order_next_position += r->lines->len;

  stmt = _lc_store_prepare (ctx->store, "UPDATE orders SET units = units + ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, count_units (r));
  sqlite3_bind_int64 (stmt, 2, ctx->last_order_rowid);
  if (!step_done (r, stmt, error))
    return FALSE;
  ctx->result->line_items += r->lines->len;
  reader_clear_order (r);
  return TRUE;
}

static gboolean
flush_order (Reader  *r,
             GError **error)
{
  LcImportContext *ctx = r->ctx;
  sqlite3_stmt *stmt;
  gint64 rowid = -1;
  gboolean counted;

  if (!r->open)
    return TRUE;
  if (r->is_continuation)
    return flush_continuation (r, error);

  stmt = _lc_store_prepare (ctx->store, "SELECT id FROM orders WHERE source_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->source_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rowid >= 0)
    {
      stmt = _lc_store_prepare (ctx->store, "DELETE FROM line_items WHERE order_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (!step_done (r, stmt, error))
        return FALSE;
      stmt = _lc_store_prepare (ctx->store,
                                "UPDATE orders SET name = ?2, created_utc = ?3, utc_offset = ?4, local_day = ?5, "
                                "financial_status = ?6, cancelled_utc = ?7, counted = ?8, subtotal = ?9, "
                                "shipping = ?10, taxes = ?11, total = ?12, discount = ?13, discount_code = ?14, "
                                "refunded = ?15, units = ?16, source = ?17, tags = ?18, customer_hash = ?19, "
                                "import_id = ?20 WHERE id = ?1",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
    }
  else
    {
      stmt = _lc_store_prepare (ctx->store,
                                "INSERT INTO orders (source_id, name, created_utc, utc_offset, local_day, "
                                "financial_status, cancelled_utc, counted, subtotal, shipping, taxes, total, "
                                "discount, discount_code, refunded, units, source, tags, customer_hash, import_id) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                                "?17, ?18, ?19, ?20)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, r->source_id, -1, SQLITE_STATIC);
    }

  counted = !r->cancelled && !g_str_equal (r->financial_status, "voided");
  sqlite3_bind_text (stmt, 2, r->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, r->created.utc);
  sqlite3_bind_int (stmt, 4, r->created.offset);
  sqlite3_bind_int (stmt, 5, r->created.local_day);
  sqlite3_bind_text (stmt, 6, r->financial_status, -1, SQLITE_STATIC);
  if (r->cancelled)
    sqlite3_bind_int64 (stmt, 7, r->cancelled_utc);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, counted);
  sqlite3_bind_int64 (stmt, 9, r->subtotal);
  sqlite3_bind_int64 (stmt, 10, r->shipping);
  sqlite3_bind_int64 (stmt, 11, r->taxes);
  sqlite3_bind_int64 (stmt, 12, r->total);
  sqlite3_bind_int64 (stmt, 13, r->discount);
  bind_text_or_null (stmt, 14, r->discount_code);
  sqlite3_bind_int64 (stmt, 15, r->refunded);
  sqlite3_bind_int64 (stmt, 16, count_units (r));
  bind_text_or_null (stmt, 17, r->source);
  bind_text_or_null (stmt, 18, r->tags);
  bind_text_or_null (stmt, 19, r->customer_hash);
  sqlite3_bind_int64 (stmt, 20, ctx->import_id);
  if (!step_done (r, stmt, error))
    return FALSE;
  if (rowid < 0)
    {
      rowid = sqlite3_last_insert_rowid (_lc_store_get_db (ctx->store));
      ctx->result->orders_added++;
    }
  else
    {
      ctx->result->orders_updated++;
    }

  if (!write_lines (r, rowid, 0, error))
    return FALSE;

  ctx->result->line_items += r->lines->len;

  g_free (ctx->last_order_name);
  ctx->last_order_name = g_strdup (r->name);
  ctx->last_order_rowid = rowid;
  ctx->last_order_next_position = r->lines->len;
  reader_clear_order (r);
  return TRUE;
}

static gboolean
check_columns (Reader  *r,
               GError **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  for (guint i = 0; i < N_COLS; i++)
    {
      r->col[i] = lc_csv_reader_find_column (r->ctx->reader, columns[i].name);
      if (r->col[i] < 0 && columns[i].required)
        {
          if (n_missing++ > 0)
            g_string_append (missing, ", ");
          g_string_append_printf (missing, "“%s”", columns[i].name);
        }
    }
  if (n_missing > 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s, line 1: this Shopify orders export has no %s column, which Liftcheck needs. "
                                "Export the orders again from Shopify admin without removing columns.",
                                "%s, line 1: this Shopify orders export lacks the columns %s, which Liftcheck needs. "
                                "Export the orders again from Shopify admin without removing columns.",
                                n_missing),
                   r->ctx->display_name, missing->str);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_first_row (Reader *r)
{
  return field (r, COL_FINANCIAL_STATUS)[0] != '\0' ||
         field (r, COL_CURRENCY)[0] != '\0' ||
         field (r, COL_TOTAL)[0] != '\0';
}

static gboolean
read_row (Reader  *r,
          gboolean first_order_of_file,
          GError **error)
{
  LcImportContext *ctx = r->ctx;
  const char *name = field (r, COL_NAME);

  if (is_first_row (r))
    {
      if (!flush_order (r, error))
        return FALSE;
      if (!start_order (r, error))
        return FALSE;
      return add_line (r, error);
    }

  if (r->open && g_str_equal (name, r->name))
    return add_line (r, error);

  /* A row without order-level columns that does not follow its order's
   * first row: the first part of a split export ends inside this order. */
  if (!r->open && first_order_of_file && ctx->last_order_name != NULL &&
      g_str_equal (name, ctx->last_order_name))
    {
      r->open = TRUE;
      r->is_continuation = TRUE;
      r->name = g_strdup (name);
      return add_line (r, error);
    }

  g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_ORPHAN_LINE,
               _("%s, line %lu: this line item belongs to order %s, but the order’s first row "
                 "(with its totals and payment status) is not before it. If the export was split into several "
                 "files, import them together."),
               ctx->display_name, (gulong) lc_csv_reader_get_line (ctx->reader), name);
  return FALSE;
}

static gboolean
read_next_row (gpointer   data,
               GError   **error)
{
  Reader *r = data;

  return read_row (r, r->ctx->result->rows == 1, error);
}

gboolean
_lc_shopify_orders_import (LcImportContext  *ctx,
                           GError          **error)
{
  Reader r = { 0 };
  gboolean ok = TRUE;

  r.ctx = ctx;
  r.lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (r.lines, (GDestroyNotify) line_clear);

  if (!check_columns (&r, error))
    ok = FALSE;

  if (ok)
    ok = _lc_import_read_rows (ctx, read_next_row, &r, error);
  if (ok && ctx->result->rows == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                   _("%s has the columns of a Shopify orders export but no orders."),
                   ctx->display_name);
      ok = FALSE;
    }
  if (ok)
    ok = flush_order (&r, error);

  reader_clear_order (&r);
  g_array_unref (r.lines);
  return ok;
}
