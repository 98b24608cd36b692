/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-chart-style"

#include "config.h"

#include "lc-chart-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

/* Colours from the GNOME palette and libadwaita 1.2's named colours: the
 * background is a card's, so a chart inside a .card blends in. Lines the
 * tests look at (grid, axis, markers) are opaque, so their pixels are
 * exactly the palette's. */
static const LcChartStyle light_style = {
  .dark = FALSE,
  .background = RGB (0xffffff),
  .text = RGB (0x2e2e2e),
  .dim_text = RGB (0x6a6a6a),
  .grid = RGB (0xebebeb),
  .axis = RGB (0xc0bfbc),
  .line = RGB (0x3584e4),
  .band = RGBA (0x3584e4, 0.16),
  .marker_on = RGB (0x26a269),
  .marker_off = RGB (0xe01b24),
  .before_window = RGBA (0x77767b, 0.10),
  .after_window = RGBA (0x2ec27e, 0.12),
  .bar = RGB (0x3584e4),
  .bar_highlight = RGB (0xe66100),
  .interval = RGB (0x5e5c64),
  .focus = RGB (0x1c71d8),
  .font_family = "Cantarell, sans-serif",
  .font_size = 12.0,
};

static const LcChartStyle dark_style = {
  .dark = TRUE,
  .background = RGB (0x363636),
  .text = RGB (0xffffff),
  .dim_text = RGB (0xb0b0b0),
  .grid = RGB (0x464646),
  .axis = RGB (0x6e6d71),
  .line = RGB (0x62a0ea),
  .band = RGBA (0x62a0ea, 0.22),
  .marker_on = RGB (0x57e389),
  .marker_off = RGB (0xff7b63),
  .before_window = RGBA (0xdeddda, 0.07),
  .after_window = RGBA (0x57e389, 0.10),
  .bar = RGB (0x62a0ea),
  .bar_highlight = RGB (0xffa348),
  .interval = RGB (0xdeddda),
  .focus = RGB (0x99c1f1),
  .font_family = "Cantarell, sans-serif",
  .font_size = 12.0,
};

const LcChartStyle *
lc_chart_style_get_light (void)
{
  return &light_style;
}

const LcChartStyle *
lc_chart_style_get_dark (void)
{
  return &dark_style;
}

const LcChartStyle *
lc_chart_style_get (gboolean dark)
{
  return dark ? &dark_style : &light_style;
}
