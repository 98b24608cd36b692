/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LC_TYPE_HEADLINE_CARD (lc_headline_card_get_type ())
G_DECLARE_FINAL_TYPE (LcHeadlineCard, lc_headline_card, LC, HEADLINE_CARD, AdwBin)

/* One headline number: what it is, its value, and what it means for the
 * store owner. */
GtkWidget  *lc_headline_card_new         (void);
const char *lc_headline_card_get_title   (LcHeadlineCard *self);
void        lc_headline_card_set_title   (LcHeadlineCard *self,
                                          const char     *title);
const char *lc_headline_card_get_value   (LcHeadlineCard *self);
void        lc_headline_card_set_value   (LcHeadlineCard *self,
                                          const char     *value);
const char *lc_headline_card_get_caption (LcHeadlineCard *self);
void        lc_headline_card_set_caption (LcHeadlineCard *self,
                                          const char     *caption);

/* The change against a year earlier, under the value: direction > 0 is
 * good news (green), < 0 bad (red), 0 neutral. NULL or "" hides it. */
const char *lc_headline_card_get_change  (LcHeadlineCard *self);
void        lc_headline_card_set_change  (LcHeadlineCard *self,
                                          const char     *change,
                                          int             direction);

G_END_DECLS
