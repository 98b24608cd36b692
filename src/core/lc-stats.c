/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-stats"

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lc-stats.h"

/* Series and continued fractions stop when a step changes the value by less
 * than CF_EPSILON; the fractions replace a zero denominator by LENTZ_TINY
 * (modified Lentz, Numerical Recipes 5.2). Where they are used they
 * converge in under 100 steps (the worst case is O(sqrt (max (a, b))));
 * CF_MAX_STEPS only bounds the loop. */
#define CF_EPSILON   DBL_EPSILON
#define LENTZ_TINY   1e-300
#define CF_MAX_STEPS 10000

#define LN_SQRT_2PI 0.918938533204672741780329736406

/* Stirling's series for lgamma (x) - ((x - 1/2) log x - x + log sqrt (2π)),
 * x >= 10 (Abramowitz & Stegun 6.1.41); the next term is under 2e-14. */
static double
stirling_correction (double x)
{
  double x2 = 1.0 / (x * x);

  return (1.0 / 12 - x2 * (1.0 / 360 - x2 * (1.0 / 1260 - x2 * (1.0 / 1680 - x2 / 1188)))) / x;
}

static double
log_gamma (double x)
{
  int sign;

  /* lgamma () writes the global signgam; the reentrant form does not. */
  return lgamma_r (x, &sign);
}

/* log B(a, b) without the cancellation of lgamma (a) + lgamma (b) -
 * lgamma (a + b) when a parameter is large, as for a t distribution with
 * 1e6 degrees of freedom (the arrangement of R's nmath lbeta ()). */
static double
log_beta (double a,
          double b)
{
  double p = MIN (a, b);
  double q = MAX (a, b);
  double corr;

  if (p >= 10)
    {
      corr = stirling_correction (p) + stirling_correction (q) - stirling_correction (p + q);
      return -0.5 * log (q) + LN_SQRT_2PI + corr + (p - 0.5) * log (p / (p + q)) + q * log1p (-p / (p + q));
    }
  if (q >= 10)
    {
      corr = stirling_correction (q) - stirling_correction (p + q);
      return log_gamma (p) + corr + p - p * log (p + q) + (q - 0.5) * log1p (-p / (p + q));
    }
  return log_gamma (p) + log_gamma (q) - log_gamma (p + q);
}

/* The continued fraction of I_x(a, b) (Numerical Recipes 6.4, betacf),
 * which converges fast for x < (a + 1) / (a + b + 2). */
static double
beta_fraction (double a,
               double b,
               double x)
{
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  double h;

  if (fabs (d) < LENTZ_TINY)
    d = LENTZ_TINY;
  d = 1.0 / d;
  h = d;

  for (guint m = 1; m <= CF_MAX_STEPS; m++)
    {
      double m2 = 2.0 * m;
      double coef;
      double delta;

      coef = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
      d = 1.0 + coef * d;
      if (fabs (d) < LENTZ_TINY)
        d = LENTZ_TINY;
      c = 1.0 + coef / c;
      if (fabs (c) < LENTZ_TINY)
        c = LENTZ_TINY;
      d = 1.0 / d;
      h *= d * c;

      coef = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
      d = 1.0 + coef * d;
      if (fabs (d) < LENTZ_TINY)
        d = LENTZ_TINY;
      c = 1.0 + coef / c;
      if (fabs (c) < LENTZ_TINY)
        c = LENTZ_TINY;
      d = 1.0 / d;
      delta = d * c;
      h *= delta;
      if (fabs (delta - 1.0) <= CF_EPSILON)
        break;
    }

  return h;
}

/* I_x(a, b) given both x and y = 1 - x, so that callers who know 1 - x
 * more precisely than a subtraction would (t distributions with many
 * degrees of freedom, where x is within 1e-12 of 1) keep those digits. */
static double
incomplete_beta (double a,
                 double b,
                 double x,
                 double y)
{
  double log_x;
  double log_y;
  double front;

  if (x <= 0)
    return 0.0;
  if (y <= 0)
    return 1.0;

  log_x = x < 0.5 ? log (x) : log1p (-y);
  log_y = y < 0.5 ? log (y) : log1p (-x);
  /* x^a y^b / B(a, b); underflows to 0 for tails beyond 1e-308. */
  front = exp (a * log_x + b * log_y - log_beta (a, b));

  if (x < (a + 1.0) / (a + b + 2.0))
    return front * beta_fraction (a, b, x) / a;
  return 1.0 - front * beta_fraction (b, a, y) / b;
}

