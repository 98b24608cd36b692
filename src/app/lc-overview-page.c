/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-chart-view.h"
#include "lc-display.h"
#include "lc-feature-markers.h"
#include "lc-format.h"
#include "lc-money.h"
#include "lc-overview-page-private.h"


/* The playbook's minimums, quoted to the owner beside their own numbers. */
#define RETURN_NUDGES_MIN_ORDERS_PER_MONTH 500
#define RETURN_NUDGES_MIN_MONTHS           6
#define CART_BUNDLES_MIN_ACTIVE_SKUS       50

struct _LcOverviewPage
{
  AdwBin            parent_instance;

  const LcAnalysis *analysis;
  LcLookback        lookback;

  GtkLabel       *tier_badge;
  GtkLabel       *tier_meaning_label;
  GtkLabel       *tier_revenue_label;
  GtkFlowBox     *charts_box;
  LcChartView    *charts[4];
  GtkToggleButton *period_90_days;
  GtkToggleButton *period_6_months;
  GtkToggleButton *period_12_months;
  GtkToggleButton *period_all;
  LcHeadlineCard *orders_card;
  LcHeadlineCard *aov_card;
  LcHeadlineCard *upt_card;
  LcHeadlineCard *return_rate_card;
  LcHeadlineCard *revenue_card;
  LcHeadlineCard *orders_per_month_card;
  LcHeadlineCard *active_skus_card;
  LcHeadlineCard *months_of_returns_card;
  AdwPreferencesGroup *shopify_group;
  AdwActionRow   *shopify_row;
  AdwPreferencesGroup *pending_group;
  AdwActionRow   *pending_row;

  gint64          last_sync_utc;
  /* Keeps "Last synced 5 minutes ago" true while the page shows. */
  guint           last_sync_timeout_id;
};

G_DEFINE_FINAL_TYPE (LcOverviewPage, lc_overview_page, ADW_TYPE_BIN)

/* A chart's place in the flow box. GtkFlowBoxChild wants the focus on
 * itself before its content, and keeps Tab there when it cannot take it;
 * this one leads Tab straight into the chart and out again. */
#define LC_TYPE_CHART_CELL (lc_chart_cell_get_type ())
G_DECLARE_FINAL_TYPE (LcChartCell, lc_chart_cell, LC, CHART_CELL, GtkFlowBoxChild)

struct _LcChartCell
{
  GtkFlowBoxChild parent_instance;
};

G_DEFINE_FINAL_TYPE (LcChartCell, lc_chart_cell, GTK_TYPE_FLOW_BOX_CHILD)

static gboolean
lc_chart_cell_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  GtkWidget *chart = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (widget));

  return chart != NULL && gtk_widget_child_focus (chart, direction);
}

static void
lc_chart_cell_class_init (LcChartCellClass *klass)
{
  GTK_WIDGET_CLASS (klass)->focus = lc_chart_cell_focus;
}

static void
lc_chart_cell_init (LcChartCell *self)
{
}

static const char *tier_css_classes[] = {
  "tier-unknown",
  "tier-under-2m",
  "tier-2m-10m",
  "tier-over-10m",
};

static void on_period_toggled              (LcOverviewPage  *self,
                                            GtkToggleButton *button);

