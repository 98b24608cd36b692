/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-advisor.h"
#include "lc-answers.h"
#include "lc-display.h"
#include "lc-feature.h"
#include "lc-format.h"
#include "lc-store-job.h"
#include "lc-verdict.h"
#include "lc-wizard.h"

typedef enum
{
  STEP_RATE,
  STEP_REVENUE,
  STEP_CATALOGUE,
  STEP_ORDERS,
  STEP_RETURNS,
  STEP_VERTICAL,
  STEP_EMAIL,
  STEP_AB,
  STEP_FEATURES,
  STEP_RESULT,
  N_STEPS
} Step;

static const char *step_names[N_STEPS] = {
  "rate", "revenue", "catalogue", "orders", "returns", "vertical", "email", "ab", "features", "result",
};

static const char *vertical_ids[] = { "apparel", "furniture", "electronics", "other" };

/* A number the owner can correct: the entry, its answer key, how it is
 * shown, and the text it was pre-filled with (unchanged text is not saved,
 * so a number from the store stays the store's). */
typedef enum
{
  FIELD_DECIMAL,   /* as written */
  FIELD_WHOLE,     /* rounded for display */
  FIELD_PERCENT,   /* a fraction shown as a percentage */
} FieldKind;

typedef struct
{
  const char  *name;
  const char  *key;
  FieldKind    kind;
  Step         step;
  AdwEntryRow *row;
  char        *shown;
} Field;

typedef struct
{
  const LcFeatureInfo *info;
  AdwExpanderRow      *row;
  GtkSwitch           *on_switch;
  AdwActionRow        *day_row;
  GtkMenuButton       *day_button;
  GtkCalendar         *calendar;
  AdwEntryRow         *cost_row;
  AdwEntryRow         *influenced_row;
  gboolean             was_on;
  LcDay                on_day;        /* the open span's first day */
  LcDay                last_off_day;  /* the last span's first day off */
  char                *cost_shown;
  char                *influenced_shown;
} FeatureRow;

struct _LcWizard
{
  AdwWindow       parent_instance;

  LcStore        *store;
  LcAnswers      *answers;
  LcAdvice       *advice;
  GCancellable   *cancellable;
  gboolean        busy;

  GArray         *steps;          /* Step, the ones this store needs */
  guint           current;
  GtkWidget      *pages[N_STEPS];
  GtkLabel       *notes[N_STEPS];
  GtkLabel       *errors[N_STEPS];
  Field           fields[7];
  AdwComboRow    *vertical_row;
  GtkSwitch      *ab_switch;
  FeatureRow      features[LC_ADVISOR_N_FEATURES];
  GtkLabel       *tier_badge;
  GtkLabel       *tier_meaning;
  GtkListBox     *verdict_list;
  GHashTable     *verdict_texts;  /* feature id -> verdict title shown */

  AdwWindowTitle *title_widget;
  GtkButton      *back_button;
  GtkButton      *next_button;
  GtkStack       *stack;
  guint           pages_built;
  guint           feature_rows_built;
  GtkListBox     *feature_list;
  guint           build_id;
};

G_DEFINE_FINAL_TYPE (LcWizard, lc_wizard, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void lc_wizard_show_step (LcWizard *self,
                                 guint     index);

/* Worker threads, on their own connections to the store. */

static gpointer
load_answers_job (LcStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return lc_store_load_answers (store, error);
}

static gpointer
advise_job (LcStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return lc_store_advise (store, error);
}

static void
run_in_thread (LcWizard            *self,
               LcStoreJobFunc       func,
               GDestroyNotify       result_free,
               GAsyncReadyCallback  callback)
{
  self->busy = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", FALSE);
  /* The wizard cancels its jobs when it goes, and a cancelled job never
   * touches it: the callbacks check for that first. */
  lc_store_job_run_async (lc_store_get_path (self->store), func, NULL, NULL, result_free,
                          self->cancellable, callback, self);
}

/* Pages */

static GtkWidget *
add_page (LcWizard   *self,
          Step        step,
          const char *title,
          const char *why,
          GtkWidget  *content)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 520);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-2");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (why);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  if (content != NULL)
    {
      gtk_widget_set_margin_top (content, 12);
      gtk_box_append (GTK_BOX (box), content);
    }

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  self->notes[step] = GTK_LABEL (label);

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (box), label);
  self->errors[step] = GTK_LABEL (label);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (self->stack, scroller, step_names[step]);
  self->pages[step] = scroller;
  return box;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
