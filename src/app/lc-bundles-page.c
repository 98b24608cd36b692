/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-bundles-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-bundles.h"
#include "lc-bundles-page.h"
#include "lc-chart-view.h"
#include "lc-display.h"
#include "lc-feature-markers.h"
#include "lc-format.h"
#include "lc-pages-private.h"
#include "lc-rows.h"
#include "lc-store-job.h"

/* The figures assume this many more of every 100 orders with the first
 * product also take the second (the CLI's --attach-rise default). */
#define ATTACH_RISE 0.05
/* Attach rates are compared over this many days either side of the switch. */
#define ATTACH_WINDOW_DAYS 60
#define MAX_CLOSEST_PAIRS 5
#define MAX_ATTACH_ROWS LC_BUNDLES_SHORTLIST_LENGTH

typedef struct
{
  LcDay      switch_day;  /* cart bundles' first day on; LC_DAY_NONE: never on */
} Request;

typedef struct
{
  LcBundles *bundles;
  GPtrArray *changes;     /* LcAttachChange; NULL when cart bundles never went on */
} Result;

static void
result_free (Result *result)
{
  g_clear_pointer (&result->bundles, lc_bundles_free);
  g_clear_pointer (&result->changes, g_ptr_array_unref);
  g_free (result);
}

struct _LcBundlesPage
{
  AdwBin               parent_instance;

  LcStore             *store;
  const LcAnalysis    *analysis;
  Result              *result;
  GCancellable        *cancellable;
  gboolean             stale;
  LcDay                switch_day;
  GPtrArray           *pair_rows;
  GPtrArray           *closest_rows;
  GPtrArray           *since_rows;
  GPtrArray           *attach_rows;

  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkLabel            *summary_label;
  GtkLabel            *period_label;
  GtkLabel            *detail_label;
  AdwPreferencesGroup *pairs_group;
  AdwPreferencesGroup *closest_group;
  GtkBox              *since_box;
  GtkBox              *upt_chart_box;
  LcChartView         *upt_chart;
  AdwPreferencesGroup *since_group;
  AdwPreferencesGroup *attach_group;
};

G_DEFINE_FINAL_TYPE (LcBundlesPage, lc_bundles_page, ADW_TYPE_BIN)

static const char *
currency_of (LcBundlesPage *self)
{
  const char *currency = self->analysis->summary->currency;

  return currency != NULL ? currency : "USD";
}

static void
add_pair_row (LcBundlesPage       *self,
              AdwPreferencesGroup *group,
              GPtrArray           *rows,
              const LcBundlePair  *pair)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *revenue = lc_display_money (pair->extra_revenue_year, currency_of (self), 0);
  g_autofree char *value = NULL;

  /* Translators: a bundle, "Tee with Socks". */
  title = g_strdup_printf (_("%s with %s"), pair->a, pair->b);
  /* Translators: "Bought together in 3.1% of orders; 4.2 times as often as chance. 18% of orders with Tee also have Socks." */
  subtitle = g_strdup_printf (_("Bought together in %.1f%% of orders; %.1f times as often as chance. %.0f%% of orders with %s also have %s."),
                              pair->support * 100, pair->lift, pair->confidence * 100, pair->a, pair->b);
  /* Translators: extra revenue, "+$2,578 a year". */
  value = g_strdup_printf (_("+%s a year"), revenue);
  lc_rows_add (group, rows, title, subtitle, value);
}

static char *
money_assumption (void)
{
  /* Translators: %.0f is a count, such as 5. */
  return g_strdup_printf (_("The money on the right is what you would gain if %.0f more of every 100 orders with the first product also took the second, at its average price: an assumption to weigh, not a forecast."),
                          ATTACH_RISE * 100);
}

