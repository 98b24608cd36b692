/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-sync"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lc-import-private.h"
#include "lc-money.h"
#include "lc-order-writer-private.h"
#include "lc-shopify-sync-private.h"
#include "lc-thread.h"

/*
 * Orders from Shopify's GraphQL Admin API. Pages of orders, oldest update
 * first, go through the shared order writer inside one transaction, so a
 * sync lands whole or not at all. An order is keyed "shopify:ID" with
 * Shopify's numeric order id, which is what the CSV importer uses for an
 * export's "Id" column: the same order from either source is one order.
 * An export without that column keys orders by name ("shopify-name:#1001");
 * the sync takes such an order over (re-keys it to its id) and updates it.
 *
 * Queries stay under Shopify's limit of 1,000 points a query: a page asks
 * for as many orders, with their first lines and refunds, as that limit
 * allows by Shopify's cost rules (lc-shopify-response.c) and then by the
 * cost Shopify says each page has; an order with more lines or refunds is
 * completed by follow-up queries for it. Each query waits until the
 * bucket, refilling at its restore rate, holds what the query may cost.
 */

G_DEFINE_QUARK (lc-shopify-error-quark, lc_shopify_error)

/* A page asks for at most this share of the single-query limit and of
 * the bucket: one that needs the bucket all but full waits until it is,
 * and what would flow in meanwhile is lost to the bucket's cap. */
#define PAGE_SHARE           0.9

/* Retries of a throttled or failing request: tries in all, the longest
 * single wait and the longest wait in all, in seconds. */
#define MAX_ATTEMPTS         6
#define FIRST_BACKOFF        1.0
#define MAX_BACKOFF          32.0
#define MAX_TOTAL_WAIT       180.0

/* How far before the previous sync's start the next one looks: Shopify's
 * clock and this computer's may differ a little. Orders seen twice are
 * updated, not duplicated. */
#define SINCE_MARGIN         (10 * 60)

/* Without the read_all_orders scope Shopify shows the last 60 days. */
#define VISIBLE_DAYS         60

#define SETTING_SHOP         "shopify-shop"
#define SETTING_LAST_SYNC    "shopify-last-sync-utc"
#define SETTING_NEXT_SINCE   "shopify-next-since-utc"

/* A sync of more than this many days' orders (or of all, the first) asks
 * Shopify for a bulk operation, which its allowance does not limit; a
 * shorter one reads pages. */
#define BULK_AFTER_DAYS      30
/* Asking whether the bulk operation is done: first after a second, then
 * half as long again each time, at most every ten seconds. */
#define BULK_FIRST_POLL      1.0
#define BULK_MAX_POLL        10.0
/* Asking Shopify to cancel the bulk operation after Cancel: seconds. */
#define BULK_CANCEL_TIMEOUT  5
/* Progress while downloading: every this many orders. */
#define BULK_PROGRESS_EVERY  200

#define MONEY "{ shopMoney { amount } }"

static const char line_fields[] =
  "fragment LiftcheckLine on LineItem { id name sku quantity vendor "
  "originalUnitPriceSet " MONEY " totalDiscountSet " MONEY " } ";

static const char refund_line_fields[] =
  "fragment LiftcheckRefundLine on RefundLineItem { quantity subtotalSet " MONEY " lineItem { id } } ";

#define REFUND_FIELDS(lines) \
  "id createdAt totalRefundedSet " MONEY " " \
  "refundLineItems(first: " G_STRINGIFY (lines) ") { pageInfo { hasNextPage endCursor } nodes { ...LiftcheckRefundLine } }"

static const char orders_query[] =
  "query LiftcheckOrders($first: Int!, $after: String, $query: String, $withShop: Boolean!) { "
  "shop @include(if: $withShop) { currencyCode ianaTimezone } "
  "ordersCount(query: $query) @include(if: $withShop) { count precision } "
  "orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) { "
  "pageInfo { hasNextPage endCursor } "
  "nodes { id name createdAt updatedAt cancelledAt displayFinancialStatus email discountCode sourceName tags "
  "subtotalPriceSet " MONEY " totalShippingPriceSet " MONEY " totalTaxSet " MONEY " "
  "totalPriceSet " MONEY " totalDiscountsSet " MONEY " totalRefundedSet " MONEY " "
  "lineItems(first: " G_STRINGIFY (LINES_PAGE) ") { pageInfo { hasNextPage endCursor } nodes { ...LiftcheckLine } } "
  "refunds(first: " G_STRINGIFY (REFUNDS_PAGE) ") { " REFUND_FIELDS (REFUND_LINES_PAGE) " } } } } ";

static const char order_lines_query[] =
  "query LiftcheckOrderLines($id: ID!, $after: String) { node(id: $id) { ... on Order { id "
  "lineItems(first: " G_STRINGIFY (MORE_LINES_PAGE) ", after: $after) { pageInfo { hasNextPage endCursor } "
  "nodes { ...LiftcheckLine } } } } } ";

static const char order_refunds_query[] =
  "query LiftcheckOrderRefunds($id: ID!) { node(id: $id) { ... on Order { id "
  "refunds(first: " G_STRINGIFY (MORE_REFUNDS_PAGE) ") { " REFUND_FIELDS (REFUND_LINES_PAGE) " } } } } ";

/* A bulk operation's query: every connection's nodes come as lines of
 * their own, each after its parent (groupObjects). %s: the filter. */
#define BULK_ORDERS_QUERY \
  "{ orders(sortKey: UPDATED_AT%s) { edges { node { " \
  "id name createdAt updatedAt cancelledAt displayFinancialStatus email discountCode sourceName tags " \
  "subtotalPriceSet " MONEY " totalShippingPriceSet " MONEY " totalTaxSet " MONEY " " \
  "totalPriceSet " MONEY " totalDiscountsSet " MONEY " totalRefundedSet " MONEY " " \
  "lineItems { edges { node { id name sku quantity vendor originalUnitPriceSet " MONEY " " \
  "totalDiscountSet " MONEY " } } } " \
  "refunds { id createdAt totalRefundedSet " MONEY " " \
  "refundLineItems { edges { node { quantity subtotalSet " MONEY " lineItem { id } } } } } } } } }"

static const char bulk_run_mutation[] =
  "mutation LiftcheckBulk($query: String!) { bulkOperationRunQuery(query: $query, groupObjects: true) { "
  "bulkOperation { id status errorCode objectCount url } userErrors { field message code } } } ";

static const char bulk_cancel_mutation[] =
  "mutation LiftcheckBulkCancel($id: ID!) { bulkOperationCancel(id: $id) { "
  "bulkOperation { id status } userErrors { field message } } } ";

static const char bulk_status_query[] =
  "query LiftcheckBulkStatus($id: ID!) { node(id: $id) { ... on BulkOperation { "
  "id status errorCode objectCount url } } } ";

static const char shop_query[] =
  "query LiftcheckShop($query: String) { shop { currencyCode ianaTimezone } "
  "ordersCount(query: $query) { count precision } } ";

static const char refund_lines_query[] =
  "query LiftcheckRefundLines($id: ID!, $after: String) { node(id: $id) { ... on Refund { id "
  "refundLineItems(first: " G_STRINGIFY (MORE_REFUND_LINES) ", after: $after) { pageInfo { hasNextPage endCursor } "
  "nodes { ...LiftcheckRefundLine } } } } } ";

/* The API */

void
lc_shopify_wipe_free (char *text)
{
  if (text == NULL)
    return;
  memset (text, 0, strlen (text));
  g_free (text);
}

