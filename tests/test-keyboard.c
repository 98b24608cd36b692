/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <adwaita.h>

#include "lc-chart-view.h"
#include "lc-demo.h"
#include "lc-features-page-private.h"
#include "lc-test-gui.h"
#include "lc-test-util.h"
#include "lc-window-private.h"

#define WAIT_MS 30000
/* More stops than any page has: Tab that has not come round by then is
 * stuck. */
#define MAX_STOPS 400

static char *store_path;

/* What a screen reader says a widget is called: its label property, the
 * widget that labels it, or, for buttons and rows, the text they show. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && has_accessible_name (child))
      return TRUE;

  return FALSE;
}

/* The widget to name for the focus widget: text fields take their name
 * from the entry or spin button around their text. */
static GtkWidget *
named_widget_for (GtkWidget *focus)
{
  GtkWidget *editable;

  if (!GTK_IS_TEXT (focus))
    return focus;
  editable = gtk_widget_get_ancestor (gtk_widget_get_parent (focus), GTK_TYPE_EDITABLE);
  return editable != NULL ? editable : focus;
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && !GTK_IS_WINDOW (w); w = gtk_widget_get_parent (w))
    g_string_prepend (g_string_prepend (path, " > "), G_OBJECT_TYPE_NAME (w));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (path, " (icon %s)", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (path, " (“%s”)", gtk_button_get_label (GTK_BUTTON (widget)));
  return g_string_free (path, FALSE);
}

static void
collect_charts (GtkWidget *root,
                GPtrArray *charts)
{
  if (LC_IS_CHART_VIEW (root) && gtk_widget_is_drawable (root))
    g_ptr_array_add (charts, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_charts (child, charts);
}

/* Tabs through the window until the focus comes back to where it started,
 * checking that each stop has a name; returns the widgets reached. */
static GPtrArray *
tab_round (GtkWindow *window)
{
  GPtrArray *reached = g_ptr_array_new ();
  GtkWidget *first = NULL;

  for (guint stop = 0; stop < MAX_STOPS; stop++)
    {
      GtkWidget *focus;
      GtkWidget *named;

      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      if (focus == first)
        return reached;
      if (first == NULL)
        first = focus;
      if (g_ptr_array_find (reached, focus, NULL))
        {
          g_autofree char *where = describe (focus);

          g_error ("Tab went round without coming back to the start, at %s", where);
        }

      g_assert_true (gtk_widget_is_drawable (focus));
      named = named_widget_for (focus);
      if (!has_accessible_name (named))
        {
          g_autofree char *where = describe (named);

          g_error ("Tab reaches a control a screen reader cannot name: %s", where);
        }
      if (g_test_verbose ())
        {
          g_autofree char *where = describe (focus);

          g_test_message ("stop %u: %s", stop, where);
        }
      g_ptr_array_add (reached, focus);
    }

  g_error ("Tab did not come back to the start after %d stops", MAX_STOPS);
  return NULL;
}

/* Every control the keyboard can reach under root has a name; returns how
 * many there are. */
static guint
check_names_in_tree (GtkWidget *root)
{
  guint controls = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  if (gtk_widget_get_focusable (root) && gtk_widget_is_sensitive (root))
    {
      GtkWidget *named = named_widget_for (root);

      if (!has_accessible_name (named))
        {
          g_autofree char *where = describe (named);

          g_error ("A control a screen reader cannot name: %s", where);
        }
      controls++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    controls += check_names_in_tree (child);
  return controls;
}

static void
collect_preferences_pages (GtkWidget *root,
                           GPtrArray *pages)
{
  /* The pages the window was given, not its search results. */
  if (ADW_IS_PREFERENCES_PAGE (root) && ADW_IS_VIEW_STACK (gtk_widget_get_parent (root)))
    g_ptr_array_add (pages, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_preferences_pages (child, pages);
}

static gboolean
reached_inside (GPtrArray *reached,
                GtkWidget *ancestor)
{
  for (guint i = 0; i < reached->len; i++)
    if (gtk_widget_is_ancestor (reached->pdata[i], ancestor) || reached->pdata[i] == ancestor)
      return TRUE;
  return FALSE;
}

/* The owner works the whole window with the keyboard: on every page Tab
 * reaches the view switcher and every chart, names everything it stops
 * at, and comes round again. */
static void
test_tab_reaches_every_control_with_a_name (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (store_path);
  static const char * const pages[] = { "overview", "features", "returns", "bundles", "tests" };
  LcWindow *window = lc_window_new (NULL);
  AdwViewSwitcherTitle *title;
  AdwViewStack *stack;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, window, WAIT_MS));
  g_assert_true (lc_window_open_file (window, file));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));
  lc_test_settle ();

  title = lc_window_get_title_widget (window);
  stack = adw_view_switcher_title_get_stack (title);
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autoptr(GPtrArray) charts = g_ptr_array_new ();
      g_autoptr(GPtrArray) reached = NULL;
      GtkWidget *page;

      adw_view_stack_set_visible_child_name (stack, pages[p]);
      lc_test_settle ();
      page = adw_view_stack_get_visible_child (stack);
      g_test_message ("page %s", pages[p]);

      reached = tab_round (GTK_WINDOW (window));
      if (!reached_inside (reached, GTK_WIDGET (title)))
        g_error ("Tab never reaches the view switcher on the %s page", pages[p]);

      collect_charts (page, charts);
      if (g_str_equal (pages[p], "overview"))
        g_assert_cmpuint (charts->len, >, 0);
      for (guint c = 0; c < charts->len; c++)
        if (!reached_inside (reached, charts->pdata[c]))
          g_error ("Tab never reaches the chart “%s” on the %s page",
                   lc_chart_view_get_title (charts->pdata[c]), pages[p]);
    }

  /* A feature's own page, with its before-and-after chart. */
  {
    LcFeaturesPage *features = lc_window_get_features_page (window);
    g_autoptr(GPtrArray) reached = NULL;
    GtkWidget *chart;

    adw_view_stack_set_visible_child_name (stack, "features");
    lc_features_page_show_feature (features, "category-recs");
    lc_test_settle ();
    g_assert_cmpstr (lc_features_page_get_visible (features), ==, "detail");
    reached = tab_round (GTK_WINDOW (window));
    chart = GTK_WIDGET (lc_feature_page_get_chart (lc_features_page_get_feature_page (features)));
    g_assert_true (gtk_widget_is_drawable (chart));
    if (!reached_inside (reached, chart))
      g_error ("Tab never reaches the chart of a feature");
  }

  lc_test_close_window (window);
}