static char *
revenue_caption (const LcSummary *summary)
{
  LcDay start = MAX (summary->first_day, summary->last_day - 364);
  g_autofree char *period = lc_format_day_range (start, summary->last_day);
  g_autofree char *amount = lc_format_money_whole (lc_money_to_double (summary->revenue_12m, summary->exponent),
                                                   summary->currency);
  g_autofree char *usd = NULL;

  if (g_strcmp0 (summary->currency, "USD") == 0)
    /* Translators: the first %s is an amount, the second a span of days,
     * "1 Nov 2025 – 31 Oct 2026". */
    return g_strdup_printf (_("%s in sales after refunds over the last 12 months (%s)."), amount, period);

  if (summary->usd_rate <= 0)
    /* Translators: the first %s is an amount, the second a span of days. */
    return g_strdup_printf (_("%s in sales after refunds over the last 12 months (%s). Liftcheck has no exchange rate to US dollars for this currency yet."), amount, period);

  usd = lc_format_money_whole (summary->revenue_12m_usd, "USD");

  if (g_strcmp0 (summary->usd_rate_source, "owner") == 0)
    /* Translators: the first %s is an amount, the second a span of days,
     * the third an amount in US dollars. */
    return g_strdup_printf (_("%s in sales after refunds over the last 12 months (%s), about %s in US dollars at the exchange rate you confirmed."), amount, period, usd);

  /* Translators: the first %s is an amount, the second a span of days, the
   * third an amount in US dollars. */
  return g_strdup_printf (_("%s in sales after refunds over the last 12 months (%s), about %s in US dollars at an estimated exchange rate."), amount, period, usd);
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

/* The charts, in the order of the headline cards. */
static const LcMetric chart_metrics[] = {
  LC_METRIC_AOV,
  LC_METRIC_UPT,
  LC_METRIC_RETURN_RATE,
  LC_METRIC_REVENUE,
};


static void
lc_overview_page_update_charts (LcOverviewPage *self)
{
  const LcSummary *summary = self->analysis->summary;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) markers = NULL;
  LcDay from, to;

  lc_lookback_get_range (self->lookback, summary->first_day, summary->last_day, &from, &to);
  markers = lc_feature_markers_collect (self->analysis, NULL, from, to, labels);

  for (guint i = 0; i < G_N_ELEMENTS (self->charts); i++)
    {
      LcChartView *chart = self->charts[i];

      lc_chart_view_set_daily (chart, self->analysis->daily, chart_metrics[i], from, to,
                               summary->last_day, summary->currency, summary->exponent);
      lc_chart_view_set_markers (chart, (const LcChartMarker *) markers->data, markers->len);
    }
}

static void
lc_overview_page_add_charts (LcOverviewPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->charts); i++)
    {
      GtkWidget *child = g_object_new (LC_TYPE_CHART_CELL, NULL);
      GtkWidget *chart = lc_chart_view_new ();

      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_add_css_class (chart, "card");
      lc_chart_view_set_title (LC_CHART_VIEW (chart), lc_format_metric_heading (chart_metrics[i]));
      lc_chart_view_set_band_kind (LC_CHART_VIEW (chart), LC_CHART_BAND_NORMAL);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), chart);
      gtk_flow_box_append (self->charts_box, child);
      self->charts[i] = LC_CHART_VIEW (chart);
    }
}

static void
lc_overview_page_dispose (GObject *object)
{
  LcOverviewPage *self = LC_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->last_sync_timeout_id, g_source_remove);

  G_OBJECT_CLASS (lc_overview_page_parent_class)->dispose (object);
}

static void
lc_overview_page_class_init (LcOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_overview_page_dispose;

  g_type_ensure (LC_TYPE_HEADLINE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, tier_badge);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, tier_meaning_label);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, tier_revenue_label);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, period_90_days);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, period_6_months);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, period_12_months);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, period_all);
  gtk_widget_class_bind_template_callback (widget_class, on_period_toggled);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, orders_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, aov_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, upt_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, return_rate_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, revenue_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, orders_per_month_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, active_skus_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, months_of_returns_card);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, shopify_group);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, shopify_row);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, pending_group);
  gtk_widget_class_bind_template_child (widget_class, LcOverviewPage, pending_row);
}

static void
lc_overview_page_init (LcOverviewPage *self)
{
  self->lookback = LC_LOOKBACK_12_MONTHS;
  self->last_sync_utc = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  lc_overview_page_add_charts (self);
}

GtkWidget *
lc_overview_page_new (void)
{
  return g_object_new (LC_TYPE_OVERVIEW_PAGE, NULL);
}

/* The change of a headline number against the same days a year earlier,
 * under its value. better is +1 when a rise is good news, -1 when a fall
 * is (returns). */
static void
set_change (LcOverviewPage        *self,
            LcHeadlineCard        *card,
            const LcPeriodMetrics *now,
            const LcPeriodMetrics *before,
            double                 value_now,
            double                 value_before,
            LcMetric               metric,
            int                    better)
{
  g_autofree char *change = NULL;
  g_autofree char *text = NULL;
  double delta;
  int direction;

  if (before == NULL || !before->has_orders || !now->has_orders)
    {
      lc_headline_card_set_change (card,
                                   self->lookback == LC_LOOKBACK_ALL
                                   ? NULL
                                   : _("No orders a year earlier to compare with"),
                                   0);
      return;
    }

  if (metric == LC_METRIC_RETURN_RATE)
    {
      delta = value_now - value_before;
      change = lc_format_metric_change (delta, metric, NULL);
    }
  else
    {
      delta = value_before != 0 ? value_now / value_before - 1.0 : 0.0;
      change = lc_format_relative_change (delta);
    }

  /* Translators: %s is a change such as "+4.3%" or "−0.8 points". */
  text = g_strdup_printf (_("%s on the same days a year earlier"), change);
  direction = fabs (delta) < 0.005 ? 0 : (delta > 0 ? better : -better);
  lc_headline_card_set_change (card, text, direction);
}

