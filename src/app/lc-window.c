/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lc-advice-csv.h"
#include "lc-analysis.h"
#include "lc-currency-row.h"
#include "lc-bundles-page.h"
#include "lc-demo-store.h"
#include "lc-display.h"
#include "lc-features-page.h"
#include "lc-format.h"
#include "lc-import.h"
#include "lc-mapping-dialog.h"
#include "lc-metrics.h"
#include "lc-overview-page.h"
#include "lc-preferences-window.h"
#include "lc-report.h"
#include "lc-returns-page.h"
#include "lc-shopify-dialog.h"
#include "lc-shopify-sync.h"
#include "lc-shopify-credentials.h"
#include "lc-tests-page.h"
#include "lc-welcome-page.h"
#include "lc-wizard.h"
#include "lc-window-private.h"

/* How many stores recent-stores remembers. */
#define MAX_RECENT_STORES 10

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

/* A Shopify sync under way, or about to be: the shop, what gives access
 * to it, and the store it goes into. */
typedef struct
{
  LcWindow             *window;
  char                 *store_path;
  char                 *shop;
  LcShopifyCredentials *credentials;
  /* The access token this sync uses: the credentials' token, or one
   * Shopify gave for the client ID and secret. */
  char                 *token;
  /* The store file did not exist before: a failed sync removes it. */
  gboolean              new_store;
  /* Typed in the dialog: kept in the keyring once Shopify accepted them. */
  gboolean              credentials_are_new;
} SyncJob;

struct _LcWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  LcStore              *store;
  LcAnalysis           *analysis;
  /* Non-NULL while the store is being read, the demo store prepared, or
   * files imported. */
  GCancellable         *analysis_cancellable;
  GCancellable         *demo_cancellable;
  GCancellable         *import_cancellable;
  GCancellable         *report_cancellable;
  GCancellable         *sync_cancellable;
  char                 *sync_shop;        /* the shop being synced */
  /* Non-NULL while the keyring is asked for a token or keeps one. */
  GCancellable         *keyring_cancellable;
  char                 *report_path;      /* the report being written */
  /* The shop the open store syncs with, or NULL. */
  char                 *shopify_shop;
  /* Credentials the keyring could not keep, by shop, for as long as the
   * window lives. */
  GHashTable           *session_credentials;
  /* Where the Admin API is; NULL: Shopify itself (the tests set it). */
  char                 *shopify_endpoint;
  /* The page that shows the open store: "store" or "empty". */
  const char           *store_page;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *title_widget;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  GtkStack             *stack;
  AdwStatusPage        *preparing_page;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *empty_page;
  GtkRevealer          *import_bar;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  GtkButton            *import_cancel_button;
  LcOverviewPage       *overview_page;
  LcFeaturesPage       *features_page;
  LcReturnsPage        *returns_page;
  LcBundlesPage        *bundles_page;
  LcTestsPage          *tests_page;
};

