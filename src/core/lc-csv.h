/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LC_CSV_ERROR (lc_csv_error_quark ())

typedef enum
{
  LC_CSV_ERROR_EMPTY,             /* no bytes, or nothing but blank lines */
  LC_CSV_ERROR_NOT_TEXT,          /* binary content (NUL bytes outside UTF-16) */
  LC_CSV_ERROR_UNTERMINATED_QUOTE,/* file ends inside a quoted field (truncated) */
  LC_CSV_ERROR_BAD_QUOTE,         /* a quote in the middle of an unquoted field, or text after a closing quote */
  LC_CSV_ERROR_RAGGED_ROW,        /* a record whose field count differs from the header's */
  LC_CSV_ERROR_TOO_LARGE,         /* a field or record beyond the reader's limits */
  LC_CSV_ERROR_IO,
} LcCsvError;

typedef enum
{
  LC_CSV_ENCODING_UTF8,
  LC_CSV_ENCODING_UTF8_BOM,
  LC_CSV_ENCODING_UTF16LE,
  LC_CSV_ENCODING_UTF16BE,
} LcCsvEncoding;

/*
 * A streaming RFC 4180 reader: memory stays constant whatever the file size.
 * The first record is the header; every later record must have as many
 * fields as the header (LC_CSV_ERROR_RAGGED_ROW otherwise). Blank lines are
 * skipped. Fields are returned as NUL-terminated UTF-8; a field that is not
 * valid UTF-8 is decoded as Windows-1252 and lc_csv_reader_get_used_fallback()
 * becomes TRUE so the caller can warn.
 *
 * Errors carry the display name and line number in their message, e.g.
 * "orders.csv, line 12: the file ends inside a quoted field (is it truncated?)".
 */
typedef struct _LcCsvReader LcCsvReader;

GQuark         lc_csv_error_quark           (void);

LcCsvReader   *lc_csv_reader_new_for_path   (const char    *path,
                                             GError       **error);
/* display_name is used in messages; the reader takes a reference on stream. */
LcCsvReader   *lc_csv_reader_new_for_stream (GInputStream  *stream,
                                             const char    *display_name,
                                             GError       **error);
void           lc_csv_reader_free           (LcCsvReader   *self);

/* Reads the header record. Must be called once, first. */
gboolean       lc_csv_reader_read_header    (LcCsvReader   *self,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* Reads the next record. Returns FALSE with error unset at end of file. */
gboolean       lc_csv_reader_next           (LcCsvReader   *self,
                                             GCancellable  *cancellable,
                                             GError       **error);

guint          lc_csv_reader_get_n_fields   (LcCsvReader   *self);
const char    *lc_csv_reader_get_field      (LcCsvReader   *self,
                                             guint          index);
gsize          lc_csv_reader_get_field_len  (LcCsvReader   *self,
                                             guint          index);
guint          lc_csv_reader_get_n_columns  (LcCsvReader   *self);
const char    *lc_csv_reader_get_column_name(LcCsvReader   *self,
                                             guint          index);
/* Index of the header column with this exact name (surrounding spaces
 * ignored), or -1. */
int            lc_csv_reader_find_column    (LcCsvReader   *self,
                                             const char    *name);
/* 1-based physical line on which the current record starts. */
guint64        lc_csv_reader_get_line       (LcCsvReader   *self);
/* Bytes consumed from the underlying stream so far (for progress). */
guint64        lc_csv_reader_get_bytes_read (LcCsvReader   *self);
char           lc_csv_reader_get_delimiter  (LcCsvReader   *self);
LcCsvEncoding  lc_csv_reader_get_encoding   (LcCsvReader   *self);
gboolean       lc_csv_reader_get_used_fallback (LcCsvReader *self);
const char    *lc_csv_reader_get_display_name (LcCsvReader *self);
/* SHA-256 (hex) of every byte read from the stream; complete after EOF. */
const char    *lc_csv_reader_get_sha256     (LcCsvReader   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcCsvReader, lc_csv_reader_free)

G_END_DECLS
