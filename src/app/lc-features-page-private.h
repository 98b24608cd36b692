/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-feature-page.h"
#include "lc-features-page.h"

G_BEGIN_DECLS

/* For the GUI tests: what the owner sees. */
GtkListBox    *lc_features_page_get_list_box     (LcFeaturesPage *self);
LcFeaturePage *lc_features_page_get_feature_page (LcFeaturesPage *self);
/* "list" or "detail". */
const char    *lc_features_page_get_visible      (LcFeaturesPage *self);

G_END_DECLS
