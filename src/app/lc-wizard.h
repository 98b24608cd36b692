/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_WIZARD (lc_wizard_get_type ())
G_DECLARE_FINAL_TYPE (LcWizard, lc_wizard, LC, WIZARD, AdwWindow)

/*
 * The store-size wizard: a step per question (exchange rate for a store
 * that does not sell in US dollars, yearly revenue, catalogue size, orders
 * a month, returns, what the store sells, e-mail's share, A/B capacity and
 * the features in use), each pre-filled from the store's data with where
 * the number came from, then the store's size and the verdicts.
 *
 * Each step's answers are saved when the owner moves on, so nothing typed
 * is lost and the wizard opens again where it was left. "finished" is
 * emitted when the owner presses Finish; "store-changed" whenever answers
 * were saved.
 */
LcWizard   *lc_wizard_new            (GtkWindow  *parent,
                                      LcStore    *store);

/* For the GUI tests: what the owner sees and does. */
/* "rate", "revenue", "catalogue", "orders", "returns", "vertical",
 * "email", "ab", "features" or "result"; NULL while loading. */
const char *lc_wizard_get_step       (LcWizard   *self);
gboolean    lc_wizard_is_busy        (LcWizard   *self);
/* The entry of a step's number: "rate", "revenue", "skus", "orders",
 * "months", "return-rate" or "email". */
AdwEntryRow *lc_wizard_get_entry     (LcWizard   *self,
                                      const char *name);
AdwComboRow *lc_wizard_get_vertical_row (LcWizard *self);
GtkSwitch   *lc_wizard_get_ab_switch (LcWizard   *self);
/* The text under the step's fields saying what went wrong, or "". */
const char *lc_wizard_get_error      (LcWizard   *self);
/* The result page: the tier's title and, per feature, its verdict. */
const char *lc_wizard_get_tier_text  (LcWizard   *self);
const char *lc_wizard_get_verdict_text (LcWizard *self,
                                        const char *feature);

G_END_DECLS
