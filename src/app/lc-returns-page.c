/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-returns-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-chart-view.h"
#include "lc-display.h"
#include "lc-format.h"
#include "lc-pages-private.h"
#include "lc-returns.h"
#include "lc-returns-page.h"
#include "lc-rows.h"
#include "lc-store-job.h"

/* Enough to act on; the CLI's --json has every flag. */
#define MAX_FLAG_ROWS 15
#define MAX_FLAG_BARS 10

struct _LcReturnsPage
{
  AdwBin               parent_instance;

  LcStore             *store;
  const LcAnalysis    *analysis;
  LcReturnsReport     *report;
  GCancellable        *cancellable;
  /* The analysis changed since the report was worked out. */
  gboolean             stale;
  GPtrArray           *money_rows;
  GPtrArray           *flag_rows;
  GPtrArray           *bracketing_rows;

  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkLabel            *summary_label;
  GtkLabel            *detail_label;
  GtkLabel            *warning_label;
  GtkLabel            *immature_label;
  GtkBox              *trend_box;
  GtkBox              *flagged_chart_box;
  LcChartView         *trend_chart;
  LcChartView         *flag_chart;
  AdwPreferencesGroup *money_group;
  AdwPreferencesGroup *flagged_group;
  AdwPreferencesGroup *bracketing_group;
  GtkLabel            *notes_label;
};

G_DEFINE_FINAL_TYPE (LcReturnsPage, lc_returns_page, ADW_TYPE_BIN)

static const char *
currency_of (LcReturnsPage *self)
{
  if (self->report != NULL && self->report->currency != NULL)
    return self->report->currency;
  if (self->analysis != NULL && self->analysis->summary->currency != NULL)
    return self->analysis->summary->currency;
  return "USD";
}

/* A group's rate the way the CLI writes it: whole percent. */
static char *
whole_percent (double fraction)
{
  /* Translators: a whole percentage, such as "58%". */
  return g_strdup_printf (_("%.0f%%"), fraction * 100);
}

/* The weekly share of sales refunded over the last 12 months; weeks whose
 * returns are still coming in are drawn dashed. */
static void
show_trend (LcReturnsPage *self)
{
  const LcSummary *summary = self->analysis->summary;
  g_autoptr(GArray) series = NULL;
  LcTimeChart *chart;
  LcDay from, to;

  lc_lookback_get_range (LC_LOOKBACK_12_MONTHS, summary->first_day, summary->last_day, &from, &to);
  /* Whole weeks only: a part week at the start would look like a dip. */
  if (lc_day_week_start (from) != from)
    from = lc_day_week_start (from) + 7;
  series = lc_series_from_daily (self->analysis->daily, LC_METRIC_RETURN_RATE, LC_PERIOD_WEEK,
                                 from, to, summary->last_day, summary->exponent);
  chart = lc_time_chart_new (LC_CHART_VALUE_PERCENT, summary->currency, summary->exponent);
  chart->zero_based = TRUE;
  lc_time_chart_set_series (chart, series, LC_PERIOD_WEEK);
  lc_chart_view_set_time_chart (self->trend_chart, chart);
  lc_chart_view_set_title (self->trend_chart, _("Share of Sales Refunded, Week by Week"));
  lc_chart_view_set_subtitle (self->trend_chart,
                              _("The last 12 months, by the week the orders were placed. Weeks drawn dashed are under 60 days old: their returns are still coming in."));
}