void
lc_shopify_sync_result_free (LcShopifySyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

char *
lc_shopify_normalize_shop (const char  *shop,
                           GError     **error)
{
  g_autofree char *name = NULL;
  const char *p;
  gsize len;

  g_return_val_if_fail (shop != NULL, NULL);

  name = g_ascii_strdown (shop, -1);
  g_strstrip (name);
  /* What the admin's address bar shows is pasted as often as the name. */
  if (g_str_has_prefix (name, "https://"))
    memmove (name, name + 8, strlen (name + 8) + 1);
  len = strlen (name);
  while (len > 0 && name[len - 1] == '/')
    name[--len] = '\0';
  if (g_str_has_suffix (name, ".myshopify.com"))
    name[len - strlen (".myshopify.com")] = '\0';

  for (p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      break;
  if (name[0] == '\0' || *p != '\0' || name[0] == '-' || strlen (name) > 60)
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP,
                   _("“%s” is not a Shopify shop name. Give the name in your shop’s admin address, "
                     "such as “my-store” or “my-store.myshopify.com”."),
                   shop);
      return NULL;
    }
  return g_strconcat (name, ".myshopify.com", NULL);
}

typedef struct
{
  LcStore                 *store;
  const char              *shop;
  char                    *url;
  const char              *token;
  SoupSession             *session;
  GCancellable            *cancellable;
  LcShopifyProgressFunc    progress;
  gpointer                 progress_data;
  double                   time_scale;

  guint                    exponent;
  GString                 *scratch;         /* for customer hashes */
  GTimeZone               *timezone;

  /* The bucket as the last response left it. */
  guint                    orders_page;     /* orders asked for at once */
  gboolean                 have_bucket;
  double                   bucket_available;
  double                   bucket_maximum;
  double                   bucket_restore;
  double                   order_cost;      /* what one more order adds to a page's requested cost */
  gint64                   bucket_time_us;

  LcShopifySyncResult     *result;
  LcOrderWriter           *writer;
  gboolean                 in_transaction;
  gint64                   import_id;
  gint64                   orders_read;
  gint64                   orders_count;
  gint64                   oldest_created;
  gboolean                 warned_lost_refund_lines;
  gboolean                 warned_hidden_email;
} Sync;

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean cancelled;
} Waiter;

static void
waiter_cancelled (GCancellable *cancellable,
                  Waiter       *waiter)
{
  g_mutex_lock (&waiter->mutex);
  waiter->cancelled = TRUE;
  g_cond_signal (&waiter->cond);
  g_mutex_unlock (&waiter->mutex);
}

/* Waits seconds (already scaled), or until cancelled. */
static gboolean
wait_seconds (Sync     *sync,
              double    seconds,
              GError  **error)
{
  Waiter waiter = { 0 };
  gint64 end;
  gulong handler = 0;

  if (seconds <= 0)
    return !g_cancellable_set_error_if_cancelled (sync->cancellable, error);
  g_debug ("waiting %.3f s before the next request", seconds);
  g_mutex_init (&waiter.mutex);
  g_cond_init (&waiter.cond);
  if (sync->cancellable != NULL)
    handler = g_cancellable_connect (sync->cancellable, G_CALLBACK (waiter_cancelled), &waiter, NULL);
  end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  g_mutex_lock (&waiter.mutex);
  while (!waiter.cancelled && g_cond_wait_until (&waiter.cond, &waiter.mutex, end))
    ;
  g_mutex_unlock (&waiter.mutex);
  if (sync->cancellable != NULL)
    g_cancellable_disconnect (sync->cancellable, handler);
  g_mutex_clear (&waiter.mutex);
  g_cond_clear (&waiter.cond);
  return !g_cancellable_set_error_if_cancelled (sync->cancellable, error);
}

static void
remember_bucket (Sync                *sync,
                 const LcShopifyPage *page)
{
  g_debug ("query cost %.0f asked, %.0f charged; %.0f of %.0f points left, %.0f a second",
           page->requested_cost, page->actual_cost, page->currently_available, page->maximum_available,
           page->restore_rate);
  if (page->restore_rate <= 0)
    return;
  sync->have_bucket = TRUE;
  sync->bucket_available = page->currently_available;
  sync->bucket_maximum = page->maximum_available;
  sync->bucket_restore = page->restore_rate;
  sync->bucket_time_us = g_get_monotonic_time ();
}

/* Before a request: waits until the bucket, refilling since the last
 * response, holds what the query may cost (Shopify admits it only then). */
static gboolean
wait_for_bucket (Sync    *sync,
                 double   cost,
                 GError **error)
{
  LcShopifyPage now = { 0 };
  double elapsed;

  if (!sync->have_bucket)
    return TRUE;
  elapsed = (g_get_monotonic_time () - sync->bucket_time_us) / (double) G_USEC_PER_SEC / sync->time_scale;
  now.restore_rate = sync->bucket_restore;
  now.maximum_available = sync->bucket_maximum;
  now.currently_available = MIN (sync->bucket_maximum, sync->bucket_available + elapsed * sync->bucket_restore);
  return wait_seconds (sync, _lc_shopify_throttle_wait (&now, cost) * sync->time_scale, error);
}

static gboolean
network_error (Sync         *sync,
               const GError *cause,
               GError      **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return FALSE;
    }
  if (cause->domain == G_TLS_ERROR)
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK,
                 _("The connection to %s is not safe: its certificate could not be checked (%s). "
                   "Liftcheck sent nothing and stopped; the store is as it was. Check the shop name, and that "
                   "no network filter stands between this computer and Shopify."),
                 sync->shop, cause->message);
  else
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK,
                 _("Could not reach %s: %s. Check the internet connection and sync again; "
                   "the store is as it was."),
                 sync->shop, cause->message);
  return FALSE;
}

static void
set_http_error (Sync     *sync,
                guint     status,
                GError  **error)
{
  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED,
                 _("Shopify refused the access token for %s: it is wrong, has expired or was revoked. "
                   "For an app made in Shopify’s Dev Dashboard, connect again with its client ID and secret "
                   "(its tokens last a day); for an app made in Shopify admin (Settings, Apps and sales "
                   "channels, Develop apps), copy its Admin API access token again. The store is as it was."),
                 sync->shop);
  else if (status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_FORBIDDEN,
                 _("Shopify did not let the app made for Liftcheck read the orders of %s. Give the app the Admin "
                   "API scope read_orders (and read_all_orders for orders older than 60 days), install it again "
                   "and connect again. The store is as it was."),
                 sync->shop);
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP,
                 _("Shopify has no shop at %s, or no longer offers the API version asked for. Check the shop "
                   "name in your admin’s address. The store is as it was."),
                 sync->shop);
  else if (status == SOUP_STATUS_PAYMENT_REQUIRED || status == 423)
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_FORBIDDEN,
                 _("Shopify says %s is frozen or locked (HTTP %u), so its orders cannot be read. "
                   "The store is as it was."),
                 sync->shop, status);
  else
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                 _("Shopify answered the request for %s’s orders with HTTP %u %s, which Liftcheck did not "
                   "expect. The store is as it was."),
                 sync->shop, status, soup_status_get_phrase (status) != NULL ? soup_status_get_phrase (status) : "");
}

static double
retry_after (SoupMessage *message)
{
  const char *text = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  char *end = NULL;
  double value;

  if (text == NULL)
    return -1;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < 0)
    return -1;
  return value;
}

