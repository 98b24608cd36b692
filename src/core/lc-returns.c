/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-returns"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-metrics.h"
#include "lc-money.h"
#include "lc-returns.h"
#include "lc-rules.h"
#include "lc-stats.h"
#include "lc-store-private.h"

/* A refund "equals" whole units of a line within this many minor units:
 * Shopify rounds the discount and the tax of each unit separately. */
#define MATCH_TOLERANCE 2

/* Half of the line's value: price × quantity − discount, or its share of the
 * order's total when that is smaller (a refund need not include shipping). */
static gboolean
line_is_returned (gint64 value,
                  gint64 value_sum,
                  gint64 total,
                  gint64 amount)
{
  double share = value_sum > 0 ? (double) total * value / value_sum : 0;

  return amount > 0 && 2.0 * amount >= MIN ((double) value, share);
}

LcAttribution
lc_returns_attribute (const LcReturnLine *lines,
                      guint               n,
                      gint64              refunded,
                      gint64              total,
                      gint64              shipping,
                      gint64             *amounts,
                      gboolean           *returned)
{
  gint64 value_sum = 0;
  gint64 gross_sum = 0;
  LcAttribution how = LC_ATTRIBUTION_SPREAD;
  gint64 spread_left;

  for (guint i = 0; i < n; i++)
    {
      amounts[i] = 0;
      returned[i] = FALSE;
      value_sum += MAX (0, lines[i].price * lines[i].quantity - lines[i].discount);
      gross_sum += lines[i].price * lines[i].quantity;
    }
  if (refunded <= 0 || n == 0)
    return LC_ATTRIBUTION_NONE;

  if (refunded >= total)
    {
      how = LC_ATTRIBUTION_WHOLE;
    }
  else if (n == 1)
    {
      how = LC_ATTRIBUTION_SINGLE;
    }
  else
    {
      for (guint i = 0; i < n && how == LC_ATTRIBUTION_SPREAD; i++)
        for (gint64 k = 1; k <= lines[i].quantity; k++)
          {
            double at_price = (double) k * lines[i].price;
            /* The unit's share of the order's total less shipping carries
             * its discount and tax. */
            double at_share = gross_sum > 0 ? at_price * (total - shipping) / gross_sum : at_price;

            if (fabs (refunded - at_price) <= MATCH_TOLERANCE || fabs (refunded - at_share) <= MATCH_TOLERANCE)
              {
                amounts[i] = refunded;
                returned[i] = 2 * k >= lines[i].quantity;
                how = LC_ATTRIBUTION_MATCH;
                break;
              }
          }
      if (how == LC_ATTRIBUTION_MATCH)
        return how;
    }

  /* WHOLE, SINGLE and SPREAD share the sums: in proportion to value, the
   * last line taking the rounding so that the parts add up. */
  spread_left = refunded;
  for (guint i = 0; i < n; i++)
    {
      gint64 value = MAX (0, lines[i].price * lines[i].quantity - lines[i].discount);

      if (i == n - 1)
        amounts[i] = spread_left;
      else if (value_sum > 0)
        amounts[i] = (gint64) llround ((double) refunded * value / value_sum);
      else
        amounts[i] = refunded / n;
      spread_left -= amounts[i];
      returned[i] = line_is_returned (value, value_sum, total, amounts[i]);
    }
  return how;
}

/* Accumulators ---------------------------------------------------------------- */

typedef struct
{
  gint64   orders;
  gint64   returned;
  gint64   refunded;
  gboolean estimated;
  gboolean sized;
} Acc;

typedef struct
{
  gint64    id;
  LcDay     day;
  gint64    total;
  gint64    shipping;
  gint64    refunded;
  char     *discount_code;
  char     *source;
  char     *customer_hash;
  GArray   *lines;        /* LcReturnLine */
  GPtrArray *products;    /* char*, per line */
  GPtrArray *variants;    /* char* or NULL, per line */
  GArray   *line_refunds; /* gint64 per line from refund_lines, -1 when none */
  gboolean  has_refund_lines;
} OrderRow;

typedef struct
{
  LcReturnsReport *report;
  GHashTable *products;
  GHashTable *variants;
  GHashTable *sizes;
  GHashTable *pairs;
  GHashTable *segments;
  GHashTable *bracketed;     /* product -> orders holding it in several variants */
  GHashTable *customers;
} Ctx;

static Acc *
acc_get (GHashTable *table,
         const char *key)
{
  Acc *acc = g_hash_table_lookup (table, key);

  if (acc == NULL)
    {
      acc = g_new0 (Acc, 1);
      g_hash_table_insert (table, g_strdup (key), acc);
    }
  return acc;
}

