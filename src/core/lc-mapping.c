/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-mapping"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-import-private.h"
#include "lc-mapping-private.h"
#include "lc-money.h"
#include "lc-sha256-private.h"

#define INI_GROUP        "Mapping"
#define SETTING_PREFIX   "mapping:"
/* How far past the header a sample reads. */
#define SAMPLE_BYTES     (64 * 1024)

struct _LcMapping
{
  char        *columns[LC_MAPPING_N_FIELDS];
  char        *currency;
  LcDateOrder  date_order;
};

static const struct
{
  const char *key;
  const char *title;
  const char *description;
  gboolean    required;
} fields[LC_MAPPING_N_FIELDS] = {
  [LC_MAPPING_FIELD_ORDER_ID] = { "order-id", N_("Order number"),
                                  N_("The order’s number or id; the rows of one order share it."), TRUE },
  [LC_MAPPING_FIELD_DATE] = { "date", N_("Order date"),
                              N_("When the order was placed; a time after the day is fine."), TRUE },
  [LC_MAPPING_FIELD_QUANTITY] = { "quantity", N_("Quantity"),
                                  N_("How many units the row’s item has (or the order, with one row per order)."), TRUE },
  [LC_MAPPING_FIELD_UNIT_PRICE] = { "unit-price", N_("Unit price"),
                                    N_("The price of one unit of the row’s item."), FALSE },
  [LC_MAPPING_FIELD_LINE_TOTAL] = { "line-total", N_("Line total"),
                                    N_("What the row’s item cost in all: quantity times unit price."), FALSE },
  [LC_MAPPING_FIELD_ORDER_TOTAL] = { "order-total", N_("Order total"),
                                     N_("What the whole order cost, on its first row."), FALSE },
  [LC_MAPPING_FIELD_SKU] = { "sku", N_("SKU"),
                             N_("The product’s code (SKU, stock code)."), FALSE },
  [LC_MAPPING_FIELD_PRODUCT_NAME] = { "product-name", N_("Product name"),
                                      N_("The product’s name or description."), FALSE },
  [LC_MAPPING_FIELD_CUSTOMER] = { "customer", N_("Customer"),
                                  N_("The customer’s e-mail or id, to see repeat customers. "
                                     "Only a scrambled form is kept, never the e-mail itself."), FALSE },
  [LC_MAPPING_FIELD_STATUS] = { "status", N_("Order status"),
                                N_("Paid, cancelled, refunded…: cancelled and failed orders are not counted."), FALSE },
  [LC_MAPPING_FIELD_REFUNDED_AMOUNT] = { "refunded-amount", N_("Refunded amount"),
                                         N_("Money given back for the order, on its first row."), FALSE },
  [LC_MAPPING_FIELD_REFUNDED_QUANTITY] = { "refunded-quantity", N_("Returned quantity"),
                                           N_("Units of the row’s item that were returned and refunded."), FALSE },
  [LC_MAPPING_FIELD_CURRENCY] = { "currency", N_("Currency"),
                                  N_("A three-letter currency code such as EUR on each row."), FALSE },
};

/* Header names by field, folded by fold_name(): lower case, letters and
 * digits only ("Order #" is "order", "order_id" is "orderid"). */
