/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-tests-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-display.h"
#include "lc-experiments.h"
#include "lc-feature.h"
#include "lc-format.h"
#include "lc-pages-private.h"
#include "lc-stats.h"
#include "lc-store-job.h"
#include "lc-tests-page.h"

/* The off-test the page suggests when none was run: two weeks from the
 * day after the data ends. */
#define OFF_TEST_DAYS 14

struct _LcTestsPage
{
  AdwBin               parent_instance;

  LcStore             *store;
  const LcAnalysis    *analysis;
  char                *store_path;    /* the store the choices were made for */
  gboolean             stale;
  gboolean             updating;      /* setting the widgets from code */
  gboolean             choose_pending; /* a new store: suggest its off-test when shown */
  LcDay                off_from;
  LcDay                off_to;
  GCancellable        *off_test_cancellable;
  GCancellable        *holdout_cancellable;
  GCancellable        *power_cancellable;

  AdwComboRow         *feature_row;
  GtkMenuButton       *from_button;
  GtkCalendar         *from_calendar;
  GtkMenuButton       *to_button;
  GtkCalendar         *to_calendar;
  GtkWidget           *offtest_result;
  GtkLabel            *offtest_heading;
  GtkLabel            *offtest_body;
  AdwEntryRow         *tag_row;
  GtkWidget           *holdout_result;
  GtkLabel            *holdout_heading;
  GtkLabel            *holdout_body;
  GtkSpinButton       *visitors_a;
  GtkSpinButton       *orders_a;
  AdwEntryRow         *revenue_a_row;
  GtkSpinButton       *visitors_b;
  GtkSpinButton       *orders_b;
  AdwEntryRow         *revenue_b_row;
  GtkWidget           *ab_result;
  GtkLabel            *ab_heading;
  GtkLabel            *ab_body;
  GtkSpinButton       *lift;
  GtkWidget           *power_result;
  GtkLabel            *power_heading;
  GtkLabel            *power_body;
};

G_DEFINE_FINAL_TYPE (LcTestsPage, lc_tests_page, ADW_TYPE_BIN)

static const char *
currency_of (LcTestsPage *self)
{
  const char *currency = self->analysis != NULL ? self->analysis->summary->currency : NULL;

  return currency != NULL ? currency : "USD";
}

static void
set_result (GtkLabel   *heading,
            GtkLabel   *body,
            const char *heading_text,
            const char *body_text)
{
  gtk_label_set_label (heading, heading_text);
  gtk_label_set_label (body, body_text);
  gtk_widget_set_visible (GTK_WIDGET (body), body_text != NULL && body_text[0] != '\0');
}

