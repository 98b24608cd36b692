/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-analysis.h"
#include "lc-features-page.h"
#include "lc-overview-page.h"
#include "lc-window.h"

G_BEGIN_DECLS

/* For the GUI tests: what the owner sees. */

/* "welcome", "preparing", "loading", "empty", or the store view on show:
 * "overview" or "features". */
const char           *lc_window_get_page_name            (LcWindow *self);
AdwViewSwitcherTitle *lc_window_get_title_widget         (LcWindow *self);
LcOverviewPage       *lc_window_get_overview_page        (LcWindow *self);
LcFeaturesPage       *lc_window_get_features_page        (LcWindow *self);
GtkProgressBar       *lc_window_get_progress_bar         (LcWindow *self);
GtkButton            *lc_window_get_cancel_button        (LcWindow *self);
GtkButton            *lc_window_get_import_cancel_button (LcWindow *self);
AdwToastOverlay      *lc_window_get_toast_overlay        (LcWindow *self);
/* The figures on show; NULL while the store is being read. */
const LcAnalysis     *lc_window_get_analysis             (LcWindow *self);

G_END_DECLS
