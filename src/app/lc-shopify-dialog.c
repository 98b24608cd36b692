/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-shopify-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-shopify-dialog-private.h"
#include "lc-shopify-sync.h"

#define HELP_URI "https://help.shopify.com/en/manual/apps/app-types/custom-apps"

struct _LcShopifyDialog
{
  AdwWindow            parent_instance;

  AdwEntryRow         *shop_row;
  AdwEntryRow         *client_id_row;
  AdwEntryRow         *client_secret_row;
  AdwEntryRow         *token_row;
  GtkToggleButton     *client_button;
  GtkToggleButton     *token_button;
  GtkButton           *connect_button;
  GtkLabel            *shop_hint;
  GtkLabel            *keyring_label;
  GtkLabel            *privacy_label;
  AdwPreferencesGroup *app_group;
  AdwPreferencesGroup *where_group;
};

G_DEFINE_FINAL_TYPE (LcShopifyDialog, lc_shopify_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The shop as typed, normalized; NULL (and a hint) when it is not one. */
static char *
lc_shopify_dialog_dup_shop (LcShopifyDialog *self,
                            char           **out_hint)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->shop_row))));
  g_autoptr(GError) error = NULL;
  char *shop;

  if (typed[0] == '\0')
    {
      *out_hint = g_strdup (_("The name in your shop’s address, such as “my-store” in my-store.myshopify.com."));
      return NULL;
    }

  shop = lc_shopify_normalize_shop (typed, &error);
  if (shop == NULL)
    {
      *out_hint = g_strdup (_("This is not a Shopify shop name. Type the name in your shop’s admin address, such as “my-store” or “my-store.myshopify.com”."));
      return NULL;
    }

  /* Translators: %s is a shop's address, such as my-store.myshopify.com. */
  *out_hint = g_strdup_printf (_("Liftcheck will connect to %s."), shop);
  return shop;
}

static gboolean
uses_token (LcShopifyDialog *self)
{
  return gtk_toggle_button_get_active (self->token_button);
}

/* A row's text without the blanks a paste brings along. */
static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
has_text (AdwEntryRow *row)
{
  g_autofree char *text = dup_row_text (row);
  gboolean filled = text[0] != '\0';

  memset (text, 0, strlen (text));
  return filled;
}

static void
lc_shopify_dialog_update (LcShopifyDialog *self)
{
  g_autofree char *hint = NULL;
  g_autofree char *shop = lc_shopify_dialog_dup_shop (self, &hint);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->shop_row));
  gboolean invalid = shop == NULL && typed[0] != '\0';
  gboolean token = uses_token (self);
  gboolean filled;

  gtk_label_set_label (self->shop_hint, hint);
  if (invalid)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->shop_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->shop_hint), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->shop_hint), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->shop_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->shop_hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->shop_hint), "dim-label");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row), !token);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), token);
  if (token)
    {
      adw_preferences_group_set_description (self->app_group,
                                             _("An app made in the Shopify admin before 2026 gives an Admin API access token, which starts with “shpat_”."));
      adw_preferences_group_set_description (self->where_group,
                                             _("In your Shopify admin, open Settings, then Apps and sales channels, then Develop apps, and open the app you made for Liftcheck. Under Admin API access, tick these two permissions, install the app, and copy its Admin API access token. Shopify shows the token only once."));
      filled = has_text (self->token_row);
    }
  else
    {
      adw_preferences_group_set_description (self->app_group,
                                             _("Apps made in Shopify’s Dev Dashboard, as every new app is since 2026, have a client ID and a secret. Liftcheck trades them for a short-lived access token at each sync."));
      adw_preferences_group_set_description (self->where_group,
                                             _("In Shopify’s Dev Dashboard (dev.shopify.com), create an app, for example “Liftcheck”. Under Access, tick these two permissions, then install the app on your shop and copy its client ID and secret from its Settings."));
      filled = has_text (self->client_id_row) && has_text (self->client_secret_row);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), shop != NULL && filled);
}

static void
on_entry_changed (LcShopifyDialog *self)
{
  lc_shopify_dialog_update (self);
}

static void
on_kind_toggled (LcShopifyDialog *self)
{
  lc_shopify_dialog_update (self);
}

static void
on_connect_clicked (LcShopifyDialog *self)
{
  g_autofree char *hint = NULL;
  g_autofree char *shop = lc_shopify_dialog_dup_shop (self, &hint);
  g_autofree char *client_id = NULL;
  g_autofree char *secret = NULL;

  if (shop == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->connect_button)))
    return;

  if (uses_token (self))
    secret = dup_row_text (self->token_row);
  else
    {
      client_id = dup_row_text (self->client_id_row);
      secret = dup_row_text (self->client_secret_row);
    }

  g_signal_emit (self, signals[CONNECT], 0, shop, client_id, secret);
  /* The secrets leave the entries' memory with the dialog. */
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  memset (secret, 0, strlen (secret));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_entry_activated (LcShopifyDialog *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->connect_button)))
    on_connect_clicked (self);
}

