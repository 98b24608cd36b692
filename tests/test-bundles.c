/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lc-bundles.h"
#include "lc-demo.h"
#include "lc-store-private.h"
#include "lc-test-util.h"

/*
 * Hand-made baskets: 100 counted orders over 1-10 March 2024.
 *   40 x {Socks, Tee}        10 x {Tee}        20 x {Hat, Scarf}
 *   10 x {Socks}             20 x {Tee - Black / M, Tee - White / L}
 * Orders with Tee: 40 + 10 + 20 = 70; Socks 50; Hat 20; Scarf 20.
 * Multi-product orders: 40 + 20 = 60 (two sizes of the Tee are one product).
 * Minimum support: max(20, 0.1% of 100) = 20 orders.
 * Tee with Socks: support 40/100 = 0.4, lift 0.4 / (0.7 x 0.5) = 8/7.
 *   Offered as Socks -> Tee (50 orders x $20 beats 70 x $10):
 *   confidence 40/50 = 0.8, the other way 40/70 = 4/7.
 * Hat with Scarf: support 0.2, confidences 1 and 1, lift 0.2 / 0.04 = 5.
 *   Offered as Hat -> Scarf (20 x $25 beats 20 x $15).
 * Ten days: 36.5 of them a year; at +5 points of attach rate, Socks -> Tee
 * gives 50 x 36.5 x 0.05 = 91.25 more Tees a year, 91.25 x $20 = $1,825.
 * Fisher one-sided p-values, exact, with Python's fractions:
 *   python3 -c 'from math import comb; from fractions import Fraction as F;
 *     f=lambda k,g,n,t: float(sum(F(comb(g,x)*comb(t-g,n-x), comb(t,n)) for x in range(k, min(g,n)+1)));
 *     print(f(40,50,70,100), f(20,20,20,100), f(20,70,20,100))'
 *   -> 0.024290815806470488 1.8657295267325184e-21 0.00030203288497681203
 */

#define ORDERS_HEADER \
  "Name,Financial Status,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Cancelled at,Refunded Amount,Id\n"

typedef struct
{
  guint       count;
  const char *lines[3];   /* "name|price|sku" */
} Group;

static const Group groups[] = {
  { 40, { "Socks|10.00|", "Tee - Black / M|20.00|TEE-BLK-M", NULL } },
  { 10, { "Tee - White / L|20.00|TEE-WHT-L", NULL } },
  { 20, { "Hat|15.00|HAT-1", "Scarf|25.00|SCF-1", NULL } },
  { 10, { "Socks|10.00|", NULL } },
  { 20, { "Tee - Black / M|20.00|TEE-BLK-M", "Tee - White / L|20.00|TEE-WHT-L", NULL } },
};

static char *
make_orders_csv (void)
{
  GString *csv = g_string_new (ORDERS_HEADER);
  guint id = 1;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint k = 0; k < groups[g].count; k++, id++)
      for (guint l = 0; groups[g].lines[l] != NULL; l++)
        {
          g_auto(GStrv) parts = g_strsplit (groups[g].lines[l], "|", 3);

          if (l == 0)
            g_string_append_printf (csv, "#%u,paid,USD,50.00,50.00,2024-03-%02u 10:00:00 -0500,1,%s,%s,%s,,0.00,%u\n",
                                    1000 + id, 1 + id % 10, parts[0], parts[1], parts[2], id);
          else
            g_string_append_printf (csv, "#%u,,,,,,1,%s,%s,%s,,,\n", 1000 + id, parts[0], parts[1], parts[2]);
        }
  return g_string_free (csv, FALSE);
}

static LcStore *
new_basket_store (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autofree char *csv = make_orders_csv ();
  LcStore *store = lc_test_new_store (out_path);

  result = lc_test_import_text (store, "orders_export_1.csv", csv, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return store;
}

static const LcBundlePair *
find_pair (GPtrArray  *pairs,
           const char *a,
           const char *b)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      const LcBundlePair *pair = g_ptr_array_index (pairs, i);

      if ((g_str_equal (pair->a, a) && g_str_equal (pair->b, b)) ||
          (g_str_equal (pair->a, b) && g_str_equal (pair->b, a)))
        return pair;
    }
  return NULL;
}

