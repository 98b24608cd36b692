/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

/*
 * Where returns come from (PLAYBOOK.md, return-nudges).
 *
 * Two rates, never mixed:
 * - the value rate: refunded / total over the analysed orders, as the
 *   summary's return rate;
 * - the order share: the share of orders (or, for products and variants, of
 *   orders holding them) with a return. Groups use this count, so that a
 *   Wilson interval applies, and are compared with the store's own order
 *   share.
 *
 * A group is flagged when its share is at least the rule table's
 * risk_flag_rate (30%), the lower end of its 95% Wilson interval is above
 * the store's order share, and it has at least min_orders orders (setting
 * "returns.min_orders", default 30). Bracketing is flagged when its lower
 * end is above the share of the other orders: a risk signal, not a
 * predicted return.
 *
 * When a "Total sales by product variant" report was imported, each SKU
 * with gross sales of at least LC_RETURNS_REPORT_MIN_UNITS × the store's
 * median unit price (the median price of its order lines; without order
 * lines, min_orders net items) gets its value return rate from the report,
 * returns / gross sales: exact, not estimated. Those at risk_flag_rate or
 * more are flagged as variants from the report, and replace the orders-based
 * flag of the same SKU (matched through the order lines' SKUs). Their
 * returns cover the report's own dates, so they are not added to the money
 * at stake.
 *
 * Orders from the last 60 days before the last order day are left out:
 * their returns have not come in yet.
 */

#define LC_RETURNS_IMMATURE_DAYS   60
#define LC_RETURNS_MIN_ORDERS      30
#define LC_RETURNS_DEFAULT_CUT     0.2
#define LC_RETURNS_REPORT_MIN_UNITS 20

typedef enum
{
  LC_RETURN_GROUP_PRODUCT,
  LC_RETURN_GROUP_VARIANT,
  LC_RETURN_GROUP_PAIR,
  LC_RETURN_GROUP_SEGMENT,
  LC_RETURN_GROUP_BRACKETING,
} LcReturnGroupKind;

typedef enum
{
  LC_RETURN_NUDGE_SIZE_GUIDANCE,
  LC_RETURN_NUDGE_COMPATIBILITY,
  LC_RETURN_NUDGE_EXPECTATIONS,
  LC_RETURN_NUDGE_DETAILS,
} LcReturnNudge;

typedef struct
{
  LcReturnGroupKind kind;
  char     *key;        /* product; "product / variant" or "size M"; "a + b";
                         * segment id; "bracketed", or a product bracketed */
  gint64    orders;     /* orders in the group */
  gint64    returned;   /* of them, orders with a return (of this product or variant) */
  double    rate;       /* returned / orders */
  double    rate_low;   /* 95% Wilson interval */
  double    rate_high;
  gint64    refunded;   /* minor units refunded in the group's orders */
  gboolean  estimated;  /* product and variant: some refunds were spread by value */
  gboolean  sized;      /* its variants are sizes (S, M, L, 38...) */
  gboolean  flagged;
  LcReturnNudge nudge;
  /* From the "sales by variant" report: rate = returns / gross sales (exact
   * money, so rate_low = rate_high = rate), orders = net items sold,
   * refunded = returns. orders_rate is the orders-based share of the same
   * SKU's orders with a return, or -1 when its orders were not matched. */
  gboolean  from_report;
  double    orders_rate;
} LcReturnGroup;

/* How an order-level refund was put on the order's lines. */
typedef enum
{
  LC_ATTRIBUTION_NONE,      /* no refund */
  LC_ATTRIBUTION_LINES,     /* refund lines known (API): exact */
  LC_ATTRIBUTION_WHOLE,     /* the whole order was refunded: every line, exact */
  LC_ATTRIBUTION_SINGLE,    /* a single-line order: exact */
  LC_ATTRIBUTION_MATCH,     /* equal to whole units of one line: exact */
  LC_ATTRIBUTION_SPREAD,    /* spread over the lines by value: an estimate */
} LcAttribution;