static void
acc_add (Acc     *acc,
         gboolean returned,
         gint64   refunded,
         gboolean estimated)
{
  acc->orders++;
  acc->returned += returned ? 1 : 0;
  acc->refunded += refunded;
  acc->estimated |= estimated;
}

/* "M", "XL", "2XL", "38", "10.5": a size, not a colour or a model. */
static gboolean
is_size_token (const char *token)
{
  static const char * const sizes[] = {
    "XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "2XL", "3XL", "4XL",
    "ONE SIZE", "SMALL", "MEDIUM", "LARGE", "PETITE", "TALL",
  };
  char *end = NULL;

  if (token == NULL || *token == '\0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (g_ascii_strcasecmp (token, sizes[i]) == 0)
      return TRUE;
  g_ascii_strtod (token, &end);
  return end != token && *end == '\0';
}

/* The size part of a variant such as "Black / M", or NULL. */
static char *
variant_size (const char *variant)
{
  g_auto(GStrv) parts = NULL;

  if (variant == NULL)
    return NULL;
  parts = g_strsplit (variant, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (is_size_token (parts[i]))
        return g_strdup (parts[i]);
    }
  return NULL;
}

static void
order_row_clear (OrderRow *row)
{
  g_clear_pointer (&row->discount_code, g_free);
  g_clear_pointer (&row->source, g_free);
  g_clear_pointer (&row->customer_hash, g_free);
  g_array_set_size (row->lines, 0);
  g_ptr_array_set_size (row->products, 0);
  g_ptr_array_set_size (row->variants, 0);
  g_array_set_size (row->line_refunds, 0);
  row->has_refund_lines = FALSE;
  row->id = -1;
}

static const char *
size_segment (gint64 units)
{
  if (units <= 1)
    return "items-1";
  if (units <= 3)
    return "items-2-3";
  return "items-4-plus";
}

/* For g_ptr_array_sort, which passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
finish_order (Ctx      *ctx,
              OrderRow *row)
{
  LcReturnsReport *r = ctx->report;
  guint n = row->lines->len;
  g_autofree gint64 *amounts = g_new0 (gint64, MAX (n, 1));
  g_autofree gboolean *line_returned = g_new0 (gboolean, MAX (n, 1));
  g_autoptr(GHashTable) seen_products = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) product_variants = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) product_returned = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) size_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) size_ret = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bracketed_products = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) distinct = g_ptr_array_new ();
  gboolean is_new, returned, bracketed, sized = FALSE, estimated;
  LcAttribution how;
  gint64 units = 0;
  GHashTableIter iter;
  gpointer key;

  if (row->id < 0)
    return;

  is_new = row->customer_hash == NULL || !g_hash_table_contains (ctx->customers, row->customer_hash);
  if (row->customer_hash != NULL && is_new)
    g_hash_table_add (ctx->customers, g_strdup (row->customer_hash));

  /* Earlier orders only teach who is a returning customer. */
  if (row->day < r->from || row->day > r->to || n == 0)
    return;

  returned = row->refunded > 0;
  r->orders++;
  r->returned_orders += returned ? 1 : 0;
  r->total += row->total;
  r->refunded += row->refunded;

  if (row->has_refund_lines)
    {
      how = LC_ATTRIBUTION_LINES;
      for (guint i = 0; i < n; i++)
        {
          const LcReturnLine *line = &g_array_index (row->lines, LcReturnLine, i);
          gint64 got = MAX (0, g_array_index (row->line_refunds, gint64, i));
          gint64 value = line->price * line->quantity - line->discount;

          amounts[i] = got;
          line_returned[i] = got > 0 && 2 * got >= value;
        }
    }
  else
    {
      how = lc_returns_attribute ((const LcReturnLine *) (gpointer) row->lines->data, n,
                                  row->refunded, row->total, row->shipping, amounts, line_returned);
    }
  estimated = how == LC_ATTRIBUTION_SPREAD;
  if (returned)
    {
      if (estimated)
        r->lines_spread++;
      else
        r->lines_exact++;
      r->estimates |= estimated;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *product = g_ptr_array_index (row->products, i);
      const char *variant = g_ptr_array_index (row->variants, i);
      g_autofree char *size = variant_size (variant);
      const char *first_variant;

      units += g_array_index (row->lines, LcReturnLine, i).quantity;
      if (!g_hash_table_contains (seen_products, product))
        {
          g_hash_table_add (seen_products, (gpointer) product);
          g_ptr_array_add (distinct, (gpointer) product);
        }
      if (line_returned[i])
        g_hash_table_add (product_returned, (gpointer) product);

      if (variant != NULL)
        {
          g_autofree char *vkey = g_strdup_printf ("%s / %s", product, variant);
          Acc *acc;

          if (!g_hash_table_contains (seen_variants, vkey))
            {
              gboolean vret = FALSE;
              gint64 vamount = 0;

              /* The variant's orders: returned when any of its lines was. */
              for (guint j = i; j < n; j++)
                if (g_strcmp0 (g_ptr_array_index (row->products, j), product) == 0 &&
                    g_strcmp0 (g_ptr_array_index (row->variants, j), variant) == 0)
                  {
                    vret |= line_returned[j];
                    vamount += amounts[j];
                  }
              acc = acc_get (ctx->variants, vkey);
              acc_add (acc, vret, vamount, estimated);
              acc->sized |= size != NULL;
              g_hash_table_add (seen_variants, g_steal_pointer (&vkey));
            }

          first_variant = g_hash_table_lookup (product_variants, product);
          if (first_variant == NULL)
            g_hash_table_insert (product_variants, (gpointer) product, g_strdup (variant));
          else if (g_strcmp0 (first_variant, variant) != 0)
            g_hash_table_add (bracketed_products, (gpointer) product);
        }
      if (size != NULL)
        {
          sized = TRUE;
          if (line_returned[i])
            g_hash_table_add (size_ret, g_strdup (size));
          g_hash_table_add (size_seen, g_steal_pointer (&size));
        }
    }

  g_hash_table_iter_init (&iter, size_seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *skey = g_strdup_printf ("size %s", (const char *) key);
      gboolean sret = g_hash_table_contains (size_ret, key);
      Acc *acc = acc_get (ctx->sizes, skey);

      acc_add (acc, sret, 0, estimated);
      acc->sized = TRUE;
    }

  for (guint i = 0; i < distinct->len; i++)
    {
      const char *product = g_ptr_array_index (distinct, i);
      gboolean pret = g_hash_table_contains (product_returned, product);
      g_autofree char *size = variant_size (g_hash_table_lookup (product_variants, product));
      gint64 pamount = 0;
      Acc *acc = acc_get (ctx->products, product);

      for (guint j = 0; j < n; j++)
        if (g_strcmp0 (g_ptr_array_index (row->products, j), product) == 0)
          pamount += amounts[j];
      acc_add (acc, pret, pamount, estimated);
      acc->sized |= size != NULL;
    }

  /* Pairs: two products in the same order; the order's own return. */
  g_ptr_array_sort (distinct, compare_names);
  for (guint i = 0; i < distinct->len; i++)
    for (guint j = i + 1; j < distinct->len; j++)
      {
        g_autofree char *pkey = g_strdup_printf ("%s + %s",
                                                 (const char *) g_ptr_array_index (distinct, i),
                                                 (const char *) g_ptr_array_index (distinct, j));

        acc_add (acc_get (ctx->pairs, pkey), returned, row->refunded, FALSE);
      }

  acc_add (acc_get (ctx->segments, is_new ? "new-customer" : "returning-customer"), returned, row->refunded, FALSE);
  acc_add (acc_get (ctx->segments, row->discount_code != NULL && *row->discount_code != '\0'
                                   ? "discount-code" : "no-discount-code"), returned, row->refunded, FALSE);
  acc_add (acc_get (ctx->segments, size_segment (units)), returned, row->refunded, FALSE);
  if (row->source != NULL && *row->source != '\0')
    {
      g_autofree char *skey = g_strdup_printf ("source:%s", row->source);

      acc_add (acc_get (ctx->segments, skey), returned, row->refunded, FALSE);
    }

  g_hash_table_iter_init (&iter, bracketed_products);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      acc_add (acc_get (ctx->bracketed, key), returned, row->refunded, FALSE);
      acc_get (ctx->bracketed, key)->sized = TRUE;
    }
  bracketed = g_hash_table_size (bracketed_products) > 0;
  if (sized)
    r->sized_orders++;
  {
    LcReturnGroup *group = bracketed ? &r->bracketed : &r->not_bracketed;

    group->orders++;
    group->returned += returned ? 1 : 0;
    group->refunded += row->refunded;
  }
}

