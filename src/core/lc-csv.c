/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-csv.h"
#include "lc-sha256-private.h"

/* Large reads keep system calls rare. Each record is copied out of the
 * buffer as it is parsed, so no bytes are ever carried across a refill. */
#define BUFFER_SIZE    (256 * 1024)
#define MAX_FIELD_LEN  (16 * 1024 * 1024)
#define MAX_RECORD_LEN (64 * 1024 * 1024)
#define MAX_FIELDS     100000
#define MIB            (1024 * 1024)
/* Most fields are short: copying a fixed 16 bytes compiles to two moves
 * instead of a call to memcpy. Both buffers carry this much slack. */
#define COPY_SLACK     16
/* Buffers queued for the hashing thread: bounds memory when hashing is
 * slower than parsing. */
#define N_HASH_CHUNKS  4

typedef enum
{
  CLASS_PLAIN = 0,
  CLASS_DELIMITER,
  CLASS_QUOTE,
  CLASS_CR,
  CLASS_LF,
  CLASS_NUL,
} CharClass;

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_SEEN,
} ParseState;

typedef struct
{
  gsize start;
  gsize len;
} Field;

typedef struct
{
  gsize  len;
  guint8 data[];
} HashChunk;

/* SHA-256 runs slower than the parser (GChecksum at under half its speed),
 * so it runs on its own thread, fed with copies of the raw buffers. */
typedef struct
{
  GThread     *thread;
  GAsyncQueue *free_chunks;
  GAsyncQueue *full_chunks;
  LcSha256     sha256;
} Hasher;

struct _LcCsvReader
{
  GInputStream  *stream;
  char          *display_name;
  GError        *error;          /* sticky: every later call fails with it */

  /* Raw bytes; only UTF-16 input has its own buffer, to decode from. */
  GConverter    *converter;
  guint8        *raw;
  gsize          raw_pos;
  gsize          raw_len;
  gboolean       stream_done;
  Hasher         hasher;
  char          *sha256;
  guint64        bytes_read;

  /* Decoded UTF-8 text, NUL-terminated at end as a sentinel. */
  guint8        *buf;
  const guint8  *pos;
  const guint8  *end;

  /* The current record: fields NUL-terminated inside rec. */
  char          *rec;
  gsize          rec_len;
  gsize          rec_alloc;
  Field         *fields;
  guint          n_fields;
  guint          fields_alloc;

  char         **columns;
  guint          n_columns;

  guint64        line;           /* physical line of the next byte */
  guint64        record_line;
  gboolean       prev_cr;        /* so that CRLF counts as one line */
  guint8         unquoted_class[256];
  guint8         quoted_class[256];
  char           delimiter;
  LcCsvEncoding  encoding;
  gboolean       used_fallback;
  gboolean       header_started;
  gboolean       header_read;
};

/* Windows-1252 bytes 0x80..0x9F; the five unassigned ones map to the C1
 * controls as browsers do, so decoding never fails. */
