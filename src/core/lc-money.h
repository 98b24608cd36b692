/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LC_MONEY_ERROR (lc_money_error_quark ())

typedef enum
{
  LC_MONEY_ERROR_INVALID,
  LC_MONEY_ERROR_OVERFLOW,
} LcMoneyError;

GQuark    lc_money_error_quark        (void);

/* Number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, KWD 3).
 * Unknown or empty codes give 2. */
guint     lc_currency_get_exponent    (const char *currency);
/* text as a currency code: three letters, surrounding spaces ignored, in
 * capitals; NULL when it is not one. */
char     *lc_currency_code_normalize  (const char *text);

/*
 * Parses a money amount into integer minor units with the given exponent.
 * Accepts "1234.56", "1,234.56", "1.234,56", "1 234,56", "$1,234.56",
 * "€12", "25075" (a spreadsheet re-save: whole major units), "-12.50",
 * "(12.50)" (accounting negative), surrounding spaces and a currency code
 * prefix or suffix ("USD 12.00"). Rejects anything ambiguous or malformed
 * such as "12,3,4", "1.2.3,4", "abc", with LC_MONEY_ERROR_INVALID and a
 * message that says what was expected. An empty string is invalid; callers
 * decide whether an empty cell means zero.
 * A lone "," or "." before exactly three digits groups thousands when the
 * exponent is below 3 ("1,234" and "1.234" are 1234), else it is the
 * decimal mark ("12,5" is 12.50). Indian grouping ("1,23,456") is rejected.
 * Digits beyond the exponent are rounded half to even ("1,212.345" is
 * 1212.34). Amounts beyond int64 give LC_MONEY_ERROR_OVERFLOW.
 */
gboolean  lc_money_parse              (const char *text,
                                       guint       exponent,
                                       gint64     *out_minor,
                                       GError    **error);

/* Formats minor units as a plain decimal ("1234.56", "-0.50", "12"). */
char     *lc_money_format_plain       (gint64      minor,
                                       guint       exponent);
/* Minor units as a double in major units (for statistics and JSON only). */
double    lc_money_to_double          (gint64      minor,
                                       guint       exponent);

G_END_DECLS