static const char * const *const synonyms[LC_MAPPING_N_FIELDS] = {
  [LC_MAPPING_FIELD_ORDER_ID] = (const char * const[]) {
    "orderid", "ordernumber", "order", "orderno", "ordernr", "invoiceno", "invoice", "invoicenumber",
    "commande", "numérodecommande", "numerodecommande", "ncommande", "idcommande", "nºdecommande",
    "bestellung", "bestellnummer", "bestellnr", "pedido", "númerodepedido", "numerodepedido", "npedido",
    "ordine", "numeroordine", "nordine", "bestelling", "bestelnummer", "encomenda", "númerodaencomenda",
    NULL },
  [LC_MAPPING_FIELD_DATE] = (const char * const[]) {
    "date", "orderdate", "createdat", "created", "datecreated", "invoicedate", "orderdatetime",
    "purchasedate", "orderpurchasetimestamp", "datedecommande", "datedelacommande", "datum",
    "bestelldatum", "fecha", "fechadelpedido", "fechadepedido", "data", "dataordine", "datadellordine",
    "besteldatum", "datadoperdido", "datadaencomenda", "datadopedido", NULL },
  [LC_MAPPING_FIELD_QUANTITY] = (const char * const[]) {
    "quantity", "qty", "itemquantity", "lineitemquantity", "itemssold", "units", "quantité", "quantite",
    "articlesvendus", "menge", "anzahl", "verkaufteartikel", "cantidad", "artículosvendidos",
    "articulosvendidos", "quantità", "quantita", "articolivenduti", "aantal", "verkochteartikelen",
    "quantidade", "itensvendidos", "totalquantity", NULL },
  [LC_MAPPING_FIELD_UNIT_PRICE] = (const char * const[]) {
    "unitprice", "price", "itemcost", "itemprice", "lineitemprice", "productunitprice", "prixunitaire",
    "prix", "einzelpreis", "preis", "preciounitario", "precio", "prezzounitario", "prezzo", "stukprijs",
    "prijs", "preçounitário", "preçounitario", "preço", "preco", NULL },
  [LC_MAPPING_FIELD_LINE_TOTAL] = (const char * const[]) {
    "linetotal", "itemtotal", "lineitemtotal", "producttotalprice", "totalligne", "zeilensumme",
    "totaldelínea", "totaldelinea", "totaleriga", "regeltotaal", "totaldalinha", NULL },
  [LC_MAPPING_FIELD_ORDER_TOTAL] = (const char * const[]) {
    "ordertotal", "total", "ordertotalamount", "totalamount", "grandtotal", "ordertotalinctax", "netsales",
    "ventesnettes", "totalcommande", "montanttotal", "nettoumsatz", "gesamtbetrag", "gesamtsumme",
    "ventasnetas", "totaldelpedido", "importetotal", "venditenette", "totaleordine", "nettoomzet",
    "totaalbedrag", "vendaslíquidas", "vendasliquidas", "totaldaencomenda", NULL },
  [LC_MAPPING_FIELD_SKU] = (const char * const[]) {
    "sku", "itemsku", "lineitemsku", "productsku", "stockcode", "référence", "reference", "réf", "ref",
    "artikelnummer", "artikelnr", "referencia", "códigodeproducto", "codice", "codiceprodotto", "código",
    NULL },
  [LC_MAPPING_FIELD_PRODUCT_NAME] = (const char * const[]) {
    "productname", "itemname", "lineitemname", "description", "product", "products", "produits",
    "produit", "nomduproduit", "produkt", "produkte", "artikelname", "artikel", "producto", "productos",
    "nombredelproducto", "prodotto", "prodotti", "productnaam", "producten", "produto", "produtos",
    "nomedoproduto", NULL },
  [LC_MAPPING_FIELD_CUSTOMER] = (const char * const[]) {
    "customer", "customeremail", "email", "billingemail", "emailbilling", "customerid", "customeruseremail",
    "client", "emailduclient", "courriel", "kunde", "kundenemail", "cliente", "correo",
    "correoelectrónico", "klant", "emailcliente", NULL },
  [LC_MAPPING_FIELD_STATUS] = (const char * const[]) {
    "status", "orderstatus", "financialstatus", "statut", "état", "etat", "statutdelacommande",
    "bestellstatus", "estado", "estadodelpedido", "stato", "statoordine", "bestelstatus", "situação",
    NULL },
  [LC_MAPPING_FIELD_REFUNDED_AMOUNT] = (const char * const[]) {
    "refundamount", "orderrefundamount", "refundedamount", "refundedtotal", "refunded", "orderrefund",
    "montantremboursé", "montantrembourse", "remboursement", "erstatteterbetrag", "erstattung",
    "importereembolsado", "reembolso", "importorimborsato", "rimborso", "terugbetaald", "valorreembolsado",
    NULL },
  [LC_MAPPING_FIELD_REFUNDED_QUANTITY] = (const char * const[]) {
    "itemrefundedqty", "itemrefundedquantity", "refundedquantity", "refundedqty", "quantityrefunded",
    "qtyrefunded", "returnedquantity", "quantitéremboursée", "erstattetemenge", "cantidadreembolsada",
    "quantitàrimborsata", NULL },
  [LC_MAPPING_FIELD_CURRENCY] = (const char * const[]) {
    "currency", "ordercurrency", "ordercurrencycode", "currencycode", "devise", "währung", "wahrung",
    "moneda", "valuta", "moeda", NULL },
};

