/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-test-shopify-app"

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "lc-format.h"
#include "lc-overview-page-private.h"
#include "lc-shopify-dialog-private.h"
#include "lc-shopify-sync.h"
#include "lc-shopify-credentials.h"
#include "lc-test-gui.h"
#include "lc-test-util.h"
#include "lc-window-private.h"

/*
 * Connect Shopify and Sync Now as the owner uses them: the dialog filled
 * in and Connect clicked, against a GraphQL server on loopback in this
 * process. Run twice by meson: under run-with-keyring.sh with a real GNOME
 * Keyring (LC_TEST_KEYRING=1), and with no D-Bus session at all, as on a
 * machine without a keyring.
 */

#define WAIT_MS 30000
#define GOOD_TOKEN "shpat_liftcheck_test_good"
/* A Dev Dashboard app's, which Shopify trades for GOOD_TOKEN. */
#define CLIENT_ID "liftcheck-client-id"
#define CLIENT_SECRET "liftcheck-client-secret"

/* What the loopback shop answers. */
typedef struct
{
  SoupServer *server;
  char       *endpoint;
  /* The orders it has: 1 the first two, 2 one changed and a third, 3 four
   * orders on two pages, the second of which never comes. */
  int         state;
  /* Requests held unanswered (state 3). */
  GPtrArray  *held;
  guint       requests;
  guint       refused;
  /* Client credentials traded for a token, and refused. */
  guint       token_grants;
  guint       token_refusals;
  char       *last_token;
} FakeShop;

static FakeShop shop;
static gboolean have_keyring;

/* Responses in the Admin API's shape, for the query the core sends (see
 * src/core/lc-shopify-sync.c and tests/test-shopify-sync.c). */
#define MONEY(amount) "{\"shopMoney\":{\"amount\":\"" amount "\"}}"
#define PAGE_START(count) \
  "{\"data\":{\"shop\":{\"currencyCode\":\"USD\",\"ianaTimezone\":\"America/New_York\"}," \
  "\"ordersCount\":{\"count\":" count ",\"precision\":\"EXACT\"}," \
  "\"orders\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},\"nodes\":["
#define PAGE_END \
  "]}},\"extensions\":{\"cost\":{\"requestedQueryCost\":200,\"actualQueryCost\":20," \
  "\"throttleStatus\":{\"maximumAvailable\":2000.0,\"currentlyAvailable\":1980,\"restoreRate\":100.0}}}}"
#define NO_LINES_LEFT "\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}"

/* Two shirts and a tote, one shirt refunded: $60 with $5 shipping. */
#define ORDER_1001 \
  "{\"id\":\"gid://shopify/Order/1001\",\"name\":\"#1001\",\"createdAt\":\"2026-10-01T14:00:00Z\"," \
  "\"updatedAt\":\"2026-10-05T09:00:00Z\",\"cancelledAt\":null,\"displayFinancialStatus\":\"PARTIALLY_REFUNDED\"," \
  "\"email\":\"ana@example.com\",\"discountCode\":null,\"sourceName\":\"web\",\"tags\":[]," \
  "\"subtotalPriceSet\":" MONEY ("60.00") ",\"totalShippingPriceSet\":" MONEY ("5.00") "," \
  "\"totalTaxSet\":" MONEY ("0.00") ",\"totalPriceSet\":" MONEY ("65.00") "," \
  "\"totalDiscountsSet\":" MONEY ("0.00") ",\"totalRefundedSet\":" MONEY ("20.00") "," \
  "\"lineItems\":{" NO_LINES_LEFT ",\"nodes\":[" \
  "{\"id\":\"gid://shopify/LineItem/11\",\"name\":\"Linen Shirt - M\",\"sku\":\"SHIRT-M\",\"quantity\":2," \
  "\"vendor\":\"Acme\",\"originalUnitPriceSet\":" MONEY ("20.00") ",\"totalDiscountSet\":" MONEY ("0.00") "}," \
  "{\"id\":\"gid://shopify/LineItem/12\",\"name\":\"Canvas Tote\",\"sku\":\"TOTE\",\"quantity\":1," \
  "\"vendor\":\"Acme\",\"originalUnitPriceSet\":" MONEY ("20.00") ",\"totalDiscountSet\":" MONEY ("0.00") "}]}," \
  "\"refunds\":[{\"id\":\"gid://shopify/Refund/501\",\"createdAt\":\"2026-10-05T09:00:00Z\"," \
  "\"totalRefundedSet\":" MONEY ("20.00") ",\"refundLineItems\":{" NO_LINES_LEFT ",\"nodes\":[" \
  "{\"quantity\":1,\"subtotalSet\":" MONEY ("20.00") ",\"lineItem\":{\"id\":\"gid://shopify/LineItem/11\"}}]}}]}"