static void
return_group_free (LcReturnGroup *group)
{
  g_free (group->key);
  g_free (group);
}

void
lc_returns_report_free (LcReturnsReport *report)
{
  if (report == NULL)
    return;
  g_free (report->currency);
  g_free (report->bracketed.key);
  g_free (report->not_bracketed.key);
  g_clear_pointer (&report->flagged, g_ptr_array_unref);
  g_clear_pointer (&report->groups, g_ptr_array_unref);
  g_clear_pointer (&report->report_variants, g_ptr_array_unref);
  g_free (report);
}

const char *
lc_return_group_kind_to_string (LcReturnGroupKind kind)
{
  switch (kind)
    {
    case LC_RETURN_GROUP_PRODUCT: return "product";
    case LC_RETURN_GROUP_VARIANT: return "variant";
    case LC_RETURN_GROUP_PAIR: return "pair";
    case LC_RETURN_GROUP_SEGMENT: return "segment";
    case LC_RETURN_GROUP_BRACKETING: return "bracketing";
    default: g_return_val_if_reached (NULL);
    }
}

char *
lc_return_group_dup_title (const LcReturnGroup *group)
{
  if (group->kind == LC_RETURN_GROUP_BRACKETING && g_str_equal (group->key, "bracketed"))
    return g_strdup (_("Orders with the same item in several sizes"));
  if (group->kind == LC_RETURN_GROUP_BRACKETING)
    /* TRANSLATORS: %s is a product, e.g. "Linen Wrap Dress, ordered in several sizes at once" */
    return g_strdup_printf (_("%s, ordered in several sizes at once"), group->key);
  if (group->kind == LC_RETURN_GROUP_VARIANT && g_str_has_prefix (group->key, "size "))
    /* TRANSLATORS: %s is a size such as "XL" */
    return g_strdup_printf (_("Size %s, all products"), group->key + strlen ("size "));
  if (group->kind != LC_RETURN_GROUP_SEGMENT)
    return g_strdup (group->key);
  if (g_str_equal (group->key, "new-customer"))
    return g_strdup (_("First orders of new customers"));
  if (g_str_equal (group->key, "returning-customer"))
    return g_strdup (_("Orders of returning customers"));
  if (g_str_equal (group->key, "discount-code"))
    return g_strdup (_("Orders with a discount code"));
  if (g_str_equal (group->key, "no-discount-code"))
    return g_strdup (_("Orders without a discount code"));
  if (g_str_equal (group->key, "items-1"))
    return g_strdup (_("Orders of one item"));
  if (g_str_equal (group->key, "items-2-3"))
    return g_strdup (_("Orders of 2 or 3 items"));
  if (g_str_equal (group->key, "items-4-plus"))
    return g_strdup (_("Orders of 4 or more items"));
  if (g_str_has_prefix (group->key, "source:"))
    /* TRANSLATORS: %s is a sales channel such as "web" or "tiktok" */
    return g_strdup_printf (_("Orders from the “%s” channel"), group->key + strlen ("source:"));
  return g_strdup (group->key);
}

