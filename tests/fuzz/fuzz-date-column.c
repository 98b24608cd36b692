/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-fuzz"

#include "config.h"

#include <string.h>

#include "lc-date-column.h"
#include "lc-fuzz.h"

/*
 * The date column's format decision, on lines of any bytes (one value a
 * line). Invariants: a decision is a real order, or an error that names
 * the file; when decided, every value parses with it (the decision never
 * picks an order that some value of the column cannot be read in) unless
 * it is no valid calendar day, and each parsed day maps back to itself.
 */

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
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) values = g_strsplit (text, "\n", 2000);
  g_autoptr(LcDateColumn) column = lc_date_column_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  LcDateOrder order = LC_DATE_ORDER_AUTO;

  for (guint i = 0; values[i] != NULL; i++)
    lc_date_column_add (column, values[i], i + 2);
  if (lc_date_column_get_n_values (column) == 0)
    return 0;
  if (!lc_date_column_decide (column, "fuzz.csv", "Date", &order, &warning, &error))
    {
      g_assert_true (error != NULL && error->domain == LC_DATE_ERROR);
      g_assert_nonnull (strstr (error->message, "fuzz.csv"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_cmpint (order, !=, LC_DATE_ORDER_AUTO);
  g_assert_nonnull (lc_date_order_get_title (order));
  for (guint i = 0; values[i] != NULL; i++)
    {
      LcTimestamp ts;
      g_autoptr(GError) parse_error = NULL;

      if (lc_date_parse_with_order (values[i], order, &ts, &parse_error))
        {
          int y, m, d;

          lc_day_to_ymd (ts.local_day, &y, &m, &d);
          g_assert_cmpint (lc_day_from_ymd (y, m, d), ==, ts.local_day);
        }
      else
        g_assert_true (parse_error != NULL && parse_error->domain == LC_DATE_ERROR);
    }
  return 0;
}