static void
lc_overview_page_update_period (LcOverviewPage *self)
{
  const LcSummary *summary = self->analysis->summary;
  LcPeriodMetrics now, before;
  gboolean has_before;
  LcDay from, to;
  g_autofree char *aov = NULL;
  g_autofree char *upt = NULL;
  g_autofree char *return_rate = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *period = NULL;
  g_autofree char *revenue_caption_text = NULL;

  lc_lookback_get_range (self->lookback, summary->first_day, summary->last_day, &from, &to);
  lc_period_metrics_compute (self->analysis->daily, from, to, summary->exponent, &now);
  has_before = lc_lookback_get_year_before (self->lookback, summary->first_day, summary->last_day, &from, &to);
  if (has_before)
    lc_period_metrics_compute (self->analysis->daily, from, to, summary->exponent, &before);

  aov = lc_format_money (now.aov, summary->currency);
  lc_headline_card_set_value (self->aov_card, aov);
  set_change (self, self->aov_card, &now, has_before ? &before : NULL, now.aov, before.aov, LC_METRIC_AOV, +1);

  upt = lc_format_ratio (now.upt);
  lc_headline_card_set_value (self->upt_card, upt);
  set_change (self, self->upt_card, &now, has_before ? &before : NULL, now.upt, before.upt, LC_METRIC_UPT, +1);

  return_rate = lc_format_percent (now.return_rate);
  lc_headline_card_set_value (self->return_rate_card, return_rate);
  set_change (self, self->return_rate_card, &now, has_before ? &before : NULL,
              now.return_rate, before.return_rate, LC_METRIC_RETURN_RATE, -1);

  revenue = lc_format_money_whole (now.revenue, summary->currency);
  lc_headline_card_set_value (self->revenue_card, revenue);
  set_change (self, self->revenue_card, &now, has_before ? &before : NULL,
              now.revenue, before.revenue, LC_METRIC_REVENUE, +1);
  period = lc_format_day_range (now.from, now.to);
  /* Translators: %s is a span of days, "1 Nov 2025 – 31 Oct 2026". */
  revenue_caption_text = g_strdup_printf (_("Sales after refunds, %s."), period);
  lc_headline_card_set_caption (self->revenue_card, revenue_caption_text);

  lc_overview_page_update_charts (self);
}

static void
on_period_toggled (LcOverviewPage  *self,
                   GtkToggleButton *button)
{
  LcLookback lookback;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->period_90_days)
    lookback = LC_LOOKBACK_90_DAYS;
  else if (button == self->period_6_months)
    lookback = LC_LOOKBACK_6_MONTHS;
  else if (button == self->period_all)
    lookback = LC_LOOKBACK_ALL;
  else
    lookback = LC_LOOKBACK_12_MONTHS;

  lc_overview_page_set_lookback (self, lookback);
}

