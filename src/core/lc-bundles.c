/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-bundles"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lc-bundles.h"
#include "lc-stats.h"
#include "lc-store-private.h"
#include "lc-walk-private.h"

/*
 * Co-purchase mining. Two plain walks, of the orders then of the lines, read
 * (order, product) for the counted orders of the period, in the store's own
 * order; each order becomes a sorted set of small product ids. A first pass
 * counts the orders holding each product (or product type), a second counts
 * pairs of the frequent ones in a hash keyed by the two ids packed into 64
 * bits. The significance test is Fisher's exact test, one-sided: the chance
 * of seeing the pair together this often or more if the two were bought
 * independently.
 */

#define MIN_SUPPORT_ORDERS   20
#define MIN_SUPPORT_FRACTION 0.001
#define SHORTLIST_MAX_P      0.05
/* A period with fewer than one of this many of the store's orders is read
 * through the indexes. */
#define NARROW_SHARE         5

typedef struct
{
  gint64 value;      /* price x quantity, minor units */
  gint64 units;
  gint32 category;   /* index in the category names, or -1 */
} ProductInfo;

/* Every order of the period as a sorted set of product ids. */
typedef struct
{
  GArray *items;     /* guint32 */
  GArray *ends;      /* guint32: one past each order's last item */
} Baskets;

/* Open addressing over packed (a, b) keys, a < b; key 0 is free, so keys are
 * stored plus one. */
typedef struct
{
  guint64 *keys;
  guint32 *counts;
  gsize    size;     /* a power of two */
  gsize    used;
} PairTable;

static void
pair_table_init (PairTable *table)
{
  table->size = 1024;
  table->used = 0;
  table->keys = g_new0 (guint64, table->size);
  table->counts = g_new0 (guint32, table->size);
}

static void
pair_table_clear (PairTable *table)
{
  g_clear_pointer (&table->keys, g_free);
  g_clear_pointer (&table->counts, g_free);
}

static inline gsize
pair_hash (guint64 key)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key;
}

static void pair_table_add (PairTable *table, guint64 key, guint32 count);

static void
pair_table_grow (PairTable *table)
{
  PairTable bigger;

  bigger.size = table->size * 2;
  bigger.used = 0;
  bigger.keys = g_new0 (guint64, bigger.size);
  bigger.counts = g_new0 (guint32, bigger.size);
  for (gsize i = 0; i < table->size; i++)
    if (table->keys[i] != 0)
      pair_table_add (&bigger, table->keys[i], table->counts[i]);
  pair_table_clear (table);
  *table = bigger;
}

static void
pair_table_add (PairTable *table,
                guint64    key,
                guint32    count)
{
  gsize mask = table->size - 1;
  gsize i = pair_hash (key) & mask;

  while (table->keys[i] != 0 && table->keys[i] != key)
    i = (i + 1) & mask;
  if (table->keys[i] == 0)
    {
      table->keys[i] = key;
      table->used++;
    }
  table->counts[i] += count;
  if (table->used * 2 > table->size)
    pair_table_grow (table);
}

static void
lc_bundle_pair_free (LcBundlePair *pair)
{
  g_free (pair->a);
  g_free (pair->b);
  g_free (pair);
}

void
lc_bundles_free (LcBundles *bundles)
{
  if (bundles == NULL)
    return;
  g_clear_pointer (&bundles->pairs, g_ptr_array_unref);
  g_clear_pointer (&bundles->category_pairs, g_ptr_array_unref);
  g_free (bundles);
}

static double
log_choose (gint64 n,
            gint64 k)
{
  return lgamma ((double) n + 1) - lgamma ((double) k + 1) - lgamma ((double) (n - k) + 1);
}