const char *
lc_return_nudge_get_advice (LcReturnNudge nudge)
{
  switch (nudge)
    {
    case LC_RETURN_NUDGE_SIZE_GUIDANCE:
      return _("Show size guidance at checkout, and ask before two sizes of the same item go in one order.");
    case LC_RETURN_NUDGE_COMPATIBILITY:
      return _("Check compatibility at checkout: say which models and parts this works with.");
    case LC_RETURN_NUDGE_EXPECTATIONS:
      return _("Set expectations before checkout: real dimensions, materials, colours and assembly.");
    case LC_RETURN_NUDGE_DETAILS:
    default:
      return _("Make the product page say plainly what the customer gets, so that fewer orders come back.");
    }
}

static LcReturnNudge
pick_nudge (const LcReturnGroup *group,
            const char          *vertical)
{
  if (group->kind == LC_RETURN_GROUP_BRACKETING || group->sized)
    return LC_RETURN_NUDGE_SIZE_GUIDANCE;
  if (g_strcmp0 (vertical, "electronics") == 0)
    return LC_RETURN_NUDGE_COMPATIBILITY;
  if (g_strcmp0 (vertical, "furniture") == 0)
    return LC_RETURN_NUDGE_EXPECTATIONS;
  if (g_strcmp0 (vertical, "apparel") == 0)
    return LC_RETURN_NUDGE_SIZE_GUIDANCE;
  return LC_RETURN_NUDGE_DETAILS;
}

static void
group_fill_interval (LcReturnGroup *group)
{
  group->rate = group->orders > 0 ? (double) group->returned / group->orders : 0;
  if (!lc_stats_wilson_interval ((guint64) group->returned, (guint64) group->orders,
                                 LC_STATS_CONFIDENCE, &group->rate_low, &group->rate_high))
    group->rate_low = group->rate_high = 0;
}

