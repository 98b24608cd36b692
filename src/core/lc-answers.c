/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-answers"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-answers.h"
#include "lc-display.h"
#include "lc-feature.h"

G_DEFINE_QUARK (lc-answers-error-quark, lc_answers_error)

typedef enum
{
  KIND_RATE,      /* a positive number */
  KIND_MONEY,     /* a number >= 0, two decimals */
  KIND_COUNT,     /* a whole number >= 0 */
  KIND_FRACTION,  /* 0 to 1 */
  KIND_VERTICAL,
  KIND_YES_NO,
  KIND_DAY,
} AnswerKind;

static const struct
{
  const char *key;
  AnswerKind  kind;
} global_keys[] = {
  { "usd_rate", KIND_RATE },
  { "annual_revenue_usd", KIND_MONEY },
  { "active_skus", KIND_COUNT },
  { "orders_per_month", KIND_MONEY },
  { "months_of_returns", KIND_COUNT },
  { "return_rate", KIND_FRACTION },
  { "vertical", KIND_VERTICAL },
  { "email_share", KIND_FRACTION },
  { "ab_capacity", KIND_YES_NO },
};

static const struct
{
  const char *suffix;
  AnswerKind  kind;
} feature_keys[] = {
  { "on", KIND_DAY },
  { "monthly_cost", KIND_MONEY },
  { "influenced_revenue", KIND_MONEY },
};

static const char * const verticals[] = { "apparel", "furniture", "electronics", "other" };

const char *
lc_answer_source_to_string (LcAnswerSource source)
{
  switch (source)
    {
    case LC_ANSWER_SOURCE_STORE:
      return "store";
    case LC_ANSWER_SOURCE_OWNER:
      return "owner";
    case LC_ANSWER_SOURCE_DEFAULT:
      return "default";
    case LC_ANSWER_SOURCE_ESTIMATE:
      return "estimate";
    case LC_ANSWER_SOURCE_UNKNOWN:
    default:
      return "unknown";
    }
}

static void
lc_answer_free (LcAnswer *answer)
{
  g_free (answer->key);
  g_free (answer->value);
  g_free (answer->note);
  g_free (answer);
}

void
lc_answers_free (LcAnswers *answers)
{
  g_clear_pointer (&answers->summary, lc_summary_free);
  g_clear_pointer (&answers->items, g_ptr_array_unref);
  g_free (answers);
}

char *
lc_answers_dup_valid_keys (void)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (global_keys); i++)
    g_string_append_printf (keys, "%s, ", global_keys[i].key);
  for (guint i = 0; i < G_N_ELEMENTS (feature_keys); i++)
    g_string_append_printf (keys, "FEATURE.%s, ", feature_keys[i].suffix);
  g_string_truncate (keys, keys->len - 2);
  return g_string_free (keys, FALSE);
}

/* Splits "cart-bundles.on" into its feature and kind; FALSE for a key that
 * is not an answer. */
static gboolean
lookup_key (const char           *key,
            AnswerKind           *kind,
            const LcFeatureInfo **feature,
            const char          **suffix)
{
  const char *dot;

  *feature = NULL;
  *suffix = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (global_keys); i++)
    if (g_str_equal (key, global_keys[i].key))
      {
        *kind = global_keys[i].kind;
        return TRUE;
      }

  dot = strchr (key, '.');
  if (dot == NULL)
    return FALSE;
  {
    g_autofree char *id = g_strndup (key, dot - key);

    *feature = lc_feature_lookup (id);
  }
  if (*feature == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (feature_keys); i++)
    if (g_str_equal (dot + 1, feature_keys[i].suffix))
      {
        *kind = feature_keys[i].kind;
        *suffix = feature_keys[i].suffix;
        return TRUE;
      }
  return FALSE;
}

static char *
format_number (AnswerKind kind,
               double     value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (kind)
    {
    case KIND_COUNT:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.0f", value));
    case KIND_MONEY:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
    case KIND_FRACTION:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
    case KIND_RATE:
    default:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
    }
}

