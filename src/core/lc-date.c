/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-date"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-date.h"

/* Calendar arithmetic is plain integer math on the proleptic Gregorian
 * calendar: no GDateTime, no time zone database, and fast enough to run on
 * every row of a large export. */

#define MIN_YEAR         1900
#define MAX_YEAR         2200
#define MAX_OFFSET       (14 * 3600)
#define SECONDS_PER_DAY  86400
/* Longer input is cut in error messages. */
#define MAX_QUOTED_CHARS 40

G_DEFINE_QUARK (lc-date-error-quark, lc_date_error)

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Howard Hinnant's days_from_civil, with years starting in March so the
 * leap day comes last. */
LcDay
lc_day_from_ymd (int year,
                 int month,
                 int day)
{
  gint64 y;
  gint64 era;
  gint64 year_of_era;
  gint64 day_of_year;
  gint64 day_of_era;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  y = (gint64) year - (month <= 2);
  era = floor_div (y, 400);
  year_of_era = y - era * 400;
  day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return (LcDay) (era * 146097 + day_of_era - 719468);
}

void
lc_day_to_ymd (LcDay  day,
               int   *year,
               int   *month,
               int   *mday)
{
  gint64 z = (gint64) day + 719468;
  gint64 era = floor_div (z, 146097);
  gint64 day_of_era = z - era * 146097;
  gint64 year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  gint64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  gint64 mp = (5 * day_of_year + 2) / 153;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;

  if (year != NULL)
    *year = (int) (year_of_era + era * 400 + (m <= 2));
  if (month != NULL)
    *month = (int) m;
  if (mday != NULL)
    *mday = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
}

char *
lc_day_format (LcDay day)
{
  int year;
  int month;
  int mday;

  lc_day_to_ymd (day, &year, &month, &mday);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, mday);
}

int
lc_day_get_weekday (LcDay day)
{
  /* 1970-01-01 was a Thursday (4). */
  gint64 monday_based = ((gint64) day + 3) % 7;

  if (monday_based < 0)
    monday_based += 7;
  return (int) monday_based + 1;
}

LcDay
lc_day_week_start (LcDay day)
{
  return day - (lc_day_get_weekday (day) - 1);
}

LcDay
lc_day_month_start (LcDay day)
{
  int year;
  int month;

  lc_day_to_ymd (day, &year, &month, NULL);
  return lc_day_from_ymd (year, month, 1);
}

LcDay
lc_day_add_months (LcDay day,
                   int   months)
{
  int year;
  int month;
  int mday;
  gint64 total;
  int new_year;
  int new_month;

  lc_day_to_ymd (day, &year, &month, &mday);
  total = (gint64) year * 12 + (month - 1) + months;
  new_year = (int) floor_div (total, 12);
  new_month = (int) (total - (gint64) new_year * 12) + 1;
  return lc_day_from_ymd (new_year, new_month, MIN (mday, days_in_month (new_year, new_month)));
}

/* The text as shown in a message: valid UTF-8, cut when long. */
static char *
quote_for_message (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) <= MAX_QUOTED_CHARS)
    return g_steal_pointer (&valid);
  cut = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);
  return g_strconcat (cut, "…", NULL);
}

/* Reads exactly n digits; stops at the NUL without reading past it. */
static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (!g_ascii_isdigit (c))
        return FALSE;
      value = value * 10 + (c - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

typedef enum
{
  PARSE_OK,
  PARSE_MALFORMED,
  PARSE_NO_SUCH_DAY,
  PARSE_OUT_OF_RANGE,
} ParseResult;

/* "YYYY-MM-DD" at *p. */
static ParseResult
read_date (const char **p,
           LcDay       *out)
{
  int year;
  int month;
  int mday;

  if (!read_digits (p, 4, &year) || *(*p)++ != '-' ||
      !read_digits (p, 2, &month) || *(*p)++ != '-' ||
      !read_digits (p, 2, &mday))
    return PARSE_MALFORMED;
  if (month < 1 || month > 12 || mday < 1 || mday > days_in_month (year, month))
    return PARSE_NO_SUCH_DAY;
  if (year < MIN_YEAR || year > MAX_YEAR)
    return PARSE_OUT_OF_RANGE;

  *out = lc_day_from_ymd (year, month, mday);
  return PARSE_OK;
}

/* Copies text without surrounding spaces, for exact matching. */
static char *
strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static void
set_out_of_range_error (GError     **error,
                        const char  *text)
{
  g_autofree char *shown = quote_for_message (text);

  g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_OUT_OF_RANGE,
               _("“%s” is outside the years %d to %d that Liftcheck accepts."),
               shown, MIN_YEAR, MAX_YEAR);
}

static void
set_no_such_day_error (GError     **error,
                       const char  *text)
{
  g_autofree char *shown = quote_for_message (text);

  g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
               _("“%s” is not a real date: that month has no such day."),
               shown);
}

