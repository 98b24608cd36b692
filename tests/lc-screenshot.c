/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-screenshot"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "lc-features-page-private.h"
#include "lc-mapping-dialog.h"
#include "lc-overview-page-private.h"
#include "lc-pages-private.h"
#include "lc-shopify-dialog-private.h"
#include "lc-window-private.h"

/*
 * Draws one view of the app into a PNG, for data/screenshots/ (see
 * make-screenshots.sh): the window is rendered by GTK itself at its own
 * size, so the picture is exactly what the owner sees, without a window
 * manager's frame.
 *
 *   lc-screenshot [--dark] [--width W] [--height H] [--store FILE]
 *                 [--view overview|features|feature:ID|returns|bundles|tests]
 *                 [--scroll Y] [--mapping CSV] [--connect-dialog [--shop NAME]]
 *                 OUT.png
 *
 * --mapping imports CSV into the store (or a new one beside OUT.png) and
 * draws the column-mapping dialog it opens (--scroll then scrolls the
 * dialog), or the question of its currency. --connect-dialog draws Connect
 * Shopify, with --shop typed in.
 */

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_idle (LcWindow *window)
{
  for (guint i = 0; i < 6000 && (lc_window_is_busy (window) || !gtk_widget_get_mapped (GTK_WIDGET (window))); i++)
    wait_ms (10);
  wait_ms (800);
}

/* The returns, bundles and tests pages work their figures out in worker
 * threads once shown. */
static void
wait_page (LcWindow   *window,
           const char *view)
{
  for (guint i = 0; i < 6000; i++)
    {
      if (g_strcmp0 (view, "returns") == 0 && lc_returns_page_is_ready (lc_window_get_returns_page (window)))
        break;
      if (g_strcmp0 (view, "bundles") == 0 && lc_bundles_page_is_ready (lc_window_get_bundles_page (window)))
        break;
      if (g_strcmp0 (view, "tests") == 0 && lc_tests_page_is_idle (lc_window_get_tests_page (window)))
        break;
      if (g_strcmp0 (view, "returns") != 0 && g_strcmp0 (view, "bundles") != 0 && g_strcmp0 (view, "tests") != 0)
        break;
      wait_ms (10);
    }
}

