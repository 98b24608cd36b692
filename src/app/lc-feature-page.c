/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-feature-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-chart-view.h"
#include "lc-display.h"
#include "lc-feature-markers.h"
#include "lc-feature.h"
#include "lc-features-page-private.h"
#include "lc-format.h"
#include "lc-money.h"
#include "lc-rows.h"
#include "lc-verdict.h"

struct _LcFeaturePage
{
  AdwBin               parent_instance;

  LcStore             *store;
  const LcAnalysis    *analysis;
  char                *feature;
  GPtrArray           *number_rows;
  GPtrArray           *timeline_rows;

  GtkLabel            *title_label;
  GtkLabel            *verdict_pill;
  GtkLabel            *state_label;
  GtkBox              *chart_box;
  LcChartView         *chart;
  GtkBox              *reasons_box;
  AdwPreferencesGroup *numbers_group;
  AdwPreferencesGroup *timeline_group;
  GtkLabel            *watch_label;
  GtkLabel            *review_label;
  GtkButton           *record_button;
};

G_DEFINE_FINAL_TYPE (LcFeaturePage, lc_feature_page, ADW_TYPE_BIN)

enum {
  STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const LcVerdict *
lc_feature_page_get_verdict (LcFeaturePage *self)
{
  if (self->analysis == NULL || self->feature == NULL)
    return NULL;
  return lc_advice_lookup (self->analysis->advice, self->feature);
}

static const char *
currency_of (LcFeaturePage *self)
{
  const char *currency = self->analysis->summary->currency;

  return currency != NULL ? currency : "USD";
}

static const char *
how_sure_text (const LcEvaluation *e)
{
  if (e->status == LC_EVALUATION_NOT_ENOUGH_DATA)
    return _("Not enough weeks or orders on one side yet");
  if (e->status == LC_EVALUATION_CANNOT_MEASURE)
    return _("Too noisy to tell: a change that matters would be lost in the normal ups and downs");
  if (e->significant)
    return _("A real change: bigger than the normal ups and downs from week to week");
  return _("Within the normal ups and downs from week to week");
}

static void
show_evaluation (LcFeaturePage      *self,
                 const LcEvaluation *e)
{
  const char *currency = currency_of (self);
  g_autofree char *before = lc_format_metric (e->before, e->metric, currency);
  g_autofree char *after = lc_format_metric (e->after, e->metric, currency);
  g_autofree char *before_days = lc_format_day_range (e->before_from, e->before_to);
  g_autofree char *after_days = lc_format_day_range (e->after_from, e->after_to);
  g_autofree char *description = NULL;

  /* Translators: %s is what is measured, such as "average order value". */
  description = g_strdup_printf (_("The %s in the weeks before and after the switch, week by week."),
                                 lc_metric_get_title (e->metric));
  adw_preferences_group_set_description (self->numbers_group, description);

  lc_rows_add (self->numbers_group, self->number_rows, _("Before"), before_days, before);
  lc_rows_add (self->numbers_group, self->number_rows, _("After"), after_days, after);

  if (e->status != LC_EVALUATION_NOT_ENOUGH_DATA && isfinite (e->change))
    {
      g_autofree char *change = lc_format_metric_change (e->change, e->metric, currency);
      g_autofree char *low = lc_format_metric_change (e->change_low, e->metric, currency);
      g_autofree char *high = lc_format_metric_change (e->change_high, e->metric, currency);
      g_autofree char *range = NULL;
      g_autofree char *value = NULL;

      /* Translators: the likely range of a change, "−$5.50 to −$0.30". */
      range = g_strdup_printf (_("Most likely between %s and %s"), low, high);
      value = g_strdup (change);
      lc_rows_add (self->numbers_group, self->number_rows,
               e->year_over_year ? _("Change, after last year’s season is taken out") : _("Change"),
               range, value);
    }

  if (e->year_over_year && isfinite (e->last_year_before) && isfinite (e->last_year_after))
    {
      g_autofree char *ly_before = lc_format_metric (e->last_year_before, e->metric, currency);
      g_autofree char *ly_after = lc_format_metric (e->last_year_after, e->metric, currency);
      g_autofree char *value = NULL;

      /* Translators: the same weeks a year earlier, "$70.12 → $68.40". */
      value = g_strdup_printf (_("%s → %s"), ly_before, ly_after);
      lc_rows_add (self->numbers_group, self->number_rows, _("The same weeks a year earlier"),
               _("How the season moved the numbers without the switch"), value);
    }

  lc_rows_add (self->numbers_group, self->number_rows, _("How sure"), how_sure_text (e), NULL);

  for (guint i = 0; e->warnings != NULL && i < e->warnings->len; i++)
    lc_rows_add (self->numbers_group, self->number_rows, g_ptr_array_index (e->warnings, i), NULL, NULL);
}

static void
show_offtest (LcFeaturePage   *self,
              const LcOffTest *t)
{
  g_autofree char *days = lc_format_day_range (t->from, t->to);
  g_autofree char *change = lc_format_relative_change (t->revenue_change);
  g_autofree char *normal = lc_format_percent (t->normal_weekly_variation);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  /* Translators: %s is a span of days. */
  title = g_strdup_printf (_("While it was off, %s"), days);
  /* Translators: %s is a percentage, the normal weekly variation. */
  subtitle = g_strdup_printf (_("Revenue against its forecast; it normally moves about %s from week to week"),
                              normal);
  lc_rows_add (self->numbers_group, self->number_rows, title, subtitle, change);
}

static void
show_numbers (LcFeaturePage   *self,
              const LcVerdict *verdict)
{
  lc_rows_clear (self->numbers_group, self->number_rows);
  adw_preferences_group_set_description (self->numbers_group, NULL);

  if (verdict->evaluation != NULL)
    show_evaluation (self, verdict->evaluation);
  if (verdict->offtest != NULL)
    show_offtest (self, verdict->offtest);

  if (verdict->evaluation == NULL && verdict->offtest == NULL)
    lc_rows_add (self->numbers_group, self->number_rows,
             _("Nothing measured yet"),
             _("Record the day the feature was switched on, and Liftcheck compares the weeks before and after it."),
             NULL);
}

static void
show_reasons (LcFeaturePage   *self,
              const LcVerdict *verdict)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reasons_box))) != NULL)
    gtk_box_remove (self->reasons_box, child);

  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (verdict->reasons, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      if (i == 0)
        gtk_widget_set_margin_top (label, 12);
      if (i + 1 == verdict->reasons->len)
        gtk_widget_set_margin_bottom (label, 12);
      gtk_box_append (self->reasons_box, label);
    }
}