LcMapping *
lc_mapping_new (void)
{
  return g_new0 (LcMapping, 1);
}

LcMapping *
lc_mapping_copy (const LcMapping *self)
{
  LcMapping *copy = lc_mapping_new ();

  for (guint i = 0; i < LC_MAPPING_N_FIELDS; i++)
    copy->columns[i] = g_strdup (self->columns[i]);
  copy->currency = g_strdup (self->currency);
  copy->date_order = self->date_order;
  return copy;
}

void
lc_mapping_free (LcMapping *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < LC_MAPPING_N_FIELDS; i++)
    g_free (self->columns[i]);
  g_free (self->currency);
  g_free (self);
}

void
lc_mapping_set_column (LcMapping      *self,
                       LcMappingField  field,
                       const char     *column)
{
  g_return_if_fail (field < LC_MAPPING_N_FIELDS);
  g_free (self->columns[field]);
  self->columns[field] = column != NULL && column[0] != '\0' ? g_strdup (column) : NULL;
}

const char *
lc_mapping_get_column (const LcMapping *self,
                       LcMappingField   field)
{
  g_return_val_if_fail (field < LC_MAPPING_N_FIELDS, NULL);
  return self->columns[field];
}

void
lc_mapping_set_currency (LcMapping  *self,
                         const char *currency)
{
  g_free (self->currency);
  self->currency = currency != NULL && currency[0] != '\0' ? g_ascii_strup (currency, -1) : NULL;
}

const char *
lc_mapping_get_currency (const LcMapping *self)
{
  return self->currency;
}

gboolean
lc_mapping_has_columns (const LcMapping *self)
{
  for (guint i = 0; i < LC_MAPPING_N_FIELDS; i++)
    if (self->columns[i] != NULL)
      return TRUE;
  return FALSE;
}

void
lc_mapping_set_date_order (LcMapping   *self,
                           LcDateOrder  order)
{
  self->date_order = order;
}

LcDateOrder
lc_mapping_get_date_order (const LcMapping *self)
{
  return self->date_order;
}

const char *
lc_mapping_field_to_string (LcMappingField field)
{
  g_return_val_if_fail (field < LC_MAPPING_N_FIELDS, NULL);
  return fields[field].key;
}

const char *
lc_mapping_field_get_title (LcMappingField field)
{
  g_return_val_if_fail (field < LC_MAPPING_N_FIELDS, NULL);
  return _(fields[field].title);
}

const char *
lc_mapping_field_get_description (LcMappingField field)
{
  g_return_val_if_fail (field < LC_MAPPING_N_FIELDS, NULL);
  return _(fields[field].description);
}

gboolean
lc_mapping_field_is_required (LcMappingField field)
{
  g_return_val_if_fail (field < LC_MAPPING_N_FIELDS, FALSE);
  return fields[field].required;
}

static gboolean
has_column (const char * const *columns,
            const char         *name)
{
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (columns[i]));

      if (g_str_equal (trimmed, name))
        return TRUE;
    }
  return FALSE;
}

gboolean
lc_mapping_check (const LcMapping    *self,
                  const char * const *columns,
                  GError            **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < LC_MAPPING_N_FIELDS; i++)
    if (fields[i].required && self->columns[i] == NULL)
      {
        if (missing->len > 0)
          g_string_append (missing, ", ");
        g_string_append_printf (missing, "“%s”", _(fields[i].title));
      }
  if (missing->len > 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS,
                   /* TRANSLATORS: %s lists fields: “Order number”, “Quantity” */
                   _("Choose the column that holds each of %s: Liftcheck needs them."), missing->str);
      return FALSE;
    }
  if (self->columns[LC_MAPPING_FIELD_UNIT_PRICE] == NULL &&
      self->columns[LC_MAPPING_FIELD_LINE_TOTAL] == NULL &&
      self->columns[LC_MAPPING_FIELD_ORDER_TOTAL] == NULL)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS,
                   _("Choose the column that holds the unit price, the line total or the order total: "
                     "Liftcheck needs what orders are worth."));
      return FALSE;
    }
  for (guint i = 0; columns != NULL && i < LC_MAPPING_N_FIELDS; i++)
    if (self->columns[i] != NULL && !has_column (columns, self->columns[i]))
      {
        g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_MISSING_COLUMNS,
                     /* TRANSLATORS: "the mapping takes “Order date” from the column “Datum”, which this file does not have." */
                     _("The mapping takes “%s” from the column “%s”, which this file does not have."),
                     _(fields[i].title), self->columns[i]);
        return FALSE;
      }
  return TRUE;
}

