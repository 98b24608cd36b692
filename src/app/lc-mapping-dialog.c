/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-mapping-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-currency-row.h"
#include "lc-display.h"
#include "lc-format.h"
#include "lc-mapping-dialog.h"
#include "lc-money.h"

/* Rows of the file on show in the preview; every sample row is read. */
#define PREVIEW_ROWS 6
/* The widest a preview cell gets before its text is cut short. */
#define MAX_CELL_CHARS 24

/* The order of the rows: the needed fields and the amounts (one of which
 * is needed) first, then the rest. */
static const LcMappingField needed_fields[] = {
  LC_MAPPING_FIELD_ORDER_ID,
  LC_MAPPING_FIELD_DATE,
  LC_MAPPING_FIELD_QUANTITY,
  LC_MAPPING_FIELD_UNIT_PRICE,
  LC_MAPPING_FIELD_LINE_TOTAL,
  LC_MAPPING_FIELD_ORDER_TOTAL,
};

static const LcMappingField optional_fields[] = {
  LC_MAPPING_FIELD_SKU,
  LC_MAPPING_FIELD_PRODUCT_NAME,
  LC_MAPPING_FIELD_CUSTOMER,
  LC_MAPPING_FIELD_STATUS,
  LC_MAPPING_FIELD_REFUNDED_AMOUNT,
  LC_MAPPING_FIELD_REFUNDED_QUANTITY,
  LC_MAPPING_FIELD_CURRENCY,
};

/* The date orders the owner can pick between. */
static const LcDateOrder date_orders[] = {
  LC_DATE_ORDER_DMY,
  LC_DATE_ORDER_MDY,
  LC_DATE_ORDER_YMD,
  LC_DATE_ORDER_SERIAL,
};

typedef struct
{
  GtkWidget *label;
  char      *text;
  gboolean   is_error;
} Cell;

struct _LcMappingDialog
{
  AdwWindow            parent_instance;

  LcCsvSample         *sample;
  char                *store_currency;
  LcMapping           *mapping;
  /* Date orders behind the date row's items, and the date column they
   * were worked out for. */
  GArray              *date_row_orders;
  char                *date_row_column;
  /* The owner picked the date order: it no longer follows the file. */
  gboolean             date_order_chosen;
  /* Rows are being set from code: their notifications are not choices. */
  gboolean             updating;
  gboolean             imported;

  AdwComboRow         *field_rows[LC_MAPPING_N_FIELDS];
  Cell                 cells[PREVIEW_ROWS][LC_MAPPING_N_FIELDS];
  guint                n_preview_rows;

