/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-analysis.h"
#include "lc-bundles-page.h"
#include "lc-features-page.h"
#include "lc-overview-page.h"
#include "lc-returns-page.h"
#include "lc-tests-page.h"
#include "lc-window.h"

G_BEGIN_DECLS

/* For the GUI tests: what the owner sees. */

/* "welcome", "preparing", "loading", "empty", or the store view on show:
 * "overview", "features", "returns", "bundles" or "tests". */
const char           *lc_window_get_page_name            (LcWindow *self);
AdwViewSwitcherTitle *lc_window_get_title_widget         (LcWindow *self);
LcOverviewPage       *lc_window_get_overview_page        (LcWindow *self);
LcFeaturesPage       *lc_window_get_features_page        (LcWindow *self);
LcReturnsPage        *lc_window_get_returns_page         (LcWindow *self);
LcBundlesPage        *lc_window_get_bundles_page         (LcWindow *self);
LcTestsPage          *lc_window_get_tests_page           (LcWindow *self);
GtkProgressBar       *lc_window_get_progress_bar         (LcWindow *self);
GtkButton            *lc_window_get_cancel_button        (LcWindow *self);
GtkProgressBar       *lc_window_get_import_progress_bar  (LcWindow *self);
GtkButton            *lc_window_get_import_cancel_button (LcWindow *self);
/* What the bar above the store says is under way. */
const char           *lc_window_get_import_label         (LcWindow *self);
AdwToastOverlay      *lc_window_get_toast_overlay        (LcWindow *self);
/* Where the Shopify Admin API is, such as a test's loopback server
 * (http://127.0.0.1:PORT); NULL: Shopify itself. Owners never see it. */
void                  lc_window_set_shopify_endpoint     (LcWindow   *self,
                                                          const char *endpoint);
/* Connect Shopify as after the save dialog chose store_path for a new
 * store. */
LcShopifyDialog      *lc_window_connect_shopify_into     (LcWindow   *self,
                                                          const char *store_path);
/* The figures on show; NULL while the store is being read. */
const LcAnalysis     *lc_window_get_analysis             (LcWindow *self);

G_END_DECLS
