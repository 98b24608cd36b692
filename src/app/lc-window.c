/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-window"

/* The window itself: its template, actions and properties, the stores it
 * opens, the demo store, and the figures on show. Importing files is in
 * lc-window-import.c, syncing with Shopify in lc-window-sync.c, and the
 * report and verdict exports in lc-window-export.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-bundles-page.h"
#include "lc-demo-store.h"
#include "lc-display.h"
#include "lc-features-page.h"
#include "lc-format.h"
#include "lc-metrics.h"
#include "lc-overview-page.h"
#include "lc-preferences-window.h"
#include "lc-returns-page.h"
#include "lc-shopify-credentials.h"
#include "lc-tests-page.h"
#include "lc-welcome-page.h"
#include "lc-wizard.h"
#include "lc-window-private.h"

/* How many stores recent-stores remembers. */
#define MAX_RECENT_STORES 10

G_DEFINE_FINAL_TYPE (LcWindow, lc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_lc_window_notify_busy (LcWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

void
_lc_window_show_error (LcWindow   *self,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
open_error_body (const GError *error)
{
  if (g_error_matches (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_A_STORE))
    return g_strdup (_("This file is not a Liftcheck store. If it is an export from your shop, such as Shopify’s “Export orders” file, import it into a store first with “liftcheck-cli import STORE FILE”, then open the store."));

  if (g_error_matches (error, LC_STORE_ERROR, LC_STORE_ERROR_TOO_NEW))
    return g_strdup (_("This store was made by a newer version of Liftcheck. Update Liftcheck to open it. The file was left as it was."));

  if (g_error_matches (error, LC_STORE_ERROR, LC_STORE_ERROR_CORRUPT))
    return g_strdup (_("The store file is damaged. Open a backup copy of it, or import your exports into a new store."));

  if (g_error_matches (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup (_("The file is no longer there. It may have been moved, renamed or deleted."));

  if (g_error_matches (error, LC_STORE_ERROR, LC_STORE_ERROR_READ_ONLY))
    return g_strdup (_("Liftcheck needs to write to the store file and its folder, and is not allowed to. Copy the store to a folder of your own and open the copy."));

  /* Translators: %s is the reason the system gave, in its own words. */
  return g_strdup_printf (_("Liftcheck could not read the file. The reason given was: %s"),
                          error->message);
}

static void
lc_window_show_open_error (LcWindow     *self,
                           GFile        *file,
                           const GError *error)
{
  g_autofree char *name = dup_display_name (file);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Can’t Open “%s”"), name);

  if (error == NULL)
    body = g_strdup (_("Liftcheck can only open store files on this computer. Copy the file to a folder here first."));
  else
    body = open_error_body (error);

  _lc_window_show_error (self, heading, body);
}

static void
lc_window_update_recent (LcWindow   *self,
                         const char *path,
                         gboolean    add)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-stores");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint count = 0;

  if (add)
    {
      g_strv_builder_add (builder, path);
      count++;
    }

  for (guint i = 0; old[i] != NULL && count < MAX_RECENT_STORES; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      count++;
    }

  recent = g_strv_builder_end (builder);
  if (!g_strv_equal ((const char * const *) old, (const char * const *) recent))
    g_settings_set_strv (self->settings, "recent-stores", (const char * const *) recent);
}

void
_lc_window_show_store_page (LcWindow *self)
{
  gboolean on_store;

  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->stack, "welcome");
  else if (self->analysis == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, self->store_page);

  on_store = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "store") == 0;
  adw_view_switcher_title_set_view_switcher_enabled (self->title_widget, on_store);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), on_store);
  gtk_spinner_set_spinning (self->loading_spinner,
                            g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0);
}

static void
lc_window_cancel_demo (LcWindow *self)
{
  if (self->demo_cancellable == NULL)
    return;

  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
}

