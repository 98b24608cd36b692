/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-fuzz"

#include "config.h"

#include "lc-date.h"
#include "lc-fuzz.h"

/* The timestamp and day parsers. A parsed day must format and parse back
 * to itself, and its calendar date must map back to the same day. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_day (LcDay day)
{
  g_autofree char *text = lc_day_format (day);
  g_autoptr(GError) error = NULL;
  LcDay again = 0;
  int y, m, d;

  g_assert_true (lc_day_parse (text, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, day);
  lc_day_to_ymd (day, &y, &m, &d);
  g_assert_cmpint (lc_day_from_ymd (y, m, d), ==, day);
  g_assert_cmpint (lc_day_get_weekday (day), >=, 1);
  g_assert_cmpint (lc_day_get_weekday (day), <=, 7);
  g_assert_cmpint (lc_day_week_start (day), <=, day);
  g_assert_cmpint (lc_day_month_start (day), <=, day);
  (void) lc_day_add_months (day, 1);
  (void) lc_day_range_has_peak (day, day + 30);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  LcTimestamp ts = { 0 };
  LcDay day = 0;

  if (lc_timestamp_parse (text, &ts, &error))
    {
      g_assert_no_error (error);
      check_day (ts.local_day);
    }
  else
    {
      g_assert_true (error != NULL && error->domain == LC_DATE_ERROR);
      g_clear_error (&error);
    }

  if (lc_day_parse (text, &day, &error))
    check_day (day);
  else
    g_assert_true (error != NULL && error->domain == LC_DATE_ERROR);
  return 0;
}