#define ORDER_1002(updated, tags) \
  "{\"id\":\"gid://shopify/Order/1002\",\"name\":\"#1002\",\"createdAt\":\"2026-10-02T11:30:00Z\"," \
  "\"updatedAt\":\"" updated "\",\"cancelledAt\":null,\"displayFinancialStatus\":\"PAID\"," \
  "\"email\":null,\"discountCode\":null,\"sourceName\":\"web\",\"tags\":" tags "," \
  "\"subtotalPriceSet\":" MONEY ("30.00") ",\"totalShippingPriceSet\":" MONEY ("0.00") "," \
  "\"totalTaxSet\":" MONEY ("0.00") ",\"totalPriceSet\":" MONEY ("30.00") "," \
  "\"totalDiscountsSet\":" MONEY ("0.00") ",\"totalRefundedSet\":" MONEY ("0.00") "," \
  "\"lineItems\":{" NO_LINES_LEFT ",\"nodes\":[" \
  "{\"id\":\"gid://shopify/LineItem/21\",\"name\":\"Canvas Tote\",\"sku\":\"TOTE\",\"quantity\":1," \
  "\"vendor\":\"Acme\",\"originalUnitPriceSet\":" MONEY ("30.00") ",\"totalDiscountSet\":" MONEY ("0.00") "}]}," \
  "\"refunds\":[]}"

#define ORDER_1003 \
  "{\"id\":\"gid://shopify/Order/1003\",\"name\":\"#1003\",\"createdAt\":\"2026-10-20T16:00:00Z\"," \
  "\"updatedAt\":\"2026-10-20T16:00:00Z\",\"cancelledAt\":null,\"displayFinancialStatus\":\"PAID\"," \
  "\"email\":null,\"discountCode\":null,\"sourceName\":\"web\",\"tags\":[]," \
  "\"subtotalPriceSet\":" MONEY ("40.00") ",\"totalShippingPriceSet\":" MONEY ("0.00") "," \
  "\"totalTaxSet\":" MONEY ("0.00") ",\"totalPriceSet\":" MONEY ("40.00") "," \
  "\"totalDiscountsSet\":" MONEY ("0.00") ",\"totalRefundedSet\":" MONEY ("0.00") "," \
  "\"lineItems\":{" NO_LINES_LEFT ",\"nodes\":[" \
  "{\"id\":\"gid://shopify/LineItem/31\",\"name\":\"Linen Shirt - L\",\"sku\":\"SHIRT-L\",\"quantity\":2," \
  "\"vendor\":\"Acme\",\"originalUnitPriceSet\":" MONEY ("20.00") ",\"totalDiscountSet\":" MONEY ("0.00") "}]}," \
  "\"refunds\":[]}"

/* The shop's first state: two orders, one with a refund. */
static const char first_orders_json[] =
  PAGE_START ("2") ORDER_1001 "," ORDER_1002 ("2026-10-02T11:30:00Z", "[]") PAGE_END;
/* Later: #1002 was tagged, #1003 is new; a sync since the last one sees
 * just those. */
static const char later_orders_json[] =
  PAGE_START ("2") ORDER_1002 ("2026-10-21T08:00:00Z", "[\"gift\"]") "," ORDER_1003 PAGE_END;

/* The first of two pages of four orders. */
static const char first_of_two_pages_json[] =
  "{\"data\":{\"shop\":{\"currencyCode\":\"USD\",\"ianaTimezone\":\"America/New_York\"},"
  "\"ordersCount\":{\"count\":4,\"precision\":\"EXACT\"},"
  "\"orders\":{\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"cursor-2\"},\"nodes\":["
  ORDER_1001 "," ORDER_1002 ("2026-10-02T11:30:00Z", "[]") PAGE_END;