static const gunichar windows_1252_c1[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

G_DEFINE_QUARK (lc-csv-error-quark, lc_csv_error)

static gpointer
hasher_thread (gpointer data)
{
  Hasher *hasher = data;
  HashChunk *chunk;

  while ((chunk = g_async_queue_pop (hasher->full_chunks))->len > 0)
    {
      lc_sha256_update (&hasher->sha256, chunk->data, chunk->len);
      g_async_queue_push (hasher->free_chunks, chunk);
    }
  g_async_queue_push (hasher->free_chunks, chunk);
  return NULL;
}

static void
hasher_start (Hasher *hasher)
{
  lc_sha256_init (&hasher->sha256);
  hasher->free_chunks = g_async_queue_new_full (g_free);
  hasher->full_chunks = g_async_queue_new ();
  for (guint i = 0; i < N_HASH_CHUNKS; i++)
    g_async_queue_push (hasher->free_chunks, g_malloc (sizeof (HashChunk) + BUFFER_SIZE));
  hasher->thread = g_thread_new ("lc-csv-sha256", hasher_thread, hasher);
}

static void
hasher_feed (Hasher       *hasher,
             const guint8 *data,
             gsize         len)
{
  HashChunk *chunk = g_async_queue_pop (hasher->free_chunks);

  memcpy (chunk->data, data, len);
  chunk->len = len;
  g_async_queue_push (hasher->full_chunks, chunk);
}

/* Waits until every byte fed so far is hashed. */
static void
hasher_stop (Hasher *hasher)
{
  HashChunk *chunk;

  if (hasher->thread == NULL)
    return;
  chunk = g_async_queue_pop (hasher->free_chunks);
  chunk->len = 0;
  g_async_queue_push (hasher->full_chunks, chunk);
  g_thread_join (g_steal_pointer (&hasher->thread));
}

static void
hasher_clear (Hasher *hasher)
{
  hasher_stop (hasher);
  g_clear_pointer (&hasher->free_chunks, g_async_queue_unref);
  g_clear_pointer (&hasher->full_chunks, g_async_queue_unref);
  lc_sha256_clear (&hasher->sha256);
}

static gssize
read_raw (LcCsvReader   *self,
          guint8        *dest,
          gsize          size,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  if (self->stream_done)
    return 0;

  n = g_input_stream_read (self->stream, dest, size, cancellable, &local_error);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_IO,
                     _("%s could not be read: %s"),
                     self->display_name, local_error->message);
      return -1;
    }

  if (n > 0)
    {
      self->bytes_read += n;
      hasher_feed (&self->hasher, dest, n);
    }
  else
    {
      self->stream_done = TRUE;
      hasher_stop (&self->hasher);
      self->sha256 = g_malloc (65);
      lc_sha256_finish_hex (&self->hasher.sha256, self->sha256, 64);
    }
  return n;
}

static gssize
decode_utf16 (LcCsvReader   *self,
              guint8        *dest,
              gsize          size,
              GCancellable  *cancellable,
              GError       **error)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      GConverterResult result;
      gsize n_read = 0;
      gsize n_written = 0;
      gsize left;
      gssize n;

      result = g_converter_convert (self->converter,
                                    self->raw + self->raw_pos,
                                    self->raw_len - self->raw_pos,
                                    dest, size,
                                    self->stream_done ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &n_read, &n_written, &local_error);
      if (result == G_CONVERTER_FINISHED && n_written == 0)
        return 0;
      if (result != G_CONVERTER_ERROR)
        {
          self->raw_pos += n_read;
          if (n_written > 0)
            return n_written;
        }

      /* Either the converter needs more input, or the input is bad. */
      if (self->stream_done ||
          (result == G_CONVERTER_ERROR &&
           !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)))
        {
          g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT,
                       _("%s, line %llu: the file says it is UTF-16 text but contains bytes that are not valid UTF-16."),
                       self->display_name, (unsigned long long) self->line);
          return -1;
        }

      left = self->raw_len - self->raw_pos;
      memmove (self->raw, self->raw + self->raw_pos, left);
      self->raw_pos = 0;
      self->raw_len = left;
      n = read_raw (self, self->raw + left, BUFFER_SIZE - left, cancellable, error);
      if (n < 0)
        return -1;
      self->raw_len += n;
    }
}

/* Reads decoded text into dest; 0 at the end of the file. */
static gssize
read_text (LcCsvReader   *self,
           guint8        *dest,
           gsize          size,
           GCancellable  *cancellable,
           GError       **error)
{
  if (self->converter != NULL)
    return decode_utf16 (self, dest, size, cancellable, error);
  return read_raw (self, dest, size, cancellable, error);
}

/* Replaces the buffer's contents with the next decoded bytes; at the end of
 * the file pos == end. */
static gboolean
refill (LcCsvReader   *self,
        GCancellable  *cancellable,
        GError       **error)
{
  gssize n = read_text (self, self->buf, BUFFER_SIZE, cancellable, error);

  if (n < 0)
    return FALSE;

  self->buf[n] = '\0';
  self->pos = self->buf;
  self->end = self->buf + n;
  return TRUE;
}

/* Counts , ; and tab outside quotes in the first non-blank line; ties go
 * to the comma, the RFC 4180 delimiter. Returns FALSE when that line does
 * not end within [p, end), so the counts may be incomplete. */