static void
test_bundles_hand_made_baskets_exact (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = new_basket_store (NULL);
  g_autoptr(LcBundles) bundles = NULL;
  const LcBundlePair *pair;

  bundles = lc_store_mine_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bundles->orders, ==, 100);
  g_assert_cmpint (bundles->multi_orders, ==, 60);
  g_assert_cmpint (bundles->min_support, ==, 20);
  g_assert_false (bundles->has_categories);
  g_assert_cmpuint (bundles->pairs->len, ==, 2);

  /* Sorted by lift x support: 1.0 before 0.457. */
  pair = g_ptr_array_index (bundles->pairs, 0);
  g_assert_cmpstr (pair->a, ==, "Hat");
  g_assert_cmpstr (pair->b, ==, "Scarf");
  g_assert_cmpint (pair->orders_ab, ==, 20);
  g_assert_cmpfloat_with_epsilon (pair->support, 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->confidence, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->confidence_ba, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->lift, 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->p_value / 1.8657295267325184e-21, 1.0, 1e-9);

  pair = g_ptr_array_index (bundles->pairs, 1);
  g_assert_cmpstr (pair->a, ==, "Socks");
  g_assert_cmpstr (pair->b, ==, "Tee");
  g_assert_cmpint (pair->orders_a, ==, 50);
  g_assert_cmpint (pair->orders_b, ==, 70);
  g_assert_cmpint (pair->orders_ab, ==, 40);
  g_assert_cmpfloat_with_epsilon (pair->support, 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->confidence, 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->confidence_ba, 4.0 / 7.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->lift, 8.0 / 7.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->p_value, 0.024290815806470488, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->extra_units_year, 91.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (pair->extra_revenue_year, 1825.0, 1e-6);

  /* 60 multi-product orders are far from enough to act on. */
  g_assert_false (bundles->enough_data);
}

static void
test_bundles_variants_never_pair (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = new_basket_store (NULL);
  g_autoptr(LcBundles) bundles = NULL;

  bundles = lc_store_mine_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < bundles->pairs->len; i++)
    {
      const LcBundlePair *pair = g_ptr_array_index (bundles->pairs, i);

      g_assert_cmpstr (pair->a, !=, pair->b);
      g_assert_null (strstr (pair->a, " - "));
      g_assert_null (strstr (pair->b, " - "));
    }
}

static void
test_bundles_fisher_matches_reference (void)
{
  g_assert_cmpfloat_with_epsilon (lc_bundles_fisher_greater (40, 50, 70, 100), 0.024290815806470488, 1e-12);
  g_assert_cmpfloat_with_epsilon (lc_bundles_fisher_greater (20, 70, 20, 100), 0.00030203288497681203, 1e-14);
  /* The smallest possible count: certain. */
  g_assert_cmpfloat (lc_bundles_fisher_greater (0, 50, 70, 100), ==, 1.0);
  g_assert_cmpfloat (lc_bundles_fisher_greater (20, 50, 70, 100), ==, 1.0);
}

/* Tee and its second variant row are one handle (Tops, by SKU); Socks has no
 * SKU and matches by title; an image row carries nothing else. */
static const char products_csv[] =
  "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Value,Variant SKU,Variant Price,Image Src\n"
  "tee,Tee,<p>Soft</p>,Studio,Tops,\"cotton, basics\",Black / M,TEE-BLK-M,20.00,https://img/1.jpg\n"
  "tee,,,,,,White / L,TEE-WHT-L,20.00,https://img/2.jpg\n"
  "tee,,,,,,,,,https://img/3.jpg\n"
  "socks,Socks,,Goods,Accessories,,Default Title,,10.00,\n"
  "hat,Hat,,Goods,Headwear,,Default Title,HAT-1,15.00,\n"
  "scarf,Scarf,,Goods,Accessories,,Default Title,SCF-1,25.00,\n";

