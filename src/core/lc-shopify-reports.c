/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-reports"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-date.h"
#include "lc-import-private.h"
#include "lc-money.h"

/*
 * Shopify Analytics report exports.
 *
 * Reports over time ("Sessions over time", "Visitors over time", "Customer
 * behavior", "Checkout conversion rate over time"): the first column names
 * the period ("Day", "Date", "Week" or "Month"), one row per period, in date
 * order. They fill the sessions table: the total where the report has a
 * "Sessions" column, the sessions that completed checkout where it has that
 * one. A report compared with another period carries a second set of
 * columns, which is never read.
 *
 * Sales reports ("Total sales by product variant", "Total sales by
 * product"): one row per variant or product over the report's dates, which
 * the file does not carry, in a currency it does not name either.
 */

/* Sessions reports */

static const struct
{
  const char *column;
  const char *period;
} period_columns[] = {
  { "Day", "day" },
  { "Date", "day" },
  { "Week", "week" },
  { "Month", "month" },
};

#define SESSIONS_COLUMN  "Sessions"
#define COMPLETED_COLUMN "Sessions that completed checkout"

typedef struct
{
  LcImportContext *ctx;
  const char      *period;        /* "day", "week" or "month" */
  const char      *period_column; /* as the report names it */
  int              col_period;
  int              col_sessions;  /* -1 in checkout reports */
  int              col_completed; /* -1 when absent */
  gboolean         comparison;

  gboolean         any;
  LcDay            previous;
  int              direction;     /* +1 ascending, -1 descending, 0 not yet known */
  guint64          skipped;
} SessionsReader;

static int
find_period (LcCsvReader *reader)
{
  g_autofree char *first = NULL;

  if (lc_csv_reader_get_n_columns (reader) == 0)
    return -1;
  first = g_strstrip (g_strdup (lc_csv_reader_get_column_name (reader, 0)));
  for (guint i = 0; i < G_N_ELEMENTS (period_columns); i++)
    if (g_str_equal (first, period_columns[i].column))
      return (int) i;
  return -1;
}

gboolean
_lc_shopify_sessions_header_matches (LcCsvReader *reader)
{
  if (find_period (reader) < 0)
    return FALSE;
  /* Checkout reports ("Customer behavior") have no total but still the
   * sessions that completed checkout. */
  return _lc_import_find_column (reader, SESSIONS_COLUMN) >= 0 ||
         _lc_import_find_column (reader, COMPLETED_COLUMN) >= 0;
}

/* Shopify names a breakdown export after the report: "Sessions by social
 * referrer", "Sessions by device type"... */
static gboolean
named_as_breakdown (const char *display_name)
{
  g_autofree char *folded = g_ascii_strdown (display_name, -1);

  g_strdelimit (folded, "_-.", ' ');
  return strstr (folded, "sessions by ") != NULL;
}

static void
set_breakdown_error (SessionsReader  *r,
                     LcDay            day,
                     GError         **error)
{
  g_autofree char *shown = lc_day_format (day);
  g_autofree char *previous = lc_day_format (r->previous);

  if (day == r->previous)
    g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                 _("%s, line %lu: %s appears a second time, as in a breakdown of sessions such as "
                   "“Sessions by social referrer”. Liftcheck needs the store’s total sessions: in Shopify "
                   "admin, open Analytics, then Reports, choose “Sessions over time”, export it and import "
                   "that file instead."),
                 r->ctx->display_name, (gulong) lc_csv_reader_get_line (r->ctx->reader), shown);
  else
    g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                 _("%s, line %lu: the rows are not in date order (%s comes after %s), as in a breakdown "
                   "of sessions such as “Sessions by social referrer”, sorted by sessions. Liftcheck needs "
                   "the store’s total sessions: in Shopify admin, open Analytics, then Reports, choose "
                   "“Sessions over time”, export it and import that file instead."),
                 r->ctx->display_name, (gulong) lc_csv_reader_get_line (r->ctx->reader), shown, previous);
}