static gboolean
sniff_delimiter (const guint8 *p,
                 const guint8 *end,
                 char         *delimiter)
{
  guint n_comma = 0;
  guint n_semicolon = 0;
  guint n_tab = 0;
  gboolean quoted = FALSE;
  gboolean complete = FALSE;

  while (p < end && (*p == '\r' || *p == '\n'))
    p++;

  for (; p < end && !complete; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\r' || *p == '\n')
        complete = TRUE;
      else if (*p == ',')
        n_comma++;
      else if (*p == ';')
        n_semicolon++;
      else if (*p == '\t')
        n_tab++;
    }

  if (n_semicolon > n_comma && n_semicolon >= n_tab)
    *delimiter = ';';
  else if (n_tab > n_comma && n_tab > n_semicolon)
    *delimiter = '\t';
  else
    *delimiter = ',';
  return complete;
}

static void
set_delimiter (LcCsvReader *self,
               char         delimiter)
{
  self->delimiter = delimiter;

  memset (self->quoted_class, CLASS_PLAIN, sizeof self->quoted_class);
  self->quoted_class['"'] = CLASS_QUOTE;
  self->quoted_class['\r'] = CLASS_CR;
  self->quoted_class['\n'] = CLASS_LF;
  self->quoted_class['\0'] = CLASS_NUL;

  memcpy (self->unquoted_class, self->quoted_class, sizeof self->unquoted_class);
  self->unquoted_class[(guint8) delimiter] = CLASS_DELIMITER;
}

/* Recognizes the encoding and the delimiter from the start of the file. */
static gboolean
begin_reading (LcCsvReader   *self,
               GCancellable  *cancellable,
               GError       **error)
{
  gsize have = 0;
  gsize skip = 0;
  char delimiter = ',';

  hasher_start (&self->hasher);

  /* Short reads are allowed, so read until a BOM could be recognized. */
  while (have < 3)
    {
      gssize n = read_raw (self, self->buf + have, BUFFER_SIZE - have, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      have += n;
    }

  if (have >= 3 && memcmp (self->buf, "\xEF\xBB\xBF", 3) == 0)
    {
      self->encoding = LC_CSV_ENCODING_UTF8_BOM;
      skip = 3;
    }
  else if (have >= 2 && (memcmp (self->buf, "\xFF\xFE", 2) == 0 ||
                         memcmp (self->buf, "\xFE\xFF", 2) == 0))
    {
      gboolean le = self->buf[0] == 0xFF;
      g_autoptr(GError) local_error = NULL;

      self->encoding = le ? LC_CSV_ENCODING_UTF16LE : LC_CSV_ENCODING_UTF16BE;
      self->converter = G_CONVERTER (g_charset_converter_new ("UTF-8", le ? "UTF-16LE" : "UTF-16BE", &local_error));
      if (self->converter == NULL)
        {
          g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_IO,
                       _("%s could not be read: %s"),
                       self->display_name, local_error->message);
          return FALSE;
        }
      self->raw = g_malloc (BUFFER_SIZE);
      self->raw_len = have - 2;
      memcpy (self->raw, self->buf + 2, self->raw_len);
      have = 0;
    }

  /* Sniffing needs the whole first line. The margin leaves room for any
   * UTF-8 character the decoder may write. */
  while (!sniff_delimiter (self->buf + skip, self->buf + have, &delimiter) &&
         BUFFER_SIZE - have >= 8)
    {
      gssize n = read_text (self, self->buf + have, BUFFER_SIZE - have, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      have += n;
    }

  self->buf[have] = '\0';
  self->pos = self->buf + skip;
  self->end = self->buf + have;
  set_delimiter (self, delimiter);
  return TRUE;
}

/* Makes room for everything the next chunk can add: at most one output
 * byte per input byte, plus the final field's NUL. Doubling stops near the
 * record limit so that an oversized record cannot take twice the limit. */
static char *
reserve_record (LcCsvReader *self,
                gsize        used,
                gsize        more)
{
  gsize need = used + more + 2 + COPY_SLACK;

  if (need > self->rec_alloc)
    {
      self->rec_alloc = MAX (need, MIN (self->rec_alloc * 2, MAX_RECORD_LEN + BUFFER_SIZE));
      self->rec = g_realloc (self->rec, self->rec_alloc);
    }
  return self->rec;
}

/* The header's name for a column, or NULL while reading the header. */
static const char *
column_name (LcCsvReader *self,
             guint        column)
{
  if (self->header_read && column < self->n_columns)
    return self->columns[column];
  return NULL;
}

static void
set_field_too_large_error (LcCsvReader  *self,
                           guint64       line,
                           guint         column,
                           GError      **error)
{
  const char *name = column_name (self, column);
  unsigned long long line_ull = line;

  if (name != NULL)
    g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE,
                 _("%s, line %llu: the value in column %u (“%s”) is longer than %u MiB; a quote mark may be missing its partner."),
                 self->display_name, line_ull, column + 1, name, (guint) (MAX_FIELD_LEN / MIB));
  else
    g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE,
                 _("%s, line %llu: the value in column %u is longer than %u MiB; a quote mark may be missing its partner."),
                 self->display_name, line_ull, column + 1, (guint) (MAX_FIELD_LEN / MIB));
}

