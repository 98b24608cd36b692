/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-metrics"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-import.h"
#include "lc-metrics.h"
#include "lc-money.h"
#include "lc-store-private.h"

/* Returns younger than this are still coming in (PLAYBOOK.md). */
#define RETURNS_MATURE_DAYS 60

#define DAYS_PER_MONTH 30.436875

G_DEFINE_QUARK (lc-metrics-error-quark, lc_metrics_error)

static const char * const metric_names[] = {
  [LC_METRIC_REVENUE] = "revenue",
  [LC_METRIC_ORDERS] = "orders",
  [LC_METRIC_AOV] = "aov",
  [LC_METRIC_UPT] = "upt",
  [LC_METRIC_RETURN_RATE] = "return-rate",
  [LC_METRIC_SESSIONS] = "sessions",
  [LC_METRIC_CONVERSION] = "conversion",
  [LC_METRIC_RPV] = "rpv",
};

/* Approximate USD value of one unit of each currency, used only until the
 * owner confirms a rate; the summary says when a number rests on it. */
static const struct
{
  const char *code;
  double      usd;
} estimated_rates[] = {
  { "USD", 1.0 },    { "EUR", 1.08 },    { "GBP", 1.27 },    { "CAD", 0.73 },
  { "AUD", 0.66 },   { "NZD", 0.60 },    { "CHF", 1.12 },    { "JPY", 0.0067 },
  { "SEK", 0.095 },  { "NOK", 0.093 },   { "DKK", 0.145 },   { "PLN", 0.25 },
  { "CZK", 0.043 },  { "HUF", 0.0027 },  { "RON", 0.22 },    { "INR", 0.012 },
  { "PKR", 0.0036 }, { "BDT", 0.0083 },  { "ARS", 0.001 },   { "BRL", 0.18 },
  { "MXN", 0.055 },  { "CNY", 0.14 },    { "HKD", 0.128 },   { "SGD", 0.74 },
  { "ZAR", 0.054 },  { "AED", 0.272 },   { "SAR", 0.267 },   { "TRY", 0.03 },
  { "KRW", 0.00073 },{ "IDR", 0.000062 },{ "PHP", 0.017 },   { "THB", 0.028 },
  { "MYR", 0.21 },   { "NGN", 0.00065 }, { "EGP", 0.02 },    { "ILS", 0.27 },
};

const char *
lc_tier_to_string (LcTier tier)
{
  switch (tier)
    {
    case LC_TIER_UNDER_2M:
      return "under-2m";
    case LC_TIER_2M_10M:
      return "2m-10m";
    case LC_TIER_OVER_10M:
      return "over-10m";
    case LC_TIER_UNKNOWN:
    default:
      return NULL;
    }
}

static const struct
{
  const char *title;
  const char *advice;
} tier_texts[] = {
  [LC_TIER_UNKNOWN] = {
    N_("Size unknown"),
    N_("Liftcheck needs an exchange rate to US dollars to tell the store’s size, and with it which features can pay off.") },
  [LC_TIER_UNDER_2M] = {
    N_("Under $2M a year"),
    N_("Not enough data for any model to beat simple rules. Turn AI personalization off; use bestseller and new-arrival blocks and bundles you put together by hand.") },
  [LC_TIER_2M_10M] = {
    N_("$2M–$10M a year"),
    N_("Run only cart bundles and return-prevention nudges. Skip homepage carousels, category-page recommendations and personalized browse-abandonment messages.") },
  [LC_TIER_OVER_10M] = {
    N_("Over $10M a year"),
    N_("Enough sales to test richer personalization, but only if someone on the team can design and read A/B tests. Without that, test first.") },
};

const char *
lc_tier_get_title (LcTier tier)
{
  g_return_val_if_fail (tier < G_N_ELEMENTS (tier_texts), NULL);
  return g_dgettext (GETTEXT_PACKAGE, tier_texts[tier].title);
}

const char *
lc_tier_get_advice (LcTier tier)
{
  g_return_val_if_fail (tier < G_N_ELEMENTS (tier_texts), NULL);
  return g_dgettext (GETTEXT_PACKAGE, tier_texts[tier].advice);
}

