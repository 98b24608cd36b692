/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "lc-csv.h"
#include "lc-test-util.h"

/* A stream that hands out at most chunk bytes per read, so that every
 * parser state meets the end of its buffer somewhere. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         pos;
  gsize         chunk;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->chunk), size - self->pos);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (n == 0)
    return 0;
  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return n;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static LcCsvReader *
reader_for_data (const char *data,
                 gssize      len,
                 gsize       chunk)
{
  g_autoptr(TestTrickleStream) stream = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  stream->bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  stream->chunk = chunk == 0 ? G_MAXSIZE : chunk;
  return lc_csv_reader_new_for_stream (G_INPUT_STREAM (stream), "orders.csv", NULL);
}

static void
append_record (GString     *out,
               LcCsvReader *reader)
{
  g_string_append_printf (out, "%" G_GUINT64_FORMAT ":", lc_csv_reader_get_line (reader));
  for (guint i = 0; i < lc_csv_reader_get_n_fields (reader); i++)
    {
      const char *field = lc_csv_reader_get_field (reader, i);

      g_assert_cmpuint (strlen (field), ==, lc_csv_reader_get_field_len (reader, i));
      g_string_append_printf (out, "[%s]", field);
    }
  g_string_append_c (out, '\n');
}

/* Every record, header first, as "LINE:[field][field]\n"; reading stops at
 * the first error. */
static char *
read_all (LcCsvReader  *reader,
          GError      **error)
{
  GString *out = g_string_new (NULL);

  if (lc_csv_reader_read_header (reader, NULL, error))
    {
      append_record (out, reader);
      while (lc_csv_reader_next (reader, NULL, error))
        append_record (out, reader);
    }
  return g_string_free (out, FALSE);
}

static char *
read_all_ok (const char *data,
             gssize      len)
{
  g_autoptr(LcCsvReader) reader = reader_for_data (data, len, 0);
  g_autoptr(GError) error = NULL;
  char *out = read_all (reader, &error);

  g_assert_no_error (error);
  return out;
}

static GError *
read_error (const char *data,
            gssize      len)
{
  g_autoptr(LcCsvReader) reader = reader_for_data (data, len, 0);
  g_autofree char *out = NULL;
  GError *error = NULL;

  out = read_all (reader, &error);
  g_assert_nonnull (error);
  return error;
}

static void
test_reads_header_and_records (void)
{
  g_autoptr(LcCsvReader) reader = reader_for_data ("Name,Total,Currency\n#1001,12.50,USD\n#1002,7,EUR\n", -1, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lc_csv_reader_get_n_columns (reader), ==, 3);
  g_assert_cmpstr (lc_csv_reader_get_column_name (reader, 0), ==, "Name");
  g_assert_cmpstr (lc_csv_reader_get_column_name (reader, 2), ==, "Currency");
  g_assert_cmpuint (lc_csv_reader_get_line (reader), ==, 1);
  g_assert_cmpint (lc_csv_reader_get_delimiter (reader), ==, ',');
  g_assert_cmpint (lc_csv_reader_get_encoding (reader), ==, LC_CSV_ENCODING_UTF8);

  g_assert_true (lc_csv_reader_next (reader, NULL, &error));
  g_assert_cmpuint (lc_csv_reader_get_n_fields (reader), ==, 3);
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 0), ==, "#1001");
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 1), ==, "12.50");
  g_assert_cmpuint (lc_csv_reader_get_field_len (reader, 1), ==, 5);
  g_assert_cmpuint (lc_csv_reader_get_line (reader), ==, 2);

  g_assert_true (lc_csv_reader_next (reader, NULL, &error));
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 2), ==, "EUR");
  g_assert_cmpuint (lc_csv_reader_get_line (reader), ==, 3);

  g_assert_false (lc_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  /* The end of the file stays the end. */
  g_assert_false (lc_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lc_csv_reader_get_used_fallback (reader));
}

static void
test_header_only_file_has_no_records (void)
{
  g_autofree char *out = read_all_ok ("a,b\n", -1);

  g_assert_cmpstr (out, ==, "1:[a][b]\n");
}

