/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "lc-demo.h"
#include "lc-mapping-dialog.h"
#include "lc-overview-page-private.h"
#include "lc-test-gui.h"
#include "lc-test-util.h"
#include "lc-window-private.h"

#define WAIT_MS 30000

static char *store_path;

/* The label under root, visible on screen, that reads text. */
static GtkWidget *
find_shown_label (GtkWidget  *root,
                  const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0 &&
      gtk_widget_is_drawable (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window in German, as the app starts when the session is German:
 * numbers as Germans write them, and the view switcher names the pages
 * from po/de.po. */
static void
test_view_switcher_in_german (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (store_path);
  LcWindow *window = lc_window_new (NULL);
  LcOverviewPage *overview;
  const char *aov;
  const char *orders;
  GtkWidget *title;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, window, WAIT_MS));
  g_assert_true (lc_window_open_file (window, file));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();

  /* "73,47 $" and "3.650": decimal comma, dots between thousands. */
  overview = lc_window_get_overview_page (window);
  aov = lc_headline_card_get_value (lc_overview_page_get_card (overview, "aov_card"));
  orders = lc_headline_card_get_value (lc_overview_page_get_card (overview, "orders_card"));
  if (!g_regex_match_simple ("^[0-9]{1,3}(\\.[0-9]{3})*,[0-9]{2} \\$$", aov, 0, 0))
    g_error ("The average order value “%s” is not written the German way", aov);
  if (!g_regex_match_simple ("^[0-9]{1,3}(\\.[0-9]{3})+$", orders, 0, 0))
    g_error ("The order count “%s” is not grouped the German way", orders);

  title = GTK_WIDGET (lc_window_get_title_widget (window));
  if (find_shown_label (title, "Übersicht") == NULL)
    g_error ("The view switcher does not show “Übersicht” (is po/de.po built?)");
  g_assert_null (find_shown_label (title, "Overview"));

  lc_test_close_window (window);
}

/* The column-mapping dialog's preview writes money, counts and days the
 * German way, as the rest of the window does. */
static void
test_mapping_preview_in_german (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, "bestellungen.csv",
                                              "Bestellnummer;Datum;Menge;Einzelpreis\n"
                                              "1001;04.03.2024 10:15;1200;1.234,50\n"
                                              "1002;05.03.2024;2;12,50\n",
                                              -1);
  LcCsvSample *sample = lc_csv_sample_read (path, 10, NULL, &error);
  LcMappingDialog *dialog;

  g_assert_no_error (error);
  dialog = lc_mapping_dialog_new (NULL, sample, "EUR");
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, dialog, WAIT_MS));

  g_assert_cmpuint (lc_mapping_dialog_get_n_preview_rows (dialog), ==, 2);
  g_assert_cmpstr (lc_mapping_dialog_get_preview_text (dialog, 0, LC_MAPPING_FIELD_UNIT_PRICE, NULL),
                   ==, "1.234,50 €");
  g_assert_cmpstr (lc_mapping_dialog_get_preview_text (dialog, 1, LC_MAPPING_FIELD_UNIT_PRICE, NULL),
                   ==, "12,50 €");
  g_assert_cmpstr (lc_mapping_dialog_get_preview_text (dialog, 0, LC_MAPPING_FIELD_QUANTITY, NULL),
                   ==, "1.200");
  /* po/de.po writes a day "%-d. %b %Y". */
  g_assert_cmpstr (lc_mapping_dialog_get_preview_text (dialog, 1, LC_MAPPING_FIELD_DATE, NULL),
                   ==, "5. Mär 2024");
  if (!g_str_has_prefix (lc_mapping_dialog_get_preview_text (dialog, 0, LC_MAPPING_FIELD_DATE, NULL),
                         "4. Mär 2024") ||
      strstr (lc_mapping_dialog_get_preview_text (dialog, 0, LC_MAPPING_FIELD_DATE, NULL), "10:15") == NULL)
    g_error ("The day and time “%s” are not written the German way",
             lc_mapping_dialog_get_preview_text (dialog, 0, LC_MAPPING_FIELD_DATE, NULL));

  gtk_window_destroy (GTK_WINDOW (dialog));
  lc_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *localedir = NULL;
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;

  /* A German session: LANGUAGE picks the catalogue, LANG the formats. Set
   * before GTK reads the locale. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The de_DE.UTF-8 locale is not installed; .ci/install-deps makes it");
  /* The catalogues built in the build tree, as main() binds the installed
   * ones. */
  localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  dir = lc_test_make_tmpdir ();
  store_path = g_build_filename (dir, "laden.liftcheck", NULL);
  lc_demo_options_init (&options);
  options.orders_per_day = 10;
  options.years = 1;
  if (!lc_demo_create_store (&options, store_path, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("Could not create the demo store: %s", error->message);

  g_test_add_func ("/lc/translations/view-switcher-in-german", test_view_switcher_in_german);
  g_test_add_func ("/lc/translations/mapping-preview-in-german", test_mapping_preview_in_german);

  return g_test_run ();
}
