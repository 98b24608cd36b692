/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-orders"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-date.h"
#include "lc-import-private.h"
#include "lc-money.h"
#include "lc-order-writer-private.h"

/*
 * Shopify's "Export orders" CSV: one row per line item; only the first row
 * of an order carries the order-level columns. Columns are found by name:
 * the export has had 73, 75, 78 and 79 columns over the years.
 */

typedef enum
{
  COL_NAME,
  COL_EMAIL,
  COL_FINANCIAL_STATUS,
  COL_CURRENCY,
  COL_SUBTOTAL,
  COL_SHIPPING,
  COL_TAXES,
  COL_TOTAL,
  COL_DISCOUNT_CODE,
  COL_DISCOUNT_AMOUNT,
  COL_CREATED_AT,
  COL_QUANTITY,
  COL_LINE_NAME,
  COL_LINE_PRICE,
  COL_LINE_COMPARE_AT,
  COL_LINE_SKU,
  COL_LINE_DISCOUNT,
  COL_CANCELLED_AT,
  COL_REFUNDED,
  COL_VENDOR,
  COL_ID,
  COL_TAGS,
  COL_SOURCE,
  N_COLS
} Column;

static const struct
{
  const char *name;
  gboolean    required;
} columns[N_COLS] = {
  [COL_NAME]             = { "Name", TRUE },
  [COL_EMAIL]            = { "Email", FALSE },
  [COL_FINANCIAL_STATUS] = { "Financial Status", TRUE },
  [COL_CURRENCY]         = { "Currency", TRUE },
  [COL_SUBTOTAL]         = { "Subtotal", TRUE },
  [COL_SHIPPING]         = { "Shipping", FALSE },
  [COL_TAXES]            = { "Taxes", FALSE },
  [COL_TOTAL]            = { "Total", TRUE },
  [COL_DISCOUNT_CODE]    = { "Discount Code", FALSE },
  [COL_DISCOUNT_AMOUNT]  = { "Discount Amount", FALSE },
  [COL_CREATED_AT]       = { "Created at", TRUE },
  [COL_QUANTITY]         = { "Lineitem quantity", TRUE },
  [COL_LINE_NAME]        = { "Lineitem name", TRUE },
  [COL_LINE_PRICE]       = { "Lineitem price", TRUE },
  [COL_LINE_COMPARE_AT]  = { "Lineitem compare at price", FALSE },
  [COL_LINE_SKU]         = { "Lineitem sku", FALSE },
  [COL_LINE_DISCOUNT]    = { "Lineitem discount", FALSE },
  [COL_CANCELLED_AT]     = { "Cancelled at", FALSE },
  [COL_REFUNDED]         = { "Refunded Amount", FALSE },
  [COL_VENDOR]           = { "Vendor", FALSE },
  [COL_ID]               = { "Id", FALSE },
  [COL_TAGS]             = { "Tags", FALSE },
  [COL_SOURCE]           = { "Source", FALSE },
};

static const char * const known_statuses[] = {
  "pending", "authorized", "partially_paid", "paid", "partially_refunded",
  "refunded", "voided", "expired", NULL
};

/*
 * Parsing and writing run on two threads: this file's reader parses rows
 * into batches of writer calls (with their strings), and the calling
 * thread, which owns the store, replays them into the order writer. A few
 * batches in flight bound the memory; the reader waits when the writer is
 * behind.
 */
#define BATCH_ORDERS 128
#define N_BATCHES    8

typedef enum
{
  OP_BEGIN,
  OP_CONTINUE,
  OP_LINE,
  OP_FINISH,
  OP_CURRENCY,
} OpKind;

typedef struct
{
  OpKind kind;
  union
  {
    LcOrderFields order;
    LcLineFields  line;
  } u;
  gssize strings[7];   /* offsets into the batch's strings; -1 for NULL */
} Op;

typedef struct
{
  GArray   *ops;       /* Op */
  GString  *strings;
  guint     n_orders;
  guint64   bytes_read;
  gboolean  last;
  GError   *error;     /* the reader's, on the last batch */
} Batch;

typedef struct
{
  LcImportContext *ctx;
  int              col[N_COLS];

  /* Shared with the writing thread only through the queues and stop. */
  Batch           *batch;
  GAsyncQueue     *full;
  GAsyncQueue     *empty;
  gint             stop;
  /* The store's currency as this file goes: the writing thread records
   * it, so it is not read back from the store. */
  char             currency[4];
  guint            exponent;

  /* The order being read: the writer holds its fields and lines; these
   * buffers are reused from order to order. */
  gboolean   open;
  gboolean   continuing;      /* lines for the last order of the previous file */
  guint64    line;            /* where its first row is */
  GString   *name;
  GString   *source_id;
  GString   *financial_status;
  GString   *folded_email;
  char       customer_hash[33];
} Reader;

