/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-window"

/* Importing export files into a store: the Import file chooser and files
 * dropped on the window, the new store's save dialog, the mapping dialog
 * for files no importer knows, the currency question, the import itself
 * in a worker thread with its bar, progress and Cancel, and the toast or
 * error dialog that tells how it went. */

#include "config.h"

#include <glib/gi18n.h>

#include "lc-currency-row.h"
#include "lc-display.h"
#include "lc-import.h"
#include "lc-mapping-dialog.h"
#include "lc-window-private.h"

/* Rows of a file the mapping dialog reads to guess and preview. */
#define MAPPING_SAMPLE_ROWS 200

/* A file no importer knows, with the mapping the owner chose for it. */
typedef struct
{
  char      *path;
  LcMapping *mapping;
  char      *header_key;
} MappedFile;

/* An import under way: the files, and the store they go into. */
typedef struct
{
  LcWindow       *window;
  char           *store_path;
  GStrv           paths;
  /* The store file did not exist before: a failed import removes it. */
  gboolean        new_store;
  /* The store's currency, offered when a file does not say its own. */
  char           *currency;
  /* Files waiting for the mapping dialog (LcCsvSample), and those with a
   * mapping chosen (MappedFile). */
  GPtrArray      *unknown;
  GPtrArray      *mapped;
  /* The files imported as they are: every one not in mapped; and the
   * currency the owner gave for those that say none. */
  GStrv           plain_paths;
  char           *plain_currency;
  /* Step 0 imports plain_paths (when there are any), each later step one
   * mapped file; result gathers what the steps imported. */
  guint           step;
  guint           n_steps;
  LcImportResult *result;
} ImportJob;

static void
mapped_file_free (MappedFile *mapped)
{
  g_free (mapped->path);
  lc_mapping_free (mapped->mapping);
  g_free (mapped->header_key);
  g_free (mapped);
}

static void
import_job_free (ImportJob *job)
{
  g_object_unref (job->window);
  g_free (job->store_path);
  g_strfreev (job->paths);
  g_free (job->currency);
  g_ptr_array_unref (job->unknown);
  g_ptr_array_unref (job->mapped);
  g_strfreev (job->plain_paths);
  g_free (job->plain_currency);
  g_clear_pointer (&job->result, lc_import_result_free);
  g_free (job);
}

static char *
import_summary_text (const LcImportResult *result)
{
  gint64 rows = 0;
  gint64 products = 0;
  gint64 categories = 0;
  gint64 halves = 0;
  gint64 added = result->orders_added;
  gint64 updated = result->orders_updated;
  g_autofree char *added_text = lc_display_count (added);
  g_autofree char *updated_text = lc_display_count (updated);

  for (guint i = 0; i < result->files->len; i++)
    {
      const LcImportFileResult *file = g_ptr_array_index (result->files, i);

      rows += file->rows;
      halves += file->orders_read;
      products += file->products;
      if (file->products == 0)
        categories += file->categories;
    }

  /* The orders still waiting are told of when this import read halves. */
  if (added == 0 && updated == 0 && halves > 0 && result->pending_orders > 0)
    {
      g_autofree char *pending_text = lc_display_count (result->pending_orders);

      /* Translators: %s is a count of orders whose items (or dates and
       * prices) are in a file not imported yet. */
      return g_strdup_printf (ngettext ("Kept %s order until the file with its other half is imported.",
                                        "Kept %s orders until the file with their other half is imported.",
                                        (gulong) result->pending_orders),
                              pending_text);
    }
  if (added + updated > 0 && halves > 0 && result->pending_orders > 0)
    {
      g_autofree char *done_text = lc_display_count (added + updated);
      g_autofree char *pending_text = lc_display_count (result->pending_orders);

      g_autofree char *done = NULL;

      /* Translators: %s is a count of orders imported; a count of orders
       * still waiting for their other half follows. */
      done = g_strdup_printf (ngettext ("Imported %s order;", "Imported %s orders;", (gulong) (added + updated)),
                              done_text);
      /* Translators: the first %s is "Imported 12 orders;", the second a
       * count of orders still waiting for the file with their other half. */
      return g_strdup_printf (ngettext ("%s %s more waits for its other half.",
                                        "%s %s more wait for their other half.",
                                        (gulong) result->pending_orders),
                              done, pending_text);
    }
  if (added == 0 && updated == 0 && products > 0)
    {
      g_autofree char *products_text = lc_display_count (products);

      /* Translators: %s is a count of products from a product list. */
      return g_strdup_printf (ngettext ("Imported %s product with its category.",
                                        "Imported %s products with their categories.", (gulong) products),
                              products_text);
    }
  if (added == 0 && updated == 0 && categories > 0)
    {
      g_autofree char *categories_text = lc_display_count (categories);

      /* Translators: %s is a count of product categories (aisles, departments). */
      return g_strdup_printf (ngettext ("Imported %s product category.", "Imported %s product categories.",
                                        (gulong) categories),
                              categories_text);
    }
  if (added == 0 && updated == 0)
    {
      g_autofree char *rows_text = lc_display_count (rows);

      /* Translators: %s is a count of rows, for reports without orders. */
      return g_strdup_printf (ngettext ("Imported %s report row.", "Imported %s report rows.", (gulong) rows),
                              rows_text);
    }

  if (updated == 0)
    /* Translators: %s is a count of orders. */
    return g_strdup_printf (ngettext ("Imported %s new order.", "Imported %s new orders.", (gulong) added),
                            added_text);

  if (added == 0)
    /* Translators: %s is a count of orders already in the store. */
    return g_strdup_printf (ngettext ("Updated %s order; no new ones.", "Updated %s orders; no new ones.", (gulong) updated),
                            updated_text);

  /* Translators: the first %s is a count of new orders, the second of
   * orders already in the store that were brought up to date. */
  return g_strdup_printf (ngettext ("Imported %s new order and updated %s.", "Imported %s new orders and updated %s.",
                                    (gulong) added),
                          added_text, updated_text);
}