static char *
request_body (const char *query,
              const char *fragments,
              JsonNode   *variables)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = g_strconcat (query, fragments, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "variables");
  json_builder_add_value (builder, variables);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* One query, retried while Shopify throttles it or fails for a moment.
 * With may_shrink, a query Shopify finds too costly comes back as a page
 * with that error, for the caller to ask for fewer orders. */
static LcShopifyPage *
run_query (Sync        *sync,
           const char  *body,
           double       cost,
           gboolean     may_shrink,
           GError     **error)
{
  double waited = 0;
  double backoff = FIRST_BACKOFF;
  guint last_status = 0;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GBytes) request = NULL;
      g_autoptr(GBytes) response = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(LcShopifyPage) page = NULL;
      SoupMessageHeaders *headers;
      double delay;
      guint status;

      if (!wait_for_bucket (sync, cost, error))
        return NULL;

      message = soup_message_new (SOUP_METHOD_POST, sync->url);
      if (message == NULL)
        {
          g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP,
                       _("“%s” is not an address Liftcheck can connect to."), sync->url);
          return NULL;
        }
      headers = soup_message_get_request_headers (message);
      soup_message_headers_replace (headers, "X-Shopify-Access-Token", sync->token);
      soup_message_headers_replace (headers, "Accept", "application/json");
      request = g_bytes_new_static (body, strlen (body));
      soup_message_set_request_body_from_bytes (message, "application/json", request);

      response = soup_session_send_and_read (sync->session, message, sync->cancellable, &local_error);
      if (response == NULL)
        {
          network_error (sync, local_error, error);
          return NULL;
        }
      status = soup_message_get_status (message);
      last_status = status;

      delay = -1;
      if (status == 429 || (status >= 500 && status < 600))
        {
          delay = retry_after (message);
          if (delay < 0)
            delay = backoff;
          g_debug ("HTTP %u: retrying in %.1f s", status, delay);
        }
      else if (status != SOUP_STATUS_OK)
        {
          set_http_error (sync, status, error);
          return NULL;
        }
      else
        {
          gsize length;
          const char *data = g_bytes_get_data (response, &length);

          page = _lc_shopify_parse_page (data != NULL ? data : "", length, sync->exponent, &local_error);
          if (page == NULL)
            {
              g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                           _("Shopify’s answer for %s could not be read: %s. The store is as it was; "
                             "if this keeps happening, try another API version."),
                           sync->shop, local_error->message);
              return NULL;
            }
          remember_bucket (sync, page);
          if (page->error_message == NULL)
            return g_steal_pointer (&page);
          if (g_strcmp0 (page->error_code, "THROTTLED") == 0)
            {
              delay = _lc_shopify_throttle_wait (page, page->requested_cost > 0 ? page->requested_cost : cost);
              if (delay <= 0)
                delay = backoff;
              /* The bucket is accounted for by this wait. */
              sync->have_bucket = FALSE;
              g_debug ("throttled: retrying in %.2f s", delay);
            }
          else if (may_shrink && g_strcmp0 (page->error_code, "MAX_COST_EXCEEDED") == 0 && sync->orders_page > 1)
            {
              /* The caller asks again for fewer orders at once. */
              return g_steal_pointer (&page);
            }
          else if (g_strcmp0 (page->error_code, "ACCESS_DENIED") == 0)
            {
              set_http_error (sync, SOUP_STATUS_FORBIDDEN, error);
              return NULL;
            }
          else
            {
              g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                           _("Shopify refused Liftcheck’s query for %s’s orders: “%s”. The store is as it was; "
                             "if this keeps happening, try another API version."),
                           sync->shop, page->error_message);
              return NULL;
            }
        }

      if (attempt >= MAX_ATTEMPTS || waited + delay > MAX_TOTAL_WAIT)
        {
          if (last_status == SOUP_STATUS_OK || last_status == 429)
            g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_THROTTLED,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Shopify kept asking Liftcheck to slow down (%u try). Other apps may be "
                                      "using %s’s allowance; sync again later. The store is as it was.",
                                      "Shopify kept asking Liftcheck to slow down (%u tries). Other apps may be "
                                      "using %s’s allowance; sync again later. The store is as it was.",
                                      attempt),
                         attempt, sync->shop);
          else
            g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_THROTTLED,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Shopify kept failing (HTTP %u, %u try); it may be having trouble. "
                                      "Sync again later. The store is as it was.",
                                      "Shopify kept failing (HTTP %u, %u tries); it may be having trouble. "
                                      "Sync again later. The store is as it was.",
                                      attempt),
                         last_status, attempt);
          return NULL;
        }
      if (!wait_seconds (sync, delay * sync->time_scale, error))
        return NULL;
      waited += delay;
      backoff = MIN (backoff * 2, MAX_BACKOFF);
    }
}

static LcShopifyPage *
query_node (Sync               *sync,
            LcShopifyPageKind   kind,
            const char         *query,
            const char         *fragments,
            const char         *id,
            const char         *after,
            GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) variables = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  if (after != NULL)
    {
      json_builder_set_member_name (builder, "after");
      json_builder_add_string_value (builder, after);
    }
  json_builder_end_object (builder);
  variables = json_builder_get_root (builder);
  body = request_body (query, fragments, g_steal_pointer (&variables));
  return run_query (sync, body, _lc_shopify_query_cost (kind, 0), FALSE, error);
}

static gboolean
check_node_answer (Sync               *sync,
                   LcShopifyPage      *page,
                   LcShopifyPageKind   kind,
                   GError            **error)
{
  if (page->kind != kind)
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                   _("Shopify’s answer for %s could not be read: %s. The store is as it was; "
                     "if this keeps happening, try another API version."),
                   sync->shop, _("it is not the answer to the question asked"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
complete_refund_lines (Sync             *sync,
                       LcShopifyRefund  *refund,
                       GError          **error)
{
  while (refund->lines_cursor != NULL)
    {
      g_autoptr(LcShopifyPage) page = query_node (sync, LC_SHOPIFY_PAGE_REFUND_LINES, refund_lines_query, refund_line_fields,
                                                  refund->id, refund->lines_cursor, error);

      if (page == NULL || !check_node_answer (sync, page, LC_SHOPIFY_PAGE_REFUND_LINES, error))
        return FALSE;
      for (guint i = 0; i < page->refund_lines->len; i++)
        {
          LcShopifyRefundLine *line = &g_array_index (page->refund_lines, LcShopifyRefundLine, i);
          LcShopifyRefundLine copy = *line;

          copy.line_item_id = g_steal_pointer (&line->line_item_id);
          g_array_append_val (refund->lines, copy);
        }
      g_free (refund->lines_cursor);
      refund->lines_cursor = g_steal_pointer (&page->end_cursor);
    }
  return TRUE;
}

/* Follow-up queries for what did not fit in the page. */
static gboolean
complete_order (Sync            *sync,
                LcShopifyOrder  *order,
                GError         **error)
{
  while (order->lines_cursor != NULL)
    {
      g_autoptr(LcShopifyPage) page = query_node (sync, LC_SHOPIFY_PAGE_ORDER_LINES, order_lines_query, line_fields,
                                                  order->id, order->lines_cursor, error);

      if (page == NULL || !check_node_answer (sync, page, LC_SHOPIFY_PAGE_ORDER_LINES, error))
        return FALSE;
      for (guint i = 0; i < page->lines->len; i++)
        g_ptr_array_add (order->lines, g_steal_pointer (&g_ptr_array_index (page->lines, i)));
      g_ptr_array_set_free_func (page->lines, NULL);
      g_free (order->lines_cursor);
      order->lines_cursor = g_steal_pointer (&page->end_cursor);
    }

  if (order->more_refunds)
    {
      g_autoptr(LcShopifyPage) page = query_node (sync, LC_SHOPIFY_PAGE_ORDER_REFUNDS, order_refunds_query, refund_line_fields,
                                                  order->id, NULL, error);
      LcShopifyOrder *again;

      if (page == NULL || !check_node_answer (sync, page, LC_SHOPIFY_PAGE_ORDER_REFUNDS, error))
        return FALSE;
      again = g_ptr_array_index (page->orders, 0);
      g_ptr_array_set_size (order->refunds, 0);
      g_ptr_array_extend_and_steal (order->refunds, g_steal_pointer (&again->refunds));
      again->refunds = g_ptr_array_new ();
      if (again->more_refunds)
        {
          g_autofree char *message = NULL;

          /* TRANSLATORS: %s is an order's name, %d a number of refunds */
          message = g_strdup_printf (_("Order %s has more than %d refunds; only the first %d were read, "
                                       "so its returns by product may be short (its refunded total is exact)."),
                                     order->name, MORE_REFUNDS_PAGE, MORE_REFUNDS_PAGE);
          g_ptr_array_add (sync->result->warnings, g_steal_pointer (&message));
        }
    }

  for (guint i = 0; i < order->refunds->len; i++)
    if (!complete_refund_lines (sync, g_ptr_array_index (order->refunds, i), error))
      return FALSE;
  return TRUE;
}

/* A UTC time on the shop's calendar. */
static LcTimestamp
shop_time (Sync   *sync,
           gint64  utc)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = NULL;
  LcTimestamp ts = { 0 };

  ts.utc = utc;
  ts.has_offset = TRUE;
  if (when == NULL)
    return ts;
  local = g_date_time_to_timezone (when, sync->timezone);
  ts.offset = (gint32) (g_date_time_get_utc_offset (local) / G_USEC_PER_SEC);
  ts.local_day = lc_day_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                                  g_date_time_get_day_of_month (local));
  return ts;
}

