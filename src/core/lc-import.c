/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lc-catalogue-private.h"
#include "lc-import-private.h"
#include "lc-mapping-private.h"
#include "lc-pending-private.h"
#include "lc-sha256-private.h"
#include "lc-thread.h"

G_DEFINE_QUARK (lc-import-error-quark, lc_import_error)

/* Report progress at least this often, at most this often. */
#define PROGRESS_INTERVAL_US (50 * 1000)

/* Tests make it 0, to see every report a small file makes. */
static gint64 progress_interval_us = PROGRESS_INTERVAL_US;

void
_lc_import_set_progress_interval (gint64 interval_us)
{
  progress_interval_us = interval_us;
}
/* SQLite's page cache while importing, in KiB. */
#define IMPORT_CACHE_KIB 32768

const char *
lc_import_kind_to_string (LcImportKind kind)
{
  switch (kind)
    {
    case LC_IMPORT_KIND_SHOPIFY_ORDERS:
      return "shopify-orders";
    case LC_IMPORT_KIND_SHOPIFY_ABANDONED_CHECKOUTS:
      return "shopify-abandoned-checkouts";
    case LC_IMPORT_KIND_SHOPIFY_SESSIONS:
      return "shopify-sessions";
    case LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT:
      return "shopify-sales-by-variant";
    case LC_IMPORT_KIND_SHOPIFY_SALES_BY_PRODUCT:
      return "shopify-sales-by-product";
    case LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS:
      return "klaviyo-campaigns";
    case LC_IMPORT_KIND_SHOPIFY_PRODUCTS:
      return "shopify-products";
    case LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS:
      return "woocommerce-analytics-orders";
    case LC_IMPORT_KIND_WOOCOMMERCE_ORDERS:
      return "woocommerce-orders";
    case LC_IMPORT_KIND_BIGCOMMERCE_ORDERS:
      return "bigcommerce-orders";
    case LC_IMPORT_KIND_TRANSACTIONS:
      return "transactions";
    case LC_IMPORT_KIND_MAPPED:
      return "mapped-orders";
    case LC_IMPORT_KIND_OLIST_PRODUCTS:
      return "olist-products";
    case LC_IMPORT_KIND_INSTACART_PRODUCTS:
      return "instacart-products";
    case LC_IMPORT_KIND_INSTACART_AISLES:
      return "instacart-aisles";
    case LC_IMPORT_KIND_INSTACART_DEPARTMENTS:
      return "instacart-departments";
    case LC_IMPORT_KIND_OLIST_ORDERS:
      return "olist-orders";
    case LC_IMPORT_KIND_OLIST_ORDER_ITEMS:
      return "olist-order-items";
    case LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS:
      return "instacart-order-products";
    case LC_IMPORT_KIND_UNKNOWN:
    default:
      return "unknown";
    }
}