void
lc_overview_page_set_lookback (LcOverviewPage *self,
                               LcLookback      lookback)
{
  GtkToggleButton *buttons[] = {
    self->period_90_days, self->period_6_months, self->period_12_months, self->period_all,
  };

  g_return_if_fail (LC_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (lookback <= LC_LOOKBACK_ALL);

  self->lookback = lookback;
  if (!gtk_toggle_button_get_active (buttons[lookback]))
    gtk_toggle_button_set_active (buttons[lookback], TRUE);

  if (self->analysis != NULL)
    lc_overview_page_update_period (self);
}

void
lc_overview_page_set_analysis (LcOverviewPage   *self,
                               const LcAnalysis *analysis)
{
  const LcSummary *summary;
  g_autofree char *orders = NULL;
  g_autofree char *revenue_text = NULL;
  g_autofree char *orders_per_month = NULL;
  g_autofree char *orders_per_month_text = NULL;
  g_autofree char *active_skus = NULL;
  g_autofree char *active_skus_text = NULL;
  g_autofree char *months_of_returns = NULL;
  g_autofree char *months_of_returns_text = NULL;
  guint tier;

  g_return_if_fail (LC_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (analysis != NULL && analysis->summary->has_orders);

  self->analysis = analysis;
  summary = analysis->summary;

  /* The advice's tier follows the owner's answers (a confirmed revenue or
   * exchange rate) where the summary only has the data. */
  tier = analysis->advice->tier != LC_TIER_UNKNOWN ? analysis->advice->tier : summary->tier;
  if (tier >= G_N_ELEMENTS (tier_css_classes))
    tier = LC_TIER_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (tier_css_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tier_badge), tier_css_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->tier_badge), tier_css_classes[tier]);
  gtk_label_set_label (self->tier_badge, lc_tier_get_title (tier));
  gtk_label_set_label (self->tier_meaning_label, lc_tier_get_advice (tier));
  revenue_text = revenue_caption (summary);
  gtk_label_set_label (self->tier_revenue_label, revenue_text);

  orders = lc_display_count (summary->orders);
  lc_headline_card_set_value (self->orders_card, orders);

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

  gtk_widget_set_visible (GTK_WIDGET (self->pending_group), summary->pending_orders > 0);
  if (summary->pending_orders > 0)
    {
      g_autofree char *pending = lc_display_count (summary->pending_orders);
      g_autofree char *title = NULL;

      /* Translators: %s is a count of orders whose other half is in a file not imported yet. */
      title = g_strdup_printf (ngettext ("%s more order waits for its other half",
                                         "%s more orders wait for their other half",
                                         (gulong) summary->pending_orders),
                               pending);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pending_row), title);
      adw_action_row_set_subtitle (self->pending_row,
                                   ngettext ("Its items, or its date and prices, are not in the store, so it is in none of these figures. An Olist order counts once both Olist’s orders file and its order items file are imported; Instacart’s files have no dates or prices, so its orders never count.",
                                             "Their items, or their dates and prices, are not in the store, so they are in none of these figures. An Olist order counts once both Olist’s orders file and its order items file are imported; Instacart’s files have no dates or prices, so its orders never count.",
                                             (gulong) summary->pending_orders));
    }

  lc_overview_page_update_period (self);
}

static void
lc_overview_page_update_last_sync (LcOverviewPage *self)
{
  g_autofree char *text = lc_format_last_sync (self->last_sync_utc, g_get_real_time () / G_USEC_PER_SEC);

  adw_action_row_set_subtitle (self->shopify_row, text);
}

static gboolean
on_last_sync_timeout (gpointer user_data)
{
  lc_overview_page_update_last_sync (LC_OVERVIEW_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

void
lc_overview_page_set_shopify (LcOverviewPage *self,
                              const char     *shop,
                              gint64          last_sync_utc)
{
  g_autofree char *title = NULL;

  g_return_if_fail (LC_IS_OVERVIEW_PAGE (self));

  g_clear_handle_id (&self->last_sync_timeout_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->shopify_group), shop != NULL);
  if (shop == NULL)
    return;

  /* Translators: %s is a shop's address, such as my-store.myshopify.com. */
  title = g_strdup_printf (_("Connected to %s"), shop);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->shopify_row), title);
  self->last_sync_utc = last_sync_utc;
  lc_overview_page_update_last_sync (self);
  self->last_sync_timeout_id = g_timeout_add_seconds (30, on_last_sync_timeout, self);
}

AdwActionRow *
lc_overview_page_get_shopify_row (LcOverviewPage *self)
{
  g_return_val_if_fail (LC_IS_OVERVIEW_PAGE (self), NULL);

  return self->shopify_row;
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

LcChartView *
lc_overview_page_get_chart (LcOverviewPage *self,
                            LcMetric        metric)
{
  g_return_val_if_fail (LC_IS_OVERVIEW_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (chart_metrics); i++)
    if (chart_metrics[i] == metric)
      return self->charts[i];
  return NULL;
}

GtkLabel *
lc_overview_page_get_tier_badge (LcOverviewPage *self)
{
  g_return_val_if_fail (LC_IS_OVERVIEW_PAGE (self), NULL);

  return self->tier_badge;
}

