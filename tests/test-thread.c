/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <gio/gio.h>

#include "lc-rules.h"
#include "lc-thread.h"

#define N_REPORTS 200
/* Far longer than any run: reached only when cancel is not seen. */
#define MAX_REPORTS 100000
/* Threads that read the rules at once, and fresh processes to do it in:
 * the race it guards against showed in about 4 runs out of 10. */
#define N_READERS 8
#define N_PROCESSES 20

/* The test's own record of a run; the task's data points to it, and
 * "freed" says the task let go of its data. */
typedef struct
{
  GThread  *main_thread;
  GArray   *counts;
  GArray   *fractions;
  gint      freed;
  gboolean  done;
  GError   *error;
} Run;

static void
run_init (Run *run)
{
  run->main_thread = g_thread_self ();
  run->counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
run_clear (Run *run)
{
  g_array_unref (run->counts);
  g_array_unref (run->fractions);
  g_clear_error (&run->error);
}

static void
mark_freed (gpointer data)
{
  Run *run = data;

  g_atomic_int_set (&run->freed, TRUE);
}

/* The task lets go of its data with its last reference, which may be the
 * worker's, after the last report: nothing wakes the context then. */
static void
wait_until_freed (Run          *run,
                  GMainContext *context)
{
  while (!g_atomic_int_get (&run->freed))
    {
      g_main_context_iteration (context, FALSE);
      g_usleep (1000);
    }
}

static void
deliver (GTask  *task,
         gint64  count,
         double  fraction)
{
  Run *run = g_task_get_task_data (task);

  /* In the thread of the context the task was made in, with its data. */
  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_false (g_atomic_int_get (&run->freed));
  g_array_append_val (run->counts, count);
  g_array_append_val (run->fractions, fraction);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  for (gint64 i = 1; i <= N_REPORTS; i++)
    lc_thread_send_progress (task, deliver, i, (double) i / N_REPORTS);
  g_task_return_boolean (task, TRUE);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  g_task_propagate_boolean (G_TASK (result), &run->error);
  run->done = TRUE;
}

static GTask *
run_task_new (Run          *run,
              GCancellable *cancellable)
{
  GTask *task = g_task_new (NULL, cancellable, on_done, run);

  g_task_set_task_data (task, run, mark_freed);
  return task;
}

static void
assert_all_delivered (Run *run)
{
  g_assert_no_error (run->error);
  g_assert_cmpuint (run->counts->len, ==, N_REPORTS);
  for (guint i = 0; i < N_REPORTS; i++)
    {
      g_assert_cmpint (g_array_index (run->counts, gint64, i), ==, i + 1);
      g_assert_cmpfloat (g_array_index (run->fractions, double, i), ==, (double) (i + 1) / N_REPORTS);
    }
}

/* Every report reaches the main thread, in order, and the task's data
 * lives until the last one is delivered, even when the worker has long
 * returned and the caller has dropped the task. */
static void
test_progress_reaches_main_thread_in_order (void)
{
  Run run = { 0 };
  GTask *task;

  run_init (&run);
  task = run_task_new (&run, NULL);
  g_task_run_in_thread (task, report_thread);
  g_object_unref (task);

  while (!run.done || run.counts->len < N_REPORTS)
    g_main_context_iteration (NULL, TRUE);
  assert_all_delivered (&run);
  wait_until_freed (&run, NULL);
  run_clear (&run);
}

static gboolean
count_default_reports (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A task made while another context is the thread's default (as libsoup
 * and the tests do) reports there, not to the global default context. */
static void
test_progress_goes_to_the_task_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  gboolean default_ran = FALSE;
  Run run = { 0 };
  GTask *task;

  run_init (&run);
  g_main_context_push_thread_default (context);
  task = run_task_new (&run, NULL);
  g_main_context_pop_thread_default (context);
  g_task_run_in_thread (task, report_thread);
  g_object_unref (task);

  /* The default context runs a while: none of the reports come there. */
  g_timeout_add (100, count_default_reports, &default_ran);
  while (!default_ran)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (run.counts->len, ==, 0);

  while (!run.done || run.counts->len < N_REPORTS)
    g_main_context_iteration (context, TRUE);
  assert_all_delivered (&run);
  wait_until_freed (&run, context);
  run_clear (&run);
}

static void
cancel_on_first (GTask  *task,
                 gint64  count,
                 double  fraction)
{
  deliver (task, count, fraction);
  g_cancellable_cancel (g_task_get_cancellable (task));
}

static void
until_cancelled_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;

  for (gint64 i = 1; i <= MAX_REPORTS; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      lc_thread_send_progress (task, cancel_on_first, i, 0.0);
      g_usleep (100);
    }
  g_task_return_boolean (task, TRUE);
}

/* Sending never waits for the main thread: a worker that reports as it
 * goes sees the owner's cancel from a report's delivery, and stops. */
static void
test_worker_sees_cancel_while_reporting (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };
  GTask *task;

  run_init (&run);
  task = run_task_new (&run, cancellable);
  g_task_run_in_thread (task, until_cancelled_thread);
  g_object_unref (task);

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.counts->len, >=, 1);
  g_assert_cmpuint (run.counts->len, <, MAX_REPORTS);
  wait_until_freed (&run, NULL);
  run_clear (&run);
}

static gint readers_go;

static gpointer
read_rules (gpointer data)
{
  LcRules *rules = data;

  while (!g_atomic_int_get (&readers_go))
    g_thread_yield ();
  lc_rules_init_defaults (rules);
  return NULL;
}

/* Worker threads that each open the store read the rule table at the same
 * moment, the first time the process reads it (as the report's do): every
 * one gets the table. */
static void
test_rules_read_in_threads_at_once (void)
{
  if (g_test_subprocess ())
    {
      GThread *threads[N_READERS];
      LcRules rules[N_READERS];

      for (guint i = 0; i < N_READERS; i++)
        threads[i] = g_thread_new ("lc-test-rules", read_rules, &rules[i]);
      g_atomic_int_set (&readers_go, TRUE);
      for (guint i = 0; i < N_READERS; i++)
        {
          g_thread_join (threads[i]);
          g_assert_cmpfloat (rules[i].tier_2m, >, 0);
          g_assert_cmpmem (&rules[i], sizeof (LcRules), &rules[0], sizeof (LcRules));
        }
      return;
    }

  /* A fresh process each time: only the first read races. */
  for (guint i = 0; i < N_PROCESSES; i++)
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lc/thread/progress-reaches-main-thread-in-order", test_progress_reaches_main_thread_in_order);
  g_test_add_func ("/lc/thread/progress-goes-to-the-task-context", test_progress_goes_to_the_task_context);
  g_test_add_func ("/lc/thread/worker-sees-cancel-while-reporting", test_worker_sees_cancel_while_reporting);
  g_test_add_func ("/lc/thread/rules-read-in-threads-at-once", test_rules_read_in_threads_at_once);

  return g_test_run ();
}
