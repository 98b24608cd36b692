/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "lc-advisor.h"
#include "lc-answers.h"
#include "lc-demo.h"
#include "lc-display.h"
#include "lc-feature.h"
#include "lc-test-util.h"

/* The evidence a profile plants on one feature. */
typedef enum
{
  EVIDENCE_NONE,
  EVIDENCE_LIFT,          /* significant improvement */
  EVIDENCE_HARM,          /* significant change for the worse */
  EVIDENCE_NULL,          /* measured, nothing stands out */
  EVIDENCE_CANNOT_MEASURE,
} Evidence;

typedef struct
{
  const char *name;
  const char *currency;
  double      revenue;          /* store currency, a year */
  double      usd_rate;
  double      skus;
  double      orders_per_month;
  double      months_of_returns;
  LcVertical  vertical;
  double      email_share;
  gboolean    ab_capacity;
  gint64      customers;
  const char *on_feature;       /* switched on days_on days before today */
  int         days_on;
  Evidence    evidence;
  double      monthly_cost;     /* of on_feature; 0: unknown */
  double      influenced;       /* of on_feature; 0: unknown */
  const char *tier;
  const char *expect;           /* "feature=verdict feature=verdict" */
  const char *reason_has;       /* a reason of the first expected feature contains this, or NULL */
} Profile;

#define BASE "USD", 3000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000
#define NO_FEATURE NULL, 0, EVIDENCE_NONE, 0, 0

