/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-import-private.h"
#include "lc-mapping.h"

G_BEGIN_DECLS

/* "Order #" -> "order": lower case, letters and digits only. */
char      *_lc_mapping_fold_name      (const char   *name);
/* The reader's header names, NULL-terminated. */
char     **_lc_mapping_dup_columns    (LcCsvReader  *reader);
/* Money and quantities as mapped files write them; *detail (translated)
 * says what was expected when FALSE. */
gboolean   _lc_mapping_parse_amount   (const char   *text,
                                       guint         exponent,
                                       gint64       *out,
                                       char        **detail);
gboolean   _lc_mapping_parse_quantity (const char   *text,
                                       gboolean      allow_negative,
                                       gint64       *out,
                                       char        **detail);

/* A built-in kind of mapped export this header is, or
 * LC_IMPORT_KIND_UNKNOWN. */
LcImportKind _lc_mapped_detect        (LcCsvReader  *reader);
/* Imports ctx's file as kind (a built-in one, or LC_IMPORT_KIND_MAPPED
 * with mapping). */
gboolean   _lc_mapped_import          (LcImportContext  *ctx,
                                       LcImportKind      kind,
                                       const LcMapping  *mapping,
                                       GError          **error);
/* For a file no kind or mapping reads: a refusal (LC_IMPORT_ERROR_WRONG_KIND)
 * when its header shows orders that lack what Liftcheck needs (amounts,
 * dates). FALSE, error unset, when it does not. */
gboolean   _lc_mapped_explain_unusable (LcCsvReader *reader,
                                        GError     **error);

G_END_DECLS
