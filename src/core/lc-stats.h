/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The statistics behind "Honest measurement" (PLAYBOOK.md). Pure functions
 * of numbers: no store access, no allocation the caller has to free, safe to
 * call from any thread. Inputs must be finite. Every p-value is in [0, 1]
 * and never NaN; a tail too small for a double (under about 1e-300) comes
 * back as 0.
 *
 * Results are checked against SciPy and statsmodels by tests/test-stats.c,
 * with the vectors made by tests/reference/make_stats_vectors.py. */

/* PLAYBOOK.md's defaults. */
#define LC_STATS_CONFIDENCE        0.95  /* two-sided intervals */
#define LC_STATS_ALPHA             0.05  /* two-sided significance level */
#define LC_STATS_POWER             0.80
#define LC_STATS_WINSOR_QUANTILE   0.99  /* upper-tail cap for per-order values */
#define LC_STATS_SRM_ALPHA         0.001 /* sample-ratio mismatch flagged below this p */
#define LC_STATS_MIN_DAYS          7     /* a test runs at least one full week */

/* Distributions.
 *
 * df may be any positive real (Welch degrees of freedom are not whole).
 * Arguments outside a function's domain are programmer errors: they emit a
 * g_critical and return NaN.
 *
 * Relative accuracy is about 1e-14 at the small df of small samples, tails
 * included. In a t tail with very many degrees of freedom the incomplete
 * beta's continued fraction loses about log10 (df / t²) digits: 1e-10 at
 * df = 1e6, 1e-9 at 1e7, 1e-6 at 1e10. */

/* Regularized incomplete beta I_x(a, b), a, b > 0, 0 <= x <= 1. */
double lc_stats_incomplete_beta      (double a,
                                      double b,
                                      double x);
/* Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a), a > 0, x >= 0. */
double lc_stats_incomplete_gamma_upper (double a,
                                        double x);

/* Standard normal P(Z <= x) and P(Z > x); each accurate in its own tail. */
double lc_stats_normal_cdf           (double x);
double lc_stats_normal_sf            (double x);
/* The x with P(Z <= x) = p, 0 < p < 1; ±infinity at p = 0 and 1. */
double lc_stats_normal_quantile      (double p);

/* Student t with df degrees of freedom: P(T <= t), P(T > t), and the
 * two-sided p-value P(|T| >= |t|). */
double lc_stats_student_t_cdf        (double t,
                                      double df);
double lc_stats_student_t_sf         (double t,
                                      double df);
double lc_stats_student_t_two_sided  (double t,
                                      double df);
/* The t with P(T <= t) = p, 0 < p < 1. */
double lc_stats_student_t_quantile   (double p,
                                      double df);

/* P(X > x) for a chi-square with df degrees of freedom. */
double lc_stats_chi_square_sf        (double x,
                                      double df);

/* Quantiles and winsorization.
 *
 * The quantile is numpy's default ("linear", Hyndman & Fan type 7): sorted
 * values v[0..n-1], h = (n - 1) q, v[⌊h⌋] + (h - ⌊h⌋)(v[⌊h⌋+1] - v[⌊h⌋]).
 * Winsorizing caps every value above that quantile at it, which is
 * np.minimum (x, np.percentile (x, 100 q)). It is not
 * scipy.stats.mstats.winsorize, which caps at an order statistic without
 * interpolating. Values must be finite. */

/* The q-quantile (0 <= q <= 1) of n >= 1 values; values is not changed. */
double lc_stats_quantile             (const double *values,
                                      gsize         n,
                                      double        q);
/* Caps values above their q-quantile in place and returns the cap (0 when
 * n is 0). */
double lc_stats_winsorize_upper      (double *values,
                                      gsize   n,
                                      double  quantile);

/* Welch's unequal-variance t-test, B against A. */
typedef struct
{
  double   mean_a;
  double   mean_b;
  double   diff;          /* mean_b - mean_a */
  double   rel_lift;      /* diff / mean_a; 0 when has_lift is FALSE */
  double   se;            /* sqrt (var_a / n_a + var_b / n_b) */
  double   df;            /* Welch–Satterthwaite */
  double   t;             /* diff / se */
  double   p_value;       /* two-sided */
  double   ci_low;        /* interval for diff, t quantile with df */
  double   ci_high;
  double   lift_ci_low;   /* interval for rel_lift: delta method for
                           * mean_b / mean_a, same t quantile */
  double   lift_ci_high;
  gboolean has_lift;      /* FALSE when mean_a is 0 */
} LcWelchResult;

