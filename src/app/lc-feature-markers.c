/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-feature-markers"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-feature.h"
#include "lc-feature-markers.h"

GArray *
lc_feature_markers_collect (const LcAnalysis *analysis,
                             const char       *feature,
                             LcDay             from,
                             LcDay             to,
                             GPtrArray        *labels)
{
  GArray *markers = g_array_new (FALSE, TRUE, sizeof (LcChartMarker));

  for (guint i = 0; i < analysis->spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (analysis->spans, i);
      const char *title = lc_feature_info_get_title (lc_feature_lookup (span->feature));
      LcChartMarker marker;

      if (feature != NULL && !g_str_equal (span->feature, feature))
        continue;

      if (span->on_day >= from && span->on_day <= to)
        {
          marker.day = span->on_day;
          marker.on = TRUE;
          /* Translators: a chart label; %s is a feature, "Cart bundles". */
          marker.label = g_strdup_printf (_("%s on"), title);
          g_ptr_array_add (labels, (char *) marker.label);
          g_array_append_val (markers, marker);
        }
      if (span->off_day != LC_DAY_NONE && span->off_day >= from && span->off_day <= to)
        {
          marker.day = span->off_day;
          marker.on = FALSE;
          /* Translators: a chart label; %s is a feature, "Cart bundles". */
          marker.label = g_strdup_printf (_("%s off"), title);
          g_ptr_array_add (labels, (char *) marker.label);
          g_array_append_val (markers, marker);
        }
    }
  return markers;
}