static void
show_summary (LcReturnsPage         *self,
              const LcReturnsReport *r)
{
  g_autofree char *value_rate = lc_format_percent (r->value_rate);
  g_autofree char *order_rate = lc_format_percent (r->order_rate);
  g_autofree char *low = lc_format_percent (r->order_rate_low);
  g_autofree char *high = lc_format_percent (r->order_rate_high);
  g_autofree char *summary = NULL;
  g_autofree char *detail = NULL;

  if (r->orders == 0)
    {
      gtk_label_set_label (self->summary_label, _("No orders are old enough to measure returns yet."));
      gtk_label_set_label (self->detail_label,
                           _("Orders of the last 60 days are left out: their returns have not come in yet."));
    }
  else
    {
      g_autofree char *orders = lc_display_count (r->orders);
      g_autofree char *days = lc_format_day_range (r->from, r->to);

      /* Translators: "Refunds took 8.5% of sales; 10.7% of orders had a refund." */
      summary = g_strdup_printf (_("Refunds took %s of sales; %s of orders had a refund."), value_rate, order_rate);
      gtk_label_set_label (self->summary_label, summary);
      /* Translators: "From 83,011 orders, 1 Nov 2024 – 1 Sep 2026. The share of orders with a refund is most likely between 10.5% and 11.0%." */
      detail = g_strdup_printf (_("From %s orders, %s. The share of orders with a refund is most likely between %s and %s."),
                                orders, days, low, high);
      gtk_label_set_label (self->detail_label, detail);
    }

  if (r->immature_from != LC_DAY_NONE)
    {
      g_autofree char *day = lc_display_day (r->immature_from);
      g_autofree char *text = NULL;

      /* Translators: %s is a day. */
      text = g_strdup_printf (_("Orders from %s on are left out: their returns have not all come in yet."), day);
      gtk_label_set_label (self->immature_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->immature_label), r->immature_from != LC_DAY_NONE);

  if (!r->enough_data)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Too little data to trust these flags: return nudges need %.0f months of returns and %.0f orders a month, and this store has %d months and about %.0f orders a month. Below that, the groups flagged here may be chance."),
                              r->min_months, r->min_orders_per_month, r->months_of_returns, r->orders_per_month);
      gtk_label_set_label (self->warning_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), !r->enough_data);
}

static void
show_money (LcReturnsPage         *self,
            const LcReturnsReport *r)
{
  const char *currency = currency_of (self);
  double divisor = pow (10, r->exponent);

  lc_rows_clear (self->money_group, self->money_rows);

  if (r->flagged->len == 0 || r->flagged_refunds_year <= 0)
    {
      lc_rows_add (self->money_group, self->money_rows,
                   _("No money stands out"),
                   _("No group below returns clearly more than the rest, so a nudge has nothing in particular to aim at."),
                   NULL);
      return;
    }

  {
    g_autofree char *refunds = lc_display_money (r->flagged_refunds_year / divisor, currency, 0);
    g_autofree char *recovered = lc_display_money (r->recovered_year / divisor, currency, 0);
    g_autofree char *ship = lc_display_money (r->return_shipping_cost / divisor, currency, -1);
    g_autofree char *restock = lc_display_money (r->restocking_cost / divisor, currency, -1);
    g_autofree char *refunds_value = NULL;
    g_autofree char *recovered_value = NULL;
    g_autofree char *recovered_title = NULL;
    g_autofree char *recovered_subtitle = NULL;

    /* Translators: an amount of money a year, "$55,554 a year". */
    refunds_value = g_strdup_printf (_("%s a year"), refunds);
    recovered_value = g_strdup_printf (_("%s a year"), recovered);
    /* Translators: "If a nudge prevented 20% of those returns". */
    recovered_title = g_strdup_printf (_("If a nudge prevented %.0f%% of those returns"), r->cut * 100);
    /* Translators: two amounts of money saved on each prevented return. */
    recovered_subtitle = g_strdup_printf (_("What you would keep, counting %s of shipping both ways and %s of restocking saved on each return"),
                                          ship, restock);

    lc_rows_add (self->money_group, self->money_rows,
                 _("Refunded on the flagged items"),
                 _("Refunds a year in the groups listed below"),
                 refunds_value);
    lc_rows_add (self->money_group, self->money_rows, recovered_title, recovered_subtitle, recovered_value);
  }
}

