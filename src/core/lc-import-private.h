/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-csv.h"
#include "lc-date-column.h"
#include "lc-import.h"
#include "lc-order-writer-private.h"
#include "lc-store-private.h"

G_BEGIN_DECLS

/* What an importer of one kind gets for one file. */
typedef struct
{
  LcStore              *store;
  LcCsvReader          *reader;
  const char           *display_name;   /* the file's base name, for messages */
  LcImportFileResult   *result;
  gint64                import_id;      /* its row in the import log */
  GCancellable         *cancellable;

  LcImportProgressFunc  progress;
  gpointer              progress_data;
  guint64               bytes_done;     /* bytes of earlier files in this call */
  guint64               bytes_total;    /* bytes of all files in this call */
  gint64                last_progress_us;
  /* The current file's size when an importer reads it twice (a first
   * pass for its dates, reporting half the file): _lc_import_tick then
   * reports the second reading as the file's second half. 0: once. */
  guint64               first_pass_bytes;

  /* The name of the last order written by the previous file of this call,
   * so that a split export's next part can continue it. */
  char                 *last_order_name;
  /* Made by the first file with orders; flushed before the commit. */
  LcOrderWriter        *order_writer;

  const char           *path;           /* the current file */
  /* lc_store_import_files_with_mapping()'s: read every file with this
   * mapping (NULL: detect), and the currency of files that say none. */
  const struct _LcMapping *mapping;
  const char           *currency;
} LcImportContext;

/* The call's order writer, crediting orders to the current file's import
 * log row. */
LcOrderWriter *_lc_import_get_order_writer (LcImportContext  *ctx,
                                            GError          **error);

/* Checks for cancellation and reports progress; cheap enough to call every
 * few thousand rows. */
gboolean  _lc_import_tick                 (LcImportContext  *ctx,
                                           GError          **error);
/* The same, for an importer whose reader runs on another thread: file_bytes
 * is how far into the current file it has read. */
gboolean  _lc_import_report               (LcImportContext  *ctx,
                                           guint64           file_bytes,
                                           GError          **error);
/* Reads one data row; the reader's current record holds it. */
typedef gboolean (*LcImportRowFunc) (gpointer   data,
                                     GError   **error);

/* Reads every remaining record with row_func, counting rows in the result
 * and ticking progress and cancellation. */
gboolean  _lc_import_read_rows            (LcImportContext  *ctx,
                                           LcImportRowFunc   row_func,
                                           gpointer          data,
                                           GError          **error);
/* The salted hash of a customer's e-mail (or id, or name) into out (32 hex
 * digits and a NUL), case and surrounding spaces ignored; FALSE when text
 * is blank. scratch is reused between calls. DESIGN.md: only this is kept. */
gboolean  _lc_import_hash_customer        (LcStore          *store,
                                           const char       *text,
                                           GString          *scratch,
                                           char              out[33]);
/* Whether the header has every one of these columns (NULL-terminated). */
gboolean  _lc_import_has_columns          (LcCsvReader        *reader,
                                           const char * const *names);
/* Whether the kind's files hold orders. */
gboolean  _lc_import_kind_has_orders      (LcImportKind      kind);
/* The kind of export the header is (built-in kinds only). */
LcImportKind _lc_import_detect_kind       (LcCsvReader      *reader);
/* The file's amounts are in code: refused when the store holds another
 * currency, else the store's currency from now on. */
gboolean  _lc_import_take_currency        (LcImportContext  *ctx,
                                           const char       *code,
                                           GError          **error);
/* How often progress is reported at most (50 ms); for tests. */
void      _lc_import_set_progress_interval (gint64          interval_us);
/* Adds a translated warning, at most once per distinct text. */
void      _lc_import_warn                 (LcImportContext  *ctx,
                                           const char       *message);
/* Decides *order from all the dates of the column named column (of
 * reader), and notes how they were read when that was a choice; a column
 * with no dates leaves *order as it is. */
gboolean  _lc_import_decide_date_order    (LcImportContext  *ctx,
                                           LcCsvReader      *reader,
                                           int               column,
                                           LcDateColumn     *dates,
                                           LcDateOrder      *order,
                                           GError          **error);

/* Index of the report's own column with this name, or -1: comparison
 * columns ("Sessions (previous_year)", or a second "Sessions " with a
 * trailing space) are never taken for it. */
int       _lc_import_find_column          (LcCsvReader      *reader,
                                           const char       *name);
/* Whether the report carries comparison columns. */
gboolean  _lc_import_has_comparison       (LcCsvReader      *reader);
/* "file, line 12, column “Sessions”: detail" */
void      _lc_import_set_value_error      (LcImportContext  *ctx,
                                           const char       *column,
                                           const char       *detail,
                                           GError          **error);
/* A whole number as reports write it: "1234", "1,234", "1234.0", quoted or
 * not; negative only when allowed. */
gboolean  _lc_import_parse_count          (const char       *text,
                                           gboolean          allow_negative,
                                           gint64           *out);

gboolean  _lc_shopify_orders_header_matches (LcCsvReader    *reader);
gboolean  _lc_shopify_orders_import        (LcImportContext *ctx,
                                            GError         **error);

gboolean  _lc_shopify_sessions_header_matches (LcCsvReader  *reader);
gboolean  _lc_shopify_sessions_import      (LcImportContext *ctx,
                                            GError         **error);
/* LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT, _BY_PRODUCT or _UNKNOWN. */
LcImportKind _lc_shopify_sales_detect      (LcCsvReader    *reader);
gboolean  _lc_shopify_sales_import         (LcImportContext *ctx,
                                            GError         **error);

gboolean  _lc_shopify_products_header_matches (LcCsvReader  *reader);
gboolean  _lc_shopify_products_import      (LcImportContext *ctx,
                                            GError         **error);

gboolean  _lc_klaviyo_header_matches       (LcCsvReader    *reader);
gboolean  _lc_klaviyo_import               (LcImportContext *ctx,
                                            GError         **error);

G_END_DECLS
