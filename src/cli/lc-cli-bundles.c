/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liftcheck-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lc-bundles.h"
#include "lc-cli-private.h"
#include "lc-display.h"

static const char * const category_source[] = {
  [LC_BUNDLES_CATEGORIES_NONE] = "none",
  [LC_BUNDLES_CATEGORIES_TYPE] = "product-type",
  [LC_BUNDLES_CATEGORIES_VENDOR] = "vendor",
};

static char *
dup_too_little_message (const LcBundles *bundles)
{
  g_autofree char *multi = lc_display_count (bundles->multi_orders);
  g_autofree char *needed = lc_display_count (LC_BUNDLES_MIN_MULTI_ORDERS);

  /* TRANSLATORS: "Too few orders with two or more different products to find bundles (42); Liftcheck needs about 500." */
  return g_strdup_printf (_("Too few orders with two or more different products to find bundles (%s); Liftcheck needs about %s."),
                          multi, needed);
}

static void
add_pair (JsonBuilder        *b,
          const LcBundlePair *pair,
          guint               exponent)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "a");
  json_builder_add_string_value (b, pair->a);
  json_builder_set_member_name (b, "b");
  json_builder_add_string_value (b, pair->b);
  json_builder_set_member_name (b, "orders_with_both");
  json_builder_add_int_value (b, pair->orders_ab);
  json_builder_set_member_name (b, "support");
  json_builder_add_double_value (b, pair->support);
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, pair->confidence);
  json_builder_set_member_name (b, "confidence_ba");
  json_builder_add_double_value (b, pair->confidence_ba);
  json_builder_set_member_name (b, "lift");
  json_builder_add_double_value (b, pair->lift);
  json_builder_set_member_name (b, "p_value");
  json_builder_add_double_value (b, pair->p_value);
  json_builder_set_member_name (b, "extra_units_year");
  json_builder_add_double_value (b, round (pair->extra_units_year));
  json_builder_set_member_name (b, "extra_revenue_year");
  json_builder_add_double_value (b, lc_cli_money_value (pair->extra_revenue_year, exponent));
  json_builder_end_object (b);
}

static void
print_json (LcStore         *store,
            const LcBundles *bundles,
            GPtrArray       *suggestions,
            gboolean         all)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint exponent = lc_store_get_exponent (store);

  json_builder_begin_object (b);
  lc_cli_add_day (b, "from", bundles->from);
  lc_cli_add_day (b, "to", bundles->to);
  json_builder_set_member_name (b, "orders");
  json_builder_add_int_value (b, bundles->orders);
  json_builder_set_member_name (b, "multi_item_orders");
  json_builder_add_int_value (b, bundles->multi_orders);
  json_builder_set_member_name (b, "min_support_orders");
  json_builder_add_int_value (b, bundles->min_support);
  json_builder_set_member_name (b, "tier");
  if (lc_tier_to_string (bundles->tier) != NULL)
    json_builder_add_string_value (b, lc_tier_to_string (bundles->tier));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "attach_rise");
  json_builder_add_double_value (b, bundles->attach_rise);
  json_builder_set_member_name (b, "categories");
  json_builder_add_string_value (b, category_source[bundles->categories]);
  json_builder_set_member_name (b, "enough_data");
  json_builder_add_boolean_value (b, bundles->enough_data);
  if (!bundles->enough_data)
    {
      g_autofree char *message = dup_too_little_message (bundles);

      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, message);
    }

  /* DESIGN.md's contract: every mined product pair. */
  json_builder_set_member_name (b, "pairs");
  json_builder_begin_array (b);
  for (guint i = 0; bundles->enough_data && i < bundles->pairs->len; i++)
    add_pair (b, g_ptr_array_index (bundles->pairs, i), exponent);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "category_pairs");
  json_builder_begin_array (b);
  for (guint i = 0; bundles->enough_data && i < bundles->category_pairs->len; i++)
    add_pair (b, g_ptr_array_index (bundles->category_pairs, i), exponent);
  json_builder_end_array (b);

  /* What the text output shows for the store's tier. */
  json_builder_set_member_name (b, "suggestions_kind");
  if (!lc_bundles_suggests_categories (bundles, all))
    json_builder_add_string_value (b, "product");
  else if (bundles->categories == LC_BUNDLES_CATEGORIES_TYPE)
    json_builder_add_string_value (b, "product-type");
  else
    json_builder_add_string_value (b, "vendor");
  json_builder_set_member_name (b, "suggestions");
  json_builder_begin_array (b);
  for (guint i = 0; i < suggestions->len; i++)
    add_pair (b, g_ptr_array_index (suggestions, i), exponent);
  json_builder_end_array (b);
  json_builder_end_object (b);
  lc_cli_print_json (b);
}

