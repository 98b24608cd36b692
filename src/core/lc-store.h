/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lc-date.h"

G_BEGIN_DECLS

#define LC_STORE_ERROR (lc_store_error_quark ())

typedef enum
{
  LC_STORE_ERROR_NOT_FOUND,     /* no such file and creation not asked for */
  LC_STORE_ERROR_NOT_A_STORE,   /* the file is not a Liftcheck store */
  LC_STORE_ERROR_TOO_NEW,       /* made by a newer Liftcheck: refused, untouched */
  LC_STORE_ERROR_CORRUPT,       /* a damaged store */
  LC_STORE_ERROR_READ_ONLY,     /* the file or its folder cannot be written */
  LC_STORE_ERROR_FAILED,        /* any other SQLite failure */
  LC_STORE_ERROR_INVALID,       /* a request the store's rules refuse (overlapping spans...) */
} LcStoreError;

typedef enum
{
  LC_STORE_OPEN_DEFAULT = 0,
  LC_STORE_OPEN_CREATE  = 1 << 0,  /* create the file if it does not exist */
} LcStoreOpenFlags;

/* The schema version this build writes. */
#define LC_STORE_SCHEMA_VERSION 6

/* An open store file. Use each LcStore from one thread at a time; a worker
 * thread opens its own (as lc_import_files_async() does). */
#define LC_TYPE_STORE (lc_store_get_type ())
G_DECLARE_FINAL_TYPE (LcStore, lc_store, LC, STORE, GObject)

/* One span of a feature being on: from on_day (the first day with it) until
 * off_day (the day it was switched off, the first day without it), or
 * LC_DAY_NONE while it is still on. */
#define LC_DAY_NONE G_MININT32

typedef struct
{
  gint64  id;
  char   *feature;        /* an id from lc-feature.h */
  LcDay   on_day;
  LcDay   off_day;        /* first day off; LC_DAY_NONE when still on */
  gint64  monthly_cost;   /* minor units of the store currency; -1 when unknown */
} LcFeatureSpan;

void         lc_feature_span_free        (LcFeatureSpan *span);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcFeatureSpan, lc_feature_span_free)

typedef struct
{
  gint64  id;
  char   *file_name;      /* base name only */
  char   *sha256;
  char   *kind;           /* "shopify-orders", ... */
  gint64  rows;
  gint64  orders_added;
  gint64  orders_updated;
  gint64  imported_utc;
} LcImportRecord;

void         lc_import_record_free       (LcImportRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcImportRecord, lc_import_record_free)

GQuark       lc_store_error_quark        (void);

LcStore     *lc_store_open               (const char       *path,
                                          LcStoreOpenFlags  flags,
                                          GError          **error);
const char  *lc_store_get_path           (LcStore          *self);
/* The ISO currency of the store's orders, or NULL while it has none. */
const char  *lc_store_get_currency       (LcStore          *self);
guint        lc_store_get_exponent       (LcStore          *self);
gint64       lc_store_count_orders       (LcStore          *self);

/* Settings and wizard answers: string values by key. */
char        *lc_store_dup_setting        (LcStore          *self,
                                          const char       *key);
gboolean     lc_store_set_setting        (LcStore          *self,
                                          const char       *key,
                                          const char       *value,
                                          GError          **error);

/* The feature timeline. A span starting on the same day as an existing one
 * of the same feature replaces it (so the day it was switched off can be
 * added later); one overlapping another span of that feature is refused with
 * LC_STORE_ERROR_INVALID. monthly_cost -1 keeps a replaced span's cost. */
gboolean     lc_store_add_feature_span   (LcStore          *self,
                                          const char       *feature,
                                          LcDay             on_day,
                                          LcDay             off_day,
                                          gint64            monthly_cost,
                                          GError          **error);
/* The first day feature was ever switched on, in *out; LC_DAY_NONE when no
 * switch is recorded. FALSE only when the store cannot be read. */
gboolean     lc_store_find_first_switch_on (LcStore    *self,
                                            const char *feature,
                                            LcDay      *out,
                                            GError    **error);
/* Element type LcFeatureSpan, ordered by on_day. */
GPtrArray   *lc_store_list_feature_spans (LcStore          *self,
                                          GError          **error);
/* Element type LcImportRecord, oldest first. */
GPtrArray   *lc_store_list_imports       (LcStore          *self,
                                          GError          **error);

/* SQLite's quick check of every page of the store. A damaged store gives
 * LC_STORE_ERROR_CORRUPT, whose message names the backup when there is one.
 * Reads the whole file: for "check" commands, not for every open. */
gboolean     lc_store_check              (LcStore          *self,
                                          GError          **error);
/* The newest backup (PATH.vN.bak) that an upgrade left beside the store at
 * path, or NULL. */
char        *lc_store_find_backup        (const char       *path);
/* Puts the newest backup back in place of the store at path, which is kept
 * as PATH.damaged (with its log and journal). The restored store is opened
 * (upgraded if need be) and checked. out_backup: the backup used. */
gboolean     lc_store_restore_backup     (const char       *path,
                                          char            **out_backup,
                                          GError          **error);
/* Deletes the store file at path with the files SQLite keeps beside it
 * (write-ahead log, its index, rollback journal). For a store nothing has
 * open, such as one made for an import that failed. */
void         lc_store_remove_files       (const char       *path);

G_END_DECLS