static void
show_pairs (LcBundlesPage *self)
{
  const LcBundles *bundles = self->result->bundles;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *assumption = money_assumption ();

  lc_rows_clear (self->pairs_group, self->pair_rows);
  lc_rows_clear (self->closest_group, self->closest_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->closest_group), FALSE);

  if (bundles->orders == 0)
    {
      gtk_label_set_label (self->summary_label, _("There are no orders to find bundles in."));
      gtk_label_set_label (self->period_label, "");
      gtk_label_set_label (self->detail_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->pairs_group), FALSE);
      return;
    }

  {
    g_autofree char *days = lc_format_day_range (bundles->from, bundles->to);
    g_autofree char *orders = lc_display_count (bundles->orders);
    g_autofree char *multi = lc_display_count (bundles->multi_orders);
    g_autofree char *summary = NULL;
    g_autofree char *period = NULL;

    /* Translators: "31,418 of 90,495 orders held two or more different products." */
    summary = g_strdup_printf (_("%s of %s orders held two or more different products."), multi, orders);
    gtk_label_set_label (self->summary_label, summary);
    /* Translators: %s is a span of days, "1 Nov 2024 – 31 Oct 2026". */
    period = g_strdup_printf (_("Orders of %s"), days);
    gtk_label_set_label (self->period_label, period);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->pairs_group), TRUE);
  if (!bundles->enough_data)
    {
      g_autofree char *multi = lc_display_count (bundles->multi_orders);
      g_autofree char *needed = lc_display_count (LC_BUNDLES_MIN_MULTI_ORDERS);
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Too few orders with two or more different products to find bundles (%s); Liftcheck needs about %s."),
                              multi, needed);
      gtk_label_set_label (self->detail_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->pairs_group), FALSE);
      return;
    }

  if (bundles->tier == LC_TIER_OVER_10M)
    gtk_label_set_label (self->detail_label, _("Every pair bought together more often than chance, strongest first."));
  else if (lc_bundles_suggests_categories (bundles, FALSE) && bundles->categories == LC_BUNDLES_CATEGORIES_TYPE)
    gtk_label_set_label (self->detail_label, _("At this store’s size, bundles work best as simple rules set up by hand. These product types are bought together much more often than chance."));
  else if (lc_bundles_suggests_categories (bundles, FALSE))
    gtk_label_set_label (self->detail_label, _("At this store’s size, bundles work best as simple rules set up by hand. There is no products export with product types, so these are the brands (vendors) bought together much more often than chance."));
  else
    gtk_label_set_label (self->detail_label, _("At this store’s size, bundles work best as simple rules set up by hand. These products are bought together much more often than chance."));

  adw_preferences_group_set_description (self->pairs_group, assumption);
  suggestions = lc_bundles_get_suggestions (bundles, FALSE);
  for (guint i = 0; i < suggestions->len; i++)
    add_pair_row (self, self->pairs_group, self->pair_rows, g_ptr_array_index (suggestions, i));

  if (suggestions->len > 0)
    return;

  adw_preferences_group_set_description (self->pairs_group, NULL);
  gtk_label_set_label (self->detail_label, _("At this store’s size, bundles work best as simple rules set up by hand. Liftcheck looked for products bought together much more often than chance, to suggest which."));
  lc_rows_add (self->pairs_group, self->pair_rows,
               _("No pair stands out"),
               _("No pair is bought together clearly more often than chance: there is no bundle worth setting up from this data alone. Rule-based bundles that make sense to a shopper (care kits with clothes, batteries with electronics) are still worth a try."),
               NULL);

  /* The strongest mined product pairs, so the owner sees how close they came. */
  for (guint i = 0; i < MIN (bundles->pairs->len, MAX_CLOSEST_PAIRS); i++)
    add_pair_row (self, self->closest_group, self->closest_rows, g_ptr_array_index (bundles->pairs, i));
  if (self->closest_rows->len > 0)
    {
      g_autofree char *description = NULL;

      /* Translators: the first %s is a sentence; the second an assumption, one sentence. */
      description = g_strdup_printf (_("Bought together a little more often than chance, but not clearly enough to set up a bundle on this alone. %s"),
                                     assumption);
      adw_preferences_group_set_description (self->closest_group, description);
      gtk_widget_set_visible (GTK_WIDGET (self->closest_group), TRUE);
    }
}

/* Items per order in the weeks before and after cart bundles went on, as
 * the feature's own page shows them, and the attach rates that rose. */
