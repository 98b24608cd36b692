/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-fuzz"

#include "config.h"

#include <stdio.h>

#include <glib.h>

#include "lc-fuzz.h"

/* Replays inputs through a fuzz target without libFuzzer: every file named
 * on the command line, and every file in every folder named. Crash inputs
 * kept in tests/fuzz/regressions/ and the seed corpora run this way as
 * ordinary tests, with any compiler. */

static guint replayed;

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  replayed++;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
replay_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        replay_dir (child);
      else
        replay_file (child);
    }
}

int
main (int    argc,
      char **argv)
{
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        replay_dir (argv[i]);
      else if (g_file_test (argv[i], G_FILE_TEST_EXISTS))
        replay_file (argv[i]);
    }
  printf ("%u inputs replayed without a failure\n", replayed);
  return 0;
}