const char *
lc_import_kind_get_title (LcImportKind kind)
{
  switch (kind)
    {
    case LC_IMPORT_KIND_SHOPIFY_ORDERS:
      return _("a Shopify orders export");
    case LC_IMPORT_KIND_SHOPIFY_ABANDONED_CHECKOUTS:
      return _("a Shopify abandoned-checkouts export");
    case LC_IMPORT_KIND_SHOPIFY_SESSIONS:
      return _("a Shopify sessions report");
    case LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT:
      return _("a Shopify sales by product variant report");
    case LC_IMPORT_KIND_SHOPIFY_SALES_BY_PRODUCT:
      return _("a Shopify sales by product report");
    case LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS:
      return _("a Klaviyo campaign report");
    case LC_IMPORT_KIND_SHOPIFY_PRODUCTS:
      return _("a Shopify products export");
    case LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS:
      return _("a WooCommerce Analytics orders download");
    case LC_IMPORT_KIND_WOOCOMMERCE_ORDERS:
      return _("a WooCommerce orders export");
    case LC_IMPORT_KIND_BIGCOMMERCE_ORDERS:
      return _("a BigCommerce orders export");
    case LC_IMPORT_KIND_TRANSACTIONS:
      return _("a list of sales transactions");
    case LC_IMPORT_KIND_MAPPED:
      return _("an orders file read with a column mapping");
    case LC_IMPORT_KIND_OLIST_PRODUCTS:
      return _("an Olist products list");
    case LC_IMPORT_KIND_INSTACART_PRODUCTS:
      return _("an Instacart products list");
    case LC_IMPORT_KIND_INSTACART_AISLES:
      return _("an Instacart aisles list");
    case LC_IMPORT_KIND_INSTACART_DEPARTMENTS:
      return _("an Instacart departments list");
    case LC_IMPORT_KIND_OLIST_ORDERS:
      return _("an Olist orders list");
    case LC_IMPORT_KIND_OLIST_ORDER_ITEMS:
      return _("an Olist order items list");
    case LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS:
      return _("an Instacart order products list");
    case LC_IMPORT_KIND_UNKNOWN:
    default:
      return _("an unknown file");
    }
}

static void
lc_import_file_result_free (LcImportFileResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

void
lc_import_result_free (LcImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->files, g_ptr_array_unref);
  g_free (result);
}

gboolean
_lc_import_tick (LcImportContext  *ctx,
                 GError          **error)
{
  guint64 bytes = lc_csv_reader_get_bytes_read (ctx->reader);

  if (ctx->first_pass_bytes > 0)
    bytes = (ctx->first_pass_bytes + bytes) / 2;
  return _lc_import_report (ctx, bytes, error);
}

gboolean
_lc_import_report (LcImportContext  *ctx,
                   guint64           file_bytes,
                   GError          **error)
{
  gint64 now;

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;
  if (ctx->progress == NULL || ctx->bytes_total == 0)
    return TRUE;

  now = g_get_monotonic_time ();
  if (now - ctx->last_progress_us >= progress_interval_us)
    {
      guint64 done = ctx->bytes_done + file_bytes;

      ctx->last_progress_us = now;
      ctx->progress (MIN (1.0, (double) done / (double) ctx->bytes_total), ctx->progress_data);
    }
  return TRUE;
}

gboolean
_lc_import_read_rows (LcImportContext  *ctx,
                      LcImportRowFunc   row_func,
                      gpointer          data,
                      GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  while (lc_csv_reader_next (ctx->reader, ctx->cancellable, &local_error))
    {
      ctx->result->rows++;
      if ((ctx->result->rows & 0x1ff) == 0 && !_lc_import_tick (ctx, error))
        return FALSE;
      if (!row_func (data, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

LcOrderWriter *
_lc_import_get_order_writer (LcImportContext  *ctx,
                             GError          **error)
{
  if (ctx->order_writer == NULL)
    ctx->order_writer = _lc_order_writer_new (ctx->store, error);
  if (ctx->order_writer != NULL)
    _lc_order_writer_set_import_id (ctx->order_writer, ctx->import_id);
  return ctx->order_writer;
}

gboolean
_lc_import_take_currency (LcImportContext  *ctx,
                          const char       *code,
                          GError          **error)
{
  const char *store_currency = lc_store_get_currency (ctx->store);

  if (store_currency != NULL && !g_str_equal (store_currency, code))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH,
                   _("%s: its amounts are in %s, but the store holds orders in %s. "
                     "Keep each currency in its own store file, so that no amounts are mixed."),
                   ctx->display_name, code, store_currency);
      return FALSE;
    }
  return store_currency != NULL || _lc_store_set_currency (ctx->store, code, error);
}

gboolean
_lc_import_has_columns (LcCsvReader        *reader,
                        const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (lc_csv_reader_find_column (reader, names[i]) < 0)
      return FALSE;
  return TRUE;
}

void
_lc_import_warn (LcImportContext *ctx,
                 const char      *message)
{
  GPtrArray *warnings = ctx->result->warnings;

  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (warnings, i), message))
      return;
  g_ptr_array_add (warnings, g_strdup (message));
}