  AdwWindowTitle      *title_widget;
  GtkButton           *import_button;
  GtkButton           *cancel_button;
  AdwPreferencesGroup *required_group;
  AdwPreferencesGroup *optional_group;
  AdwPreferencesGroup *format_group;
  AdwComboRow         *date_format_row;
  AdwComboRow         *currency_row;
  GtkGrid             *preview_grid;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (LcMappingDialog, lc_mapping_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORT,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
find_column (LcMappingDialog *self,
             const char      *name)
{
  if (name == NULL)
    return -1;

  for (guint i = 0; self->sample->columns[i] != NULL; i++)
    if (g_strcmp0 (self->sample->columns[i], name) == 0)
      return (int) i;
  return -1;
}

static const char *
chosen_column (LcMappingDialog *self,
               LcMappingField   field)
{
  guint selected = adw_combo_row_get_selected (self->field_rows[field]);

  /* Item 0 is "none"; the columns follow in the file's order. */
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return NULL;
  return self->sample->columns[selected - 1];
}

/* The currency the amounts are in: from a column, from the owner's
 * choice, or not known yet (NULL). */
static const char *
chosen_currency (LcMappingDialog *self)
{
  return lc_currency_row_get_code (self->currency_row);
}

static gboolean
currency_needed (LcMappingDialog *self)
{
  return chosen_column (self, LC_MAPPING_FIELD_CURRENCY) == NULL;
}

static void
clear_preview (LcMappingDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  for (guint r = 0; r < PREVIEW_ROWS; r++)
    for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
      {
        self->cells[r][f].label = NULL;
        g_clear_pointer (&self->cells[r][f].text, g_free);
        self->cells[r][f].is_error = FALSE;
      }
  self->n_preview_rows = 0;
}

static GtkWidget *
add_label (LcMappingDialog *self,
           const char      *text,
           int              column,
           int              row,
           const char      *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  /* Cells keep their text's width, up to a point: the preview scrolls
   * sideways rather than cut every value short. */
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  if (g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    {
      gtk_label_set_width_chars (GTK_LABEL (label), MAX_CELL_CHARS);
      gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_CELL_CHARS);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, text);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (self->preview_grid, label, column, row, 1, 1);
  return label;
}

static gboolean
field_is_number (LcMappingField field)
{
  switch (field)
    {
    case LC_MAPPING_FIELD_QUANTITY:
    case LC_MAPPING_FIELD_REFUNDED_QUANTITY:
    case LC_MAPPING_FIELD_UNIT_PRICE:
    case LC_MAPPING_FIELD_LINE_TOTAL:
    case LC_MAPPING_FIELD_ORDER_TOTAL:
    case LC_MAPPING_FIELD_REFUNDED_AMOUNT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Numbers line up on the right, in figures of one width, so that amounts
 * of a column compare at a glance. */
static void
align_number (GtkWidget *label)
{
  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_set_halign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "numeric");
}

/* A value of the preview the way the rest of the app writes it: money
 * with its currency, days in the owner's language. NULL when the cell has
 * none. */
static char *
format_value (const LcMappingPreviewRow *row,
              LcMappingField             field)
{
  if (!row->has_value[field])
    return NULL;

  switch (field)
    {
    case LC_MAPPING_FIELD_DATE:
      return lc_format_day_time (row->day, row->seconds);
    case LC_MAPPING_FIELD_QUANTITY:
    case LC_MAPPING_FIELD_REFUNDED_QUANTITY:
      return lc_display_count (row->numbers[field]);
    case LC_MAPPING_FIELD_UNIT_PRICE:
    case LC_MAPPING_FIELD_LINE_TOTAL:
    case LC_MAPPING_FIELD_ORDER_TOTAL:
    case LC_MAPPING_FIELD_REFUNDED_AMOUNT:
      return lc_format_money (lc_money_to_double (row->numbers[field], row->exponent), row->currency);
    case LC_MAPPING_FIELD_CUSTOMER:
      /* Only whether there is one: never the e-mail. */
      return g_strdup ("✓");
    default:
      return g_strdup (row->text[field]);
    }
}

/* The preview: a column per chosen field, a row per file row, and the
 * cell that cannot be read in the error colour with the reason. */
static void
fill_preview (LcMappingDialog        *self,
              const LcMappingPreview *preview)
{
  int grid_column = 1;

  clear_preview (self);
  add_label (self, _("Line"), 0, 0, "heading");

  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    if (lc_mapping_get_column (self->mapping, f) != NULL)
      {
        GtkWidget *heading = add_label (self, lc_mapping_field_get_title (f), grid_column, 0, "heading");

        gtk_widget_set_tooltip_text (heading, lc_mapping_get_column (self->mapping, f));
        if (field_is_number (f))
          {
            gtk_label_set_xalign (GTK_LABEL (heading), 1.0f);
            gtk_widget_set_halign (heading, GTK_ALIGN_END);
          }
        grid_column++;
      }

  self->n_preview_rows = MIN (preview->rows->len, PREVIEW_ROWS);
  for (guint r = 0; r < self->n_preview_rows; r++)
    {
      const LcMappingPreviewRow *row = g_ptr_array_index (preview->rows, r);
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, row->line);
      GtkWidget *line_label = add_label (self, line, 0, (int) r + 1, "dim-label");
      gboolean error_shown = FALSE;

      gtk_widget_add_css_class (line_label, "numeric");
      grid_column = 1;
      for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
        {
          const char *column = lc_mapping_get_column (self->mapping, f);
          Cell *cell = &self->cells[r][f];

          if (column == NULL)
            continue;

          cell->is_error = row->error != NULL && row->error_field == f;
          if (cell->is_error)
            {
              g_autofree char *shown = NULL;
              int index = find_column (self, column);
              const char *raw = index >= 0 ? ((char **) g_ptr_array_index (self->sample->rows, r))[index] : "";

              cell->text = g_strdup (raw);
              /* Translators: shown in the preview for an empty cell that
               * needs a value. */
              shown = g_strdup (raw[0] != '\0' ? raw : _("(empty)"));
              cell->label = add_label (self, shown, grid_column, (int) r + 1, "error");
              gtk_widget_set_tooltip_text (cell->label, row->error);
              gtk_accessible_update_property (GTK_ACCESSIBLE (cell->label),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, row->error,
                                              -1);
              error_shown = TRUE;
            }
          else
            {
              g_autofree char *value = format_value (row, f);

              cell->text = g_strdup (value != NULL ? value : "");
              cell->label = add_label (self, value != NULL ? value : "—", grid_column, (int) r + 1,
                                       value != NULL ? NULL : "dim-label");
            }
          if (field_is_number (f))
            align_number (cell->label);
          grid_column++;
        }

      /* A problem in a column not on show marks the row. */
      if (row->error != NULL && !error_shown)
        {
          gtk_widget_remove_css_class (line_label, "dim-label");
          gtk_widget_add_css_class (line_label, "error");
          gtk_widget_set_tooltip_text (line_label, row->error);
        }
    }
}

static void
set_status (LcMappingDialog *self,
            const char      *text,
            gboolean         problem)
{
  gtk_label_set_label (self->status_label, text);
  if (problem)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

/* Whether the sample's dates all read in this order. */
static gboolean
dates_fit (LcMappingDialog *self,
           LcDateOrder      order,
           const char      *currency)
{
  g_autoptr(LcMapping) trial = lc_mapping_copy (self->mapping);
  g_autoptr(LcMappingPreview) preview = NULL;

  lc_mapping_set_date_order (trial, order);
  preview = lc_mapping_preview (trial, self->sample, currency);
  for (guint i = 0; i < preview->rows->len; i++)
    {
      const LcMappingPreviewRow *row = g_ptr_array_index (preview->rows, i);

      if (row->error != NULL && row->error_field == LC_MAPPING_FIELD_DATE)
        return FALSE;
    }
  return preview->rows->len > 0;
}

/* The date row offers the orders the date column's values fit, with the
 * one in use selected; the owner can only change it when more than one
 * fits (10/03/2024 may be March or October). */
static void
update_date_row (LcMappingDialog        *self,
                 const LcMappingPreview *preview,
                 const char             *currency)
{
  const char *column = lc_mapping_get_column (self->mapping, LC_MAPPING_FIELD_DATE);
  LcDateOrder in_use = self->date_order_chosen ? lc_mapping_get_date_order (self->mapping) : preview->date_order;
  guint selected = 0;

  if (column == NULL || in_use == LC_DATE_ORDER_AUTO)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->date_format_row), FALSE);
      g_clear_pointer (&self->date_row_column, g_free);
      return;
    }

