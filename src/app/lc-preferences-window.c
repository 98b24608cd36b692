/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stddef.h>

#include "lc-answers.h"
#include "lc-display.h"
#include "lc-money.h"
#include "lc-preferences-window.h"
#include "lc-rules.h"

/* A change is written once the owner stops clicking, not at every step of
 * a spin button. */
#define SAVE_DELAY_MS 400

typedef enum
{
  UNIT_COUNT,
  UNIT_DAYS,
  UNIT_USD,
  UNIT_PERCENT,   /* a fraction shown as a percentage */
  UNIT_WEEKS,
} Unit;

typedef struct
{
  const char *name;      /* the rule table's key */
  gsize       offset;    /* in LcRules */
  Unit        unit;
  double      max;
  const char *title;     /* untranslated; shown with _() */
  const char *group;     /* untranslated group title */
} Threshold;

#define RULE(name) #name, offsetof (LcRules, name)

static const Threshold thresholds[] = {
  { RULE (tier_2m), UNIT_USD, 1e9, N_("Mid-size from"), N_("Store Size") },
  { RULE (tier_5m), UNIT_USD, 1e9, N_("E-mail blocks from"), N_("Store Size") },
  { RULE (tier_10m), UNIT_USD, 1e9, N_("Large from"), N_("Store Size") },
  { RULE (bundles_min_skus), UNIT_COUNT, 1e6, N_("Items needed for cart bundles"), N_("Cart Bundles") },
  { RULE (bundles_review_days), UNIT_DAYS, 3650, N_("Judge bundles after"), N_("Cart Bundles") },
  { RULE (nudges_min_months), UNIT_COUNT, 120, N_("Months of returns needed"), N_("Return-Prevention Nudges") },
  { RULE (nudges_min_orders_per_month), UNIT_COUNT, 1e7, N_("Orders a month needed"), N_("Return-Prevention Nudges") },
  { RULE (risk_flag_rate), UNIT_PERCENT, 1, N_("Return rate that flags a product"), N_("Return-Prevention Nudges") },
  { RULE (email_min_share), UNIT_PERCENT, 1, N_("E-mail’s share of revenue needed"), N_("E-mail") },
  { RULE (retention_min_customers), UNIT_COUNT, 1e8, N_("Customers needed"), N_("Predictive Retention") },
  { RULE (retention_min_days), UNIT_DAYS, 3650, N_("History needed"), N_("Predictive Retention") },
  { RULE (retention_recent_days), UNIT_DAYS, 365, N_("Recent means within"), N_("Predictive Retention") },
  { RULE (retention_repeat_orders), UNIT_COUNT, 100, N_("Orders that make a repeat customer"), N_("Predictive Retention") },
  { RULE (rule_90_days), UNIT_DAYS, 3650, N_("Switch off a feature that shows nothing after"), N_("Measuring") },
  { RULE (evaluation_window_days), UNIT_DAYS, 365, N_("Weeks compared before and after a switch"), N_("Measuring") },
  { RULE (detect_lift), UNIT_PERCENT, 1, N_("Smallest change worth seeing"), N_("Measuring") },
  { RULE (measurable_weeks), UNIT_WEEKS, 520, N_("A test must see it within"), N_("Measuring") },
  { RULE (non_incremental_share), UNIT_PERCENT, 1, N_("Share of “influenced revenue” that comes anyway"), N_("Measuring") },
  { RULE (offtest_days), UNIT_DAYS, 90, N_("Length of an off-test"), N_("Measuring") },
  { RULE (offtest_drop), UNIT_PERCENT, 1, N_("Drop that means switching back on"), N_("Measuring") },
};

typedef struct
{
  LcPreferencesWindow *window;
  const Threshold     *threshold;
  GtkSpinButton       *spin;
  GtkButton           *reset;
  AdwActionRow        *row;
  guint                save_id;
} ThresholdRow;

struct _LcPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LcStore              *store;
  LcRules               defaults;
  ThresholdRow          rows[G_N_ELEMENTS (thresholds)];
  AdwEntryRow          *rate_row;
  AdwEntryRow          *shipping_row;
  AdwEntryRow          *restocking_row;
};

