/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-money"

#include "config.h"

#include "lc-money.h"

static void
assert_parses (const char *text,
               guint       exponent,
               gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = G_MAXINT64 - 7;

  g_test_message ("%s (exponent %u)", text, exponent);
  g_assert_true (lc_money_parse (text, exponent, &minor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, expected);
}

static void
assert_rejected (const char *text,
                 guint       exponent,
                 int         code)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 42;

  g_test_message ("%s (exponent %u)", text, exponent);
  g_assert_false (lc_money_parse (text, exponent, &minor, &error));
  g_assert_error (error, LC_MONEY_ERROR, code);
  g_assert_cmpint (minor, ==, 42);
}

static void
test_plain_decimal (void)
{
  assert_parses ("1234.56", 2, 123456);
  assert_parses ("0.5", 2, 50);
  assert_parses ("0.05", 2, 5);
  assert_parses ("7", 2, 700);
  assert_parses ("0", 2, 0);
  assert_parses ("0.00", 2, 0);
  assert_parses ("  12.30  ", 2, 1230);
  assert_parses ("1234.5", 2, 123450);
}

static void
test_comma_grouping_dot_decimal (void)
{
  assert_parses ("1,234.56", 2, 123456);
  assert_parses ("1,234,567.89", 2, 123456789);
  assert_parses ("12,345.6", 2, 1234560);
}

static void
test_dot_grouping_comma_decimal (void)
{
  assert_parses ("1.234,56", 2, 123456);
  assert_parses ("1.234.567,89", 2, 123456789);
  assert_parses ("999.999,9", 2, 99999990);
}

static void
test_space_and_apostrophe_grouping (void)
{
  assert_parses ("1 234,56", 2, 123456);
  assert_parses ("1 234.56", 2, 123456);
  assert_parses ("1\xC2\xA0" "234,56", 2, 123456);      /* no-break space */
  assert_parses ("1\xE2\x80\xAF" "234,56", 2, 123456);  /* narrow no-break space */
  assert_parses ("12 345 678", 2, 1234567800);
  assert_parses ("1'234.50", 2, 123450);
  assert_parses ("1\xE2\x80\x99" "234.50", 2, 123450);  /* right single quote */
}

static void
test_currency_symbols_and_codes (void)
{
  assert_parses ("$1,234.56", 2, 123456);
  assert_parses ("€12", 2, 1200);
  assert_parses ("12 €", 2, 1200);
  assert_parses ("1.234,56 €", 2, 123456);
  assert_parses ("£0.99", 2, 99);
  assert_parses ("¥1,500", 0, 1500);
  assert_parses ("₹2,500.00", 2, 250000);
  assert_parses ("USD 12.00", 2, 1200);
  assert_parses ("12.00 USD", 2, 1200);
  assert_parses ("EUR12", 2, 1200);
  assert_parses ("USD $12.00", 2, 1200);
}

static void
test_spreadsheet_integer_is_major_units (void)
{
  /* A spreadsheet re-save drops ".00": 25075 is whole units, not cents. */
  assert_parses ("25075", 2, 2507500);
  assert_parses ("25075", 0, 25075);
  assert_parses ("25075", 3, 25075000);
}

static void
test_negative_forms (void)
{
  assert_parses ("-12.50", 2, -1250);
  assert_parses ("12.50-", 2, -1250);
  assert_parses ("(12.50)", 2, -1250);
  assert_parses ("($1,234.56)", 2, -123456);
  assert_parses ("-$12.50", 2, -1250);
  assert_parses ("$-12.50", 2, -1250);
  assert_parses ("- 12.50", 2, -1250);
  assert_parses ("\xE2\x88\x92" "12.50", 2, -1250);  /* U+2212 minus sign */
  assert_parses ("-0.50", 2, -50);
  assert_parses ("-275.02", 2, -27502);
  assert_parses ("+12.50", 2, 1250);
  assert_parses ("-0", 2, 0);
}

