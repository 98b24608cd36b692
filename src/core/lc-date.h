/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LC_DATE_ERROR (lc_date_error_quark ())

typedef enum
{
  LC_DATE_ERROR_INVALID,
  LC_DATE_ERROR_OUT_OF_RANGE,
} LcDateError;

/* A calendar day as the number of days since 1970-01-01 (may be negative). */
typedef gint32 LcDay;

typedef struct
{
  LcDay  local_day;   /* the store's calendar day, as written in the export */
  gint64 utc;         /* Unix seconds */
  gint32 offset;      /* seconds east of UTC as written (0 when absent) */
  gboolean has_offset;
} LcTimestamp;

GQuark   lc_date_error_quark     (void);

/*
 * Parses the timestamps exports carry:
 *   "2025-12-07 19:08:25 +0000", "2023-11-04 12:19:55 -0700" (Shopify),
 *   "2024-03-10T02:30:00-05:00", "2024-03-10T07:30:00Z" (APIs, ISO 8601),
 *   "2024-03-10 02:30:00", "2024-03-10 02:30", "2024-03-10" (no offset:
 *   taken as the store's local time, utc computed with offset 0).
 * Years 1900..2200 only. The message names the text and the expected form.
 */
gboolean lc_timestamp_parse      (const char  *text,
                                  LcTimestamp *out,
                                  GError     **error);

LcDay    lc_day_from_ymd         (int year, int month, int day);
void     lc_day_to_ymd           (LcDay day, int *year, int *month, int *mday);
/* "YYYY-MM-DD" */
gboolean lc_day_parse            (const char *text, LcDay *out, GError **error);
char    *lc_day_format           (LcDay day);
/* 1 = Monday ... 7 = Sunday */
int      lc_day_get_weekday      (LcDay day);
/* The Monday that starts the ISO week holding day. */
LcDay    lc_day_week_start       (LcDay day);
/* The first day of the month holding day. */
LcDay    lc_day_month_start      (LcDay day);
/* Black Friday: the day after US Thanksgiving (the fourth Thursday of
 * November). With Christmas Eve it bounds the peak season of PLAYBOOK.md. */
LcDay    lc_day_black_friday     (int year);
/* TRUE when [from, to] overlaps a Black Friday to Christmas Eve peak. */
gboolean lc_day_range_has_peak   (LcDay from, LcDay to);
/* Adds months, clamping the day of month (Jan 31 + 1 month = Feb 28/29). */
LcDay    lc_day_add_months       (LcDay day, int months);

G_END_DECLS