char *
_lc_mapping_fold_name (const char *name)
{
  g_autofree char *down = g_utf8_strdown (name, -1);
  GString *folded = g_string_new (NULL);

  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (folded, c);
    }
  return g_string_free (folded, FALSE);
}

static gboolean
is_synonym (LcMappingField  field,
            const char     *folded)
{
  return g_strv_contains ((const char * const *) synonyms[field], folded);
}

LcMapping *
lc_mapping_guess (const char * const *columns)
{
  LcMapping *mapping = lc_mapping_new ();
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *taken = NULL;
  guint n;

  for (n = 0; columns[n] != NULL; n++)
    g_ptr_array_add (folded, _lc_mapping_fold_name (columns[n]));
  taken = g_new0 (gboolean, n + 1);

  /* Exact names first, then names that contain the likeliest words. */
  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    for (guint i = 0; i < n; i++)
      if (!taken[i] && is_synonym (f, g_ptr_array_index (folded, i)))
        {
          mapping->columns[f] = g_strstrip (g_strdup (columns[i]));
          taken[i] = TRUE;
          break;
        }
  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (folded, i);
      LcMappingField field;

      if (taken[i])
        continue;
      if (strstr (name, "orderid") != NULL || strstr (name, "ordernumber") != NULL)
        field = LC_MAPPING_FIELD_ORDER_ID;
      else if (strstr (name, "date") != NULL || strstr (name, "timestamp") != NULL ||
               strstr (name, "datum") != NULL || strstr (name, "fecha") != NULL)
        field = LC_MAPPING_FIELD_DATE;
      else if (strstr (name, "quantity") != NULL || strstr (name, "qty") != NULL)
        field = LC_MAPPING_FIELD_QUANTITY;
      else if (strstr (name, "price") != NULL)
        field = LC_MAPPING_FIELD_UNIT_PRICE;
      else if (strstr (name, "email") != NULL)
        field = LC_MAPPING_FIELD_CUSTOMER;
      else
        continue;
      if (mapping->columns[field] == NULL)
        {
          mapping->columns[field] = g_strstrip (g_strdup (columns[i]));
          taken[i] = TRUE;
        }
    }
  return mapping;
}

LcMapping *
lc_mapping_new_from_ini (const char  *text,
                         const char  *display_name,
                         GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(LcMapping) mapping = lc_mapping_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) names = NULL;

  if (!g_key_file_load_from_data (keys, text, -1, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                   /* TRANSLATORS: "shop.ini: <what is wrong>. A mapping file is …" */
                   _("%s: %s. A mapping file is a [Mapping] section of lines such as “order-id=Order Number”; "
                     "README.md shows one."),
                   display_name, local_error->message);
      return NULL;
    }
  names = g_key_file_get_keys (keys, INI_GROUP, NULL, NULL);
  if (names == NULL)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                   _("%s has no [Mapping] section. A mapping file is a [Mapping] section of lines such as "
                     "“order-id=Order Number”; README.md shows one."),
                   display_name);
      return NULL;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (keys, INI_GROUP, names[i], NULL);
      gboolean known = FALSE;

      if (value == NULL)
        continue;
      g_strstrip (value);
      for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
        if (g_str_equal (names[i], fields[f].key))
          {
            lc_mapping_set_column (mapping, f, value);
            known = TRUE;
          }
      if (g_str_equal (names[i], "currency"))
        {
          /* A code, not a column: three letters. */
          if (strlen (value) == 3 && g_ascii_isalpha (value[0]) && g_ascii_isalpha (value[1]) &&
              g_ascii_isalpha (value[2]))
            {
              lc_mapping_set_column (mapping, LC_MAPPING_FIELD_CURRENCY, NULL);
              lc_mapping_set_currency (mapping, value);
            }
        }
      else if (g_str_equal (names[i], "currency-column"))
        {
          lc_mapping_set_column (mapping, LC_MAPPING_FIELD_CURRENCY, value);
          known = TRUE;
        }
      else if (g_str_equal (names[i], "date-format"))
        {
          if (!lc_date_order_from_string (value, &mapping->date_order))
            {
              g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                           _("%s: date-format is “%s”; expected auto, ymd, dmy, mdy or serial."),
                           display_name, value);
              return NULL;
            }
          known = TRUE;
        }
      if (!known)
        {
          g_autoptr(GString) keys_list = g_string_new (NULL);

          for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
            g_string_append_printf (keys_list, "%s, ", fields[f].key);
          g_string_append (keys_list, "currency-column, date-format");
          g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_BAD_VALUE,
                       _("%s: “%s” is not a key of a mapping; the keys are %s."),
                       display_name, names[i], keys_list->str);
          return NULL;
        }
    }
  return g_steal_pointer (&mapping);
}

