/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lc-import.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* The Admin API version Liftcheck asks for unless told otherwise. */
#define LC_SHOPIFY_DEFAULT_API_VERSION "2025-10"

#define LC_SHOPIFY_ERROR (lc_shopify_error_quark ())

typedef enum
{
  LC_SHOPIFY_ERROR_NETWORK,        /* no connection, TLS failure, connection dropped */
  LC_SHOPIFY_ERROR_UNAUTHORIZED,   /* 401: wrong or revoked token */
  LC_SHOPIFY_ERROR_FORBIDDEN,      /* 403 or ACCESS_DENIED: a scope is missing */
  LC_SHOPIFY_ERROR_THROTTLED,      /* still throttled or failing after every retry */
  LC_SHOPIFY_ERROR_BAD_RESPONSE,   /* not the JSON Shopify sends */
  LC_SHOPIFY_ERROR_BAD_SHOP,       /* a shop name that is not NAME or NAME.myshopify.com */
} LcShopifyError;

typedef struct
{
  const char *shop;          /* "my-store" or "my-store.myshopify.com" */
  const char *token;         /* the Admin API access token; never stored or logged */
  const char *api_version;   /* NULL: LC_SHOPIFY_DEFAULT_API_VERSION */
  const char *endpoint;      /* NULL: https://SHOP.myshopify.com; else a base URL such as http://127.0.0.1:PORT */
  gint64      since_utc;     /* orders updated since (Unix seconds); -1: since the last sync, or all orders on the first */
} LcShopifySyncOptions;

typedef struct
{
  gint64     orders_added;
  gint64     orders_updated;
  gint64     refunds;
  gint64     pages;
  gint64     synced_utc;     /* when this sync ended */
  GPtrArray *warnings;       /* translated strings, e.g. only the last 60 days were visible */
} LcShopifySyncResult;

/* Called in the caller's thread-default main context (async) or the
 * syncing thread (sync): orders read so far, and a fraction in 0..1 when
 * Shopify said how many there are, else -1. While Shopify prepares the
 * export of a first sync (a bulk operation, minutes for a large shop),
 * orders_so_far is LC_SHOPIFY_PREPARING, at each look at how it is
 * going. */
#define LC_SHOPIFY_PREPARING ((gint64) -1)

typedef void (*LcShopifyProgressFunc) (gint64   orders_so_far,
                                       double   fraction,
                                       gpointer user_data);

GQuark               lc_shopify_error_quark        (void);
/* Frees a token, secret or e-mail address after overwriting its bytes,
 * so that no copy is left in freed memory. NULL is fine. */
void                 lc_shopify_wipe_free          (char *text);
void                 lc_shopify_sync_result_free   (LcShopifySyncResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcShopifySyncResult, lc_shopify_sync_result_free)

/* Normalizes a shop name to "name.myshopify.com"; NULL and an error when
 * it is not a shop name. */
char                *lc_shopify_normalize_shop     (const char  *shop,
                                                    GError     **error);

/* One sync: every page read, then every order upserted in one transaction
 * (the store is as it was on any error or cancel). Remembers the shop and
 * the sync time in the store's settings (never the token). */
LcShopifySyncResult *lc_store_shopify_sync         (LcStore                    *store,
                                                    const LcShopifySyncOptions *options,
                                                    LcShopifyProgressFunc       progress,
                                                    gpointer                    progress_data,
                                                    GCancellable               *cancellable,
                                                    GError                    **error);
/* The same off the calling thread, on its own connection to store_path;
 * options are copied. */
void                 lc_shopify_sync_async         (const char                 *store_path,
                                                    const LcShopifySyncOptions *options,
                                                    LcShopifyProgressFunc       progress,
                                                    gpointer                    progress_data,
                                                    GCancellable               *cancellable,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data);
LcShopifySyncResult *lc_shopify_sync_finish        (GAsyncResult               *result,
                                                    GError                    **error);

/* The shop this store syncs with and when it last did (-1: never);
 * FALSE (no error) when it was never connected. */
gboolean             lc_store_get_shopify_connection (LcStore  *store,
                                                      char    **out_shop,
                                                      gint64   *out_last_sync_utc,
                                                      GError  **error);

/* For an app made in Shopify's Dev Dashboard (every custom app made since
 * 1 January 2026): exchanges the app's client ID and secret for an Admin
 * API access token with the client credentials grant. The token lasts
 * about a day (*out_expires_in, seconds, when not NULL): ask for one before
 * each sync and keep it in memory only. endpoint as in
 * LcShopifySyncOptions. Errors are LC_SHOPIFY_ERROR_UNAUTHORIZED for
 * credentials Shopify refuses and LC_SHOPIFY_ERROR_FORBIDDEN when the app
 * lacks the read_orders scope. */
char                *lc_shopify_request_access_token        (const char    *shop,
                                                             const char    *client_id,
                                                             const char    *client_secret,
                                                             const char    *endpoint,
                                                             gint64        *out_expires_in,
                                                             GCancellable  *cancellable,
                                                             GError       **error);
void                 lc_shopify_request_access_token_async  (const char          *shop,
                                                             const char          *client_id,
                                                             const char          *client_secret,
                                                             const char          *endpoint,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char                *lc_shopify_request_access_token_finish (GAsyncResult  *result,
                                                             GError       **error);

G_END_DECLS