static const char *
numeric_id (const char *gid)
{
  const char *slash = strrchr (gid, '/');

  return slash != NULL ? slash + 1 : gid;
}

/* An order a CSV export without order ids put in the store is keyed by its
 * name: it becomes this order, to be updated rather than doubled. */
static gboolean
take_over_named_order (Sync        *sync,
                       const char  *source_id,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *named = g_strconcat ("shopify-name:", name, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lc_store_prepare (sync->store, "UPDATE OR IGNORE orders SET source_id = ? WHERE source_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, named, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (sync->store, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_order (Sync            *sync,
             LcShopifyOrder  *order,
             GError         **error)
{
  g_autoptr(GHashTable) line_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *source_id = g_strconcat ("shopify:", numeric_id (order->id), NULL);
  LcOrderFields fields = { 0 };
  LcOrderWritten written;
  char customer_hash[33] = "";

  if (!take_over_named_order (sync, source_id, order->name, error))
    return FALSE;

  fields.source_id = source_id;
  fields.name = order->name;
  fields.created = shop_time (sync, order->created_utc);
  fields.financial_status = order->financial_status;
  fields.cancelled = order->cancelled_utc >= 0;
  fields.cancelled_utc = MAX (order->cancelled_utc, 0);
  fields.subtotal = order->subtotal;
  fields.shipping = order->shipping;
  fields.taxes = order->taxes;
  fields.total = order->total;
  fields.discount = order->discount;
  fields.refunded = order->refunded;
  fields.discount_code = order->discount_code;
  fields.source = order->source;
  fields.tags = order->tags;
  /* The same hash as the CSV importer's, so the same customer matches
   * across both; the e-mail itself is not kept. */
  if (order->email != NULL && _lc_import_hash_customer (sync->store, order->email, sync->scratch, customer_hash))
    fields.customer_hash = customer_hash;
  _lc_order_writer_begin_order (sync->writer, &fields);

  for (guint i = 0; i < order->lines->len; i++)
    {
      LcShopifyLine *line = g_ptr_array_index (order->lines, i);
      LcLineFields fields_of_line = { 0 };

      fields_of_line.quantity = line->quantity;
      fields_of_line.price = line->price;
      fields_of_line.compare_at = -1;
      fields_of_line.discount = line->discount;
      /* As in the CSV export: tips are money for staff, not goods. */
      fields_of_line.is_tip = g_str_equal (line->name, "Tip") && line->sku == NULL;
      fields_of_line.name = line->name;
      fields_of_line.sku = line->sku;
      fields_of_line.vendor = line->vendor;
      _lc_order_writer_add_line (sync->writer, &fields_of_line);
      g_hash_table_insert (line_index, line->id, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < order->refunds->len; i++)
    {
      LcShopifyRefund *refund = g_ptr_array_index (order->refunds, i);
      g_autofree char *refund_id = g_strconcat ("shopify:refund:", numeric_id (refund->id), NULL);
      LcRefundFields refund_fields = { 0 };

      refund_fields.source_id = refund_id;
      refund_fields.created = shop_time (sync, refund->created_utc);
      refund_fields.amount = refund->amount;
      _lc_order_writer_add_refund (sync->writer, &refund_fields);
      for (guint j = 0; j < refund->lines->len; j++)
        {
          LcShopifyRefundLine *line = &g_array_index (refund->lines, LcShopifyRefundLine, j);
          guint index = GPOINTER_TO_UINT (g_hash_table_lookup (line_index, line->line_item_id));

          if (index == 0 || !_lc_order_writer_add_refund_line (sync->writer, index - 1, line->quantity, line->amount))
            {
              if (!sync->warned_lost_refund_lines)
                g_ptr_array_add (sync->result->warnings,
                                 g_strdup_printf (_("Order %s refunds a line item Shopify did not list with it; "
                                                    "that refund counts in the order’s refunded total only."),
                                                  order->name));
              sync->warned_lost_refund_lines = TRUE;
            }
        }
    }

  if (!_lc_order_writer_finish_order (sync->writer, &written, error))
    return FALSE;
  if (written == LC_ORDER_WRITTEN_ADDED)
    sync->result->orders_added++;
  else
    sync->result->orders_updated++;
  sync->result->refunds += order->refunds->len;
  if (sync->oldest_created < 0 || order->created_utc < sync->oldest_created)
    sync->oldest_created = order->created_utc;
  return TRUE;
}

static gboolean
open_log_entry (Sync    *sync,
                GError **error)
{
  sqlite3_stmt *stmt;

  stmt = _lc_store_prepare (sync->store,
                            "INSERT INTO imports (file_name, sha256, kind, rows, orders_added, orders_updated, imported_utc) "
                            "VALUES (?, '', 'shopify-api', 0, 0, 0, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sync->shop, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      _lc_store_set_error (sync->store, error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sync->import_id = sqlite3_last_insert_rowid (_lc_store_get_db (sync->store));
  _lc_order_writer_set_import_id (sync->writer, sync->import_id);
  return TRUE;
}

static gboolean
close_log_entry (Sync    *sync,
                 GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lc_store_prepare (sync->store,
                            "UPDATE imports SET rows = ?, orders_added = ?, orders_updated = ?, imported_utc = ? WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sync->orders_read);
  sqlite3_bind_int64 (stmt, 2, sync->result->orders_added);
  sqlite3_bind_int64 (stmt, 3, sync->result->orders_updated);
  sqlite3_bind_int64 (stmt, 4, sync->result->synced_utc);
  sqlite3_bind_int64 (stmt, 5, sync->import_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (sync->store, error);
      return FALSE;
    }
  return TRUE;
}

/* On the first page: the shop's currency must be the store's. */
static gboolean
start_writing (Sync           *sync,
               LcShopifyPage  *page,
               GError        **error)
{
  const char *currency = lc_store_get_currency (sync->store);

  if (page->currency == NULL)
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                   _("Shopify’s answer for %s could not be read: %s. The store is as it was; "
                     "if this keeps happening, try another API version."),
                   sync->shop, _("it does not say the shop’s currency"));
      return FALSE;
    }
  if (currency != NULL && !g_str_equal (currency, page->currency))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH,
                   _("%s sells in %s, but this store holds orders in %s. Keep each currency in its own store "
                     "file, so that no amounts are mixed: sync %s into a new store. The store is as it was."),
                   sync->shop, page->currency, currency, sync->shop);
      return FALSE;
    }
  sync->exponent = lc_currency_get_exponent (page->currency);
  if (page->timezone != NULL)
    sync->timezone = g_time_zone_new_identifier (page->timezone);
  if (sync->timezone == NULL)
    sync->timezone = g_time_zone_new_utc ();
  sync->orders_count = page->orders_count;

  if (!_lc_store_begin (sync->store, error))
    return FALSE;
  sync->in_transaction = TRUE;
  sync->writer = _lc_order_writer_new (sync->store, error);
  if (sync->writer == NULL)
    return FALSE;
  if (currency == NULL && !_lc_store_set_currency (sync->store, page->currency, error))
    return FALSE;
  return open_log_entry (sync, error);
}

static char *
format_since (gint64 since_utc)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (since_utc);

  return when != NULL ? g_date_time_format (when, "updated_at:>='%Y-%m-%dT%H:%M:%SZ'") : NULL;
}

