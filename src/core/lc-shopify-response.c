/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-response"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-money.h"
#include "lc-order-writer-private.h"
#include "lc-shopify-sync-private.h"

/*
 * The Admin API's answers, parsed into pages of orders without the network
 * (lc-shopify-sync.c asks the questions). Every field is checked for its
 * type: an answer that is not what Shopify sends fails with
 * LC_SHOPIFY_ERROR_BAD_RESPONSE, naming the order and the field.
 */

static void
shopify_line_free (LcShopifyLine *line)
{
  g_free (line->id);
  g_free (line->name);
  g_free (line->sku);
  g_free (line->vendor);
  g_free (line);
}

static void
refund_line_clear (LcShopifyRefundLine *line)
{
  g_free (line->line_item_id);
}

static GArray *
refund_lines_new (void)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (LcShopifyRefundLine));

  g_array_set_clear_func (lines, (GDestroyNotify) refund_line_clear);
  return lines;
}

static void
shopify_refund_free (LcShopifyRefund *refund)
{
  g_free (refund->id);
  g_clear_pointer (&refund->lines, g_array_unref);
  g_free (refund->lines_cursor);
  g_free (refund);
}

static void
shopify_order_free (LcShopifyOrder *order)
{
  g_free (order->id);
  g_free (order->name);
  g_free (order->financial_status);
  g_free (order->discount_code);
  g_free (order->source);
  g_free (order->tags);
  lc_shopify_wipe_free (order->email);
  g_clear_pointer (&order->lines, g_ptr_array_unref);
  g_free (order->lines_cursor);
  g_clear_pointer (&order->refunds, g_ptr_array_unref);
  g_free (order);
}

void
_lc_shopify_page_free (LcShopifyPage *page)
{
  if (page == NULL)
    return;
  g_free (page->error_code);
  g_free (page->error_message);
  g_free (page->currency);
  g_free (page->timezone);
  g_clear_pointer (&page->orders, g_ptr_array_unref);
  g_clear_pointer (&page->lines, g_ptr_array_unref);
  g_clear_pointer (&page->refund_lines, g_array_unref);
  g_free (page->end_cursor);
  g_free (page->bulk_id);
  g_free (page->bulk_status);
  g_free (page->bulk_error_code);
  g_free (page->bulk_url);
  g_free (page);
}

typedef struct
{
  guint       exponent;
  gboolean    bulk;       /* a bulk operation's line: its connections come as lines of their own */
} Parser;

static gboolean G_GNUC_PRINTF (2, 3)
bad_response (GError    **error,
              const char *format,
              ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE, detail);
  return FALSE;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
_lc_shopify_json_get_string (JsonObject *object,
                             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

gboolean
_lc_shopify_json_get_number (JsonObject *object,
                             const char *name,
                             double     *out)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

/* Shopify's Decimal: "12.5", "-3.00", "1200". Digits beyond the currency's
 * are rounded half away from zero. */
static gboolean
parse_decimal (const char *text,
               guint       exponent,
               gint64     *out)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 value = 0;
  guint digits = 0, decimals = 0;
  gboolean round_up = FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; g_ascii_isdigit (*p); p++, digits++)
    {
      if (digits >= 13)
        return FALSE;
      value = value * 10 + (*p - '0');
    }
  if (digits == 0)
    return FALSE;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (decimals < exponent)
            value = value * 10 + (*p - '0');
          else if (decimals == exponent)
            round_up = *p >= '5';
          else if (decimals > 12)
            return FALSE;
          decimals++;
        }
    }
  if (*p != '\0')
    return FALSE;
  for (; decimals < exponent; decimals++)
    value *= 10;
  if (round_up)
    value++;
  if (value > LC_ORDER_MAX_AMOUNT)
    return FALSE;
  *out = negative ? -value : value;
  return TRUE;
}

/* object.name.shopMoney.amount; 0 when the field is null or absent and
 * not required. */
