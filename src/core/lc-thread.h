/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called first thing in a worker thread doing long work for a window
 * (an import, reading a store, writing a report): the thread, and those it
 * starts, ask for the CPU after everything else, so the window that waits
 * for it still answers at once on a busy machine. The work is as fast as
 * before on an idle one. */
void lc_thread_yield_to_ui (void);

G_END_DECLS
