/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_PREFERENCES_WINDOW (lc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LcPreferencesWindow, lc_preferences_window, LC, PREFERENCES_WINDOW, AdwPreferencesWindow)

/*
 * The open store's preferences: the rule table's thresholds (each with its
 * default beside it and a way back to it), the exchange rate, and what a
 * return costs. Changes are saved in the store as they are made and
 * "store-changed" says so, so the window can show the new verdicts.
 */
LcPreferencesWindow *lc_preferences_window_new           (GtkWindow           *parent,
                                                          LcStore             *store);

/* For the GUI tests: a threshold's spin button and reset button, by its
 * rule-table name ("tier_2m", "email_min_share"…). */
GtkSpinButton       *lc_preferences_window_get_threshold (LcPreferencesWindow *self,
                                                          const char          *name);
GtkButton           *lc_preferences_window_get_reset     (LcPreferencesWindow *self,
                                                          const char          *name);

G_END_DECLS