G_DEFINE_FINAL_TYPE (LcPreferencesWindow, lc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
rule_value (const LcRules   *rules,
            const Threshold *threshold)
{
  return *(const double *) ((const char *) rules + threshold->offset);
}

/* What the spin button shows for a rule's value, and back. */
static double
to_shown (const Threshold *threshold,
          double           value)
{
  return threshold->unit == UNIT_PERCENT ? value * 100.0 : value;
}

static double
from_shown (const Threshold *threshold,
            double           shown)
{
  return threshold->unit == UNIT_PERCENT ? shown / 100.0 : shown;
}

static char *
format_value (const Threshold *threshold,
              double           value)
{
  g_autofree char *number = NULL;

  switch (threshold->unit)
    {
    case UNIT_USD:
      return lc_display_money (value, "USD", 0);
    case UNIT_PERCENT:
      /* Translators: a percentage, "30%". */
      return g_strdup_printf (_("%g%%"), round (value * 1000.0) / 10.0);
    case UNIT_DAYS:
      return g_strdup_printf (ngettext ("%.0f day", "%.0f days", (gulong) value), value);
    case UNIT_WEEKS:
      return g_strdup_printf (ngettext ("%.0f week", "%.0f weeks", (gulong) value), value);
    case UNIT_COUNT:
    default:
      return lc_display_count ((gint64) value);
    }
}

static void
update_reset (ThresholdRow *row)
{
  g_autofree char *key = g_strconcat ("threshold.", row->threshold->name, NULL);
  g_autofree char *value = lc_store_dup_setting (row->window->store, key);

  gtk_widget_set_visible (GTK_WIDGET (row->reset), value != NULL);
}

static gboolean
save_threshold (gpointer data)
{
  ThresholdRow *row = data;
  g_autofree char *key = g_strconcat ("threshold.", row->threshold->name, NULL);
  double value = from_shown (row->threshold, gtk_spin_button_get_value (row->spin));
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GError) error = NULL;

  row->save_id = 0;
  if (!lc_store_set_setting (row->window->store, key, g_ascii_dtostr (buffer, sizeof buffer, value), &error))
    g_warning ("Could not save %s: %s", key, error->message);
  update_reset (row);
  g_signal_emit (row->window, signals[STORE_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
on_threshold_changed (ThresholdRow *row)
{
  g_clear_handle_id (&row->save_id, g_source_remove);
  row->save_id = g_timeout_add (SAVE_DELAY_MS, save_threshold, row);
}

static void
on_threshold_reset (ThresholdRow *row)
{
  g_autofree char *key = g_strconcat ("threshold.", row->threshold->name, NULL);

  g_clear_handle_id (&row->save_id, g_source_remove);
  lc_store_set_setting (row->window->store, key, NULL, NULL);
  g_signal_handlers_block_by_func (row->spin, on_threshold_changed, row);
  gtk_spin_button_set_value (row->spin, to_shown (row->threshold, rule_value (&row->window->defaults, row->threshold)));
  g_signal_handlers_unblock_by_func (row->spin, on_threshold_changed, row);
  update_reset (row);
  g_signal_emit (row->window, signals[STORE_CHANGED], 0);
}

static void
build_thresholds (LcPreferencesWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = NULL;
  const char *group_title = NULL;
  LcRules rules;

  lc_rules_init_defaults (&self->defaults);
  lc_store_load_rules (self->store, &rules);

  adw_preferences_page_set_title (page, _("Rules"));
  adw_preferences_page_set_icon_name (page, "emblem-system-symbolic");

  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      const Threshold *threshold = &thresholds[i];
      ThresholdRow *row = &self->rows[i];
      g_autofree char *default_text = format_value (threshold, rule_value (&self->defaults, threshold));
      g_autofree char *subtitle = NULL;
      GtkAdjustment *adjustment;

      if (g_strcmp0 (group_title, threshold->group) != 0)
        {
          group_title = threshold->group;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, _(threshold->group));
          if (i == 0)
            adw_preferences_group_set_description (group, _("The playbook’s thresholds behind every verdict, for this store. Change one and the verdicts follow at once; the arrow puts the default back."));
          adw_preferences_page_add (page, group);
        }

      row->window = self;
      row->threshold = threshold;
      row->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), _(threshold->title));
      /* Translators: %s is the rule's default value. */
      subtitle = g_strdup_printf (_("Default: %s"), default_text);
      adw_action_row_set_subtitle (row->row, subtitle);

      adjustment = gtk_adjustment_new (to_shown (threshold, rule_value (&rules, threshold)), 0,
                                       to_shown (threshold, threshold->max),
                                       threshold->unit == UNIT_USD ? 100000 : threshold->unit == UNIT_PERCENT ? 0.5 : 1,
                                       threshold->unit == UNIT_USD ? 1000000 : 10, 0);
      row->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, threshold->unit == UNIT_PERCENT ? 1 : 0));
      gtk_widget_set_valign (GTK_WIDGET (row->spin), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _(threshold->title), -1);

      row->reset = GTK_BUTTON (gtk_button_new_from_icon_name ("edit-undo-symbolic"));
      gtk_widget_set_valign (GTK_WIDGET (row->reset), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->reset), _("Use the Default"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->reset), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Use the Default"), -1);
      gtk_widget_add_css_class (GTK_WIDGET (row->reset), "flat");

      adw_action_row_add_suffix (row->row, GTK_WIDGET (row->reset));
      adw_action_row_add_suffix (row->row, GTK_WIDGET (row->spin));
      adw_preferences_group_add (group, GTK_WIDGET (row->row));

      g_signal_connect_swapped (row->spin, "value-changed", G_CALLBACK (on_threshold_changed), row);
      g_signal_connect_swapped (row->reset, "clicked", G_CALLBACK (on_threshold_reset), row);
      update_reset (row);
    }

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

