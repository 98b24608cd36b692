/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lc-metrics.h"
#include "lc-shopify-sync-private.h"
#include "lc-store-private.h"
#include "lc-test-util.h"

/*
 * The Admin API sync against a loopback SoupServer that answers as Shopify
 * does: pages of orders by cursor, follow-ups for orders with more lines,
 * the cost extension on every answer, and faults queued by each test
 * (throttling, 5xx, 401, bodies that are not JSON, a dropped connection).
 * The server runs in its own thread; the sync runs in the test's.
 */

#define TOKEN        "shpat_0123456789abcdefSECRETtoken42"
#define CLIENT_ID    "4f7c1d2e9a8b"
#define CLIENT_SECRET "shpss_clientSECRETof-the-app"
#define LINES_PAGE   10   /* as lc-shopify-sync.c asks */
#define REFUNDS_PAGE 2
#define REFUND_LINES_PAGE 3
#define TIME_SCALE   0.1  /* LC_SHOPIFY_TIME_SCALE for these tests */

typedef struct
{
  const char *name;
  const char *sku;
  gint64      quantity;
  gint64      price;      /* cents */
  gint64      discount;
} TLine;

typedef struct
{
  guint  line;
  gint64 quantity;
  gint64 amount;
} TRefundLine;

typedef struct
{
  guint64      id;
  const char  *name;
  const char  *created;   /* ISO 8601 UTC */
  const char  *updated;
  const char  *cancelled; /* NULL when not */
  const char  *status;    /* PAID... */
  const char  *email;
  const char  *code;
  const char  *tags;      /* a JSON array */
  gint64       subtotal, shipping, taxes, total, discount, refunded;
  guint        n_lines;
  TLine        lines[64];
  const char  *refund_created; /* NULL: no refund */
  gint64       refund_amount;
  guint        n_refund_lines;
  TRefundLine  refund_lines[8];
  guint        n_refunds;   /* copies of the refund above, each with its own id; 0 means 1 */
} TOrder;

/* Five orders written by hand, and the same orders as Shopify's CSV export
 * writes them (America/New_York: -0500 until 8 March 2026, then -0400). */
static const TOrder hand_orders[] = {
  { 6100000001, "#1001", "2026-03-02T15:15:00Z", "2026-03-02T15:15:00Z", NULL, "PAID", "ann@example.com", NULL,
    "[\"spring\", \"vip\"]", 11000, 500, 880, 12380, 0, 0,
    2, { { "Linen Shirt - M", "SHIRT-M", 2, 4500, 0 }, { "Canvas Tote - Natural", "TOTE-NAT", 1, 2000, 0 } },
    NULL, 0, 0, { { 0 } } },
  { 6100000002, "#1002", "2026-03-15T13:00:00Z", "2026-03-20T10:00:00Z", NULL, "PARTIALLY_REFUNDED",
    "bob@example.com", NULL, "[]", 5700, 0, 0, 5700, 0, 4500,
    2, { { "Linen Shirt - L", "SHIRT-L", 1, 4500, 0 }, { "Wool Socks", "SOCKS", 1, 1200, 0 } },
    "2026-03-20T10:00:00Z", 4500, 1, { { 0, 1, 4500 } } },
  { 6100000003, "#1003", "2026-04-01T22:30:00Z", "2026-04-01T22:30:00Z", NULL, "PAID", " Ann@Example.com ",
    "SPRING10", "[\"spring\"]", 3500, 500, 0, 4000, 1000, 0,
    1, { { "Linen Shirt - M", "SHIRT-M", 1, 4500, 1000 } },
    NULL, 0, 0, { { 0 } } },
  { 6100000004, "#1004", "2026-04-03T03:30:00Z", "2026-04-03T14:00:00Z", "2026-04-03T14:00:00Z", "REFUNDED",
    "cy@example.com", NULL, "[]", 2000, 0, 0, 2000, 0, 2000,
    1, { { "Canvas Tote - Natural", "TOTE-NAT", 1, 2000, 0 } },
    "2026-04-03T14:00:00Z", 2000, 1, { { 0, 1, 2000 } } },
  { 6100000005, "#1005", "2026-04-10T16:00:00Z", "2026-04-20T16:00:00Z", NULL, "REFUNDED", "dee@example.com",
    NULL, "[]", 3600, 400, 0, 4000, 0, 4000,
    1, { { "Wool Socks", "SOCKS", 3, 1200, 0 } },
    "2026-04-20T16:00:00Z", 4000, 1, { { 0, 3, 3600 } } },
};

static const char hand_csv[] =
  "Name,Email,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,"
  "Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem discount,"
  "Cancelled at,Refunded Amount,Vendor,Id,Tags,Source\n"
  "#1001,ann@example.com,paid,USD,110.00,5.00,8.80,123.80,,0.00,2026-03-02 10:15:00 -0500,"
  "2,Linen Shirt - M,45.00,,SHIRT-M,0.00,,0.00,Acme,6100000001,\"spring, vip\",web\n"
  "#1001,ann@example.com,,,,,,,,,2026-03-02 10:15:00 -0500,"
  "1,Canvas Tote - Natural,20.00,,TOTE-NAT,0.00,,,Acme,,,\n"
  "#1002,bob@example.com,partially_refunded,USD,57.00,0.00,0.00,57.00,,0.00,2026-03-15 09:00:00 -0400,"
  "1,Linen Shirt - L,45.00,,SHIRT-L,0.00,,45.00,Acme,6100000002,,web\n"
  "#1002,bob@example.com,,,,,,,,,2026-03-15 09:00:00 -0400,"
  "1,Wool Socks,12.00,,SOCKS,0.00,,,Acme,,,\n"
  "#1003,ann@example.com,paid,USD,35.00,5.00,0.00,40.00,SPRING10,10.00,2026-04-01 18:30:00 -0400,"
  "1,Linen Shirt - M,45.00,,SHIRT-M,10.00,,0.00,Acme,6100000003,spring,web\n"
  "#1004,cy@example.com,refunded,USD,20.00,0.00,0.00,20.00,,0.00,2026-04-02 23:30:00 -0400,"
  "1,Canvas Tote - Natural,20.00,,TOTE-NAT,0.00,2026-04-03 10:00:00 -0400,20.00,Acme,6100000004,,web\n"
  "#1005,dee@example.com,refunded,USD,36.00,4.00,0.00,40.00,,0.00,2026-04-10 12:00:00 -0400,"
  "3,Wool Socks,12.00,,SOCKS,0.00,,40.00,Acme,6100000005,,web\n";

/* The mock Shopify */

typedef enum
{
  FAULT_STATUS,        /* an HTTP status with a body */
  FAULT_THROTTLED,     /* 200 with a THROTTLED error */
  FAULT_DROP,          /* half a page, then the connection closes */
} FaultKind;

typedef struct
{
  FaultKind   kind;
  guint       status;
  char       *body;
  char       *retry_after;
} Fault;

typedef struct
{
  char   *body;
  char   *token;
  gint64  time_us;
  double  requested;     /* its cost by Shopify's rules */
  guint   orders_first;  /* for a page of orders, how many it asked for */
} Seen;

/* What a query asks for, read from its text as Shopify would: each
 * connection's `first` and the objects each node selects. */
typedef struct
{
  guint  lines, refunds, refund_lines;
  double order, line, refund, refund_line;   /* a node's cost with all it may hold */
  double order_own, refund_own;              /* without its connections */
  double requested;
  double actual;                             /* what the answer held */
} Cost;

typedef struct
{
  GThread       *thread;
  GMainContext  *context;
  GMainLoop     *loop;
  SoupServer    *server;
  GTlsCertificate *certificate;
  char          *url;
  GMutex         mutex;
  GCond          cond;

  /* Guarded by mutex. */
  GPtrArray     *orders;          /* TOrder */
  const char    *granted_scopes;  /* what a client credentials grant gives */
  gboolean       hide_email;      /* as for an app without access to customers' e-mail */
  char          *currency;
  double         available;
  double         cost;            /* > 0: every answer says this; 0: by Shopify's rules */
  double         restore;
  double         charged;         /* actual costs in all */
  gboolean       bucket;          /* drain by actual cost, refill at restore on the scaled clock */
  double         scale;
  double         latency;         /* simulated seconds each answer takes to come */
  gint64         bucket_us;
  guint          throttled;       /* THROTTLED answers given by the bucket */

  /* The bulk operation. */
  guint          bulk_running;    /* answers RUNNING before the last status */
  const char    *bulk_status;     /* the last status: COMPLETED, FAILED, CANCELED */
  const char    *bulk_error;      /* its errorCode, or NULL */
  guint          bulk_download_status; /* 0: 200 */
  gsize          bulk_cut;        /* > 0: the download stops this many bytes early */
  gboolean       bulk_lie_count;  /* announce one line more than there are */
  gint64         bulk_since;
  guint          bulk_downloads;
  guint          bulk_cancels;    /* bulkOperationCancel mutations seen */
  char          *bulk_download_token;
  GQueue         faults;
  guint          normal_first;    /* answers given before the faults start */
  GPtrArray     *seen;            /* Seen */
} Mock;

static void
fault_free (Fault *fault)
{
  g_free (fault->body);
  g_free (fault->retry_after);
  g_free (fault);
}

static void
seen_free (Seen *seen)
{
  g_free (seen->body);
  g_free (seen->token);
  g_free (seen);
}

static void
append_money (GString    *out,
              const char *key,
              gint64      cents)
{
  g_string_append_printf (out, "\"%s\": {\"shopMoney\": {\"amount\": \"%s%" G_GINT64_FORMAT ".%02d\", "
                          "\"currencyCode\": \"USD\"}}, ",
                          key, cents < 0 ? "-" : "", ABS (cents) / 100, (int) (ABS (cents) % 100));
}

static void
append_line (GString        *out,
             const TOrder   *order,
             guint           j)
{
  const TLine *line = &order->lines[j];

  g_string_append_printf (out, "{\"id\": \"gid://shopify/LineItem/%" G_GUINT64_FORMAT "%02u\", \"name\": \"%s\", "
                          "\"sku\": \"%s\", \"quantity\": %" G_GINT64_FORMAT ", \"vendor\": \"Acme\", ",
                          order->id, j, line->name, line->sku, line->quantity);
  append_money (out, "originalUnitPriceSet", line->price);
  append_money (out, "totalDiscountSet", line->discount);
  g_string_truncate (out, out->len - 2);
  g_string_append (out, "}");
}

static void
append_lines (GString      *out,
              Cost         *cost,
              const TOrder *order,
              guint         from,
              guint         to)
{
  cost->actual += 2 + (to - from) * cost->line;
  g_string_append_printf (out, "\"lineItems\": {\"pageInfo\": {\"hasNextPage\": %s, \"endCursor\": \"lines-%u\"}, "
                          "\"nodes\": [",
                          to < order->n_lines ? "true" : "false", to);
  for (guint j = from; j < to; j++)
    {
      if (j > from)
        g_string_append (out, ", ");
      append_line (out, order, j);
    }
  g_string_append (out, "]}");
}

static guint
n_refunds (const TOrder *order)
{
  if (order->refund_created == NULL)
    return 0;
  return MAX (order->n_refunds, 1);
}

static void
append_refund_lines (GString      *out,
                     Cost         *cost,
                     const TOrder *order,
                     guint         from,
                     guint         to)
{
  cost->actual += 2 + (to - from) * cost->refund_line;
  g_string_append_printf (out, "\"refundLineItems\": {\"pageInfo\": {\"hasNextPage\": %s, "
                          "\"endCursor\": \"refund-lines-%u\"}, \"nodes\": [",
                          to < order->n_refund_lines ? "true" : "false", to);
  for (guint k = from; k < to; k++)
    {
      const TRefundLine *rl = &order->refund_lines[k];

      if (k > from)
        g_string_append (out, ", ");
      g_string_append_printf (out, "{\"quantity\": %" G_GINT64_FORMAT ", ", rl->quantity);
      append_money (out, "subtotalSet", rl->amount);
      g_string_append_printf (out, "\"lineItem\": {\"id\": \"gid://shopify/LineItem/%" G_GUINT64_FORMAT "%02u\"}}",
                              order->id, rl->line);
    }
  g_string_append (out, "]}");
}

