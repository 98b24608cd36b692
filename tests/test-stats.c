/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "lc-stats.h"

/* Every function must agree with its reference on at least this many cases,
 * so that a truncated vector file fails rather than passes quietly. */
#define MIN_CASES 50

/* Agreement with a reference value (SciPy, statsmodels, or the numpy
 * formula in tests/reference/make_stats_vectors.py):
 *
 *   |actual - expected| <= REL_TOL × |expected|   or
 *   |actual - expected| <= floor
 *
 * The floor only matters for values near 0, where a relative bound means
 * nothing: an interval end at 0, the difference of two equal means. It is
 * ABS_FLOOR for estimates and bounds, and PROB_FLOOR for probabilities and
 * p-values, so that a p-value of 1e-60 is still held to 1e-6 of itself. */
#define REL_TOL    1e-6
#define ABS_FLOOR  1e-12
#define PROB_FLOOR 1e-300

typedef struct
{
  const char *function;
  guint       cases;
  guint       failures;
  guint       near_zero; /* values that passed on the floor alone */
  double      worst;     /* largest relative error among the others */
} Agreement;

static void
agree (Agreement  *agreement,
       guint       index,
       const char *field,
       double      actual,
       double      expected,
       double      floor_)
{
  double   error = fabs (actual - expected);
  gboolean relative_ok = error <= REL_TOL * fabs (expected);
  gboolean absolute_ok = error <= floor_;

  if (absolute_ok && !relative_ok)
    {
      agreement->near_zero++;
      return;
    }
  if (expected != 0)
    agreement->worst = MAX (agreement->worst, error / fabs (expected));
  /* NaN fails both comparisons. */
  if (!relative_ok && !absolute_ok && agreement->failures++ < 20)
    g_test_fail_printf ("%s case %u: %s is %.17g, expected %.17g",
                        agreement->function, index, field, actual, expected);
}

static double
get (JsonObject *object,
     const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_double_member (object, member);
}

static void
agree_member (Agreement  *agreement,
              guint       index,
              JsonObject *expected,
              const char *member,
              double      actual,
              double      floor_)
{
  agree (agreement, index, member, actual, get (expected, member), floor_);
}

static void
report (Agreement *agreement)
{
  g_test_message ("%s: %u cases, worst relative error %.3g (%u values near 0 within the absolute floor)",
                  agreement->function, agreement->cases, agreement->worst, agreement->near_zero);
  g_assert_cmpuint (agreement->cases, >=, MIN_CASES);
}