static char *
span_cost_text (LcFeaturePage       *self,
                const LcFeatureSpan *span)
{
  g_autofree char *cost = NULL;

  if (span->monthly_cost < 0)
    return g_strdup (_("Cost not recorded"));

  cost = lc_format_money (lc_money_to_double (span->monthly_cost, self->analysis->summary->exponent),
                          currency_of (self));
  /* Translators: %s is an amount of money. */
  return g_strdup_printf (_("%s a month"), cost);
}

static void
show_timeline (LcFeaturePage *self)
{
  g_autoptr(GPtrArray) spans = lc_analysis_dup_feature_spans (self->analysis, self->feature);

  lc_rows_clear (self->timeline_group, self->timeline_rows);

  if (spans->len == 0)
    lc_rows_add (self->timeline_group, self->timeline_rows,
             _("No switch recorded"),
             _("Liftcheck takes the feature as off."), NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *on = lc_display_day (span->on_day);
      g_autofree char *cost = span_cost_text (self, span);
      g_autofree char *title = NULL;

      if (span->off_day == LC_DAY_NONE)
        /* Translators: %s is a day. */
        title = g_strdup_printf (_("On since %s"), on);
      else
        {
          g_autofree char *last = lc_display_day (span->off_day - 1);

          /* Translators: the first and last day a feature was on. */
          title = g_strdup_printf (_("On from %s to %s"), on, last);
        }
      lc_rows_add (self->timeline_group, self->timeline_rows, title, NULL, cost);
    }
}