/* Refund r of an order is gid://shopify/Refund/ID0r. */
static void
append_refunds (GString      *out,
                Cost         *cost,
                const TOrder *order,
                guint         first)
{
  guint n = MIN (n_refunds (order), first);

  cost->actual += n * cost->refund_own;
  g_string_append (out, "\"refunds\": [");
  for (guint r = 0; r < n; r++)
    {
      if (r > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "{\"id\": \"gid://shopify/Refund/%" G_GUINT64_FORMAT "0%u\", \"createdAt\": \"%s\", ",
                              order->id, r, order->refund_created);
      append_money (out, "totalRefundedSet", order->refund_amount);
      if (cost->requested > 0)
        append_refund_lines (out, cost, order, 0, MIN (order->n_refund_lines, cost->refund_lines));
      else
        g_string_truncate (out, out->len - 2);
      g_string_append (out, "}");
    }
  g_string_append (out, "]");
}

static void
append_order (GString      *out,
              Cost         *cost,
              const TOrder *order)
{
  /* Without a query (a bulk operation): every refund, no refund lines. */
  guint refunds = cost->requested > 0 ? cost->refunds : G_MAXUINT;

  cost->actual += cost->order_own;
  g_string_append_printf (out, "{\"id\": \"gid://shopify/Order/%" G_GUINT64_FORMAT "\", \"name\": \"%s\", "
                          "\"createdAt\": \"%s\", \"updatedAt\": \"%s\", ",
                          order->id, order->name, order->created, order->updated);
  if (order->cancelled != NULL)
    g_string_append_printf (out, "\"cancelledAt\": \"%s\", ", order->cancelled);
  else
    g_string_append (out, "\"cancelledAt\": null, ");
  g_string_append_printf (out, "\"displayFinancialStatus\": \"%s\", \"email\": \"%s\", ", order->status, order->email);
  if (order->code != NULL)
    g_string_append_printf (out, "\"discountCode\": \"%s\", ", order->code);
  else
    g_string_append (out, "\"discountCode\": null, ");
  g_string_append_printf (out, "\"sourceName\": \"web\", \"tags\": %s, ", order->tags);
  append_money (out, "subtotalPriceSet", order->subtotal);
  append_money (out, "totalShippingPriceSet", order->shipping);
  append_money (out, "totalTaxSet", order->taxes);
  append_money (out, "totalPriceSet", order->total);
  append_money (out, "totalDiscountsSet", order->discount);
  append_money (out, "totalRefundedSet", order->refunded);
  append_lines (out, cost, order, 0, MIN (order->n_lines, cost->lines));
  g_string_append (out, ", ");
  append_refunds (out, cost, order, refunds);
  g_string_append (out, "}");
}

/* An order as a bulk operation's JSON Lines give it: the order with its
 * refunds, then a line for each line item and each refunded line, naming
 * its parent. */
static void
append_bulk_order (GString      *out,
                   const TOrder *order)
{
  Cost cost = { 0 };
  gsize start = out->len;
  char *lines;

  /* The paged form without its line items. */
  append_order (out, &cost, order);
  lines = strstr (out->str + start, "\"lineItems\": ");
  g_assert_nonnull (lines);
  g_string_erase (out, lines - out->str, strstr (lines, "\"refunds\": ") - lines);
  g_string_append_c (out, '\n');
  for (guint j = 0; j < order->n_lines; j++)
    {
      append_line (out, order, j);
      g_string_truncate (out, out->len - 1);
      g_string_append_printf (out, ", \"__parentId\": \"gid://shopify/Order/%" G_GUINT64_FORMAT "\"}\n", order->id);
    }
  for (guint r = 0; r < n_refunds (order); r++)
    for (guint k = 0; k < order->n_refund_lines; k++)
      {
        const TRefundLine *rl = &order->refund_lines[k];

        g_string_append_printf (out, "{\"quantity\": %" G_GINT64_FORMAT ", ", rl->quantity);
        append_money (out, "subtotalSet", rl->amount);
        g_string_append_printf (out, "\"lineItem\": {\"id\": \"gid://shopify/LineItem/%" G_GUINT64_FORMAT "%02u\"}, "
                                "\"__parentId\": \"gid://shopify/Refund/%" G_GUINT64_FORMAT "0%u\"}\n",
                                order->id, rl->line, order->id, r);
      }
}

static void
append_cost (GString *out,
             Mock    *mock,
             Cost    *cost)
{
  double requested = mock->cost > 0 ? mock->cost : cost->requested;
  double actual = mock->cost > 0 ? mock->cost : cost->actual;

  mock->charged += actual;
  /* Shopify charges what the answer held, giving back the rest, and says
   * what the bucket holds once the query has run. */
  if (mock->bucket)
    {
      gint64 now = g_get_monotonic_time ();

      mock->available = MIN (1000, mock->available + requested - actual +
                                   (now - mock->bucket_us) / (double) G_USEC_PER_SEC / mock->scale * mock->restore);
      mock->bucket_us = now;
    }
  g_string_append_printf (out, "\"extensions\": {\"cost\": {\"requestedQueryCost\": %g, \"actualQueryCost\": %g, "
                          "\"throttleStatus\": {\"maximumAvailable\": 1000.0, \"currentlyAvailable\": %g, "
                          "\"restoreRate\": %g}}}",
                          requested, actual, mock->available, mock->restore);
}

static guint
first_of (const char *query,
          const char *connection)
{
  g_autofree char *key = g_strconcat (connection, "(first: ", NULL);
  const char *at = strstr (query, key);

  return at != NULL ? (guint) g_ascii_strtoull (at + strlen (key), NULL, 10) : 0;
}

/* The MoneyBags (two objects each) a part of the query selects. */
static guint
money_in (const char *query,
          const char *from,
          const char *to)
{
  const char *start = strstr (query, from);
  const char *end = start != NULL && to != NULL ? strstr (start + 1, to) : NULL;
  guint n = 0;

  g_assert_nonnull (start);
  for (const char *p = strstr (start, "Set { shopMoney"); p != NULL && (end == NULL || p < end);
       p = strstr (p + 1, "Set { shopMoney"))
    n++;
  return n;
}

/* Shopify's rules: an object a point, a scalar none, a connection two
 * plus `first` times its node, a list `first` times its node. */
static void
cost_of_query (Cost       *cost,
               const char *query,
               JsonObject *variables)
{
  const char *lines_fragment = strstr (query, "fragment LiftcheckLine ");

  cost->lines = first_of (query, "lineItems");
  cost->refunds = first_of (query, "refunds");
  cost->refund_lines = first_of (query, "refundLineItems");
  cost->line = lines_fragment != NULL ? 1 + 2 * money_in (query, "fragment LiftcheckLine ", "fragment ") : 0;
  cost->refund_line = strstr (query, "fragment LiftcheckRefundLine") != NULL ?
                      1 + 2 * money_in (query, "fragment LiftcheckRefundLine", NULL) + 1 : 0;
  cost->refund_own = cost->refunds > 0 ? 1 + 2 * money_in (query, "refunds(first:", "refundLineItems(") : 0;
  cost->refund = cost->refund_own + 2 + cost->refund_lines * cost->refund_line;
  if (strstr (query, "query LiftcheckOrders(") != NULL)
    {
      cost->order_own = 1 + 2 * money_in (query, "orders(first:", "lineItems(");
      cost->order = cost->order_own + 2 + cost->lines * cost->line + cost->refunds * cost->refund;
      cost->requested = 2 + json_object_get_int_member (variables, "first") * cost->order;
      cost->actual = 2;
      if (json_object_get_boolean_member (variables, "withShop"))
        {
          cost->requested += 2;
          cost->actual += 2;
        }
    }
  else if (strstr (query, "query LiftcheckOrderLines(") != NULL)
    cost->requested = 1 + 2 + cost->lines * cost->line;
  else if (strstr (query, "query LiftcheckOrderRefunds(") != NULL)
    cost->requested = 1 + cost->refunds * cost->refund;
  else
    cost->requested = 1 + 2 + cost->refund_lines * cost->refund_line;
  if (cost->actual == 0)
    cost->actual = 1;
}

/* "updated_at:>='2026-03-01T00:00:00Z'" */
static gint64
filter_since (const char *filter)
{
  const char *quote;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (filter == NULL || !g_str_has_prefix (filter, "updated_at:>='"))
    return -1;
  quote = strchr (filter + 14, '\'');
  g_assert_nonnull (quote);
  text = g_strndup (filter + 14, quote - (filter + 14));
  when = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (when);
  return g_date_time_to_unix (when);
}

static gint64
iso_to_unix (const char *text)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when);
}

static GString *
bulk_result (Mock *mock)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mock->orders->len; i++)
    {
      TOrder *order = g_ptr_array_index (mock->orders, i);

      if (mock->bulk_since < 0 || iso_to_unix (order->updated) >= mock->bulk_since)
        append_bulk_order (out, order);
    }
  return out;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static char *
answer_bulk (Mock       *mock,
             const char *query,
             JsonObject *variables)
{
  const char *status = "RUNNING";
  g_autofree char *extra = NULL;

  if (strstr (query, "mutation LiftcheckBulkCancel(") != NULL)
    {
      g_assert_cmpstr (json_object_get_string_member (variables, "id"), ==, "gid://shopify/BulkOperation/1");
      mock->bulk_cancels++;
      return g_strdup ("{\"data\": {\"bulkOperationCancel\": {\"bulkOperation\": {\"id\": "
                       "\"gid://shopify/BulkOperation/1\", \"status\": \"CANCELING\"}, \"userErrors\": []}}}");
    }
  if (strstr (query, "mutation LiftcheckBulk(") != NULL)
    {
      const char *text = json_object_get_string_member (variables, "query");
      const char *filter = strstr (text, "updated_at:>='");

      g_assert_nonnull (strstr (query, "groupObjects: true"));
      mock->bulk_since = filter != NULL ? filter_since (filter) : -1;
      status = "CREATED";
    }
  else if (mock->bulk_running > 0)
    mock->bulk_running--;
  else
    status = mock->bulk_status;
  if (g_str_equal (status, "COMPLETED"))
    {
      g_autoptr(GString) result = bulk_result (mock);
      guint lines = count_lines (result->str) + (mock->bulk_lie_count ? 1 : 0);

      extra = g_strdup_printf ("\"objectCount\": \"%u\", \"url\": %s%s/bulk/orders.jsonl?signature=x%s",
                               lines, lines > 0 ? "\"" : "", lines > 0 ? mock->url : "null", lines > 0 ? "\"" : "");
      if (lines == 0)
        {
          g_free (extra);
          extra = g_strdup ("\"objectCount\": \"0\", \"url\": null");
        }
    }
  else
    extra = g_strdup ("\"objectCount\": \"0\", \"url\": null");
  if (strstr (query, "mutation LiftcheckBulk(") != NULL)
    return g_strdup_printf ("{\"data\": {\"bulkOperationRunQuery\": {\"bulkOperation\": {\"id\": "
                            "\"gid://shopify/BulkOperation/1\", \"status\": \"%s\", \"errorCode\": null, %s}, "
                            "\"userErrors\": []}}}",
                            status, extra);
  return g_strdup_printf ("{\"data\": {\"node\": {\"id\": \"gid://shopify/BulkOperation/1\", \"status\": \"%s\", "
                          "\"errorCode\": %s%s%s, %s}}}",
                          status, mock->bulk_error != NULL && !g_str_equal (status, "RUNNING") ? "\"" : "",
                          mock->bulk_error != NULL && !g_str_equal (status, "RUNNING") ? mock->bulk_error : "null",
                          mock->bulk_error != NULL && !g_str_equal (status, "RUNNING") ? "\"" : "", extra);
}

static void
handle_download (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Mock *mock = user_data;
  g_autoptr(GString) result = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  g_mutex_lock (&mock->mutex);
  mock->bulk_downloads++;
  g_free (mock->bulk_download_token);
  mock->bulk_download_token = g_strdup (soup_message_headers_get_one (headers, "X-Shopify-Access-Token"));
  if (mock->bulk_download_status != 0)
    {
      g_mutex_unlock (&mock->mutex);
      soup_server_message_set_status (message, mock->bulk_download_status, NULL);
      soup_server_message_set_response (message, "application/xml", SOUP_MEMORY_STATIC,
                                        "<Error><Code>ExpiredToken</Code></Error>", 39);
      return;
    }
  result = bulk_result (mock);
  if (mock->bulk_cut > 0)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/jsonl\r\n"
                                               "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", result->len);

      g_mutex_unlock (&mock->mutex);
      g_output_stream_write_all (g_io_stream_get_output_stream (stream), head, strlen (head), NULL, NULL, NULL);
      g_output_stream_write_all (g_io_stream_get_output_stream (stream), result->str,
                                 result->len - MIN (mock->bulk_cut, result->len), NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
      return;
    }
  g_mutex_unlock (&mock->mutex);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/jsonl", SOUP_MEMORY_COPY, result->str, result->len);
}