static const char *
orders_response (void)
{
  switch (shop.state)
    {
    case 1:
      return first_orders_json;
    case 2:
      return later_orders_json;
    case 3:
      return shop.requests == 1 ? first_of_two_pages_json : NULL;
    default:
      g_assert_not_reached ();
    }
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *token = soup_message_headers_get_one (headers, "X-Shopify-Access-Token");
  const char *body;

  shop.requests++;
  g_free (shop.last_token);
  shop.last_token = g_strdup (token);

  if (g_strcmp0 (token, GOOD_TOKEN) != 0)
    {
      shop.refused++;
      soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
      body = "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}";
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
      return;
    }

  body = orders_response ();
  if (body == NULL)
    {
      soup_server_message_pause (message);
      g_ptr_array_add (shop.held, g_object_ref (message));
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

/* Shopify's client credentials grant, as the core's tests answer it. */
static void
on_token_request (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autofree char *text = g_strndup (g_bytes_get_data (request, NULL), g_bytes_get_size (request));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  const char *body;

  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "client_credentials") != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_id"), CLIENT_ID) != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_secret"), CLIENT_SECRET) != 0)
    {
      shop.token_refusals++;
      body = "{\"error\": \"invalid_client\"}";
      soup_server_message_set_status (message, SOUP_STATUS_BAD_REQUEST, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
      return;
    }

  shop.token_grants++;
  body = "{\"access_token\": \"" GOOD_TOKEN "\", \"scope\": \"read_orders,read_all_orders\", \"expires_in\": 86399}";
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
fake_shop_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *uri = NULL;

  shop.held = g_ptr_array_new_with_free_func (g_object_unref);
  shop.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (shop.server, NULL, on_request, NULL, NULL);
  soup_server_add_handler (shop.server, "/admin/oauth/access_token", on_token_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (shop.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (shop.server);
  g_assert_nonnull (uris);
  uri = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  /* "http://127.0.0.1:PORT/" without the slash. */
  if (g_str_has_suffix (uri, "/"))
    uri[strlen (uri) - 1] = '\0';
  shop.endpoint = g_steal_pointer (&uri);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

static void
fake_shop_reset (int state)
{
  /* Whatever still waits gets an answer. */
  for (guint i = 0; i < shop.held->len; i++)
    {
      SoupServerMessage *message = g_ptr_array_index (shop.held, i);

      soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (message);
    }
  g_ptr_array_set_size (shop.held, 0);
  shop.state = state;
  shop.requests = 0;
  shop.refused = 0;
  shop.token_grants = 0;
  shop.token_refusals = 0;
  g_clear_pointer (&shop.last_token, g_free);
}

static LcWindow *
show_new_window (void)
{
  LcWindow *window = lc_window_new (NULL);

  lc_window_set_shopify_endpoint (window, shop.endpoint);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lc_test_iterate_until (lc_test_widget_is_mapped, window, WAIT_MS));
  return window;
}

static void
open_and_wait (LcWindow   *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (lc_window_open_file (window, file));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
}

/* A new empty store file; returns its path. */
static char *
make_empty_store (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LcStore) store = lc_test_new_store (&path);

  return g_steal_pointer (&path);
}

static gboolean
dialog_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Types the shop and what gives access into the dialog, checks what it
 * says, and clicks Connect: a Dev Dashboard app's client ID and secret, or,
 * with client_id NULL, an access token. */
static void
fill_and_connect_app (LcShopifyDialog *dialog,
                      const char      *shop_name,
                      const char      *client_id,
                      const char      *secret)
{
  g_autofree char *expected_hint = NULL;
  g_autofree char *normalized = lc_shopify_normalize_shop (shop_name, NULL);
  GtkButton *connect = lc_shopify_dialog_get_connect_button (dialog);

  g_assert_true (lc_test_iterate_until (dialog_is_mapped, dialog, WAIT_MS));
  g_assert_nonnull (normalized);

  /* Connect waits for a shop name and a token. */
  gtk_editable_set_text (GTK_EDITABLE (lc_shopify_dialog_get_shop_row (dialog)), "not a shop!");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (connect)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (lc_shopify_dialog_get_shop_row (dialog)), "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (lc_shopify_dialog_get_shop_hint (dialog)), "not a Shopify shop name"));

  gtk_editable_set_text (GTK_EDITABLE (lc_shopify_dialog_get_shop_row (dialog)), shop_name);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (lc_shopify_dialog_get_shop_row (dialog)), "error"));
  expected_hint = g_strdup_printf ("Liftcheck will connect to %s.", normalized);
  g_assert_cmpstr (gtk_label_get_label (lc_shopify_dialog_get_shop_hint (dialog)), ==, expected_hint);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (connect)));

  if (client_id == NULL)
    {
      /* An app made in the Shopify admin: its token. */
      gtk_toggle_button_set_active (lc_shopify_dialog_get_token_button (dialog), TRUE);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lc_shopify_dialog_get_token_row (dialog))));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lc_shopify_dialog_get_client_id_row (dialog))));
      gtk_editable_set_text (GTK_EDITABLE (lc_shopify_dialog_get_token_row (dialog)), secret);
    }
  else
    {
      /* A Dev Dashboard app, the dialog's first choice. */
      g_assert_true (gtk_toggle_button_get_active (lc_shopify_dialog_get_client_button (dialog)));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lc_shopify_dialog_get_token_row (dialog))));
      gtk_editable_set_text (GTK_EDITABLE (lc_shopify_dialog_get_client_id_row (dialog)), client_id);
      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (connect)));
      gtk_editable_set_text (GTK_EDITABLE (lc_shopify_dialog_get_client_secret_row (dialog)), secret);
    }
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (connect)));
  g_signal_emit_by_name (connect, "clicked");
}