static void
test_quoted_field_keeps_delimiters (void)
{
  g_autofree char *out = read_all_ok ("a,b,c\n\"x,y\",\"\",\"z\"\n", -1);

  g_assert_cmpstr (out, ==, "1:[a][b][c]\n2:[x,y][][z]\n");
}

static void
test_doubled_quotes_become_one (void)
{
  g_autofree char *out = read_all_ok ("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", -1);

  g_assert_cmpstr (out, ==, "1:[a][b]\n2:[say \"hi\"][\"]\n");
}

static void
test_quoted_newline_advances_line_count (void)
{
  g_autofree char *out = read_all_ok ("id,note\n1,\"line one\nline two\nline three\"\n2,plain\n3,\"x\n\"\n4,y\n", -1);

  g_assert_cmpstr (out, ==,
                   "1:[id][note]\n"
                   "2:[1][line one\nline two\nline three]\n"
                   "5:[2][plain]\n"
                   "6:[3][x\n]\n"
                   "8:[4][y]\n");
}

static void
test_crlf_line_endings (void)
{
  g_autofree char *out = read_all_ok ("a,b\r\n1,2\r\n\r\n3,4\r\n", -1);

  g_assert_cmpstr (out, ==, "1:[a][b]\n2:[1][2]\n4:[3][4]\n");
}

static void
test_crlf_inside_quoted_field_is_kept (void)
{
  g_autofree char *out = read_all_ok ("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n", -1);

  g_assert_cmpstr (out, ==, "1:[a][b]\n2:[x\r\ny][2]\n4:[3][4]\n");
}

static void
test_cr_only_line_endings (void)
{
  /* Old Mac spreadsheets end lines with a bare CR. */
  g_autofree char *out = read_all_ok ("a,b\r1,2\r\r3,4", -1);

  g_assert_cmpstr (out, ==, "1:[a][b]\n2:[1][2]\n4:[3][4]\n");
}

static void
test_missing_final_newline (void)
{
  g_autofree char *plain = read_all_ok ("a,b\n1,2", -1);
  g_autofree char *quoted = read_all_ok ("a,b\n1,\"2\"", -1);

  g_assert_cmpstr (plain, ==, "1:[a][b]\n2:[1][2]\n");
  g_assert_cmpstr (quoted, ==, "1:[a][b]\n2:[1][2]\n");
}

static void
test_trailing_delimiter_gives_empty_last_field (void)
{
  g_autofree char *out = read_all_ok ("a,b,\n1,2,\n3,4,", -1);

  g_assert_cmpstr (out, ==, "1:[a][b][]\n2:[1][2][]\n3:[3][4][]\n");
}

static void
test_blank_lines_are_skipped_and_counted (void)
{
  g_autofree char *out = read_all_ok ("\n\na,b\n\n1,2\n\n\n3,4\n\n", -1);

  g_assert_cmpstr (out, ==, "3:[a][b]\n5:[1][2]\n8:[3][4]\n");
}

static void
test_empty_quoted_field_is_not_a_blank_line (void)
{
  g_autofree char *out = read_all_ok ("note\n\"\"\n\nx\n", -1);

  g_assert_cmpstr (out, ==, "1:[note]\n2:[]\n4:[x]\n");
}

static void
test_utf8_bom_is_skipped (void)
{
  g_autoptr(LcCsvReader) reader = reader_for_data ("\xEF\xBB\xBFName,Total\n#1,5\n", -1, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  g_assert_cmpstr (lc_csv_reader_get_column_name (reader, 0), ==, "Name");
  g_assert_cmpint (lc_csv_reader_find_column (reader, "Name"), ==, 0);
  g_assert_cmpint (lc_csv_reader_get_encoding (reader), ==, LC_CSV_ENCODING_UTF8_BOM);
  g_assert_true (lc_csv_reader_next (reader, NULL, &error));
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 1), ==, "5");
}

/* UTF-16 text with a BOM, as spreadsheets save "Unicode text". */
static GBytes *
encode_utf16 (const char *utf8,
              gboolean    big_endian)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *body = g_convert (utf8, -1, big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8",
                                     NULL, &len, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) (big_endian ? "\xFE\xFF" : "\xFF\xFE"), 2);
  g_byte_array_append (bytes, (const guint8 *) body, len);
  return g_byte_array_free_to_bytes (bytes);
}

