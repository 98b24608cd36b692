/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-token"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lc-shopify-token.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.liftcheck.Liftcheck.ShopifyToken",
    SECRET_SCHEMA_NONE,
    {
      { "shop", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
on_service (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  GError *error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
lc_shopify_keyring_check_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lc_shopify_keyring_check_async);
  /* Opening a session talks to the service, so a bus without one fails
   * here rather than when the token is to be kept. */
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, on_service, task);
}

gboolean
lc_shopify_keyring_check_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lc_shopify_token_lookup_async (const char          *shop,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (shop != NULL);

  secret_password_lookup (token_schema (), cancellable, callback, user_data,
                          "shop", shop,
                          NULL);
}

char *
lc_shopify_token_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  return secret_password_lookup_finish (result, error);
}

void
lc_shopify_token_store_async (const char          *shop,
                              const char          *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *label = NULL;

  g_return_if_fail (shop != NULL);
  g_return_if_fail (token != NULL);

  /* Translators: the name of the token in the password keyring; %s is a
   * shop such as my-store.myshopify.com. */
  label = g_strdup_printf (_("Liftcheck: Shopify access for %s"), shop);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, callback, user_data,
                         "shop", shop,
                         NULL);
}

gboolean
lc_shopify_token_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  return secret_password_store_finish (result, error);
}

void
lc_shopify_token_free (char *token)
{
  secret_password_free (token);
}
