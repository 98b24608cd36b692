/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-display.h"
#include "lc-format.h"
#include "lc-money.h"
#include "lc-overview-page-private.h"

/* The playbook's minimums, quoted to the owner beside their own numbers. */
#define RETURN_NUDGES_MIN_ORDERS_PER_MONTH 500
#define RETURN_NUDGES_MIN_MONTHS           6
#define CART_BUNDLES_MIN_ACTIVE_SKUS       50

struct _LcOverviewPage
{
  AdwBin          parent_instance;

  GtkLabel       *tier_badge;
  GtkLabel       *tier_meaning_label;
  LcHeadlineCard *orders_card;
  LcHeadlineCard *aov_card;
  LcHeadlineCard *upt_card;
  LcHeadlineCard *return_rate_card;
  LcHeadlineCard *revenue_card;
  LcHeadlineCard *orders_per_month_card;
  LcHeadlineCard *active_skus_card;
  LcHeadlineCard *months_of_returns_card;
};

G_DEFINE_FINAL_TYPE (LcOverviewPage, lc_overview_page, ADW_TYPE_BIN)

static const char *tier_css_classes[] = {
  "tier-unknown",
  "tier-under-2m",
  "tier-2m-10m",
  "tier-over-10m",
};

static char *
revenue_caption (const LcSummary *summary)
{
  LcDay start = MAX (summary->first_day, summary->last_day - 364);
  g_autofree char *period = lc_format_day_range (start, summary->last_day);
  g_autofree char *usd = NULL;

  if (g_strcmp0 (summary->currency, "USD") == 0)
    /* Translators: %s is a span of days, "1 Nov 2025 – 31 Oct 2026". */
    return g_strdup_printf (_("Sales after refunds, %s."), period);

  if (summary->usd_rate <= 0)
    /* Translators: %s is a span of days, "1 Nov 2025 – 31 Oct 2026". */
    return g_strdup_printf (_("Sales after refunds, %s. Liftcheck has no exchange rate to US dollars for this currency yet."), period);

  usd = lc_format_money_whole (summary->revenue_12m_usd, "USD");

  if (g_strcmp0 (summary->usd_rate_source, "owner") == 0)
    /* Translators: the first %s is a span of days, the second an amount in US dollars. */
    return g_strdup_printf (_("Sales after refunds, %s. About %s in US dollars, at the exchange rate you confirmed."), period, usd);

  /* Translators: the first %s is a span of days, the second an amount in US dollars. */
  return g_strdup_printf (_("Sales after refunds, %s. About %s in US dollars, at an estimated exchange rate."), period, usd);
}

static char *
orders_per_month_caption (double orders_per_month)
{
  int need = RETURN_NUDGES_MIN_ORDERS_PER_MONTH;

  if (orders_per_month >= need)
    return g_strdup_printf (ngettext ("Over the last 12 months. Enough for return-prevention nudges, which need %d order a month.",
                                      "Over the last 12 months. Enough for return-prevention nudges, which need %d orders a month.",
                                      need),
                            need);

  return g_strdup_printf (ngettext ("Over the last 12 months. Return-prevention nudges need %d order a month to work.",
                                    "Over the last 12 months. Return-prevention nudges need %d orders a month to work.",
                                    need),
                          need);
}

static char *
active_skus_caption (gint64 active_skus)
{
  int need = CART_BUNDLES_MIN_ACTIVE_SKUS;

  if (active_skus >= need)
    return g_strdup_printf (ngettext ("Products sold in the last 12 months. Enough for cart bundles, which need %d product.",
                                      "Products sold in the last 12 months. Enough for cart bundles, which need %d products.",
                                      need),
                            need);

  return g_strdup_printf (ngettext ("Products sold in the last 12 months. Cart bundles need at least %d product.",
                                    "Products sold in the last 12 months. Cart bundles need at least %d products.",
                                    need),
                          need);
}

static char *
months_of_returns_caption (int months)
{
  int need = RETURN_NUDGES_MIN_MONTHS;

  if (months >= need)
    return g_strdup_printf (ngettext ("How long refunds have been recorded. Enough for return-prevention nudges, which need %d month.",
                                      "How long refunds have been recorded. Enough for return-prevention nudges, which need %d months.",
                                      need),
                            need);

  return g_strdup_printf (ngettext ("How long refunds have been recorded. Return-prevention nudges need %d month of it.",
                                    "How long refunds have been recorded. Return-prevention nudges need %d months of it.",
                                    need),
                          need);
}

