/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-overview-page.h"
#include "lc-window.h"

G_BEGIN_DECLS

/* For the GUI tests: what the owner sees. */

/* "welcome", "preparing", "empty" or "overview". */
const char     *lc_window_get_page_name     (LcWindow *self);
AdwWindowTitle *lc_window_get_title_widget  (LcWindow *self);
LcOverviewPage *lc_window_get_overview_page (LcWindow *self);
GtkProgressBar *lc_window_get_progress_bar  (LcWindow *self);
GtkButton      *lc_window_get_cancel_button (LcWindow *self);

G_END_DECLS
