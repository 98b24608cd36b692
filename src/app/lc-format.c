/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-format"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

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
lc_format_day_time (LcDay day,
                    int   seconds)
{
  g_autofree char *day_text = lc_display_day (day);
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *time_text = NULL;

  if (seconds <= 0 || seconds >= 24 * 60 * 60)
    return g_steal_pointer (&day_text);
  time = g_date_time_new_utc (2000, 1, 1, seconds / 3600, seconds / 60 % 60, 0);
  /* Translators: a time of day, "10:15"; see strftime for the codes
   * ("%l:%M %p" for a 12-hour clock). */
  time_text = g_date_time_format (time, _("%H:%M"));
  /* Translators: a day and a time of day, "3 Feb 2026, 10:15". */
  return g_strdup_printf (C_("day and time", "%s, %s"), day_text, time_text);
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

const char *
lc_format_metric_heading (LcMetric metric)
{
  switch (metric)
    {
    case LC_METRIC_AOV:
      return _("Average order value");
    case LC_METRIC_UPT:
      return _("Items per order");
    case LC_METRIC_RETURN_RATE:
      return _("Return rate");
    case LC_METRIC_ORDERS:
      return _("Orders");
    case LC_METRIC_SESSIONS:
      return _("Visits");
    case LC_METRIC_CONVERSION:
      return _("Conversion rate");
    case LC_METRIC_RPV:
      return _("Revenue per visit");
    case LC_METRIC_REVENUE:
    default:
      return _("Revenue");
    }
}

char *
lc_format_last_sync (gint64 synced_utc,
                     gint64 now_utc)
{
  gint64 ago = now_utc - synced_utc;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *day = NULL;
  int year, month, mday;

  if (synced_utc < 0)
    return g_strdup (_("Not synced yet"));

  /* A clock set back a little still reads as just now. */
  if (ago < 60)
    return g_strdup (_("Last synced just now"));

  if (ago < 60 * 60)
    {
      int minutes = (int) (ago / 60);

      return g_strdup_printf (ngettext ("Last synced %d minute ago", "Last synced %d minutes ago", minutes),
                              minutes);
    }

  if (ago < 24 * 60 * 60)
    {
      int hours = (int) (ago / (60 * 60));

      return g_strdup_printf (ngettext ("Last synced %d hour ago", "Last synced %d hours ago", hours),
                              hours);
    }

  when = g_date_time_new_from_unix_local (synced_utc);
  g_date_time_get_ymd (when, &year, &month, &mday);
  day = lc_display_day (lc_day_from_ymd (year, month, mday));
  /* Translators: %s is a day, such as "3 Nov 2026". */
  return g_strdup_printf (_("Last synced on %s"), day);
}

/* The locale's decimal mark, "." where it has none. */
static const char *
decimal_point (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && point[0] != '\0' ? point : ".";
}

char *
lc_format_decimal_text (const char *ascii)
{
  g_auto(GStrv) parts = NULL;

  if (ascii == NULL)
    return g_strdup ("");
  parts = g_strsplit (ascii, ".", 2);
  return g_strjoinv (decimal_point (), parts);
}

gboolean
lc_format_parse_number (const char *text,
                        double     *out)
{
  const char *point = decimal_point ();
  /* The locale's thousands mark among the two people type. */
  char thousands = g_str_equal (point, ",") ? '.' : ',';
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *last_dot, *last_comma;
  char decimal = '\0';
  gboolean negative = FALSE;
  guint n_dots = 0, n_commas = 0;
  char *end = NULL;
  double value;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '-')
    {
      negative = TRUE;
      text++;
    }
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '.')
        n_dots++;
      else if (*p == ',')
        n_commas++;
      else if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  if (strspn (text, "0123456789") == 0 && *text != '.' && *text != ',')
    return FALSE;

  /* Both marks: the last one written is the decimal mark, once. Several of
   * one: they group thousands. One alone is the decimal mark, unless it is
   * the locale's thousands mark with three digits after it: "1.250" is
   * 1250 in Spanish, 1.25 in English. */
  last_dot = strrchr (text, '.');
  last_comma = strrchr (text, ',');
  if (n_dots > 0 && n_commas > 0)
    {
      decimal = last_dot > last_comma ? '.' : ',';
      if ((decimal == '.' && n_dots > 1) || (decimal == ',' && n_commas > 1))
        return FALSE;
    }
  else if (n_dots == 1 || n_commas == 1)
    {
      char mark = n_dots == 1 ? '.' : ',';
      const char *at = mark == '.' ? last_dot : last_comma;

      if (!(mark == thousands && strlen (at + 1) == 3 && at > text))
        decimal = mark;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == decimal)
        g_string_append_c (digits, '.');
    }
  if (digits->len == 0 || g_str_equal (digits->str, "."))
    return FALSE;
  value = g_ascii_strtod (digits->str, &end);
  if (*end != '\0' || !isfinite (value))
    return FALSE;
  *out = negative ? -value : value;
  return TRUE;
}