gboolean
_lc_import_decide_date_order (LcImportContext  *ctx,
                              LcCsvReader      *reader,
                              int               column,
                              LcDateColumn     *dates,
                              LcDateOrder      *order,
                              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *warning = NULL;

  if (lc_date_column_get_n_values (dates) == 0)
    return TRUE;
  if (!lc_date_column_decide (dates, ctx->display_name, lc_csv_reader_get_column_name (reader, column),
                              order, &warning, &local_error))
    {
      g_set_error_literal (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE, local_error->message);
      return FALSE;
    }
  if (warning != NULL)
    _lc_import_warn (ctx, warning);
  return TRUE;
}

gboolean
_lc_import_hash_customer (LcStore    *store,
                          const char *text,
                          GString    *scratch,
                          char        out[33])
{
  const char *salt = _lc_store_get_salt (store);
  const char *start = text;
  const char *end = text + strlen (text);
  gboolean ascii = TRUE;
  LcSha256 sha256;

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (start == end)
    return FALSE;
  for (const char *p = start; p < end; p++)
    ascii = ascii && (guchar) *p < 0x80;

  g_string_truncate (scratch, 0);
  if (ascii)
    {
      for (const char *p = start; p < end; p++)
        g_string_append_c (scratch, g_ascii_tolower (*p));
    }
  else
    {
      g_autofree char *folded = g_utf8_strdown (text, -1);

      g_string_append (scratch, g_strstrip (folded));
    }
  lc_sha256_init (&sha256);
  lc_sha256_update (&sha256, salt, strlen (salt));
  lc_sha256_update (&sha256, scratch->str, scratch->len);
  /* Half the digest is plenty to tell customers apart. */
  lc_sha256_finish_hex (&sha256, out, 32);
  return TRUE;
}

static gboolean
is_comparison_name (const char *name)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return strstr (folded, "(previous") != NULL;
}

static gboolean
same_trimmed (const char *a,
              const char *b)
{
  g_autofree char *ta = g_strstrip (g_strdup (a));
  g_autofree char *tb = g_strstrip (g_strdup (b));

  return g_str_equal (ta, tb);
}

int
_lc_import_find_column (LcCsvReader *reader,
                        const char  *name)
{
  guint n = lc_csv_reader_get_n_columns (reader);
  int found = -1;

  for (guint i = 0; i < n; i++)
    {
      const char *column = lc_csv_reader_get_column_name (reader, i);

      if (is_comparison_name (column) || !same_trimmed (column, name))
        continue;
      /* Of "Sessions" and "Sessions ", the exact name is the report's own. */
      if (g_str_equal (column, name))
        return i;
      if (found < 0)
        found = i;
    }
  return found;
}

gboolean
_lc_import_has_comparison (LcCsvReader *reader)
{
  guint n = lc_csv_reader_get_n_columns (reader);
  /* A set of trimmed names, not a pairwise comparison: a header may have
   * up to the reader's limit of columns. */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *column = lc_csv_reader_get_column_name (reader, i);
      char *trimmed;

      if (is_comparison_name (column))
        return TRUE;
      trimmed = g_strstrip (g_strdup (column));
      if (!g_hash_table_add (seen, trimmed))
        return TRUE;
    }
  return FALSE;
}

void
_lc_import_set_value_error (LcImportContext  *ctx,
                            const char       *column,
                            const char       *detail,
                            GError          **error)
{
  g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
               /* TRANSLATORS: "orders.csv, line 12, column “Total”: <what is wrong>" */
               _("%s, line %lu, column “%s”: %s"),
               ctx->display_name, (gulong) lc_csv_reader_get_line (ctx->reader),
               column, detail);
}

