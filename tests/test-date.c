/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-date"

#include "config.h"

#include "lc-date.h"

/* Expected values come from Python's datetime (see each comment). */

static LcTimestamp
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  LcTimestamp ts = { 0, };

  g_assert_true (lc_timestamp_parse (text, &ts, &error));
  g_assert_no_error (error);
  return ts;
}

static void
assert_invalid (const char *text,
                int         code)
{
  g_autoptr(GError) error = NULL;
  LcTimestamp ts = { 0, };

  g_assert_false (lc_timestamp_parse (text, &ts, &error));
  g_assert_error (error, LC_DATE_ERROR, code);
}

static void
test_shopify_timestamp_with_offset (void)
{
  LcTimestamp ts = parse_ok ("2025-12-07 19:08:25 +0000");

  g_assert_cmpint (ts.local_day, ==, 20429);
  g_assert_cmpint (ts.utc, ==, 1765134505);
  g_assert_cmpint (ts.offset, ==, 0);
  g_assert_true (ts.has_offset);
}

static void
test_dst_offsets_change_the_utc_instant (void)
{
  /* New York, the day before and the day of the 2023 spring change:
   * 23:30 -0500 is 04:30Z, 23:30 -0400 is 03:30Z the next day. */
  LcTimestamp winter = parse_ok ("2023-03-11 23:30:00 -0500");
  LcTimestamp summer = parse_ok ("2023-03-12 23:30:00 -0400");

  g_assert_cmpint (winter.local_day, ==, 19427);
  g_assert_cmpint (winter.utc, ==, 1678595400);
  g_assert_cmpint (winter.offset, ==, -5 * 3600);
  g_assert_cmpint (summer.local_day, ==, 19428);
  g_assert_cmpint (summer.utc, ==, 1678678200);
  g_assert_cmpint (summer.offset, ==, -4 * 3600);
  /* One calendar day apart locally, 23 hours apart in UTC. */
  g_assert_cmpint (summer.utc - winter.utc, ==, 23 * 3600);
}

static void
test_negative_offset_moves_utc_to_next_day (void)
{
  LcTimestamp ts = parse_ok ("2023-11-04 20:19:55 -0700");

  /* The store's day stays 4 November; in UTC it is already the 5th. */
  g_assert_cmpint (ts.local_day, ==, 19665);
  g_assert_cmpint (ts.utc, ==, 1699154395);
  g_assert_cmpint (ts.utc / 86400, ==, 19666);
}

static void
test_positive_offset_moves_utc_to_previous_day (void)
{
  LcTimestamp ts = parse_ok ("2024-01-01T08:00:00+14:00");

  g_assert_cmpint (ts.local_day, ==, lc_day_from_ymd (2024, 1, 1));
  g_assert_cmpint (ts.utc, ==, 1704009600 + 10 * 3600);
  g_assert_cmpint (ts.utc / 86400, ==, lc_day_from_ymd (2023, 12, 31));
}

static void
test_iso8601_forms (void)
{
  LcTimestamp a = parse_ok ("2024-03-10T02:30:00-05:00");
  LcTimestamp b = parse_ok ("2024-03-10T07:30:00Z");
  LcTimestamp c = parse_ok ("2024-03-10T07:30:00.125Z");
  LcTimestamp d = parse_ok ("2024-02-29 12:00:00+0530");
  LcTimestamp e = parse_ok ("2024-03-10T02:30:00-05");

  g_assert_cmpint (a.utc, ==, 1710055800);
  g_assert_cmpint (a.offset, ==, -18000);
  g_assert_cmpint (b.utc, ==, 1710055800);
  g_assert_cmpint (b.offset, ==, 0);
  g_assert_true (b.has_offset);
  g_assert_cmpint (c.utc, ==, 1710055800);
  g_assert_cmpint (d.utc, ==, 1709188200);
  g_assert_cmpint (d.offset, ==, 5 * 3600 + 30 * 60);
  g_assert_cmpint (e.utc, ==, 1710055800);
}

static void
test_no_offset_is_local_time_at_utc (void)
{
  LcTimestamp full = parse_ok ("2024-03-10 02:30:00");
  LcTimestamp minutes = parse_ok ("2024-03-10 02:30");
  LcTimestamp date_only = parse_ok ("2024-03-10");

  g_assert_cmpint (full.local_day, ==, 19792);
  g_assert_cmpint (full.utc, ==, 19792 * G_GINT64_CONSTANT (86400) + 2 * 3600 + 30 * 60);
  g_assert_false (full.has_offset);
  g_assert_cmpint (full.offset, ==, 0);
  g_assert_cmpint (minutes.utc, ==, full.utc);
  g_assert_false (minutes.has_offset);
  g_assert_cmpint (date_only.local_day, ==, 19792);
  g_assert_cmpint (date_only.utc, ==, 19792 * G_GINT64_CONSTANT (86400));
  g_assert_false (date_only.has_offset);
}