static void
on_peek_toggled (LcShopifyDialog *self,
                 GtkToggleButton *button)
{
  gboolean shown = gtk_toggle_button_get_active (button);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  const char *tip = shown ? _("Hide What Is Typed") : _("Show What Is Typed");

  gtk_text_set_visibility (GTK_TEXT (text), shown);
  gtk_button_set_icon_name (GTK_BUTTON (button), shown ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
}

static void
on_help_activated (LcShopifyDialog *self)
{
  gtk_show_uri (GTK_WINDOW (self), HELP_URI, GDK_CURRENT_TIME);
}

/* A row whose text is hidden until its peek button shows it. */
static void
hide_text (AdwEntryRow *row)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  gtk_text_set_visibility (GTK_TEXT (text), FALSE);
  gtk_text_set_input_hints (GTK_TEXT (text), GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_PRIVATE);
}

static void
lc_shopify_dialog_class_init (LcShopifyDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * LcShopifyDialog::connect:
   * @shop: the shop, as name.myshopify.com
   * @client_id: (nullable): the Dev Dashboard app's client ID, or %NULL
   * @secret: the app's client secret, or the Admin API access token
   *
   * The owner clicked Connect; the dialog closes right after.
   */
  signals[CONNECT] =
    g_signal_new ("connect",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liftcheck/Liftcheck/lc-shopify-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, shop_row);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, client_button);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, token_button);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, shop_hint);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, keyring_label);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, privacy_label);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, app_group);
  gtk_widget_class_bind_template_child (widget_class, LcShopifyDialog, where_group);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_peek_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_help_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lc_shopify_dialog_init (LcShopifyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* libadwaita 1.2 has no password row: the entry rows' text hides what
   * is typed, and the peek buttons show it on demand. */
  hide_text (self->token_row);
  hide_text (self->client_secret_row);
  gtk_text_set_input_hints (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->shop_row))),
                            GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_LOWERCASE);
  gtk_text_set_input_hints (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->client_id_row))),
                            GTK_INPUT_HINT_NO_SPELLCHECK);

  lc_shopify_dialog_update (self);
}

LcShopifyDialog *
lc_shopify_dialog_new (GtkWindow  *parent,
                       const char *shop)
{
  LcShopifyDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (LC_TYPE_SHOPIFY_DIALOG,
                       "transient-for", parent,
                       NULL);
  if (shop != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->shop_row), shop);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->client_id_row));
    }
  else
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->shop_row));
  return self;
}

void
lc_shopify_dialog_set_uses_token (LcShopifyDialog *self,
                                  gboolean         uses_token)
{
  g_return_if_fail (LC_IS_SHOPIFY_DIALOG (self));

  gtk_toggle_button_set_active (uses_token ? self->token_button : self->client_button, TRUE);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (uses_token ? self->token_row : self->client_id_row));
}

void
lc_shopify_dialog_set_keyring_available (LcShopifyDialog *self,
                                         gboolean         available)
{
  g_return_if_fail (LC_IS_SHOPIFY_DIALOG (self));

  /* Answers can come after the dialog closed. */
  if (self->keyring_label == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), !available);
  gtk_widget_set_visible (GTK_WIDGET (self->privacy_label), available);
}

AdwEntryRow *
lc_shopify_dialog_get_shop_row (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->shop_row;
}

AdwEntryRow *
lc_shopify_dialog_get_client_id_row (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->client_id_row;
}

AdwEntryRow *
lc_shopify_dialog_get_client_secret_row (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->client_secret_row;
}

AdwEntryRow *
lc_shopify_dialog_get_token_row (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->token_row;
}

GtkToggleButton *
lc_shopify_dialog_get_client_button (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->client_button;
}

GtkToggleButton *
lc_shopify_dialog_get_token_button (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->token_button;
}

GtkButton *
lc_shopify_dialog_get_connect_button (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->connect_button;
}

GtkLabel *
lc_shopify_dialog_get_shop_hint (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->shop_hint;
}

GtkLabel *
lc_shopify_dialog_get_keyring_label (LcShopifyDialog *self)
{
  g_return_val_if_fail (LC_IS_SHOPIFY_DIALOG (self), NULL);

  return self->keyring_label;
}