static gint64
setting_int (LcStore    *store,
             const char *key)
{
  g_autofree char *text = lc_store_dup_setting (store, key);
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return -1;
  value = g_ascii_strtoll (text, &end, 10);
  return end != text && *end == '\0' && value >= 0 ? value : -1;
}

/* The next sync starts where this one did, less a margin, when this one
 * covered everything since the previous start; a sync since a later day
 * leaves a gap before it, so the next one starts where it would have. */
static gboolean
save_settings (Sync     *sync,
               gint64    started_utc,
               gint64    since_utc,
               gint64    previous_since_utc,
               GError  **error)
{
  g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, sync->result->synced_utc);
  g_autofree char *next = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (started_utc - SINCE_MARGIN, 0));
  gboolean complete = since_utc < 0 || (previous_since_utc >= 0 && since_utc <= previous_since_utc);

  return lc_store_set_setting (sync->store, SETTING_SHOP, sync->shop, error) &&
         lc_store_set_setting (sync->store, SETTING_LAST_SYNC, last, error) &&
         (!complete || lc_store_set_setting (sync->store, SETTING_NEXT_SINCE, next, error));
}

static void
warn_if_window_limited (Sync   *sync,
                        gint64  since_utc)
{
  gint64 now = sync->result->synced_utc;
  gint64 age_days;

  if (sync->oldest_created < 0 || (since_utc >= 0 && since_utc > now - VISIBLE_DAYS * 86400))
    return;
  age_days = (now - sync->oldest_created) / 86400;
  /* Without read_all_orders, the oldest order Shopify shows is just under
   * 60 days old. */
  if (age_days >= VISIBLE_DAYS - 5 && age_days <= VISIBLE_DAYS)
    g_ptr_array_add (sync->result->warnings,
                     g_strdup_printf (_("Shopify showed orders from the last %d days only: the oldest is %d days "
                                        "old. If %s is older, give the app made for Liftcheck the read_all_orders "
                                        "scope as well as read_orders, and sync again with its new token."),
                                      VISIBLE_DAYS, (int) age_days, sync->shop));
}

static void
report_progress (Sync *sync)
{
  double fraction = -1;

  if (sync->progress == NULL)
    return;
  if (sync->orders_count > 0)
    fraction = MIN (1.0, (double) sync->orders_read / (double) sync->orders_count);
  sync->progress (sync->orders_read, fraction, sync->progress_data);
}

/* Shopify's word on what a page costs beats the rules' estimate: the
 * next page asks for as many orders as fit under the single-query limit
 * (or the bucket, if smaller) at what each order cost this time. */
static void
adapt_page_size (Sync                *sync,
                 const LcShopifyPage *page,
                 double               overhead)
{
  double limit = MAX_QUERY_COST * PAGE_SHARE;
  double per_order;
  guint size;

  if (page->requested_cost <= 0 || sync->orders_page == 0)
    return;
  if (sync->have_bucket && sync->bucket_maximum > 0)
    limit = MIN (limit, sync->bucket_maximum * PAGE_SHARE);
  per_order = MAX (page->requested_cost - overhead, 1) / sync->orders_page;
  size = _lc_shopify_orders_page_size (limit, per_order);
  if (size != sync->orders_page)
    g_debug ("%.1f points an order: %u orders a page from now on", per_order, size);
  sync->orders_page = size;
  sync->order_cost = per_order;
}

static gboolean
sync_pages (Sync        *sync,
            gint64       since_utc,
            GError     **error)
{
  g_autofree char *filter = since_utc >= 0 ? format_since (since_utc) : NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *fragments = g_strconcat (line_fields, refund_line_fields, NULL);
  double overhead = _lc_shopify_query_cost (LC_SHOPIFY_PAGE_ORDERS, 0);
  gboolean first = TRUE;

  for (;;)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(LcShopifyPage) page = NULL;
      g_autofree char *body = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "first");
      json_builder_add_int_value (builder, sync->orders_page);
      json_builder_set_member_name (builder, "after");
      if (cursor != NULL)
        json_builder_add_string_value (builder, cursor);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "query");
      if (filter != NULL)
        json_builder_add_string_value (builder, filter);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "withShop");
      json_builder_add_boolean_value (builder, first);
      json_builder_end_object (builder);
      body = request_body (orders_query, fragments, json_builder_get_root (builder));

      page = run_query (sync, body, overhead + sync->orders_page * sync->order_cost, TRUE, error);
      if (page == NULL)
        return FALSE;
      if (page->error_message != NULL)
        {
          g_debug ("query too costly for Shopify: %u orders a page from now on", sync->orders_page / 2);
          sync->orders_page /= 2;
          sync->order_cost *= 2;
          continue;
        }
      adapt_page_size (sync, page, overhead);
      if (page->kind != LC_SHOPIFY_PAGE_ORDERS)
        return check_node_answer (sync, page, LC_SHOPIFY_PAGE_ORDERS, error);
      if (first && !start_writing (sync, page, error))
        return FALSE;
      if (page->email_hidden && !sync->warned_hidden_email)
        {
          g_ptr_array_add (sync->result->warnings,
                           g_strdup_printf (_("Shopify did not show the app made for Liftcheck its customers’ "
                                              "e-mail, so repeat customers of %s cannot be told apart. To count "
                                              "them, give the app access to customer e-mail (protected customer "
                                              "data) and sync again; Liftcheck keeps only a scrambled form of it."),
                                            sync->shop));
          sync->warned_hidden_email = TRUE;
        }
      first = FALSE;
      sync->result->pages++;

      for (guint i = 0; i < page->orders->len; i++)
        {
          LcShopifyOrder *order = g_ptr_array_index (page->orders, i);

          if (!complete_order (sync, order, error) || !write_order (sync, order, error))
            return FALSE;
          sync->orders_read++;
        }
      report_progress (sync);
      if (!page->has_next_page)
        return TRUE;
      if (g_strcmp0 (cursor, page->end_cursor) == 0)
        {
          g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                       _("Shopify’s answer for %s could not be read: %s. The store is as it was; "
                         "if this keeps happening, try another API version."),
                       sync->shop, _("it gave the same page twice"));
          return FALSE;
        }
      g_free (cursor);
      cursor = g_steal_pointer (&page->end_cursor);
    }
}