double
lc_bundles_fisher_greater (gint64 k,
                           gint64 good,
                           gint64 n,
                           gint64 total)
{
  gint64 top = MIN (good, n);
  double term, sum;

  if (k <= MAX (0, n - (total - good)))
    return 1.0;
  if (k > top)
    return 0.0;

  /* The first term from log-gammas, the rest by the ratio of successive
   * hypergeometric probabilities, which is exact and cheap. */
  term = exp (log_choose (good, k) + log_choose (total - good, n - k) - log_choose (total, n));
  sum = term;
  for (gint64 x = k; x < top; x++)
    {
      term *= (double) (good - x) * (double) (n - x) / ((double) (x + 1) * (double) (total - good - n + x + 1));
      sum += term;
      if (term < sum * 1e-17)
        break;
    }
  return MIN (sum, 1.0);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Sorts and dedups ids[0..n-1] in place; returns the new length. */
static guint
sort_unique (guint32 *ids,
             guint    n)
{
  guint out = 0;

  if (n < 2)
    return n;
  qsort (ids, n, sizeof (guint32), compare_ids);
  for (guint i = 0; i < n; i++)
    if (out == 0 || ids[out - 1] != ids[i])
      ids[out++] = ids[i];
  return out;
}

typedef struct
{
  const char *const *names;
  const gint64      *value;     /* per id, minor units */
  const gint64      *units;
  double             divisor;   /* minor units per major */
  double             per_year;  /* 365 / days in the period */
  double             attach_rise;
  gint64             orders;
  gint64             min_support;
} LevelInfo;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const LcBundlePair *x = *(LcBundlePair * const *) a;
  const LcBundlePair *y = *(LcBundlePair * const *) b;
  double sx = x->lift * x->support, sy = y->lift * y->support;
  int c;

  if (sx != sy)
    return sx > sy ? -1 : 1;
  c = g_strcmp0 (x->a, y->a);
  return c != 0 ? c : g_strcmp0 (x->b, y->b);
}

static double
average_price (const LevelInfo *info,
               guint32          id)
{
  if (info->units[id] <= 0)
    return 0;
  return (double) info->value[id] / (double) info->units[id] / info->divisor;
}

/* Mines one level: map sends a product id to the id counted (NULL: the
 * product itself; -1: left out). */
static GPtrArray *
mine_level (const Baskets   *baskets,
            const gint32    *map,
            guint            n_ids,
            const LevelInfo *info,
            gint64          *out_multi)
{
  g_autofree gint64 *singles = g_new0 (gint64, n_ids);
  g_autofree guint32 *buffer = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_bundle_pair_free);
  const guint32 *items = (const guint32 *) baskets->items->data;
  const guint32 *ends = (const guint32 *) baskets->ends->data;
  guint longest = 0;
  gint64 multi = 0;
  PairTable table;

  for (guint o = 0, start = 0; o < baskets->ends->len; start = ends[o++])
    longest = MAX (longest, ends[o] - start);
  buffer = g_new (guint32, MAX (longest, 1));

  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        pair_table_init (&table);
      for (guint o = 0, start = 0; o < baskets->ends->len; start = ends[o++])
        {
          guint n = 0;

          for (guint i = start; i < ends[o]; i++)
            {
              gint32 id = map != NULL ? map[items[i]] : (gint32) items[i];

              if (id >= 0 && (pass == 0 || singles[id] >= info->min_support))
                buffer[n++] = (guint32) id;
            }
          if (map != NULL)
            n = sort_unique (buffer, n);
          if (pass == 0)
            {
              for (guint i = 0; i < n; i++)
                singles[buffer[i]]++;
              if (n >= 2)
                multi++;
              continue;
            }
          for (guint i = 0; i + 1 < n; i++)
            for (guint j = i + 1; j < n; j++)
              pair_table_add (&table, (((guint64) buffer[i] << 32) | buffer[j]) + 1, 1);
        }
    }

  for (gsize i = 0; i < table.size; i++)
    {
      guint64 key = table.keys[i] - 1;
      guint32 a = key >> 32, b = key & 0xffffffff;
      gint64 ab = table.counts[i];
      LcBundlePair *pair;
      double n = info->orders;
      double lift, rev_ab, rev_ba;

      if (table.keys[i] == 0 || ab < info->min_support)
        continue;
      lift = (ab / n) / ((singles[a] / n) * (singles[b] / n));
      if (lift <= 1.0)
        continue;

      /* Offer the add-on whichever way round brings more money. */
      rev_ab = singles[a] * average_price (info, b);
      rev_ba = singles[b] * average_price (info, a);
      if (rev_ba > rev_ab)
        {
          guint32 t = a;

          a = b;
          b = t;
        }

      pair = g_new0 (LcBundlePair, 1);
      pair->a = g_strdup (info->names[a]);
      pair->b = g_strdup (info->names[b]);
      pair->orders_a = singles[a];
      pair->orders_b = singles[b];
      pair->orders_ab = ab;
      pair->support = ab / n;
      pair->confidence = (double) ab / singles[a];
      pair->confidence_ba = (double) ab / singles[b];
      pair->lift = lift;
      pair->p_value = lc_bundles_fisher_greater (ab, singles[a], singles[b], info->orders);
      pair->extra_units_year = singles[a] * info->per_year * info->attach_rise;
      pair->extra_revenue_year = pair->extra_units_year * average_price (info, b);
      g_ptr_array_add (pairs, pair);
    }
  pair_table_clear (&table);

  g_ptr_array_sort (pairs, compare_pairs);
  if (out_multi != NULL)
    *out_multi = multi;
  return g_steal_pointer (&pairs);
}