double
lc_stats_incomplete_beta (double a,
                          double b,
                          double x)
{
  g_return_val_if_fail (a > 0 && b > 0, NAN);
  g_return_val_if_fail (x >= 0 && x <= 1, NAN);

  return incomplete_beta (a, b, x, 1.0 - x);
}

/* exp (-x) x^a / Γ(a), the factor shared by both forms below. */
static double
gamma_front (double a,
             double x)
{
  return exp (-x + a * log (x) - log_gamma (a));
}

/* P(a, x) by its series, for x < a + 1 (Numerical Recipes 6.2, gser). */
static double
gamma_series (double a,
              double x)
{
  double term = 1.0 / a;
  double sum = term;
  double ap = a;

  for (guint n = 0; n < CF_MAX_STEPS; n++)
    {
      ap += 1.0;
      term *= x / ap;
      sum += term;
      if (fabs (term) < fabs (sum) * CF_EPSILON)
        break;
    }

  return sum * gamma_front (a, x);
}

/* Q(a, x) by its continued fraction, for x >= a + 1 (Numerical Recipes
 * 6.2, gcf, modified Lentz). */
static double
gamma_fraction (double a,
                double x)
{
  double b = x + 1.0 - a;
  double c = 1.0 / LENTZ_TINY;
  double d = 1.0 / b;
  double h = d;

  for (guint i = 1; i <= CF_MAX_STEPS; i++)
    {
      double an = -(double) i * (i - a);
      double delta;

      b += 2.0;
      d = an * d + b;
      if (fabs (d) < LENTZ_TINY)
        d = LENTZ_TINY;
      c = b + an / c;
      if (fabs (c) < LENTZ_TINY)
        c = LENTZ_TINY;
      d = 1.0 / d;
      delta = d * c;
      h *= delta;
      if (fabs (delta - 1.0) <= CF_EPSILON)
        break;
    }

  return gamma_front (a, x) * h;
}

double
lc_stats_incomplete_gamma_upper (double a,
                                 double x)
{
  g_return_val_if_fail (a > 0 && x >= 0, NAN);

  if (x == 0)
    return 1.0;
  if (isinf (x))
    return 0.0;
  if (x < a + 1.0)
    return 1.0 - gamma_series (a, x);
  return gamma_fraction (a, x);
}

double
lc_stats_normal_cdf (double x)
{
  return 0.5 * erfc (-x / G_SQRT2);
}

double
lc_stats_normal_sf (double x)
{
  return 0.5 * erfc (x / G_SQRT2);
}

static double
normal_pdf (double x)
{
  return exp (-0.5 * x * x - LN_SQRT_2PI);
}

/* c[0] + c[1] x + ... + c[7] x^7 (Horner). */
static double
polynomial7 (const double c[8],
             double       x)
{
  double value = c[7];

  for (int i = 6; i >= 0; i--)
    value = value * x + c[i];
  return value;
}

/* Wichura, "The Percentage Points of the Normal Distribution", Applied
 * Statistics 37 (1988), algorithm AS 241 (PPND16): about 1e-16 relative. */
double
lc_stats_normal_quantile (double p)
{
  static const double central_num[8] = {
    3.3871328727963666080e+0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
    1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
    3.3430575583588128105e+4, 2.5090809287301226727e+3
  };
  static const double central_den[8] = {
    1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2,
    5.3941960214247511077e+3, 2.1213794301586595867e+4, 3.9307895800092710610e+4,
    2.8729085735721942674e+4, 5.2264952788528545610e+3
  };
  static const double near_num[8] = {
    1.42343711074968357734e+0, 4.63033784615654529590e+0, 5.76949722146069140550e+0,
    3.64784832476320460504e+0, 1.27045825245236838258e+0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4
  };
  static const double near_den[8] = {
    1.0, 2.05319162663775882187e+0, 1.67638483018380384940e+0,
    6.89767334985100004550e-1, 1.48103976427480074590e-1, 1.51986665636164571966e-2,
    5.47593808499534494600e-4, 1.05075007164441684324e-9
  };
  static const double far_num[8] = {
    6.65790464350110377720e+0, 5.46378491116411436990e+0, 1.78482653991729133580e+0,
    2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
    2.71155556874348757815e-5, 2.01033439929228813265e-7
  };
  static const double far_den[8] = {
    1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1,
    1.48753612908506148525e-2, 7.86869131145613259100e-4, 1.84631831751005468180e-5,
    1.42151175831644588870e-7, 2.04426310338993978564e-15
  };
  double q;
  double r;
  double value;

  g_return_val_if_fail (p >= 0 && p <= 1, NAN);

  if (p == 0)
    return -INFINITY;
  if (p == 1)
    return INFINITY;

  q = p - 0.5;
  if (fabs (q) <= 0.425)
    {
      r = 0.180625 - q * q;
      return q * polynomial7 (central_num, r) / polynomial7 (central_den, r);
    }

  /* The distance into the nearer tail. */
  r = sqrt (-log (q < 0 ? p : 1.0 - p));
  if (r <= 5.0)
    value = polynomial7 (near_num, r - 1.6) / polynomial7 (near_den, r - 1.6);
  else
    value = polynomial7 (far_num, r - 5.0) / polynomial7 (far_den, r - 5.0);

  return q < 0 ? -value : value;
}