static void
lc_window_show_import_result (LcWindow             *self,
                              const LcImportResult *result)
{
  g_autofree char *text = import_summary_text (result);
  g_autoptr(GString) details = g_string_new (NULL);

  for (guint i = 0; i < result->files->len; i++)
    {
      const LcImportFileResult *file = g_ptr_array_index (result->files, i);
      g_autofree char *name = g_filename_display_basename (file->path);

      for (guint k = 0; file->warnings != NULL && k < file->warnings->len; k++)
        {
          if (details->len > 0)
            g_string_append (details, "\n\n");
          /* Translators: a note about an imported file: "orders.csv: 3 rows were skipped…" */
          g_string_append_printf (details, _("%s: %s"), name, (const char *) g_ptr_array_index (file->warnings, k));
        }
    }

  _lc_window_toast_with_details (self, text, _("Notes From the Import"), details->str);
}

static char *
import_error_body (const GError *error,
                   gboolean      partial)
{
  const char *hint;

  if (g_error_matches (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_UNKNOWN_KIND))
    hint = _("Liftcheck reads exports saved as CSV: orders from Shopify or any other shop, Shopify’s Analytics reports and products export, Olist’s and Instacart’s product and order files, and Klaviyo’s campaign export. Check that you picked the right download.");
  else if (g_error_matches (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_WRONG_KIND))
    hint = _("Download the “Export orders” file from your Shopify admin instead.");
  else if (g_error_matches (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_CURRENCY_MISMATCH))
    hint = _("A store keeps one currency. Import the other shop’s exports into a store of its own.");
  else if (g_error_matches (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE)
           || g_error_matches (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS))
    hint = _("If the file was opened and saved in a spreadsheet, download it again from your shop and import the fresh copy.");
  else
    hint = NULL;

  if (partial)
    /* Translators: the first %s is what went wrong (it names the file and
     * line); the second says what to do, or is empty. */
    return g_strdup_printf (_("%s\n\n%s%sThat file was not imported; the files before it were."),
                            error->message,
                            hint != NULL ? hint : "",
                            hint != NULL ? "\n\n" : "");

  /* Translators: the first %s is what went wrong (it names the file and
   * line); the second says what to do, or is empty. */
  return g_strdup_printf (_("%s\n\n%s%sNothing was imported: the store is as it was."),
                          error->message,
                          hint != NULL ? hint : "",
                          hint != NULL ? "\n\n" : "");
}

static void
lc_window_end_import (LcWindow *self)
{
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_bar, FALSE);
  _lc_window_update_export_actions (self);
  _lc_window_notify_busy (self);
}

