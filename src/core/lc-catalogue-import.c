/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-catalogue-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-catalogue-private.h"

/*
 * Catalogues of stores other than Shopify: what each product is, so that
 * bundles can pair product types as they do with a Shopify products export.
 *
 * - Olist's products file (product_id, product_category_name, …): each row
 *   is a product whose id is both its handle and its SKU (Olist's order
 *   items name products by that id); the category, written with
 *   underscores ("cama_mesa_banho"), is its type.
 * - Instacart's lookup lists, aisles (aisle_id, aisle) and departments
 *   (department_id, department), land in `categories`.
 * - Instacart's products file (product_id, product_name, aisle_id,
 *   department_id): each product keeps its aisle and department codes in
 *   `product_categories`, and its type is its department's name, else its
 *   aisle's. The files may come in any order: each import of one of the
 *   three sets the types again from what the store has.
 */

#define INSTACART_AISLES      "instacart:aisle"
#define INSTACART_DEPARTMENTS "instacart:department"

typedef struct
{
  LcImportContext *ctx;
  LcImportKind     kind;
  int              col_id;
  int              col_name;
  int              col_aisle;
  int              col_department;
  GHashTable      *names;     /* distinct category names read */
  gint64           read;      /* products or list entries written */
} Catalogue;

static const char * const olist_products[] = { "product_id", "product_category_name", NULL };
static const char * const instacart_products[] = { "product_id", "product_name", "aisle_id", "department_id", NULL };
static const char * const instacart_aisles[] = { "aisle_id", "aisle", NULL };
static const char * const instacart_departments[] = { "department_id", "department", NULL };

LcImportKind
_lc_catalogue_detect (LcCsvReader *reader)
{
  if (_lc_import_has_columns (reader, instacart_products))
    return LC_IMPORT_KIND_INSTACART_PRODUCTS;
  if (_lc_import_has_columns (reader, olist_products))
    return LC_IMPORT_KIND_OLIST_PRODUCTS;
  /* Only the list itself: a file with more columns (a products file
   * without its names) is not a lookup list. */
  if (lc_csv_reader_get_n_columns (reader) == 2 && _lc_import_has_columns (reader, instacart_aisles))
    return LC_IMPORT_KIND_INSTACART_AISLES;
  if (lc_csv_reader_get_n_columns (reader) == 2 && _lc_import_has_columns (reader, instacart_departments))
    return LC_IMPORT_KIND_INSTACART_DEPARTMENTS;
  return LC_IMPORT_KIND_UNKNOWN;
}

gboolean
_lc_import_kind_is_catalogue (LcImportKind kind)
{
  return kind == LC_IMPORT_KIND_OLIST_PRODUCTS || kind == LC_IMPORT_KIND_INSTACART_PRODUCTS ||
         kind == LC_IMPORT_KIND_INSTACART_AISLES || kind == LC_IMPORT_KIND_INSTACART_DEPARTMENTS;
}

static char *
stripped (Catalogue *c,
          int        column)
{
  return g_strstrip (g_strdup (column < 0 ? "" : lc_csv_reader_get_field (c->ctx->reader, column)));
}