static gboolean
wizard_is_idle (gpointer data)
{
  return !lc_wizard_is_busy (LC_WIZARD (data));
}

/* The preferences and the store-size wizard name their controls too. */
static void
test_dialogs_name_every_control (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (store_path);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  LcWindow *window = lc_window_new (NULL);
  GtkWidget *dialog;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, window, WAIT_MS));
  g_assert_true (lc_window_open_file (window, file));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS * 4));

  dialog = GTK_WIDGET (lc_window_show_preferences (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, dialog, WAIT_MS));
  lc_test_settle ();
  collect_preferences_pages (dialog, pages);
  g_assert_cmpuint (pages->len, >, 1);
  for (guint i = 0; i < pages->len; i++)
    {
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (dialog), pages->pdata[i]);
      lc_test_settle ();
      g_assert_cmpuint (check_names_in_tree (dialog), >, 2);
    }
  lc_test_close_window (dialog);

  /* Every step of the wizard, as far as Next goes without answers. */
  dialog = GTK_WIDGET (lc_window_run_wizard (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, dialog, WAIT_MS));
  g_assert_true (lc_test_iterate_until (wizard_is_idle, dialog, WAIT_MS * 4));
  lc_test_settle ();
  for (guint steps = 0;; steps++)
    {
      g_autofree char *step = g_strdup (lc_wizard_get_step (LC_WIZARD (dialog)));

      g_test_message ("wizard step %s", step);
      g_assert_cmpuint (check_names_in_tree (dialog), >, 1);
      g_assert_cmpuint (steps, <, 20);
      if (g_strcmp0 (step, "result") == 0)
        break;
      gtk_widget_activate_action (dialog, "wizard.next", NULL);
      g_assert_true (lc_test_iterate_until (wizard_is_idle, dialog, WAIT_MS * 4));
      lc_test_settle ();
      if (g_strcmp0 (step, lc_wizard_get_step (LC_WIZARD (dialog))) == 0)
        break;
    }
  lc_test_close_window (dialog);

  lc_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;

  /* GTK's test accessibility backend keeps what a screen reader would be
   * told, for gtk_test_accessible_has_property(). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  dir = lc_test_make_tmpdir ();
  store_path = g_build_filename (dir, "small.liftcheck", NULL);
  lc_demo_options_init (&options);
  options.orders_per_day = 10;
  options.years = 1;
  if (!lc_demo_create_store (&options, store_path, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("Could not create the demo store: %s", error->message);

  g_test_add_func ("/lc/keyboard/tab-reaches-every-control-with-a-name", test_tab_reaches_every_control_with_a_name);
  g_test_add_func ("/lc/keyboard/dialogs-name-every-control", test_dialogs_name_every_control);

  return g_test_run ();
}