typedef struct
{
  gint64 price;     /* per unit, minor units */
  gint64 quantity;
  gint64 discount;  /* the line's discount, minor units */
} LcReturnLine;

/*
 * Puts an order's refund on its lines:
 * - refunded >= total: every line is returned (WHOLE);
 * - one line: it gets the refund (SINGLE);
 * - refunded equals k units of one line (k = 1..quantity), either at the
 *   unit price or at the unit's share of the order's total (the refund then
 *   carries its discount and tax: (total − shipping) / Σ price × quantity),
 *   within 2 minor units: that line (MATCH);
 *   the first line that matches wins;
 * - otherwise the refund is spread over the lines in proportion to their
 *   value, price × quantity − discount (SPREAD).
 * A line counts as returned when it received at least half of its value,
 * price × quantity − discount, or of its share of the order's total when
 * that is smaller (a partial refund need not include shipping). A match of
 * k units is returned when k is at least half the line's quantity.
 * amounts and returned have n elements.
 */
LcAttribution lc_returns_attribute (const LcReturnLine *lines,
                                    guint               n,
                                    gint64              refunded,
                                    gint64              total,
                                    gint64              shipping,
                                    gint64             *amounts,
                                    gboolean           *returned);

typedef struct
{
  char     *currency;
  guint     exponent;
  LcDay     from;             /* analysed orders' days, inclusive */
  LcDay     to;
  LcDay     immature_from;    /* orders from this day on were left out; LC_DAY_NONE if none */
  gint64    orders;
  gint64    returned_orders;
  gint64    total;            /* minor units */
  gint64    refunded;
  double    value_rate;       /* refunded / total */
  double    order_rate;       /* returned_orders / orders */
  double    order_rate_low;
  double    order_rate_high;
  /* Data sufficiency (PLAYBOOK.md): 6+ months, 500+ orders a month. */
  int       months_of_returns;
  double    orders_per_month;
  gboolean  enough_data;
  double    min_months;
  double    min_orders_per_month;
  double    flag_rate;
  gint64    min_orders;
  gboolean  estimates;        /* product/variant rates hold spread refunds */
  gint64    lines_exact;      /* returned orders by attribution rule */
  gint64    lines_spread;
  /* Bracketing: the same product in two or more variants in one order. */
  LcReturnGroup bracketed;
  LcReturnGroup not_bracketed;
  gint64    sized_orders;     /* orders holding a sized item */
  /* Element type LcReturnGroup*: flagged groups, highest rate first. */
  GPtrArray *flagged;
  /* Every group with enough orders, by kind then rate. */
  GPtrArray *groups;
  /* Element type LcReturnGroup*: the sales report's SKUs with enough sales,
   * highest value return rate first; empty without a report. */
  GPtrArray *report_variants;
  gint64    report_min_gross; /* minor units of the store's exponent */
  /* Money at stake, minor units a year. */
  double    cut;
  gint64    flagged_refunds_year;
  double    flagged_returns_year;
  gint64    return_shipping_cost;
  gint64    restocking_cost;
  gint64    recovered_year;
  double    prevented_returns_year;
} LcReturnsReport;

void             lc_returns_report_free  (LcReturnsReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcReturnsReport, lc_returns_report_free)

const char      *lc_return_group_kind_to_string (LcReturnGroupKind kind);
/* Translated, for people: "New customers", "Orders of 4 or more items". */
char            *lc_return_group_dup_title      (const LcReturnGroup *group);
/* Translated: the nudge that fits the group, one sentence. */
const char      *lc_return_nudge_get_advice     (LcReturnNudge nudge);

/* from/to: LC_DAY_NONE for open ends. cut: the share of flagged returns a
 * nudge would prevent (0..1). */
LcReturnsReport *lc_store_compute_returns       (LcStore  *store,
                                                 LcDay     from,
                                                 LcDay     to,
                                                 double    cut,
                                                 GError  **error);

G_END_DECLS
