/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-analysis.h"

G_BEGIN_DECLS

#define LC_TYPE_FEATURES_PAGE (lc_features_page_get_type ())
G_DECLARE_FINAL_TYPE (LcFeaturesPage, lc_features_page, LC, FEATURES_PAGE, AdwBin)

/* The features list, a row per feature with its verdict, and each
 * feature's own page. Emits "store-changed" after the owner recorded a
 * switch or a cost, so the window can read the store again. */
GtkWidget *lc_features_page_new          (void);
/* analysis is borrowed and must outlive the next call; store is where
 * recorded switches go. */
void       lc_features_page_set_analysis (LcFeaturesPage   *self,
                                          LcStore          *store,
                                          const LcAnalysis *analysis);
void       lc_features_page_show_feature (LcFeaturesPage   *self,
                                          const char       *feature);
void       lc_features_page_show_list    (LcFeaturesPage   *self);

G_END_DECLS