gboolean
_lc_import_parse_count (const char *text,
                        gboolean    allow_negative,
                        gint64     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;
  gboolean negative = FALSE;
  guint64 value = 0;
  guint digits = 0;    /* in the current group */
  gboolean grouped = FALSE;

  if (*p == '-' && allow_negative)
    {
      negative = TRUE;
      p++;
    }
  for (; *p != '\0' && *p != '.'; p++)
    {
      if (*p == ',')
        {
          /* "1,234": every group after the first has three digits. */
          if (digits == 0 || (grouped && digits != 3) || (!grouped && digits > 3))
            return FALSE;
          grouped = TRUE;
          digits = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p) || value > G_MAXINT64 / 10)
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
      digits++;
    }
  if (digits == 0 || (grouped && digits != 3) || value > G_MAXINT64)
    return FALSE;
  /* Spreadsheets write whole numbers as "12.0". */
  if (*p == '.')
    {
      p++;
      if (*p == '\0')
        return FALSE;
      for (; *p == '0'; p++)
        ;
      if (*p != '\0')
        return FALSE;
    }
  *out = negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

/* "orders_export_2.csv" -> prefix "orders_export", part 2. Shopify splits
 * large exports into numbered parts that must be read in order, because an
 * order's rows may continue in the next part. */
static gboolean
split_part (const char  *path,
            char       **prefix,
            guint64     *part)
{
  g_autofree char *base = g_path_get_basename (path);
  char *underscore = strrchr (base, '_');
  char *dot = strrchr (base, '.');
  char *end = NULL;

  if (underscore == NULL || dot == NULL || dot < underscore || dot == underscore + 1 ||
      g_ascii_strcasecmp (dot, ".csv") != 0)
    return FALSE;
  *part = g_ascii_strtoull (underscore + 1, &end, 10);
  if (end != dot)
    return FALSE;
  {
    g_autofree char *dir = g_path_get_dirname (path);

    *underscore = '\0';
    *prefix = g_build_filename (dir, base, NULL);
  }
  return TRUE;
}

typedef struct
{
  const char *path;
  char       *prefix;   /* NULL when not a numbered part */
  guint64     part;
  guint       position; /* where the file was given */
  guint       group;    /* position of the first file of its split set */
} OrderedPath;

static int
compare_ordered_paths (gconstpointer a,
                       gconstpointer b)
{
  const OrderedPath *pa = a;
  const OrderedPath *pb = b;

  if (pa->group != pb->group)
    return pa->group < pb->group ? -1 : 1;
  if (pa->part != pb->part)
    return pa->part < pb->part ? -1 : 1;
  return pa->position < pb->position ? -1 : (pa->position > pb->position);
}

static GPtrArray *
order_paths (const char * const *paths)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (OrderedPath));
  GPtrArray *ordered = g_ptr_array_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      OrderedPath item = { paths[i], NULL, 0, i, i };

      if (split_part (paths[i], &item.prefix, &item.part))
        {
          for (guint j = 0; j < items->len; j++)
            {
              OrderedPath *other = &g_array_index (items, OrderedPath, j);

              if (other->prefix != NULL && g_str_equal (other->prefix, item.prefix))
                {
                  item.group = other->group;
                  break;
                }
            }
        }
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_ordered_paths);
  for (guint i = 0; i < items->len; i++)
    {
      OrderedPath *item = &g_array_index (items, OrderedPath, i);

      g_ptr_array_add (ordered, (gpointer) item->path);
      g_free (item->prefix);
    }
  return ordered;
}