static void
test_surrounding_spaces_are_ignored (void)
{
  LcTimestamp ts = parse_ok ("  2025-12-07 19:08:25 +0000 ");

  g_assert_cmpint (ts.utc, ==, 1765134505);
}

static void
test_leap_day (void)
{
  LcTimestamp ts = parse_ok ("2024-02-29 23:59:59 +0000");
  LcDay day = 0;

  g_assert_cmpint (ts.local_day, ==, 19782);
  g_assert_true (lc_day_parse ("2000-02-29", &day, NULL));
  g_assert_cmpint (day, ==, 11016);
  g_assert_cmpint (lc_day_from_ymd (2024, 2, 29) + 1, ==, lc_day_from_ymd (2024, 3, 1));

  assert_invalid ("2023-02-29 10:00:00 +0000", LC_DATE_ERROR_INVALID);
  /* 1900 is divisible by 100 but not by 400: no leap day. */
  assert_invalid ("1900-02-29", LC_DATE_ERROR_INVALID);
}

static void
test_impossible_fields_are_invalid (void)
{
  assert_invalid ("2024-13-01", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-00-10", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-04-31", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-04-00", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-04-01 24:00:00", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-04-01 23:60:00", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-04-01 23:59:61", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-04-01 10:00:00 +1430", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-04-01 10:00:00 -1500", LC_DATE_ERROR_INVALID);
  assert_invalid ("2024-04-01 10:00:00 +0160", LC_DATE_ERROR_INVALID);
}

static void
test_leap_second_is_accepted (void)
{
  LcTimestamp ts = parse_ok ("2016-12-31 23:59:60 +0000");

  g_assert_cmpint (ts.utc, ==, lc_day_from_ymd (2017, 1, 1) * G_GINT64_CONSTANT (86400));
}

static void
test_malformed_text_is_invalid (void)
{
  const char *bad[] = {
    "", " ", "abc", "2024", "2024-03", "2024-3-10", "24-03-10", "2024/03/10",
    "10/03/2024", "2024-03-10T", "2024-03-10 2:30", "2024-03-10 02:30:0",
    "2024-03-10 02:30:00 +", "2024-03-10 02:30:00 +1", "2024-03-10 02:30:00 UTC",
    "2024-03-10 02:30:00 +0000 x", "2024-03-10 02:30:00.", "2024-03-10x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      LcTimestamp ts = { 0, };

      g_test_message ("%s", bad[i]);
      g_assert_false (lc_timestamp_parse (bad[i], &ts, &error));
      g_assert_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID);
    }
}

static void
test_years_outside_1900_2200_are_out_of_range (void)
{
  LcDay day = 0;
  g_autoptr(GError) error = NULL;

  assert_invalid ("1899-12-31 23:59:59 +0000", LC_DATE_ERROR_OUT_OF_RANGE);
  assert_invalid ("2201-01-01", LC_DATE_ERROR_OUT_OF_RANGE);
  g_assert_false (lc_day_parse ("0001-01-01", &day, &error));
  g_assert_error (error, LC_DATE_ERROR, LC_DATE_ERROR_OUT_OF_RANGE);

  g_assert_cmpint (parse_ok ("1900-01-01").local_day, ==, -25567);
  g_assert_cmpint (parse_ok ("2200-12-31").local_day, ==, 84370);
}

static void
test_error_message_names_text_and_form (void)
{
  g_autoptr(GError) error = NULL;
  LcTimestamp ts = { 0, };

  g_assert_false (lc_timestamp_parse ("12/07/2025", &ts, &error));
  g_assert_cmpstr (error->message, ==,
                   "“12/07/2025” is not a date and time; expected a form such as 2024-03-10 14:30:00 +0100 or 2024-03-10.");
  g_clear_error (&error);

  g_assert_false (lc_day_parse ("2024-02-30", NULL, &error));
  g_assert_cmpstr (error->message, ==, "“2024-02-30” is not a real date: that month has no such day.");
}