LcTier
lc_tier_for_revenue_usd (double         revenue_usd,
                         const LcRules *rules)
{
  LcRules defaults;

  if (rules == NULL)
    {
      lc_rules_init_defaults (&defaults);
      rules = &defaults;
    }
  if (!(revenue_usd >= 0))
    return LC_TIER_UNKNOWN;
  if (revenue_usd < rules->tier_2m)
    return LC_TIER_UNDER_2M;
  if (revenue_usd < rules->tier_10m)
    return LC_TIER_2M_10M;
  return LC_TIER_OVER_10M;
}

double
lc_currency_estimated_usd_rate (const char *currency)
{
  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (estimated_rates); i++)
    if (g_ascii_strcasecmp (estimated_rates[i].code, currency) == 0)
      return estimated_rates[i].usd;
  return 0;
}

gboolean
lc_metric_from_string (const char *text,
                       LcMetric   *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (metric_names); i++)
    if (g_str_equal (metric_names[i], text))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
lc_metric_to_string (LcMetric metric)
{
  g_return_val_if_fail (metric < G_N_ELEMENTS (metric_names), NULL);
  return metric_names[metric];
}

const char *
lc_metric_get_title (LcMetric metric)
{
  static const char * const titles[] = {
    [LC_METRIC_REVENUE] = N_("revenue"),
    [LC_METRIC_ORDERS] = N_("orders"),
    [LC_METRIC_AOV] = N_("average order value"),
    [LC_METRIC_UPT] = N_("items per order"),
    [LC_METRIC_RETURN_RATE] = N_("return rate"),
    [LC_METRIC_SESSIONS] = N_("visits"),
    [LC_METRIC_CONVERSION] = N_("conversion rate"),
    [LC_METRIC_RPV] = N_("revenue per visit"),
  };

  g_return_val_if_fail (metric < G_N_ELEMENTS (titles), NULL);
  return g_dgettext (GETTEXT_PACKAGE, titles[metric]);
}

gboolean
lc_period_from_string (const char *text,
                       LcPeriod   *out)
{
  if (g_strcmp0 (text, "day") == 0)
    *out = LC_PERIOD_DAY;
  else if (g_strcmp0 (text, "week") == 0)
    *out = LC_PERIOD_WEEK;
  else if (g_strcmp0 (text, "month") == 0)
    *out = LC_PERIOD_MONTH;
  else
    return FALSE;
  return TRUE;
}

void
lc_summary_free (LcSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->currency);
  g_free (summary->usd_rate_source);
  g_free (summary);
}

GArray *
lc_store_daily_totals (LcStore  *store,
                       LcDay     from,
                       LcDay     to,
                       GError  **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (LcDayTotals));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  stmt = _lc_store_prepare (store,
                            "SELECT day, orders, order_value, units, total, refunded "
                            "FROM daily WHERE orders > 0 AND day BETWEEN ? AND ? ORDER BY day",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, from == LC_DAY_NONE ? G_MININT32 + 1 : from);
  sqlite3_bind_int (stmt, 2, to == LC_DAY_NONE ? G_MAXINT32 : to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcDayTotals day;

      day.day = sqlite3_column_int (stmt, 0);
      day.orders = sqlite3_column_int64 (stmt, 1);
      day.order_value = sqlite3_column_int64 (stmt, 2);
      day.units = sqlite3_column_int64 (stmt, 3);
      day.total = sqlite3_column_int64 (stmt, 4);
      day.refunded = sqlite3_column_int64 (stmt, 5);
      g_array_append_val (days, day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&days);
}

static gboolean
query_int64 (LcStore     *store,
             const char  *sql,
             LcDay        since,
             gint64      *out,
             GError     **error)
{
  sqlite3_stmt *stmt = _lc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, since);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* The span of days with any order (counted or not), so that a store whose
 * last orders were cancelled still ends on its last day. */
