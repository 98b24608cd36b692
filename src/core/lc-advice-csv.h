/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lc-advisor.h"

G_BEGIN_DECLS

/*
 * The verdict table as CSV (RFC 4180: comma-separated, CRLF line ends,
 * fields with commas, quotes or line breaks quoted, quotes doubled), for a
 * spreadsheet: one row per feature with its id, verdict, first reason,
 * watch metric and review day (YYYY-MM-DD). Ids and verdicts are those of
 * `recommend --json`; the reason is in the user's language.
 */
char     *lc_advice_to_csv    (const LcAdvice *advice);
/* Writes lc_advice_to_csv() to path, replaced whole. */
gboolean  lc_advice_write_csv (const LcAdvice *advice,
                               const char     *path,
                               GError        **error);

G_END_DECLS