static char *
answer_orders (Mock       *mock,
               Cost       *cost,
               JsonObject *variables)
{
  g_autoptr(GString) out = g_string_new ("{\"data\": {");
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();
  const char *after = json_object_get_null_member (variables, "after") ? NULL :
                      json_object_get_string_member (variables, "after");
  const char *filter = json_object_get_null_member (variables, "query") ? NULL :
                       json_object_get_string_member (variables, "query");
  guint first = json_object_get_int_member (variables, "first");
  gint64 since = filter_since (filter);
  guint start = after != NULL ? (guint) g_ascii_strtoull (after + strlen ("orders-"), NULL, 10) : 0;
  guint end;

  for (guint i = 0; i < mock->orders->len; i++)
    {
      TOrder *order = g_ptr_array_index (mock->orders, i);

      if (since < 0 || iso_to_unix (order->updated) >= since)
        g_ptr_array_add (visible, order);
    }
  if (json_object_get_boolean_member (variables, "withShop"))
    g_string_append_printf (out, "\"shop\": {\"currencyCode\": \"%s\", \"ianaTimezone\": \"America/New_York\"}, "
                            "\"ordersCount\": {\"count\": %u, \"precision\": \"EXACT\"}, ",
                            mock->currency, visible->len);
  end = MIN (start + first, visible->len);
  g_string_append_printf (out, "\"orders\": {\"pageInfo\": {\"hasNextPage\": %s, \"endCursor\": \"orders-%u\"}, "
                          "\"nodes\": [",
                          end < visible->len ? "true" : "false", end);
  for (guint i = start; i < end; i++)
    {
      if (i > start)
        g_string_append (out, ", ");
      append_order (out, cost, g_ptr_array_index (visible, i));
    }
  g_string_append (out, "]}}, ");
  if (mock->hide_email)
    {
      g_autoptr(GRegex) regex = g_regex_new ("\"email\": \"[^\"]*\"", 0, 0, NULL);
      g_autofree char *hidden = g_regex_replace_literal (regex, out->str, -1, 0, "\"email\": null", 0, NULL);

      g_string_assign (out, hidden);
      g_string_append (out, "\"errors\": [");
      for (guint i = start; i < end; i++)
        g_string_append_printf (out, "%s{\"message\": \"This app is not approved to access the email field of the "
                                "Order object.\", \"path\": [\"orders\", \"nodes\", %u, \"email\"], "
                                "\"extensions\": {\"code\": \"ACCESS_DENIED\"}}",
                                i > start ? ", " : "", i - start);
      g_string_append (out, "], ");
    }
  append_cost (out, mock, cost);
  g_string_append (out, "}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static TOrder *
find_order (Mock       *mock,
            const char *id)
{
  for (guint i = 0; i < mock->orders->len; i++)
    {
      TOrder *order = g_ptr_array_index (mock->orders, i);
      g_autofree char *gid = g_strdup_printf ("gid://shopify/Order/%" G_GUINT64_FORMAT, order->id);
      g_autofree char *prefix = g_strdup_printf ("gid://shopify/Refund/%" G_GUINT64_FORMAT "0", order->id);

      if (g_str_equal (gid, id) || (g_str_has_prefix (id, prefix) && strlen (id) == strlen (prefix) + 1))
        return order;
    }
  g_assert_not_reached ();
}

/* The follow-ups: an order's further lines or its refunds, a refund's
 * further lines. */
static char *
answer_node (Mock       *mock,
             Cost       *cost,
             const char *query,
             JsonObject *variables)
{
  g_autoptr(GString) out = g_string_new ("{\"data\": {\"node\": {");
  const char *id = json_object_get_string_member (variables, "id");
  TOrder *order = find_order (mock, id);

  g_string_append_printf (out, "\"id\": \"%s\", ", id);
  if (strstr (query, "query LiftcheckOrderLines(") != NULL)
    {
      const char *after = json_object_get_string_member (variables, "after");
      guint from = (guint) g_ascii_strtoull (after + strlen ("lines-"), NULL, 10);

      append_lines (out, cost, order, from, MIN (order->n_lines, from + cost->lines));
    }
  else if (strstr (query, "query LiftcheckOrderRefunds(") != NULL)
    {
      append_refunds (out, cost, order, cost->refunds);
    }
  else if (strstr (query, "query LiftcheckRefundLines(") != NULL)
    {
      const char *after = json_object_get_string_member (variables, "after");
      guint from = (guint) g_ascii_strtoull (after + strlen ("refund-lines-"), NULL, 10);

      append_refund_lines (out, cost, order, from, MIN (order->n_refund_lines, from + cost->refund_lines));
    }
  else
    {
      g_assert_not_reached ();
    }
  g_string_append (out, "}}, ");
  append_cost (out, mock, cost);
  g_string_append (out, "}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
dump_response (const char *body)
{
  const char *dir = g_getenv ("LC_TEST_DUMP_RESPONSES");
  static guint n;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  /* Seeds the fuzz corpus of the response parser. */
  if (dir == NULL)
    return;
  name = g_strdup_printf ("response-%03u.json", n++);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, body, -1, NULL);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Mock *mock = user_data;
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *answer = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  Seen *seen = g_new0 (Seen, 1);
  Cost cost = { 0 };
  Fault *fault;
  JsonObject *root;
  JsonObject *variables;
  const char *text;

  seen->body = g_strndup (g_bytes_get_data (request, NULL), g_bytes_get_size (request));
  seen->token = g_strdup (soup_message_headers_get_one (headers, "X-Shopify-Access-Token"));
  seen->time_us = g_get_monotonic_time ();
  g_assert_true (json_parser_load_from_data (parser, seen->body, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  text = json_object_get_string_member (root, "query");
  variables = json_object_get_object_member (root, "variables");
  cost_of_query (&cost, text, variables);
  seen->requested = cost.requested;
  if (json_object_has_member (variables, "first"))
    seen->orders_first = json_object_get_int_member (variables, "first");

  g_mutex_lock (&mock->mutex);
  g_ptr_array_add (mock->seen, seen);
  fault = mock->normal_first == 0 ? g_queue_pop_head (&mock->faults) : NULL;
  if (fault == NULL && mock->normal_first > 0)
    mock->normal_first--;
  if (fault != NULL)
    {
      g_mutex_unlock (&mock->mutex);
      if (fault->kind == FAULT_DROP)
        {
          g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);
          static const char half[] =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
            "{\"data\": {\"orders\": {\"pageInfo\": {\"hasNextPage\": true, ";

          g_output_stream_write_all (g_io_stream_get_output_stream (stream), half, strlen (half), NULL, NULL, NULL);
          g_io_stream_close (stream, NULL, NULL);
        }
      else
        {
          soup_server_message_set_status (message, fault->kind == FAULT_THROTTLED ? 200 : fault->status, NULL);
          if (fault->retry_after != NULL)
            soup_message_headers_replace (soup_server_message_get_response_headers (message), "Retry-After",
                                          fault->retry_after);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                            fault->body, strlen (fault->body));
        }
      fault_free (fault);
      return;
    }

  if (mock->bucket)
    {
      gint64 now = g_get_monotonic_time ();

      mock->available = MIN (1000, mock->available + (now - mock->bucket_us) / (double) G_USEC_PER_SEC /
                                                     mock->scale * mock->restore);
      mock->bucket_us = now;
      if (cost.requested > mock->available)
        {
          answer = g_strdup_printf ("{\"errors\": [{\"message\": \"Throttled\", \"extensions\": {\"code\": "
                                    "\"THROTTLED\"}}], \"extensions\": {\"cost\": {\"requestedQueryCost\": %g, "
                                    "\"actualQueryCost\": null, \"throttleStatus\": {\"maximumAvailable\": 1000.0, "
                                    "\"currentlyAvailable\": %g, \"restoreRate\": %g}}}}",
                                    cost.requested, mock->available, mock->restore);
          mock->throttled++;
          g_mutex_unlock (&mock->mutex);
          soup_server_message_set_status (message, 200, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                            g_steal_pointer (&answer), strlen (answer));
          return;
        }
      mock->available -= cost.requested;
    }
  if (mock->latency > 0)
    g_usleep ((gulong) (mock->latency * mock->scale * G_USEC_PER_SEC));
  if (strstr (text, "Bulk") != NULL)
    answer = answer_bulk (mock, text, variables);
  else if (strstr (text, "query LiftcheckShop(") != NULL)
    answer = g_strdup_printf ("{\"data\": {\"shop\": {\"currencyCode\": \"%s\", \"ianaTimezone\": "
                              "\"America/New_York\"}, \"ordersCount\": {\"count\": %u, \"precision\": \"EXACT\"}}}",
                              mock->currency, mock->orders->len);
  else if (strstr (text, "query LiftcheckOrders(") != NULL)
    answer = answer_orders (mock, &cost, variables);
  else
    answer = answer_node (mock, &cost, text, variables);
  g_mutex_unlock (&mock->mutex);

  dump_response (answer);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&answer), strlen (answer));
}

/* The client credentials grant of Dev Dashboard apps. */
static void
handle_token (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Mock *mock = user_data;
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autofree char *text = g_strndup (g_bytes_get_data (request, NULL), g_bytes_get_size (request));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  g_autofree char *answer = NULL;
  Seen *seen = g_new0 (Seen, 1);

  seen->body = g_strdup (text);
  seen->time_us = g_get_monotonic_time ();
  g_mutex_lock (&mock->mutex);
  g_ptr_array_add (mock->seen, seen);
  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "client_credentials") != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_id"), CLIENT_ID) != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_secret"), CLIENT_SECRET) != 0)
    {
      g_mutex_unlock (&mock->mutex);
      soup_server_message_set_status (message, 400, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\": \"invalid_client\"}", 26);
      return;
    }
  answer = g_strdup_printf ("{\"access_token\": \"%s\", \"scope\": \"%s\", \"expires_in\": 86399}",
                            TOKEN, mock->granted_scopes);
  g_mutex_unlock (&mock->mutex);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&answer), strlen (answer));
}