/* Paragraphs, each a whole sentence or more, one after the other. */
static char *
join_paragraphs (GPtrArray *paragraphs)
{
  g_ptr_array_add (paragraphs, NULL);
  return g_strjoinv ("\n\n", (char **) paragraphs->pdata);
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static const char *
selected_feature (LcTestsPage *self)
{
  guint n_features;
  const LcFeatureInfo *features = lc_feature_list (&n_features);
  guint selected = adw_combo_row_get_selected (self->feature_row);

  return selected < n_features ? features[selected].id : features[0].id;
}

static const char *
selected_feature_title (LcTestsPage *self)
{
  return lc_feature_info_get_title (lc_feature_lookup (selected_feature (self)));
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
set_calendar_day (GtkCalendar   *calendar,
                  GtkMenuButton *button,
                  LcDay          day)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = lc_display_day (day);
  int year, month, mday;

  lc_day_to_ymd (day, &year, &month, &mday);
  date = g_date_time_new_local (year, month, mday, 0, 0, 0);
  gtk_calendar_select_day (calendar, date);
  gtk_menu_button_set_label (button, text);
}

/* The off-test */

static void
show_off_test (LcTestsPage     *self,
               const LcOffTest *t)
{
  const char *currency = currency_of (self);
  const char *feature = selected_feature_title (self);
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first = lc_display_day (t->from);
  g_autofree char *last = lc_display_day (t->to);
  g_autofree char *actual = lc_display_money (t->actual, currency, 0);
  g_autofree char *forecast = lc_display_money (t->forecast, currency, 0);
  g_autofree char *change = lc_format_relative_change (t->revenue_change);
  g_autofree char *low = lc_format_relative_change (t->change_low);
  g_autofree char *high = lc_format_relative_change (t->change_high);
  g_autofree char *normal = lc_format_percent (t->normal_weekly_variation);
  g_autofree char *body = NULL;

  /* Translators: "Off from 25 Aug 2026 to 7 Sep 2026, revenue was $98,000, against $99,500 expected from the weeks before: −1.5% (most likely −6.0% to +3.1%)." */
  g_ptr_array_add (paragraphs, g_strdup_printf (_("Off from %s to %s, revenue was %s, against %s expected from the weeks before: %s (most likely %s to %s)."),
                                                first, last, actual, forecast, change, low, high));
  /* Translators: %s is a percentage. */
  g_ptr_array_add (paragraphs, g_strdup_printf (_("Revenue normally moves about %s from one week to the next."), normal));
  if (t->turn_back_on)
    /* Translators: %s is a feature, such as "Homepage recommendations". */
    g_ptr_array_add (paragraphs, g_strdup_printf (_("Revenue fell by more than 2%%, more than the store’s normal swings explain: %s was earning its keep."), feature));
  else
    /* Translators: %s is a feature, such as "Homepage recommendations". */
    g_ptr_array_add (paragraphs, g_strdup_printf (_("Revenue did not fall by more than the store’s normal swings, so %s was not earning its keep: leave it off."), feature));
  for (guint i = 0; t->warnings != NULL && i < t->warnings->len; i++)
    /* Translators: %s is a sentence. */
    g_ptr_array_add (paragraphs, g_strdup_printf (_("Note: %s"), (const char *) g_ptr_array_index (t->warnings, i)));

  body = join_paragraphs (paragraphs);
  set_result (self->offtest_heading, self->offtest_body,
              t->turn_back_on ? _("Verdict: turn it back on") : _("Verdict: nobody missed it"), body);
}

typedef struct
{
  LcDay from;
  LcDay to;
} Span;

static gpointer
read_off_test (LcStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  const Span *span = data;

  return lc_store_read_off_test (store, span->from, span->to, error);
}

static void
on_off_test_read (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LcTestsPage) self = LC_TESTS_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOffTest) test = lc_store_job_finish (result, &error);

  if (test == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->off_test_cancellable);

  if (test == NULL)
    set_result (self->offtest_heading, self->offtest_body, _("Can’t read these days"), error->message);
  else
    show_off_test (self, test);
}