static gboolean
bulk_failed (Sync           *sync,
             LcShopifyPage  *page,
             GError        **error)
{
  if (g_strcmp0 (page->bulk_error_code, "ACCESS_DENIED") == 0)
    set_http_error (sync, SOUP_STATUS_FORBIDDEN, error);
  /* Shopify failing, as after every retry: sync again later. */
  else if (g_str_equal (page->bulk_status, "CANCELED") || g_str_equal (page->bulk_status, "CANCELING"))
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_THROTTLED,
                 _("The export of %s’s orders was cancelled in Shopify before it finished. Sync again; "
                   "the store is as it was."),
                 sync->shop);
  else
    g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_THROTTLED,
                 /* TRANSLATORS: the first %s is a shop, the second Shopify's status and error code */
                 _("Shopify could not export %s’s orders (%s). Sync again later; the store is as it was."),
                 sync->shop, page->bulk_error_code != NULL ? page->bulk_error_code : page->bulk_status);
  return FALSE;
}

/* Cancel in Liftcheck cancels the export in Shopify too, which would
 * otherwise run on for minutes and hold up the shop's next bulk operation
 * (one at a time). The last request of the sync: short, not itself
 * cancellable, and whatever it answers changes nothing here. */
static void
cancel_bulk_operation (Sync       *sync,
                       const char *id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  char *body;

  if (id == NULL || (message = soup_message_new (SOUP_METHOD_POST, sync->url)) == NULL)
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);
  body = request_body (bulk_cancel_mutation, "", json_builder_get_root (builder));
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "X-Shopify-Access-Token", sync->token);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_set_request_body_from_bytes (message, "application/json",
                                            g_bytes_new_take (body, strlen (body)));
  g_object_set (sync->session, "timeout", BULK_CANCEL_TIMEOUT, NULL);
  response = soup_session_send_and_read (sync->session, message, NULL, &error);
  if (response == NULL)
    g_debug ("the bulk operation could not be cancelled in Shopify: %s", error->message);
  else
    g_debug ("bulk operation cancelled in Shopify: HTTP %u", soup_message_get_status (message));
}

/* Runs the bulk operation and waits until Shopify has finished it;
 * *out_started says whether Shopify took it on. */
static LcShopifyPage *
run_bulk_operation (Sync        *sync,
                    gint64       since_utc,
                    gboolean    *out_started,
                    GError     **error)
{
  g_autofree char *filter = since_utc >= 0 ? format_since (since_utc) : NULL;
  g_autofree char *argument = filter != NULL ? g_strdup_printf (", query: \"%s\"", filter) : g_strdup ("");
  g_autofree char *query = g_strdup_printf (BULK_ORDERS_QUERY, argument);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(LcShopifyPage) page = NULL;
  g_autofree char *body = NULL;
  double delay = BULK_FIRST_POLL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query);
  json_builder_end_object (builder);
  body = request_body (bulk_run_mutation, "", json_builder_get_root (builder));
  page = run_query (sync, body, _lc_shopify_query_cost (LC_SHOPIFY_PAGE_BULK, 0), FALSE, error);
  /* Shopify's refusal to start it (userErrors) failed run_query. */
  if (page == NULL || !check_node_answer (sync, page, LC_SHOPIFY_PAGE_BULK, error))
    return NULL;
  *out_started = TRUE;

  for (;;)
    {
      g_autofree char *id = NULL;
      g_autoptr(GError) local_error = NULL;

      if (sync->progress != NULL && !g_str_equal (page->bulk_status, "COMPLETED"))
        sync->progress (LC_SHOPIFY_PREPARING, -1, sync->progress_data);

      if (g_str_equal (page->bulk_status, "COMPLETED"))
        return g_steal_pointer (&page);
      if (!g_str_equal (page->bulk_status, "CREATED") && !g_str_equal (page->bulk_status, "RUNNING"))
        {
          bulk_failed (sync, page, error);
          return NULL;
        }
      id = g_steal_pointer (&page->bulk_id);
      g_clear_pointer (&page, _lc_shopify_page_free);
      if (wait_seconds (sync, delay * sync->time_scale, &local_error))
        page = query_node (sync, LC_SHOPIFY_PAGE_BULK, bulk_status_query, "", id, NULL, &local_error);
      if (page == NULL || !check_node_answer (sync, page, LC_SHOPIFY_PAGE_BULK, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            cancel_bulk_operation (sync, id);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      delay = MIN (delay * 1.5, BULK_MAX_POLL);
    }
}

static gboolean
download_failed (Sync         *sync,
                 const GError *cause,
                 GError      **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return FALSE;
    }
  g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK,
               _("The download of %s’s orders from Shopify broke off (%s). Check the internet connection and "
                 "sync again; the store is as it was."),
               sync->shop, cause->message);
  return FALSE;
}

static gboolean
write_bulk_order (Sync            *sync,
                  LcShopifyOrder  *order,
                  GError         **error)
{
  if (!write_order (sync, order, error))
    return FALSE;
  sync->orders_read++;
  if (sync->orders_read % BULK_PROGRESS_EVERY == 0)
    report_progress (sync);
  return TRUE;
}

/* Reads the JSON Lines a line at a time into the order writer: only the
 * order being read is in memory. */
static gboolean
read_bulk_result (Sync        *sync,
                  const char  *url,
                  gint64       objects,
                  GError     **error)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(LcShopifyBulkReader) reader = _lc_shopify_bulk_reader_new (sync->exponent);
  g_autoptr(LcShopifyOrder) last = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 lines = 0;
  guint status;

  if (message == NULL)
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                   _("Shopify’s answer for %s could not be read: %s. The store is as it was; "
                     "if this keeps happening, try another API version."),
                   sync->shop, _("its download link is not an address"));
      return FALSE;
    }
  /* The download is on another host, by a signed link: no token goes there. */
  stream = soup_session_send (sync->session, message, sync->cancellable, &local_error);
  if (stream == NULL)
    return network_error (sync, local_error, error);
  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK,
                   _("Shopify’s export of %s’s orders could not be downloaded (HTTP %u): its link may have "
                     "expired. Sync again; the store is as it was."),
                   sync->shop, status);
      return FALSE;
    }

  data = g_data_input_stream_new (stream);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_LF);
  for (;;)
    {
      g_autoptr(LcShopifyOrder) finished = NULL;
      gsize length = 0;
      char *line = g_data_input_stream_read_line (data, &length, sync->cancellable, &local_error);
      gboolean ok;

      if (line == NULL)
        {
          if (local_error != NULL)
            return download_failed (sync, local_error, error);
          break;
        }
      lines++;
      ok = _lc_shopify_bulk_reader_add_line (reader, line, length, &finished, &local_error);
      /* A line holds a customer's e-mail: no copy stays in freed memory. */
      memset (line, 0, length);
      g_free (line);
      if (!ok)
        {
          g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                       _("Shopify’s answer for %s could not be read: %s. The store is as it was; "
                         "if this keeps happening, try another API version."),
                       sync->shop, local_error->message);
          return FALSE;
        }
      if (finished != NULL && !write_bulk_order (sync, finished, error))
        return FALSE;
    }
  last = _lc_shopify_bulk_reader_finish (reader);
  if (last != NULL && !write_bulk_order (sync, last, error))
    return FALSE;
  /* A download that ends early between two lines still says so. */
  if (objects >= 0 && lines < objects)
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK,
                   _("The download of %s’s orders from Shopify broke off (%s). Check the internet connection and "
                     "sync again; the store is as it was."),
                   sync->shop, _("fewer lines came than Shopify announced"));
      return FALSE;
    }
  sync->result->pages++;
  report_progress (sync);
  return TRUE;
}