static void
print_text (LcStore         *store,
            const LcBundles *bundles,
            GPtrArray       *suggestions,
            gboolean         all)
{
  const char *currency = lc_store_get_currency (store);

  if (bundles->orders == 0)
    {
      g_print ("%s\n", _("There are no orders in this period, so there is nothing to find bundles in."));
      return;
    }

  {
    g_autofree char *from = lc_display_day (bundles->from);
    g_autofree char *to = lc_display_day (bundles->to);
    g_autofree char *orders = lc_display_count (bundles->orders);
    g_autofree char *multi = lc_display_count (bundles->multi_orders);

    /* TRANSLATORS: "From 25 Apr 2026 to 31 Oct 2026: 23,456 orders, 5,123 of them with two or more different products." */
    g_print (_("From %s to %s: %s orders, %s of them with two or more different products.\n"), from, to, orders, multi);
  }

  if (!bundles->enough_data)
    {
      g_autofree char *message = dup_too_little_message (bundles);

      g_print ("%s\n", message);
      return;
    }

  if (all || bundles->tier == LC_TIER_OVER_10M)
    g_print ("%s\n", _("Every pair bought together more often than chance, strongest first:"));
  else if (lc_bundles_suggests_categories (bundles, all) && bundles->categories == LC_BUNDLES_CATEGORIES_TYPE)
    g_print ("%s\n", _("At this store’s size, bundles work best as simple rules set up by hand. These product types are bought together much more often than chance:"));
  else if (lc_bundles_suggests_categories (bundles, all))
    g_print ("%s\n", _("At this store’s size, bundles work best as simple rules set up by hand. There is no products export with product types, so here are the brands (vendors) bought together much more often than chance:"));
  else
    g_print ("%s\n", _("At this store’s size, bundles work best as simple rules set up by hand. These products are bought together much more often than chance:"));

  if (suggestions->len == 0)
    {
      g_print ("%s\n", _("No pair is bought together clearly more often than chance: there is no bundle worth setting up from this data."));
      return;
    }

  for (guint i = 0; i < suggestions->len; i++)
    {
      const LcBundlePair *pair = g_ptr_array_index (suggestions, i);
      g_autofree char *units = lc_display_count ((gint64) round (pair->extra_units_year));
      g_autofree char *revenue = lc_display_money (pair->extra_revenue_year, currency, 0);
      g_autofree char *p = pair->p_value < 0.001 ? g_strdup ("p < 0.001") : g_strdup_printf ("p = %.3f", pair->p_value);

      /* TRANSLATORS: "1. Tee with Socks: together in 1.2% of orders, 2.3 times as often as chance (p < 0.001)." */
      g_print (_("%u. %s with %s: together in %.1f%% of orders, %.1f times as often as chance (%s).\n"),
               i + 1, pair->a, pair->b, pair->support * 100, pair->lift, p);
      /* TRANSLATORS: "   18% of orders with Tee also have Socks; if 5 more in 100 took them: about 1,234 more units, $12,345 a year." */
      g_print (_("   %.0f%% of orders with %s also have %s; if %.0f more in 100 took it: about %s more units, %s a year.\n"),
               pair->confidence * 100, pair->a, pair->b, bundles->attach_rise * 100, units, revenue);
    }
}

/* bundles STORE */