/* P(|T| >= |t|) = I_x(df/2, 1/2) with x = df / (df + t²) (Abramowitz &
 * Stegun 26.7.1), forming x and 1 - x from whichever of t²/df and df/t² is
 * small so neither is lost to rounding nor overflows. */
double
lc_stats_student_t_two_sided (double t,
                              double df)
{
  double x;
  double y;

  g_return_val_if_fail (df > 0, NAN);

  if (isnan (t))
    return NAN;
  if (isinf (t))
    return 0.0;

  if (fabs (t) < sqrt (df))
    {
      double u = (t / sqrt (df)) * (t / sqrt (df));

      x = 1.0 / (1.0 + u);
      y = u / (1.0 + u);
    }
  else
    {
      double r = (sqrt (df) / t) * (sqrt (df) / t);

      x = r / (1.0 + r);
      y = 1.0 / (1.0 + r);
    }

  return incomplete_beta (0.5 * df, 0.5, x, y);
}

double
lc_stats_student_t_sf (double t,
                       double df)
{
  double half;

  g_return_val_if_fail (df > 0, NAN);

  half = 0.5 * lc_stats_student_t_two_sided (t, df);
  return t > 0 ? half : 1.0 - half;
}

double
lc_stats_student_t_cdf (double t,
                        double df)
{
  return lc_stats_student_t_sf (-t, df);
}

static double
student_t_pdf (double t,
               double df)
{
  return exp (-0.5 * (df + 1.0) * log1p (t * t / df) - 0.5 * log (df) - log_beta (0.5 * df, 0.5));
}

/* The root of an increasing f between lo and hi (f (lo) <= 0 <= f (hi)),
 * starting at x: Newton's steps, replaced by bisection whenever one would
 * leave the bracket (Numerical Recipes 9.4, rtsafe). */
typedef double (*Objective) (double        x,
                             gconstpointer data,
                             double       *slope);

static double
solve_increasing (Objective     f,
                  gconstpointer data,
                  double        lo,
                  double        hi,
                  double        x)
{
  for (guint i = 0; i < 400; i++)
    {
      double slope;
      double value = f (x, data, &slope);
      double next;

      if (value == 0)
        break;
      if (value < 0)
        lo = x;
      else
        hi = x;

      next = x - value / slope;
      if (!(next > lo && next < hi))
        next = 0.5 * (lo + hi);
      if (fabs (next - x) <= 2 * DBL_EPSILON * fabs (next))
        return next;
      x = next;
    }

  return x;
}

typedef struct
{
  double log_q;
  double df;
} TailTarget;

/* log q - log P(T > t): close to linear in the far tail, where Newton on
 * P(T > t) itself would crawl. */
static double
t_tail_objective (double        t,
                  gconstpointer data,
                  double       *slope)
{
  const TailTarget *target = data;
  double            sf = lc_stats_student_t_sf (t, target->df);

  *slope = student_t_pdf (t, target->df) / sf;
  return target->log_q - log (sf);
}

/* The t > 0 with P(T > t) = q, 0 < q < 1/2. The normal quantile is a lower
 * bound (t tails are heavier); doubling finds an upper one. */