static gboolean
query_span (LcStore  *store,
            LcDay    *first,
            LcDay    *last,
            gboolean *any,
            GError  **error)
{
  /* Two subqueries: each is one step down the index, where MIN and MAX in
   * one query would scan it. */
  sqlite3_stmt *stmt = _lc_store_prepare (store,
                                          "SELECT (SELECT MIN(local_day) FROM orders), (SELECT MAX(local_day) FROM orders)",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *any = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  if (*any)
    {
      *first = sqlite3_column_int (stmt, 0);
      *last = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* One row of an imported sessions report with its total. */
typedef struct
{
  LcPeriod period;
  LcDay    start;
  LcDay    end;        /* inclusive */
  gint64   sessions;
} SessionsRow;

static LcDay period_next (LcPeriod period, LcDay start);

static gboolean
overlaps_any (GArray            *rows,
              const SessionsRow *row)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const SessionsRow *other = &g_array_index (rows, SessionsRow, i);

      if (other->start <= row->end && other->end >= row->start)
        return TRUE;
    }
  return FALSE;
}

static int
compare_sessions_rows (gconstpointer a,
                       gconstpointer b)
{
  const SessionsRow *ra = a;
  const SessionsRow *rb = b;

  return ra->start < rb->start ? -1 : ra->start > rb->start;
}

/* The sessions rows with a total, without overlaps: where reports of
 * several periods cover the same days, the finest wins, so no day is
 * counted twice. Sorted by start. */
static GArray *
load_sessions (LcStore  *store,
               GError  **error)
{
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (SessionsRow));
  g_autoptr(GArray) kept = g_array_new (FALSE, TRUE, sizeof (SessionsRow));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lc_store_prepare (store,
                            "SELECT period, start_day, sessions FROM sessions WHERE sessions IS NOT NULL "
                            "ORDER BY start_day",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SessionsRow row;

      if (!lc_period_from_string ((const char *) sqlite3_column_text (stmt, 0), &row.period))
        continue;
      row.start = sqlite3_column_int (stmt, 1);
      row.end = period_next (row.period, row.start) - 1;
      row.sessions = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (all, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return NULL;
    }

  for (LcPeriod period = LC_PERIOD_DAY; period <= LC_PERIOD_MONTH; period++)
    for (guint i = 0; i < all->len; i++)
      {
        const SessionsRow *row = &g_array_index (all, SessionsRow, i);

        if (row->period == period && (period == LC_PERIOD_DAY || !overlaps_any (kept, row)))
          g_array_append_val (kept, *row);
      }
  g_array_sort (kept, compare_sessions_rows);
  return g_steal_pointer (&kept);
}

/* Sessions on the days from..to, a row reaching past either end counted in
 * proportion to its days inside; -1 when no row touches those days. */
static gboolean
sessions_in_days (LcStore  *store,
                  LcDay     from,
                  LcDay     to,
                  gint64   *sessions,
                  LcDay    *covered_from,
                  LcDay    *covered_to,
                  GError  **error)
{
  g_autoptr(GArray) rows = load_sessions (store, error);
  double total = 0;
  gboolean any = FALSE;

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const SessionsRow *row = &g_array_index (rows, SessionsRow, i);
      LcDay start = MAX (row->start, from);
      LcDay end = MIN (row->end, to);

      if (start > end)
        continue;
      total += (double) row->sessions * (end - start + 1) / (row->end - row->start + 1);
      if (!any)
        *covered_from = start;
      *covered_to = end;
      any = TRUE;
    }
  *sessions = any ? (gint64) llround (total) : -1;
  return TRUE;
}

