/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-rules.h"
#include "lc-store.h"

G_BEGIN_DECLS

#define LC_METRICS_ERROR (lc_metrics_error_quark ())

typedef enum
{
  LC_METRICS_ERROR_NO_SESSIONS,          /* no sessions report imported */
  LC_METRICS_ERROR_SESSIONS_TOO_COARSE,  /* e.g. weekly sessions asked by day */
} LcMetricsError;

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
  gint64   sessions;     /* sessions metrics: the sessions behind the value; -1 when none */
} LcSeriesPoint;

typedef struct
{
  char    *currency;         /* NULL for an empty store */
  guint    exponent;
  gboolean has_orders;
  gint64   pending_orders;   /* orders waiting for their other half: in no figure */
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
  /* From imported reports, over the days of the same 365 that the reports
   * cover (from..to); -1 when no report covers any of them. */
  gint64   sessions_12m;
  LcDay    sessions_from;
  LcDay    sessions_to;
  gint64   email_revenue_12m;/* minor units; see LcEmailShare */
  double   email_share;      /* -1 when unknown */
  LcDay    email_from;
  LcDay    email_to;
} LcSummary;

/* E-mail-attributed revenue from Klaviyo reports in the 365 days ending on
 * the last order day, on the days the reports cover, and its share of the
 * store's order totals on those same days. Order totals are taken before
 * refunds, as Klaviyo counts the value of orders when they are placed. A
 * report row spanning a whole year or month counts in proportion to its
 * days inside the 365. */
typedef struct
{
  gboolean known;        /* FALSE when no e-mail figures fall in those days */
  LcDay    from;         /* the first and last day covered */
  LcDay    to;
  gint64   revenue;      /* minor units of the store currency */
  gint64   sales;        /* order totals on the covered days */
  double   share;        /* revenue / sales; -1 when sales is 0 */
} LcEmailShare;

GQuark      lc_metrics_error_quark   (void);
const char *lc_tier_to_string        (LcTier tier);
/* Translated, for people: "$2M–$10M a year". */
const char *lc_tier_get_title        (LcTier tier);
/* Translated: what the tier means for the owner (PLAYBOOK.md's rule of thumb). */
const char *lc_tier_get_advice       (LcTier tier);
/* The tier of a yearly revenue in USD under the rule table's thresholds
 * (NULL: PLAYBOOK.md's defaults). */
LcTier      lc_tier_for_revenue_usd  (double         revenue_usd,
                                      const LcRules *rules);
/* USD per unit of currency, from a built-in table of approximate rates, or
 * 0 when the currency is not in it. The owner confirms it in the wizard. */
double      lc_currency_estimated_usd_rate (const char *currency);

gboolean    lc_metric_from_string    (const char *text, LcMetric *out);
const char *lc_metric_to_string      (LcMetric metric);
/* Translated, for people: "items per order". */
const char *lc_metric_get_title      (LcMetric metric);
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
 * ratios and 0 for sums. last_day marks immature return-rate periods.
 * Order metrics only; sessions metrics come from lc_store_sessions_series(). */
GArray     *lc_series_from_daily     (GArray     *daily,
                                      LcMetric    metric,
                                      LcPeriod    period,
                                      LcDay       from,
                                      LcDay       to,
                                      LcDay       last_day,
                                      guint       exponent);

/*
 * LC_METRIC_SESSIONS, _CONVERSION or _RPV by period (PLAYBOOK.md:
 * conversion = counted orders / sessions, rpv = order value / sessions),
 * element type LcSeriesPoint, every period from the first to the last one
 * with sessions (clipped to from/to).
 *
 * Each period holds the sessions rows that fall inside it, and its orders
 * are summed over exactly those rows' days, so the two always cover the
 * same days (start and end stay the period's, as in other series). Where
 * reports of several periods overlap, the finest is used (days over weeks
 * over months). A weekly row cannot be split into days, nor a monthly one
 * into days or weeks (LC_METRICS_ERROR_SESSIONS_TOO_COARSE); a week counts
 * in the month that holds its Thursday, that is most of its days, as ISO
 * 8601 does for years, and its orders are those of its own seven days.
 * Conversion and rpv leave out sessions rows outside the imported orders'
 * first to last day: no orders there means no data, not no sales.
 * LC_METRICS_ERROR_NO_SESSIONS when the store has no sessions.
 */
GArray     *lc_store_sessions_series (LcStore    *store,
                                      LcMetric    metric,
                                      LcPeriod    period,
                                      LcDay       from,
                                      LcDay       to,
                                      GError    **error);

gboolean    lc_store_compute_email_share (LcStore      *store,
                                          LcEmailShare *out,
                                          GError      **error);

G_END_DECLS
