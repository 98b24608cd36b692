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

/* For the window's own source files: its fields and what its parts share.
 * lc-window.c holds the window itself (its template, actions, the stores it
 * opens, the demo store and the figures on show); lc-window-import.c
 * imports export files; lc-window-sync.c syncs with Shopify;
 * lc-window-export.c writes the report and the verdicts. */

struct _LcWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  LcStore              *store;
  LcAnalysis           *analysis;
  /* Non-NULL while the store is being read, the demo store prepared, or
   * files imported. */
  GCancellable         *analysis_cancellable;
  GCancellable         *demo_cancellable;
  GCancellable         *import_cancellable;
  GCancellable         *report_cancellable;
  GCancellable         *sync_cancellable;
  char                 *sync_shop;        /* the shop being synced */
  /* Non-NULL while the keyring is asked for a token or keeps one. */
  GCancellable         *keyring_cancellable;
  char                 *report_path;      /* the report being written */
  /* The shop the open store syncs with, or NULL. */
  char                 *shopify_shop;
  /* Credentials the keyring could not keep, by shop, for as long as the
   * window lives. */
  GHashTable           *session_credentials;
  /* Where the Admin API is; NULL: Shopify itself (the tests set it). */
  char                 *shopify_endpoint;
  /* The page that shows the open store: "store" or "empty". */
  const char           *store_page;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *title_widget;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  GtkStack             *stack;
  AdwStatusPage        *preparing_page;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *empty_page;
  GtkRevealer          *import_bar;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  GtkButton            *import_cancel_button;
  LcOverviewPage       *overview_page;
  LcFeaturesPage       *features_page;
  LcReturnsPage        *returns_page;
  LcBundlesPage        *bundles_page;
  LcTestsPage          *tests_page;
};

/* lc-window.c */

/* Tells that lc_window_is_busy() may have changed. */
void     _lc_window_notify_busy            (LcWindow       *self);
void     _lc_window_show_error             (LcWindow       *self,
                                            const char     *heading,
                                            const char     *body);
/* Shows the welcome page, the figures being read, or the store. */
void     _lc_window_show_store_page        (LcWindow       *self);
/* Shows the page with the big progress bar and Cancel. */
void     _lc_window_show_preparing         (LcWindow       *self,
                                            const char     *title,
                                            const char     *description);
void     _lc_window_toast_with_details     (LcWindow       *self,
                                            const char     *text,
                                            const char     *heading,
                                            const char     *details);
/* Starts a file chooser in the folder the owner last used. */
void     _lc_window_set_chooser_folder     (LcWindow       *self,
                                            GtkFileChooser *chooser);
/* The store file a save dialog chose, ending in ".liftcheck" (added when
 * the owner left it out); NULL when it chose none. */
char    *_lc_window_chosen_store_path      (GtkFileChooser *chooser);
/* Enables the actions that fit what the window does now. */
void     _lc_window_update_export_actions  (LcWindow       *self);

/* lc-window-import.c */

void     _lc_window_import_action          (GtkWidget      *widget,
                                            const char     *action_name,
                                            GVariant       *param);
gboolean _lc_window_on_drop                (GtkDropTarget  *target,
                                            const GValue   *value,
                                            double          x,
                                            double          y,
                                            LcWindow       *self);

/* lc-window-sync.c */

void     _lc_window_update_shopify         (LcWindow       *self);
void     _lc_window_connect_shopify_action (GtkWidget      *widget,
                                            const char     *action_name,
                                            GVariant       *param);
void     _lc_window_sync_shopify_action    (GtkWidget      *widget,
                                            const char     *action_name,
                                            GVariant       *param);

/* lc-window-export.c */

void     _lc_window_export_action          (GtkWidget      *widget,
                                            const char     *action_name,
                                            GVariant       *param);

G_END_DECLS
