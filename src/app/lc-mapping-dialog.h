/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lc-mapping.h"

G_BEGIN_DECLS

#define LC_TYPE_MAPPING_DIALOG (lc_mapping_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LcMappingDialog, lc_mapping_dialog, LC, MAPPING_DIALOG, AdwWindow)

/*
 * Asks which column of a file Liftcheck does not know holds each thing it
 * needs: a row per field with the guessed column chosen, the date format
 * when the dates could be read two ways, the currency when the file does
 * not say it, and a preview of the first rows as they would be imported.
 * Import is possible once the needed fields are chosen and the preview
 * reads.
 *
 * "import" is emitted when the owner presses Import (then the dialog
 * closes; lc_mapping_dialog_dup_mapping() gives the choice); "cancelled"
 * when the dialog closes any other way.
 *
 * sample: the file's first rows (the dialog takes it). store_currency: the
 * currency of the store's orders, NULL when it has none yet.
 */
LcMappingDialog *lc_mapping_dialog_new          (GtkWindow       *parent,
                                                 LcCsvSample     *sample,
                                                 const char      *store_currency);
/* The path of the file being mapped. */
const char      *lc_mapping_dialog_get_path     (LcMappingDialog *self);
/* The mapping as chosen, with its date order and currency. */
LcMapping       *lc_mapping_dialog_dup_mapping  (LcMappingDialog *self);

/* For the GUI tests and screenshots: what the owner sees and does. */
AdwComboRow     *lc_mapping_dialog_get_field_row (LcMappingDialog *self,
                                                  LcMappingField   field);
AdwComboRow     *lc_mapping_dialog_get_date_row  (LcMappingDialog *self);
AdwComboRow     *lc_mapping_dialog_get_currency_row (LcMappingDialog *self);
GtkButton       *lc_mapping_dialog_get_import_button (LcMappingDialog *self);
GtkButton       *lc_mapping_dialog_get_cancel_button (LcMappingDialog *self);
/* The preview's rows on show, and a cell's text ("" when empty, NULL past
 * the end or for an unmapped field); whether the cell shows a problem. */
guint            lc_mapping_dialog_get_n_preview_rows (LcMappingDialog *self);
const char      *lc_mapping_dialog_get_preview_text (LcMappingDialog *self,
                                                     guint            row,
                                                     LcMappingField   field,
                                                     gboolean        *is_error);
/* The sentence under the preview: what is missing, the first problem, or
 * that the rows read well. */
const char      *lc_mapping_dialog_get_status    (LcMappingDialog *self);

G_END_DECLS