static void
update_off_test (LcTestsPage *self)
{
  const LcSummary *summary;
  const char *feature;
  Span *span;

  cancel (&self->off_test_cancellable);
  if (self->store == NULL || self->analysis == NULL)
    return;

  summary = self->analysis->summary;
  feature = selected_feature_title (self);

  if (self->off_to < self->off_from)
    {
      set_result (self->offtest_heading, self->offtest_body,
                  _("Pick the days again"), _("The last day off comes before the first."));
      return;
    }

  if (self->off_from > summary->last_day)
    {
      g_autofree char *from = lc_display_day (self->off_from);
      g_autofree char *back_on = lc_display_day (self->off_to + 1);
      g_autofree char *last = lc_display_day (self->off_to);
      g_autofree char *body = NULL;

      /* Translators: a feature, then days: "Switch Homepage recommendations off on 2 Sep 2026 and back on on 16 Sep 2026…" */
      body = g_strdup_printf (_("Switch %s off on %s and back on on %s. Then import your orders up to %s and come back here: Liftcheck compares those days with what the weeks before them predict, and says whether anybody missed it. Don’t change prices or run a sale in those two weeks."),
                              feature, from, back_on, last);
      set_result (self->offtest_heading, self->offtest_body, _("What to do"), body);
      return;
    }

  if (self->off_to > summary->last_day)
    {
      g_autofree char *data_end = lc_display_day (summary->last_day);
      g_autofree char *last = lc_display_day (self->off_to);
      g_autofree char *body = NULL;

      /* Translators: days: "Your orders run to 1 Sep 2026, but the test runs until 7 Sep 2026…" */
      body = g_strdup_printf (_("Your orders run to %s, but the test runs until %s. Import your orders up to %s and come back to read the result."),
                              data_end, last, last);
      set_result (self->offtest_heading, self->offtest_body, _("Still running"), body);
      return;
    }

  set_result (self->offtest_heading, self->offtest_body, _("Reading the result…"), NULL);
  self->off_test_cancellable = g_cancellable_new ();
  span = g_new0 (Span, 1);
  span->from = self->off_from;
  span->to = self->off_to;
  lc_store_job_run_async (lc_store_get_path (self->store), read_off_test, span, g_free,
                          (GDestroyNotify) lc_off_test_free, self->off_test_cancellable,
                          on_off_test_read, g_object_ref (self));
}

/* A feature whose timeline has a gap brings the days of that gap, as the
 * advisor read them. */
static void
on_feature_selected (LcTestsPage *self)
{
  const LcVerdict *verdict;

  if (self->updating || self->analysis == NULL)
    return;

  verdict = lc_advice_lookup (self->analysis->advice, selected_feature (self));
  if (verdict != NULL && verdict->offtest != NULL)
    {
      self->off_from = verdict->offtest->from;
      self->off_to = verdict->offtest->to;
      self->updating = TRUE;
      set_calendar_day (self->from_calendar, self->from_button, self->off_from);
      set_calendar_day (self->to_calendar, self->to_button, self->off_to);
      self->updating = FALSE;
    }
  update_off_test (self);
}

static void
on_day_selected (LcTestsPage *self,
                 GtkCalendar *calendar)
{
  g_autofree char *text = lc_display_day (calendar_day (calendar));

  if (self->updating)
    return;

  if (calendar == self->from_calendar)
    {
      LcDay from = calendar_day (calendar);

      /* Moving the first day keeps the test two weeks long. */
      self->off_to = self->off_to + (from - self->off_from);
      self->off_from = from;
      self->updating = TRUE;
      set_calendar_day (self->to_calendar, self->to_button, self->off_to);
      self->updating = FALSE;
      gtk_menu_button_set_label (self->from_button, text);
      gtk_menu_button_popdown (self->from_button);
    }
  else
    {
      self->off_to = calendar_day (calendar);
      gtk_menu_button_set_label (self->to_button, text);
      gtk_menu_button_popdown (self->to_button);
    }
  update_off_test (self);
}

/* The off-test the advisor read from the timeline, or else the next two
 * weeks for the first browse-level feature. */
static void
choose_off_test (LcTestsPage *self)
{
  guint n_features;
  const LcFeatureInfo *features = lc_feature_list (&n_features);
  guint chosen = 0;
  LcDay from = self->analysis->summary->last_day + 1;
  LcDay to = from + OFF_TEST_DAYS - 1;

  for (guint i = 0; i < n_features; i++)
    {
      const LcVerdict *verdict = lc_advice_lookup (self->analysis->advice, features[i].id);

      if (verdict != NULL && verdict->offtest != NULL)
        {
          chosen = i;
          from = verdict->offtest->from;
          to = verdict->offtest->to;
          break;
        }
    }

  self->updating = TRUE;
  adw_combo_row_set_selected (self->feature_row, chosen);
  self->off_from = from;
  self->off_to = to;
  set_calendar_day (self->from_calendar, self->from_button, from);
  set_calendar_day (self->to_calendar, self->to_button, to);
  self->updating = FALSE;
}