static void
set_quote_in_value_error (LcCsvReader  *self,
                          guint64       line,
                          guint         column,
                          GError      **error)
{
  const char *name = column_name (self, column);
  unsigned long long line_ull = line;

  if (name != NULL)
    g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE,
                 _("%s, line %llu: column %u (“%s”) has a quote mark in the middle of a value. A value that contains quote marks must be wrapped in quotes, with each quote mark doubled."),
                 self->display_name, line_ull, column + 1, name);
  else
    g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE,
                 _("%s, line %llu: column %u has a quote mark in the middle of a value. A value that contains quote marks must be wrapped in quotes, with each quote mark doubled."),
                 self->display_name, line_ull, column + 1);
}

static void
set_text_after_quote_error (LcCsvReader  *self,
                            guint64       line,
                            guint         column,
                            GError      **error)
{
  const char *name = column_name (self, column);
  unsigned long long line_ull = line;

  if (name != NULL)
    g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE,
                 _("%s, line %llu: column %u (“%s”) has text after its closing quote mark; a quoted value must end right after its closing quote."),
                 self->display_name, line_ull, column + 1, name);
  else
    g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_BAD_QUOTE,
                 _("%s, line %llu: column %u has text after its closing quote mark; a quoted value must end right after its closing quote."),
                 self->display_name, line_ull, column + 1);
}

/* Checks a finished field against the limits and makes room for it in
 * fields (read_record keeps its own copy of the array and count). */
static gboolean
grow_fields (LcCsvReader  *self,
             guint         n_fields,
             gsize         len,
             guint64       line,
             GError      **error)
{
  if (len > MAX_FIELD_LEN)
    {
      set_field_too_large_error (self, line, n_fields, error);
      return FALSE;
    }

  if (n_fields == self->fields_alloc)
    {
      if (self->fields_alloc >= MAX_FIELDS)
        {
          g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE,
                       _("%s, line %llu: this row has more than %u values; the file does not look like a CSV file."),
                       self->display_name, (unsigned long long) line, (guint) MAX_FIELDS);
          return FALSE;
        }
      self->fields_alloc = MIN (MAX (64, self->fields_alloc * 2), MAX_FIELDS);
      self->fields = g_renew (Field, self->fields, self->fields_alloc);
    }
  return TRUE;
}

static gboolean
has_high_bytes (const char *data,
                gsize       len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 acc = 0;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      acc |= word;
    }
  for (; i < len; i++)
    acc |= (guint8) data[i];
  return (acc & high) != 0;
}

/* Rewrites a field that is not UTF-8 as Windows-1252, appended to the
 * record, so the offsets of the other fields stay put. */
static void
decode_windows_1252 (LcCsvReader *self,
                     Field       *field)
{
  gsize start = self->rec_len;
  gsize o = start;
  const guint8 *src;

  reserve_record (self, self->rec_len, field->len * 3);
  src = (const guint8 *) self->rec + field->start;
  for (gsize i = 0; i < field->len; i++)
    {
      guint8 c = src[i];

      if (c < 0x80)
        self->rec[o++] = c;
      else if (c < 0xA0)
        o += g_unichar_to_utf8 (windows_1252_c1[c - 0x80], self->rec + o);
      else
        o += g_unichar_to_utf8 (c, self->rec + o);
    }
  self->rec[o++] = '\0';

  field->start = start;
  field->len = o - start - 1;
  self->rec_len = o;
}

