/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-demo-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "lc-demo.h"
#include "lc-demo-store.h"
#include "lc-thread.h"

/* Progress is sent to the main context at most this often (as a fraction),
 * so a fast importer cannot flood it. */
#define PROGRESS_STEP 0.005

typedef struct
{
  char                 *path;
  LcImportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_destroy;
  double                last_sent;
} Prepare;

static void
prepare_free (Prepare *prepare)
{
  if (prepare->progress_data_destroy != NULL)
    prepare->progress_data_destroy (prepare->progress_data);
  g_free (prepare->path);
  g_free (prepare);
}

char *
lc_demo_store_dup_path (void)
{
  const char *override = g_getenv ("LIFTCHECK_DEMO_STORE");

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);

  return g_build_filename (g_get_user_data_dir (), "liftcheck", "demo.liftcheck", NULL);
}

static void
dispatch_progress (GTask  *task,
                   gint64  count,
                   double  fraction)
{
  Prepare *prepare = g_task_get_task_data (task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    prepare->progress (fraction, prepare->progress_data);
}

/* Runs in the worker thread. */
static void
on_progress (double   fraction,
             gpointer user_data)
{
  GTask *task = user_data;
  Prepare *prepare = g_task_get_task_data (task);

  if (prepare->progress == NULL)
    return;
  if (fraction < 1.0 && fraction - prepare->last_sent < PROGRESS_STEP)
    return;

  prepare->last_sent = fraction;
  lc_thread_send_progress (task, dispatch_progress, 0, CLAMP (fraction, 0.0, 1.0));
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Prepare *prepare = task_data;
  g_autofree char *folder = g_path_get_dirname (prepare->path);
  g_autofree char *base = g_path_get_basename (prepare->path);
  g_autofree char *work_dir = g_strdup_printf ("%s.XXXXXX", prepare->path);
  g_autofree char *work_path = NULL;
  g_autoptr(GError) error = NULL;
  LcDemoOptions options;
  int saved_errno;

  lc_thread_yield_to_ui ();

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s: %s", folder, g_strerror (saved_errno));
      return;
    }

  /* A private folder beside the target: same file system, so the final
   * rename is atomic, and a name no other run can be using. */
  if (g_mkdtemp_full (work_dir, 0700) == NULL)
    {
      saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s: %s", folder, g_strerror (saved_errno));
      return;
    }
  work_path = g_build_filename (work_dir, base, NULL);

  lc_demo_options_init (&options);

  if (!lc_demo_create_store (&options, work_path, NULL, NULL,
                             on_progress, task, cancellable, &error))
    {
      lc_store_remove_files (work_path);
      g_rmdir (work_dir);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      lc_store_remove_files (work_path);
      g_rmdir (work_dir);
      return;
    }

  if (g_rename (work_path, prepare->path) != 0)
    {
      saved_errno = errno;
      lc_store_remove_files (work_path);
      g_rmdir (work_dir);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s: %s", prepare->path, g_strerror (saved_errno));
      return;
    }

  lc_store_remove_files (work_path);
  g_rmdir (work_dir);
  g_task_return_boolean (task, TRUE);
}

void
lc_demo_store_prepare_async (const char           *path,
                             LcImportProgressFunc  progress,
                             gpointer              progress_data,
                             GDestroyNotify        progress_data_destroy,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Prepare *prepare;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  prepare = g_new0 (Prepare, 1);
  prepare->path = g_strdup (path);
  prepare->progress = progress;
  prepare->progress_data = progress_data;
  prepare->progress_data_destroy = progress_data_destroy;
  prepare->last_sent = -1.0;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_demo_store_prepare_async);
  g_task_set_task_data (task, prepare, (GDestroyNotify) prepare_free);
  g_task_run_in_thread (task, prepare_thread);
}

gboolean
lc_demo_store_prepare_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
