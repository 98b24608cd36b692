/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

/* Counted orders (not cancelled, not voided) of one local day. */
typedef struct
{
  LcDay  day;
  gint64 orders;
  gint64 order_value;   /* sum of Subtotal, minor units */
  gint64 units;         /* sum of line quantities, tips left out */
  gint64 total;         /* sum of Total */
  gint64 refunded;      /* sum of Refunded Amount */
} LcDayTotals;

typedef enum
{
  LC_TIER_UNKNOWN,
  LC_TIER_UNDER_2M,
  LC_TIER_2M_10M,
  LC_TIER_OVER_10M,
} LcTier;

typedef enum
{
  LC_METRIC_REVENUE,
  LC_METRIC_ORDERS,
  LC_METRIC_AOV,
  LC_METRIC_UPT,
  LC_METRIC_RETURN_RATE,
  LC_METRIC_SESSIONS,
  LC_METRIC_CONVERSION,
  LC_METRIC_RPV,
} LcMetric;

typedef enum
{
  LC_PERIOD_DAY,
  LC_PERIOD_WEEK,
  LC_PERIOD_MONTH,
} LcPeriod;

typedef struct
{
  LcDay    start;
  LcDay    end;          /* inclusive */
  double   value;        /* money in major units; rates as fractions */
  gboolean has_value;    /* FALSE when undefined (no orders in the period) */
  gboolean immature;     /* return-rate periods ending under 60 days before the last day */
  gint64   orders;
} LcSeriesPoint;

typedef struct
{
  char    *currency;         /* NULL for an empty store */
  guint    exponent;
  gboolean has_orders;
  LcDay    first_day;
  LcDay    last_day;
  gint64   orders;           /* counted orders, all days */
  gint64   order_value;      /* minor units, all days */
  gint64   units;
  gint64   total;
  gint64   refunded;
  double   aov;              /* major units */
  double   upt;
  double   return_rate;      /* refunded / total */
  gint64   revenue_12m;      /* minor units: sum(total - refunded), 365 days ending last_day */
  double   usd_rate;         /* USD per unit of the store currency */
  char    *usd_rate_source;  /* "currency" (USD), "owner" (confirmed), "estimate" */
  double   revenue_12m_usd;
  gint64   active_skus_12m;
  double   orders_per_month; /* counted orders a month over the last 12 months (or the span, if shorter) */
  int      months_of_returns;/* whole months of order history carrying refund data */
  LcTier   tier;
} LcSummary;

const char *lc_tier_to_string        (LcTier tier);
/* Translated, for people: "$2M–$10M a year". */
const char *lc_tier_get_title        (LcTier tier);
/* Translated: what the tier means for the owner (PLAYBOOK.md's rule of thumb). */
const char *lc_tier_get_advice       (LcTier tier);
LcTier      lc_tier_for_revenue_usd  (double revenue_usd);
/* USD per unit of currency, from a built-in table of approximate rates, or
 * 0 when the currency is not in it. The owner confirms it in the wizard. */
double      lc_currency_estimated_usd_rate (const char *currency);

gboolean    lc_metric_from_string    (const char *text, LcMetric *out);
const char *lc_metric_to_string      (LcMetric metric);
gboolean    lc_period_from_string    (const char *text, LcPeriod *out);

void        lc_summary_free          (LcSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSummary, lc_summary_free)

LcSummary  *lc_store_compute_summary (LcStore    *store,
                                      GError    **error);

/* Element type LcDayTotals, one per day that has counted orders, ascending.
 * from/to are inclusive; LC_DAY_NONE for open ends. */
GArray     *lc_store_daily_totals    (LcStore    *store,
                                      LcDay       from,
                                      LcDay       to,
                                      GError    **error);

/* Element type LcSeriesPoint. Every period between the first and last day of
 * daily (clipped to from/to) is present, empty ones with has_value FALSE for
 * ratios and 0 for sums. last_day marks immature return-rate periods. */
GArray     *lc_series_from_daily     (GArray     *daily,
                                      LcMetric    metric,
                                      LcPeriod    period,
                                      LcDay       from,
                                      LcDay       to,
                                      LcDay       last_day,
                                      guint       exponent);

G_END_DECLS