static gboolean
step_done (LcStore       *store,
           sqlite3_stmt  *stmt,
           int            rc,
           GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* Product types by SKU and by title, from an imported products export. */
static gboolean
load_types (LcStore     *store,
            GHashTable  *by_sku,
            GHashTable  *by_title,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _lc_store_prepare (store,
                            "SELECT sku, title, product_type FROM products "
                            "WHERE product_type IS NOT NULL AND product_type <> ''",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sku = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 1);
      const char *type = (const char *) sqlite3_column_text (stmt, 2);

      if (sku != NULL && sku[0] != '\0')
        g_hash_table_insert (by_sku, g_strdup (sku), g_strdup (type));
      if (title != NULL && title[0] != '\0' && !g_hash_table_contains (by_title, title))
        g_hash_table_insert (by_title, g_strdup (title), g_strdup (type));
    }
  return step_done (store, stmt, rc, error);
}

/* Where a line comes when lines are taken by day, order id and position:
 * products and groups are numbered in that order, so that ties between pairs
 * go the same way whatever order the store holds its lines in. Both parts
 * are offset to sort unsigned. */
typedef struct
{
  guint64 order;      /* the day << 32 | the order's index in id order */
  guint32 position;
} Place;

static inline gboolean
place_before (Place a,
              Place b)
{
  return a.order < b.order || (a.order == b.order && a.position < b.position);
}

/* A product as the walk over the lines finds it. */
typedef struct
{
  Place    first;     /* its first line */
  Place    grouped;   /* its first line with a group (the SKU's type, or the vendor) */
  gint32   group;     /* in the walk's groups, or -1 */
  gboolean by_title;  /* its group is its title's type, known from its first line */
  gint64   value;
  gint64   units;
} ProductWalk;

/* Something numbered, and where it comes. */
typedef struct
{
  Place   place;
  guint32 id;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *x = a, *y = b;

  return place_before (x->place, y->place) ? -1 : place_before (y->place, x->place);
}

/* The counted orders from..to as baskets of product numbers, and the
 * products (value, units and group) and the groups' names, numbered as if
 * the lines had been read by day, order id and position. */