static gboolean
open_log_entry (LcImportContext  *ctx,
                LcImportKind      kind,
                GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _lc_store_prepare (ctx->store,
                            "INSERT INTO imports (file_name, sha256, kind, rows, orders_added, orders_updated, imported_utc) "
                            "VALUES (?, '', ?, 0, 0, 0, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lc_import_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      _lc_store_set_error (ctx->store, error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  ctx->import_id = sqlite3_last_insert_rowid (_lc_store_get_db (ctx->store));
  return TRUE;
}

static gboolean
close_log_entry (LcImportContext  *ctx,
                 GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lc_store_prepare (ctx->store,
                            "UPDATE imports SET sha256 = ?, rows = ?, orders_added = ?, orders_updated = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lc_csv_reader_get_sha256 (ctx->reader), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, ctx->result->rows);
  sqlite3_bind_int64 (stmt, 3, ctx->result->orders_added);
  sqlite3_bind_int64 (stmt, 4, ctx->result->orders_updated);
  sqlite3_bind_int64 (stmt, 5, ctx->import_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (ctx->store, error);
      return FALSE;
    }
  return TRUE;
}

static void
warn_if_seen_before (LcImportContext *ctx)
{
  sqlite3_stmt *stmt;

  stmt = _lc_store_prepare (ctx->store,
                            "SELECT imported_utc FROM imports WHERE sha256 = ? AND id <> ? ORDER BY id LIMIT 1",
                            NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, lc_csv_reader_get_sha256 (ctx->reader), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, ctx->import_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 0));
      g_autofree char *date = g_date_time_format (when, "%x");
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is a date */
      if (_lc_import_kind_has_orders (ctx->result->kind))
        message = g_strdup_printf (_("This file was already imported on %s; its orders were updated, not added twice."), date);
      else
        message = g_strdup_printf (_("This file was already imported on %s; its figures were replaced, not added twice."), date);
      _lc_import_warn (ctx, message);
    }
  sqlite3_reset (stmt);
}

gboolean
lc_import_kind_is_mapped (LcImportKind kind)
{
  return kind == LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS || kind == LC_IMPORT_KIND_WOOCOMMERCE_ORDERS ||
         kind == LC_IMPORT_KIND_BIGCOMMERCE_ORDERS || kind == LC_IMPORT_KIND_TRANSACTIONS ||
         kind == LC_IMPORT_KIND_MAPPED;
}

gboolean
_lc_import_kind_has_orders (LcImportKind kind)
{
  return kind == LC_IMPORT_KIND_SHOPIFY_ORDERS || lc_import_kind_is_mapped (kind) ||
         _lc_import_kind_is_pending (kind);
}

LcImportKind
_lc_import_detect_kind (LcCsvReader *reader)
{
  LcImportKind kind;

  if (_lc_shopify_orders_header_matches (reader))
    return LC_IMPORT_KIND_SHOPIFY_ORDERS;
  if (_lc_shopify_products_header_matches (reader))
    return LC_IMPORT_KIND_SHOPIFY_PRODUCTS;
  if (_lc_shopify_sessions_header_matches (reader))
    return LC_IMPORT_KIND_SHOPIFY_SESSIONS;
  if (_lc_klaviyo_header_matches (reader))
    return LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS;
  kind = _lc_shopify_sales_detect (reader);
  if (kind != LC_IMPORT_KIND_UNKNOWN)
    return kind;
  kind = _lc_catalogue_detect (reader);
  if (kind != LC_IMPORT_KIND_UNKNOWN)
    return kind;
  kind = _lc_pending_detect (reader);
  if (kind != LC_IMPORT_KIND_UNKNOWN)
    return kind;
  return _lc_mapped_detect (reader);
}

