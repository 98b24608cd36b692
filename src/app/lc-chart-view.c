/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-chart-view-private.h"
#include "lc-store.h"

/* Points closer than this would blur into a band: the view aggregates to
 * weeks or months instead. */
#define MIN_POINT_SPACING 6.0
/* Roughly the value labels' column and the padding: what the plot loses. */
#define PLOT_MARGIN 90
#define EXPORT_WIDTH 900
#define EXPORT_HEIGHT 360

struct _LcChartView
{
  AdwBin          parent_instance;

  GtkStack       *stack;
  GtkDrawingArea *area;
  GtkListBox     *table;
  GtkLabel       *table_title;

  /* Daily mode: what set_daily() was given, to rebuild on resize. */
  GArray         *daily;
  LcMetric        metric;
  LcDay           from;
  LcDay           to;
  LcDay           last_day;
  char           *currency;
  guint           exponent;
  GArray         *markers;      /* LcChartMarker, labels owned */
  LcDay           windows[4];
  LcChartBand     band_kind;

  char           *title;
  char           *subtitle;

  /* What is drawn: at most one of them. */
  LcTimeChart    *time_chart;
  LcBarChart     *bar_chart;

  LcChartLayout   layout;
  int             layout_width;
  int             layout_height;

  int             focus_index;
  int             hover_index;
  char           *focus_text;
  gboolean        show_table;
  gboolean        table_dirty;
};

G_DEFINE_FINAL_TYPE (LcChartView, lc_chart_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_SHOW_TABLE,
  PROP_FOCUS_INDEX,
  PROP_FOCUS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
marker_clear (gpointer data)
{
  LcChartMarker *marker = data;

  g_free ((char *) marker->label);
  marker->label = NULL;
}

static guint
n_items (LcChartView *self)
{
  if (self->time_chart != NULL)
    return self->time_chart->points->len;
  if (self->bar_chart != NULL)
    return self->bar_chart->bars->len;
  return 0;
}

/* The name and value of point or bar index, for the table and tooltips. */
static void
describe_item (LcChartView *self,
               guint        index,
               char       **name,
               char       **value)
{
  if (self->time_chart != NULL)
    {
      const LcChartPoint *point = &g_array_index (self->time_chart->points, LcChartPoint, index);

      *name = lc_chart_format_period (self->time_chart->period, point->start, point->end);
      if (!point->has_value)
        /* Translators: a period of a chart without a value */
        *value = g_strdup (_("No data"));
      else
        *value = lc_chart_format_value (self->time_chart->value_kind, self->time_chart->currency, point->value);
    }
  else
    {
      const LcChartBar *bar = &g_array_index (self->bar_chart->bars, LcChartBar, index);

      *name = g_strdup (bar->label);
      *value = lc_chart_format_value (self->bar_chart->value_kind, self->bar_chart->currency, bar->value);
    }
}

/* One sentence about item index, as screen readers and tooltips say it. */
static char *
item_sentence (LcChartView *self,
               guint        index)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  describe_item (self, index, &name, &value);
  if (self->time_chart != NULL)
    {
      const LcChartPoint *point = &g_array_index (self->time_chart->points, LcChartPoint, index);

      if (point->has_value && point->immature)
        /* Translators: a chart point, "Week of 3 Nov 2025: 4.2%, returns still coming in" */
        return g_strdup_printf (_("%s: %s, returns still coming in"), name, value);
    }
  else
    {
      const LcChartBar *bar = &g_array_index (self->bar_chart->bars, LcChartBar, index);

      if (bar->has_interval)
        {
          g_autofree char *low = lc_chart_format_value (self->bar_chart->value_kind, self->bar_chart->currency, bar->low);
          g_autofree char *high = lc_chart_format_value (self->bar_chart->value_kind, self->bar_chart->currency, bar->high);

          /* Translators: a bar, "Linen shirt: 34.0%, likely between 29.0% and 39.0%" */
          return g_strdup_printf (_("%s: %s, likely between %s and %s"), name, value, low, high);
        }
    }
  /* Translators: a chart point or bar and its value, "Week of 3 Nov 2025: $70.12" */
  return g_strdup_printf (_("%s: %s"), name, value);
}

