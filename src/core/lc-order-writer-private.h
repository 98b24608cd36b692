/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-date.h"
#include "lc-store-private.h"

G_BEGIN_DECLS

/*
 * The one path by which orders and their line items reach the store, for
 * every order source (the Shopify export, and later the Admin API or a
 * mapped WooCommerce file). It works inside the caller's transaction and
 * keeps the store's rollups right: `daily` (counted orders by local day)
 * and `daily_skus` (lines of counted orders by day and SKU, tips left out,
 * the SKU being the line's name when it has none). Their changes gather in
 * memory (a few hundred bytes a day, at most a few MB for SKUs and customers) and are written
 * by _lc_order_writer_flush(), which must run before the transaction
 * commits. Anything else that changes orders must rebuild the rollups.
 *
 * Usage, per order: begin_order (or continue_last), add_line for each
 * line, then add_refund for each refund, each followed by add_refund_line
 * for the lines it gave money back for, and finish_order. An order's
 * refunds are replaced with it; a continued order keeps those it has. An order is keyed by its source_id: finishing an
 * order that is already in the store replaces it and its lines (later
 * exports win, because refunds change). Strings given to the writer are
 * copied; they need only live until the call returns. Not thread-safe: one
 * writer per store connection, on the thread that owns it.
 */
typedef struct _LcOrderWriter LcOrderWriter;

/* The largest amount (minor units) or quantity an order or line may carry.
 * No real order comes near it (a billion in cents, yen or pence), and it
 * keeps every sum the store makes, over days, years and customers, far
 * from overflowing. Importers refuse more with the file, line and column;
 * the writer refuses it too, for any importer that forgot. */
#define LC_ORDER_MAX_AMOUNT G_GINT64_CONSTANT (100000000000)

/* The most lines an order may have: a line's id keeps its position in 16
 * bits. Importers refuse more with the file and line; the writer refuses
 * it too. */
#define LC_ORDER_MAX_LINES (1 << 16)

typedef struct
{
  const char  *source_id;        /* the source's own key, e.g. "shopify:5190340725203" */
  const char  *name;             /* "#1001" */
  LcTimestamp  created;
  const char  *financial_status; /* lower case: paid, refunded, voided... */
  gboolean     cancelled;
  gint64       cancelled_utc;
  gint64       subtotal;         /* minor units of the store currency */
  gint64       shipping;
  gint64       taxes;
  gint64       total;
  gint64       discount;
  gint64       refunded;
  const char  *discount_code;    /* NULL when none, as the three below */
  const char  *source;
  const char  *tags;
  const char  *customer_hash;    /* salted, see DESIGN.md */
} LcOrderFields;

typedef struct
{
  gint64       quantity;
  gint64       price;
  gint64       compare_at;       /* -1 when none */
  gint64       discount;
  gboolean     is_tip;           /* tips stay out of units */
  const char  *name;             /* "Product - Variant": split at the last " - " */
  const char  *sku;              /* NULL when none */
  const char  *vendor;           /* NULL when none */
} LcLineFields;

typedef struct
{
  const char  *source_id;        /* the source's key, e.g. "shopify:refund:929361463"; NULL when none */
  LcTimestamp  created;
  gint64       amount;           /* everything refunded: lines, shipping, adjustments */
} LcRefundFields;

typedef enum
{
  LC_ORDER_WRITTEN_ADDED,
  LC_ORDER_WRITTEN_UPDATED,
  LC_ORDER_WRITTEN_CONTINUED,    /* more lines for the last order */
} LcOrderWritten;

LcOrderWriter  *_lc_order_writer_new            (LcStore             *store,
                                                 GError             **error);
void            _lc_order_writer_free           (LcOrderWriter       *self);
/* The import log row that later orders are credited to. */
void            _lc_order_writer_set_import_id  (LcOrderWriter       *self,
                                                 gint64               import_id);
void            _lc_order_writer_begin_order    (LcOrderWriter       *self,
                                                 const LcOrderFields *order);
/* Starts more lines for the last order finished by this writer, as when a
 * split export's next part goes on with it. FALSE when there is none. */
gboolean        _lc_order_writer_continue_last  (LcOrderWriter       *self);
void            _lc_order_writer_add_line       (LcOrderWriter       *self,
                                                 const LcLineFields  *line);
/* A refund of the order being built. */
void            _lc_order_writer_add_refund     (LcOrderWriter       *self,
                                                 const LcRefundFields *refund);
/* A line of the refund added last: line is the index of the order's line
 * (0 for the first add_line), quantity the units returned and amount the
 * money given back for them. In a continued order, the lines are those
 * added since continue_last. FALSE when there is no such line or refund. */
gboolean        _lc_order_writer_add_refund_line (LcOrderWriter      *self,
                                                  guint               line,
                                                  gint64              quantity,
                                                  gint64              amount);
/* Writes the order begun last with its lines and refunds. */
gboolean        _lc_order_writer_finish_order   (LcOrderWriter       *self,
                                                 LcOrderWritten      *out_written,
                                                 GError             **error);
/* Lines of the order being built so far. */
guint           _lc_order_writer_get_n_lines    (LcOrderWriter       *self);
/* Writes the gathered rollup deltas; call before committing. */
gboolean        _lc_order_writer_flush          (LcOrderWriter       *self,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcOrderWriter, _lc_order_writer_free)

/* The customers rollup's key for a customer hash: its first 60 bits, so
 * the table is keyed by integers (a collision would take some 10^9
 * customers to be likely); -1 when the hash is not hex. */
gint64          _lc_customer_id                 (const char          *hash);

G_END_DECLS
