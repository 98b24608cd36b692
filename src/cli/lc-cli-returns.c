/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lc-cli-private.h"
#include "lc-display.h"
#include "lc-returns.h"

/* returns STORE */

/* Enough to act on; the JSON has every flag. */
#define MAX_TEXT_FLAGS 12

static void
add_group_json (JsonBuilder         *b,
                const LcReturnGroup *group)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, lc_return_group_kind_to_string (group->kind));
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, group->key);
  json_builder_set_member_name (b, "rate");
  json_builder_add_double_value (b, group->rate);
  json_builder_set_member_name (b, "rate_low");
  json_builder_add_double_value (b, group->rate_low);
  json_builder_set_member_name (b, "rate_high");
  json_builder_add_double_value (b, group->rate_high);
  json_builder_set_member_name (b, "orders");
  json_builder_add_int_value (b, group->orders);
  json_builder_set_member_name (b, "returned");
  json_builder_add_int_value (b, group->returned);
  json_builder_set_member_name (b, "estimated");
  json_builder_add_boolean_value (b, group->estimated);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, group->from_report ? "sales-report" : "orders");
  if (group->from_report)
    {
      json_builder_set_member_name (b, "returned_value");
      json_builder_add_int_value (b, group->refunded);
      json_builder_set_member_name (b, "orders_rate");
      if (group->orders_rate >= 0)
        json_builder_add_double_value (b, group->orders_rate);
      else
        json_builder_add_null_value (b);
    }
  json_builder_set_member_name (b, "nudge");
  json_builder_add_string_value (b, lc_return_nudge_get_advice (group->nudge));
  json_builder_end_object (b);
}

static void
print_json (const LcReturnsReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  double divisor = pow (10, r->exponent);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, r->currency);
  lc_cli_add_day (b, "from", r->from);
  lc_cli_add_day (b, "to", r->to);
  lc_cli_add_day (b, "immature_from", r->immature_from);
  json_builder_set_member_name (b, "orders");
  json_builder_add_int_value (b, r->orders);
  json_builder_set_member_name (b, "overall_rate");
  json_builder_add_double_value (b, r->value_rate);
  json_builder_set_member_name (b, "order_return_share");
  json_builder_add_double_value (b, r->order_rate);
  json_builder_set_member_name (b, "enough_data");
  json_builder_add_boolean_value (b, r->enough_data);
  json_builder_set_member_name (b, "months_of_returns");
  json_builder_add_int_value (b, r->months_of_returns);
  json_builder_set_member_name (b, "orders_per_month");
  json_builder_add_double_value (b, r->orders_per_month);
  json_builder_set_member_name (b, "estimates");
  json_builder_add_boolean_value (b, r->estimates);
  json_builder_set_member_name (b, "returned_orders_exact");
  json_builder_add_int_value (b, r->lines_exact);
  json_builder_set_member_name (b, "returned_orders_spread");
  json_builder_add_int_value (b, r->lines_spread);
  json_builder_set_member_name (b, "bracketing_share");
  json_builder_add_double_value (b, r->orders > 0 ? (double) r->bracketed.orders / r->orders : 0);
  json_builder_set_member_name (b, "bracketing_share_of_sized_orders");
  json_builder_add_double_value (b, r->sized_orders > 0 ? (double) r->bracketed.orders / r->sized_orders : 0);
  json_builder_set_member_name (b, "bracketing_rate");
  json_builder_add_double_value (b, r->bracketed.rate);
  json_builder_set_member_name (b, "other_orders_rate");
  json_builder_add_double_value (b, r->not_bracketed.rate);
  json_builder_set_member_name (b, "flagged");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->flagged->len; i++)
    add_group_json (b, g_ptr_array_index (r->flagged, i));
  json_builder_end_array (b);
  /* The sales report's SKUs with enough sales, flagged or not. */
  json_builder_set_member_name (b, "report_variants");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->report_variants->len; i++)
    add_group_json (b, g_ptr_array_index (r->report_variants, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "cut");
  json_builder_add_double_value (b, r->cut);
  json_builder_set_member_name (b, "flagged_refunds_a_year");
  json_builder_add_double_value (b, lc_cli_money_value (r->flagged_refunds_year / divisor, r->exponent));
  json_builder_set_member_name (b, "recovered_a_year");
  json_builder_add_double_value (b, lc_cli_money_value (r->recovered_year / divisor, r->exponent));
  json_builder_end_object (b);
  lc_cli_print_json (b);
}

