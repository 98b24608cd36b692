/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-klaviyo"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-date.h"
#include "lc-import-private.h"
#include "lc-money.h"

/*
 * Klaviyo campaign reports: one row per campaign, or per campaign group
 * ("Group Id", "List/Segment") over a date, with the value of the orders
 * Klaviyo attributes to it ("Total Placed Order Value"). Only e-mail rows are
 * kept: the e-mail share of revenue is about e-mail. The date may be a whole
 * year ("2024") or month ("2024-03"); each row keeps the span it covers.
 */

typedef enum
{
  COL_DATE,
  COL_ID,
  COL_NAME,
  COL_REVENUE,
  COL_CHANNEL,
  N_COLS
} Column;

/* Each column by the names Klaviyo's custom reports and campaign exports
 * give it, the first the one used in messages. */
static const char * const column_names[N_COLS][4] = {
  [COL_DATE]    = { "Date", "Send Time", "Send Date", NULL },
  [COL_ID]      = { "Group Id", "Campaign ID", "Campaign Id", NULL },
  [COL_NAME]    = { "List/Segment", "Campaign Name", NULL },
  [COL_REVENUE] = { "Total Placed Order Value", NULL },
  [COL_CHANNEL] = { "Campaign Message Channel", "Campaign Channel", "Channel", NULL },
};

typedef struct
{
  LcImportContext *ctx;
  int              col[N_COLS];
  guint            exponent;
  GHashTable      *seen;          /* source ids written by this file */
  guint64          other_channels;
  gboolean         whole_years;
} Reader;

static int
find (LcCsvReader *reader,
      Column       column)
{
  for (guint i = 0; column_names[column][i] != NULL; i++)
    {
      int index = _lc_import_find_column (reader, column_names[column][i]);

      if (index >= 0)
        return index;
    }
  return -1;
}

gboolean
_lc_klaviyo_header_matches (LcCsvReader *reader)
{
  return find (reader, COL_REVENUE) >= 0 && find (reader, COL_DATE) >= 0;
}

static const char *
field (Reader *r,
       Column  column)
{
  return r->col[column] < 0 ? "" : lc_csv_reader_get_field (r->ctx->reader, r->col[column]);
}

static gboolean
all_digits (const char *text,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* "2024" is the whole year, "2024-03" the whole month, a day or a send time
 * that day. */
static gboolean
parse_span (Reader      *r,
            LcDay       *start,
            LcDay       *end,
            GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (field (r, COL_DATE)));
  gsize len = strlen (text);
  LcTimestamp when;

  if (len == 4 && all_digits (text, 4))
    {
      int year = atoi (text);

      if (year >= 1900 && year <= 2200)
        {
          *start = lc_day_from_ymd (year, 1, 1);
          *end = lc_day_from_ymd (year, 12, 31);
          r->whole_years = TRUE;
          return TRUE;
        }
    }
  else if (len == 7 && text[4] == '-')
    {
      g_autofree char *first = g_strconcat (text, "-01", NULL);

      if (lc_day_parse (first, start, NULL))
        {
          *end = lc_day_add_months (*start, 1) - 1;
          return TRUE;
        }
    }
  else if (lc_timestamp_parse (text, &when, NULL))
    {
      *start = *end = when.local_day;
      return TRUE;
    }

  {
    g_autofree char *detail = g_strdup_printf (_("“%s” is not a date; expected a year such as 2024, a month such as "
                                                 "2024-03, or a day such as 2024-03-10"),
                                               field (r, COL_DATE));

    _lc_import_set_value_error (r->ctx, column_names[COL_DATE][0], detail, error);
  }
  return FALSE;
}