static const char *
chart_title (LcChartView *self)
{
  return self->title != NULL && self->title[0] != '\0' ? self->title : _("Chart");
}

/* What a screen reader says the chart is: its name is the point the
 * keyboard is on, or else the title; its description gives the subtitle,
 * the span of the values and how to read them one by one. */
static void
update_accessible (LcChartView *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  guint n = n_items (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->focus_text != NULL ? self->focus_text : chart_title (self),
                                  -1);

  if (self->subtitle != NULL && self->subtitle[0] != '\0')
    g_string_append_printf (description, "%s\n", self->subtitle);
  if (n == 1)
    {
      g_autofree char *only = item_sentence (self, 0);

      g_string_append_printf (description, "%s\n", only);
    }
  else if (n > 1)
    {
      g_autofree char *first = item_sentence (self, 0);
      g_autofree char *last = item_sentence (self, n - 1);

      /* Translators: a chart's summary for screen readers, "60 values,
       * from “6 Jan 2025: $70.00” to “6 Mar 2025: $75.90”." */
      g_string_append_printf (description,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u value, from “%s” to “%s”.",
                                           "%u values, from “%s” to “%s”.", n),
                              n, first, last);
      g_string_append_c (description, '\n');
    }
  g_string_append (description, _("Use the arrow keys to move between points, or show the numbers as a table"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
update_focus_text (LcChartView *self)
{
  g_autofree char *text = NULL;

  if (self->focus_index >= 0)
    text = item_sentence (self, (guint) self->focus_index);

  if (g_strcmp0 (text, self->focus_text) == 0)
    return;
  g_free (self->focus_text);
  self->focus_text = g_steal_pointer (&text);

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_TEXT]);
}

static void
rebuild_table (LcChartView *self)
{
  GtkWidget *child;
  guint n = n_items (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_list_box_remove (self->table, child);

  gtk_label_set_label (self->table_title, chart_title (self));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autofree char *sentence = item_sentence (self, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name_label, *value_label;

      describe_item (self, i, &name, &value);
      name_label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (name_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name_label, TRUE);
      value_label = gtk_label_new (value);
      gtk_label_set_xalign (GTK_LABEL (value_label), 1);
      gtk_widget_add_css_class (value_label, "numeric");
      gtk_box_append (GTK_BOX (box), name_label);
      gtk_box_append (GTK_BOX (box), value_label);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
      gtk_list_box_append (self->table, row);
    }
  self->table_dirty = FALSE;
}

/* Call after the drawn chart changed. */
static void
chart_changed (LcChartView *self)
{
  int n = (int) n_items (self);

  self->layout_width = -1;
  self->hover_index = -1;
  if (self->focus_index >= n)
    {
      self->focus_index = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_INDEX]);
    }
  update_focus_text (self);
  update_accessible (self);
  self->table_dirty = TRUE;
  if (self->show_table)
    rebuild_table (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
replace_charts (LcChartView *self,
                LcTimeChart *time_chart,
                LcBarChart  *bar_chart)
{
  g_clear_pointer (&self->time_chart, lc_time_chart_free);
  g_clear_pointer (&self->bar_chart, lc_bar_chart_free);
  self->time_chart = time_chart;
  self->bar_chart = bar_chart;
  chart_changed (self);
}

/* Fewer orders than this behind a point, on average, and the view takes a
 * longer period. */
#define MIN_ORDERS_PER_POINT 30

static LcPeriod
period_for_width (LcChartView *self,
                  LcDay        from,
                  LcDay        to)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->area));

  LcPeriod period;
  gint64 orders = 0;
  double periods;

  if (width <= 0)
    width = EXPORT_WIDTH;
  period = lc_chart_choose_period (from, to, MAX (100, width - PLOT_MARGIN), MIN_POINT_SPACING);

  /* A point resting on a handful of orders is noise: a small store's weeks
   * become months until each point holds enough orders to mean something. */
  for (guint i = 0; self->daily != NULL && i < self->daily->len; i++)
    {
      const LcDayTotals *day = &g_array_index (self->daily, LcDayTotals, i);

      if (day->day >= from && day->day <= to)
        orders += day->orders;
    }
  for (; period < LC_PERIOD_MONTH; period++)
    {
      periods = (to - from + 1) / (period == LC_PERIOD_DAY ? 1.0 : 7.0);
      if (orders / MAX (periods, 1.0) >= MIN_ORDERS_PER_POINT)
        break;
    }
  return period;
}

