/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LC_FEATURE_KIND_BROWSE,
  LC_FEATURE_KIND_CART,
  LC_FEATURE_KIND_EMAIL,
  LC_FEATURE_KIND_RETENTION,
} LcFeatureKind;

typedef struct
{
  const char    *id;     /* "cart-bundles" */
  const char    *title;  /* untranslated; use lc_feature_info_get_title() */
  LcFeatureKind  kind;
} LcFeatureInfo;

/* The features of PLAYBOOK.md, in display order. */
const LcFeatureInfo *lc_feature_list        (guint *n_features);
const LcFeatureInfo *lc_feature_lookup      (const char *id);
/* Translated title, e.g. "Cart bundles". */
const char          *lc_feature_info_get_title (const LcFeatureInfo *info);
/* "homepage-recs, product-page-recs, ..." for error messages. */
char                *lc_feature_dup_valid_ids (void);

G_END_DECLS