static void
fill_and_connect (LcShopifyDialog *dialog,
                  const char      *shop_name,
                  const char      *token)
{
  fill_and_connect_app (dialog, shop_name, NULL, token);
}

static gboolean
keyring_label_settled (gpointer data)
{
  LcShopifyDialog *dialog = data;

  /* The warning shows once the keyring did not answer. */
  return !have_keyring && gtk_widget_get_visible (GTK_WIDGET (lc_shopify_dialog_get_keyring_label (dialog)));
}

typedef struct
{
  gboolean              done;
  LcShopifyCredentials *credentials;
  GError               *error;
} Lookup;

static void
on_looked_up (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->credentials = lc_shopify_credentials_lookup_finish (result, &lookup->error);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer data)
{
  return ((Lookup *) data)->done;
}

/* What the keyring keeps for shop_name, or NULL. */
static LcShopifyCredentials *
keyring_credentials (const char *shop_name)
{
  Lookup lookup = { 0 };

  lc_shopify_credentials_lookup_async (shop_name, NULL, on_looked_up, &lookup);
  g_assert_true (lc_test_iterate_until (lookup_done, &lookup, WAIT_MS));
  g_assert_no_error (lookup.error);
  return lookup.credentials;
}

/* The visible message dialog that belongs to window, or NULL. */
static AdwMessageDialog *
find_message_dialog (LcWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog (LC_WINDOW (data));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static LcShopifyDialog *
find_connect_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (LC_IS_SHOPIFY_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return LC_SHOPIFY_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
connect_dialog_shown (gpointer data)
{
  LcShopifyDialog *dialog = find_connect_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static void
assert_file_lacks (const char *path,
                   const char *secret)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, length, secret));
}

/* The store holds the orders of the shop's state, and the window shows
 * them. */
static void
assert_orders (LcWindow *window,
               int       state)
{
  const LcAnalysis *analysis = lc_window_get_analysis (window);

  g_assert_nonnull (analysis);
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, state == 1 ? 2 : 3);
  g_assert_cmpint (analysis->summary->orders, ==, state == 1 ? 2 : 3);
  /* The refund of #1001 came with it: $20 of $95 or $135. */
  g_assert_cmpint (analysis->summary->refunded, ==, 2000);
  g_assert_cmpint (analysis->summary->total, ==, state == 1 ? 9500 : 13500);
}