static GtkScrolledWindow *
find_scrolled_window (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    return GTK_SCROLLED_WINDOW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scrolled_window (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
save_window (GtkWidget  *window,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

int
main (int   argc,
      char *argv[])
{
  gboolean dark = FALSE;
  gboolean saved;
  int width = 1100, height = 760, scroll = 0, wizard_steps = -1;
  gboolean preferences = FALSE;
  gboolean dialog = FALSE;
  gboolean connect_dialog = FALSE;
  g_autofree char *shop = NULL;
  g_autofree char *store = NULL;
  g_autofree char *view = NULL;
  g_autofree char *mapping = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store, "Store to open", "FILE" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view, "overview, features, feature:ID, returns, bundles or tests", "VIEW" },
    { "scroll", 0, 0, G_OPTION_ARG_INT, &scroll, "Scroll the view down by Y pixels", "Y" },
    { "wizard", 0, 0, G_OPTION_ARG_INT, &wizard_steps, "Open the wizard and press Next N times", "N" },
    { "preferences", 0, 0, G_OPTION_ARG_NONE, &preferences, "Show the preferences", NULL },
    { "record-dialog", 0, 0, G_OPTION_ARG_NONE, &dialog, "On a feature's page, open Record a Switch", NULL },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping, "Import a CSV no importer knows and show the mapping dialog", "CSV" },
    { "connect-dialog", 0, 0, G_OPTION_ARG_NONE, &connect_dialog, "Open Connect Shopify", NULL },
    { "shop", 0, 0, G_OPTION_ARG_STRING, &shop, "Type this shop name and an app's client ID and secret into Connect Shopify", "NAME" },
    { NULL }
  };
  g_autoptr(LcApplication) app = NULL;
  LcWindow *window;

  /* The owner's language (LANGUAGE=es …) from the catalogs built in this
   * tree, so a translation can be looked at before it is installed. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LC_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("OUT.png");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("lc-screenshot: %s\n", error != NULL ? error->message : "give one output file");
      return 2;
    }

  /* The real application, registered so its style sheet loads; never
   * handed to another instance. */
  app = lc_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("lc-screenshot: %s\n", error->message);
      return 1;
    }
  /* Animations stay on, as for the owner: with them off, libadwaita 1.2
   * leaves the hidden view-switcher bar's room at the bottom of the
   * window. The waits below outlast every transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = lc_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle (window);

  if (store != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (store);

      if (!lc_window_open_file (window, file))
        return 1;
      wait_idle (window);
    }

  if (view != NULL && g_str_has_prefix (view, "feature:"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "features");
      lc_features_page_show_feature (lc_window_get_features_page (window), view + strlen ("feature:"));
    }
  else if (view != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view);
      wait_page (window, view);
    }
  wait_ms (500);

  if (scroll > 0)
    {
      GtkScrolledWindow *scrolled = find_scrolled_window (GTK_WIDGET (window));

      if (scrolled != NULL)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), scroll);
      wait_ms (500);
    }

  if (dialog)
    {
      LcFeaturePage *page = lc_features_page_get_feature_page (lc_window_get_features_page (window));
      GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), LC_TYPE_FEATURE_PAGE, "record_button"));
      GListModel *toplevels = gtk_window_get_toplevels ();

      g_signal_emit_by_name (button, "clicked");
      wait_ms (1000);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (toplevel))
            return save_window (GTK_WIDGET (toplevel), argv[1]) ? 0 : 1;
        }
      return 1;
    }

  if (connect_dialog)
    {
      LcShopifyDialog *connect = lc_window_connect_shopify (window);

      if (shop != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (lc_shopify_dialog_get_shop_row (connect)), shop);
          gtk_editable_set_text (GTK_EDITABLE (lc_shopify_dialog_get_client_id_row (connect)), "3f8a1c0e9b7d4e2a6c5b1d0f8e7a9c4b");
          gtk_editable_set_text (GTK_EDITABLE (lc_shopify_dialog_get_client_secret_row (connect)), "0123456789abcdef0123456789abcdef");
        }
      wait_ms (1000);
      return save_window (GTK_WIDGET (connect), argv[1]) ? 0 : 1;
    }

  if (mapping != NULL)
    {
      g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
      g_autoptr(GFile) file = g_file_new_for_path (mapping);
      g_autofree char *out_dir = g_path_get_dirname (argv[1]);
      g_autofree char *store_path = g_build_filename (out_dir, "mapping-screenshot.liftcheck", NULL);
      GListModel *toplevels = gtk_window_get_toplevels ();

      g_list_store_append (files, file);
      if (lc_window_get_store (window) != NULL)
        lc_window_import_files (window, G_LIST_MODEL (files));
      else
        {
          const char *paths[] = { mapping, NULL };

          lc_window_import_into (window, paths, store_path);
        }
      wait_ms (1500);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (LC_IS_MAPPING_DIALOG (toplevel))
            {
              GtkScrolledWindow *scrolled = find_scrolled_window (GTK_WIDGET (toplevel));

              if (scroll > 0 && scrolled != NULL)
                {
                  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), scroll);
                  wait_ms (500);
                }
              return save_window (GTK_WIDGET (toplevel), argv[1]) ? 0 : 1;
            }
        }
      /* A file Liftcheck knows may still ask its currency. */
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (toplevel))
            return save_window (GTK_WIDGET (toplevel), argv[1]) ? 0 : 1;
        }
      g_printerr ("lc-screenshot: %s opened no mapping dialog\n", mapping);
      return 1;
    }

  if (preferences)
    {
      LcPreferencesWindow *window_prefs = lc_window_show_preferences (window);

      wait_ms (1000);
      return save_window (GTK_WIDGET (window_prefs), argv[1]) ? 0 : 1;
    }

  if (wizard_steps >= 0)
    {
      LcWizard *wizard = lc_window_run_wizard (window);

      /* Ready means a step on show and no page still being built: a Next
       * pressed while busy is ignored, and the count would be off. */
      for (guint i = 0; i < 3000 && (lc_wizard_get_step (wizard) == NULL || lc_wizard_is_busy (wizard)); i++)
        wait_ms (10);
      for (int i = 0; i < wizard_steps; i++)
        {
          /* Next on the last step closes the wizard: stay on it. */
          if (g_strcmp0 (lc_wizard_get_step (wizard), "result") == 0)
            break;
          gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
          for (guint k = 0; k < 3000 && lc_wizard_is_busy (wizard); k++)
            wait_ms (10);
        }
      wait_ms (800);
      if (!save_window (GTK_WIDGET (wizard), argv[1]))
        return 1;
      return 0;
    }

  /* A frame can be missing right after a page changed; try again. */
  saved = save_window (GTK_WIDGET (window), argv[1]);
  for (guint i = 0; i < 3 && !saved; i++)
    {
      wait_ms (500);
      saved = save_window (GTK_WIDGET (window), argv[1]);
    }
  if (!saved)
    {
      g_printerr ("lc-screenshot: could not write %s\n", argv[1]);
      return 1;
    }
  return 0;
}
