/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A colour with straight (not premultiplied) alpha, components 0..1. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} LcChartColor;

/*
 * What a chart is drawn with: the libadwaita palette for light or dark
 * style. The app picks one from AdwStyleManager; exports and the PDF
 * report use the light one. Sizes are in logical pixels (points on PDF).
 */
typedef struct
{
  gboolean     dark;
  LcChartColor background;
  LcChartColor text;           /* title, values */
  LcChartColor dim_text;       /* subtitle, tick labels */
  LcChartColor grid;           /* horizontal value grid, opaque */
  LcChartColor axis;           /* the baseline, opaque */
  LcChartColor line;           /* the series line and points: the accent */
  LcChartColor band;           /* normal variation or confidence interval */
  LcChartColor marker_on;      /* a feature switched on */
  LcChartColor marker_off;     /* a feature switched off */
  LcChartColor before_window;  /* shade of the "before" window */
  LcChartColor after_window;   /* shade of the "after" window */
  LcChartColor bar;
  LcChartColor bar_highlight;  /* a highlighted (flagged) bar */
  LcChartColor interval;       /* whiskers of a bar's interval, reference lines */
  LcChartColor focus;          /* the focused or hovered point */
  const char  *font_family;
  double       font_size;      /* body text, in pixels */
} LcChartStyle;

/* The built-in palettes; never NULL, never freed. */
const LcChartStyle *lc_chart_style_get_light (void);
const LcChartStyle *lc_chart_style_get_dark  (void);
const LcChartStyle *lc_chart_style_get       (gboolean dark);

G_END_DECLS
