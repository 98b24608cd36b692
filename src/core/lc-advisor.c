/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-advisor"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-advisor.h"
#include "lc-answers.h"
#include "lc-display.h"
#include "lc-feature.h"
#include "lc-store-private.h"

/* An off-test is a gap in a feature's timeline of about two weeks. */
#define OFFTEST_MIN_DAYS 7
#define OFFTEST_MAX_DAYS 28

/* Later looks, in days, when nothing else sets the date. */
#define REVIEW_SOON   30
#define REVIEW_NORMAL 90
#define REVIEW_LATER  180

typedef struct
{
  const LcAdvisorInputs *in;
  const LcRules         *rules;
  LcTier                 tier;
  double                 revenue;   /* a year, store currency */
} Ctx;

typedef void (*RuleFunc) (const Ctx              *ctx,
                          const LcFeatureInfo    *info,
                          const LcAdvisorFeature *feature,
                          LcVerdict              *verdict);

const char *
lc_verdict_kind_to_string (LcVerdictKind kind)
{
  switch (kind)
    {
    case LC_VERDICT_KEEP:
      return "keep";
    case LC_VERDICT_TURN_OFF:
      return "turn-off";
    case LC_VERDICT_TRY:
      return "try";
    case LC_VERDICT_TEST_FIRST:
      return "test-first";
    case LC_VERDICT_NOT_ENOUGH_DATA:
    default:
      return "not-enough-data";
    }
}

const char *
lc_verdict_get_title (const LcVerdict *verdict)
{
  switch (verdict->verdict)
    {
    case LC_VERDICT_KEEP:
      return _("Keep it");
    case LC_VERDICT_TURN_OFF:
      return verdict->on ? _("Turn it off") : _("Leave it off");
    case LC_VERDICT_TRY:
      return _("Try it: switch it on");
    case LC_VERDICT_TEST_FIRST:
      return _("Test it first");
    case LC_VERDICT_NOT_ENOUGH_DATA:
    default:
      return _("Not enough data yet");
    }
}

static void
lc_verdict_free (LcVerdict *verdict)
{
  g_free (verdict->feature);
  g_clear_pointer (&verdict->reasons, g_ptr_array_unref);
  g_free (verdict);
}

void
lc_advice_free (LcAdvice *advice)
{
  g_clear_pointer (&advice->verdicts, g_ptr_array_unref);
  g_clear_pointer (&advice->evidence, g_ptr_array_unref);
  g_free (advice);
}

const LcVerdict *
lc_advice_lookup (const LcAdvice *advice,
                  const char     *feature)
{
  for (guint i = 0; i < advice->verdicts->len; i++)
    {
      const LcVerdict *verdict = g_ptr_array_index (advice->verdicts, i);

      if (g_str_equal (verdict->feature, feature))
        return verdict;
    }
  return NULL;
}

void
lc_advisor_inputs_init (LcAdvisorInputs *inputs)
{
  memset (inputs, 0, sizeof *inputs);
  inputs->currency = "USD";
  inputs->usd_rate = 1.0;
  inputs->revenue_usd = -1;
  inputs->active_skus = -1;
  inputs->orders_per_month = -1;
  inputs->months_of_returns = -1;
  inputs->return_rate = -1;
  inputs->aov = -1;
  inputs->upt = -1;
  inputs->vertical = LC_VERTICAL_OTHER;
  inputs->email_share = -1;
  inputs->today = lc_day_from_ymd (2026, 1, 1);
  inputs->days_to_detect = -1;
  inputs->customers = -1;
  inputs->repeat_customers = -1;
  inputs->history_days = -1;
  inputs->recent_orders = -1;
  for (guint i = 0; i < LC_ADVISOR_N_FEATURES; i++)
    {
      inputs->features[i].on_day = LC_DAY_NONE;
      inputs->features[i].monthly_cost = -1;
      inputs->features[i].influenced_revenue = -1;
    }
}

/* Helpers that word numbers for people. */

static char *
money (const Ctx *ctx,
       double     amount)
{
  return lc_display_money (amount, ctx->in->currency, 0);
}

static char *
usd (double amount)
{
  return lc_display_money (amount, "USD", 0);
}

static char *
percent (double fraction)
{
  /* TRANSLATORS: a whole percentage, such as "30%". */
  return g_strdup_printf (_("%.0f%%"), fraction * 100);
}

static gboolean
is_usd (const Ctx *ctx)
{
  return g_strcmp0 (ctx->in->currency, "USD") == 0;
}

static void
add_reason (LcVerdict  *verdict,
            char       *sentence)
{
  g_ptr_array_add (verdict->reasons, sentence);
}

static const char *
kind_phrase (const LcFeatureInfo *info)
{
  if (g_str_equal (info->id, "homepage-recs"))
    return _("homepage carousels");
  if (g_str_equal (info->id, "product-page-recs"))
    return _("“customers also viewed” blocks");
  if (g_str_equal (info->id, "category-recs"))
    return _("category-page recommendations");
  return _("personalized browse-abandonment messages");
}

/* "Your store made $3,745,065 in the last 12 months, …" with the tier's
 * message for this kind of feature. */