static gpointer
server_thread (gpointer data)
{
  Mock *mock = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *host = NULL;

  g_main_context_push_thread_default (mock->context);
  mock->server = soup_server_new ("tls-certificate", mock->certificate, NULL);
  soup_server_add_handler (mock->server, NULL, handle, mock, NULL);
  soup_server_add_handler (mock->server, "/admin/oauth/access_token", handle_token, mock, NULL);
  soup_server_add_handler (mock->server, "/bulk", handle_download, mock, NULL);
  soup_server_listen_local (mock->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (mock->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (mock->server);
  g_mutex_lock (&mock->mutex);
  mock->url = g_strdup_printf ("%s://127.0.0.1:%d", mock->certificate != NULL ? "https" : "http",
                               g_uri_get_port (uris->data));
  g_cond_signal (&mock->cond);
  g_mutex_unlock (&mock->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (mock->loop);
  soup_server_disconnect (mock->server);
  g_clear_object (&mock->server);
  g_main_context_pop_thread_default (mock->context);
  return NULL;
}

static Mock *
mock_new_full (GTlsCertificate *certificate)
{
  Mock *mock = g_new0 (Mock, 1);

  g_mutex_init (&mock->mutex);
  g_cond_init (&mock->cond);
  mock->context = g_main_context_new ();
  mock->loop = g_main_loop_new (mock->context, FALSE);
  mock->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  mock->orders = g_ptr_array_new ();
  mock->granted_scopes = "read_orders,read_all_orders";
  mock->currency = g_strdup ("USD");
  mock->available = 1000;
  mock->restore = 50;
  mock->scale = 1;
  mock->bulk_status = "COMPLETED";
  mock->bulk_since = -1;
  mock->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  g_queue_init (&mock->faults);

  g_mutex_lock (&mock->mutex);
  mock->thread = g_thread_new ("mock-shopify", server_thread, mock);
  while (mock->url == NULL)
    g_cond_wait (&mock->cond, &mock->mutex);
  g_mutex_unlock (&mock->mutex);
  return mock;
}

static Mock *
mock_new (void)
{
  return mock_new_full (NULL);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
mock_free (Mock *mock)
{
  g_main_context_invoke (mock->context, quit_loop, mock->loop);
  g_thread_join (mock->thread);
  g_main_loop_unref (mock->loop);
  g_main_context_unref (mock->context);
  g_clear_object (&mock->certificate);
  g_ptr_array_unref (mock->orders);
  g_ptr_array_unref (mock->seen);
  g_queue_clear_full (&mock->faults, (GDestroyNotify) fault_free);
  g_free (mock->currency);
  g_free (mock->bulk_download_token);
  g_free (mock->url);
  g_mutex_clear (&mock->mutex);
  g_cond_clear (&mock->cond);
  g_free (mock);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mock, mock_free)

static void
mock_add_fault (Mock       *mock,
                FaultKind   kind,
                guint       status,
                const char *body,
                const char *retry_after)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->kind = kind;
  fault->status = status;
  fault->body = g_strdup (body != NULL ? body : "");
  fault->retry_after = g_strdup (retry_after);
  g_mutex_lock (&mock->mutex);
  g_queue_push_tail (&mock->faults, fault);
  g_mutex_unlock (&mock->mutex);
}

static guint
mock_n_seen (Mock *mock)
{
  guint n;

  g_mutex_lock (&mock->mutex);
  n = mock->seen->len;
  g_mutex_unlock (&mock->mutex);
  return n;
}

static Seen *
mock_seen (Mock  *mock,
           guint  index)
{
  Seen *seen;

  g_mutex_lock (&mock->mutex);
  g_assert_cmpuint (index, <, mock->seen->len);
  seen = g_ptr_array_index (mock->seen, index);
  g_mutex_unlock (&mock->mutex);
  return seen;
}

static void
mock_add_hand_orders (Mock *mock)
{
  for (guint i = 0; i < G_N_ELEMENTS (hand_orders); i++)
    g_ptr_array_add (mock->orders, (gpointer) &hand_orders[i]);
}

/* Many generated orders, for pages: order k has 1 + k % 3 lines (order 7
 * has 12, more than one query gives), every fourth a refund of one unit of
 * its first line. Strings live in chunk. */
static TOrder *
make_orders (guint         n,
             GStringChunk *chunk)
{
  TOrder *orders = g_new0 (TOrder, n);

  for (guint k = 0; k < n; k++)
    {
      TOrder *o = &orders[k];
      char text[64];

      o->id = 7200000000 + k;
      g_snprintf (text, sizeof text, "#%u", 2001 + k);
      o->name = g_string_chunk_insert (chunk, text);
      g_snprintf (text, sizeof text, "2026-05-%02uT%02u:00:00Z", 1 + k % 28, 12 + k % 8);
      o->created = g_string_chunk_insert (chunk, text);
      g_snprintf (text, sizeof text, "2026-06-%02uT%02u:00:00Z", 1 + k % 28, 12 + k % 8);
      o->updated = g_string_chunk_insert (chunk, text);
      o->status = k % 4 == 1 ? "PARTIALLY_REFUNDED" : "PAID";
      g_snprintf (text, sizeof text, "buyer%u@example.com", k % 9);
      o->email = g_string_chunk_insert (chunk, text);
      o->tags = "[]";
      o->n_lines = k == 7 ? 12 : 1 + k % 3;
      for (guint j = 0; j < o->n_lines; j++)
        {
          g_snprintf (text, sizeof text, "Tee %u - M", j);
          o->lines[j].name = g_string_chunk_insert (chunk, text);
          g_snprintf (text, sizeof text, "TEE-%u", j);
          o->lines[j].sku = g_string_chunk_insert (chunk, text);
          o->lines[j].quantity = 1 + j % 2;
          o->lines[j].price = 1500 + 100 * j + k;
          o->subtotal += o->lines[j].quantity * o->lines[j].price;
        }
      o->shipping = 500;
      o->total = o->subtotal + o->shipping;
      if (k % 4 == 1)
        {
          o->refund_created = o->updated;
          o->refund_amount = o->lines[0].price;
          o->refunded = o->refund_amount;
          o->n_refund_lines = 1;
          o->refund_lines[0].line = 0;
          o->refund_lines[0].quantity = 1;
          o->refund_lines[0].amount = o->lines[0].price;
        }
      if (k == 7)
        {
          /* More refunded lines than one query gives. */
          o->status = "PARTIALLY_REFUNDED";
          o->refund_created = o->updated;
          o->n_refund_lines = 7;
          for (guint j = 0; j < 7; j++)
            {
              o->refund_lines[j].line = j;
              o->refund_lines[j].quantity = 1;
              o->refund_lines[j].amount = o->lines[j].price;
              o->refund_amount += o->lines[j].price;
            }
          o->refunded = o->refund_amount;
        }
      if (k == 13)
        {
          /* More refunds than one query gives. */
          o->n_refunds = 4;
          o->refunded = 4 * o->refund_amount;
        }
    }
  return orders;
}

/* Orders as a mid-market shop has them: one to five lines, one in ten
 * refunded (one unit of its first line), one in a hundred with 12 lines,
 * and #3008 with 60 lines and a refund of seven of them. */
static TOrder *
make_typical_orders (guint         n,
                     GStringChunk *chunk)
{
  TOrder *orders = make_orders (n, chunk);

  for (guint k = 0; k < n; k++)
    {
      TOrder *o = &orders[k];
      char text[64];

      g_snprintf (text, sizeof text, "#%u", 3001 + k);
      o->name = g_string_chunk_insert (chunk, text);
      o->n_lines = k == 7 ? 60 : k % 100 == 50 ? 12 : 1 + (k * 7) % 5;
      o->subtotal = 0;
      for (guint j = 0; j < o->n_lines; j++)
        {
          g_snprintf (text, sizeof text, "Tee %u - M", j);
          o->lines[j].name = g_string_chunk_insert (chunk, text);
          g_snprintf (text, sizeof text, "TEE-%u", j);
          o->lines[j].sku = g_string_chunk_insert (chunk, text);
          o->lines[j].quantity = 1 + j % 2;
          o->lines[j].price = 1500 + 100 * j + k % 50;
          o->subtotal += o->lines[j].quantity * o->lines[j].price;
        }
      o->total = o->subtotal + o->shipping;
      o->status = "PAID";
      o->refund_created = NULL;
      o->refund_amount = o->refunded = 0;
      o->n_refund_lines = 0;
      o->n_refunds = 0;
      if (k % 10 == 3 || k == 7)
        {
          o->status = "PARTIALLY_REFUNDED";
          o->refund_created = o->updated;
          o->n_refund_lines = k == 7 ? 7 : 1;
          for (guint j = 0; j < o->n_refund_lines; j++)
            {
              o->refund_lines[j].line = j;
              o->refund_lines[j].quantity = 1;
              o->refund_lines[j].amount = o->lines[j].price;
              o->refund_amount += o->lines[j].price;
            }
          o->refunded = o->refund_amount;
        }
    }
  return orders;
}

/* Store helpers */

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static LcShopifySyncResult *
sync_store (LcStore      *store,
            Mock         *mock,
            gint64        since_utc,
            GError      **error)
{
  LcShopifySyncOptions options = { 0 };

  options.shop = "liftcheck-test";
  options.token = TOKEN;
  options.endpoint = mock->url;
  options.since_utc = since_utc;
  return lc_store_shopify_sync (store, &options, NULL, NULL, NULL, error);
}

/* A store with the hand-written export in it, and its file's checksum. */
static LcStore *
store_with_csv (char **out_path,
                char **out_checksum)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcImportResult) imported = NULL;
  LcStore *store = lc_test_new_store (out_path);

  imported = lc_test_import_text (store, "orders_export.csv", hand_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported->orders_added, ==, G_N_ELEMENTS (hand_orders));
  /* Everything in the store file itself, as after closing the app. */
  g_assert_true (_lc_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  *out_checksum = lc_test_file_checksum (*out_path);
  return store;
}

/* Tests */

static void
test_normalize_shop (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "my-store", "my-store.myshopify.com" },
    { "My-Store.myshopify.com", "my-store.myshopify.com" },
    { " https://my-store.myshopify.com/ ", "my-store.myshopify.com" },
    { "store42", "store42.myshopify.com" },
    { "my store", NULL },
    { "", NULL },
    { "evil.example.com", NULL },
    { "my-store.myshopify.com/admin", NULL },
    { "-x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shop = lc_shopify_normalize_shop (cases[i].in, &error);

      g_assert_cmpstr (shop, ==, cases[i].out);
      if (cases[i].out == NULL)
        {
          g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP);
          g_assert_nonnull (strstr (error->message, "my-store.myshopify.com"));
        }
    }
}

static void
test_pages (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_orders (25, chunk);
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *kind = NULL;
  gint64 lines = 0, units = 0, totals = 0, refunded = 0, refunds = 0, refunded_units = 0, refund_lines = 0;
  gint64 last_sync = 0;

  for (guint k = 0; k < 25; k++)
    {
      g_ptr_array_add (mock->orders, &orders[k]);
      lines += orders[k].n_lines;
      for (guint j = 0; j < orders[k].n_lines; j++)
        units += orders[k].lines[j].quantity;
      totals += orders[k].total;
      refunded += orders[k].refunded;
      refunds += n_refunds (&orders[k]);
      for (guint j = 0; j < orders[k].n_refund_lines; j++)
        refunded_units += n_refunds (&orders[k]) * orders[k].refund_lines[j].quantity;
      refund_lines += n_refunds (&orders[k]) * orders[k].n_refund_lines;
    }

  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, 25);
  g_assert_cmpint (result->orders_updated, ==, 0);
  g_assert_cmpint (result->refunds, ==, refunds);
  g_assert_cmpint (result->pages, ==, 3);
  /* Three pages of nine orders (as many as fit in 900 points);
   * follow-ups for order #2008's last lines and its refund's last lines,
   * and for #2014's further refunds. */
  g_assert_cmpuint (mock_n_seen (mock), ==, 6);
  g_assert_cmpuint (mock_seen (mock, 0)->orders_first, ==, 9);
  g_assert_nonnull (strstr (mock_seen (mock, 1)->body, "LiftcheckOrderLines"));
  g_assert_nonnull (strstr (mock_seen (mock, 1)->body, "gid://shopify/Order/7200000007"));
  g_assert_nonnull (strstr (mock_seen (mock, 2)->body, "LiftcheckRefundLines"));
  g_assert_nonnull (strstr (mock_seen (mock, 3)->body, "\"after\":\"orders-9\""));
  g_assert_nonnull (strstr (mock_seen (mock, 4)->body, "LiftcheckOrderRefunds"));
  g_assert_nonnull (strstr (mock_seen (mock, 4)->body, "gid://shopify/Order/7200000013"));
  g_assert_nonnull (strstr (mock_seen (mock, 5)->body, "\"after\":\"orders-18\""));
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (mock_seen (mock, i)->requested, <=, 1000);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (mock_seen (mock, i)->token, ==, TOKEN);
  /* The first sync asks for every order. */
  g_assert_nonnull (strstr (mock_seen (mock, 0)->body, "\"query\":null"));

  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM orders"), ==, 25);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM line_items"), ==, lines);
  g_assert_cmpint (query_int (path, "SELECT SUM(quantity) FROM line_items"), ==, units);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM line_items li JOIN orders o ON o.id = li.order_id "
                                    "WHERE o.name = '#2008'"), ==, 12);
  g_assert_cmpint (query_int (path, "SELECT SUM(total) FROM orders"), ==, totals);
  g_assert_cmpint (query_int (path, "SELECT SUM(refunded) FROM orders"), ==, refunded);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM refunds"), ==, refunds);
  g_assert_cmpint (query_int (path, "SELECT SUM(amount) FROM refunds"), ==, refunded);
  g_assert_cmpint (query_int (path, "SELECT SUM(quantity) FROM refund_lines"), ==, refunded_units);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM refund_lines"), ==, refund_lines);
  /* Each refund line points at the line it refunds: #2008 got one unit of
   * each of its first seven lines back. */
  {
    g_autofree char *returned = query_text (path, "SELECT group_concat(position || ':' || quantity, ',') FROM "
                                                  "(SELECT li.position, rl.quantity FROM refund_lines rl "
                                                  "JOIN line_items li ON li.id = rl.line_item_id "
                                                  "JOIN orders o ON o.id = li.order_id WHERE o.name = '#2008' "
                                                  "ORDER BY li.position)");

    g_assert_cmpstr (returned, ==, "0:1,1:1,2:1,3:1,4:1,5:1,6:1");
  }
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id "
                                    "WHERE o.name = '#2014'"), ==, 4);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM refund_lines WHERE line_item_id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT COUNT(DISTINCT customer_hash) FROM orders"), ==, 9);

  kind = query_text (path, "SELECT kind || ' ' || file_name || ' ' || rows || ' ' || orders_added FROM imports");
  g_assert_cmpstr (kind, ==, "shopify-api liftcheck-test.myshopify.com 25 25");
  g_assert_true (lc_store_get_shopify_connection (store, &shop, &last_sync, &error));
  g_assert_cmpstr (shop, ==, "liftcheck-test.myshopify.com");
  g_assert_cmpint (last_sync, ==, result->synced_utc);
  g_assert_cmpstr (lc_store_get_currency (store), ==, "USD");
  /* Months-old orders: no 60-day warning. */
  g_assert_cmpuint (result->warnings->len, ==, 0);
}