static gboolean
parse_revenue (Reader  *r,
               gint64  *out,
               GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (field (r, COL_REVENUE)));
  g_autoptr(GError) local_error = NULL;

  /* Klaviyo writes N/A where nothing can be attributed. */
  if (text[0] == '\0' || g_ascii_strcasecmp (text, "N/A") == 0)
    {
      *out = 0;
      return TRUE;
    }
  if (!lc_money_parse (text, r->exponent, out, &local_error))
    {
      _lc_import_set_value_error (r->ctx, column_names[COL_REVENUE][0], local_error->message, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_email (Reader *r)
{
  g_autofree char *channel = NULL;

  if (r->col[COL_CHANNEL] < 0)
    return TRUE;
  channel = g_strstrip (g_strdup (field (r, COL_CHANNEL)));
  return g_ascii_strcasecmp (channel, "Email") == 0 || g_ascii_strcasecmp (channel, "E-mail") == 0;
}

static gboolean
step (Reader        *r,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (r->ctx->store, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_row (gpointer   data,
          GError   **error)
{
  Reader *r = data;
  LcImportContext *ctx = r->ctx;
  const char *id = field (r, COL_ID);
  const char *name = field (r, COL_NAME);
  g_autofree char *source_id = NULL;
  sqlite3_stmt *stmt;
  gint64 revenue;
  LcDay start, end;

  if (!parse_span (r, &start, &end, error) || !parse_revenue (r, &revenue, error))
    return FALSE;
  if (!is_email (r))
    {
      r->other_channels++;
      return TRUE;
    }

  source_id = g_strdup_printf ("klaviyo:%s:%d:%d", id[0] != '\0' ? id : name, start, end);

  /* The same group twice in one file (a report split by another column):
   * its rows add up. From another file, the later one wins. */
  if (g_hash_table_contains (r->seen, source_id))
    {
      stmt = _lc_store_prepare (ctx->store, "UPDATE email_revenue SET revenue = revenue + ? WHERE source_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, revenue);
      sqlite3_bind_text (stmt, 2, source_id, -1, SQLITE_STATIC);
      return step (r, stmt, error);
    }

  stmt = _lc_store_prepare (ctx->store,
                            "INSERT INTO email_revenue (start_day, end_day, campaign, revenue, source_id, exponent) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                            "ON CONFLICT (source_id) DO UPDATE SET start_day = excluded.start_day, "
                            "end_day = excluded.end_day, campaign = excluded.campaign, revenue = excluded.revenue, "
                            "recipients = NULL, orders = NULL, exponent = excluded.exponent",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, start);
  sqlite3_bind_int (stmt, 2, end);
  if (name[0] != '\0' || id[0] != '\0')
    sqlite3_bind_text (stmt, 3, name[0] != '\0' ? name : id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, revenue);
  sqlite3_bind_text (stmt, 5, source_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, (int) r->exponent);
  if (!step (r, stmt, error))
    return FALSE;
  g_hash_table_add (r->seen, g_steal_pointer (&source_id));
  return TRUE;
}

static void
add_notes (Reader *r)
{
  LcImportContext *ctx = r->ctx;

  if (r->whole_years)
    _lc_import_warn (ctx, _("The report gives whole years as its dates (such as 2024), so each row’s revenue is "
                            "taken as spread evenly over its year when it is compared with your sales."));
  if (r->other_channels > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%lu row for another channel than e-mail (such as SMS) was left out: "
                                              "Liftcheck counts e-mail revenue only.",
                                              "%lu rows for other channels than e-mail (such as SMS) were left out: "
                                              "Liftcheck counts e-mail revenue only.",
                                              r->other_channels),
                                 (gulong) r->other_channels);
      _lc_import_warn (ctx, message);
    }
  if (r->col[COL_CHANNEL] < 0)
    _lc_import_warn (ctx, _("The report has no channel column, so every row was taken as e-mail. If it includes "
                            "text-message campaigns, add “Campaign Message Channel” to the report and export it again."));
  if (lc_store_get_currency (ctx->store) == NULL)
    _lc_import_warn (ctx, _("The report does not say its currency, and this store has no orders yet to tell it; "
                            "the amounts were read with two decimals. Import the store’s orders export as well."));
}

gboolean
_lc_klaviyo_import (LcImportContext  *ctx,
                    GError          **error)
{
  Reader r = { 0 };
  gboolean ok = TRUE;

  r.ctx = ctx;
  r.exponent = lc_store_get_exponent (ctx->store);
  r.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < N_COLS; i++)
    r.col[i] = find (ctx->reader, i);

  ok = _lc_import_read_rows (ctx, read_row, &r, error);
  if (ok && ctx->result->rows == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                   _("%s has the columns of a Klaviyo campaign report but no rows."),
                   ctx->display_name);
      ok = FALSE;
    }
  if (ok)
    add_notes (&r);
  g_hash_table_unref (r.seen);
  return ok;
}
