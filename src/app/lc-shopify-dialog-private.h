/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-shopify-dialog.h"

G_BEGIN_DECLS

/* For the GUI tests and screenshots: what the owner fills in and clicks. */
AdwEntryRow     *lc_shopify_dialog_get_shop_row          (LcShopifyDialog *self);
AdwEntryRow     *lc_shopify_dialog_get_client_id_row     (LcShopifyDialog *self);
AdwEntryRow     *lc_shopify_dialog_get_client_secret_row (LcShopifyDialog *self);
AdwEntryRow     *lc_shopify_dialog_get_token_row         (LcShopifyDialog *self);
/* "Dev Dashboard" (client ID and secret) and "Shopify Admin" (token). */
GtkToggleButton *lc_shopify_dialog_get_client_button     (LcShopifyDialog *self);
GtkToggleButton *lc_shopify_dialog_get_token_button      (LcShopifyDialog *self);
GtkButton       *lc_shopify_dialog_get_connect_button    (LcShopifyDialog *self);
/* What the dialog says about the shop name as typed. */
GtkLabel        *lc_shopify_dialog_get_shop_hint         (LcShopifyDialog *self);
GtkLabel        *lc_shopify_dialog_get_keyring_label     (LcShopifyDialog *self);

G_END_DECLS
