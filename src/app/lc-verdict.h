/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lc-advisor.h"

G_BEGIN_DECLS

/* A pill showing a verdict, coloured by its kind. */
GtkWidget *lc_verdict_pill_new (const LcVerdict *verdict);
void       lc_verdict_pill_set (GtkLabel        *pill,
                                const LcVerdict *verdict);

G_END_DECLS
