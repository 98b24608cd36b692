/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-mapped-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lc-mapping-private.h"
#include "lc-money.h"
#include "lc-order-writer-private.h"

/*
 * Order exports of other stores, read through a column mapping: the
 * built-in kinds (WooCommerce Analytics, WooCommerce order-export plugins,
 * BigCommerce, transaction lists such as UCI Online Retail) are mappings
 * found from their header plus what is peculiar to them; any other file
 * comes with the owner's mapping.
 *
 * A file is read twice. The first pass reads the date column (its format
 * is decided from every value: lc-date-column.h) and gathers the refunds
 * that are rows of their own (WooCommerce Analytics' refund rows, a
 * transaction list's cancellations), so that the second pass writes each
 * order with its refunds through the shared order writer. Memory holds
 * those refunds and one order at a time.
 */

/* Lines of one order that are kept before it is written. */
#define MAX_ORDER_LINES LC_ORDER_MAX_LINES
/* Rows left out that are named in the warning. */
#define MAX_NAMED_LINES 5

typedef struct
{
  gint64  quantity;
  gint64  price;        /* unit price, minor units */
  gint64  value;        /* what the line cost in all */
  gint64  refunded_quantity;
  char   *sku;
  char   *name;
} Line;

typedef struct
{
  char        *key;      /* the line's SKU (or name) it returns */
  gint64       quantity;
  gint64       amount;
} RefundLine;

typedef struct
{
  char        *source_id;
  LcTimestamp  created;
  gint64       amount;
  GArray      *lines;    /* RefundLine */
  /* Until the date column's order is known: the day as written, and where. */
  char        *date;
  guint64      line;
} Refund;

/* A transaction list's cancellation row, until its sale is found. */
typedef struct
{
  guint64      line;
  char        *invoice;
  char        *customer;
  char        *sku;
  char        *date;
  gint64       quantity;   /* units returned, positive */
  gint64       price;
  char        *original;   /* the invoice it returns from; NULL when none */
} Cancellation;

typedef struct
{
  LcImportContext  *ctx;
  LcImportKind      kind;
  const char       *prefix;    /* of the orders' source ids */
  int               col[LC_MAPPING_N_FIELDS];
  int               col_products;  /* packed lines */
  int               col_subtotal;
  int               col_shipping;
  int               col_taxes;
  LcDateOrder       date_order;
  char              currency[4];   /* "" when each row says it */
  guint             exponent;
  guint64           file_size;

  /* From the first pass. */
  GHashTable       *refunds;       /* order id -> GPtrArray of Refund */
  GPtrArray        *cancellations; /* Cancellation, in file order */
  GHashTable       *matched_lines; /* guint64 line -> cancellation returned on its sale */
  guint64           skipped_ragged;
  GString          *ragged_lines;

  /* The order being read. */
  gboolean          open;
  GString          *order_id;
  guint64           first_line;    /* the order's first row */
  GString          *status;
  char              customer_hash[33];
  gboolean          has_customer;
  GString          *scratch;
  LcOrderFields     order;
  gboolean          has_order_total;
  gboolean          is_return;     /* a cancellation with no sale in the file */
  GArray           *lines;         /* Line */
  guint64           skipped_adjustments;
  guint64           unmatched_returns;
  char             *first_unmatched;
} Mapped;

static void
line_clear (Line *line)
{
  g_free (line->sku);
  g_free (line->name);
}

static void
refund_free (Refund *refund)
{
  for (guint i = 0; i < refund->lines->len; i++)
    g_free (g_array_index (refund->lines, RefundLine, i).key);
  g_array_unref (refund->lines);
  g_free (refund->source_id);
  g_free (refund->date);
  g_free (refund);
}

static void
cancellation_free (Cancellation *c)
{
  g_free (c->invoice);
  g_free (c->customer);
  g_free (c->sku);
  g_free (c->date);
  g_free (c->original);
  g_free (c);
}

static int
find_folded (LcCsvReader        *reader,
             const char * const *names)
{
  guint n = lc_csv_reader_get_n_columns (reader);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folded = _lc_mapping_fold_name (lc_csv_reader_get_column_name (reader, i));

      if (g_strv_contains (names, folded))
        return i;
    }
  return -1;
}

/* The columns of each built-in kind, folded as _lc_mapping_fold_name()
 * does. WooCommerce Analytics is translated: its headers are listed in the
 * languages WooCommerce ships most. */
static const char * const uci_invoice[] = { "invoiceno", "invoice", NULL };
static const char * const uci_stock[] = { "stockcode", NULL };
static const char * const uci_description[] = { "description", NULL };
static const char * const uci_quantity[] = { "quantity", NULL };
static const char * const uci_date[] = { "invoicedate", NULL };
static const char * const uci_price[] = { "unitprice", "price", NULL };
static const char * const uci_customer[] = { "customerid", NULL };

static const char * const woo_order[] = { "orderid", "ordernumber", NULL };
static const char * const woo_date[] = { "orderdate", NULL };
static const char * const woo_status[] = { "orderstatus", NULL };
static const char * const woo_item_name[] = { "itemname", NULL };
static const char * const woo_item_sku[] = { "itemsku", "sku", NULL };
static const char * const woo_quantity[] = { "quantity", "itemquantity", "qty", NULL };
static const char * const woo_item_cost[] = { "itemcost", "itemprice", NULL };
static const char * const woo_item_total[] = { "itemtotal", "linetotal", NULL };
static const char * const woo_order_total[] = { "ordertotal", "ordertotalamount", NULL };
static const char * const woo_refund[] = { "orderrefundamount", "orderrefund", "refundedtotal", "orderrefunded", NULL };
static const char * const woo_refund_qty[] = { "itemrefundedquantity", "itemrefundedqty", "itemrefunded", NULL };
static const char * const woo_email[] = { "customeremail", "billingemail", "emailbilling", "customeruseremail", NULL };
static const char * const woo_currency[] = { "ordercurrency", "currency", NULL };

static const char * const wa_date[] = { "date", "datum", "fecha", "data", NULL };
/* "Order #", "Commande #" or "Commande n°", "Bestellung Nr."… */
static const char * const wa_order[] = { "order", "ordernumber", "commande", "commanden", "ncommande", "ndecommande",
                                         "numérodecommande", "bestellung", "bestellungnr", "bestellnummer", "pedido",
                                         "pedidon", "pedidonº", "npedido", "nºpedido", "nºdepedido", "ordine", "ordinen", "nordine", "bestelling",
                                         "bestellingnr", "encomenda", "encomendan", NULL };
static const char * const wa_status[] = { "status", "statut", "estado", "stato", NULL };
static const char * const wa_customer[] = { "customer", "client", "kunde", "cliente", "klant", NULL };
static const char * const wa_products[] = { "products", "produits", "produkte", "productos", "prodotti", "producten", "produtos", NULL };
static const char * const wa_items[] = { "itemssold", "articlesvendus", "verkaufteartikel", "artículosvendidos", "articulosvendidos",
                                         "articolivenduti", "verkochteartikelen", "itensvendidos", NULL };
static const char * const wa_net[] = { "netsales", "ventesnettes", "nettoumsatz", "ventasnetas", "venditenette", "nettoomzet",
                                       "vendaslíquidas", "vendasliquidas", NULL };

static const char * const bc_order[] = { "orderid", NULL };
static const char * const bc_date[] = { "orderdate", NULL };
static const char * const bc_status[] = { "orderstatus", NULL };
static const char * const bc_email[] = { "customeremail", NULL };
static const char * const bc_products[] = { "productdetails", NULL };
static const char * const bc_subtotal[] = { "subtotalextax", NULL };
static const char * const bc_shipping[] = { "shippingcostextax", NULL };
static const char * const bc_taxes[] = { "taxtotal", NULL };
static const char * const bc_total[] = { "ordertotalinctax", NULL };
static const char * const bc_refund[] = { "refundamount", "refundedamount", NULL };
static const char * const bc_currency[] = { "ordercurrencycode", NULL };