static char *
revenue_sentence (const Ctx *ctx)
{
  g_autofree char *amount = money (ctx, ctx->revenue);
  g_autofree char *in_usd = usd (ctx->in->revenue_usd);
  g_autofree char *from = lc_display_money_short (ctx->rules->tier_2m, "USD");
  g_autofree char *to = lc_display_money_short (ctx->rules->tier_10m, "USD");

  if (is_usd (ctx))
    {
      switch (ctx->tier)
        {
        case LC_TIER_UNDER_2M:
          /* TRANSLATORS: "Your store made $1,500,000 in the last 12 months, under $2,000,000 a year." */
          return g_strdup_printf (_("Your store made %s in the last 12 months, under %s a year."), amount, from);
        case LC_TIER_2M_10M:
          return g_strdup_printf (_("Your store made %s in the last 12 months, in the %s–%s range."), amount, from, to);
        case LC_TIER_OVER_10M:
        case LC_TIER_UNKNOWN:
        default:
          return g_strdup_printf (_("Your store made %s in the last 12 months, over %s a year."), amount, to);
        }
    }
  switch (ctx->tier)
    {
    case LC_TIER_UNDER_2M:
      /* TRANSLATORS: "Your store made PKR 500,000,000 (about $1,800,000) in the last 12 months, under $2,000,000 a year." */
      return g_strdup_printf (_("Your store made %s (about %s) in the last 12 months, under %s a year."), amount, in_usd, from);
    case LC_TIER_2M_10M:
      return g_strdup_printf (_("Your store made %s (about %s) in the last 12 months, in the %s–%s range."), amount, in_usd, from, to);
    case LC_TIER_OVER_10M:
    case LC_TIER_UNKNOWN:
    default:
      return g_strdup_printf (_("Your store made %s (about %s) in the last 12 months, over %s a year."), amount, in_usd, to);
    }
}

static LcDay
later_of (LcDay a,
          LcDay b)
{
  return MAX (a, b);
}

/* The rules of PLAYBOOK.md, one function per kind of feature. */

static void
rule_small_store (const Ctx           *ctx,
                  const LcFeatureInfo *info,
                  LcVerdict           *verdict)
{
  verdict->verdict = LC_VERDICT_TURN_OFF;
  add_reason (verdict, revenue_sentence (ctx));
  add_reason (verdict, g_strdup (_("At this size no model has enough data to beat simple rules.")));
  if (info->kind == LC_FEATURE_KIND_CART && g_str_equal (info->id, "cart-bundles"))
    add_reason (verdict, g_strdup (_("Put bundles together by hand instead: batteries with electronics, lens cleaner with sunglasses.")));
  else if (info->kind == LC_FEATURE_KIND_CART)
    add_reason (verdict, g_strdup (_("Add size guidance by hand to the products returned most instead.")));
  else
    add_reason (verdict, g_strdup (_("Use static blocks instead: bestsellers and new arrivals.")));
  verdict->review_on = ctx->in->today + REVIEW_LATER;
}

static void
rule_bundles (const Ctx              *ctx,
              const LcFeatureInfo    *info,
              const LcAdvisorFeature *feature,
              LcVerdict              *verdict)
{
  const LcAdvisorInputs *in = ctx->in;
  int review_days = (int) ctx->rules->bundles_review_days;
  g_autofree char *skus = lc_display_count ((gint64) MAX (in->active_skus, 0));
  g_autofree char *min_skus = lc_display_count ((gint64) ctx->rules->bundles_min_skus);

  if (ctx->tier == LC_TIER_UNDER_2M)
    {
      rule_small_store (ctx, info, verdict);
      return;
    }
  add_reason (verdict, revenue_sentence (ctx));
  if (in->active_skus < 0)
    {
      verdict->verdict = LC_VERDICT_NOT_ENOUGH_DATA;
      add_reason (verdict, g_strdup (_("Liftcheck doesn’t know how many different items you sell; import your orders or set active_skus.")));
      verdict->review_on = in->today + REVIEW_SOON;
      return;
    }
  if (in->active_skus < ctx->rules->bundles_min_skus)
    {
      verdict->verdict = LC_VERDICT_TURN_OFF;
      /* TRANSLATORS: "You sold 42 different items in the last 12 months; bundles need 50 or more to have something to offer." */
      add_reason (verdict, g_strdup_printf (_("You sold %s different items in the last 12 months; bundles need %s or more to have something to offer."),
                                            skus, min_skus));
      verdict->review_on = in->today + REVIEW_LATER;
      return;
    }

  if (ctx->tier == LC_TIER_OVER_10M)
    add_reason (verdict, g_strdup_printf (_("With %s different items and your volume, bundles mined from what customers buy together can find pairs nobody would think of (liftcheck-cli bundles)."), skus));
  else
    add_reason (verdict, g_strdup_printf (_("With %s different items, rule-based bundles pay at your size: batteries with electronics, lens cleaner with sunglasses, a warranty with appliances."), skus));

  if (feature->on)
    {
      g_autofree char *on = lc_display_day (feature->on_day);

      verdict->verdict = LC_VERDICT_KEEP;
      /* TRANSLATORS: "Judge them on items per order, not on clicks: if that has not moved 60 days after they went on (25 Apr 2026), turn them off." */
      add_reason (verdict, g_strdup_printf (_("Judge them on items per order, not on clicks: if that has not moved %d days after they went on (%s), turn them off."),
                                            review_days, on));
      verdict->review_on = later_of (feature->on_day + review_days, in->today + REVIEW_SOON);
    }
  else
    {
      verdict->verdict = LC_VERDICT_TRY;
      add_reason (verdict, g_strdup_printf (_("Switch them on and judge them on items per order, not on clicks, %d days later."), review_days));
      verdict->review_on = in->today + review_days;
    }
}