static gboolean
read_money (Parser      *p,
            JsonObject  *object,
            const char  *name,
            const char  *what,
            gint64      *out,
            GError     **error)
{
  JsonObject *money = get_object (get_object (object, name), "shopMoney");
  const char *amount = _lc_shopify_json_get_string (money, "amount");

  *out = 0;
  if (money == NULL)
    return TRUE;
  if (amount == NULL || !parse_decimal (amount, p->exponent, out))
    return bad_response (error, _("%s has the amount “%s” in “%s”, where a decimal number was expected"),
                         what, amount != NULL ? amount : "null", name);
  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const char  *name,
           const char  *what,
           gboolean     required,
           gint64      *out,
           GError     **error)
{
  const char *text = _lc_shopify_json_get_string (object, name);
  LcTimestamp ts;

  *out = -1;
  if (text == NULL)
    {
      if (required)
        return bad_response (error, _("%s has no “%s”"), what, name);
      return TRUE;
    }
  if (!lc_timestamp_parse (text, &ts, NULL) || !ts.has_offset)
    return bad_response (error, _("%s has the time “%s” in “%s”, where an ISO 8601 time was expected"),
                         what, text, name);
  *out = ts.utc;
  return TRUE;
}

static gboolean
read_count (JsonObject  *object,
            const char  *name,
            const char  *what,
            gint64      *out,
            GError     **error)
{
  double value = 0;

  if (!_lc_shopify_json_get_number (object, name, &value) || value < 0 || value > 1e9 || value != floor (value))
    return bad_response (error, _("%s has no whole number in “%s”"), what, name);
  *out = (gint64) value;
  return TRUE;
}

/* A connection's nodes, with its next cursor when it has more. */
static JsonArray *
read_connection (JsonObject  *connection,
                 const char  *name,
                 const char  *what,
                 char       **out_cursor,
                 GError     **error)
{
  JsonObject *page_info = get_object (connection, "pageInfo");
  JsonNode *has_next = page_info != NULL ? json_object_get_member (page_info, "hasNextPage") : NULL;
  JsonArray *nodes = get_array (connection, "nodes");

  *out_cursor = NULL;
  if (connection == NULL || nodes == NULL)
    {
      bad_response (error, _("%s has no list “%s”"), what, name);
      return NULL;
    }
  if (has_next != NULL && JSON_NODE_HOLDS_VALUE (has_next) &&
      json_node_get_value_type (has_next) == G_TYPE_BOOLEAN && json_node_get_boolean (has_next))
    {
      const char *cursor = _lc_shopify_json_get_string (page_info, "endCursor");

      if (cursor == NULL || cursor[0] == '\0')
        {
          bad_response (error, _("%s says “%s” goes on but gives no cursor"), what, name);
          return NULL;
        }
      *out_cursor = g_strdup (cursor);
    }
  return nodes;
}

static LcShopifyLine *
parse_line (Parser      *p,
            JsonNode    *node,
            const char  *what,
            GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  LcShopifyLine *line;
  const char *id = _lc_shopify_json_get_string (object, "id");
  const char *name = _lc_shopify_json_get_string (object, "name");

  if (object == NULL || id == NULL || name == NULL)
    {
      bad_response (error, _("a line item of %s has no id or name"), what);
      return NULL;
    }
  line = g_new0 (LcShopifyLine, 1);
  line->id = g_strdup (id);
  line->name = g_strdup (name);
  line->sku = dup_nonempty (_lc_shopify_json_get_string (object, "sku"));
  line->vendor = dup_nonempty (_lc_shopify_json_get_string (object, "vendor"));
  if (!read_count (object, "quantity", what, &line->quantity, error) ||
      !read_money (p, object, "originalUnitPriceSet", what, &line->price, error) ||
      !read_money (p, object, "totalDiscountSet", what, &line->discount, error))
    {
      shopify_line_free (line);
      return NULL;
    }
  return line;
}