static const char *
period_subtitle (LcPeriod period)
{
  switch (period)
    {
    case LC_PERIOD_WEEK:
      return _("By week");

    case LC_PERIOD_MONTH:
      return _("By month");

    case LC_PERIOD_DAY:
    default:
      return _("By day");
    }
}

static guint
band_trailing (LcPeriod period)
{
  switch (period)
    {
    case LC_PERIOD_WEEK:
      return 13;

    case LC_PERIOD_MONTH:
      return 12;

    case LC_PERIOD_DAY:
    default:
      return 28;
    }
}

/* Builds the chart from the daily totals at the aggregation the width
 * asks for; with force FALSE, only when that aggregation changed. */
static void
rebuild_daily (LcChartView *self,
               gboolean     force)
{
  g_autoptr(GArray) series = NULL;
  LcTimeChart *chart;
  LcDay from, to, focus_day = LC_DAY_NONE;
  LcPeriod period;

  if (self->daily == NULL)
    return;

  if (self->daily->len == 0)
    {
      chart = lc_time_chart_new (lc_chart_value_kind_for_metric (self->metric), self->currency, self->exponent);
      lc_time_chart_set_title (chart, self->title, self->subtitle);
      replace_charts (self, chart, NULL);
      return;
    }

  from = self->from != LC_DAY_NONE ? self->from : g_array_index (self->daily, LcDayTotals, 0).day;
  to = self->to != LC_DAY_NONE ? self->to : g_array_index (self->daily, LcDayTotals, self->daily->len - 1).day;
  period = period_for_width (self, from, to);
  if (!force && self->time_chart != NULL && self->time_chart->period == period)
    return;

  if (self->time_chart != NULL && self->focus_index >= 0)
    focus_day = g_array_index (self->time_chart->points, LcChartPoint, self->focus_index).start;

  /* A sum over part of a week or month would read as a sudden drop: sums
   * show whole periods only (ratios are fine over any days). */
  if ((self->metric == LC_METRIC_REVENUE || self->metric == LC_METRIC_ORDERS) && period != LC_PERIOD_DAY)
    {
      LcDay (*period_start) (LcDay) = period == LC_PERIOD_WEEK ? lc_day_week_start : lc_day_month_start;
      LcDay whole_from = from;
      LcDay whole_to = to;

      /* The next period starts within 32 days of any period's start. */
      if (period_start (from) != from)
        whole_from = period == LC_PERIOD_WEEK ? period_start (from) + 7 : period_start (period_start (from) + 32);
      if (period_start (to + 1) != to + 1)
        whole_to = period_start (to) - 1;
      if (whole_to - whole_from >= 14)
        {
          from = whole_from;
          to = whole_to;
        }
    }

  series = lc_series_from_daily (self->daily, self->metric, period, from, to, self->last_day, self->exponent);
  chart = lc_time_chart_new (lc_chart_value_kind_for_metric (self->metric), self->currency, self->exponent);
  chart->zero_based = self->metric == LC_METRIC_REVENUE || self->metric == LC_METRIC_ORDERS;
  lc_time_chart_set_title (chart, self->title,
                           self->subtitle != NULL ? self->subtitle : period_subtitle (period));
  lc_time_chart_set_series (chart, series, period);
  if (self->band_kind == LC_CHART_BAND_NORMAL)
    lc_time_chart_set_normal_band (chart, band_trailing (period));
  for (guint i = 0; i < self->markers->len; i++)
    {
      const LcChartMarker *marker = &g_array_index (self->markers, LcChartMarker, i);

      if (marker->day >= from && marker->day <= to + 1)
        lc_time_chart_add_marker (chart, marker->day, marker->on, marker->label);
    }
  lc_time_chart_set_windows (chart, self->windows[0], self->windows[1], self->windows[2], self->windows[3]);

  /* Keep the focus on the period that holds the day it was on. */
  if (focus_day != LC_DAY_NONE)
    {
      int index = -1;

      for (guint i = 0; i < chart->points->len; i++)
        {
          const LcChartPoint *point = &g_array_index (chart->points, LcChartPoint, i);

          if (point->start <= focus_day && focus_day <= point->end)
            index = (int) i;
        }
      if (index != self->focus_index)
        {
          self->focus_index = index;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_INDEX]);
        }
    }
  replace_charts (self, chart, NULL);
}