static void
set_unknown_kind_error (LcCsvReader  *reader,
                        GError      **error)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  guint n = lc_csv_reader_get_n_columns (reader);

  for (guint i = 0; i < MIN (n, 4); i++)
    {
      if (i > 0)
        g_string_append (columns, ", ");
      g_string_append_printf (columns, "“%s”", lc_csv_reader_get_column_name (reader, i));
    }
  if (n > 4)
    g_string_append (columns, ", …");

  g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_UNKNOWN_KIND,
               _("%s, line 1: this is not an export Liftcheck can read (its columns are %s). "
                 "Liftcheck reads a Shopify orders export (in Shopify admin: Orders, Export, “Plain CSV file”); "
                 "the Shopify reports “Sessions over time”, “Visitors over time”, “Customer behavior” and "
                 "“Checkout conversion rate over time”, by day, week or month; the Shopify reports "
                 "“Total sales by product variant” and “Total sales by product”; a Shopify products export; "
                 "a Klaviyo campaign report with the column “Total Placed Order Value”; "
                 "WooCommerce orders (the Analytics “Download” of Orders, or an order-export plugin’s file with "
                 "one row per item); a BigCommerce orders export; and sales transaction lists (InvoiceNo, "
                 "StockCode, Quantity, InvoiceDate, UnitPrice); Olist’s and Instacart’s product lists and "
                 "Instacart’s aisles and departments, for product categories; Olist’s orders and order items, and "
                 "Instacart’s order products, kept until each order’s other half is imported. Any other orders file can be read once you say "
                 "which column holds what (a column mapping)."),
               lc_csv_reader_get_display_name (reader), columns->str);
}

static gboolean
import_one (LcImportContext  *ctx,
            const char       *path,
            GError          **error)
{
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(LcMapping) saved = NULL;
  g_autofree char *display_name = g_path_get_basename (path);
  const LcMapping *mapping = ctx->mapping;
  LcImportKind kind;
  gboolean ok = FALSE;

  reader = lc_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  if (!lc_csv_reader_read_header (reader, ctx->cancellable, error))
    return FALSE;

  /* A mapping without columns only tells the date format or currency of
   * files Liftcheck knows. */
  kind = mapping != NULL && lc_mapping_has_columns (mapping) ? LC_IMPORT_KIND_MAPPED : _lc_import_detect_kind (reader);
  if (mapping != NULL && kind != LC_IMPORT_KIND_MAPPED && kind != LC_IMPORT_KIND_UNKNOWN &&
      !lc_import_kind_is_mapped (kind))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                   _("%s is %s; a mapping that names no columns applies only to WooCommerce, BigCommerce and "
                     "transaction-list files. Import it without the mapping."),
                   display_name, lc_import_kind_get_title (kind));
      return FALSE;
    }
  if (kind == LC_IMPORT_KIND_UNKNOWN)
    {
      g_auto(GStrv) columns = _lc_mapping_dup_columns (reader);
      g_autoptr(GError) local_error = NULL;

      /* The owner's mapping for this header, saved by an earlier import. */
      saved = lc_store_find_mapping (ctx->store, (const char * const *) columns, &local_error);
      if (saved != NULL)
        {
          kind = LC_IMPORT_KIND_MAPPED;
          mapping = saved;
        }
      else if (!_lc_mapped_explain_unusable (reader, error))
        {
          set_unknown_kind_error (reader, error);
          return FALSE;
        }
      else
        return FALSE;
    }

  ctx->reader = reader;
  ctx->path = path;
  ctx->display_name = display_name;
  ctx->result->kind = kind;

  if (open_log_entry (ctx, kind, error))
    {
      switch (kind)
        {
        case LC_IMPORT_KIND_SHOPIFY_ORDERS:
          ok = _lc_shopify_orders_import (ctx, error);
          break;
        case LC_IMPORT_KIND_SHOPIFY_SESSIONS:
          ok = _lc_shopify_sessions_import (ctx, error);
          break;
        case LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT:
        case LC_IMPORT_KIND_SHOPIFY_SALES_BY_PRODUCT:
          ok = _lc_shopify_sales_import (ctx, error);
          break;
        case LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS:
          ok = _lc_klaviyo_import (ctx, error);
          break;
        case LC_IMPORT_KIND_SHOPIFY_PRODUCTS:
          ok = _lc_shopify_products_import (ctx, error);
          break;
        case LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS:
        case LC_IMPORT_KIND_WOOCOMMERCE_ORDERS:
        case LC_IMPORT_KIND_BIGCOMMERCE_ORDERS:
        case LC_IMPORT_KIND_TRANSACTIONS:
        case LC_IMPORT_KIND_MAPPED:
          ok = _lc_mapped_import (ctx, kind, mapping, error);
          break;
        case LC_IMPORT_KIND_OLIST_PRODUCTS:
        case LC_IMPORT_KIND_INSTACART_PRODUCTS:
        case LC_IMPORT_KIND_INSTACART_AISLES:
        case LC_IMPORT_KIND_INSTACART_DEPARTMENTS:
          ok = _lc_catalogue_import (ctx, kind, error);
          break;
        case LC_IMPORT_KIND_OLIST_ORDERS:
        case LC_IMPORT_KIND_OLIST_ORDER_ITEMS:
        case LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS:
          ok = _lc_pending_import (ctx, kind, error);
          break;
        case LC_IMPORT_KIND_SHOPIFY_ABANDONED_CHECKOUTS:
        case LC_IMPORT_KIND_UNKNOWN:
        default:
          g_assert_not_reached ();
        }
    }

  if (ok && lc_csv_reader_get_used_fallback (reader))
    _lc_import_warn (ctx, _("Some text was not valid UTF-8 and was read as Windows-1252; check product names for odd characters."));
  if (ok)
    {
      warn_if_seen_before (ctx);
      ok = close_log_entry (ctx, error);
    }

  ctx->bytes_done += lc_csv_reader_get_bytes_read (reader);
  ctx->reader = NULL;
  ctx->first_pass_bytes = 0;
  ctx->display_name = NULL;
  ctx->path = NULL;
  return ok;
}