static void
rule_nudges (const Ctx              *ctx,
             const LcFeatureInfo    *info,
             const LcAdvisorFeature *feature,
             LcVerdict              *verdict)
{
  const LcAdvisorInputs *in = ctx->in;
  const LcRules *r = ctx->rules;
  gboolean pays_most = in->vertical == LC_VERTICAL_APPAREL || in->vertical == LC_VERTICAL_FURNITURE;

  if (ctx->tier == LC_TIER_UNDER_2M)
    {
      rule_small_store (ctx, info, verdict);
      return;
    }
  add_reason (verdict, revenue_sentence (ctx));
  if (in->months_of_returns < r->nudges_min_months || in->orders_per_month < r->nudges_min_orders_per_month)
    {
      g_autofree char *orders = lc_display_count ((gint64) floor (MAX (in->orders_per_month, 0)));
      g_autofree char *min_orders = lc_display_count ((gint64) r->nudges_min_orders_per_month);
      int missing = (int) ceil (r->nudges_min_months - MAX (in->months_of_returns, 0));

      verdict->verdict = LC_VERDICT_NOT_ENOUGH_DATA;
      /* TRANSLATORS: "Risk scores need 6 months of return data and 500 orders a month; you have 5 months and 4,035 orders a month. Below that they fit noise." */
      add_reason (verdict, g_strdup_printf (_("Risk scores need %lu months of return data and %s orders a month; you have %lu months and %s orders a month. Below that they fit noise."),
                                            (gulong) r->nudges_min_months, min_orders,
                                            (gulong) MAX (in->months_of_returns, 0), orders));
      verdict->review_on = in->today + (missing > 0 ? missing * 31 : REVIEW_NORMAL);
      return;
    }

  if (pays_most)
    {
      g_autofree char *low = money (ctx, ctx->revenue * 0.02);
      g_autofree char *high = money (ctx, ctx->revenue * 0.04);

      /* TRANSLATORS: "In apparel and furniture, where 20–30% of sales come back, nudges recover 2–4% of revenue: about $74,901 to $149,803 a year for you." */
      add_reason (verdict, g_strdup_printf (_("In apparel and furniture, where 20–30%% of sales come back, nudges recover 2–4%% of revenue: about %s to %s a year for you."),
                                            low, high));
      verdict->verdict = feature->on ? LC_VERDICT_KEEP : LC_VERDICT_TRY;
    }
  else
    {
      g_autofree char *flag = percent (r->risk_flag_rate);

      /* TRANSLATORS: "Nudges pay most in apparel and furniture. Check first whether any products or combinations come back 30% of the time or more (liftcheck-cli returns)." */
      add_reason (verdict, g_strdup_printf (_("Nudges pay most in apparel and furniture. Check first whether any products or combinations come back %s of the time or more (liftcheck-cli returns)."),
                                            flag));
      verdict->verdict = LC_VERDICT_TEST_FIRST;
    }
  if (in->return_rate >= 0)
    {
      g_autofree char *rate = g_strdup_printf (_("%.1f%%"), in->return_rate * 100);

      add_reason (verdict, g_strdup_printf (_("%s of your sales are refunded today; watch that number."), rate));
    }
  verdict->review_on = feature->on ? later_of (feature->on_day + (int) r->rule_90_days, in->today + REVIEW_SOON)
                                   : in->today + (int) r->rule_90_days;
}

static void
add_measurability (const Ctx *ctx,
                   LcVerdict *verdict)
{
  g_autofree char *lift = percent (ctx->rules->detect_lift);

  if (ctx->in->days_to_detect < 0)
    return;
  if (ctx->in->days_to_detect > ctx->rules->measurable_weeks * 7)
    /* TRANSLATORS: "A test would need 345 days to see a 2% change in order value, more than 8 weeks: at your scale features like this can’t be measured, so prefer those tied to the basket." */
    add_reason (verdict, g_strdup_printf (_("A test would need %lu days to see a %s change in order value, more than %lu weeks: at your scale features like this can’t be measured, so prefer those tied to the basket."),
                                          (gulong) ctx->in->days_to_detect, lift, (gulong) ctx->rules->measurable_weeks));
  else
    add_reason (verdict, g_strdup_printf (_("A test would need %lu days to see a %s change in order value, so you can measure it."),
                                          (gulong) ctx->in->days_to_detect, lift));
}

static void
rule_browse (const Ctx              *ctx,
             const LcFeatureInfo    *info,
             const LcAdvisorFeature *feature,
             LcVerdict              *verdict)
{
  const LcAdvisorInputs *in = ctx->in;
  const LcRules *r = ctx->rules;
  g_autofree char *drop = percent (r->offtest_drop);

  if (ctx->tier == LC_TIER_UNDER_2M)
    {
      rule_small_store (ctx, info, verdict);
      add_measurability (ctx, verdict);
      return;
    }

  if (ctx->tier == LC_TIER_2M_10M)
    {
      g_autofree char *sentence = revenue_sentence (ctx);
      g_autofree char *bar = usd (r->tier_5m);

      verdict->verdict = LC_VERDICT_TURN_OFF;
      /* TRANSLATORS: the first %s is the revenue sentence, the second e.g. "homepage carousels" */
      add_reason (verdict, g_strdup_printf (_("%s At that size %s rarely pay."), sentence, kind_phrase (info)));
      if (g_str_equal (info->id, "homepage-recs") && in->revenue_usd < r->tier_5m)
        add_reason (verdict, g_strdup_printf (_("Below %s a year, homepage personalization almost never clears the bar."), bar));
      /* A feature already off-tested needs no second one. */
      if (feature->on && feature->offtest == NULL)
        {
          g_autofree char *until = lc_display_day (in->today + (int) r->offtest_days);

          /* TRANSLATORS: "To check, run the off-test: switch it off for 14 days, until 14 Nov 2026. If revenue drops more than 2% beyond its normal ups and downs, switch it back on." */
          add_reason (verdict, g_strdup_printf (_("To check, run the off-test: switch it off for %lu days, until %s. If revenue drops more than %s beyond its normal ups and downs, switch it back on."),
                                                (gulong) r->offtest_days, until, drop));
          verdict->review_on = in->today + (int) r->offtest_days;
        }
      else
        {
          verdict->review_on = in->today + REVIEW_LATER;
        }
    }
  else if (!in->ab_capacity)
    {
      add_reason (verdict, revenue_sentence (ctx));
      verdict->verdict = LC_VERDICT_TEST_FIRST;
      add_reason (verdict, g_strdup (_("You have the volume to test richer personalization, but without someone who can design and read A/B tests the vendor’s reports are theater.")));
      if (feature->on)
        add_reason (verdict, g_strdup_printf (_("Until then, run the off-test: switch it off for %lu days; if revenue drops more than %s beyond its normal ups and downs, switch it back on."),
                                              (gulong) r->offtest_days, drop));
      else
        add_reason (verdict, g_strdup (_("Leave it off until someone can run an A/B test against a static bestseller block.")));
      verdict->review_on = in->today + (int) r->offtest_days;
    }
  else
    {
      add_reason (verdict, revenue_sentence (ctx));
      verdict->verdict = feature->on ? LC_VERDICT_TEST_FIRST : LC_VERDICT_TRY;
      add_reason (verdict, g_strdup (_("You have the volume and the people to test richer personalization: run it as an A/B test against a static bestseller block and keep it only if revenue per visitor rises.")));
      verdict->review_on = in->today + REVIEW_NORMAL;
    }
  add_measurability (ctx, verdict);
}

