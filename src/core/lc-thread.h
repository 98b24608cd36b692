/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Called first thing in a worker thread doing long work for a window
 * (an import, reading a store, writing a report): the thread, and those it
 * starts, ask for the CPU after everything else, so the window that waits
 * for it still answers at once on a busy machine. The work is as fast as
 * before on an idle one. */
void lc_thread_yield_to_ui (void);

/* Delivers a report of lc_thread_send_progress(), in the task's context. */
typedef void (*LcThreadProgressFunc) (GTask   *task,
                                      gint64   count,
                                      double   fraction);

/* Hands a worker thread's progress (a count, such as orders read, and a
 * fraction done) to the main context the task was made in, where deliver
 * gets it: reports arrive in the order they were sent and before the
 * task's result, each keeping the task (and its task data) alive until it
 * is delivered. Callable from any
 * thread; it never waits for the main context, so the worker goes on (and
 * sees a cancel) at once. The worker decides how often it reports. */
void lc_thread_send_progress (GTask                *task,
                              LcThreadProgressFunc  deliver,
                              gint64                count,
                              double                fraction);

G_END_DECLS
