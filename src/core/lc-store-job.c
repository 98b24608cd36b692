/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-store-job"

#include "config.h"

#include "lc-store-job.h"
#include "lc-thread.h"

typedef struct
{
  char           *store_path;
  LcStoreJobFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job->store_path);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(LcStore) store = NULL;
  GError *error = NULL;
  gpointer result;

  lc_thread_yield_to_ui ();

  /* Never created here: a store that vanished is an error to show. */
  store = lc_store_open (job->store_path, LC_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = job->func (store, job->data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

void
lc_store_job_run_async (const char          *store_path,
                        LcStoreJobFunc       func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->store_path = g_strdup (store_path);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_store_job_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

gpointer
lc_store_job_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
