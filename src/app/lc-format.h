/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lc-date.h"
#include "lc-metrics.h"

G_BEGIN_DECLS

/* How the app writes numbers for the owner. Money, counts and days come
 * from the core's lc-display.h, so the app and the CLI agree. */

/* Money in major units with the currency's minor digits and the locale's
 * grouping: "$70.12", "£42.11", "1,625.00 BDT"; currency NULL (not known
 * yet): the number alone, with two decimals. */
char *lc_format_money       (double      amount,
                             const char *currency);
/* The same rounded to whole units, for large sums: "$2,431,876". */
char *lc_format_money_whole (double      amount,
                             const char *currency);
/* A ratio with two decimals, such as units per order: "1.63". */
char *lc_format_ratio       (double      value);
/* A fraction as a percentage with one decimal: 0.0421 -> "4.2%". */
char *lc_format_percent     (double      fraction);
/* A day, with the time of day when seconds (since midnight) is not 0:
 * "3 Feb 2026", "3 Feb 2026, 10:15". */
char *lc_format_day_time    (LcDay       day,
                             int         seconds);
/* "1 Nov 2024 – 31 Oct 2026" */
char *lc_format_day_range   (LcDay       first,
                             LcDay       last);

/* A value of metric the way the owner reads it: money, a count, items per
 * order or a percentage. */
char *lc_format_metric      (double      value,
                             LcMetric    metric,
                             const char *currency);
/* A change of metric with its sign: "+$2.90", "−0.18", "+1.2 points". */
char *lc_format_metric_change (double      change,
                               LcMetric    metric,
                               const char *currency);
/* A metric's name as a heading: "Average order value". */
const char *lc_format_metric_heading (LcMetric metric);
/* A relative change: 0.043 -> "+4.3%". */
char *lc_format_relative_change (double  fraction);
/* When a store last synced, as of now (both Unix seconds): "Last synced
 * just now", "Last synced 5 minutes ago", "… 3 hours ago", then the day
 * ("Last synced on 3 Nov 2026"); synced_utc < 0: "Not synced yet". */
char *lc_format_last_sync       (gint64  synced_utc,
                                 gint64  now_utc);

/* A stored decimal ("12.5") with the locale's decimal mark: "12,5" in
 * Spanish. NULL gives "". */
char     *lc_format_decimal_text (const char *ascii);
/* Reads a number the owner typed, written the locale's way or the English
 * one: "1.250.000" and "12,5" in Spanish, "1,250,000" and "12.5" in
 * English. A lone mark is the decimal one, unless it is the locale's
 * thousands mark before exactly three digits ("1.250" is 1250 in Spanish,
 * 1.25 in English). Only digits, marks and a leading minus; FALSE for
 * anything else. */
gboolean  lc_format_parse_number (const char *text,
                                  double     *out);

G_END_DECLS