static void
test_lone_separator_before_three_digits_groups_thousands (void)
{
  assert_parses ("1,234", 2, 123400);
  assert_parses ("1.234", 2, 123400);
  assert_parses ("123,456", 2, 12345600);
  assert_parses ("1,234", 0, 1234);
  assert_parses ("$1,000", 2, 100000);
  assert_parses ("12.345", 2, 1234500);
}

static void
test_lone_separator_otherwise_is_decimal_mark (void)
{
  assert_parses ("12,5", 2, 1250);
  assert_parses ("12.34", 2, 1234);
  assert_parses ("12,34", 2, 1234);
  assert_parses ("1234,5", 2, 123450);
  /* A thousands group never starts with 0 or has four digits. */
  assert_parses ("0,125", 3, 125);
  assert_parses ("0.500", 2, 50);
  assert_parses ("1234,567", 3, 1234567);
  assert_parses ("1,2345", 2, 123);
}

static void
test_three_decimal_currency_reads_three_digits_as_decimals (void)
{
  assert_parses ("1.234", 3, 1234);
  assert_parses ("1,234", 3, 1234);
  assert_parses ("12.5", 3, 12500);
  assert_parses ("1,234.567", 3, 1234567);
}

static void
test_zero_decimal_currency (void)
{
  assert_parses ("1500", 0, 1500);
  assert_parses ("1,500", 0, 1500);
  assert_parses ("1.500", 0, 1500);
  assert_parses ("1500.00", 0, 1500);
}

static void
test_extra_fraction_digits_round_half_to_even (void)
{
  /* Three digits after a lone separator group thousands (see above), so
   * these use four digits or both separators. */
  assert_parses ("12.3440", 2, 1234);
  assert_parses ("12.3450", 2, 1234);
  assert_parses ("12.3350", 2, 1234);
  assert_parses ("12.3451", 2, 1235);
  assert_parses ("12.3450000", 2, 1234);
  assert_parses ("12.3460", 2, 1235);
  assert_parses ("1,212.345", 2, 121234);
  assert_parses ("1,212.355", 2, 121236);
  assert_parses ("-1,212.345", 2, -121234);
  assert_parses ("-1.212,355", 2, -121236);
  assert_parses ("0.005", 2, 0);
  assert_parses ("0.015", 2, 2);
  assert_parses ("12.5", 0, 12);
  assert_parses ("13.5", 0, 14);
  assert_parses ("1,234.5678", 2, 123457);
  assert_parses ("12.9999", 2, 1300);
}

