/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-import.h"

G_BEGIN_DECLS

typedef struct
{
  guint  seed;            /* default 1 */
  double orders_per_day;  /* average before seasonality and growth; default 120 */
  double years;           /* default 2 */
  LcDay  end_day;         /* last day of orders; default 2026-10-31 */
} LcDemoOptions;

void     lc_demo_options_init  (LcDemoOptions *options);

/*
 * Writes a deterministic, realistic store as a byte-exact 79-column Shopify
 * "Export orders" CSV (newest first), and its planted truth as JSON.
 * The same options always give the same bytes.
 */
gboolean lc_demo_write_csv     (const LcDemoOptions *options,
                                const char          *csv_path,
                                const char          *truth_path,  /* nullable */
                                GCancellable        *cancellable,
                                GError             **error);

/*
 * Creates (or fills) the store at store_path with the demo: writes the CSV
 * (to csv_path, or a temporary file that is removed afterwards), imports it
 * through the real Shopify importer, and records the feature timeline.
 */
gboolean lc_demo_create_store  (const LcDemoOptions  *options,
                                const char           *store_path,
                                const char           *csv_path,    /* nullable */
                                const char           *truth_path,  /* nullable */
                                LcImportProgressFunc  progress,
                                gpointer              progress_data,
                                GCancellable         *cancellable,
                                GError              **error);

G_END_DECLS