static gint64
count_rows (LcStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = _lc_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/*
 * Product types: Tops 70 orders, Accessories (Socks, Scarf) 40 + 20 + 10 =
 * 70, Headwear 20. Headwear with Accessories: 20 orders, support 0.2, lift
 * 0.2 / (0.2 x 0.7) = 10/7; offered as Accessories -> Headwear (70 x $15
 * beats 20 x $1000/70), confidence 20/70, the other way 1. Tops with
 * Accessories: 40 orders, lift 0.4 / 0.49 < 1, not a bundle.
 */
static void
test_bundles_category_pairs_from_products_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = new_basket_store (NULL);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(LcBundles) bundles = NULL;
  const LcImportFileResult *file;
  const LcBundlePair *pair;

  result = lc_test_import_text (store, "products_export_1.csv", products_csv, &error);
  g_assert_no_error (error);
  file = g_ptr_array_index (result->files, 0);
  g_assert_cmpint (file->kind, ==, LC_IMPORT_KIND_SHOPIFY_PRODUCTS);
  g_assert_cmpint (file->rows, ==, 6);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM products"), ==, 5);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM products WHERE handle = 'tee' AND title = 'Tee' AND product_type = 'Tops'"), ==, 2);

  bundles = lc_store_mine_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, &error);
  g_assert_no_error (error);
  g_assert_true (bundles->has_categories);
  g_assert_cmpuint (bundles->category_pairs->len, ==, 1);
  pair = g_ptr_array_index (bundles->category_pairs, 0);
  g_assert_cmpstr (pair->a, ==, "Accessories");
  g_assert_cmpstr (pair->b, ==, "Headwear");
  g_assert_cmpint (pair->orders_ab, ==, 20);
  g_assert_cmpfloat_with_epsilon (pair->support, 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->confidence, 2.0 / 7.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->confidence_ba, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->lift, 10.0 / 7.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->p_value, 0.00030203288497681203, 1e-14);

  /* Importing it again updates the same rows. */
  g_clear_pointer (&result, lc_import_result_free);
  result = lc_test_import_text (store, "products_export_1.csv", products_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM products"), ==, 5);
}

/* Over $10M every mined pair; below it only pairs with lift >= 1.5 and
 * p < 0.05: Hat with Scarf (lift 5), not Socks with Tee (lift 8/7). The
 * basket store has too little data, so that is set by hand here. */
static void
test_bundles_suggestions_follow_tier (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = new_basket_store (NULL);
  g_autoptr(LcBundles) bundles = NULL;
  g_autoptr(GPtrArray) list = NULL;

  bundles = lc_store_mine_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, &error);
  g_assert_no_error (error);
  list = lc_bundles_get_suggestions (bundles, TRUE);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  bundles->enough_data = TRUE;
  bundles->tier = LC_TIER_OVER_10M;
  list = lc_bundles_get_suggestions (bundles, FALSE);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  bundles->tier = LC_TIER_2M_10M;
  list = lc_bundles_get_suggestions (bundles, FALSE);
  g_assert_false (lc_bundles_suggests_categories (bundles, FALSE));
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((LcBundlePair *) g_ptr_array_index (list, 0))->a, ==, "Hat");
  g_clear_pointer (&list, g_ptr_array_unref);

  list = lc_bundles_get_suggestions (bundles, TRUE);
  g_assert_cmpuint (list->len, ==, 2);
}

