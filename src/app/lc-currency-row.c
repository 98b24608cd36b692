/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-currency-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-currency-row.h"

static const struct
{
  const char *code;
  const char *name;
} currencies[] = {
  { "USD", N_("US dollar") },
  { "EUR", N_("Euro") },
  { "GBP", N_("Pound sterling") },
  { "CAD", N_("Canadian dollar") },
  { "AUD", N_("Australian dollar") },
  { "NZD", N_("New Zealand dollar") },
  { "CHF", N_("Swiss franc") },
  { "SEK", N_("Swedish krona") },
  { "NOK", N_("Norwegian krone") },
  { "DKK", N_("Danish krone") },
  { "PLN", N_("Polish złoty") },
  { "CZK", N_("Czech koruna") },
  { "JPY", N_("Japanese yen") },
  { "INR", N_("Indian rupee") },
  { "BRL", N_("Brazilian real") },
  { "MXN", N_("Mexican peso") },
  { "ZAR", N_("South African rand") },
  { "SGD", N_("Singapore dollar") },
  { "HKD", N_("Hong Kong dollar") },
};

/* The codes behind the row's items, NULL for "choose one". */
#define CODES_KEY "lc-currency-codes"

void
lc_currency_row_fill (AdwComboRow *row,
                      const char  *store_currency)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  gboolean listed = FALSE;
  guint selected = 0;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    listed |= g_strcmp0 (currencies[i].code, store_currency) == 0;

  /* Without a store currency, the owner says which: a wrong guess would
   * go unnoticed in every figure. */
  if (store_currency == NULL)
    {
      gtk_string_list_append (items, _("Choose a currency…"));
      g_ptr_array_add (codes, NULL);
    }
  else if (!listed)
    {
      gtk_string_list_append (items, store_currency);
      g_ptr_array_add (codes, g_strdup (store_currency));
    }

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      /* Translators: a currency in a list: "Euro (EUR)". */
      g_autofree char *item = g_strdup_printf (_("%s (%s)"), _(currencies[i].name), currencies[i].code);

      gtk_string_list_append (items, item);
      g_ptr_array_add (codes, g_strdup (currencies[i].code));
    }

  for (guint i = 0; i < codes->len; i++)
    if (store_currency != NULL && g_strcmp0 (g_ptr_array_index (codes, i), store_currency) == 0)
      selected = i;

  g_object_set_data_full (G_OBJECT (row), CODES_KEY, codes, (GDestroyNotify) g_ptr_array_unref);
  adw_combo_row_set_model (row, G_LIST_MODEL (items));
  adw_combo_row_set_selected (row, selected);
}

const char *
lc_currency_row_get_code (AdwComboRow *row)
{
  GPtrArray *codes;
  guint selected;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), NULL);

  codes = g_object_get_data (G_OBJECT (row), CODES_KEY);
  selected = adw_combo_row_get_selected (row);
  if (codes == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= codes->len)
    return NULL;
  return g_ptr_array_index (codes, selected);
}