static double
student_t_isf (double q,
               double df)
{
  TailTarget target = { log (q), df };
  double     lo = -lc_stats_normal_quantile (q);
  double     hi = MAX (2.0 * lo, 1.0);

  while (lc_stats_student_t_sf (hi, df) > q)
    hi *= 2.0;

  return solve_increasing (t_tail_objective, &target, lo, hi, 0.5 * (lo + hi));
}

double
lc_stats_student_t_quantile (double p,
                             double df)
{
  g_return_val_if_fail (df > 0, NAN);
  g_return_val_if_fail (p >= 0 && p <= 1, NAN);

  if (p == 0)
    return -INFINITY;
  if (p == 1)
    return INFINITY;
  if (p < 0.5)
    return -student_t_isf (p, df);
  if (p > 0.5)
    return student_t_isf (1.0 - p, df);
  return 0.0;
}

double
lc_stats_chi_square_sf (double x,
                        double df)
{
  g_return_val_if_fail (df > 0, NAN);

  if (isnan (x))
    return NAN;
  if (x <= 0)
    return 1.0;
  return lc_stats_incomplete_gamma_upper (0.5 * df, 0.5 * x);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
lc_stats_quantile (const double *values,
                   gsize         n,
                   double        q)
{
  g_autofree double *sorted = NULL;
  double             h;
  gsize              i;
  double             gamma;
  double             span;

  g_return_val_if_fail (values != NULL && n > 0, NAN);
  g_return_val_if_fail (q >= 0 && q <= 1, NAN);

  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);

  h = (n - 1) * q;
  i = (gsize) floor (h);
  if (i >= n - 1)
    return sorted[n - 1];
  gamma = h - i;
  span = sorted[i + 1] - sorted[i];
  /* numpy's _lerp (): from the nearer end, so that gamma 1 gives the upper
   * value exactly. */
  if (gamma >= 0.5)
    return sorted[i + 1] - span * (1.0 - gamma);
  return sorted[i] + span * gamma;
}

double
lc_stats_winsorize_upper (double *values,
                          gsize   n,
                          double  quantile)
{
  double cap;

  g_return_val_if_fail (values != NULL || n == 0, 0.0);
  g_return_val_if_fail (quantile >= 0 && quantile <= 1, 0.0);

  if (n == 0)
    return 0.0;

  cap = lc_stats_quantile (values, n, quantile);
  for (gsize i = 0; i < n; i++)
    values[i] = MIN (values[i], cap);

  return cap;
}

/* Mean and sample variance (divisor n - 1), n >= 2. The mean gets a second
 * pass of correction (Higham, "Accuracy and Stability of Numerical
 * Algorithms", 1.9) so that a constant series has exactly its value as mean
 * and exactly 0 as variance: the zero-variance rule below depends on it. */
static void
sample_moments (const double *values,
                gsize         n,
                double       *mean,
                double       *variance)
{
  double sum = 0;
  double m;
  double correction = 0;
  double squares = 0;

  for (gsize i = 0; i < n; i++)
    sum += values[i];
  m = sum / n;
  for (gsize i = 0; i < n; i++)
    correction += values[i] - m;
  m += correction / n;
  for (gsize i = 0; i < n; i++)
    squares += (values[i] - m) * (values[i] - m);

  *mean = m;
  *variance = squares / (n - 1);
}

/* The critical value of a two-sided interval: t with df degrees of freedom,
 * or the normal when df is 0. */
static double
critical_value (double confidence,
                double df)
{
  double tail = 0.5 * (1.0 - confidence);

  if (df > 0)
    return student_t_isf (tail, df);
  return -lc_stats_normal_quantile (tail);
}

/* Statistic and two-sided p-value of estimate / se against t with df (the
 * normal when df is 0). A zero se means a certain estimate: p is 1 when it
 * is 0, else 0, and never NaN. */
static void
test_estimate (double  estimate,
               double  se,
               double  df,
               double *statistic,
               double *p_value)
{
  if (se > 0)
    {
      *statistic = estimate / se;
      *p_value = df > 0 ? lc_stats_student_t_two_sided (*statistic, df)
                        : 2.0 * lc_stats_normal_sf (fabs (*statistic));
    }
  else if (estimate == 0)
    {
      *statistic = 0;
      *p_value = 1.0;
    }
  else
    {
      *statistic = copysign (INFINITY, estimate);
      *p_value = 0.0;
    }
}