LcImportKind
_lc_mapped_detect (LcCsvReader *reader)
{
  if (find_folded (reader, uci_invoice) >= 0 && find_folded (reader, uci_stock) >= 0 &&
      find_folded (reader, uci_quantity) >= 0 && find_folded (reader, uci_date) >= 0 &&
      find_folded (reader, uci_price) >= 0)
    return LC_IMPORT_KIND_TRANSACTIONS;
  if (find_folded (reader, bc_order) >= 0 && find_folded (reader, bc_date) >= 0 &&
      find_folded (reader, bc_products) >= 0)
    return LC_IMPORT_KIND_BIGCOMMERCE_ORDERS;
  if (find_folded (reader, woo_order) >= 0 && find_folded (reader, woo_date) >= 0 &&
      (find_folded (reader, woo_item_name) >= 0 || find_folded (reader, woo_item_sku) >= 0) &&
      find_folded (reader, woo_quantity) >= 0 &&
      (find_folded (reader, woo_item_cost) >= 0 || find_folded (reader, woo_item_total) >= 0))
    return LC_IMPORT_KIND_WOOCOMMERCE_ORDERS;
  if (find_folded (reader, wa_date) >= 0 && find_folded (reader, wa_order) >= 0 &&
      find_folded (reader, wa_products) >= 0 && find_folded (reader, wa_items) >= 0 &&
      find_folded (reader, wa_net) >= 0)
    return LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS;
  return LC_IMPORT_KIND_UNKNOWN;
}

gboolean
_lc_mapped_explain_unusable (LcCsvReader  *reader,
                             GError      **error)
{
  g_auto(GStrv) columns = _lc_mapping_dup_columns (reader);
  g_autoptr(LcMapping) guess = lc_mapping_guess ((const char * const *) columns);
  const char *order_id = lc_mapping_get_column (guess, LC_MAPPING_FIELD_ORDER_ID);
  const char *date = lc_mapping_get_column (guess, LC_MAPPING_FIELD_DATE);
  gboolean has_amount = lc_mapping_get_column (guess, LC_MAPPING_FIELD_UNIT_PRICE) != NULL ||
                        lc_mapping_get_column (guess, LC_MAPPING_FIELD_LINE_TOTAL) != NULL ||
                        lc_mapping_get_column (guess, LC_MAPPING_FIELD_ORDER_TOTAL) != NULL;
  gboolean has_quantity = lc_mapping_get_column (guess, LC_MAPPING_FIELD_QUANTITY) != NULL;

  if (order_id == NULL || has_amount)
    return FALSE;
  if (date != NULL && has_quantity)
    g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                 _("%s lists orders with their dates (columns “%s” and “%s”) but has no column for what they "
                   "were worth: no price, line total or order total. Liftcheck measures order value, items "
                   "per order and returns, so it cannot use this list alone. Import an export that has each "
                   "order’s items with their prices."),
                 lc_csv_reader_get_display_name (reader), order_id, date);
  else if (date != NULL)
    g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                 _("%s lists orders with their dates (columns “%s” and “%s”) but has no column for what they "
                   "were worth (no price, line total or order total) and none for their items. Liftcheck "
                   "measures order value, items per order and returns, so it cannot use this list alone. "
                   "Import an export that has each order’s items with their prices."),
                 lc_csv_reader_get_display_name (reader), order_id, date);
  else
    g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND,
                 _("%s lists order lines (column “%s”) but has no dates and no prices or totals. Liftcheck "
                   "follows order value, items per order and returns over time, so it cannot use this list "
                   "alone. Import an export that has each order’s date and its items with their prices."),
                 lc_csv_reader_get_display_name (reader), order_id);
  return TRUE;
}

static const char *
cell (LcCsvReader    *reader,
      int             index)
{
  if (index < 0 || (guint) index >= lc_csv_reader_get_n_fields (reader))
    return "";
  return lc_csv_reader_get_field (reader, index);
}

static const char *
field (Mapped         *m,
       LcCsvReader    *reader,
       LcMappingField  f)
{
  return cell (reader, m->col[f]);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static const char *
column_name (Mapped *m,
             int     index)
{
  return lc_csv_reader_get_column_name (m->ctx->reader, index);
}

static gboolean
value_error (Mapped      *m,
             int          index,
             const char  *detail,
             GError     **error)
{
  _lc_import_set_value_error (m->ctx, column_name (m, index), detail, error);
  return FALSE;
}

/* a × b, FALSE when it is past LC_ORDER_MAX_AMOUNT (or past int64). */
static gboolean
bounded_product (gint64  a,
                 gint64  b,
                 gint64 *out)
{
  gint64 product;

  if (__builtin_mul_overflow (a, b, &product) ||
      product > LC_ORDER_MAX_AMOUNT || product < -LC_ORDER_MAX_AMOUNT)
    return FALSE;
  *out = product;
  return TRUE;
}

static gboolean
read_amount (Mapped   *m,
             int       index,
             gint64   *out,
             GError  **error)
{
  const char *text = cell (m->ctx->reader, index);
  g_autofree char *detail = NULL;

  *out = 0;
  if (index < 0 || is_blank (text))
    return TRUE;
  if (!_lc_mapping_parse_amount (text, m->exponent, out, &detail))
    return value_error (m, index, detail, error);
  return TRUE;
}

static gboolean
read_quantity (Mapped   *m,
               int       index,
               gboolean  allow_negative,
               gint64   *out,
               GError  **error)
{
  const char *text = cell (m->ctx->reader, index);
  g_autofree char *detail = NULL;

  *out = 0;
  if (index < 0 || is_blank (text))
    return TRUE;
  if (!_lc_mapping_parse_quantity (text, allow_negative, out, &detail))
    return value_error (m, index, detail, error);
  return TRUE;
}

/* Statuses of WooCommerce (in its languages), BigCommerce and marketplaces,
 * folded. PLAYBOOK.md: cancelled and voided orders are not counted;
 * failed, declined and draft orders were never paid, so they are voided. */
static const char * const cancelled_statuses[] = {
  "cancelled", "canceled", "annulé", "annulée", "annule", "annulee", "storniert", "cancelado", "cancelada",
  "annullato", "geannuleerd", NULL
};
static const char * const voided_statuses[] = {
  "failed", "échoué", "echoue", "échouée", "fehlgeschlagen", "fallido", "fallito", "mislukt", "falhado",
  "declined", "incomplete", "trash", "draft", "checkoutdraft", "voided", "unavailable", NULL
};
static const char * const refunded_statuses[] = {
  "refunded", "remboursé", "remboursée", "rembourse", "erstattet", "rückerstattet", "reembolsado",
  "rimborsato", "terugbetaald", NULL
};
static const char * const partially_refunded_statuses[] = { "partiallyrefunded", "partialrefund", NULL };
static const char * const pending_statuses[] = {
  "pending", "pendingpayment", "onhold", "awaitingpayment", "enattente", "enattentedepaiement", "ausstehend",
  "inwartestellung", "zahlungausstehend", "pendiente", "enespera", "pagopendiente", "inattesa",
  "inattesadipagamento", "insospeso", "wachtend", "inafwachting", "pendente", "aguardando", "manualverificationrequired",
  "disputed", NULL
};
static const char * const paid_statuses[] = {
  "completed", "complete", "processing", "paid", "shipped", "delivered", "invoiced", "partiallyshipped",
  "awaitingfulfillment", "awaitingshipment", "awaitingpickup", "terminée", "terminee", "encours", "expédiée",
  "abgeschlossen", "inbearbeitung", "fertiggestellt", "completado", "completada", "procesando", "completato",
  "inlavorazione", "voltooid", "inbehandeling", "concluído", "concluido", "processando", "approved", NULL
};

static void
read_status (Mapped *m)
{
  const char *text = field (m, m->ctx->reader, LC_MAPPING_FIELD_STATUS);
  g_autofree char *folded = _lc_mapping_fold_name (text);
  const char *status = "paid";

  m->order.cancelled = FALSE;
  if (folded[0] == '\0')
    ;
  else if (g_strv_contains (cancelled_statuses, folded))
    {
      m->order.cancelled = TRUE;
      status = "voided";
    }
  else if (g_strv_contains (voided_statuses, folded))
    status = "voided";
  else if (g_strv_contains (refunded_statuses, folded))
    status = "refunded";
  else if (g_strv_contains (partially_refunded_statuses, folded))
    status = "partially_refunded";
  else if (g_strv_contains (pending_statuses, folded))
    status = "pending";
  else if (!g_strv_contains (paid_statuses, folded))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Line %lu has the order status “%s”, which Liftcheck does not know; such orders were counted like paid ones."),
                                 (gulong) lc_csv_reader_get_line (m->ctx->reader), text);
      _lc_import_warn (m->ctx, message);
    }
  g_string_assign (m->status, status);
}

