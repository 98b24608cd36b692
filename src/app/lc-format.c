/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-format"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-display.h"
#include "lc-format.h"

char *
lc_format_money (double      amount,
                 const char *currency)
{
  return lc_display_money (amount, currency, -1);
}

char *
lc_format_money_whole (double      amount,
                       const char *currency)
{
  return lc_display_money (amount, currency, 0);
}

char *
lc_format_ratio (double value)
{
  return g_strdup_printf ("%.2f", value);
}

char *
lc_format_percent (double fraction)
{
  /* Translators: a percentage with one decimal, such as "4.2%". Keep %.1f
   * and write %% for the percent sign; add a space if your language does. */
  return g_strdup_printf (_("%.1f%%"), fraction * 100.0);
}

char *
lc_format_day_range (LcDay first,
                     LcDay last)
{
  g_autofree char *first_text = lc_display_day (first);
  g_autofree char *last_text = lc_display_day (last);

  /* Translators: a span of days, such as "1 Nov 2024 – 31 Oct 2026". */
  return g_strdup_printf (_("%s – %s"), first_text, last_text);
}
