/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-products"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-import-private.h"

/*
 * Shopify's products export: one row per variant, the product's own columns
 * (Title, Type, Vendor, Tags) only on its first row, and extra rows that
 * carry nothing but the handle and an image. Bundles use it for product
 * types; each variant lands in `products` by (handle, SKU), a variant
 * without a SKU as the handle's row with an empty SKU.
 */

typedef enum
{
  COL_HANDLE,
  COL_TITLE,
  COL_SKU,
  COL_TYPE,
  COL_VENDOR,
  COL_TAGS,
  COL_OPTION1,
  COL_PRICE,
  N_COLS
} Column;

static const char * const column_names[N_COLS] = {
  [COL_HANDLE]  = "Handle",
  [COL_TITLE]   = "Title",
  [COL_SKU]     = "Variant SKU",
  [COL_TYPE]    = "Type",
  [COL_VENDOR]  = "Vendor",
  [COL_TAGS]    = "Tags",
  [COL_OPTION1] = "Option1 Value",
  [COL_PRICE]   = "Variant Price",
};

typedef struct
{
  LcImportContext *ctx;
  int              col[N_COLS];
  /* The product whose rows are being read: later rows leave these empty. */
  char            *handle;
  char            *title;
  char            *type;
  char            *vendor;
  char            *tags;
  gint64           variants;
} Reader;

gboolean
_lc_shopify_products_header_matches (LcCsvReader *reader)
{
  return lc_csv_reader_find_column (reader, "Handle") >= 0 &&
         lc_csv_reader_find_column (reader, "Title") >= 0 &&
         lc_csv_reader_find_column (reader, "Variant SKU") >= 0;
}

static const char *
field (Reader *r,
       Column  column)
{
  return r->col[column] < 0 ? "" : lc_csv_reader_get_field (r->ctx->reader, r->col[column]);
}

static char *
dup_stripped (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static gboolean
read_row (gpointer   data,
          GError   **error)
{
  Reader *r = data;
  g_autofree char *handle = dup_stripped (field (r, COL_HANDLE));
  g_autofree char *title = dup_stripped (field (r, COL_TITLE));
  g_autofree char *sku = dup_stripped (field (r, COL_SKU));
  sqlite3_stmt *stmt;
  int rc;

  if (handle[0] == '\0')
    {
      _lc_import_set_value_error (r->ctx, column_names[COL_HANDLE], _("every row needs the product’s handle"), error);
      return FALSE;
    }

  if (g_strcmp0 (handle, r->handle) != 0 || title[0] != '\0')
    {
      g_free (r->handle);
      r->handle = g_strdup (handle);
      g_free (r->title);
      r->title = g_strdup (title[0] != '\0' ? title : handle);
      g_free (r->type);
      r->type = dup_stripped (field (r, COL_TYPE));
      g_free (r->vendor);
      r->vendor = dup_stripped (field (r, COL_VENDOR));
      g_free (r->tags);
      r->tags = dup_stripped (field (r, COL_TAGS));
    }
  else if (sku[0] == '\0' && field (r, COL_OPTION1)[0] == '\0' && field (r, COL_PRICE)[0] == '\0')
    {
      /* An image row. */
      return TRUE;
    }

  stmt = _lc_store_prepare (r->ctx->store,
                            "INSERT INTO products (handle, sku, title, product_type, vendor, tags) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                            "ON CONFLICT (handle, sku) DO UPDATE SET title = excluded.title, "
                            "product_type = excluded.product_type, vendor = excluded.vendor, tags = excluded.tags",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->handle, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->title, -1, SQLITE_STATIC);
  _lc_store_bind_text_or_null (stmt, 4, r->type);
  _lc_store_bind_text_or_null (stmt, 5, r->vendor);
  _lc_store_bind_text_or_null (stmt, 6, r->tags);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (r->ctx->store, error);
      return FALSE;
    }
  r->variants++;
  return TRUE;
}

gboolean
_lc_shopify_products_import (LcImportContext  *ctx,
                             GError          **error)
{
  Reader r = { 0 };
  gboolean ok;

  r.ctx = ctx;
  for (guint i = 0; i < N_COLS; i++)
    r.col[i] = lc_csv_reader_find_column (ctx->reader, column_names[i]);

  ok = _lc_import_read_rows (ctx, read_row, &r, error);
  if (ok && r.variants == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                   _("%s has the columns of a Shopify products export but no products."),
                   ctx->display_name);
      ok = FALSE;
    }
  if (ok && r.col[COL_TYPE] < 0)
    _lc_import_warn (ctx, _("The products export has no “Type” column, so bundles can only pair products, not product types."));

  g_free (r.handle);
  g_free (r.title);
  g_free (r.type);
  g_free (r.vendor);
  g_free (r.tags);
  return ok;
}