static gboolean
parse_lines (Parser      *p,
             JsonObject  *object,
             const char  *what,
             GPtrArray   *lines,
             char       **out_cursor,
             GError     **error)
{
  JsonArray *nodes;

  if (p->bulk && !json_object_has_member (object, "lineItems"))
    return TRUE;
  nodes = read_connection (get_object (object, "lineItems"), "lineItems", what, out_cursor, error);
  if (nodes == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      LcShopifyLine *line = parse_line (p, json_array_get_element (nodes, i), what, error);

      if (line == NULL)
        return FALSE;
      g_ptr_array_add (lines, line);
    }
  return TRUE;
}

static gboolean
parse_refund_line (Parser      *p,
                   JsonNode    *node,
                   const char  *what,
                   GArray      *lines,
                   GError     **error)
{
  JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *line_id = _lc_shopify_json_get_string (get_object (item, "lineItem"), "id");
  LcShopifyRefundLine line = { 0 };

  if (line_id == NULL)
    return bad_response (error, _("a refunded line of %s does not say which line item it refunds"), what);
  if (!read_count (item, "quantity", what, &line.quantity, error) ||
      !read_money (p, item, "subtotalSet", what, &line.amount, error))
    return FALSE;
  line.line_item_id = g_strdup (line_id);
  g_array_append_val (lines, line);
  return TRUE;
}

static gboolean
parse_refund_lines (Parser      *p,
                    JsonObject  *object,
                    const char  *what,
                    GArray      *lines,
                    char       **out_cursor,
                    GError     **error)
{
  JsonArray *nodes;

  if (p->bulk && !json_object_has_member (object, "refundLineItems"))
    return TRUE;
  nodes = read_connection (get_object (object, "refundLineItems"), "refundLineItems", what, out_cursor, error);

  if (nodes == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    if (!parse_refund_line (p, json_array_get_element (nodes, i), what, lines, error))
      return FALSE;
  return TRUE;
}

static LcShopifyRefund *
parse_refund (Parser      *p,
              JsonNode    *node,
              const char  *what,
              GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *id = _lc_shopify_json_get_string (object, "id");
  LcShopifyRefund *refund;

  if (id == NULL)
    {
      bad_response (error, _("a refund of %s has no id"), what);
      return NULL;
    }
  refund = g_new0 (LcShopifyRefund, 1);
  refund->id = g_strdup (id);
  refund->lines = refund_lines_new ();
  if (!read_time (object, "createdAt", what, TRUE, &refund->created_utc, error) ||
      !read_money (p, object, "totalRefundedSet", what, &refund->amount, error) ||
      !parse_refund_lines (p, object, what, refund->lines, &refund->lines_cursor, error))
    {
      shopify_refund_free (refund);
      return NULL;
    }
  return refund;
}

static gboolean
parse_refunds (Parser      *p,
               JsonObject  *object,
               const char  *what,
               GPtrArray   *refunds,
               gboolean    *out_more,
               guint        asked,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, "refunds");
  JsonArray *array;

  *out_more = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad_response (error, _("%s has no list “%s”"), what, "refunds");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      LcShopifyRefund *refund = parse_refund (p, json_array_get_element (array, i), what, error);

      if (refund == NULL)
        return FALSE;
      g_ptr_array_add (refunds, refund);
    }
  *out_more = json_array_get_length (array) >= asked;
  return TRUE;
}

static LcShopifyOrder *
order_new (void)
{
  LcShopifyOrder *order = g_new0 (LcShopifyOrder, 1);

  order->cancelled_utc = -1;
  order->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) shopify_line_free);
  order->refunds = g_ptr_array_new_with_free_func ((GDestroyNotify) shopify_refund_free);
  return order;
}