static const LcChartLayout *
get_layout (LcChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->area));
  int height = gtk_widget_get_height (GTK_WIDGET (self->area));
  const LcChartStyle *style = lc_chart_style_get_light ();

  if (width != self->layout_width || height != self->layout_height)
    {
      if (self->time_chart != NULL)
        lc_time_chart_layout (self->time_chart, style, width, height, &self->layout);
      else if (self->bar_chart != NULL)
        lc_bar_chart_layout (self->bar_chart, style, width, height, &self->layout);
      else
        memset (&self->layout, 0, sizeof self->layout);
      self->layout_width = width;
      self->layout_height = height;
    }
  return &self->layout;
}

static int
item_at (LcChartView *self,
         double       x,
         double       y)
{
  if (self->time_chart != NULL)
    return lc_time_chart_nearest_point (self->time_chart, get_layout (self), x);
  if (self->bar_chart != NULL)
    return lc_bar_chart_bar_at (self->bar_chart, get_layout (self), y);
  return -1;
}

static int
shown_index (LcChartView *self)
{
  if (self->hover_index >= 0)
    return self->hover_index;
  if (gtk_widget_has_focus (GTK_WIDGET (self->area)))
    return self->focus_index;
  return -1;
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  LcChartView *self = data;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const LcChartStyle *style = lc_chart_style_get (dark);

  if (self->time_chart != NULL)
    {
      self->time_chart->highlight = shown_index (self);
      lc_time_chart_draw (cr, width, height, style, self->time_chart);
    }
  else if (self->bar_chart != NULL)
    {
      self->bar_chart->highlight = shown_index (self);
      lc_bar_chart_draw (cr, width, height, style, self->bar_chart);
    }
}

static void
on_area_resize (LcChartView *self,
                int          width,
                int          height)
{
  self->layout_width = -1;
  rebuild_daily (self, FALSE);
}

static gboolean
on_area_query_tooltip (LcChartView *self,
                       int          x,
                       int          y,
                       gboolean     keyboard_mode,
                       GtkTooltip  *tooltip)
{
  g_autofree char *text = NULL;
  int index = keyboard_mode ? self->focus_index : item_at (self, x, y);
  GdkRectangle area = { x - 1, y - 1, 2, 2 };

  if (index < 0)
    return FALSE;

  text = item_sentence (self, (guint) index);
  gtk_tooltip_set_text (tooltip, text);
  if (self->time_chart != NULL)
    {
      double px, py;

      if (lc_time_chart_get_point_position (self->time_chart, get_layout (self), (guint) index, &px, &py))
        area = (GdkRectangle) { (int) px - 4, (int) py - 4, 8, 8 };
    }
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

static void
on_motion (LcChartView *self,
           double       x,
           double       y)
{
  int index = item_at (self, x, y);

  if (index != self->hover_index)
    {
      self->hover_index = index;
      gtk_widget_queue_draw (GTK_WIDGET (self->area));
    }
}

static void
on_leave (LcChartView *self)
{
  if (self->hover_index >= 0)
    {
      self->hover_index = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self->area));
    }
}

static void
on_focus_changed (LcChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
on_pressed (LcChartView *self,
            int          n_press,
            double       x,
            double       y)
{
  int index = item_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self->area));
  if (index >= 0)
    lc_chart_view_set_focus_index (self, index);
}

static gboolean
item_has_value (LcChartView *self,
                int          index)
{
  if (self->time_chart != NULL)
    return g_array_index (self->time_chart->points, LcChartPoint, index).has_value;
  return TRUE;
}

/* Moves the focus by step over the items with a value; to_end (or no
 * focus yet) starts from the first or the last. */