static gboolean
parse_period_start (SessionsReader  *r,
                    const char      *text,
                    LcDay           *out,
                    GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (g_str_equal (r->period, "month"))
    {
      g_autofree char *first = NULL;
      int year, month, mday;

      /* "2024-03" or its first day, "2024-03-01". */
      first = strlen (trimmed) == 7 ? g_strconcat (trimmed, "-01", NULL) : g_strdup (trimmed);
      if (!lc_day_parse (first, out, NULL) ||
          (lc_day_to_ymd (*out, &year, &month, &mday), mday != 1))
        {
          g_autofree char *detail = g_strdup_printf (_("“%s” is not a month; expected its first day, such as 2024-03-01, or 2024-03"),
                                                     text);

          _lc_import_set_value_error (r->ctx, r->period_column, detail, error);
          return FALSE;
        }
      return TRUE;
    }

  if (!lc_day_parse (trimmed, out, &local_error))
    {
      _lc_import_set_value_error (r->ctx, r->period_column, local_error->message, error);
      return FALSE;
    }
  if (g_str_equal (r->period, "week") && lc_day_get_weekday (*out) != 1)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a Monday. Liftcheck’s weeks run from Monday to Sunday, "
                                                   "so a week starting on another day would be matched with the wrong "
                                                   "orders; export this report by day instead"),
                                                 text);

      _lc_import_set_value_error (r->ctx, r->period_column, detail, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_sessions (SessionsReader  *r,
                int              index,
                const char      *column,
                gint64          *out,
                GError         **error)
{
  const char *text = lc_csv_reader_get_field (r->ctx->reader, index);

  if (text[0] == '\0')
    {
      _lc_import_set_value_error (r->ctx, column, _("the number is missing; expected a whole number such as 1234"), error);
      return FALSE;
    }
  if (!_lc_import_parse_count (text, FALSE, out))
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a number of sessions; expected a whole number such as 1234"),
                                                 text);

      _lc_import_set_value_error (r->ctx, column, detail, error);
      return FALSE;
    }
  return TRUE;
}

/* Over-time reports come in date order, one row per period, oldest or
 * newest first. Anything else is a breakdown (one row per referrer, device...)
 * sorted by its figures, whose sessions are not the store's total. */
static gboolean
check_order (SessionsReader  *r,
             LcDay            day,
             GError         **error)
{
  int direction;

  if (!r->any)
    return TRUE;
  direction = day > r->previous ? 1 : -1;
  if (day == r->previous || (r->direction != 0 && direction != r->direction))
    {
      set_breakdown_error (r, day, error);
      return FALSE;
    }
  r->direction = direction;
  return TRUE;
}

static gboolean
read_sessions_row (gpointer   data,
                   GError   **error)
{
  SessionsReader *r = data;
  LcImportContext *ctx = r->ctx;
  const char *period_text = lc_csv_reader_get_field (ctx->reader, r->col_period);
  sqlite3_stmt *stmt;
  gint64 sessions = 0;
  gint64 completed = 0;
  LcDay day;
  int rc;

  if (period_text[strspn (period_text, " \t")] == '\0')
    {
      /* A comparison with a longer period leaves the report's own dates
       * empty on its last rows. */
      if (r->comparison)
        {
          r->skipped++;
          return TRUE;
        }
      _lc_import_set_value_error (ctx, r->period_column, _("the date is missing"), error);
      return FALSE;
    }

  if (!parse_period_start (r, period_text, &day, error) ||
      !check_order (r, day, error) ||
      (r->col_sessions >= 0 && !parse_sessions (r, r->col_sessions, SESSIONS_COLUMN, &sessions, error)) ||
      (r->col_completed >= 0 && !parse_sessions (r, r->col_completed, COMPLETED_COLUMN, &completed, error)))
    return FALSE;
  r->any = TRUE;
  r->previous = day;

  /* A later report wins for the figures it has and leaves the others. */
  stmt = _lc_store_prepare (ctx->store,
                            "INSERT INTO sessions (period, start_day, sessions, converted) VALUES (?1, ?2, ?3, ?4) "
                            "ON CONFLICT (period, start_day) DO UPDATE SET "
                            "sessions = COALESCE (excluded.sessions, sessions), "
                            "converted = COALESCE (excluded.converted, converted)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->period, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, day);
  if (r->col_sessions >= 0)
    sqlite3_bind_int64 (stmt, 3, sessions);
  if (r->col_completed >= 0)
    sqlite3_bind_int64 (stmt, 4, completed);
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
add_sessions_notes (SessionsReader *r)
{
  LcImportContext *ctx = r->ctx;

  if (r->col_sessions < 0)
    _lc_import_warn (ctx, _("This report has no “Sessions” column, so it adds only the sessions that completed "
                            "checkout. For conversion rates, also import a “Sessions over time” report for the same dates."));
  if (g_str_equal (r->period, "week"))
    _lc_import_warn (ctx, _("If the report’s dates began or ended in the middle of a week, its first or last week "
                            "covers only part of that week, and the file does not say so. Export by day for exact "
                            "figures at the edges."));
  else if (g_str_equal (r->period, "month"))
    _lc_import_warn (ctx, _("If the report’s dates began or ended in the middle of a month, its first or last month "
                            "covers only part of that month, and the file does not say so. Export by day for exact "
                            "figures at the edges."));
  if (r->skipped > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%lu row had a date only in the comparison columns and was left out.",
                                              "%lu rows had dates only in the comparison columns and were left out.",
                                              r->skipped),
                                 (gulong) r->skipped);
      _lc_import_warn (ctx, message);
    }
}

