/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-date-column"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-date-column.h"

#define SECONDS_PER_DAY 86400
/* Excel's 1900 day numbers: 25569 is 1970-01-01. Serials outside
 * 1954..2119 are no order dates. */
#define SERIAL_EPOCH    25569
#define SERIAL_MIN      20000
#define SERIAL_MAX      80000
/* Two-digit years below this are in the 2000s. */
#define YEAR_PIVOT      70
/* Longer values are cut in messages. */
#define MAX_QUOTED      40

typedef enum
{
  FORM_NONE,
  FORM_YMD,
  FORM_NUMERIC,    /* number/number/year */
  FORM_SERIAL,
  N_FORMS
} Form;

typedef struct
{
  Form   form;
  int    first, second, year;   /* FORM_NUMERIC and FORM_YMD (year, month, day) */
  double serial;
  int    seconds;               /* time of day; 0 when none */
} Parts;

struct _LcDateColumn
{
  guint64 n_values;
  guint64 first_line[N_FORMS];  /* 0: not seen */
  char   *first_text[N_FORMS];
  guint64 bad_line;
  char   *bad_text;
  /* number/number/year: the first value that tells each order */
  guint64 day_first_line;
  char   *day_first_text;
  guint64 month_first_line;
  char   *month_first_text;
  /* Sums of the gaps in days between consecutive values read each way. */
  gboolean has_previous;
  Parts    previous;
  guint64  gaps_dmy;
  guint64  gaps_mdy;
};

const char *
lc_date_order_get_title (LcDateOrder order)
{
  switch (order)
    {
    case LC_DATE_ORDER_YMD:
      return _("year-month-day");
    case LC_DATE_ORDER_DMY:
      return _("day/month/year");
    case LC_DATE_ORDER_MDY:
      return _("month/day/year");
    case LC_DATE_ORDER_SERIAL:
      return _("spreadsheet day numbers");
    case LC_DATE_ORDER_AUTO:
    default:
      return NULL;
    }
}

static const char * const order_names[] = { "auto", "ymd", "dmy", "mdy", "serial" };

const char *
lc_date_order_to_string (LcDateOrder order)
{
  g_return_val_if_fail (order < G_N_ELEMENTS (order_names), "auto");
  return order_names[order];
}

gboolean
lc_date_order_from_string (const char  *text,
                           LcDateOrder *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (order_names); i++)
    if (g_ascii_strcasecmp (text, order_names[i]) == 0)
      {
        *out = (LcDateOrder) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *out,
             guint       *out_digits)
{
  guint n = 0;
  int value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      value = value * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min_digits || g_ascii_isdigit ((*p)[n]))
    return FALSE;
  *p += n;
  *out = value;
  if (out_digits != NULL)
    *out_digits = n;
  return TRUE;
}

/* " 8:26", "T20:41:05.123", " 8:26 PM" up to the end of the text. */
static gboolean
read_time (const char *p,
           int        *out_seconds)
{
  int hour, minute, second = 0;

  *out_seconds = 0;
  if (*p == '\0')
    return TRUE;
  if (*p != ' ' && *p != 'T')
    return FALSE;
  p++;
  if (!read_number (&p, 1, 2, &hour, NULL) || *p++ != ':' || !read_number (&p, 2, 2, &minute, NULL))
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!read_number (&p, 2, 2, &second, NULL))
        return FALSE;
      if (*p == '.')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
    }
  if (*p == ' ')
    p++;
  if (g_ascii_strncasecmp (p, "AM", 2) == 0 || g_ascii_strncasecmp (p, "PM", 2) == 0)
    {
      if (hour < 1 || hour > 12)
        return FALSE;
      hour = hour % 12 + (g_ascii_toupper (*p) == 'P' ? 12 : 0);
      p += 2;
    }
  if (*p != '\0' || hour > 23 || minute > 59 || second > 59)
    return FALSE;
  *out_seconds = hour * 3600 + minute * 60 + second;
  return TRUE;
}

static int
full_year (int      year,
           guint    digits)
{
  if (digits == 4)
    return year;
  return year < YEAR_PIVOT ? 2000 + year : 1900 + year;
}

/* Which form text is in, and its numbers; FORM_NONE when none. text is
 * trimmed. */