static char *
flag_subtitle (const LcReturnGroup *group)
{
  g_autofree char *count = lc_display_count (group->orders);
  const char *advice = lc_return_nudge_get_advice (group->nudge);

  if (group->from_report)
    /* Translators: the last %s is advice, one sentence. */
    return g_strdup_printf (_("%.0f%% of its sales value was returned, over %s items sold (from the sales report). %s"),
                            group->rate * 100, count, advice);
  if (group->estimated)
    /* Translators: the last %s is advice, one sentence. */
    return g_strdup_printf (_("About %.0f%% of %s orders had a refund (most likely %.0f%% to %.0f%%; estimated). %s"),
                            group->rate * 100, count, group->rate_low * 100, group->rate_high * 100, advice);
  /* Translators: "58% of 55 orders had a refund (most likely 45% to 70%). Show size guidance…" */
  return g_strdup_printf (_("%.0f%% of %s orders had a refund (most likely %.0f%% to %.0f%%). %s"),
                          group->rate * 100, count, group->rate_low * 100, group->rate_high * 100, advice);
}

static char *
bar_label (const LcReturnGroup *group)
{
  if (group->kind == LC_RETURN_GROUP_BRACKETING && !g_str_equal (group->key, "bracketed"))
    /* Translators: a short chart label, "Floral Sundress, several sizes". */
    return g_strdup_printf (_("%s, several sizes"), group->key);
  return lc_return_group_dup_title (group);
}

static void
show_flagged (LcReturnsPage         *self,
              const LcReturnsReport *r)
{
  g_autofree char *store_rate = lc_format_percent (r->order_rate);
  g_autofree char *description = NULL;
  LcBarChart *chart;
  guint n_bars = MIN (r->flagged->len, MAX_FLAG_BARS);

  lc_rows_clear (self->flagged_group, self->flag_rows);

  /* Translators: "Groups where 30% or more of orders had a refund, clearly above the store’s 10.7%." */
  description = g_strdup_printf (_("Products, sizes, combinations and kinds of customer where %.0f%% or more of orders had a refund, clearly above the store’s %s. Each says what would help at checkout."),
                                 r->flag_rate * 100, store_rate);
  adw_preferences_group_set_description (self->flagged_group, description);

  if (r->flagged->len == 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("No product, size, combination or kind of customer returns %.0f%% or more of its orders, clearly above the store’s average, over %lu or more orders."),
                              r->flag_rate * 100, (unsigned long) r->min_orders);
      lc_rows_add (self->flagged_group, self->flag_rows, _("Nothing stands out"), text, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->flag_chart), FALSE);
      return;
    }

  for (guint i = 0; i < MIN (r->flagged->len, MAX_FLAG_ROWS); i++)
    {
      const LcReturnGroup *group = g_ptr_array_index (r->flagged, i);
      g_autofree char *title = lc_return_group_dup_title (group);
      g_autofree char *subtitle = flag_subtitle (group);
      g_autofree char *value = whole_percent (group->rate);

      lc_rows_add (self->flagged_group, self->flag_rows, title, subtitle, value);
    }
  if (r->flagged->len > MAX_FLAG_ROWS)
    {
      g_autofree char *more = NULL;
      guint n_more = r->flagged->len - MAX_FLAG_ROWS;
      GtkWidget *expander;

      more = g_strdup_printf (ngettext ("%u more group", "%u more groups", n_more), n_more);
      expander = lc_rows_add_expander (self->flagged_group, self->flag_rows, more,
                                       _("Returned less often than the ones above, but still clearly more than the rest"));
      for (guint i = MAX_FLAG_ROWS; i < r->flagged->len; i++)
        {
          const LcReturnGroup *group = g_ptr_array_index (r->flagged, i);
          g_autofree char *title = lc_return_group_dup_title (group);
          g_autofree char *subtitle = flag_subtitle (group);
          g_autofree char *value = whole_percent (group->rate);

          lc_rows_add_to_expander (ADW_EXPANDER_ROW (expander), title, subtitle, value);
        }
    }

  chart = lc_bar_chart_new (LC_CHART_VALUE_PERCENT, currency_of (self), r->exponent);
  for (guint i = 0; i < n_bars; i++)
    {
      const LcReturnGroup *group = g_ptr_array_index (r->flagged, i);
      g_autofree char *label = bar_label (group);

      lc_bar_chart_add_bar (chart, label, group->rate, !group->from_report,
                            group->rate_low, group->rate_high, TRUE);
    }
  /* Translators: the reference line on a chart of return rates. */
  lc_bar_chart_set_reference (chart, r->order_rate, _("All orders"));
  lc_chart_view_set_bar_chart (self->flag_chart, chart);
  lc_chart_view_set_title (self->flag_chart, _("Orders With a Refund"));
  lc_chart_view_set_subtitle (self->flag_chart,
                              _("The items returned most, with the likely range of each; the line is the store’s average."));
  gtk_widget_set_size_request (GTK_WIDGET (self->flag_chart), -1, 120 + 34 * n_bars);
  gtk_widget_set_visible (GTK_WIDGET (self->flag_chart), TRUE);
}

