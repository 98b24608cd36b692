/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the GUI tests share: running the main loop until something the
 * owner would see has happened. */

typedef gboolean (*LcTestCondition) (gpointer data);

/* Runs the main loop until condition holds or timeout_ms pass; returns
 * whether it holds. */
gboolean lc_test_iterate_until     (LcTestCondition condition,
                                    gpointer        data,
                                    guint           timeout_ms);
/* Lets pending work (redraws, idles) run for a moment. */
void     lc_test_settle            (void);
/* Conditions: data is a GtkWidget, or an LcWindow. */
gboolean lc_test_widget_is_mapped  (gpointer        data);
gboolean lc_test_window_is_idle    (gpointer        data);
/* Destroys a toplevel and lets it go. */
void     lc_test_close_window      (gpointer        window);

G_END_DECLS
