/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lc-import.h"

G_BEGIN_DECLS

/* Where the demo store lives: $LIFTCHECK_DEMO_STORE, or
 * g_get_user_data_dir()/liftcheck/demo.liftcheck. */
char     *lc_demo_store_dup_path       (void);

/*
 * Makes the demo store at path with the default demo options, in a worker
 * thread. It is built beside path and moved into place only when complete,
 * so a cancelled or failed run leaves nothing behind. progress is invoked in
 * the caller's thread-default main context.
 */
void      lc_demo_store_prepare_async  (const char            *path,
                                        LcImportProgressFunc   progress,
                                        gpointer               progress_data,
                                        GDestroyNotify         progress_data_destroy,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
gboolean  lc_demo_store_prepare_finish (GAsyncResult          *result,
                                        GError               **error);

G_END_DECLS