static gboolean
finish_record (LcCsvReader  *self,
               GError      **error)
{
  /* Most exports are ASCII: one quick scan clears the whole record, and
   * only fields with non-ASCII bytes go through validation. */
  if (has_high_bytes (self->rec, self->rec_len))
    {
      for (guint i = 0; i < self->n_fields; i++)
        {
          Field *field = &self->fields[i];
          const char *text = self->rec + field->start;

          if (has_high_bytes (text, field->len) &&
              !g_utf8_validate_len (text, field->len, NULL))
            {
              decode_windows_1252 (self, field);
              self->used_fallback = TRUE;
            }
        }
    }

  if (self->header_read && self->n_fields != self->n_columns)
    {
      g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s, line %llu: this row has %u value but the header row has %u columns.",
                                "%s, line %llu: this row has %u values but the header row has %u columns.",
                                self->n_fields),
                   self->display_name, (unsigned long long) self->record_line,
                   self->n_fields, self->n_columns);
      return FALSE;
    }
  return TRUE;
}

static inline void
copy_run (char         *dest,
          const guint8 *src,
          gsize         len)
{
  if (G_LIKELY (len <= COPY_SLACK))
    memcpy (dest, src, COPY_SLACK);
  else
    memcpy (dest, src, len);
}

/* Reads the next record into rec and fields. Returns FALSE with error unset
 * at the end of the file. Counters live in locals, written back at the
 * end, because stores into rec may alias any field of self. */