gboolean
lc_stats_welch_from_summary (double         n_a,
                             double         mean_a,
                             double         var_a,
                             double         n_b,
                             double         mean_b,
                             double         var_b,
                             double         confidence,
                             LcWelchResult *out)
{
  double va;
  double vb;
  double crit;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (confidence > 0 && confidence < 1, FALSE);
  g_return_val_if_fail (var_a >= 0 && var_b >= 0, FALSE);

  memset (out, 0, sizeof *out);
  out->p_value = 1.0;
  if (!(n_a >= 2 && n_b >= 2))
    return FALSE;

  va = var_a / n_a;
  vb = var_b / n_b;
  out->mean_a = mean_a;
  out->mean_b = mean_b;
  out->diff = mean_b - mean_a;
  out->se = sqrt (va + vb);
  if (out->se > 0)
    out->df = (va + vb) * (va + vb) / (va * va / (n_a - 1) + vb * vb / (n_b - 1));
  else
    out->df = n_a + n_b - 2;
  test_estimate (out->diff, out->se, out->df, &out->t, &out->p_value);

  crit = out->se > 0 ? critical_value (confidence, out->df) : 0;
  out->ci_low = out->diff - crit * out->se;
  out->ci_high = out->diff + crit * out->se;

  out->has_lift = mean_a != 0;
  if (out->has_lift)
    {
      /* Var (b / a) ≈ Var (b) / a² + b² Var (a) / a⁴ for independent means. */
      double se_lift = sqrt (vb / (mean_a * mean_a) + mean_b * mean_b * va / pow (mean_a, 4));

      out->rel_lift = mean_b / mean_a - 1.0;
      out->lift_ci_low = out->rel_lift - crit * se_lift;
      out->lift_ci_high = out->rel_lift + crit * se_lift;
    }

  return TRUE;
}

gboolean
lc_stats_welch (const double  *a,
                gsize          n_a,
                const double  *b,
                gsize          n_b,
                double         confidence,
                LcWelchResult *out)
{
  double mean_a;
  double var_a;
  double mean_b;
  double var_b;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (a != NULL || n_a == 0, FALSE);
  g_return_val_if_fail (b != NULL || n_b == 0, FALSE);

  if (n_a < 2 || n_b < 2)
    return lc_stats_welch_from_summary (n_a, 0, 0, n_b, 0, 0, confidence, out);

  sample_moments (a, n_a, &mean_a, &var_a);
  sample_moments (b, n_b, &mean_b, &var_b);
  return lc_stats_welch_from_summary (n_a, mean_a, var_a, n_b, mean_b, var_b, confidence, out);
}

gboolean
lc_stats_welch_winsorized (const double  *a,
                           gsize          n_a,
                           const double  *b,
                           gsize          n_b,
                           double         quantile,
                           double         confidence,
                           LcWelchResult *out,
                           double        *cap)
{
  g_autofree double *pooled = NULL;
  double             limit;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (a != NULL || n_a == 0, FALSE);
  g_return_val_if_fail (b != NULL || n_b == 0, FALSE);

  if (cap != NULL)
    *cap = 0;
  if (n_a < 2 || n_b < 2)
    return lc_stats_welch_from_summary (n_a, 0, 0, n_b, 0, 0, confidence, out);

  pooled = g_new (double, n_a + n_b);
  memcpy (pooled, a, n_a * sizeof (double));
  memcpy (pooled + n_a, b, n_b * sizeof (double));
  limit = lc_stats_winsorize_upper (pooled, n_a + n_b, quantile);

  if (cap != NULL)
    *cap = limit;
  return lc_stats_welch (pooled, n_a, pooled + n_a, n_b, confidence, out);
}

