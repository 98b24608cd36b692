/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-import-private.h"

G_BEGIN_DECLS

/* The catalogue kind (Olist or Instacart products, Instacart aisles or
 * departments) this header is, or LC_IMPORT_KIND_UNKNOWN. */
LcImportKind _lc_catalogue_detect          (LcCsvReader      *reader);
/* Whether the kind's files describe products rather than orders. */
gboolean     _lc_import_kind_is_catalogue  (LcImportKind      kind);
/* Imports ctx's file as kind, a catalogue kind. */
gboolean     _lc_catalogue_import          (LcImportContext  *ctx,
                                            LcImportKind      kind,
                                            GError          **error);

G_END_DECLS
