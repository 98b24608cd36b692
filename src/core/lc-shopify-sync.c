/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lc-shopify-sync.h"

/* First commit: the contract's functions, so the app can build against
 * them; the sync itself comes next. */

G_DEFINE_QUARK (lc-shopify-error-quark, lc_shopify_error)

void
lc_shopify_sync_result_free (LcShopifySyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

char *
lc_shopify_normalize_shop (const char  *shop,
                           GError     **error)
{
  g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_BAD_SHOP, "not implemented yet");
  return NULL;
}

LcShopifySyncResult *
lc_store_shopify_sync (LcStore                    *store,
                       const LcShopifySyncOptions *options,
                       LcShopifyProgressFunc       progress,
                       gpointer                    progress_data,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  g_set_error (error, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK, "not implemented yet");
  return NULL;
}

void
lc_shopify_sync_async (const char                 *store_path,
                       const LcShopifySyncOptions *options,
                       LcShopifyProgressFunc       progress,
                       gpointer                    progress_data,
                       GCancellable               *cancellable,
                       GAsyncReadyCallback         callback,
                       gpointer                    user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_return_new_error (task, LC_SHOPIFY_ERROR, LC_SHOPIFY_ERROR_NETWORK, "not implemented yet");
}

LcShopifySyncResult *
lc_shopify_sync_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
lc_store_get_shopify_connection (LcStore  *store,
                                 char    **out_shop,
                                 gint64   *out_last_sync_utc,
                                 GError  **error)
{
  return FALSE;
}