static void
reader_clear_order (Reader *r)
{
  r->open = FALSE;
  r->continuing = FALSE;
  g_string_truncate (r->name, 0);
}

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->ops = g_array_sized_new (FALSE, FALSE, sizeof (Op), 2 * BATCH_ORDERS);
  batch->strings = g_string_sized_new (64 * BATCH_ORDERS);
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_array_unref (batch->ops);
  g_string_free (batch->strings, TRUE);
  g_clear_error (&batch->error);
  g_free (batch);
}

static void
batch_reset (Batch *batch)
{
  g_array_set_size (batch->ops, 0);
  g_string_truncate (batch->strings, 0);
  batch->n_orders = 0;
  batch->last = FALSE;
  g_clear_error (&batch->error);
}

static gssize
batch_keep (Batch      *batch,
            const char *text)
{
  gssize offset = batch->strings->len;

  if (text == NULL)
    return -1;
  g_string_append_len (batch->strings, text, strlen (text) + 1);
  return offset;
}

static const char *
batch_string (Batch *batch,
              gssize offset)
{
  return offset < 0 ? NULL : batch->strings->str + offset;
}

static Op *
record_op (Reader *r,
           OpKind  kind)
{
  Op *op;

  g_array_set_size (r->batch->ops, r->batch->ops->len + 1);
  op = &g_array_index (r->batch->ops, Op, r->batch->ops->len - 1);
  op->kind = kind;
  return op;
}

static void
record_simple (Reader *r,
               OpKind  kind)
{
  record_op (r, kind);
}

static void
record_currency (Reader     *r,
                 const char *currency)
{
  gssize offset = batch_keep (r->batch, currency);

  record_op (r, OP_CURRENCY)->strings[0] = offset;
}

static void
record_order (Reader              *r,
              const LcOrderFields *order)
{
  const char *strings[7] = {
    order->source_id, order->name, order->financial_status, order->discount_code,
    order->source, order->tags, order->customer_hash,
  };
  gssize offsets[7];
  Op *op;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    offsets[i] = batch_keep (r->batch, strings[i]);
  op = record_op (r, OP_BEGIN);
  op->u.order = *order;
  memcpy (op->strings, offsets, sizeof offsets);
}

static void
record_line (Reader             *r,
             const LcLineFields *line)
{
  gssize name = batch_keep (r->batch, line->name);
  gssize sku = batch_keep (r->batch, line->sku);
  gssize vendor = batch_keep (r->batch, line->vendor);
  Op *op = record_op (r, OP_LINE);

  op->u.line = *line;
  op->strings[0] = name;
  op->strings[1] = sku;
  op->strings[2] = vendor;
}

/* Hands the batch to the writing thread, and takes an empty one. */
static void
send_batch (Reader *r)
{
  r->batch->bytes_read = lc_csv_reader_get_bytes_read (r->ctx->reader);
  g_async_queue_push (r->full, r->batch);
  r->batch = g_async_queue_pop (r->empty);
}

static void
record_finish (Reader *r)
{
  record_op (r, OP_FINISH);
  if (++r->batch->n_orders >= BATCH_ORDERS)
    send_batch (r);
}