static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  ImportJob *job = user_data;
  LcWindow *self = job->window;
  double overall = (job->step + fraction) / MAX (job->n_steps, 1);

  gtk_progress_bar_set_fraction (self->progress_bar, overall);
  gtk_progress_bar_set_fraction (self->import_progress, overall);
}

/* Adds a step's files and counts to what the import has done so far. */
static void
import_job_add_result (ImportJob      *job,
                       LcImportResult *result)
{
  if (job->result == NULL)
    {
      job->result = result;
      return;
    }

  while (result->files->len > 0)
    g_ptr_array_add (job->result->files, g_ptr_array_steal_index (result->files, 0));
  job->result->orders_added += result->orders_added;
  job->result->orders_updated += result->orders_updated;
  job->result->pending_orders = result->pending_orders;
  lc_import_result_free (result);
}

static void import_job_run_step (ImportJob *job);

static void
on_currency_changed (AdwComboRow      *row,
                     GParamSpec       *pspec,
                     AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "import", lc_currency_row_get_code (row) != NULL);
}

static void
on_currency_response (AdwMessageDialog *dialog,
                      const char       *response,
                      LcWindow         *self)
{
  ImportJob *job = g_object_steal_data (G_OBJECT (dialog), "job");
  AdwComboRow *row = g_object_get_data (G_OBJECT (dialog), "row");
  const char *code = lc_currency_row_get_code (row);

  /* Answered already. */
  if (job == NULL)
    return;

  if (g_strcmp0 (response, "import") == 0 && code != NULL)
    {
      job->plain_currency = g_strdup (code);
      import_job_run_step (job);
      return;
    }

  lc_window_end_import (self);
  if (job->new_store)
    lc_store_remove_files (job->store_path);
  _lc_window_show_store_page (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Import cancelled. The store is as it was.")));
  import_job_free (job);
}

/* Asks the currency of files that do not say theirs, for a store that has
 * none yet. */
static void
lc_window_ask_currency (LcWindow  *self,
                        ImportJob *job)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_combo_row_new ();

  if (g_strv_length (job->plain_paths) == 1)
    {
      g_autofree char *name = g_filename_display_basename (job->plain_paths[0]);

      /* Translators: %s is a file name. */
      body = g_strdup_printf (_("“%s” does not say which currency its amounts are in, and the store has no orders yet to tell. Choose the currency of its prices."),
                              name);
    }
  else
    body = g_strdup (_("One of the files does not say which currency its amounts are in, and the store has no orders yet to tell. Choose the currency of its prices."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Which Currency?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Currency"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Currency of the amounts"),
                                  -1);
  lc_currency_row_fill (ADW_COMBO_ROW (row), NULL);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  on_currency_changed (ADW_COMBO_ROW (row), NULL, ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_currency_changed), dialog, 0);

  /* The dialog holds the job while it asks, as the mapping dialog does. */
  g_object_set_data_full (G_OBJECT (dialog), "job", job, (GDestroyNotify) import_job_free);
  g_object_set_data (G_OBJECT (dialog), "row", row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_currency_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_done (GObject      *source_object,
                GAsyncResult *async_result,
                gpointer      user_data)
{
  ImportJob *job = user_data;
  LcWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  LcImportResult *result;
  gboolean partial;

  result = lc_import_files_finish (async_result, &error);
  /* A file that says no currency, going into a store without one: the
   * owner says which, and the step runs again. */
  if (result == NULL && g_error_matches (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_NO_CURRENCY)
      && job->step == 0 && job->plain_paths[0] != NULL && job->plain_currency == NULL)
    {
      lc_window_ask_currency (self, job);
      return;
    }

  if (result != NULL)
    {
      import_job_add_result (job, result);
      job->step++;
      if (job->step < job->n_steps)
        {
          import_job_run_step (job);
          return;
        }
    }

  lc_window_end_import (self);
  /* Steps before this one landed: their files are in the store. */
  partial = result == NULL && job->result != NULL;

  if (result == NULL)
    {
      /* A store made for this import holds nothing worth keeping. */
      if (job->new_store && !partial)
        lc_store_remove_files (job->store_path);

      _lc_window_show_store_page (self);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !partial)
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled. The store is as it was.")));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled. The files it had finished stay in the store.")));
      else
        {
          gboolean plain_step = job->step == 0 && job->plain_paths[0] != NULL;
          const char *failed = plain_step
                               ? job->plain_paths[0]
                               : ((MappedFile *) g_ptr_array_index (job->mapped,
                                                                    job->step - (job->plain_paths[0] != NULL ? 1 : 0)))->path;
          g_autofree char *name = g_filename_display_basename (failed);
          g_autofree char *heading = NULL;
          g_autofree char *body = import_error_body (error, partial);

          /* A mapped file is imported on its own. */
          if (!plain_step || g_strv_length (job->plain_paths) == 1)
            /* Translators: %s is a file name. */
            heading = g_strdup_printf (_("Can’t Import “%s”"), name);
          else
            heading = g_strdup (_("Can’t Import the Files"));
          _lc_window_show_error (self, heading, body);
        }

      if (!partial)
        {
          import_job_free (job);
          return;
        }
    }
  else
    lc_window_show_import_result (self, job->result);

  if (self->store != NULL && g_strcmp0 (lc_store_get_path (self->store), job->store_path) == 0)
    {
      lc_window_reload (self);
      import_job_free (job);
      return;
    }

  file = g_file_new_for_path (job->store_path);
  /* A new store starts with the questions its numbers cannot answer. */
  if (lc_window_open_file (self, file) && job->new_store)
    lc_window_run_wizard (self);
  import_job_free (job);
}

