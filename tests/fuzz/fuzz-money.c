/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-fuzz"

#include "config.h"

#include "lc-money.h"
#include "lc-fuzz.h"

/* The money parser: the first byte picks the exponent, the rest is the
 * text. A parsed amount must survive formatting and parsing again. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint exponent;
  gint64 minor = 0;

  if (size < 1)
    return 0;
  exponent = data[0] % 5;
  text = g_strndup ((const char *) data + 1, size - 1);

  if (lc_money_parse (text, exponent, &minor, &error))
    {
      g_autofree char *plain = lc_money_format_plain (minor, exponent);
      gint64 again = 0;

      g_assert_no_error (error);
      /* The plain form has exactly the exponent's digits, so it never
       * reads as a thousands group. */
      g_assert_true (lc_money_parse (plain, exponent, &again, &error));
      g_assert_no_error (error);
      g_assert_cmpint (again, ==, minor);
      (void) lc_money_to_double (minor, exponent);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == LC_MONEY_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  (void) lc_currency_get_exponent (text);
  return 0;
}