static gboolean
check_row_currency (Mapped  *m,
                    GError **error)
{
  g_autofree char *code = NULL;
  const char *store_currency;

  if (m->col[LC_MAPPING_FIELD_CURRENCY] < 0)
    return TRUE;
  code = lc_currency_code_normalize (field (m, m->ctx->reader, LC_MAPPING_FIELD_CURRENCY));
  if (code == NULL)
    {
      g_autofree char *blank = g_strstrip (g_strdup (field (m, m->ctx->reader, LC_MAPPING_FIELD_CURRENCY)));
      g_autofree char *detail = NULL;

      /* A blank cell: the currency the file or the call gave. */
      if (blank[0] == '\0' && m->currency[0] != '\0')
        return TRUE;
      detail = g_strdup_printf (_("“%s” is not a currency; expected a three-letter code such as USD or EUR"),
                                field (m, m->ctx->reader, LC_MAPPING_FIELD_CURRENCY));
      return value_error (m, m->col[LC_MAPPING_FIELD_CURRENCY], detail, error);
    }
  store_currency = lc_store_get_currency (m->ctx->store);
  if (store_currency == NULL)
    {
      if (!_lc_store_set_currency (m->ctx->store, code, error))
        return FALSE;
      store_currency = code;
      m->exponent = lc_currency_get_exponent (code);
    }
  if (!g_str_equal (store_currency, code))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH,
                   _("%s, line %lu: this order is in %s, but the store holds orders in %s. "
                     "Keep each currency in its own store file, so that no amounts are mixed."),
                   m->ctx->display_name, (gulong) lc_csv_reader_get_line (m->ctx->reader),
                   code, store_currency);
      return FALSE;
    }
  g_strlcpy (m->currency, code, sizeof m->currency);
  return TRUE;
}

/* The currency of files that say none: the mapping's, the call's or the
 * store's, in that order. */
static gboolean
settle_currency (Mapped           *m,
                 const LcMapping  *mapping,
                 GError          **error)
{
  const char *store_currency = lc_store_get_currency (m->ctx->store);
  const char *given = mapping != NULL ? lc_mapping_get_currency (mapping) : NULL;
  g_autofree char *code = NULL;

  if (given == NULL)
    given = m->ctx->currency;
  if (m->col[LC_MAPPING_FIELD_CURRENCY] >= 0 && given == NULL)
    {
      m->exponent = lc_store_get_exponent (m->ctx->store);
      if (store_currency != NULL)
        g_strlcpy (m->currency, store_currency, sizeof m->currency);
      return TRUE;
    }
  if (given == NULL)
    given = store_currency;
  if (given == NULL)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_CURRENCY,
                   _("%s does not say which currency its amounts are in, and the store has no orders yet to tell. "
                     "Give the currency (a three-letter code such as EUR or GBP) with the import."),
                   m->ctx->display_name);
      return FALSE;
    }
  code = lc_currency_code_normalize (given);
  if (code == NULL)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                   _("“%s” is not a currency; expected a three-letter code such as USD or EUR"), given);
      return FALSE;
    }
  if (!_lc_import_take_currency (m->ctx, code, error))
    return FALSE;
  g_strlcpy (m->currency, code, sizeof m->currency);
  m->exponent = lc_currency_get_exponent (code);
  return TRUE;
}

static void
resolve_columns (Mapped          *m,
                 LcCsvReader     *reader,
                 const LcMapping *mapping)
{
  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    m->col[f] = -1;
  m->col_products = m->col_subtotal = m->col_shipping = m->col_taxes = -1;

  switch (m->kind)
    {
    case LC_IMPORT_KIND_TRANSACTIONS:
      m->prefix = "transactions:";
      m->col[LC_MAPPING_FIELD_ORDER_ID] = find_folded (reader, uci_invoice);
      m->col[LC_MAPPING_FIELD_SKU] = find_folded (reader, uci_stock);
      m->col[LC_MAPPING_FIELD_PRODUCT_NAME] = find_folded (reader, uci_description);
      m->col[LC_MAPPING_FIELD_QUANTITY] = find_folded (reader, uci_quantity);
      m->col[LC_MAPPING_FIELD_DATE] = find_folded (reader, uci_date);
      m->col[LC_MAPPING_FIELD_UNIT_PRICE] = find_folded (reader, uci_price);
      m->col[LC_MAPPING_FIELD_CUSTOMER] = find_folded (reader, uci_customer);
      break;
    case LC_IMPORT_KIND_WOOCOMMERCE_ORDERS:
      m->prefix = "woocommerce:";
      m->col[LC_MAPPING_FIELD_ORDER_ID] = find_folded (reader, woo_order);
      m->col[LC_MAPPING_FIELD_DATE] = find_folded (reader, woo_date);
      m->col[LC_MAPPING_FIELD_STATUS] = find_folded (reader, woo_status);
      m->col[LC_MAPPING_FIELD_PRODUCT_NAME] = find_folded (reader, woo_item_name);
      m->col[LC_MAPPING_FIELD_SKU] = find_folded (reader, woo_item_sku);
      m->col[LC_MAPPING_FIELD_QUANTITY] = find_folded (reader, woo_quantity);
      m->col[LC_MAPPING_FIELD_UNIT_PRICE] = find_folded (reader, woo_item_cost);
      m->col[LC_MAPPING_FIELD_LINE_TOTAL] = find_folded (reader, woo_item_total);
      m->col[LC_MAPPING_FIELD_ORDER_TOTAL] = find_folded (reader, woo_order_total);
      m->col[LC_MAPPING_FIELD_REFUNDED_AMOUNT] = find_folded (reader, woo_refund);
      m->col[LC_MAPPING_FIELD_REFUNDED_QUANTITY] = find_folded (reader, woo_refund_qty);
      m->col[LC_MAPPING_FIELD_CUSTOMER] = find_folded (reader, woo_email);
      m->col[LC_MAPPING_FIELD_CURRENCY] = find_folded (reader, woo_currency);
      break;
    case LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS:
      m->prefix = "woocommerce:";
      m->col[LC_MAPPING_FIELD_DATE] = find_folded (reader, wa_date);
      m->col[LC_MAPPING_FIELD_ORDER_ID] = find_folded (reader, wa_order);
      m->col[LC_MAPPING_FIELD_STATUS] = find_folded (reader, wa_status);
      m->col[LC_MAPPING_FIELD_CUSTOMER] = find_folded (reader, wa_customer);
      m->col[LC_MAPPING_FIELD_QUANTITY] = find_folded (reader, wa_items);
      m->col[LC_MAPPING_FIELD_ORDER_TOTAL] = find_folded (reader, wa_net);
      m->col_products = find_folded (reader, wa_products);
      break;
    case LC_IMPORT_KIND_BIGCOMMERCE_ORDERS:
      m->prefix = "bigcommerce:";
      m->col[LC_MAPPING_FIELD_ORDER_ID] = find_folded (reader, bc_order);
      m->col[LC_MAPPING_FIELD_DATE] = find_folded (reader, bc_date);
      m->col[LC_MAPPING_FIELD_STATUS] = find_folded (reader, bc_status);
      m->col[LC_MAPPING_FIELD_CUSTOMER] = find_folded (reader, bc_email);
      m->col[LC_MAPPING_FIELD_ORDER_TOTAL] = find_folded (reader, bc_total);
      m->col[LC_MAPPING_FIELD_REFUNDED_AMOUNT] = find_folded (reader, bc_refund);
      m->col[LC_MAPPING_FIELD_CURRENCY] = find_folded (reader, bc_currency);
      m->col_products = find_folded (reader, bc_products);
      m->col_subtotal = find_folded (reader, bc_subtotal);
      m->col_shipping = find_folded (reader, bc_shipping);
      m->col_taxes = find_folded (reader, bc_taxes);
      break;
    case LC_IMPORT_KIND_MAPPED:
    default:
      m->prefix = "mapped:";
      for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
        {
          const char *name = lc_mapping_get_column (mapping, f);

          m->col[f] = name != NULL ? lc_csv_reader_find_column (reader, name) : -1;
        }
      break;
    }
}

