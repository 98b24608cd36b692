/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-thread"

#include "config.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "lc-thread.h"

/* Below the window's priority; a thread cannot raise it back unprivileged,
 * which is fine for pool threads that only ever do background work. */
#define BACKGROUND_NICENESS 10

void
lc_thread_yield_to_ui (void)
{
#ifdef __linux__
  /* Linux keeps niceness per thread: this one, not the whole process. */
  if (getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)) < BACKGROUND_NICENESS)
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICENESS);
#endif
}

typedef struct
{
  GTask                *task;
  LcThreadProgressFunc  deliver;
  gint64                count;
  double                fraction;
} ProgressReport;

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->deliver (report->task, report->count, report->fraction);
  return G_SOURCE_REMOVE;
}

void
lc_thread_send_progress (GTask                *task,
                         LcThreadProgressFunc  deliver,
                         gint64                count,
                         double                fraction)
{
  g_autoptr(GSource) source = NULL;
  ProgressReport *report;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (deliver != NULL);

  report = g_new (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->deliver = deliver;
  report->count = count;
  report->fraction = fraction;
  /* Always a source, never g_main_context_invoke(): that calls deliver
   * right here, in the worker, when the worker's default context is the
   * task's and nobody holds it at that moment (between two iterations). At
   * the task's own priority, so reports come before its result. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, report, (GDestroyNotify) progress_report_free);
  g_source_set_static_name (source, "[liftcheck] progress");
  g_source_attach (source, g_task_get_context (task));
}