static void
rule_email (const Ctx              *ctx,
            const LcFeatureInfo    *info,
            const LcAdvisorFeature *feature,
            LcVerdict              *verdict)
{
  const LcAdvisorInputs *in = ctx->in;
  const LcRules *r = ctx->rules;
  g_autofree char *bar = usd (r->tier_5m);
  g_autofree char *min_share = percent (r->email_min_share);

  if (ctx->tier == LC_TIER_UNDER_2M)
    {
      rule_small_store (ctx, info, verdict);
      return;
    }
  add_reason (verdict, revenue_sentence (ctx));
  verdict->review_on = in->today + REVIEW_LATER;
  if (in->revenue_usd < r->tier_5m)
    {
      verdict->verdict = LC_VERDICT_TURN_OFF;
      /* TRANSLATORS: "Personalized product blocks in e-mail pay from $5,000,000 a year, when e-mail brings 25% of revenue or more." */
      add_reason (verdict, g_strdup_printf (_("Personalized product blocks in e-mail pay from %s a year, when e-mail brings %s of revenue or more."),
                                            bar, min_share));
      return;
    }
  if (in->email_share < 0)
    {
      verdict->verdict = LC_VERDICT_NOT_ENOUGH_DATA;
      add_reason (verdict, g_strdup_printf (_("They pay when e-mail brings %s of revenue or more; import a Klaviyo report or set email_share to say how much yours does."),
                                            min_share));
      verdict->review_on = in->today + REVIEW_SOON;
      return;
    }
  {
    g_autofree char *share = percent (in->email_share);

    if (in->email_share < r->email_min_share)
      {
        verdict->verdict = LC_VERDICT_TURN_OFF;
        /* TRANSLATORS: "E-mail brings 24% of your revenue; personalized blocks pay from 25%." */
        add_reason (verdict, g_strdup_printf (_("E-mail brings %s of your revenue; personalized blocks pay from %s."), share, min_share));
        return;
      }
    verdict->verdict = feature->on ? LC_VERDICT_TEST_FIRST : LC_VERDICT_TRY;
    add_reason (verdict, g_strdup_printf (_("E-mail brings %s of your revenue, enough for personalized blocks to pay."), share));
    add_reason (verdict, g_strdup (_("E-mail is a channel you control: A/B test personalized blocks against static ones inside the same campaign and compare orders per recipient.")));
    verdict->review_on = in->today + REVIEW_SOON;
  }
}

static void
rule_retention (const Ctx              *ctx,
                const LcFeatureInfo    *info,
                const LcAdvisorFeature *feature,
                LcVerdict              *verdict)
{
  const LcAdvisorInputs *in = ctx->in;
  const LcRules *r = ctx->rules;
  g_autofree char *customers = lc_display_count (MAX (in->customers, 0));
  g_autofree char *min_customers = lc_display_count ((gint64) r->retention_min_customers);

  verdict->review_on = in->today + REVIEW_NORMAL;
  if (in->customers < 0)
    {
      verdict->verdict = LC_VERDICT_NOT_ENOUGH_DATA;
      add_reason (verdict, g_strdup (_("Liftcheck can’t count your customers yet: import orders that carry customer e-mails.")));
      return;
    }
  if (in->customers < r->retention_min_customers || in->history_days < r->retention_min_days
      || in->recent_orders <= 0 || in->repeat_customers <= 0)
    {
      verdict->verdict = LC_VERDICT_NOT_ENOUGH_DATA;
      /* TRANSLATORS: "Churn and timing predictions need 500 customers with orders, 180 days of history with orders in the last 30 days, and some customers with 3 orders or more; you have 312 customers, 400 days, 20 recent orders and 4 such customers." */
      add_reason (verdict, g_strdup_printf (_("Churn and timing predictions need %s customers with orders, %lu days of history with orders in the last %lu days, and some customers with %lu orders or more; you have %s customers, %lu days, %lu recent orders and %lu such customers."),
                                            min_customers, (gulong) r->retention_min_days, (gulong) r->retention_recent_days,
                                            (gulong) r->retention_repeat_orders, customers, (gulong) MAX (in->history_days, 0),
                                            (gulong) MAX (in->recent_orders, 0), (gulong) MAX (in->repeat_customers, 0)));
      return;
    }
  {
    g_autofree char *repeat = lc_display_count (in->repeat_customers);

    /* TRANSLATORS: "You have 52,311 customers, 4,210 of them with 3 orders or more: enough for churn-risk and next-order timing." */
    add_reason (verdict, g_strdup_printf (_("You have %s customers, %s of them with %lu orders or more: enough for churn-risk and next-order timing."),
                                          customers, repeat, (gulong) r->retention_repeat_orders));
  }
  add_reason (verdict, g_strdup (_("Use it for retention e-mail, where it has a measurable effect on what customers spend over time; don’t use the same tool for product recommendations.")));
  verdict->verdict = feature->on ? LC_VERDICT_KEEP : LC_VERDICT_TRY;
}