static JsonObject *
load_vectors (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "stats-vectors.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonArray *
section (JsonObject *vectors,
         const char *name)
{
  g_assert_true (json_object_has_member (vectors, name));
  return json_object_get_array_member (vectors, name);
}

static double *
get_doubles (JsonObject *object,
             const char *member,
             gsize      *n)
{
  JsonArray *array = json_object_get_array_member (object, member);
  double    *values;

  g_assert_nonnull (array);
  *n = json_array_get_length (array);
  values = g_new (double, MAX (*n, 1));
  for (guint i = 0; i < *n; i++)
    values[i] = json_array_get_double_element (array, i);
  return values;
}

static guint64
get_count (JsonObject *object,
           const char *member)
{
  gint64 value = json_object_get_int_member (object, member);

  g_assert_cmpint (value, >=, 0);
  return (guint64) value;
}

static void
test_normal_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "normal");
  Agreement   agreement = { "normal cdf/sf" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      double      x = get (c, "x");

      agree_member (&agreement, i, c, "cdf", lc_stats_normal_cdf (x), PROB_FLOOR);
      agree_member (&agreement, i, c, "sf", lc_stats_normal_sf (x), PROB_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_normal_quantile_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "normal_quantile");
  Agreement   agreement = { "normal quantile" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      agree_member (&agreement, i, c, "x", lc_stats_normal_quantile (get (c, "p")), ABS_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}
static void
test_incomplete_beta_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "incomplete_beta");
  Agreement   agreement = { "incomplete beta" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      agree_member (&agreement, i, c, "value",
                    lc_stats_incomplete_beta (get (c, "a"), get (c, "b"), get (c, "x")), PROB_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_incomplete_gamma_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "incomplete_gamma");
  Agreement   agreement = { "upper incomplete gamma" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      agree_member (&agreement, i, c, "value",
                    lc_stats_incomplete_gamma_upper (get (c, "a"), get (c, "x")), PROB_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_student_t_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "student_t");
  Agreement   agreement = { "student t cdf/sf/two-sided" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      double      t = get (c, "t");
      double      df = get (c, "df");

      agree_member (&agreement, i, c, "cdf", lc_stats_student_t_cdf (t, df), PROB_FLOOR);
      agree_member (&agreement, i, c, "sf", lc_stats_student_t_sf (t, df), PROB_FLOOR);
      agree_member (&agreement, i, c, "two_sided", lc_stats_student_t_two_sided (t, df), PROB_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_student_t_quantile_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "student_t_quantile");
  Agreement   agreement = { "student t quantile" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      agree_member (&agreement, i, c, "t",
                    lc_stats_student_t_quantile (get (c, "p"), get (c, "df")), ABS_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}
static void
test_chi_square_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "chi_square");
  Agreement   agreement = { "chi-square sf" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      agree_member (&agreement, i, c, "sf", lc_stats_chi_square_sf (get (c, "x"), get (c, "df")), PROB_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_winsorize_matches_numpy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "winsorize");
  Agreement   agreement = { "winsorize (np.quantile cap)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject        *c = json_array_get_object_element (cases, i);
      gsize              n;
      gsize              n_capped;
      g_autofree double *values = get_doubles (c, "values", &n);
      g_autofree double *capped = get_doubles (c, "capped", &n_capped);
      double             q = get (c, "quantile");
      double             cap;

      g_assert_cmpuint (n, ==, n_capped);
      agree_member (&agreement, i, c, "cap", lc_stats_quantile (values, n, q), ABS_FLOOR);
      cap = lc_stats_winsorize_upper (values, n, q);
      agree_member (&agreement, i, c, "cap", cap, ABS_FLOOR);
      for (gsize j = 0; j < n; j++)
        agree (&agreement, i, "capped", values[j], capped[j], ABS_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
agree_welch (Agreement           *agreement,
             guint                index,
             JsonObject          *c,
             const LcWelchResult *r)
{
  agree_member (agreement, index, c, "mean_a", r->mean_a, ABS_FLOOR);
  agree_member (agreement, index, c, "mean_b", r->mean_b, ABS_FLOOR);
  agree_member (agreement, index, c, "diff", r->diff, ABS_FLOOR);
  agree_member (agreement, index, c, "se", r->se, ABS_FLOOR);
  agree_member (agreement, index, c, "df", r->df, ABS_FLOOR);
  agree_member (agreement, index, c, "t", r->t, ABS_FLOOR);
  agree_member (agreement, index, c, "p_value", r->p_value, PROB_FLOOR);
  agree_member (agreement, index, c, "ci_low", r->ci_low, ABS_FLOOR);
  agree_member (agreement, index, c, "ci_high", r->ci_high, ABS_FLOOR);
  g_assert_true (r->has_lift);
  agree_member (agreement, index, c, "rel_lift", r->rel_lift, ABS_FLOOR);
  agree_member (agreement, index, c, "lift_ci_low", r->lift_ci_low, ABS_FLOOR);
  agree_member (agreement, index, c, "lift_ci_high", r->lift_ci_high, ABS_FLOOR);
}

static void
test_welch_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "welch");
  Agreement   agreement = { "welch (samples)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject        *c = json_array_get_object_element (cases, i);
      gsize              n_a;
      gsize              n_b;
      g_autofree double *a = get_doubles (c, "a", &n_a);
      g_autofree double *b = get_doubles (c, "b", &n_b);
      LcWelchResult      r;

      g_assert_true (lc_stats_welch (a, n_a, b, n_b, get (c, "confidence"), &r));
      agree_welch (&agreement, i, c, &r);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_welch_summary_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "welch_summary");
  Agreement   agreement = { "welch (summary statistics)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject   *c = json_array_get_object_element (cases, i);
      LcWelchResult r;

      g_assert_true (lc_stats_welch_from_summary (get (c, "n_a"), get (c, "mean_a_in"), get (c, "var_a"),
                                                  get (c, "n_b"), get (c, "mean_b_in"), get (c, "var_b"),
                                                  get (c, "confidence"), &r));
      agree_welch (&agreement, i, c, &r);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_welch_winsorized_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "welch_winsorized");
  Agreement   agreement = { "welch (winsorized, pooled cap)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject        *c = json_array_get_object_element (cases, i);
      gsize              n_a;
      gsize              n_b;
      g_autofree double *a = get_doubles (c, "a", &n_a);
      g_autofree double *b = get_doubles (c, "b", &n_b);
      double             a0 = a[0];
      LcWelchResult      r;
      double             cap;

      g_assert_true (lc_stats_welch_winsorized (a, n_a, b, n_b, get (c, "quantile"), get (c, "confidence"), &r, &cap));
      g_assert_cmpfloat (a[0], ==, a0);
      agree_member (&agreement, i, c, "cap", cap, ABS_FLOOR);
      agree_welch (&agreement, i, c, &r);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_two_proportions_match_statsmodels (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "two_proportions");
  Agreement   agreement = { "two-proportion z-test" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject         *c = json_array_get_object_element (cases, i);
      LcProportionsResult r;

      g_assert_true (lc_stats_two_proportions (get_count (c, "conversions_a"), get_count (c, "n_a"),
                                               get_count (c, "conversions_b"), get_count (c, "n_b"),
                                               get (c, "confidence"), &r));
      agree_member (&agreement, i, c, "rate_a", r.rate_a, ABS_FLOOR);
      agree_member (&agreement, i, c, "rate_b", r.rate_b, ABS_FLOOR);
      agree_member (&agreement, i, c, "diff", r.diff, ABS_FLOOR);
      agree_member (&agreement, i, c, "z", r.z, ABS_FLOOR);
      agree_member (&agreement, i, c, "p_value", r.p_value, PROB_FLOOR);
      agree_member (&agreement, i, c, "ci_low", r.ci_low, ABS_FLOOR);
      agree_member (&agreement, i, c, "ci_high", r.ci_high, ABS_FLOOR);
      g_assert_cmpint (r.has_lift, ==, json_object_has_member (c, "lift"));
      if (r.has_lift)
        agree_member (&agreement, i, c, "lift", r.lift, ABS_FLOOR);
      g_assert_cmpint (r.has_lift_ci, ==, json_object_has_member (c, "lift_ci_low"));
      if (r.has_lift_ci)
        {
          agree_member (&agreement, i, c, "lift_ci_low", r.lift_ci_low, ABS_FLOOR);
          agree_member (&agreement, i, c, "lift_ci_high", r.lift_ci_high, ABS_FLOOR);
        }
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_wilson_matches_statsmodels (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "wilson");
  Agreement   agreement = { "wilson interval" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      double      low;
      double      high;

      g_assert_true (lc_stats_wilson_interval (get_count (c, "successes"), get_count (c, "n"),
                                               get (c, "confidence"), &low, &high));
      agree_member (&agreement, i, c, "low", low, ABS_FLOOR);
      agree_member (&agreement, i, c, "high", high, ABS_FLOOR);
      g_assert_cmpfloat (low, >=, 0);
      g_assert_cmpfloat (high, <=, 1);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_ratio_estimate_matches_numpy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "ratio_estimate");
  Agreement   agreement = { "ratio estimate (delta method)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject        *c = json_array_get_object_element (cases, i);
      gsize              n;
      gsize              n_den;
      g_autofree double *num = get_doubles (c, "numerator", &n);
      g_autofree double *den = get_doubles (c, "denominator", &n_den);
      LcRatioEstimate    r;

      g_assert_cmpuint (n, ==, n_den);
      g_assert_true (lc_stats_ratio_estimate (num, den, n, &r));
      agree_member (&agreement, i, c, "ratio", r.ratio, ABS_FLOOR);
      agree_member (&agreement, i, c, "variance", r.variance, ABS_FLOOR);
      agree_member (&agreement, i, c, "se", r.se, ABS_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_ratio_test_matches_numpy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "ratio_test");
  Agreement   agreement = { "ratio test (delta method)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject        *c = json_array_get_object_element (cases, i);
      gsize              n_a;
      gsize              n_b;
      gsize              n;
      g_autofree double *num_a = get_doubles (c, "numerator_a", &n_a);
      g_autofree double *den_a = get_doubles (c, "denominator_a", &n);
      g_autofree double *num_b = get_doubles (c, "numerator_b", &n_b);
      g_autofree double *den_b = get_doubles (c, "denominator_b", &n);
      LcRatioTestResult  r;

      g_assert_true (lc_stats_ratio_test (num_a, den_a, n_a, num_b, den_b, n_b, get (c, "confidence"), &r));
      agree_member (&agreement, i, c, "ratio_a", r.ratio_a, ABS_FLOOR);
      agree_member (&agreement, i, c, "ratio_b", r.ratio_b, ABS_FLOOR);
      agree_member (&agreement, i, c, "diff", r.diff, ABS_FLOOR);
      agree_member (&agreement, i, c, "se", r.se, ABS_FLOOR);
      agree_member (&agreement, i, c, "z", r.z, ABS_FLOOR);
      agree_member (&agreement, i, c, "p_value", r.p_value, PROB_FLOOR);
      agree_member (&agreement, i, c, "ci_low", r.ci_low, ABS_FLOOR);
      agree_member (&agreement, i, c, "ci_high", r.ci_high, ABS_FLOOR);
      g_assert_true (r.has_lift);
      agree_member (&agreement, i, c, "rel_lift", r.rel_lift, ABS_FLOOR);
      agree_member (&agreement, i, c, "lift_ci_low", r.lift_ci_low, ABS_FLOOR);
      agree_member (&agreement, i, c, "lift_ci_high", r.lift_ci_high, ABS_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_srm_matches_scipy (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "srm");
  Agreement   agreement = { "sample-ratio mismatch" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject         *c = json_array_get_object_element (cases, i);
      JsonArray          *observed_json = json_object_get_array_member (c, "observed");
      gsize               n = json_array_get_length (observed_json);
      gsize               n_shares;
      g_autofree double  *shares = get_doubles (c, "expected_share", &n_shares);
      g_autofree guint64 *observed = g_new (guint64, n);
      LcSrmResult         r;

      g_assert_cmpuint (n, ==, n_shares);
      for (guint j = 0; j < n; j++)
        observed[j] = json_array_get_int_element (observed_json, j);
      g_assert_true (lc_stats_sample_ratio_mismatch (observed, shares, n, &r));
      agree_member (&agreement, i, c, "chi2", r.chi2, ABS_FLOOR);
      agree_member (&agreement, i, c, "df", r.df, ABS_FLOOR);
      agree_member (&agreement, i, c, "p_value", r.p_value, PROB_FLOOR);
      g_assert_cmpint (r.mismatch, ==, get (c, "p_value") < LC_STATS_SRM_ALPHA);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_power_matches_statsmodels (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "power");
  Agreement   agreement = { "power (NormalIndPower.power)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      agree_member (&agreement, i, c, "power",
                    lc_stats_power_two_sample (get (c, "effect_size"), get (c, "n_per_group"), get (c, "alpha")),
                    PROB_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_sample_size_matches_statsmodels (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "sample_size");
  Agreement   agreement = { "sample size (NormalIndPower.solve_power)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      agree_member (&agreement, i, c, "n_per_group",
                    lc_stats_sample_size_for_lift (get (c, "baseline_mean"), get (c, "sd"), get (c, "lift"),
                                                   get (c, "alpha"), get (c, "power")),
                    ABS_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

static void
test_minimum_detectable_lift_matches_statsmodels (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "mde");
  Agreement   agreement = { "minimum detectable lift (NormalIndPower.solve_power)" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      agree_member (&agreement, i, c, "lift",
                    lc_stats_minimum_detectable_lift (get (c, "baseline_mean"), get (c, "sd"), get (c, "n_per_group"),
                                                      get (c, "alpha"), get (c, "power")),
                    ABS_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}
static void
test_diff_in_diff_matches_statsmodels (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *vectors = load_vectors (parser);
  JsonArray  *cases = section (vectors, "diff_in_diff");
  Agreement   agreement = { "difference in differences" };

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject        *c = json_array_get_object_element (cases, i);
      gsize              n[4];
      g_autofree double *before = get_doubles (c, "before", &n[0]);
      g_autofree double *after = get_doubles (c, "after", &n[1]);
      g_autofree double *before_ly = get_doubles (c, "before_ly", &n[2]);
      g_autofree double *after_ly = get_doubles (c, "after_ly", &n[3]);
      LcDidResult        r;

      g_assert_true (lc_stats_diff_in_diff (before, n[0], after, n[1], before_ly, n[2], after_ly, n[3],
                                            get (c, "confidence"), &r));
      agree_member (&agreement, i, c, "mean_before", r.mean_before, ABS_FLOOR);
      agree_member (&agreement, i, c, "mean_after", r.mean_after, ABS_FLOOR);
      agree_member (&agreement, i, c, "mean_before_ly", r.mean_before_ly, ABS_FLOOR);
      agree_member (&agreement, i, c, "mean_after_ly", r.mean_after_ly, ABS_FLOOR);
      agree_member (&agreement, i, c, "estimate", r.estimate, ABS_FLOOR);
      agree_member (&agreement, i, c, "se", r.se, ABS_FLOOR);
      agree_member (&agreement, i, c, "df", r.df, ABS_FLOOR);
      agree_member (&agreement, i, c, "t", r.t, ABS_FLOOR);
      agree_member (&agreement, i, c, "p_value", r.p_value, PROB_FLOOR);
      agree_member (&agreement, i, c, "ci_low", r.ci_low, ABS_FLOOR);
      agree_member (&agreement, i, c, "ci_high", r.ci_high, ABS_FLOOR);
      g_assert_true (r.has_relative);
      agree_member (&agreement, i, c, "relative", r.relative, ABS_FLOOR);
      agree_member (&agreement, i, c, "rel_ci_low", r.rel_ci_low, ABS_FLOOR);
      agree_member (&agreement, i, c, "rel_ci_high", r.rel_ci_high, ABS_FLOOR);
      agreement.cases++;
    }

  report (&agreement);
}

/* Hand-checked edges, where the libraries have no answer (NaN) or none is
 * needed. */

static void
test_welch_refuses_fewer_than_two (void)
{
  const double  a[] = { 10.0 };
  const double  b[] = { 11.0, 12.0, 13.0 };
  LcWelchResult r;

  g_assert_false (lc_stats_welch (a, 1, b, 3, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.p_value, ==, 1.0);
  g_assert_false (lc_stats_welch (b, 3, NULL, 0, LC_STATS_CONFIDENCE, &r));
  g_assert_false (lc_stats_welch_from_summary (1, 10, 0, 100, 11, 4, LC_STATS_CONFIDENCE, &r));
  g_assert_false (lc_stats_welch_winsorized (b, 3, a, 1, LC_STATS_WINSOR_QUANTILE, LC_STATS_CONFIDENCE, &r, NULL));
}

static void
test_welch_zero_variance_is_certain (void)
{
  /* 0.1 does not add up exactly; the means must still come out equal. */
  const double  a[] = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1 };
  const double  b[] = { 0.1, 0.1, 0.1 };
  const double  c[] = { 0.2, 0.2, 0.2 };
  LcWelchResult r;

  g_assert_true (lc_stats_welch (a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b), LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.se, ==, 0);
  g_assert_cmpfloat (r.diff, ==, 0);
  g_assert_cmpfloat (r.t, ==, 0);
  g_assert_cmpfloat (r.p_value, ==, 1.0);
  g_assert_cmpfloat (r.df, ==, 8);
  g_assert_cmpfloat (r.ci_low, ==, 0);
  g_assert_cmpfloat (r.ci_high, ==, 0);

  g_assert_true (lc_stats_welch (a, G_N_ELEMENTS (a), c, G_N_ELEMENTS (c), LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.p_value, ==, 0);
  g_assert_true (isinf (r.t) && r.t > 0);
  g_assert_cmpfloat_with_epsilon (r.rel_lift, 1.0, 1e-12);
  g_assert_cmpfloat (r.lift_ci_low, ==, r.rel_lift);
  g_assert_cmpfloat (r.lift_ci_high, ==, r.rel_lift);
}

static void
test_welch_zero_baseline_has_no_lift (void)
{
  LcWelchResult r;

  g_assert_true (lc_stats_welch_from_summary (10, 0, 1, 10, 1, 1, LC_STATS_CONFIDENCE, &r));
  g_assert_false (r.has_lift);
  g_assert_cmpfloat (r.rel_lift, ==, 0);
  g_assert_false (isnan (r.p_value));
}

static void
test_p_values_are_never_nan (void)
{
  const double  ts[] = { 0, 1e-300, 1e-8, 1, 40, 1e5, 1e30, 1e200, INFINITY, -INFINITY, -1e200 };
  const double  dfs[] = { 1e-3, 0.5, 1, 2.5, 1e3, 1e8, 1e12 };
  LcWelchResult r;

  for (guint i = 0; i < G_N_ELEMENTS (ts); i++)
    for (guint j = 0; j < G_N_ELEMENTS (dfs); j++)
      {
        double p = lc_stats_student_t_two_sided (ts[i], dfs[j]);
        double sf = lc_stats_student_t_sf (ts[i], dfs[j]);

        g_assert_false (isnan (p));
        g_assert_cmpfloat (p, >=, 0);
        g_assert_cmpfloat (p, <=, 1);
        g_assert_false (isnan (sf));
        g_assert_cmpfloat (sf, >=, 0);
        g_assert_cmpfloat (sf, <=, 1);
      }

  /* Tails beyond a double's range come back as 0. */
  g_assert_cmpfloat (lc_stats_student_t_two_sided (1e5, 3), >, 0);
  g_assert_cmpfloat (lc_stats_student_t_two_sided (1e3, 1e3), ==, 0);
  g_assert_cmpfloat (lc_stats_chi_square_sf (1e6, 3), ==, 0);
  g_assert_cmpfloat (lc_stats_normal_sf (40), ==, 0);
  g_assert_cmpfloat (lc_stats_student_t_two_sided (0, 5), ==, 1);

  /* A Welch test with a gigantic t. */
  g_assert_true (lc_stats_welch_from_summary (1e7, 100, 1e-6, 1e7, 101, 1e-6, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.p_value, ==, 0);
  g_assert_true (isfinite (r.ci_low) && isfinite (r.ci_high));
}

static void
test_proportions_edges (void)
{
  LcProportionsResult r;
  double              low;
  double              high;

  /* Nobody converted anywhere: nothing differs. */
  g_assert_true (lc_stats_two_proportions (0, 1000, 0, 1000, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.z, ==, 0);
  g_assert_cmpfloat (r.p_value, ==, 1);
  g_assert_false (r.has_lift);
  g_assert_false (r.has_lift_ci);

  g_assert_true (lc_stats_two_proportions (50, 50, 70, 70, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.p_value, ==, 1);
  g_assert_true (r.has_lift_ci);
  g_assert_cmpfloat (r.lift, ==, 0);

  /* A lift is defined when B has none; its log interval is not. */
  g_assert_true (lc_stats_two_proportions (5, 1000, 0, 1000, LC_STATS_CONFIDENCE, &r));
  g_assert_true (r.has_lift);
  g_assert_cmpfloat (r.lift, ==, -1);
  g_assert_false (r.has_lift_ci);

  g_assert_false (lc_stats_two_proportions (1, 0, 1, 10, LC_STATS_CONFIDENCE, &r));
  g_assert_false (lc_stats_two_proportions (11, 10, 1, 10, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.p_value, ==, 1);

  g_assert_true (lc_stats_wilson_interval (0, 250, LC_STATS_CONFIDENCE, &low, &high));
  g_assert_cmpfloat (low, ==, 0);
  g_assert_cmpfloat (high, >, 0);
  g_assert_true (lc_stats_wilson_interval (250, 250, LC_STATS_CONFIDENCE, &low, &high));
  g_assert_cmpfloat (high, ==, 1);
  g_assert_false (lc_stats_wilson_interval (0, 0, LC_STATS_CONFIDENCE, &low, &high));
  g_assert_false (lc_stats_wilson_interval (3, 2, LC_STATS_CONFIDENCE, &low, &high));
}

static void
test_ratio_edges (void)
{
  const double      num[] = { 100, 200, 150 };
  const double      den[] = { 0, 0, 0 };
  const double      num_b[] = { 10, 20, 30 };
  const double      den_b[] = { 5, 10, 15 };
  LcRatioEstimate   e;
  LcRatioTestResult r;

  g_assert_false (lc_stats_ratio_estimate (num, den, 3, &e));
  g_assert_false (lc_stats_ratio_estimate (num, num, 1, &e));

  /* Exactly proportional days: the ratio is known without error. */
  g_assert_true (lc_stats_ratio_estimate (num_b, den_b, 3, &e));
  g_assert_cmpfloat (e.ratio, ==, 2);
  g_assert_cmpfloat (e.variance, ==, 0);
  g_assert_true (lc_stats_ratio_test (num_b, den_b, 3, num_b, den_b, 3, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.p_value, ==, 1);
  g_assert_false (lc_stats_ratio_test (num, den, 3, num_b, den_b, 3, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.p_value, ==, 1);
}

static void
test_srm_flags_a_skewed_split (void)
{
  const guint64 fair[] = { 50210, 49790 };
  const guint64 skewed[] = { 50900, 49100 };
  const double  halves[] = { 1, 1 };
  const double  bad_shares[] = { 1, 0 };
  LcSrmResult   r;

  g_assert_true (lc_stats_sample_ratio_mismatch (fair, halves, 2, &r));
  g_assert_false (r.mismatch);
  g_assert_true (lc_stats_sample_ratio_mismatch (skewed, halves, 2, &r));
  g_assert_true (r.mismatch);
  g_assert_false (lc_stats_sample_ratio_mismatch (fair, halves, 1, &r));
  g_assert_false (lc_stats_sample_ratio_mismatch (fair, bad_shares, 2, &r));
}

static void
test_days_needed_is_at_least_a_week (void)
{
  const double units[] = { 100, 120, 80, 100, 90, 110, 100 };
  const double none[] = { 0, 0, 0 };
  double       n;
  double       mde;

  /* 100 units a day, half to each arm: 50 a day per group. */
  g_assert_cmpuint (lc_stats_days_needed (1000, units, G_N_ELEMENTS (units), 0.5), ==, 20);
  g_assert_cmpuint (lc_stats_days_needed (1001, units, G_N_ELEMENTS (units), 0.5), ==, 21);
  g_assert_cmpuint (lc_stats_days_needed (10, units, G_N_ELEMENTS (units), 0.5), ==, LC_STATS_MIN_DAYS);
  g_assert_cmpuint (lc_stats_days_needed (1000, none, G_N_ELEMENTS (none), 0.5), ==, 0);
  g_assert_cmpuint (lc_stats_days_needed (INFINITY, units, G_N_ELEMENTS (units), 0.5), ==, 0);

  /* The two directions invert each other. */
  n = lc_stats_sample_size_for_lift (60, 45, 0.05, LC_STATS_ALPHA, LC_STATS_POWER);
  mde = lc_stats_minimum_detectable_lift (60, 45, n, LC_STATS_ALPHA, LC_STATS_POWER);
  g_assert_cmpfloat_with_epsilon (mde, 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (lc_stats_power_two_sample (0.05 * 60 / 45, n, LC_STATS_ALPHA), LC_STATS_POWER, 1e-12);
  g_assert_true (isinf (lc_stats_sample_size_for_lift (60, 45, 0, LC_STATS_ALPHA, LC_STATS_POWER)));
}

static void
test_diff_in_diff_refuses_short_windows (void)
{
  const double w[] = { 1, 2, 3 };
  const double one[] = { 1 };
  LcDidResult  r;

  g_assert_false (lc_stats_diff_in_diff (w, 3, w, 3, one, 1, w, 3, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.p_value, ==, 1);
  g_assert_true (lc_stats_diff_in_diff (w, 3, w, 3, w, 3, w, 3, LC_STATS_CONFIDENCE, &r));
  g_assert_cmpfloat (r.estimate, ==, 0);
  g_assert_cmpfloat (r.p_value, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/stats/normal-matches-scipy", test_normal_matches_scipy);
  g_test_add_func ("/lc/stats/normal-quantile-matches-scipy", test_normal_quantile_matches_scipy);
  g_test_add_func ("/lc/stats/incomplete-beta-matches-scipy", test_incomplete_beta_matches_scipy);
  g_test_add_func ("/lc/stats/incomplete-gamma-matches-scipy", test_incomplete_gamma_matches_scipy);
  g_test_add_func ("/lc/stats/student-t-matches-scipy", test_student_t_matches_scipy);
  g_test_add_func ("/lc/stats/student-t-quantile-matches-scipy", test_student_t_quantile_matches_scipy);
  g_test_add_func ("/lc/stats/chi-square-matches-scipy", test_chi_square_matches_scipy);
  g_test_add_func ("/lc/stats/winsorize-matches-numpy", test_winsorize_matches_numpy);
  g_test_add_func ("/lc/stats/welch-matches-scipy", test_welch_matches_scipy);
  g_test_add_func ("/lc/stats/welch-summary-matches-scipy", test_welch_summary_matches_scipy);
  g_test_add_func ("/lc/stats/welch-winsorized-matches-scipy", test_welch_winsorized_matches_scipy);
  g_test_add_func ("/lc/stats/two-proportions-match-statsmodels", test_two_proportions_match_statsmodels);
  g_test_add_func ("/lc/stats/wilson-matches-statsmodels", test_wilson_matches_statsmodels);
  g_test_add_func ("/lc/stats/ratio-estimate-matches-numpy", test_ratio_estimate_matches_numpy);
  g_test_add_func ("/lc/stats/ratio-test-matches-numpy", test_ratio_test_matches_numpy);
  g_test_add_func ("/lc/stats/srm-matches-scipy", test_srm_matches_scipy);
  g_test_add_func ("/lc/stats/power-matches-statsmodels", test_power_matches_statsmodels);
  g_test_add_func ("/lc/stats/sample-size-matches-statsmodels", test_sample_size_matches_statsmodels);
  g_test_add_func ("/lc/stats/minimum-detectable-lift-matches-statsmodels", test_minimum_detectable_lift_matches_statsmodels);
  g_test_add_func ("/lc/stats/diff-in-diff-matches-statsmodels", test_diff_in_diff_matches_statsmodels);
  g_test_add_func ("/lc/stats/welch-refuses-fewer-than-two", test_welch_refuses_fewer_than_two);
  g_test_add_func ("/lc/stats/welch-zero-variance-is-certain", test_welch_zero_variance_is_certain);
  g_test_add_func ("/lc/stats/welch-zero-baseline-has-no-lift", test_welch_zero_baseline_has_no_lift);
  g_test_add_func ("/lc/stats/p-values-are-never-nan", test_p_values_are_never_nan);
  g_test_add_func ("/lc/stats/proportions-edges", test_proportions_edges);
  g_test_add_func ("/lc/stats/ratio-edges", test_ratio_edges);
  g_test_add_func ("/lc/stats/srm-flags-a-skewed-split", test_srm_flags_a_skewed_split);
  g_test_add_func ("/lc/stats/days-needed-is-at-least-a-week", test_days_needed_is_at_least_a_week);
  g_test_add_func ("/lc/stats/diff-in-diff-refuses-short-windows", test_diff_in_diff_refuses_short_windows);

  return g_test_run ();
}