static void
test_day_parse_and_format_round_trip (void)
{
  LcDay day = 0;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_day_parse ("2024-03-10", &day, &error));
  g_assert_no_error (error);
  g_assert_cmpint (day, ==, 19792);
  text = lc_day_format (day);
  g_assert_cmpstr (text, ==, "2024-03-10");

  g_assert_false (lc_day_parse ("2024-03-10 10:00", &day, &error));
  g_assert_error (error, LC_DATE_ERROR, LC_DATE_ERROR_INVALID);
}

static void
test_ymd_round_trip_over_three_centuries (void)
{
  LcDay expected = lc_day_from_ymd (1900, 1, 1);

  g_assert_cmpint (expected, ==, -25567);
  for (int year = 1900; year <= 2200; year++)
    for (int month = 1; month <= 12; month++)
      for (int mday = 1; mday <= 31; mday++)
        {
          GDate *date;
          int y;
          int m;
          int d;

          if (!g_date_valid_dmy (mday, month, year))
            continue;
          g_assert_cmpint (lc_day_from_ymd (year, month, mday), ==, expected);
          lc_day_to_ymd (expected, &y, &m, &d);
          g_assert_cmpint (y, ==, year);
          g_assert_cmpint (m, ==, month);
          g_assert_cmpint (d, ==, mday);

          /* GDate weekdays are also 1 = Monday ... 7 = Sunday. */
          date = g_date_new_dmy (mday, month, year);
          g_assert_cmpint (lc_day_get_weekday (expected), ==, g_date_get_weekday (date));
          g_date_free (date);
          expected++;
        }
}

static void
test_epoch_and_negative_days (void)
{
  int y;
  int m;
  int d;

  g_assert_cmpint (lc_day_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (lc_day_from_ymd (1969, 12, 31), ==, -1);
  lc_day_to_ymd (-1, &y, &m, &d);
  g_assert_cmpint (y, ==, 1969);
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (d, ==, 31);
  /* 1970-01-01 was a Thursday, 1969-12-29 a Monday. */
  g_assert_cmpint (lc_day_get_weekday (0), ==, 4);
  g_assert_cmpint (lc_day_get_weekday (-1), ==, 3);
  g_assert_cmpint (lc_day_week_start (0), ==, -3);
  g_assert_cmpint (lc_day_week_start (-3), ==, -3);
  g_assert_cmpint (lc_day_week_start (-4), ==, -10);
}

static void
test_year_boundary (void)
{
  LcDay last = lc_day_from_ymd (2024, 12, 31);
  g_autofree char *next = lc_day_format (last + 1);
  g_autofree char *before = lc_day_format (lc_day_from_ymd (2025, 1, 1) - 1);

  g_assert_cmpint (last, ==, 20088);
  g_assert_cmpstr (next, ==, "2025-01-01");
  g_assert_cmpstr (before, ==, "2024-12-31");
  g_assert_cmpint (lc_day_month_start (last), ==, lc_day_from_ymd (2024, 12, 1));
}

static void
test_week_start_is_monday_across_year_boundary (void)
{
  /* 2025-01-01 is a Wednesday: its ISO week starts on Monday 2024-12-30. */
  LcDay new_year = lc_day_from_ymd (2025, 1, 1);

  g_assert_cmpint (lc_day_get_weekday (new_year), ==, 3);
  g_assert_cmpint (lc_day_week_start (new_year), ==, 20087);
  g_assert_cmpint (lc_day_week_start (lc_day_from_ymd (2025, 1, 5)), ==, 20087);
  g_assert_cmpint (lc_day_week_start (lc_day_from_ymd (2025, 1, 6)), ==, 20094);
  /* 2021-01-03 is a Sunday: still in the week of Monday 2020-12-28. */
  g_assert_cmpint (lc_day_week_start (18630), ==, 18624);
  g_assert_cmpint (lc_day_week_start (18631), ==, 18631);
}

static void
test_month_start (void)
{
  g_assert_cmpint (lc_day_month_start (lc_day_from_ymd (2024, 2, 29)), ==, lc_day_from_ymd (2024, 2, 1));
  g_assert_cmpint (lc_day_month_start (lc_day_from_ymd (2024, 3, 1)), ==, lc_day_from_ymd (2024, 3, 1));
  g_assert_cmpint (lc_day_month_start (-1), ==, lc_day_from_ymd (1969, 12, 1));
}

static void
test_add_months_clamps_day_of_month (void)
{
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2024, 1, 31), 1), ==, lc_day_from_ymd (2024, 2, 29));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2023, 1, 31), 1), ==, lc_day_from_ymd (2023, 2, 28));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2024, 3, 31), -1), ==, lc_day_from_ymd (2024, 2, 29));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2024, 5, 31), 1), ==, lc_day_from_ymd (2024, 6, 30));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2024, 2, 29), 12), ==, lc_day_from_ymd (2025, 2, 28));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2024, 2, 29), 48), ==, lc_day_from_ymd (2028, 2, 29));
}