gboolean
_lc_shopify_sessions_import (LcImportContext  *ctx,
                             GError          **error)
{
  SessionsReader r = { 0 };
  gboolean ok = TRUE;
  int period = find_period (ctx->reader);

  g_assert (period >= 0);

  if (named_as_breakdown (ctx->display_name))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                   _("%s is a breakdown of sessions (such as “Sessions by social referrer”), not the store’s "
                     "total sessions over time, so conversion rates cannot be worked out from it. In Shopify "
                     "admin, open Analytics, then Reports, choose “Sessions over time”, export it and import "
                     "that file instead."),
                   ctx->display_name);
      return FALSE;
    }

  r.ctx = ctx;
  r.period = period_columns[period].period;
  r.period_column = period_columns[period].column;
  r.col_period = 0;
  r.col_sessions = _lc_import_find_column (ctx->reader, SESSIONS_COLUMN);
  r.col_completed = _lc_import_find_column (ctx->reader, COMPLETED_COLUMN);
  r.comparison = _lc_import_has_comparison (ctx->reader);

  if (ok)
    ok = _lc_import_read_rows (ctx, read_sessions_row, &r, error);
  if (ok && !r.any)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                   _("%s has the columns of a Shopify sessions report but no rows."),
                   ctx->display_name);
      ok = FALSE;
    }
  if (ok)
    add_sessions_notes (&r);
  return ok;
}

/* Sales reports */

typedef enum
{
  SALES_TITLE,
  SALES_VARIANT,
  SALES_SKU,
  SALES_VENDOR,
  SALES_TYPE,
  SALES_NET_ITEMS,
  SALES_GROSS,
  SALES_DISCOUNTS,
  SALES_RETURNS,
  SALES_NET,
  SALES_TAXES,
  SALES_TOTAL,
  N_SALES_COLS
} SalesColumn;

static const char * const sales_columns[N_SALES_COLS] = {
  [SALES_TITLE]     = "Product title",
  [SALES_VARIANT]   = "Product variant title",
  [SALES_SKU]       = "Product variant SKU",
  [SALES_VENDOR]    = "Product vendor",
  [SALES_TYPE]      = "Product type",
  [SALES_NET_ITEMS] = "Net items sold",
  [SALES_GROSS]     = "Gross sales",
  [SALES_DISCOUNTS] = "Discounts",
  [SALES_RETURNS]   = "Returns",
  [SALES_NET]       = "Net sales",
  [SALES_TAXES]     = "Taxes",
  [SALES_TOTAL]     = "Total sales",
};

typedef struct
{
  LcImportContext *ctx;
  int              col[N_SALES_COLS];
  guint            exponent;
} SalesReader;

LcImportKind
_lc_shopify_sales_detect (LcCsvReader *reader)
{
  static const SalesColumn required[] = { SALES_TITLE, SALES_NET_ITEMS, SALES_GROSS, SALES_RETURNS };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (_lc_import_find_column (reader, sales_columns[required[i]]) < 0)
      return LC_IMPORT_KIND_UNKNOWN;
  if (_lc_import_find_column (reader, sales_columns[SALES_VARIANT]) >= 0 ||
      _lc_import_find_column (reader, sales_columns[SALES_SKU]) >= 0)
    return LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT;
  return LC_IMPORT_KIND_SHOPIFY_SALES_BY_PRODUCT;
}

static const char *
sales_field (SalesReader *r,
             SalesColumn  column)
{
  return r->col[column] < 0 ? "" : lc_csv_reader_get_field (r->ctx->reader, r->col[column]);
}

/* An amount, or FALSE with *present unset for an empty optional cell. */
static gboolean
parse_sales_money (SalesReader  *r,
                   SalesColumn   column,
                   gboolean      required,
                   gint64       *out,
                   gboolean     *present,
                   GError      **error)
{
  const char *text = sales_field (r, column);
  g_autoptr(GError) local_error = NULL;

  *present = FALSE;
  *out = 0;
  if (text[0] == '\0')
    {
      if (!required)
        return TRUE;
      _lc_import_set_value_error (r->ctx, sales_columns[column], _("the amount is missing"), error);
      return FALSE;
    }
  if (!lc_money_parse (text, r->exponent, out, &local_error))
    {
      _lc_import_set_value_error (r->ctx, sales_columns[column], local_error->message, error);
      return FALSE;
    }
  *present = TRUE;
  return TRUE;
}

/* The reports write discounts and returns as negative amounts; the store
 * keeps money taken off as a positive number. */