static const struct
{
  const char *feature;
  RuleFunc    rule;
} rule_table[] = {
  { "homepage-recs", rule_browse },
  { "product-page-recs", rule_browse },
  { "category-recs", rule_browse },
  { "browse-abandonment", rule_browse },
  { "cart-bundles", rule_bundles },
  { "return-nudges", rule_nudges },
  { "email-product-blocks", rule_email },
  { "predictive-retention", rule_retention },
};

/* Evidence over rules. */

/* A year's money from a measured change, in the store currency. */
static double
money_a_year (const Ctx              *ctx,
              const LcAdvisorFeature *feature)
{
  const LcAdvisorInputs *in = ctx->in;
  const LcEvaluation *e = feature->evaluation;
  const LcEvaluation *value = feature->value_evaluation;
  double orders_a_year = in->orders_per_month * 12;

  switch (e->metric)
    {
    case LC_METRIC_UPT:
      /* What the extra items added to orders, measured on the same weeks;
       * else priced at the store's average item, which overstates cheap
       * add-ons. */
      if (value != NULL && value->status == LC_EVALUATION_MEASURED && orders_a_year > 0)
        return value->change * orders_a_year;
      if (in->aov > 0 && in->upt > 0 && orders_a_year > 0)
        return e->change * (in->aov / in->upt) * orders_a_year;
      break;
    case LC_METRIC_AOV:
      if (orders_a_year > 0)
        return e->change * orders_a_year;
      break;
    case LC_METRIC_RETURN_RATE:
      if (in->return_rate >= 0 && in->return_rate < 1)
        return -e->change * ctx->revenue / (1 - in->return_rate);
      break;
    default:
      break;
    }
  return e->lift * ctx->revenue;
}

static gboolean
is_improvement (const LcEvaluation *e)
{
  return e->metric == LC_METRIC_RETURN_RATE ? e->change < 0 : e->change > 0;
}

static char *
describe_change (const Ctx          *ctx,
                 const LcEvaluation *e)
{
  switch (e->metric)
    {
    case LC_METRIC_UPT:
      if (e->change >= 0)
        return g_strdup_printf (_("orders carry %.2f more items (%.2f to %.2f)"), e->change, e->change_low, e->change_high);
      return g_strdup_printf (_("orders carry %.2f fewer items (%.2f to %.2f)"), -e->change, -e->change_high, -e->change_low);
    case LC_METRIC_RETURN_RATE:
      if (e->change <= 0)
        return g_strdup_printf (_("%.1f points less of sales is refunded (%.1f to %.1f)"),
                                -e->change * 100, -e->change_high * 100, -e->change_low * 100);
      return g_strdup_printf (_("%.1f points more of sales is refunded (%.1f to %.1f)"),
                              e->change * 100, e->change_low * 100, e->change_high * 100);
    case LC_METRIC_AOV:
    default:
      {
        g_autofree char *amount = lc_display_money (fabs (e->change), ctx->in->currency, -1);
        g_autofree char *low = lc_display_money (e->change_low, ctx->in->currency, -1);
        g_autofree char *high = lc_display_money (e->change_high, ctx->in->currency, -1);

        if (e->change >= 0)
          return g_strdup_printf (_("the average order is worth %s more (%s to %s)"), amount, low, high);
        return g_strdup_printf (_("the average order is worth %s less (%s to %s)"), amount, low, high);
      }
    }
}