/* A first sync, or one of many months: Shopify exports the orders in the
 * background, and Liftcheck downloads the file. */
static gboolean
sync_bulk (Sync     *sync,
           gint64    since_utc,
           GError  **error)
{
  g_autoptr(LcShopifyPage) operation = NULL;
  g_autoptr(LcShopifyPage) shop = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *filter = since_utc >= 0 ? format_since (since_utc) : NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean started = FALSE;

  operation = run_bulk_operation (sync, since_utc, &started, &local_error);
  /* An API version without bulk operations as asked for, or a shop that
   * is exporting already: pages do, slower. An export refused for want of
   * a scope or of customers' e-mail: pages say which, and go on without
   * the e-mail. */
  if (operation == NULL &&
      ((!started && g_error_matches (local_error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE)) ||
       g_error_matches (local_error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_FORBIDDEN)))
    {
      g_debug ("no bulk operation (%s): reading pages", local_error->message);
      return sync_pages (sync, since_utc, error);
    }
  if (operation == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  if (filter != NULL)
    json_builder_add_string_value (builder, filter);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  body = request_body (shop_query, "", json_builder_get_root (builder));
  shop = run_query (sync, body, _lc_shopify_query_cost (LC_SHOPIFY_PAGE_SHOP, 0), FALSE, error);
  if (shop == NULL || !check_node_answer (sync, shop, LC_SHOPIFY_PAGE_SHOP, error) ||
      !start_writing (sync, shop, error))
    return FALSE;
  report_progress (sync);
  if (operation->bulk_url == NULL)
    return TRUE;
  return read_bulk_result (sync, operation->bulk_url, operation->bulk_objects, error);
}

static gint bulk_disabled;

void
_lc_shopify_set_bulk (gboolean enabled)
{
  g_atomic_int_set (&bulk_disabled, !enabled);
}

static gboolean
use_bulk (gint64 since_utc,
          gint64 now_utc)
{
  if (g_atomic_int_get (&bulk_disabled))
    return FALSE;
  return since_utc < 0 || since_utc < now_utc - BULK_AFTER_DAYS * 86400;
}

static char *
base_url (const char *shop,
          const char *endpoint)
{
  char *base;

  if (endpoint == NULL)
    return g_strconcat ("https://", shop, NULL);
  base = g_strdup (endpoint);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  return base;
}

LcShopifySyncResult *
lc_store_shopify_sync (LcStore                    *store,
                       const LcShopifySyncOptions *options,
                       LcShopifyProgressFunc       progress,
                       gpointer                    progress_data,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *base = NULL;
  g_autofree char *known_shop = NULL;
  g_autofree char *token = NULL;
  Sync sync = { 0 };
  gint64 started_utc = g_get_real_time () / G_USEC_PER_SEC;
  gint64 since_utc;
  gint64 previous_since_utc;
  gboolean ok;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL && options->shop != NULL, NULL);

  shop = lc_shopify_normalize_shop (options->shop, error);
  if (shop == NULL)
    return NULL;
  token = g_strdup (options->token != NULL ? options->token : "");
  /* A token pasted with its line break still works. */
  g_strstrip (token);
  if (token[0] == '\0')
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED,
                   _("No access token was given for %s. Make an app for Liftcheck in Shopify’s Dev Dashboard "
                     "with the read_orders scope and install it on the shop."),
                   shop);
      return NULL;
    }

  base = base_url (shop, options->endpoint);

  since_utc = options->since_utc;
  for (const char *p = token; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f)
      {
        g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED,
                     _("The access token for %s has spaces or characters no Shopify token has. "
                       "Copy it again, whole and alone."),
                     shop);
        return NULL;
      }

  /* One store, one shop: two shops' orders would mix in every figure. */
  known_shop = lc_store_dup_setting (store, SETTING_SHOP);
  if (known_shop != NULL && !g_str_equal (known_shop, shop))
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP,
                   _("This store holds the orders of %s, not of %s. Sync %s into a store file of its own, "
                     "so that the two shops’ figures do not mix."),
                   known_shop, shop, shop);
      return NULL;
    }
  previous_since_utc = known_shop != NULL ? setting_int (store, SETTING_NEXT_SINCE) : -1;
  if (since_utc < 0)
    since_utc = previous_since_utc;

  result = g_new0 (LcShopifySyncResult, 1);
  result->warnings = g_ptr_array_new_with_free_func (g_free);

  sync.store = store;
  sync.shop = shop;
  sync.url = g_strdup_printf ("%s/admin/api/%s/graphql.json", base,
                              options->api_version != NULL ? options->api_version : LC_SHOPIFY_DEFAULT_API_VERSION);
  sync.token = token;
  sync.cancellable = cancellable;
  sync.progress = progress;
  sync.progress_data = progress_data;
  sync.time_scale = _lc_shopify_time_scale ();
  sync.exponent = lc_store_get_exponent (store);
  sync.scratch = g_string_new (NULL);
  sync.result = result;
  sync.orders_count = -1;
  sync.order_cost = _lc_shopify_query_cost (LC_SHOPIFY_PAGE_ORDERS, 1) -
                    _lc_shopify_query_cost (LC_SHOPIFY_PAGE_ORDERS, 0);
  sync.orders_page = _lc_shopify_orders_page_size (MAX_QUERY_COST * PAGE_SHARE, sync.order_cost);
  sync.oldest_created = -1;
  /* No accept-certificate handler: a certificate that does not check out
   * fails the request. */
  sync.session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                                "user-agent", "Liftcheck/" PACKAGE_VERSION, NULL);

  if (use_bulk (since_utc, started_utc))
    ok = sync_bulk (&sync, since_utc, error);
  else
    ok = sync_pages (&sync, since_utc, error);
  result->synced_utc = g_get_real_time () / G_USEC_PER_SEC;
  if (ok)
    ok = _lc_order_writer_flush (sync.writer, error) &&
         close_log_entry (&sync, error) &&
         save_settings (&sync, started_utc, since_utc, previous_since_utc, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         _lc_store_commit (store, error);
  if (!ok && sync.in_transaction)
    _lc_store_rollback (store);
  if (ok)
    warn_if_window_limited (&sync, since_utc);

  g_clear_pointer (&sync.writer, _lc_order_writer_free);
  g_clear_pointer (&sync.timezone, g_time_zone_unref);
  g_clear_object (&sync.session);
  g_free (sync.url);
  /* The last e-mail hashed leaves no copy behind. */
  memset (sync.scratch->str, 0, sync.scratch->allocated_len);
  g_string_free (sync.scratch, TRUE);
  memset (token, 0, strlen (token));
  if (!ok)
    return NULL;
  return g_steal_pointer (&result);
}

/* Dev Dashboard apps: the client credentials grant */

static gboolean
has_scope (const char *scopes,
           const char *wanted)
{
  g_auto(GStrv) parts = g_strsplit (scopes, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (g_strstrip (parts[i]), wanted))
      return TRUE;
  return FALSE;
}