static void
test_add_months_crosses_years (void)
{
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2024, 12, 15), 1), ==, lc_day_from_ymd (2025, 1, 15));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2025, 1, 15), -1), ==, lc_day_from_ymd (2024, 12, 15));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2025, 1, 15), -13), ==, lc_day_from_ymd (2023, 12, 15));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2025, 1, 15), 0), ==, lc_day_from_ymd (2025, 1, 15));
  g_assert_cmpint (lc_day_add_months (lc_day_from_ymd (2025, 1, 15), 25), ==, lc_day_from_ymd (2027, 2, 15));
}

static void
test_black_friday_and_peak_season (void)
{
  /* Thanksgiving 2024 was 28 November, 2025 the 27th, 2026 the 26th. */
  g_assert_cmpint (lc_day_black_friday (2024), ==, lc_day_from_ymd (2024, 11, 29));
  g_assert_cmpint (lc_day_black_friday (2025), ==, lc_day_from_ymd (2025, 11, 28));
  g_assert_cmpint (lc_day_black_friday (2026), ==, lc_day_from_ymd (2026, 11, 27));
  g_assert_true (lc_day_range_has_peak (lc_day_from_ymd (2025, 10, 1), lc_day_from_ymd (2025, 11, 28)));
  g_assert_false (lc_day_range_has_peak (lc_day_from_ymd (2025, 10, 1), lc_day_from_ymd (2025, 11, 27)));
  g_assert_true (lc_day_range_has_peak (lc_day_from_ymd (2025, 12, 24), lc_day_from_ymd (2026, 2, 1)));
  g_assert_false (lc_day_range_has_peak (lc_day_from_ymd (2025, 12, 25), lc_day_from_ymd (2026, 11, 26)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/date/shopify-timestamp-with-offset", test_shopify_timestamp_with_offset);
  g_test_add_func ("/lc/date/dst-offsets-change-the-utc-instant", test_dst_offsets_change_the_utc_instant);
  g_test_add_func ("/lc/date/negative-offset-moves-utc-to-next-day", test_negative_offset_moves_utc_to_next_day);
  g_test_add_func ("/lc/date/positive-offset-moves-utc-to-previous-day", test_positive_offset_moves_utc_to_previous_day);
  g_test_add_func ("/lc/date/iso8601-forms", test_iso8601_forms);
  g_test_add_func ("/lc/date/no-offset-is-local-time-at-utc", test_no_offset_is_local_time_at_utc);
  g_test_add_func ("/lc/date/surrounding-spaces-are-ignored", test_surrounding_spaces_are_ignored);
  g_test_add_func ("/lc/date/leap-day", test_leap_day);
  g_test_add_func ("/lc/date/impossible-fields-are-invalid", test_impossible_fields_are_invalid);
  g_test_add_func ("/lc/date/leap-second-is-accepted", test_leap_second_is_accepted);
  g_test_add_func ("/lc/date/malformed-text-is-invalid", test_malformed_text_is_invalid);
  g_test_add_func ("/lc/date/years-outside-1900-2200-are-out-of-range", test_years_outside_1900_2200_are_out_of_range);
  g_test_add_func ("/lc/date/error-message-names-text-and-form", test_error_message_names_text_and_form);
  g_test_add_func ("/lc/date/day-parse-and-format-round-trip", test_day_parse_and_format_round_trip);
  g_test_add_func ("/lc/date/ymd-round-trip-over-three-centuries", test_ymd_round_trip_over_three_centuries);
  g_test_add_func ("/lc/date/epoch-and-negative-days", test_epoch_and_negative_days);
  g_test_add_func ("/lc/date/year-boundary", test_year_boundary);
  g_test_add_func ("/lc/date/week-start-is-monday-across-year-boundary", test_week_start_is_monday_across_year_boundary);
  g_test_add_func ("/lc/date/month-start", test_month_start);
  g_test_add_func ("/lc/date/add-months-clamps-day-of-month", test_add_months_clamps_day_of_month);
  g_test_add_func ("/lc/date/add-months-crosses-years", test_add_months_crosses_years);

  g_test_add_func ("/lc/date/black-friday-and-peak-season", test_black_friday_and_peak_season);

  return g_test_run ();
}