static void
show_since_switch (LcBundlesPage *self)
{
  const LcSummary *summary = self->analysis->summary;
  const LcVerdict *verdict = lc_advice_lookup (self->analysis->advice, "cart-bundles");
  const LcEvaluation *e = verdict != NULL ? verdict->evaluation : NULL;
  g_autofree char *day = NULL;

  lc_rows_clear (self->since_group, self->since_rows);
  lc_rows_clear (self->attach_group, self->attach_rows);

  if (self->switch_day == LC_DAY_NONE || self->result->changes == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->since_box), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->since_box), TRUE);
  day = lc_display_day (self->switch_day);

  if (e != NULL && e->metric == LC_METRIC_UPT)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) markers = NULL;
      g_autofree char *before_days = lc_format_day_range (e->before_from, e->before_to);
      g_autofree char *after_days = lc_format_day_range (e->after_from, e->after_to);
      g_autofree char *before = lc_format_metric (e->before, e->metric, currency_of (self));
      g_autofree char *after = lc_format_metric (e->after, e->metric, currency_of (self));
      g_autofree char *subtitle = NULL;
      LcDay from = MAX (summary->first_day, e->before_from - 28);
      LcDay to = MIN (summary->last_day, e->after_to + 28);

      /* Translators: the two shaded spans of days on a chart. */
      subtitle = g_strdup_printf (_("Before: %s. After: %s."), before_days, after_days);
      markers = lc_feature_markers_collect (self->analysis, "cart-bundles", from, to, labels);
      lc_chart_view_set_title (self->upt_chart, lc_format_metric_heading (LC_METRIC_UPT));
      lc_chart_view_set_subtitle (self->upt_chart, subtitle);
      lc_chart_view_set_windows (self->upt_chart, e->before_from, e->before_to, e->after_from, e->after_to);
      lc_chart_view_set_daily (self->upt_chart, self->analysis->daily, LC_METRIC_UPT, from, to,
                               summary->last_day, summary->currency, summary->exponent);
      lc_chart_view_set_markers (self->upt_chart, (const LcChartMarker *) markers->data, markers->len);
      gtk_widget_set_visible (GTK_WIDGET (self->upt_chart), TRUE);

      lc_rows_add (self->since_group, self->since_rows, _("Items per order before"), before_days, before);
      lc_rows_add (self->since_group, self->since_rows, _("Items per order after"), after_days, after);
      if (e->status != LC_EVALUATION_NOT_ENOUGH_DATA && isfinite (e->change))
        {
          g_autofree char *change = lc_format_metric_change (e->change, e->metric, currency_of (self));
          g_autofree char *low = lc_format_metric_change (e->change_low, e->metric, currency_of (self));
          g_autofree char *high = lc_format_metric_change (e->change_high, e->metric, currency_of (self));
          g_autofree char *range = NULL;

          range = g_strdup_printf (e->significant
                                   /* Translators: the likely range of a change, "+0.10 to +0.26". */
                                   ? _("Most likely between %s and %s: a real change, bigger than the normal ups and downs")
                                   : _("Most likely between %s and %s: within the normal ups and downs"),
                                   low, high);
          lc_rows_add (self->since_group, self->since_rows,
                       e->year_over_year ? _("Change, after last year’s season is taken out") : _("Change"),
                       range, change);
        }
    }
  else
    {
      g_autofree char *text = NULL;

      gtk_widget_set_visible (GTK_WIDGET (self->upt_chart), FALSE);
      /* Translators: %s is a day. */
      text = g_strdup_printf (_("Cart bundles went on on %s; there are not yet enough weeks on both sides to compare items per order."), day);
      lc_rows_add (self->since_group, self->since_rows, _("Too early to tell"), text, NULL);
    }

  {
    g_autofree char *description = NULL;

    /* Translators: %d is a number of days, %s a day. */
    description = g_strdup_printf (_("How often an order with the first product also held the second, in the %d days before %s and the %d days since."),
                                   ATTACH_WINDOW_DAYS, day, ATTACH_WINDOW_DAYS);
    adw_preferences_group_set_description (self->attach_group, description);
  }

  if (self->result->changes->len == 0)
    {
      lc_rows_add (self->attach_group, self->attach_rows,
                   _("No attach rate rose clearly"),
                   _("The bundles are not changing what goes into the cart."), NULL);
      return;
    }

  for (guint i = 0; i < MIN (self->result->changes->len, MAX_ATTACH_ROWS); i++)
    {
      const LcAttachChange *c = g_ptr_array_index (self->result->changes, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *value = NULL;
      g_autofree char *before = lc_format_percent (c->rate_before);
      g_autofree char *after = lc_format_percent (c->rate_after);

      title = g_strdup_printf (_("%s with %s"), c->a, c->b);
      /* Translators: "Of orders with Pants, 7.0% also had Socks before; now 14.2%." */
      subtitle = g_strdup_printf (_("Of orders with %s, %s also had %s before; now %s."), c->a, before, c->b, after);
      /* Translators: a rate before and after, "7.0% → 14.2%". */
      value = g_strdup_printf (_("%s → %s"), before, after);
      lc_rows_add (self->attach_group, self->attach_rows, title, subtitle, value);
    }
}

static gpointer
compute_bundles (LcStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const Request *request = data;
  g_autoptr(LcBundles) bundles = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  Result *result;

  bundles = lc_store_compute_bundles (store, LC_DAY_NONE, LC_DAY_NONE, ATTACH_RISE, error);
  if (bundles == NULL)
    return NULL;
  if (request->switch_day != LC_DAY_NONE)
    {
      changes = lc_store_compare_attach_rates (store, request->switch_day, ATTACH_WINDOW_DAYS, error);
      if (changes == NULL)
        return NULL;
    }

  result = g_new0 (Result, 1);
  result->bundles = g_steal_pointer (&bundles);
  result->changes = g_steal_pointer (&changes);
  return result;
}

