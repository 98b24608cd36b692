/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-welcome-page"

#include "config.h"

#include <string.h>

#include "lc-welcome-page.h"

/* The welcome page never lists more than this many recent stores. */
#define MAX_RECENT_ROWS 5

struct _LcWelcomePage
{
  AdwBin               parent_instance;

  GSettings           *settings;
  GPtrArray           *recent_rows;

  AdwStatusPage       *status_page;
  AdwPreferencesGroup *recent_group;
};

G_DEFINE_FINAL_TYPE (LcWelcomePage, lc_welcome_page, ADW_TYPE_BIN)

/* "~/Documents/Clients" rather than "/home/ana/Documents/Clients". */
static char *
display_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (folder);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 && g_str_has_prefix (display, home) &&
      (display[home_len] == '\0' || display[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", display + home_len, NULL);

  return g_steal_pointer (&display);
}

static GtkWidget *
create_recent_row (const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *folder = display_folder (path);
  GtkWidget *row;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (path));

  return row;
}

static void
lc_welcome_page_update_recent (LcWelcomePage *self)
{
  g_auto(GStrv) paths = NULL;
  guint shown = 0;

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  paths = g_settings_get_strv (self->settings, "recent-stores");
  for (guint i = 0; paths[i] != NULL && shown < MAX_RECENT_ROWS; i++)
    {
      GtkWidget *row;

      /* A store moved or deleted since is not worth a row that can only fail. */
      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;

      row = create_recent_row (paths[i]);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), shown > 0);
}

static void
on_recent_stores_changed (LcWelcomePage *self,
                          const char    *key,
                          GSettings     *settings)
{
  lc_welcome_page_update_recent (self);
}

static void
lc_welcome_page_dispose (GObject *object)
{
  LcWelcomePage *self = LC_WELCOME_PAGE (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lc_welcome_page_parent_class)->dispose (object);
}

static void
lc_welcome_page_finalize (GObject *object)
{
  LcWelcomePage *self = LC_WELCOME_PAGE (object);

  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_welcome_page_parent_class)->finalize (object);
}

static void
lc_welcome_page_class_init (LcWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_welcome_page_dispose;
  object_class->finalize = lc_welcome_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, LcWelcomePage, recent_group);
}

static void
lc_welcome_page_init (LcWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->status_page, APP_ID);

  self->recent_rows = g_ptr_array_new ();
  self->settings = g_settings_new (SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::recent-stores",
                           G_CALLBACK (on_recent_stores_changed), self,
                           G_CONNECT_SWAPPED);
  lc_welcome_page_update_recent (self);
}

GtkWidget *
lc_welcome_page_new (void)
{
  return g_object_new (LC_TYPE_WELCOME_PAGE, NULL);
}