/* The holdout */

static char *
welch_paragraph (const char          *what,
                 const LcWelchResult *w,
                 LcMetric             metric,
                 const char          *currency)
{
  g_autofree char *tagged = lc_format_metric (w->mean_b, metric, currency);
  g_autofree char *others = lc_format_metric (w->mean_a, metric, currency);
  g_autofree char *change = lc_format_relative_change (w->rel_lift);
  g_autofree char *low = lc_format_relative_change (w->lift_ci_low);
  g_autofree char *high = lc_format_relative_change (w->lift_ci_high);

  if (w->p_value < LC_STATS_ALPHA)
    /* Translators: "Average order value: $74.10 for tagged orders against $71.20 for the others, +4.1% (most likely +1.0% to +7.2%): a real difference." */
    return g_strdup_printf (_("%s: %s for tagged orders against %s for the others, %s (most likely %s to %s): a real difference."),
                            what, tagged, others, change, low, high);
  return g_strdup_printf (_("%s: %s for tagged orders against %s for the others, %s (most likely %s to %s): no difference beyond chance."),
                          what, tagged, others, change, low, high);
}

static void
show_holdout (LcTestsPage     *self,
              const LcHoldout *h)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first = lc_display_day (h->from);
  g_autofree char *last = lc_display_day (h->to);
  g_autofree char *tagged = lc_display_count (h->tagged_orders);
  g_autofree char *others = lc_display_count (h->other_orders);
  g_autofree char *body = NULL;
  gboolean real = h->aov.p_value < LC_STATS_ALPHA || h->upt.p_value < LC_STATS_ALPHA;

  /* Translators: "Orders tagged “holdout” from 1 Jun 2026 to 30 Jun 2026: 812, against 7,390 other orders in the same days." */
  g_ptr_array_add (paragraphs, g_strdup_printf (_("Orders tagged “%s” from %s to %s: %s, against %s other orders in the same days."),
                                                h->tag, first, last, tagged, others));
  g_ptr_array_add (paragraphs, welch_paragraph (_("Average order value"), &h->aov, LC_METRIC_AOV, currency_of (self)));
  g_ptr_array_add (paragraphs, welch_paragraph (_("Items per order"), &h->upt, LC_METRIC_UPT, currency_of (self)));
  if (real)
    g_ptr_array_add (paragraphs, g_strdup (_("If the tagged orders are the ones kept away from the feature, it changes what people buy: keep it if the change above is the one you want.")));
  else
    g_ptr_array_add (paragraphs, g_strdup (_("If the tagged orders are the ones kept away from the feature, nobody missed it: it is not changing what people buy.")));

  body = join_paragraphs (paragraphs);
  set_result (self->holdout_heading, self->holdout_body,
              real ? _("A real difference") : _("No difference beyond chance"), body);
}

static gpointer
read_holdout (LcStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return lc_store_read_holdout (store, data, -1, error);
}

static void
on_holdout_read (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LcTestsPage) self = LC_TESTS_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcHoldout) holdout = lc_store_job_finish (result, &error);

  if (holdout == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->holdout_cancellable);

  if (holdout == NULL)
    set_result (self->holdout_heading, self->holdout_body, _("Can’t read this tag"), error->message);
  else
    show_holdout (self, holdout);
}

static void
update_holdout (LcTestsPage *self)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_row))));

  cancel (&self->holdout_cancellable);
  if (self->store == NULL)
    return;

  if (tag[0] == '\0')
    {
      set_result (self->holdout_heading, self->holdout_body,
                  _("Type the tag and press Enter"),
                  _("The tag your shop or test app put on the orders of the group kept away from the feature."));
      return;
    }

  set_result (self->holdout_heading, self->holdout_body, _("Reading the result…"), NULL);
  self->holdout_cancellable = g_cancellable_new ();
  lc_store_job_run_async (lc_store_get_path (self->store), read_holdout, g_steal_pointer (&tag), g_free,
                          (GDestroyNotify) lc_holdout_free, self->holdout_cancellable,
                          on_holdout_read, g_object_ref (self));
}