/* On the writing thread: the batch's calls, in order. */
static gboolean
replay_batch (LcImportContext  *ctx,
              LcOrderWriter    *writer,
              Batch            *batch,
              GError          **error)
{
  for (guint i = 0; i < batch->ops->len; i++)
    {
      const Op *op = &g_array_index (batch->ops, Op, i);
      LcOrderWritten written;

      switch (op->kind)
        {
        case OP_BEGIN:
          {
            LcOrderFields order = op->u.order;

            order.source_id = batch_string (batch, op->strings[0]);
            order.name = batch_string (batch, op->strings[1]);
            order.financial_status = batch_string (batch, op->strings[2]);
            order.discount_code = batch_string (batch, op->strings[3]);
            order.source = batch_string (batch, op->strings[4]);
            order.tags = batch_string (batch, op->strings[5]);
            order.customer_hash = batch_string (batch, op->strings[6]);
            _lc_order_writer_begin_order (writer, &order);
          }
          break;

        case OP_CONTINUE:
          /* The reader continues only an order of an earlier file, which
           * this writer wrote: this does not fail. */
          if (!_lc_order_writer_continue_last (writer))
            {
              g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_ORPHAN_LINE,
                           _("%s: the first rows of a split order are missing."), ctx->display_name);
              return FALSE;
            }
          break;

        case OP_LINE:
          {
            LcLineFields line = op->u.line;

            line.name = batch_string (batch, op->strings[0]);
            line.sku = batch_string (batch, op->strings[1]);
            line.vendor = batch_string (batch, op->strings[2]);
            _lc_order_writer_add_line (writer, &line);
          }
          break;

        case OP_FINISH:
          if (!_lc_order_writer_finish_order (writer, &written, error))
            return FALSE;
          if (written == LC_ORDER_WRITTEN_ADDED)
            ctx->result->orders_added++;
          else if (written == LC_ORDER_WRITTEN_UPDATED)
            ctx->result->orders_updated++;
          ctx->result->line_items += _lc_order_writer_get_n_lines (writer);
          break;

        case OP_CURRENCY:
          if (!_lc_store_set_currency (ctx->store, batch_string (batch, op->strings[0]), error))
            return FALSE;
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static const char *
field (Reader *r,
       Column  column)
{
  int index = r->col[column];

  if (index < 0)
    return "";
  return lc_csv_reader_get_field (r->ctx->reader, index);
}

static const char *
nonempty (const char *text)
{
  return text[0] != '\0' ? text : NULL;
}

gboolean
_lc_shopify_orders_header_matches (LcCsvReader *reader)
{
  return lc_csv_reader_find_column (reader, "Name") >= 0 &&
         lc_csv_reader_find_column (reader, "Lineitem quantity") >= 0 &&
         lc_csv_reader_find_column (reader, "Lineitem name") >= 0;
}

static void
set_value_error (Reader      *r,
                 Column       column,
                 const char  *detail,
                 GError     **error)
{
  g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
               /* TRANSLATORS: "orders.csv, line 12, column “Total”: <what is wrong>" */
               _("%s, line %lu, column “%s”: %s"),
               r->ctx->display_name, (gulong) lc_csv_reader_get_line (r->ctx->reader),
               columns[column].name, detail);
}

/* The amounts Shopify writes, "1234.50", "-3.5" or "12", without the
 * general parser: a tenth of the import's work otherwise. Only forms that
 * read the same under every convention lc_money_parse() knows: one or two
 * decimals (never three, which could be a thousands group), no grouping. */
static gboolean
parse_plain_amount (const char *text,
                    guint       exponent,
                    gint64     *out)
{
  static const gint64 powers[] = { 1, 10, 100, 1000, 10000 };
  const char *p = text;
  gboolean negative = *p == '-';
  gint64 whole = 0, fraction = 0;
  guint digits = 0, decimals = 0;

  if (negative)
    p++;
  for (; *p >= '0' && *p <= '9' && digits < 15; p++, digits++)
    whole = whole * 10 + (*p - '0');
  if (digits == 0 || exponent >= G_N_ELEMENTS (powers))
    return FALSE;
  if (*p == '.')
    {
      for (p++; *p >= '0' && *p <= '9' && decimals < 3; p++, decimals++)
        fraction = fraction * 10 + (*p - '0');
      if (decimals == 0 || decimals > 2 || decimals > exponent)
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  *out = whole * powers[exponent] + fraction * powers[exponent - decimals];
  if (negative)
    *out = -*out;
  return TRUE;
}

static gboolean
parse_money (Reader     *r,
             Column      column,
             gboolean    required,
             gint64     *out,
             GError    **error)
{
  const char *text = field (r, column);
  g_autoptr(GError) local_error = NULL;
  guint exponent;

  if (text[0] == '\0')
    {
      if (required)
        {
          set_value_error (r, column, _("the amount is missing; every order’s first row needs one"), error);
          return FALSE;
        }
      *out = 0;
      return TRUE;
    }
  exponent = r->exponent;
  if (!parse_plain_amount (text, exponent, out) &&
      !lc_money_parse (text, exponent, out, &local_error))
    {
      set_value_error (r, column, local_error->message, error);
      return FALSE;
    }
  if (*out > LC_ORDER_MAX_AMOUNT || *out < -LC_ORDER_MAX_AMOUNT)
    {
      g_autofree char *detail = NULL;

      /* Translators: %s is the amount as written in the file. */
      detail = g_strdup_printf (_("“%s” is far more than any real order; check that this column holds amounts"), text);
      set_value_error (r, column, detail, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_quantity (Reader   *r,
                gint64   *out,
                GError  **error)
{
  const char *text = field (r, COL_QUANTITY);
  char *end = NULL;
  double value;
  gint64 digits = 0;
  const char *p;

  /* Nearly always a few plain digits. */
  for (p = text; *p >= '0' && *p <= '9' && p - text < 9; p++)
    digits = digits * 10 + (*p - '0');
  if (*p == '\0' && p != text)
    {
      *out = digits;
      return TRUE;
    }

  /* Spreadsheet re-saves may write "2.0". */
  value = g_ascii_strtod (text, &end);
  while (end != NULL && *end == ' ')
    end++;
  if (text[0] == '\0' || end == NULL || *end != '\0' || value < 0 || value > 1e9 ||
      value != (double) (gint64) value)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a quantity; expected a whole number such as 1 or 2"), text);

      set_value_error (r, COL_QUANTITY, detail, error);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

static gboolean
parse_timestamp (Reader      *r,
                 Column       column,
                 LcTimestamp *out,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!lc_timestamp_parse (field (r, column), out, &local_error))
    {
      set_value_error (r, column, local_error->message, error);
      return FALSE;
    }
  return TRUE;
}

/* Fills r->customer_hash; FALSE when there is no e-mail. */
static gboolean
hash_customer (Reader     *r,
               const char *email)
{
  return _lc_import_hash_customer (r->ctx->store, email, r->folded_email, r->customer_hash);
}

static gboolean
check_currency (Reader      *r,
                GError     **error)
{
  const char *store_currency = r->currency[0] != '\0' ? r->currency : NULL;
  const char *text = field (r, COL_CURRENCY);
  const char *start = text;
  const char *end = text + strlen (text);
  char currency[4];

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end - start != 3)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a currency; expected a three-letter code such as USD or EUR"),
                                                 text);

      set_value_error (r, COL_CURRENCY, detail, error);
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    currency[i] = g_ascii_toupper (start[i]);
  currency[3] = '\0';

  if (store_currency == NULL)
    {
      record_currency (r, currency);
      memcpy (r->currency, currency, sizeof r->currency);
      r->exponent = lc_currency_get_exponent (currency);
    }
  else if (!g_str_equal (store_currency, currency))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH,
                   _("%s, line %lu: this order is in %s, but the store holds orders in %s. "
                     "Keep each currency in its own store file, so that no amounts are mixed."),
                   r->ctx->display_name, (gulong) lc_csv_reader_get_line (r->ctx->reader),
                   currency, store_currency);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_abandoned_checkout (Reader *r)
{
  const char *name = field (r, COL_NAME);
  const char *id = field (r, COL_ID);

  /* An abandoned checkout is named after its checkout id and has no
   * payment status: no order ever existed. */
  return field (r, COL_FINANCIAL_STATUS)[0] == '\0' && name[0] == '#' && id[0] != '\0' &&
         g_str_equal (name + 1, id);
}

static gboolean
start_order (Reader  *r,
             GError **error)
{
  LcImportContext *ctx = r->ctx;
  LcOrderFields order = { 0 };
  const char *status;
  const char *cancelled_at;
  const char *id;

  if (is_abandoned_checkout (r))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                   _("%s is a Shopify abandoned-checkouts export, not an orders export: "
                     "its rows are carts that were never bought, so they cannot be counted as orders. "
                     "In Shopify admin, open Orders (not Abandoned checkouts), choose Export, "
                     "and import that file instead."),
                   ctx->display_name);
      ctx->result->kind = LC_IMPORT_KIND_SHOPIFY_ABANDONED_CHECKOUTS;
      return FALSE;
    }

  r->open = TRUE;
  r->line = lc_csv_reader_get_line (ctx->reader);
  g_string_assign (r->name, field (r, COL_NAME));
  if (r->name->len == 0)
    {
      set_value_error (r, COL_NAME, _("the order name is missing"), error);
      return FALSE;
    }

  id = field (r, COL_ID);
  if (id[0] != '\0')
    {
      g_string_assign (r->source_id, "shopify:");
      g_string_append (r->source_id, id);
    }
  else
    {
      g_string_assign (r->source_id, "shopify-name:");
      g_string_append (r->source_id, r->name->str);
    }

  status = field (r, COL_FINANCIAL_STATUS);
  if (status[0] == '\0')
    {
      set_value_error (r, COL_FINANCIAL_STATUS, _("the payment status is missing on the order’s first row"), error);
      return FALSE;
    }
  g_string_truncate (r->financial_status, 0);
  for (const char *p = status; *p != '\0'; p++)
    g_string_append_c (r->financial_status, g_ascii_tolower (*p));
  if (!g_strv_contains (known_statuses, r->financial_status->str))
    {
      g_autofree char *message = g_strdup_printf (_("Line %lu has the payment status “%s”, which Liftcheck does not know; such orders were counted like paid ones."),
                                                  (gulong) r->line, status);

      _lc_import_warn (ctx, message);
    }

  if (!check_currency (r, error) ||
      !parse_timestamp (r, COL_CREATED_AT, &order.created, error) ||
      !parse_money (r, COL_SUBTOTAL, TRUE, &order.subtotal, error) ||
      !parse_money (r, COL_TOTAL, TRUE, &order.total, error) ||
      !parse_money (r, COL_SHIPPING, FALSE, &order.shipping, error) ||
      !parse_money (r, COL_TAXES, FALSE, &order.taxes, error) ||
      !parse_money (r, COL_DISCOUNT_AMOUNT, FALSE, &order.discount, error) ||
      !parse_money (r, COL_REFUNDED, FALSE, &order.refunded, error))
    return FALSE;

  cancelled_at = field (r, COL_CANCELLED_AT);
  order.cancelled = cancelled_at[0] != '\0';
  if (order.cancelled)
    {
      LcTimestamp when;

      if (!parse_timestamp (r, COL_CANCELLED_AT, &when, error))
        return FALSE;
      order.cancelled_utc = when.utc;
    }

  order.source_id = r->source_id->str;
  order.name = r->name->str;
  order.financial_status = r->financial_status->str;
  order.discount_code = nonempty (field (r, COL_DISCOUNT_CODE));
  order.source = nonempty (field (r, COL_SOURCE));
  order.tags = nonempty (field (r, COL_TAGS));
  order.customer_hash = hash_customer (r, field (r, COL_EMAIL)) ? r->customer_hash : NULL;
  record_order (r, &order);
  return TRUE;
}

static gboolean
add_line (Reader  *r,
          GError **error)
{
  LcLineFields line = { 0 };
  const char *name = field (r, COL_LINE_NAME);
  const char *sku = field (r, COL_LINE_SKU);

  if (!parse_quantity (r, &line.quantity, error) ||
      !parse_money (r, COL_LINE_PRICE, TRUE, &line.price, error) ||
      !parse_money (r, COL_LINE_DISCOUNT, FALSE, &line.discount, error))
    return FALSE;
  if (field (r, COL_LINE_COMPARE_AT)[0] == '\0')
    line.compare_at = -1;
  else if (!parse_money (r, COL_LINE_COMPARE_AT, FALSE, &line.compare_at, error))
    return FALSE;

  /* Tips are money for staff, not goods: they stay out of units. */
  line.is_tip = g_str_equal (name, "Tip") && sku[0] == '\0';
  line.name = name;
  line.sku = nonempty (sku);
  line.vendor = nonempty (field (r, COL_VENDOR));
  record_line (r, &line);
  return TRUE;
}

static gboolean
flush_order (Reader  *r,
             GError **error)
{
  LcImportContext *ctx = r->ctx;

  if (!r->open)
    return TRUE;
  if (!r->continuing)
    {
      g_free (ctx->last_order_name);
      ctx->last_order_name = g_strdup (r->name->str);
    }
  record_finish (r);
  reader_clear_order (r);
  return TRUE;
}

static gboolean
check_columns (Reader  *r,
               GError **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  for (guint i = 0; i < N_COLS; i++)
    {
      r->col[i] = lc_csv_reader_find_column (r->ctx->reader, columns[i].name);
      if (r->col[i] < 0 && columns[i].required)
        {
          if (n_missing++ > 0)
            g_string_append (missing, ", ");
          g_string_append_printf (missing, "“%s”", columns[i].name);
        }
    }
  if (n_missing > 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s, line 1: this Shopify orders export has no %s column, which Liftcheck needs. "
                                "Export the orders again from Shopify admin without removing columns.",
                                "%s, line 1: this Shopify orders export lacks the columns %s, which Liftcheck needs. "
                                "Export the orders again from Shopify admin without removing columns.",
                                n_missing),
                   r->ctx->display_name, missing->str);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_first_row (Reader *r)
{
  return field (r, COL_FINANCIAL_STATUS)[0] != '\0' ||
         field (r, COL_CURRENCY)[0] != '\0' ||
         field (r, COL_TOTAL)[0] != '\0';
}

static gboolean
read_row (Reader  *r,
          gboolean first_order_of_file,
          GError **error)
{
  LcImportContext *ctx = r->ctx;
  const char *name = field (r, COL_NAME);

  if (is_first_row (r))
    {
      if (!flush_order (r, error))
        return FALSE;
      if (!start_order (r, error))
        return FALSE;
      return add_line (r, error);
    }

  if (r->open && g_str_equal (name, r->name->str))
    return add_line (r, error);

  /* A row without order-level columns that does not follow its order's
   * first row: the first part of a split export ends inside this order. */
  if (!r->open && first_order_of_file && ctx->last_order_name != NULL &&
      g_str_equal (name, ctx->last_order_name))
    {
      r->open = TRUE;
      r->continuing = TRUE;
      g_string_assign (r->name, name);
      record_simple (r, OP_CONTINUE);
      return add_line (r, error);
    }

  g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_ORPHAN_LINE,
               _("%s, line %lu: this line item belongs to order %s, but the order’s first row "
                 "(with its totals and payment status) is not before it. If the export was split into several "
                 "files, import them together."),
               ctx->display_name, (gulong) lc_csv_reader_get_line (ctx->reader), name);
  return FALSE;
}