  if (g_strcmp0 (column, self->date_row_column) != 0)
    {
      g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

      g_array_set_size (self->date_row_orders, 0);
      for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
        if (date_orders[i] == in_use || dates_fit (self, date_orders[i], currency))
          {
            g_array_append_val (self->date_row_orders, date_orders[i]);
            gtk_string_list_append (titles, lc_date_order_get_title (date_orders[i]));
          }
      adw_combo_row_set_model (self->date_format_row, G_LIST_MODEL (titles));
      g_free (self->date_row_column);
      self->date_row_column = g_strdup (column);
    }

  for (guint i = 0; i < self->date_row_orders->len; i++)
    if (g_array_index (self->date_row_orders, LcDateOrder, i) == in_use)
      selected = i;
  adw_combo_row_set_selected (self->date_format_row, selected);

  gtk_widget_set_visible (GTK_WIDGET (self->date_format_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_format_row), self->date_row_orders->len > 1);
  if (self->date_row_orders->len > 1)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_format_row),
                                 _("Day and month could be either way round."));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_format_row),
                                 _("Found from the dates in the file."));
}

/* Reads the sample again with the rows' choices and shows what comes out;
 * Import waits until it all reads. */
static void
update (LcMappingDialog *self)
{
  g_autoptr(LcMappingPreview) preview = NULL;
  g_autoptr(GString) status = g_string_new (NULL);
  const char *currency = NULL;
  gboolean ready = FALSE;
  gboolean columns_missing;
  guint n_errors = 0;
  const LcMappingPreviewRow *first_error = NULL;

  if (self->updating)
    return;
  self->updating = TRUE;

  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    lc_mapping_set_column (self->mapping, f, chosen_column (self, f));

  gtk_widget_set_visible (GTK_WIDGET (self->currency_row), currency_needed (self));
  if (currency_needed (self))
    currency = chosen_currency (self);
  lc_mapping_set_currency (self->mapping, currency);

  if (!self->date_order_chosen)
    lc_mapping_set_date_order (self->mapping, LC_DATE_ORDER_AUTO);

  preview = lc_mapping_preview (self->mapping, self->sample, currency);
  update_date_row (self, preview, currency);
  /* Dates that read both ways are read the way the date row shows, which
   * the owner sees in the preview and confirms by importing. */
  if (!self->date_order_chosen && gtk_widget_get_sensitive (GTK_WIDGET (self->date_format_row))
      && gtk_widget_get_visible (GTK_WIDGET (self->date_format_row)))
    {
      lc_mapping_set_date_order (self->mapping, preview->date_order);
      g_clear_pointer (&preview, lc_mapping_preview_free);
      preview = lc_mapping_preview (self->mapping, self->sample, currency);
    }
  fill_preview (self, preview);
  gtk_widget_set_visible (GTK_WIDGET (self->format_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->date_format_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->currency_row)));

  for (guint i = 0; i < preview->rows->len; i++)
    {
      const LcMappingPreviewRow *row = g_ptr_array_index (preview->rows, i);

      if (row->error == NULL)
        continue;
      if (first_error == NULL)
        first_error = row;
      n_errors++;
    }

  /* Every problem that stops the import, then the notes. */
  for (guint i = 0; i < G_N_ELEMENTS (needed_fields); i++)
    if (lc_mapping_field_is_required (needed_fields[i]) && chosen_column (self, needed_fields[i]) == NULL)
      {
        if (status->len > 0)
          g_string_append_c (status, '\n');
        /* Translators: %s is what a column holds, such as "Order date". */
        g_string_append_printf (status, _("Choose the column that holds “%s”."),
                                lc_mapping_field_get_title (needed_fields[i]));
      }
  if (chosen_column (self, LC_MAPPING_FIELD_UNIT_PRICE) == NULL
      && chosen_column (self, LC_MAPPING_FIELD_LINE_TOTAL) == NULL
      && chosen_column (self, LC_MAPPING_FIELD_ORDER_TOTAL) == NULL)
    {
      if (status->len > 0)
        g_string_append_c (status, '\n');
      g_string_append (status, _("Choose the column of an amount: the unit price, the line total or the order total."));
    }

  /* The preview's own reasons come once the columns are chosen. */
  columns_missing = status->len > 0;
  if (!columns_missing && preview->error != NULL)
    g_string_append (status, preview->error);
  else if (!columns_missing && preview->rows->len == 0)
    g_string_append (status, _("The file has no rows under its header, so there is nothing to import."));
  else if (!columns_missing && first_error != NULL)
    {
      g_autofree char *count = NULL;

      count = g_strdup_printf (ngettext ("%u of the first %u rows can’t be read. Choose another column or date format, or correct the file.",
                                         "%u of the first %u rows can’t be read. Choose another column or date format, or correct the file.",
                                         preview->rows->len),
                               n_errors, preview->rows->len);
      /* Translators: the first %s names the file, line and column and
       * says what was expected; the second is the count of such rows. */
      g_string_append_printf (status, _("%s\n%s"), first_error->error, count);
    }

  if (currency_needed (self) && currency == NULL)
    {
      if (status->len > 0)
        g_string_append_c (status, '\n');
      g_string_append (status, _("Choose the currency of the amounts: the file does not say it."));
    }

  if (status->len == 0)
    {
      g_string_append_printf (status,
                              ngettext ("Liftcheck read the first row without a problem.",
                                        "Liftcheck read the first %u rows without a problem.",
                                        preview->rows->len),
                              preview->rows->len);
      for (guint i = 0; preview->warnings != NULL && i < preview->warnings->len; i++)
        {
          g_string_append_c (status, '\n');
          g_string_append (status, g_ptr_array_index (preview->warnings, i));
        }
      if (!self->date_order_chosen && gtk_widget_get_visible (GTK_WIDGET (self->date_format_row))
          && gtk_widget_get_sensitive (GTK_WIDGET (self->date_format_row)))
        {
          g_string_append_c (status, '\n');
          g_string_append (status, _("Every date so far reads both day first and month first: check “Dates are written as” against a date you know."));
        }
      ready = TRUE;
    }

  set_status (self, status->str, !ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.import", ready);
  self->updating = FALSE;
}