LcMapping *
lc_mapping_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *display_name = g_path_get_basename (path);

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return lc_mapping_new_from_ini (text, display_name, error);
}

char *
lc_mapping_to_ini (const LcMapping *self)
{
  GString *ini = g_string_new ("[" INI_GROUP "]\n");

  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    {
      if (self->columns[f] == NULL)
        continue;
      g_string_append_printf (ini, "%s=%s\n",
                              f == LC_MAPPING_FIELD_CURRENCY ? "currency-column" : fields[f].key,
                              self->columns[f]);
    }
  if (self->currency != NULL)
    g_string_append_printf (ini, "currency=%s\n", self->currency);
  if (self->date_order != LC_DATE_ORDER_AUTO)
    g_string_append_printf (ini, "date-format=%s\n", lc_date_order_to_string (self->date_order));
  return g_string_free (ini, FALSE);
}

char *
lc_mapping_header_key (const char * const *columns)
{
  LcSha256 sha256;
  char hex[65];

  lc_sha256_init (&sha256);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (columns[i]));

      /* The unit separator cannot be in a header name's text. */
      lc_sha256_update (&sha256, trimmed, strlen (trimmed));
      lc_sha256_update (&sha256, "\x1f", 1);
    }
  lc_sha256_finish_hex (&sha256, hex, 32);
  return g_strndup (hex, 32);
}

LcMapping *
lc_store_find_mapping (LcStore            *store,
                       const char * const *columns,
                       GError            **error)
{
  g_autofree char *key = lc_mapping_header_key (columns);
  g_autofree char *setting = g_strconcat (SETTING_PREFIX, key, NULL);
  g_autofree char *text = lc_store_dup_setting (store, setting);

  if (text == NULL)
    return NULL;
  return lc_mapping_new_from_ini (text, lc_store_get_path (store), error);
}

gboolean
lc_store_save_mapping (LcStore            *store,
                       const char * const *columns,
                       const LcMapping    *mapping,
                       GError            **error)
{
  g_autofree char *key = lc_mapping_header_key (columns);
  g_autofree char *setting = g_strconcat (SETTING_PREFIX, key, NULL);
  g_autofree char *text = lc_mapping_to_ini (mapping);

  return lc_store_set_setting (store, setting, text, error);
}

char **
_lc_mapping_dup_columns (LcCsvReader *reader)
{
  guint n = lc_csv_reader_get_n_columns (reader);
  char **columns = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    columns[i] = g_strdup (lc_csv_reader_get_column_name (reader, i));
  return columns;
}

void
lc_csv_sample_free (LcCsvSample *sample)
{
  if (sample == NULL)
    return;
  g_free (sample->path);
  g_free (sample->display_name);
  g_strfreev (sample->columns);
  g_clear_pointer (&sample->rows, g_ptr_array_unref);
  g_clear_pointer (&sample->lines, g_array_unref);
  g_free (sample);
}

