/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lc-date.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* The exit statuses of DESIGN.md's command-line contract. */
enum
{
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_BAD_INPUT = 2,
  EXIT_STORE = 3,
  /* Shopify could not be reached, refused the token or kept throttling. */
  EXIT_REMOTE = 4,
};

/* Prints the error and returns the exit status its kind calls for. */
int       lc_cli_fail          (const GError    *error);
/* Prints message and the command's help; returns EXIT_USAGE. */
int       lc_cli_usage_error   (GOptionContext  *context,
                                const char      *message);
gboolean  lc_cli_parse_options (GOptionContext  *context,
                                int             *argc,
                                char          ***argv,
                                int             *status);
void      lc_cli_print_json    (JsonBuilder     *builder);
/* Money in JSON: a decimal number in the store currency, exact to the minor
 * unit. */
double    lc_cli_money_value   (double           major,
                                guint            exponent);
void      lc_cli_add_day       (JsonBuilder     *builder,
                                const char      *key,
                                LcDay            day);
/* key: an array of the strings in strings (translated sentences). */
void      lc_cli_add_strings   (JsonBuilder     *builder,
                                const char      *key,
                                GPtrArray       *strings);
/* "YYYY-MM-DD", or LC_DAY_NONE for NULL. */
gboolean  lc_cli_parse_day     (const char      *text,
                                LcDay           *out,
                                GError         **error);
LcStore  *lc_cli_open_store    (const char      *path,
                                gboolean         create,
                                GError         **error);

/* Commands of lc-cli-measure.c */
int       lc_cli_run_feature   (int    argc,
                                char **argv);
int       lc_cli_run_evaluate  (int    argc,
                                char **argv);
int       lc_cli_run_offtest   (int    argc,
                                char **argv);
int       lc_cli_run_holdout   (int    argc,
                                char **argv);
int       lc_cli_run_abtest    (int    argc,
                                char **argv);
int       lc_cli_run_power     (int    argc,
                                char **argv);

/* Commands of lc-cli-advice.c */
int       lc_cli_run_answers   (int    argc,
                                char **argv);
int       lc_cli_run_recommend (int    argc,
                                char **argv);

/* Commands of lc-cli-returns.c */
int       lc_cli_run_returns   (int    argc,
                                char **argv);

/* Commands of lc-cli-report.c */
int       lc_cli_run_report    (int    argc,
                                char **argv);
int       lc_cli_run_chart     (int    argc,
                                char **argv);

/* Commands of lc-cli-bundles.c */
int       lc_cli_run_bundles   (int    argc,
                                char **argv);

/* Commands of lc-cli-shopify.c */
int       lc_cli_run_shopify_sync (int    argc,
                                   char **argv);

G_END_DECLS
