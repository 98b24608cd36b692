/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-display.h"
#include "lc-format.h"

char *
lc_format_money (double      amount,
                 const char *currency)
{
  return lc_display_money (amount, currency, -1);
}

char *
lc_format_money_whole (double      amount,
                       const char *currency)
{
  return lc_display_money (amount, currency, 0);
}

char *
lc_format_ratio (double value)
{
  return g_strdup_printf ("%.2f", value);
}

char *
lc_format_percent (double fraction)
{
  /* Translators: a percentage with one decimal, such as "4.2%". Keep %.1f
   * and write %% for the percent sign; add a space if your language does. */
  return g_strdup_printf (_("%.1f%%"), fraction * 100.0);
}

char *
lc_format_day_range (LcDay first,
                     LcDay last)
{
  g_autofree char *first_text = lc_display_day (first);
  g_autofree char *last_text = lc_display_day (last);

  /* Translators: a span of days, such as "1 Nov 2024 – 31 Oct 2026". */
  return g_strdup_printf (_("%s – %s"), first_text, last_text);
}

char *
lc_format_metric (double      value,
                  LcMetric    metric,
                  const char *currency)
{
  switch (metric)
    {
    case LC_METRIC_REVENUE:
      return lc_format_money_whole (value, currency);
    case LC_METRIC_AOV:
    case LC_METRIC_RPV:
      return lc_format_money (value, currency);
    case LC_METRIC_ORDERS:
    case LC_METRIC_SESSIONS:
      return lc_display_count ((gint64) (value + (value < 0 ? -0.5 : 0.5)));
    case LC_METRIC_RETURN_RATE:
    case LC_METRIC_CONVERSION:
      return lc_format_percent (value);
    case LC_METRIC_UPT:
    default:
      return lc_format_ratio (value);
    }
}

char *
lc_format_metric_change (double      change,
                         LcMetric    metric,
                         const char *currency)
{
  /* U+2212 MINUS SIGN reads better than a hyphen beside a number. */
  const char *sign = change < 0 ? "\u2212" : "+";
  g_autofree char *magnitude = NULL;

  switch (metric)
    {
    case LC_METRIC_RETURN_RATE:
    case LC_METRIC_CONVERSION:
      /* Translators: a change of a percentage, in percentage points:
       * "+1.2 points". %s is the sign, %.1f the number. */
      return g_strdup_printf (_("%s%.1f points"), sign, fabs (change) * 100.0);
    default:
      magnitude = lc_format_metric (fabs (change), metric, currency);
      return g_strconcat (sign, magnitude, NULL);
    }
}

char *
lc_format_relative_change (double fraction)
{
  const char *sign = fraction < 0 ? "\u2212" : "+";

  /* Translators: a relative change, "+4.3%": %s is the sign, %.1f the
   * number; write %% for the percent sign. */
  return g_strdup_printf (_("%s%.1f%%"), sign, fabs (fraction) * 100.0);
}