static void
on_field_selected (LcMappingDialog *self)
{
  update (self);
}

static void
on_date_order_selected (LcMappingDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->date_format_row);

  if (self->updating || selected >= self->date_row_orders->len)
    return;

  self->date_order_chosen = TRUE;
  lc_mapping_set_date_order (self->mapping, g_array_index (self->date_row_orders, LcDateOrder, selected));
  update (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LcMappingDialog *self = LC_MAPPING_DIALOG (widget);

  self->imported = TRUE;
  g_object_ref (self);
  g_signal_emit (self, signals[IMPORT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static gboolean
lc_mapping_dialog_close_request (GtkWindow *window)
{
  LcMappingDialog *self = LC_MAPPING_DIALOG (window);

  if (!self->imported)
    {
      /* Once only: closing may be asked again while the window goes. */
      self->imported = TRUE;
      g_signal_emit (self, signals[CANCELLED], 0);
    }

  return GTK_WINDOW_CLASS (lc_mapping_dialog_parent_class)->close_request (window);
}

static AdwComboRow *
add_field_row (LcMappingDialog     *self,
               AdwPreferencesGroup *group,
               LcMappingField       field)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  const char *title = lc_mapping_field_get_title (field);
  const char *description = lc_mapping_field_get_description (field);

  if (lc_mapping_field_is_required (field))
    /* Translators: the first item of a needed field's list of columns. */
    gtk_string_list_append (items, _("Choose a column…"));
  else
    gtk_string_list_append (items, _("Not in this file"));

  for (guint i = 0; self->sample->columns[i] != NULL; i++)
    {
      g_autofree char *unnamed = NULL;

      if (self->sample->columns[i][0] != '\0')
        gtk_string_list_append (items, self->sample->columns[i]);
      else
        {
          /* Translators: a column with no name in the file's first line;
           * %u counts the columns from 1. */
          unnamed = g_strdup_printf (_("Column %u"), i + 1);
          gtk_string_list_append (items, unnamed);
        }
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (items));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  if (lc_mapping_field_is_required (field))
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                    -1);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static void
fill_currency_row (LcMappingDialog *self)
{
  lc_currency_row_fill (self->currency_row, self->store_currency);

  if (self->store_currency != NULL)
    {
      g_autofree char *subtitle = NULL;

      /* Translators: %s is a currency code such as EUR. */
      subtitle = g_strdup_printf (_("The file does not say. The store’s orders are in %s."), self->store_currency);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->currency_row), subtitle);
    }
}