/* Since cart bundles went on: which attach rates rose. */
static int
print_attach_changes (LcStore *store,
                      LcDay    switch_day,
                      gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = lc_store_compare_attach_rates (store, switch_day, 60, &error);
  g_autofree char *day = NULL;

  if (changes == NULL)
    return lc_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lc_cli_add_day (b, "switch_day", switch_day);
      json_builder_set_member_name (b, "window_days");
      json_builder_add_int_value (b, 60);
      json_builder_set_member_name (b, "attach_changes");
      json_builder_begin_array (b);
      for (guint i = 0; i < changes->len; i++)
        {
          const LcAttachChange *c = g_ptr_array_index (changes, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "a");
          json_builder_add_string_value (b, c->a);
          json_builder_set_member_name (b, "b");
          json_builder_add_string_value (b, c->b);
          json_builder_set_member_name (b, "rate_before");
          json_builder_add_double_value (b, c->rate_before);
          json_builder_set_member_name (b, "rate_after");
          json_builder_add_double_value (b, c->rate_after);
          json_builder_set_member_name (b, "orders_before");
          json_builder_add_int_value (b, c->orders_before);
          json_builder_set_member_name (b, "orders_after");
          json_builder_add_int_value (b, c->orders_after);
          json_builder_set_member_name (b, "p_value");
          json_builder_add_double_value (b, c->p_value);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      lc_cli_print_json (b);
      return EXIT_OK;
    }

  day = lc_display_day (switch_day);
  if (changes->len == 0)
    {
      g_print (_("In the 60 days since %s, no attach rate rose clearly above the 60 days before: the bundles are not changing what goes into the cart.\n"), day);
      return EXIT_OK;
    }
  g_print (_("In the 60 days since %s, these attach rates rose clearly above the 60 days before:\n"), day);
  for (guint i = 0; i < changes->len && i < LC_BUNDLES_SHORTLIST_LENGTH; i++)
    {
      const LcAttachChange *c = g_ptr_array_index (changes, i);

      /* TRANSLATORS: "Pants with Socks: 7.0% of orders with Pants also had Socks, now 14.2%" */
      g_print (_("  %s with %s: %.1f%% of orders with %s also had %s, now %.1f%%.\n"),
               c->a, c->b, c->rate_before * 100, c->a, c->b, c->rate_after * 100);
    }
  return EXIT_OK;
}

int
lc_cli_run_bundles (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — which products are bought together?"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcBundles) bundles = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *switch_text = NULL;
  double attach_rise = 0.05;
  gboolean since_switch = FALSE;
  gboolean all = FALSE;
  gboolean json = FALSE;
  LcDay from, to;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day of orders to look at (default: the first)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last day of orders to look at (default: the last)"), N_("DATE") },
    { "attach-rise", 0, 0, G_OPTION_ARG_DOUBLE, &attach_rise, N_("The rise in attach rate the money figures assume (default 0.05, 5 more in 100 orders)"), N_("FRACTION") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List every mined pair, whatever the store’s size"), NULL },
    { "since-switch", 0, 0, G_OPTION_ARG_NONE, &since_switch, N_("Show which attach rates rose since cart bundles went on"), NULL },
    { "switch", 0, 0, G_OPTION_ARG_STRING, &switch_text, N_("With --since-switch: the day to compare around (default: when cart bundles went on)"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lc_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lc_cli_usage_error (context, _("Give a store file."));
  if (!lc_cli_parse_day (from_text, &from, &error) || !lc_cli_parse_day (to_text, &to, &error))
    return lc_cli_usage_error (context, error->message);
  if (from != LC_DAY_NONE && to != LC_DAY_NONE && to < from)
    return lc_cli_usage_error (context, _("--to must not come before --from."));
  if (!(attach_rise > 0 && attach_rise <= 1))
    return lc_cli_usage_error (context, _("--attach-rise takes a fraction above 0 and at most 1, such as 0.05."));

  store = lc_cli_open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return lc_cli_fail (error);
  if (since_switch)
    {
      LcDay switch_day = LC_DAY_NONE;

      if (!lc_cli_parse_day (switch_text, &switch_day, &error))
        return lc_cli_usage_error (context, error->message);
      if (switch_day == LC_DAY_NONE)
        {
          if (!lc_store_find_first_switch_on (store, "cart-bundles", &switch_day, &error))
            return lc_cli_fail (error);
          if (switch_day == LC_DAY_NONE)
            {
              g_printerr (_("liftcheck-cli: no day is recorded on which cart bundles went on; record it with liftcheck-cli feature STORE cart-bundles --on DATE, or give --switch DATE.\n"));
              return EXIT_STORE;
            }
        }
      return print_attach_changes (store, switch_day, json);
    }
  bundles = lc_store_compute_bundles (store, from, to, attach_rise, &error);
  if (bundles == NULL)
    return lc_cli_fail (error);
  suggestions = lc_bundles_get_suggestions (bundles, all);

  if (json)
    print_json (store, bundles, suggestions, all);
  else
    print_text (store, bundles, suggestions, all);
  return EXIT_OK;
}