/* Writes the product with id as its handle and SKU; returns its row id. */
static gint64
upsert_product (Catalogue   *c,
                const char  *id,
                const char  *title,
                const char  *type,
                GError     **error)
{
  LcStore *store = c->ctx->store;
  sqlite3_stmt *stmt;
  gint64 row = -1;

  stmt = _lc_store_prepare (store,
                            "INSERT INTO products (handle, sku, title, product_type) VALUES (?1, ?1, ?2, ?3) "
                            "ON CONFLICT (handle, sku) DO UPDATE SET title = excluded.title, "
                            "product_type = excluded.product_type "
                            "RETURNING id",
                            error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  _lc_store_bind_text_or_null (stmt, 3, type);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = sqlite3_column_int64 (stmt, 0);
  if (row < 0 || sqlite3_step (stmt) != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      row = -1;
    }
  sqlite3_reset (stmt);
  return row;
}

static gboolean
set_product_code (Catalogue   *c,
                  gint64       product,
                  const char  *list,
                  const char  *code,
                  GError     **error)
{
  LcStore *store = c->ctx->store;
  sqlite3_stmt *stmt;

  if (code[0] == '\0')
    {
      stmt = _lc_store_prepare (store, "DELETE FROM product_categories WHERE product_id = ? AND list = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, product);
      sqlite3_bind_text (stmt, 2, list, -1, SQLITE_STATIC);
      return _lc_store_step_done (store, stmt, error);
    }
  stmt = _lc_store_prepare (store,
                            "INSERT INTO product_categories (product_id, list, code) VALUES (?, ?, ?) "
                            "ON CONFLICT (product_id, list) DO UPDATE SET code = excluded.code",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product);
  sqlite3_bind_text (stmt, 2, list, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_TRANSIENT);
  return _lc_store_step_done (store, stmt, error);
}

static gboolean
missing_value (Catalogue   *c,
               int          column,
               GError     **error)
{
  _lc_import_set_value_error (c->ctx, lc_csv_reader_get_column_name (c->ctx->reader, column),
                              _("this column cannot be empty"), error);
  return FALSE;
}

static gboolean
read_olist_product (gpointer   data,
                    GError   **error)
{
  Catalogue *c = data;
  g_autofree char *id = stripped (c, c->col_id);
  g_autofree char *category = stripped (c, c->col_name);

  if (id[0] == '\0')
    return missing_value (c, c->col_id, error);
  /* "cama_mesa_banho" is shown as "cama mesa banho". */
  g_strdelimit (category, "_", ' ');
  if (category[0] != '\0' && !g_hash_table_contains (c->names, category))
    g_hash_table_add (c->names, g_strdup (category));
  if (upsert_product (c, id, id, category, error) < 0)
    return FALSE;
  c->read++;
  return TRUE;
}

static gboolean
read_instacart_product (gpointer   data,
                        GError   **error)
{
  Catalogue *c = data;
  g_autofree char *id = stripped (c, c->col_id);
  g_autofree char *name = stripped (c, c->col_name);
  g_autofree char *aisle = stripped (c, c->col_aisle);
  g_autofree char *department = stripped (c, c->col_department);
  gint64 product;

  if (id[0] == '\0')
    return missing_value (c, c->col_id, error);
  /* The type is set from the codes once the file is read. */
  product = upsert_product (c, id, name[0] != '\0' ? name : id, NULL, error);
  if (product < 0 ||
      !set_product_code (c, product, INSTACART_AISLES, aisle, error) ||
      !set_product_code (c, product, INSTACART_DEPARTMENTS, department, error))
    return FALSE;
  c->read++;
  return TRUE;
}

static gboolean
read_list_entry (gpointer   data,
                 GError   **error)
{
  Catalogue *c = data;
  g_autofree char *code = stripped (c, c->col_id);
  g_autofree char *name = stripped (c, c->col_name);
  LcStore *store = c->ctx->store;
  sqlite3_stmt *stmt;

  if (code[0] == '\0')
    return missing_value (c, c->col_id, error);
  if (name[0] == '\0')
    return missing_value (c, c->col_name, error);
  stmt = _lc_store_prepare (store,
                            "INSERT INTO categories (list, code, name) VALUES (?, ?, ?) "
                            "ON CONFLICT (list, code) DO UPDATE SET name = excluded.name",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->kind == LC_IMPORT_KIND_INSTACART_AISLES ? INSTACART_AISLES : INSTACART_DEPARTMENTS,
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  if (!_lc_store_step_done (store, stmt, error))
    return FALSE;
  c->read++;
  return TRUE;
}

/* Instacart products' types: the department's name, else the aisle's. */
static gboolean
set_instacart_types (LcStore  *store,
                     GError  **error)
{
  return _lc_store_exec (store,
                         "UPDATE products SET product_type = coalesce ("
                         "  (SELECT c.name FROM product_categories pc JOIN categories c"
                         "     ON c.list = pc.list AND c.code = pc.code"
                         "   WHERE pc.product_id = products.id AND pc.list = '" INSTACART_DEPARTMENTS "'),"
                         "  (SELECT c.name FROM product_categories pc JOIN categories c"
                         "     ON c.list = pc.list AND c.code = pc.code"
                         "   WHERE pc.product_id = products.id AND pc.list = '" INSTACART_AISLES "'))"
                         " WHERE id IN (SELECT product_id FROM product_categories"
                         "              WHERE list IN ('" INSTACART_DEPARTMENTS "', '" INSTACART_AISLES "'))",
                         error);
}

static gint64
count_typed_instacart (LcStore *store)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  stmt = _lc_store_prepare (store,
                            "SELECT count(DISTINCT product_type) FROM products WHERE product_type IS NOT NULL AND id IN "
                            "(SELECT product_id FROM product_categories)",
                            NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

gboolean
_lc_catalogue_import (LcImportContext  *ctx,
                      LcImportKind      kind,
                      GError          **error)
{
  LcCsvReader *reader = ctx->reader;
  Catalogue c = { 0 };
  LcImportRowFunc row_func;
  gboolean ok;

  c.ctx = ctx;
  c.kind = kind;
  c.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.col_aisle = c.col_department = -1;
  switch (kind)
    {
    case LC_IMPORT_KIND_OLIST_PRODUCTS:
      c.col_id = lc_csv_reader_find_column (reader, "product_id");
      c.col_name = lc_csv_reader_find_column (reader, "product_category_name");
      row_func = read_olist_product;
      break;
    case LC_IMPORT_KIND_INSTACART_PRODUCTS:
      c.col_id = lc_csv_reader_find_column (reader, "product_id");
      c.col_name = lc_csv_reader_find_column (reader, "product_name");
      c.col_aisle = lc_csv_reader_find_column (reader, "aisle_id");
      c.col_department = lc_csv_reader_find_column (reader, "department_id");
      row_func = read_instacart_product;
      break;
    case LC_IMPORT_KIND_INSTACART_AISLES:
      c.col_id = lc_csv_reader_find_column (reader, "aisle_id");
      c.col_name = lc_csv_reader_find_column (reader, "aisle");
      row_func = read_list_entry;
      break;
    case LC_IMPORT_KIND_INSTACART_DEPARTMENTS:
      c.col_id = lc_csv_reader_find_column (reader, "department_id");
      c.col_name = lc_csv_reader_find_column (reader, "department");
      row_func = read_list_entry;
      break;
    default:
      g_assert_not_reached ();
    }

  ok = _lc_import_read_rows (ctx, row_func, &c, error);
  if (ok && c.read == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                   /* Translators: "aisles.csv is an Instacart aisles list but has nothing in it." */
                   _("%s is %s but has nothing in it."), ctx->display_name, lc_import_kind_get_title (kind));
      ok = FALSE;
    }
  if (ok && kind != LC_IMPORT_KIND_OLIST_PRODUCTS)
    ok = set_instacart_types (ctx->store, error);

  if (ok)
    {
      if (kind == LC_IMPORT_KIND_INSTACART_AISLES || kind == LC_IMPORT_KIND_INSTACART_DEPARTMENTS)
        ctx->result->categories = c.read;
      else
        {
          ctx->result->products = c.read;
          ctx->result->categories = kind == LC_IMPORT_KIND_OLIST_PRODUCTS ? g_hash_table_size (c.names)
                                                                          : count_typed_instacart (ctx->store);
        }
      if (kind == LC_IMPORT_KIND_INSTACART_PRODUCTS && ctx->result->categories == 0)
        _lc_import_warn (ctx, _("The products’ departments and aisles are not known yet: import Instacart’s "
                                "departments and aisles files too, and bundles will group products by department."));
    }
  g_hash_table_unref (c.names);
  return ok;
}
