/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-window"

/* Exporting from the window: the consultant's PDF report, written in a
 * worker thread with progress and Cancel in the window's bar, and the
 * verdict table as CSV; a toast opens what was saved. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-advice-csv.h"
#include "lc-report.h"
#include "lc-window-private.h"

static void
on_open_exported (AdwToast *toast,
                  LcWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

/* A toast saying what was saved, with a button that opens the file. */
static void
lc_window_toast_saved (LcWindow   *self,
                       const char *path,
                       const char *text)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  AdwToast *toast = adw_toast_new (text);

  if (uri != NULL)
    {
      g_object_set_data_full (G_OBJECT (toast), "uri", g_steal_pointer (&uri), g_free);
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_exported), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_report_progress (double   fraction,
                    gpointer user_data)
{
  LcWindow *self = LC_WINDOW (user_data);

  gtk_progress_bar_set_fraction (self->import_progress, fraction);
}

static void
on_report_written (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LcWindow) self = LC_WINDOW (user_data);
  g_autofree char *path = g_steal_pointer (&self->report_path);
  g_autoptr(GError) error = NULL;

  if (!lc_report_write_finish (result, &error))
    {
      if (self->report_cancellable == NULL)
        return;
      g_clear_object (&self->report_cancellable);
      gtk_revealer_set_reveal_child (self->import_bar, FALSE);
      _lc_window_update_export_actions (self);
      _lc_window_notify_busy (self);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("The report was not written.")));
      else
        {
          g_autofree char *body = NULL;

          /* Translators: %s is the reason the system gave, in its own words. */
          body = g_strdup_printf (_("Liftcheck could not write the report. The reason given was: %s"), error->message);
          _lc_window_show_error (self, _("Can’t Write the Report"), body);
        }
      return;
    }

  g_clear_object (&self->report_cancellable);
  gtk_revealer_set_reveal_child (self->import_bar, FALSE);
  _lc_window_update_export_actions (self);
  _lc_window_notify_busy (self);
  {
    g_autofree char *name = g_filename_display_basename (path);
    g_autofree char *text = NULL;

    /* Translators: %s is a file name. */
    text = g_strdup_printf (_("The report is saved as “%s”."), name);
    lc_window_toast_saved (self, path, text);
  }
}

void
lc_window_export_report (LcWindow   *self,
                         const char *path)
{
  LcReportOptions options;

  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->store == NULL || self->report_cancellable != NULL || self->import_cancellable != NULL)
    return;

  lc_report_options_init (&options);
  self->report_cancellable = g_cancellable_new ();
  g_free (self->report_path);
  self->report_path = g_strdup (path);
  gtk_label_set_label (self->import_label, _("Writing the report…"));
  gtk_progress_bar_set_fraction (self->import_progress, 0.0);
  gtk_revealer_set_reveal_child (self->import_bar, TRUE);
  _lc_window_update_export_actions (self);

  lc_report_write_async (lc_store_get_path (self->store), path, &options,
                         on_report_progress, self,
                         self->report_cancellable,
                         on_report_written, g_object_ref (self));
  _lc_window_notify_busy (self);
}

gboolean
lc_window_export_verdicts (LcWindow    *self,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->analysis != NULL, FALSE);

  if (!lc_advice_write_csv (self->analysis->advice, path, error))
    return FALSE;
  name = g_filename_display_basename (path);
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_("The verdicts are saved as “%s”."), name);
  lc_window_toast_saved (self, path, text);
  return TRUE;
}

static char *
suggested_export_name (LcWindow   *self,
                       const char *what,
                       const char *extension)
{
  g_autofree char *base = g_filename_display_basename (lc_store_get_path (self->store));
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  /* Translators: a file name: the store's name, then what the file holds,
   * such as "My Shop – report.pdf". */
  return g_strdup_printf (_("%s – %s.%s"), base, what, extension);
}

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    LcWindow        *self)
{
  gboolean report = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "report"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && report)
        lc_window_export_report (self, path);
      else if (path != NULL && !lc_window_export_verdicts (self, path, &error))
        _lc_window_show_error (self, _("Can’t Save the Verdicts"), error->message);
    }
  g_object_unref (native);
}

void
_lc_window_export_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LcWindow *self = LC_WINDOW (widget);
  gboolean report = g_str_equal (action_name, "win.export-report");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if (self->store == NULL || self->analysis == NULL)
    return;

  native = gtk_file_chooser_native_new (report ? _("Export the Report") : _("Export the Verdicts"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  name = report ? suggested_export_name (self, _("report"), "pdf")
                : suggested_export_name (self, _("verdicts"), "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_filter_set_name (filter, report ? _("PDF Documents") : _("Spreadsheets (CSV)"));
  gtk_file_filter_add_pattern (filter, report ? "*.pdf" : "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  _lc_window_set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  g_object_set_data (G_OBJECT (native), "report", GINT_TO_POINTER (report));
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