static gboolean
is_cancellation_id (Mapped     *m,
                    const char *order_id)
{
  return m->kind == LC_IMPORT_KIND_TRANSACTIONS && (order_id[0] == 'C' || order_id[0] == 'c');
}

/* WooCommerce Analytics writes a refund as a row of its own, on the day of
 * the refund, with the order's number and negative net sales. */
static gboolean
is_refund_row (Mapped      *m,
               LcCsvReader *reader)
{
  const char *net = field (m, reader, LC_MAPPING_FIELD_ORDER_TOTAL);

  if (m->kind != LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS)
    return FALSE;
  while (g_ascii_isspace (*net) || *net == '"')
    net++;
  return *net == '-' || *net == '(';
}

/* "2× Hat, 1× Scarf, with stripes": names may hold ", ", so a new item
 * starts only where digits and "×" follow. */
static void
split_woo_products (const char *text,
                    GArray     *lines)
{
  const char *p = text;

  while (*p != '\0')
    {
      Line line = { 0 };
      const char *name;
      const char *end;
      char *after = NULL;
      gint64 quantity;

      while (*p == ' ' || *p == ',')
        p++;
      quantity = g_ascii_strtoll (p, &after, 10);
      if (after == p || quantity <= 0)
        return;
      p = after;
      if (g_str_has_prefix (p, "×"))
        p += strlen ("×");
      else if (*p == 'x' || *p == 'X')
        p++;
      else
        return;
      while (*p == ' ')
        p++;
      name = p;
      for (end = p; *end != '\0'; end++)
        {
          const char *q = end + 2;

          if (end[0] != ',' || end[1] != ' ' || !g_ascii_isdigit (*q))
            continue;
          while (g_ascii_isdigit (*q))
            q++;
          if (g_str_has_prefix (q, "×") || ((*q == 'x' || *q == 'X') && q[1] == ' '))
            break;
        }
      line.quantity = quantity;
      line.name = g_strndup (name, end - name);
      g_strstrip (line.name);
      g_array_append_val (lines, line);
      p = end;
    }
}

static const char * const bc_keys[] = {
  "Product ID", "Product Qty", "Product SKU", "Product Name", "Product Weight",
  "Product Variation Details", "Product Unit Price", "Product Total Price", NULL
};

enum { BC_ID, BC_QTY, BC_SKU, BC_NAME, BC_WEIGHT, BC_VARIATION, BC_UNIT_PRICE, BC_TOTAL_PRICE, BC_N_KEYS };

/* One product of BigCommerce's "Product Details": "Product ID: 1, Product
 * Qty: 2, Product SKU: X, Product Name: Y, …, Product Unit Price: 10.00,
 * Product Total Price: 20.00". Values run to the next key. */
static gboolean
split_bc_product (const char *chunk,
                  char       *values[BC_N_KEYS])
{
  const char *starts[BC_N_KEYS] = { NULL };

  for (guint k = 0; k < BC_N_KEYS; k++)
    {
      g_autofree char *label = g_strconcat (bc_keys[k], ":", NULL);
      const char *found = g_str_has_prefix (chunk, label) ? chunk : NULL;

      if (found == NULL)
        {
          g_autofree char *inner = g_strconcat (", ", label, NULL);
          const char *at = strstr (chunk, inner);

          found = at != NULL ? at + 2 : NULL;
        }
      starts[k] = found;
    }
  for (guint k = 0; k < BC_N_KEYS; k++)
    {
      const char *value;
      const char *end = chunk + strlen (chunk);

      values[k] = NULL;
      if (starts[k] == NULL)
        continue;
      value = starts[k] + strlen (bc_keys[k]) + 1;
      for (guint j = 0; j < BC_N_KEYS; j++)
        if (starts[j] != NULL && starts[j] > starts[k] && starts[j] - 2 < end)
          end = starts[j] - 2;
      values[k] = g_strstrip (g_strndup (value, end - value));
    }
  return starts[BC_QTY] != NULL && (starts[BC_NAME] != NULL || starts[BC_SKU] != NULL);
}

static gboolean
add_bc_lines (Mapped  *m,
              GError **error)
{
  const char *text = cell (m->ctx->reader, m->col_products);
  g_auto(GStrv) chunks = g_strsplit (text, " | ", -1);

  for (guint i = 0; chunks[i] != NULL; i++)
    {
      char *values[BC_N_KEYS];
      g_autofree char *detail = NULL;
      Line line = { 0 };
      gboolean ok;

      g_strstrip (chunks[i]);
      if (chunks[i][0] == '\0')
        continue;
      if (!split_bc_product (chunks[i], values))
        {
          for (guint k = 0; k < BC_N_KEYS; k++)
            g_free (values[k]);
          return value_error (m, m->col_products,
                              _("expected products written as “Product ID: 1, Product Qty: 2, Product SKU: …, "
                                "Product Name: …, Product Unit Price: 10.00, Product Total Price: 20.00”, "
                                "separated by “|”"),
                              error);
        }
      ok = _lc_mapping_parse_quantity (values[BC_QTY], FALSE, &line.quantity, &detail) &&
           (values[BC_UNIT_PRICE] == NULL ||
            _lc_mapping_parse_amount (values[BC_UNIT_PRICE], m->exponent, &line.price, &detail));
      if (ok && !bounded_product (line.quantity, line.price, &line.value))
        {
          ok = FALSE;
          detail = g_strdup (_("the quantity times the price is far more than any real order; check that this column holds quantities"));
        }
      if (ok && values[BC_TOTAL_PRICE] != NULL)
        ok = _lc_mapping_parse_amount (values[BC_TOTAL_PRICE], m->exponent, &line.value, &detail);
      if (ok)
        {
          line.sku = values[BC_SKU] != NULL && values[BC_SKU][0] != '\0' ? g_strdup (values[BC_SKU]) : NULL;
          line.name = g_strdup (values[BC_NAME] != NULL ? values[BC_NAME] : values[BC_SKU]);
          if (values[BC_VARIATION] != NULL && values[BC_VARIATION][0] != '\0')
            {
              /* "Product - Variant", as the store keeps names. */
              char *full = g_strconcat (line.name, " - ", values[BC_VARIATION], NULL);

              g_free (line.name);
              line.name = full;
            }
          g_array_append_val (m->lines, line);
        }
      for (guint k = 0; k < BC_N_KEYS; k++)
        g_free (values[k]);
      if (!ok)
        return value_error (m, m->col_products, detail, error);
    }
  return TRUE;
}

static gboolean
add_woo_analytics_lines (Mapped  *m,
                         gint64   items,
                         GError **error)
{
  guint first = m->lines->len;
  gint64 units = 0;

  split_woo_products (cell (m->ctx->reader, m->col_products), m->lines);
  for (guint i = first; i < m->lines->len; i++)
    units += g_array_index (m->lines, Line, i).quantity;
  if (m->lines->len == first)
    {
      /* No product list: one line of the order's items. */
      Line line = { items, 0, 0, 0, NULL, g_strdup (_("Items")) };

      if (items > 0)
        g_array_append_val (m->lines, line);
      else
        g_free (line.name);
      return TRUE;
    }
  if (units != items && m->col[LC_MAPPING_FIELD_QUANTITY] >= 0)
    {
      g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "the products add up to %lld item, but the row says %lld",
                                                              "the products add up to %lld items, but the row says %lld",
                                                              (gulong) units),
                                                 (long long) units, (long long) items);

      return value_error (m, m->col[LC_MAPPING_FIELD_QUANTITY], detail, error);
    }
  return TRUE;
}