/* The metric the verdict rests on, in the weeks before and after the
 * switch (shaded), with a month either side; or the last year when nothing
 * was measured. */
static void
show_chart (LcFeaturePage   *self,
            const LcVerdict *verdict)
{
  const LcSummary *summary = self->analysis->summary;
  const LcEvaluation *e = verdict->evaluation;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) markers = NULL;
  g_autofree char *subtitle = NULL;
  LcMetric metric;
  LcDay from, to;

  if (e != NULL)
    {
      g_autofree char *before = lc_format_day_range (e->before_from, e->before_to);
      g_autofree char *after = lc_format_day_range (e->after_from, e->after_to);

      metric = e->metric;
      from = MAX (summary->first_day, e->before_from - 28);
      to = MIN (summary->last_day, e->after_to + 28);
      lc_chart_view_set_windows (self->chart, e->before_from, e->before_to, e->after_from, e->after_to);
      /* Translators: the two shaded spans of days on a chart. */
      subtitle = g_strdup_printf (_("Before: %s. After: %s."), before, after);
    }
  else
    {
      metric = verdict->watch_metric;
      lc_lookback_get_range (LC_LOOKBACK_12_MONTHS, summary->first_day, summary->last_day, &from, &to);
      lc_chart_view_set_windows (self->chart, LC_DAY_NONE, LC_DAY_NONE, LC_DAY_NONE, LC_DAY_NONE);
      subtitle = g_strdup (_("The last 12 months"));
    }

  markers = lc_feature_markers_collect (self->analysis, self->feature, from, to, labels);
  lc_chart_view_set_title (self->chart, lc_format_metric_heading (metric));
  lc_chart_view_set_subtitle (self->chart, subtitle);
  lc_chart_view_set_daily (self->chart, self->analysis->daily, metric, from, to,
                           summary->last_day, summary->currency, summary->exponent);
  lc_chart_view_set_markers (self->chart, (const LcChartMarker *) markers->data, markers->len);
}

static char *
state_text (LcFeaturePage *self)
{
  g_autoptr(GPtrArray) spans = lc_analysis_dup_feature_spans (self->analysis, self->feature);
  const LcFeatureSpan *last = spans->len > 0 ? g_ptr_array_index (spans, spans->len - 1) : NULL;

  if (last == NULL)
    return g_strdup (_("Off in your store, as far as Liftcheck knows."));

  if (last->off_day == LC_DAY_NONE)
    {
      g_autofree char *on = lc_display_day (last->on_day);

      /* Translators: %s is a day. */
      return g_strdup_printf (_("On in your store since %s."), on);
    }
  else
    {
      g_autofree char *off = lc_display_day (last->off_day);

      /* Translators: %s is a day. */
      return g_strdup_printf (_("Off in your store since %s."), off);
    }
}

static void
lc_feature_page_update (LcFeaturePage *self)
{
  const LcVerdict *verdict = lc_feature_page_get_verdict (self);
  const LcFeatureInfo *info;
  g_autofree char *state = NULL;
  g_autofree char *review = NULL;

  if (verdict == NULL)
    return;

  info = lc_feature_lookup (self->feature);
  gtk_label_set_label (self->title_label, lc_feature_info_get_title (info));
  lc_verdict_pill_set (self->verdict_pill, verdict);

  state = state_text (self);
  gtk_label_set_label (self->state_label, state);

  show_chart (self, verdict);
  show_reasons (self, verdict);
  show_numbers (self, verdict);
  show_timeline (self);

  gtk_label_set_label (self->watch_label, lc_metric_get_title (verdict->watch_metric));
  review = lc_display_day (verdict->review_on);
  gtk_label_set_label (self->review_label, review);
}