static void
import_job_run_step (ImportJob *job)
{
  LcWindow *self = job->window;
  gboolean has_plain = job->plain_paths[0] != NULL;

  if (job->step == 0 && has_plain && job->plain_currency != NULL)
    {
      lc_import_files_with_mapping_async (job->store_path, (const char * const *) job->plain_paths,
                                          NULL, job->plain_currency,
                                          on_import_progress, job,
                                          self->import_cancellable,
                                          on_import_done, job);
    }
  else if (job->step == 0 && has_plain)
    {
      lc_import_files_async (job->store_path, (const char * const *) job->plain_paths,
                             on_import_progress, job,
                             self->import_cancellable,
                             on_import_done, job);
    }
  else
    {
      MappedFile *mapped = g_ptr_array_index (job->mapped, job->step - (has_plain ? 1 : 0));
      const char *paths[] = { mapped->path, NULL };

      lc_import_files_with_mapping_async (job->store_path, paths, mapped->mapping, NULL,
                                          on_import_progress, job,
                                          self->import_cancellable,
                                          on_import_done, job);
    }
}

static gboolean
is_mapped (ImportJob  *job,
           const char *path)
{
  for (guint i = 0; i < job->mapped->len; i++)
    if (g_strcmp0 (((MappedFile *) g_ptr_array_index (job->mapped, i))->path, path) == 0)
      return TRUE;
  return FALSE;
}

/* Every file has what it needs: the import proper starts. */
static void
import_job_start (ImportJob *job)
{
  LcWindow *self = job->window;
  g_autoptr(GStrvBuilder) plain = g_strv_builder_new ();
  g_autofree char *first = g_filename_display_basename (job->paths[0]);
  g_autofree char *label = NULL;
  guint n_paths = g_strv_length (job->paths);

  for (guint i = 0; job->paths[i] != NULL; i++)
    if (!is_mapped (job, job->paths[i]))
      g_strv_builder_add (plain, job->paths[i]);
  job->plain_paths = g_strv_builder_end (plain);
  job->n_steps = (job->plain_paths[0] != NULL ? 1 : 0) + job->mapped->len;

  if (n_paths == 1)
    /* Translators: %s is a file name. */
    label = g_strdup_printf (_("Importing “%s”…"), first);
  else
    /* Translators: %u is a number of files. */
    label = g_strdup_printf (ngettext ("Importing %u file…", "Importing %u files…", n_paths), n_paths);

  if (self->store != NULL && g_strcmp0 (lc_store_get_path (self->store), job->store_path) == 0)
    {
      /* The open store stays on show and usable while its files come in. */
      gtk_label_set_label (self->import_label, label);
      gtk_progress_bar_set_fraction (self->import_progress, 0.0);
      gtk_revealer_set_reveal_child (self->import_bar, TRUE);
    }
  else
    _lc_window_show_preparing (self, label,
                               _("Liftcheck reads every order and keeps them in the store file, so later visits are quick. Your files are not changed."));

  import_job_run_step (job);
}

static void lc_window_ask_mapping (LcWindow  *self,
                                   ImportJob *job);