static gboolean
read_baskets (LcStore     *store,
              LcDay        from,
              LcDay        to,
              gint64       period_orders,
              GHashTable  *type_by_sku,
              GHashTable  *type_by_title,
              Baskets     *baskets,
              GPtrArray   *product_names,
              GArray      *products,
              GPtrArray   *category_names,
              GError     **error)
{
  gboolean with_types = g_hash_table_size (type_by_sku) > 0 || g_hash_table_size (type_by_title) > 0;
  g_autoptr(GArray) order_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) order_days = g_array_new (FALSE, FALSE, sizeof (LcDay));
  g_autoptr(GArray) line_orders = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) line_products = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) walks = g_array_new (FALSE, FALSE, sizeof (ProductWalk));
  g_autoptr(GArray) by_first = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(GArray) by_group = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autofree Placed *group_placed = NULL;
  g_autofree guint32 *renumber = NULL;
  g_autofree gint32 *group_renumber = NULL;
  g_autofree guint32 *starts = NULL;
  g_autofree guint32 *items = NULL;
  LcNames names, groups;
  sqlite3_stmt *stmt;
  gboolean narrow = FALSE;
  guint cursor = 0;
  guint n_groups;
  int rc;

  /* A period of few of the store's orders reads them, and then their lines,
   * through the indexes; a longer one walks both tables, which is cheaper
   * per row. */
  stmt = _lc_store_prepare (store, "SELECT MAX(id) FROM orders", error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    narrow = period_orders * NARROW_SHARE < sqlite3_column_int64 (stmt, 0);
  if (!step_done (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    return FALSE;

  /* The orders in id order. */
  if (narrow)
    stmt = _lc_store_prepare (store,
                              "SELECT id, local_day FROM orders "
                              "WHERE counted = 1 AND local_day BETWEEN ?1 AND ?2 ORDER BY id",
                              error);
  else
    stmt = _lc_store_prepare (store,
                              "SELECT id, local_day FROM orders "
                              "WHERE counted = 1 AND +local_day BETWEEN ?1 AND ?2 ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to == LC_DAY_NONE ? G_MAXINT32 : to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      LcDay day = sqlite3_column_int (stmt, 1);

      g_array_append_val (order_ids, id);
      g_array_append_val (order_days, day);
    }
  if (!step_done (store, stmt, rc, error))
    return FALSE;

  /* Their lines, in the store's order, or by order for a short period. */
  if (narrow)
    stmt = _lc_store_prepare (store,
                              "SELECT order_id, position, product, price, quantity, sku, vendor "
                              "FROM line_items WHERE is_tip = 0 AND order_id IN "
                              "(SELECT id FROM orders WHERE counted = 1 AND local_day BETWEEN ?1 AND ?2)",
                              error);
  else
    stmt = _lc_store_prepare (store,
                              "SELECT order_id, position, product, price, quantity, sku, vendor "
                              "FROM line_items WHERE is_tip = 0",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (narrow)
    {
      sqlite3_bind_int (stmt, 1, from);
      sqlite3_bind_int (stmt, 2, to == LC_DAY_NONE ? G_MAXINT32 : to);
    }
  _lc_names_init (&names);
  _lc_names_init (&groups);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 index = _lc_walk_find_id ((const gint64 *) (gpointer) order_ids->data, order_ids->len,
                                       &cursor, sqlite3_column_int64 (stmt, 0));
      const char *name;
      ProductWalk *product;
      Place place;
      guint32 id;

      if (index < 0)
        continue;
      place.order = (guint64) ((guint32) g_array_index (order_days, LcDay, index) ^ 0x80000000u) << 32 | (guint32) index;
      place.position = (guint32) sqlite3_column_int (stmt, 1) ^ 0x80000000u;
      name = (const char *) sqlite3_column_text (stmt, 2);
      if (name == NULL)
        name = "";
      id = (guint32) _lc_names_intern (&names, name);
      if (id == walks->len)
        {
          ProductWalk fresh = { place, place, -1, FALSE, 0, 0 };
          const char *type = with_types ? g_hash_table_lookup (type_by_title, name) : NULL;

          if (type != NULL)
            {
              fresh.group = _lc_names_intern (&groups, type);
              fresh.by_title = TRUE;
            }
          g_array_append_val (walks, fresh);
        }
      product = &g_array_index (walks, ProductWalk, id);
      if (place_before (place, product->first))
        product->first = place;
      product->value += sqlite3_column_int64 (stmt, 3) * sqlite3_column_int64 (stmt, 4);
      product->units += sqlite3_column_int64 (stmt, 4);
      if (!product->by_title && (product->group < 0 || place_before (place, product->grouped)))
        {
          const char *sku = (const char *) sqlite3_column_text (stmt, 5);
          const char *vendor = (const char *) sqlite3_column_text (stmt, 6);
          const char *group = NULL;

          /* Without a products export, the vendor is the grouping the
           * orders export itself carries ("Lineitem vendor"). */
          if (with_types)
            group = sku != NULL ? g_hash_table_lookup (type_by_sku, sku) : NULL;
          else if (vendor != NULL && vendor[0] != '\0')
            group = vendor;
          if (group != NULL)
            {
              product->group = _lc_names_intern (&groups, group);
              product->grouped = place;
            }
        }
      g_array_append_val (line_orders, index);
      g_array_append_val (line_products, id);
    }
  if (!step_done (store, stmt, rc, error))
    {
      _lc_names_clear (&names);
      _lc_names_clear (&groups);
      return FALSE;
    }

  /* Products by their first line; groups by the first line that gave one
   * to a product (distinct: a line gives at most one). */
  n_groups = _lc_names_count (&groups);
  group_placed = g_new (Placed, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    group_placed[g].id = G_MAXUINT32;
  for (guint i = 0; i < walks->len; i++)
    {
      const ProductWalk *product = &g_array_index (walks, ProductWalk, i);
      Placed first = { product->first, i };
      Place given = product->by_title ? product->first : product->grouped;

      g_array_append_val (by_first, first);
      if (product->group < 0)
        continue;
      if (group_placed[product->group].id == G_MAXUINT32 || place_before (given, group_placed[product->group].place))
        group_placed[product->group] = (Placed) { given, (guint32) product->group };
    }
  g_array_sort (by_first, compare_placed);
  renumber = g_new (guint32, MAX (walks->len, 1));
  for (guint g = 0; g < n_groups; g++)
    if (group_placed[g].id != G_MAXUINT32)
      g_array_append_val (by_group, group_placed[g]);
  g_array_sort (by_group, compare_placed);
  group_renumber = g_new (gint32, MAX (n_groups, 1));
  for (guint k = 0; k < by_group->len; k++)
    {
      guint32 g = g_array_index (by_group, Placed, k).id;

      group_renumber[g] = (gint32) k;
      g_ptr_array_add (category_names, g_strdup (_lc_names_get (&groups, g)));
    }

  for (guint k = 0; k < walks->len; k++)
    {
      guint32 id = g_array_index (by_first, Placed, k).id;
      const ProductWalk *product = &g_array_index (walks, ProductWalk, id);
      ProductInfo info = { product->value, product->units,
                           product->group >= 0 ? group_renumber[product->group] : -1 };

      renumber[id] = k;
      g_ptr_array_add (product_names, g_strdup (_lc_names_get (&names, id)));
      g_array_append_val (products, info);
    }
  _lc_names_clear (&names);
  _lc_names_clear (&groups);

  /* Each order's products, sorted and once each. */
  starts = g_new0 (guint32, order_ids->len + 1);
  items = g_new (guint32, MAX (line_orders->len, 1));
  for (guint l = 0; l < line_orders->len; l++)
    starts[g_array_index (line_orders, guint32, l) + 1]++;
  for (guint o = 0; o < order_ids->len; o++)
    starts[o + 1] += starts[o];
  for (guint l = 0; l < line_orders->len; l++)
    items[starts[g_array_index (line_orders, guint32, l)]++] = renumber[g_array_index (line_products, guint32, l)];
  for (guint o = 0, start = 0; o < order_ids->len; start = starts[o++])
    {
      guint n = sort_unique (items + start, starts[o] - start);

      if (n == 0)
        continue;
      g_array_append_vals (baskets->items, items + start, n);
      g_array_append_val (baskets->ends, baskets->items->len);
    }
  return TRUE;
}

LcBundles *
lc_store_mine_bundles (LcStore  *store,
                       LcDay     from,
                       LcDay     to,
                       double    attach_rise,
                       GError  **error)
{
  g_autoptr(LcBundles) bundles = g_new0 (LcBundles, 1);
  g_autoptr(GPtrArray) product_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) category_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) type_by_sku = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) type_by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) products = g_array_new (FALSE, TRUE, sizeof (ProductInfo));
  g_autofree gint64 *value = NULL;
  g_autofree gint64 *units = NULL;
  g_autofree gint32 *category_of = NULL;
  Baskets baskets;
  LevelInfo info = { 0 };
  sqlite3_stmt *stmt;
  gboolean with_types;
  gboolean read;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  bundles->attach_rise = attach_rise;
  bundles->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_bundle_pair_free);
  bundles->category_pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_bundle_pair_free);
  bundles->from = bundles->to = LC_DAY_NONE;
  bundles->tier = LC_TIER_UNKNOWN;

  if (!load_types (store, type_by_sku, type_by_title, error))
    return NULL;
  with_types = g_hash_table_size (type_by_sku) > 0 || g_hash_table_size (type_by_title) > 0;

  /* One snapshot for the count and the walks, whatever an import writes
   * meanwhile. */
  if (!_lc_store_exec (store, "SAVEPOINT bundles_walk", error))
    return NULL;
  stmt = _lc_store_prepare (store,
                            "SELECT COUNT(*), MIN(local_day), MAX(local_day) FROM orders "
                            "WHERE counted = 1 AND local_day BETWEEN ?1 AND ?2",
                            error);
  if (stmt == NULL)
    {
      _lc_store_exec (store, "RELEASE bundles_walk", NULL);
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to == LC_DAY_NONE ? G_MAXINT32 : to);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _lc_store_set_error (store, error);
      _lc_store_exec (store, "RELEASE bundles_walk", NULL);
      return NULL;
    }
  bundles->orders = sqlite3_column_int64 (stmt, 0);
  if (bundles->orders > 0)
    {
      bundles->from = sqlite3_column_int (stmt, 1);
      bundles->to = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  bundles->min_support = MAX (MIN_SUPPORT_ORDERS, (gint64) ceil (bundles->orders * MIN_SUPPORT_FRACTION));
  if (bundles->orders == 0)
    {
      _lc_store_exec (store, "RELEASE bundles_walk", NULL);
      return g_steal_pointer (&bundles);
    }

  baskets.items = g_array_new (FALSE, FALSE, sizeof (guint32));
  baskets.ends = g_array_new (FALSE, FALSE, sizeof (guint32));

  read = read_baskets (store, from, to, bundles->orders, type_by_sku, type_by_title, &baskets,
                       product_names, products, category_names, error);
  _lc_store_exec (store, "RELEASE bundles_walk", NULL);
  if (!read)
    goto fail;

  value = g_new0 (gint64, MAX (products->len, category_names->len) + 1);
  units = g_new0 (gint64, MAX (products->len, category_names->len) + 1);
  for (guint i = 0; i < products->len; i++)
    {
      value[i] = g_array_index (products, ProductInfo, i).value;
      units[i] = g_array_index (products, ProductInfo, i).units;
    }

  g_ptr_array_add (product_names, NULL);
  info.names = (const char * const *) product_names->pdata;
  info.value = value;
  info.units = units;
  info.divisor = pow (10, lc_store_get_exponent (store));
  info.per_year = 365.0 / (bundles->to - bundles->from + 1);
  info.attach_rise = attach_rise;
  info.orders = bundles->orders;
  info.min_support = bundles->min_support;

  g_clear_pointer (&bundles->pairs, g_ptr_array_unref);
  bundles->pairs = mine_level (&baskets, NULL, products->len, &info, &bundles->multi_orders);
  bundles->enough_data = bundles->multi_orders >= LC_BUNDLES_MIN_MULTI_ORDERS;

  /* One group (a single-brand store) pairs nothing. */
  if (category_names->len > 1)
    {
      category_of = g_new (gint32, products->len);
      memset (value, 0, sizeof (gint64) * category_names->len);
      memset (units, 0, sizeof (gint64) * category_names->len);
      for (guint i = 0; i < products->len; i++)
        {
          const ProductInfo *product = &g_array_index (products, ProductInfo, i);

          category_of[i] = product->category;
          if (product->category >= 0)
            {
              value[product->category] += product->value;
              units[product->category] += product->units;
            }
        }
      g_ptr_array_add (category_names, NULL);
      info.names = (const char * const *) category_names->pdata;
      g_clear_pointer (&bundles->category_pairs, g_ptr_array_unref);
      bundles->category_pairs = mine_level (&baskets, category_of, category_names->len - 1, &info, NULL);
      bundles->has_categories = TRUE;
      bundles->categories = with_types ? LC_BUNDLES_CATEGORIES_TYPE : LC_BUNDLES_CATEGORIES_VENDOR;
    }

  g_array_unref (baskets.items);
  g_array_unref (baskets.ends);
  return g_steal_pointer (&bundles);

fail:
  g_array_unref (baskets.items);
  g_array_unref (baskets.ends);
  return NULL;
}