static void
test_bad_grouping_is_invalid (void)
{
  assert_rejected ("12,3,4", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1.2.3,4", 2, LC_MONEY_ERROR_INVALID);
  /* Indian grouping is not accepted. */
  assert_rejected ("1,23,456", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1,23,456.00", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1234,567.89", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("0,123,456", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1,234,56", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1,234.567.8", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1.234,567,8", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1,234.56,7", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("12 34", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1 234.567,89", 2, LC_MONEY_ERROR_INVALID);
  assert_rejected ("1 234,5 678", 2, LC_MONEY_ERROR_INVALID);
}

static void
test_malformed_text_is_invalid (void)
{
  const char *bad[] = {
    "", " ", "abc", "-", "$", "()", "USD", "1-2", "--1", "(-1)", "-1-", "12.",
    ".5", ",5", "1,,234", "1..5", "1e5", "0x10", "$$1", "€$1", "USD EUR 1",
    "12 EURO", "twelve", "1/2", "NaN", "inf", "12%", "1.2.3", "(12", "12)",
    "1 ,234", "12.5abc", "USDX 12", "usd 12",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_rejected (bad[i], 2, LC_MONEY_ERROR_INVALID);
}

static void
test_invalid_utf8_is_rejected_without_crashing (void)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  g_assert_false (lc_money_parse ("\xFF\xFE" "12", 2, &minor, &error));
  g_assert_error (error, LC_MONEY_ERROR, LC_MONEY_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_overflow_is_reported (void)
{
  /* int64 holds 92233720368547758.07 in cents. */
  assert_parses ("92233720368547758.07", 2, G_MAXINT64);
  assert_parses ("-92233720368547758.08", 2, G_MININT64);
  assert_parses ("9223372036854775807", 0, G_MAXINT64);
  assert_parses ("0000000000000000000000001.00", 2, 100);

  assert_rejected ("92233720368547758.08", 2, LC_MONEY_ERROR_OVERFLOW);
  assert_rejected ("-92233720368547758.09", 2, LC_MONEY_ERROR_OVERFLOW);
  assert_rejected ("92233720368547758.075", 2, LC_MONEY_ERROR_OVERFLOW);
  assert_rejected ("9223372036854775808", 0, LC_MONEY_ERROR_OVERFLOW);
  assert_rejected ("100000000000000000000", 2, LC_MONEY_ERROR_OVERFLOW);
  assert_rejected ("99999999999999999999999999999999999999", 0, LC_MONEY_ERROR_OVERFLOW);
}

static void
test_error_message_names_the_text (void)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  g_assert_false (lc_money_parse ("12,3,4", 2, &minor, &error));
  g_assert_cmpstr (error->message, ==,
                   "“12,3,4” is not an amount of money; expected a number such as 1234.56, 1,234.56 or 1.234,56.");
  g_clear_error (&error);

  g_assert_false (lc_money_parse ("123456789012345678901234567890123456789012345678901234567890", 2, &minor, &error));
  g_assert_cmpstr (error->message, ==,
                   "“1234567890123456789012345678901234567890…” is too large to be an amount of money.");
}

static void
test_currency_exponent_follows_iso_4217 (void)
{
  g_assert_cmpuint (lc_currency_get_exponent ("USD"), ==, 2);
  g_assert_cmpuint (lc_currency_get_exponent ("EUR"), ==, 2);
  g_assert_cmpuint (lc_currency_get_exponent ("INR"), ==, 2);
  g_assert_cmpuint (lc_currency_get_exponent ("BDT"), ==, 2);
  g_assert_cmpuint (lc_currency_get_exponent ("JPY"), ==, 0);
  g_assert_cmpuint (lc_currency_get_exponent ("KRW"), ==, 0);
  g_assert_cmpuint (lc_currency_get_exponent ("VND"), ==, 0);
  g_assert_cmpuint (lc_currency_get_exponent ("CLP"), ==, 0);
  g_assert_cmpuint (lc_currency_get_exponent ("ISK"), ==, 0);
  g_assert_cmpuint (lc_currency_get_exponent ("BHD"), ==, 3);
  g_assert_cmpuint (lc_currency_get_exponent ("KWD"), ==, 3);
  g_assert_cmpuint (lc_currency_get_exponent ("OMR"), ==, 3);
  g_assert_cmpuint (lc_currency_get_exponent ("JOD"), ==, 3);
  g_assert_cmpuint (lc_currency_get_exponent ("TND"), ==, 3);
  g_assert_cmpuint (lc_currency_get_exponent ("IQD"), ==, 3);
  g_assert_cmpuint (lc_currency_get_exponent ("LYD"), ==, 3);
  g_assert_cmpuint (lc_currency_get_exponent ("jpy"), ==, 0);
  g_assert_cmpuint (lc_currency_get_exponent (""), ==, 2);
  g_assert_cmpuint (lc_currency_get_exponent ("XYZ"), ==, 2);
  g_assert_cmpuint (lc_currency_get_exponent (NULL), ==, 2);
}

static void
test_format_plain (void)
{
  struct {
    gint64      minor;
    guint       exponent;
    const char *expected;
  } cases[] = {
    { 123456, 2, "1234.56" },
    { -50, 2, "-0.50" },
    { 5, 2, "0.05" },
    { 0, 2, "0.00" },
    { 12, 0, "12" },
    { -12, 0, "-12" },
    { 1234, 3, "1.234" },
    { 7, 3, "0.007" },
    { 100, 2, "1.00" },
    { G_MAXINT64, 2, "92233720368547758.07" },
    { G_MININT64, 2, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lc_money_format_plain (cases[i].minor, cases[i].exponent);
      gint64 back = 0;

      g_assert_cmpstr (text, ==, cases[i].expected);
      g_assert_true (lc_money_parse (text, cases[i].exponent, &back, NULL));
      g_assert_cmpint (back, ==, cases[i].minor);
    }
}

static void
test_to_double (void)
{
  g_assert_cmpfloat (lc_money_to_double (123456, 2), ==, 1234.56);
  g_assert_cmpfloat (lc_money_to_double (-50, 2), ==, -0.5);
  g_assert_cmpfloat (lc_money_to_double (1500, 0), ==, 1500.0);
  g_assert_cmpfloat (lc_money_to_double (1234, 3), ==, 1.234);
  g_assert_cmpfloat (lc_money_to_double (0, 2), ==, 0.0);
}

/* A currency column's cell, or a --currency given by hand, as a code. */
static void
test_currency_code_normalize (void)
{
  static const struct { const char *text; const char *code; } cases[] = {
    { "EUR", "EUR" }, { " gbp ", "GBP" }, { "Brl", "BRL" },
    { "", NULL }, { "  ", NULL }, { "EU", NULL }, { "EURO", NULL }, { "US$", NULL }, { "€", NULL }, { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = lc_currency_code_normalize (cases[i].text);

      g_assert_cmpstr (code, ==, cases[i].code);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/money/plain-decimal", test_plain_decimal);
  g_test_add_func ("/lc/money/comma-grouping-dot-decimal", test_comma_grouping_dot_decimal);
  g_test_add_func ("/lc/money/dot-grouping-comma-decimal", test_dot_grouping_comma_decimal);
  g_test_add_func ("/lc/money/space-and-apostrophe-grouping", test_space_and_apostrophe_grouping);
  g_test_add_func ("/lc/money/currency-symbols-and-codes", test_currency_symbols_and_codes);
  g_test_add_func ("/lc/money/spreadsheet-integer-is-major-units", test_spreadsheet_integer_is_major_units);
  g_test_add_func ("/lc/money/negative-forms", test_negative_forms);
  g_test_add_func ("/lc/money/lone-separator-before-three-digits-groups-thousands", test_lone_separator_before_three_digits_groups_thousands);
  g_test_add_func ("/lc/money/lone-separator-otherwise-is-decimal-mark", test_lone_separator_otherwise_is_decimal_mark);
  g_test_add_func ("/lc/money/three-decimal-currency-reads-three-digits-as-decimals", test_three_decimal_currency_reads_three_digits_as_decimals);
  g_test_add_func ("/lc/money/zero-decimal-currency", test_zero_decimal_currency);
  g_test_add_func ("/lc/money/extra-fraction-digits-round-half-to-even", test_extra_fraction_digits_round_half_to_even);
  g_test_add_func ("/lc/money/bad-grouping-is-invalid", test_bad_grouping_is_invalid);
  g_test_add_func ("/lc/money/malformed-text-is-invalid", test_malformed_text_is_invalid);
  g_test_add_func ("/lc/money/invalid-utf8-is-rejected-without-crashing", test_invalid_utf8_is_rejected_without_crashing);
  g_test_add_func ("/lc/money/overflow-is-reported", test_overflow_is_reported);
  g_test_add_func ("/lc/money/error-message-names-the-text", test_error_message_names_the_text);
  g_test_add_func ("/lc/money/currency-exponent-follows-iso-4217", test_currency_exponent_follows_iso_4217);
  g_test_add_func ("/lc/money/format-plain", test_format_plain);
  g_test_add_func ("/lc/money/to-double", test_to_double);
  g_test_add_func ("/lc/money/currency-code-normalize", test_currency_code_normalize);

  return g_test_run ();
}
