/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

#define LC_IMPORT_ERROR (lc_import_error_quark ())

typedef enum
{
  LC_IMPORT_ERROR_UNKNOWN_KIND,      /* not an export Liftcheck knows */
  LC_IMPORT_ERROR_WRONG_KIND,        /* a known export, but not one to import (abandoned checkouts, a sessions breakdown) */
  LC_IMPORT_ERROR_MISSING_COLUMNS,
  LC_IMPORT_ERROR_BAD_VALUE,         /* an unparseable date, amount, quantity... */
  LC_IMPORT_ERROR_CURRENCY_MISMATCH,
  LC_IMPORT_ERROR_ORPHAN_LINE,       /* a line item whose order's first row is missing */
  LC_IMPORT_ERROR_NO_ORDERS,         /* a header and nothing else (orders or report rows) */
  LC_IMPORT_ERROR_NO_CURRENCY,       /* neither the file, the mapping, the call nor the store says the currency */
} LcImportError;

typedef enum
{
  LC_IMPORT_KIND_UNKNOWN,
  LC_IMPORT_KIND_SHOPIFY_ORDERS,
  LC_IMPORT_KIND_SHOPIFY_ABANDONED_CHECKOUTS,
  LC_IMPORT_KIND_SHOPIFY_SESSIONS,           /* Analytics reports over time: sessions, checkouts */
  LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT,
  LC_IMPORT_KIND_SHOPIFY_SALES_BY_PRODUCT,
  LC_IMPORT_KIND_KLAVIYO_CAMPAIGNS,
  LC_IMPORT_KIND_SHOPIFY_PRODUCTS,           /* the products export: SKUs, product types, vendors */
  LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS,      /* WooCommerce Analytics, Orders, Download (any language) */
  LC_IMPORT_KIND_WOOCOMMERCE_ORDERS,         /* order-export plugins: one row per item, refund columns */
  LC_IMPORT_KIND_BIGCOMMERCE_ORDERS,         /* BigCommerce's default orders export ("Product Details") */
  LC_IMPORT_KIND_TRANSACTIONS,               /* UCI-style lists: InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice */
  LC_IMPORT_KIND_MAPPED,                     /* any other CSV, through a column mapping (lc-mapping.h) */
  LC_IMPORT_KIND_OLIST_PRODUCTS,             /* Olist's products: product_id, product_category_name */
  LC_IMPORT_KIND_INSTACART_PRODUCTS,         /* Instacart's products: product_id, product_name, aisle_id, department_id */
  LC_IMPORT_KIND_INSTACART_AISLES,           /* Instacart's lookup lists: aisle_id, aisle */
  LC_IMPORT_KIND_INSTACART_DEPARTMENTS,      /* and department_id, department */
  LC_IMPORT_KIND_OLIST_ORDERS,               /* order headers: order_id, customer_id, order_status, order_purchase_timestamp */
  LC_IMPORT_KIND_OLIST_ORDER_ITEMS,          /* order lines: order_id, order_item_id, product_id, price, freight_value */
  LC_IMPORT_KIND_INSTACART_ORDER_PRODUCTS,   /* order lines without dates or prices: order_id, product_id, add_to_cart_order */
} LcImportKind;

typedef struct
{
  char         *path;
  LcImportKind  kind;
  gint64        rows;            /* data records read */
  gint64        orders_added;
  gint64        orders_updated;
  gint64        line_items;
  gint64        products;        /* catalogue files: products read */
  gint64        categories;      /* their distinct categories, or the entries of a lookup list */
  /* Files with half of each order (an Olist or Instacart kind): what they
   * gave, and how many of their orders wait for their other half. */
  gint64        orders_read;
  gint64        units_read;
  gint64        cancelled_read;  /* orders not counted: cancelled */
  gint64        pending_orders;
  GPtrArray    *warnings;        /* translated strings for the user */
} LcImportFileResult;

typedef struct
{
  GPtrArray *files;              /* LcImportFileResult */
  gint64     orders_added;
  gint64     orders_updated;
  gint64     pending_orders;     /* in the store after the import, waiting for their other half */
} LcImportResult;

/* Called from the importing thread; fraction in 0..1. */
typedef void (*LcImportProgressFunc) (double   fraction,
                                      gpointer user_data);

GQuark          lc_import_error_quark      (void);
/* Orders the store keeps until their other half is imported: headers
 * without items, items without their order's date. They are not counted
 * anywhere until then. */
gint64          lc_store_count_pending_orders (LcStore           *store);
const char     *lc_import_kind_to_string   (LcImportKind kind);
/* Translated, for people: "a Shopify sessions report". */
const char     *lc_import_kind_get_title   (LcImportKind kind);
/* Whether files of the kind are orders of another shop system, read
 * through a column mapping (built in or the user's). */
gboolean        lc_import_kind_is_mapped   (LcImportKind kind);

void            lc_import_result_free      (LcImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcImportResult, lc_import_result_free)

/*
 * Imports export files into the store. Each file is one transaction: it
 * lands whole or not at all; on error the store is as it was before that
 * file. Files that are parts of one split export (orders_export_1.csv,
 * orders_export_2.csv...) are imported together, in part order, as one
 * transaction. Orders are upserted by their id: importing the same or an
 * overlapping later export again gives the same numbers, the later import
 * winning. Reports follow the same rule: sessions by their period and start
 * day, Klaviyo figures by their group and dates, and a sales report replaces
 * the previous one of its kind. Errors name the file, line, column and what
 * was expected.
 */
LcImportResult *lc_store_import_files      (LcStore               *store,
                                            const char * const    *paths,
                                            LcImportProgressFunc   progress,
                                            gpointer               progress_data,
                                            GCancellable          *cancellable,
                                            GError               **error);

/*
 * The same, off the calling thread, on its own connection to the store file
 * at store_path (so the caller's LcStore stays usable for reading). progress
 * is invoked in the caller's thread-default main context.
 */
void            lc_import_files_async      (const char            *store_path,
                                            const char * const    *paths,
                                            LcImportProgressFunc   progress,
                                            gpointer               progress_data,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
LcImportResult *lc_import_files_finish     (GAsyncResult          *result,
                                            GError               **error);

G_END_DECLS