static void
test_one_shop_per_store (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autoptr(LcShopifySyncResult) other = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LcShopifySyncOptions options = { 0 };

  mock_add_hand_orders (mock);
  /* A token pasted with a line break around it. */
  options.shop = "liftcheck-test.myshopify.com";
  options.token = "  " TOKEN "\n";
  options.endpoint = mock->url;
  options.since_utc = -1;
  result = lc_store_shopify_sync (store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mock_seen (mock, 0)->token, ==, TOKEN);

  g_assert_true (_lc_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  before = lc_test_file_checksum (path);
  options.shop = "another-shop";
  options.token = TOKEN;
  other = lc_store_shopify_sync (store, &options, NULL, NULL, NULL, &error);
  g_assert_null (other);
  g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP);
  g_assert_nonnull (strstr (error->message, "holds the orders of liftcheck-test.myshopify.com, not of another-shop.myshopify.com"));
  g_clear_error (&error);

  /* A token with a line break inside is not one: refused before sending. */
  options.shop = "liftcheck-test";
  options.token = "shpat_abc\r\nX-Injected: 1";
  other = lc_store_shopify_sync (store, &options, NULL, NULL, NULL, &error);
  g_assert_null (other);
  g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (mock_n_seen (mock), ==, 1);
  g_clear_object (&store);
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_hidden_email (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;

  /* The orders come, each with an ACCESS_DENIED error for its e-mail:
   * the sync goes on without customers, and says so. */
  mock_add_hand_orders (mock);
  mock->hide_email = TRUE;
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, G_N_ELEMENTS (hand_orders));
  g_assert_cmpint (query_int (path, "SELECT COUNT(customer_hash) FROM orders"), ==, 0);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "repeat customers"));
}

static void
test_never_connected (void)
{
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  char *shop = (char *) "unset";
  gint64 last = 0;

  g_assert_false (lc_store_get_shopify_connection (store, &shop, &last, &error));
  g_assert_no_error (error);
  g_assert_null (shop);
  g_assert_cmpint (last, ==, -1);
}

static const char throttled_body[] =
  "{\"errors\": [{\"message\": \"Throttled\", \"extensions\": {\"code\": \"THROTTLED\", "
  "\"documentation\": \"https://shopify.dev/api/usage/rate-limits\"}}], "
  "\"extensions\": {\"cost\": {\"requestedQueryCost\": 300, \"actualQueryCost\": null, "
  "\"throttleStatus\": {\"maximumAvailable\": 1000.0, \"currentlyAvailable\": 100, \"restoreRate\": 50.0}}}}";

static void
test_smaller_pages_when_too_costly (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;

  mock_add_hand_orders (mock);
  mock_add_fault (mock, FAULT_THROTTLED, 200,
                  "{\"errors\": [{\"message\": \"Query cost is 1402, which exceeds the single query max cost "
                  "limit (1000).\", \"extensions\": {\"code\": \"MAX_COST_EXCEEDED\", \"cost\": 1402, "
                  "\"maxCost\": 1000}}]}",
                  NULL);
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, G_N_ELEMENTS (hand_orders));
  /* Half as many at once after the refusal; then as many as the cost the
   * next answer reports allows (99 points an order again here). */
  g_assert_cmpuint (mock_n_seen (mock), ==, 3);
  g_assert_cmpuint (mock_seen (mock, 0)->orders_first, ==, 9);
  g_assert_cmpuint (mock_seen (mock, 1)->orders_first, ==, 4);
  g_assert_cmpuint (mock_seen (mock, 2)->orders_first, ==, 9);
}

static void
test_page_size_from_cost (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_typical_orders (60, chunk);
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  guint follow_ups = 0;

  for (guint k = 0; k < 60; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, 60);
  for (guint i = 0; i < mock_n_seen (mock); i++)
    {
      Seen *seen = mock_seen (mock, i);

      /* Every query within Shopify's limit, and a page of orders uses
       * most of it (nine tenths): nine orders of some 99 points each. */
      g_assert_cmpfloat (seen->requested, <=, 1000);
      if (seen->orders_first > 0)
        {
          g_assert_cmpuint (seen->orders_first, ==, 9);
          g_assert_cmpfloat (seen->requested, >=, 850);
          g_assert_nonnull (strstr (seen->body, "lineItems(first: 10)"));
          g_assert_nonnull (strstr (seen->body, "refunds(first: 2)"));
          g_assert_nonnull (strstr (seen->body, "refundLineItems(first: 3)"));
        }
      else
        {
          /* Only #3008 and #3051 have more than a page gives. */
          g_assert_true (strstr (seen->body, "gid://shopify/Order/7200000007") != NULL ||
                         strstr (seen->body, "gid://shopify/Refund/720000000700") != NULL ||
                         strstr (seen->body, "gid://shopify/Order/7200000050") != NULL);
          follow_ups++;
        }
    }
  /* #3008: one query for its other 50 lines, one for its refund's other
   * four; #3051: one for its other two lines. */
  g_assert_cmpuint (follow_ups, ==, 3);
  g_assert_cmpint (result->pages, ==, 7);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM line_items li JOIN orders o ON o.id = li.order_id "
                                    "WHERE o.name = '#3008'"), ==, 60);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM line_items li JOIN orders o ON o.id = li.order_id "
                                    "WHERE o.name = '#3051'"), ==, 12);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id "
                                    "JOIN orders o ON o.id = r.order_id WHERE o.name = '#3008'"), ==, 7);
}

static void
test_page_size_follows_shopify (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_typical_orders (60, chunk);
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;

  /* Shopify says a page of nine costs 250 points (its rules cheaper than
   * the estimate): the next pages ask for as many as 900 points allow,
   * (900 - 4) / 27.3 = 32. */
  for (guint k = 0; k < 60; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  mock->cost = 250;
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, 60);
  g_assert_cmpuint (mock_seen (mock, 0)->orders_first, ==, 9);
  for (guint i = 1; i < mock_n_seen (mock); i++)
    if (mock_seen (mock, i)->orders_first > 0)
      {
        g_assert_cmpuint (mock_seen (mock, i)->orders_first, ==, 32);
        break;
      }
  g_assert_cmpint (result->pages, ==, 3);
}

/* A first sync of 2,000 orders against a bucket that holds 1,000 points,
 * restores restore points a second and charges each answer's actual
 * cost, with answers that take 150 ms, on a clock 100 times faster than
 * Shopify's. */
static void
simulate_first_sync (double restore)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_typical_orders (2000, chunk);
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  double scale = 0.01;
  gint64 start;
  double simulated, bound;

  for (guint k = 0; k < 2000; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  _lc_shopify_set_time_scale (scale);
  mock->bucket = TRUE;
  mock->restore = restore;
  mock->latency = 0.15;
  mock->scale = scale;
  mock->bucket_us = g_get_monotonic_time ();
  start = g_get_monotonic_time ();
  result = sync_store (store, mock, -1, &error);
  simulated = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC / scale;
  _lc_shopify_set_time_scale (0);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, 2000);
  /* What the answers held at the restore rate, less the full bucket at
   * the start: no sync can be faster on this shop's allowance. */
  bound = MAX (mock->charged - 1000, 0) / restore;
  g_test_message ("2,000 orders at %.0f points a second: %u requests, %" G_GINT64_FORMAT " pages, %u throttled, "
                  "%.0f points charged; %.0f s simulated (the allowance alone takes %.0f s)",
                  restore, mock_n_seen (mock), result->pages, mock->throttled, mock->charged, simulated, bound);
  /* The sync waits for the bucket rather than being throttled: a rare
   * request comes too early by a part of a round trip, and is retried. */
  g_assert_cmpuint (mock->throttled, <=, mock_n_seen (mock) / 100);
  g_assert_cmpfloat (simulated, >=, bound * 0.95);
  /* Pages of nine typical orders, a few follow-ups. */
  g_assert_cmpuint (mock_n_seen (mock), <=, 2000 / 9 + 1 + 30);
}

static void
test_simulated_first_sync (void)
{
  simulate_first_sync (50);
}

static void
test_simulated_first_sync_plus (void)
{
  simulate_first_sync (500);
}

/* Reads JSON Lines a line at a time, as the sync reads a download. */
static GPtrArray *
read_bulk (const char  *text,
           GError     **error)
{
  g_autoptr(LcShopifyBulkReader) reader = _lc_shopify_bulk_reader_new (2);
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) _lc_shopify_order_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  LcShopifyOrder *last;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      LcShopifyOrder *finished = NULL;

      if (!_lc_shopify_bulk_reader_add_line (reader, lines[i], strlen (lines[i]), &finished, error))
        return NULL;
      if (finished != NULL)
        g_ptr_array_add (orders, finished);
    }
  last = _lc_shopify_bulk_reader_finish (reader);
  if (last != NULL)
    g_ptr_array_add (orders, last);
  return g_steal_pointer (&orders);
}

static void
test_bulk_reader (void)
{
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_typical_orders (60, chunk);
  g_autoptr(GString) jsonl = g_string_new (NULL);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *orphan = NULL;

  for (guint k = 0; k < 60; k++)
    append_bulk_order (jsonl, &orders[k]);
  read = read_bulk (jsonl->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 60);
  for (guint k = 0; k < 60; k++)
    {
      LcShopifyOrder *order = g_ptr_array_index (read, k);
      gint64 refunded_units = 0;

      g_assert_cmpstr (order->name, ==, orders[k].name);
      g_assert_cmpuint (order->lines->len, ==, orders[k].n_lines);
      g_assert_null (order->lines_cursor);
      g_assert_false (order->more_refunds);
      g_assert_cmpuint (order->refunds->len, ==, n_refunds (&orders[k]));
      g_assert_cmpint (order->total, ==, orders[k].total);
      for (guint r = 0; r < order->refunds->len; r++)
        {
          LcShopifyRefund *refund = g_ptr_array_index (order->refunds, r);

          g_assert_null (refund->lines_cursor);
          for (guint j = 0; j < refund->lines->len; j++)
            refunded_units += g_array_index (refund->lines, LcShopifyRefundLine, j).quantity;
        }
      g_assert_cmpint (refunded_units, ==, orders[k].n_refund_lines);
    }
  /* #3008's 60 lines, and its refund's seven. */
  g_assert_cmpuint (((LcShopifyOrder *) g_ptr_array_index (read, 7))->lines->len, ==, 60);
  g_clear_pointer (&read, g_ptr_array_unref);

  /* A line item whose order is not the one before it. */
  orphan = g_strconcat (jsonl->str,
                        "{\"id\": \"gid://shopify/LineItem/1\", \"name\": \"Tee\", \"quantity\": 1, "
                        "\"__parentId\": \"gid://shopify/Order/7200000003\"}\n", NULL);
  read = read_bulk (orphan, &error);
  g_assert_null (read);
  g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "belongs to no order before it"));
  {
    guint n_lines = 1;
    g_autofree char *where = NULL;

    for (const char *p = jsonl->str; *p != '\0'; p++)
      n_lines += *p == '\n';
    where = g_strdup_printf ("line %u ", n_lines);
    g_assert_true (g_str_has_prefix (error->message, where));
  }
  g_clear_error (&error);

  /* A download cut off in the middle of a line. */
  g_string_truncate (jsonl, jsonl->len - 30);
  read = read_bulk (jsonl->str, &error);
  g_assert_null (read);
  g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "it is not JSON"));
}

static void
test_throttled (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  double gap;

  mock_add_hand_orders (mock);
  mock_add_fault (mock, FAULT_THROTTLED, 200, throttled_body, NULL);
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, G_N_ELEMENTS (hand_orders));
  g_assert_cmpuint (mock_n_seen (mock), ==, 2);
  /* (300 - 100) / 50 = 4 s, scaled. */
  gap = (mock_seen (mock, 1)->time_us - mock_seen (mock, 0)->time_us) / (double) G_USEC_PER_SEC;
  g_assert_cmpfloat (gap, >=, 4 * TIME_SCALE * 0.95);
  g_assert_cmpfloat (gap, <, 4 * TIME_SCALE + 1.0);
}