static void
split_parts (const char *text,
             Parts      *parts)
{
  const char *p = text;
  int a, b, c;
  guint digits;
  char separator;

  memset (parts, 0, sizeof *parts);

  /* Year first. */
  if (read_number (&p, 4, 4, &a, NULL) && (*p == '-' || *p == '/' || *p == '.'))
    {
      separator = *p++;
      if (read_number (&p, 1, 2, &b, NULL) && *p++ == separator &&
          read_number (&p, 1, 2, &c, NULL) && read_time (p, &parts->seconds))
        {
          parts->form = FORM_YMD;
          parts->year = a;
          parts->first = b;
          parts->second = c;
        }
      else if (separator == '-')
        {
          /* ISO 8601 with an offset: lc_timestamp_parse() reads it. */
          LcTimestamp ts;

          if (lc_timestamp_parse (text, &ts, NULL))
            {
              int y, m, d;

              lc_day_to_ymd (ts.local_day, &y, &m, &d);
              parts->form = FORM_YMD;
              parts->year = y;
              parts->first = m;
              parts->second = d;
            }
        }
      return;
    }

  p = text;
  if (read_number (&p, 1, 2, &a, NULL) && (*p == '/' || *p == '.' || *p == '-'))
    {
      separator = *p++;
      if (read_number (&p, 1, 2, &b, NULL) && *p++ == separator &&
          read_number (&p, 2, 4, &c, &digits) && digits != 3 && read_time (p, &parts->seconds))
        {
          parts->form = FORM_NUMERIC;
          parts->first = a;
          parts->second = b;
          parts->year = full_year (c, digits);
        }
      return;
    }

  /* A spreadsheet's day number, with the time as its fraction. */
  p = text;
  if (g_ascii_isdigit (*p))
    {
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);

      for (p = text; g_ascii_isdigit (*p) || *p == '.'; p++)
        ;
      if (end != NULL && *end == '\0' && *p == '\0' && value >= SERIAL_MIN && value < SERIAL_MAX)
        {
          parts->form = FORM_SERIAL;
          parts->serial = value;
        }
    }
}

static gboolean
valid_day (int year,
           int month,
           int day)
{
  static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > days[month - 1])
    return FALSE;
  return month != 2 || day < 29 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
}

LcDateColumn *
lc_date_column_new (void)
{
  return g_new0 (LcDateColumn, 1);
}

void
lc_date_column_free (LcDateColumn *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_FORMS; i++)
    g_free (self->first_text[i]);
  g_free (self->bad_text);
  g_free (self->day_first_text);
  g_free (self->month_first_text);
  g_free (self);
}

guint64
lc_date_column_get_n_values (LcDateColumn *self)
{
  return self->n_values;
}

static char *
quote_copy (const char *text)
{
  /* Messages are UTF-8 whatever the caller gave. */
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, -1) <= MAX_QUOTED)
    return g_steal_pointer (&valid);
  start = g_utf8_substring (valid, 0, MAX_QUOTED);
  return g_strconcat (start, "…", NULL);
}

static guint64
gap (LcDay a,
     LcDay b)
{
  return a > b ? (guint64) (a - b) : (guint64) (b - a);
}

/* Adds the gap from the previous value read as day/month (or month/day)
 * to the sums; a reading that is no day costs a year, so that it loses. */
static void
add_gaps (LcDateColumn *self,
          const Parts  *parts)
{
  const Parts *prev = &self->previous;

  if (self->has_previous && prev->form == FORM_NUMERIC)
    {
      if (valid_day (parts->year, parts->second, parts->first) &&
          valid_day (prev->year, prev->second, prev->first))
        self->gaps_dmy += gap (lc_day_from_ymd (parts->year, parts->second, parts->first),
                               lc_day_from_ymd (prev->year, prev->second, prev->first));
      else
        self->gaps_dmy += 366;
      if (valid_day (parts->year, parts->first, parts->second) &&
          valid_day (prev->year, prev->first, prev->second))
        self->gaps_mdy += gap (lc_day_from_ymd (parts->year, parts->first, parts->second),
                               lc_day_from_ymd (prev->year, prev->first, prev->second));
      else
        self->gaps_mdy += 366;
    }
  self->previous = *parts;
  self->has_previous = TRUE;
}