static void
on_mapping_chosen (LcMappingDialog *dialog,
                   LcWindow        *self)
{
  ImportJob *job = g_object_steal_data (G_OBJECT (dialog), "job");
  MappedFile *mapped = g_new0 (MappedFile, 1);

  mapped->path = g_strdup (lc_mapping_dialog_get_path (dialog));
  mapped->mapping = lc_mapping_dialog_dup_mapping (dialog);
  mapped->header_key = g_strdup (g_object_get_data (G_OBJECT (dialog), "header-key"));
  g_ptr_array_add (job->mapped, mapped);
  lc_window_ask_mapping (self, job);
}

static void
on_mapping_cancelled (LcMappingDialog *dialog,
                      LcWindow        *self)
{
  ImportJob *job = g_object_steal_data (G_OBJECT (dialog), "job");

  import_job_free (job);
  lc_window_end_import (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Import cancelled. The store is as it was.")));
}

/* Asks for the mapping of each file no importer knows, one dialog after
 * the other, before anything is imported: Cancel leaves the store as it
 * was. A file with the same columns as one already mapped takes its
 * mapping. */
static void
lc_window_ask_mapping (LcWindow  *self,
                       ImportJob *job)
{
  while (job->unknown->len > 0)
    {
      LcCsvSample *sample = g_ptr_array_steal_index (job->unknown, 0);
      g_autofree char *key = lc_mapping_header_key ((const char * const *) sample->columns);
      MappedFile *same = NULL;
      LcMappingDialog *dialog;

      for (guint i = 0; i < job->mapped->len && same == NULL; i++)
        if (g_strcmp0 (((MappedFile *) g_ptr_array_index (job->mapped, i))->header_key, key) == 0)
          same = g_ptr_array_index (job->mapped, i);

      if (same != NULL)
        {
          MappedFile *mapped = g_new0 (MappedFile, 1);

          mapped->path = g_strdup (sample->path);
          mapped->mapping = lc_mapping_copy (same->mapping);
          mapped->header_key = g_steal_pointer (&key);
          g_ptr_array_add (job->mapped, mapped);
          lc_csv_sample_free (sample);
          continue;
        }

      dialog = lc_mapping_dialog_new (GTK_WINDOW (self), sample, job->currency);
      /* The dialog holds the job while it asks: closing the window closes
       * the dialog, which lets the job go. */
      g_object_set_data_full (G_OBJECT (dialog), "job", job, (GDestroyNotify) import_job_free);
      g_object_set_data_full (G_OBJECT (dialog), "header-key", g_steal_pointer (&key), g_free);
      g_signal_connect_object (dialog, "import", G_CALLBACK (on_mapping_chosen), self, 0);
      g_signal_connect_object (dialog, "cancelled", G_CALLBACK (on_mapping_cancelled), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  import_job_start (job);
}

/* Reads the start of each file: those of a kind no importer knows, and
 * without a mapping saved in the store for their columns, need the
 * mapping dialog. A file that cannot be read is left to the import, which
 * says what is wrong with it. */
static void
import_job_find_unknown (ImportJob *job)
{
  LcWindow *self = job->window;
  g_autoptr(LcStore) other = NULL;
  LcStore *store = NULL;

  if (self->store != NULL && g_strcmp0 (lc_store_get_path (self->store), job->store_path) == 0)
    store = self->store;
  else if (!job->new_store)
    store = other = lc_store_open (job->store_path, LC_STORE_OPEN_DEFAULT, NULL);

  /* The open store's object keeps the currency it had when opened; the
   * figures, read after each import, know a currency it gained since. */
  if (store == self->store && self->analysis != NULL && self->analysis->summary->currency != NULL)
    job->currency = g_strdup (self->analysis->summary->currency);
  else if (store != NULL)
    job->currency = g_strdup (lc_store_get_currency (store));

  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcCsvSample) sample = lc_csv_sample_read (job->paths[i], MAPPING_SAMPLE_ROWS, NULL, &error);
      g_autoptr(LcMapping) saved = NULL;

      if (sample == NULL)
        {
          g_debug ("Reading the start of %s failed: %s", job->paths[i], error->message);
          continue;
        }
      if (sample->kind != LC_IMPORT_KIND_UNKNOWN)
        continue;
      if (store != NULL)
        saved = lc_store_find_mapping (store, (const char * const *) sample->columns, &error);
      if (saved != NULL)
        continue;
      if (error != NULL)
        g_debug ("Looking for a saved mapping failed: %s", error->message);
      g_ptr_array_add (job->unknown, g_steal_pointer (&sample));
    }
}

void
lc_window_import_into (LcWindow           *self,
                       const char * const *paths,
                       const char         *store_path)
{
  ImportJob *job;

  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);
  g_return_if_fail (store_path != NULL);

  /* One writer at a time: an import waits for a sync to end. */
  if (self->import_cancellable != NULL || self->sync_cancellable != NULL)
    return;

  job = g_new0 (ImportJob, 1);
  job->window = g_object_ref (self);
  job->store_path = g_strdup (store_path);
  job->paths = g_strdupv ((char **) paths);
  job->new_store = !g_file_test (store_path, G_FILE_TEST_EXISTS);
  job->unknown = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_csv_sample_free);
  job->mapped = g_ptr_array_new_with_free_func ((GDestroyNotify) mapped_file_free);

  self->import_cancellable = g_cancellable_new ();
  _lc_window_update_export_actions (self);
  _lc_window_notify_busy (self);

  import_job_find_unknown (job);
  lc_window_ask_mapping (self, job);
}