static gint64
amount_taken_off (SalesReader *r,
                  gint64       value)
{
  if (value > 0)
    {
      g_autofree char *message = g_strdup_printf (_("Line %lu has a positive discount or return; Shopify writes them as "
                                                    "negative numbers. It was read as money taken off all the same."),
                                                  (gulong) lc_csv_reader_get_line (r->ctx->reader));

      _lc_import_warn (r->ctx, message);
      return value;
    }
  return -value;
}

static gboolean
read_sales_row (gpointer   data,
                GError   **error)
{
  SalesReader *r = data;
  LcImportContext *ctx = r->ctx;
  const char *items_text = sales_field (r, SALES_NET_ITEMS);
  gint64 items, gross, discounts, returns, net, taxes, total;
  gboolean has_gross, has_discounts, has_returns, has_net, has_taxes, has_total;
  sqlite3_stmt *stmt;
  int rc;

  if (!_lc_import_parse_count (items_text, TRUE, &items))
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a number of items; expected a whole number such as 12 or -1"),
                                                 items_text);

      _lc_import_set_value_error (ctx, sales_columns[SALES_NET_ITEMS], detail, error);
      return FALSE;
    }
  if (!parse_sales_money (r, SALES_GROSS, TRUE, &gross, &has_gross, error) ||
      !parse_sales_money (r, SALES_DISCOUNTS, FALSE, &discounts, &has_discounts, error) ||
      !parse_sales_money (r, SALES_RETURNS, TRUE, &returns, &has_returns, error) ||
      !parse_sales_money (r, SALES_NET, FALSE, &net, &has_net, error) ||
      !parse_sales_money (r, SALES_TAXES, FALSE, &taxes, &has_taxes, error) ||
      !parse_sales_money (r, SALES_TOTAL, FALSE, &total, &has_total, error))
    return FALSE;

  stmt = _lc_store_prepare (ctx->store,
                            "INSERT INTO variant_sales (report, product, variant, sku, vendor, product_type, "
                            "net_items, gross_sales, discounts, returns, net_sales, taxes, total_sales, exponent, import_id) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->result->kind == LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT ? "variant" : "product",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sales_field (r, SALES_TITLE), -1, SQLITE_TRANSIENT);
  _lc_store_bind_text_or_null (stmt, 3, sales_field (r, SALES_VARIANT));
  _lc_store_bind_text_or_null (stmt, 4, sales_field (r, SALES_SKU));
  _lc_store_bind_text_or_null (stmt, 5, sales_field (r, SALES_VENDOR));
  _lc_store_bind_text_or_null (stmt, 6, sales_field (r, SALES_TYPE));
  sqlite3_bind_int64 (stmt, 7, items);
  sqlite3_bind_int64 (stmt, 8, gross);
  sqlite3_bind_int64 (stmt, 9, amount_taken_off (r, discounts));
  sqlite3_bind_int64 (stmt, 10, amount_taken_off (r, returns));
  if (has_net)
    sqlite3_bind_int64 (stmt, 11, net);
  if (has_taxes)
    sqlite3_bind_int64 (stmt, 12, taxes);
  if (has_total)
    sqlite3_bind_int64 (stmt, 13, total);
  sqlite3_bind_int (stmt, 14, (int) r->exponent);
  sqlite3_bind_int64 (stmt, 15, ctx->import_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (ctx->store, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_lc_shopify_sales_import (LcImportContext  *ctx,
                          GError          **error)
{
  SalesReader r = { 0 };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  r.ctx = ctx;
  r.exponent = lc_store_get_exponent (ctx->store);
  for (guint i = 0; i < N_SALES_COLS; i++)
    r.col[i] = _lc_import_find_column (ctx->reader, sales_columns[i]);

  /* The report covers dates the file does not carry, so rows of two
   * reports cannot be told apart: the latest report of a kind replaces the
   * one before. */
  stmt = _lc_store_prepare (ctx->store, "DELETE FROM variant_sales WHERE report = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->result->kind == LC_IMPORT_KIND_SHOPIFY_SALES_BY_VARIANT ? "variant" : "product",
                     -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (ctx->store, error);
      return FALSE;
    }

  if (ok)
    ok = _lc_import_read_rows (ctx, read_sales_row, &r, error);
  if (ok && ctx->result->rows == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                   _("%s has the columns of a Shopify sales report but no rows."),
                   ctx->display_name);
      ok = FALSE;
    }
  if (ok && lc_store_get_currency (ctx->store) == NULL)
    _lc_import_warn (ctx, _("The report does not say its currency, and this store has no orders yet to tell it; "
                            "the amounts were read with two decimals. Import the store’s orders export as well."));
  return ok;
}
