/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-analysis.h"

G_BEGIN_DECLS

#define LC_TYPE_FEATURE_PAGE (lc_feature_page_get_type ())
G_DECLARE_FINAL_TYPE (LcFeaturePage, lc_feature_page, LC, FEATURE_PAGE, AdwBin)

/* One feature: its verdict, the before/after chart, the numbers, every
 * reason, what to watch and when to look again, and its timeline, where the
 * owner records when it was switched on or off and what it costs. */
GtkWidget  *lc_feature_page_new          (void);
void        lc_feature_page_set_feature  (LcFeaturePage    *self,
                                          LcStore          *store,
                                          const LcAnalysis *analysis,
                                          const char       *feature);
const char *lc_feature_page_get_feature  (LcFeaturePage    *self);

/* What the "Record a Switch" dialog does: on TRUE records that the feature
 * was switched on on day (costing monthly_cost a month, < 0 unknown); FALSE
 * that it was switched off on day (the first day without it). Emits
 * "store-changed" on success. */
gboolean    lc_feature_page_record_switch (LcFeaturePage *self,
                                           gboolean       on,
                                           LcDay          day,
                                           double         monthly_cost,
                                           GError       **error);

G_END_DECLS