static void
show_bracketing (LcReturnsPage         *self,
                 const LcReturnsReport *r)
{
  lc_rows_clear (self->bracketing_group, self->bracketing_rows);

  if (r->bracketed.orders == 0)
    {
      lc_rows_add (self->bracketing_group, self->bracketing_rows,
                   _("No order held the same item in several sizes"), NULL, NULL);
      return;
    }

  {
    g_autofree char *count = lc_display_count (r->bracketed.orders);
    g_autofree char *share = lc_format_percent ((double) r->bracketed.orders / MAX (1, r->orders));
    g_autofree char *sized_share = lc_format_percent ((double) r->bracketed.orders / MAX (1, r->sized_orders));
    g_autofree char *subtitle = NULL;
    g_autofree char *rate = whole_percent (r->bracketed.rate);
    g_autofree char *rate_subtitle = NULL;

    /* Translators: "4.2% of all orders, 5.3% of orders with a sized item" */
    subtitle = g_strdup_printf (_("%s of all orders, %s of orders with a sized item"), share, sized_share);
    lc_rows_add (self->bracketing_group, self->bracketing_rows,
                 _("Orders with one item in several sizes"), subtitle, count);

    /* Translators: "Against 9% of other orders; for bracketed orders most likely 46% to 49%" */
    rate_subtitle = g_strdup_printf (_("Against %.0f%% of other orders; for these, most likely %.0f%% to %.0f%%. Size guidance at checkout is the nudge that fits."),
                                     r->not_bracketed.rate * 100, r->bracketed.rate_low * 100,
                                     r->bracketed.rate_high * 100);
    lc_rows_add (self->bracketing_group, self->bracketing_rows,
                 _("Of those, orders with a refund"), rate_subtitle, rate);
  }
}

static void
show_report (LcReturnsPage *self)
{
  const LcReturnsReport *r = self->report;

  show_summary (self, r);
  show_money (self, r);
  show_flagged (self, r);
  show_bracketing (self, r);

  gtk_label_set_label (self->notes_label,
                       r->estimates
                       ? _("Rates of products and sizes are estimates where an order’s refund had to be spread over its items (the orders export gives only the refunded amount of each order). An item counts as returned when it got at least half of its value back.")
                       : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), r->estimates);

  gtk_stack_set_visible_child_name (self->stack, "content");
}

static gpointer
compute_returns (LcStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return lc_store_compute_returns (store, LC_DAY_NONE, LC_DAY_NONE, LC_RETURNS_DEFAULT_CUT, error);
}

static void
on_report_ready (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LcReturnsPage) self = LC_RETURNS_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  LcReturnsReport *report = lc_store_job_finish (result, &error);

  if (report == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (report == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason the system gave, in its own words. */
      text = g_strdup_printf (_("Liftcheck could not work out the returns. The reason given was: %s"), error->message);
      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->report, lc_returns_report_free);
  self->report = report;
  show_report (self);
}