static void
test_bundles_cli_says_too_little_data (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = new_basket_store (&path);
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "bundles", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Too few orders with two or more different products to find bundles (60)"));
  g_assert_cmpint (lc_test_run_cli (&json, NULL, "bundles", path, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (json, "\"enough_data\" : false"));
  g_assert_nonnull (strstr (json, "\"message\""));
}

/* The demo's cart bundles, on from 2026-04-25, add an accessory to apparel
 * orders (lc-demo.c, complement_mask). */
static const char * const demo_apparel[] = {
  "Organic Cotton Tee", "Relaxed Linen Shirt", "Ribbed Tank Top", "Merino Crew Sweater",
  "Striped Breton Top", "Silk Camisole", "Oversized Hoodie", "Poplin Blouse",
  "Linen Wrap Dress", "Jersey Midi Dress", "Floral Sundress", "Satin Slip Dress",
  "Knit Sweater Dress", "Poplin Shirt Dress", "High-Rise Straight Jeans",
  "Wide-Leg Linen Trousers", "Everyday Joggers", "Tailored Chinos", "Pleated Midi Skirt",
  "Denim Shorts", "Denim Jacket", "Quilted Puffer Jacket", "Wool Blend Coat",
  "Cropped Blazer", "Packable Rain Shell", NULL
};
static const char * const demo_accessories[] = {
  "Leather Belt", "Woven Canvas Belt", "Merino Scarf", "Silk Square Scarf", "Cotton Bandana",
  "Everyday Crew Socks 3-Pack", "Wool Hiking Socks", "No-Show Socks 5-Pack", "Canvas Tote Bag",
  "Leather Crossbody Bag", "Woven Market Tote", "Rib Knit Beanie", "Cotton Bucket Hat", NULL
};

static gboolean
is_apparel_with_accessory (const LcBundlePair *pair)
{
  return (g_strv_contains (demo_apparel, pair->a) && g_strv_contains (demo_accessories, pair->b)) ||
         (g_strv_contains (demo_accessories, pair->a) && g_strv_contains (demo_apparel, pair->b));
}

static guint
count_apparel_pairs (GPtrArray *pairs)
{
  guint n = 0;

  for (guint i = 0; i < pairs->len; i++)
    if (is_apparel_with_accessory (g_ptr_array_index (pairs, i)))
      n++;
  return n;
}

static void
test_bundles_demo_finds_accessory_with_apparel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.liftcheck", NULL);
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcBundles) after = NULL;
  g_autoptr(LcBundles) before = NULL;
  g_autofree char *out = NULL;
  LcDemoOptions options;
  LcDay on = 0, from;
  const LcBundlePair *found = NULL, *earlier;
  double before_support;

  lc_demo_options_init (&options);
  g_assert_true (lc_demo_create_store (&options, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_assert_true (lc_day_parse ("2026-04-25", &on, NULL));
  after = lc_store_mine_bundles (store, on, LC_DAY_NONE, 0.05, &error);
  g_assert_no_error (error);
  g_assert_true (after->enough_data);

  for (guint i = 0; i < MIN (after->pairs->len, 10) && found == NULL; i++)
    {
      const LcBundlePair *pair = g_ptr_array_index (after->pairs, i);

      if (is_apparel_with_accessory (pair))
        found = pair;
    }
  g_assert_nonnull (found);
  g_assert_cmpfloat (found->lift, >, 1.0);
  g_test_message ("after: %s with %s, support %.4f, lift %.2f, p %g", found->a, found->b,
                  found->support, found->lift, found->p_value);

  /* The same number of days before the switch. */
  from = on - (after->to - on + 1);
  before = lc_store_mine_bundles (store, from, on - 1, 0.05, &error);
  g_assert_no_error (error);
  earlier = find_pair (before->pairs, found->a, found->b);
  /* A pair missing before was below that period's minimum support. */
  before_support = earlier != NULL ? earlier->support : (double) before->min_support / before->orders;
  g_test_message ("before: support %s %.4f", earlier != NULL ? "=" : "<", before_support);
  g_assert_cmpfloat (before_support, <, found->support);

  /* And the pattern as a whole: apparel with accessories pairs appear. */
  g_assert_cmpuint (count_apparel_pairs (after->pairs), >=, 5);
  g_assert_cmpuint (count_apparel_pairs (before->pairs), <, count_apparel_pairs (after->pairs));

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "bundles", path, "--from", "2026-04-25", NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, " with "));

  /* What the bundles did: among orders with a garment, the share that also
   * holds one of the accessories the demo offers with it rose after the
   * switch. Lift cannot show this (garments are in most orders); the
   * attach rate can. The demo offers socks or belts with pants, scarves or
   * hats with jackets. */
  {
    g_autoptr(GPtrArray) changes = lc_store_compare_attach_rates (store, on, 60, &error);
    g_autofree char *json = NULL;
    gboolean pants_socks = FALSE, jackets_scarves = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < changes->len; i++)
      {
        const LcAttachChange *c = g_ptr_array_index (changes, i);

        g_assert_cmpfloat (c->rate_after, >, c->rate_before);
        g_assert_cmpfloat (c->p_value, <, 0.05);
        if (g_str_equal (c->a, "Pants") && g_str_equal (c->b, "Socks"))
          pants_socks = TRUE;
        if (g_str_equal (c->a, "Jackets") && g_str_equal (c->b, "Scarves"))
          jackets_scarves = TRUE;
      }
    g_assert_true (pants_socks);
    g_assert_true (jackets_scarves);

    g_assert_cmpint (lc_test_run_cli (&json, NULL, "bundles", path, "--since-switch", "--json", NULL), ==, 0);
    g_assert_nonnull (strstr (json, "\"switch_day\" : \"2026-04-25\""));
    g_assert_nonnull (strstr (json, "\"attach_changes\""));
  }
}

static const char * const shared_orders[] = {
  "Diptargha_maison_maria__orders_export_1.csv",
  "SuesteCreative_dna-crm__orders_export_1.csv",
  "danilo0327_ML_linear_regression__orders_export_1.csv",
  "ethompson17_Explorer_Analytics__orders_export_1.csv",
  "jihyangt_autofulfill5000__orders_export.csv",
  "oks234_customer_vip__orders_export_1.csv",
  "zhangerson_shopify_parsing__orders_export_21.csv",
};