LcBundles *
lc_store_compute_bundles (LcStore  *store,
                          LcDay     from,
                          LcDay     to,
                          double    attach_rise,
                          GError  **error)
{
  g_autoptr(LcSummary) summary = NULL;
  LcBundles *bundles = lc_store_mine_bundles (store, from, to, attach_rise, error);

  if (bundles == NULL)
    return NULL;
  /* A store that cannot say its tier yet (no revenue) gets the short list. */
  summary = lc_store_compute_summary (store, NULL);
  bundles->tier = summary != NULL ? summary->tier : LC_TIER_UNKNOWN;
  return bundles;
}

static gboolean
qualifies (const LcBundlePair *pair)
{
  return pair->lift >= LC_BUNDLES_SHORTLIST_LIFT && pair->p_value < SHORTLIST_MAX_P;
}

gboolean
lc_bundles_suggests_categories (const LcBundles *bundles,
                                gboolean         all)
{
  if (all || bundles->tier == LC_TIER_OVER_10M || !bundles->has_categories)
    return FALSE;
  /* Groups that never pair strongly leave the short list to products. */
  for (guint i = 0; i < bundles->category_pairs->len; i++)
    if (qualifies (g_ptr_array_index (bundles->category_pairs, i)))
      return TRUE;
  return FALSE;
}

