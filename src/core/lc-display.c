/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-display"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-display.h"
#include "lc-money.h"

static const struct
{
  const char *code;
  const char *symbol;
} symbols[] = {
  { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" },
  { "INR", "₹" }, { "CAD", "CA$" }, { "AUD", "A$" }, { "NZD", "NZ$" },
  { "KRW", "₩" }, { "BRL", "R$" }, { "MXN", "MX$" }, { "ILS", "₪" },
};

static const char *
symbol_for (const char *currency)
{
  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (symbols[i].code, currency))
      return symbols[i].symbol;
  return NULL;
}

/* How the user's locale writes numbers: the decimal point, the thousands
 * separator and the sizes of the digit groups (localeconv's "grouping":
 * one size a byte, the last repeating; CHAR_MAX ends the grouping). Money
 * has its own in LC_MONETARY, which may differ from LC_NUMERIC's. */
typedef struct
{
  const char *point;
  const char *separator;
  const char *grouping;
} NumberStyle;

static NumberStyle
number_style (gboolean money)
{
  const struct lconv *conv = localeconv ();
  NumberStyle style = { conv->decimal_point, conv->thousands_sep, conv->grouping };

  if (money && conv->mon_decimal_point != NULL && conv->mon_decimal_point[0] != '\0')
    {
      style.point = conv->mon_decimal_point;
      style.separator = conv->mon_thousands_sep;
      style.grouping = conv->mon_grouping;
    }
  if (style.point == NULL || style.point[0] == '\0')
    style.point = ".";
  /* The C locale groups nothing, and "44390" is harder to read than
   * "44,390": it falls back to groups of three, with a separator that
   * cannot be taken for the decimal point. */
  if (style.separator == NULL || style.separator[0] == '\0' ||
      style.grouping == NULL || style.grouping[0] == '\0')
    {
      style.separator = g_str_equal (style.point, ",") ? "\u202f" : ",";
      style.grouping = "\3";
    }
  return style;
}

/* Whether a separator goes before the digit at position i of an integer
 * part of int_len digits, counting groups from the right. */
static gboolean
separator_before (const char *grouping,
                  size_t      int_len,
                  size_t      i)
{
  size_t from_right = int_len - i;
  size_t boundary = 0;
  int size = 0;

  for (const char *g = grouping;; g++)
    {
      if (*g == CHAR_MAX || *g < 0)
        return FALSE;
      if (*g != '\0')
        size = *g;
      if (size <= 0)
        return FALSE;
      boundary += (size_t) size;
      if (boundary == from_right)
        return TRUE;
      if (boundary > from_right)
        return FALSE;
      if (*g == '\0')
        g--;
    }
}

/* A non-negative number in the locale's style: "44,390.50" in English,
 * "44.390,50" in Spanish. */
static char *
group_digits (double   value,
              int      decimals,
              gboolean money)
{
  NumberStyle style = number_style (money);
  char format[16];
  char plain[G_ASCII_DTOSTR_BUF_SIZE + 320];
  GString *out = g_string_new (NULL);
  size_t int_len;

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 9));
  g_ascii_formatd (plain, sizeof plain, format, value);
  int_len = strspn (plain, "0123456789");
  for (size_t i = 0; i < int_len; i++)
    {
      if (i > 0 && separator_before (style.grouping, int_len, i))
        g_string_append (out, style.separator);
      g_string_append_c (out, plain[i]);
    }
  if (plain[int_len] == '.')
    {
      g_string_append (out, style.point);
      g_string_append (out, plain + int_len + 1);
    }
  return g_string_free (out, FALSE);
}

/* The symbol goes where the locale puts its own currency's: "$12.50" in
 * English, "12,50 $" in Spanish. The C locale says nothing, and gets the
 * English order. A code always follows the number: "1,625.00 BDT"; no
 * currency, the number alone. */
static char *
with_currency (const char *number,
               const char *currency,
               gboolean    negative)
{
  const struct lconv *conv = localeconv ();
  const char *symbol = symbol_for (currency);
  const char *sign = negative ? "−" : "";
  gboolean precedes = negative ? conv->n_cs_precedes != 0 : conv->p_cs_precedes != 0;
  char by_space = negative ? conv->n_sep_by_space : conv->p_sep_by_space;
  const char *space = by_space == 1 || by_space == 2 ? " " : "";

  if (currency == NULL || currency[0] == '\0')
    return g_strconcat (sign, number, NULL);
  if (symbol == NULL)
    return g_strconcat (sign, number, " ", currency, NULL);
  if (precedes)
    return g_strconcat (sign, symbol, space, number, NULL);
  return g_strconcat (sign, number, space, symbol, NULL);
}

char *
lc_display_money (double      major,
                 const char *currency,
                 int         decimals)
{
  g_autofree char *number = NULL;

  if (decimals < 0)
    decimals = (int) lc_currency_get_exponent (currency);
  number = group_digits (fabs (major), decimals, TRUE);
  return with_currency (number, currency, major < 0 && round (fabs (major) * pow (10, decimals)) > 0);
}

char *
lc_display_money_short (double      major,
                       const char *currency)
{
  double magnitude = fabs (major);
  char number[64];

  if (magnitude >= 1e6)
    /* TRANSLATORS: millions, e.g. "3.2M" */
    g_snprintf (number, sizeof number, _("%.1fM"), magnitude / 1e6);
  else if (magnitude >= 1e4)
    /* TRANSLATORS: thousands, e.g. "41K" */
    g_snprintf (number, sizeof number, _("%.0fK"), magnitude / 1e3);
  else
    {
      g_autofree char *grouped = group_digits (magnitude, 0, TRUE);

      g_strlcpy (number, grouped, sizeof number);
    }
  return with_currency (number, currency, major < 0);
}

char *
lc_display_count (gint64 count)
{
  g_autofree char *grouped = group_digits ((double) llabs (count), 0, FALSE);

  return count < 0 ? g_strconcat ("−", grouped, NULL) : g_steal_pointer (&grouped);
}

char *
lc_display_day (LcDay day)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, mday;

  lc_day_to_ymd (day, &year, &month, &mday);
  date = g_date_time_new_utc (year, month, mday, 0, 0, 0);
  if (date == NULL)
    return lc_day_format (day);
  /* TRANSLATORS: a day as in "3 Nov 2025"; see strftime for the codes */
  return g_date_time_format (date, _("%-d %b %Y"));
}