static void
set_entry_error (AdwEntryRow *row,
                 gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_rate_applied (LcPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->rate_row));
  g_autoptr(GError) error = NULL;

  /* An empty rate goes back to the built-in estimate. */
  set_entry_error (self->rate_row, !lc_store_set_answer (self->store, "usd_rate", text, &error));
  if (error == NULL)
    g_signal_emit (self, signals[STORE_CHANGED], 0);
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
on_cost_applied (LcPreferencesWindow *self,
                 AdwEntryRow         *row)
{
  const char *key = row == self->shipping_row ? "return_shipping_cost" : "restocking_cost";
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gint64 value;

  if (text[0] != '\0' && (!lc_money_parse (text, lc_store_get_exponent (self->store), &value, NULL) || value < 0))
    {
      set_entry_error (row, TRUE);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Type an amount such as 7.50.")));
      return;
    }
  set_entry_error (row, FALSE);
  lc_store_set_setting (self->store, key, text[0] != '\0' ? text : NULL, NULL);
  g_signal_emit (self, signals[STORE_CHANGED], 0);
}

static AdwEntryRow *
add_entry (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static void
build_money (LcPreferencesWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group;
  const char *currency = lc_store_get_currency (self->store);
  g_autoptr(LcAnswers) answers = lc_store_load_answers (self->store, NULL);
  g_autofree char *shipping = lc_store_dup_setting (self->store, "return_shipping_cost");
  g_autofree char *restocking = lc_store_dup_setting (self->store, "restocking_cost");
  g_autofree char *rate_title = NULL;
  g_autofree char *shipping_title = NULL;
  g_autofree char *restocking_title = NULL;

  if (currency == NULL)
    currency = "USD";

  adw_preferences_page_set_title (page, _("Money"));
  adw_preferences_page_set_icon_name (page, "accessories-calculator-symbolic");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Exchange Rate"));
  if (g_str_equal (currency, "USD"))
    adw_preferences_group_set_description (group, _("This store sells in US dollars, the currency of the size thresholds."));
  else
    {
      const LcAnswer *rate = answers != NULL ? lc_answers_lookup (answers, "usd_rate") : NULL;

      adw_preferences_group_set_description (group, _("The size thresholds are in US dollars. Empty the field to use Liftcheck’s built-in approximate rate."));
      /* Translators: %s is a currency code, such as "GBP". */
      rate_title = g_strdup_printf (_("US dollars for one %s"), currency);
      self->rate_row = add_entry (group, rate_title, rate != NULL ? rate->value : NULL);
      g_signal_connect_swapped (self->rate_row, "apply", G_CALLBACK (on_rate_applied), self);
    }
  adw_preferences_page_add (page, group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("What a Return Costs"));
  adw_preferences_group_set_description (group, _("Besides the refund, each return costs shipping both ways and handling. Liftcheck counts these in the money a return-prevention nudge saves. Empty a field for the usual figure."));
  /* Translators: %s is a currency code. */
  shipping_title = g_strdup_printf (_("Shipping both ways, in %s (usually 14.00)"), currency);
  self->shipping_row = add_entry (group, shipping_title, shipping);
  restocking_title = g_strdup_printf (_("Restocking and handling, in %s (usually 3.00)"), currency);
  self->restocking_row = add_entry (group, restocking_title, restocking);
  g_signal_connect_swapped (self->shipping_row, "apply", G_CALLBACK (on_cost_applied), self);
  g_signal_connect_swapped (self->restocking_row, "apply", G_CALLBACK (on_cost_applied), self);
  adw_preferences_page_add (page, group);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

static void
lc_preferences_window_dispose (GObject *object)
{
  LcPreferencesWindow *self = LC_PREFERENCES_WINDOW (object);

  /* A change still waiting is written now rather than lost. */
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    if (self->rows[i].save_id != 0)
      {
        g_clear_handle_id (&self->rows[i].save_id, g_source_remove);
        save_threshold (&self->rows[i]);
      }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lc_preferences_window_parent_class)->dispose (object);
}

static void
lc_preferences_window_class_init (LcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_preferences_window_dispose;

  signals[STORE_CHANGED] =
    g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lc_preferences_window_init (LcPreferencesWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), TRUE);
}

LcPreferencesWindow *
lc_preferences_window_new (GtkWindow *parent,
                           LcStore   *store)
{
  LcPreferencesWindow *self;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  self = g_object_new (LC_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  build_thresholds (self);
  build_money (self);
  return self;
}

GtkSpinButton *
lc_preferences_window_get_threshold (LcPreferencesWindow *self,
                                     const char          *name)
{
  g_return_val_if_fail (LC_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    if (g_str_equal (thresholds[i].name, name))
      return self->rows[i].spin;
  return NULL;
}

GtkButton *
lc_preferences_window_get_reset (LcPreferencesWindow *self,
                                 const char          *name)
{
  g_return_val_if_fail (LC_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    if (g_str_equal (thresholds[i].name, name))
      return self->rows[i].reset;
  return NULL;
}
