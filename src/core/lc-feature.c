/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-feature"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lc-feature.h"

static const LcFeatureInfo features[] = {
  { "homepage-recs",        N_("Homepage recommendations"),        LC_FEATURE_KIND_BROWSE },
  { "product-page-recs",    N_("“Customers also viewed” on product pages"), LC_FEATURE_KIND_BROWSE },
  { "category-recs",        N_("Recommendations on category pages"), LC_FEATURE_KIND_BROWSE },
  { "browse-abandonment",   N_("Browse-abandonment messages"),     LC_FEATURE_KIND_BROWSE },
  { "cart-bundles",         N_("Cart bundles"),                    LC_FEATURE_KIND_CART },
  { "return-nudges",        N_("Return-prevention nudges"),        LC_FEATURE_KIND_CART },
  { "email-product-blocks", N_("Personalized product blocks in email"), LC_FEATURE_KIND_EMAIL },
  { "predictive-retention", N_("Predictive retention email"),      LC_FEATURE_KIND_RETENTION },
};

const LcFeatureInfo *
lc_feature_list (guint *n_features)
{
  if (n_features != NULL)
    *n_features = G_N_ELEMENTS (features);
  return features;
}

const LcFeatureInfo *
lc_feature_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (features); i++)
    if (g_str_equal (features[i].id, id))
      return &features[i];
  return NULL;
}

const char *
lc_feature_info_get_title (const LcFeatureInfo *info)
{
  return g_dgettext (GETTEXT_PACKAGE, info->title);
}

char *
lc_feature_dup_valid_ids (void)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      if (i > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, features[i].id);
    }
  return g_string_free (ids, FALSE);
}
