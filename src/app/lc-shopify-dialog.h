/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LC_TYPE_SHOPIFY_DIALOG (lc_shopify_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LcShopifyDialog, lc_shopify_dialog, LC, SHOPIFY_DIALOG, AdwWindow)

/* Asks for a shop's name and what gives Liftcheck access to it: the client
 * ID and secret of an app made in Shopify's Dev Dashboard, or the Admin API
 * access token of an app made in the Shopify admin; says what access
 * Liftcheck needs and why. Connect emits "connect" with the shop
 * (normalized to name.myshopify.com), the client ID (NULL for a token) and
 * the secret or token. shop pre-fills the name, or is NULL. */
LcShopifyDialog *lc_shopify_dialog_new                   (GtkWindow       *parent,
                                                          const char      *shop);
/* Asks for an access token (an app made in the Shopify admin) rather than
 * a client ID and secret. */
void             lc_shopify_dialog_set_uses_token        (LcShopifyDialog *self,
                                                          gboolean         uses_token);
/* Says the credentials can only be kept until the window closes. */
void             lc_shopify_dialog_set_keyring_available (LcShopifyDialog *self,
                                                          gboolean         available);

G_END_DECLS