static void
check_utf16 (gboolean      big_endian,
             LcCsvEncoding expected)
{
  const char *text = "Name\tNote\tTotal\r\n#1\t\"Crème brûlée\r\nfor 2\"\t12,50\r\n#2\t日本\t3\r\n";
  g_autoptr(GBytes) bytes = encode_utf16 (text, big_endian);
  gsize chunks[] = { 0, 1, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(LcCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *sha = NULL;

      reader = reader_for_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), chunks[i]);
      out = read_all (reader, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==,
                       "1:[Name][Note][Total]\n"
                       "2:[#1][Crème brûlée\r\nfor 2][12,50]\n"
                       "4:[#2][日本][3]\n");
      g_assert_cmpint (lc_csv_reader_get_encoding (reader), ==, expected);
      g_assert_cmpint (lc_csv_reader_get_delimiter (reader), ==, '\t');
      g_assert_false (lc_csv_reader_get_used_fallback (reader));
      /* The checksum and the byte count are of the file, not the text. */
      g_assert_cmpuint (lc_csv_reader_get_bytes_read (reader), ==, g_bytes_get_size (bytes));
      sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      g_assert_cmpstr (lc_csv_reader_get_sha256 (reader), ==, sha);
    }
}

static void
test_utf16le_with_bom_is_decoded (void)
{
  check_utf16 (FALSE, LC_CSV_ENCODING_UTF16LE);
}

static void
test_utf16be_with_bom_is_decoded (void)
{
  check_utf16 (TRUE, LC_CSV_ENCODING_UTF16BE);
}

static void
test_invalid_utf16_is_not_text (void)
{
  /* A lone low surrogate (0xDC00) after "a\n" */
  g_autoptr(GError) error = read_error ("\xFF\xFE" "a\0\n\0" "\x00\xDC" "b\0", 10);
  /* An odd number of bytes: the file ends inside a character. */
  g_autoptr(GError) truncated = read_error ("\xFF\xFE" "a\0\n\0b", 7);

  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT);
  g_assert_error (truncated, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT);
  g_assert_cmpstr (truncated->message, ==,
                   "orders.csv, line 2: the file says it is UTF-16 text but contains bytes that are not valid UTF-16.");
}

static void
test_invalid_utf8_falls_back_to_windows_1252 (void)
{
  /* "Café" and curly quotes as Windows-1252 bytes, beside a UTF-8 field;
   * 0x81 is unassigned in Windows-1252 and must not stop the decoding. */
  g_autoptr(LcCsvReader) reader = reader_for_data ("Name,Note,Other\nCaf\xE9,\x93hi\x94 \x80" "5,Crème\n\x81,x,y\n", -1, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  g_assert_false (lc_csv_reader_get_used_fallback (reader));
  g_assert_true (lc_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lc_csv_reader_get_used_fallback (reader));
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 0), ==, "Café");
  g_assert_cmpuint (lc_csv_reader_get_field_len (reader, 0), ==, strlen ("Café"));
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 1), ==, "“hi” €5");
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 2), ==, "Crème");
  g_assert_true (lc_csv_reader_next (reader, NULL, &error));
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 0), ==, "\xC2\x81");
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 1), ==, "x");
}

