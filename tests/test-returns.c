/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lc-demo.h"
#include "lc-returns.h"
#include "lc-stats.h"
#include "lc-test-util.h"

/* Wilson intervals against statsmodels, made with:
 *   /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint
 *   for s, n in [(12, 40), (0, 25), (1674, 3489), (350, 1000)]:
 *       print (s, n, *proportion_confint (s, n, alpha=0.05, method='wilson'))" */
static void
test_wilson_statsmodels (void)
{
  static const struct
  {
    guint64 s, n;
    double  low, high;
  } cases[] = {
    { 12, 40, 0.1807484522974653, 0.45430018818144946 },
    { 0, 25, 0.0, 0.13319225093904855 },
    { 1674, 3489, 0.4632477064985038, 0.4963840140756084 },
    { 350, 1000, 0.32106271005247566, 0.38008531749319086 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double low, high;

      g_assert_true (lc_stats_wilson_interval (cases[i].s, cases[i].n, LC_STATS_CONFIDENCE, &low, &high));
      g_assert_cmpfloat_with_epsilon (low, cases[i].low, 1e-12);
      g_assert_cmpfloat_with_epsilon (high, cases[i].high, 1e-12);
    }
}

static void
test_attribution_single_line (void)
{
  const LcReturnLine lines[] = { { 4000, 1, 0 } };
  gint64 amounts[1];
  gboolean returned[1];

  /* A partial refund of a one-line order is that line's, exactly. */
  g_assert_cmpint (lc_returns_attribute (lines, 1, 1500, 4500, 0, amounts, returned), ==, LC_ATTRIBUTION_SINGLE);
  g_assert_cmpint (amounts[0], ==, 1500);
  /* 15.00 of a 45.00 order is less than half of the line's share. */
  g_assert_false (returned[0]);

  g_assert_cmpint (lc_returns_attribute (lines, 1, 0, 4500, 0, amounts, returned), ==, LC_ATTRIBUTION_NONE);
  g_assert_cmpint (amounts[0], ==, 0);
}

static void
test_attribution_whole_order (void)
{
  const LcReturnLine lines[] = { { 2400, 1, 0 }, { 1000, 2, 0 } };
  gint64 amounts[2];
  gboolean returned[2];

  g_assert_cmpint (lc_returns_attribute (lines, 2, 4950, 4950, 0, amounts, returned), ==, LC_ATTRIBUTION_WHOLE);
  /* 4950 × 2400 / 4400 = 2700; the last line takes the rest. */
  g_assert_cmpint (amounts[0], ==, 2700);
  g_assert_cmpint (amounts[1], ==, 2250);
  g_assert_true (returned[0]);
  g_assert_true (returned[1]);
}

static void
test_attribution_equal_to_one_line (void)
{
  const LcReturnLine lines[] = { { 2400, 1, 0 }, { 7800, 1, 0 }, { 1000, 3, 0 } };
  gint64 amounts[3];
  gboolean returned[3];

  /* Equal to the second line's price. */
  g_assert_cmpint (lc_returns_attribute (lines, 3, 7800, 14000, 0, amounts, returned), ==, LC_ATTRIBUTION_MATCH);
  g_assert_cmpint (amounts[0], ==, 0);
  g_assert_cmpint (amounts[1], ==, 7800);
  g_assert_cmpint (amounts[2], ==, 0);
  g_assert_false (returned[0]);
  g_assert_true (returned[1]);
  g_assert_false (returned[2]);

  /* Within one minor unit of it. */
  g_assert_cmpint (lc_returns_attribute (lines, 3, 7799, 14000, 0, amounts, returned), ==, LC_ATTRIBUTION_MATCH);
  g_assert_cmpint (amounts[1], ==, 7799);

  /* Two of the three units of the last line: returned (two of three is
   * more than half). Lines are 13,200 gross; 2 × 1000 × 14000 / 13200 =
   * 2121.2 with tax, so 2121 matches that share. */
  g_assert_cmpint (lc_returns_attribute (lines, 3, 2121, 14000, 0, amounts, returned), ==, LC_ATTRIBUTION_MATCH);
  g_assert_cmpint (amounts[2], ==, 2121);
  g_assert_true (returned[2]);

  /* With a 10% discount, 8% tax and 7.00 shipping: 24.00 - 2.40 + 1.73 =
   * 23.33 back is the tee's share of the 99.14 the items cost
   * (2400 × 9914 / 10200 = 2332.7), not its price. */
  {
    const LcReturnLine two[] = { { 2400, 1, 240 }, { 7800, 1, 780 } };

    g_assert_cmpint (lc_returns_attribute (two, 2, 2333, 10614, 700, amounts, returned), ==, LC_ATTRIBUTION_MATCH);
    g_assert_cmpint (amounts[0], ==, 2333);
    g_assert_cmpint (amounts[1], ==, 0);
    g_assert_true (returned[0]);
    g_assert_false (returned[1]);
  }

  /* One of three units: the line got a third back, not returned. */
  g_assert_cmpint (lc_returns_attribute (lines, 3, 1000, 14000, 0, amounts, returned), ==, LC_ATTRIBUTION_MATCH);
  g_assert_cmpint (amounts[2], ==, 1000);
  g_assert_false (returned[2]);
}

static void
test_attribution_spread_by_value (void)
{
  /* Values 3000 - 0, 6000 - 1000 = 5000, 2000: 10,000 in all. */
  const LcReturnLine lines[] = { { 3000, 1, 0 }, { 3000, 2, 1000 }, { 2000, 1, 0 } };
  gint64 amounts[3];
  gboolean returned[3];

  g_assert_cmpint (lc_returns_attribute (lines, 3, 4000, 10000, 0, amounts, returned), ==, LC_ATTRIBUTION_SPREAD);
  g_assert_cmpint (amounts[0], ==, 1200);
  g_assert_cmpint (amounts[1], ==, 2000);
  g_assert_cmpint (amounts[2], ==, 800);
  /* 40% of the order back: no line got half of its value. */
  g_assert_false (returned[0]);
  g_assert_false (returned[1]);
  g_assert_false (returned[2]);

  /* 65% of the order back: every line got more than half of its value. */
  g_assert_cmpint (lc_returns_attribute (lines, 3, 6500, 10000, 0, amounts, returned), ==, LC_ATTRIBUTION_SPREAD);
  g_assert_cmpint (amounts[0], ==, 1950);
  g_assert_cmpint (amounts[1], ==, 3250);
  g_assert_cmpint (amounts[2], ==, 1300);
  g_assert_true (returned[0] && returned[1] && returned[2]);

  /* 6000 is both units of the second line at their price: a match. */
  g_assert_cmpint (lc_returns_attribute (lines, 3, 6000, 10000, 0, amounts, returned), ==, LC_ATTRIBUTION_MATCH);
  g_assert_cmpint (amounts[1], ==, 6000);
  g_assert_true (returned[1]);
}

#define SEGMENTS_HEADER \
  "Name,Email,Financial Status,Currency,Subtotal,Total,Discount Code,Source,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Refunded Amount,Id\n"

/* a@ orders twice (the second time with a code, and returns it); b@ and c@
 * once; d@'s order is too recent for its returns to count. */
static const char segments_csv[] =
  SEGMENTS_HEADER
  "#1005,d@example.com,paid,USD,20.00,20.00,,web,2024-08-01 09:00:00 -0500,1,Tee - M,20.00,,0.00,5\n"
  "#1004,c@example.com,paid,USD,20.00,20.00,,web,2024-03-07 09:00:00 -0500,1,Hat,20.00,,0.00,4\n"
  "#1003,b@example.com,paid,USD,18.00,18.00,SAVE10,tiktok,2024-03-06 09:00:00 -0500,1,Hat,20.00,,0.00,3\n"
  "#1002,A@Example.com,refunded,USD,18.00,18.00,SAVE10,web,2024-03-05 09:00:00 -0500,1,Tee - L,20.00,,18.00,2\n"
  "#1001,a@example.com,paid,USD,20.00,20.00,,web,2024-03-01 09:00:00 -0500,1,Tee - M,20.00,,0.00,1\n";

static const LcReturnGroup *
find_group (const LcReturnsReport *r,
            LcReturnGroupKind      kind,
            const char            *key)
{
  for (guint i = 0; i < r->groups->len; i++)
    {
      const LcReturnGroup *group = g_ptr_array_index (r->groups, i);

      if (group->kind == kind && g_str_equal (group->key, key))
        return group;
    }
  return NULL;
}

static void
assert_group (const LcReturnsReport *r,
              const char            *key,
              gint64                 orders,
              gint64                 returned)
{
  const LcReturnGroup *group = find_group (r, LC_RETURN_GROUP_SEGMENT, key);

  g_assert (group != NULL);
  g_assert_cmpint (group->orders, ==, orders);
  g_assert_cmpint (group->returned, ==, returned);
}

static void
test_segments_fixture (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcReturnsReport) r = NULL;
  g_autoptr(GError) error = NULL;
  const LcReturnGroup *tee;

  result = lc_test_import_text (store, "orders_export_1.csv", segments_csv, &error);
  g_assert_no_error (error);
  g_assert_true (lc_store_set_setting (store, "returns.min_orders", "1", &error));
  g_assert_no_error (error);

  r = lc_store_compute_returns (store, LC_DAY_NONE, LC_DAY_NONE, 0.2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);

  /* The 1 Aug order is within 60 days of the last day: left out. */
  g_assert_cmpint (r->orders, ==, 4);
  g_assert_cmpint (r->immature_from, ==, lc_day_from_ymd (2024, 6, 3));
  g_assert_cmpint (r->returned_orders, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->order_rate, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->value_rate, 18.0 / 76.0, 1e-12);
  g_assert_false (r->enough_data);

  /* The e-mail hash ignores case: #1002 is a's second order. */
  assert_group (r, "new-customer", 3, 0);
  assert_group (r, "returning-customer", 1, 1);
  assert_group (r, "discount-code", 2, 1);
  assert_group (r, "no-discount-code", 2, 0);
  assert_group (r, "items-1", 4, 1);
  assert_group (r, "source:web", 3, 1);
  assert_group (r, "source:tiktok", 1, 0);

  /* A single-line order's refund is exact: the variant L, not M. */
  tee = find_group (r, LC_RETURN_GROUP_VARIANT, "Tee / L");
  g_assert (tee != NULL);
  g_assert_cmpint (tee->returned, ==, 1);
  g_assert_false (tee->estimated);
  tee = find_group (r, LC_RETURN_GROUP_VARIANT, "Tee / M");
  g_assert (tee != NULL);
  g_assert_cmpint (tee->orders, ==, 1);
  g_assert_cmpint (tee->returned, ==, 0);
  g_assert_false (r->estimates);
}