static void
evidence_from_evaluation (const Ctx              *ctx,
                          const LcFeatureInfo    *info,
                          const LcAdvisorFeature *feature,
                          LcVerdict              *verdict)
{
  const LcEvaluation *e = feature->evaluation;
  const LcRules *r = ctx->rules;
  int limit = g_str_equal (info->id, "cart-bundles") ? (int) r->bundles_review_days : (int) r->rule_90_days;
  int days_on = ctx->in->today - e->switch_day + 1;
  g_autofree char *switched = lc_display_day (e->switch_day);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  LcVerdictKind rule_verdict = verdict->verdict;
  LcVerdictKind kind;

  switch (e->status)
    {
    case LC_EVALUATION_NOT_ENOUGH_DATA:
      /* Too early to tell: the rule stands, and the date to look again is when the windows fill. */
      add_reason (verdict, g_strdup_printf (_("It went on on %s, too recently to measure; look again once it has run %d days."),
                                            switched, (int) r->evaluation_window_days));
      verdict->review_on = e->switch_day + (int) r->evaluation_window_days + 7;
      return;

    case LC_EVALUATION_CANNOT_MEASURE:
      {
        g_autofree char *mde = percent (e->mde);

        kind = LC_VERDICT_TEST_FIRST;
        /* TRANSLATORS: "Since it went on (25 Apr 2026), your weeks vary too much to see its effect: only a change of 9% or more would show." */
        g_ptr_array_add (reasons, g_strdup_printf (_("Since it went on (%s), your weeks vary too much to see its effect from before and after: only a change of %s or more would show."),
                                                   switched, mde));
        if (ctx->in->days_to_detect > 0)
          g_ptr_array_add (reasons, g_strdup_printf (_("An A/B test would need %lu days to see a 2%% change; otherwise run the off-test: switch it off for %lu days and compare revenue with its normal ups and downs."),
                                                     (gulong) ctx->in->days_to_detect, (gulong) r->offtest_days));
        else
          g_ptr_array_add (reasons, g_strdup_printf (_("Run the off-test: switch it off for %lu days and compare revenue with its normal ups and downs."),
                                                     (gulong) r->offtest_days));
        verdict->review_on = ctx->in->today + MAX ((int) r->offtest_days, ctx->in->days_to_detect);
      }
      break;

    case LC_EVALUATION_MEASURED:
    default:
      {
        g_autofree char *change = describe_change (ctx, e);
        double a_year = money_a_year (ctx, feature);
        g_autofree char *amount = money (ctx, fabs (a_year));

        if (e->significant && is_improvement (e))
          {
            kind = LC_VERDICT_KEEP;
            /* TRANSLATORS: "Since it went on (25 Apr 2026), orders carry 0.18 more items (0.15 to 0.22); at your order volume that is about $95,000 a year." */
            g_ptr_array_add (reasons, g_strdup_printf (_("Since it went on (%s), %s; at your order volume that is about %s a year."),
                                                       switched, change, amount));
            if (feature->monthly_cost >= 0)
              {
                g_autofree char *cost = money (ctx, feature->monthly_cost * 12);

                if (a_year < feature->monthly_cost * 12)
                  {
                    kind = LC_VERDICT_TURN_OFF;
                    /* TRANSLATORS: "It costs $5,988 a year, more than it brings in." */
                    g_ptr_array_add (reasons, g_strdup_printf (_("It costs %s a year, more than it brings in."), cost));
                  }
                else
                  {
                    g_ptr_array_add (reasons, g_strdup_printf (_("It costs %s a year, well covered by what it brings in."), cost));
                  }
              }
            verdict->review_on = ctx->in->today + REVIEW_NORMAL;
          }
        else if (e->significant)
          {
            kind = LC_VERDICT_TURN_OFF;
            /* TRANSLATORS: "Since it went on (23 Feb 2026), the average order is worth $2.90 less (−$5.50 to −$0.30): about $140,000 a year lost." */
            g_ptr_array_add (reasons, g_strdup_printf (_("Since it went on (%s), %s: about %s a year lost."),
                                                       switched, change, amount));
            verdict->review_on = ctx->in->today + REVIEW_LATER;
          }
        else if (days_on >= limit)
          {
            g_autofree char *mde = percent (e->mde);

            kind = LC_VERDICT_TURN_OFF;
            /* TRANSLATORS: "It has run 250 days since 23 Feb 2026 without a change that stands out from your normal ups and downs (a change of 3% or more would have shown); features that show nothing after 90 days go off." */
            g_ptr_array_add (reasons, g_strdup_printf (_("It has run %lu days since %s without a change that stands out from your normal ups and downs (a change of %s or more would have shown); features that show nothing after %lu days go off."),
                                                       (gulong) days_on, switched, mde, (gulong) limit));
            verdict->review_on = ctx->in->today + REVIEW_LATER;
          }
        else
          {
            g_autofree char *when = lc_display_day (e->switch_day + limit);

            kind = LC_VERDICT_TEST_FIRST;
            g_ptr_array_add (reasons, g_strdup_printf (_("Since it went on (%s), no change stands out yet; if none has by %s, turn it off."),
                                                       switched, when));
            verdict->review_on = e->switch_day + limit;
          }
      }
      break;
    }

  if (kind != rule_verdict)
    {
      LcVerdict rule = { .verdict = rule_verdict, .on = verdict->on };

      /* TRANSLATORS: %s is a verdict, e.g. "Turn it off" */
      g_ptr_array_add (reasons, g_strdup_printf (_("This goes against the rule of thumb for stores of your size (“%s”): your own numbers come first."),
                                                 lc_verdict_get_title (&rule)));
    }
  /* The measurement leads; the rule's reasons follow as context. */
  for (guint i = 0; i < verdict->reasons->len; i++)
    g_ptr_array_add (reasons, g_strdup (g_ptr_array_index (verdict->reasons, i)));
  g_ptr_array_set_size (verdict->reasons, 0);
  for (guint i = 0; i < reasons->len; i++)
    add_reason (verdict, g_strdup (g_ptr_array_index (reasons, i)));
  verdict->verdict = kind;
}

static void
evidence_from_offtest (const Ctx              *ctx,
                       const LcAdvisorFeature *feature,
                       LcVerdict              *verdict)
{
  const LcOffTest *t = feature->offtest;
  g_autofree char *from = lc_display_day (t->from);
  g_autofree char *to = lc_display_day (t->to);
  /* TRANSLATORS: a signed percentage, such as "+4.5%". */
  g_autofree char *change = g_strdup_printf (_("%+.1f%%"), t->revenue_change * 100);
  g_autofree char *normal = g_strdup_printf (_("%.1f%%"), t->normal_weekly_variation * 100);

  if (t->turn_back_on)
    {
      verdict->verdict = LC_VERDICT_KEEP;
      /* TRANSLATORS: "While it was off (26 Aug 2026 to 8 Sep 2026), revenue moved −4.1% against its forecast, more than its normal weekly variation of 3.2%: it earns its place." */
      g_ptr_array_insert (verdict->reasons, 0,
                          g_strdup_printf (_("While it was off (%s to %s), revenue moved %s against its forecast, more than its normal weekly variation of %s: it earns its place."),
                                           from, to, change, normal));
    }
  else
    {
      if (verdict->verdict != LC_VERDICT_KEEP)
        verdict->verdict = LC_VERDICT_TURN_OFF;
      g_ptr_array_insert (verdict->reasons, 0,
                          g_strdup_printf (_("While it was off (%s to %s), revenue moved %s against its forecast, within its normal weekly variation of %s: nobody missed it."),
                                           from, to, change, normal));
    }
}

