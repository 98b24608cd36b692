/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lc-bundles.h"
#include "lc-demo.h"
#include "lc-returns.h"
#include "lc-store-private.h"
#include "lc-test-util.h"

/*
 * Returns and bundles read orders and lines in the order the store holds
 * them (lc-walk-private.h). An order imported again gets new lines at the
 * end of the table, so an order's lines may lie apart and out of position
 * order: the results must not change.
 */

static void
describe_group (GString             *out,
                const char          *what,
                const LcReturnGroup *g)
{
  g_string_append_printf (out, "%s %d %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %.17g %.17g %.17g %"
                          G_GINT64_FORMAT " %d %d %d %d %d %.17g\n",
                          what, g->kind, g->key, g->orders, g->returned, g->rate, g->rate_low, g->rate_high,
                          g->refunded, g->estimated, g->sized, g->flagged, g->nudge, g->from_report, g->orders_rate);
}

static void
describe_pair (GString            *out,
               const char         *what,
               const LcBundlePair *p)
{
  g_string_append_printf (out, "%s %s + %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n",
                          what, p->a, p->b, p->orders_a, p->orders_b, p->orders_ab, p->support, p->confidence,
                          p->confidence_ba, p->lift, p->p_value, p->extra_units_year, p->extra_revenue_year);
}

/* Everything the returns report and the mined bundles say, as text. */
static char *
describe_store (LcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcReturnsReport) r = NULL;
  g_autoptr(LcBundles) b = NULL;
  GString *out = g_string_new (NULL);

  r = lc_store_compute_returns (store, LC_DAY_NONE, LC_DAY_NONE, 0.2, &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "returns %d %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %.17g\n",
                          r->from, r->to, r->orders, r->returned_orders, r->total, r->refunded, r->lines_exact,
                          r->lines_spread, r->sized_orders, r->report_min_gross, r->recovered_year,
                          r->prevented_returns_year);
  describe_group (out, "bracketed", &r->bracketed);
  describe_group (out, "not-bracketed", &r->not_bracketed);
  for (guint i = 0; i < r->groups->len; i++)
    describe_group (out, "group", g_ptr_array_index (r->groups, i));
  for (guint i = 0; i < r->flagged->len; i++)
    describe_group (out, "flagged", g_ptr_array_index (r->flagged, i));

  b = lc_store_mine_bundles (store, LC_DAY_NONE, LC_DAY_NONE, 0.05, &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "bundles %d %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d\n",
                          b->from, b->to, b->orders, b->multi_orders, b->categories);
  for (guint i = 0; i < b->pairs->len; i++)
    describe_pair (out, "pair", g_ptr_array_index (b->pairs, i));
  for (guint i = 0; i < b->category_pairs->len; i++)
    describe_pair (out, "group-pair", g_ptr_array_index (b->category_pairs, i));
  return g_string_free (out, FALSE);
}

static void
test_line_order_does_not_matter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.liftcheck", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LcDemoOptions options;

  lc_demo_options_init (&options);
  options.orders_per_day = 25;
  options.years = 1;
  g_assert_true (lc_demo_create_store (&options, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  before = describe_store (store);
  g_assert_nonnull (strstr (before, "\ngroup "));
  g_assert_nonnull (strstr (before, "\npair "));

  /* Every order's first line moves to the end of the table, and every
   * third order's second line after it. */
  g_assert_true (_lc_store_exec (store,
                                 "UPDATE line_items SET id = id + 100000000 WHERE position = 0;"
                                 "UPDATE line_items SET id = id + 200000000 WHERE position = 1 AND order_id % 3 = 0;",
                                 &error));
  g_assert_no_error (error);
  after = describe_store (store);
  g_assert_cmpstr (after, ==, before);
}

/* Two products always bought together at the same price: the pair brings
 * as much either way round, and the one offered first is the one met first
 * by day, order and position (Left), however the lines are stored. Their
 * vendors pair likewise. */
static void
test_ties_follow_the_first_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GString) csv = g_string_new ("Name,Financial Status,Currency,Subtotal,Total,Created at,"
                                         "Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,"
                                         "Vendor,Cancelled at,Refunded Amount,Id\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint id = 1; id <= 100; id++)
    {
      const char *day = id <= 40 ? "2024-03-01" : "2024-03-02";

      if (id <= 40)
        g_string_append_printf (csv, "#%u,paid,USD,20.00,20.00,%s 10:%02u:00 -0500,1,Left,10.00,L-1,Acme,,0.00,%u\n"
                                "#%u,,,,,,1,Right,10.00,R-1,Bolt,,,\n",
                                1000 + id, day, id % 60, id, 1000 + id);
      else
        g_string_append_printf (csv, "#%u,paid,USD,10.00,10.00,%s 10:%02u:00 -0500,1,Solo,10.00,S-1,Cog,,0.00,%u\n",
                                1000 + id, day, id % 60, id);
    }
  result = lc_test_import_text (store, "orders_export_1.csv", csv->str, &error);
  g_assert_no_error (error);

  before = describe_store (store);
  g_assert_nonnull (strstr (before, "\npair Left + Right 40 40 40 "));
  g_assert_nonnull (strstr (before, "\ngroup-pair Acme + Bolt "));

  /* The first lines go to the end, the last order's first. */
  g_assert_true (_lc_store_exec (store, "UPDATE line_items SET id = 100000000 - id WHERE position = 0", &error));
  g_assert_no_error (error);
  after = describe_store (store);
  g_assert_cmpstr (after, ==, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lc/walk/line-order-does-not-matter", test_line_order_does_not_matter);
  g_test_add_func ("/lc/walk/ties-follow-the-first-line", test_ties_follow_the_first_line);
  return g_test_run ();
}