gboolean
lc_stats_two_proportions (guint64              conversions_a,
                          guint64              n_a,
                          guint64              conversions_b,
                          guint64              n_b,
                          double               confidence,
                          LcProportionsResult *out)
{
  double pa;
  double pb;
  double pooled;
  double se_pooled;
  double se_unpooled;
  double crit;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (confidence > 0 && confidence < 1, FALSE);

  memset (out, 0, sizeof *out);
  out->p_value = 1.0;
  if (n_a == 0 || n_b == 0 || conversions_a > n_a || conversions_b > n_b)
    return FALSE;

  pa = (double) conversions_a / n_a;
  pb = (double) conversions_b / n_b;
  pooled = ((double) conversions_a + conversions_b) / ((double) n_a + n_b);
  out->rate_a = pa;
  out->rate_b = pb;
  out->diff = pb - pa;

  /* The test assumes no difference, so both arms share the pooled rate;
   * the interval does not, so each keeps its own. */
  se_pooled = sqrt (pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b));
  test_estimate (out->diff, se_pooled, 0, &out->z, &out->p_value);

  crit = critical_value (confidence, 0);
  se_unpooled = sqrt (pa * (1.0 - pa) / n_a + pb * (1.0 - pb) / n_b);
  out->ci_low = out->diff - crit * se_unpooled;
  out->ci_high = out->diff + crit * se_unpooled;

  out->has_lift = conversions_a > 0;
  if (out->has_lift)
    out->lift = pb / pa - 1.0;

  /* Katz et al. (1978): log (pb / pa) ± z sqrt (1/cb - 1/nb + 1/ca - 1/na). */
  out->has_lift_ci = conversions_a > 0 && conversions_b > 0;
  if (out->has_lift_ci)
    {
      double half = crit * sqrt (1.0 / conversions_b - 1.0 / n_b + 1.0 / conversions_a - 1.0 / n_a);
      double log_ratio = log (pb / pa);

      out->lift_ci_low = expm1 (log_ratio - half);
      out->lift_ci_high = expm1 (log_ratio + half);
    }

  return TRUE;
}

/* The Wilson bounds are (2x + z² ∓ z r) / (2(n + z²)) with
 * r = sqrt (z² + 4x(n - x)/n). The lower one, rationalized, is
 * 2x² / (n (2x + z² + z r)): no subtraction, so it keeps its digits near 0
 * and is exactly 0 at x = 0. The upper one is its mirror image. */
static double
wilson_lower (double x,
              double n,
              double z)
{
  double root = sqrt (z * z + 4.0 * x * (n - x) / n);

  return 2.0 * x * x / (n * (2.0 * x + z * z + z * root));
}

static double
wilson_upper (double x,
              double n,
              double z)
{
  double root = sqrt (z * z + 4.0 * x * (n - x) / n);

  return (2.0 * x + z * z + z * root) / (2.0 * (n + z * z));
}

gboolean
lc_stats_wilson_interval (guint64 successes,
                          guint64 n,
                          double  confidence,
                          double *low,
                          double *high)
{
  double z;

  g_return_val_if_fail (low != NULL && high != NULL, FALSE);
  g_return_val_if_fail (confidence > 0 && confidence < 1, FALSE);

  *low = 0;
  *high = 1;
  if (n == 0 || successes > n)
    return FALSE;

  z = critical_value (confidence, 0);
  /* Each end from the form that is accurate on its side of 1/2. */
  if (2 * successes <= n)
    {
      *low = wilson_lower (successes, n, z);
      *high = wilson_upper (successes, n, z);
    }
  else
    {
      *low = 1.0 - wilson_upper (n - successes, n, z);
      *high = 1.0 - wilson_lower (n - successes, n, z);
    }
  return TRUE;
}

gboolean
lc_stats_ratio_estimate (const double    *numerator,
                         const double    *denominator,
                         gsize            n,
                         LcRatioEstimate *out)
{
  double sum_num = 0;
  double sum_den = 0;
  double mean_den;
  double mean_res = 0;
  double var_res = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail ((numerator != NULL && denominator != NULL) || n == 0, FALSE);

  memset (out, 0, sizeof *out);
  if (n < 2)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      sum_num += numerator[i];
      sum_den += denominator[i];
    }
  if (sum_den == 0)
    return FALSE;

  out->ratio = sum_num / sum_den;
  mean_den = sum_den / n;

  /* s_nn - 2R s_nd + R² s_dd is the sample variance of the residuals
   * num - R den; computing it that way cannot go negative. */
  for (gsize i = 0; i < n; i++)
    mean_res += numerator[i] - out->ratio * denominator[i];
  mean_res /= n;
  for (gsize i = 0; i < n; i++)
    {
      double e = numerator[i] - out->ratio * denominator[i] - mean_res;

      var_res += e * e;
    }
  var_res /= n - 1;

  out->variance = var_res / (n * mean_den * mean_den);
  out->se = sqrt (out->variance);
  return TRUE;
}