/* Checks value against kind and returns its canonical text. */
static char *
canonical_value (const char  *key,
                 AnswerKind   kind,
                 const char  *value,
                 GError     **error)
{
  const char *accepted = NULL;
  char *end = NULL;
  double number;

  switch (kind)
    {
    case KIND_VERTICAL:
      for (guint i = 0; i < G_N_ELEMENTS (verticals); i++)
        if (g_str_equal (value, verticals[i]))
          return g_strdup (value);
      accepted = _("apparel, furniture, electronics or other");
      break;

    case KIND_YES_NO:
      if (g_str_equal (value, "yes") || g_str_equal (value, "no"))
        return g_strdup (value);
      accepted = _("yes or no");
      break;

    case KIND_DAY:
      {
        LcDay day;

        if (lc_day_parse (value, &day, NULL))
          return lc_day_format (day);
        accepted = _("a date as YYYY-MM-DD");
      }
      break;

    case KIND_RATE:
    case KIND_MONEY:
    case KIND_COUNT:
    case KIND_FRACTION:
    default:
      number = g_ascii_strtod (value, &end);
      if (end != value && *end == '\0' && isfinite (number))
        {
          if (kind == KIND_RATE && number > 0)
            return format_number (kind, number);
          if (kind == KIND_MONEY && number >= 0)
            return format_number (kind, number);
          if (kind == KIND_COUNT && number >= 0 && number == floor (number))
            return format_number (kind, number);
          if (kind == KIND_FRACTION && number >= 0 && number <= 1)
            return format_number (kind, number);
        }
      if (kind == KIND_RATE)
        accepted = _("a number above 0 (US dollars for one unit of the store’s currency)");
      else if (kind == KIND_MONEY)
        accepted = _("a number, 0 or more");
      else if (kind == KIND_COUNT)
        accepted = _("a whole number, 0 or more");
      else
        accepted = _("a fraction from 0 to 1, such as 0.25");
      break;
    }

  /* TRANSLATORS: "“vertical” can’t be “toys”: use apparel, furniture, electronics or other." */
  g_set_error (error, LC_ANSWERS_ERROR, LC_ANSWERS_ERROR_BAD_VALUE,
               _("“%s” can’t be “%s”: use %s."), key, value, accepted);
  return NULL;
}

static char *
setting_key (const char *key)
{
  /* The summary reads the confirmed rate from this setting. */
  if (g_str_equal (key, "usd_rate"))
    return g_strdup ("usd_rate");
  return g_strconcat ("answer.", key, NULL);
}

static void
add_answer (LcAnswers      *answers,
            const char     *key,
            char           *value,
            LcAnswerSource  source,
            char           *note)
{
  LcAnswer *answer = g_new0 (LcAnswer, 1);

  answer->key = g_strdup (key);
  answer->value = value;
  answer->source = source;
  answer->note = note;
  g_ptr_array_add (answers->items, answer);
}

/* Adds key with the owner's override when there is one, else the store's
 * value (NULL: unknown) with its note. Takes value and note. */
static void
add_prefilled (LcAnswers      *answers,
               LcStore        *store,
               const char     *key,
               char           *value,
               LcAnswerSource  source,
               char           *note)
{
  g_autofree char *skey = setting_key (key);
  g_autofree char *override = lc_store_dup_setting (store, skey);
  AnswerKind kind;
  const LcFeatureInfo *feature;
  const char *suffix;
  g_autofree char *checked = NULL;

  lookup_key (key, &kind, &feature, &suffix);
  if (override != NULL)
    checked = canonical_value (key, kind, override, NULL);
  if (checked != NULL)
    {
      g_free (value);
      g_free (note);
      add_answer (answers, key, g_steal_pointer (&checked), LC_ANSWER_SOURCE_OWNER,
                  g_strdup (_("set by the owner")));
      return;
    }
  add_answer (answers, key, value, value != NULL ? source : LC_ANSWER_SOURCE_UNKNOWN, note);
}

static void
add_features (LcAnswers *answers,
              LcStore   *store,
              GPtrArray *spans)
{
  const LcSummary *s = answers->summary;
  double divisor = pow (10, s->exponent);
  guint n_features;
  const LcFeatureInfo *features = lc_feature_list (&n_features);

  for (guint f = 0; f < n_features; f++)
    {
      const LcFeatureSpan *last = NULL;
      g_autofree char *on_key = g_strconcat (features[f].id, ".on", NULL);
      g_autofree char *cost_key = g_strconcat (features[f].id, ".monthly_cost", NULL);
      g_autofree char *influenced_key = g_strconcat (features[f].id, ".influenced_revenue", NULL);
      char *on = NULL;
      char *on_note;
      char *cost = NULL;

      for (guint i = 0; i < spans->len; i++)
        {
          const LcFeatureSpan *span = g_ptr_array_index (spans, i);

          if (g_str_equal (span->feature, features[f].id))
            last = span;
        }

      if (last != NULL && last->off_day == LC_DAY_NONE)
        {
          on = lc_day_format (last->on_day);
          on_note = g_strdup (_("from the feature timeline"));
        }
      else if (last != NULL)
        {
          g_autofree char *off = lc_display_day (last->off_day);

          /* TRANSLATORS: %s is a day, e.g. "switched off on 25 Aug 2026" */
          on_note = g_strdup_printf (_("off: switched off on %s"), off);
        }
      else
        {
          on_note = g_strdup (_("off: no switch recorded"));
        }
      /* The timeline is the only place a switch lives. */
      add_answer (answers, on_key, on, on != NULL ? LC_ANSWER_SOURCE_STORE : LC_ANSWER_SOURCE_UNKNOWN, on_note);

      if (last != NULL && last->monthly_cost >= 0)
        cost = format_number (KIND_MONEY, last->monthly_cost / divisor);
      add_prefilled (answers, store, cost_key, cost, LC_ANSWER_SOURCE_STORE,
                     g_strdup (cost != NULL ? _("from the feature timeline") : _("not given")));
      add_prefilled (answers, store, influenced_key, NULL, LC_ANSWER_SOURCE_UNKNOWN,
                     g_strdup (_("not given: what the vendor’s dashboard reports a year")));
    }
}