LcSummary *
lc_store_compute_summary (LcStore  *store,
                          GError  **error)
{
  g_autoptr(LcSummary) summary = g_new0 (LcSummary, 1);
  g_autoptr(GArray) days = NULL;
  g_autofree char *rate_setting = NULL;
  LcEmailShare email;
  double divisor;
  gint64 orders_12m = 0;
  LcDay year_start;
  int span_days;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  summary->currency = g_strdup (lc_store_get_currency (store));
  summary->exponent = lc_store_get_exponent (store);
  summary->tier = LC_TIER_UNKNOWN;
  summary->revenue_12m_usd = -1;
  summary->sessions_12m = -1;
  summary->email_revenue_12m = -1;
  summary->email_share = -1;

  summary->pending_orders = lc_store_count_pending_orders (store);
  if (!query_span (store, &summary->first_day, &summary->last_day, &summary->has_orders, error))
    return NULL;
  if (!summary->has_orders)
    return g_steal_pointer (&summary);

  days = lc_store_daily_totals (store, LC_DAY_NONE, LC_DAY_NONE, error);
  if (days == NULL)
    return NULL;

  year_start = summary->last_day - 364;
  for (guint i = 0; i < days->len; i++)
    {
      const LcDayTotals *d = &g_array_index (days, LcDayTotals, i);

      summary->orders += d->orders;
      summary->order_value += d->order_value;
      summary->units += d->units;
      summary->total += d->total;
      summary->refunded += d->refunded;
      if (d->day >= year_start)
        {
          summary->revenue_12m += d->total - d->refunded;
          orders_12m += d->orders;
        }
    }

  divisor = pow (10, summary->exponent);
  if (summary->orders > 0)
    {
      summary->aov = (double) summary->order_value / summary->orders / divisor;
      summary->upt = (double) summary->units / summary->orders;
    }
  if (summary->total > 0)
    summary->return_rate = (double) summary->refunded / summary->total;

  rate_setting = lc_store_dup_setting (store, "usd_rate");
  if (rate_setting != NULL && g_ascii_strtod (rate_setting, NULL) > 0)
    {
      summary->usd_rate = g_ascii_strtod (rate_setting, NULL);
      summary->usd_rate_source = g_strdup ("owner");
    }
  else if (g_strcmp0 (summary->currency, "USD") == 0)
    {
      summary->usd_rate = 1.0;
      summary->usd_rate_source = g_strdup ("currency");
    }
  else if ((summary->usd_rate = lc_currency_estimated_usd_rate (summary->currency)) > 0)
    {
      summary->usd_rate_source = g_strdup ("estimate");
    }
  if (summary->usd_rate > 0)
    {
      summary->revenue_12m_usd = summary->revenue_12m / divisor * summary->usd_rate;
      LcRules rules;

      /* A consultant's thresholds apply here too, so every view agrees. */
      lc_store_load_rules (store, &rules);
      summary->tier = lc_tier_for_revenue_usd (summary->revenue_12m_usd, &rules);
    }

  if (!query_int64 (store,
                    "SELECT COUNT(DISTINCT sku) FROM daily_skus WHERE day >= ?",
                    year_start, &summary->active_skus_12m, error))
    return NULL;

  span_days = summary->last_day - summary->first_day + 1;
  summary->orders_per_month = orders_12m / (MIN (span_days, 365) / DAYS_PER_MONTH);
  /* Every order row carries its refunds, so the whole history counts. */
  summary->months_of_returns = (int) floor (span_days / DAYS_PER_MONTH);

  if (!sessions_in_days (store, year_start, summary->last_day, &summary->sessions_12m,
                         &summary->sessions_from, &summary->sessions_to, error))
    return NULL;
  if (!lc_store_compute_email_share (store, &email, error))
    return NULL;
  if (email.known)
    {
      summary->email_revenue_12m = email.revenue;
      summary->email_share = email.share;
      summary->email_from = email.from;
      summary->email_to = email.to;
    }

  return g_steal_pointer (&summary);
}

static LcDay
period_start (LcPeriod period,
              LcDay    day)
{
  switch (period)
    {
    case LC_PERIOD_WEEK:
      return lc_day_week_start (day);
    case LC_PERIOD_MONTH:
      return lc_day_month_start (day);
    case LC_PERIOD_DAY:
    default:
      return day;
    }
}

static LcDay
period_next (LcPeriod period,
             LcDay    start)
{
  switch (period)
    {
    case LC_PERIOD_WEEK:
      return start + 7;
    case LC_PERIOD_MONTH:
      return lc_day_add_months (start, 1);
    case LC_PERIOD_DAY:
    default:
      return start + 1;
    }
}

GArray *
lc_series_from_daily (GArray   *daily,
                      LcMetric  metric,
                      LcPeriod  period,
                      LcDay     from,
                      LcDay     to,
                      LcDay     last_day,
                      guint     exponent)
{
  GArray *points = g_array_new (FALSE, TRUE, sizeof (LcSeriesPoint));
  double divisor = pow (10, exponent);
  guint i = 0;

  g_return_val_if_fail (daily != NULL, points);

  if (daily->len == 0)
    return points;
  if (from == LC_DAY_NONE)
    from = g_array_index (daily, LcDayTotals, 0).day;
  if (to == LC_DAY_NONE)
    to = g_array_index (daily, LcDayTotals, daily->len - 1).day;

  for (LcDay start = period_start (period, from); start <= to; start = period_next (period, start))
    {
      LcDay end = period_next (period, start) - 1;
      LcSeriesPoint point = { start, end, 0, FALSE, FALSE, 0, -1 };
      gint64 value = 0, units = 0, total = 0, refunded = 0;

      for (; i < daily->len && g_array_index (daily, LcDayTotals, i).day <= end; i++)
        {
          const LcDayTotals *d = &g_array_index (daily, LcDayTotals, i);

          if (d->day < from || d->day > to || d->day < start)
            continue;
          point.orders += d->orders;
          value += d->order_value;
          units += d->units;
          total += d->total;
          refunded += d->refunded;
        }

      switch (metric)
        {
        case LC_METRIC_REVENUE:
          point.value = (total - refunded) / divisor;
          point.has_value = TRUE;
          break;
        case LC_METRIC_ORDERS:
          point.value = point.orders;
          point.has_value = TRUE;
          break;
        case LC_METRIC_AOV:
          point.has_value = point.orders > 0;
          point.value = point.has_value ? value / divisor / point.orders : 0;
          break;
        case LC_METRIC_UPT:
          point.has_value = point.orders > 0;
          point.value = point.has_value ? (double) units / point.orders : 0;
          break;
        case LC_METRIC_RETURN_RATE:
          point.has_value = total > 0;
          point.value = point.has_value ? (double) refunded / total : 0;
          point.immature = last_day - end < RETURNS_MATURE_DAYS;
          break;
        case LC_METRIC_SESSIONS:
        case LC_METRIC_CONVERSION:
        case LC_METRIC_RPV:
        default:
          g_return_val_if_reached (points);
        }
      g_array_append_val (points, point);
    }
  return points;
}