static LcShopifyOrder *
parse_order (Parser      *p,
             JsonNode    *node,
             guint        index,
             GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autofree char *what = NULL;
  LcShopifyOrder *order;
  const char *id = _lc_shopify_json_get_string (object, "id");
  const char *name = _lc_shopify_json_get_string (object, "name");
  const char *status = _lc_shopify_json_get_string (object, "displayFinancialStatus");
  JsonArray *tag_array;
  gboolean ok;

  if (object == NULL || id == NULL || name == NULL || name[0] == '\0')
    {
      bad_response (error, _("order %u of the page has no id or name"), index + 1);
      return NULL;
    }
  /* TRANSLATORS: how messages name an order: "order #1001" */
  what = g_strdup_printf (_("order %s"), name);
  order = order_new ();
  order->id = g_strdup (id);
  order->name = g_strdup (name);
  order->financial_status = g_ascii_strdown (status != NULL ? status : "pending", -1);
  order->discount_code = dup_nonempty (_lc_shopify_json_get_string (object, "discountCode"));
  order->source = dup_nonempty (_lc_shopify_json_get_string (object, "sourceName"));
  tag_array = get_array (object, "tags");
  for (guint i = 0; tag_array != NULL && i < json_array_get_length (tag_array); i++)
    {
      JsonNode *tag = json_array_get_element (tag_array, i);

      if (!JSON_NODE_HOLDS_VALUE (tag) || json_node_get_value_type (tag) != G_TYPE_STRING)
        continue;
      if (tags->len > 0)
        g_string_append (tags, ", ");
      g_string_append (tags, json_node_get_string (tag));
    }
  order->tags = tags->len > 0 ? g_strdup (tags->str) : NULL;
  /* Only to make the customer hash; never kept. */
  order->email = dup_nonempty (_lc_shopify_json_get_string (object, "email"));

  ok = read_time (object, "createdAt", what, TRUE, &order->created_utc, error) &&
       read_time (object, "updatedAt", what, FALSE, &order->updated_utc, error) &&
       read_time (object, "cancelledAt", what, FALSE, &order->cancelled_utc, error) &&
       read_money (p, object, "subtotalPriceSet", what, &order->subtotal, error) &&
       read_money (p, object, "totalShippingPriceSet", what, &order->shipping, error) &&
       read_money (p, object, "totalTaxSet", what, &order->taxes, error) &&
       read_money (p, object, "totalPriceSet", what, &order->total, error) &&
       read_money (p, object, "totalDiscountsSet", what, &order->discount, error) &&
       read_money (p, object, "totalRefundedSet", what, &order->refunded, error) &&
       parse_lines (p, object, what, order->lines, &order->lines_cursor, error) &&
       /* A bulk operation gives every refund. */
       parse_refunds (p, object, what, order->refunds, &order->more_refunds,
                      p->bulk ? G_MAXUINT : REFUNDS_PAGE, error);
  if (!ok)
    {
      shopify_order_free (order);
      return NULL;
    }
  return order;
}

static void
read_cost (LcShopifyPage *page,
           JsonObject    *root)
{
  JsonObject *cost = get_object (get_object (root, "extensions"), "cost");
  JsonObject *status = get_object (cost, "throttleStatus");

  if (!_lc_shopify_json_get_number (cost, "requestedQueryCost", &page->requested_cost))
    page->requested_cost = -1;
  if (!_lc_shopify_json_get_number (cost, "actualQueryCost", &page->actual_cost))
    page->actual_cost = -1;
  if (!_lc_shopify_json_get_number (status, "maximumAvailable", &page->maximum_available) ||
      !_lc_shopify_json_get_number (status, "currentlyAvailable", &page->currently_available) ||
      !_lc_shopify_json_get_number (status, "restoreRate", &page->restore_rate) ||
      page->restore_rate <= 0 || page->maximum_available <= 0)
    {
      page->maximum_available = -1;
      page->currently_available = -1;
      page->restore_rate = -1;
    }
}

/* Whether a GraphQL error is about an order's e-mail only: a shop that
 * did not give the app its customers' e-mail (protected customer data)
 * answers with the orders and such an error for each. */
