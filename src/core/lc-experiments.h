/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-metrics.h"
#include "lc-stats.h"

G_BEGIN_DECLS

#define LC_EXPERIMENT_ERROR (lc_experiment_error_quark ())

typedef enum
{
  LC_EXPERIMENT_ERROR_NOT_ENOUGH_DATA,
  LC_EXPERIMENT_ERROR_BAD_REQUEST,
} LcExperimentError;

/* The two-week off-test (PLAYBOOK.md): the feature was off from `from` to
 * `to`. Revenue in those days is compared with a forecast from the four
 * weeks before, scaled by how the same weeks moved a year earlier when the
 * store has them. */
typedef struct
{
  LcDay    from;
  LcDay    to;
  double   actual;                   /* revenue in the off days, major units */
  double   forecast;
  gboolean year_over_year;
  double   revenue_change;           /* actual / forecast - 1 */
  double   change_low;               /* 95% band from the normal variation */
  double   change_high;
  double   normal_weekly_variation;  /* sd of weekly log changes, 26 weeks, peak left out */
  int      weeks_of_variation;       /* how many weekly changes that rests on */
  gboolean turn_back_on;             /* dropped more than 2%, beyond normal variation */
  GPtrArray *warnings;
} LcOffTest;

void        lc_off_test_free          (LcOffTest *test);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcOffTest, lc_off_test_free)

LcOffTest  *lc_store_read_off_test    (LcStore  *store,
                                       LcDay     from,
                                       LcDay     to,
                                       GError  **error);

/* Orders tagged `tag` (a holdout or test arm) against the other orders of the
 * same days: per-order Welch's t-tests, upper tail winsorized at the 99th
 * percentile, and a sample-ratio check when the expected share is known. */
typedef struct
{
  char          *tag;
  LcDay          from;
  LcDay          to;
  gint64         tagged_orders;
  gint64         other_orders;
  LcWelchResult  aov;        /* a = other orders, b = tagged */
  LcWelchResult  upt;
  double         aov_cap;    /* the winsorization caps used */
  double         upt_cap;
  double         expected_share; /* of tagged orders; < 0 when not given */
  LcSrmResult    srm;
} LcHoldout;

void        lc_holdout_free           (LcHoldout *holdout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcHoldout, lc_holdout_free)

LcHoldout  *lc_store_read_holdout     (LcStore    *store,
                                       const char *tag,
                                       double      expected_share,
                                       GError    **error);

/* How long a 50/50 test needs to detect a relative lift on this store's own
 * variance, over the last 90 days (PLAYBOOK.md, "Measurability"). */
typedef struct
{
  LcMetric metric;
  double   lift;
  double   baseline;          /* mean per order (aov, upt) or per day (revenue) */
  double   sd;
  double   units_per_day;     /* orders a day, or 1 for daily revenue */
  double   n_per_group;
  guint    days_needed;
  double   mde_in_8_weeks;
  gboolean measurable;        /* days_needed <= 8 weeks */
} LcPower;

LcPower    *lc_store_compute_power    (LcStore   *store,
                                       LcMetric   metric,
                                       double     lift,
                                       GError   **error);

GQuark      lc_experiment_error_quark (void);

G_END_DECLS
