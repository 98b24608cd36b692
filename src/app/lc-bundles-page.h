/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-analysis.h"

G_BEGIN_DECLS

#define LC_TYPE_BUNDLES_PAGE (lc_bundles_page_get_type ())
G_DECLARE_FINAL_TYPE (LcBundlesPage, lc_bundles_page, LC, BUNDLES_PAGE, AdwBin)

/* Products bought together: the bundles worth setting up, with what a
 * higher attach rate would bring, and, once cart bundles are on, items per
 * order and attach rates before and after. Worked out in a worker thread
 * the first time the page is shown after each set_analysis(). */
GtkWidget *lc_bundles_page_new          (void);
/* analysis is borrowed and must outlive the next call. */
void       lc_bundles_page_set_analysis (LcBundlesPage    *self,
                                         LcStore          *store,
                                         const LcAnalysis *analysis);

G_END_DECLS