static void
move_focus (LcChartView *self,
            int          step,
            gboolean     to_end)
{
  int n = (int) n_items (self);
  int index = self->focus_index;

  if (n == 0)
    return;
  if (to_end || index < 0)
    index = step > 0 ? -1 : n;

  for (int i = index + step; i >= 0 && i < n; i += step)
    if (item_has_value (self, i))
      {
        lc_chart_view_set_focus_index (self, i);
        return;
      }
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
previous_point_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  move_focus (LC_CHART_VIEW (widget), -1, FALSE);
}

static void
next_point_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_focus (LC_CHART_VIEW (widget), 1, FALSE);
}

static void
first_point_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_focus (LC_CHART_VIEW (widget), 1, TRUE);
}

static void
last_point_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_focus (LC_CHART_VIEW (widget), -1, TRUE);
}

static void
copy_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autofree char *text = lc_chart_view_get_table_text (LC_CHART_VIEW (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static char *
export_file_name (LcChartView   *self,
                  LcChartFormat  format)
{
  const char *title = chart_title (self);
  g_autofree char *base = g_strdup (title != NULL && title[0] != '\0' ? title : _("Chart"));

  /* A name that every file system takes. */
  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strconcat (base, format == LC_CHART_FORMAT_SVG ? ".svg" : ".png", NULL);
}

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    LcChartView     *self)
{
  LcChartFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !lc_chart_view_export (self, file, format, &error))
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
          GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      _("Can’t Save the Chart"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_object_unref (native);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcChartView *self = LC_CHART_VIEW (widget);
  LcChartFormat format = g_str_equal (g_variant_get_string (parameter, NULL), "svg")
                         ? LC_CHART_FORMAT_SVG : LC_CHART_FORMAT_PNG;
  g_autofree char *name = export_file_name (self, format);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (format == LC_CHART_FORMAT_SVG ? _("Save the Chart as SVG")
                                                                     : _("Save the Chart as PNG"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data (G_OBJECT (native), "format", GINT_TO_POINTER (format));
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
lc_chart_view_dispose (GObject *object)
{
  LcChartView *self = LC_CHART_VIEW (object);

  /* AdwBin unparents the template's tree itself. */
  g_clear_pointer (&self->daily, g_array_unref);

  G_OBJECT_CLASS (lc_chart_view_parent_class)->dispose (object);
}

static void
lc_chart_view_finalize (GObject *object)
{
  LcChartView *self = LC_CHART_VIEW (object);

  g_clear_pointer (&self->time_chart, lc_time_chart_free);
  g_clear_pointer (&self->bar_chart, lc_bar_chart_free);
  g_clear_pointer (&self->markers, g_array_unref);
  g_free (self->currency);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->focus_text);

  G_OBJECT_CLASS (lc_chart_view_parent_class)->finalize (object);
}

static void
lc_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LcChartView *self = LC_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;

    case PROP_FOCUS_INDEX:
      g_value_set_int (value, self->focus_index);
      break;

    case PROP_FOCUS_TEXT:
      g_value_set_string (value, self->focus_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LcChartView *self = LC_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lc_chart_view_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      lc_chart_view_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_SHOW_TABLE:
      lc_chart_view_set_show_table (self, g_value_get_boolean (value));
      break;

    case PROP_FOCUS_INDEX:
      lc_chart_view_set_focus_index (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_chart_view_class_init (LcChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_chart_view_dispose;
  object_class->finalize = lc_chart_view_finalize;
  object_class->get_property = lc_chart_view_get_property;
  object_class->set_property = lc_chart_view_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FOCUS_INDEX] =
    g_param_spec_int ("focus-index", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FOCUS_TEXT] =
    g_param_spec_string ("focus-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-chart-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LcChartView, stack);
  gtk_widget_class_bind_template_child (widget_class, LcChartView, area);
  gtk_widget_class_bind_template_child (widget_class, LcChartView, table);
  gtk_widget_class_bind_template_child (widget_class, LcChartView, table_title);
  gtk_widget_class_bind_template_callback (widget_class, on_area_resize);
  gtk_widget_class_bind_template_callback (widget_class, on_area_query_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, on_motion);
  gtk_widget_class_bind_template_callback (widget_class, on_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pressed);

  gtk_widget_class_install_property_action (widget_class, "chart.show-table", "show-table");
  gtk_widget_class_install_action (widget_class, "chart.copy-table", NULL, copy_table_action);
  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "chart.previous-point", NULL, previous_point_action);
  gtk_widget_class_install_action (widget_class, "chart.next-point", NULL, next_point_action);
  gtk_widget_class_install_action (widget_class, "chart.first-point", NULL, first_point_action);
  gtk_widget_class_install_action (widget_class, "chart.last-point", NULL, last_point_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.previous-point", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.previous-point", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.previous-point", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.next-point", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.next-point", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.next-point", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.first-point", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.last-point", NULL);
}

static void
lc_chart_view_init (LcChartView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->markers = g_array_new (FALSE, TRUE, sizeof (LcChartMarker));
  g_array_set_clear_func (self->markers, marker_clear);
  for (guint i = 0; i < G_N_ELEMENTS (self->windows); i++)
    self->windows[i] = LC_DAY_NONE;
  self->from = self->to = self->last_day = LC_DAY_NONE;
  self->band_kind = LC_CHART_BAND_NORMAL;
  self->focus_index = -1;
  self->hover_index = -1;
  self->layout_width = -1;

  gtk_drawing_area_set_draw_func (self->area, draw_chart, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->area, G_CONNECT_SWAPPED);
  chart_changed (self);
}

GtkWidget *
lc_chart_view_new (void)
{
  return g_object_new (LC_TYPE_CHART_VIEW, NULL);
}

void
lc_chart_view_set_daily (LcChartView *self,
                         GArray      *daily,
                         LcMetric     metric,
                         LcDay        from,
                         LcDay        to,
                         LcDay        last_day,
                         const char  *currency,
                         guint        exponent)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));
  g_return_if_fail (daily != NULL);

  g_array_ref (daily);
  g_clear_pointer (&self->daily, g_array_unref);
  self->daily = daily;
  self->metric = metric;
  self->from = from;
  self->to = to;
  self->last_day = last_day;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  self->exponent = exponent;
  rebuild_daily (self, TRUE);
}

void
lc_chart_view_set_markers (LcChartView         *self,
                           const LcChartMarker *markers,
                           guint                n_markers)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));
  g_return_if_fail (markers != NULL || n_markers == 0);

  g_array_set_size (self->markers, 0);
  for (guint i = 0; i < n_markers; i++)
    {
      LcChartMarker copy = markers[i];

      copy.label = g_strdup (markers[i].label);
      g_array_append_val (self->markers, copy);
    }
  rebuild_daily (self, TRUE);
}