static gboolean
is_hidden_email (JsonObject *error)
{
  JsonArray *path = get_array (error, "path");
  JsonNode *last;

  if (path == NULL || json_array_get_length (path) == 0)
    return FALSE;
  last = json_array_get_element (path, json_array_get_length (path) - 1);
  return JSON_NODE_HOLDS_VALUE (last) && json_node_get_value_type (last) == G_TYPE_STRING &&
         g_str_equal (json_node_get_string (last), "email");
}

static void
read_errors (LcShopifyPage *page,
             JsonObject    *root)
{
  JsonArray *errors = get_array (root, "errors");

  if (errors == NULL)
    {
      /* Some errors come as {"errors": "message"}. */
      const char *message = _lc_shopify_json_get_string (root, "errors");

      if (message != NULL)
        page->error_message = g_strdup (message);
      return;
    }
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *code = _lc_shopify_json_get_string (get_object (object, "extensions"), "code");
      const char *message = _lc_shopify_json_get_string (object, "message");

      if (object != NULL && is_hidden_email (object))
        {
          page->email_hidden = TRUE;
          continue;
        }
      page->error_code = g_strdup (code != NULL ? code : "UNKNOWN");
      page->error_message = g_strdup (message != NULL ? message : "");
      return;
    }
}

static gboolean
parse_bulk_operation (LcShopifyPage  *page,
                      JsonObject     *operation,
                      GError        **error)
{
  const char *id = _lc_shopify_json_get_string (operation, "id");
  const char *status = _lc_shopify_json_get_string (operation, "status");
  const char *count = _lc_shopify_json_get_string (operation, "objectCount");
  double number;

  page->kind = LC_SHOPIFY_PAGE_BULK;
  if (id == NULL || status == NULL)
    return bad_response (error, _("the bulk operation has no id or status"));
  page->bulk_id = g_strdup (id);
  page->bulk_status = g_strdup (status);
  page->bulk_error_code = dup_nonempty (_lc_shopify_json_get_string (operation, "errorCode"));
  page->bulk_url = dup_nonempty (_lc_shopify_json_get_string (operation, "url"));
  page->bulk_objects = -1;
  /* An UnsignedInt64: a string. */
  if (count != NULL)
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (count, &end, 10);

      if (end == count || *end != '\0' || value > G_MAXINT64)
        return bad_response (error, _("the bulk operation has no whole number in “%s”"), "objectCount");
      page->bulk_objects = (gint64) value;
    }
  else if (_lc_shopify_json_get_number (operation, "objectCount", &number))
    {
      if (number < 0 || number > 1e15 || number != floor (number))
        return bad_response (error, _("the bulk operation has no whole number in “%s”"), "objectCount");
      page->bulk_objects = (gint64) number;
    }
  return TRUE;
}

static gboolean
parse_node (Parser         *p,
            LcShopifyPage  *page,
            JsonObject     *node,
            GError        **error)
{
  const char *id = _lc_shopify_json_get_string (node, "id");

  if (node == NULL || id == NULL)
    return bad_response (error, _("the order asked for again is not there"));

  if (json_object_has_member (node, "status"))
    return parse_bulk_operation (page, node, error);

  if (json_object_has_member (node, "lineItems"))
    {
      LcShopifyOrder *order = order_new ();

      page->kind = LC_SHOPIFY_PAGE_ORDER_LINES;
      order->id = g_strdup (id);
      g_ptr_array_add (page->orders, order);
      page->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) shopify_line_free);
      return parse_lines (p, node, id, page->lines, &page->end_cursor, error);
    }
  if (json_object_has_member (node, "refunds"))
    {
      LcShopifyOrder *order = order_new ();

      page->kind = LC_SHOPIFY_PAGE_ORDER_REFUNDS;
      order->id = g_strdup (id);
      g_ptr_array_add (page->orders, order);
      return parse_refunds (p, node, id, order->refunds, &order->more_refunds, MORE_REFUNDS_PAGE, error);
    }
  if (json_object_has_member (node, "refundLineItems"))
    {
      page->kind = LC_SHOPIFY_PAGE_REFUND_LINES;
      page->refund_lines = refund_lines_new ();
      return parse_refund_lines (p, node, id, page->refund_lines, &page->end_cursor, error);
    }
  return bad_response (error, _("the order asked for again has no line items or refunds"));
}