/* The analytics download gives no line prices: each line gets the order's
 * net sales shared by units, the last line the rest, so lines add up to
 * the order. */
static void
share_order_value (Mapped *m,
                   gint64  net)
{
  gint64 units = 0, given = 0;

  for (guint i = 0; i < m->lines->len; i++)
    units += g_array_index (m->lines, Line, i).quantity;
  if (units == 0)
    return;
  for (guint i = 0; i < m->lines->len; i++)
    {
      Line *line = &g_array_index (m->lines, Line, i);

      line->price = net / units;
      line->value = i + 1 < m->lines->len ? line->price * line->quantity : net - given;
      given += line->value;
    }
}

static void
order_reset (Mapped *m)
{
  for (guint i = 0; i < m->lines->len; i++)
    line_clear (&g_array_index (m->lines, Line, i));
  g_array_set_size (m->lines, 0);
  memset (&m->order, 0, sizeof m->order);
  m->open = FALSE;
  m->is_return = FALSE;
  m->has_customer = FALSE;
  m->has_order_total = FALSE;
}

static int
find_line (Mapped     *m,
           const char *key)
{
  for (guint i = 0; i < m->lines->len; i++)
    {
      const Line *line = &g_array_index (m->lines, Line, i);

      if (g_strcmp0 (line->sku, key) == 0 || (line->sku == NULL && g_strcmp0 (line->name, key) == 0))
        return i;
    }
  return -1;
}

static gboolean
within_bounds (gint64 amount)
{
  return amount >= -LC_ORDER_MAX_AMOUNT && amount <= LC_ORDER_MAX_AMOUNT;
}

/* Each line is within bounds, but a thousand of them may not be: the
 * order's sums are checked before the order writer sees them. */
static gboolean
order_within_bounds (Mapped    *m,
                     GPtrArray *refunds)
{
  const LcOrderFields *o = &m->order;

  /* A line's discount is what it cost below quantity × price (both
   * checked on their row): a negative line total can put it past. */
  for (guint i = 0; i < m->lines->len; i++)
    {
      const Line *line = &g_array_index (m->lines, Line, i);

      if (!within_bounds (line->quantity * line->price - line->value))
        return FALSE;
    }
  for (guint i = 0; refunds != NULL && i < refunds->len; i++)
    if (!within_bounds (((Refund *) g_ptr_array_index (refunds, i))->amount))
      return FALSE;
  return within_bounds (o->subtotal) && within_bounds (o->shipping) && within_bounds (o->taxes) &&
         within_bounds (o->total) && within_bounds (o->discount) && within_bounds (o->refunded);
}

static gboolean
finish_order (Mapped  *m,
              GError **error)
{
  LcImportContext *ctx = m->ctx;
  LcOrderWriter *writer;
  GPtrArray *refunds;
  g_autofree char *source_id = NULL;
  gint64 lines_value = 0, refunded_lines = 0;
  LcOrderWritten written;

  if (!m->open)
    return TRUE;
  writer = _lc_import_get_order_writer (ctx, error);
  if (writer == NULL)
    return FALSE;

  for (guint i = 0; i < m->lines->len; i++)
    {
      const Line *line = &g_array_index (m->lines, Line, i);

      lines_value += line->value;
      refunded_lines += line->refunded_quantity * line->price;
    }
  if (m->col_subtotal < 0)
    m->order.subtotal = m->lines->len > 0 && (m->col[LC_MAPPING_FIELD_UNIT_PRICE] >= 0 ||
                                              m->col[LC_MAPPING_FIELD_LINE_TOTAL] >= 0 ||
                                              m->col_products >= 0)
                          ? lines_value : m->order.total;
  if (!m->has_order_total)
    m->order.total = m->order.subtotal + m->order.shipping + m->order.taxes;

  refunds = g_hash_table_lookup (m->refunds, m->order_id->str);
  if (m->is_return)
    {
      /* A cancellation whose sale is not in the file (it was made before
       * the file starts): recorded where it is seen, as an order of the
       * cancellation's day whose whole value came back. */
      m->order.refunded = m->order.total;
      g_string_assign (m->status, "refunded");
    }
  else if (m->col[LC_MAPPING_FIELD_REFUNDED_AMOUNT] < 0 && refunded_lines > 0)
    m->order.refunded = refunded_lines;
  for (guint i = 0; refunds != NULL && i < refunds->len; i++)
    m->order.refunded += ((Refund *) g_ptr_array_index (refunds, i))->amount;

  if (!order_within_bounds (m, refunds))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                   /* Translators: "orders.csv, line 12: order 1001 adds up to…" */
                   _("%s, line %lu: order %s adds up to far more than any real order; check that the amount "
                     "and quantity columns hold what their names say"),
                   ctx->display_name, (gulong) m->first_line, m->order_id->str);
      return FALSE;
    }

  source_id = g_strconcat (m->prefix, m->order_id->str, NULL);
  m->order.source_id = source_id;
  m->order.name = m->order_id->str;
  m->order.financial_status = m->status->str;
  m->order.customer_hash = m->has_customer ? m->customer_hash : NULL;
  if (m->order.cancelled)
    m->order.cancelled_utc = m->order.created.utc;
  _lc_order_writer_begin_order (writer, &m->order);

  for (guint i = 0; i < m->lines->len; i++)
    {
      const Line *line = &g_array_index (m->lines, Line, i);
      LcLineFields fields = { 0 };

      fields.quantity = line->quantity;
      fields.price = line->price;
      fields.compare_at = -1;
      /* What the line cost below quantity × price is its discount. */
      fields.discount = MAX (0, line->quantity * line->price - line->value);
      fields.name = line->name != NULL ? line->name : (line->sku != NULL ? line->sku : "");
      fields.sku = line->sku;
      _lc_order_writer_add_line (writer, &fields);
    }

  /* Refunds: the order's own columns, then the rows of their own. */
  if (m->is_return || m->order.refunded > 0 || refunded_lines > 0)
    {
      gboolean own = m->is_return || m->col[LC_MAPPING_FIELD_REFUNDED_AMOUNT] >= 0 || refunded_lines > 0;
      gint64 other = 0;

      for (guint i = 0; refunds != NULL && i < refunds->len; i++)
        other += ((Refund *) g_ptr_array_index (refunds, i))->amount;
      if (own && m->order.refunded - other > 0)
        {
          LcRefundFields refund = { NULL, m->order.created, m->order.refunded - other };

          _lc_order_writer_add_refund (writer, &refund);
          for (guint i = 0; i < m->lines->len; i++)
            {
              const Line *line = &g_array_index (m->lines, Line, i);

              if (m->is_return)
                _lc_order_writer_add_refund_line (writer, i, line->quantity, line->value);
              else if (line->refunded_quantity > 0)
                _lc_order_writer_add_refund_line (writer, i, line->refunded_quantity,
                                                  line->refunded_quantity * line->price);
            }
        }
    }
  for (guint i = 0; refunds != NULL && i < refunds->len; i++)
    {
      Refund *refund = g_ptr_array_index (refunds, i);
      LcRefundFields fields = { refund->source_id, refund->created, refund->amount };

      _lc_order_writer_add_refund (writer, &fields);
      for (guint j = 0; j < refund->lines->len; j++)
        {
          const RefundLine *rl = &g_array_index (refund->lines, RefundLine, j);
          int index = find_line (m, rl->key);

          if (index >= 0)
            _lc_order_writer_add_refund_line (writer, index, rl->quantity, rl->amount);
        }
    }
  if (refunds != NULL)
    g_hash_table_remove (m->refunds, m->order_id->str);

  if (!_lc_order_writer_finish_order (writer, &written, error))
    return FALSE;
  if (written == LC_ORDER_WRITTEN_ADDED)
    ctx->result->orders_added++;
  else if (written == LC_ORDER_WRITTEN_UPDATED)
    ctx->result->orders_updated++;
  ctx->result->line_items += m->lines->len;
  order_reset (m);
  return TRUE;
}

