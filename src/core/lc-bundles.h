/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-metrics.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* Below this many counted orders with two or more different products, the
 * pairs are noise: Liftcheck says so instead of listing them. */
#define LC_BUNDLES_MIN_MULTI_ORDERS 500
/* The owner's short list: pairs bought together at least this much more
 * often than chance. */
#define LC_BUNDLES_SHORTLIST_LIFT   1.5
#define LC_BUNDLES_SHORTLIST_LENGTH 10

/* Two products (or two product types) bought in the same orders. a is the
 * one to offer b with: the direction whose raised attach rate is worth the
 * most. */
typedef struct
{
  char    *a;
  char    *b;
  gint64   orders_a;         /* orders in the period with a */
  gint64   orders_b;
  gint64   orders_ab;        /* with both */
  double   support;          /* orders_ab / orders */
  double   confidence;       /* a -> b: orders_ab / orders_a */
  double   confidence_ba;    /* b -> a: orders_ab / orders_b */
  double   lift;             /* P(ab) / (P(a) P(b)) */
  double   p_value;          /* Fisher's exact test, one-sided (more often together than chance) */
  double   extra_units_year; /* more units of b a year if b's attach rate among orders with a rose by attach_rise */
  double   extra_revenue_year; /* those units at b's average price, store currency */
} LcBundlePair;

/* Where the groups of products come from. */
typedef enum
{
  LC_BUNDLES_CATEGORIES_NONE,
  LC_BUNDLES_CATEGORIES_TYPE,    /* "Type" of an imported products export */
  LC_BUNDLES_CATEGORIES_VENDOR,  /* the orders' line item vendors, without a products export */
} LcBundlesCategories;

typedef struct
{
  LcDay      from;             /* the first and last day with counted orders in the period */
  LcDay      to;
  gint64     orders;           /* counted orders in the period */
  gint64     multi_orders;     /* of those, with two or more different products */
  gint64     min_support;      /* orders a product or pair needs to be counted */
  gboolean   enough_data;
  gboolean   has_categories;   /* products fall in two or more groups */
  LcBundlesCategories categories;
  double     attach_rise;
  LcTier     tier;             /* LC_TIER_UNKNOWN from lc_store_mine_bundles */
  GPtrArray *pairs;            /* LcBundlePair of products, lift > 1, best first */
  GPtrArray *category_pairs;   /* LcBundlePair of product types (or vendors), likewise */
} LcBundles;

void        lc_bundles_free          (LcBundles  *bundles);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcBundles, lc_bundles_free)

/*
 * Co-purchase pairs over the counted orders from..to (inclusive;
 * LC_DAY_NONE for open ends). Products are line items' product names
 * without the variant, so two sizes of one product never pair; tip lines
 * are left out. A product or pair needs max(20, 0.1% of orders) orders.
 * Product groups are the product types of an imported products export
 * (matched by SKU, then by title), or else the line items' vendors.
 * attach_rise is the rise in attach rate the money figures assume (0.05:
 * five more of every 100 orders with a also take b).
 */
LcBundles  *lc_store_mine_bundles    (LcStore    *store,
                                      LcDay       from,
                                      LcDay       to,
                                      double      attach_rise,
                                      GError    **error);

/* The same, with the store's tier (from lc_store_compute_summary), which
 * decides what lc_bundles_get_suggestions shows. */
LcBundles  *lc_store_compute_bundles (LcStore    *store,
                                      LcDay       from,
                                      LcDay       to,
                                      double      attach_rise,
                                      GError    **error);

/* What to show the owner (not owning): every mined product pair when all
 * is TRUE or the store is over $10M; otherwise the short list of rule-based
 * bundles to set up by hand: pairs of product types or vendors (of products
 * when there are no groups) with lift of at least 1.5 and p < 0.05, at most 10. */
GPtrArray  *lc_bundles_get_suggestions (const LcBundles *bundles,
                                        gboolean         all);
/* Whether lc_bundles_get_suggestions lists groups (types or vendors). */
gboolean    lc_bundles_suggests_categories (const LcBundles *bundles,
                                            gboolean         all);

/* P(X >= k) for X hypergeometric: n draws from a population of total with
 * successes good; the one-sided Fisher exact p-value of a 2x2 table whose
 * top-left cell is k, row sum good and column sum n. */
double      lc_bundles_fisher_greater (gint64 k,
                                       gint64 good,
                                       gint64 n,
                                       gint64 total);

/* How often orders holding `a` also hold `b`, in the weeks before and after
 * a switch day: the attach rate a cart-bundle offer is meant to raise. */
typedef struct
{
  char   *a;
  char   *b;
  gint64  orders_before;      /* orders with a */
  gint64  with_before;        /* of those, also with b */
  gint64  orders_after;
  gint64  with_after;
  double  rate_before;
  double  rate_after;
  double  p_value;            /* two-proportion z-test, two-sided */
} LcAttachChange;

void        lc_attach_change_free    (LcAttachChange *change);

/* Attach rates by product type (by product without a products export) in
 * the window_days before switch_day and from it on, for pairs with enough
 * orders on both sides; element type LcAttachChange, the clearest rises
 * first (significant at 5%, largest rise in points). */
GPtrArray  *lc_store_compare_attach_rates (LcStore  *store,
                                           LcDay     switch_day,
                                           int       window_days,
                                           GError  **error);

G_END_DECLS