/* Moves the store's last sync by seconds, as if it had been then. */
static void
set_last_sync (LcWindow   *window,
               const char *path,
               gint64      seconds)
{
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_name = NULL;
  g_autofree char *when = NULL;
  gint64 last_sync = -1;

  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (lc_store_get_shopify_connection (store, &shop_name, &last_sync, &error));
  g_assert_cmpint (last_sync, >, 0);
  /* The core's setting (src/core/lc-shopify-sync.c). */
  when = g_strdup_printf ("%" G_GINT64_FORMAT, last_sync + seconds);
  g_assert_true (lc_store_set_setting (store, "shopify-last-sync-utc", when, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  lc_window_reload (window);
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
}

static const char *
shopify_row_subtitle (LcWindow *window)
{
  return adw_action_row_get_subtitle (lc_overview_page_get_shopify_row (lc_window_get_overview_page (window)));
}

static void
test_last_sync_reads_as_time_ago (void)
{
  gint64 now = 1795000000;
  g_autofree char *never = lc_format_last_sync (-1, now);
  g_autofree char *just_now = lc_format_last_sync (now - 20, now);
  g_autofree char *minute = lc_format_last_sync (now - 60, now);
  g_autofree char *minutes = lc_format_last_sync (now - 5 * 60 - 10, now);
  g_autofree char *hours = lc_format_last_sync (now - 3 * 3600, now);
  g_autofree char *day = lc_format_last_sync (now - 3 * 86400, now);
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (now - 3 * 86400);
  g_autofree char *expected_day = g_date_time_format (then, "Last synced on %-d %b %Y");

  g_assert_cmpstr (never, ==, "Not synced yet");
  g_assert_cmpstr (just_now, ==, "Last synced just now");
  g_assert_cmpstr (minute, ==, "Last synced 1 minute ago");
  g_assert_cmpstr (minutes, ==, "Last synced 5 minutes ago");
  g_assert_cmpstr (hours, ==, "Last synced 3 hours ago");
  g_assert_cmpstr (day, ==, expected_day);
}

/* No value in the app's settings holds secret. */
static void
assert_settings_lack (const char *secret)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
}


static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_FILE_CHOOSER (toplevel);
    }
  return NULL;
}

static gboolean
file_chooser_shown (gpointer data)
{
  return find_file_chooser () != NULL;
}

static gboolean
second_page_asked (gpointer data)
{
  return shop.held->len > 0;
}

/* Sync Now shows how far it got, and Cancel leaves the store as it was. */
static void
test_sync_shows_progress_and_cancels (void)
{
  g_autofree char *path = make_empty_store ();
  g_autofree char *subtitle = NULL;
  g_autofree char *offered = NULL;
  LcWindow *window;

  fake_shop_reset (1);
  window = show_new_window ();
  open_and_wait (window, path);
  fill_and_connect (lc_window_connect_shopify (window), "liftcheck-test", GOOD_TOKEN);
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
  assert_orders (window, 1);
  set_last_sync (window, path, -3 * 3600);
  subtitle = g_strdup (shopify_row_subtitle (window));

  /* Four orders on two pages; the second page does not come. The token is
   * the window's own (no keyring) or the keyring's. */
  fake_shop_reset (3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-shopify", NULL));
  g_assert_true (lc_test_iterate_until (second_page_asked, NULL, WAIT_MS));
  lc_test_settle ();
  g_assert_true (lc_window_is_busy (window));
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  g_assert_cmpstr (lc_window_get_import_label (window), ==, "Syncing with liftcheck-test.myshopify.com: 2 orders so far");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (lc_window_get_import_progress_bar (window)), 0.5, 1e-9);
  /* A second Sync Now waits for this one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-shopify", NULL);
  lc_test_settle ();
  g_assert_cmpuint (shop.requests, ==, 2);

  g_signal_emit_by_name (lc_window_get_import_cancel_button (window), "clicked");
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
  assert_orders (window, 1);
  g_assert_cmpstr (shopify_row_subtitle (window), ==, subtitle);

  /* Another shop's orders do not go into this store: Connect asks where
   * to keep a new one. */
  fake_shop_reset (1);
  fill_and_connect (lc_window_connect_shopify (window), "other-shop", GOOD_TOKEN);
  g_assert_true (lc_test_iterate_until (file_chooser_shown, NULL, WAIT_MS));
  offered = gtk_file_chooser_get_current_name (find_file_chooser ());
  g_assert_cmpstr (offered, ==, "other-shop.liftcheck");
  gtk_dialog_response (GTK_DIALOG (find_file_chooser ()), GTK_RESPONSE_CANCEL);
  lc_test_settle ();
  g_assert_cmpuint (shop.requests, ==, 0);
  assert_orders (window, 1);

  lc_test_close_window (window);
}

/* Connect on an open, empty store: the orders come in, the window shows
 * them and the shop; the token goes to the keyring and nowhere else, and
 * Sync Now takes it from there. */