static gboolean
read_date (Mapped      *m,
           LcTimestamp *out,
           GError     **error)
{
  const char *text = field (m, m->ctx->reader, LC_MAPPING_FIELD_DATE);
  g_autoptr(GError) local_error = NULL;

  if (is_blank (text))
    return value_error (m, m->col[LC_MAPPING_FIELD_DATE], _("the order date is missing"), error);
  if (!lc_date_parse_with_order (text, m->date_order, out, &local_error))
    return value_error (m, m->col[LC_MAPPING_FIELD_DATE], local_error->message, error);
  return TRUE;
}

/* Whether this file already gave the order: its rows are not together. */
static gboolean
written_before (Mapped     *m,
                const char *order_id)
{
  g_autofree char *source_id = g_strconcat (m->prefix, order_id, NULL);
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = _lc_store_prepare (m->ctx->store, "SELECT 1 FROM orders WHERE source_id = ? AND import_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, m->ctx->import_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
start_order (Mapped     *m,
             const char *order_id,
             GError    **error)
{
  LcCsvReader *reader = m->ctx->reader;

  if (written_before (m, order_id))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                   _("%s, line %lu: order %s has rows earlier in the file, but not just before this one. "
                     "The rows of an order must follow each other: sort the file by order number and import it again."),
                   m->ctx->display_name, (gulong) lc_csv_reader_get_line (reader), order_id);
      return FALSE;
    }
  order_reset (m);
  m->open = TRUE;
  g_string_assign (m->order_id, order_id);
  m->first_line = lc_csv_reader_get_line (reader);
  if (!check_row_currency (m, error) || !read_date (m, &m->order.created, error))
    return FALSE;
  read_status (m);
  m->has_customer = _lc_import_hash_customer (m->ctx->store, field (m, reader, LC_MAPPING_FIELD_CUSTOMER),
                                              m->scratch, m->customer_hash);
  m->has_order_total = m->col[LC_MAPPING_FIELD_ORDER_TOTAL] >= 0 &&
                       !is_blank (field (m, reader, LC_MAPPING_FIELD_ORDER_TOTAL));
  if (m->col[LC_MAPPING_FIELD_ORDER_TOTAL] >= 0 && !m->has_order_total && m->kind != LC_IMPORT_KIND_MAPPED)
    return value_error (m, m->col[LC_MAPPING_FIELD_ORDER_TOTAL], _("the order total is missing on the order’s first row"), error);
  if (!read_amount (m, m->col[LC_MAPPING_FIELD_ORDER_TOTAL], &m->order.total, error) ||
      !read_amount (m, m->col[LC_MAPPING_FIELD_REFUNDED_AMOUNT], &m->order.refunded, error) ||
      !read_amount (m, m->col_subtotal, &m->order.subtotal, error) ||
      !read_amount (m, m->col_shipping, &m->order.shipping, error) ||
      !read_amount (m, m->col_taxes, &m->order.taxes, error))
    return FALSE;
  if (m->order.refunded < 0)
    m->order.refunded = -m->order.refunded;
  if (m->kind == LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS)
    {
      /* Net sales are the order's value, without shipping and taxes. */
      m->order.subtotal = m->order.total;
    }
  return TRUE;
}

static gboolean
add_row_line (Mapped  *m,
              gint64   quantity,
              GError **error)
{
  LcCsvReader *reader = m->ctx->reader;
  Line line = { 0 };
  gboolean has_price = m->col[LC_MAPPING_FIELD_UNIT_PRICE] >= 0 &&
                       !is_blank (field (m, reader, LC_MAPPING_FIELD_UNIT_PRICE));
  gboolean has_value = m->col[LC_MAPPING_FIELD_LINE_TOTAL] >= 0 &&
                       !is_blank (field (m, reader, LC_MAPPING_FIELD_LINE_TOTAL));
  const char *sku = field (m, reader, LC_MAPPING_FIELD_SKU);
  const char *name = field (m, reader, LC_MAPPING_FIELD_PRODUCT_NAME);
  gint64 full_value, refunded_value;

  if (m->lines->len >= MAX_ORDER_LINES)
    return value_error (m, m->col[LC_MAPPING_FIELD_ORDER_ID],
                        _("this order has more lines than any real order; are the rows of different orders given the same number?"),
                        error);
  line.quantity = quantity;
  if (!read_amount (m, m->col[LC_MAPPING_FIELD_UNIT_PRICE], &line.price, error) ||
      !read_amount (m, m->col[LC_MAPPING_FIELD_LINE_TOTAL], &line.value, error) ||
      !read_quantity (m, m->col[LC_MAPPING_FIELD_REFUNDED_QUANTITY], TRUE, &line.refunded_quantity, error))
    return FALSE;
  if (line.price < 0 && m->kind != LC_IMPORT_KIND_TRANSACTIONS)
    return value_error (m, m->col[LC_MAPPING_FIELD_UNIT_PRICE], _("a unit price cannot be negative"), error);
  line.refunded_quantity = ABS (line.refunded_quantity);
  if (has_value && !has_price && quantity > 0)
    line.price = (line.value + quantity / 2) / quantity;
  /* The order writer and the sums it keeps get amounts of real orders
   * only: a quantity column holding prices or ids stops here, with its
   * line. */
  if (!bounded_product (line.price, quantity, &full_value) ||
      !bounded_product (line.refunded_quantity, line.price, &refunded_value) ||
      ABS (line.value) > LC_ORDER_MAX_AMOUNT)
    return value_error (m, m->col[LC_MAPPING_FIELD_QUANTITY],
                        _("the quantity times the price is far more than any real order; check that this column holds quantities"),
                        error);
  if (!has_value)
    line.value = full_value;
  line.sku = !is_blank (sku) ? g_strstrip (g_strdup (sku)) : NULL;
  line.name = !is_blank (name) ? g_strstrip (g_strdup (name)) : NULL;
  g_array_append_val (m->lines, line);
  return TRUE;
}

static void
note_skipped_row (Mapped  *m,
                  guint64  line)
{
  if (++m->skipped_ragged <= MAX_NAMED_LINES)
    g_string_append_printf (m->ragged_lines, "%s%lu", m->ragged_lines->len > 0 ? ", " : "", (gulong) line);
}

static gboolean
read_row (Mapped  *m,
          GError **error)
{
  LcCsvReader *reader = m->ctx->reader;
  g_autofree char *order_id = g_strstrip (g_strdup (field (m, reader, LC_MAPPING_FIELD_ORDER_ID)));
  gint64 quantity = 0;
  gboolean cancellation = is_cancellation_id (m, order_id);

  if (order_id[0] == '\0')
    return value_error (m, m->col[LC_MAPPING_FIELD_ORDER_ID], _("the order number is missing"), error);
  if (is_refund_row (m, reader))
    return TRUE;
  if (cancellation)
    {
      guint64 line = lc_csv_reader_get_line (reader);

      if (g_hash_table_contains (m->matched_lines, &line))
        return TRUE;
    }
  if (m->col_products < 0 || m->kind == LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS)
    {
      if (is_blank (field (m, reader, LC_MAPPING_FIELD_QUANTITY)) && m->col_products < 0)
        return value_error (m, m->col[LC_MAPPING_FIELD_QUANTITY], _("the quantity is missing"), error);
      if (!read_quantity (m, m->col[LC_MAPPING_FIELD_QUANTITY], m->kind == LC_IMPORT_KIND_TRANSACTIONS,
                          &quantity, error))
        return FALSE;
    }
  if (m->kind == LC_IMPORT_KIND_TRANSACTIONS && !cancellation && quantity <= 0)
    {
      /* Stock adjustments (damaged, lost): no sale. */
      m->skipped_adjustments++;
      return TRUE;
    }
  if (cancellation)
    quantity = ABS (quantity);

  if (!m->open || !g_str_equal (order_id, m->order_id->str))
    {
      if (!finish_order (m, error) || !start_order (m, order_id, error))
        return FALSE;
      if (cancellation)
        {
          m->is_return = TRUE;
          if (m->unmatched_returns++ == 0)
            m->first_unmatched = g_strdup (order_id);
        }
    }
  if (m->kind == LC_IMPORT_KIND_BIGCOMMERCE_ORDERS)
    return add_bc_lines (m, error);
  if (m->kind == LC_IMPORT_KIND_WOOCOMMERCE_ANALYTICS)
    {
      if (!add_woo_analytics_lines (m, quantity, error))
        return FALSE;
      share_order_value (m, m->order.total);
      return TRUE;
    }
  return add_row_line (m, quantity, error);
}