LcShopifyPage *
_lc_shopify_parse_page (const char  *body,
                        gsize        length,
                        guint        exponent,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(LcShopifyPage) page = g_new0 (LcShopifyPage, 1);
  g_autoptr(GError) local_error = NULL;
  Parser p = { exponent, FALSE };
  JsonNode *root_node;
  JsonObject *root;
  JsonObject *data;
  JsonObject *shop;
  JsonObject *count;
  JsonObject *orders;
  JsonArray *nodes;

  page->orders_count = -1;
  page->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) shopify_order_free);
  if (length > G_MAXSSIZE || !g_utf8_validate_len (body, length, NULL) ||
      !json_parser_load_from_data (parser, body, (gssize) length, &local_error))
    {
      bad_response (error, _("it is not JSON (%s)"),
                    local_error != NULL ? local_error->message : _("the text is not UTF-8"));
      return NULL;
    }
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      bad_response (error, _("it is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);
  read_cost (page, root);
  read_errors (page, root);
  if (page->error_message != NULL)
    return g_steal_pointer (&page);

  data = get_object (root, "data");
  if (data == NULL)
    {
      bad_response (error, _("it has neither “data” nor “errors”"));
      return NULL;
    }

  shop = get_object (data, "shop");
  if (shop != NULL)
    {
      const char *currency = _lc_shopify_json_get_string (shop, "currencyCode");
      const char *zone = _lc_shopify_json_get_string (shop, "ianaTimezone");

      if (currency == NULL || strlen (currency) != 3)
        {
          bad_response (error, _("the shop has no three-letter “currencyCode”"));
          return NULL;
        }
      page->currency = g_ascii_strup (currency, -1);
      page->timezone = g_strdup (zone);
      /* The amounts that follow are in the shop's currency. */
      p.exponent = lc_currency_get_exponent (page->currency);
    }
  count = get_object (data, "ordersCount");
  if (count != NULL && g_strcmp0 (_lc_shopify_json_get_string (count, "precision"), "EXACT") == 0 &&
      !read_count (count, "count", "ordersCount", &page->orders_count, error))
    return NULL;

  if (json_object_has_member (data, "bulkOperationRunQuery"))
    {
      JsonObject *payload = get_object (data, "bulkOperationRunQuery");
      JsonArray *user_errors = get_array (payload, "userErrors");

      page->kind = LC_SHOPIFY_PAGE_BULK;
      if (user_errors != NULL && json_array_get_length (user_errors) > 0)
        {
          JsonNode *first = json_array_get_element (user_errors, 0);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
          const char *code = _lc_shopify_json_get_string (object, "code");
          const char *message = _lc_shopify_json_get_string (object, "message");

          page->error_code = g_strdup (code != NULL ? code : "USER_ERROR");
          page->error_message = g_strdup (message != NULL ? message : "");
          return g_steal_pointer (&page);
        }
      if (!parse_bulk_operation (page, get_object (payload, "bulkOperation"), error))
        return NULL;
      return g_steal_pointer (&page);
    }

  if (shop != NULL && !json_object_has_member (data, "orders") && !json_object_has_member (data, "node"))
    {
      page->kind = LC_SHOPIFY_PAGE_SHOP;
      return g_steal_pointer (&page);
    }

  if (json_object_has_member (data, "node"))
    {
      if (!parse_node (&p, page, get_object (data, "node"), error))
        return NULL;
      return g_steal_pointer (&page);
    }

  page->kind = LC_SHOPIFY_PAGE_ORDERS;
  orders = get_object (data, "orders");
  nodes = read_connection (orders, "orders", _("the page"), &page->end_cursor, error);
  if (nodes == NULL)
    return NULL;
  page->has_next_page = page->end_cursor != NULL;
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      LcShopifyOrder *order = parse_order (&p, json_array_get_element (nodes, i), i, error);

      if (order == NULL)
        return NULL;
      g_ptr_array_add (page->orders, order);
    }
  return g_steal_pointer (&page);
}

