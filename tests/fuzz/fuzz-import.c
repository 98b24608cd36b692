/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lc-csv.h"
#include "lc-import.h"
#include "lc-mapping.h"
#include "lc-metrics.h"
#include "lc-store-private.h"
#include "lc-fuzz.h"

/*
 * An importer on any bytes, through the public API: the input becomes a
 * file imported into a fresh store. Built once per kind (LC_FUZZ_KIND) with
 * that kind's header line put first, so the fuzzer spends its time on the
 * rows; built with LC_FUZZ_KIND 0, the input chooses its own header and
 * kind.
 *
 * Invariants: an import either succeeds (and the store passes SQLite's
 * quick check) or fails with an error that names the file and leaves the
 * store empty, as it was.
 */

#define KIND_ANY 0
#define KIND_SHOPIFY_ORDERS 1
#define KIND_SHOPIFY_SESSIONS 2
#define KIND_SHOPIFY_SALES 3
#define KIND_KLAVIYO 4
#define KIND_SHOPIFY_PRODUCTS 5
#define KIND_WOOCOMMERCE_ANALYTICS 6
#define KIND_WOOCOMMERCE_ORDERS 7
#define KIND_BIGCOMMERCE 8
#define KIND_TRANSACTIONS 9
#define KIND_MAPPED 10

#if LC_FUZZ_KIND == KIND_SHOPIFY_ORDERS
#define LC_FUZZ_HEADER \
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total," \
  "Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price," \
  "Lineitem sku,Lineitem requires shipping,Billing Name,Billing Street,Billing Zip,Billing Phone,Note Attributes," \
  "Cancelled at,Refunded Amount,Vendor,Id,Tags,Source,Lineitem discount,Payment ID\n"
#elif LC_FUZZ_KIND == KIND_SHOPIFY_SESSIONS
#define LC_FUZZ_HEADER "Day,Sessions,Sessions that completed checkout,Conversion rate\n"
#elif LC_FUZZ_KIND == KIND_SHOPIFY_SALES
#define LC_FUZZ_HEADER \
  "Product title,Product variant title,Product variant SKU,Net items sold,Gross sales,Discounts," \
  "Returns,Net sales,Taxes,Total sales\n"
#elif LC_FUZZ_KIND == KIND_KLAVIYO
#define LC_FUZZ_HEADER \
  "Date,Group Id,List/Segment,Click Rate,Open Rate,Total Placed Order Value,Campaign Message Channel\n"
#elif LC_FUZZ_KIND == KIND_SHOPIFY_PRODUCTS
#define LC_FUZZ_HEADER \
  "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Value,Variant SKU,Variant Price,Image Src\n"
#elif LC_FUZZ_KIND == KIND_WOOCOMMERCE_ANALYTICS
#define LC_FUZZ_HEADER \
  "\"Date\",\"Order #\",\"Status\",\"Customer\",\"Customer type\",\"Product(s)\",\"Items sold\"," \
  "\"Coupon(s)\",\"Net sales\",\"Attribution\"\n"
#elif LC_FUZZ_KIND == KIND_WOOCOMMERCE_ORDERS
#define LC_FUZZ_HEADER \
  "Order ID,Order Date,Order Status,Customer Email,Item SKU,Item Name,Quantity,Item Cost,Order Total," \
  "Order Refund Amount,Item Refunded Qty,Order Currency\n"
#elif LC_FUZZ_KIND == KIND_BIGCOMMERCE
#define LC_FUZZ_HEADER \
  "Order ID,Customer Email,Order Date,Order Status,Subtotal (ex tax),Tax Total,Shipping Cost (ex tax)," \
  "Order Total (inc tax),Order Currency Code,Refund Amount,Product Details\n"
#elif LC_FUZZ_KIND == KIND_TRANSACTIONS
#define LC_FUZZ_HEADER "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
#elif LC_FUZZ_KIND == KIND_MAPPED
/* Read with the mapping below. */
#define LC_FUZZ_HEADER "Ref;When;State;Who;Code;What;Qty;Price;Line;Total;Back;Back qty\n"
#else
#define LC_FUZZ_HEADER ""
#endif