on_entry_activated (LcWizard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.next", NULL);
}

static AdwEntryRow *
add_field (LcWizard   *self,
           GtkWidget  *list,
           guint       index,
           const char *name,
           const char *key,
           FieldKind   kind,
           Step        step,
           const char *title,
           const char *unit)
{
  Field *field = &self->fields[index];
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), FALSE);
  gtk_editable_set_alignment (GTK_EDITABLE (row), 0);
  if (unit != NULL)
    {
      GtkWidget *label = gtk_label_new (unit);

      gtk_widget_add_css_class (label, "dim-label");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
    }
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_activated), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  field->name = name;
  field->key = key;
  field->kind = kind;
  field->step = step;
  field->row = ADW_ENTRY_ROW (row);
  return field->row;
}

static char *
field_text (FieldKind   kind,
            const char *value)
{
  double number;

  if (value == NULL)
    return g_strdup ("");

  number = g_ascii_strtod (value, NULL);
  switch (kind)
    {
    case FIELD_WHOLE:
      return g_strdup_printf ("%.0f", round (number));
    case FIELD_PERCENT:
      return g_strdup_printf ("%.1f", number * 100.0);
    case FIELD_DECIMAL:
    default:
      return lc_format_decimal_text (value);
    }
}

/* The owner's text as the answer's canonical value; NULL with error set
 * when it is not a number. "" clears the override. */
static char *
field_value (const Field  *field,
             const char   *text,
             GError      **error)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double number;

  /* Grouping marks and currency signs people type along with numbers. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c) || c == '.' || c == ',' || c == '-')
        g_string_append_unichar (clean, c);
      else if (c == '%' || c == '$' || g_unichar_isspace (c) || c == 0x202f)
        continue;
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is what the owner typed. */
                       _("“%s” is not a number. Type digits only, such as 1250000 or 12.5."), text);
          return NULL;
        }
    }
  if (clean->len == 0)
    return g_strdup ("");

  /* "12,5" is twelve and a half in Spanish, and so is "12.5". */
  if (!lc_format_parse_number (clean->str, &number) || number < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a number. Type digits only, such as 1250000 or 12.5."), text);
      return NULL;
    }

  /* Stored as a plain decimal, whatever the locale. */
  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, field->kind == FIELD_PERCENT ? number / 100.0 : number));
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
select_day (GtkCalendar *calendar,
            LcDay        day)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, mday;

  lc_day_to_ymd (day, &year, &month, &mday);
  date = g_date_time_new_local (year, month, mday, 0, 0, 0);
  gtk_calendar_select_day (calendar, date);
}

static void
feature_row_update (FeatureRow *f)
{
  gboolean on = gtk_switch_get_active (f->on_switch);
  g_autofree char *day = lc_display_day (calendar_day (f->calendar));
  g_autofree char *subtitle = NULL;

  gtk_menu_button_set_label (f->day_button, day);
  /* On, or switched off now: both need a day; off all along does not. */
  gtk_widget_set_visible (GTK_WIDGET (f->day_row), on || f->was_on);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->day_row),
                                 on ? _("Switched on") : _("Switched off"));
  gtk_widget_set_visible (GTK_WIDGET (f->cost_row), on);
  gtk_widget_set_visible (GTK_WIDGET (f->influenced_row), on);

  if (on)
    /* Translators: %s is a day. */
    subtitle = g_strdup_printf (_("On since %s"), day);
  else
    subtitle = g_strdup (_("Off"));
  adw_expander_row_set_subtitle (f->row, subtitle);
}

static void
on_feature_changed (FeatureRow *f)
{
  feature_row_update (f);
}

static void
on_feature_day_selected (FeatureRow *f)
{
  gtk_menu_button_popdown (f->day_button);
  feature_row_update (f);
}