static void
test_bundles_shared_orders_too_little_data (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shared_orders); i++)
    {
      g_autofree char *relative = g_build_filename ("shopify", "orders", shared_orders[i], NULL);
      g_autofree char *file = lc_test_shared_data_path (relative);
      g_autofree char *dir = NULL;
      g_autofree char *store = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *json = NULL;

      if (file == NULL)
        return;
      dir = lc_test_make_tmpdir ();
      store = g_build_filename (dir, "shared.liftcheck", NULL);
      if (lc_test_run_cli (NULL, &err, "import", store, file, NULL) != 0)
        {
          g_test_message ("%s does not import: %s", shared_orders[i], err);
          continue;
        }
      g_assert_cmpint (lc_test_run_cli (&out, NULL, "bundles", store, NULL), ==, 0);
      g_test_message ("%s:\n%s", shared_orders[i], out);
      /* None of these small exports has 500 orders with two products. */
      g_assert_true (strstr (out, "Too few orders with two or more different products") != NULL ||
                     strstr (out, "There are no orders in this period") != NULL);
      g_assert_cmpint (lc_test_run_cli (&json, NULL, "bundles", store, "--json", NULL), ==, 0);
      g_assert_nonnull (strstr (json, "\"enough_data\" : false"));
    }
}

/* Counted with Python's csv module: data rows, distinct handles, and the
 * (handle, SKU) rows left once image-only rows are skipped:
 *   python3 -c 'import csv; r=list(csv.DictReader(open(F, newline="", encoding="utf-8-sig"))); ...'
 * (rows with a new handle or a Title start a product; a later row with no
 * Variant SKU, Option1 Value or Variant Price is an image row). */
typedef struct
{
  const char *file;
  gint64      rows;
  gint64      handles;
  gint64      variants;
} ProductsFile;

static const ProductsFile shared_products[] = {
  { "Kumarakuru_shopify-ai-analyst__products_export_1.csv", 2921, 1943, 2084 },
  { "SuesteCreative_dna-crm__products_export.csv", 7, 3, 7 },
  { "YadaYadaSoftware_shopify-variant-splitter__products_export_1.csv", 61, 8, 14 },
};

static void
test_bundles_shared_products_import (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shared_products); i++)
    {
      g_autofree char *relative = g_build_filename ("shopify", "products", shared_products[i].file, NULL);
      g_autofree char *file = lc_test_shared_data_path (relative);
      g_autoptr(GError) error = NULL;
      g_autoptr(LcStore) store = NULL;
      g_autoptr(LcImportResult) result = NULL;
      const char *paths[2] = { NULL, NULL };
      const LcImportFileResult *one;

      if (file == NULL)
        return;
      store = lc_test_new_store (NULL);
      paths[0] = file;
      result = lc_store_import_files (store, paths, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      one = g_ptr_array_index (result->files, 0);
      g_assert_cmpint (one->kind, ==, LC_IMPORT_KIND_SHOPIFY_PRODUCTS);
      g_assert_cmpint (one->rows, ==, shared_products[i].rows);
      g_assert_cmpint (count_rows (store, "SELECT COUNT(DISTINCT handle) FROM products"), ==, shared_products[i].handles);
      g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM products"), ==, shared_products[i].variants);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/bundles/hand-made-baskets-exact", test_bundles_hand_made_baskets_exact);
  g_test_add_func ("/lc/bundles/variants-never-pair", test_bundles_variants_never_pair);
  g_test_add_func ("/lc/bundles/fisher-matches-reference", test_bundles_fisher_matches_reference);
  g_test_add_func ("/lc/bundles/category-pairs-from-products-export", test_bundles_category_pairs_from_products_export);
  g_test_add_func ("/lc/bundles/suggestions-follow-tier", test_bundles_suggestions_follow_tier);
  g_test_add_func ("/lc/bundles/cli-says-too-little-data", test_bundles_cli_says_too_little_data);
  g_test_add_func ("/lc/bundles/demo-finds-accessory-with-apparel", test_bundles_demo_finds_accessory_with_apparel);
  g_test_add_func ("/lc/bundles/shared-orders-too-little-data", test_bundles_shared_orders_too_little_data);
  g_test_add_func ("/lc/bundles/shared-products-import", test_bundles_shared_products_import);

  return g_test_run ();
}