static void
on_tag_apply (LcTestsPage *self)
{
  update_holdout (self);
}

/* The A/B calculator: arithmetic only, so it answers at once. */

static gboolean
parse_revenue (AdwEntryRow *row,
               double      *revenue)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return lc_format_parse_number (text, revenue) && *revenue >= 0;
}

static void
update_ab (LcTestsPage *self)
{
  guint64 n_a = (guint64) gtk_spin_button_get_value (self->visitors_a);
  guint64 c_a = (guint64) gtk_spin_button_get_value (self->orders_a);
  guint64 n_b = (guint64) gtk_spin_button_get_value (self->visitors_b);
  guint64 c_b = (guint64) gtk_spin_button_get_value (self->orders_b);
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  double revenue_a, revenue_b;
  LcProportionsResult r;
  LcSrmResult srm;
  guint64 observed[2];
  const double shares[2] = { 0.5, 0.5 };
  const char *heading;

  if (self->updating)
    return;

  if (n_a == 0 || n_b == 0)
    {
      set_result (self->ab_heading, self->ab_body, _("Enter both versions’ numbers"),
                  _("Visitors (or e-mail recipients) and orders for version A and version B."));
      return;
    }
  if (c_a > n_a || c_b > n_b)
    {
      set_result (self->ab_heading, self->ab_body, _("Check the numbers"),
                  _("A version can’t have more orders than visitors."));
      return;
    }

  lc_stats_two_proportions (c_a, n_a, c_b, n_b, LC_STATS_CONFIDENCE, &r);
  observed[0] = n_a;
  observed[1] = n_b;
  lc_stats_sample_ratio_mismatch (observed, shares, 2, &srm);

  /* Translators: "A: 2.00% placed an order; B: 2.30%." */
  g_ptr_array_add (paragraphs, g_strdup_printf (_("A: %.2f%% placed an order; B: %.2f%%."), r.rate_a * 100, r.rate_b * 100));
  if (r.has_lift && r.has_lift_ci)
    {
      g_autofree char *lift = lc_format_relative_change (r.lift);
      g_autofree char *low = lc_format_relative_change (r.lift_ci_low);
      g_autofree char *high = lc_format_relative_change (r.lift_ci_high);

      /* Translators: "B’s order rate is +15.0% against A’s (most likely +2.1% to +29.6%)." */
      g_ptr_array_add (paragraphs, g_strdup_printf (_("B’s order rate is %s against A’s (most likely %s to %s)."), lift, low, high));
    }
  if (r.p_value < LC_STATS_ALPHA)
    g_ptr_array_add (paragraphs, g_strdup_printf (_("That difference is real: chance alone would produce it less than %.1f%% of the time."),
                                                  MAX (r.p_value * 100, 0.1)));
  else
    g_ptr_array_add (paragraphs, g_strdup_printf (_("That difference could well be chance (it would happen %.0f%% of the time with no real difference). Keep the simpler version, or run the test longer."),
                                                  r.p_value * 100));
  if (parse_revenue (self->revenue_a_row, &revenue_a) && parse_revenue (self->revenue_b_row, &revenue_b))
    {
      g_autofree char *rpv_a = lc_display_money (revenue_a / n_a, currency_of (self), -1);
      g_autofree char *rpv_b = lc_display_money (revenue_b / n_b, currency_of (self), -1);

      /* Translators: "Revenue per visitor: A $1.52, B $1.61. …" */
      g_ptr_array_add (paragraphs, g_strdup_printf (_("Revenue per visitor: A %s, B %s. The counts alone can’t test this; a holdout on tagged orders can."),
                                                    rpv_a, rpv_b));
    }
  if (srm.mismatch)
    g_ptr_array_add (paragraphs, g_strdup_printf (_("Warning: the versions got %.1f%% and %.1f%% of visitors, not the even split planned. Something in the set-up sent people unevenly, so this test can’t be trusted."),
                                                  100.0 * n_a / (n_a + n_b), 100.0 * n_b / (n_a + n_b)));

  if (srm.mismatch)
    heading = _("Can’t be trusted: the split was uneven");
  else if (r.p_value < LC_STATS_ALPHA)
    heading = _("A real difference");
  else
    heading = _("Could well be chance");
  body = join_paragraphs (paragraphs);
  set_result (self->ab_heading, self->ab_body, heading, body);
}

