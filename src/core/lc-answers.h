/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-metrics.h"

G_BEGIN_DECLS

#define LC_ANSWERS_ERROR (lc_answers_error_quark ())

typedef enum
{
  LC_ANSWERS_ERROR_UNKNOWN_KEY,  /* the message lists the accepted keys */
  LC_ANSWERS_ERROR_BAD_VALUE,    /* the message says what the key accepts */
} LcAnswersError;

typedef enum
{
  LC_ANSWER_SOURCE_STORE,     /* computed from the store's data */
  LC_ANSWER_SOURCE_OWNER,     /* overridden by the owner */
  LC_ANSWER_SOURCE_DEFAULT,   /* nothing known: the playbook's assumption */
  LC_ANSWER_SOURCE_ESTIMATE,  /* the built-in exchange rate, until confirmed */
  LC_ANSWER_SOURCE_UNKNOWN,   /* no value: the data does not say and nobody set it */
} LcAnswerSource;

/* One of the wizard's answers (DESIGN.md "answers" keys). value is the
 * canonical text ("0.0036", "3745065.12", "apparel", "yes", "2026-04-25"),
 * NULL when unknown; note says where it came from, for people. */
typedef struct
{
  char           *key;
  char           *value;
  LcAnswerSource  source;
  char           *note;
} LcAnswer;

/*
 * The wizard's answers, each pre-filled from the store and overridable:
 * usd_rate, annual_revenue_usd, active_skus, orders_per_month,
 * months_of_returns, return_rate, vertical, email_share, ab_capacity, then
 * per feature <feature>.on, <feature>.monthly_cost (store currency) and
 * <feature>.influenced_revenue (vendor-reported, store currency a year).
 * Overrides live in the store's settings as "answer.<key>"; usd_rate is the
 * "usd_rate" setting the summary already reads, and <feature>.on records a
 * switch in the feature timeline.
 */
typedef struct
{
  LcSummary *summary;   /* the store's own numbers the answers start from */
  GPtrArray *items;     /* element type LcAnswer, in the order above */
} LcAnswers;

GQuark          lc_answers_error_quark   (void);
const char     *lc_answer_source_to_string (LcAnswerSource source);
void            lc_answers_free          (LcAnswers       *answers);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcAnswers, lc_answers_free)

LcAnswers      *lc_store_load_answers    (LcStore         *store,
                                          GError         **error);
const LcAnswer *lc_answers_lookup        (const LcAnswers *answers,
                                          const char      *key);
/* The answer as a number (yes/no as 1/0), or NAN when unknown. */
double          lc_answers_get_number    (const LcAnswers *answers,
                                          const char      *key);
/* Validates and records an override; NULL or "" removes it, so the
 * answer is pre-filled again. */
gboolean        lc_store_set_answer      (LcStore         *store,
                                          const char      *key,
                                          const char      *value,
                                          GError         **error);
/* "usd_rate, annual_revenue_usd, …, <feature>.on, …" for messages. */
char           *lc_answers_dup_valid_keys (void);

G_END_DECLS
