/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-chart-view.h"
#include "lc-headline-card.h"
#include "lc-overview-page.h"

G_BEGIN_DECLS

/* For the GUI tests: what the owner sees. card_id is the template id, such
 * as "orders_card" or "aov_card". */
LcHeadlineCard *lc_overview_page_get_card       (LcOverviewPage *self,
                                                 const char     *card_id);
GtkLabel       *lc_overview_page_get_tier_badge (LcOverviewPage *self);
/* The chart of aov, upt, return-rate or revenue. */
LcChartView    *lc_overview_page_get_chart      (LcOverviewPage *self,
                                                 LcMetric        metric);
/* The row naming the connected shop, with the last sync as subtitle. */
AdwActionRow   *lc_overview_page_get_shopify_row (LcOverviewPage *self);

G_END_DECLS
