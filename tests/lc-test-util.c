/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test"

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "lc-test-util.h"

static GPtrArray *tmpdirs;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_tree (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (g_ptr_array_index (tmpdirs, i));

      if (g_getenv ("LC_TEST_KEEP_TMP") == NULL)
        remove_tree (dir);
    }
}

char *
lc_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("liftcheck-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

char *
lc_test_write_file (const char *dir,
                    const char *name,
                    const char *contents,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

char *
lc_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

char *
lc_test_shared_data_path (const char *relative)
{
  const char *root = g_getenv ("LC_SHARED_DATA");
  g_autofree char *path = NULL;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data is not available");
      return NULL;
    }
  path = g_build_filename (root, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("%s is not in ../shared/data", relative);
      return NULL;
    }
  return g_steal_pointer (&path);
}

int
lc_test_run_cli (char      **out_stdout,
                 char      **out_stderr,
                 const char *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("LC_CLI");
  const char *arg;
  int status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Output nobody asked for would corrupt the TAP stream. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                (out_stdout == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0) |
                (out_stderr == NULL ? G_SPAWN_STDERR_TO_DEV_NULL : 0),
                NULL, NULL,
                out_stdout, out_stderr, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return -1;
}

LcStore *
lc_test_new_store (char **out_path)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "test.liftcheck", NULL);
  g_autoptr(GError) error = NULL;
  LcStore *store = lc_store_open (path, LC_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return store;
}

LcImportResult *
lc_test_import_text (LcStore     *store,
                     const char  *name,
                     const char  *text,
                     GError     **error)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = lc_test_write_file (dir, name, text, -1);
  const char *paths[] = { path, NULL };

  return lc_store_import_files (store, paths, NULL, NULL, NULL, error);
}