static void
test_valid_utf8_does_not_use_fallback (void)
{
  g_autoptr(LcCsvReader) reader = reader_for_data ("Name,Note\nCafé,日本 €5 ✓\n", -1, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = read_all (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "1:[Name][Note]\n2:[Café][日本 €5 ✓]\n");
  g_assert_false (lc_csv_reader_get_used_fallback (reader));
}

static char
sniff (const char *data)
{
  g_autoptr(LcCsvReader) reader = reader_for_data (data, -1, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  g_assert_no_error (error);
  return lc_csv_reader_get_delimiter (reader);
}

static void
test_sniffs_semicolon_delimiter (void)
{
  g_autofree char *out = read_all_ok ("Name;Total;Note\n#1;1.234,56;a,b\n", -1);

  g_assert_cmpint (sniff ("Name;Total;Note\n#1;1.234,56;a,b\n"), ==, ';');
  g_assert_cmpstr (out, ==, "1:[Name][Total][Note]\n2:[#1][1.234,56][a,b]\n");
}

static void
test_sniffs_tab_delimiter (void)
{
  g_autofree char *out = read_all_ok ("Name\tTotal\tNote, extra\n#1\t1,234.56\ta, b\n", -1);

  g_assert_cmpint (sniff ("Name\tTotal\tNote, extra\n#1\t1,234.56\ta, b\n"), ==, '\t');
  g_assert_cmpstr (out, ==, "1:[Name][Total][Note, extra]\n2:[#1][1,234.56][a, b]\n");
}

static void
test_delimiters_inside_quotes_do_not_sway_sniffing (void)
{
  g_assert_cmpint (sniff ("\"a;b;c\",\"d;e\"\n1,2\n"), ==, ',');
  g_assert_cmpint (sniff ("\"a,b,c\";\"d,e\"\n1;2\n"), ==, ';');
  /* Leading blank lines are not the header. */
  g_assert_cmpint (sniff ("\n\r\na;b\n1;2\n"), ==, ';');
}

static void
test_comma_wins_sniffing_ties (void)
{
  g_assert_cmpint (sniff ("a,b;c\n"), ==, ',');
  g_assert_cmpint (sniff ("a,b\tc\n"), ==, ',');
  g_assert_cmpint (sniff ("single\n1\n"), ==, ',');
}

static void
test_ragged_row_is_reported_not_padded (void)
{
  g_autoptr(LcCsvReader) reader = reader_for_data ("a,b,c\n1,2\n1,2,3,4\n5,6,7\n", -1, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));

  g_assert_false (lc_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW);
  g_assert_cmpstr (error->message, ==, "orders.csv, line 2: this row has 2 values but the header row has 3 columns.");
  g_assert_cmpuint (lc_csv_reader_get_n_fields (reader), ==, 2);
  g_clear_error (&error);

  /* The row is whole, so the caller may go on past it. */
  g_assert_false (lc_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW);
  g_assert_cmpstr (error->message, ==, "orders.csv, line 3: this row has 4 values but the header row has 3 columns.");
  g_assert_cmpuint (lc_csv_reader_get_n_fields (reader), ==, 4);
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 3), ==, "4");
  g_clear_error (&error);

  g_assert_true (lc_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_csv_reader_get_field (reader, 2), ==, "7");
  g_assert_cmpuint (lc_csv_reader_get_line (reader), ==, 4);
}

static void
test_empty_file_is_empty_error (void)
{
  g_autoptr(GError) error = read_error ("", 0);

  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "orders.csv is empty: there is no header row.");
}

static void
test_blank_only_file_is_empty_error (void)
{
  g_autoptr(GError) blank = read_error ("\n\r\n\n", -1);
  g_autoptr(GError) bom = read_error ("\xEF\xBB\xBF", -1);
  g_autoptr(GError) utf16_bom = read_error ("\xFF\xFE", 2);

  g_assert_error (blank, LC_CSV_ERROR, LC_CSV_ERROR_EMPTY);
  g_assert_error (bom, LC_CSV_ERROR, LC_CSV_ERROR_EMPTY);
  g_assert_error (utf16_bom, LC_CSV_ERROR, LC_CSV_ERROR_EMPTY);
}

static void
test_nul_byte_is_not_text (void)
{
  g_autoptr(GError) in_value = read_error ("a,b\n1,x\0y\n", 10);
  g_autoptr(GError) in_quotes = read_error ("a,b\n1,\"x\0y\"\n", 12);
  g_autoptr(GError) after_quote = read_error ("a,b\n\n1,\"x\"\0\n", 12);
  /* A zip file (.xlsx) saved under a .csv name. */
  g_autoptr(GError) zip = read_error ("PK\x03\x04\x14\0\x06\0", 8);

  g_assert_error (in_value, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT);
  g_assert_cmpstr (in_value->message, ==,
                   "orders.csv, line 2: the file contains binary data, so it is not a CSV text file. If it is a spreadsheet, save it as CSV first.");
  g_assert_error (in_quotes, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT);
  g_assert_error (after_quote, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT);
  g_assert_true (g_str_has_prefix (after_quote->message, "orders.csv, line 3:"));
  g_assert_error (zip, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT);
}

