/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-window"

/* Syncing a store with Shopify: the Connect Shopify dialog, the access
 * token or client ID and secret (from the keyring, or kept there once
 * Shopify accepted them), Sync Now, the sync itself in a worker thread with
 * its progress and Cancel, and the toast or error dialog that tells how it
 * went. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-display.h"
#include "lc-shopify-credentials.h"
#include "lc-shopify-dialog.h"
#include "lc-shopify-sync.h"
#include "lc-window-private.h"

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

static void
sync_job_free (SyncJob *job)
{
  g_object_unref (job->window);
  g_free (job->store_path);
  g_free (job->shop);
  g_clear_pointer (&job->credentials, lc_shopify_credentials_free);
  lc_shopify_wipe_free (job->token);
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
void
_lc_window_update_shopify (LcWindow *self)
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
  _lc_window_update_export_actions (self);
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

  _lc_window_toast_with_details (self, text, _("Notes From the Sync"), details->str);
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

  _lc_window_update_export_actions (self);
  _lc_window_notify_busy (self);
}

static void
lc_window_end_sync (LcWindow *self)
{
  g_clear_object (&self->sync_cancellable);
  g_clear_pointer (&self->sync_shop, g_free);
  gtk_revealer_set_reveal_child (self->import_bar, FALSE);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  _lc_window_update_export_actions (self);
  _lc_window_notify_busy (self);
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

  if (orders_so_far == LC_SHOPIFY_PREPARING)
    {
      text = g_strdup (_("Shopify is preparing the export"));
      /* Translators: %s is a shop's address, such as my-store.myshopify.com. */
      label = g_strdup_printf (_("Syncing with %s: Shopify is preparing the export (a few minutes for a large shop)"),
                               self->sync_shop);
    }
  else
    {
      /* Translators: %s is a count of orders read from Shopify so far. */
      text = g_strdup_printf (ngettext ("%s order so far", "%s orders so far", (gulong) orders_so_far), count);
      /* Translators: the first %s is a shop's address, the second a count of
       * orders read so far. */
      label = g_strdup_printf (ngettext ("Syncing with %s: %s order so far", "Syncing with %s: %s orders so far",
                                         (gulong) orders_so_far),
                               self->sync_shop, count);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
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
    lc_store_remove_files (job->store_path);
  _lc_window_show_store_page (self);

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
        lc_store_remove_files (job->store_path);
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
      _lc_window_notify_busy (self);
    }

  if (self->store != NULL && g_strcmp0 (lc_store_get_path (self->store), job->store_path) == 0)
    {
      _lc_window_update_shopify (self);
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
        lc_store_remove_files (job->store_path);
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
          _lc_window_show_error (self, heading, body);
          sync_job_free (job);
          return;
        }
    }

  self->sync_cancellable = g_cancellable_new ();
  self->sync_shop = g_strdup (job->shop);
  _lc_window_update_export_actions (self);

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
      _lc_window_show_preparing (self, _("Reading Your Orders From Shopify…"), description);
      gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
      gtk_progress_bar_set_text (self->progress_bar, "");
    }

  _lc_window_notify_busy (self);

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
      g_autofree char *path = _lc_window_chosen_store_path (GTK_FILE_CHOOSER (native));

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
  _lc_window_set_chooser_folder (self, GTK_FILE_CHOOSER (native));
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
  _lc_window_update_export_actions (self);
  _lc_window_notify_busy (self);

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
  _lc_window_update_export_actions (self);
  lc_shopify_credentials_lookup_async (self->shopify_shop, self->keyring_cancellable, on_credentials_looked_up, job);
  _lc_window_notify_busy (self);
}

void
_lc_window_connect_shopify_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  lc_window_connect_shopify (LC_WINDOW (widget));
}

void
_lc_window_sync_shopify_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  lc_window_sync_shopify (LC_WINDOW (widget));
}
