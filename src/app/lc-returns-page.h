/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-analysis.h"

G_BEGIN_DECLS

#define LC_TYPE_RETURNS_PAGE (lc_returns_page_get_type ())
G_DECLARE_FINAL_TYPE (LcReturnsPage, lc_returns_page, LC, RETURNS_PAGE, AdwBin)

/* Where returns come from: the weekly return rate, the products, sizes,
 * combinations and kinds of customer returned clearly more than the rest,
 * with the nudge that would fit each, bracketing, and the money at stake.
 * The figures are worked out in a worker thread the first time the page
 * is shown after each set_analysis(). */
GtkWidget *lc_returns_page_new          (void);
/* analysis is borrowed and must outlive the next call. */
void       lc_returns_page_set_analysis (LcReturnsPage    *self,
                                         LcStore          *store,
                                         const LcAnalysis *analysis);

G_END_DECLS