gboolean
lc_stats_ratio_test (const double      *numerator_a,
                     const double      *denominator_a,
                     gsize              n_a,
                     const double      *numerator_b,
                     const double      *denominator_b,
                     gsize              n_b,
                     double             confidence,
                     LcRatioTestResult *out)
{
  LcRatioEstimate a;
  LcRatioEstimate b;
  double          crit;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (confidence > 0 && confidence < 1, FALSE);

  memset (out, 0, sizeof *out);
  out->p_value = 1.0;
  if (!lc_stats_ratio_estimate (numerator_a, denominator_a, n_a, &a) ||
      !lc_stats_ratio_estimate (numerator_b, denominator_b, n_b, &b))
    return FALSE;

  out->ratio_a = a.ratio;
  out->ratio_b = b.ratio;
  out->diff = b.ratio - a.ratio;
  out->se = sqrt (a.variance + b.variance);
  test_estimate (out->diff, out->se, 0, &out->z, &out->p_value);

  crit = out->se > 0 ? critical_value (confidence, 0) : 0;
  out->ci_low = out->diff - crit * out->se;
  out->ci_high = out->diff + crit * out->se;

  out->has_lift = a.ratio != 0;
  if (out->has_lift)
    {
      double se_lift = sqrt (b.variance / (a.ratio * a.ratio) + b.ratio * b.ratio * a.variance / pow (a.ratio, 4));

      out->rel_lift = b.ratio / a.ratio - 1.0;
      out->lift_ci_low = out->rel_lift - crit * se_lift;
      out->lift_ci_high = out->rel_lift + crit * se_lift;
    }

  return TRUE;
}

gboolean
lc_stats_sample_ratio_mismatch (const guint64 *observed,
                                const double  *expected_share,
                                gsize          n_arms,
                                LcSrmResult   *out)
{
  double total = 0;
  double shares = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail ((observed != NULL && expected_share != NULL) || n_arms == 0, FALSE);

  memset (out, 0, sizeof *out);
  out->p_value = 1.0;
  if (n_arms < 2)
    return FALSE;

  for (gsize i = 0; i < n_arms; i++)
    {
      if (!(expected_share[i] > 0))
        return FALSE;
      total += observed[i];
      shares += expected_share[i];
    }
  if (total == 0)
    return FALSE;

  for (gsize i = 0; i < n_arms; i++)
    {
      double expected = total * expected_share[i] / shares;
      double gap = observed[i] - expected;

      out->chi2 += gap * gap / expected;
    }
  out->df = n_arms - 1;
  out->p_value = lc_stats_chi_square_sf (out->chi2, out->df);
  out->mismatch = out->p_value < LC_STATS_SRM_ALPHA;
  return TRUE;
}

double
lc_stats_power_two_sample (double effect_size,
                           double n_per_group,
                           double alpha)
{
  double c;
  double s;

  g_return_val_if_fail (alpha > 0 && alpha < 1, NAN);
  g_return_val_if_fail (n_per_group >= 0, NAN);

  c = -lc_stats_normal_quantile (0.5 * alpha);
  s = fabs (effect_size) * sqrt (0.5 * n_per_group);
  return lc_stats_normal_cdf (s - c) + lc_stats_normal_cdf (-s - c);
}

typedef struct
{
  double critical;
  double power;
} PowerTarget;

static double
power_objective (double        s,
                 gconstpointer data,
                 double       *slope)
{
  const PowerTarget *target = data;
  double             c = target->critical;

  *slope = normal_pdf (s - c) - normal_pdf (s + c);
  return lc_stats_normal_cdf (s - c) + lc_stats_normal_cdf (-s - c) - target->power;
}

/* The shift s = d sqrt (n / 2) at which the two-sided test reaches the
 * power: Φ(s - c) + Φ(-s - c) = power. Counting only the first tail gives
 * s = c + z_power, an upper bound and (the other tail being tiny at usual
 * powers) nearly the root; s = 0 gives alpha < power. */
static double
power_shift (double alpha,
             double power)
{
  PowerTarget target = { -lc_stats_normal_quantile (0.5 * alpha), power };
  double      hi = target.critical + lc_stats_normal_quantile (power);

  return solve_increasing (power_objective, &target, 0, hi, hi);
}