static void
lc_window_show_analysis (LcWindow   *self,
                         LcAnalysis *analysis)
{
  g_autofree char *period = NULL;
  LcAnalysis *old = self->analysis;

  /* The pages borrow the analysis: they get the new one before the old one
   * goes. */
  self->analysis = analysis;

  if (analysis->summary->has_orders)
    {
      period = lc_format_day_range (analysis->summary->first_day, analysis->summary->last_day);
      lc_overview_page_set_analysis (self->overview_page, analysis);
      lc_features_page_set_analysis (self->features_page, self->store, analysis);
      lc_returns_page_set_analysis (self->returns_page, self->store, analysis);
      lc_bundles_page_set_analysis (self->bundles_page, self->store, analysis);
      lc_tests_page_set_analysis (self->tests_page, self->store, analysis);
      self->store_page = "store";
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (lc_store_get_path (self->store));
      g_autofree char *description = NULL;

      if (analysis->summary->pending_orders > 0)
        {
          g_autofree char *pending = lc_display_count (analysis->summary->pending_orders);

          /* Translators: the first %s is a store file name, the second a count of orders. */
          description = g_strdup_printf (ngettext ("“%s” has no complete orders yet: %s order waits for its other half, its items or its date and prices. An Olist order counts once both Olist’s orders file and its order items file are imported; Instacart’s files have no dates or prices, so its orders never count.",
                                                   "“%s” has no complete orders yet: %s orders wait for their other half, their items or their dates and prices. An Olist order counts once both Olist’s orders file and its order items file are imported; Instacart’s files have no dates or prices, so its orders never count.",
                                                   (gulong) analysis->summary->pending_orders),
                                         name, pending);
        }
      else
        /* Translators: %s is a store file name. */
        description = g_strdup_printf (_("“%s” has no orders in it yet. Download the “Export orders” file from your Shopify admin (Orders, Export, All orders, CSV for Excel) and import it here. You can also drop export files on this window."),
                                       name);
      adw_status_page_set_description (self->empty_page, description);
      self->store_page = "empty";
    }

  adw_view_switcher_title_set_subtitle (self->title_widget, period != NULL ? period : "");
  lc_analysis_free (old);
  _lc_window_update_shopify (self);
  _lc_window_update_export_actions (self);
  _lc_window_show_store_page (self);
}

static void
on_analyzed (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LcWindow) self = LC_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  LcAnalysis *analysis = lc_analyze_finish (result, &error);

  if (analysis == NULL)
    {
      g_autofree char *body = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->analysis_cancellable);
      g_warning ("Reading the store failed: %s", error->message);
      /* Translators: %s is the reason the system gave, in its own words. */
      body = g_strdup_printf (_("Liftcheck could not read the store’s figures. The reason given was: %s"),
                              error->message);
      _lc_window_show_error (self, _("Can’t Read the Store"), body);
      return;
    }

  g_clear_object (&self->analysis_cancellable);

  /* A store closed or replaced meanwhile makes this stale. */
  if (self->store == NULL || g_strcmp0 (analysis->store_path, lc_store_get_path (self->store)) != 0)
    {
      lc_analysis_free (analysis);
      return;
    }

  lc_window_show_analysis (self, analysis);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Reads the store's figures again, in a worker thread; the window keeps
 * showing the old ones until then. */
void
lc_window_reload (LcWindow *self)
{
  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  if (self->analysis_cancellable != NULL)
    g_cancellable_cancel (self->analysis_cancellable);
  g_clear_object (&self->analysis_cancellable);

  self->analysis_cancellable = g_cancellable_new ();
  lc_analyze_async (lc_store_get_path (self->store), self->analysis_cancellable,
                    on_analyzed, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
lc_window_set_store (LcWindow *self,
                     LcStore  *store)
{
  g_autofree char *name = g_filename_display_basename (lc_store_get_path (store));

  lc_window_cancel_demo (self);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->analysis, lc_analysis_free);

  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_view_switcher_title_set_title (self->title_widget, name);
  adw_view_switcher_title_set_subtitle (self->title_widget, "");
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  lc_features_page_show_list (self->features_page);

  _lc_window_update_shopify (self);
  lc_window_reload (self);
  _lc_window_show_store_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
lc_window_open_file (LcWindow *self,
                     GFile    *file)
{
  g_autofree char *path = NULL;
  g_autofree char *demo_path = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      lc_window_show_open_error (self, file, NULL);
      return FALSE;
    }

  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_debug ("Opening %s failed: %s", path, error->message);

      if (g_error_matches (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND))
        lc_window_update_recent (self, path, FALSE);

      lc_window_show_open_error (self, file, error);
      return FALSE;
    }

  lc_window_set_store (self, store);

  /* The demo has its own button on the welcome page. */
  demo_path = lc_demo_store_dup_path ();
  if (g_strcmp0 (path, demo_path) != 0)
    lc_window_update_recent (self, path, TRUE);

  return TRUE;
}