static void
on_ab_changed (LcTestsPage *self)
{
  update_ab (self);
}

/* How long a test would take */

/* "2%" or "2.5%": the owner's own number, as typed. */
static char *
lift_text (double percent)
{
  if (fabs (percent - round (percent)) < 1e-9)
    /* Translators: a whole percentage, such as "2%". */
    return g_strdup_printf (_("%.0f%%"), percent);
  /* Translators: a percentage with one decimal, such as "2.5%". */
  return g_strdup_printf (_("%.1f%%"), percent);
}

static void
show_power (LcTestsPage   *self,
            const LcPower *power)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *days = lc_display_count (power->days_needed);
  g_autofree char *per_group = lc_display_count ((gint64) power->n_per_group);
  g_autofree char *lift = lift_text (power->lift * 100);
  g_autofree char *mde = lc_format_percent (power->mde_in_8_weeks);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  /* Translators: "To see a 2% change in average order value, a test splitting visitors 50/50 would need about 345 days (12,345 orders in each half)." */
  g_ptr_array_add (paragraphs, g_strdup_printf (_("To see a %s change in average order value, a test splitting visitors 50/50 would need about %s days (%s orders in each half)."),
                                                lift, days, per_group));
  /* Translators: %s is a percentage. */
  g_ptr_array_add (paragraphs, g_strdup_printf (_("In 8 weeks, such a test could see a change of %s or more."), mde));
  if (power->measurable)
    {
      g_ptr_array_add (paragraphs, g_strdup (_("That is within 8 weeks: your store can measure a change of this size.")));
      /* Translators: a number of days, "About 41 days". */
      heading = g_strdup_printf (_("About %s days"), days);
    }
  else
    {
      /* Translators: "At your volume a 2% change needs 345 days: more than 8 weeks, so it can’t be measured…" */
      g_ptr_array_add (paragraphs, g_strdup_printf (_("At your volume a %s change needs %s days: more than 8 weeks, so it can’t be measured. Prefer features tied to the basket, such as cart bundles and return nudges."),
                                                    lift, days));
      heading = g_strdup (_("Too small to measure in 8 weeks"));
    }

  body = join_paragraphs (paragraphs);
  set_result (self->power_heading, self->power_body, heading, body);
}

static gpointer
compute_power (LcStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  const double *lift = data;

  return lc_store_compute_power (store, LC_METRIC_AOV, *lift, error);
}

static void
on_power_computed (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LcTestsPage) self = LC_TESTS_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree LcPower *power = lc_store_job_finish (result, &error);

  if (power == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->power_cancellable);

  if (power == NULL)
    set_result (self->power_heading, self->power_body, _("Can’t work it out"), error->message);
  else
    show_power (self, power);
}

static void
update_power (LcTestsPage *self)
{
  double *lift;

  cancel (&self->power_cancellable);
  if (self->store == NULL)
    return;

  set_result (self->power_heading, self->power_body, _("Working it out…"), NULL);
  self->power_cancellable = g_cancellable_new ();
  lift = g_new (double, 1);
  *lift = gtk_spin_button_get_value (self->lift) / 100.0;
  lc_store_job_run_async (lc_store_get_path (self->store), compute_power, lift, g_free,
                          g_free, self->power_cancellable,
                          on_power_computed, g_object_ref (self));
}