static void
test_waits_before_bucket_runs_dry (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_orders (15, chunk);
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;

  for (guint k = 0; k < 15; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  /* Every answer leaves 20 points and 50 come back a second: before each
   * next query, a wait until the bucket holds what that query may cost
   * (a page of orders some 990 points, a follow-up 340 to 500). */
  mock->available = 20;
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  /* Two pages and three follow-ups, each after its wait. */
  g_assert_cmpuint (mock_n_seen (mock), ==, 5);
  for (guint i = 1; i < 5; i++)
    {
      double gap = (mock_seen (mock, i)->time_us - mock_seen (mock, i - 1)->time_us) / (double) G_USEC_PER_SEC;
      double wait = (mock_seen (mock, i)->requested - 20) / 50;

      g_assert_cmpfloat (mock_seen (mock, i)->requested, >, 300);
      g_assert_cmpfloat (gap, >=, wait * TIME_SCALE * 0.9);
      g_assert_cmpfloat (gap, <, wait * TIME_SCALE + 1.0);
    }
}

static void
test_retries_server_errors (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  double gap1, gap2;

  mock_add_hand_orders (mock);
  mock_add_fault (mock, FAULT_STATUS, 502, "<html>Bad gateway</html>", NULL);
  mock_add_fault (mock, FAULT_STATUS, 429, "{\"errors\": \"Exceeded 2 calls per second\"}", "5");
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, G_N_ELEMENTS (hand_orders));
  g_assert_cmpuint (mock_n_seen (mock), ==, 3);
  /* The first backoff is a second; Retry-After asked for five. */
  gap1 = (mock_seen (mock, 1)->time_us - mock_seen (mock, 0)->time_us) / (double) G_USEC_PER_SEC;
  gap2 = (mock_seen (mock, 2)->time_us - mock_seen (mock, 1)->time_us) / (double) G_USEC_PER_SEC;
  g_assert_cmpfloat (gap1, >=, 1 * TIME_SCALE * 0.9);
  g_assert_cmpfloat (gap2, >=, 5 * TIME_SCALE * 0.95);
  g_assert_cmpfloat (gap2, <, 5 * TIME_SCALE + 1.0);
}

/* A failed sync: the error, and the store byte for byte as it was. */
static void
assert_fails (Mock       *mock,
              GQuark      domain,
              int         code,
              const char *expected_words)
{
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LcStore) store = store_with_csv (&path, &before);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autofree char *shop = NULL;

  result = sync_store (store, mock, -1, &error);
  g_assert_null (result);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected_words));
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_false (lc_store_get_shopify_connection (store, &shop, NULL, NULL));
  g_clear_object (&store);
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_unauthorized (void)
{
  g_autoptr(Mock) mock = mock_new ();

  mock_add_hand_orders (mock);
  mock_add_fault (mock, FAULT_STATUS, 401, "{\"errors\": \"[API] Invalid API key or access token (unrecognized login "
                  "or wrong password)\"}", NULL);
  assert_fails (mock, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED, "refused the access token for liftcheck-test");
  /* No retry of a refused token. */
  g_assert_cmpuint (mock_n_seen (mock), ==, 1);
}

static void
test_access_denied (void)
{
  g_autoptr(Mock) mock = mock_new ();

  mock_add_hand_orders (mock);
  mock_add_fault (mock, FAULT_THROTTLED, 200,
                  "{\"errors\": [{\"message\": \"Access denied for orders field. Required access: `read_orders` "
                  "access scope.\", \"extensions\": {\"code\": \"ACCESS_DENIED\"}}], \"data\": null}",
                  NULL);
  assert_fails (mock, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_FORBIDDEN, "read_orders");
}

static void
test_malformed (void)
{
  g_autoptr(Mock) mock = mock_new ();

  mock_add_hand_orders (mock);
  mock_add_fault (mock, FAULT_THROTTLED, 200, "<html><body>Shopify is down for maintenance</body></html>", NULL);
  assert_fails (mock, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE, "could not be read: it is not JSON");
}

static void
test_malformed_after_first_page (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_orders (15, chunk);

  for (guint k = 0; k < 15; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  /* The first page is fine and written; the second has an amount that
   * is not one. */
  mock->normal_first = 1;
  mock_add_fault (mock, FAULT_THROTTLED, 200,
                  "{\"data\": {\"orders\": {\"pageInfo\": {\"hasNextPage\": false, \"endCursor\": \"x\"}, "
                  "\"nodes\": [{\"id\": \"gid://shopify/Order/1\", \"name\": \"#9\", "
                  "\"createdAt\": \"2026-05-01T10:00:00Z\", \"totalPriceSet\": {\"shopMoney\": {\"amount\": \"12,50\"}}, "
                  "\"lineItems\": {\"pageInfo\": {\"hasNextPage\": false}, \"nodes\": []}, \"refunds\": []}]}}}",
                  NULL);
  assert_fails (mock, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE, "order #9 has the amount “12,50”");
  g_assert_cmpuint (mock_n_seen (mock), ==, 2);
}

static void
test_dropped_connection (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_orders (15, chunk);

  /* Mid-sync: the second page breaks off halfway. */
  for (guint k = 0; k < 15; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  mock->normal_first = 1;
  mock_add_fault (mock, FAULT_DROP, 200, NULL, NULL);
  assert_fails (mock, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK, "Could not reach liftcheck-test.myshopify.com");
}

static void
test_gives_up (void)
{
  g_autoptr(Mock) mock = mock_new ();

  mock_add_hand_orders (mock);
  for (guint i = 0; i < 6; i++)
    mock_add_fault (mock, FAULT_STATUS, 503, "Service Unavailable", NULL);
  assert_fails (mock, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_THROTTLED, "HTTP 503");
  g_assert_cmpuint (mock_n_seen (mock), ==, 6);
}

static void
test_currency_mismatch (void)
{
  g_autoptr(Mock) mock = mock_new ();

  mock_add_hand_orders (mock);
  g_free (mock->currency);
  mock->currency = g_strdup ("EUR");
  assert_fails (mock, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH, "sells in EUR");
}

static void
test_tls_certificate_refused (void)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "selfsigned-127.0.0.1.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem, &error);
  g_autoptr(Mock) mock = NULL;

  if (certificate == NULL)
    {
      g_test_skip_printf ("no TLS backend: %s", error->message);
      return;
    }
  mock = mock_new_full (certificate);
  mock_add_hand_orders (mock);
  g_assert_true (g_str_has_prefix (mock->url, "https://"));
  assert_fails (mock, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK, "is not safe");
  /* The handshake failed: no request, so no token, reached the server. */
  g_assert_cmpuint (mock_n_seen (mock), ==, 0);
}

static void
test_incremental (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_orders (6, chunk);
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) first = NULL;
  g_autoptr(LcShopifySyncResult) second = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  gint64 before_first = g_get_real_time () / G_USEC_PER_SEC;
  gint64 since;
  const char *filter;

  for (guint k = 0; k < 5; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  first = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->orders_added, ==, 5);

  /* Order #2003 gets a refund and a new order comes, both updated now;
   * the others are as they were. */
  orders[2].updated = now_text;
  orders[2].refund_created = now_text;
  orders[2].refund_amount = orders[2].lines[1].price;
  orders[2].refunded = orders[2].refund_amount;
  orders[2].n_refund_lines = 1;
  orders[2].refund_lines[0].line = 1;
  orders[2].refund_lines[0].quantity = 1;
  orders[2].refund_lines[0].amount = orders[2].lines[1].price;
  orders[5].updated = now_text;
  g_ptr_array_add (mock->orders, &orders[5]);

  second = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->orders_added, ==, 1);
  g_assert_cmpint (second->orders_updated, ==, 1);
  filter = strstr (mock_seen (mock, mock_n_seen (mock) - 1)->body, "updated_at:>='");
  g_assert_nonnull (filter);
  since = filter_since (filter);
  /* From the first sync's start, less a margin for clocks. */
  g_assert_cmpint (since, <=, before_first);
  g_assert_cmpint (since, >=, before_first - 3600);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM orders"), ==, 6);
  g_assert_cmpint (query_int (path, "SELECT SUM(rl.quantity) FROM refund_lines rl "
                                    "JOIN line_items li ON li.id = rl.line_item_id "
                                    "JOIN orders o ON o.id = li.order_id WHERE o.name = '#2003' AND li.position = 1"),
                   ==, 1);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM imports WHERE kind = 'shopify-api'"), ==, 2);

  /* A sync since a later time than the last sync's start leaves a gap:
   * the next sync still starts where it would have. */
  {
    g_autoptr(LcShopifySyncResult) later = NULL;
    g_autoptr(LcShopifySyncResult) next = NULL;
    g_autofree char *marker = lc_store_dup_setting (store, "shopify-next-since-utc");
    g_autofree char *marker_after = NULL;

    g_assert_nonnull (marker);
    /* Let the clock move on, so that a new start would show. */
    g_usleep (1100 * 1000);
    later = sync_store (store, mock, g_get_real_time () / G_USEC_PER_SEC + 3600, &error);
    g_assert_no_error (error);
    marker_after = lc_store_dup_setting (store, "shopify-next-since-utc");
    g_assert_cmpstr (marker_after, ==, marker);
    next = sync_store (store, mock, -1, &error);
    g_assert_no_error (error);
    since = filter_since (strstr (mock_seen (mock, mock_n_seen (mock) - 1)->body, "updated_at:>='"));
    g_assert_cmpint (since, ==, g_ascii_strtoll (marker, NULL, 10));
  }
}

static void
test_sixty_days_warning (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_orders (3, chunk);
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;

  /* The oldest order Shopify shows is 59 days old: what a token without
   * read_all_orders sees. */
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -(int) (59 - 10 * k));
      g_autofree char *text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");

      orders[k].created = g_string_chunk_insert (chunk, text);
      g_ptr_array_add (mock->orders, &orders[k]);
    }
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "read_all_orders"));
}

static void
assert_same_summary (LcStore *a,
                     LcStore *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcSummary) sa = lc_store_compute_summary (a, &error);
  g_autoptr(LcSummary) sb = NULL;

  g_assert_no_error (error);
  sb = lc_store_compute_summary (b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sa->orders, ==, sb->orders);
  g_assert_cmpint (sa->orders, >, 0);
  g_assert_cmpfloat_with_epsilon (sa->aov, sb->aov, 1e-9);
  g_assert_cmpfloat_with_epsilon (sa->upt, sb->upt, 1e-9);
  g_assert_cmpfloat_with_epsilon (sa->return_rate, sb->return_rate, 1e-12);
  g_assert_cmpint (sa->revenue_12m, ==, sb->revenue_12m);
  g_assert_cmpint (sa->refunded, ==, sb->refunded);
  g_assert_cmpint (sa->first_day, ==, sb->first_day);
  g_assert_cmpint (sa->last_day, ==, sb->last_day);
}

static void
test_same_as_csv (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autofree char *csv_path = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *api_path = NULL;
  g_autoptr(LcStore) csv_store = store_with_csv (&csv_path, &checksum);
  g_autoptr(LcStore) api_store = lc_test_new_store (&api_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autoptr(LcShopifySyncResult) again = NULL;
  g_autofree char *days_csv = NULL;
  g_autofree char *days_api = NULL;
  g_autofree char *hashes_before = NULL;
  g_autofree char *hashes_after = NULL;
  const char *days_sql = "SELECT group_concat(name || ':' || local_day || ':' || units, ',') FROM "
                         "(SELECT * FROM orders ORDER BY name)";
  const char *hashes_sql = "SELECT group_concat(name || ':' || customer_hash, ',') FROM "
                           "(SELECT * FROM orders ORDER BY name)";

  mock_add_hand_orders (mock);
  result = sync_store (api_store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, G_N_ELEMENTS (hand_orders));
  assert_same_summary (csv_store, api_store);
  /* #1004 was bought at 23:30 in New York, 03:30 the next day in UTC: the
   * shop's day counts, as in the export. */
  days_csv = query_text (csv_path, days_sql);
  days_api = query_text (api_path, days_sql);
  g_assert_cmpstr (days_csv, ==, days_api);

  /* Syncing into the store that has the export: the same orders, updated,
   * the same customers; and now line-level refunds. */
  hashes_before = query_text (csv_path, hashes_sql);
  g_assert_cmpint (query_int (csv_path, "SELECT COUNT(DISTINCT customer_hash) FROM orders"), ==, 4);
  again = sync_store (csv_store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->orders_added, ==, 0);
  g_assert_cmpint (again->orders_updated, ==, G_N_ELEMENTS (hand_orders));
  hashes_after = query_text (csv_path, hashes_sql);
  g_assert_cmpstr (hashes_before, ==, hashes_after);
  g_assert_cmpint (query_int (csv_path, "SELECT COUNT(*) FROM orders"), ==, G_N_ELEMENTS (hand_orders));
  g_assert_cmpint (query_int (csv_path, "SELECT SUM(quantity) FROM refund_lines"), ==, 5);
  assert_same_summary (csv_store, api_store);
}

static void
test_takes_over_orders_without_ids (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcImportResult) imported = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_auto(GStrv) rows = g_strsplit (hand_csv, "\n", -1);

  /* The export without its Id column: orders are keyed by name. */
  for (guint i = 0; rows[i] != NULL && rows[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GString) row = g_string_new (NULL);
      g_autofree char *quoted = NULL;
      char *p;

      /* Drop the 21st column; the tags are quoted only in one row. */
      quoted = g_strdup (rows[i]);
      p = strstr (quoted, "\"spring, vip\"");
      if (p != NULL)
        memcpy (p, "\"spring; vip\"", 13);
      fields = g_strsplit (quoted, ",", -1);
      for (guint j = 0; fields[j] != NULL; j++)
        if (j != 20)
          {
            if (row->len > 0)
              g_string_append_c (row, ',');
            g_string_append (row, fields[j]);
          }
      g_string_append_printf (csv, "%s\n", row->str);
    }
  imported = lc_test_import_text (store, "orders_export.csv", csv->str, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM orders WHERE source_id LIKE 'shopify-name:%'"), ==, 5);

  mock_add_hand_orders (mock);
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, 0);
  g_assert_cmpint (result->orders_updated, ==, 5);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM orders"), ==, 5);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM orders WHERE source_id LIKE 'shopify:%'"), ==, 5);
}