/* Where a sessions row counts when periods are built from it. */
static LcDay
row_anchor (const SessionsRow *row,
            LcPeriod           period)
{
  /* A week counts in the month holding its Thursday: most of its days. */
  if (row->period == LC_PERIOD_WEEK && period == LC_PERIOD_MONTH)
    return row->start + 3;
  return row->start;
}

/* Counted orders and their value on the days from..to of daily. */
static void
sum_orders (GArray *daily,
            LcDay   from,
            LcDay   to,
            gint64 *orders,
            gint64 *value)
{
  guint low = 0, high = daily->len;

  *orders = 0;
  *value = 0;
  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (g_array_index (daily, LcDayTotals, mid).day < from)
        low = mid + 1;
      else
        high = mid;
    }
  for (guint i = low; i < daily->len && g_array_index (daily, LcDayTotals, i).day <= to; i++)
    {
      *orders += g_array_index (daily, LcDayTotals, i).orders;
      *value += g_array_index (daily, LcDayTotals, i).order_value;
    }
}

static void
set_too_coarse_error (LcPeriod   period,
                      GError   **error)
{
  if (period == LC_PERIOD_WEEK)
    g_set_error (error, LC_METRICS_ERROR, LC_METRICS_ERROR_SESSIONS_TOO_COARSE,
                 _("The sessions Liftcheck has are weekly, and a week’s sessions cannot be split into days. "
                   "Show them by week or month, or import a “Sessions over time” report by day."));
  else
    g_set_error (error, LC_METRICS_ERROR, LC_METRICS_ERROR_SESSIONS_TOO_COARSE,
                 _("The sessions Liftcheck has are monthly, and a month’s sessions cannot be split into days or weeks. "
                   "Show them by month, or import a “Sessions over time” report by day or week."));
}