static void
test_small_store_says_too_little (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  result = lc_test_import_text (store, "orders_export_1.csv", segments_csv, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  status = lc_test_run_cli (&out, NULL, "returns", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Too little data"));
  g_assert_nonnull (strstr (out, "noise"));
}

static char *demo_path;

static const char *
demo_store (void)
{
  if (demo_path == NULL)
    {
      g_autofree char *dir = lc_test_make_tmpdir ();
      g_autoptr(GError) error = NULL;
      LcDemoOptions options;

      lc_demo_options_init (&options);
      demo_path = g_build_filename (dir, "demo.liftcheck", NULL);
      g_assert_true (lc_demo_create_store (&options, demo_path, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return demo_path;
}

static void
test_demo_bracketing_and_flags (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (demo_store (), LC_STORE_OPEN_DEFAULT, &error);
  g_autoptr(LcReturnsReport) r = NULL;
  double share;
  gboolean flagged_size = FALSE, flagged_bracketing = FALSE;

  g_assert_no_error (error);
  r = lc_store_compute_returns (store, LC_DAY_NONE, LC_DAY_NONE, 0.2, &error);
  g_assert_no_error (error);
  g_assert_true (r->enough_data);
  g_assert_cmpint (r->immature_from, !=, LC_DAY_NONE);

  /* The demo brackets 6% of orders with apparel; orders with any sized item
   * (belts and socks too) are a few more. */
  share = (double) r->bracketed.orders / r->sized_orders;
  g_assert_cmpfloat (share, >, 0.045);
  g_assert_cmpfloat (share, <, 0.07);
  /* About half of bracketed orders send one size back, against about 10%. */
  g_assert_cmpfloat (r->bracketed.rate, >, 0.40);
  g_assert_cmpfloat (r->not_bracketed.rate, <, 0.15);
  g_assert_cmpfloat (r->bracketed.rate_low, >, 3 * r->not_bracketed.rate_high);

  for (guint i = 0; i < r->flagged->len; i++)
    {
      const LcReturnGroup *group = g_ptr_array_index (r->flagged, i);

      g_assert_cmpint (group->orders, >=, r->min_orders);
      g_assert_cmpfloat (group->rate_low, >, r->order_rate);
      if (group->kind == LC_RETURN_GROUP_BRACKETING && g_str_equal (group->key, "bracketed"))
        flagged_bracketing = TRUE;
      else if (group->kind == LC_RETURN_GROUP_BRACKETING && group->sized)
        {
          g_assert_cmpfloat (group->rate, >=, 0.30);
          g_assert_cmpint (group->nudge, ==, LC_RETURN_NUDGE_SIZE_GUIDANCE);
          flagged_size = TRUE;
        }
    }
  g_assert_true (flagged_bracketing);
  g_assert_true (flagged_size);
  g_assert_cmpint (r->flagged_refunds_year, >, 0);
  g_assert_cmpint (r->recovered_year, >, r->flagged_refunds_year / 5);
}

static void
test_demo_cli_json (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "returns", demo_store (), "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"overall_rate\""));
  g_assert_nonnull (strstr (out, "\"kind\" : \"bracketing\""));
  g_assert_nonnull (strstr (out, "\"rate_low\""));
}

static void
test_shared_orders (void)
{
  static const char * const files[] = {
    "shopify/orders/ethompson17_Explorer_Analytics__orders_export_1.csv",
    "shopify/orders/oks234_customer_vip__orders_export_1.csv",
    "shopify/orders/zhangerson_shopify_parsing__orders_export_21.csv",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *csv = lc_test_shared_data_path (files[i]);
      g_autofree char *dir = NULL;
      g_autofree char *store = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      if (csv == NULL)
        return;
      dir = lc_test_make_tmpdir ();
      store = g_build_filename (dir, "shared.liftcheck", NULL);
      g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, csv, "--quiet", NULL), ==, 0);
      g_assert_cmpint (lc_test_run_cli (&out, &err, "returns", store, NULL), ==, 0);
      g_test_message ("%s:\n%s", files[i], out);
      g_assert_true (strstr (out, "Too little data") != NULL || strstr (out, "no orders old enough") != NULL);
    }
}

/* Orders with SKUs: the Tee M's single-line refund is exact; the 1 Aug order
 * sets the last day, so that the March orders are old enough. Every line is
 * 20.00, so the median unit price is 20.00 and a SKU needs 400.00 of gross
 * sales for the report's rate to be shown. */
static const char sku_orders_csv[] =
  "Name,Email,Financial Status,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
  "Lineitem sku,Cancelled at,Refunded Amount,Id\n"
  "#2004,d@example.com,paid,USD,20.00,20.00,2024-08-01 09:00:00 -0500,1,Tee - L,20.00,TEE-L,,0.00,14\n"
  "#2003,c@example.com,paid,USD,20.00,20.00,2024-03-07 09:00:00 -0500,1,Hat,20.00,HAT,,0.00,13\n"
  "#2002,b@example.com,paid,USD,20.00,20.00,2024-03-06 09:00:00 -0500,1,Tee - M,20.00,TEE-M,,0.00,12\n"
  "#2001,a@example.com,refunded,USD,20.00,20.00,2024-03-01 09:00:00 -0500,1,Tee - M,20.00,TEE-M,,20.00,11\n";

/* Shopify writes discounts and returns negative. */
static const char sku_report_csv[] =
  "\"Product title\",\"Product variant title\",\"Product variant SKU\",\"Net items sold\",\"Gross sales\",\"Discounts\","
  "\"Returns\",\"Net sales\",\"Taxes\",\"Total sales\"\n"
  "\"Tee\",\"M\",\"TEE-M\",30,1000.00,-50.00,-350.00,600.00,0.00,600.00\n"
  "\"Tee\",\"L\",\"TEE-L\",20,500.00,0.00,-50.00,450.00,0.00,450.00\n"
  "\"Hat\",\"Default Title\",\"HAT\",10,200.00,0.00,-100.00,100.00,0.00,100.00\n"
  "\"Sock\",\"Default Title\",\"\",50,2000.00,0.00,-800.00,1200.00,0.00,1200.00\n";

static const LcReturnGroup *
find_report_variant (const LcReturnsReport *r,
                     const char            *key)
{
  for (guint i = 0; i < r->report_variants->len; i++)
    {
      const LcReturnGroup *group = g_ptr_array_index (r->report_variants, i);

      if (g_str_equal (group->key, key))
        return group;
    }
  return NULL;
}

static gboolean
is_flagged (const LcReturnsReport *r,
            const LcReturnGroup   *group)
{
  for (guint i = 0; i < r->flagged->len; i++)
    if (g_ptr_array_index (r->flagged, i) == group)
      return TRUE;
  return FALSE;
}

static void
test_sales_report_rates (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) orders = NULL;
  g_autoptr(LcImportResult) report = NULL;
  g_autoptr(LcReturnsReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const LcReturnGroup *tee_m, *tee_l, *sock;

  orders = lc_test_import_text (store, "orders_export_1.csv", sku_orders_csv, &error);
  g_assert_no_error (error);
  report = lc_test_import_text (store, "Total sales by product variant.csv", sku_report_csv, &error);
  g_assert_no_error (error);
  g_assert_true (lc_store_set_setting (store, "returns.min_orders", "1", &error));
  g_assert_no_error (error);

  r = lc_store_compute_returns (store, LC_DAY_NONE, LC_DAY_NONE, 0.2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpint (r->orders, ==, 3);
  g_assert_cmpint (r->report_min_gross, ==, 20 * 2000);

  /* Returns / gross sales; the Hat's 200.00 is too little to show. */
  g_assert_cmpuint (r->report_variants->len, ==, 3);
  g_assert_null (find_report_variant (r, "Hat"));
  sock = g_ptr_array_index (r->report_variants, 0);
  g_assert_cmpstr (sock->key, ==, "Sock");
  g_assert_cmpfloat_with_epsilon (sock->rate, 800.0 / 2000.0, 1e-12);
  g_assert_cmpfloat (sock->orders_rate, <, 0);
  tee_m = find_report_variant (r, "Tee / M");
  g_assert (tee_m != NULL);
  g_assert_cmpfloat_with_epsilon (tee_m->rate, 350.0 / 1000.0, 1e-12);
  g_assert_cmpfloat (tee_m->rate_low, ==, tee_m->rate);
  g_assert_cmpint (tee_m->orders, ==, 30);
  g_assert_cmpint (tee_m->refunded, ==, 35000);
  g_assert_true (tee_m->from_report);
  g_assert_false (tee_m->estimated);
  /* Matched through the SKU: one of its two orders had a refund. */
  g_assert_cmpfloat_with_epsilon (tee_m->orders_rate, 0.5, 1e-12);
  tee_l = find_report_variant (r, "Tee / L");
  g_assert (tee_l != NULL);
  g_assert_cmpfloat_with_epsilon (tee_l->rate, 50.0 / 500.0, 1e-12);

  /* 30% or more of the value returned: flagged, as variants. */
  g_assert_true (tee_m->flagged && is_flagged (r, tee_m));
  g_assert_true (sock->flagged && is_flagged (r, sock));
  g_assert_false (tee_l->flagged || is_flagged (r, tee_l));
  g_assert_cmpint (tee_m->kind, ==, LC_RETURN_GROUP_VARIANT);
  /* The orders-based Tee / M is not flagged beside it. */
  for (guint i = 0; i < r->flagged->len; i++)
    {
      const LcReturnGroup *group = g_ptr_array_index (r->flagged, i);

      g_assert_true (group->from_report || !g_str_equal (group->key, "Tee / M"));
    }
  /* Not part of the money at stake: the report's dates are its own. */
  g_assert_cmpint (r->flagged_refunds_year, ==, 0);

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "returns", path, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"source\" : \"sales-report\""));
  g_assert_nonnull (strstr (out, "\"report_variants\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "returns", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Tee / M: 35% of its sales value returned, 30 items sold (sales report)"));
  g_assert_nonnull (strstr (out, "From the orders alone, 50% of its orders had a refund."));
  g_assert_nonnull (strstr (out, "The highest is Sock, at 40.0%."));
}