static void
on_lift_changed (LcTestsPage *self)
{
  if (!self->updating)
    update_power (self);
}

static void
refresh (LcTestsPage *self)
{
  if (!self->stale || self->store == NULL || self->analysis == NULL
      || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->stale = FALSE;
  if (self->choose_pending)
    {
      self->choose_pending = FALSE;
      choose_off_test (self);
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->tag_row), "");
      self->updating = FALSE;
    }
  update_off_test (self);
  update_holdout (self);
  update_ab (self);
  update_power (self);
}

static void
lc_tests_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lc_tests_page_parent_class)->map (widget);

  refresh (LC_TESTS_PAGE (widget));
}

/* Out of the window, the borrowed analysis may go at any time: stop
 * reading, and read again if the page comes back. */
static void
lc_tests_page_unroot (GtkWidget *widget)
{
  LcTestsPage *self = LC_TESTS_PAGE (widget);

  cancel (&self->off_test_cancellable);
  cancel (&self->holdout_cancellable);
  cancel (&self->power_cancellable);
  self->analysis = NULL;
  self->stale = FALSE;

  GTK_WIDGET_CLASS (lc_tests_page_parent_class)->unroot (widget);
}

static void
lc_tests_page_dispose (GObject *object)
{
  LcTestsPage *self = LC_TESTS_PAGE (object);

  cancel (&self->off_test_cancellable);
  cancel (&self->holdout_cancellable);
  cancel (&self->power_cancellable);
  g_clear_object (&self->store);
  self->analysis = NULL;

  G_OBJECT_CLASS (lc_tests_page_parent_class)->dispose (object);
}

static void
lc_tests_page_finalize (GObject *object)
{
  LcTestsPage *self = LC_TESTS_PAGE (object);

  g_free (self->store_path);

  G_OBJECT_CLASS (lc_tests_page_parent_class)->finalize (object);
}

static void
lc_tests_page_class_init (LcTestsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_tests_page_dispose;
  object_class->finalize = lc_tests_page_finalize;
  widget_class->map = lc_tests_page_map;
  widget_class->unroot = lc_tests_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-tests-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, feature_row);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, offtest_result);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, offtest_heading);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, offtest_body);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, tag_row);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, holdout_result);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, holdout_heading);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, holdout_body);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, visitors_a);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, orders_a);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, revenue_a_row);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, visitors_b);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, orders_b);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, revenue_b_row);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, ab_result);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, ab_heading);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, ab_body);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, lift);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, power_result);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, power_heading);
  gtk_widget_class_bind_template_child (widget_class, LcTestsPage, power_body);

  gtk_widget_class_bind_template_callback (widget_class, on_feature_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_ab_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_lift_changed);
}

static void
lc_tests_page_init (LcTestsPage *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint n_features;
  const LcFeatureInfo *features = lc_feature_list (&n_features);

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < n_features; i++)
    gtk_string_list_append (titles, lc_feature_info_get_title (&features[i]));
  adw_combo_row_set_model (self->feature_row, G_LIST_MODEL (titles));
  self->updating = FALSE;

  self->off_from = LC_DAY_NONE;
  self->off_to = LC_DAY_NONE;
}

GtkWidget *
lc_tests_page_new (void)
{
  return g_object_new (LC_TYPE_TESTS_PAGE, NULL);
}

void
lc_tests_page_set_analysis (LcTestsPage      *self,
                            LcStore          *store,
                            const LcAnalysis *analysis)
{
  g_return_if_fail (LC_IS_TESTS_PAGE (self));
  g_return_if_fail (LC_IS_STORE (store));
  g_return_if_fail (analysis != NULL);

  g_set_object (&self->store, store);
  self->analysis = analysis;

  /* A different store starts from its own suggestions; the same store,
   * read again, keeps the owner's choices. */
  if (g_strcmp0 (self->store_path, lc_store_get_path (store)) != 0)
    {
      g_free (self->store_path);
      self->store_path = g_strdup (lc_store_get_path (store));
      self->choose_pending = TRUE;
    }

  self->stale = TRUE;
  refresh (self);
}