void
lc_chart_view_set_windows (LcChartView *self,
                           LcDay        before_from,
                           LcDay        before_to,
                           LcDay        after_from,
                           LcDay        after_to)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));

  self->windows[0] = before_from;
  self->windows[1] = before_to;
  self->windows[2] = after_from;
  self->windows[3] = after_to;
  rebuild_daily (self, TRUE);
}

void
lc_chart_view_set_band_kind (LcChartView *self,
                             LcChartBand  band)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));
  g_return_if_fail (band == LC_CHART_BAND_NONE || band == LC_CHART_BAND_NORMAL);

  if (self->band_kind == band)
    return;
  self->band_kind = band;
  rebuild_daily (self, TRUE);
}

LcChartBand
lc_chart_view_get_band_kind (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), LC_CHART_BAND_NONE);

  return self->band_kind;
}

/* Titles go into whichever chart is shown, so exports carry them. */
static void
apply_titles (LcChartView *self)
{
  if (self->daily != NULL)
    {
      rebuild_daily (self, TRUE);
      return;
    }
  if (self->time_chart != NULL)
    lc_time_chart_set_title (self->time_chart, self->title, self->subtitle);
  else if (self->bar_chart != NULL)
    lc_bar_chart_set_title (self->bar_chart, self->title, self->subtitle);
  chart_changed (self);
}

void
lc_chart_view_set_title (LcChartView *self,
                         const char  *title)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  apply_titles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
lc_chart_view_get_title (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), NULL);

  return self->title;
}

void
lc_chart_view_set_subtitle (LcChartView *self,
                            const char  *subtitle)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));

  if (g_strcmp0 (subtitle, self->subtitle) == 0)
    return;
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  apply_titles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
lc_chart_view_get_subtitle (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), NULL);

  return self->subtitle;
}