GPtrArray *
lc_bundles_get_suggestions (const LcBundles *bundles,
                            gboolean         all)
{
  GPtrArray *list = g_ptr_array_new ();
  GPtrArray *from;

  if (!bundles->enough_data)
    return list;
  if (all || bundles->tier == LC_TIER_OVER_10M)
    {
      for (guint i = 0; i < bundles->pairs->len; i++)
        g_ptr_array_add (list, g_ptr_array_index (bundles->pairs, i));
      return list;
    }

  from = lc_bundles_suggests_categories (bundles, all) ? bundles->category_pairs : bundles->pairs;
  for (guint i = 0; i < from->len && list->len < LC_BUNDLES_SHORTLIST_LENGTH; i++)
    if (qualifies (g_ptr_array_index (from, i)))
      g_ptr_array_add (list, g_ptr_array_index (from, i));
  return list;
}

/* Attach rates before and after a switch ------------------------------- */

/* A side of a pair needs this many orders in each window to read its rate. */
#define ATTACH_MIN_ORDERS 100

void
lc_attach_change_free (LcAttachChange *change)
{
  if (change == NULL)
    return;
  g_free (change->a);
  g_free (change->b);
  g_free (change);
}

typedef struct
{
  gint64 orders[2];          /* orders holding the group, before and after */
} AttachGroup;