/* The reading thread: every row of the file, then the last batch with
 * what stopped it. */
static gpointer
read_thread (gpointer data)
{
  Reader *r = data;
  LcImportContext *ctx = r->ctx;
  GError *error = NULL;

  while (!g_atomic_int_get (&r->stop) && lc_csv_reader_next (ctx->reader, ctx->cancellable, &error))
    {
      ctx->result->rows++;
      if (!read_row (r, ctx->result->rows == 1, &error))
        break;
    }
  if (error == NULL && !g_atomic_int_get (&r->stop))
    {
      if (ctx->result->rows == 0)
        g_set_error (&error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                     _("%s has the columns of a Shopify orders export but no orders."),
                     ctx->display_name);
      else
        flush_order (r, &error);
    }
  r->batch->last = TRUE;
  r->batch->error = error;
  r->batch->bytes_read = lc_csv_reader_get_bytes_read (ctx->reader);
  g_async_queue_push (r->full, g_steal_pointer (&r->batch));
  return NULL;
}

gboolean
_lc_shopify_orders_import (LcImportContext  *ctx,
                           GError          **error)
{
  Reader r = { 0 };
  LcOrderWriter *writer;
  GThread *thread;
  const char *currency;
  gboolean ok = TRUE;

  r.ctx = ctx;
  writer = _lc_import_get_order_writer (ctx, error);
  if (writer == NULL || !check_columns (&r, error))
    return FALSE;

  currency = lc_store_get_currency (ctx->store);
  if (currency != NULL)
    g_strlcpy (r.currency, currency, sizeof r.currency);
  r.exponent = lc_store_get_exponent (ctx->store);
  r.name = g_string_new (NULL);
  r.source_id = g_string_new (NULL);
  r.financial_status = g_string_new (NULL);
  r.folded_email = g_string_new (NULL);
  r.full = g_async_queue_new ();
  r.empty = g_async_queue_new_full ((GDestroyNotify) batch_free);
  for (guint i = 1; i < N_BATCHES; i++)
    g_async_queue_push (r.empty, batch_new ());
  r.batch = batch_new ();

  thread = g_thread_new ("lc-orders-read", read_thread, &r);
  for (;;)
    {
      Batch *batch = g_async_queue_pop (r.full);
      gboolean last = batch->last;

      if (ok)
        ok = replay_batch (ctx, writer, batch, error);
      if (ok && batch->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&batch->error));
          ok = FALSE;
        }
      if (ok)
        ok = _lc_import_report (ctx, batch->bytes_read, error);
      /* After a failure, the reader is told to stop, and what it had
       * read is dropped until its last batch comes. */
      if (!ok)
        g_atomic_int_set (&r.stop, 1);
      batch_reset (batch);
      g_async_queue_push (r.empty, batch);
      if (last)
        break;
    }
  g_thread_join (thread);

  g_async_queue_unref (r.full);
  g_async_queue_unref (r.empty);
  g_string_free (r.name, TRUE);
  g_string_free (r.source_id, TRUE);
  g_string_free (r.financial_status, TRUE);
  g_string_free (r.folded_email, TRUE);
  return ok;
}