static void
test_truncated_quoted_field_is_unterminated_quote (void)
{
  g_autoptr(GError) error = read_error ("id,note\n1,ok\n2,\"cut off\nin the middle", -1);
  g_autoptr(GError) header = read_error ("\"id,note\n", -1);

  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_cmpstr (error->message, ==,
                   "orders.csv, line 4: the file ends inside a quoted field that starts on line 3; the file may be truncated.");
  g_assert_error (header, LC_CSV_ERROR, LC_CSV_ERROR_UNTERMINATED_QUOTE);
}

static void
test_quote_inside_unquoted_field_is_bad_quote (void)
{
  g_autoptr(GError) error = read_error ("Name,Size\n#1,5\" screen\n", -1);
  g_autoptr(GError) in_header = read_error ("Name,Si\"ze\n", -1);

  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE);
  g_assert_cmpstr (error->message, ==,
                   "orders.csv, line 2: column 2 (“Size”) has a quote mark in the middle of a value. "
                   "A value that contains quote marks must be wrapped in quotes, with each quote mark doubled.");
  g_assert_error (in_header, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE);
  g_assert_cmpstr (in_header->message, ==,
                   "orders.csv, line 1: column 2 has a quote mark in the middle of a value. "
                   "A value that contains quote marks must be wrapped in quotes, with each quote mark doubled.");
}

static void
test_text_after_closing_quote_is_bad_quote (void)
{
  g_autoptr(GError) error = read_error ("Name,Note\n#1,\"a\nb\"c\n", -1);

  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE);
  g_assert_cmpstr (error->message, ==,
                   "orders.csv, line 3: column 2 (“Note”) has text after its closing quote mark; "
                   "a quoted value must end right after its closing quote.");
}

static void
check_oversized (gboolean quoted)
{
  /* Past the limit by more than one read, so that the limit is hit before
   * the end of the file even inside an unclosed quote. */
  gsize big = 17 * 1024 * 1024;
  gsize len = 0;
  g_autofree char *data = g_malloc (big + 64);
  g_autoptr(GError) error = NULL;

  len += g_snprintf (data, 64, "a,b\n1,%s", quoted ? "\"" : "");
  memset (data + len, 'x', big);
  len += big;
  memcpy (data + len, "\n", 1);
  len += 1;

  error = read_error (data, len);
  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "orders.csv, line 2: the value in column 2 (“b”) is longer than 16 MiB; a quote mark may be missing its partner.");
}

static void
test_oversized_field_is_too_large (void)
{
  check_oversized (FALSE);
  check_oversized (TRUE);
}

static void
test_too_many_fields_is_too_large (void)
{
  gsize n = 100001;
  g_autofree char *data = g_malloc (n * 2 + 1);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < n; i++)
    {
      data[2 * i] = 'x';
      data[2 * i + 1] = ',';
    }
  data[2 * n - 1] = '\n';
  data[2 * n] = '\0';

  error = read_error (data, -1);
  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "orders.csv, line 1: this row has more than 100000 values; the file does not look like a CSV file.");

  /* Exactly the limit is fine. */
  data[2 * (n - 1) - 1] = '\n';
  data[2 * (n - 1)] = '\0';
  {
    g_autoptr(LcCsvReader) reader = reader_for_data (data, -1, 0);

    g_assert_true (lc_csv_reader_read_header (reader, NULL, NULL));
    g_assert_cmpuint (lc_csv_reader_get_n_columns (reader), ==, 100000);
  }
}

