/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lc-shopify-sync.h"

G_BEGIN_DECLS

/* What a query asks for at once. Shopify admits a query by the cost it
 * could have (its requested cost, at most 1,000 points) and charges what
 * it returned: every order asked for counts with all the lines and refunds
 * it could have. A typical order has one to five lines and at most one
 * refund, so a page asks for few of each, which lets it ask for more
 * orders, and follow-up queries complete the orders that have more. */
#define LINES_PAGE           10
#define REFUNDS_PAGE         2
#define REFUND_LINES_PAGE    3
#define MORE_LINES_PAGE      100
#define MORE_REFUNDS_PAGE    20
#define MORE_REFUND_LINES    100

/* Shopify's single-query limit and its largest page. */
#define MAX_QUERY_COST       1000
#define MAX_ORDERS_PAGE      250

/*
 * One response of the GraphQL Admin API, parsed without the network, so
 * that the parser can be fuzzed and tested alone. A response is a page of
 * orders (`data.orders`, with `data.shop` and `data.ordersCount` on the
 * first page) or the follow-up for one order's or refund's further lines
 * (`data.node`). A customer's e-mail is kept in memory only until the
 * order is written (lc-shopify-sync.c hashes it, as the CSV importer does,
 * and frees the order, wiping it): it never reaches the store or a log.
 */

typedef struct
{
  char   *id;            /* the line item's gid */
  char   *name;          /* "Product - Variant" */
  char   *sku;           /* NULL when none */
  char   *vendor;        /* NULL when none */
  gint64  quantity;
  gint64  price;         /* the unit price before discounts, minor units */
  gint64  discount;      /* the line's discounts, minor units */
} LcShopifyLine;

typedef struct
{
  char   *line_item_id;  /* the refunded line item's gid */
  gint64  quantity;
  gint64  amount;
} LcShopifyRefundLine;

typedef struct
{
  char      *id;         /* the refund's gid */
  gint64     created_utc;
  gint64     amount;     /* everything the refund gave back */
  GArray    *lines;      /* LcShopifyRefundLine */
  char      *lines_cursor; /* non-NULL when it has more lines than given */
} LcShopifyRefund;

typedef struct
{
  char      *id;                 /* the order's gid */
  char      *name;
  gint64     created_utc;
  gint64     updated_utc;
  gint64     cancelled_utc;      /* -1 when not cancelled */
  char      *financial_status;   /* lower case, "paid" */
  gint64     subtotal;
  gint64     shipping;
  gint64     taxes;
  gint64     total;
  gint64     discount;
  gint64     refunded;
  char      *discount_code;
  char      *source;
  char      *tags;               /* "a, b" as the CSV export writes them */
  char      *email;              /* NULL when none; only to make the customer
                                  * hash, wiped when the order is freed */
  GPtrArray *lines;              /* LcShopifyLine */
  char      *lines_cursor;       /* non-NULL when it has more lines than given */
  GPtrArray *refunds;            /* LcShopifyRefund */
  gboolean   more_refunds;       /* the page gave as many refunds as it asked for */
} LcShopifyOrder;

typedef enum
{
  LC_SHOPIFY_PAGE_ORDERS,        /* data.orders */
  LC_SHOPIFY_PAGE_ORDER_LINES,   /* data.node: an order's lineItems */
  LC_SHOPIFY_PAGE_ORDER_REFUNDS, /* data.node: an order's refunds */
  LC_SHOPIFY_PAGE_REFUND_LINES,  /* data.node: a refund's refundLineItems */
  LC_SHOPIFY_PAGE_SHOP,          /* data.shop and data.ordersCount alone */
  LC_SHOPIFY_PAGE_BULK,          /* a bulk operation: started, or data.node asked again */
} LcShopifyPageKind;