G_DEFINE_FINAL_TYPE (LcWindow, lc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void lc_window_update_export_actions (LcWindow *self);
static void lc_window_update_shopify        (LcWindow *self);

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
          description = g_strdup_printf (ngettext ("“%s” has no complete orders yet: %s order waits for its other half, its items or its date and prices. Import the file that has them, such as Olist’s order items or orders file, and it counts.",
                                                   "“%s” has no complete orders yet: %s orders wait for their other half, their items or their dates and prices. Import the file that has them, such as Olist’s order items or orders file, and they count.",
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
  lc_window_update_shopify (self);
  lc_window_update_export_actions (self);
  lc_window_show_store_page (self);
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
      lc_window_show_error (self, _("Can’t Read the Store"), body);
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

  lc_window_update_shopify (self);
  lc_window_reload (self);
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

static void
lc_window_show_preparing (LcWindow   *self,
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
  lc_window_show_preparing (self, _("Preparing the Demo Store…"),
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

/* Importing */

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

static void
remove_store_files (const char *store_path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_path, suffixes[i], NULL);

      g_remove (path);
    }
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

      /* Translators: the first %s is a count of orders imported, the
       * second of orders still waiting for the file with their other half. */
      return g_strdup_printf (ngettext ("Imported %s orders; %s more waits for its other half.",
                                        "Imported %s orders; %s more wait for their other half.",
                                        (gulong) result->pending_orders),
                              done_text, pending_text);
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
on_toast_details (AdwToast *toast,
                  LcWindow *self)
{
  const char *heading = g_object_get_data (G_OBJECT (toast), "heading");
  const char *details = g_object_get_data (G_OBJECT (toast), "details");

  lc_window_show_error (self, heading, details);
}

/* A toast that says what happened, with a Details button that shows
 * details under heading when there are any. */
static void
lc_window_toast_with_details (LcWindow   *self,
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

  lc_window_toast_with_details (self, text, _("Notes From the Import"), details->str);
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
  lc_window_update_export_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
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
    remove_store_files (job->store_path);
  lc_window_show_store_page (self);
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
        remove_store_files (job->store_path);

      lc_window_show_store_page (self);

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
          lc_window_show_error (self, heading, body);
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
    lc_window_show_preparing (self, label,
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
  lc_window_update_export_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

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
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL && !g_str_has_suffix (path, ".liftcheck"))
        {
          char *with_suffix = g_strconcat (path, ".liftcheck", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (path != NULL)
        lc_window_import_into (self, (const char * const *) paths, path);
    }

  g_object_unref (native);
}

static void
set_chooser_folder (LcWindow       *self,
                    GtkFileChooser *chooser)
{
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");

  if (last_folder[0] != '\0' && g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (chooser, folder, NULL);
    }
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
      lc_window_show_error (self, _("Can’t Import These Files"),
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
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));
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

static void
import_action (GtkWidget  *widget,
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
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));

  g_signal_connect_object (native, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

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

/* Shopify */

static void
sync_job_free (SyncJob *job)
{
  g_object_unref (job->window);
  g_free (job->store_path);
  g_free (job->shop);
  g_clear_pointer (&job->credentials, lc_shopify_credentials_free);
  if (job->token != NULL)
    memset (job->token, 0, strlen (job->token));
  g_free (job->token);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncJob, sync_job_free)

static SyncJob *
sync_job_new (LcWindow                   *self,
              const char                 *shop,
              const LcShopifyCredentials *credentials,
              gboolean                    credentials_are_new)
{
  SyncJob *job = g_new0 (SyncJob, 1);

  job->window = g_object_ref (self);
  job->shop = g_strdup (shop);
  job->credentials = credentials != NULL ? lc_shopify_credentials_copy (credentials) : NULL;
  job->credentials_are_new = credentials_are_new;
  return job;
}

/* Reads the open store's Shopify connection into the window and the
 * overview. */
static void
lc_window_update_shopify (LcWindow *self)
{
  g_autofree char *shop = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last_sync_utc = -1;

  if (self->store != NULL &&
      !lc_store_get_shopify_connection (self->store, &shop, &last_sync_utc, &error) &&
      error != NULL)
    g_warning ("Reading the store’s Shopify connection failed: %s", error->message);

  g_free (self->shopify_shop);
  self->shopify_shop = g_steal_pointer (&shop);
  lc_overview_page_set_shopify (self->overview_page, self->shopify_shop, last_sync_utc);
  lc_window_update_export_actions (self);
}

static char *
sync_summary_text (const LcShopifySyncResult *result)
{
  gint64 added = result->orders_added;
  gint64 updated = result->orders_updated;
  g_autofree char *added_text = lc_display_count (added);
  g_autofree char *updated_text = lc_display_count (updated);

  if (added == 0 && updated == 0)
    return g_strdup (_("Synced: no new or changed orders."));

  if (updated == 0)
    /* Translators: %s is a count of orders. */
    return g_strdup_printf (ngettext ("Synced %s new order.", "Synced %s new orders.", (gulong) added),
                            added_text);

  if (added == 0)
    /* Translators: %s is a count of orders already in the store. */
    return g_strdup_printf (ngettext ("Synced %s updated order; no new ones.", "Synced %s updated orders; no new ones.",
                                      (gulong) updated),
                            updated_text);

  /* Translators: the first %s is a count of new orders, the second of
   * orders already in the store that changed in Shopify. */
  return g_strdup_printf (ngettext ("Synced %s new and %s updated orders.", "Synced %s new and %s updated orders.",
                                    (gulong) added),
                          added_text, updated_text);
}

static void
lc_window_show_sync_result (LcWindow                  *self,
                            const LcShopifySyncResult *result)
{
  g_autofree char *text = sync_summary_text (result);
  g_autoptr(GString) details = g_string_new (NULL);

  for (guint i = 0; result->warnings != NULL && i < result->warnings->len; i++)
    {
      if (details->len > 0)
        g_string_append (details, "\n\n");
      g_string_append (details, g_ptr_array_index (result->warnings, i));
    }

  lc_window_toast_with_details (self, text, _("Notes From the Sync"), details->str);
}

static void             lc_window_run_sync    (LcWindow     *self,
                                               SyncJob      *job);
static void             on_sync_done          (GObject      *source_object,
                                               GAsyncResult *result,
                                               gpointer      user_data);
static LcShopifyDialog *lc_window_ask_shopify (LcWindow     *self,
                                               const char   *shop,
                                               const char   *store_path);

static void
on_credentials_kept (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SyncJob) job = user_data;
  LcWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  gboolean kept = lc_shopify_credentials_store_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->keyring_cancellable);
  if (!kept)
    {
      g_debug ("Keeping the credentials in the keyring failed: %s", error->message);
      /* The owner synced once; the next Sync Now in this window should
       * not ask again. */
      g_hash_table_replace (self->session_credentials, g_strdup (job->shop), g_steal_pointer (&job->credentials));
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("No password keyring could keep what gives access to the shop: Liftcheck keeps it until you close the window.")));
    }
  else
    g_hash_table_remove (self->session_credentials, job->shop);

  lc_window_update_export_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
lc_window_end_sync (LcWindow *self)
{
  g_clear_object (&self->sync_cancellable);
  g_clear_pointer (&self->sync_shop, g_free);
  gtk_revealer_set_reveal_child (self->import_bar, FALSE);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  lc_window_update_export_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_sync_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        LcWindow         *self)
{
  LcShopifyDialog *connect;

  if (g_strcmp0 (response, "token") != 0)
    return;

  connect = lc_window_ask_shopify (self,
                                   g_object_get_data (G_OBJECT (dialog), "shop"),
                                   g_object_get_data (G_OBJECT (dialog), "store-path"));
  lc_shopify_dialog_set_uses_token (connect, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "uses-token")));
}