static void
collect (LcReturnsReport   *r,
         GHashTable        *table,
         LcReturnGroupKind  kind,
         const char        *vertical)
{
  GHashTableIter iter;
  gpointer key, value;
  guint tested = 0;
  double flag_confidence;

  /* Many groups of one kind are tested at once, and one in twenty would
   * clear a 95% bar by chance: the flag uses a Bonferroni-adjusted lower
   * bound, while the interval shown stays the plain 95% one. */
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((const Acc *) value)->orders >= r->min_orders)
      tested++;
  flag_confidence = 1 - (1 - LC_STATS_CONFIDENCE) / MAX (tested, 1);

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Acc *acc = value;
      LcReturnGroup *group;
      double flag_low = 0, flag_high = 0;

      if (acc->orders < r->min_orders)
        continue;
      group = g_new0 (LcReturnGroup, 1);
      group->kind = kind;
      group->key = g_strdup (key);
      group->orders = acc->orders;
      group->returned = acc->returned;
      group->refunded = acc->refunded;
      group->estimated = acc->estimated;
      group->sized = acc->sized;
      group_fill_interval (group);
      group->nudge = pick_nudge (group, vertical);
      lc_stats_wilson_interval ((guint64) group->returned, (guint64) group->orders, flag_confidence,
                                &flag_low, &flag_high);
      group->flagged = group->rate >= r->flag_rate && flag_low > r->order_rate;
      g_ptr_array_add (r->groups, group);
      if (group->flagged)
        g_ptr_array_add (r->flagged, group);
    }
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const LcReturnGroup *ga = *(const LcReturnGroup * const *) a;
  const LcReturnGroup *gb = *(const LcReturnGroup * const *) b;

  if (ga->kind != gb->kind)
    return ga->kind < gb->kind ? -1 : 1;
  if (ga->rate != gb->rate)
    return ga->rate > gb->rate ? -1 : 1;
  return g_strcmp0 (ga->key, gb->key);
}

static int
compare_flagged (gconstpointer a,
                 gconstpointer b)
{
  const LcReturnGroup *ga = *(const LcReturnGroup * const *) a;
  const LcReturnGroup *gb = *(const LcReturnGroup * const *) b;

  if (ga->rate != gb->rate)
    return ga->rate > gb->rate ? -1 : 1;
  return g_strcmp0 (ga->key, gb->key);
}

static gint64
money_setting (LcStore    *store,
               const char *key,
               gint64      fallback)
{
  g_autofree char *text = lc_store_dup_setting (store, key);
  gint64 value;

  if (text != NULL && lc_money_parse (text, lc_store_get_exponent (store), &value, NULL) && value >= 0)
    return value;
  return fallback;
}

static GHashTable *
load_refund_lines (LcStore  *store,
                   GError  **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lc_store_prepare (store,
                            "SELECT line_item_id, SUM(amount) FROM refund_lines "
                            "WHERE line_item_id IS NOT NULL GROUP BY line_item_id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (table,
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&table);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* The median unit price of the store's order lines, minor units; 0 without
 * lines. */
static gint64
median_unit_price (LcStore  *store,
                   gboolean *ok,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 count = 0, median = 0;
  int rc;

  *ok = FALSE;
  stmt = _lc_store_prepare (store, "SELECT COUNT(*) FROM line_items WHERE is_tip = 0 AND price > 0", error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _lc_store_set_error (store, error);
      return 0;
    }
  if (count == 0)
    {
      *ok = TRUE;
      return 0;
    }
  stmt = _lc_store_prepare (store,
                            "SELECT price FROM line_items WHERE is_tip = 0 AND price > 0 "
                            "ORDER BY price LIMIT 1 OFFSET ?",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, (count - 1) / 2);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    median = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _lc_store_set_error (store, error);
      return 0;
    }
  *ok = TRUE;
  return median;
}

static LcReturnGroup *
find_variant_group (GPtrArray  *groups,
                    const char *key)
{
  for (guint i = 0; i < groups->len; i++)
    {
      LcReturnGroup *group = g_ptr_array_index (groups, i);

      if (group->kind == LC_RETURN_GROUP_VARIANT && !group->from_report && g_str_equal (group->key, key))
        return group;
    }
  return NULL;
}