void
_lc_window_show_preparing (LcWindow   *self,
                           const char *title,
                           const char *description)
{
  adw_status_page_set_title (self->preparing_page, title);
  adw_status_page_set_description (self->preparing_page, description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "preparing");
  adw_view_switcher_title_set_view_switcher_enabled (self->title_widget, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
}

static void
on_demo_progress (double   fraction,
                  gpointer user_data)
{
  LcWindow *self = LC_WINDOW (user_data);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_demo_prepared (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LcWindow) self = LC_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  /* A cancelled run (by the owner, by opening another store, or by closing
   * the window) always ends here, as the task checks its cancellable. */
  if (!lc_demo_store_prepare_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_autofree char *body = NULL;

      g_clear_object (&self->demo_cancellable);
      _lc_window_show_store_page (self);
      /* Translators: %s is the reason the system gave, in its own words. */
      body = g_strdup_printf (_("Liftcheck could not make the demo store. The reason given was: %s"),
                              error->message);
      _lc_window_show_error (self, _("Can’t Prepare the Demo Store"), body);
      return;
    }

  g_clear_object (&self->demo_cancellable);

  path = lc_demo_store_dup_path ();
  file = g_file_new_for_path (path);
  if (lc_window_open_file (self, file))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The demo store is ready. Its orders are made up.")));
  else
    _lc_window_show_store_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
lc_window_open_demo (LcWindow *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (LC_IS_WINDOW (self));

  if (self->demo_cancellable != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "preparing");
      return;
    }

  path = lc_demo_store_dup_path ();
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      file = g_file_new_for_path (path);
      lc_window_open_file (self, file);
      return;
    }

  self->demo_cancellable = g_cancellable_new ();
  _lc_window_show_preparing (self, _("Preparing the Demo Store…"),
                             _("Liftcheck is making up two years of orders for a sample shop, so you can look around before opening your own store. It takes a moment, and only the first time."));

  lc_demo_store_prepare_async (path,
                               on_demo_progress,
                               g_object_ref (self),
                               g_object_unref,
                               self->demo_cancellable,
                               on_demo_prepared,
                               g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* What the window's parts share (lc-window-private.h) */

static void
on_toast_details (AdwToast *toast,
                  LcWindow *self)
{
  const char *heading = g_object_get_data (G_OBJECT (toast), "heading");
  const char *details = g_object_get_data (G_OBJECT (toast), "details");

  _lc_window_show_error (self, heading, details);
}

/* A toast that says what happened, with a Details button that shows
 * details under heading when there are any. */
void
_lc_window_toast_with_details (LcWindow   *self,
                               const char *text,
                               const char *heading,
                               const char *details)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  if (details != NULL && details[0] != '\0')
    {
      g_object_set_data_full (G_OBJECT (toast), "heading", g_strdup (heading), g_free);
      g_object_set_data_full (G_OBJECT (toast), "details", g_strdup (details), g_free);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_details), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_lc_window_set_chooser_folder (LcWindow       *self,
                               GtkFileChooser *chooser)
{
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");

  if (last_folder[0] != '\0' && g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (chooser, folder, NULL);
    }
}

char *
_lc_window_chosen_store_path (GtkFileChooser *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL && !g_str_has_suffix (path, ".liftcheck"))
    return g_strconcat (path, ".liftcheck", NULL);
  return g_steal_pointer (&path);
}

/* The bar above the store shows an import, a report being written or a
 * sync: its Cancel stops whichever runs. */
static void
on_import_cancel_clicked (LcWindow  *self,
                          GtkButton *button)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->report_cancellable != NULL)
    g_cancellable_cancel (self->report_cancellable);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
}