/* One feature's row, with its switch, day, cost and vendor figure. */
static void
build_feature_row (LcWizard *self,
                   guint     i)
{
  FeatureRow *f = &self->features[i];
  const LcFeatureInfo *infos;
  GtkWidget *row, *popover;
  g_autofree char *cost_title = NULL;
  g_autofree char *influenced_title = NULL;
  const char *currency = self->answers->summary->currency != NULL ? self->answers->summary->currency : "USD";
  guint n;

  infos = lc_feature_list (&n);
  g_assert (i < n && i < G_N_ELEMENTS (self->features));

  f->info = &infos[i];
  f->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), lc_feature_info_get_title (f->info));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("In use in your store"));
  f->on_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (f->on_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (f->on_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (f->on_switch));
  adw_expander_row_add_row (f->row, row);

  f->day_row = ADW_ACTION_ROW (adw_action_row_new ());
  f->calendar = GTK_CALENDAR (gtk_calendar_new ());
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (f->calendar));
  f->day_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (f->day_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (f->day_button), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (f->day_row, GTK_WIDGET (f->day_button));
  adw_action_row_set_activatable_widget (f->day_row, GTK_WIDGET (f->day_button));
  adw_expander_row_add_row (f->row, GTK_WIDGET (f->day_row));

  f->cost_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Translators: %s is a currency code, such as "USD". */
  cost_title = g_strdup_printf (_("What it costs a month, in %s"), currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->cost_row), cost_title);
  adw_expander_row_add_row (f->row, GTK_WIDGET (f->cost_row));

  f->influenced_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Translators: %s is a currency code. "Influenced revenue" is what
   * recommendation vendors call sales their widget was near. */
  influenced_title = g_strdup_printf (_("“Influenced revenue” the vendor reports a year, in %s"), currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->influenced_row), influenced_title);
  adw_expander_row_add_row (f->row, GTK_WIDGET (f->influenced_row));

  g_signal_connect_swapped (f->on_switch, "notify::active", G_CALLBACK (on_feature_changed), f);
  g_signal_connect_swapped (f->calendar, "day-selected", G_CALLBACK (on_feature_day_selected), f);
  gtk_list_box_append (self->feature_list, GTK_WIDGET (f->row));
}

static void
fill_features (LcWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = lc_store_list_feature_spans (self->store, &error);
  LcDay today = self->answers->summary->has_orders ? self->answers->summary->last_day : LC_DAY_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (self->features); i++)
    {
      FeatureRow *f = &self->features[i];
      g_autofree char *cost_key = g_strconcat (f->info->id, ".monthly_cost", NULL);
      g_autofree char *influenced_key = g_strconcat (f->info->id, ".influenced_revenue", NULL);
      const LcAnswer *cost = lc_answers_lookup (self->answers, cost_key);
      const LcAnswer *influenced = lc_answers_lookup (self->answers, influenced_key);

      f->was_on = FALSE;
      f->on_day = f->last_off_day = LC_DAY_NONE;
      for (guint k = 0; spans != NULL && k < spans->len; k++)
        {
          const LcFeatureSpan *span = g_ptr_array_index (spans, k);

          if (!g_str_equal (span->feature, f->info->id))
            continue;
          f->was_on = span->off_day == LC_DAY_NONE;
          f->on_day = span->on_day;
          f->last_off_day = span->off_day;
        }

      g_free (f->cost_shown);
      f->cost_shown = field_text (FIELD_DECIMAL, cost != NULL ? cost->value : NULL);
      g_free (f->influenced_shown);
      f->influenced_shown = field_text (FIELD_WHOLE, influenced != NULL ? influenced->value : NULL);
      gtk_editable_set_text (GTK_EDITABLE (f->cost_row), f->cost_shown);
      gtk_editable_set_text (GTK_EDITABLE (f->influenced_row), f->influenced_shown);

      select_day (f->calendar, f->was_on ? f->on_day : (today != LC_DAY_NONE ? today : lc_day_from_ymd (2026, 1, 1)));
      gtk_switch_set_active (f->on_switch, f->was_on);
      feature_row_update (f);
    }
}

static GtkWidget *
build_result_page (LcWizard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "tier-card");
  label = gtk_label_new (NULL);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "tier-badge");
  gtk_box_append (GTK_BOX (card), label);
  self->tier_badge = GTK_LABEL (label);
  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (card), label);
  self->tier_meaning = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box), card);

  self->verdict_list = GTK_LIST_BOX (boxed_list ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->verdict_list));
  return box;
}

/* One page; the pages are built one per main-loop turn (see
 * build_next_page), so opening the wizard never holds up the window. */
