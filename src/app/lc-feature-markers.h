/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-analysis.h"
#include "lc-chart.h"

G_BEGIN_DECLS

/* Chart markers for the days a feature (NULL: any) was switched on or off
 * between from and to, labelled "Cart bundles on"; element type
 * LcChartMarker. The labels live in labels: free it once the markers are
 * handed to a chart, which copies them. */
GArray *lc_feature_markers_collect (const LcAnalysis *analysis,
                                    const char       *feature,
                                    LcDay             from,
                                    LcDay             to,
                                    GPtrArray        *labels);

G_END_DECLS