static gboolean
read_record (LcCsvReader   *self,
             GCancellable  *cancellable,
             GError       **error)
{
  const guint8 *uclass = self->unquoted_class;
  const guint8 *qclass = self->quoted_class;
  ParseState state = STATE_FIELD_START;
  const guint8 *p = self->pos;
  const guint8 *end = self->end;
  guint64 line = self->line;
  gboolean prev_cr = self->prev_cr;
  Field *fields = self->fields;
  guint fields_alloc = self->fields_alloc;
  guint n_fields = 0;
  guint64 quote_line = 0;
  gsize field_start = 0;
  gsize o = 0;
  gboolean record_ends;
  char *rec;

  self->n_fields = 0;
  self->record_line = line;
  rec = reserve_record (self, 0, end - p);

  for (;;)
    {
      const guint8 *run;

      if (G_UNLIKELY (p == end))
        {
          self->line = line;
          if (!refill (self, cancellable, error))
            return FALSE;
          p = self->pos;
          end = self->end;

          if (p == end)
            {
              if (state == STATE_QUOTED)
                {
                  g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_UNTERMINATED_QUOTE,
                               _("%s, line %llu: the file ends inside a quoted field that starts on line %llu; the file may be truncated."),
                               self->display_name, (unsigned long long) line,
                               (unsigned long long) quote_line);
                  return FALSE;
                }
              if (state == STATE_FIELD_START && n_fields == 0)
                {
                  self->prev_cr = prev_cr;
                  return FALSE;
                }
              record_ends = TRUE;
              goto field_done;
            }

          if (o - field_start > MAX_FIELD_LEN)
            {
              /* Inside quotes, the line to look at is where they open. */
              set_field_too_large_error (self, state == STATE_QUOTED ? quote_line : line,
                                         n_fields, error);
              return FALSE;
            }
          if (o > MAX_RECORD_LEN)
            {
              g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_TOO_LARGE,
                           _("%s, line %llu: this row is longer than %u MiB; a quote mark may be missing its partner."),
                           self->display_name, (unsigned long long) self->record_line,
                           (guint) (MAX_RECORD_LEN / MIB));
              return FALSE;
            }
          rec = reserve_record (self, o, end - p);
        }

      switch (state)
        {
        case STATE_FIELD_START:
          if (*p == '"')
            {
              quote_line = line;
              prev_cr = FALSE;
              p++;
              state = STATE_QUOTED;
              break;
            }
          state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
          run = p;
          while (uclass[*p] == CLASS_PLAIN)
            p++;
          if (p != run)
            {
              copy_run (rec + o, run, p - run);
              o += p - run;
              prev_cr = FALSE;
            }

          switch (uclass[*p])
            {
            case CLASS_DELIMITER:
              goto delimiter;

            case CLASS_CR:
            case CLASS_LF:
              if (n_fields == 0 && o == 0)
                {
                  /* A blank line: skip it, counting it. */
                  if (*p == '\r' || !prev_cr)
                    line++;
                  prev_cr = *p == '\r';
                  p++;
                  self->record_line = line;
                  state = STATE_FIELD_START;
                  break;
                }
              goto newline;

            case CLASS_QUOTE:
              set_quote_in_value_error (self, line, n_fields, error);
              return FALSE;

            case CLASS_NUL:
              if (p != end)
                goto not_text;
              break;

            default:
              g_assert_not_reached ();
            }
          break;

        case STATE_QUOTED:
          run = p;
          while (qclass[*p] == CLASS_PLAIN)
            p++;
          if (p != run)
            {
              copy_run (rec + o, run, p - run);
              o += p - run;
              prev_cr = FALSE;
            }

          switch (qclass[*p])
            {
            case CLASS_QUOTE:
              p++;
              prev_cr = FALSE;
              state = STATE_QUOTE_SEEN;
              break;

            case CLASS_CR:
              rec[o++] = '\r';
              p++;
              line++;
              prev_cr = TRUE;
              break;

            case CLASS_LF:
              rec[o++] = '\n';
              p++;
              if (!prev_cr)
                line++;
              prev_cr = FALSE;
              break;

            case CLASS_NUL:
              if (p != end)
                goto not_text;
              break;

            default:
              g_assert_not_reached ();
            }
          break;

        case STATE_QUOTE_SEEN:
          switch (uclass[*p])
            {
            case CLASS_QUOTE:
              /* A doubled quote stands for one quote mark. */
              rec[o++] = '"';
              p++;
              state = STATE_QUOTED;
              break;

            case CLASS_DELIMITER:
              goto delimiter;

            case CLASS_CR:
            case CLASS_LF:
              goto newline;

            case CLASS_NUL:
              if (p != end)
                goto not_text;
              break;

            case CLASS_PLAIN:
              set_text_after_quote_error (self, line, n_fields, error);
              return FALSE;

            default:
              g_assert_not_reached ();
            }
          break;

        default:
          g_assert_not_reached ();
        }
      continue;

    delimiter:
      p++;
      prev_cr = FALSE;
      record_ends = FALSE;
      goto field_done;

    newline:
      record_ends = TRUE;

    field_done:
      if (G_UNLIKELY (n_fields == fields_alloc || o - field_start > MAX_FIELD_LEN))
        {
          if (!grow_fields (self, n_fields, o - field_start, line, error))
            return FALSE;
          fields = self->fields;
          fields_alloc = self->fields_alloc;
        }
      fields[n_fields].start = field_start;
      fields[n_fields].len = o - field_start;
      n_fields++;
      rec[o++] = '\0';
      field_start = o;
      state = STATE_FIELD_START;
      if (record_ends)
        break;
    }

  /* Unless the file ended, the record ended at a CR or LF. */
  if (p != end)
    {
      if (*p == '\r' || !prev_cr)
        line++;
      prev_cr = *p == '\r';
      p++;
    }

  self->line = line;
  self->prev_cr = prev_cr;
  self->pos = p;
  self->n_fields = n_fields;
  self->rec_len = o;
  return finish_record (self, error);

not_text:
  g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_NOT_TEXT,
               _("%s, line %llu: the file contains binary data, so it is not a CSV text file. If it is a spreadsheet, save it as CSV first."),
               self->display_name, (unsigned long long) line);
  return FALSE;
}

LcCsvReader *
lc_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_basename (path);
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_IO,
                   _("Could not open %s: %s"),
                   display_name, local_error->message);
      return NULL;
    }
  return lc_csv_reader_new_for_stream (G_INPUT_STREAM (stream), display_name, error);
}