static void
test_connect_keeps_token_and_sync_now_finds_it (void)
{
  g_autofree char *path = make_empty_store ();
  g_autoptr(LcShopifyCredentials) kept = NULL;
  g_autofree char *old_subtitle = NULL;
  LcShopifyDialog *dialog;
  LcOverviewPage *overview;
  LcWindow *window;

  fake_shop_reset (1);
  window = show_new_window ();
  open_and_wait (window, path);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "empty");

  dialog = lc_window_connect_shopify (window);
  fill_and_connect (dialog, "liftcheck-test", GOOD_TOKEN);
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();

  g_assert_cmpuint (shop.refused, ==, 0);
  g_assert_cmpuint (shop.requests, >, 0);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  assert_orders (window, 1);
  overview = lc_window_get_overview_page (window);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (lc_overview_page_get_shopify_row (overview))),
                   ==, "Connected to liftcheck-test.myshopify.com");
  g_assert_cmpstr (shopify_row_subtitle (window), ==, "Last synced just now");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lc_overview_page_get_shopify_row (overview))));

  /* In the keyring, and neither in the store file nor the settings. */
  kept = keyring_credentials ("liftcheck-test.myshopify.com");
  g_assert_nonnull (kept);
  g_assert_null (kept->client_id);
  g_assert_cmpstr (kept->secret, ==, GOOD_TOKEN);
  assert_file_lacks (path, GOOD_TOKEN);
  assert_settings_lack (GOOD_TOKEN);

  /* Two hours later the shop has a changed order and a new one. */
  set_last_sync (window, path, -2 * 3600);
  old_subtitle = g_strdup (shopify_row_subtitle (window));
  g_assert_cmpstr (old_subtitle, ==, "Last synced 2 hours ago");
  fake_shop_reset (2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-shopify", NULL));
  g_assert_true (lc_window_is_busy (window));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();

  /* The token came from the keyring: no dialog asked for it. */
  g_assert_null (find_connect_dialog ());
  g_assert_cmpstr (shop.last_token, ==, GOOD_TOKEN);
  assert_orders (window, 2);
  g_assert_cmpstr (shopify_row_subtitle (window), !=, old_subtitle);
  g_assert_cmpstr (shopify_row_subtitle (window), ==, "Last synced just now");
  assert_file_lacks (path, GOOD_TOKEN);

  lc_test_close_window (window);
}


/* A Dev Dashboard app: its client ID and secret buy a token at every
 * sync; what the keyring keeps (or the window, without one) is the ID and
 * secret, never in the store. A wrong secret is refused, the store as it
 * was. */
static void
test_dev_dashboard_app_buys_a_token_each_sync (void)
{
  g_autofree char *path = make_empty_store ();
  g_autofree char *refused_path = make_empty_store ();
  AdwMessageDialog *message;
  LcShopifyDialog *again;
  LcWindow *window;

  fake_shop_reset (1);
  window = show_new_window ();
  open_and_wait (window, path);
  fill_and_connect_app (lc_window_connect_shopify (window), "dashboard-shop", CLIENT_ID, CLIENT_SECRET);
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
  g_assert_cmpuint (shop.token_grants, ==, 1);
  g_assert_cmpstr (shop.last_token, ==, GOOD_TOKEN);
  assert_orders (window, 1);
  assert_file_lacks (path, CLIENT_SECRET);
  assert_file_lacks (path, GOOD_TOKEN);
  assert_settings_lack (CLIENT_SECRET);
  if (have_keyring)
    {
      g_autoptr(LcShopifyCredentials) kept = keyring_credentials ("dashboard-shop.myshopify.com");

      g_assert_nonnull (kept);
      g_assert_cmpstr (kept->client_id, ==, CLIENT_ID);
      g_assert_cmpstr (kept->secret, ==, CLIENT_SECRET);
    }

  /* Sync Now trades them again: the token of the last sync is gone. */
  fake_shop_reset (2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-shopify", NULL));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
  g_assert_null (find_connect_dialog ());
  g_assert_cmpuint (shop.token_grants, ==, 1);
  assert_orders (window, 2);
  lc_test_close_window (window);

  /* A wrong secret. */
  fake_shop_reset (1);
  window = show_new_window ();
  open_and_wait (window, refused_path);
  fill_and_connect_app (lc_window_connect_shopify (window), "dashboard-shop", CLIENT_ID, "not-the-secret");
  g_assert_true (lc_test_iterate_until (message_dialog_shown, window, WAIT_MS));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  g_assert_cmpuint (shop.token_refusals, ==, 1);
  g_assert_cmpuint (shop.requests, ==, 0);
  message = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Shopify Refused the App’s Client ID or Secret");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (message),
                                   "Shopify refused the app’s client ID and secret for dashboard-shop.myshopify.com."));
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "empty");
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, 0);
  assert_file_lacks (refused_path, "not-the-secret");

  /* Asked again, as a Dev Dashboard app. */
  adw_message_dialog_response (message, "token");
  g_assert_true (lc_test_iterate_until (connect_dialog_shown, NULL, WAIT_MS));
  again = find_connect_dialog ();
  g_assert_true (gtk_toggle_button_get_active (lc_shopify_dialog_get_client_button (again)));
  gtk_window_destroy (GTK_WINDOW (again));
  lc_test_close_window (window);
}

