/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "lc-chart.h"

G_BEGIN_DECLS

/* Space around the chart and between its parts, in logical pixels. */
#define LC_CHART_PADDING 16.0
#define LC_CHART_GAP 8.0

/* A context for text, with metrics that do not depend on hinting so the
 * layout functions (no cairo_t) and drawing agree to the pixel. cr may be
 * NULL to measure only. */
PangoContext *_lc_chart_text_context_new (cairo_t            *cr);
PangoLayout  *_lc_chart_text_layout      (PangoContext       *context,
                                          const LcChartStyle *style,
                                          double              scale,
                                          gboolean            bold,
                                          const char         *text);
void          _lc_chart_text_size        (PangoLayout        *layout,
                                          double             *width,
                                          double             *height);
void          _lc_chart_set_color        (cairo_t            *cr,
                                          const LcChartColor *color);
/* The coordinate moved so a line of width line_width along it covers
 * whole device pixels (crisp at scale 1 and 2). */
double        _lc_chart_snap_x           (cairo_t            *cr,
                                          double              x,
                                          double              line_width);
double        _lc_chart_snap_y           (cairo_t            *cr,
                                          double              y,
                                          double              line_width);

/* Title and subtitle at the top; returns the height they take (0 with
 * neither). cr NULL: measure only. */
double        _lc_chart_heading          (cairo_t            *cr,
                                          PangoContext       *context,
                                          const LcChartStyle *style,
                                          const char         *title,
                                          const char         *subtitle,
                                          double              width);
/* Text centred in the area, for charts without data. */
void          _lc_chart_draw_empty       (cairo_t            *cr,
                                          PangoContext       *context,
                                          const LcChartStyle *style,
                                          double              x,
                                          double              y,
                                          double              width,
                                          double              height);

typedef void (*LcChartDrawFunc) (cairo_t            *cr,
                                 double              width,
                                 double              height,
                                 const LcChartStyle *style,
                                 gconstpointer       chart);

GBytes       *_lc_chart_render           (LcChartDrawFunc     draw,
                                          gconstpointer       chart,
                                          const LcChartStyle *style,
                                          LcChartFormat       format,
                                          double              width,
                                          double              height,
                                          double              scale,
                                          GError            **error);
gboolean      _lc_chart_write            (GBytes             *bytes,
                                          const char         *path,
                                          GError            **error);

G_END_DECLS