LcAnswers *
lc_store_load_answers (LcStore  *store,
                       GError  **error)
{
  g_autoptr(LcAnswers) answers = g_new0 (LcAnswers, 1);
  g_autoptr(GPtrArray) spans = NULL;
  const LcSummary *s;
  double divisor;
  double revenue_usd;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  answers->items = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_answer_free);
  answers->summary = lc_store_compute_summary (store, error);
  if (answers->summary == NULL)
    return NULL;
  spans = lc_store_list_feature_spans (store, error);
  if (spans == NULL)
    return NULL;
  s = answers->summary;
  divisor = pow (10, s->exponent);

  /* usd_rate: the summary has already applied the owner's rate. */
  if (g_strcmp0 (s->usd_rate_source, "owner") == 0)
    add_answer (answers, "usd_rate", format_number (KIND_RATE, s->usd_rate), LC_ANSWER_SOURCE_OWNER,
                g_strdup (_("confirmed by the owner")));
  else if (g_strcmp0 (s->usd_rate_source, "currency") == 0)
    add_answer (answers, "usd_rate", format_number (KIND_RATE, 1.0), LC_ANSWER_SOURCE_STORE,
                g_strdup (_("the store sells in US dollars")));
  else if (s->usd_rate > 0)
    /* TRANSLATORS: %s is a currency code, e.g. "PKR" */
    add_answer (answers, "usd_rate", format_number (KIND_RATE, s->usd_rate), LC_ANSWER_SOURCE_ESTIMATE,
                g_strdup_printf (_("a built-in approximate rate for %s; confirm it with usd_rate=RATE"), s->currency));
  else
    add_answer (answers, "usd_rate", NULL, LC_ANSWER_SOURCE_UNKNOWN,
                g_strdup (s->has_orders ? _("no rate known for this currency; set it with usd_rate=RATE")
                                        : _("no orders imported yet")));

  revenue_usd = s->revenue_12m_usd;
  if (s->has_orders && revenue_usd >= 0)
    {
      g_autofree char *money = lc_display_money (s->revenue_12m / divisor, s->currency, 0);
      g_autofree char *last = lc_display_day (s->last_day);

      add_prefilled (answers, store, "annual_revenue_usd", format_number (KIND_MONEY, revenue_usd), LC_ANSWER_SOURCE_STORE,
                     /* TRANSLATORS: "$3,745,065 after refunds in the 365 days to 31 Oct 2026" */
                     g_strdup_printf (_("%s after refunds in the 365 days to %s"), money, last));
    }
  else
    {
      add_prefilled (answers, store, "annual_revenue_usd", NULL, LC_ANSWER_SOURCE_UNKNOWN,
                     g_strdup (_("needs imported orders and an exchange rate")));
    }

  if (s->has_orders)
    {
      g_autofree char *first = lc_display_day (s->first_day);
      g_autofree char *last = lc_display_day (s->last_day);

      add_prefilled (answers, store, "active_skus", format_number (KIND_COUNT, s->active_skus_12m), LC_ANSWER_SOURCE_STORE,
                     g_strdup (_("different items sold in the last 12 months")));
      add_prefilled (answers, store, "orders_per_month", format_number (KIND_MONEY, s->orders_per_month), LC_ANSWER_SOURCE_STORE,
                     g_strdup (_("counted orders a month over the last 12 months")));
      add_prefilled (answers, store, "months_of_returns", format_number (KIND_COUNT, s->months_of_returns), LC_ANSWER_SOURCE_STORE,
                     /* TRANSLATORS: "orders with their refunds from 1 Nov 2024 to 31 Oct 2026" */
                     g_strdup_printf (_("orders with their refunds from %s to %s"), first, last));
      add_prefilled (answers, store, "return_rate", format_number (KIND_FRACTION, s->return_rate), LC_ANSWER_SOURCE_STORE,
                     g_strdup (_("share of sales refunded, over every imported day")));
    }
  else
    {
      add_prefilled (answers, store, "active_skus", NULL, LC_ANSWER_SOURCE_UNKNOWN, g_strdup (_("no orders imported yet")));
      add_prefilled (answers, store, "orders_per_month", NULL, LC_ANSWER_SOURCE_UNKNOWN, g_strdup (_("no orders imported yet")));
      add_prefilled (answers, store, "months_of_returns", NULL, LC_ANSWER_SOURCE_UNKNOWN, g_strdup (_("no orders imported yet")));
      add_prefilled (answers, store, "return_rate", NULL, LC_ANSWER_SOURCE_UNKNOWN, g_strdup (_("no orders imported yet")));
    }

  add_prefilled (answers, store, "vertical", g_strdup ("other"), LC_ANSWER_SOURCE_DEFAULT,
                 g_strdup (_("not set: apparel, furniture, electronics or other")));

  if (s->email_share >= 0)
    {
      g_autofree char *from = lc_display_day (s->email_from);
      g_autofree char *to = lc_display_day (s->email_to);

      add_prefilled (answers, store, "email_share", format_number (KIND_FRACTION, s->email_share), LC_ANSWER_SOURCE_STORE,
                     /* TRANSLATORS: "from e-mail reports covering 1 Nov 2025 to 31 Oct 2026" */
                     g_strdup_printf (_("from e-mail reports covering %s to %s"), from, to));
    }
  else
    {
      add_prefilled (answers, store, "email_share", NULL, LC_ANSWER_SOURCE_UNKNOWN,
                     g_strdup (_("no e-mail report imported; set it with email_share=0.3")));
    }

  add_prefilled (answers, store, "ab_capacity", g_strdup ("no"), LC_ANSWER_SOURCE_DEFAULT,
                 g_strdup (_("assumed no: set ab_capacity=yes if someone can design and read A/B tests")));

  add_features (answers, store, spans);
  return g_steal_pointer (&answers);
}