static void
build_page (LcWizard *self,
            Step      step)
{
  const LcSummary *s = self->answers->summary;
  const char *currency = s->currency != NULL ? s->currency : "USD";
  g_autofree char *rate_title = NULL;
  GtkWidget *list;
  GtkWidget *row;
  const char *verticals[] = { _("Clothing, shoes or anything sized"), _("Furniture or home goods"),
                              _("Electronics, parts or accessories"), _("Something else"), NULL };

  switch (step)
    {
    case STEP_RATE:
      list = boxed_list ();
      /* Translators: %s is a currency code, such as "GBP". */
      rate_title = g_strdup_printf (_("One %s is worth"), currency);
      add_field (self, list, 0, "rate", "usd_rate", FIELD_DECIMAL, STEP_RATE, rate_title, _("US dollars"));
      add_page (self, STEP_RATE, _("What is your currency worth in US dollars?"),
                _("The size thresholds that decide what pays are in US dollars, so Liftcheck needs your currency’s rate. A rough figure is enough."),
                list);
      break;

    case STEP_REVENUE:
      list = boxed_list ();
      add_field (self, list, 1, "revenue", "annual_revenue_usd", FIELD_WHOLE, STEP_REVENUE,
                 _("Sales after refunds, last 12 months"), _("US dollars"));
      add_page (self, STEP_REVENUE, _("How much does your store sell in a year?"),
                _("Below $2 million a year there is too little data for any recommendation engine to beat simple rules; above $10 million, more of them pay. This decides most of the advice."),
                list);
      break;

    case STEP_CATALOGUE:
      list = boxed_list ();
      add_field (self, list, 2, "skus", "active_skus", FIELD_WHOLE, STEP_CATALOGUE,
                 _("Different items sold, last 12 months"), NULL);
      add_page (self, STEP_CATALOGUE, _("How many different items do you sell?"),
                _("Cart bundles need a catalogue with enough items to pair up: about 50 or more."),
                list);
      break;

    case STEP_ORDERS:
      list = boxed_list ();
      add_field (self, list, 3, "orders", "orders_per_month", FIELD_WHOLE, STEP_ORDERS,
                 _("Orders a month"), NULL);
      add_page (self, STEP_ORDERS, _("How many orders do you get a month?"),
                _("Return-prevention nudges and every test need volume: with few orders, a real change drowns in the normal ups and downs."),
                list);
      break;

    case STEP_RETURNS:
      list = boxed_list ();
      add_field (self, list, 4, "months", "months_of_returns", FIELD_WHOLE, STEP_RETURNS,
                 _("Months of refunds recorded"), NULL);
      add_field (self, list, 5, "return-rate", "return_rate", FIELD_PERCENT, STEP_RETURNS,
                 _("Share of sales refunded"), "%");
      add_page (self, STEP_RETURNS, _("What comes back?"),
                _("Nudges that prevent returns learn from your past returns: they need about six months of them, and pay more the more comes back."),
                list);
      break;

    case STEP_VERTICAL:
      list = boxed_list ();
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Mostly"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (verticals)));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      self->vertical_row = ADW_COMBO_ROW (row);
      add_page (self, STEP_VERTICAL, _("What do you sell?"),
                _("It decides which nudge fits a return risk: size guidance for clothes, compatibility checks for parts, photos and dimensions for furniture, and which bundles make sense."),
                list);
      break;

    case STEP_EMAIL:
      list = boxed_list ();
      add_field (self, list, 6, "email", "email_share", FIELD_PERCENT, STEP_EMAIL,
                 _("Share of revenue from e-mail"), "%");
      add_page (self, STEP_EMAIL, _("How much of your revenue comes from e-mail?"),
                _("Personalized product blocks in e-mails only pay where e-mail already brings in a quarter of sales or more. Klaviyo’s campaign export fills this in."),
                list);
      break;

    case STEP_AB:
      list = boxed_list ();
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Someone can set up and read A/B tests"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("An agency, an analyst, or yourself with the time for it"));
      self->ab_switch = GTK_SWITCH (gtk_switch_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->ab_switch), GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->ab_switch));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->ab_switch));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      add_page (self, STEP_AB, _("Who could run a test?"),
                _("Where a feature can only be judged by a proper test, Liftcheck says so only if someone can run one; otherwise it suggests the simple two-week off-test."),
                list);
      break;

    case STEP_FEATURES:
      self->feature_list = GTK_LIST_BOX (boxed_list ());
      add_page (self, STEP_FEATURES, _("Which features are on?"),
                _("For each one in use, the day it went on, what it costs and what the vendor’s dashboard claims. Liftcheck compares the weeks before and after the switch with your own orders."),
                GTK_WIDGET (self->feature_list));
      break;

    case STEP_RESULT:
      add_page (self, STEP_RESULT, _("Your store, and what to do"),
                _("Your answers are saved as you go. Change them any time with “About Your Store…” in the menu."),
                build_result_page (self));
      break;

    case N_STEPS:
      default:
        g_assert_not_reached ();
      }
}

