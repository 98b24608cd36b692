/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <locale.h>

#include "lc-display.h"

/* Switches every category to locale for one test; the locales are made by
 * .ci/install-deps. */
static void
use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    g_error ("The %s locale is not installed; .ci/install-deps makes it", locale);
}

static void
test_c_locale_reads_as_english (void)
{
  g_autofree char *usd = NULL;
  g_autofree char *negative = NULL;
  g_autofree char *code = NULL;
  g_autofree char *count = NULL;
  g_autofree char *unknown = NULL;

  use_locale ("C.UTF-8");
  usd = lc_display_money (1234.5, "USD", -1);
  negative = lc_display_money (-12.5, "GBP", -1);
  code = lc_display_money (1625, "BDT", -1);
  count = lc_display_count (1234567);
  unknown = lc_display_money (1249, NULL, -1);

  /* No grouping in C, but the owner still gets "1,234". */
  g_assert_cmpstr (usd, ==, "$1,234.50");
  g_assert_cmpstr (negative, ==, "−£12.50");
  g_assert_cmpstr (code, ==, "1,625.00 BDT");
  g_assert_cmpstr (count, ==, "1,234,567");
  /* A currency not known yet: the amount alone, nothing trailing. */
  g_assert_cmpstr (unknown, ==, "1,249.00");
}

static void
test_english_puts_the_symbol_first (void)
{
  g_autofree char *eur = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *count = NULL;
  g_autofree char *day = NULL;

  use_locale ("en_US.UTF-8");
  eur = lc_display_money (1234.56, "EUR", -1);
  whole = lc_display_money (44390.49, "USD", 0);
  count = lc_display_count (-7601);
  day = lc_display_day (lc_day_from_ymd (2025, 11, 3));

  g_assert_cmpstr (eur, ==, "€1,234.56");
  g_assert_cmpstr (whole, ==, "$44,390");
  g_assert_cmpstr (count, ==, "−7,601");
  g_assert_cmpstr (day, ==, "3 Nov 2025");
}

static void
test_spanish_groups_with_dots_and_puts_the_symbol_after (void)
{
  g_autofree char *eur = NULL;
  g_autofree char *usd = NULL;
  g_autofree char *negative = NULL;
  g_autofree char *million = NULL;
  g_autofree char *code = NULL;
  g_autofree char *count = NULL;
  g_autofree char *day = NULL;

  use_locale ("es_ES.UTF-8");
  eur = lc_display_money (1234.56, "EUR", -1);
  usd = lc_display_money (73.48, "USD", -1);
  negative = lc_display_money (-1234.5, "EUR", -1);
  million = lc_display_money (1234567.891, "JPY", -1);
  code = lc_display_money (1625, "BDT", -1);
  count = lc_display_count (7601);
  day = lc_display_day (lc_day_from_ymd (2025, 11, 3));

  g_assert_cmpstr (eur, ==, "1.234,56 €");
  g_assert_cmpstr (usd, ==, "73,48 $");
  g_assert_cmpstr (negative, ==, "−1.234,50 €");
  g_assert_cmpstr (million, ==, "1.234.568 ¥");
  g_assert_cmpstr (code, ==, "1.625,00 BDT");
  g_assert_cmpstr (count, ==, "7.601");
  /* The month in Spanish. */
  g_assert_cmpstr (day, ==, "3 nov 2025");
}

static void
test_german_money_and_months (void)
{
  g_autofree char *eur = NULL;
  g_autofree char *count = NULL;
  g_autofree char *day = NULL;

  use_locale ("de_DE.UTF-8");
  eur = lc_display_money (1234.56, "EUR", -1);
  count = lc_display_count (1000000);
  day = lc_display_day (lc_day_from_ymd (2026, 10, 31));

  g_assert_cmpstr (eur, ==, "1.234,56 €");
  g_assert_cmpstr (count, ==, "1.000.000");
  g_assert_cmpstr (day, ==, "31 Okt 2026");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/display/c-locale-reads-as-english", test_c_locale_reads_as_english);
  g_test_add_func ("/lc/display/english-puts-the-symbol-first", test_english_puts_the_symbol_first);
  g_test_add_func ("/lc/display/spanish-groups-with-dots-and-puts-the-symbol-after",
                   test_spanish_groups_with_dots_and_puts_the_symbol_after);
  g_test_add_func ("/lc/display/german-money-and-months", test_german_money_and_months);

  return g_test_run ();
}
