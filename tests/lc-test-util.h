/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lc-import.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed with its contents at exit. */
char    *lc_test_make_tmpdir       (void);
/* Writes contents (len -1: NUL-terminated) into dir/name; returns the path. */
char    *lc_test_write_file        (const char *dir,
                                    const char *name,
                                    const char *contents,
                                    gssize      len);
/* SHA-256 of a file's bytes, or NULL when it does not exist. */
char    *lc_test_file_checksum     (const char *path);
/* Path of a file in ../shared/data, or NULL (and the test skipped with a
 * message) when the shared data folder is not there. */
char    *lc_test_shared_data_path  (const char *relative);
/* Runs liftcheck-cli with argv (NULL-terminated); returns its exit status and
 * fills stdout/stderr when asked. */
int      lc_test_run_cli           (char      **out_stdout,
                                    char      **out_stderr,
                                    const char *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;

/* A new, empty store in a fresh temporary directory. */
LcStore        *lc_test_new_store     (char       **out_path);
/* Writes text to a temporary file called name and imports it. */
LcImportResult *lc_test_import_text   (LcStore     *store,
                                       const char  *name,
                                       const char  *text,
                                       GError     **error);

G_END_DECLS