void
_lc_window_update_export_actions (LcWindow *self)
{
  gboolean idle = self->import_cancellable == NULL && self->report_cancellable == NULL
                  && self->sync_cancellable == NULL;
  gboolean has_figures = self->analysis != NULL && self->analysis->summary->has_orders;
  gboolean connected = self->store != NULL && self->shopify_shop != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", idle && has_figures);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-verdicts", has_figures);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-shopify", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-shopify",
                                 idle && connected && self->keyring_cancellable == NULL);
}

static void
on_cancel_clicked (LcWindow  *self,
                   GtkButton *button)
{
  if (self->import_cancellable != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      return;
    }
  if (self->sync_cancellable != NULL)
    {
      g_cancellable_cancel (self->sync_cancellable);
      return;
    }
  lc_window_cancel_demo (self);
  _lc_window_show_store_page (self);
}

static void
on_store_changed (LcWindow *self)
{
  lc_window_reload (self);
}

LcWizard *
lc_window_run_wizard (LcWindow *self)
{
  LcWizard *wizard;

  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;

  wizard = lc_wizard_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (wizard, "store-changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));
  return wizard;
}

LcPreferencesWindow *
lc_window_show_preferences (LcWindow *self)
{
  LcPreferencesWindow *preferences;

  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;

  preferences = lc_preferences_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (preferences, "store-changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
  return preferences;
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  lc_window_show_preferences (LC_WINDOW (widget));
}

static void
wizard_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  lc_window_run_wizard (LC_WINDOW (widget));
}

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  LcWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GFile) folder = file != NULL ? g_file_get_parent (file) : NULL;
      g_autofree char *folder_path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (folder_path != NULL)
        g_settings_set_string (self->settings, "last-folder", folder_path);

      if (file != NULL)
        lc_window_open_file (self, file);
    }

  g_object_unref (native);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LcWindow *self = LC_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open a Store"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (filter, _("Liftcheck Stores"));
  gtk_file_filter_add_pattern (filter, "*.liftcheck");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  _lc_window_set_chooser_folder (self, GTK_FILE_CHOOSER (native));

  g_signal_connect_object (native, "response", G_CALLBACK (on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LcWindow *self = LC_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  lc_window_open_file (self, file);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LcWindow *self = LC_WINDOW (widget);

  if (self->analysis == NULL || g_strcmp0 (self->store_page, "store") != 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (param, NULL));
}

static gboolean
lc_window_close_request (GtkWindow *window)
{
  LcWindow *self = LC_WINDOW (window);
  int width, height;

  /* The default size tracks the size the window has when not maximized. */
  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (lc_window_parent_class)->close_request (window);
}

static void
lc_window_dispose (GObject *object)
{
  LcWindow *self = LC_WINDOW (object);

  lc_window_cancel_demo (self);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  if (self->report_cancellable != NULL)
    g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);
  if (self->analysis_cancellable != NULL)
    g_cancellable_cancel (self->analysis_cancellable);
  g_clear_object (&self->analysis_cancellable);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  if (self->keyring_cancellable != NULL)
    g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);

  /* The switchers let go of the stack before it goes, or libadwaita 1.2
   * trips over a page it already freed. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->title_widget != NULL)
    adw_view_switcher_title_set_stack (self->title_widget, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_WINDOW);

  g_clear_pointer (&self->analysis, lc_analysis_free);
  g_clear_pointer (&self->report_path, g_free);
  g_clear_pointer (&self->shopify_shop, g_free);
  g_clear_pointer (&self->sync_shop, g_free);
  g_clear_pointer (&self->shopify_endpoint, g_free);
  g_clear_pointer (&self->session_credentials, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lc_window_parent_class)->dispose (object);
}

static void
lc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LcWindow *self = LC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, lc_window_is_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_window_class_init (LcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lc_window_dispose;
  object_class->get_property = lc_window_get_property;

  window_class->close_request = lc_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LC_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LC_TYPE_BUNDLES_PAGE);
  g_type_ensure (LC_TYPE_FEATURES_PAGE);
  g_type_ensure (LC_TYPE_OVERVIEW_PAGE);
  g_type_ensure (LC_TYPE_RETURNS_PAGE);
  g_type_ensure (LC_TYPE_TESTS_PAGE);
  g_type_ensure (LC_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, title_widget);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, preparing_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, import_bar);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, import_cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_cancel_clicked);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, _lc_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.wizard", NULL, wizard_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, _lc_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-verdicts", NULL, _lc_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.connect-shopify", NULL, _lc_window_connect_shopify_action);
  gtk_widget_class_install_action (widget_class, "win.sync-shopify", NULL, _lc_window_sync_shopify_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync-shopify", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "features");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "returns");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "bundles");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-view", "s", "tests");
}

static void
lc_window_init (LcWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Looked up rather than bound: the view stack owns its pages, and
   * libadwaita 1.2 wants them alive until it goes. */
  self->overview_page = LC_OVERVIEW_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "overview"));
  self->features_page = LC_FEATURES_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "features"));
  self->returns_page = LC_RETURNS_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "returns"));
  self->bundles_page = LC_BUNDLES_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "bundles"));
  self->tests_page = LC_TESTS_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "tests"));

  self->store_page = "store";
  self->settings = g_settings_new (SCHEMA_ID);
  self->session_credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) lc_shopify_credentials_free);

  /* A development build says so at a glance: libadwaita stripes the
   * header bar of a window with the "devel" style class. */
  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_signal_connect_object (self->features_page, "store-changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (_lc_window_on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  _lc_window_show_store_page (self);
  _lc_window_update_export_actions (self);
}