/* Vendor "influenced revenue" is mostly revenue that would have come anyway. */
static void
add_attribution (const Ctx              *ctx,
                 const LcAdvisorFeature *feature,
                 LcVerdict              *verdict)
{
  double plausible = feature->influenced_revenue * (1 - ctx->rules->non_incremental_share);
  g_autofree char *reported = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *share = NULL;

  if (feature->influenced_revenue < 0)
    return;
  reported = money (ctx, feature->influenced_revenue);
  counted = money (ctx, plausible);
  share = percent (ctx->rules->non_incremental_share);
  /* TRANSLATORS: "The vendor reports $200,000 a year of “influenced revenue”; about 70% of such revenue would have happened anyway, so count on $60,000 at most." */
  add_reason (verdict, g_strdup_printf (_("The vendor reports %s a year of “influenced revenue”; about %s of such revenue would have happened anyway, so count on %s at most."),
                                        reported, share, counted));
  if (feature->monthly_cost >= 0 && plausible < feature->monthly_cost * 12)
    {
      g_autofree char *cost = money (ctx, feature->monthly_cost * 12);

      add_reason (verdict, g_strdup_printf (_("That does not cover what it costs: %s a year."), cost));
      if (verdict->verdict == LC_VERDICT_KEEP && feature->evaluation == NULL)
        verdict->verdict = LC_VERDICT_TEST_FIRST;
    }
}

static LcVerdict *
advise_feature (const Ctx              *ctx,
                const LcFeatureInfo    *info,
                const LcAdvisorFeature *feature,
                RuleFunc                rule)
{
  LcVerdict *verdict = g_new0 (LcVerdict, 1);

  verdict->feature = g_strdup (info->id);
  verdict->on = feature->on;
  verdict->reasons = g_ptr_array_new_with_free_func (g_free);
  verdict->watch_metric = lc_feature_watch_metric (info->id);

  if (ctx->tier == LC_TIER_UNKNOWN)
    {
      verdict->verdict = LC_VERDICT_NOT_ENOUGH_DATA;
      add_reason (verdict, g_strdup (_("Liftcheck can’t tell your store’s size yet: import your orders and, for a currency other than US dollars, confirm the exchange rate (liftcheck-cli answers STORE usd_rate=RATE).")));
      verdict->review_on = ctx->in->today + REVIEW_SOON;
      return verdict;
    }

  rule (ctx, info, feature, verdict);
  if (feature->evaluation != NULL)
    evidence_from_evaluation (ctx, info, feature, verdict);
  if (feature->offtest != NULL && info->kind == LC_FEATURE_KIND_BROWSE)
    evidence_from_offtest (ctx, feature, verdict);
  if (feature->evaluation == NULL || feature->evaluation->status != LC_EVALUATION_MEASURED)
    add_attribution (ctx, feature, verdict);
  return verdict;
}

LcAdvice *
lc_advise (const LcAdvisorInputs *inputs,
           const LcRules         *rules)
{
  g_autoptr(LcAdvice) advice = g_new0 (LcAdvice, 1);
  guint n_features;
  const LcFeatureInfo *features = lc_feature_list (&n_features);
  Ctx ctx = { inputs, rules, LC_TIER_UNKNOWN, 0 };

  g_return_val_if_fail (n_features == LC_ADVISOR_N_FEATURES, NULL);

  if (inputs->usd_rate > 0)
    ctx.tier = lc_tier_for_revenue_usd (inputs->revenue_usd, rules);
  if (ctx.tier != LC_TIER_UNKNOWN)
    ctx.revenue = inputs->revenue_usd / inputs->usd_rate;

  advice->tier = ctx.tier;
  advice->revenue_usd = inputs->revenue_usd;
  advice->verdicts = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_verdict_free);
  for (guint i = 0; i < n_features; i++)
    {
      RuleFunc rule = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (rule_table); k++)
        if (g_str_equal (rule_table[k].feature, features[i].id))
          rule = rule_table[k].rule;
      g_assert (rule != NULL);
      g_ptr_array_add (advice->verdicts, advise_feature (&ctx, &features[i], &inputs->features[i], rule));
    }
  return g_steal_pointer (&advice);
}

/* Filling the inputs from a store. */