static void
set_note (LcWizard   *self,
          Step        step,
          const char *key)
{
  const LcAnswer *answer = lc_answers_lookup (self->answers, key);
  g_autofree char *text = NULL;

  if (answer == NULL)
    return;

  switch (answer->source)
    {
    case LC_ANSWER_SOURCE_OWNER:
      text = g_strdup (_("You set this. Empty the field to go back to the figure from your orders."));
      break;
    case LC_ANSWER_SOURCE_ESTIMATE:
      text = g_strdup (_("An approximate rate built into Liftcheck. Check today’s rate and correct it if you like."));
      break;
    case LC_ANSWER_SOURCE_STORE:
      /* Translators: %s says where a number came from, such as "counted
       * orders a month over the last 12 months". */
      text = g_strdup_printf (_("From your orders: %s."), answer->note);
      break;
    case LC_ANSWER_SOURCE_DEFAULT:
    case LC_ANSWER_SOURCE_UNKNOWN:
    default:
      text = g_strdup (_("Your orders do not say. Type your best estimate, or leave it empty."));
      break;
    }
  gtk_label_set_label (self->notes[step], text);
}

static void
fill_pages (LcWizard *self)
{
  const LcAnswer *vertical = lc_answers_lookup (self->answers, "vertical");
  const LcAnswer *ab = lc_answers_lookup (self->answers, "ab_capacity");
  const LcSummary *s = self->answers->summary;

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    {
      Field *field = &self->fields[i];
      const LcAnswer *answer = lc_answers_lookup (self->answers, field->key);

      g_free (field->shown);
      field->shown = field_text (field->kind, answer != NULL ? answer->value : NULL);
      gtk_editable_set_text (GTK_EDITABLE (field->row), field->shown);
    }

  set_note (self, STEP_RATE, "usd_rate");
  set_note (self, STEP_REVENUE, "annual_revenue_usd");
  set_note (self, STEP_CATALOGUE, "active_skus");
  set_note (self, STEP_ORDERS, "orders_per_month");
  set_note (self, STEP_RETURNS, "return_rate");
  set_note (self, STEP_EMAIL, "email_share");
  set_note (self, STEP_VERTICAL, "vertical");
  set_note (self, STEP_AB, "ab_capacity");

  if (s->has_orders)
    {
      g_autofree char *orders = lc_display_count ((gint64) round (s->orders_per_month * 12));
      g_autofree char *text = NULL;

      if (lc_answers_lookup (self->answers, "orders_per_month")->source == LC_ANSWER_SOURCE_STORE)
        {
          /* Translators: %s is a number of orders. */
          text = g_strdup_printf (_("From your orders: %s in the last 12 months."), orders);
          gtk_label_set_label (self->notes[STEP_ORDERS], text);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (vertical_ids); i++)
    if (vertical != NULL && g_strcmp0 (vertical->value, vertical_ids[i]) == 0)
      adw_combo_row_set_selected (self->vertical_row, i);
  gtk_switch_set_active (self->ab_switch, ab != NULL && g_strcmp0 (ab->value, "yes") == 0);

  fill_features (self);
  gtk_label_set_label (self->notes[STEP_FEATURES], "");
}

/* Saving */

static void
show_error (LcWizard   *self,
            Step        step,
            const char *message)
{
  gtk_label_set_label (self->errors[step], message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->errors[step]), message != NULL);
}

static gboolean
save_field (LcWizard  *self,
            Field     *field,
            GError   **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field->row));
  g_autofree char *value = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (field->row), "error");
  if (g_strcmp0 (text, field->shown) == 0)
    return TRUE;

  value = field_value (field, text, error);
  if (value == NULL || !lc_store_set_answer (self->store, field->key, value, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (field->row), "error");
      return FALSE;
    }
  g_free (field->shown);
  field->shown = g_strdup (text);
  return TRUE;
}

