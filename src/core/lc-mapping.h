/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-csv.h"
#include "lc-date-column.h"
#include "lc-import.h"
#include "lc-store.h"

G_BEGIN_DECLS

/*
 * Column mappings: which column of an order export holds which of the
 * things Liftcheck needs, for files of stores other than Shopify. The
 * built-in kinds (WooCommerce, BigCommerce, transaction lists) are found by
 * their header; any other file is imported with a mapping that the owner
 * chose once, saved in the store under a key made from the file's header,
 * and found again on the next import of a file with the same header.
 *
 * Rows are grouped into orders by the order id: the rows of one order must
 * follow each other (as every order export writes them). One row is one
 * line item; a file with one row per order gives orders of one line.
 */

typedef enum
{
  LC_MAPPING_FIELD_ORDER_ID,           /* required */
  LC_MAPPING_FIELD_DATE,               /* required: the order's date (and time) */
  LC_MAPPING_FIELD_QUANTITY,           /* required: units of the row's line */
  LC_MAPPING_FIELD_UNIT_PRICE,         /* one of unit price, line total and order total is required */
  LC_MAPPING_FIELD_LINE_TOTAL,
  LC_MAPPING_FIELD_ORDER_TOTAL,        /* the order's value (on its first row) */
  LC_MAPPING_FIELD_SKU,
  LC_MAPPING_FIELD_PRODUCT_NAME,
  LC_MAPPING_FIELD_CUSTOMER,           /* an e-mail or customer id: only its salted hash is stored */
  LC_MAPPING_FIELD_STATUS,             /* "cancelled", "refunded", "failed"... */
  LC_MAPPING_FIELD_REFUNDED_AMOUNT,    /* money given back for the order (first row) */
  LC_MAPPING_FIELD_REFUNDED_QUANTITY,  /* units of the row's line given back */
  LC_MAPPING_FIELD_CURRENCY,           /* a three-letter code on each row */
  LC_MAPPING_N_FIELDS
} LcMappingField;

typedef struct _LcMapping LcMapping;

LcMapping    *lc_mapping_new                (void);
LcMapping    *lc_mapping_copy               (const LcMapping *self);
void          lc_mapping_free               (LcMapping       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcMapping, lc_mapping_free)

/* column: a header name, or NULL for none. */
void          lc_mapping_set_column         (LcMapping       *self,
                                             LcMappingField   field,
                                             const char      *column);
const char   *lc_mapping_get_column         (const LcMapping *self,
                                             LcMappingField   field);
/* The currency of every amount when the file has no currency column;
 * NULL: the store's currency (an empty store then needs one). */
void          lc_mapping_set_currency       (LcMapping       *self,
                                             const char      *currency);
const char   *lc_mapping_get_currency       (const LcMapping *self);
/* Whether any field has a column. A mapping with none (only a currency or
 * a date format) adjusts how built-in kinds are read. */
gboolean      lc_mapping_has_columns        (const LcMapping *self);
void          lc_mapping_set_date_order     (LcMapping       *self,
                                             LcDateOrder      order);
LcDateOrder   lc_mapping_get_date_order     (const LcMapping *self);

/* The INI key ("order-id", "unit-price"...) and, for people, the label
 * ("Order number", "Unit price"...). */
const char   *lc_mapping_field_to_string    (LcMappingField   field);
const char   *lc_mapping_field_get_title    (LcMappingField   field);
/* What the field means, one translated sentence, for a tooltip or help. */
const char   *lc_mapping_field_get_description (LcMappingField field);
/* Order id, date and quantity. A mapping also needs one of unit price,
 * line total and order total: lc_mapping_check() says so. */
gboolean      lc_mapping_field_is_required  (LcMappingField   field);

/*
 * Whether the mapping can import a file with these columns: every required
 * field set, one of the amounts set, every column named in the header.
 * The error (LC_IMPORT_ERROR_MISSING_COLUMNS) says what is missing, for
 * people.
 */
gboolean      lc_mapping_check              (const LcMapping    *self,
                                             const char * const *columns,
                                             GError            **error);

/* Guesses each field's column from the header names, in English, French,
 * German, Spanish, Italian, Dutch and Portuguese and the usual spellings
 * of exports ("Order ID", "order_id", "Commande", "Bestellnummer"...).
 * Fields with no likely column are left unset. */
LcMapping    *lc_mapping_guess              (const char * const *columns);

/*
 * The INI form, as saved in the store and read by `liftcheck-cli import
 * --mapping FILE` (README.md shows an example):
 *
 *   [Mapping]
 *   order-id=Invoice
 *   date=Invoice date
 *   quantity=Qty
 *   unit-price=Price
 *   currency=GBP           (optional: the code, when no column has it)
 *   date-format=dmy        (optional: auto, ymd, dmy, mdy, serial)
 *
 * The currency field's column is written currency-column=NAME.
 *
 * Errors name the file (display_name), the line and what was expected.
 */
LcMapping    *lc_mapping_new_from_ini       (const char      *text,
                                             const char      *display_name,
                                             GError         **error);
