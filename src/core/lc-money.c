/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-money"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-money.h"

/* 10^18 is the largest power of ten in an int64. */
#define MAX_EXPONENT 18
/* Longer input is cut in error messages. */
#define MAX_QUOTED_CHARS 40

typedef enum
{
  SEP_NONE,
  SEP_DOT,
  SEP_COMMA,
  SEP_SPACE,   /* spaces and apostrophes: only ever digit grouping */
} SepKind;

typedef struct
{
  char  code[4];
  guint exponent;
} CurrencyExponent;

/* ISO 4217 currencies whose minor unit is not two digits. */
static const CurrencyExponent currency_exponents[] = {
  { "BHD", 3 }, { "BIF", 0 }, { "CLF", 4 }, { "CLP", 0 }, { "DJF", 0 },
  { "GNF", 0 }, { "IQD", 3 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 },
  { "KMF", 0 }, { "KRW", 0 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 },
  { "PYG", 0 }, { "RWF", 0 }, { "TND", 3 }, { "UGX", 0 }, { "UYI", 0 },
  { "UYW", 4 }, { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 }, { "XOF", 0 },
  { "XPF", 0 },
};

static const char * const currency_symbols[] = {
  "$", "\xE2\x82\xAC" /* € */, "\xC2\xA3" /* £ */, "\xC2\xA5" /* ¥ */,
  "\xE2\x82\xB9" /* ₹ */,
};

/* No-break, narrow no-break and thin spaces group digits in French and
 * other locales; apostrophes do in Swiss amounts. */
static const char * const spaces[] = {
  " ", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89",
};

static const char * const apostrophes[] = {
  "'", "\xE2\x80\x99",
};

static const char * const minus_signs[] = {
  "-", "\xE2\x88\x92" /* − */,
};

static const guint64 powers_of_ten[MAX_EXPONENT + 1] = {
  G_GUINT64_CONSTANT (1),
  G_GUINT64_CONSTANT (10),
  G_GUINT64_CONSTANT (100),
  G_GUINT64_CONSTANT (1000),
  G_GUINT64_CONSTANT (10000),
  G_GUINT64_CONSTANT (100000),
  G_GUINT64_CONSTANT (1000000),
  G_GUINT64_CONSTANT (10000000),
  G_GUINT64_CONSTANT (100000000),
  G_GUINT64_CONSTANT (1000000000),
  G_GUINT64_CONSTANT (10000000000),
  G_GUINT64_CONSTANT (100000000000),
  G_GUINT64_CONSTANT (1000000000000),
  G_GUINT64_CONSTANT (10000000000000),
  G_GUINT64_CONSTANT (100000000000000),
  G_GUINT64_CONSTANT (1000000000000000),
  G_GUINT64_CONSTANT (10000000000000000),
  G_GUINT64_CONSTANT (100000000000000000),
  G_GUINT64_CONSTANT (1000000000000000000),
};

G_DEFINE_QUARK (lc-money-error-quark, lc_money_error)

char *
lc_currency_code_normalize (const char *text)
{
  g_autofree char *code = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (strlen (code) != 3 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) ||
      !g_ascii_isalpha (code[2]))
    return NULL;
  return g_ascii_strup (code, -1);
}

guint
lc_currency_get_exponent (const char *currency)
{
  if (currency == NULL)
    return 2;

  for (guint i = 0; i < G_N_ELEMENTS (currency_exponents); i++)
    if (g_ascii_strcasecmp (currency, currency_exponents[i].code) == 0)
      return currency_exponents[i].exponent;
  return 2;
}

/* Length of the first of strings that text starts with, or 0. */
static gsize
match_prefix (const char         *p,
              const char         *end,
              const char * const *strings,
              guint               n_strings)
{
  for (guint i = 0; i < n_strings; i++)
    {
      gsize len = strlen (strings[i]);

      if ((gsize) (end - p) >= len && memcmp (p, strings[i], len) == 0)
        return len;
    }
  return 0;
}

/* Length of the first of strings that text ends with, or 0. */
static gsize
match_suffix (const char         *p,
              const char         *end,
              const char * const *strings,
              guint               n_strings)
{
  for (guint i = 0; i < n_strings; i++)
    {
      gsize len = strlen (strings[i]);

      if ((gsize) (end - p) >= len && memcmp (end - len, strings[i], len) == 0)
        return len;
    }
  return 0;
}

/* Three capital letters at s with no letter beside them inside
 * [start, end): an ISO code such as USD. Needs start <= s, s + 3 <= end. */
static gboolean
is_code_at (const char *start,
            const char *end,
            const char *s)
{
  return g_ascii_isupper (s[0]) && g_ascii_isupper (s[1]) && g_ascii_isupper (s[2]) &&
         (s == start || !g_ascii_isupper (s[-1])) &&
         (s + 3 == end || !g_ascii_isupper (s[3]));
}

typedef struct
{
  guint    n_signs;
  guint    n_symbols;
  guint    n_codes;
  gboolean minus;
} Affixes;