static void
attach_count_order (GArray     *groups,
                    GHashTable *pairs,
                    const int  *ids,
                    guint       n,
                    int         side)
{
  for (guint i = 0; i < n; i++)
    {
      g_array_index (groups, AttachGroup, ids[i]).orders[side]++;
      for (guint j = 0; j < n; j++)
        {
          guint64 key = ((guint64) ids[i] << 32) | (guint32) ids[j];
          gint64 *counts;

          if (i == j)
            continue;
          counts = g_hash_table_lookup (pairs, &key);
          if (counts == NULL)
            {
              guint64 *stored_key = g_new (guint64, 1);

              *stored_key = key;
              counts = g_new0 (gint64, 2);
              g_hash_table_insert (pairs, stored_key, counts);
            }
          counts[side]++;
        }
    }
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const LcAttachChange *ca = *(const LcAttachChange * const *) a;
  const LcAttachChange *cb = *(const LcAttachChange * const *) b;
  double rise_a = ca->rate_after - ca->rate_before;
  double rise_b = cb->rate_after - cb->rate_before;

  return rise_a > rise_b ? -1 : rise_a < rise_b;
}

GPtrArray *
lc_store_compare_attach_rates (LcStore  *store,
                               LcDay     switch_day,
                               int       window_days,
                               GError  **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_attach_change_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (AttachGroup));
  g_autoptr(GArray) order_ids = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  gint64 current = -1;
  int current_side = 0;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (window_days > 0, NULL);

  /* Product types when a products export was imported, else products. */
  stmt = _lc_store_prepare (store,
                            "SELECT li.order_id, o.local_day >= ?1, "
                            "       COALESCE ((SELECT p.product_type FROM products p "
                            "                  WHERE p.sku = li.sku AND p.product_type <> '' LIMIT 1), li.product) "
                            "FROM line_items li JOIN orders o ON o.id = li.order_id "
                            "WHERE o.counted = 1 AND li.is_tip = 0 AND o.local_day BETWEEN ?2 AND ?3 "
                            "ORDER BY li.order_id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, switch_day);
  sqlite3_bind_int (stmt, 2, switch_day - window_days);
  sqlite3_bind_int (stmt, 3, switch_day + window_days - 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 order = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      gpointer found;
      int id;
      gboolean seen = FALSE;

      if (order != current)
        {
          if (current >= 0)
            attach_count_order (groups, pairs, (int *) order_ids->data, order_ids->len, current_side);
          g_array_set_size (order_ids, 0);
          current = order;
          current_side = sqlite3_column_int (stmt, 1);
        }
      if (name == NULL)
        continue;
      if (!g_hash_table_lookup_extended (ids, name, NULL, &found))
        {
          char *copy = g_strdup (name);

          id = names->len;
          g_ptr_array_add (names, copy);
          g_hash_table_insert (ids, copy, GINT_TO_POINTER (id));
          g_array_set_size (groups, names->len);
        }
      else
        id = GPOINTER_TO_INT (found);
      for (guint i = 0; i < order_ids->len; i++)
        seen |= g_array_index (order_ids, int, i) == id;
      if (!seen)
        g_array_append_val (order_ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return NULL;
    }
  if (current >= 0)
    attach_count_order (groups, pairs, (int *) order_ids->data, order_ids->len, current_side);

  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 packed = *(guint64 *) key;
      const gint64 *with = value;
      const AttachGroup *a = &g_array_index (groups, AttachGroup, packed >> 32);
      LcProportionsResult test;
      LcAttachChange *change;

      if (a->orders[0] < ATTACH_MIN_ORDERS || a->orders[1] < ATTACH_MIN_ORDERS)
        continue;
      if (!lc_stats_two_proportions (with[0], a->orders[0], with[1], a->orders[1], LC_STATS_CONFIDENCE, &test) ||
          test.p_value >= LC_STATS_ALPHA || test.diff <= 0)
        continue;
      change = g_new0 (LcAttachChange, 1);
      change->a = g_strdup (g_ptr_array_index (names, packed >> 32));
      change->b = g_strdup (g_ptr_array_index (names, (guint32) packed));
      change->orders_before = a->orders[0];
      change->with_before = with[0];
      change->orders_after = a->orders[1];
      change->with_after = with[1];
      change->rate_before = test.rate_a;
      change->rate_after = test.rate_b;
      change->p_value = test.p_value;
      g_ptr_array_add (changes, change);
    }
  g_ptr_array_sort (changes, compare_changes);
  return g_steal_pointer (&changes);
}