static char *csv_path;
static LcMapping *mapping;
static char *store_path;
static char *template_bytes;
static gsize template_len;
static char *tmpdir;

static void
remove_tmpdir (void)
{
  g_autofree char *wal = g_strconcat (store_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (store_path, "-shm", NULL);

  g_unlink (csv_path);
  g_unlink (store_path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (tmpdir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  /* Memory-backed when there is a /dev/shm: thousands of stores a second. */
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0
                     ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *tmpl = g_build_filename (base, "lc-fuzz-XXXXXX", NULL);

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

#if LC_FUZZ_KIND == KIND_MAPPED
  mapping = lc_mapping_new_from_ini ("[Mapping]\norder-id=Ref\ndate=When\nstatus=State\ncustomer=Who\n"
                                     "sku=Code\nproduct-name=What\nquantity=Qty\nunit-price=Price\n"
                                     "line-total=Line\norder-total=Total\nrefunded-amount=Back\n"
                                     "refunded-quantity=Back qty\n",
                                     "fuzz.ini", &error);
  g_assert_no_error (error);
#endif

  tmpdir = g_mkdtemp (g_steal_pointer (&tmpl));
  g_assert_nonnull (tmpdir);
  csv_path = g_build_filename (tmpdir, "fuzz.csv", NULL);
  store_path = g_build_filename (tmpdir, "fuzz.liftcheck", NULL);
  atexit (remove_tmpdir);

  /* A new store takes a schema's worth of statements; copying one is
   * faster. Closing it leaves the whole store in the main file. */
  store = lc_store_open (store_path, LC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_file_get_contents (store_path, &template_bytes, &template_len, &error);
  g_assert_no_error (error);
  return 0;
}

static gint64
count (LcStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = _lc_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static const char *
first_text (LcStore    *store,
            const char *sql,
            char      **out)
{
  sqlite3_stmt *stmt = _lc_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return *out;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  const char *paths[] = { csv_path, NULL };

  g_byte_array_append (bytes, (const guint8 *) LC_FUZZ_HEADER, strlen (LC_FUZZ_HEADER));
  g_byte_array_append (bytes, data, size);
  g_file_set_contents (csv_path, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
  g_file_set_contents (store_path, template_bytes, template_len, &error);
  g_assert_no_error (error);

  store = lc_store_open (store_path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* Files that say no currency (WooCommerce Analytics, transaction
   * lists) are given one. */
  result = lc_store_import_files_with_mapping (store, paths, mapping, "EUR", NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == LC_CSV_ERROR || error->domain == LC_IMPORT_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, "fuzz.csv") == NULL)
        {
          /* abort(), not g_error(): libFuzzer saves the input on SIGABRT,
           * not on the SIGTRAP g_error() raises. */
          g_printerr ("An error that does not name the file: %s\n", error->message);
          abort ();
        }
      /* Nothing of a failed import lands. */
      g_assert_cmpint (count (store,
                              "SELECT (SELECT COUNT(*) FROM imports) + (SELECT COUNT(*) FROM orders) + "
                              "(SELECT COUNT(*) FROM line_items) + (SELECT COUNT(*) FROM refunds) + "
                              "(SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM sessions) + "
                              "(SELECT COUNT(*) FROM email_revenue) + (SELECT COUNT(*) FROM variant_sales)"),
                       ==, 0);
      g_assert_null (lc_store_get_currency (store));
    }
  else
    {
      g_autofree char *check = NULL;
      g_autoptr(LcSummary) summary = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (count (store, "SELECT COUNT(*) FROM imports"), ==, 1);
      g_assert_cmpstr (first_text (store, "PRAGMA quick_check", &check), ==, "ok");
      g_assert_cmpint (count (store, "SELECT COUNT(*) FROM pragma_foreign_key_check"), ==, 0);
      /* The analysis must cope with whatever an import accepted. */
      summary = lc_store_compute_summary (store, &error);
      if (summary == NULL)
        g_assert_nonnull (error);
    }
  return 0;
}