static const Profile profiles[] = {
  /* Tiers: $2M, $5M, $10M. */
  { "just-under-2m", "USD", 1999999, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "under-2m", "cart-bundles=turn-off homepage-recs=turn-off return-nudges=turn-off", "$1,999,999" },
  { "exactly-2m", "USD", 2000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "cart-bundles=try return-nudges=try homepage-recs=turn-off", "$2,000,000" },
  { "just-under-5m-email", "USD", 4999999, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, 0.30, FALSE, 1000, NO_FEATURE,
    "2m-10m", "email-product-blocks=turn-off", "$5,000,000" },
  { "exactly-5m-email", "USD", 5000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, 0.30, FALSE, 1000, NO_FEATURE,
    "2m-10m", "email-product-blocks=try", "30%" },
  { "homepage-below-5m", "USD", 4999999, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "homepage-recs=turn-off", "almost never clears the bar" },
  { "just-under-10m", "USD", 9999999, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, TRUE, 1000, NO_FEATURE,
    "2m-10m", "homepage-recs=turn-off category-recs=turn-off", "$9,999,999" },
  { "exactly-10m-no-ab", "USD", 10000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "over-10m", "homepage-recs=test-first product-page-recs=test-first cart-bundles=try", "theater" },
  { "exactly-10m-ab", "USD", 10000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, TRUE, 1000, NO_FEATURE,
    "over-10m", "homepage-recs=try browse-abandonment=try", "A/B test" },
  { "over-10m-ab-on", "USD", 12000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, TRUE, 1000,
    "homepage-recs", 30, EVIDENCE_NONE, 0, 0,
    "over-10m", "homepage-recs=test-first", NULL },
  { "over-10m-mined-bundles", "USD", 12000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "over-10m", "cart-bundles=try", "mined" },
  /* Bundles: 50 SKUs. */
  { "skus-49", "USD", 3000000, 1.0, 49, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE, "2m-10m", "cart-bundles=turn-off", "49 different items" },
  { "skus-50", "USD", 3000000, 1.0, 50, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "cart-bundles=try", "50 different items" },
  { "bundles-on-unmeasured", BASE, "cart-bundles", 20, EVIDENCE_NONE, 0, 0,
    "2m-10m", "cart-bundles=keep", "60 days" },
  /* Return nudges: 500 orders a month, 6 months, vertical. */
  { "orders-499", "USD", 3000000, 1.0, 200, 499, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "return-nudges=not-enough-data", "499 orders a month" },
  { "orders-500", "USD", 3000000, 1.0, 200, 500, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "return-nudges=try", "$60,000" },
  { "months-5", "USD", 3000000, 1.0, 200, 1000, 5, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "return-nudges=not-enough-data", "you have 5 months" },
  { "months-6", "USD", 3000000, 1.0, 200, 1000, 6, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "return-nudges=try", NULL },
  { "furniture", "USD", 3000000, 1.0, 200, 1000, 12, LC_VERTICAL_FURNITURE, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "return-nudges=try", NULL },
  { "electronics", "USD", 3000000, 1.0, 200, 1000, 12, LC_VERTICAL_ELECTRONICS, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "return-nudges=test-first", "30%" },
  { "nudges-on-apparel", BASE, "return-nudges", 20, EVIDENCE_NONE, 0, 0,
    "2m-10m", "return-nudges=keep", NULL },
  /* E-mail share: 25%. */
  { "email-24", "USD", 6000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, 0.24, FALSE, 1000, NO_FEATURE,
    "2m-10m", "email-product-blocks=turn-off", "24%" },
  { "email-25", "USD", 6000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, 0.25, FALSE, 1000, NO_FEATURE,
    "2m-10m", "email-product-blocks=try", "same campaign" },
  { "email-unknown", "USD", 6000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "email-product-blocks=not-enough-data", "email_share" },
  /* Currencies: the owner's rate decides the tier. */
  { "pkr-900m", "PKR", 900000000, 0.0036, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "cart-bundles=try homepage-recs=turn-off", "PKR" },
  { "pkr-500m", "PKR", 500000000, 0.0036, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "under-2m", "cart-bundles=turn-off", "$1,800,000" },
  { "eur-1.9m", "EUR", 1900000, 1.08, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "2m-10m", "cart-bundles=try", "$2,052,000" },
  { "eur-1.85m", "EUR", 1850000, 1.08, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    "under-2m", "cart-bundles=turn-off", "$1,998,000" },
  { "no-rate", "BDT", 900000000, 0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000, NO_FEATURE,
    NULL, "cart-bundles=not-enough-data homepage-recs=not-enough-data", "usd_rate" },
  /* Evidence over rules. */
  { "lift-keeps-carousel", BASE, "homepage-recs", 150, EVIDENCE_LIFT, 0, 0,
    "2m-10m", "homepage-recs=keep", "your own numbers come first" },
  { "lift-keeps-under-2m", "USD", 1500000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 1000,
    "homepage-recs", 150, EVIDENCE_LIFT, 0, 0,
    "under-2m", "homepage-recs=keep", "more" },
  { "harm-turns-off", BASE, "return-nudges", 150, EVIDENCE_HARM, 0, 0,
    "2m-10m", "return-nudges=turn-off", "lost" },
  { "null-after-90", BASE, "homepage-recs", 120, EVIDENCE_NULL, 0, 0,
    "2m-10m", "homepage-recs=turn-off", "120 days" },
  { "null-at-89-days", "USD", 12000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, TRUE, 1000,
    "homepage-recs", 89, EVIDENCE_NULL, 0, 0,
    "over-10m", "homepage-recs=test-first", "no change stands out yet" },
  { "bundles-null-at-60", BASE, "cart-bundles", 60, EVIDENCE_NULL, 0, 0,
    "2m-10m", "cart-bundles=turn-off", "60 days" },
  { "bundles-null-at-59", BASE, "cart-bundles", 59, EVIDENCE_NULL, 0, 0,
    "2m-10m", "cart-bundles=test-first", NULL },
  { "lift-below-cost", BASE, "cart-bundles", 120, EVIDENCE_LIFT, 100000, 0,
    "2m-10m", "cart-bundles=turn-off", "$1,200,000 a year" },
  { "lift-covers-cost", BASE, "cart-bundles", 120, EVIDENCE_LIFT, 99, 0,
    "2m-10m", "cart-bundles=keep", "$1,188 a year" },
  { "cannot-measure", BASE, "category-recs", 120, EVIDENCE_CANNOT_MEASURE, 0, 0,
    "2m-10m", "category-recs=test-first", "300 days" },
  { "influenced-revenue", BASE, "cart-bundles", 20, EVIDENCE_NONE, 1000, 20000,
    "2m-10m", "cart-bundles=test-first", "$6,000" },
  /* Predictive retention's minimums. */
  { "customers-499", "USD", 3000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 499, NO_FEATURE,
    "2m-10m", "predictive-retention=not-enough-data", "499 customers" },
  { "customers-500", "USD", 3000000, 1.0, 200, 1000, 12, LC_VERTICAL_APPAREL, -1, FALSE, 500, NO_FEATURE,
    "2m-10m", "predictive-retention=try", "500 customers" },
  { "retention-on", BASE, "predictive-retention", 200, EVIDENCE_NONE, 0, 0,
    "2m-10m", "predictive-retention=keep", NULL },
};