gboolean
lc_feature_page_record_switch (LcFeaturePage *self,
                               gboolean       on,
                               LcDay          day,
                               double         monthly_cost,
                               GError       **error)
{
  g_autoptr(GPtrArray) spans = NULL;
  const LcFeatureSpan *last;
  gint64 cost = -1;

  g_return_val_if_fail (LC_IS_FEATURE_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL && self->analysis != NULL, FALSE);

  spans = lc_analysis_dup_feature_spans (self->analysis, self->feature);
  last = spans->len > 0 ? g_ptr_array_index (spans, spans->len - 1) : NULL;

  if (monthly_cost >= 0)
    cost = llround (monthly_cost * pow (10.0, self->analysis->summary->exponent));

  if (on)
    {
      if (!lc_store_add_feature_span (self->store, self->feature, day, LC_DAY_NONE, cost, error))
        return FALSE;
    }
  else
    {
      if (last == NULL || last->off_day != LC_DAY_NONE)
        {
          g_set_error_literal (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                               _("The feature is already off. Record the day it was switched on first."));
          return FALSE;
        }
      if (day <= last->on_day)
        {
          g_autofree char *on_text = lc_display_day (last->on_day);

          g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                       /* Translators: %s is a day. */
                       _("It was switched on on %s, so it can only have been switched off after that."),
                       on_text);
          return FALSE;
        }
      if (!lc_store_add_feature_span (self->store, self->feature, last->on_day, day,
                                      cost >= 0 ? cost : -1, error))
        return FALSE;
    }

  g_signal_emit (self, signals[STORE_CHANGED], 0);
  return TRUE;
}

typedef struct
{
  LcFeaturePage *page;
  GtkDropDown   *what;
  GtkCalendar   *calendar;
  GtkMenuButton *day_button;
  AdwEntryRow   *cost_row;
} RecordDialog;

static void
record_dialog_free (RecordDialog *dialog)
{
  g_object_unref (dialog->page);
  g_free (dialog);
}

static LcDay
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  return lc_day_from_ymd (g_date_time_get_year (date),
                          g_date_time_get_month (date),
                          g_date_time_get_day_of_month (date));
}

static void
on_calendar_day_selected (GtkCalendar  *calendar,
                          RecordDialog *dialog)
{
  g_autofree char *text = lc_display_day (calendar_day (calendar));

  gtk_menu_button_set_label (dialog->day_button, text);
  gtk_menu_button_popdown (dialog->day_button);
}

static void
on_record_response (AdwMessageDialog *message_dialog,
                    const char       *response,
                    RecordDialog     *dialog)
{
  g_autoptr(GError) error = NULL;
  const char *cost_text;
  double cost = -1;
  gboolean on;

  if (!g_str_equal (response, "record"))
    return;

  on = gtk_drop_down_get_selected (dialog->what) == 0;
  cost_text = gtk_editable_get_text (GTK_EDITABLE (dialog->cost_row));
  if (cost_text[0] != '\0' && (!lc_format_parse_number (cost_text, &cost) || cost < 0))
    cost = -1;

  if (!lc_feature_page_record_switch (dialog->page, on, calendar_day (dialog->calendar), cost, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (message_dialog)),
                                                 _("Can’t Record the Switch"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
    }
}

static void
on_record_clicked (LcFeaturePage *self,
                   GtkButton     *button)
{
  const char *choices[] = { _("Switched on"), _("Switched off"), NULL };
  const LcVerdict *verdict = lc_feature_page_get_verdict (self);
  RecordDialog *dialog = g_new0 (RecordDialog, 1);
  GtkWidget *message_dialog;
  GtkWidget *list;
  GtkWidget *row;
  GtkWidget *popover;
  g_autoptr(GDateTime) last_day = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *heading = NULL;
  int year, month, mday;

  dialog->page = g_object_ref (self);

  /* Translators: %s is a feature, such as "Cart bundles". */
  heading = g_strdup_printf (_("When did %s change?"),
                             lc_feature_info_get_title (lc_feature_lookup (self->feature)));
  message_dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                           _("The day it was switched on or off in your store’s admin. If you are not sure, a day or two either way does little harm."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message_dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message_dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message_dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message_dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("What happened"));
  dialog->what = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (choices));
  gtk_widget_set_valign (GTK_WIDGET (dialog->what), GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (dialog->what, verdict != NULL && verdict->on ? 1 : 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (dialog->what));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (dialog->what));
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Day"));
  dialog->calendar = GTK_CALENDAR (gtk_calendar_new ());
  if (self->analysis->summary->has_orders)
    {
      lc_day_to_ymd (self->analysis->summary->last_day, &year, &month, &mday);
      last_day = g_date_time_new_local (year, month, mday, 0, 0, 0);
      gtk_calendar_select_day (dialog->calendar, last_day);
    }
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (dialog->calendar));
  dialog->day_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (dialog->day_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (dialog->day_button), GTK_ALIGN_CENTER);
  day_text = lc_display_day (calendar_day (dialog->calendar));
  gtk_menu_button_set_label (dialog->day_button, day_text);
  g_signal_connect (dialog->calendar, "day-selected", G_CALLBACK (on_calendar_day_selected), dialog);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (dialog->day_button));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (dialog->day_button));
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  dialog->cost_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Translators: %s is a currency code, such as "USD". */
  {
    g_autofree char *cost_title = g_strdup_printf (_("Monthly cost in %s (optional)"), currency_of (self));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->cost_row), cost_title);
  }
  gtk_editable_set_alignment (GTK_EDITABLE (dialog->cost_row), 0);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (dialog->cost_row));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message_dialog), list);
  g_signal_connect_data (message_dialog, "response", G_CALLBACK (on_record_response), dialog,
                         (GClosureNotify) (void (*) (void)) record_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message_dialog));
}