static void
test_errors_stop_the_reader (void)
{
  g_autoptr(LcCsvReader) reader = reader_for_data ("a,b\n1,x\"y\n3,4\n", -1, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  g_assert_false (lc_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE);
  g_clear_error (&error);
  /* A parse error is not mistaken for the end of the file. */
  g_assert_false (lc_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE);
}

static void
test_find_column_ignores_surrounding_spaces (void)
{
  /* Shopify reports repeat a name with a trailing space for the previous
   * year's column: the first match wins. */
  g_autoptr(LcCsvReader) reader = reader_for_data ("\"Day\",\"Sessions\",\"Sessions \", Total sales \n1,2,3,4\n", -1, 0);

  g_assert_true (lc_csv_reader_read_header (reader, NULL, NULL));
  g_assert_cmpint (lc_csv_reader_find_column (reader, "Day"), ==, 0);
  g_assert_cmpint (lc_csv_reader_find_column (reader, "Sessions"), ==, 1);
  g_assert_cmpint (lc_csv_reader_find_column (reader, "Sessions "), ==, 1);
  g_assert_cmpint (lc_csv_reader_find_column (reader, "Total sales"), ==, 3);
  g_assert_cmpint (lc_csv_reader_find_column (reader, "sessions"), ==, -1);
  g_assert_cmpint (lc_csv_reader_find_column (reader, "Orders"), ==, -1);
  g_assert_cmpint (lc_csv_reader_find_column (reader, ""), ==, -1);
  g_assert_cmpstr (lc_csv_reader_get_column_name (reader, 2), ==, "Sessions ");
}

static void
test_sha256_and_bytes_read_cover_the_file (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  const char *contents = "\xEF\xBB\xBF" "a,b\r\n1,\"x\ny\"\r\n";
  g_autofree char *path = lc_test_write_file (dir, "orders_export_1.csv", contents, -1);
  g_autofree char *expected = lc_test_file_checksum (path);
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = lc_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lc_csv_reader_get_display_name (reader), ==, "orders_export_1.csv");
  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  while (lc_csv_reader_next (reader, NULL, &error))
    ;
  g_assert_no_error (error);
  g_assert_cmpstr (lc_csv_reader_get_sha256 (reader), ==, expected);
  g_assert_cmpuint (lc_csv_reader_get_bytes_read (reader), ==, strlen (contents));
}

static void
test_sha256_is_unset_before_the_end (void)
{
  g_autoptr(LcCsvReader) reader = reader_for_data ("a\n1\n", -1, 2);

  g_assert_null (lc_csv_reader_get_sha256 (reader));
  g_assert_true (lc_csv_reader_read_header (reader, NULL, NULL));
  g_assert_null (lc_csv_reader_get_sha256 (reader));
  g_assert_cmpuint (lc_csv_reader_get_bytes_read (reader), ==, 4);
}

static void
test_short_reads_parse_the_same (void)
{
  const char *data =
    "\xEF\xBB\xBF" "id;note;amount\r\n"
    "1;\"multi\r\nline \"\"quoted\"\"\";1.234,56\r\n"
    "\r\n"
    "2;;\"\"\r"
    "3;Caf\xE9;\"a;b\"\n"
    "4;\"\";last";
  const char *expected =
    "1:[id][note][amount]\n"
    "2:[1][multi\r\nline \"quoted\"][1.234,56]\n"
    "5:[2][][]\n"
    "6:[3][Café][a;b]\n"
    "7:[4][][last]\n";

  for (gsize chunk = 1; chunk <= 9; chunk++)
    {
      g_autoptr(LcCsvReader) reader = reader_for_data (data, -1, chunk);
      g_autoptr(GError) error = NULL;
      g_autofree char *out = read_all (reader, &error);

      g_test_message ("chunk %" G_GSIZE_FORMAT, chunk);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, expected);
      g_assert_true (lc_csv_reader_get_used_fallback (reader));
      g_assert_cmpint (lc_csv_reader_get_delimiter (reader), ==, ';');
    }
}