/* From summary statistics: counts, means and sample variances (divisor
 * n - 1). Counts are doubles so that summaries of any size fit.
 *
 * Returns FALSE, with out zeroed and p_value 1, when a group has fewer than
 * two values: there is not enough data for a variance.
 *
 * When both variances are 0 the test degenerates: se is 0, df is
 * n_a + n_b - 2, and the difference is certain; p_value is 1 and t is 0
 * when the means are equal, otherwise p_value is 0 and t is ±infinity. The
 * intervals collapse onto the estimates. */
gboolean lc_stats_welch_from_summary (double         n_a,
                                      double         mean_a,
                                      double         var_a,
                                      double         n_b,
                                      double         mean_b,
                                      double         var_b,
                                      double         confidence,
                                      LcWelchResult *out);
/* The same from raw values (equal to scipy.stats.ttest_ind (b, a,
 * equal_var=False)). */
gboolean lc_stats_welch              (const double  *a,
                                      gsize          n_a,
                                      const double  *b,
                                      gsize          n_b,
                                      double         confidence,
                                      LcWelchResult *out);
/* Welch's test after capping both groups at the quantile of the pooled
 * values: one common cap, so capping cannot by itself move one arm against
 * the other. The inputs are not changed. Returns the cap in *cap when
 * non-NULL. */
gboolean lc_stats_welch_winsorized   (const double  *a,
                                      gsize          n_a,
                                      const double  *b,
                                      gsize          n_b,
                                      double         quantile,
                                      double         confidence,
                                      LcWelchResult *out,
                                      double        *cap);

/* Two-proportion z-test for conversion, B against A. */
typedef struct
{
  double   rate_a;
  double   rate_b;
  double   diff;          /* rate_b - rate_a */
  double   lift;          /* rate_b / rate_a - 1; 0 when has_lift is FALSE */
  double   z;             /* diff over the pooled standard error */
  double   p_value;       /* two-sided, pooled variance (statsmodels
                           * proportions_ztest) */
  double   ci_low;        /* unpooled Wald interval for diff */
  double   ci_high;
  double   lift_ci_low;   /* Katz log interval for the risk ratio, minus 1 */
  double   lift_ci_high;
  gboolean has_lift;      /* FALSE when A has no conversions */
  gboolean has_lift_ci;   /* FALSE when either arm has no conversions */
} LcProportionsResult;

/* Returns FALSE (out zeroed, p_value 1) when an arm has no trials or more
 * conversions than trials. When the pooled rate is 0 or 1 the rates are
 * equal and certain: z is 0 and p_value 1. */
gboolean lc_stats_two_proportions    (guint64              conversions_a,
                                      guint64              n_a,
                                      guint64              conversions_b,
                                      guint64              n_b,
                                      double               confidence,
                                      LcProportionsResult *out);

/* Wilson score interval for successes out of n (statsmodels
 * proportion_confint (method="wilson")), written without cancellation so
 * that the lower end is exactly 0 at 0 successes and the upper end exactly 1
 * at n. Returns FALSE when n is 0 or successes > n. */
gboolean lc_stats_wilson_interval    (guint64 successes,
                                      guint64 n,
                                      double  confidence,
                                      double *low,
                                      double *high);

/* Ratio metrics (revenue per visit: revenue / sessions) by the delta method
 * (Deng, Knoblich & Lu, "Applying the Delta Method in Metric Analytics",
 * KDD 2018). The unit is one row of the two arrays, e.g. a day:
 *
 *   R = Σ num / Σ den,
 *   Var (R) = (s_nn - 2 R s_nd + R² s_dd) / (n mean_d²)
 *
 * with sample variances and covariance (divisor n - 1). */
typedef struct
{
  double ratio;
  double variance;
  double se;
} LcRatioEstimate;

/* Returns FALSE when n < 2 or the denominators sum to 0. */
gboolean lc_stats_ratio_estimate     (const double    *numerator,
                                      const double    *denominator,
                                      gsize            n,
                                      LcRatioEstimate *out);

typedef struct
{
  double   ratio_a;
  double   ratio_b;
  double   diff;          /* ratio_b - ratio_a */
  double   rel_lift;      /* ratio_b / ratio_a - 1; 0 when has_lift is FALSE */
  double   se;            /* sqrt (Var (R_a) + Var (R_b)) */
  double   z;
  double   p_value;       /* two-sided, normal: the delta method is a
                           * large-sample approximation */
  double   ci_low;
  double   ci_high;
  double   lift_ci_low;   /* delta method for ratio_b / ratio_a */
  double   lift_ci_high;
  gboolean has_lift;      /* FALSE when ratio_a is 0 */
} LcRatioTestResult;