static void
print_too_little (const LcReturnsReport *r)
{
  g_print (_("Too little data to trust these flags: return nudges need %.0f months of returns and %.0f orders a month, and this store has %d months and about %.0f orders a month. Below that, the groups flagged here would fit noise.\n\n"),
           r->min_months, r->min_orders_per_month, r->months_of_returns, r->orders_per_month);
}

static void
print_report_note (const LcReturnsReport *r)
{
  const LcReturnGroup *top;
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;

  if (r->report_variants->len == 0)
    return;
  top = g_ptr_array_index (r->report_variants, 0);
  title = lc_return_group_dup_title (top);
  count = lc_display_count (r->report_variants->len);
  g_print (_("\nThe “Total sales by product variant” report gives the returns of %s variants with enough sales, exactly: the share of their sales value returned, over the report’s own dates. The highest is %s, at %.1f%%. Rates marked “sales report” come from it, not from the orders.\n"),
           count, title, top->rate * 100);
}

static void
print_text (LcStore               *store,
            const LcReturnsReport *r)
{
  g_autofree char *base = g_path_get_basename (lc_store_get_path (store));
  double divisor = pow (10, r->exponent);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *orders = NULL;

  if (r->orders == 0)
    {
      g_print (_("%s has no orders old enough to measure returns (orders of the last 60 days are left out: their returns have not come in yet).\n"),
               base);
      if (!r->enough_data)
        print_too_little (r);
      print_report_note (r);
      return;
    }

  from = lc_display_day (r->from);
  to = lc_display_day (r->to);
  orders = lc_display_count (r->orders);
  /* TRANSLATORS: "demo.liftcheck: 12,345 orders from 1 Nov 2024 to 1 Sep 2026" */
  g_print (ngettext ("%s: %s order from %s to %s\n", "%s: %s orders from %s to %s\n", (unsigned long) r->orders),
           base, orders, from, to);
  if (r->immature_from != LC_DAY_NONE)
    {
      g_autofree char *immature = lc_display_day (r->immature_from);

      g_print (_("Orders from %s on are left out: their returns have not all come in yet.\n"), immature);
    }
  g_print (_("Refunds took %.1f%% of sales; %.1f%% of orders had a refund (%.1f%% to %.1f%%).\n\n"),
           r->value_rate * 100, r->order_rate * 100, r->order_rate_low * 100, r->order_rate_high * 100);

  if (!r->enough_data)
    print_too_little (r);

  if (r->bracketed.orders > 0)
    {
      g_autofree char *count = lc_display_count (r->bracketed.orders);

      g_print (_("Bracketing: %s orders (%.1f%% of all, %.1f%% of orders with a sized item) held the same item in several sizes. %.0f%% of them had a refund (%.0f%% to %.0f%%), against %.0f%% of other orders. Most bracketed items are kept: this is a risk signal, not a predicted return.\n\n"),
               count, 100.0 * r->bracketed.orders / r->orders,
               100.0 * r->bracketed.orders / MAX (1, r->sized_orders),
               r->bracketed.rate * 100, r->bracketed.rate_low * 100, r->bracketed.rate_high * 100,
               r->not_bracketed.rate * 100);
    }

  if (r->flagged->len == 0)
    {
      g_print (_("No product, size, combination or kind of customer returns %.0f%% or more of its orders, clearly above the store’s average, over %lu or more orders.\n"),
               r->flag_rate * 100, (unsigned long) r->min_orders);
    }
  else
    {
      g_print (_("Groups where %.0f%% or more of orders had a refund, clearly above the store’s %.1f%% (95%% interval shown):\n"),
               r->flag_rate * 100, r->order_rate * 100);
      for (guint i = 0; i < MIN (r->flagged->len, MAX_TEXT_FLAGS); i++)
        {
          const LcReturnGroup *group = g_ptr_array_index (r->flagged, i);
          g_autofree char *title = lc_return_group_dup_title (group);
          g_autofree char *count = lc_display_count (group->orders);

          if (group->from_report)
            {
              g_autofree char *items = lc_display_count (group->orders);

              /* TRANSLATORS: "  Linen Wrap Dress / Black / XS: 34% of its sales value returned, 120 items sold (sales report)" */
              g_print (_("  %s: %.0f%% of its sales value returned, %s items sold (sales report)\n"),
                       title, group->rate * 100, items);
              if (group->orders_rate >= 0)
                g_print (_("    From the orders alone, %.0f%% of its orders had a refund.\n"), group->orders_rate * 100);
            }
          else if (group->estimated)
            /* TRANSLATORS: "  Linen Wrap Dress / Black / XS: 34% of 120 orders (26% to 43%), estimated" */
            g_print (_("  %s: %.0f%% of %s orders (%.0f%% to %.0f%%), estimated\n"),
                     title, group->rate * 100, count, group->rate_low * 100, group->rate_high * 100);
          else
            g_print (_("  %s: %.0f%% of %s orders (%.0f%% to %.0f%%)\n"),
                     title, group->rate * 100, count, group->rate_low * 100, group->rate_high * 100);
          g_print ("    %s\n", lc_return_nudge_get_advice (group->nudge));
        }
      if (r->flagged->len > MAX_TEXT_FLAGS)
        g_print (_("  … and %u more; --json lists them all.\n"), r->flagged->len - MAX_TEXT_FLAGS);
      if (r->flagged_refunds_year > 0)
        {
          g_autofree char *refunds = lc_display_money (r->flagged_refunds_year / divisor, r->currency, 0);
          g_autofree char *recovered = lc_display_money (r->recovered_year / divisor, r->currency, 0);
          g_autofree char *ship = lc_display_money (r->return_shipping_cost / divisor, r->currency, -1);
          g_autofree char *restock = lc_display_money (r->restocking_cost / divisor, r->currency, -1);

          g_print (_("\nAbout %s a year is refunded in the flagged groups. Preventing %.0f%% of those returns would keep about %s a year, counting %s of shipping both ways and %s of restocking saved per return.\n"),
                   refunds, r->cut * 100, recovered, ship, restock);
        }
    }

  print_report_note (r);
  if (r->estimates)
    g_print (_("\nRates of products and sizes are estimates where an order’s refund had to be spread over its lines (the orders export gives only the refunded amount of each order). A line counts as returned when it got at least half of its value back.\n"));
}

int
lc_cli_run_returns (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — where returns come from, and what preventing some would keep"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcReturnsReport) report = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  double cut = LC_RETURNS_DEFAULT_CUT;
  gboolean json = FALSE;
  LcDay from, to;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first order day to look at"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last order day to look at"), N_("DATE") },
    { "cut", 0, 0, G_OPTION_ARG_DOUBLE, &cut, N_("The share of flagged returns a nudge would prevent (default 0.2)"), N_("F") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give one store file."));
  if (!lc_cli_parse_day (from_text, &from, &error) || !lc_cli_parse_day (to_text, &to, &error))
    return lc_cli_usage_error (context, error->message);
  if (!(cut >= 0 && cut <= 1))
    return lc_cli_usage_error (context, _("--cut is a share between 0 and 1, such as 0.2."));

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  report = lc_store_compute_returns (store, from, to, cut, &error);
  if (report == NULL)
    return lc_cli_fail (error);
  if (json)
    print_json (report);
  else
    print_text (store, report);
  return EXIT_OK;
}