void
lc_date_column_add (LcDateColumn *self,
                    const char   *text,
                    guint64       line)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  Parts parts;

  if (trimmed[0] == '\0')
    return;
  self->n_values++;
  split_parts (trimmed, &parts);
  if (parts.form == FORM_NONE)
    {
      if (self->bad_line == 0)
        {
          self->bad_line = line;
          self->bad_text = quote_copy (trimmed);
        }
      return;
    }
  if (self->first_line[parts.form] == 0)
    {
      self->first_line[parts.form] = line;
      self->first_text[parts.form] = quote_copy (trimmed);
    }
  if (parts.form != FORM_NUMERIC)
    return;

  if (parts.first > 12 && self->day_first_line == 0)
    {
      self->day_first_line = line;
      self->day_first_text = quote_copy (trimmed);
    }
  if (parts.second > 12 && self->month_first_line == 0)
    {
      self->month_first_line = line;
      self->month_first_text = quote_copy (trimmed);
    }
  add_gaps (self, &parts);
}

static const char *
form_example (Form form)
{
  switch (form)
    {
    case FORM_YMD:
      return _("year first, as 2024-03-10");
    case FORM_NUMERIC:
      return _("day and month as numbers, as 10/03/2024");
    case FORM_SERIAL:
      return _("a spreadsheet day number, as 45361");
    case FORM_NONE:
    case N_FORMS:
    default:
      return "";
    }
}

gboolean
lc_date_column_decide (LcDateColumn  *self,
                       const char    *display_name,
                       const char    *column,
                       LcDateOrder   *out_order,
                       char         **out_warning,
                       GError       **error)
{
  Form first_form = FORM_NONE;
  Form other_form = FORM_NONE;

  if (out_warning != NULL)
    *out_warning = NULL;

  if (self->bad_line != 0)
    {
      g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
                   /* TRANSLATORS: "orders.csv, line 12, column “Date”: “soon” is not a date; …" */
                   _("%s, line %lu, column “%s”: “%s” is not a date; expected a date such as 2024-03-10, "
                     "10/03/2024 or 3/10/24 8:26"),
                   display_name, (gulong) self->bad_line, column, self->bad_text);
      return FALSE;
    }

  /* The form of the column's first value, and the first line of another. */
  for (Form f = FORM_YMD; f < N_FORMS; f++)
    {
      if (self->first_line[f] == 0)
        continue;
      if (first_form == FORM_NONE || self->first_line[f] < self->first_line[first_form])
        {
          other_form = first_form;
          first_form = f;
        }
      if (f != first_form && (other_form == FORM_NONE || self->first_line[f] < self->first_line[other_form]))
        other_form = f;
    }
  if (first_form == FORM_NONE)
    {
      g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
                   _("%s, column “%s”: the column has no dates."), display_name, column);
      return FALSE;
    }
  if (other_form != FORM_NONE)
    {
      g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
                   /* TRANSLATORS: the forms are "year first, as 2024-03-10" and the like */
                   _("%s, line %lu, column “%s”: “%s” is written %s, but line %lu writes “%s”, %s. "
                     "A date column must use one format throughout; save the file again with one date format."),
                   display_name, (gulong) self->first_line[other_form], column,
                   self->first_text[other_form], form_example (other_form),
                   (gulong) self->first_line[first_form], self->first_text[first_form],
                   form_example (first_form));
      return FALSE;
    }

  switch (first_form)
    {
    case FORM_YMD:
      *out_order = LC_DATE_ORDER_YMD;
      return TRUE;
    case FORM_SERIAL:
      *out_order = LC_DATE_ORDER_SERIAL;
      return TRUE;
    case FORM_NUMERIC:
    case FORM_NONE:
    case N_FORMS:
    default:
      break;
    }

  if (self->day_first_line != 0 && self->month_first_line != 0)
    {
      gboolean day_first_later = self->day_first_line > self->month_first_line;

      g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
                   _("%s, line %lu, column “%s”: “%s” can only be %s, but line %lu has “%s”, which can only be %s. "
                     "A date column must use one format throughout; save the file again with one date format."),
                   display_name,
                   (gulong) (day_first_later ? self->day_first_line : self->month_first_line), column,
                   day_first_later ? self->day_first_text : self->month_first_text,
                   lc_date_order_get_title (day_first_later ? LC_DATE_ORDER_DMY : LC_DATE_ORDER_MDY),
                   (gulong) (day_first_later ? self->month_first_line : self->day_first_line),
                   day_first_later ? self->month_first_text : self->day_first_text,
                   lc_date_order_get_title (day_first_later ? LC_DATE_ORDER_MDY : LC_DATE_ORDER_DMY));
      return FALSE;
    }
  if (self->day_first_line != 0)
    {
      *out_order = LC_DATE_ORDER_DMY;
      return TRUE;
    }
  if (self->month_first_line != 0)
    {
      *out_order = LC_DATE_ORDER_MDY;
      return TRUE;
    }

  /* Every value reads both ways: the way that keeps neighbouring rows
   * closest in time, month first on a tie (spreadsheets' default). */
  *out_order = self->gaps_dmy < self->gaps_mdy ? LC_DATE_ORDER_DMY : LC_DATE_ORDER_MDY;
  if (out_warning != NULL)
    *out_warning = g_strdup_printf (_("The dates in column “%s” read both as day/month and as month/day "
                                      "(no day is above 12); Liftcheck read them as %s, e.g. “%s”. "
                                      "If that is wrong, import the file again with a mapping file that says date-format=%s "
                                      "(README.md, “Other stores”)."),
                                    column, lc_date_order_get_title (*out_order),
                                    self->first_text[FORM_NUMERIC],
                                    *out_order == LC_DATE_ORDER_DMY ? "mdy" : "dmy");
  return TRUE;
}