static void
lc_overview_page_class_init (LcOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (LC_TYPE_HEADLINE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, tier_badge);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, tier_meaning_label);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, orders_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, aov_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, upt_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, return_rate_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, revenue_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, orders_per_month_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, active_skus_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, months_of_returns_card);
}

static void
lc_overview_page_init (LcOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_overview_page_new (void)
{
  return g_object_new (LC_TYPE_OVERVIEW_PAGE, NULL);
}

void
lc_overview_page_set_summary (LcOverviewPage  *self,
                              const LcSummary *summary)
{
  g_autofree char *orders = NULL;
  g_autofree char *aov = NULL;
  g_autofree char *upt = NULL;
  g_autofree char *return_rate = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *revenue_text = NULL;
  g_autofree char *orders_per_month = NULL;
  g_autofree char *orders_per_month_text = NULL;
  g_autofree char *active_skus = NULL;
  g_autofree char *active_skus_text = NULL;
  g_autofree char *months_of_returns = NULL;
  g_autofree char *months_of_returns_text = NULL;
  guint tier;

  g_return_if_fail (LC_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (summary != NULL);

  tier = summary->tier < G_N_ELEMENTS (tier_css_classes) ? summary->tier : LC_TIER_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (tier_css_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tier_badge), tier_css_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->tier_badge), tier_css_classes[tier]);
  gtk_label_set_label (self->tier_badge, lc_tier_get_title (tier));
  gtk_label_set_label (self->tier_meaning_label, lc_tier_get_advice (tier));

  orders = lc_display_count (summary->orders);
  lc_headline_card_set_value (self->orders_card, orders);

  aov = lc_format_money (summary->aov, summary->currency);
  lc_headline_card_set_value (self->aov_card, aov);

  upt = lc_format_ratio (summary->upt);
  lc_headline_card_set_value (self->upt_card, upt);

  return_rate = lc_format_percent (summary->return_rate);
  lc_headline_card_set_value (self->return_rate_card, return_rate);

  revenue = lc_format_money_whole (lc_money_to_double (summary->revenue_12m, summary->exponent),
                                   summary->currency);
  revenue_text = revenue_caption (summary);
  lc_headline_card_set_value (self->revenue_card, revenue);
  lc_headline_card_set_caption (self->revenue_card, revenue_text);

  /* A small store's monthly count needs its decimal to mean anything. */
  if (summary->orders_per_month < 10)
    orders_per_month = g_strdup_printf ("%.1f", summary->orders_per_month);
  else
    orders_per_month = lc_display_count ((gint64) round (summary->orders_per_month));
  orders_per_month_text = orders_per_month_caption (summary->orders_per_month);
  lc_headline_card_set_value (self->orders_per_month_card, orders_per_month);
  lc_headline_card_set_caption (self->orders_per_month_card, orders_per_month_text);

  active_skus = lc_display_count (summary->active_skus_12m);
  active_skus_text = active_skus_caption (summary->active_skus_12m);
  lc_headline_card_set_value (self->active_skus_card, active_skus);
  lc_headline_card_set_caption (self->active_skus_card, active_skus_text);

  months_of_returns = lc_display_count (summary->months_of_returns);
  months_of_returns_text = months_of_returns_caption (summary->months_of_returns);
  lc_headline_card_set_value (self->months_of_returns_card, months_of_returns);
  lc_headline_card_set_caption (self->months_of_returns_card, months_of_returns_text);
}

LcHeadlineCard *
lc_overview_page_get_card (LcOverviewPage *self,
                           const char     *card_id)
{
  GObject *child;

  g_return_val_if_fail (LC_IS_OVERVIEW_PAGE (self), NULL);

  child = gtk_widget_get_template_child (GTK_WIDGET (self), LC_TYPE_OVERVIEW_PAGE, card_id);

  return LC_IS_HEADLINE_CARD (child) ? LC_HEADLINE_CARD (child) : NULL;
}

GtkLabel *
lc_overview_page_get_tier_badge (LcOverviewPage *self)
{
  g_return_val_if_fail (LC_IS_OVERVIEW_PAGE (self), NULL);

  return self->tier_badge;
}
