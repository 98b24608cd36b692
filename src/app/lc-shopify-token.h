/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Shopify Admin API tokens in the system's password keyring (the Secret
 * Service), one per shop, under the schema
 * "io.github.liftcheck.Liftcheck.ShopifyToken" with the shop
 * ("name.myshopify.com") as attribute. Tokens never go into the store file,
 * the settings or a log. */

/* Whether a keyring answers; an error says why not. */
void      lc_shopify_keyring_check_async  (GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  lc_shopify_keyring_check_finish (GAsyncResult        *result,
                                           GError             **error);

/* The token kept for shop: NULL without error when there is none; NULL with
 * an error when the keyring cannot be reached. Free it with
 * lc_shopify_token_free(). */
void      lc_shopify_token_lookup_async   (const char          *shop,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *lc_shopify_token_lookup_finish  (GAsyncResult        *result,
                                           GError             **error);

/* Keeps token for shop, replacing the one kept before. */
void      lc_shopify_token_store_async    (const char          *shop,
                                           const char          *token,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  lc_shopify_token_store_finish   (GAsyncResult        *result,
                                           GError             **error);

/* Wipes a token's memory before freeing it. */
void      lc_shopify_token_free           (char                *token);

G_END_DECLS