static void
set_expected_error (const char   *text,
                    LcDateOrder   order,
                    GError      **error)
{
  static const char * const examples[] = {
    [LC_DATE_ORDER_AUTO] = "2024-03-10",
    [LC_DATE_ORDER_YMD] = "2024-03-10",
    [LC_DATE_ORDER_DMY] = "10/03/2024",
    [LC_DATE_ORDER_MDY] = "3/10/2024",
    [LC_DATE_ORDER_SERIAL] = "45361",
  };
  g_autofree char *quoted = quote_copy (text);

  g_set_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID,
               /* TRANSLATORS: "“31/02/2024” is not a day written day/month/year, as 10/03/2024" */
               _("“%s” is not a day written %s, as %s"),
               quoted, lc_date_order_get_title (order == LC_DATE_ORDER_AUTO ? LC_DATE_ORDER_YMD : order),
               examples[order]);
}

gboolean
lc_date_parse_with_order (const char   *text,
                          LcDateOrder   order,
                          LcTimestamp  *out,
                          GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  Parts parts;
  int year, month, day;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* ISO 8601 with an offset keeps its instant. */
  if ((order == LC_DATE_ORDER_YMD || order == LC_DATE_ORDER_AUTO) &&
      lc_timestamp_parse (trimmed, out, NULL))
    return TRUE;

  split_parts (trimmed, &parts);
  switch (order)
    {
    case LC_DATE_ORDER_AUTO:
    case LC_DATE_ORDER_YMD:
      if (parts.form != FORM_YMD)
        goto bad;
      year = parts.year, month = parts.first, day = parts.second;
      break;
    case LC_DATE_ORDER_DMY:
      if (parts.form != FORM_NUMERIC)
        goto bad;
      year = parts.year, month = parts.second, day = parts.first;
      break;
    case LC_DATE_ORDER_MDY:
      if (parts.form != FORM_NUMERIC)
        goto bad;
      year = parts.year, month = parts.first, day = parts.second;
      break;
    case LC_DATE_ORDER_SERIAL:
      {
        gint64 whole;

        if (parts.form != FORM_SERIAL)
          goto bad;
        whole = (gint64) parts.serial;
        out->local_day = (LcDay) (whole - SERIAL_EPOCH);
        out->offset = 0;
        out->has_offset = FALSE;
        out->utc = (gint64) out->local_day * SECONDS_PER_DAY +
                   (gint64) ((parts.serial - (double) whole) * SECONDS_PER_DAY + 0.5);
        return TRUE;
      }
    default:
      goto bad;
    }
  if (!valid_day (year, month, day))
    goto bad;
  out->local_day = lc_day_from_ymd (year, month, day);
  out->offset = 0;
  out->has_offset = FALSE;
  out->utc = (gint64) out->local_day * SECONDS_PER_DAY + parts.seconds;
  return TRUE;

bad:
  set_expected_error (trimmed, order, error);
  return FALSE;
}
