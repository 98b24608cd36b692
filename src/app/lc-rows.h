/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Rows of numbers in a preferences group, as the store pages show them:
 * a title, an optional subtitle, and an optional value on the right. rows
 * remembers what was added so it can all be taken out again. */
GtkWidget *lc_rows_add   (AdwPreferencesGroup *group,
                          GPtrArray           *rows,
                          const char          *title,
                          const char          *subtitle,
                          const char          *value);
/* A row that unfolds more rows, added with lc_rows_add_to_expander(). */
GtkWidget *lc_rows_add_expander (AdwPreferencesGroup *group,
                                 GPtrArray           *rows,
                                 const char          *title,
                                 const char          *subtitle);
GtkWidget *lc_rows_add_to_expander (AdwExpanderRow   *expander,
                                    const char       *title,
                                    const char       *subtitle,
                                    const char       *value);
void       lc_rows_clear (AdwPreferencesGroup *group,
                          GPtrArray           *rows);

G_END_DECLS
