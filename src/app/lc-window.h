/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-application.h"
#include "lc-store.h"
#include "lc-preferences-window.h"
#include "lc-shopify-dialog.h"
#include "lc-wizard.h"

G_BEGIN_DECLS

#define LC_TYPE_WINDOW (lc_window_get_type ())
G_DECLARE_FINAL_TYPE (LcWindow, lc_window, LC, WINDOW, AdwApplicationWindow)

/* application may be NULL (the GUI tests build windows on their own). */
LcWindow *lc_window_new       (LcApplication *application);
/* The open store, or NULL while the welcome page shows. */
LcStore  *lc_window_get_store (LcWindow      *self);
/* Opens a store file and shows its overview. On failure an error dialog
 * says what went wrong and what to do, the window keeps what it showed,
 * and FALSE is returned. */
gboolean  lc_window_open_file (LcWindow      *self,
                               GFile         *file);
/* Opens the demo store, preparing it first (in a worker thread, with a
 * progress bar) when it does not exist yet. */
void      lc_window_open_demo (LcWindow      *self);
/* Imports export files into the open store, or, with none open, asks where
 * to keep a new store first. Runs in a worker thread with a progress bar
 * and Cancel; the result shows in a toast, a failure in a dialog. */
void      lc_window_import_files (LcWindow   *self,
                                  GListModel *files);
/* The same, into the store at store_path (created when missing, and
 * removed again when the import fails). */
void      lc_window_import_into  (LcWindow           *self,
                                  const char * const *paths,
                                  const char         *store_path);
/* Opens the store-size wizard on the open store (NULL without one). */
LcWizard *lc_window_run_wizard (LcWindow     *self);
/* Opens the open store's preferences (NULL without one). */
LcPreferencesWindow *lc_window_show_preferences (LcWindow *self);
/* Writes the consultant's PDF report in a worker thread, with progress and
 * Cancel in the window; a toast says where it went. */
void      lc_window_export_report   (LcWindow   *self,
                                     const char *path);
/* Writes the verdict table as CSV. */
gboolean  lc_window_export_verdicts (LcWindow    *self,
                                     const char  *path,
                                     GError     **error);
/* Opens the Connect Shopify dialog. Connect syncs into the open store, or,
 * with none open or one that syncs with another shop, asks where to keep a
 * new store first; the token is kept in the keyring once Shopify accepted
 * it. */
LcShopifyDialog *lc_window_connect_shopify (LcWindow *self);
/* Syncs the open store with its shop in a worker thread, with progress and
 * Cancel, taking the token from the keyring (or asking for it). */
void      lc_window_sync_shopify    (LcWindow   *self);
/* Reads the open store's figures again. */
void      lc_window_reload    (LcWindow      *self);
/* Whether the store is being read, files imported, a report written, a
 * shop synced or the keyring asked. */
gboolean  lc_window_is_busy   (LcWindow      *self);

G_END_DECLS