static void
restore_pragmas (LcStore  *store,
                 gboolean  bulk)
{
  _lc_store_exec (store, "PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000", NULL);
  if (bulk)
    _lc_store_end_bulk (store);
}

LcImportResult *
lc_store_import_files (LcStore               *store,
                       const char * const    *paths,
                       LcImportProgressFunc   progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       GError               **error)
{
  return lc_store_import_files_with_mapping (store, paths, NULL, NULL, progress, progress_data,
                                             cancellable, error);
}

LcImportResult *
lc_store_import_files_with_mapping (LcStore               *store,
                                    const char * const    *paths,
                                    const LcMapping       *mapping,
                                    const char            *currency,
                                    LcImportProgressFunc   progress,
                                    gpointer               progress_data,
                                    GCancellable          *cancellable,
                                    GError               **error)
{
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  LcImportContext ctx = { 0 };
  gboolean ok = TRUE;
  gboolean bulk;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  result = g_new0 (LcImportResult, 1);
  result->files = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_import_file_result_free);
  ordered = order_paths (paths);

  ctx.store = store;
  ctx.mapping = mapping;
  ctx.currency = currency;
  ctx.cancellable = cancellable;
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  for (guint i = 0; i < ordered->len; i++)
    {
      GStatBuf st;

      if (g_stat (g_ptr_array_index (ordered, i), &st) == 0)
        ctx.bytes_total += st.st_size;
    }

  /* A bigger page cache keeps the growing tables' pages in memory rather
   * than spilling them to the write-ahead log and reading them back. It is
   * bounded, so memory stays flat whatever the file size. The log is
   * copied into the store after the commit rather than by it, so that the
   * commit is short: until it, progress keeps coming and Cancel works. */
  bulk = _lc_store_begin_bulk (store);
  if (!_lc_store_exec (store,
                       "PRAGMA cache_size = -" G_STRINGIFY (IMPORT_CACHE_KIB) ";"
                       "PRAGMA wal_autocheckpoint = 0",
                       error))
    {
      restore_pragmas (store, bulk);
      return NULL;
    }

  /* One transaction for the whole call: if any file fails, the store is
   * exactly as it was before, and a split export lands whole. */
  if (!_lc_store_begin (store, error))
    {
      restore_pragmas (store, bulk);
      return NULL;
    }

  for (guint i = 0; ok && i < ordered->len; i++)
    {
      LcImportFileResult *file = g_new0 (LcImportFileResult, 1);

      file->path = g_strdup (g_ptr_array_index (ordered, i));
      file->warnings = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (result->files, file);
      ctx.result = file;
      ok = import_one (&ctx, file->path, error);
      result->orders_added += file->orders_added;
      result->orders_updated += file->orders_updated;
    }

  g_free (ctx.last_order_name);
  if (ok && ctx.order_writer != NULL)
    ok = _lc_order_writer_flush (ctx.order_writer, error);
  g_clear_pointer (&ctx.order_writer, _lc_order_writer_free);
  if (ok)
    ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
  /* The commit still writes the cached pages: one more report first. */
  if (ok && progress != NULL && ctx.bytes_total > 0)
    progress (MIN (1.0, (double) ctx.bytes_done / (double) ctx.bytes_total), progress_data);

  if (!ok)
    {
      _lc_store_rollback (store);
      restore_pragmas (store, bulk);
      return NULL;
    }
  if (!_lc_store_commit (store, error))
    {
      restore_pragmas (store, bulk);
      return NULL;
    }
  result->pending_orders = lc_store_count_pending_orders (store);
  if (progress != NULL)
    progress (1.0, progress_data);
  /* The import is in the store now; a checkpoint that fails or is
   * interrupted is done by the next one. */
  if (!bulk)
    _lc_store_exec (store, "PRAGMA wal_checkpoint(PASSIVE)", NULL);
  restore_pragmas (store, bulk);
  return g_steal_pointer (&result);
}