/* The first pass: the date column's values, and the refunds written as
 * rows of their own. */
static gboolean
scan_file (Mapped   *m,
           GError  **error)
{
  LcImportContext *ctx = m->ctx;
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(LcDateColumn) dates = lc_date_column_new ();
  g_autoptr(GError) local_error = NULL;
  guint64 rows = 0;
  LcDateOrder given = m->date_order;

  reader = lc_csv_reader_new_for_path (ctx->path, error);
  if (reader == NULL || !lc_csv_reader_read_header (reader, ctx->cancellable, error))
    return FALSE;

  for (;;)
    {
      const char *order_id;

      if (!lc_csv_reader_next (reader, ctx->cancellable, &local_error))
        {
          if (g_error_matches (local_error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW))
            {
              g_clear_error (&local_error);
              continue;
            }
          break;
        }
      if ((++rows & 0x3ff) == 0 &&
          !_lc_import_report (ctx, lc_csv_reader_get_bytes_read (reader) / 2, error))
        return FALSE;
      lc_date_column_add (dates, field (m, reader, LC_MAPPING_FIELD_DATE), lc_csv_reader_get_line (reader));

      order_id = field (m, reader, LC_MAPPING_FIELD_ORDER_ID);
      if (is_cancellation_id (m, order_id))
        {
          Cancellation *c = g_new0 (Cancellation, 1);
          g_autofree char *detail = NULL;
          gint64 amount;

          c->line = lc_csv_reader_get_line (reader);
          c->invoice = g_strstrip (g_strdup (order_id));
          c->customer = g_strstrip (g_strdup (field (m, reader, LC_MAPPING_FIELD_CUSTOMER)));
          c->sku = g_strstrip (g_strdup (field (m, reader, LC_MAPPING_FIELD_SKU)));
          c->date = g_strdup (field (m, reader, LC_MAPPING_FIELD_DATE));
          /* Bad values are reported by the second pass, with their line. */
          if (!_lc_mapping_parse_quantity (field (m, reader, LC_MAPPING_FIELD_QUANTITY), TRUE, &c->quantity, &detail) ||
              !_lc_mapping_parse_amount (field (m, reader, LC_MAPPING_FIELD_UNIT_PRICE), m->exponent, &c->price, &detail))
            c->quantity = 0;
          c->quantity = ABS (c->quantity);
          if (!bounded_product (c->quantity, c->price, &amount))
            c->quantity = 0;
          g_ptr_array_add (m->cancellations, c);
        }
      else if (is_refund_row (m, reader))
        {
          Refund *refund = g_new0 (Refund, 1);
          g_autofree char *detail = NULL;
          g_autofree char *key = g_strstrip (g_strdup (order_id));
          g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (Line));
          GPtrArray *list;
          gint64 units = 0, given_amount = 0;

          refund->lines = g_array_new (FALSE, FALSE, sizeof (RefundLine));
          refund->line = lc_csv_reader_get_line (reader);
          refund->source_id = g_strdup_printf ("%srefund:%s:%lu", m->prefix, key, (gulong) refund->line);
          refund->date = g_strdup (field (m, reader, LC_MAPPING_FIELD_DATE));
          /* A bad amount is reported with its line by the check below. */
          if (!_lc_mapping_parse_amount (field (m, reader, LC_MAPPING_FIELD_ORDER_TOTAL), m->exponent,
                                         &refund->amount, &detail))
            refund->amount = 0;
          refund->amount = ABS (refund->amount);
          split_woo_products (cell (reader, m->col_products), lines);
          for (guint i = 0; i < lines->len; i++)
            units += g_array_index (lines, Line, i).quantity;
          for (guint i = 0; i < lines->len; i++)
            {
              Line *line = &g_array_index (lines, Line, i);
              RefundLine rl = { line->name, line->quantity, 0 };

              rl.amount = i + 1 < lines->len ? refund->amount * line->quantity / MAX (units, 1)
                                             : refund->amount - given_amount;
              given_amount += rl.amount;
              line->name = NULL;
              g_array_append_val (refund->lines, rl);
            }
          for (guint i = 0; i < lines->len; i++)
            line_clear (&g_array_index (lines, Line, i));
          list = g_hash_table_lookup (m->refunds, key);
          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func ((GDestroyNotify) refund_free);
              g_hash_table_insert (m->refunds, g_steal_pointer (&key), list);
            }
          g_ptr_array_add (list, refund);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (given == LC_DATE_ORDER_AUTO)
    return _lc_import_decide_date_order (ctx, reader, m->col[LC_MAPPING_FIELD_DATE], dates, &m->date_order, error);
  return TRUE;
}

static gboolean
parse_refund_days (Mapped  *m,
                   GError **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, m->refunds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;

      for (guint i = 0; i < list->len; i++)
        {
          Refund *refund = g_ptr_array_index (list, i);
          g_autoptr(GError) local_error = NULL;

          if (!lc_date_parse_with_order (refund->date, m->date_order, &refund->created, &local_error))
            {
              g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                           _("%s, line %lu, column “%s”: %s"), m->ctx->display_name, (gulong) refund->line,
                           column_name (m, m->col[LC_MAPPING_FIELD_DATE]), local_error->message);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static char *
cancellation_key (const char *customer,
                  const char *sku)
{
  return g_strconcat (customer, "\t", sku, NULL);
}

/*
 * A transaction list's cancellation ("C536379", negative quantity) returns
 * goods of an earlier sale: it becomes a refund of that sale, on the day
 * of the cancellation, with a refund line on the sale's line, when the
 * file has an earlier invoice (in the file, dated no later) of the same
 * customer with the same stock code; the latest such invoice is taken.
 * Without one (the sale was before the file starts, or the customer is
 * unknown) it is recorded where it is seen: finish_order() writes it as an
 * order of the cancellation's day whose whole value was refunded. This
 * third reading of the file keeps memory to the cancellations.
 */
static gboolean
match_cancellations (Mapped  *m,
                     GError **error)
{
  LcImportContext *ctx = m->ctx;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < m->cancellations->len; i++)
    {
      Cancellation *c = g_ptr_array_index (m->cancellations, i);
      LcTimestamp ts = { 0 };
      GPtrArray *list;
      char *key;
      gint64 utc;

      /* A bad date is reported by the second pass, with its line. */
      utc = lc_date_parse_with_order (c->date, m->date_order, &ts, NULL) ? ts.utc : G_MININT64;
      g_array_append_val (days, utc);
      if (c->customer[0] == '\0' || utc == G_MININT64)
        continue;
      key = cancellation_key (c->customer, c->sku);
      list = g_hash_table_lookup (by_key, key);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_key, key, list);
        }
      else
        g_free (key);
      g_ptr_array_add (list, GUINT_TO_POINTER (i + 1));
    }
  if (g_hash_table_size (by_key) == 0)
    return TRUE;

  reader = lc_csv_reader_new_for_path (ctx->path, error);
  if (reader == NULL || !lc_csv_reader_read_header (reader, ctx->cancellable, error))
    return FALSE;
  for (;;)
    {
      g_autofree char *key = NULL;
      g_autofree char *invoice = NULL;
      GPtrArray *list;
      LcTimestamp ts;
      gint64 quantity;
      guint64 line;

      if (!lc_csv_reader_next (reader, ctx->cancellable, &local_error))
        {
          if (g_error_matches (local_error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW))
            {
              g_clear_error (&local_error);
              continue;
            }
          break;
        }
      invoice = g_strstrip (g_strdup (field (m, reader, LC_MAPPING_FIELD_ORDER_ID)));
      if (is_cancellation_id (m, invoice) ||
          !_lc_import_parse_count (field (m, reader, LC_MAPPING_FIELD_QUANTITY), TRUE, &quantity) || quantity <= 0)
        continue;
      {
        g_autofree char *customer = g_strstrip (g_strdup (field (m, reader, LC_MAPPING_FIELD_CUSTOMER)));
        g_autofree char *sku = g_strstrip (g_strdup (field (m, reader, LC_MAPPING_FIELD_SKU)));

        key = cancellation_key (customer, sku);
      }
      list = g_hash_table_lookup (by_key, key);
      if (list == NULL || !lc_date_parse_with_order (field (m, reader, LC_MAPPING_FIELD_DATE), m->date_order, &ts, NULL))
        continue;
      line = lc_csv_reader_get_line (reader);
      for (guint i = 0; i < list->len; i++)
        {
          guint index = GPOINTER_TO_UINT (g_ptr_array_index (list, i)) - 1;
          Cancellation *c = g_ptr_array_index (m->cancellations, index);

          if (c->line > line && ts.utc <= g_array_index (days, gint64, index))
            {
              g_free (c->original);
              c->original = g_strdup (invoice);
            }
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < m->cancellations->len; i++)
    {
      Cancellation *c = g_ptr_array_index (m->cancellations, i);
      g_autofree char *source_id = NULL;
      GPtrArray *list;
      Refund *refund = NULL;
      RefundLine rl;
      guint64 *line;

      if (c->original == NULL)
        continue;
      /* One cancellation may return goods of several sales: a refund of each. */
      source_id = g_strconcat (m->prefix, "cancellation:", c->invoice, ":", c->original, NULL);
      list = g_hash_table_lookup (m->refunds, c->original);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) refund_free);
          g_hash_table_insert (m->refunds, g_strdup (c->original), list);
        }
      for (guint j = 0; j < list->len && refund == NULL; j++)
        if (g_str_equal (((Refund *) g_ptr_array_index (list, j))->source_id, source_id))
          refund = g_ptr_array_index (list, j);
      if (refund == NULL)
        {
          refund = g_new0 (Refund, 1);
          refund->source_id = g_steal_pointer (&source_id);
          refund->lines = g_array_new (FALSE, FALSE, sizeof (RefundLine));
          lc_date_parse_with_order (c->date, m->date_order, &refund->created, NULL);
          g_ptr_array_add (list, refund);
        }
      rl.key = g_strdup (c->sku);
      rl.quantity = c->quantity;
      rl.amount = c->quantity * c->price;
      refund->amount += rl.amount;
      g_array_append_val (refund->lines, rl);

      line = g_new (guint64, 1);
      *line = c->line;
      g_hash_table_add (m->matched_lines, line);
    }
  return TRUE;
}

