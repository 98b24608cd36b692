/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-analysis.h"

G_BEGIN_DECLS

#define LC_TYPE_OVERVIEW_PAGE (lc_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (LcOverviewPage, lc_overview_page, LC, OVERVIEW_PAGE, AdwBin)

GtkWidget *lc_overview_page_new         (void);
/* Shows the headline numbers and charts of a store that has orders.
 * analysis is borrowed and must outlive the next call. */
void       lc_overview_page_set_analysis (LcOverviewPage   *self,
                                          const LcAnalysis *analysis);
/* The period of the headline numbers and charts (the period picker). */
void       lc_overview_page_set_lookback (LcOverviewPage   *self,
                                          LcLookback        lookback);

/* The shop the store syncs with and when it last did (-1: never), shown
 * with a Sync Now button (win.sync-shopify); NULL shop: not connected. */
void       lc_overview_page_set_shopify  (LcOverviewPage   *self,
                                          const char       *shop,
                                          gint64            last_sync_utc);

G_END_DECLS
