/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-date.h"

G_BEGIN_DECLS

/* How a date column writes its days. */
typedef enum
{
  LC_DATE_ORDER_AUTO,    /* decided from the whole column */
  LC_DATE_ORDER_YMD,     /* 2024-03-10, 2024/03/10, ISO 8601 with time and offset */
  LC_DATE_ORDER_DMY,     /* 10/03/2024, 10.03.24 */
  LC_DATE_ORDER_MDY,     /* 3/10/2024, 3/10/24 8:26 */
  LC_DATE_ORDER_SERIAL,  /* spreadsheet day numbers: 45361, 45361.35 */
} LcDateOrder;

/* For people: "day/month/year"; NULL for AUTO. */
const char  *lc_date_order_get_title     (LcDateOrder order);
/* "auto", "ymd", "dmy", "mdy", "serial"; and back (FALSE when unknown). */
const char  *lc_date_order_to_string     (LcDateOrder order);
gboolean     lc_date_order_from_string   (const char  *text,
                                          LcDateOrder *out);

/*
 * Deciding a column's date order from all its values, never row by row:
 * "12/1/10" is the 12th of January or the 1st of December depending on
 * the rest of the column. Feed every value with lc_date_column_add(); the
 * state is a few counters (memory does not grow with the file).
 *
 * - Year first (2024-03-10, ISO 8601), spreadsheet serial numbers
 *   (Excel's day numbers, 1900 system: 45361 is 2024-03-10) and
 *   number/number/year dates are three different forms: a column mixing
 *   them is refused, naming the first line that differs.
 * - number/number/year: a first number above 12 means day first; a
 *   second above 12, month first. Both in one column is refused, naming
 *   both lines. When no value tells (every day is 12 or less), the order
 *   that keeps consecutive rows closest in time is chosen (exports are
 *   sorted by date), month first on a tie, and a warning says so.
 * - Two-digit years: 00-69 are 2000-2069 and 70-99 are 1970-1999 (the
 *   POSIX strptime pivot, as spreadsheets use).
 * - Times after the day ("8:26", "20:41:05", "8:26 PM") are kept; the
 *   day is the store's local day as written.
 */
typedef struct _LcDateColumn LcDateColumn;

LcDateColumn *lc_date_column_new         (void);
void          lc_date_column_free        (LcDateColumn  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcDateColumn, lc_date_column_free)

/* Empty values are ignored. line: where the value is, for messages. */
void          lc_date_column_add         (LcDateColumn  *self,
                                          const char    *text,
                                          guint64        line);
/* Values added so far that were not empty. */
guint64       lc_date_column_get_n_values (LcDateColumn *self);
/*
 * The order of the column. display_name and column name the file and
 * column in messages ("orders.csv, line 12, column “Date”: …"). FALSE with
 * LC_DATE_ERROR_INVALID when a value is no date or the forms are mixed.
 * *out_warning (may be NULL) gets a translated note when the order was
 * chosen without a value that tells, else NULL.
 */
gboolean      lc_date_column_decide      (LcDateColumn  *self,
                                          const char    *display_name,
                                          const char    *column,
                                          LcDateOrder   *out_order,
                                          char         **out_warning,
                                          GError       **error);

/* Parses one value written in order (not AUTO). The message says what was
 * expected. */
gboolean      lc_date_parse_with_order   (const char    *text,
                                          LcDateOrder    order,
                                          LcTimestamp   *out,
                                          GError       **error);

G_END_DECLS