/* z-test of ratio_b against ratio_a for two independent groups of units.
 * Returns FALSE (out zeroed, p_value 1) when either group cannot be
 * estimated. A zero se follows the Welch rule: p_value 1 for equal ratios,
 * else 0. */
gboolean lc_stats_ratio_test         (const double      *numerator_a,
                                      const double      *denominator_a,
                                      gsize              n_a,
                                      const double      *numerator_b,
                                      const double      *denominator_b,
                                      gsize              n_b,
                                      double             confidence,
                                      LcRatioTestResult *out);

/* Sample-ratio mismatch: Pearson's chi-square of the observed arm sizes
 * against the intended split (scipy.stats.chisquare). */
typedef struct
{
  double   chi2;
  double   df;            /* arms - 1 */
  double   p_value;
  gboolean mismatch;      /* p_value < LC_STATS_SRM_ALPHA */
} LcSrmResult;

/* expected_share holds each arm's intended share, in any scale (it is
 * normalized). Returns FALSE when there are fewer than two arms, no
 * observations, or a share that is not positive. */
gboolean lc_stats_sample_ratio_mismatch (const guint64 *observed,
                                         const double  *expected_share,
                                         gsize          n_arms,
                                         LcSrmResult   *out);

/* Power of a two-sample comparison of means with equal groups.
 *
 * The normal approximation, as statsmodels NormalIndPower: with
 * s = d sqrt (n / 2) and c the two-sided critical value,
 * power = Φ(s - c) + Φ(-s - c), both tails counted. TTestIndPower's
 * noncentral t asks for about one more unit per group (16.7 rather than
 * 15.7 at d = 1, 6280 rather than 6279 at d = 0.05), which only matters
 * for tiny tests. d is Cohen's effect size: lift × baseline mean / sd. */

/* Power for effect size d > 0 with n per group, two-sided level alpha. */
double lc_stats_power_two_sample     (double effect_size,
                                      double n_per_group,
                                      double alpha);
/* Units per group needed to detect a relative lift of the baseline mean
 * (sd the per-unit standard deviation) with the given power. Not rounded:
 * round up. */
double lc_stats_sample_size_for_lift (double baseline_mean,
                                      double sd,
                                      double lift,
                                      double alpha,
                                      double power);
/* The smallest relative lift of the baseline mean detectable with the given
 * power and n per group. */
double lc_stats_minimum_detectable_lift (double baseline_mean,
                                         double sd,
                                         double n_per_group,
                                         double alpha,
                                         double power);
/* Days for each group to collect n_per_group units, when the store sees
 * units_per_day (a daily series; its mean is used) and each group gets
 * group_share of them (0.5 for a 50/50 test, 1 for before/after windows).
 * At least LC_STATS_MIN_DAYS; 0 when the series has no units or
 * n_per_group is not finite. */
guint    lc_stats_days_needed        (double        n_per_group,
                                      const double *units_per_day,
                                      gsize         n_days,
                                      double        group_share);

/* Difference in differences for a feature switched on at day D: the windows
 * before and after D this year, and the same calendar windows a year
 * earlier. Each window is a series of per-day values; the four are
 * independent groups.
 *
 *   estimate = (after - before) - (after_ly - before_ly)  on the means
 *   se²      = Σ s_i² / n_i              (equal to OLS with HC2 errors)
 *   df       = Welch–Satterthwaite for the four terms
 *
 * relative = estimate / before, with a delta-method interval (before also
 * appears in the estimate). */
typedef struct
{
  double   mean_before;
  double   mean_after;
  double   mean_before_ly;
  double   mean_after_ly;
  double   estimate;
  double   se;
  double   df;
  double   t;
  double   p_value;       /* two-sided */
  double   ci_low;
  double   ci_high;
  double   relative;      /* estimate / mean_before; 0 when has_relative is FALSE */
  double   rel_ci_low;
  double   rel_ci_high;
  gboolean has_relative;  /* FALSE when mean_before is 0 */
} LcDidResult;

/* Returns FALSE (out zeroed, p_value 1) when a window has fewer than two
 * days. A zero se follows the Welch rule, with df the total days - 4. */
gboolean lc_stats_diff_in_diff       (const double *before,
                                      gsize         n_before,
                                      const double *after,
                                      gsize         n_after,
                                      const double *before_ly,
                                      gsize         n_before_ly,
                                      const double *after_ly,
                                      gsize         n_after_ly,
                                      double        confidence,
                                      LcDidResult  *out);

G_END_DECLS
