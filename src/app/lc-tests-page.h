/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-analysis.h"

G_BEGIN_DECLS

#define LC_TYPE_TESTS_PAGE (lc_tests_page_get_type ())
G_DECLARE_FINAL_TYPE (LcTestsPage, lc_tests_page, LC, TESTS_PAGE, AdwBin)

/* The owner's own experiments: the two-week off-test (planned or read),
 * a holdout by order tag, an A/B calculator, and how long a test would
 * take. Readings of the store run in worker threads. */
GtkWidget *lc_tests_page_new          (void);
/* analysis is borrowed and must outlive the next call. */
void       lc_tests_page_set_analysis (LcTestsPage      *self,
                                       LcStore          *store,
                                       const LcAnalysis *analysis);

G_END_DECLS