typedef struct
{
  LcShopifyPageKind kind;

  /* extensions.cost; -1 when absent. */
  double     requested_cost;
  double     actual_cost;
  double     maximum_available;
  double     currently_available;
  double     restore_rate;

  /* The first error's code (THROTTLED, ACCESS_DENIED...) and message;
   * NULL when the response has none. */
  char      *error_code;
  char      *error_message;
  /* Errors about orders' e-mail only (a shop that hides its customers'
   * e-mail from the app) are not errors: the e-mails are missing. */
  gboolean   email_hidden;

  /* data.shop, when asked for. */
  char      *currency;
  char      *timezone;           /* IANA, "America/New_York" */
  gint64     orders_count;       /* data.ordersCount.count; -1 when absent */

  /* LC_SHOPIFY_PAGE_BULK */
  char      *bulk_id;
  char      *bulk_status;        /* CREATED, RUNNING, COMPLETED, FAILED, CANCELED, EXPIRED... */
  char      *bulk_error_code;    /* ACCESS_DENIED, TIMEOUT...; NULL */
  char      *bulk_url;           /* the JSON Lines to download; NULL when none */
  gint64     bulk_objects;       /* objectCount: the lines it has; -1 when absent */

  GPtrArray *orders;             /* LcShopifyOrder; for ORDER_LINES and ORDER_REFUNDS, the one order */
  GPtrArray *lines;              /* LcShopifyLine for ORDER_LINES */
  GArray    *refund_lines;       /* LcShopifyRefundLine for REFUND_LINES */
  gboolean   has_next_page;
  char      *end_cursor;
} LcShopifyPage;

void            _lc_shopify_page_free    (LcShopifyPage  *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcShopifyPage, _lc_shopify_page_free)

/* Parses one response body. Amounts are read in minor units of a currency
 * with exponent digits (the shop's, when the response names it). A response with
 * GraphQL errors (THROTTLED...) parses, with error_code set; NULL and
 * LC_SHOPIFY_ERROR_BAD_RESPONSE when the body is not what Shopify sends. */
LcShopifyPage  *_lc_shopify_parse_page   (const char     *body,
                                          gsize           length,
                                          guint           exponent,
                                          GError        **error);

/* A bulk operation's JSON Lines, read a line at a time: each line either
 * starts an order (the previous one, complete, comes back in
 * *out_finished) or adds a line item or refunded line to the order being
 * read. Errors name the line. */
typedef struct _LcShopifyBulkReader LcShopifyBulkReader;

LcShopifyBulkReader *_lc_shopify_bulk_reader_new      (guint                 exponent);
void                 _lc_shopify_bulk_reader_free     (LcShopifyBulkReader  *reader);
gboolean             _lc_shopify_bulk_reader_add_line (LcShopifyBulkReader  *reader,
                                                       const char           *text,
                                                       gsize                 length,
                                                       LcShopifyOrder      **out_finished,
                                                       GError              **error);
/* The last order, or NULL. */
LcShopifyOrder      *_lc_shopify_bulk_reader_finish   (LcShopifyBulkReader  *reader);
void                 _lc_shopify_order_free           (LcShopifyOrder       *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcShopifyBulkReader, _lc_shopify_bulk_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcShopifyOrder, _lc_shopify_order_free)

/* The seconds to wait, unscaled, before a query of requested_cost when
 * the bucket is as the page says: 0 when enough is left. */
double          _lc_shopify_throttle_wait (const LcShopifyPage *page,
                                           double               next_cost);

/* The requested cost of Liftcheck's query for a page of that kind by
 * Shopify's rules: an object is a point, a scalar nothing, a connection
 * two points plus its `first` times what each node costs, a list its
 * `first` times that. orders counts for LC_SHOPIFY_PAGE_ORDERS only,
 * whose cost includes the shop and its order count. */
double          _lc_shopify_query_cost        (LcShopifyPageKind kind,
                                               guint             orders);
/* The most orders a page can ask for under max_cost (Shopify's limit or
 * the bucket's size) when each costs per_order points: 1..MAX_ORDERS_PAGE. */
guint           _lc_shopify_orders_page_size  (double   max_cost,
                                               double   per_order);

/* The factor every wait is multiplied by: 1, or LC_SHOPIFY_TIME_SCALE from
 * the environment (tests only, e.g. 0.01), or what a test set. */
double          _lc_shopify_time_scale   (void);
/* Tests only: FALSE reads pages even where a sync would export in bulk
 * (a first sync, or one of more than 30 days). */
void            _lc_shopify_set_bulk       (gboolean enabled);
/* Tests only: a scale in (0, 1] for the syncs that start from now on, or 0
 * for the environment's again (setenv is unsafe once threads run). */
void            _lc_shopify_set_time_scale (double scale);

/* A member of object of that type, or NULL / FALSE (object may be NULL). */
const char     *_lc_shopify_json_get_string (JsonObject  *object,
                                             const char  *name);
gboolean        _lc_shopify_json_get_number (JsonObject  *object,
                                             const char  *name,
                                             double      *out);

G_END_DECLS