double
lc_stats_sample_size_for_lift (double baseline_mean,
                               double sd,
                               double lift,
                               double alpha,
                               double power)
{
  double d;
  double s;

  g_return_val_if_fail (alpha > 0 && alpha < 1, NAN);
  g_return_val_if_fail (power > alpha && power < 1, NAN);
  g_return_val_if_fail (sd > 0, NAN);

  d = fabs (lift * baseline_mean) / sd;
  if (d == 0)
    return INFINITY;
  s = power_shift (alpha, power);
  return 2.0 * (s / d) * (s / d);
}

double
lc_stats_minimum_detectable_lift (double baseline_mean,
                                  double sd,
                                  double n_per_group,
                                  double alpha,
                                  double power)
{
  g_return_val_if_fail (alpha > 0 && alpha < 1, NAN);
  g_return_val_if_fail (power > alpha && power < 1, NAN);
  g_return_val_if_fail (sd >= 0 && n_per_group > 0, NAN);
  g_return_val_if_fail (baseline_mean != 0, NAN);

  return power_shift (alpha, power) * sqrt (2.0 / n_per_group) * sd / fabs (baseline_mean);
}

guint
lc_stats_days_needed (double        n_per_group,
                      const double *units_per_day,
                      gsize         n_days,
                      double        group_share)
{
  double units = 0;
  double per_day;
  double days;

  g_return_val_if_fail (units_per_day != NULL || n_days == 0, 0);
  g_return_val_if_fail (group_share > 0 && group_share <= 1, 0);

  if (n_days == 0 || !isfinite (n_per_group))
    return 0;

  for (gsize i = 0; i < n_days; i++)
    units += units_per_day[i];
  per_day = units / n_days * group_share;
  if (!(per_day > 0))
    return 0;

  days = ceil (n_per_group / per_day);
  if (days >= G_MAXUINT)
    return G_MAXUINT;
  if (days <= LC_STATS_MIN_DAYS)
    return LC_STATS_MIN_DAYS;
  return (guint) days;
}

gboolean
lc_stats_diff_in_diff (const double *before,
                       gsize         n_before,
                       const double *after,
                       gsize         n_after,
                       const double *before_ly,
                       gsize         n_before_ly,
                       const double *after_ly,
                       gsize         n_after_ly,
                       double        confidence,
                       LcDidResult  *out)
{
  const double *series[4] = { before, after, before_ly, after_ly };
  const gsize   sizes[4] = { n_before, n_after, n_before_ly, n_after_ly };
  double        means[4];
  double        terms[4];
  double        variance = 0;
  double        df_denominator = 0;
  double        crit;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (confidence > 0 && confidence < 1, FALSE);

  memset (out, 0, sizeof *out);
  out->p_value = 1.0;
  for (guint i = 0; i < 4; i++)
    {
      double var;

      g_return_val_if_fail (series[i] != NULL || sizes[i] == 0, FALSE);
      if (sizes[i] < 2)
        return FALSE;
      sample_moments (series[i], sizes[i], &means[i], &var);
      terms[i] = var / sizes[i];
      variance += terms[i];
      df_denominator += terms[i] * terms[i] / (sizes[i] - 1);
    }

  out->mean_before = means[0];
  out->mean_after = means[1];
  out->mean_before_ly = means[2];
  out->mean_after_ly = means[3];
  out->estimate = (means[1] - means[0]) - (means[3] - means[2]);
  out->se = sqrt (variance);
  if (out->se > 0)
    out->df = variance * variance / df_denominator;
  else
    out->df = (double) sizes[0] + sizes[1] + sizes[2] + sizes[3] - 4;
  test_estimate (out->estimate, out->se, out->df, &out->t, &out->p_value);

  crit = out->se > 0 ? critical_value (confidence, out->df) : 0;
  out->ci_low = out->estimate - crit * out->se;
  out->ci_high = out->estimate + crit * out->se;

  out->has_relative = means[0] != 0;
  if (out->has_relative)
    {
      /* g = (after - after_ly + before_ly) / before - 1: the gradient is
       * 1/b for after and before_ly, -1/b for after_ly, and
       * -(after - after_ly + before_ly) / b² for before. */
      double b = means[0];
      double rest = means[1] - means[3] + means[2];
      double var_rel = (terms[1] + terms[2] + terms[3]) / (b * b) + rest * rest * terms[0] / pow (b, 4);

      out->relative = out->estimate / b;
      out->rel_ci_low = out->relative - crit * sqrt (var_rel);
      out->rel_ci_high = out->relative + crit * sqrt (var_rel);
    }

  return TRUE;
}
