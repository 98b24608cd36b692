/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-credentials"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "lc-shopify-credentials.h"

/*
 * The keyring keeps one secret per shop: an access token as it is, or a
 * Dev Dashboard app's client ID and secret as a small JSON object
 * ({"client_id": ..., "client_secret": ...}); no Shopify token starts with
 * a brace.
 */

LcShopifyCredentials *
lc_shopify_credentials_new (const char *client_id,
                            const char *secret)
{
  LcShopifyCredentials *credentials = g_new0 (LcShopifyCredentials, 1);

  g_return_val_if_fail (secret != NULL, NULL);

  credentials->client_id = g_strdup (client_id);
  credentials->secret = g_strdup (secret);
  return credentials;
}

LcShopifyCredentials *
lc_shopify_credentials_copy (const LcShopifyCredentials *credentials)
{
  g_return_val_if_fail (credentials != NULL, NULL);

  return lc_shopify_credentials_new (credentials->client_id, credentials->secret);
}

void
lc_shopify_credentials_free (LcShopifyCredentials *credentials)
{
  if (credentials == NULL)
    return;

  g_free (credentials->client_id);
  secret_password_free (credentials->secret);
  g_free (credentials);
}

static const SecretSchema *
credentials_schema (void)
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

/* The keyring's text for credentials; wipe it with secret_password_free(). */
static char *
credentials_to_secret (const LcShopifyCredentials *credentials)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (credentials->client_id == NULL)
    return g_strdup (credentials->secret);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, credentials->client_id);
  json_builder_set_member_name (builder, "client_secret");
  json_builder_add_string_value (builder, credentials->secret);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static LcShopifyCredentials *
credentials_from_secret (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *client_id;
  const char *secret;

  if (text[0] != '{')
    return lc_shopify_credentials_new (NULL, text);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  client_id = json_object_get_string_member_with_default (object, "client_id", NULL);
  secret = json_object_get_string_member_with_default (object, "client_secret", NULL);
  if (client_id == NULL || secret == NULL)
    return NULL;
  return lc_shopify_credentials_new (client_id, secret);
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
   * here rather than when the credentials are to be kept. */
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, on_service, task);
}

gboolean
lc_shopify_keyring_check_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *text = secret_password_lookup_finish (result, &error);
  LcShopifyCredentials *credentials;

  if (text == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Something unreadable counts as nothing kept: the owner is asked. */
  credentials = credentials_from_secret (text);
  secret_password_free (text);
  g_task_return_pointer (task, credentials, (GDestroyNotify) lc_shopify_credentials_free);
}

void
lc_shopify_credentials_lookup_async (const char          *shop,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (shop != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_shopify_credentials_lookup_async);
  secret_password_lookup (credentials_schema (), cancellable, on_looked_up, task,
                          "shop", shop,
                          NULL);
}

LcShopifyCredentials *
lc_shopify_credentials_lookup_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lc_shopify_credentials_store_async (const char                 *shop,
                                    const LcShopifyCredentials *credentials,
                                    GCancellable               *cancellable,
                                    GAsyncReadyCallback         callback,
                                    gpointer                    user_data)
{
  g_autofree char *label = NULL;
  char *text;

  g_return_if_fail (shop != NULL);
  g_return_if_fail (credentials != NULL);

  /* Translators: the name of the entry in the password keyring; %s is a
   * shop such as my-store.myshopify.com. */
  label = g_strdup_printf (_("Liftcheck: Shopify access for %s"), shop);
  text = credentials_to_secret (credentials);
  secret_password_store (credentials_schema (), SECRET_COLLECTION_DEFAULT, label, text,
                         cancellable, callback, user_data,
                         "shop", shop,
                         NULL);
  secret_password_free (text);
}

gboolean
lc_shopify_credentials_store_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return secret_password_store_finish (result, error);
}
