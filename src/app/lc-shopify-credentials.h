/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What Liftcheck needs to read a shop's orders: the client ID and secret
 * of an app made in Shopify's Dev Dashboard, exchanged for a short-lived
 * token at each sync, or the Admin API access token of an app made in the
 * Shopify admin before 2026. */
typedef struct
{
  char *client_id;   /* NULL: secret is an Admin API access token */
  char *secret;      /* the access token, or the app's client secret */
} LcShopifyCredentials;

LcShopifyCredentials *lc_shopify_credentials_new  (const char                 *client_id,
                                                   const char                 *secret);
LcShopifyCredentials *lc_shopify_credentials_copy (const LcShopifyCredentials *credentials);
/* Wipes the secret's memory before freeing it. */
void                  lc_shopify_credentials_free (LcShopifyCredentials       *credentials);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcShopifyCredentials, lc_shopify_credentials_free)

/* Credentials in the system's password keyring (the Secret Service), one
 * entry per shop, under the schema
 * "io.github.liftcheck.Liftcheck.ShopifyToken" with the shop
 * ("name.myshopify.com") as attribute. They never go into the store file,
 * the settings or a log. */

/* Whether a keyring answers; an error says why not. */
void                  lc_shopify_keyring_check_async    (GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
gboolean              lc_shopify_keyring_check_finish   (GAsyncResult               *result,
                                                         GError                    **error);

/* The credentials kept for shop: NULL without error when there are none;
 * NULL with an error when the keyring cannot be reached. */
void                  lc_shopify_credentials_lookup_async  (const char          *shop,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
LcShopifyCredentials *lc_shopify_credentials_lookup_finish (GAsyncResult        *result,
                                                            GError             **error);

/* Keeps credentials for shop, replacing what was kept before. */
void                  lc_shopify_credentials_store_async   (const char                 *shop,
                                                            const LcShopifyCredentials *credentials,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
gboolean              lc_shopify_credentials_store_finish  (GAsyncResult               *result,
                                                            GError                    **error);

G_END_DECLS
