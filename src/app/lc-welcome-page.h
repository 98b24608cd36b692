/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LC_TYPE_WELCOME_PAGE (lc_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (LcWelcomePage, lc_welcome_page, LC, WELCOME_PAGE, AdwBin)

/* The first thing a new owner sees: open the demo store or a store file, or
 * pick up a recent store, import exports or connect Shopify. Its buttons
 * and rows activate app.open-demo, win.import, win.connect-shopify,
 * win.open and win.open-recent. */
GtkWidget *lc_welcome_page_new (void);

G_END_DECLS
