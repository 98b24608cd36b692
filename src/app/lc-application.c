/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-application.h"
#include "lc-window.h"

struct _LcApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (LcApplication, lc_application, ADW_TYPE_APPLICATION)

/* The active window if it shows no store yet, so a store opened from the
 * welcome page replaces it; otherwise a new window. */
static LcWindow *
lc_application_get_free_window (LcApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LC_IS_WINDOW (active) && lc_window_get_store (LC_WINDOW (active)) == NULL)
    return LC_WINDOW (active);

  return lc_window_new (self);
}

static void
lc_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (lc_window_new (LC_APPLICATION (application)));

  gtk_window_present (window);
}

static void
lc_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  LcApplication *self = LC_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      LcWindow *window = lc_application_get_free_window (self);

      /* Shown first, so an error dialog has its parent to sit on; the
       * window stays on the welcome page then. */
      gtk_window_present (GTK_WINDOW (window));
      lc_window_open_file (window, files[i]);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LcApplication *self = LC_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing, rather than destroying, lets each window save its size. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  LcApplication *self = LC_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("Liftcheck"),
                        "developer-name", _("The Liftcheck developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Liftcheck tells you which “AI personalization” features really raise what customers spend per order in your online store, and which ones to switch off. It reads your store’s own exports and works offline."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Liftcheck developers"),
                        /* Translators: put your names here, one a line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  LcApplication *self = LC_APPLICATION (user_data);
  LcWindow *window = lc_application_get_free_window (self);

  lc_window_open_demo (window);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "open-demo", open_demo_action },
};

static void
lc_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (lc_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);
}

/* "liftcheck --demo" opens the demo store, in the running instance if
 * there is one. */
static int
lc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "demo"))
    return -1;
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (application), "open-demo", NULL);
  return 0;
}

static void
lc_application_class_init (LcApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = lc_application_handle_local_options;
  app_class->activate = lc_application_activate;
  app_class->open = lc_application_open;
  app_class->startup = lc_application_startup;
}

static void
lc_application_init (LcApplication *self)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the demo store"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

LcApplication *
lc_application_new (void)
{
  return g_object_new (LC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/liftcheck/Liftcheck",
                       NULL);
}