static gboolean
save_feature (LcWizard    *self,
              FeatureRow  *f,
              GError     **error)
{
  gboolean on = gtk_switch_get_active (f->on_switch);
  LcDay day = calendar_day (f->calendar);
  const char *cost = gtk_editable_get_text (GTK_EDITABLE (f->cost_row));
  const char *influenced = gtk_editable_get_text (GTK_EDITABLE (f->influenced_row));
  g_autofree char *cost_key = g_strconcat (f->info->id, ".monthly_cost", NULL);
  g_autofree char *influenced_key = g_strconcat (f->info->id, ".influenced_revenue", NULL);
  const Field as_money = { .kind = FIELD_DECIMAL };

  if (on && (!f->was_on || day != f->on_day))
    {
      if (!lc_store_add_feature_span (self->store, f->info->id, day, LC_DAY_NONE, -1, error))
        return FALSE;
      f->was_on = TRUE;
      f->on_day = day;
    }
  else if (!on && f->was_on)
    {
      if (day <= f->on_day)
        {
          g_autofree char *on_text = lc_display_day (f->on_day);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: the first %s is a feature, the second a day. */
                       _("%s went on on %s, so it can only have gone off after that."),
                       lc_feature_info_get_title (f->info), on_text);
          return FALSE;
        }
      if (!lc_store_add_feature_span (self->store, f->info->id, f->on_day, day, -1, error))
        return FALSE;
      f->was_on = FALSE;
    }

  if (g_strcmp0 (cost, f->cost_shown) != 0)
    {
      g_autofree char *value = field_value (&as_money, cost, error);

      if (value == NULL || !lc_store_set_answer (self->store, cost_key, value, error))
        return FALSE;
      g_free (f->cost_shown);
      f->cost_shown = g_strdup (cost);
    }
  if (g_strcmp0 (influenced, f->influenced_shown) != 0)
    {
      g_autofree char *value = field_value (&as_money, influenced, error);

      if (value == NULL || !lc_store_set_answer (self->store, influenced_key, value, error))
        return FALSE;
      g_free (f->influenced_shown);
      f->influenced_shown = g_strdup (influenced);
    }
  return TRUE;
}

static gboolean
save_step (LcWizard  *self,
           Step       step,
           GError   **error)
{
  switch (step)
    {
    case STEP_VERTICAL:
      {
        guint selected = adw_combo_row_get_selected (self->vertical_row);
        const LcAnswer *vertical = lc_answers_lookup (self->answers, "vertical");

        if (selected < G_N_ELEMENTS (vertical_ids)
            && (vertical->source == LC_ANSWER_SOURCE_OWNER || !g_str_equal (vertical_ids[selected], vertical->value)))
          return lc_store_set_answer (self->store, "vertical", vertical_ids[selected], error);
        return TRUE;
      }

    case STEP_AB:
      {
        const LcAnswer *ab = lc_answers_lookup (self->answers, "ab_capacity");
        const char *value = gtk_switch_get_active (self->ab_switch) ? "yes" : "no";

        if (ab->source == LC_ANSWER_SOURCE_OWNER || !g_str_equal (value, ab->value))
          return lc_store_set_answer (self->store, "ab_capacity", value, error);
        return TRUE;
      }

    case STEP_FEATURES:
      self->feature_list = GTK_LIST_BOX (boxed_list ());
      for (guint i = 0; i < G_N_ELEMENTS (self->features); i++)
        if (!save_feature (self, &self->features[i], error))
          return FALSE;
      return TRUE;

    case STEP_RESULT:
      return TRUE;

    default:
      for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
        if (self->fields[i].step == step && !save_field (self, &self->fields[i], error))
          return FALSE;
      return TRUE;
    }
}

/* The result */

static void
on_advised (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  LcAdvice *advice = lc_store_job_finish (result, &error);
  LcWizard *self;
  const LcFeatureInfo *infos;
  GtkWidget *child;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = LC_WIZARD (user_data);

  self->busy = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", TRUE);
  if (advice == NULL)
    {
      show_error (self, STEP_RESULT, error->message);
      return;
    }

  g_clear_pointer (&self->advice, lc_advice_free);
  self->advice = advice;

  gtk_label_set_label (self->tier_badge, lc_tier_get_title (advice->tier));
  gtk_label_set_label (self->tier_meaning, lc_tier_get_advice (advice->tier));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->verdict_list))) != NULL)
    gtk_list_box_remove (self->verdict_list, child);
  g_hash_table_remove_all (self->verdict_texts);

  infos = lc_feature_list (&n);
  for (guint i = 0; i < n; i++)
    {
      const LcVerdict *verdict = lc_advice_lookup (advice, infos[i].id);
      GtkWidget *row;

      if (verdict == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lc_feature_info_get_title (&infos[i]));
      if (verdict->reasons->len > 0)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (verdict->reasons, 0));
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), lc_verdict_pill_new (verdict));
      gtk_list_box_append (self->verdict_list, row);
      g_hash_table_insert (self->verdict_texts, g_strdup (infos[i].id), g_strdup (lc_verdict_get_title (verdict)));
    }
}

/* Navigation */