static GStrv
paths_of_files (GListModel *files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  return g_strv_builder_end (builder);
}

static void
on_new_store_response (GtkNativeDialog *native,
                       int              response,
                       LcWindow        *self)
{
  GStrv paths = g_object_get_data (G_OBJECT (native), "paths");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = _lc_window_chosen_store_path (GTK_FILE_CHOOSER (native));

      if (path != NULL)
        lc_window_import_into (self, (const char * const *) paths, path);
    }

  g_object_unref (native);
}

/* Imports into the open store, or asks where to keep a new one. */
void
lc_window_import_files (LcWindow   *self,
                        GListModel *files)
{
  g_auto(GStrv) paths = NULL;
  GtkFileChooserNative *native;

  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  paths = paths_of_files (files);
  if (paths[0] == NULL)
    {
      _lc_window_show_error (self, _("Can’t Import These Files"),
                             _("Liftcheck can only import files on this computer. Copy them to a folder here first."));
      return;
    }

  if (self->store != NULL)
    {
      lc_window_import_into (self, (const char * const *) paths, lc_store_get_path (self->store));
      return;
    }

  native = gtk_file_chooser_native_new (_("Save the New Store"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Translators: the file name offered for a new store; keep the extension. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("My Store.liftcheck"));
  _lc_window_set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  g_object_set_data_full (G_OBJECT (native), "paths", g_steal_pointer (&paths), (GDestroyNotify) g_strfreev);
  g_signal_connect_object (native, "response", G_CALLBACK (on_new_store_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_import_response (GtkNativeDialog *native,
                    int              response,
                    LcWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr(GFile) first = g_list_model_get_item (files, 0);
      g_autoptr(GFile) folder = first != NULL ? g_file_get_parent (first) : NULL;
      g_autofree char *folder_path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (folder_path != NULL)
        g_settings_set_string (self->settings, "last-folder", folder_path);
      if (g_list_model_get_n_items (files) > 0)
        lc_window_import_files (self, files);
    }

  g_object_unref (native);
}

void
_lc_window_import_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LcWindow *self = LC_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Export Files"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  gtk_file_filter_set_name (filter, _("Exports (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  _lc_window_set_chooser_folder (self, GTK_FILE_CHOOSER (native));

  g_signal_connect_object (native, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

gboolean
_lc_window_on_drop (GtkDropTarget *target,
                    const GValue  *value,
                    double         x,
                    double         y,
                    LcWindow      *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  GFile *store_file = NULL;

  for (GSList *l = list; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, ".liftcheck"))
        store_file = l->data;
      else
        g_list_store_append (files, l->data);
    }

  /* A store file dropped on its own opens; exports are imported. */
  if (store_file != NULL && g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return lc_window_open_file (self, store_file);

  if (g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return FALSE;

  if (self->import_cancellable != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("An import is already under way. Drop the files again when it is done.")));
      return FALSE;
    }
  if (self->sync_cancellable != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("A sync with Shopify is under way. Drop the files again when it is done.")));
      return FALSE;
    }

  lc_window_import_files (self, G_LIST_MODEL (files));
  return TRUE;
}