static void
lc_feature_page_dispose (GObject *object)
{
  LcFeaturePage *self = LC_FEATURE_PAGE (object);

  g_clear_object (&self->store);
  self->analysis = NULL;

  G_OBJECT_CLASS (lc_feature_page_parent_class)->dispose (object);
}

static void
lc_feature_page_finalize (GObject *object)
{
  LcFeaturePage *self = LC_FEATURE_PAGE (object);

  g_free (self->feature);
  g_clear_pointer (&self->number_rows, g_ptr_array_unref);
  g_clear_pointer (&self->timeline_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_feature_page_parent_class)->finalize (object);
}

static void
lc_feature_page_class_init (LcFeaturePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_feature_page_dispose;
  object_class->finalize = lc_feature_page_finalize;

  signals[STORE_CHANGED] =
    g_signal_new ("store-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-feature-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, verdict_pill);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, numbers_group);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, watch_label);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, review_label);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturePage, record_button);

  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked);
}

static void
lc_feature_page_init (LcFeaturePage *self)
{
  self->number_rows = g_ptr_array_new ();
  self->timeline_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->chart = LC_CHART_VIEW (lc_chart_view_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->chart), "card");
  lc_chart_view_set_band_kind (self->chart, LC_CHART_BAND_NORMAL);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->chart));
}

GtkWidget *
lc_feature_page_new (void)
{
  return g_object_new (LC_TYPE_FEATURE_PAGE, NULL);
}

void
lc_feature_page_set_feature (LcFeaturePage    *self,
                             LcStore          *store,
                             const LcAnalysis *analysis,
                             const char       *feature)
{
  g_return_if_fail (LC_IS_FEATURE_PAGE (self));
  g_return_if_fail (LC_IS_STORE (store));
  g_return_if_fail (analysis != NULL);
  g_return_if_fail (lc_feature_lookup (feature) != NULL);

  g_set_object (&self->store, store);
  self->analysis = analysis;
  if (g_strcmp0 (self->feature, feature) != 0)
    {
      g_free (self->feature);
      self->feature = g_strdup (feature);
    }

  lc_feature_page_update (self);
}

LcChartView *
lc_feature_page_get_chart (LcFeaturePage *self)
{
  g_return_val_if_fail (LC_IS_FEATURE_PAGE (self), NULL);

  return self->chart;
}

const char *
lc_feature_page_get_feature (LcFeaturePage *self)
{
  g_return_val_if_fail (LC_IS_FEATURE_PAGE (self), NULL);

  return self->feature;
}
