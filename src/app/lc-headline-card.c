/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-headline-card"

#include "config.h"

#include "lc-headline-card.h"

struct _LcHeadlineCard
{
  AdwBin    parent_instance;

  GtkLabel *title_label;
  GtkLabel *value_label;
  GtkLabel *caption_label;
  GtkLabel *change_label;
};

G_DEFINE_FINAL_TYPE (LcHeadlineCard, lc_headline_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_VALUE,
  PROP_CAPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lc_headline_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LcHeadlineCard *self = LC_HEADLINE_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, lc_headline_card_get_title (self));
      break;

    case PROP_VALUE:
      g_value_set_string (value, lc_headline_card_get_value (self));
      break;

    case PROP_CAPTION:
      g_value_set_string (value, lc_headline_card_get_caption (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_headline_card_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LcHeadlineCard *self = LC_HEADLINE_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lc_headline_card_set_title (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      lc_headline_card_set_value (self, g_value_get_string (value));
      break;

    case PROP_CAPTION:
      lc_headline_card_set_caption (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_headline_card_class_init (LcHeadlineCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lc_headline_card_get_property;
  object_class->set_property = lc_headline_card_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-headline-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LcHeadlineCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, LcHeadlineCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, LcHeadlineCard, caption_label);
  gtk_widget_class_bind_template_child (widget_class, LcHeadlineCard, change_label);
}

static void
lc_headline_card_init (LcHeadlineCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_headline_card_new (void)
{
  return g_object_new (LC_TYPE_HEADLINE_CARD, NULL);
}

const char *
lc_headline_card_get_title (LcHeadlineCard *self)
{
  g_return_val_if_fail (LC_IS_HEADLINE_CARD (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
lc_headline_card_set_title (LcHeadlineCard *self,
                            const char     *title)
{
  g_return_if_fail (LC_IS_HEADLINE_CARD (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
lc_headline_card_get_value (LcHeadlineCard *self)
{
  g_return_val_if_fail (LC_IS_HEADLINE_CARD (self), NULL);

  return gtk_label_get_label (self->value_label);
}

void
lc_headline_card_set_value (LcHeadlineCard *self,
                            const char     *value)
{
  g_return_if_fail (LC_IS_HEADLINE_CARD (self));

  if (g_strcmp0 (value, gtk_label_get_label (self->value_label)) == 0)
    return;

  gtk_label_set_label (self->value_label, value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
lc_headline_card_get_caption (LcHeadlineCard *self)
{
  g_return_val_if_fail (LC_IS_HEADLINE_CARD (self), NULL);

  return gtk_label_get_label (self->caption_label);
}

void
lc_headline_card_set_caption (LcHeadlineCard *self,
                              const char     *caption)
{
  g_return_if_fail (LC_IS_HEADLINE_CARD (self));

  if (g_strcmp0 (caption, gtk_label_get_label (self->caption_label)) == 0)
    return;

  gtk_label_set_label (self->caption_label, caption);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}

const char *
lc_headline_card_get_change (LcHeadlineCard *self)
{
  g_return_val_if_fail (LC_IS_HEADLINE_CARD (self), NULL);

  return gtk_label_get_label (self->change_label);
}

void
lc_headline_card_set_change (LcHeadlineCard *self,
                             const char     *change,
                             int             direction)
{
  g_return_if_fail (LC_IS_HEADLINE_CARD (self));

  gtk_label_set_label (self->change_label, change != NULL ? change : "");
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), change != NULL && change[0] != '\0');
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "change-up");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "change-down");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "dim-label");
  if (direction > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "change-up");
  else if (direction < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "change-down");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "dim-label");
}