GArray *
lc_store_sessions_series (LcStore   *store,
                          LcMetric   metric,
                          LcPeriod   period,
                          LcDay      from,
                          LcDay      to,
                          GError   **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (LcSeriesPoint));
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) daily = NULL;
  LcDay orders_first = 0, orders_last = 0;
  gboolean any_orders;
  guint first = G_MAXUINT, last = 0, i;
  double divisor;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (metric == LC_METRIC_SESSIONS || metric == LC_METRIC_CONVERSION || metric == LC_METRIC_RPV, NULL);

  divisor = pow (10, lc_store_get_exponent (store));
  rows = load_sessions (store, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, LC_METRICS_ERROR, LC_METRICS_ERROR_NO_SESSIONS,
                   _("This store has no sessions data yet; import a Shopify “Sessions over time” report."));
      return NULL;
    }

  for (i = 0; i < rows->len; i++)
    {
      const SessionsRow *row = &g_array_index (rows, SessionsRow, i);
      LcDay anchor = row_anchor (row, period);

      if ((from != LC_DAY_NONE && anchor < from) || (to != LC_DAY_NONE && anchor > to))
        continue;
      if (row->period > period)
        {
          set_too_coarse_error (row->period, error);
          return NULL;
        }
      first = MIN (first, i);
      last = i;
    }
  if (first == G_MAXUINT)
    return g_steal_pointer (&points);

  if (!query_span (store, &orders_first, &orders_last, &any_orders, error))
    return NULL;
  daily = lc_store_daily_totals (store, g_array_index (rows, SessionsRow, first).start,
                                 g_array_index (rows, SessionsRow, last).end, error);
  if (daily == NULL)
    return NULL;

  i = first;
  for (LcDay start = period_start (period, row_anchor (&g_array_index (rows, SessionsRow, first), period));
       i <= last;
       start = period_next (period, start))
    {
      LcDay end = period_next (period, start) - 1;
      LcSeriesPoint point = { start, end, 0, FALSE, FALSE, 0, -1 };
      gint64 sessions = 0, orders = 0, value = 0;
      gboolean any = FALSE;

      for (; i <= last && row_anchor (&g_array_index (rows, SessionsRow, i), period) <= end; i++)
        {
          const SessionsRow *row = &g_array_index (rows, SessionsRow, i);
          gint64 row_orders, row_value;

          if (metric != LC_METRIC_SESSIONS &&
              (!any_orders || row->start < orders_first || row->end > orders_last))
            continue;
          sum_orders (daily, row->start, row->end, &row_orders, &row_value);
          any = TRUE;
          sessions += row->sessions;
          orders += row_orders;
          value += row_value;
        }

      if (any)
        {
          point.sessions = sessions;
          point.orders = orders;
          point.has_value = metric == LC_METRIC_SESSIONS || sessions > 0;
          if (metric == LC_METRIC_SESSIONS)
            point.value = sessions;
          else if (sessions > 0 && metric == LC_METRIC_CONVERSION)
            point.value = (double) orders / sessions;
          else if (sessions > 0)
            point.value = value / divisor / sessions;
        }
      g_array_append_val (points, point);
    }
  return g_steal_pointer (&points);
}

/* Minor units read with one exponent, in another. */
static double
rescale (double minor,
         int    from_exponent,
         int    to_exponent)
{
  return minor * pow (10, to_exponent - from_exponent);
}

typedef struct
{
  LcDay start;
  LcDay end;
} DaySpan;

gboolean
lc_store_compute_email_share (LcStore       *store,
                              LcEmailShare  *out,
                              GError       **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DaySpan));
  g_autoptr(GArray) daily = NULL;
  sqlite3_stmt *stmt;
  LcDay first, last, from, to;
  gboolean any;
  int exponent = (int) lc_store_get_exponent (store);
  double revenue = 0;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->share = -1;
  if (!query_span (store, &first, &last, &any, error))
    return FALSE;
  if (!any)
    return TRUE;
  from = last - 364;
  to = last;

  stmt = _lc_store_prepare (store,
                            "SELECT start_day, end_day, revenue, exponent FROM email_revenue "
                            "WHERE end_day >= ? AND start_day <= ? ORDER BY start_day",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcDay row_start = sqlite3_column_int (stmt, 0);
      LcDay row_end = sqlite3_column_int (stmt, 1);
      LcDay start = MAX (row_start, from);
      LcDay end = MIN (row_end, to);
      int row_exponent = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? exponent : sqlite3_column_int (stmt, 3);
      double part = (double) sqlite3_column_int64 (stmt, 2) * (end - start + 1) / (row_end - row_start + 1);

      revenue += rescale (part, row_exponent, exponent);
      /* The union of the covered days; rows come by start. */
      if (spans->len > 0 && g_array_index (spans, DaySpan, spans->len - 1).end + 1 >= start)
        {
          DaySpan *span = &g_array_index (spans, DaySpan, spans->len - 1);

          span->end = MAX (span->end, end);
        }
      else
        {
          DaySpan span = { start, end };

          g_array_append_val (spans, span);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  if (spans->len == 0)
    return TRUE;

  out->known = TRUE;
  out->revenue = (gint64) llround (revenue);
  out->from = g_array_index (spans, DaySpan, 0).start;
  out->to = g_array_index (spans, DaySpan, spans->len - 1).end;
  daily = lc_store_daily_totals (store, out->from, out->to, error);
  if (daily == NULL)
    return FALSE;
  for (guint i = 0, s = 0; i < daily->len; i++)
    {
      const LcDayTotals *d = &g_array_index (daily, LcDayTotals, i);

      while (s < spans->len && g_array_index (spans, DaySpan, s).end < d->day)
        s++;
      if (s < spans->len && g_array_index (spans, DaySpan, s).start <= d->day)
        out->sales += d->total;
    }
  if (out->sales > 0)
    out->share = (double) out->revenue / out->sales;
  return TRUE;
}