static void
lc_wizard_show_step (LcWizard *self,
                     guint     index)
{
  Step step;
  g_autofree char *subtitle = NULL;

  if (index >= self->steps->len)
    return;

  self->current = index;
  step = g_array_index (self->steps, Step, index);
  gtk_stack_set_visible_child (self->stack, self->pages[step]);
  show_error (self, step, NULL);

  /* Translators: "Step 2 of 9". */
  subtitle = g_strdup_printf (_("Step %u of %u"), index + 1, self->steps->len);
  adw_window_title_set_subtitle (self->title_widget, subtitle);

  gtk_button_set_label (self->next_button, step == STEP_RESULT ? _("_Finish") : _("_Next"));
  gtk_button_set_label (self->back_button, index == 0 ? _("_Cancel") : _("_Back"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (self->fields[i].step == step)
      {
        gtk_widget_grab_focus (GTK_WIDGET (self->fields[i].row));
        break;
      }

  if (step == STEP_RESULT)
    run_in_thread (self, advise_job, (GDestroyNotify) lc_advice_free, on_advised);
}

/* After the exchange rate changed, the dollar figures that follow from it
 * change too: fields the owner has not touched take the new values. */
static void
on_answers_reloaded (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  LcAnswers *answers = lc_store_job_finish (result, &error);
  LcWizard *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = LC_WIZARD (user_data);
  self->busy = FALSE;
  if (answers != NULL)
    {
      lc_answers_free (self->answers);
      self->answers = answers;
      for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
        {
          Field *field = &self->fields[i];
          const LcAnswer *answer = lc_answers_lookup (answers, field->key);

          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->row)), field->shown) != 0)
            continue;
          g_free (field->shown);
          field->shown = field_text (field->kind, answer != NULL ? answer->value : NULL);
          gtk_editable_set_text (GTK_EDITABLE (field->row), field->shown);
        }
      set_note (self, STEP_REVENUE, "annual_revenue_usd");
    }
  lc_wizard_show_step (self, self->current + 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LcWizard *self = LC_WIZARD (widget);
  g_autoptr(GError) error = NULL;
  Step step;
  g_autofree char *resume = NULL;

  if (self->busy || self->steps == NULL)
    return;

  step = g_array_index (self->steps, Step, self->current);
  if (!save_step (self, step, &error))
    {
      show_error (self, step, error->message);
      return;
    }
  g_signal_emit (self, signals[STORE_CHANGED], 0);

  if (step == STEP_RESULT)
    {
      lc_store_set_setting (self->store, "wizard.step", NULL, NULL);
      lc_store_set_setting (self->store, "wizard.done", "yes", NULL);
      g_signal_emit (self, signals[FINISHED], 0);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* Where to pick up when the owner comes back. */
  resume = g_strdup (step_names[g_array_index (self->steps, Step, self->current + 1)]);
  lc_store_set_setting (self->store, "wizard.step", resume, NULL);
  if (step == STEP_RATE)
    run_in_thread (self, load_answers_job, (GDestroyNotify) lc_answers_free, on_answers_reloaded);
  else
    lc_wizard_show_step (self, self->current + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LcWizard *self = LC_WIZARD (widget);

  if (self->busy)
    return;
  if (self->current == 0)
    gtk_window_close (GTK_WINDOW (self));
  else
    lc_wizard_show_step (self, self->current - 1);
}

/* Builds the next page in this main-loop turn and comes back for the
 * others; after the last, fills them in and shows the step to start on. */
static gboolean
build_next_page (gpointer data)
{
  LcWizard *self = LC_WIZARD (data);
  g_autofree char *resume = NULL;
  guint start = 0;

  if (self->pages_built < N_STEPS)
    {
      build_page (self, self->pages_built++);
      return G_SOURCE_CONTINUE;
    }
  /* The features page is the heaviest: a row a turn. */
  if (self->feature_rows_built < G_N_ELEMENTS (self->features))
    {
      build_feature_row (self, self->feature_rows_built++);
      return G_SOURCE_CONTINUE;
    }

  self->build_id = 0;
  self->busy = FALSE;
  fill_pages (self);

  resume = lc_store_dup_setting (self->store, "wizard.step");
  for (guint i = 0; resume != NULL && i < self->steps->len; i++)
    if (g_str_equal (step_names[g_array_index (self->steps, Step, i)], resume))
      start = i;
  lc_wizard_show_step (self, start);
  return G_SOURCE_REMOVE;
}

static void
on_answers_loaded (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  LcAnswers *answers = lc_store_job_finish (result, &error);
  LcWizard *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = LC_WIZARD (user_data);
  self->busy = FALSE;
  if (answers == NULL)
    {
      GtkWidget *page = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Can’t Read the Store"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page), error->message);
      gtk_stack_add_named (self->stack, page, "error");
      gtk_stack_set_visible_child (self->stack, page);
      return;
    }
  self->answers = answers;

  self->steps = g_array_new (FALSE, FALSE, sizeof (Step));
  for (Step step = 0; step < N_STEPS; step++)
    {
      /* The rate only matters when the store does not sell in dollars. */
      if (step == STEP_RATE && g_strcmp0 (answers->summary->currency, "USD") == 0)
        continue;
      g_array_append_val (self->steps, step);
    }

  self->busy = TRUE;
  self->build_id = g_idle_add (build_next_page, self);
}

static gboolean
lc_wizard_close_request (GtkWindow *window)
{
  LcWizard *self = LC_WIZARD (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (lc_wizard_parent_class)->close_request (window);
}

static void
lc_wizard_dispose (GObject *object)
{
  LcWizard *self = LC_WIZARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->answers, lc_answers_free);
  g_clear_pointer (&self->advice, lc_advice_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_WIZARD);

  G_OBJECT_CLASS (lc_wizard_parent_class)->dispose (object);
}

static void
lc_wizard_finalize (GObject *object)
{
  LcWizard *self = LC_WIZARD (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    g_free (self->fields[i].shown);
  for (guint i = 0; i < G_N_ELEMENTS (self->features); i++)
    {
      g_free (self->features[i].cost_shown);
      g_free (self->features[i].influenced_shown);
    }
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->verdict_texts, g_hash_table_unref);

  G_OBJECT_CLASS (lc_wizard_parent_class)->finalize (object);
}

static void
lc_wizard_class_init (LcWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lc_wizard_dispose;
  object_class->finalize = lc_wizard_finalize;
  window_class->close_request = lc_wizard_close_request;

  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STORE_CHANGED] =
    g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, LcWizard, title_widget);
  gtk_widget_class_bind_template_child (widget_class, LcWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, LcWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, LcWizard, stack);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
}

