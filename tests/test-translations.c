/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <string.h>

#include "lc-demo.h"
#include "lc-metrics.h"
#include "lc-test-util.h"

/* The command line in the owner's language: Spanish words from po/es.po
 * (built into the build tree's po/), Spanish numbers from the es_ES
 * locale. */
static void
test_cli_summary_in_spanish (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "tienda.liftcheck", NULL);
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) aov_line = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autofree char *integer = NULL;
  g_autofree char *cents = NULL;
  g_autoptr(GString) digits = NULL;
  LcDemoOptions options;
  double shown;

  lc_demo_options_init (&options);
  options.orders_per_day = 10;
  options.years = 1;
  g_assert_true (lc_demo_create_store (&options, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->currency, ==, "USD");

  /* What a Spanish owner's session has: LANGUAGE picks the catalogue,
   * LANG the number formats. */
  g_setenv ("LIFTCHECK_LOCALEDIR", localedir, TRUE);
  g_setenv ("LANGUAGE", "es", TRUE);
  g_setenv ("LANG", "es_ES.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LC_NUMERIC");
  g_unsetenv ("LC_MONETARY");
  g_assert_cmpint (lc_test_run_cli (&out, &err, "summary", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  /* "Valor medio del pedido: 73,48 $ (…)": on that line, the amount with a
   * decimal comma, dots between thousands and the symbol after it. */
  if (strstr (out, "Valor medio del pedido") == NULL)
    g_error ("The summary is not in Spanish (is po/es.po built?):\n%s", out);
  aov_line = g_regex_new ("^.*Valor medio del pedido.*?\\b([0-9]{1,3}(?:\\.[0-9]{3})*),([0-9]{2}) \\$",
                          G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  if (!g_regex_match (aov_line, out, 0, &match))
    g_error ("The average order value is not written the Spanish way:\n%s", out);

  /* And it is the store's average order value. */
  integer = g_match_info_fetch (match, 1);
  cents = g_match_info_fetch (match, 2);
  digits = g_string_new (NULL);
  for (const char *c = integer; *c != '\0'; c++)
    if (*c != '.')
      g_string_append_c (digits, *c);
  g_string_append_printf (digits, ".%s", cents);
  shown = g_ascii_strtod (digits->str, NULL);
  g_assert_cmpfloat_with_epsilon (shown, summary->aov, 0.005 + 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/translations/cli-summary-in-spanish", test_cli_summary_in_spanish);

  return g_test_run ();
}