static void
lc_window_show_sync_error (LcWindow      *self,
                           const SyncJob *job,
                           const GError  *error)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *retry_label = NULL;
  GtkWidget *dialog;

  if (g_error_matches (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED) &&
      job->credentials->client_id != NULL)
    {
      heading = g_strdup (_("Shopify Refused the App’s Client ID or Secret"));
      body = g_strdup (error->message);
      retry_label = _("Enter _Them Again…");
    }
  else if (g_error_matches (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_UNAUTHORIZED))
    {
      heading = g_strdup (_("Shopify Refused the Token"));
      /* Translators: %s is a shop's address, such as my-store.myshopify.com. */
      body = g_strdup_printf (_("%s did not accept the access token: it may be mistyped, or the app it belongs to was uninstalled. Copy the Admin API access token again from the app in your Shopify admin (Settings, Apps and sales channels, Develop apps), or make a new app.\n\nNothing was synced: the store is as it was."),
                              job->shop);
      retry_label = _("Enter a _New Token…");
    }
  else if (g_error_matches (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_FORBIDDEN))
    {
      /* The core says which: a permission missing, or a shop frozen. */
      heading = g_strdup (_("Shopify Denied Access"));
      body = g_strdup (error->message);
      retry_label = _("Enter a _New Token…");
    }
  else if (g_error_matches (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP))
    {
      heading = g_strdup (_("Can’t Find the Shop"));
      body = g_strdup (error->message);
      retry_label = _("Check the Shop _Name…");
    }
  else
    {
      /* The core's messages say what happened and what to do, and that
       * the store is as it was. */
      if (g_error_matches (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK))
        heading = g_strdup (_("Can’t Reach Shopify"));
      else if (g_error_matches (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_THROTTLED))
        heading = g_strdup (_("Shopify Is Busy"));
      else
        heading = g_strdup (_("Can’t Sync With Shopify"));
      body = g_strdup (error->message);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  if (retry_label != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "token", retry_label);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "token", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "token");
      g_object_set_data_full (G_OBJECT (dialog), "shop", g_strdup (job->shop), g_free);
      g_object_set_data (G_OBJECT (dialog), "uses-token", GINT_TO_POINTER (job->credentials->client_id == NULL));
      /* A store made for this sync is gone; the next try makes it again. */
      if (job->new_store)
        g_object_set_data_full (G_OBJECT (dialog), "store-path", g_strdup (job->store_path), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_sync_error_response), self, 0);
    }
  else
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sync_progress (gint64   orders_so_far,
                  double   fraction,
                  gpointer user_data)
{
  LcWindow *self = LC_WINDOW (user_data);
  g_autofree char *count = lc_display_count (orders_so_far);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  if (self->sync_shop == NULL)
    return;

  /* Translators: %s is a count of orders read from Shopify so far. */
  text = g_strdup_printf (ngettext ("%s order so far", "%s orders so far", (gulong) orders_so_far), count);
  gtk_progress_bar_set_text (self->progress_bar, text);
  /* Translators: the first %s is a shop's address, the second a count of
   * orders read so far. */
  label = g_strdup_printf (ngettext ("Syncing with %s: %s order so far", "Syncing with %s: %s orders so far",
                                     (gulong) orders_so_far),
                           self->sync_shop, count);
  gtk_label_set_label (self->import_label, label);
  if (fraction >= 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      gtk_progress_bar_set_fraction (self->import_progress, fraction);
    }
  else
    {
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_pulse (self->import_progress);
    }
}