static void
lc_wizard_init (LcWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->verdict_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

LcWizard *
lc_wizard_new (GtkWindow *parent,
               LcStore   *store)
{
  LcWizard *self;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  self = g_object_new (LC_TYPE_WIZARD,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  run_in_thread (self, load_answers_job, (GDestroyNotify) lc_answers_free, on_answers_loaded);
  return self;
}

const char *
lc_wizard_get_step (LcWizard *self)
{
  g_return_val_if_fail (LC_IS_WIZARD (self), NULL);

  if (self->steps == NULL || self->current >= self->steps->len)
    return NULL;
  return step_names[g_array_index (self->steps, Step, self->current)];
}

gboolean
lc_wizard_is_busy (LcWizard *self)
{
  g_return_val_if_fail (LC_IS_WIZARD (self), FALSE);

  return self->busy;
}

AdwEntryRow *
lc_wizard_get_entry (LcWizard   *self,
                     const char *name)
{
  g_return_val_if_fail (LC_IS_WIZARD (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (g_strcmp0 (self->fields[i].name, name) == 0)
      return self->fields[i].row;
  return NULL;
}

AdwComboRow *
lc_wizard_get_vertical_row (LcWizard *self)
{
  g_return_val_if_fail (LC_IS_WIZARD (self), NULL);

  return self->vertical_row;
}

GtkSwitch *
lc_wizard_get_ab_switch (LcWizard *self)
{
  g_return_val_if_fail (LC_IS_WIZARD (self), NULL);

  return self->ab_switch;
}

const char *
lc_wizard_get_error (LcWizard *self)
{
  Step step;

  g_return_val_if_fail (LC_IS_WIZARD (self), NULL);

  if (self->steps == NULL)
    return "";
  step = g_array_index (self->steps, Step, self->current);
  return gtk_widget_get_visible (GTK_WIDGET (self->errors[step])) ? gtk_label_get_label (self->errors[step]) : "";
}

const char *
lc_wizard_get_tier_text (LcWizard *self)
{
  g_return_val_if_fail (LC_IS_WIZARD (self), NULL);

  return self->tier_badge != NULL ? gtk_label_get_label (self->tier_badge) : NULL;
}

const char *
lc_wizard_get_verdict_text (LcWizard   *self,
                            const char *feature)
{
  g_return_val_if_fail (LC_IS_WIZARD (self), NULL);

  return g_hash_table_lookup (self->verdict_texts, feature);
}
