/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-evaluate.h"
#include "lc-experiments.h"
#include "lc-rules.h"

G_BEGIN_DECLS

/*
 * The verdicts of PLAYBOOK.md. TURN_OFF covers both "turn it off" (the
 * feature is on) and "leave it off" (it is off and should stay so): the
 * decision is the same, and lc_verdict_get_title() words it for the
 * feature's state. TRY means "switch it on"; TEST_FIRST "run the off-test or
 * an A/B test before deciding".
 */
typedef enum
{
  LC_VERDICT_KEEP,
  LC_VERDICT_TURN_OFF,
  LC_VERDICT_TRY,
  LC_VERDICT_TEST_FIRST,
  LC_VERDICT_NOT_ENOUGH_DATA,
} LcVerdictKind;

typedef enum
{
  LC_VERTICAL_OTHER,
  LC_VERTICAL_APPAREL,
  LC_VERTICAL_FURNITURE,
  LC_VERTICAL_ELECTRONICS,
} LcVertical;

/* The number of features of lc_feature_list(). */
#define LC_ADVISOR_N_FEATURES 8

/* What the advisor knows about one feature; not owning. */
typedef struct
{
  gboolean            on;
  LcDay               on_day;             /* the current span's first day; LC_DAY_NONE when off */
  double              monthly_cost;       /* store currency; < 0 unknown */
  double              influenced_revenue; /* vendor-reported, store currency a year; < 0 unknown */
  const LcEvaluation *evaluation;         /* before/after of its first switch-on, or NULL */
  const LcEvaluation *value_evaluation;   /* the same switch judged on order value, which
                                           * prices a change in items per order; or NULL */
  const LcOffTest    *offtest;            /* a gap in its timeline read as an off-test, or NULL */
} LcAdvisorFeature;

/* Everything a verdict rests on, filled from a store by lc_store_advise() or
 * directly (tests, what-if). Unknown numbers are negative. */
typedef struct
{
  const char       *currency;          /* ISO code of the store currency */
  double            usd_rate;          /* USD per unit of currency; <= 0 unknown */
  double            revenue_usd;       /* trailing 12 months, after refunds */
  double            active_skus;
  double            orders_per_month;
  double            months_of_returns;
  double            return_rate;
  double            aov;               /* store currency */
  double            upt;
  LcVertical        vertical;
  double            email_share;
  gboolean          ab_capacity;
  LcDay             today;             /* the store's last day of data: dates count from it */
  int               days_to_detect;    /* a test's days to see detect_lift on AOV; < 0 unknown */
  gint64            customers;         /* distinct customers with counted orders */
  gint64            repeat_customers;  /* of those, with retention_repeat_orders or more */
  gint64            history_days;
  gint64            recent_orders;     /* in the last retention_recent_days */
  LcAdvisorFeature  features[LC_ADVISOR_N_FEATURES];  /* in lc_feature_list() order */
} LcAdvisorInputs;

typedef struct
{
  char          *feature;      /* id */
  LcVerdictKind  verdict;
  gboolean       on;           /* the feature's state, for the wording */
  GPtrArray     *reasons;      /* translated sentences quoting the store's numbers */
  LcMetric       watch_metric;
  LcDay          review_on;    /* the day to look again */
  /* The evidence, when the advice came from a store (lc_store_advise());
   * owned by the advice. NULL when there is none. */
  const LcEvaluation *evaluation;        /* before/after of its first switch-on */
  const LcEvaluation *value_evaluation;  /* the same switch on order value */
  const LcOffTest    *offtest;
} LcVerdict;

typedef struct
{
  LcTier     tier;
  double     revenue_usd;
  GPtrArray *verdicts;         /* element type LcVerdict, in lc_feature_list() order */
  GPtrArray *evidence;         /* owns the verdicts' evaluations and off-tests; may be NULL */
} LcAdvice;

const char *lc_verdict_kind_to_string  (LcVerdictKind     kind);
/* Translated: "Keep it", "Turn it off", "Leave it off", "Try it"… */
const char *lc_verdict_get_title       (const LcVerdict  *verdict);
void        lc_advice_free             (LcAdvice         *advice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcAdvice, lc_advice_free)
const LcVerdict *lc_advice_lookup      (const LcAdvice   *advice,
                                        const char       *feature);

/* Unknowns everywhere, USD, vertical other, no A/B capacity, features off. */
void        lc_advisor_inputs_init     (LcAdvisorInputs  *inputs);

LcAdvice   *lc_advise                  (const LcAdvisorInputs *inputs,
                                        const LcRules    *rules);
/* Reads the wizard's answers, evaluations, off-tests and power, then
 * lc_advise() with the store's rules. */
LcAdvice   *lc_store_advise            (LcStore          *store,
                                        GError          **error);

G_END_DECLS