LcCsvSample *
lc_csv_sample_read (const char    *path,
                    guint          max_rows,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(LcCsvReader) reader = NULL;
  g_autoptr(LcCsvSample) sample = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 header_bytes;
  guint n;

  g_return_val_if_fail (path != NULL, NULL);

  reader = lc_csv_reader_new_for_path (path, error);
  if (reader == NULL || !lc_csv_reader_read_header (reader, cancellable, error))
    return NULL;

  sample = g_new0 (LcCsvSample, 1);
  sample->path = g_strdup (path);
  sample->display_name = g_path_get_basename (path);
  sample->columns = _lc_mapping_dup_columns (reader);
  sample->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sample->lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  sample->delimiter = lc_csv_reader_get_delimiter (reader);
  sample->encoding = lc_csv_reader_get_encoding (reader);
  sample->kind = _lc_import_detect_kind (reader);
  n = lc_csv_reader_get_n_columns (reader);
  header_bytes = lc_csv_reader_get_bytes_read (reader);

  while (sample->rows->len < max_rows)
    {
      gboolean ok = lc_csv_reader_next (reader, cancellable, &local_error);
      char **row;
      guint64 line;

      if (!ok && !g_error_matches (local_error, LC_CSV_ERROR, LC_CSV_ERROR_RAGGED_ROW))
        break;
      /* A ragged row is shown as it is, padded, for the owner to see. */
      g_clear_error (&local_error);
      row = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        row[i] = g_strdup (i < lc_csv_reader_get_n_fields (reader) ? lc_csv_reader_get_field (reader, i) : "");
      g_ptr_array_add (sample->rows, row);
      line = lc_csv_reader_get_line (reader);
      g_array_append_val (sample->lines, line);
      if (lc_csv_reader_get_bytes_read (reader) - header_bytes > SAMPLE_BYTES)
        break;
    }
  if (local_error != NULL)
    {
      /* A sample cut by a bad record still shows what came before it. */
      if (sample->rows->len == 0 || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&sample);
}

gboolean
_lc_mapping_parse_amount (const char  *text,
                          guint        exponent,
                          gint64      *out,
                          char       **detail)
{
  g_autoptr(GError) local_error = NULL;

  if (!lc_money_parse (text, exponent, out, &local_error))
    {
      *detail = g_strdup (local_error->message);
      return FALSE;
    }
  if (*out > LC_ORDER_MAX_AMOUNT || *out < -LC_ORDER_MAX_AMOUNT)
    {
      /* Translators: %s is the amount as written in the file. */
      *detail = g_strdup_printf (_("“%s” is far more than any real order; check that this column holds amounts"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
_lc_mapping_parse_quantity (const char  *text,
                            gboolean     allow_negative,
                            gint64      *out,
                            char       **detail)
{
  if (!_lc_import_parse_count (text, allow_negative, out) || *out > LC_ORDER_MAX_AMOUNT ||
      *out < -LC_ORDER_MAX_AMOUNT)
    {
      *detail = g_strdup_printf (_("“%s” is not a quantity; expected a whole number such as 1 or 2"), text);
      return FALSE;
    }
  return TRUE;
}

static void
preview_row_free (LcMappingPreviewRow *row)
{
  for (guint i = 0; i < LC_MAPPING_N_FIELDS; i++)
    g_free (row->text[i]);
  g_free (row->currency);
  g_free (row->error);
  g_free (row);
}

void
lc_mapping_preview_free (LcMappingPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->warnings, g_ptr_array_unref);
  g_free (preview->error);
  g_free (preview);
}

static int
sample_column (const LcCsvSample *sample,
               const char        *name)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; sample->columns[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (sample->columns[i]));

      if (g_str_equal (trimmed, name))
        return i;
    }
  return -1;
}

LcMappingPreview *
lc_mapping_preview (const LcMapping   *self,
                    const LcCsvSample *sample,
                    const char        *currency)
{
  LcMappingPreview *preview = g_new0 (LcMappingPreview, 1);
  g_autoptr(GError) local_error = NULL;
  int col[LC_MAPPING_N_FIELDS];
  const char *fixed_currency = self->currency != NULL ? self->currency : currency;

  g_return_val_if_fail (self != NULL && sample != NULL, preview);

  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) preview_row_free);
  preview->warnings = g_ptr_array_new_with_free_func (g_free);
  preview->date_order = self->date_order;

  if (!lc_mapping_check (self, (const char * const *) sample->columns, &local_error))
    {
      preview->error = g_strdup (local_error->message);
      g_clear_error (&local_error);
    }
  for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
    col[f] = sample_column (sample, self->columns[f]);

  if (preview->date_order == LC_DATE_ORDER_AUTO && col[LC_MAPPING_FIELD_DATE] >= 0)
    {
      g_autoptr(LcDateColumn) dates = lc_date_column_new ();
      g_autofree char *warning = NULL;

      for (guint r = 0; r < sample->rows->len; r++)
        lc_date_column_add (dates, ((char **) g_ptr_array_index (sample->rows, r))[col[LC_MAPPING_FIELD_DATE]],
                            g_array_index (sample->lines, guint64, r));
      if (lc_date_column_get_n_values (dates) > 0 &&
          !lc_date_column_decide (dates, sample->display_name, self->columns[LC_MAPPING_FIELD_DATE],
                                  &preview->date_order, &warning, &local_error))
        {
          if (preview->error == NULL)
            preview->error = g_strdup (local_error->message);
          g_clear_error (&local_error);
        }
      if (warning != NULL)
        g_ptr_array_add (preview->warnings, g_steal_pointer (&warning));
    }

  for (guint r = 0; r < sample->rows->len; r++)
    {
      char **cells = g_ptr_array_index (sample->rows, r);
      LcMappingPreviewRow *row = g_new0 (LcMappingPreviewRow, 1);

      row->line = g_array_index (sample->lines, guint64, r);
      g_ptr_array_add (preview->rows, row);
      /* The amounts are in the row's currency, which the import holds to
       * the store's. */
      if (col[LC_MAPPING_FIELD_CURRENCY] >= 0)
        row->currency = lc_currency_code_normalize (cells[col[LC_MAPPING_FIELD_CURRENCY]]);
      if (row->currency == NULL)
        row->currency = g_strdup (fixed_currency);
      row->exponent = lc_currency_get_exponent (row->currency);
      for (guint f = 0; f < LC_MAPPING_N_FIELDS; f++)
        {
          const char *text;
          g_autofree char *detail = NULL;
          gboolean read = FALSE;

          if (col[f] < 0)
            continue;
          text = cells[col[f]];
          if (text[0] == '\0')
            continue;
          switch (f)
            {
            case LC_MAPPING_FIELD_DATE:
              {
                LcTimestamp ts;

                if (preview->date_order == LC_DATE_ORDER_AUTO)
                  continue;
                if (lc_date_parse_with_order (text, preview->date_order, &ts, &local_error))
                  {
                    gint64 seconds = ts.utc + ts.offset - (gint64) ts.local_day * 86400;

                    row->day = ts.local_day;
                    row->seconds = seconds > 0 && seconds < 86400 ? (gint32) seconds : 0;
                    read = TRUE;
                  }
                else
                  detail = g_strdup (local_error->message);
                g_clear_error (&local_error);
              }
              break;
            case LC_MAPPING_FIELD_QUANTITY:
            case LC_MAPPING_FIELD_REFUNDED_QUANTITY:
              read = _lc_mapping_parse_quantity (text, TRUE, &row->numbers[f], &detail);
              break;
            case LC_MAPPING_FIELD_UNIT_PRICE:
            case LC_MAPPING_FIELD_LINE_TOTAL:
            case LC_MAPPING_FIELD_ORDER_TOTAL:
            case LC_MAPPING_FIELD_REFUNDED_AMOUNT:
              read = _lc_mapping_parse_amount (text, row->exponent, &row->numbers[f], &detail);
              break;
            case LC_MAPPING_FIELD_CUSTOMER:
              /* Only whether there is one: never the e-mail. */
              read = TRUE;
              break;
            case LC_MAPPING_FIELD_CURRENCY:
              row->text[f] = lc_currency_code_normalize (text);
              read = row->text[f] != NULL;
              if (!read)
                detail = g_strdup_printf (_("“%s” is not a currency; expected a three-letter code such as USD or EUR"),
                                          text);
              break;
            default:
              row->text[f] = g_strdup (text);
              read = TRUE;
              break;
            }
          if (detail != NULL && row->error == NULL)
            {
              row->error = g_strdup_printf (_("%s, line %lu, column “%s”: %s"), sample->display_name,
                                            (gulong) row->line, self->columns[f], detail);
              row->error_field = f;
            }
          if (!read)
            row->numbers[f] = 0;
          row->has_value[f] = read;
        }
    }
  return preview;
}