/* Everything logged while syncing, at every level. */
static GString *captured_log;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  if (captured_log == NULL)
    {
      if (level & G_LOG_LEVEL_DEBUG)
        return G_LOG_WRITER_HANDLED;
      return g_log_writer_default (level, fields, n_fields, user_data);
    }
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0)
      g_string_append_printf (captured_log, "%s=%s\n", fields[i].key, (const char *) fields[i].value);
    else
      g_string_append_printf (captured_log, "%s=%.*s\n", fields[i].key, (int) fields[i].length,
                              (const char *) fields[i].value);
  return G_LOG_WRITER_HANDLED;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_token_never_kept (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  captured_log = g_string_new (NULL);
  mock_add_hand_orders (mock);
  mock_add_fault (mock, FAULT_THROTTLED, 200, throttled_body, NULL);
  mock_add_fault (mock, FAULT_STATUS, 502, "bad gateway", NULL);
  result = sync_store (store, mock, -1, &error);
  g_assert_no_error (error);
  /* Then a failure, which logs and messages more. */
  mock_add_fault (mock, FAULT_STATUS, 401, "{\"errors\": \"Invalid API key or access token\"}", NULL);
  g_clear_pointer (&result, lc_shopify_sync_result_free);
  result = sync_store (store, mock, -1, &error);
  g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, TOKEN));

  /* The sync did log (its waits), and never the token. */
  g_assert_nonnull (strstr (captured_log->str, "waiting"));
  g_assert_null (strstr (captured_log->str, TOKEN));
  g_assert_null (strstr (captured_log->str, "SECRETtoken"));

  settings = query_text (path, "SELECT group_concat(key || '=' || value, ';') FROM settings");
  g_assert_nonnull (strstr (settings, "shopify-shop=liftcheck-test.myshopify.com"));
  g_assert_null (strstr (settings, "SECRET"));
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_assert_false (file_contains (path, "SECRETtoken"));
  g_assert_false (file_contains (wal, "SECRETtoken"));
  g_assert_false (file_contains (shm, "SECRETtoken"));
  /* No e-mail either: only its hash. */
  g_assert_false (file_contains (path, "bob@example.com"));
  g_assert_false (file_contains (wal, "bob@example.com"));
  g_string_free (g_steal_pointer (&captured_log), TRUE);
}

typedef struct
{
  GMainLoop           *loop;
  LcShopifySyncResult *result;
  GError              *error;
  guint                progress_calls;
  guint                preparing_calls;
  GThread             *main_thread;
} AsyncState;

static void
on_progress (gint64   orders,
             double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpint (orders, >, 0);
  g_assert_cmpfloat (fraction, >, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  state->progress_calls++;
}

/* Progress of a bulk operation still being prepared: no orders yet. */
static void
on_preparing (gint64   orders,
              double   fraction,
              gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpint (orders, ==, LC_SHOPIFY_PREPARING);
  g_assert_cmpfloat (fraction, ==, -1);
  state->preparing_calls++;
}

static void
on_synced (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = lc_shopify_sync_finish (res, &state->error);
  g_main_loop_quit (state->loop);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_async_and_cancel (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_orders (25, chunk);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LcStore) store = store_with_csv (&path, &before);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LcShopifySyncOptions options = { 0 };
  AsyncState state = { 0 };
  gint64 start;

  for (guint k = 0; k < 25; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  g_clear_object (&store);
  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  options.shop = "liftcheck-test";
  options.token = TOKEN;
  options.endpoint = mock->url;
  options.since_utc = -1;

  /* A sync off the main thread, with progress in it. */
  lc_shopify_sync_async (path, &options, on_progress, &state, NULL, on_synced, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpint (state.result->orders_added, ==, 25);
  /* A call a page of nine. */
  g_assert_cmpuint (state.progress_calls, ==, 3);
  g_clear_pointer (&state.result, lc_shopify_sync_result_free);
  g_free (before);
  before = lc_test_file_checksum (path);

  /* Throttled for a long wait (100 s scaled to 10): Cancel ends it at once,
   * and the store is as it was. */
  mock_add_fault (mock, FAULT_THROTTLED, 200,
                  "{\"errors\": [{\"message\": \"Throttled\", \"extensions\": {\"code\": \"THROTTLED\"}}], "
                  "\"extensions\": {\"cost\": {\"requestedQueryCost\": 1000, \"throttleStatus\": "
                  "{\"maximumAvailable\": 1000.0, \"currentlyAvailable\": 0, \"restoreRate\": 10.0}}}}",
                  NULL);
  start = g_get_monotonic_time ();
  lc_shopify_sync_async (path, &options, NULL, NULL, cancellable, on_synced, &state);
  g_timeout_add (300, cancel_soon, cancellable);
  g_main_loop_run (state.loop);
  g_assert_null (state.result);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&state.error);
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_main_loop_unref (state.loop);
}

static void
on_token (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lc_shopify_request_access_token_finish (res, &error);
  g_assert_no_error (error);
}

static void
test_client_credentials (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *async_token = NULL;
  gint64 expires_in = 0;

  token = lc_shopify_request_access_token ("liftcheck-test", CLIENT_ID, CLIENT_SECRET, mock->url, &expires_in,
                                           NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);
  g_assert_cmpint (expires_in, ==, 86399);
  /* The secret travels in the body, escaped, never in the address. */
  g_assert_nonnull (strstr (mock_seen (mock, 0)->body, "client_secret=shpss_clientSECRETof-the-app"));

  refused = lc_shopify_request_access_token ("liftcheck-test", CLIENT_ID, "wrong", mock->url, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "client ID and secret for liftcheck-test.myshopify.com"));
  g_assert_null (strstr (error->message, CLIENT_SECRET));
  g_clear_error (&error);

  mock->granted_scopes = "read_products";
  narrow = lc_shopify_request_access_token ("liftcheck-test", CLIENT_ID, CLIENT_SECRET, mock->url, NULL, NULL, &error);
  g_assert_null (narrow);
  g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "read_orders"));
  g_clear_error (&error);
  mock->granted_scopes = "read_orders";

  lc_shopify_request_access_token_async ("liftcheck-test", CLIENT_ID, CLIENT_SECRET, mock->url, NULL,
                                         on_token, &async_token);
  while (async_token == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (async_token, ==, TOKEN);
}

static void
test_cli (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.liftcheck", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int status;

  mock_add_hand_orders (mock);
  /* The command's output as a store owner sees it. */
  g_unsetenv ("G_MESSAGES_DEBUG");

  g_unsetenv ("LIFTCHECK_SHOPIFY_TOKEN");
  status = lc_test_run_cli (&out, &err, "shopify-sync", path, "--shop", "liftcheck-test", "--endpoint", mock->url, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "LIFTCHECK_SHOPIFY_CLIENT_ID"));
  g_assert_nonnull (strstr (err, "LIFTCHECK_SHOPIFY_TOKEN"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_setenv ("LIFTCHECK_SHOPIFY_TOKEN", TOKEN, TRUE);
  status = lc_test_run_cli (&out, &err, "shopify-sync", path, "--shop", "liftcheck-test", "--endpoint", mock->url, NULL);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "liftcheck-test.myshopify.com: 5 new orders, 0 updated, with 3 refunds."));
  g_assert_null (strstr (out, TOKEN));
  g_assert_null (strstr (err, TOKEN));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = lc_test_run_cli (&out, &err, "shopify-sync", path, "--shop", "liftcheck-test", "--endpoint", mock->url,
                            "--since", "2026-03-18", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;

    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (root, "orders_updated"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (root, "orders_added"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (root, "refunds"), ==, 3);
  }
  g_assert_nonnull (strstr (mock_seen (mock, mock_n_seen (mock) - 1)->body, "updated_at:>='2026-03-18T00:00:00Z'"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  before = lc_test_file_checksum (path);
  mock_add_fault (mock, FAULT_STATUS, 401, "{\"errors\": \"Invalid API key or access token\"}", NULL);
  status = lc_test_run_cli (&out, &err, "shopify-sync", path, "--shop", "liftcheck-test", "--endpoint", mock->url, NULL);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 4);
  g_assert_nonnull (strstr (err, "refused the access token"));
  g_assert_null (strstr (err, TOKEN));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  mock_add_fault (mock, FAULT_THROTTLED, 200, "{\"data\": {\"orders\": 12}}", NULL);
  status = lc_test_run_cli (&out, &err, "shopify-sync", path, "--shop", "liftcheck-test", "--endpoint", mock->url, NULL);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "could not be read: the page has no list “orders”"));
  g_assert_null (strstr (err, "CRITICAL"));
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = lc_test_run_cli (&out, &err, "shopify-sync", path, "--shop", "not a shop", NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A Dev Dashboard app: its client ID and secret instead of a token. */
  g_unsetenv ("LIFTCHECK_SHOPIFY_TOKEN");
  g_setenv ("LIFTCHECK_SHOPIFY_CLIENT_ID", CLIENT_ID, TRUE);
  g_setenv ("LIFTCHECK_SHOPIFY_CLIENT_SECRET", CLIENT_SECRET, TRUE);
  status = lc_test_run_cli (&out, &err, "shopify-sync", path, "--shop", "liftcheck-test", "--endpoint", mock->url, NULL);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "liftcheck-test.myshopify.com: "));
  g_assert_cmpstr (mock_seen (mock, mock_n_seen (mock) - 1)->token, ==, TOKEN);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_setenv ("LIFTCHECK_SHOPIFY_CLIENT_SECRET", "wrong", TRUE);
  status = lc_test_run_cli (&out, &err, "shopify-sync", path, "--shop", "liftcheck-test", "--endpoint", mock->url, NULL);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 4);
  g_assert_nonnull (strstr (err, "refused the app’s client ID and secret"));
  g_unsetenv ("LIFTCHECK_SHOPIFY_CLIENT_ID");
  g_unsetenv ("LIFTCHECK_SHOPIFY_CLIENT_SECRET");
}

/* Bulk operations: the tests above read pages (_lc_shopify_set_bulk);
 * these let a first sync export. */

static gint64
count_lines_of (const char *path,
                const char *sql)
{
  return query_int (path, sql);
}