static void
test_large_file_crosses_buffer_boundaries (void)
{
  /* About 3 MB: many 256 KiB buffers, with quoted newlines and doubled
   * quotes landing on every possible offset of a buffer end. */
  g_autoptr(GString) data = g_string_new ("order,note,total\n");
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  guint n_rows = 40000;
  guint64 line = 2;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (data, "#%u,\"note %u\nsays \"\"%u\"\"\",%u.%02u\r\n",
                            i, i, i * 7, i, i % 100);

  reader = reader_for_data (data->str, data->len, 0);
  g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
  for (guint i = 0; i < n_rows; i++, line += 2)
    {
      g_autofree char *order = g_strdup_printf ("#%u", i);
      g_autofree char *note = g_strdup_printf ("note %u\nsays \"%u\"", i, i * 7);
      g_autofree char *total = g_strdup_printf ("%u.%02u", i, i % 100);

      g_assert_true (lc_csv_reader_next (reader, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (lc_csv_reader_get_field (reader, 0), ==, order);
      g_assert_cmpstr (lc_csv_reader_get_field (reader, 1), ==, note);
      g_assert_cmpstr (lc_csv_reader_get_field (reader, 2), ==, total);
      g_assert_cmpuint (lc_csv_reader_get_line (reader), ==, line);
    }
  g_assert_false (lc_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);

  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, data->str, data->len);
  g_assert_cmpstr (lc_csv_reader_get_sha256 (reader), ==, sha);
  g_assert_cmpuint (lc_csv_reader_get_bytes_read (reader), ==, data->len);
}

static void
test_missing_file_is_io_error (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nowhere.csv", NULL);
  g_autoptr(GError) error = NULL;
  LcCsvReader *reader = lc_csv_reader_new_for_path (path, &error);

  g_assert_null (reader);
  g_assert_error (error, LC_CSV_ERROR, LC_CSV_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Could not open nowhere.csv: "));
}

static void
test_cancelled_read_stops_with_cancelled (void)
{
  g_autoptr(LcCsvReader) reader = reader_for_data ("a,b\n1,2\n3,4\n", -1, 4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_csv_reader_read_header (reader, cancellable, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (lc_csv_reader_next (reader, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
test_shared_exports_read_cleanly (void)
{
  const char *folders[] = { "shopify/orders", "shopify/products", "shopify/reports", "klaviyo", "public" };
  g_autofree char *root = lc_test_shared_data_path (".");
  g_autoptr(GPtrArray) ragged = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ragged_list = NULL;
  guint n_files = 0;

  if (root == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_build_filename (root, folders[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          g_autofree char *expected = NULL;
          g_autoptr(LcCsvReader) reader = NULL;
          g_autoptr(GError) error = NULL;
          guint64 rows = 0;

          if (!g_str_has_suffix (name, ".csv"))
            continue;
          g_test_message ("%s", name);
          reader = lc_csv_reader_new_for_path (path, &error);
          g_assert_no_error (error);
          g_assert_true (lc_csv_reader_read_header (reader, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (lc_csv_reader_get_n_columns (reader), >=, 2);
          for (;;)
            {
              if (lc_csv_reader_next (reader, NULL, &error))
                rows++;
              else if (g_error_matches (error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW))
                {
                  g_ptr_array_add (ragged, g_strdup_printf ("%s:%" G_GUINT64_FORMAT, name,
                                                            lc_csv_reader_get_line (reader)));
                  g_clear_error (&error);
                }
              else
                break;
            }
          g_assert_no_error (error);
          g_assert_cmpuint (rows, >, 0);
          expected = lc_test_file_checksum (path);
          g_assert_cmpstr (lc_csv_reader_get_sha256 (reader), ==, expected);
          n_files++;
        }
    }
  g_assert_cmpuint (n_files, >, 0);

  /* The real ragged rows: descriptions that lost the comma before the
   * quantity ("GIN + TONIC DIET METAL   2"). */
  g_ptr_array_sort (ragged, compare_strings);
  g_ptr_array_add (ragged, NULL);
  ragged_list = g_strjoinv (" ", (char **) ragged->pdata);
  g_assert_cmpstr (ragged_list, ==,
                   "hellich_datasets__OnlineRetail_first182rows.csv:121 "
                   "hellich_datasets__OnlineRetail_first182rows.csv:172 "
                   "hellich_datasets__OnlineRetail_first182rows.csv:175 "
                   "hellich_datasets__OnlineRetail_first182rows.csv:179");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/csv/reads-header-and-records", test_reads_header_and_records);
  g_test_add_func ("/lc/csv/header-only-file-has-no-records", test_header_only_file_has_no_records);
  g_test_add_func ("/lc/csv/quoted-field-keeps-delimiters", test_quoted_field_keeps_delimiters);
  g_test_add_func ("/lc/csv/doubled-quotes-become-one", test_doubled_quotes_become_one);
  g_test_add_func ("/lc/csv/quoted-newline-advances-line-count", test_quoted_newline_advances_line_count);
  g_test_add_func ("/lc/csv/crlf-line-endings", test_crlf_line_endings);
  g_test_add_func ("/lc/csv/crlf-inside-quoted-field-is-kept", test_crlf_inside_quoted_field_is_kept);
  g_test_add_func ("/lc/csv/cr-only-line-endings", test_cr_only_line_endings);
  g_test_add_func ("/lc/csv/missing-final-newline", test_missing_final_newline);
  g_test_add_func ("/lc/csv/trailing-delimiter-gives-empty-last-field", test_trailing_delimiter_gives_empty_last_field);
  g_test_add_func ("/lc/csv/blank-lines-are-skipped-and-counted", test_blank_lines_are_skipped_and_counted);
  g_test_add_func ("/lc/csv/empty-quoted-field-is-not-a-blank-line", test_empty_quoted_field_is_not_a_blank_line);
  g_test_add_func ("/lc/csv/utf8-bom-is-skipped", test_utf8_bom_is_skipped);
  g_test_add_func ("/lc/csv/utf16le-with-bom-is-decoded", test_utf16le_with_bom_is_decoded);
  g_test_add_func ("/lc/csv/utf16be-with-bom-is-decoded", test_utf16be_with_bom_is_decoded);
  g_test_add_func ("/lc/csv/invalid-utf16-is-not-text", test_invalid_utf16_is_not_text);
  g_test_add_func ("/lc/csv/invalid-utf8-falls-back-to-windows-1252", test_invalid_utf8_falls_back_to_windows_1252);
  g_test_add_func ("/lc/csv/valid-utf8-does-not-use-fallback", test_valid_utf8_does_not_use_fallback);
  g_test_add_func ("/lc/csv/sniffs-semicolon-delimiter", test_sniffs_semicolon_delimiter);
  g_test_add_func ("/lc/csv/sniffs-tab-delimiter", test_sniffs_tab_delimiter);
  g_test_add_func ("/lc/csv/delimiters-inside-quotes-do-not-sway-sniffing", test_delimiters_inside_quotes_do_not_sway_sniffing);
  g_test_add_func ("/lc/csv/comma-wins-sniffing-ties", test_comma_wins_sniffing_ties);
  g_test_add_func ("/lc/csv/ragged-row-is-reported-not-padded", test_ragged_row_is_reported_not_padded);
  g_test_add_func ("/lc/csv/empty-file-is-empty-error", test_empty_file_is_empty_error);
  g_test_add_func ("/lc/csv/blank-only-file-is-empty-error", test_blank_only_file_is_empty_error);
  g_test_add_func ("/lc/csv/nul-byte-is-not-text", test_nul_byte_is_not_text);
  g_test_add_func ("/lc/csv/truncated-quoted-field-is-unterminated-quote", test_truncated_quoted_field_is_unterminated_quote);
  g_test_add_func ("/lc/csv/quote-inside-unquoted-field-is-bad-quote", test_quote_inside_unquoted_field_is_bad_quote);
  g_test_add_func ("/lc/csv/text-after-closing-quote-is-bad-quote", test_text_after_closing_quote_is_bad_quote);
  g_test_add_func ("/lc/csv/oversized-field-is-too-large", test_oversized_field_is_too_large);
  g_test_add_func ("/lc/csv/too-many-fields-is-too-large", test_too_many_fields_is_too_large);
  g_test_add_func ("/lc/csv/errors-stop-the-reader", test_errors_stop_the_reader);
  g_test_add_func ("/lc/csv/find-column-ignores-surrounding-spaces", test_find_column_ignores_surrounding_spaces);
  g_test_add_func ("/lc/csv/sha256-and-bytes-read-cover-the-file", test_sha256_and_bytes_read_cover_the_file);
  g_test_add_func ("/lc/csv/sha256-is-unset-before-the-end", test_sha256_is_unset_before_the_end);
  g_test_add_func ("/lc/csv/short-reads-parse-the-same", test_short_reads_parse_the_same);
  g_test_add_func ("/lc/csv/large-file-crosses-buffer-boundaries", test_large_file_crosses_buffer_boundaries);
  g_test_add_func ("/lc/csv/missing-file-is-io-error", test_missing_file_is_io_error);
  g_test_add_func ("/lc/csv/cancelled-read-stops-with-cancelled", test_cancelled_read_stops_with_cancelled);
  g_test_add_func ("/lc/csv/shared-exports-read-cleanly", test_shared_exports_read_cleanly);

  return g_test_run ();
}
