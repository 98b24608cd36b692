/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-demo-store.h"
#include "lc-format.h"
#include "lc-metrics.h"
#include "lc-overview-page.h"
#include "lc-welcome-page.h"
#include "lc-window-private.h"

/* How many stores recent-stores remembers. */
#define MAX_RECENT_STORES 10

/* What a Shopify "Export orders" download is called; used in the example
 * import command shown for an empty store. */
#define EXAMPLE_EXPORT_NAME "orders_export_1.csv"

struct _LcWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  LcStore              *store;
  /* Non-NULL while the demo store is being prepared. */
  GCancellable         *demo_cancellable;
  /* The page that shows the open store: "overview" or "empty". */
  const char           *store_page;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *title_widget;
  GtkStack             *stack;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  AdwStatusPage        *empty_page;
  GtkLabel             *import_command_label;
  LcOverviewPage       *overview_page;
};

G_DEFINE_FINAL_TYPE (LcWindow, lc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

static void
lc_window_show_error (LcWindow   *self,
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

  lc_window_show_error (self, heading, body);
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

static void
lc_window_show_store_page (LcWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, self->store != NULL ? self->store_page : "welcome");
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
lc_window_set_store (LcWindow        *self,
                     LcStore         *store,
                     const LcSummary *summary)
{
  g_autofree char *name = g_filename_display_basename (lc_store_get_path (store));
  g_autofree char *period = NULL;

  lc_window_cancel_demo (self);
  g_set_object (&self->store, store);

  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_window_title_set_title (self->title_widget, name);

  if (summary->has_orders)
    {
      period = lc_format_day_range (summary->first_day, summary->last_day);
      lc_overview_page_set_summary (self->overview_page, summary);
      self->store_page = "overview";
    }
  else
    {
      g_autofree char *quoted = g_shell_quote (lc_store_get_path (store));
      g_autofree char *command = g_strdup_printf ("liftcheck-cli import %s %s", quoted, EXAMPLE_EXPORT_NAME);
      g_autofree char *description = NULL;

      /* Translators: %s is a store file name. */
      description = g_strdup_printf (_("“%s” has no orders in it yet. Download the “Export orders” file from your Shopify admin, import it into the store from a terminal, then open the store again:"),
                                     name);
      adw_status_page_set_description (self->empty_page, description);
      gtk_label_set_label (self->import_command_label, command);
      self->store_page = "empty";
    }

  adw_window_title_set_subtitle (self->title_widget, period != NULL ? period : "");
  lc_window_show_store_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
lc_window_open_file (LcWindow *self,
                     GFile    *file)
{
  g_autofree char *path = NULL;
  g_autofree char *demo_path = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcSummary) summary = NULL;
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
  if (store != NULL)
    summary = lc_store_compute_summary (store, &error);

  if (summary == NULL)
    {
      g_debug ("Opening %s failed: %s", path, error->message);

      if (g_error_matches (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND))
        lc_window_update_recent (self, path, FALSE);

      lc_window_show_open_error (self, file, error);
      return FALSE;
    }

  lc_window_set_store (self, store, summary);

  /* The demo has its own button on the welcome page. */
  demo_path = lc_demo_store_dup_path ();
  if (g_strcmp0 (path, demo_path) != 0)
    lc_window_update_recent (self, path, TRUE);

  return TRUE;
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
      lc_window_show_store_page (self);
      /* Translators: %s is the reason the system gave, in its own words. */
      body = g_strdup_printf (_("Liftcheck could not make the demo store. The reason given was: %s"),
                              error->message);
      lc_window_show_error (self, _("Can’t Prepare the Demo Store"), body);
      return;
    }

  g_clear_object (&self->demo_cancellable);

  path = lc_demo_store_dup_path ();
  file = g_file_new_for_path (path);
  if (lc_window_open_file (self, file))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The demo store is ready. Its orders are made up.")));
  else
    lc_window_show_store_page (self);
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
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "preparing");

  lc_demo_store_prepare_async (path,
                               on_demo_progress,
                               g_object_ref (self),
                               g_object_unref,
                               self->demo_cancellable,
                               on_demo_prepared,
                               g_object_ref (self));
}

static void
on_cancel_clicked (LcWindow  *self,
                   GtkButton *button)
{
  lc_window_cancel_demo (self);
  lc_window_show_store_page (self);
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
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");
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

  if (last_folder[0] != '\0' && g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

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
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_WINDOW);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LC_TYPE_OVERVIEW_PAGE);
  g_type_ensure (LC_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, title_widget);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, import_command_label);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, overview_page);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
}

static void
lc_window_init (LcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_page = "overview";
  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
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

const char *
lc_window_get_page_name (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

AdwWindowTitle *
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