#define MATCH(p, end, strings) match_prefix (p, end, strings, G_N_ELEMENTS (strings))
#define MATCH_END(p, end, strings) match_suffix (p, end, strings, G_N_ELEMENTS (strings))

/* Strips spaces, signs, currency symbols and three-letter codes from the
 * front of [*p, end). */
static void
strip_prefix (const char **p,
              const char  *end,
              Affixes     *affixes)
{
  for (;;)
    {
      const char *s = *p;
      gsize len;

      if ((len = MATCH (s, end, minus_signs)) > 0)
        {
          affixes->n_signs++;
          affixes->minus = TRUE;
        }
      else if (s < end && *s == '+')
        {
          len = 1;
          affixes->n_signs++;
        }
      else if ((len = MATCH (s, end, currency_symbols)) > 0)
        affixes->n_symbols++;
      else if (end - s >= 3 && is_code_at (s, end, s))
        {
          len = 3;
          affixes->n_codes++;
        }
      else if ((len = MATCH (s, end, spaces)) == 0)
        return;
      *p += len;
    }
}

/* The same from the back of [p, *end); a sign here is a trailing minus. */
static void
strip_suffix (const char  *p,
              const char **end,
              Affixes     *affixes)
{
  for (;;)
    {
      const char *e = *end;
      gsize len;

      if ((len = MATCH_END (p, e, minus_signs)) > 0)
        {
          affixes->n_signs++;
          affixes->minus = TRUE;
        }
      else if ((len = MATCH_END (p, e, currency_symbols)) > 0)
        affixes->n_symbols++;
      else if (e - p >= 3 && is_code_at (p, e, e - 3))
        {
          len = 3;
          affixes->n_codes++;
        }
      else if ((len = MATCH_END (p, e, spaces)) == 0)
        return;
      *end -= len;
    }
}