/* A bulk operation's answer: JSON Lines, an order on a line of its own
 * followed by its line items and its refunds' lines, each naming its
 * parent in "__parentId". Read a line at a time, so that a shop's whole
 * history never sits in memory: an order is handed back once the next
 * order starts, or at the end. */

struct _LcShopifyBulkReader
{
  Parser          p;
  LcShopifyOrder *order;         /* being put together */
  guint64         line;
};

LcShopifyBulkReader *
_lc_shopify_bulk_reader_new (guint exponent)
{
  LcShopifyBulkReader *reader = g_new0 (LcShopifyBulkReader, 1);

  reader->p.exponent = exponent;
  reader->p.bulk = TRUE;
  return reader;
}

void
_lc_shopify_bulk_reader_free (LcShopifyBulkReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_pointer (&reader->order, shopify_order_free);
  g_free (reader);
}

void
_lc_shopify_order_free (LcShopifyOrder *order)
{
  shopify_order_free (order);
}

static gboolean G_GNUC_PRINTF (3, 4)
bulk_error (LcShopifyBulkReader  *reader,
            GError              **error,
            const char           *format,
            ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, reader->line);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: the first %s is a line number, the second says what is
   * wrong, e.g. "it is not JSON" */
  g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE,
               _("line %s of the bulk answer: %s"), line, detail);
  return FALSE;
}

static LcShopifyRefund *
find_refund (LcShopifyOrder *order,
             const char     *id)
{
  for (guint i = 0; order != NULL && i < order->refunds->len; i++)
    {
      LcShopifyRefund *refund = g_ptr_array_index (order->refunds, i);

      if (g_str_equal (refund->id, id))
        return refund;
    }
  return NULL;
}

gboolean
_lc_shopify_bulk_reader_add_line (LcShopifyBulkReader  *reader,
                                  const char           *text,
                                  gsize                 length,
                                  LcShopifyOrder      **out_finished,
                                  GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *parent;

  *out_finished = NULL;
  reader->line++;
  if (length == 0)
    return TRUE;
  if (length > G_MAXSSIZE || !g_utf8_validate_len (text, length, NULL) ||
      !json_parser_load_from_data (parser, text, (gssize) length, &local_error))
    return bulk_error (reader, error, _("it is not JSON (%s)"),
                       local_error != NULL ? local_error->message : _("the text is not UTF-8"));
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return bulk_error (reader, error, _("it is not a JSON object"));
  object = json_node_get_object (root);
  parent = _lc_shopify_json_get_string (object, "__parentId");

  if (parent == NULL)
    {
      LcShopifyOrder *order = parse_order (&reader->p, root, 0, &local_error);

      if (order == NULL)
        return bulk_error (reader, error, "%s", local_error->message);
      *out_finished = g_steal_pointer (&reader->order);
      reader->order = order;
      return TRUE;
    }

  if (json_object_has_member (object, "lineItem"))
    {
      LcShopifyRefund *refund = find_refund (reader->order, parent);

      if (refund == NULL)
        return bulk_error (reader, error, _("a refunded line belongs to no refund before it"));
      if (!parse_refund_line (&reader->p, root, reader->order->name, refund->lines, &local_error))
        return bulk_error (reader, error, "%s", local_error->message);
      return TRUE;
    }

  if (reader->order == NULL || !g_str_equal (reader->order->id, parent))
    return bulk_error (reader, error, _("a line item belongs to no order before it"));
  {
    LcShopifyLine *line = parse_line (&reader->p, root, reader->order->name, &local_error);

    if (line == NULL)
      return bulk_error (reader, error, "%s", local_error->message);
    g_ptr_array_add (reader->order->lines, line);
  }
  return TRUE;
}