static void
take_title (LcChartView *self,
            const char  *title,
            const char  *subtitle)
{
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    {
      g_free (self->subtitle);
      self->subtitle = g_strdup (subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
    }
}

void
lc_chart_view_set_time_chart (LcChartView *self,
                              LcTimeChart *chart)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));
  g_return_if_fail (chart != NULL);

  g_clear_pointer (&self->daily, g_array_unref);
  take_title (self, chart->title, chart->subtitle);
  replace_charts (self, chart, NULL);
}

void
lc_chart_view_set_bar_chart (LcChartView *self,
                             LcBarChart  *chart)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));
  g_return_if_fail (chart != NULL);

  g_clear_pointer (&self->daily, g_array_unref);
  take_title (self, chart->title, chart->subtitle);
  replace_charts (self, NULL, chart);
}

const LcTimeChart *
lc_chart_view_get_time_chart (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), NULL);

  return self->time_chart;
}

const LcBarChart *
lc_chart_view_get_bar_chart (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), NULL);

  return self->bar_chart;
}

void
lc_chart_view_set_show_table (LcChartView *self,
                              gboolean     show_table)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));

  show_table = !!show_table;
  if (show_table == self->show_table)
    return;
  self->show_table = show_table;
  if (show_table && self->table_dirty)
    rebuild_table (self);
  gtk_stack_set_visible_child_name (self->stack, show_table ? "table" : "chart");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

gboolean
lc_chart_view_get_show_table (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), FALSE);

  return self->show_table;
}

int
lc_chart_view_get_focus_index (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), -1);

  return self->focus_index;
}

void
lc_chart_view_set_focus_index (LcChartView *self,
                               int          index)
{
  g_return_if_fail (LC_IS_CHART_VIEW (self));

  if (index < -1 || index >= (int) n_items (self))
    index = -1;
  if (index == self->focus_index)
    return;
  self->focus_index = index;
  update_focus_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_INDEX]);
}

const char *
lc_chart_view_get_focus_text (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), NULL);

  return self->focus_text;
}

char *
lc_chart_view_get_table_text (LcChartView *self)
{
  GString *text;
  guint n;

  g_return_val_if_fail (LC_IS_CHART_VIEW (self), NULL);

  text = g_string_new (NULL);
  n = n_items (self);
  g_string_append_printf (text, "%s\t%s\n",
                          self->bar_chart != NULL ? _("Item") : _("Period"),
                          chart_title (self));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      describe_item (self, i, &name, &value);
      g_string_append_printf (text, "%s\t%s\n", name, value);
    }
  return g_string_free (text, FALSE);
}

gboolean
lc_chart_view_export (LcChartView   *self,
                      GFile         *file,
                      LcChartFormat  format,
                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const LcChartStyle *style = lc_chart_style_get_light ();
  int width = gtk_widget_get_width (GTK_WIDGET (self->area));
  int height = gtk_widget_get_height (GTK_WIDGET (self->area));
  int highlight;

  g_return_val_if_fail (LC_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (width <= 0 || height <= 0)
    {
      width = EXPORT_WIDTH;
      height = EXPORT_HEIGHT;
    }

  /* The file shows the data, not where the pointer happened to be. */
  if (self->time_chart != NULL)
    {
      highlight = self->time_chart->highlight;
      self->time_chart->highlight = -1;
      bytes = lc_time_chart_render (self->time_chart, style, format, width, height, 2, error);
      self->time_chart->highlight = highlight;
    }
  else if (self->bar_chart != NULL)
    {
      highlight = self->bar_chart->highlight;
      self->bar_chart->highlight = -1;
      bytes = lc_bar_chart_render (self->bar_chart, style, format, width, height, 2, error);
      self->bar_chart->highlight = highlight;
    }
  else
    {
      g_set_error_literal (error, LC_CHART_ERROR, LC_CHART_ERROR_FAILED, _("There is no chart to export"));
      return FALSE;
    }

  if (bytes == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

GtkListBox *
_lc_chart_view_get_table (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), NULL);

  return self->table;
}

GtkWidget *
_lc_chart_view_get_drawing_area (LcChartView *self)
{
  g_return_val_if_fail (LC_IS_CHART_VIEW (self), NULL);

  return GTK_WIDGET (self->area);
}