char *
lc_shopify_request_access_token (const char    *shop,
                                 const char    *client_id,
                                 const char    *client_secret,
                                 const char    *endpoint,
                                 gint64        *out_expires_in,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autofree char *domain = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *form = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  Sync sync = { 0 };
  JsonNode *root;
  JsonObject *object = NULL;
  const char *token;
  const char *scopes;
  double expires_in = 0;
  guint status;

  g_return_val_if_fail (shop != NULL && client_id != NULL && client_secret != NULL, NULL);

  domain = lc_shopify_normalize_shop (shop, error);
  if (domain == NULL)
    return NULL;
  sync.shop = domain;
  base = base_url (domain, endpoint);
  url = g_strconcat (base, "/admin/oauth/access_token", NULL);
  id = g_uri_escape_string (client_id, NULL, FALSE);
  secret = g_uri_escape_string (client_secret, NULL, FALSE);
  form = g_strdup_printf ("grant_type=client_credentials&client_id=%s&client_secret=%s", id, secret);

  message = soup_message_new (SOUP_METHOD_POST, url);
  if (message == NULL)
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP,
                   _("“%s” is not an address Liftcheck can connect to."), url);
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  request = g_bytes_new_static (form, strlen (form));
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", request);
  session = soup_session_new_with_options ("timeout", 60, "user-agent", "Liftcheck/" PACKAGE_VERSION, NULL);
  response = soup_session_send_and_read (session, message, cancellable, &local_error);
  /* The secret leaves no copy behind in freed memory. */
  memset (form, 0, strlen (form));
  memset (secret, 0, strlen (secret));
  if (response == NULL)
    {
      network_error (&sync, local_error, error);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED,
                   _("Shopify refused the app’s client ID and secret for %s. In the Dev Dashboard, open the app "
                     "made for Liftcheck, check that it is installed on %s, and copy its client ID and secret "
                     "from Settings again."),
                   domain, domain);
      return NULL;
    }
  if (status != SOUP_STATUS_OK)
    {
      set_http_error (&sync, status, error);
      return NULL;
    }
  if (json_parser_load_from_data (parser, g_bytes_get_data (response, NULL), g_bytes_get_size (response), NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);
  token = _lc_shopify_json_get_string (object, "access_token");
  if (token == NULL || token[0] == '\0')
    {
      g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
                   _("Shopify’s answer for %s could not be read: %s. The store is as it was; "
                     "if this keeps happening, try another API version."),
                   domain, _("it gives no access token"));
      return NULL;
    }
  scopes = _lc_shopify_json_get_string (object, "scope");
  if (scopes != NULL && !has_scope (scopes, "read_orders"))
    {
      set_http_error (&sync, SOUP_STATUS_FORBIDDEN, error);
      return NULL;
    }
  if (out_expires_in != NULL)
    *out_expires_in = _lc_shopify_json_get_number (object, "expires_in", &expires_in) ? (gint64) expires_in : -1;
  return g_strdup (token);
}

typedef struct
{
  char *shop;
  char *client_id;
  char *client_secret;
  char *endpoint;
} TokenTaskData;

static void
token_task_data_free (TokenTaskData *data)
{
  g_free (data->shop);
  g_free (data->client_id);
  lc_shopify_wipe_free (data->client_secret);
  g_free (data->endpoint);
  g_free (data);
}

static void
token_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TokenTaskData *data = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  GError *error = NULL;
  char *token;

  g_main_context_push_thread_default (context);
  token = lc_shopify_request_access_token (data->shop, data->client_id, data->client_secret, data->endpoint,
                                           NULL, cancellable, &error);
  g_main_context_pop_thread_default (context);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

void
lc_shopify_request_access_token_async (const char          *shop,
                                       const char          *client_id,
                                       const char          *client_secret,
                                       const char          *endpoint,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TokenTaskData *data;

  g_return_if_fail (shop != NULL && client_id != NULL && client_secret != NULL);

  data = g_new0 (TokenTaskData, 1);
  data->shop = g_strdup (shop);
  data->client_id = g_strdup (client_id);
  data->client_secret = g_strdup (client_secret);
  data->endpoint = g_strdup (endpoint);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_shopify_request_access_token_async);
  g_task_set_task_data (task, data, (GDestroyNotify) token_task_data_free);
  g_task_run_in_thread (task, token_thread);
}

char *
lc_shopify_request_access_token_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Off the calling thread */

typedef struct
{
  char                  *store_path;
  char                  *shop;
  char                  *token;
  char                  *api_version;
  char                  *endpoint;
  gint64                 since_utc;
  LcShopifyProgressFunc  progress;
  gpointer               progress_data;
} SyncTaskData;

static void
sync_task_data_free (SyncTaskData *data)
{
  g_free (data->store_path);
  g_free (data->shop);
  lc_shopify_wipe_free (data->token);
  g_free (data->api_version);
  g_free (data->endpoint);
  g_free (data);
}

static void
deliver_progress (GTask  *task,
                  gint64  orders,
                  double  fraction)
{
  SyncTaskData *data = g_task_get_task_data (task);

  data->progress (orders, fraction, data->progress_data);
}

static void
forward_progress (gint64   orders,
                  double   fraction,
                  gpointer user_data)
{
  lc_thread_send_progress (user_data, deliver_progress, orders, fraction);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncTaskData *data = task_data;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  LcShopifySyncOptions options = { 0 };
  LcShopifySyncResult *result;
  GError *error = NULL;

  lc_thread_yield_to_ui ();

  /* libsoup works in the thread-default context of the thread using it. */
  g_main_context_push_thread_default (context);
  store = lc_store_open (data->store_path, LC_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_main_context_pop_thread_default (context);
      g_task_return_error (task, error);
      return;
    }
  options.shop = data->shop;
  options.token = data->token;
  options.api_version = data->api_version;
  options.endpoint = data->endpoint;
  options.since_utc = data->since_utc;
  result = lc_store_shopify_sync (store, &options, data->progress != NULL ? forward_progress : NULL, task,
                                  cancellable, &error);
  g_main_context_pop_thread_default (context);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) lc_shopify_sync_result_free);
}

void
lc_shopify_sync_async (const char                 *store_path,
                       const LcShopifySyncOptions *options,
                       LcShopifyProgressFunc       progress,
                       gpointer                    progress_data,
                       GCancellable               *cancellable,
                       GAsyncReadyCallback         callback,
                       gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncTaskData *data;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail (options != NULL);

  data = g_new0 (SyncTaskData, 1);
  data->store_path = g_strdup (store_path);
  data->shop = g_strdup (options->shop);
  data->token = g_strdup (options->token);
  data->api_version = g_strdup (options->api_version);
  data->endpoint = g_strdup (options->endpoint);
  data->since_utc = options->since_utc;
  data->progress = progress;
  data->progress_data = progress_data;

  /* Progress comes in the context the task is made in: the caller's. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_shopify_sync_async);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_task_data_free);
  g_task_run_in_thread (task, sync_thread);
}

LcShopifySyncResult *
lc_shopify_sync_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
lc_store_get_shopify_connection (LcStore  *store,
                                 char    **out_shop,
                                 gint64   *out_last_sync_utc,
                                 GError  **error)
{
  g_autofree char *shop = NULL;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  shop = lc_store_dup_setting (store, SETTING_SHOP);
  if (out_last_sync_utc != NULL)
    *out_last_sync_utc = shop != NULL ? setting_int (store, SETTING_LAST_SYNC) : -1;
  if (out_shop != NULL)
    *out_shop = g_strdup (shop);
  return shop != NULL;
}
