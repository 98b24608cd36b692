/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-metrics.h"

G_BEGIN_DECLS

#define LC_EVALUATE_ERROR (lc_evaluate_error_quark ())

typedef enum
{
  LC_EVALUATE_ERROR_NO_SWITCH,     /* the feature has no recorded switch */
  LC_EVALUATE_ERROR_BAD_METRIC,    /* a metric the store cannot give (rpv without sessions) */
} LcEvaluateError;

typedef enum
{
  LC_EVALUATION_MEASURED,          /* enough data and precision to read the result */
  LC_EVALUATION_CANNOT_MEASURE,    /* the windows are too noisy to detect a change that matters */
  LC_EVALUATION_NOT_ENOUGH_DATA,   /* too few days or orders in a window */
} LcEvaluationStatus;

/* Before/after of a feature switched on at switch_day (PLAYBOOK.md, "Honest
 * measurement"): the metric in the whole weeks of window_days before and
 * after the switch, week by week, controlled for seasonality with the same
 * weeks 364 days earlier (difference in differences) when that history
 * exists. A week, not a day, is the unit: days of one store are not
 * independent. */
typedef struct
{
  char               *feature;
  LcMetric            metric;
  LcEvaluationStatus  status;
  LcDay               switch_day;
  int                 window_days;      /* asked for */
  LcDay               before_from, before_to, after_from, after_to;
  int                 before_days;      /* days in the weeks with a value, each side */
  int                 after_days;
  double              before;           /* mean weekly value on each side */
  double              after;
  gboolean            year_over_year;   /* seasonality controlled */
  double              last_year_before; /* NAN without year-over-year control */
  double              last_year_after;
  double              change;           /* absolute, in the metric's units */
  double              change_low;
  double              change_high;
  double              lift;             /* relative to before, as a fraction */
  double              lift_low;
  double              lift_high;
  double              p_value;
  double              mde;              /* smallest relative change these windows detect (80% power) */
  gboolean            significant;
  GPtrArray          *warnings;         /* translated sentences */
} LcEvaluation;

GQuark         lc_evaluate_error_quark        (void);
const char    *lc_evaluation_status_to_string (LcEvaluationStatus status);
void           lc_evaluation_free             (LcEvaluation *evaluation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcEvaluation, lc_evaluation_free)

/* The metric a feature is judged on: upt for cart-bundles, return-rate for
 * return-nudges, aov otherwise (DESIGN.md). */
LcMetric       lc_feature_watch_metric        (const char *feature);

/* Evaluates the feature's switch-on at switch_day (LC_DAY_NONE: its first
 * recorded switch-on) on metric (-1: its watch metric). */
LcEvaluation  *lc_store_evaluate_feature      (LcStore    *store,
                                               const char *feature,
                                               int         metric,
                                               int         window_days,
                                               LcDay       switch_day,
                                               GError    **error);

G_END_DECLS