const LcAnswer *
lc_answers_lookup (const LcAnswers *answers,
                   const char      *key)
{
  for (guint i = 0; i < answers->items->len; i++)
    {
      const LcAnswer *answer = g_ptr_array_index (answers->items, i);

      if (g_str_equal (answer->key, key))
        return answer;
    }
  return NULL;
}

double
lc_answers_get_number (const LcAnswers *answers,
                       const char      *key)
{
  const LcAnswer *answer = lc_answers_lookup (answers, key);

  if (answer == NULL || answer->value == NULL)
    return NAN;
  if (g_str_equal (answer->value, "yes"))
    return 1;
  if (g_str_equal (answer->value, "no"))
    return 0;
  return g_ascii_strtod (answer->value, NULL);
}

gboolean
lc_store_set_answer (LcStore     *store,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *skey = NULL;
  const LcFeatureInfo *feature;
  const char *suffix;
  AnswerKind kind;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  if (!lookup_key (key, &kind, &feature, &suffix))
    {
      g_autofree char *keys = lc_answers_dup_valid_keys ();
      g_autofree char *ids = lc_feature_dup_valid_ids ();

      /* TRANSLATORS: the first %s is the key given, the second the keys accepted, the third the feature ids */
      g_set_error (error, LC_ANSWERS_ERROR, LC_ANSWERS_ERROR_UNKNOWN_KEY,
                   _("“%s” is not one of the answers. The answers are: %s; FEATURE is one of: %s."),
                   key, keys, ids);
      return FALSE;
    }

  if (kind == KIND_DAY)
    {
      LcDay day;

      if (value == NULL || *value == '\0')
        {
          g_set_error (error, LC_ANSWERS_ERROR, LC_ANSWERS_ERROR_BAD_VALUE,
                       _("A recorded switch stays in the timeline; to say when %s went off, use: liftcheck-cli feature STORE %s --on DATE --off DATE."),
                       feature->id, feature->id);
          return FALSE;
        }
      canonical = canonical_value (key, kind, value, error);
      if (canonical == NULL || !lc_day_parse (canonical, &day, error))
        return FALSE;
      return lc_store_add_feature_span (store, feature->id, day, LC_DAY_NONE, -1, error);
    }

  skey = setting_key (key);
  if (value == NULL || *value == '\0')
    return lc_store_set_setting (store, skey, NULL, error);
  canonical = canonical_value (key, kind, value, error);
  if (canonical == NULL)
    return FALSE;
  return lc_store_set_setting (store, skey, canonical, error);
}