/* Works the report out when the page is on show and its figures are
 * older than the analysis: a hidden page costs the window nothing. */
static void
maybe_load (LcReturnsPage *self)
{
  if (!self->stale || self->store == NULL || self->analysis == NULL
      || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->stale = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  show_trend (self);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  lc_store_job_run_async (lc_store_get_path (self->store), compute_returns, NULL, NULL,
                          (GDestroyNotify) lc_returns_report_free, self->cancellable,
                          on_report_ready, g_object_ref (self));
}

static void
lc_returns_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lc_returns_page_parent_class)->map (widget);

  maybe_load (LC_RETURNS_PAGE (widget));
}

/* Out of the window, the borrowed analysis may go at any time: stop
 * reading, and read again if the page comes back. */
static void
lc_returns_page_unroot (GtkWidget *widget)
{
  LcReturnsPage *self = LC_RETURNS_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->analysis = NULL;
  self->stale = FALSE;

  GTK_WIDGET_CLASS (lc_returns_page_parent_class)->unroot (widget);
}

static void
lc_returns_page_dispose (GObject *object)
{
  LcReturnsPage *self = LC_RETURNS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  self->analysis = NULL;

  G_OBJECT_CLASS (lc_returns_page_parent_class)->dispose (object);
}

static void
lc_returns_page_finalize (GObject *object)
{
  LcReturnsPage *self = LC_RETURNS_PAGE (object);

  g_clear_pointer (&self->report, lc_returns_report_free);
  g_clear_pointer (&self->money_rows, g_ptr_array_unref);
  g_clear_pointer (&self->flag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->bracketing_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_returns_page_parent_class)->finalize (object);
}

static void
lc_returns_page_class_init (LcReturnsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_returns_page_dispose;
  object_class->finalize = lc_returns_page_finalize;
  widget_class->map = lc_returns_page_map;
  widget_class->unroot = lc_returns_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-returns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, warning_label);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, immature_label);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, trend_box);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, flagged_chart_box);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, money_group);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, flagged_group);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, bracketing_group);
  gtk_widget_class_bind_template_child (widget_class, LcReturnsPage, notes_label);
}

static void
lc_returns_page_init (LcReturnsPage *self)
{
  self->money_rows = g_ptr_array_new ();
  self->flag_rows = g_ptr_array_new ();
  self->bracketing_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->trend_chart = LC_CHART_VIEW (lc_chart_view_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->trend_chart), "card");
  gtk_box_append (self->trend_box, GTK_WIDGET (self->trend_chart));

  self->flag_chart = LC_CHART_VIEW (lc_chart_view_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->flag_chart), "card");
  gtk_box_append (self->flagged_chart_box, GTK_WIDGET (self->flag_chart));
}

GtkWidget *
lc_returns_page_new (void)
{
  return g_object_new (LC_TYPE_RETURNS_PAGE, NULL);
}

void
lc_returns_page_set_analysis (LcReturnsPage    *self,
                              LcStore          *store,
                              const LcAnalysis *analysis)
{
  g_return_if_fail (LC_IS_RETURNS_PAGE (self));
  g_return_if_fail (LC_IS_STORE (store));
  g_return_if_fail (analysis != NULL);

  g_set_object (&self->store, store);
  self->analysis = analysis;
  self->stale = TRUE;
  maybe_load (self);
}

gboolean
lc_returns_page_is_ready (LcReturnsPage *self)
{
  g_return_val_if_fail (LC_IS_RETURNS_PAGE (self), FALSE);

  return !self->stale && self->cancellable == NULL && self->report != NULL;
}

LcChartView *
lc_returns_page_get_trend_chart (LcReturnsPage *self)
{
  g_return_val_if_fail (LC_IS_RETURNS_PAGE (self), NULL);

  return self->trend_chart;
}

LcChartView *
lc_returns_page_get_flag_chart (LcReturnsPage *self)
{
  g_return_val_if_fail (LC_IS_RETURNS_PAGE (self), NULL);

  return self->flag_chart;
}