/* The separator at p, if any, and its length. */
static SepKind
separator_at (const char *p,
              const char *end,
              gsize      *len)
{
  *len = 1;
  if (*p == '.')
    return SEP_DOT;
  if (*p == ',')
    return SEP_COMMA;
  if ((*len = MATCH (p, end, spaces)) > 0 || (*len = MATCH (p, end, apostrophes)) > 0)
    return SEP_SPACE;
  return SEP_NONE;
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

/* Adds one digit to a magnitude bounded by limit. */
static gboolean
push_digit (guint64 *mag,
            guint    digit,
            guint64  limit)
{
  if (*mag > (limit - digit) / 10)
    return FALSE;
  *mag = *mag * 10 + digit;
  return TRUE;
}

/*
 * Grammar: [(] affixes number affixes [)], where affixes are spaces, at most
 * one sign, currency symbol and ISO code in all, and number is digit groups
 * split by separators of one style: "1,234.56", "1.234,56", "1 234,56".
 * Which separator groups and which is the decimal mark, and how extra
 * decimals round, is described in lc-money.h.
 */
gboolean
lc_money_parse (const char  *text,
                guint        exponent,
                gint64      *out_minor,
                GError     **error)
{
  Affixes affixes = { 0, };
  guint count[SEP_SPACE + 1] = { 0, };
  SepKind decimal = SEP_NONE;
  SepKind group = SEP_NONE;
  SepKind last_sep = SEP_NONE;
  gsize first_group_len = 0;
  gsize group_len = 0;
  guint n_int_groups = 0;
  gboolean in_fraction = FALSE;
  gboolean parentheses = FALSE;
  guint n_fraction = 0;
  guint first_extra = 0;
  gboolean extra_nonzero = FALSE;
  const char *p;
  const char *end;
  guint64 limit;
  guint64 mag = 0;
  gboolean negative;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (exponent <= MAX_EXPONENT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = text;
  end = text + strlen (text);
  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  /* Accounting negative: "(12.50)" */
  if (end - p >= 2 && *p == '(' && end[-1] == ')')
    {
      parentheses = TRUE;
      affixes.n_signs++;
      p++;
      end--;
    }
  strip_prefix (&p, end, &affixes);
  strip_suffix (p, &end, &affixes);
  negative = parentheses || affixes.minus;

  if (affixes.n_signs > 1 || affixes.n_symbols > 1 || affixes.n_codes > 1 ||
      p == end || !g_ascii_isdigit (*p) || !g_ascii_isdigit (end[-1]))
    goto invalid;

  /* First pass: which separators, and where. */
  for (const char *s = p; s < end;)
    {
      gsize len;
      SepKind kind;

      if (g_ascii_isdigit (*s))
        {
          group_len++;
          s++;
          continue;
        }
      kind = separator_at (s, end, &len);
      if (kind == SEP_NONE || group_len == 0)
        goto invalid;
      if (last_sep == SEP_NONE)
        first_group_len = group_len;
      count[kind]++;
      last_sep = kind;
      group_len = 0;
      s += len;
    }
  if (last_sep == SEP_NONE)
    first_group_len = group_len;

  if (count[SEP_SPACE] > 0)
    {
      /* Spaces group; a dot or comma after the last group is the mark. */
      group = SEP_SPACE;
      if (count[SEP_DOT] + count[SEP_COMMA] > 1 ||
          (count[SEP_DOT] + count[SEP_COMMA] == 1 && last_sep == SEP_SPACE))
        goto invalid;
      if (last_sep != SEP_SPACE)
        decimal = last_sep;
    }
  else if (count[SEP_DOT] > 0 && count[SEP_COMMA] > 0)
    {
      /* "1,234.56" or "1.234,56": the last one is the decimal mark. */
      decimal = last_sep;
      group = decimal == SEP_DOT ? SEP_COMMA : SEP_DOT;
      if (count[decimal] > 1)
        goto invalid;
    }
  else if (count[SEP_DOT] + count[SEP_COMMA] > 1)
    group = last_sep;
  else if (count[SEP_DOT] + count[SEP_COMMA] == 1)
    {
      /* "1,234" groups thousands, unless the currency has three decimals;
       * a group never starts with 0 or has more than three digits. */
      if (group_len == 3 && exponent < 3 && first_group_len <= 3 && *p != '0')
        group = last_sep;
      else
        decimal = last_sep;
    }

  if (group != SEP_NONE && (first_group_len > 3 || *p == '0'))
    goto invalid;

  /* Second pass: the digits, checking group sizes and the range. */
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  group_len = 0;
  for (const char *s = p; s < end;)
    {
      gsize len;
      SepKind kind;

      if (g_ascii_isdigit (*s))
        {
          guint digit = *s - '0';

          s++;
          group_len++;
          if (!in_fraction)
            {
              if (!push_digit (&mag, digit, limit))
                goto overflow;
            }
          else if (n_fraction < exponent)
            {
              if (!push_digit (&mag, digit, limit))
                goto overflow;
              n_fraction++;
            }
          else if (n_fraction++ == exponent)
            first_extra = digit;
          else if (digit != 0)
            extra_nonzero = TRUE;
          continue;
        }

      kind = separator_at (s, end, &len);
      s += len;
      if (kind != decimal && kind != group)
        goto invalid;
      /* Groups after the first have three digits: no "12,3,4". */
      if (n_int_groups > 0 && group_len != 3)
        goto invalid;
      n_int_groups++;
      group_len = 0;
      in_fraction = kind == decimal;
    }
  if (!in_fraction && n_int_groups > 0 && group_len != 3)
    goto invalid;

  for (; n_fraction < exponent; n_fraction++)
    if (!push_digit (&mag, 0, limit))
      goto overflow;

  /* Round half to even on the exact decimal digits. */
  if (n_fraction > exponent &&
      (first_extra > 5 || (first_extra == 5 && (extra_nonzero || (mag & 1) != 0))))
    {
      if (mag == limit)
        goto overflow;
      mag++;
    }

  if (out_minor != NULL)
    {
      if (!negative)
        *out_minor = (gint64) mag;
      else if (mag == (guint64) G_MAXINT64 + 1)
        *out_minor = G_MININT64;
      else
        *out_minor = -(gint64) mag;
    }
  return TRUE;

invalid:
  {
    g_autofree char *shown = quote_for_message (text);

    g_set_error (error, LC_MONEY_ERROR, LC_MONEY_ERROR_INVALID,
                 _("“%s” is not an amount of money; expected a number such as 1234.56, 1,234.56 or 1.234,56."),
                 shown);
    return FALSE;
  }

overflow:
  {
    g_autofree char *shown = quote_for_message (text);

    g_set_error (error, LC_MONEY_ERROR, LC_MONEY_ERROR_OVERFLOW,
                 _("“%s” is too large to be an amount of money."),
                 shown);
    return FALSE;
  }
}

char *
lc_money_format_plain (gint64 minor,
                       guint  exponent)
{
  guint64 mag = minor < 0 ? -(guint64) minor : (guint64) minor;
  char digits[32];
  guint n;
  GString *s;

  n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, mag);
  s = g_string_sized_new (n + exponent + 3);
  if (minor < 0)
    g_string_append_c (s, '-');

  if (exponent == 0)
    g_string_append (s, digits);
  else if (n <= exponent)
    {
      g_string_append (s, "0.");
      for (guint i = n; i < exponent; i++)
        g_string_append_c (s, '0');
      g_string_append (s, digits);
    }
  else
    {
      g_string_append_len (s, digits, n - exponent);
      g_string_append_c (s, '.');
      g_string_append (s, digits + n - exponent);
    }
  return g_string_free (s, FALSE);
}

double
lc_money_to_double (gint64 minor,
                    guint  exponent)
{
  g_return_val_if_fail (exponent <= MAX_EXPONENT, 0.0);

  /* Dividing by an exact power of ten rounds once, so 123456 with exponent
   * 2 gives the double nearest 1234.56. */
  return (double) minor / (double) powers_of_ten[exponent];
}