static void
warn_left_out (Mapped *m)
{
  LcImportContext *ctx = m->ctx;

  if (m->skipped_ragged > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%lu row does not have a value for every column (line %s): a separator is "
                                              "missing or extra in it, so it was left out.",
                                              "%lu rows do not have a value for every column (lines %s%s): a separator is "
                                              "missing or extra in them, so they were left out.",
                                              m->skipped_ragged),
                                 (gulong) m->skipped_ragged, m->ragged_lines->str,
                                 m->skipped_ragged > MAX_NAMED_LINES ? ", …" : "");
      _lc_import_warn (ctx, message);
    }
  if (m->skipped_adjustments > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%lu row has no units sold and is not a cancellation (a stock adjustment); "
                                              "it was left out.",
                                              "%lu rows have no units sold and are not cancellations (stock adjustments); "
                                              "they were left out.",
                                              m->skipped_adjustments),
                                 (gulong) m->skipped_adjustments);
      _lc_import_warn (ctx, message);
    }
  if (m->unmatched_returns > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%lu cancellation (%s) returns goods of a sale that is not in this file: "
                                              "it was counted as a return on its own day.",
                                              "%lu cancellations (the first %s) return goods of sales that are not in "
                                              "this file: each was counted as a return on its own day.",
                                              m->unmatched_returns),
                                 (gulong) m->unmatched_returns, m->first_unmatched);
      _lc_import_warn (ctx, message);
    }
  if (g_hash_table_size (m->refunds) > 0)
    {
      g_autofree char *message = NULL;
      guint n = g_hash_table_size (m->refunds);

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u refund is for an order that is not in this file; it was left out. "
                                              "Export a date range that holds the order too.",
                                              "%u refunds are for orders that are not in this file; they were left out. "
                                              "Export a date range that holds the orders too.",
                                              n),
                                 n);
      _lc_import_warn (ctx, message);
    }
}

gboolean
_lc_mapped_import (LcImportContext  *ctx,
                   LcImportKind      kind,
                   const LcMapping  *mapping,
                   GError          **error)
{
  Mapped m = { 0 };
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gboolean ok = FALSE;

  m.ctx = ctx;
  m.kind = kind;
  m.refunds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  m.cancellations = g_ptr_array_new_with_free_func ((GDestroyNotify) cancellation_free);
  m.matched_lines = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  m.ragged_lines = g_string_new (NULL);
  m.order_id = g_string_new (NULL);
  m.status = g_string_new (NULL);
  m.scratch = g_string_new (NULL);
  m.lines = g_array_new (FALSE, TRUE, sizeof (Line));
  m.file_size = g_stat (ctx->path, &st) == 0 ? (guint64) st.st_size : 0;
  m.date_order = mapping != NULL ? lc_mapping_get_date_order (mapping) : LC_DATE_ORDER_AUTO;

  resolve_columns (&m, ctx->reader, mapping);
  if (kind == LC_IMPORT_KIND_MAPPED)
    {
      g_auto(GStrv) columns = _lc_mapping_dup_columns (ctx->reader);

      if (!lc_mapping_check (mapping, (const char * const *) columns, &local_error))
        {
          g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS,
                       /* TRANSLATORS: "shop.csv: <what the mapping lacks>" */
                       _("%s: %s"), ctx->display_name, local_error->message);
          goto out;
        }
    }

  if (!settle_currency (&m, mapping, error) || !scan_file (&m, error) ||
      !parse_refund_days (&m, error) || !match_cancellations (&m, error))
    goto out;

  for (;;)
    {
      if (!lc_csv_reader_next (ctx->reader, ctx->cancellable, &local_error))
        {
          if (g_error_matches (local_error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW))
            {
              g_clear_error (&local_error);
              note_skipped_row (&m, lc_csv_reader_get_line (ctx->reader));
              continue;
            }
          break;
        }
      ctx->result->rows++;
      if ((ctx->result->rows & 0x1ff) == 0 &&
          !_lc_import_report (ctx, (m.file_size + lc_csv_reader_get_bytes_read (ctx->reader)) / 2, error))
        goto out;
      if (!read_row (&m, error))
        goto out;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  if (!finish_order (&m, error))
    goto out;
  if (ctx->result->orders_added + ctx->result->orders_updated == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_ORDERS,
                   /* TRANSLATORS: "orders.csv has the columns of a WooCommerce orders export but no orders." */
                   _("%s has the columns of %s but no orders."),
                   ctx->display_name, lc_import_kind_get_title (kind));
      goto out;
    }
  warn_left_out (&m);
  if (kind == LC_IMPORT_KIND_MAPPED && ctx->mapping != NULL)
    {
      g_auto(GStrv) columns = _lc_mapping_dup_columns (ctx->reader);

      if (!lc_store_save_mapping (ctx->store, (const char * const *) columns, mapping, error))
        goto out;
    }
  ok = TRUE;

out:
  order_reset (&m);
  g_array_unref (m.lines);
  g_hash_table_unref (m.refunds);
  g_ptr_array_unref (m.cancellations);
  g_hash_table_unref (m.matched_lines);
  g_string_free (m.ragged_lines, TRUE);
  g_string_free (m.order_id, TRUE);
  g_string_free (m.status, TRUE);
  g_string_free (m.scratch, TRUE);
  g_free (m.first_unmatched);
  return ok;
}
