/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "lc-store.h"

G_BEGIN_DECLS

/* Internals shared by the core modules that read and write the store. */
sqlite3       *_lc_store_get_db        (LcStore     *self);
/* A cached prepared statement, reset and with bindings cleared. */
sqlite3_stmt  *_lc_store_prepare       (LcStore     *self,
                                        const char  *sql,
                                        GError     **error);
gboolean       _lc_store_exec          (LcStore     *self,
                                        const char  *sql,
                                        GError     **error);
gboolean       _lc_store_begin         (LcStore     *self,
                                        GError     **error);
gboolean       _lc_store_commit        (LcStore     *self,
                                        GError     **error);
void           _lc_store_rollback      (LcStore     *self);
gboolean       _lc_store_begin_bulk    (LcStore     *self);
void           _lc_store_end_bulk      (LcStore     *self);
void           _lc_store_set_error     (LcStore     *self,
                                        GError     **error);
/* The per-store salt for customer hashes (hex). */
const char    *_lc_store_get_salt      (LcStore     *self);
/* Records the store currency inside the current transaction. */
gboolean       _lc_store_set_currency  (LcStore     *self,
                                        const char  *currency,
                                        GError     **error);

G_END_DECLS