static gboolean
count_customers (LcStore         *store,
                 const LcRules   *rules,
                 const LcSummary *s,
                 LcAdvisorInputs *in,
                 GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = _lc_store_prepare (store,
                            "SELECT COUNT(*), COALESCE(SUM(orders >= ?), 0) FROM customers WHERE orders > 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) rules->retention_repeat_orders);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _lc_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  in->customers = sqlite3_column_int64 (stmt, 0);
  in->repeat_customers = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  stmt = _lc_store_prepare (store, "SELECT COALESCE(SUM(orders), 0) FROM daily WHERE day > ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->last_day - (gint64) rules->retention_recent_days);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _lc_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  in->recent_orders = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  in->history_days = s->last_day - s->first_day + 1;
  return TRUE;
}

static LcVertical
vertical_from_string (const char *text)
{
  if (g_strcmp0 (text, "apparel") == 0)
    return LC_VERTICAL_APPAREL;
  if (g_strcmp0 (text, "furniture") == 0)
    return LC_VERTICAL_FURNITURE;
  if (g_strcmp0 (text, "electronics") == 0)
    return LC_VERTICAL_ELECTRONICS;
  return LC_VERTICAL_OTHER;
}

static double
number_or (const LcAnswers *answers,
           const char      *key,
           double           fallback)
{
  double value = lc_answers_get_number (answers, key);

  return isnan (value) ? fallback : value;
}

LcAdvice *
lc_store_advise (LcStore  *store,
                 GError  **error)
{
  g_autoptr(LcAnswers) answers = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) evaluations = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_evaluation_free);
  g_autoptr(GPtrArray) offtests = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_off_test_free);
  const LcFeatureInfo *features;
  const LcSummary *s;
  LcAdvisorInputs in;
  LcAdvice *advice;
  LcRules rules;
  guint n_features;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  lc_store_load_rules (store, &rules);
  answers = lc_store_load_answers (store, error);
  if (answers == NULL)
    return NULL;
  spans = lc_store_list_feature_spans (store, error);
  if (spans == NULL)
    return NULL;
  s = answers->summary;

  lc_advisor_inputs_init (&in);
  in.currency = s->currency != NULL ? s->currency : "USD";
  in.usd_rate = number_or (answers, "usd_rate", -1);
  in.revenue_usd = number_or (answers, "annual_revenue_usd", -1);
  in.active_skus = number_or (answers, "active_skus", -1);
  in.orders_per_month = number_or (answers, "orders_per_month", -1);
  in.months_of_returns = number_or (answers, "months_of_returns", -1);
  in.return_rate = number_or (answers, "return_rate", -1);
  in.email_share = number_or (answers, "email_share", -1);
  in.ab_capacity = number_or (answers, "ab_capacity", 0) > 0;
  in.vertical = vertical_from_string (lc_answers_lookup (answers, "vertical")->value);
  if (s->has_orders)
    {
      g_autofree LcPower *power = NULL;

      in.today = s->last_day;
      in.aov = s->aov;
      in.upt = s->upt;
      if (!count_customers (store, &rules, s, &in, error))
        return NULL;
      power = lc_store_compute_power (store, LC_METRIC_AOV, rules.detect_lift, NULL);
      if (power != NULL)
        in.days_to_detect = (int) MIN (power->days_needed, G_MAXINT);
    }
  else
    {
      GDateTime *now = g_date_time_new_now_local ();
      int year, month, day;

      g_date_time_get_ymd (now, &year, &month, &day);
      g_date_time_unref (now);
      in.today = lc_day_from_ymd (year, month, day);
    }

  features = lc_feature_list (&n_features);
  for (guint i = 0; i < n_features && i < LC_ADVISOR_N_FEATURES; i++)
    {
      LcAdvisorFeature *f = &in.features[i];
      g_autofree char *cost_key = g_strconcat (features[i].id, ".monthly_cost", NULL);
      g_autofree char *influenced_key = g_strconcat (features[i].id, ".influenced_revenue", NULL);
      gboolean any = FALSE;

      f->monthly_cost = number_or (answers, cost_key, -1);
      f->influenced_revenue = number_or (answers, influenced_key, -1);
      for (guint k = 0; k < spans->len; k++)
        {
          const LcFeatureSpan *span = g_ptr_array_index (spans, k);
          const LcFeatureSpan *next = NULL;

          if (!g_str_equal (span->feature, features[i].id))
            continue;
          any = TRUE;
          f->on = span->off_day == LC_DAY_NONE;
          f->on_day = f->on ? span->on_day : LC_DAY_NONE;
          for (guint j = k + 1; j < spans->len && next == NULL; j++)
            if (g_str_equal (((LcFeatureSpan *) g_ptr_array_index (spans, j))->feature, features[i].id))
              next = g_ptr_array_index (spans, j);
          /* A short gap before it went back on is an off-test. */
          if (features[i].kind == LC_FEATURE_KIND_BROWSE && span->off_day != LC_DAY_NONE && next != NULL
              && next->on_day - span->off_day >= OFFTEST_MIN_DAYS && next->on_day - span->off_day <= OFFTEST_MAX_DAYS)
            {
              LcOffTest *t = lc_store_read_off_test (store, span->off_day, next->on_day - 1, NULL);

              if (t != NULL)
                {
                  g_ptr_array_add (offtests, t);
                  f->offtest = t;
                }
            }
        }
      if (any && s->has_orders)
        {
          g_autoptr(GError) local_error = NULL;
          LcEvaluation *e = lc_store_evaluate_feature (store, features[i].id, -1, (int) rules.evaluation_window_days,
                                                       LC_DAY_NONE, &local_error);

          if (e == NULL && !g_error_matches (local_error, LC_EVALUATE_ERROR, LC_EVALUATE_ERROR_NO_SWITCH)
              && !g_error_matches (local_error, LC_EVALUATE_ERROR, LC_EVALUATE_ERROR_BAD_METRIC))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (e != NULL)
            {
              g_ptr_array_add (evaluations, e);
              f->evaluation = e;
            }
          if (e != NULL && e->metric == LC_METRIC_UPT)
            {
              LcEvaluation *value = lc_store_evaluate_feature (store, features[i].id, LC_METRIC_AOV,
                                                               (int) rules.evaluation_window_days, LC_DAY_NONE, NULL);

              if (value != NULL)
                {
                  g_ptr_array_add (evaluations, value);
                  f->value_evaluation = value;
                }
            }
        }
    }

  advice = lc_advise (&in, &rules);
  if (advice == NULL)
    return NULL;

  /* The verdicts point at their evidence, which the advice keeps alive. */
  for (guint i = 0; i < advice->verdicts->len && i < LC_ADVISOR_N_FEATURES; i++)
    {
      LcVerdict *verdict = g_ptr_array_index (advice->verdicts, i);

      verdict->evaluation = in.features[i].evaluation;
      verdict->value_evaluation = in.features[i].value_evaluation;
      verdict->offtest = in.features[i].offtest;
    }
  advice->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (advice->evidence, g_steal_pointer (&evaluations));
  g_ptr_array_add (advice->evidence, g_steal_pointer (&offtests));

  return advice;
}
