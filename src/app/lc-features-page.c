/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-features-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-feature-page.h"
#include "lc-feature.h"
#include "lc-features-page-private.h"
#include "lc-verdict.h"

struct _LcFeaturesPage
{
  AdwBin            parent_instance;

  LcStore          *store;
  const LcAnalysis *analysis;
  GPtrArray        *rows;

  GtkStack         *stack;
  GtkLabel         *tier_label;
  GtkListBox       *list_box;
  LcFeaturePage    *feature_page;
};

G_DEFINE_FINAL_TYPE (LcFeaturesPage, lc_features_page, ADW_TYPE_BIN)

enum {
  STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row (const LcFeatureInfo *info,
            const LcVerdict     *verdict)
{
  GtkWidget *row = adw_action_row_new ();
  const char *reason = verdict->reasons->len > 0 ? g_ptr_array_index (verdict->reasons, 0) : NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lc_feature_info_get_title (info));
  if (reason != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), lc_verdict_pill_new (verdict));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "feature", g_strdup (info->id), g_free);
  return row;
}

static void
on_row_activated (LcFeaturesPage *self,
                  GtkListBoxRow  *row,
                  GtkListBox     *list_box)
{
  const char *feature = g_object_get_data (G_OBJECT (row), "feature");

  if (feature != NULL)
    lc_features_page_show_feature (self, feature);
}

static void
on_store_changed (LcFeaturesPage *self,
                  LcFeaturePage  *page)
{
  g_signal_emit (self, signals[STORE_CHANGED], 0);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lc_features_page_show_list (LC_FEATURES_PAGE (widget));
}

static void
lc_features_page_dispose (GObject *object)
{
  LcFeaturesPage *self = LC_FEATURES_PAGE (object);

  g_clear_object (&self->store);
  self->analysis = NULL;

  G_OBJECT_CLASS (lc_features_page_parent_class)->dispose (object);
}

static void
lc_features_page_finalize (GObject *object)
{
  LcFeaturesPage *self = LC_FEATURES_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_features_page_parent_class)->finalize (object);
}

static void
lc_features_page_class_init (LcFeaturesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_features_page_dispose;
  object_class->finalize = lc_features_page_finalize;

  signals[STORE_CHANGED] =
    g_signal_new ("store-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (LC_TYPE_FEATURE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-features-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcFeaturesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturesPage, tier_label);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, LcFeaturesPage, feature_page);
  gtk_widget_class_bind_template_callback (widget_class, on_store_changed);

  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);


  gtk_widget_class_install_action (widget_class, "features.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "features.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "features.back", NULL);
}

static void
lc_features_page_init (LcFeaturesPage *self)
{
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_features_page_new (void)
{
  return g_object_new (LC_TYPE_FEATURES_PAGE, NULL);
}

void
lc_features_page_set_analysis (LcFeaturesPage   *self,
                               LcStore          *store,
                               const LcAnalysis *analysis)
{
  const LcFeatureInfo *features;
  const char *shown;
  guint n_features;

  g_return_if_fail (LC_IS_FEATURES_PAGE (self));
  g_return_if_fail (LC_IS_STORE (store));
  g_return_if_fail (analysis != NULL);

  g_set_object (&self->store, store);
  self->analysis = analysis;

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list_box, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  gtk_label_set_label (self->tier_label, lc_tier_get_advice (analysis->advice->tier));

  features = lc_feature_list (&n_features);
  for (guint i = 0; i < n_features; i++)
    {
      const LcVerdict *verdict = lc_advice_lookup (analysis->advice, features[i].id);
      GtkWidget *row;

      if (verdict == NULL)
        continue;
      row = create_row (&features[i], verdict);
      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->rows, row);
    }

  /* A feature page on show follows the new figures. */
  shown = lc_feature_page_get_feature (self->feature_page);
  if (shown != NULL)
    lc_feature_page_set_feature (self->feature_page, store, analysis, shown);
}

void
lc_features_page_show_feature (LcFeaturesPage *self,
                               const char     *feature)
{
  g_return_if_fail (LC_IS_FEATURES_PAGE (self));
  g_return_if_fail (self->analysis != NULL);

  lc_feature_page_set_feature (self->feature_page, self->store, self->analysis, feature);
  gtk_stack_set_visible_child_name (self->stack, "detail");
}

void
lc_features_page_show_list (LcFeaturesPage *self)
{
  g_return_if_fail (LC_IS_FEATURES_PAGE (self));

  gtk_stack_set_visible_child_name (self->stack, "list");
}

GtkListBox *
lc_features_page_get_list_box (LcFeaturesPage *self)
{
  g_return_val_if_fail (LC_IS_FEATURES_PAGE (self), NULL);

  return self->list_box;
}

LcFeaturePage *
lc_features_page_get_feature_page (LcFeaturesPage *self)
{
  g_return_val_if_fail (LC_IS_FEATURES_PAGE (self), NULL);

  return self->feature_page;
}

const char *
lc_features_page_get_visible (LcFeaturesPage *self)
{
  g_return_val_if_fail (LC_IS_FEATURES_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