LcShopifyOrder *
_lc_shopify_bulk_reader_finish (LcShopifyBulkReader *reader)
{
  return g_steal_pointer (&reader->order);
}

double
_lc_shopify_throttle_wait (const LcShopifyPage *page,
                           double               next_cost)
{
  if (page->restore_rate <= 0 || page->currently_available < 0)
    return 0;
  /* Never wait for more than the bucket holds. */
  next_cost = MIN (next_cost, page->maximum_available);
  if (page->currently_available >= next_cost)
    return 0;
  /* A day is more than any retry waits for: such an answer gives up. */
  return MIN ((next_cost - page->currently_available) / page->restore_rate, 86400.0);
}

/* What the fields Liftcheck asks for cost: a MoneyBag and its shopMoney
 * are two objects; the line's and refund line's own fields are scalars. */
#define MONEY_COST        2.0
#define LINE_COST         (1 + 2 * MONEY_COST)
#define REFUND_LINE_COST  (1 + MONEY_COST + 1)
#define ORDER_MONEY_COST  (6 * MONEY_COST)
/* The orders connection, the shop and its order count. */
#define PAGE_OVERHEAD     (2.0 + 1 + 1)

static double
connection_cost (guint  first,
                 double node)
{
  return 2 + first * node;
}

static double
refund_cost (guint lines)
{
  return 1 + MONEY_COST + connection_cost (lines, REFUND_LINE_COST);
}

double
_lc_shopify_query_cost (LcShopifyPageKind kind,
                        guint             orders)
{
  double order = 1 + ORDER_MONEY_COST + connection_cost (LINES_PAGE, LINE_COST) +
                 REFUNDS_PAGE * refund_cost (REFUND_LINES_PAGE);

  switch (kind)
    {
    case LC_SHOPIFY_PAGE_ORDERS:
      return PAGE_OVERHEAD + orders * order;
    case LC_SHOPIFY_PAGE_ORDER_LINES:
      return 1 + connection_cost (MORE_LINES_PAGE, LINE_COST);
    case LC_SHOPIFY_PAGE_ORDER_REFUNDS:
      return 1 + MORE_REFUNDS_PAGE * refund_cost (REFUND_LINES_PAGE);
    case LC_SHOPIFY_PAGE_REFUND_LINES:
      return 1 + connection_cost (MORE_REFUND_LINES, REFUND_LINE_COST);
    case LC_SHOPIFY_PAGE_SHOP:
      return 2;
    case LC_SHOPIFY_PAGE_BULK:
      /* A mutation costs ten points; asking after one, a point. */
      return 10;
    default:
      g_return_val_if_reached (MAX_QUERY_COST);
    }
}

guint
_lc_shopify_orders_page_size (double max_cost,
                              double per_order)
{
  double orders;

  if (per_order <= 0 || !isfinite (per_order))
    return MAX_ORDERS_PAGE;
  orders = floor ((max_cost - PAGE_OVERHEAD) / per_order);
  return (guint) CLAMP (orders, 1, MAX_ORDERS_PAGE);
}

/* Millionths; 0: none set. */
static gint time_scale_set;

void
_lc_shopify_set_time_scale (double scale)
{
  g_return_if_fail (scale >= 0 && scale <= 1);
  g_atomic_int_set (&time_scale_set, (gint) (scale * 1e6));
}

double
_lc_shopify_time_scale (void)
{
  const char *text;
  gint set = g_atomic_int_get (&time_scale_set);
  double scale;

  if (set > 0)
    return set / 1e6;
  text = g_getenv ("LC_SHOPIFY_TIME_SCALE");

  if (text == NULL)
    return 1;
  scale = g_ascii_strtod (text, NULL);
  return scale > 0 && scale <= 1 ? scale : 1;
}
