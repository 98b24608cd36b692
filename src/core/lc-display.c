/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-display"

#include "config.h"

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

/* A non-negative number with digit grouping. The C locale has none, and
 * "44390" is harder to read than "44,390", so it falls back to commas. */
static char *
group_digits (double value,
              int    decimals)
{
  const struct lconv *conv = localeconv ();
  const char *sep = conv->thousands_sep != NULL && conv->thousands_sep[0] != '\0' ? conv->thousands_sep : ",";
  g_autofree char *plain = g_strdup_printf ("%.*f", decimals, value);
  GString *out = g_string_new (NULL);
  size_t int_len = strspn (plain, "0123456789");

  for (size_t i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, plain[i]);
    }
  g_string_append (out, plain + int_len);
  return g_string_free (out, FALSE);
}

static char *
with_currency (const char *number,
               const char *currency,
               gboolean    negative)
{
  const char *symbol = symbol_for (currency);

  if (symbol != NULL)
    /* TRANSLATORS: money with a symbol: %s sign, %s symbol, %s amount, e.g. "-$12.50" */
    return g_strdup_printf (C_("money", "%s%s%s"), negative ? "−" : "", symbol, number);
  /* TRANSLATORS: money with a code: %s sign, %s amount, %s code, e.g. "1,625.00 BDT" */
  return g_strdup_printf (C_("money", "%s%s %s"), negative ? "−" : "", number,
                          currency != NULL ? currency : "");
}

char *
lc_display_money (double      major,
                 const char *currency,
                 int         decimals)
{
  g_autofree char *number = NULL;

  if (decimals < 0)
    decimals = (int) lc_currency_get_exponent (currency);
  number = group_digits (fabs (major), decimals);
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
      g_autofree char *grouped = group_digits (magnitude, 0);

      g_strlcpy (number, grouped, sizeof number);
    }
  return with_currency (number, currency, major < 0);
}

char *
lc_display_count (gint64 count)
{
  g_autofree char *grouped = group_digits (llabs (count), 0);

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