gboolean
lc_day_parse (const char  *text,
              LcDay       *out,
              GError     **error)
{
  g_autofree char *stripped = NULL;
  const char *p;
  LcDay day = 0;
  ParseResult result;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = strip_copy (text);
  p = stripped;
  result = read_date (&p, &day);
  if (result == PARSE_OK && *p != '\0')
    result = PARSE_MALFORMED;

  switch (result)
    {
    case PARSE_OK:
      if (out != NULL)
        *out = day;
      return TRUE;

    case PARSE_NO_SUCH_DAY:
      set_no_such_day_error (error, text);
      return FALSE;

    case PARSE_OUT_OF_RANGE:
      set_out_of_range_error (error, text);
      return FALSE;

    case PARSE_MALFORMED:
    default:
      {
        g_autofree char *shown = quote_for_message (text);

        g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
                     _("“%s” is not a date; expected the form YYYY-MM-DD, such as 2024-03-10."),
                     shown);
        return FALSE;
      }
    }
}

/* "Z", "+HH", "+HHMM" or "+HH:MM" at *p, in seconds east of UTC. */
static gboolean
read_offset (const char **p,
             gint32      *out)
{
  int sign;
  int hours;
  int minutes = 0;

  if (**p == 'Z')
    {
      (*p)++;
      *out = 0;
      return TRUE;
    }
  if (**p != '+' && **p != '-')
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;

  if (!read_digits (p, 2, &hours))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_digits (p, 2, &minutes))
        return FALSE;
    }
  else if (g_ascii_isdigit (**p) && !read_digits (p, 2, &minutes))
    return FALSE;

  *out = sign * (hours * 3600 + minutes * 60);
  return minutes < 60;
}

gboolean
lc_timestamp_parse (const char   *text,
                    LcTimestamp  *out,
                    GError      **error)
{
  g_autofree char *stripped = NULL;
  const char *p;
  LcDay day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  gint32 offset = 0;
  gboolean has_offset = FALSE;
  ParseResult result;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = strip_copy (text);
  p = stripped;
  result = read_date (&p, &day);
  if (result == PARSE_NO_SUCH_DAY)
    {
      set_no_such_day_error (error, text);
      return FALSE;
    }
  if (result == PARSE_OUT_OF_RANGE)
    {
      set_out_of_range_error (error, text);
      return FALSE;
    }
  if (result != PARSE_OK)
    goto malformed;

  if (*p == ' ' || *p == 'T')
    {
      p++;
      if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &minute))
        goto malformed;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &second))
            goto malformed;
          /* Fractions of a second (API timestamps) do not matter here. */
          if (*p == '.' || *p == ',')
            {
              p++;
              if (!g_ascii_isdigit (*p))
                goto malformed;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }

      if (*p == ' ')
        p++;
      if (*p != '\0')
        {
          if (!read_offset (&p, &offset))
            goto malformed;
          has_offset = TRUE;
        }
    }
  if (*p != '\0')
    goto malformed;

  /* A leap second (:60) is allowed; it counts as the next minute's :00. */
  if (hour > 23 || minute > 59 || second > 60)
    {
      g_autofree char *shown = quote_for_message (text);

      g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
                   _("“%s” has a time of day that does not exist; expected hours 00 to 23 and minutes 00 to 59."),
                   shown);
      return FALSE;
    }
  if (offset > MAX_OFFSET || offset < -MAX_OFFSET)
    {
      g_autofree char *shown = quote_for_message (text);

      g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
                   _("“%s” has a time zone offset beyond ±14:00, which no place on Earth uses."),
                   shown);
      return FALSE;
    }

  if (out != NULL)
    {
      out->local_day = day;
      out->utc = (gint64) day * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset;
      out->offset = offset;
      out->has_offset = has_offset;
    }
  return TRUE;

malformed:
  {
    g_autofree char *shown = quote_for_message (text);

    g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
                 _("“%s” is not a date and time; expected a form such as 2024-03-10 14:30:00 +0100 or 2024-03-10."),
                 shown);
    return FALSE;
  }
}

LcDay
lc_day_black_friday (int year)
{
  LcDay first = lc_day_from_ymd (year, 11, 1);
  LcDay thursday = first + (4 - lc_day_get_weekday (first) + 7) % 7;

  return thursday + 21 + 1;
}

gboolean
lc_day_range_has_peak (LcDay from,
                       LcDay to)
{
  int first_year, last_year, month, mday;

  lc_day_to_ymd (from, &first_year, &month, &mday);
  lc_day_to_ymd (to, &last_year, &month, &mday);
  for (int year = first_year; year <= last_year; year++)
    {
      LcDay peak_from = lc_day_black_friday (year);
      LcDay peak_to = lc_day_from_ymd (year, 12, 24);

      if (from <= peak_to && peak_from <= to)
        return TRUE;
    }
  return FALSE;
}