/* The top SKU among those with 30 or more items sold (no orders: the
 * threshold falls back to min_orders items), made with:
 *   python3 -c "import csv
 *   f = '../shared/data/shopify/reports/Kumarakuru_shopify-ai-analyst__Total_sales_by_product_variant-24MAR26-24MAR25.csv'
 *   rows = [(-float (r['Returns'] or 0) / float (r['Gross sales']), r['Product title'], int (float (r['Net items sold'])))
 *           for r in csv.DictReader (open (f))
 *           if float (r['Gross sales'] or 0) > 0 and int (float (r['Net items sold'])) >= 30]
 *   print (len (rows), max (rows))"
 * which prints 61 (0.12, 'Moringa Energy Bar', 44). */
static void
test_shared_sales_report (void)
{
  g_autofree char *csv = lc_test_shared_data_path ("shopify/reports/Kumarakuru_shopify-ai-analyst__Total_sales_by_product_variant-24MAR26-24MAR25.csv");
  g_autofree char *dir = NULL;
  g_autofree char *store = NULL;
  g_autofree char *out = NULL;
  g_autoptr(LcStore) opened = NULL;
  g_autoptr(LcReturnsReport) r = NULL;
  g_autoptr(GError) error = NULL;
  const LcReturnGroup *top;

  if (csv == NULL)
    return;
  dir = lc_test_make_tmpdir ();
  store = g_build_filename (dir, "shared.liftcheck", NULL);
  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "import", store, csv, "--quiet", NULL), ==, 0);
  g_assert_cmpint (lc_test_run_cli (&out, NULL, "returns", store, NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "The highest is Moringa Energy Bar, at 12.0%."));

  opened = lc_store_open (store, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  r = lc_store_compute_returns (opened, LC_DAY_NONE, LC_DAY_NONE, 0.2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->report_variants->len, ==, 61);
  top = g_ptr_array_index (r->report_variants, 0);
  g_assert_cmpstr (top->key, ==, "Moringa Energy Bar");
  g_assert_cmpfloat_with_epsilon (top->rate, 0.12, 1e-12);
  g_assert_cmpint (top->orders, ==, 44);
  /* 12% is below the 30% flag. */
  g_assert_cmpuint (r->flagged->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lc/returns/wilson-matches-statsmodels", test_wilson_statsmodels);
  g_test_add_func ("/lc/returns/attribution/single-line-is-exact", test_attribution_single_line);
  g_test_add_func ("/lc/returns/attribution/whole-order", test_attribution_whole_order);
  g_test_add_func ("/lc/returns/attribution/equal-to-one-line", test_attribution_equal_to_one_line);
  g_test_add_func ("/lc/returns/attribution/spread-by-value", test_attribution_spread_by_value);
  g_test_add_func ("/lc/returns/segments/new-returning-and-codes", test_segments_fixture);
  g_test_add_func ("/lc/returns/small-store-says-too-little-data", test_small_store_says_too_little);
  g_test_add_func ("/lc/returns/demo/bracketing-and-flagged-sizes", test_demo_bracketing_and_flags);
  g_test_add_func ("/lc/returns/demo/cli-json", test_demo_cli_json);
  g_test_add_func ("/lc/returns/shared-orders-say-too-little-data", test_shared_orders);
  g_test_add_func ("/lc/returns/sales-report/per-sku-rates", test_sales_report_rates);
  g_test_add_func ("/lc/returns/sales-report/shared", test_shared_sales_report);
  status = g_test_run ();
  if (demo_path != NULL)
    g_unlink (demo_path);
  g_free (demo_path);
  return status;
}