/* A refused token: the dialog says so and what to do, offers a new token,
 * and nothing changed: no orders, no connection, nothing kept. */
static void
test_refused_token_shows_error_and_leaves_store (void)
{
  g_autofree char *path = make_empty_store ();
  g_autofree char *checksum = lc_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *connected_shop = NULL;
  gint64 last_sync = 0;
  AdwMessageDialog *message;
  LcShopifyDialog *again;
  LcWindow *window;

  fake_shop_reset (1);
  window = show_new_window ();
  open_and_wait (window, path);

  fill_and_connect (lc_window_connect_shopify (window), "refused-shop.myshopify.com", "shpat_wrong");
  g_assert_true (lc_test_iterate_until (message_dialog_shown, window, WAIT_MS));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  g_assert_cmpuint (shop.refused, >, 0);

  message = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Shopify Refused the Token");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (message),
                                   "refused-shop.myshopify.com did not accept the access token"));
  g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (message),
                                   "Nothing was synced: the store is as it was."));
  g_assert_true (adw_message_dialog_has_response (message, "token"));

  /* The store is exactly as it was. */
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "empty");
  g_assert_cmpint (lc_store_count_orders (lc_window_get_store (window)), ==, 0);
  store = lc_store_open (path, LC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (lc_store_get_shopify_connection (store, &connected_shop, &last_sync, &error));
  g_assert_no_error (error);
  g_assert_null (connected_shop);
  g_clear_object (&store);
  after = lc_test_file_checksum (path);
  g_assert_cmpstr (after, ==, checksum);
  assert_file_lacks (path, "shpat_wrong");
  if (have_keyring)
    {
      g_autoptr(LcShopifyCredentials) kept = keyring_credentials ("refused-shop.myshopify.com");

      g_assert_null (kept);
    }

  /* "Enter a New Token…" asks again for the same shop. */
  adw_message_dialog_response (message, "token");
  g_assert_true (lc_test_iterate_until (connect_dialog_shown, NULL, WAIT_MS));
  again = find_connect_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lc_shopify_dialog_get_shop_row (again))), ==,
                   "refused-shop.myshopify.com");
  g_assert_true (gtk_toggle_button_get_active (lc_shopify_dialog_get_token_button (again)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lc_shopify_dialog_get_token_row (again))), ==, "");
  gtk_window_destroy (GTK_WINDOW (again));

  lc_test_close_window (window);
}

static gboolean
store_is_open (gpointer data)
{
  LcWindow *window = data;

  return lc_window_get_store (window) != NULL && lc_test_window_is_idle (window);
}

static gboolean
wizard_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (LC_IS_WIZARD (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return TRUE;
    }
  return FALSE;
}

/* From the welcome page: the dialog, then where to keep the new store,
 * then the first sync, and the new store opens. */