/* The "sales by variant" report's SKUs: returns / gross sales, exact. */
static gboolean
add_report_variants (LcStore          *store,
                     LcReturnsReport  *r,
                     const char       *vertical,
                     GError          **error)
{
  sqlite3_stmt *stmt, *match;
  gboolean ok;
  gint64 median;
  int rc;

  median = median_unit_price (store, &ok, error);
  if (!ok)
    return FALSE;
  r->report_min_gross = LC_RETURNS_REPORT_MIN_UNITS * median;

  match = _lc_store_prepare (store,
                             "SELECT product, variant FROM line_items WHERE sku = ? "
                             "GROUP BY product, variant ORDER BY COUNT(*) DESC LIMIT 1",
                             error);
  if (match == NULL)
    return FALSE;
  stmt = _lc_store_prepare (store,
                            "SELECT product, variant, sku, net_items, gross_sales, returns, exponent "
                            "FROM variant_sales WHERE report = 'variant' AND gross_sales > 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *product = (const char *) sqlite3_column_text (stmt, 0);
      const char *variant = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *sku = dup_column (stmt, 2);
      g_autofree char *size = NULL;
      gint64 items = sqlite3_column_int64 (stmt, 3);
      gint64 gross = sqlite3_column_int64 (stmt, 4);
      gint64 returns = sqlite3_column_int64 (stmt, 5);
      int shift = (int) r->exponent - sqlite3_column_int (stmt, 6);
      double gross_here = gross * pow (10, shift);
      LcReturnGroup *group;
      LcReturnGroup *orders_group = NULL;
      gboolean enough;

      if (median > 0)
        enough = gross_here >= (double) r->report_min_gross;
      else
        enough = items >= r->min_orders;
      if (!enough)
        continue;

      group = g_new0 (LcReturnGroup, 1);
      group->kind = LC_RETURN_GROUP_VARIANT;
      group->from_report = TRUE;
      if (variant != NULL && *variant != '\0' && g_strcmp0 (variant, "Default Title") != 0)
        group->key = g_strdup_printf ("%s / %s", product, variant);
      else
        group->key = g_strdup (product);
      group->orders = items;
      group->refunded = (gint64) llround (returns * pow (10, shift));
      group->rate = (double) returns / gross;
      group->rate_low = group->rate_high = group->rate;
      group->orders_rate = -1;
      size = variant_size (variant);
      group->sized = size != NULL;
      group->nudge = pick_nudge (group, vertical);
      group->flagged = group->rate >= r->flag_rate;

      /* The same SKU in the order lines: its orders-based rate, for
       * comparison; the report's exact figure replaces its flag. */
      if (sku != NULL)
        {
          sqlite3_bind_text (match, 1, sku, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (match) == SQLITE_ROW && sqlite3_column_text (match, 1) != NULL)
            {
              g_autofree char *okey = g_strdup_printf ("%s / %s",
                                                       (const char *) sqlite3_column_text (match, 0),
                                                       (const char *) sqlite3_column_text (match, 1));

              orders_group = find_variant_group (r->groups, okey);
            }
          sqlite3_reset (match);
          sqlite3_clear_bindings (match);
        }
      if (orders_group != NULL)
        {
          group->orders_rate = orders_group->rate;
          if (orders_group->flagged)
            {
              orders_group->flagged = FALSE;
              g_ptr_array_remove (r->flagged, orders_group);
            }
        }
      g_ptr_array_add (r->report_variants, group);
      if (group->flagged)
        g_ptr_array_add (r->flagged, group);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

LcReturnsReport *
lc_store_compute_returns (LcStore  *store,
                          LcDay     from,
                          LcDay     to,
                          double    cut,
                          GError  **error)
{
  g_autoptr(LcReturnsReport) r = g_new0 (LcReturnsReport, 1);
  g_autoptr(LcSummary) summary = NULL;
  g_autoptr(GHashTable) refund_lines = NULL;
  g_autoptr(GStringChunk) names = g_string_chunk_new (4096);
  g_autofree char *vertical = lc_store_dup_setting (store, "answer.vertical");
  g_autofree char *min_orders_text = lc_store_dup_setting (store, "returns.min_orders");
  OrderRow row = { 0 };
  LcRules rules;
  Ctx ctx = { 0 };
  sqlite3_stmt *stmt;
  double days, year_scale;
  gint64 flagged_returned = 0;
  int rc;

  summary = lc_store_compute_summary (store, error);
  if (summary == NULL)
    return NULL;
  refund_lines = load_refund_lines (store, error);
  if (refund_lines == NULL)
    return NULL;
  lc_store_load_rules (store, &rules);

  r->currency = g_strdup (summary->currency);
  r->exponent = summary->exponent;
  r->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) return_group_free);
  r->flagged = g_ptr_array_new ();
  r->report_variants = g_ptr_array_new_with_free_func ((GDestroyNotify) return_group_free);
  r->bracketed.kind = r->not_bracketed.kind = LC_RETURN_GROUP_BRACKETING;
  r->bracketed.key = g_strdup ("bracketed");
  r->not_bracketed.key = g_strdup ("not-bracketed");
  r->min_months = rules.nudges_min_months;
  r->min_orders_per_month = rules.nudges_min_orders_per_month;
  r->flag_rate = rules.risk_flag_rate;
  r->min_orders = min_orders_text != NULL && g_ascii_strtoll (min_orders_text, NULL, 10) > 0
                  ? g_ascii_strtoll (min_orders_text, NULL, 10) : LC_RETURNS_MIN_ORDERS;
  r->months_of_returns = summary->months_of_returns;
  r->orders_per_month = summary->orders_per_month;
  r->enough_data = summary->has_orders &&
                   summary->months_of_returns >= rules.nudges_min_months &&
                   summary->orders_per_month >= rules.nudges_min_orders_per_month;
  r->cut = CLAMP (cut, 0, 1);
  r->return_shipping_cost = money_setting (store, "return_shipping_cost",
                                           2 * 700 * (gint64) pow (10, (double) summary->exponent) / 100);
  r->restocking_cost = money_setting (store, "restocking_cost",
                                      300 * (gint64) pow (10, (double) summary->exponent) / 100);
  r->immature_from = LC_DAY_NONE;
  if (!summary->has_orders)
    {
      r->from = r->to = LC_DAY_NONE;
      /* A sales report still tells its SKUs' returns. */
      if (!add_report_variants (store, r, vertical, error))
        return NULL;
      g_ptr_array_sort (r->flagged, compare_flagged);
      g_ptr_array_sort (r->report_variants, compare_flagged);
      return g_steal_pointer (&r);
    }

  r->from = from != LC_DAY_NONE ? MAX (from, summary->first_day) : summary->first_day;
  r->to = to != LC_DAY_NONE ? MIN (to, summary->last_day) : summary->last_day;
  if (r->to > summary->last_day - LC_RETURNS_IMMATURE_DAYS)
    {
      r->to = summary->last_day - LC_RETURNS_IMMATURE_DAYS;
      r->immature_from = r->to + 1;
    }

  ctx.report = r;
  ctx.products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.segments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.bracketed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  row.id = -1;
  row.lines = g_array_new (FALSE, FALSE, sizeof (LcReturnLine));
  row.products = g_ptr_array_new ();
  row.variants = g_ptr_array_new ();
  row.line_refunds = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Every counted order up to the last analysed day, oldest first, so that a
   * customer's earlier orders are seen before the ones analysed. */
  stmt = _lc_store_prepare (store,
                            "SELECT o.id, o.local_day, o.total, o.refunded, o.discount_code, o.source, "
                            "o.customer_hash, l.id, l.product, l.variant, l.quantity, l.price, l.discount, o.shipping "
                            "FROM orders o JOIN line_items l ON l.order_id = o.id "
                            "WHERE o.counted = 1 AND l.is_tip = 0 AND o.local_day <= ? "
                            "ORDER BY o.created_utc, o.id, l.position",
                            error);
  rc = SQLITE_DONE;
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, r->to);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          gint64 line_id = sqlite3_column_int64 (stmt, 7);
          const char *variant = (const char *) sqlite3_column_text (stmt, 9);
          const gint64 *line_refund = g_hash_table_lookup (refund_lines, &line_id);
          LcReturnLine line;
          gint64 got = line_refund != NULL ? *line_refund : -1;

          if (id != row.id)
            {
              finish_order (&ctx, &row);
              order_row_clear (&row);
              row.id = id;
              row.day = (LcDay) sqlite3_column_int64 (stmt, 1);
              row.total = sqlite3_column_int64 (stmt, 2);
              row.refunded = sqlite3_column_int64 (stmt, 3);
              row.discount_code = dup_column (stmt, 4);
              row.source = dup_column (stmt, 5);
              row.customer_hash = dup_column (stmt, 6);
              row.shipping = sqlite3_column_int64 (stmt, 13);
            }
          line.quantity = sqlite3_column_int64 (stmt, 10);
          line.price = sqlite3_column_int64 (stmt, 11);
          line.discount = sqlite3_column_int64 (stmt, 12);
          g_array_append_val (row.lines, line);
          g_ptr_array_add (row.products,
                           g_string_chunk_insert_const (names, (const char *) sqlite3_column_text (stmt, 8)));
          g_ptr_array_add (row.variants,
                           variant != NULL && *variant != '\0' ? g_string_chunk_insert_const (names, variant) : NULL);
          g_array_append_val (row.line_refunds, got);
          row.has_refund_lines |= got >= 0;
        }
      if (rc == SQLITE_DONE)
        finish_order (&ctx, &row);
      else
        _lc_store_set_error (store, error);
    }
  order_row_clear (&row);
  g_array_unref (row.lines);
  g_ptr_array_unref (row.products);
  g_ptr_array_unref (row.variants);
  g_array_unref (row.line_refunds);
  if (stmt == NULL || rc != SQLITE_DONE)
    {
      g_hash_table_unref (ctx.products);
      g_hash_table_unref (ctx.variants);
      g_hash_table_unref (ctx.sizes);
      g_hash_table_unref (ctx.pairs);
      g_hash_table_unref (ctx.segments);
      g_hash_table_unref (ctx.bracketed);
      g_hash_table_unref (ctx.customers);
      return NULL;
    }

  r->value_rate = r->total > 0 ? (double) r->refunded / r->total : 0;
  r->order_rate = r->orders > 0 ? (double) r->returned_orders / r->orders : 0;
  if (!lc_stats_wilson_interval ((guint64) r->returned_orders, (guint64) r->orders,
                                 LC_STATS_CONFIDENCE, &r->order_rate_low, &r->order_rate_high))
    r->order_rate_low = r->order_rate_high = 0;

  collect (r, ctx.products, LC_RETURN_GROUP_PRODUCT, vertical);
  collect (r, ctx.variants, LC_RETURN_GROUP_VARIANT, vertical);
  collect (r, ctx.sizes, LC_RETURN_GROUP_VARIANT, vertical);
  collect (r, ctx.pairs, LC_RETURN_GROUP_PAIR, vertical);
  collect (r, ctx.segments, LC_RETURN_GROUP_SEGMENT, vertical);
  collect (r, ctx.bracketed, LC_RETURN_GROUP_BRACKETING, vertical);
  g_hash_table_unref (ctx.products);
  g_hash_table_unref (ctx.variants);
  g_hash_table_unref (ctx.sizes);
  g_hash_table_unref (ctx.pairs);
  g_hash_table_unref (ctx.segments);
  g_hash_table_unref (ctx.bracketed);
  g_hash_table_unref (ctx.customers);

  group_fill_interval (&r->bracketed);
  group_fill_interval (&r->not_bracketed);
  r->bracketed.sized = TRUE;
  r->bracketed.nudge = LC_RETURN_NUDGE_SIZE_GUIDANCE;
  r->bracketed.flagged = r->bracketed.orders >= r->min_orders &&
                         r->bracketed.rate_low > r->not_bracketed.rate;
  if (r->bracketed.flagged)
    g_ptr_array_add (r->flagged, &r->bracketed);

  if (!add_report_variants (store, r, vertical, error))
    return NULL;

  g_ptr_array_sort (r->groups, compare_groups);
  g_ptr_array_sort (r->flagged, compare_flagged);
  g_ptr_array_sort (r->report_variants, compare_flagged);

  /* Money at stake. Groups overlap: an order can hold a flagged product and
   * belong to a flagged segment, and segments of different kinds (new
   * customers, discount codes) share orders. Products and variants carry the
   * refund put on their own lines, so flagged groups of one of those kinds
   * add up without counting an order twice; a segment or bracketing counts
   * alone. The largest of these is what nudges could reach, at the least. */
  {
    gint64 sums[LC_RETURN_GROUP_BRACKETING + 1] = { 0 };
    gint64 counts[LC_RETURN_GROUP_BRACKETING + 1] = { 0 };

    for (guint i = 0; i < r->flagged->len; i++)
      {
        const LcReturnGroup *group = g_ptr_array_index (r->flagged, i);

        switch (group->kind)
          {
          case LC_RETURN_GROUP_PRODUCT:
          case LC_RETURN_GROUP_VARIANT:
            /* Sizes across products repeat the variants; the report's
             * returns cover the report's own dates. */
            if (group->from_report || g_str_has_prefix (group->key, "size "))
              break;
            sums[group->kind] += group->refunded;
            counts[group->kind] += group->returned;
            break;
          case LC_RETURN_GROUP_SEGMENT:
          case LC_RETURN_GROUP_BRACKETING:
            if (group->refunded > sums[group->kind])
              {
                sums[group->kind] = group->refunded;
                counts[group->kind] = group->returned;
              }
            break;
          case LC_RETURN_GROUP_PAIR:
          default:
            /* A pair's orders are inside its products' orders. */
            break;
          }
      }
    for (guint k = 0; k < G_N_ELEMENTS (sums); k++)
      if (sums[k] > r->flagged_refunds_year)
        {
          r->flagged_refunds_year = sums[k];
          flagged_returned = counts[k];
        }
  }
  days = r->to >= r->from ? r->to - r->from + 1 : 0;
  year_scale = days > 0 ? 365.0 / days : 0;
  r->flagged_refunds_year = (gint64) llround (r->flagged_refunds_year * year_scale);
  r->flagged_returns_year = flagged_returned * year_scale;
  r->prevented_returns_year = r->flagged_returns_year * r->cut;
  r->recovered_year = (gint64) llround (r->flagged_refunds_year * r->cut +
                                        r->prevented_returns_year * (r->return_shipping_cost + r->restocking_cost));
  return g_steal_pointer (&r);
}
