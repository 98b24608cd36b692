/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-bundles-page.h"
#include "lc-chart-view.h"
#include "lc-returns-page.h"
#include "lc-tests-page.h"

G_BEGIN_DECLS

/* For the GUI tests and the screenshot tool: what the owner sees. The
 * tests page's results are cards of a heading and a paragraph. */

/* Whether the page shows figures for its current analysis (FALSE while
 * they are being worked out, or before the page was first shown). */
gboolean     lc_returns_page_is_ready        (LcReturnsPage *self);
LcChartView *lc_returns_page_get_trend_chart (LcReturnsPage *self);
LcChartView *lc_returns_page_get_flag_chart  (LcReturnsPage *self);

gboolean     lc_bundles_page_is_ready        (LcBundlesPage *self);
LcChartView *lc_bundles_page_get_upt_chart   (LcBundlesPage *self);

/* Whether no reading is under way. */
gboolean     lc_tests_page_is_idle           (LcTestsPage   *self);
/* Sets the off-test's feature and days, and reads it. */
void         lc_tests_page_set_off_test      (LcTestsPage   *self,
                                              const char    *feature,
                                              LcDay          from,
                                              LcDay          to);
GtkWidget   *lc_tests_page_get_off_test_result (LcTestsPage *self);
void         lc_tests_page_read_holdout      (LcTestsPage   *self,
                                              const char    *tag);
GtkWidget   *lc_tests_page_get_holdout_result (LcTestsPage   *self);
/* Fills the A/B calculator; revenue < 0 leaves it empty. */
void         lc_tests_page_set_ab_counts     (LcTestsPage   *self,
                                              guint64        visitors_a,
                                              guint64        orders_a,
                                              double         revenue_a,
                                              guint64        visitors_b,
                                              guint64        orders_b,
                                              double         revenue_b);
GtkWidget   *lc_tests_page_get_ab_result      (LcTestsPage   *self);
/* The lift in percent. */
void         lc_tests_page_set_power_lift    (LcTestsPage   *self,
                                              double         percent);
GtkWidget   *lc_tests_page_get_power_result   (LcTestsPage   *self);

G_END_DECLS