static void
lc_mapping_dialog_dispose (GObject *object)
{
  LcMappingDialog *self = LC_MAPPING_DIALOG (object);

  clear_preview (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_MAPPING_DIALOG);

  G_OBJECT_CLASS (lc_mapping_dialog_parent_class)->dispose (object);
}

static void
lc_mapping_dialog_finalize (GObject *object)
{
  LcMappingDialog *self = LC_MAPPING_DIALOG (object);

  g_clear_pointer (&self->sample, lc_csv_sample_free);
  g_clear_pointer (&self->mapping, lc_mapping_free);
  g_clear_pointer (&self->date_row_orders, g_array_unref);
  g_free (self->date_row_column);
  g_free (self->store_currency);

  G_OBJECT_CLASS (lc_mapping_dialog_parent_class)->finalize (object);
}

static void
lc_mapping_dialog_class_init (LcMappingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lc_mapping_dialog_dispose;
  object_class->finalize = lc_mapping_dialog_finalize;
  window_class->close_request = lc_mapping_dialog_close_request;

  signals[IMPORT] =
    g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-mapping-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, title_widget);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, required_group);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, optional_group);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, format_group);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, date_format_row);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, LcMappingDialog, status_label);

  gtk_widget_class_install_action (widget_class, "mapping.import", NULL, import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "mapping.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "mapping.import", NULL);
}

