/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-import-private.h"

G_BEGIN_DECLS

/* The kind of half-order file (Olist orders or order items, Instacart
 * order products) this header is, or LC_IMPORT_KIND_UNKNOWN. */
LcImportKind _lc_pending_detect          (LcCsvReader      *reader);
/* Whether the kind's files hold half of each order. */
gboolean     _lc_import_kind_is_pending  (LcImportKind      kind);
/* Imports ctx's file as kind, a half-order kind: its halves wait in
 * pending_orders or pending_lines, and the orders whose halves are both
 * in go through the order writer. */
gboolean     _lc_pending_import          (LcImportContext  *ctx,
                                          LcImportKind      kind,
                                          GError          **error);

G_END_DECLS