static void
test_bulk_first_sync (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(Mock) paged = mock_new ();
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_typical_orders (60, chunk);
  g_autofree char *path = NULL;
  g_autofree char *paged_path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcStore) paged_store = lc_test_new_store (&paged_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autoptr(LcShopifySyncResult) paged_result = NULL;
  g_autofree char *lines_sql = NULL;

  for (guint k = 0; k < 60; k++)
    {
      g_ptr_array_add (mock->orders, &orders[k]);
      g_ptr_array_add (paged->orders, &orders[k]);
    }
  mock->bulk_running = 2;
  _lc_shopify_set_bulk (TRUE);
  result = sync_store (store, mock, -1, &error);
  _lc_shopify_set_bulk (FALSE);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, 60);
  /* The mutation, two answers RUNNING and the COMPLETED one, the shop;
   * then the download, without the token. */
  g_assert_cmpuint (mock_n_seen (mock), ==, 5);
  g_assert_nonnull (strstr (mock_seen (mock, 0)->body, "bulkOperationRunQuery"));
  g_assert_nonnull (strstr (mock_seen (mock, 3)->body, "LiftcheckBulkStatus"));
  g_assert_nonnull (strstr (mock_seen (mock, 4)->body, "LiftcheckShop"));
  g_assert_cmpuint (mock->bulk_downloads, ==, 1);
  g_assert_null (mock->bulk_download_token);

  /* The same store as reading pages gives. */
  paged_result = sync_store (paged_store, paged, -1, &error);
  g_assert_no_error (error);
  assert_same_summary (store, paged_store);
  lines_sql = g_strdup ("SELECT COUNT(*) || ':' || SUM(quantity) FROM line_items");
  {
    g_autofree char *a = query_text (path, lines_sql);
    g_autofree char *b = query_text (paged_path, lines_sql);

    g_assert_cmpstr (a, ==, b);
  }
  g_assert_cmpint (count_lines_of (path, "SELECT COUNT(*) FROM refund_lines"), ==,
                   count_lines_of (paged_path, "SELECT COUNT(*) FROM refund_lines"));
  g_assert_cmpint (count_lines_of (path, "SELECT COUNT(*) FROM line_items li JOIN orders o ON o.id = li.order_id "
                                         "WHERE o.name = '#3008'"), ==, 60);
}

static void
test_bulk_not_for_recent (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;

  /* A sync of the last few days reads pages. */
  mock_add_hand_orders (mock);
  _lc_shopify_set_bulk (TRUE);
  result = sync_store (store, mock, g_get_real_time () / G_USEC_PER_SEC - 3 * 86400, &error);
  _lc_shopify_set_bulk (FALSE);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (mock_seen (mock, 0)->body, "LiftcheckOrders"));
  g_assert_cmpuint (mock->bulk_downloads, ==, 0);
}

static void
assert_bulk_fails (Mock       *mock,
                   int         code,
                   const char *expected_words)
{
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (1024);
  g_autofree TOrder *orders = make_typical_orders (40, chunk);

  for (guint k = 0; k < 40; k++)
    g_ptr_array_add (mock->orders, &orders[k]);
  _lc_shopify_set_bulk (TRUE);
  assert_fails (mock, LC_SHOPIFY_ERROR, code, expected_words);
  _lc_shopify_set_bulk (FALSE);
}

static void
test_bulk_refused_reads_pages (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;

  /* An API version that does not take the mutation as asked: the sync
   * reads pages instead. */
  mock_add_hand_orders (mock);
  mock_add_fault (mock, FAULT_THROTTLED, 200,
                  "{\"errors\": [{\"message\": \"Field 'bulkOperationRunQuery' doesn't accept argument "
                  "'groupObjects'\", \"extensions\": {\"code\": \"argumentNotAccepted\"}}]}",
                  NULL);
  _lc_shopify_set_bulk (TRUE);
  result = sync_store (store, mock, -1, &error);
  _lc_shopify_set_bulk (FALSE);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, G_N_ELEMENTS (hand_orders));
  g_assert_nonnull (strstr (mock_seen (mock, 0)->body, "bulkOperationRunQuery"));
  g_assert_nonnull (strstr (mock_seen (mock, 1)->body, "LiftcheckOrders"));
  g_assert_cmpuint (mock->bulk_downloads, ==, 0);
}

static void
test_bulk_access_denied (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autoptr(Mock) no_email = mock_new ();
  g_autoptr(LcStore) store = lc_test_new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifySyncResult) result = NULL;

  /* Refused for want of read_orders: pages say so, and the store is as
   * it was. */
  mock->bulk_status = "FAILED";
  mock->bulk_error = "ACCESS_DENIED";
  mock->normal_first = 2;
  mock_add_fault (mock, FAULT_THROTTLED, 200,
                  "{\"errors\": [{\"message\": \"Access denied for orders field.\", \"extensions\": "
                  "{\"code\": \"ACCESS_DENIED\"}}], \"data\": null}",
                  NULL);
  assert_bulk_fails (mock, LC_SHOPIFY_ERROR_FORBIDDEN, "read_orders");
  g_assert_nonnull (strstr (mock_seen (mock, 2)->body, "LiftcheckOrders"));

  /* Refused for want of customers' e-mail: pages go on without it. */
  mock_add_hand_orders (no_email);
  no_email->bulk_status = "FAILED";
  no_email->bulk_error = "ACCESS_DENIED";
  no_email->hide_email = TRUE;
  _lc_shopify_set_bulk (TRUE);
  result = sync_store (store, no_email, -1, &error);
  _lc_shopify_set_bulk (FALSE);
  g_assert_no_error (error);
  g_assert_cmpint (result->orders_added, ==, G_N_ELEMENTS (hand_orders));
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "repeat customers"));
  g_assert_cmpuint (no_email->bulk_downloads, ==, 0);
}

static void
test_bulk_failed (void)
{
  g_autoptr(Mock) mock = mock_new ();

  mock->bulk_running = 1;
  mock->bulk_status = "FAILED";
  mock->bulk_error = "TIMEOUT";
  assert_bulk_fails (mock, LC_SHOPIFY_ERROR_THROTTLED, "could not export liftcheck-test.myshopify.com’s orders (TIMEOUT)");
}

static void
test_bulk_canceled (void)
{
  g_autoptr(Mock) mock = mock_new ();

  mock->bulk_status = "CANCELED";
  assert_bulk_fails (mock, LC_SHOPIFY_ERROR_THROTTLED, "was cancelled in Shopify");
}

/* Cancel while Shopify prepares the export (progress says so meanwhile):
 * the sync ends at once, asks
 * Shopify to cancel the export too (else it runs on and holds up the
 * shop's next one), and the store is as it was. */
static void
test_bulk_cancel_cancels_in_shopify (void)
{
  g_autoptr(Mock) mock = mock_new ();
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LcStore) store = store_with_csv (&path, &before);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LcShopifySyncOptions options = { 0 };
  AsyncState state = { 0 };
  gint64 start;

  g_clear_object (&store);
  mock_add_hand_orders (mock);
  /* Shopify keeps preparing it for longer than the test runs. */
  mock->bulk_running = G_MAXUINT;
  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  options.shop = "liftcheck-test";
  options.token = TOKEN;
  options.endpoint = mock->url;
  options.since_utc = -1;

  _lc_shopify_set_bulk (TRUE);
  start = g_get_monotonic_time ();
  lc_shopify_sync_async (path, &options, on_preparing, &state, cancellable, on_synced, &state);
  g_timeout_add (300, cancel_soon, cancellable);
  g_main_loop_run (state.loop);
  _lc_shopify_set_bulk (FALSE);

  /* The owner saw that Shopify was preparing it, at each look. */
  g_assert_cmpuint (state.preparing_calls, >=, 1);

  g_assert_null (state.result);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (mock->bulk_cancels, ==, 1);
  g_assert_nonnull (strstr (mock_seen (mock, 0)->body, "bulkOperationRunQuery"));
  g_assert_nonnull (strstr (mock_seen (mock, mock_n_seen (mock) - 1)->body, "bulkOperationCancel"));
  g_assert_cmpuint (mock->bulk_downloads, ==, 0);
  g_clear_error (&state.error);
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_main_loop_unref (state.loop);
}

static void
test_bulk_expired_link (void)
{
  g_autoptr(Mock) mock = mock_new ();

  mock->bulk_download_status = 403;
  assert_bulk_fails (mock, LC_SHOPIFY_ERROR_NETWORK, "link may have expired");
}

static void
test_bulk_truncated (void)
{
  g_autoptr(Mock) mock = mock_new ();

  /* The connection closes 30 bytes before the announced end. */
  mock->bulk_cut = 30;
  assert_bulk_fails (mock, LC_SHOPIFY_ERROR_NETWORK, "broke off");
}

static void
test_bulk_fewer_lines (void)
{
  g_autoptr(Mock) mock = mock_new ();

  /* Whole lines, but fewer than Shopify counted. */
  mock->bulk_lie_count = TRUE;
  assert_bulk_fails (mock, LC_SHOPIFY_ERROR_NETWORK, "fewer lines came than Shopify announced");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LC_SHOPIFY_TIME_SCALE", "0.1", TRUE);
  _lc_shopify_set_bulk (FALSE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);

  g_test_add_func ("/lc/shopify-sync/normalize-shop", test_normalize_shop);
  g_test_add_func ("/lc/shopify-sync/pages-and-follow-ups", test_pages);
  g_test_add_func ("/lc/shopify-sync/never-connected", test_never_connected);
  g_test_add_func ("/lc/shopify-sync/hidden-email", test_hidden_email);
  g_test_add_func ("/lc/shopify-sync/one-shop-per-store", test_one_shop_per_store);
  g_test_add_func ("/lc/shopify-sync/throttled-waits-computed-time", test_throttled);
  g_test_add_func ("/lc/shopify-sync/smaller-pages-when-too-costly", test_smaller_pages_when_too_costly);
  g_test_add_func ("/lc/shopify-sync/page-size-from-cost", test_page_size_from_cost);
  g_test_add_func ("/lc/shopify-sync/page-size-follows-shopify", test_page_size_follows_shopify);
  g_test_add_func ("/lc/shopify-sync/simulated-first-sync", test_simulated_first_sync);
  g_test_add_func ("/lc/shopify-sync/simulated-first-sync-plus", test_simulated_first_sync_plus);
  g_test_add_func ("/lc/shopify-sync/bulk-reader", test_bulk_reader);
  g_test_add_func ("/lc/shopify-sync/bulk-first-sync", test_bulk_first_sync);
  g_test_add_func ("/lc/shopify-sync/bulk-not-for-recent-syncs", test_bulk_not_for_recent);
  g_test_add_func ("/lc/shopify-sync/bulk-refused-reads-pages", test_bulk_refused_reads_pages);
  g_test_add_func ("/lc/shopify-sync/bulk-access-denied", test_bulk_access_denied);
  g_test_add_func ("/lc/shopify-sync/bulk-failed", test_bulk_failed);
  g_test_add_func ("/lc/shopify-sync/bulk-canceled", test_bulk_canceled);
  g_test_add_func ("/lc/shopify-sync/bulk-cancel-cancels-in-shopify", test_bulk_cancel_cancels_in_shopify);
  g_test_add_func ("/lc/shopify-sync/bulk-expired-link", test_bulk_expired_link);
  g_test_add_func ("/lc/shopify-sync/bulk-truncated-download", test_bulk_truncated);
  g_test_add_func ("/lc/shopify-sync/bulk-fewer-lines", test_bulk_fewer_lines);
  g_test_add_func ("/lc/shopify-sync/waits-before-bucket-runs-dry", test_waits_before_bucket_runs_dry);
  g_test_add_func ("/lc/shopify-sync/retries-502-and-429", test_retries_server_errors);
  g_test_add_func ("/lc/shopify-sync/gives-up-after-retries", test_gives_up);
  g_test_add_func ("/lc/shopify-sync/unauthorized", test_unauthorized);
  g_test_add_func ("/lc/shopify-sync/access-denied", test_access_denied);
  g_test_add_func ("/lc/shopify-sync/malformed-body", test_malformed);
  g_test_add_func ("/lc/shopify-sync/malformed-after-first-page", test_malformed_after_first_page);
  g_test_add_func ("/lc/shopify-sync/dropped-connection", test_dropped_connection);
  g_test_add_func ("/lc/shopify-sync/currency-mismatch", test_currency_mismatch);
  g_test_add_func ("/lc/shopify-sync/tls-certificate-refused", test_tls_certificate_refused);
  g_test_add_func ("/lc/shopify-sync/incremental", test_incremental);
  g_test_add_func ("/lc/shopify-sync/sixty-days-warning", test_sixty_days_warning);
  g_test_add_func ("/lc/shopify-sync/same-numbers-as-csv", test_same_as_csv);
  g_test_add_func ("/lc/shopify-sync/takes-over-orders-without-ids", test_takes_over_orders_without_ids);
  g_test_add_func ("/lc/shopify-sync/token-never-kept", test_token_never_kept);
  g_test_add_func ("/lc/shopify-sync/async-and-cancel", test_async_and_cancel);
  g_test_add_func ("/lc/shopify-sync/client-credentials", test_client_credentials);
  g_test_add_func ("/lc/shopify-sync/cli", test_cli);
  return g_test_run ();
}