gboolean
lc_tests_page_is_idle (LcTestsPage *self)
{
  g_return_val_if_fail (LC_IS_TESTS_PAGE (self), FALSE);

  return !self->stale && self->off_test_cancellable == NULL && self->holdout_cancellable == NULL
         && self->power_cancellable == NULL;
}

void
lc_tests_page_set_off_test (LcTestsPage *self,
                            const char  *feature,
                            LcDay        from,
                            LcDay        to)
{
  guint n_features;
  const LcFeatureInfo *features = lc_feature_list (&n_features);

  g_return_if_fail (LC_IS_TESTS_PAGE (self));

  self->updating = TRUE;
  for (guint i = 0; i < n_features; i++)
    if (g_str_equal (features[i].id, feature))
      adw_combo_row_set_selected (self->feature_row, i);
  self->off_from = from;
  self->off_to = to;
  set_calendar_day (self->from_calendar, self->from_button, from);
  set_calendar_day (self->to_calendar, self->to_button, to);
  self->updating = FALSE;
  update_off_test (self);
}

GtkWidget *
lc_tests_page_get_off_test_result (LcTestsPage *self)
{
  g_return_val_if_fail (LC_IS_TESTS_PAGE (self), NULL);

  return self->offtest_result;
}

void
lc_tests_page_read_holdout (LcTestsPage *self,
                            const char  *tag)
{
  g_return_if_fail (LC_IS_TESTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->tag_row), tag);
  update_holdout (self);
}

GtkWidget *
lc_tests_page_get_holdout_result (LcTestsPage *self)
{
  g_return_val_if_fail (LC_IS_TESTS_PAGE (self), NULL);

  return self->holdout_result;
}

void
lc_tests_page_set_ab_counts (LcTestsPage *self,
                             guint64      visitors_a,
                             guint64      orders_a,
                             double       revenue_a,
                             guint64      visitors_b,
                             guint64      orders_b,
                             double       revenue_b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (LC_IS_TESTS_PAGE (self));

  /* With the locale's decimal mark, as the owner would type them. */
  text_a = revenue_a >= 0 ? lc_format_decimal_text (g_ascii_dtostr (buffer, sizeof buffer, revenue_a)) : g_strdup ("");
  text_b = revenue_b >= 0 ? lc_format_decimal_text (g_ascii_dtostr (buffer, sizeof buffer, revenue_b)) : g_strdup ("");

  self->updating = TRUE;
  gtk_spin_button_set_value (self->visitors_a, visitors_a);
  gtk_spin_button_set_value (self->orders_a, orders_a);
  gtk_editable_set_text (GTK_EDITABLE (self->revenue_a_row), text_a);
  gtk_spin_button_set_value (self->visitors_b, visitors_b);
  gtk_spin_button_set_value (self->orders_b, orders_b);
  gtk_editable_set_text (GTK_EDITABLE (self->revenue_b_row), text_b);
  self->updating = FALSE;
  update_ab (self);
}

GtkWidget *
lc_tests_page_get_ab_result (LcTestsPage *self)
{
  g_return_val_if_fail (LC_IS_TESTS_PAGE (self), NULL);

  return self->ab_result;
}

void
lc_tests_page_set_power_lift (LcTestsPage *self,
                              double       percent)
{
  g_return_if_fail (LC_IS_TESTS_PAGE (self));

  self->updating = TRUE;
  gtk_spin_button_set_value (self->lift, percent);
  self->updating = FALSE;
  update_power (self);
}

GtkWidget *
lc_tests_page_get_power_result (LcTestsPage *self)
{
  g_return_val_if_fail (LC_IS_TESTS_PAGE (self), NULL);

  return self->power_result;
}
