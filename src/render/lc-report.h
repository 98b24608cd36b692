/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lc-analysis.h"
#include "lc-chart.h"
#include "lc-store.h"

G_BEGIN_DECLS

/*
 * The consultant's report: a multi-page PDF drawn with cairo and pango
 * (fonts embedded, text selectable) from one store. A cover with the
 * store's size, the headline numbers against the year before, the charts,
 * one section per feature with its verdict, evidence and reasons, bundle
 * candidates, return risks, the tests to run next, the review dates and
 * how the numbers are computed. It never holds customer data: only
 * figures, product names and SKUs.
 */

#define LC_REPORT_ERROR (lc_report_error_quark ())

typedef enum
{
  LC_REPORT_ERROR_FAILED,      /* cairo could not draw or the file could not be written */
  LC_REPORT_ERROR_NO_ORDERS,   /* nothing to report on */
} LcReportError;

typedef enum
{
  LC_PAPER_A4,
  LC_PAPER_LETTER,
} LcPaper;

typedef struct
{
  LcPaper     paper;
  const char *store_name;    /* for the cover; NULL: the store file's name */
} LcReportOptions;

/* fraction 0..1; called in the thread that writes the report. */
typedef void (*LcReportProgressFunc) (double   fraction,
                                      gpointer user_data);

GQuark      lc_report_error_quark      (void);

/* The paper of the user's LC_PAPER locale (setlocale (LC_PAPER, "") first):
 * Letter where the locale says 216 x 279 mm (US, Canada…), A4 otherwise. */
LcPaper     lc_paper_from_locale       (void);
gboolean    lc_paper_from_string       (const char *text,
                                        LcPaper    *out);
/* The page in PDF points (1/72 inch). */
void        lc_paper_get_size          (LcPaper     paper,
                                        double     *width,
                                        double     *height);

/* The paper of the locale; the store file's name. */
void        lc_report_options_init     (LcReportOptions *options);

/* Analyses the store and writes the report to path (replaced whole, or
 * left as it was on error or cancellation). options NULL: defaults. */
gboolean    lc_report_write            (LcStore                *store,
                                        const char             *path,
                                        const LcReportOptions  *options,
                                        LcReportProgressFunc    progress,
                                        gpointer                progress_data,
                                        GCancellable           *cancellable,
                                        GError                **error);
/* The same from an analysis the caller already has (the app's); the store
 * still gives bundles, returns and test durations. */
gboolean    lc_report_write_analysis   (LcStore                *store,
                                        const LcAnalysis       *analysis,
                                        const char             *path,
                                        const LcReportOptions  *options,
                                        LcReportProgressFunc    progress,
                                        gpointer                progress_data,
                                        GCancellable           *cancellable,
                                        GError                **error);

/* In a worker thread with its own connection to the store at store_path.
 * progress is called in the thread-default main context of the caller
 * (the app's main loop), so it can touch widgets; options are copied. */
void        lc_report_write_async      (const char             *store_path,
                                        const char             *path,
                                        const LcReportOptions  *options,
                                        LcReportProgressFunc    progress,
                                        gpointer                progress_data,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
gboolean    lc_report_write_finish     (GAsyncResult           *result,
                                        GError                **error);

/* A chart of series (element type LcSeriesPoint) by period as the report
 * and the app draw it: titled, with the store's normal variation band, and
 * a marker for each day a feature (only `feature`, unless NULL) in spans
 * (LcFeatureSpan; NULL for none) was switched on or off. */
LcTimeChart *lc_report_metric_chart    (GArray     *series,
                                        LcMetric    metric,
                                        LcPeriod    period,
                                        const char *currency,
                                        guint       exponent,
                                        GPtrArray  *spans,
                                        const char *feature,
                                        const char *subtitle);

G_END_DECLS
