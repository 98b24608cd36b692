/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lc-store.h"

G_BEGIN_DECLS

/* A read of the store that may take seconds (the analysis, returns,
 * bundles, tests):
 * runs func in a worker thread on its own connection to the store at
 * store_path, so the window never waits for it. func returns the result
 * (freed with result_free when nobody takes it) or NULL with error set. */
typedef gpointer (*LcStoreJobFunc) (LcStore       *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

void     lc_store_job_run_async (const char          *store_path,
                                 LcStoreJobFunc       func,
                                 gpointer             data,
                                 GDestroyNotify       data_free,
                                 GDestroyNotify       result_free,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* The result, owned by the caller. */
gpointer lc_store_job_finish    (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