static int
feature_index (const char *id)
{
  guint n;
  const LcFeatureInfo *features = lc_feature_list (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (features[i].id, id))
      return i;
  g_assert_not_reached ();
}

static LcEvaluation *
make_evaluation (const char *feature,
                 LcDay       switch_day,
                 Evidence    evidence)
{
  LcEvaluation *e = g_new0 (LcEvaluation, 1);
  LcMetric metric = lc_feature_watch_metric (feature);
  double base = metric == LC_METRIC_UPT ? 1.6 : metric == LC_METRIC_RETURN_RATE ? 0.1 : 80.0;
  /* Improvements go down for the return rate. */
  double sign = metric == LC_METRIC_RETURN_RATE ? -1 : 1;
  double lift = 0.05;

  e->feature = g_strdup (feature);
  e->metric = metric;
  e->switch_day = switch_day;
  e->window_days = 60;
  e->warnings = g_ptr_array_new_with_free_func (g_free);
  e->mde = 0.03;
  e->status = LC_EVALUATION_MEASURED;
  switch (evidence)
    {
    case EVIDENCE_LIFT:
      e->significant = TRUE;
      e->lift = sign * lift;
      break;
    case EVIDENCE_HARM:
      e->significant = TRUE;
      e->lift = -sign * lift;
      break;
    case EVIDENCE_CANNOT_MEASURE:
      e->status = LC_EVALUATION_CANNOT_MEASURE;
      e->mde = 0.09;
      break;
    case EVIDENCE_NULL:
    case EVIDENCE_NONE:
    default:
      e->lift = 0.004;
      break;
    }
  e->change = e->lift * base;
  e->change_low = e->change - 0.02 * base;
  e->change_high = e->change + 0.02 * base;
  e->lift_low = e->lift - 0.02;
  e->lift_high = e->lift + 0.02;
  e->p_value = e->significant ? 0.001 : 0.6;
  return e;
}