LcMapping    *lc_mapping_new_from_file      (const char      *path,
                                             GError         **error);
char         *lc_mapping_to_ini             (const LcMapping *self);

/* The key a header's mapping is saved under: a hash of its column names
 * (surrounding spaces ignored, order kept). */
char         *lc_mapping_header_key         (const char * const *columns);

/* The mapping saved for files with these columns, or NULL (error unset)
 * when there is none. */
LcMapping    *lc_store_find_mapping         (LcStore            *store,
                                             const char * const *columns,
                                             GError            **error);
/* Saves it for files with these columns (replacing an earlier one). An
 * import with a mapping saves it too, in its transaction. */
gboolean      lc_store_save_mapping         (LcStore            *store,
                                             const char * const *columns,
                                             const LcMapping    *mapping,
                                             GError            **error);

/* The first rows of a CSV file, for showing and choosing a mapping. */
typedef struct
{
  char          *path;
  char          *display_name;
  char         **columns;        /* NULL-terminated header names */
  GPtrArray     *rows;           /* char **: as many cells as columns (ragged rows padded with "") */
  GArray        *lines;          /* guint64: the line each row starts on */
  char           delimiter;
  LcCsvEncoding  encoding;
  LcImportKind   kind;           /* a built-in kind this header is, or LC_IMPORT_KIND_UNKNOWN */
} LcCsvSample;

void          lc_csv_sample_free            (LcCsvSample *sample);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcCsvSample, lc_csv_sample_free)

/* Reads the header and up to max_rows rows (reading at most some 64 KB
 * past the header): quick enough for the main thread. */
LcCsvSample  *lc_csv_sample_read            (const char    *path,
                                             guint          max_rows,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* A sample row as the mapping reads it: values, not text, so that the app
 * writes them the way the owner reads money, numbers and days. */
typedef struct
{
  guint64  line;
  /* By LcMappingField: whether the field has a value (FALSE when it is
   * unmapped, its cell is empty or it cannot be read). */
  gboolean has_value[LC_MAPPING_N_FIELDS];
  /* The order id, SKU, product name and status as written, and the
   * currency code in capitals; NULL for the other fields. The customer is
   * never kept: has_value says whether there is one. */
  char    *text[LC_MAPPING_N_FIELDS];
  /* Quantities in units; amounts in minor units of currency. */
  gint64   numbers[LC_MAPPING_N_FIELDS];
  /* What the amounts are in: the row's currency code when it has one,
   * else the mapping's, else the one asked for; NULL when none is known
   * (the amounts then have two decimals). */
  char    *currency;
  guint    exponent;
  /* The order's day as written, and the time of day in seconds (0 when
   * the file gives none). */
  LcDay    day;
  gint32   seconds;
  /* NULL, or the first problem of the row: "orders.csv, line 3, column
   * “Date”: …", and the field it is in. */
  char    *error;
  LcMappingField error_field;
} LcMappingPreviewRow;

typedef struct
{
  GPtrArray   *rows;            /* LcMappingPreviewRow */
  /* The date order decided from the sample's date column. The import
   * decides again from the whole file. */
  LcDateOrder  date_order;
  GPtrArray   *warnings;        /* translated strings */
  /* NULL, or why the mapping cannot be used (lc_mapping_check()'s or the
   * date column's message). */
  char        *error;
} LcMappingPreview;

void          lc_mapping_preview_free       (LcMappingPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcMappingPreview, lc_mapping_preview_free)

/* Reads the sample's rows with the mapping. currency: of the amounts when
 * the mapping and the row name none (NULL: not known, two decimals). Never
 * fails: problems are in the result. */
LcMappingPreview *lc_mapping_preview        (const LcMapping   *self,
                                             const LcCsvSample *sample,
                                             const char        *currency);

/*
 * Imports files as lc_store_import_files() does (one transaction, errors
 * naming file, line and column, progress, cancel, the import log). With a
 * mapping, every file is read with it (no detection) and the mapping is
 * saved for their headers. Without one, each file's kind is detected: a
 * built-in kind, else a mapping saved for its header, else
 * LC_IMPORT_ERROR_UNKNOWN_KIND (the app then offers the mapping dialog).
 * A mapping that names no columns (only date-format or currency) reads
 * WooCommerce, BigCommerce and transaction-list files as their kind, with
 * that date format and currency.
 * currency: of files that say none, when the mapping names none; NULL: the
 * store's.
 */
LcImportResult *lc_store_import_files_with_mapping (LcStore              *store,
                                                    const char * const   *paths,
                                                    const LcMapping      *mapping,
                                                    const char           *currency,
                                                    LcImportProgressFunc  progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

/* The same off the calling thread, as lc_import_files_async(); finish with
 * lc_import_files_finish(). */
void          lc_import_files_with_mapping_async (const char          *store_path,
                                                  const char * const  *paths,
                                                  const LcMapping     *mapping,
                                                  const char          *currency,
                                                  LcImportProgressFunc progress,
                                                  gpointer             progress_data,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);

G_END_DECLS