LcWindow *
lc_window_new (LcApplication *application)
{
  g_return_val_if_fail (application == NULL || LC_IS_APPLICATION (application), NULL);

  return g_object_new (LC_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

LcStore *
lc_window_get_store (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->store;
}

gboolean
lc_window_is_busy (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);

  return self->analysis_cancellable != NULL || self->demo_cancellable != NULL
         || self->import_cancellable != NULL || self->report_cancellable != NULL
         || self->sync_cancellable != NULL || self->keyring_cancellable != NULL;
}

const LcAnalysis *
lc_window_get_analysis (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->analysis;
}

const char *
lc_window_get_page_name (LcWindow *self)
{
  const char *name;

  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  name = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (name, "store") == 0)
    return adw_view_stack_get_visible_child_name (self->view_stack);
  return name;
}

AdwViewSwitcherTitle *
lc_window_get_title_widget (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->title_widget;
}

LcOverviewPage *
lc_window_get_overview_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->overview_page;
}

LcFeaturesPage *
lc_window_get_features_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->features_page;
}

LcReturnsPage *
lc_window_get_returns_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->returns_page;
}

LcBundlesPage *
lc_window_get_bundles_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->bundles_page;
}

LcTestsPage *
lc_window_get_tests_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->tests_page;
}

GtkProgressBar *
lc_window_get_progress_bar (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->progress_bar;
}

GtkButton *
lc_window_get_cancel_button (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->cancel_button;
}

GtkProgressBar *
lc_window_get_import_progress_bar (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->import_progress;
}

GtkButton *
lc_window_get_import_cancel_button (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->import_cancel_button;
}

const char *
lc_window_get_import_label (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->import_label);
}

AdwToastOverlay *
lc_window_get_toast_overlay (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->toast_overlay;
}

void
lc_window_set_shopify_endpoint (LcWindow   *self,
                                const char *endpoint)
{
  g_return_if_fail (LC_IS_WINDOW (self));

  g_free (self->shopify_endpoint);
  self->shopify_endpoint = g_strdup (endpoint);
}
