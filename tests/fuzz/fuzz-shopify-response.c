/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-fuzz"

#include "config.h"

#include "lc-fuzz.h"
#include "lc-order-writer-private.h"
#include "lc-shopify-sync-private.h"

/* The parser of the Admin API's answers, without the network. Whatever the
 * body, it parses into a page or fails with LC_SHOPIFY_ERROR_BAD_RESPONSE;
 * a page holds only what a store may take: named orders, amounts within
 * the writer's bound, refund lines that name a line item, and a throttle
 * wait that is finite and not negative. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_amount (gint64 amount)
{
  g_assert_cmpint (amount, <=, LC_ORDER_MAX_AMOUNT);
  g_assert_cmpint (amount, >=, -LC_ORDER_MAX_AMOUNT);
}

static void
check_refund_lines (GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      LcShopifyRefundLine *line = &g_array_index (lines, LcShopifyRefundLine, i);

      g_assert_nonnull (line->line_item_id);
      g_assert_cmpint (line->quantity, >=, 0);
      check_amount (line->amount);
    }
}

static void
check_lines (GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      LcShopifyLine *line = g_ptr_array_index (lines, i);

      g_assert_nonnull (line->id);
      g_assert_nonnull (line->name);
      g_assert_cmpint (line->quantity, >=, 0);
      check_amount (line->price);
      check_amount (line->discount);
    }
}

static void
check_order (LcShopifyOrder *order)
{
  g_assert_nonnull (order->id);
  check_lines (order->lines);
  for (guint i = 0; i < order->refunds->len; i++)
    {
      LcShopifyRefund *refund = g_ptr_array_index (order->refunds, i);

      g_assert_nonnull (refund->id);
      check_amount (refund->amount);
      check_refund_lines (refund->lines);
    }
  if (order->name == NULL)
    return;
  g_assert_nonnull (order->financial_status);
  g_assert_true (order->email == NULL || order->email[0] != '\0');
  check_amount (order->subtotal);
  check_amount (order->total);
  check_amount (order->refunded);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcShopifyPage) page = NULL;
  double wait;

  page = _lc_shopify_parse_page ((const char *) data, size, 2, &error);
  if (page == NULL)
    {
      g_assert_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_RESPONSE);
      g_assert_nonnull (error->message);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (page->orders);
  if (page->error_message == NULL && page->kind == LC_SHOPIFY_PAGE_ORDERS)
    for (guint i = 0; i < page->orders->len; i++)
      {
        LcShopifyOrder *order = g_ptr_array_index (page->orders, i);

        g_assert_nonnull (order->name);
        check_order (order);
      }
  if (page->lines != NULL)
    check_lines (page->lines);
  if (page->refund_lines != NULL)
    check_refund_lines (page->refund_lines);
  g_assert_true (page->has_next_page == (page->end_cursor != NULL) || page->kind != LC_SHOPIFY_PAGE_ORDERS);
  if (page->currency != NULL)
    g_assert_cmpuint (strlen (page->currency), ==, 3);

  wait = _lc_shopify_throttle_wait (page, page->requested_cost > 0 ? page->requested_cost : 100);
  g_assert_true (wait >= 0 && wait <= 86400);
  return 0;
}