static void
lc_mapping_dialog_init (LcMappingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->date_row_orders = g_array_new (FALSE, FALSE, sizeof (LcDateOrder));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.import", FALSE);
}

LcMappingDialog *
lc_mapping_dialog_new (GtkWindow   *parent,
                       LcCsvSample *sample,
                       const char  *store_currency)
{
  LcMappingDialog *self;
  g_autoptr(LcMapping) guess = NULL;

  g_return_val_if_fail (sample != NULL, NULL);

  self = g_object_new (LC_TYPE_MAPPING_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->sample = sample;
  self->store_currency = g_strdup (store_currency);
  self->mapping = lc_mapping_new ();
  adw_window_title_set_subtitle (self->title_widget, sample->display_name);

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (needed_fields); i++)
    self->field_rows[needed_fields[i]] = add_field_row (self, self->required_group, needed_fields[i]);
  for (guint i = 0; i < G_N_ELEMENTS (optional_fields); i++)
    self->field_rows[optional_fields[i]] = add_field_row (self, self->optional_group, optional_fields[i]);
  fill_currency_row (self);

  /* The columns whose names say what they hold start chosen. */
  guess = lc_mapping_guess ((const char * const *) sample->columns);
  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    {
      int index = find_column (self, lc_mapping_get_column (guess, f));

      g_assert (self->field_rows[f] != NULL);
      adw_combo_row_set_selected (self->field_rows[f], index >= 0 ? (guint) index + 1 : 0);
      g_signal_connect_object (self->field_rows[f], "notify::selected",
                               G_CALLBACK (on_field_selected), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->currency_row, "notify::selected",
                           G_CALLBACK (on_field_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_format_row, "notify::selected",
                           G_CALLBACK (on_date_order_selected), self, G_CONNECT_SWAPPED);
  self->updating = FALSE;

  /* The keyboard starts on the first choice, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->field_rows[LC_MAPPING_FIELD_ORDER_ID]));
  update (self);
  return self;
}

const char *
lc_mapping_dialog_get_path (LcMappingDialog *self)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);

  return self->sample->path;
}

LcMapping *
lc_mapping_dialog_dup_mapping (LcMappingDialog *self)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);

  return lc_mapping_copy (self->mapping);
}

AdwComboRow *
lc_mapping_dialog_get_field_row (LcMappingDialog *self,
                                 LcMappingField   field)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);
  g_return_val_if_fail (field < LC_MAPPING_N_FIELDS, NULL);

  return self->field_rows[field];
}

AdwComboRow *
lc_mapping_dialog_get_date_row (LcMappingDialog *self)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);

  return self->date_format_row;
}

AdwComboRow *
lc_mapping_dialog_get_currency_row (LcMappingDialog *self)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);

  return self->currency_row;
}

GtkButton *
lc_mapping_dialog_get_import_button (LcMappingDialog *self)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);

  return self->import_button;
}

GtkButton *
lc_mapping_dialog_get_cancel_button (LcMappingDialog *self)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);

  return self->cancel_button;
}

guint
lc_mapping_dialog_get_n_preview_rows (LcMappingDialog *self)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), 0);

  return self->n_preview_rows;
}

const char *
lc_mapping_dialog_get_preview_text (LcMappingDialog *self,
                                    guint            row,
                                    LcMappingField   field,
                                    gboolean        *is_error)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);
  g_return_val_if_fail (field < LC_MAPPING_N_FIELDS, NULL);

  if (row >= self->n_preview_rows || self->cells[row][field].label == NULL)
    return NULL;
  if (is_error != NULL)
    *is_error = self->cells[row][field].is_error;
  return self->cells[row][field].text;
}

const char *
lc_mapping_dialog_get_status (LcMappingDialog *self)
{
  g_return_val_if_fail (LC_IS_MAPPING_DIALOG (self), NULL);

  return gtk_label_get_label (self->status_label);
}