static void
on_result_ready (GObject      *source_object,
                 GAsyncResult *async_result,
                 gpointer      user_data)
{
  g_autoptr(LcBundlesPage) self = LC_BUNDLES_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  Result *result = lc_store_job_finish (async_result, &error);

  if (result == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (result == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason the system gave, in its own words. */
      text = g_strdup_printf (_("Liftcheck could not look for bundles. The reason given was: %s"), error->message);
      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->result, result_free);
  self->result = result;
  show_pairs (self);
  show_since_switch (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static LcDay
find_switch_day (const LcAnalysis *analysis)
{
  g_autoptr(GPtrArray) spans = lc_analysis_dup_feature_spans (analysis, "cart-bundles");

  if (spans->len == 0)
    return LC_DAY_NONE;
  return ((const LcFeatureSpan *) g_ptr_array_index (spans, 0))->on_day;
}

static void
maybe_load (LcBundlesPage *self)
{
  Request *request;

  if (!self->stale || self->store == NULL || self->analysis == NULL
      || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->stale = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->switch_day = find_switch_day (self->analysis);
  request = g_new0 (Request, 1);
  request->switch_day = self->switch_day;

  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  lc_store_job_run_async (lc_store_get_path (self->store), compute_bundles, request, g_free,
                          (GDestroyNotify) result_free, self->cancellable,
                          on_result_ready, g_object_ref (self));
}

static void
lc_bundles_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lc_bundles_page_parent_class)->map (widget);

  maybe_load (LC_BUNDLES_PAGE (widget));
}

/* Out of the window, the borrowed analysis may go at any time: stop
 * reading, and read again if the page comes back. */
static void
lc_bundles_page_unroot (GtkWidget *widget)
{
  LcBundlesPage *self = LC_BUNDLES_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->analysis = NULL;
  self->stale = FALSE;

  GTK_WIDGET_CLASS (lc_bundles_page_parent_class)->unroot (widget);
}

static void
lc_bundles_page_dispose (GObject *object)
{
  LcBundlesPage *self = LC_BUNDLES_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  self->analysis = NULL;

  G_OBJECT_CLASS (lc_bundles_page_parent_class)->dispose (object);
}

static void
lc_bundles_page_finalize (GObject *object)
{
  LcBundlesPage *self = LC_BUNDLES_PAGE (object);

  g_clear_pointer (&self->result, result_free);
  g_clear_pointer (&self->pair_rows, g_ptr_array_unref);
  g_clear_pointer (&self->closest_rows, g_ptr_array_unref);
  g_clear_pointer (&self->since_rows, g_ptr_array_unref);
  g_clear_pointer (&self->attach_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_bundles_page_parent_class)->finalize (object);
}

static void
lc_bundles_page_class_init (LcBundlesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_bundles_page_dispose;
  object_class->finalize = lc_bundles_page_finalize;
  widget_class->map = lc_bundles_page_map;
  widget_class->unroot = lc_bundles_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-bundles-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, pairs_group);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, closest_group);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, since_box);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, upt_chart_box);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, since_group);
  gtk_widget_class_bind_template_child (widget_class, LcBundlesPage, attach_group);
}

static void
lc_bundles_page_init (LcBundlesPage *self)
{
  self->pair_rows = g_ptr_array_new ();
  self->closest_rows = g_ptr_array_new ();
  self->since_rows = g_ptr_array_new ();
  self->attach_rows = g_ptr_array_new ();
  self->switch_day = LC_DAY_NONE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->upt_chart = LC_CHART_VIEW (lc_chart_view_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->upt_chart), "card");
  lc_chart_view_set_band_kind (self->upt_chart, LC_CHART_BAND_NORMAL);
  gtk_box_append (self->upt_chart_box, GTK_WIDGET (self->upt_chart));
}

GtkWidget *
lc_bundles_page_new (void)
{
  return g_object_new (LC_TYPE_BUNDLES_PAGE, NULL);
}

void
lc_bundles_page_set_analysis (LcBundlesPage    *self,
                              LcStore          *store,
                              const LcAnalysis *analysis)
{
  g_return_if_fail (LC_IS_BUNDLES_PAGE (self));
  g_return_if_fail (LC_IS_STORE (store));
  g_return_if_fail (analysis != NULL);

  g_set_object (&self->store, store);
  self->analysis = analysis;
  self->stale = TRUE;
  maybe_load (self);
}

gboolean
lc_bundles_page_is_ready (LcBundlesPage *self)
{
  g_return_val_if_fail (LC_IS_BUNDLES_PAGE (self), FALSE);

  return !self->stale && self->cancellable == NULL && self->result != NULL;
}

LcChartView *
lc_bundles_page_get_upt_chart (LcBundlesPage *self)
{
  g_return_val_if_fail (LC_IS_BUNDLES_PAGE (self), NULL);

  return self->upt_chart;
}