static gboolean
reasons_contain (const LcVerdict *verdict,
                 const char      *text)
{
  for (guint i = 0; i < verdict->reasons->len; i++)
    if (strstr (g_ptr_array_index (verdict->reasons, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
print_verdict (const LcVerdict *verdict)
{
  g_test_message ("%s: %s", verdict->feature, lc_verdict_kind_to_string (verdict->verdict));
  for (guint i = 0; i < verdict->reasons->len; i++)
    g_test_message ("  %s", (const char *) g_ptr_array_index (verdict->reasons, i));
}

/* Every rule boundary of PLAYBOOK.md, one store profile each side. */
static void
test_profiles (void)
{
  LcRules rules;

  lc_rules_init_defaults (&rules);
  g_assert_cmpuint (G_N_ELEMENTS (profiles), >=, 30);
  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    {
      const Profile *profile = &profiles[p];
      g_autoptr(LcAdvice) advice = NULL;
      g_autoptr(LcEvaluation) evaluation = NULL;
      g_auto(GStrv) expectations = g_strsplit (profile->expect, " ", -1);
      LcAdvisorInputs in;

      g_test_message ("profile %s", profile->name);
      lc_advisor_inputs_init (&in);
      in.currency = profile->currency;
      in.usd_rate = profile->usd_rate;
      in.revenue_usd = profile->usd_rate > 0 ? profile->revenue * profile->usd_rate : -1;
      in.active_skus = profile->skus;
      in.orders_per_month = profile->orders_per_month;
      in.months_of_returns = profile->months_of_returns;
      in.return_rate = 0.2;
      in.aov = 80;
      in.upt = 1.6;
      in.vertical = profile->vertical;
      in.email_share = profile->email_share;
      in.ab_capacity = profile->ab_capacity;
      in.days_to_detect = 300;
      in.customers = profile->customers;
      in.repeat_customers = 40;
      in.history_days = 400;
      in.recent_orders = 900;
      if (profile->on_feature != NULL)
        {
          LcAdvisorFeature *f = &in.features[feature_index (profile->on_feature)];

          f->on = TRUE;
          f->on_day = in.today - profile->days_on + 1;
          f->monthly_cost = profile->monthly_cost > 0 ? profile->monthly_cost : -1;
          f->influenced_revenue = profile->influenced > 0 ? profile->influenced : -1;
          if (profile->evidence != EVIDENCE_NONE)
            {
              evaluation = make_evaluation (profile->on_feature, f->on_day, profile->evidence);
              f->evaluation = evaluation;
            }
        }

      advice = lc_advise (&in, &rules);
      g_assert_cmpstr (lc_tier_to_string (advice->tier), ==, profile->tier);
      g_assert_cmpuint (advice->verdicts->len, ==, 8);
      for (guint i = 0; i < advice->verdicts->len; i++)
        {
          const LcVerdict *v = g_ptr_array_index (advice->verdicts, i);

          g_assert_cmpuint (v->reasons->len, >, 0);
          g_assert_cmpint (v->review_on, >, in.today);
        }
      for (guint i = 0; expectations[i] != NULL; i++)
        {
          g_auto(GStrv) pair = g_strsplit (expectations[i], "=", 2);
          const LcVerdict *v = lc_advice_lookup (advice, pair[0]);

          g_assert_nonnull (v);
          if (g_strcmp0 (lc_verdict_kind_to_string (v->verdict), pair[1]) != 0)
            print_verdict (v);
          g_assert_cmpstr (lc_verdict_kind_to_string (v->verdict), ==, pair[1]);
          if (i == 0 && profile->reason_has != NULL && !reasons_contain (v, profile->reason_has))
            {
              print_verdict (v);
              g_error ("profile %s: no reason of %s says “%s”", profile->name, pair[0], profile->reason_has);
            }
        }
    }
}

/* A setting "threshold.<name>" moves the boundary. */
static void
test_threshold_override (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.liftcheck", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);
  LcRules rules;

  g_assert_no_error (error);
  lc_store_load_rules (store, &rules);
  g_assert_cmpfloat (rules.tier_2m, ==, 2000000);
  g_assert_cmpfloat (rules.bundles_min_skus, ==, 50);
  g_assert_cmpfloat (rules.non_incremental_share, ==, 0.70);
  g_assert_true (lc_store_set_setting (store, "threshold.tier_2m", "1500000", &error));
  g_assert_true (lc_store_set_setting (store, "threshold.bundles_min_skus", "not a number", &error));
  lc_store_load_rules (store, &rules);
  g_assert_cmpfloat (rules.tier_2m, ==, 1500000);
  g_assert_cmpfloat (rules.bundles_min_skus, ==, 50);
  g_assert_cmpint (lc_tier_for_revenue_usd (1600000, &rules), ==, LC_TIER_2M_10M);
}

/* One demo store for the tests that read it (about 2 s to make). */
static const char *
demo_store_path (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autofree char *dir = lc_test_make_tmpdir ();
      g_autoptr(GError) error = NULL;
      LcDemoOptions options;

      path = g_build_filename (dir, "demo.liftcheck", NULL);
      lc_demo_options_init (&options);
      g_assert_true (lc_demo_create_store (&options, path, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return path;
}

/* The demo's planted truth: bundles keep, carousel off, nudges keep; the
 * reasons quote the store's own numbers. */
static void
test_demo_verdicts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (demo_store_path (), LC_STORE_OPEN_DEFAULT, &error);
  g_autoptr(LcAdvice) advice = NULL;
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(LcEvaluation) bundles_eval = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *items = NULL;
  const LcVerdict *bundles, *carousel, *nudges;

  g_assert_no_error (error);
  summary = lc_store_compute_summary (store, &error);
  g_assert_no_error (error);
  advice = lc_store_advise (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (advice->tier, ==, LC_TIER_2M_10M);

  bundles = lc_advice_lookup (advice, "cart-bundles");
  carousel = lc_advice_lookup (advice, "homepage-recs");
  nudges = lc_advice_lookup (advice, "return-nudges");
  print_verdict (bundles);
  print_verdict (carousel);
  print_verdict (nudges);
  g_assert_cmpint (bundles->verdict, ==, LC_VERDICT_KEEP);
  g_assert_cmpint (carousel->verdict, ==, LC_VERDICT_TURN_OFF);
  g_assert_cmpint (nudges->verdict, ==, LC_VERDICT_KEEP);
  g_assert_cmpint (bundles->watch_metric, ==, LC_METRIC_UPT);
  g_assert_cmpint (nudges->watch_metric, ==, LC_METRIC_RETURN_RATE);

  revenue = lc_display_money (summary->revenue_12m / 100.0, "USD", 0);
  bundles_eval = lc_store_evaluate_feature (store, "cart-bundles", -1, 60, LC_DAY_NONE, &error);
  g_assert_no_error (error);
  items = g_strdup_printf ("%.2f more items", bundles_eval->change);
  g_assert_true (reasons_contain (bundles, items));
  g_assert_true (reasons_contain (bundles, revenue));
  g_assert_true (reasons_contain (carousel, revenue));
  g_assert_true (reasons_contain (nudges, "points less of sales is refunded"));
  g_assert_true (reasons_contain (nudges, revenue));
}

static void
test_answers_core (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *copy = g_build_filename (dir, "copy.liftcheck", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcAnswers) answers = NULL;
  g_autoptr(LcAdvice) advice = NULL;
  gsize length;

  /* A copy, so the demo store stays as made for the other tests. */
  g_assert_true (g_file_get_contents (demo_store_path (), &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  store = lc_store_open (copy, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  answers = lc_store_load_answers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_answers_lookup (answers, "annual_revenue_usd")->source, ==, LC_ANSWER_SOURCE_STORE);
  /* The demo's owner said it is a clothing store. */
  g_assert_cmpstr (lc_answers_lookup (answers, "vertical")->value, ==, "apparel");
  g_assert_cmpint (lc_answers_lookup (answers, "vertical")->source, ==, LC_ANSWER_SOURCE_OWNER);
  g_assert_cmpstr (lc_answers_lookup (answers, "cart-bundles.on")->value, ==, "2026-04-25");
  g_assert_cmpstr (lc_answers_lookup (answers, "cart-bundles.monthly_cost")->value, ==, "99.00");
  g_assert_null (lc_answers_lookup (answers, "email_share")->value);
  g_clear_pointer (&answers, lc_answers_free);

  g_assert_true (lc_store_set_answer (store, "vertical", "furniture", &error));
  g_assert_true (lc_store_set_answer (store, "email_share", "0.25", &error));
  g_assert_false (lc_store_set_answer (store, "email_share", "25%", &error));
  g_assert_error (error, LC_ANSWERS_ERROR, LC_ANSWERS_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (lc_store_set_answer (store, "colour", "red", &error));
  g_assert_error (error, LC_ANSWERS_ERROR, LC_ANSWERS_ERROR_UNKNOWN_KEY);
  g_assert_nonnull (strstr (error->message, "ab_capacity"));
  g_clear_error (&error);

  /* A large store currency read at the owner's rate: 0.5 USD per dollar
   * halves revenue to under $2M. */
  g_assert_true (lc_store_set_answer (store, "usd_rate", "0.5", &error));
  answers = lc_store_load_answers (store, &error);
  g_assert_cmpint (lc_answers_lookup (answers, "usd_rate")->source, ==, LC_ANSWER_SOURCE_OWNER);
  g_assert_cmpint (lc_answers_lookup (answers, "vertical")->source, ==, LC_ANSWER_SOURCE_OWNER);
  g_assert_cmpfloat (lc_answers_get_number (answers, "email_share"), ==, 0.25);
  advice = lc_store_advise (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (advice->tier, ==, LC_TIER_UNDER_2M);
  g_clear_pointer (&answers, lc_answers_free);

  g_assert_true (lc_store_set_answer (store, "vertical", "", &error));
  g_assert_true (lc_store_set_answer (store, "product-page-recs.on", "2026-06-01", &error));
  answers = lc_store_load_answers (store, &error);
  g_assert_cmpint (lc_answers_lookup (answers, "vertical")->source, ==, LC_ANSWER_SOURCE_DEFAULT);
  g_assert_cmpstr (lc_answers_lookup (answers, "product-page-recs.on")->value, ==, "2026-06-01");
}

static void
test_cli (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *store = g_build_filename (dir, "small.liftcheck", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *features;

  g_assert_cmpint (lc_test_run_cli (NULL, NULL, "demo", store, "--orders-per-day", "15", "--years", "1", NULL), ==, 0);

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "answers", store, "vertical=apparel", "ab_capacity=yes", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "vertical"), ==, "apparel");
  g_assert_cmpstr (json_object_get_string_member (root, "ab_capacity"), ==, "yes");
  g_assert_cmpfloat (json_object_get_double_member (root, "usd_rate"), ==, 1.0);
  g_assert_true (json_object_has_member (root, "annual_revenue_usd"));
  g_assert_true (json_object_has_member (root, "email_share"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (root, "sources"), "vertical"), "source"), ==, "owner");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (lc_test_run_cli (NULL, &err, "answers", store, "colour=red", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "usd_rate"));
  g_assert_nonnull (strstr (err, "email_share"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "answers", store, "vertical=toys", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "apparel, furniture, electronics or other"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (lc_test_run_cli (NULL, &err, "answers", store, "email_share=1.5", NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "answers", store, "vertical=", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "vertical"));
  g_assert_nonnull (strstr (out, "default"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "recommend", store, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "tier"));
  features = json_object_get_array_member (root, "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 8);
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);

      g_assert_true (json_object_has_member (f, "feature"));
      g_assert_true (json_object_has_member (f, "verdict"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "reasons")), >, 0);
      g_assert_true (json_object_has_member (f, "watch_metric"));
      g_assert_nonnull (json_object_get_string_member (f, "review_on"));
    }
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (lc_test_run_cli (&out, NULL, "recommend", store, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Cart bundles"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lc/advisor/profiles-cover-every-boundary", test_profiles);
  g_test_add_func ("/lc/advisor/threshold-setting-overrides-default", test_threshold_override);
  g_test_add_func ("/lc/advisor/demo-verdicts-match-planted-truth", test_demo_verdicts);
  g_test_add_func ("/lc/advisor/answers-prefill-override-and-remove", test_answers_core);
  g_test_add_func ("/lc/advisor/cli-answers-and-recommend", test_cli);
  return g_test_run ();
}
