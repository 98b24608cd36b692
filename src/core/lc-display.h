/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lc-date.h"

G_BEGIN_DECLS

/* Money for people: "$1,234.56", "£42.11", "1,625.00 BDT"; the number
 * alone when currency is NULL (not known yet). decimals -1 uses the
 * currency's own; 0 rounds to whole units. Grouping follows the locale. */
char *lc_display_money      (double      major,
                            const char *currency,
                            int         decimals);
/* Large amounts shortened: "$3.2M", "$41K", "$950". */
char *lc_display_money_short(double      major,
                            const char *currency);
/* "1,234" with the locale's grouping. */
char *lc_display_count      (gint64      count);
/* "3 Nov 2025", in the user's language. */
char *lc_display_day        (LcDay       day);

G_END_DECLS
