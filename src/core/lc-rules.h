/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

/* The advisor's thresholds (PLAYBOOK.md), loaded from the rule table in the
 * core's resources (lc-rules.ini). Names match the table's keys. */
typedef struct
{
  double tier_2m;
  double tier_5m;
  double tier_10m;
  double bundles_min_skus;
  double bundles_review_days;
  double nudges_min_months;
  double nudges_min_orders_per_month;
  double risk_flag_rate;
  double email_min_share;
  double retention_min_customers;
  double retention_min_days;
  double retention_recent_days;
  double retention_repeat_orders;
  double rule_90_days;
  double measurable_weeks;
  double detect_lift;
  double non_incremental_share;
  double offtest_days;
  double offtest_drop;
  double evaluation_window_days;
} LcRules;

/* The defaults of the rule table. */
void        lc_rules_init_defaults (LcRules    *rules);
/* The defaults, each overridden by the store setting "threshold.<name>"
 * when it holds a number. */
void        lc_store_load_rules    (LcStore    *store,
                                    LcRules    *rules);

G_END_DECLS
