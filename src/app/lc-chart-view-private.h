/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-chart-view.h"

G_BEGIN_DECLS

/* For the GUI tests: the table's list and the drawing. */
GtkListBox *_lc_chart_view_get_table        (LcChartView *self);
GtkWidget  *_lc_chart_view_get_drawing_area (LcChartView *self);

G_END_DECLS