static void
test_connect_from_welcome_makes_a_new_store (void)
{
  g_autofree char *dir = lc_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "welcome-shop.liftcheck", NULL);
  g_autofree char *offered = NULL;
  GtkFileChooser *chooser;
  LcWindow *window;

  fake_shop_reset (1);
  window = show_new_window ();
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-shopify", NULL));
  g_assert_true (lc_test_iterate_until (connect_dialog_shown, NULL, WAIT_MS));
  fill_and_connect (find_connect_dialog (), "welcome-shop", GOOD_TOKEN);

  /* The save dialog offers the shop's name; cancelling it leaves the
   * welcome page, with no file made. */
  g_assert_true (lc_test_iterate_until (file_chooser_shown, NULL, WAIT_MS));
  chooser = find_file_chooser ();
  offered = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (offered, ==, "welcome-shop.liftcheck");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  lc_test_settle ();
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "welcome");
  g_assert_cmpuint (shop.requests, ==, 0);

  /* Again, as after the save dialog chose the file. */
  fill_and_connect (lc_window_connect_shopify_into (window, path), "welcome-shop", GOOD_TOKEN);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "preparing");
  g_assert_true (lc_test_iterate_until (store_is_open, window, WAIT_MS));
  lc_test_settle ();
  g_assert_cmpstr (lc_store_get_path (lc_window_get_store (window)), ==, path);
  assert_orders (window, 1);
  g_assert_cmpstr (lc_window_get_page_name (window), ==, "overview");
  assert_file_lacks (path, GOOD_TOKEN);
  /* A new store starts with the questions its numbers cannot answer. */
  g_assert_true (lc_test_iterate_until (wizard_shown, window, WAIT_MS));

  lc_test_close_window (window);
}

/* No keyring: the dialog says the token cannot be saved; the sync runs with
 * it, and Sync Now in the same window uses it again without asking. */
static void
test_no_keyring_keeps_token_for_the_window (void)
{
  g_autofree char *path = make_empty_store ();
  LcShopifyDialog *dialog;
  LcWindow *window;

  fake_shop_reset (1);
  window = show_new_window ();
  open_and_wait (window, path);

  dialog = lc_window_connect_shopify (window);
  g_assert_true (lc_test_iterate_until (keyring_label_settled, dialog, WAIT_MS));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (lc_shopify_dialog_get_keyring_label (dialog)),
                                   "This computer has no password keyring Liftcheck can use"));
  fill_and_connect (dialog, "liftcheck-test", GOOD_TOKEN);
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
  assert_orders (window, 1);
  assert_file_lacks (path, GOOD_TOKEN);
  assert_settings_lack (GOOD_TOKEN);

  fake_shop_reset (2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-shopify", NULL));
  g_assert_true (lc_test_iterate_until (lc_test_window_is_idle, window, WAIT_MS));
  lc_test_settle ();
  g_assert_null (find_connect_dialog ());
  g_assert_cmpstr (shop.last_token, ==, GOOD_TOKEN);
  assert_orders (window, 2);

  lc_test_close_window (window);

  /* A new window has not kept it: it asks. */
  window = show_new_window ();
  open_and_wait (window, path);
  fake_shop_reset (2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-shopify", NULL));
  g_assert_true (lc_test_iterate_until (connect_dialog_shown, NULL, WAIT_MS));
  g_assert_cmpuint (shop.requests, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lc_shopify_dialog_get_shop_row (find_connect_dialog ()))), ==,
                   "liftcheck-test.myshopify.com");
  gtk_window_destroy (GTK_WINDOW (find_connect_dialog ()));
  lc_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  have_keyring = g_strcmp0 (g_getenv ("LC_TEST_KEYRING"), "1") == 0;
  /* Without the wrapper this is a machine with no keyring: no D-Bus
   * session to find one on. */
  if (!have_keyring)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/liftcheck-test-bus", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* Stack transitions would only slow the tests down. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  fake_shop_start ();

  g_test_add_func ("/lc/shopify-app/last-sync-reads-as-time-ago", test_last_sync_reads_as_time_ago);
  g_test_add_func ("/lc/shopify-app/refused-token-shows-error-and-leaves-store", test_refused_token_shows_error_and_leaves_store);
  g_test_add_func ("/lc/shopify-app/sync-shows-progress-and-cancels", test_sync_shows_progress_and_cancels);
  g_test_add_func ("/lc/shopify-app/dev-dashboard-app-buys-a-token-each-sync", test_dev_dashboard_app_buys_a_token_each_sync);
  if (have_keyring)
    {
      g_test_add_func ("/lc/shopify-app/keyring/connect-keeps-token-and-sync-now-finds-it", test_connect_keeps_token_and_sync_now_finds_it);
      g_test_add_func ("/lc/shopify-app/keyring/connect-from-welcome-makes-a-new-store", test_connect_from_welcome_makes_a_new_store);
    }
  else
    g_test_add_func ("/lc/shopify-app/no-keyring/token-kept-for-the-window", test_no_keyring_keeps_token_for_the_window);

  return g_test_run ();
}