LcCsvReader *
lc_csv_reader_new_for_stream (GInputStream  *stream,
                              const char    *display_name,
                              GError       **error)
{
  LcCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  self = g_new0 (LcCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name);
  self->buf = g_malloc0 (BUFFER_SIZE + 1 + COPY_SLACK);
  self->buf[0] = '\0';
  self->pos = self->end = self->buf;
  self->line = 1;
  self->record_line = 0;
  self->encoding = LC_CSV_ENCODING_UTF8;
  set_delimiter (self, ',');
  return self;
}

void
lc_csv_reader_free (LcCsvReader *self)
{
  if (self == NULL)
    return;

  hasher_clear (&self->hasher);
  g_clear_object (&self->stream);
  g_clear_object (&self->converter);
  g_clear_error (&self->error);
  g_free (self->display_name);
  g_free (self->sha256);
  g_free (self->raw);
  g_free (self->buf);
  g_free (self->rec);
  g_free (self->fields);
  g_strfreev (self->columns);
  g_free (self);
}

static gboolean
fail (LcCsvReader  *self,
      GError       *local_error,
      GError      **error)
{
  self->error = g_error_copy (local_error);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
lc_csv_reader_read_header (LcCsvReader   *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->header_started, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->header_started = TRUE;

  if (!begin_reading (self, cancellable, &local_error))
    return fail (self, local_error, error);

  if (!read_record (self, cancellable, &local_error))
    {
      if (local_error == NULL)
        local_error = g_error_new (LC_CSV_ERROR, LC_CSV_ERROR_EMPTY,
                                   _("%s is empty: there is no header row."),
                                   self->display_name);
      return fail (self, local_error, error);
    }

  self->n_columns = self->n_fields;
  self->columns = g_new (char *, self->n_columns + 1);
  for (guint i = 0; i < self->n_columns; i++)
    self->columns[i] = g_strndup (self->rec + self->fields[i].start, self->fields[i].len);
  self->columns[self->n_columns] = NULL;
  self->header_read = TRUE;
  return TRUE;
}

gboolean
lc_csv_reader_next (LcCsvReader   *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  g_return_val_if_fail (self->header_read, FALSE);

  if (read_record (self, cancellable, &local_error))
    return TRUE;
  if (local_error == NULL)
    return FALSE;

  /* A ragged row is complete and the parser is in step: the caller may
   * report it and go on. Every other error leaves the reader stopped. */
  if (g_error_matches (local_error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return fail (self, local_error, error);
}

guint
lc_csv_reader_get_n_fields (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_fields;
}

const char *
lc_csv_reader_get_field (LcCsvReader *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);

  return self->rec + self->fields[index].start;
}

gsize
lc_csv_reader_get_field_len (LcCsvReader *self,
                             guint        index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->n_fields, 0);

  return self->fields[index].len;
}

guint
lc_csv_reader_get_n_columns (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

const char *
lc_csv_reader_get_column_name (LcCsvReader *self,
                               guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_columns, NULL);

  return self->columns[index];
}

static const char *
trim (const char *s,
      gsize      *len)
{
  const char *e = s + strlen (s);

  while (s < e && g_ascii_isspace (*s))
    s++;
  while (e > s && g_ascii_isspace (e[-1]))
    e--;
  *len = e - s;
  return s;
}

int
lc_csv_reader_find_column (LcCsvReader *self,
                           const char  *name)
{
  const char *wanted;
  gsize wanted_len;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  wanted = trim (name, &wanted_len);
  for (guint i = 0; i < self->n_columns; i++)
    {
      gsize len;
      const char *column = trim (self->columns[i], &len);

      if (len == wanted_len && memcmp (column, wanted, len) == 0)
        return i;
    }
  return -1;
}

guint64
lc_csv_reader_get_line (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

guint64
lc_csv_reader_get_bytes_read (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bytes_read;
}

char
lc_csv_reader_get_delimiter (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->delimiter;
}

LcCsvEncoding
lc_csv_reader_get_encoding (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, LC_CSV_ENCODING_UTF8);

  return self->encoding;
}

gboolean
lc_csv_reader_get_used_fallback (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->used_fallback;
}

const char *
lc_csv_reader_get_display_name (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display_name;
}

const char *
lc_csv_reader_get_sha256 (LcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sha256;
}
