/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A combo row that asks the currency of a file that does not say it: the
 * common currencies by name, the store's own selected (and added when it
 * is not among them), or, for a store without one, "Choose a currency…"
 * first so that nothing is taken for granted. */
void        lc_currency_row_fill     (AdwComboRow *row,
                                      const char  *store_currency);
/* The code of the chosen currency, or NULL while none is. */
const char *lc_currency_row_get_code (AdwComboRow *row);

G_END_DECLS
