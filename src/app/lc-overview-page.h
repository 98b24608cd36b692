/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-metrics.h"

G_BEGIN_DECLS

#define LC_TYPE_OVERVIEW_PAGE (lc_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (LcOverviewPage, lc_overview_page, LC, OVERVIEW_PAGE, AdwBin)

GtkWidget *lc_overview_page_new         (void);
/* Shows the headline numbers of a store that has orders. */
void       lc_overview_page_set_summary (LcOverviewPage  *self,
                                         const LcSummary *summary);

G_END_DECLS
