/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LC_TYPE_SHOPIFY_DIALOG (lc_shopify_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LcShopifyDialog, lc_shopify_dialog, LC, SHOPIFY_DIALOG, AdwWindow)

/* Asks for a shop's name and its Admin API access token, says what access
 * Liftcheck needs and why, and emits "connect" with the shop (normalized to
 * name.myshopify.com) and the token. shop pre-fills the name, or is NULL. */
LcShopifyDialog *lc_shopify_dialog_new                   (GtkWindow       *parent,
                                                          const char      *shop);
/* Says the token can only be kept until the window closes. */
void             lc_shopify_dialog_set_keyring_available (LcShopifyDialog *self,
                                                          gboolean         available);

G_END_DECLS
