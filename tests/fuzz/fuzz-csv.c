/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-fuzz"

#include "config.h"

#include <string.h>

#include "lc-csv.h"
#include "lc-fuzz.h"

/* The CSV reader on any bytes: it must end every input with a record
 * stream or an error in LC_CSV_ERROR that names the file. */

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
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint64 records = 0;

  reader = lc_csv_reader_new_for_stream (stream, "fuzz.csv", &error);
  g_assert_no_error (error);

  if (lc_csv_reader_read_header (reader, NULL, &error))
    {
      guint n_columns = lc_csv_reader_get_n_columns (reader);

      for (guint i = 0; i < n_columns; i++)
        g_assert_nonnull (lc_csv_reader_get_column_name (reader, i));
      lc_csv_reader_find_column (reader, "Name");

      for (;;)
        {
          if (!lc_csv_reader_next (reader, NULL, &error))
            {
              /* A ragged row leaves the reader in step: go on after it. */
              if (g_error_matches (error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW))
                {
                  g_assert_nonnull (strstr (error->message, "fuzz.csv"));
                  g_clear_error (&error);
                  continue;
                }
              break;
            }
          records++;
          g_assert_cmpuint (lc_csv_reader_get_n_fields (reader), ==, n_columns);
          for (guint i = 0; i < n_columns; i++)
            {
              const char *field = lc_csv_reader_get_field (reader, i);

              /* Fields are NUL-terminated UTF-8 of the length given. */
              g_assert_cmpuint (strlen (field), ==, lc_csv_reader_get_field_len (reader, i));
              g_assert_true (g_utf8_validate (field, -1, NULL));
            }
          g_assert_cmpuint (lc_csv_reader_get_line (reader), >=, 2);
        }
    }

  if (error != NULL)
    {
      g_assert_true (error->domain == LC_CSV_ERROR);
      g_assert_nonnull (strstr (error->message, "fuzz.csv"));
    }
  else
    {
      g_assert_nonnull (lc_csv_reader_get_sha256 (reader));
    }
  g_assert_cmpuint (lc_csv_reader_get_bytes_read (reader), <=, size);
  return 0;
}