typedef struct
{
  char                 *store_path;
  GStrv                 paths;
  LcMapping            *mapping;
  char                 *currency;
  LcImportProgressFunc  progress;
  gpointer              progress_data;
} ImportTaskData;

static void
import_task_data_free (ImportTaskData *data)
{
  g_free (data->store_path);
  g_strfreev (data->paths);
  g_clear_pointer (&data->mapping, lc_mapping_free);
  g_free (data->currency);
  g_free (data);
}

static void
deliver_progress (GTask  *task,
                  gint64  count,
                  double  fraction)
{
  ImportTaskData *data = g_task_get_task_data (task);

  data->progress (fraction, data->progress_data);
}

static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  lc_thread_send_progress (user_data, deliver_progress, 0, fraction);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  g_autoptr(LcStore) store = NULL;
  LcImportResult *result;
  GError *error = NULL;

  lc_thread_yield_to_ui ();

  store = lc_store_open (data->store_path, LC_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = lc_store_import_files_with_mapping (store, (const char * const *) data->paths,
                                               data->mapping, data->currency,
                                               data->progress != NULL ? forward_progress : NULL, task,
                                               cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) lc_import_result_free);
}

void
lc_import_files_async (const char          *store_path,
                       const char * const  *paths,
                       LcImportProgressFunc progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  lc_import_files_with_mapping_async (store_path, paths, NULL, NULL, progress, progress_data,
                                      cancellable, callback, user_data);
}

void
lc_import_files_with_mapping_async (const char          *store_path,
                                    const char * const  *paths,
                                    const LcMapping     *mapping,
                                    const char          *currency,
                                    LcImportProgressFunc progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *data;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail (paths != NULL);

  data = g_new0 (ImportTaskData, 1);
  data->store_path = g_strdup (store_path);
  data->paths = g_strdupv ((char **) paths);
  data->mapping = mapping != NULL ? lc_mapping_copy (mapping) : NULL;
  data->currency = g_strdup (currency);
  data->progress = progress;
  data->progress_data = progress_data;

  /* Progress comes in the context the task is made in: the caller's. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_import_files_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_data_free);
  g_task_run_in_thread (task, import_thread);
}

LcImportResult *
lc_import_files_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