/* The sync of job ended without syncing: the store is as it was, and the
 * owner hears why. */
static void
lc_window_sync_failed (LcWindow      *self,
                       const SyncJob *job,
                       const GError  *error)
{
  lc_window_end_sync (self);
  if (job->new_store)
    remove_store_files (job->store_path);
  lc_window_show_store_page (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Sync cancelled. The store is as it was.")));
  else
    lc_window_show_sync_error (self, job, error);
}

static void
on_sync_done (GObject      *source_object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  g_autoptr(SyncJob) job = user_data;
  LcWindow *self = job->window;
  g_autoptr(LcShopifySyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  result = lc_shopify_sync_finish (async_result, &error);

  /* A window closed meanwhile has let go of the sync already. */
  if (self->sync_cancellable == NULL)
    {
      if (result == NULL && job->new_store)
        remove_store_files (job->store_path);
      return;
    }

  if (result == NULL)
    {
      lc_window_sync_failed (self, job, error);
      return;
    }

  lc_window_end_sync (self);
  lc_window_show_sync_result (self, result);

  if (job->credentials_are_new)
    {
      SyncJob *keep = sync_job_new (self, job->shop, job->credentials, FALSE);

      if (self->keyring_cancellable != NULL)
        g_cancellable_cancel (self->keyring_cancellable);
      g_clear_object (&self->keyring_cancellable);
      self->keyring_cancellable = g_cancellable_new ();
      lc_shopify_credentials_store_async (job->shop, job->credentials, self->keyring_cancellable,
                                          on_credentials_kept, keep);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  if (self->store != NULL && g_strcmp0 (lc_store_get_path (self->store), job->store_path) == 0)
    {
      lc_window_update_shopify (self);
      lc_window_reload (self);
      return;
    }

  file = g_file_new_for_path (job->store_path);
  /* A new store starts with the questions its numbers cannot answer. */
  if (lc_window_open_file (self, file) && job->new_store)
    lc_window_run_wizard (self);
}

/* Reads the orders with job->token, the window showing the sync under
 * way already. */
static void
lc_window_start_sync (LcWindow *self,
                      SyncJob  *job)
{
  LcShopifySyncOptions options = { 0 };

  options.shop = job->shop;
  options.token = job->token;
  options.endpoint = self->shopify_endpoint;
  options.since_utc = -1;
  lc_shopify_sync_async (job->store_path, &options,
                         on_sync_progress, self,
                         self->sync_cancellable,
                         on_sync_done, job);
}

static void
on_access_token (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyncJob *job = user_data;
  LcWindow *self = job->window;
  g_autoptr(GError) error = NULL;

  job->token = lc_shopify_request_access_token_finish (result, &error);

  /* A window closed meanwhile has let go of the sync already. */
  if (self->sync_cancellable == NULL)
    {
      if (job->new_store)
        remove_store_files (job->store_path);
      sync_job_free (job);
      return;
    }

  if (job->token == NULL)
    {
      lc_window_sync_failed (self, job, error);
      sync_job_free (job);
      return;
    }

  lc_window_start_sync (self, job);
}

/* Runs the sync of job (taken) into job->store_path. */
static void
lc_window_run_sync (LcWindow *self,
                    SyncJob  *job)
{
  g_autofree char *label = NULL;

  if (self->sync_cancellable != NULL || self->import_cancellable != NULL)
    {
      sync_job_free (job);
      return;
    }

  job->new_store = !g_file_test (job->store_path, G_FILE_TEST_EXISTS);
  if (job->new_store)
    {
      g_autoptr(LcStore) created = NULL;
      g_autoptr(GError) error = NULL;

      created = lc_store_open (job->store_path, LC_STORE_OPEN_CREATE, &error);
      if (created == NULL)
        {
          g_autofree char *name = g_filename_display_basename (job->store_path);
          g_autofree char *heading = NULL;
          g_autofree char *body = NULL;

          /* Translators: %s is a file name. */
          heading = g_strdup_printf (_("Can’t Make “%s”"), name);
          /* Translators: %s is the reason the system gave, in its own words. */
          body = g_strdup_printf (_("Liftcheck could not make the store file. Choose another folder. The reason given was: %s"),
                                  error->message);
          lc_window_show_error (self, heading, body);
          sync_job_free (job);
          return;
        }
    }

  self->sync_cancellable = g_cancellable_new ();
  self->sync_shop = g_strdup (job->shop);
  lc_window_update_export_actions (self);

  /* Translators: %s is a shop's address, such as my-store.myshopify.com. */
  label = g_strdup_printf (_("Syncing with %s…"), job->shop);
  if (self->store != NULL && g_strcmp0 (lc_store_get_path (self->store), job->store_path) == 0)
    {
      gtk_label_set_label (self->import_label, label);
      gtk_progress_bar_set_fraction (self->import_progress, 0.0);
      gtk_revealer_set_reveal_child (self->import_bar, TRUE);
    }
  else
    {
      g_autofree char *description = NULL;

      /* Translators: %s is a shop's address, such as my-store.myshopify.com. */
      description = g_strdup_printf (_("Liftcheck reads every order of %s and keeps them in the store file. A large shop takes a while the first time; later syncs read only what changed."),
                                     job->shop);
      lc_window_show_preparing (self, _("Reading Your Orders From Shopify…"), description);
      gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
      gtk_progress_bar_set_text (self->progress_bar, "");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* A Dev Dashboard app's client ID and secret first buy a token. */
  if (job->credentials->client_id != NULL)
    {
      lc_shopify_request_access_token_async (job->shop, job->credentials->client_id, job->credentials->secret,
                                             self->shopify_endpoint, self->sync_cancellable,
                                             on_access_token, job);
      return;
    }

  job->token = g_strdup (job->credentials->secret);
  lc_window_start_sync (self, job);
}

static void
on_new_shopify_store_response (GtkNativeDialog *native,
                               int              response,
                               LcWindow        *self)
{
  SyncJob *job = g_object_steal_data (G_OBJECT (native), "job");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL && !g_str_has_suffix (path, ".liftcheck"))
        {
          char *with_suffix = g_strconcat (path, ".liftcheck", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (path != NULL)
        {
          job->store_path = g_steal_pointer (&path);
          lc_window_run_sync (self, g_steal_pointer (&job));
        }
    }

  g_clear_pointer (&job, sync_job_free);
  g_object_unref (native);
}

static void
on_shopify_dialog_connect (LcShopifyDialog *dialog,
                           const char      *shop,
                           const char      *client_id,
                           const char      *secret,
                           LcWindow        *self)
{
  const char *store_path = g_object_get_data (G_OBJECT (dialog), "store-path");
  g_autoptr(LcShopifyCredentials) credentials = lc_shopify_credentials_new (client_id, secret);
  SyncJob *job = sync_job_new (self, shop, credentials, TRUE);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;
  char *dot;

  /* A store keeps one shop's orders: another shop gets a new store. */
  if (store_path == NULL && self->store != NULL &&
      (self->shopify_shop == NULL || g_strcmp0 (self->shopify_shop, shop) == 0))
    store_path = lc_store_get_path (self->store);
  if (store_path != NULL)
    {
      job->store_path = g_strdup (store_path);
      lc_window_run_sync (self, job);
      return;
    }

  native = gtk_file_chooser_native_new (_("Save the New Store"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* The shop's own name, without ".myshopify.com". */
  name = g_strdup (shop);
  dot = strchr (name, '.');
  if (dot != NULL)
    *dot = '\0';
  {
    g_autofree char *file_name = g_strconcat (name, ".liftcheck", NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
  }
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  g_object_set_data_full (G_OBJECT (native), "job", job, (GDestroyNotify) sync_job_free);
  g_signal_connect_object (native, "response", G_CALLBACK (on_new_shopify_store_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_keyring_checked (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(LcShopifyDialog) dialog = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  gboolean available = lc_shopify_keyring_check_finish (result, &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (!available)
    g_debug ("No password keyring: %s", error->message);
  /* A dialog closed meanwhile has nothing to say any more. */
  if (dialog != NULL)
    lc_shopify_dialog_set_keyring_available (dialog, available);
}

/* The dialog for shop (NULL: none typed yet), syncing into store_path
 * (NULL: the open store, or a new one). */
static LcShopifyDialog *
lc_window_ask_shopify (LcWindow   *self,
                       const char *shop,
                       const char *store_path)
{
  LcShopifyDialog *dialog = lc_shopify_dialog_new (GTK_WINDOW (self), shop);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, dialog);
  g_object_set_data_full (G_OBJECT (dialog), "store-path", g_strdup (store_path), g_free);
  g_signal_connect_object (dialog, "connect", G_CALLBACK (on_shopify_dialog_connect), self, 0);
  lc_shopify_keyring_check_async (NULL, on_keyring_checked, ref);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

LcShopifyDialog *
lc_window_connect_shopify (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return lc_window_ask_shopify (self, self->shopify_shop, NULL);
}

LcShopifyDialog *
lc_window_connect_shopify_into (LcWindow   *self,
                                const char *store_path)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);

  return lc_window_ask_shopify (self, NULL, store_path);
}

static void
on_credentials_looked_up (GObject      *source_object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(SyncJob) job = user_data;
  LcWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  LcShopifyCredentials *credentials = lc_shopify_credentials_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->keyring_cancellable);
  lc_window_update_export_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (credentials == NULL)
    {
      if (error != NULL)
        g_debug ("Looking up the credentials failed: %s", error->message);

      /* Nothing kept for this shop: ask, for this store. */
      lc_window_ask_shopify (self, job->shop, job->store_path);
      return;
    }

  job->credentials = credentials;
  lc_window_run_sync (self, g_steal_pointer (&job));
}

void
lc_window_sync_shopify (LcWindow *self)
{
  const LcShopifyCredentials *credentials;
  SyncJob *job;

  g_return_if_fail (LC_IS_WINDOW (self));

  if (self->store == NULL || self->shopify_shop == NULL || self->keyring_cancellable != NULL)
    return;

  credentials = g_hash_table_lookup (self->session_credentials, self->shopify_shop);
  job = sync_job_new (self, self->shopify_shop, credentials, FALSE);
  job->store_path = g_strdup (lc_store_get_path (self->store));
  if (credentials != NULL)
    {
      lc_window_run_sync (self, job);
      return;
    }

  self->keyring_cancellable = g_cancellable_new ();
  lc_window_update_export_actions (self);
  lc_shopify_credentials_lookup_async (self->shopify_shop, self->keyring_cancellable, on_credentials_looked_up, job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
connect_shopify_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  lc_window_connect_shopify (LC_WINDOW (widget));
}

static void
sync_shopify_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  lc_window_sync_shopify (LC_WINDOW (widget));
}

/* Exports */

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
lc_window_update_export_actions (LcWindow *self)
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
      lc_window_update_export_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("The report was not written.")));
      else
        {
          g_autofree char *body = NULL;

          /* Translators: %s is the reason the system gave, in its own words. */
          body = g_strdup_printf (_("Liftcheck could not write the report. The reason given was: %s"), error->message);
          lc_window_show_error (self, _("Can’t Write the Report"), body);
        }
      return;
    }

  g_clear_object (&self->report_cancellable);
  gtk_revealer_set_reveal_child (self->import_bar, FALSE);
  lc_window_update_export_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
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
  lc_window_update_export_actions (self);

  lc_report_write_async (lc_store_get_path (self->store), path, &options,
                         on_report_progress, self,
                         self->report_cancellable,
                         on_report_written, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
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
        lc_window_show_error (self, _("Can’t Save the Verdicts"), error->message);
    }
  g_object_unref (native);
}

static void
export_action (GtkWidget  *widget,
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
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  g_object_set_data (G_OBJECT (native), "report", GINT_TO_POINTER (report));
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
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
  lc_window_show_store_page (self);
}

static gboolean
on_drop (GtkDropTarget *target,
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
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));

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
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.wizard", NULL, wizard_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-verdicts", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.connect-shopify", NULL, connect_shopify_action);
  gtk_widget_class_install_action (widget_class, "win.sync-shopify", NULL, sync_shopify_action);

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
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  lc_window_show_store_page (self);
  lc_window_update_export_actions (self);
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
