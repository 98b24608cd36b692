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
#include "lc-walk-private.h"

#if defined(__GNUC__)
#define PREFETCH(address) __builtin_prefetch (address)
#else
#define PREFETCH(address)
#endif

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

/* The accumulator numbered id in a zero-filled array of them. */
static Acc *
acc_at (GArray *accs,
        guint   id)
{
  if (id >= accs->len)
    g_array_set_size (accs, id + 1);
  return &g_array_index (accs, Acc, id);
}

/* Adds acc to the one of the same key in table (char* -> Acc*, both owned):
 * two groups whose names read the same are one group. */
static void
acc_merge (GHashTable *table,
           char       *key,
           const Acc  *acc)
{
  Acc *into = g_hash_table_lookup (table, key);

  if (into == NULL)
    {
      g_hash_table_insert (table, key, g_memdup2 (acc, sizeof (Acc)));
      return;
    }
  g_free (key);
  into->orders += acc->orders;
  into->returned += acc->returned;
  into->refunded += acc->refunded;
  into->estimated |= acc->estimated;
  into->sized |= acc->sized;
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

/* Pairs of numbers --------------------------------------------------------- */

/* Two numbers packed into 64 bits (a product and a variant, or two
 * products), themselves numbered in the order first seen. */
typedef struct
{
  guint64 *keys;   /* key + 1; 0 when free */
  guint32 *ids;
  gsize    mask;
  guint32  used;
} KeyTable;

static void
key_table_init (KeyTable *table)
{
  table->mask = 1023;
  table->used = 0;
  table->keys = g_new0 (guint64, table->mask + 1);
  table->ids = g_new (guint32, table->mask + 1);
}

static void
key_table_clear (KeyTable *table)
{
  g_clear_pointer (&table->keys, g_free);
  g_clear_pointer (&table->ids, g_free);
}

static inline gsize
key_hash (guint64 key)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key;
}

static void
key_table_grow (KeyTable *table)
{
  gsize mask = table->mask * 2 + 1;
  guint64 *keys = g_new0 (guint64, mask + 1);
  guint32 *ids = g_new (guint32, mask + 1);

  for (gsize j = 0; j <= table->mask; j++)
    if (table->keys[j] != 0)
      {
        gsize i = key_hash (table->keys[j]) & mask;

        while (keys[i] != 0)
          i = (i + 1) & mask;
        keys[i] = table->keys[j];
        ids[i] = table->ids[j];
      }
  key_table_clear (table);
  table->keys = keys;
  table->ids = ids;
  table->mask = mask;
}

/* The number of (a, b); *added tells whether it is new. */
static guint32
key_table_id (KeyTable *table,
              guint32   a,
              guint32   b,
              gboolean *added)
{
  guint64 key = (((guint64) a << 32) | b) + 1;
  gsize i = key_hash (key) & table->mask;

  for (; table->keys[i] != 0; i = (i + 1) & table->mask)
    if (table->keys[i] == key)
      {
        *added = FALSE;
        return table->ids[i];
      }
  *added = TRUE;
  table->keys[i] = key;
  table->ids[i] = table->used++;
  if ((gsize) table->used * 2 > table->mask + 1)
    key_table_grow (table);
  return table->used - 1;
}

/* Customers ------------------------------------------------------------------ */

/* Customers by their hash. The store's hashes are 32 lowercase hex digits,
 * kept as 16 bytes in the table itself, and looked up a batch at a time
 * with the slots fetched ahead: among hundreds of thousands of customers,
 * nearly every lookup would otherwise wait for memory. Any other text is
 * numbered by its string. */
#define CUSTOMER_BATCH 32

typedef struct
{
  guint64 hi;
  guint64 lo;
  guint32 id;               /* number + 1; 0 when free */
} CustomerSlot;

typedef struct
{
  guint32 order;            /* index of the order waiting for the number */
  guint64 hi;
  guint64 lo;
} PendingCustomer;

typedef struct
{
  CustomerSlot   *slots;
  gsize           mask;
  guint32         count;      /* customers numbered */
  guint32         hashed;     /* of them, in slots */
  LcNames         others;
  GArray         *other_ids;  /* gint32: the numbers of others */
  PendingCustomer pending[CUSTOMER_BATCH];
  guint           n_pending;
} Customers;

static void
customers_init (Customers *customers)
{
  customers->mask = 1023;
  customers->slots = g_new0 (CustomerSlot, customers->mask + 1);
  customers->count = customers->hashed = 0;
  customers->n_pending = 0;
  _lc_names_init (&customers->others);
  customers->other_ids = g_array_new (FALSE, FALSE, sizeof (gint32));
}

static void
customers_clear (Customers *customers)
{
  g_clear_pointer (&customers->slots, g_free);
  _lc_names_clear (&customers->others);
  g_clear_pointer (&customers->other_ids, g_array_unref);
}

static const gint8 hex_digits[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
  ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

/* The 32 lowercase hex digits of text as 16 bytes; FALSE for any other text. */
static gboolean
parse_hex128 (const char *text,
              guint64    *hi,
              guint64    *lo)
{
  guint64 parts[2] = { 0, 0 };

  for (guint i = 0; i < 32; i++)
    {
      gint8 digit = hex_digits[(guchar) text[i]];

      if (digit == 0)
        return FALSE;
      parts[i / 16] = parts[i / 16] << 4 | (guint64) (digit - 1);
    }
  if (text[32] != '\0')
    return FALSE;
  *hi = parts[0];
  *lo = parts[1];
  return TRUE;
}

static inline gsize
customer_slot (const Customers *customers,
               guint64          hi,
               guint64          lo)
{
  return key_hash (hi ^ lo) & customers->mask;
}

static void
customers_grow (Customers *customers)
{
  gsize mask = customers->mask * 2 + 1;
  CustomerSlot *slots = g_new0 (CustomerSlot, mask + 1);

  for (gsize j = 0; j <= customers->mask; j++)
    if (customers->slots[j].id != 0)
      {
        gsize i = key_hash (customers->slots[j].hi ^ customers->slots[j].lo) & mask;

        while (slots[i].id != 0)
          i = (i + 1) & mask;
        slots[i] = customers->slots[j];
      }
  g_free (customers->slots);
  customers->slots = slots;
  customers->mask = mask;
}

/* The number of the customer whose hash reads (hi, lo). */
static gint32
customers_hashed (Customers *customers,
                  guint64    hi,
                  guint64    lo)
{
  gsize i;
  gint32 id;

  for (i = customer_slot (customers, hi, lo); customers->slots[i].id != 0; i = (i + 1) & customers->mask)
    if (customers->slots[i].hi == hi && customers->slots[i].lo == lo)
      return (gint32) customers->slots[i].id - 1;
  id = (gint32) customers->count++;
  customers->slots[i] = (CustomerSlot) { hi, lo, (guint32) id + 1 };
  if ((gsize) ++customers->hashed * 2 > customers->mask + 1)
    customers_grow (customers);
  return id;
}

/* The number of a customer whose hash is not 32 hex digits. */
static gint32
customers_other (Customers  *customers,
                 const char *hash)
{
  gint32 id = _lc_names_intern (&customers->others, hash);

  if ((guint) id == customers->other_ids->len)
    {
      gint32 number = (gint32) customers->count++;

      g_array_append_val (customers->other_ids, number);
    }
  return g_array_index (customers->other_ids, gint32, id);
}

/* The walk over the orders ----------------------------------------------------- */

/* Order segments other than the channels. */
enum
{
  SEGMENT_NEW,
  SEGMENT_RETURNING,
  SEGMENT_DISCOUNT,
  SEGMENT_NO_DISCOUNT,
  SEGMENT_ITEMS_1,
  SEGMENT_ITEMS_2_3,
  SEGMENT_ITEMS_4_PLUS,
  N_SEGMENTS
};

static const char * const segment_keys[N_SEGMENTS] = {
  "new-customer", "returning-customer", "discount-code", "no-discount-code",
  "items-1", "items-2-3", "items-4-plus",
};

/* A counted order up to the last analysed day. */
typedef struct
{
  gint64   created;
  gint64   total;
  gint64   shipping;
  gint64   refunded;
  LcDay    day;
  gint32   customer;        /* in Walk.customers, or -1 */
  gint32   source;          /* in Walk.sources, or -1 */
  guint32  first;           /* its first line, in Walk.order_lines or the line arrays */
  guint32  n_lines;         /* lines other than tips */
  gboolean discount_code;
} Order;

/* What a product does in one order. */
typedef struct
{
  gint32   product;
  gint32   first_variant;   /* the variant of its first line with one, or -1 */
  gboolean returned;
  gboolean bracketed;       /* in two or more variants */
  gint64   amount;          /* the refund put on its lines */
} OrderProduct;

typedef struct
{
  gint32   size;
  gboolean returned;
} OrderSize;

typedef struct
{
  LcReturnsReport *report;
  LcNames   products;
  LcNames   variants;         /* the variant texts */
  LcNames   variant_keys;     /* "product / variant" */
  LcNames   sizes;
  LcNames   sources;
  Customers customers;
  GArray   *variant_sizes;    /* gint32 by variant: its size in sizes, or -1 */
  KeyTable  variant_pairs;    /* (product, variant) -> index in variant_pair_keys */
  GArray   *variant_pair_keys; /* gint32: the pair's number in variant_keys */
  KeyTable  product_pairs;    /* (product, product), lower number first -> index in pair_accs */

  /* Counted orders up to the last analysed day, in id order, and the lines
   * other than tips of those orders, in the store's order. */
  Order    *orders;           /* room for the store's counted orders, not a power of two more */
  gint64   *order_ids;        /* their ids */
  guint     n_orders;
  guint     orders_size;
  GArray   *lines;            /* LcReturnLine */
  GArray   *line_products;    /* gint32 */
  GArray   *line_variants;    /* gint32, -1 without a variant */
  GArray   *line_refunds;     /* gint64 from refund_lines, -1 without; NULL when there are none */
  guint32  *order_lines;      /* lines by order then position; NULL when the store holds them so */
  GArray   *prices;           /* gint64: every line's unit price above 0, for the median */

  Acc       segments[N_SEGMENTS];
  GArray   *product_accs;     /* Acc by product */
  GArray   *variant_accs;     /* Acc by variant key */
  GArray   *size_accs;        /* Acc by size */
  GArray   *pair_accs;        /* Acc by product pair */
  GArray   *source_accs;      /* Acc by channel */
  GArray   *bracketed_accs;   /* Acc by product bracketed */

  /* One order's scratch. */
  GArray   *amounts;          /* gint64 */
  GArray   *returned;         /* gboolean */
  GArray   *order_products;   /* OrderProduct */
  GArray   *order_sizes;      /* OrderSize */
  GArray   *order_keys;       /* gint32: variant keys counted */
  GArray   *gathered;         /* LcReturnLine: its lines, when the store holds them apart */
  GArray   *gathered_products; /* gint32 */
  GArray   *gathered_variants; /* gint32 */
  GArray   *gathered_refunds;  /* gint64 */
} Walk;

static GArray *
accs_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (Acc));
}

/* orders: how many to make room for (the store's counted orders). */
static void
walk_init (Walk            *w,
           LcReturnsReport *report,
           guint            orders)
{
  memset (w, 0, sizeof *w);
  w->report = report;
  _lc_names_init (&w->products);
  _lc_names_init (&w->variants);
  _lc_names_init (&w->variant_keys);
  _lc_names_init (&w->sizes);
  _lc_names_init (&w->sources);
  customers_init (&w->customers);
  w->variant_sizes = g_array_new (FALSE, FALSE, sizeof (gint32));
  key_table_init (&w->variant_pairs);
  w->variant_pair_keys = g_array_new (FALSE, FALSE, sizeof (gint32));
  key_table_init (&w->product_pairs);
  w->orders_size = MAX (orders, 1);
  w->orders = g_new (Order, w->orders_size);
  w->order_ids = g_new (gint64, w->orders_size);
  w->lines = g_array_new (FALSE, FALSE, sizeof (LcReturnLine));
  w->line_products = g_array_new (FALSE, FALSE, sizeof (gint32));
  w->line_variants = g_array_new (FALSE, FALSE, sizeof (gint32));
  w->prices = g_array_new (FALSE, FALSE, sizeof (gint64));
  w->product_accs = accs_new ();
  w->variant_accs = accs_new ();
  w->size_accs = accs_new ();
  w->pair_accs = accs_new ();
  w->source_accs = accs_new ();
  w->bracketed_accs = accs_new ();
  w->amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  w->returned = g_array_new (FALSE, FALSE, sizeof (gboolean));
  w->order_products = g_array_new (FALSE, FALSE, sizeof (OrderProduct));
  w->order_sizes = g_array_new (FALSE, FALSE, sizeof (OrderSize));
  w->order_keys = g_array_new (FALSE, FALSE, sizeof (gint32));
  w->gathered = g_array_new (FALSE, FALSE, sizeof (LcReturnLine));
  w->gathered_products = g_array_new (FALSE, FALSE, sizeof (gint32));
  w->gathered_variants = g_array_new (FALSE, FALSE, sizeof (gint32));
  w->gathered_refunds = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
walk_clear (Walk *w)
{
  _lc_names_clear (&w->products);
  _lc_names_clear (&w->variants);
  _lc_names_clear (&w->variant_keys);
  _lc_names_clear (&w->sizes);
  _lc_names_clear (&w->sources);
  customers_clear (&w->customers);
  g_clear_pointer (&w->variant_sizes, g_array_unref);
  key_table_clear (&w->variant_pairs);
  g_clear_pointer (&w->variant_pair_keys, g_array_unref);
  key_table_clear (&w->product_pairs);
  g_clear_pointer (&w->orders, g_free);
  g_clear_pointer (&w->order_ids, g_free);
  g_clear_pointer (&w->lines, g_array_unref);
  g_clear_pointer (&w->line_products, g_array_unref);
  g_clear_pointer (&w->line_variants, g_array_unref);
  g_clear_pointer (&w->line_refunds, g_array_unref);
  g_clear_pointer (&w->order_lines, g_free);
  g_clear_pointer (&w->prices, g_array_unref);
  g_clear_pointer (&w->product_accs, g_array_unref);
  g_clear_pointer (&w->variant_accs, g_array_unref);
  g_clear_pointer (&w->size_accs, g_array_unref);
  g_clear_pointer (&w->pair_accs, g_array_unref);
  g_clear_pointer (&w->source_accs, g_array_unref);
  g_clear_pointer (&w->bracketed_accs, g_array_unref);
  g_clear_pointer (&w->amounts, g_array_unref);
  g_clear_pointer (&w->returned, g_array_unref);
  g_clear_pointer (&w->order_products, g_array_unref);
  g_clear_pointer (&w->order_sizes, g_array_unref);
  g_clear_pointer (&w->order_keys, g_array_unref);
  g_clear_pointer (&w->gathered, g_array_unref);
  g_clear_pointer (&w->gathered_products, g_array_unref);
  g_clear_pointer (&w->gathered_variants, g_array_unref);
  g_clear_pointer (&w->gathered_refunds, g_array_unref);
}

/* The number of a variant text, its size worked out once. */
static gint32
walk_intern_variant (Walk       *w,
                     const char *variant)
{
  gint32 id = _lc_names_intern (&w->variants, variant);

  if ((guint) id == w->variant_sizes->len)
    {
      g_autofree char *size = variant_size (variant);
      gint32 size_id = size != NULL ? _lc_names_intern (&w->sizes, size) : -1;

      g_array_append_val (w->variant_sizes, size_id);
    }
  return id;
}

/* The number of "product / variant" in variant_keys. */
static gint32
walk_variant_key (Walk   *w,
                  gint32  product,
                  gint32  variant)
{
  gboolean added;
  guint32 index = key_table_id (&w->variant_pairs, (guint32) product, (guint32) variant, &added);

  if (added)
    {
      g_autofree char *key = g_strdup_printf ("%s / %s", _lc_names_get (&w->products, product),
                                              _lc_names_get (&w->variants, variant));
      gint32 id = _lc_names_intern (&w->variant_keys, key);

      g_array_append_val (w->variant_pair_keys, id);
    }
  return g_array_index (w->variant_pair_keys, gint32, index);
}

static inline gint32
variant_size_of (const Walk *w,
                 gint32      variant)
{
  return variant >= 0 ? g_array_index (w->variant_sizes, gint32, variant) : -1;
}

static guint
size_segment (gint64 units)
{
  if (units <= 1)
    return SEGMENT_ITEMS_1;
  if (units <= 3)
    return SEGMENT_ITEMS_2_3;
  return SEGMENT_ITEMS_4_PLUS;
}

/* One analysed order: its lines by position (refunds NULL when the store has
 * no refund lines). New and returning customers are counted apart, once
 * every order's lines are known. */
static void
walk_order (Walk               *w,
            const Order        *order,
            const LcReturnLine *lines,
            const gint32       *products,
            const gint32       *variants,
            const gint64       *refunds,
            guint               n)
{
  LcReturnsReport *r = w->report;
  gint64 *amounts;
  gboolean *line_returned;
  gboolean returned = order->refunded > 0;
  gboolean has_refund_lines = FALSE;
  gboolean bracketed = FALSE, sized = FALSE, estimated;
  LcAttribution how;
  gint64 units = 0;

  g_array_set_size (w->amounts, n);
  g_array_set_size (w->returned, n);
  g_array_set_size (w->order_products, 0);
  g_array_set_size (w->order_sizes, 0);
  g_array_set_size (w->order_keys, 0);
  amounts = (gint64 *) (gpointer) w->amounts->data;
  line_returned = (gboolean *) (gpointer) w->returned->data;

  r->orders++;
  r->returned_orders += returned ? 1 : 0;
  r->total += order->total;
  r->refunded += order->refunded;

  for (guint i = 0; refunds != NULL && i < n; i++)
    has_refund_lines |= refunds[i] >= 0;
  if (has_refund_lines)
    {
      how = LC_ATTRIBUTION_LINES;
      for (guint i = 0; i < n; i++)
        {
          gint64 got = MAX (0, refunds[i]);
          gint64 value = lines[i].price * lines[i].quantity - lines[i].discount;

          amounts[i] = got;
          line_returned[i] = got > 0 && 2 * got >= value;
        }
    }
  else
    {
      how = lc_returns_attribute (lines, n, order->refunded, order->total, order->shipping,
                                  amounts, line_returned);
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
      gint32 product = products[i];
      gint32 variant = variants[i];
      gint32 size = variant_size_of (w, variant);
      OrderProduct *seen = NULL;

      units += lines[i].quantity;
      for (guint k = 0; k < w->order_products->len && seen == NULL; k++)
        if (g_array_index (w->order_products, OrderProduct, k).product == product)
          seen = &g_array_index (w->order_products, OrderProduct, k);
      if (seen == NULL)
        {
          OrderProduct fresh = { product, -1, FALSE, FALSE, 0 };

          g_array_append_val (w->order_products, fresh);
          seen = &g_array_index (w->order_products, OrderProduct, w->order_products->len - 1);
        }
      seen->returned |= line_returned[i];
      seen->amount += amounts[i];

      if (variant >= 0)
        {
          gint32 key = walk_variant_key (w, product, variant);
          gboolean counted = FALSE;

          for (guint k = 0; k < w->order_keys->len && !counted; k++)
            counted = g_array_index (w->order_keys, gint32, k) == key;
          if (!counted)
            {
              gboolean vret = FALSE;
              gint64 vamount = 0;
              Acc *acc;

              /* The variant's orders: returned when any of its lines was. */
              for (guint j = i; j < n; j++)
                if (products[j] == product && variants[j] == variant)
                  {
                    vret |= line_returned[j];
                    vamount += amounts[j];
                  }
              acc = acc_at (w->variant_accs, key);
              acc_add (acc, vret, vamount, estimated);
              acc->sized |= size >= 0;
              g_array_append_val (w->order_keys, key);
            }

          if (seen->first_variant < 0)
            seen->first_variant = variant;
          else if (seen->first_variant != variant)
            seen->bracketed = TRUE;
        }
      if (size >= 0)
        {
          OrderSize *size_seen = NULL;

          sized = TRUE;
          for (guint k = 0; k < w->order_sizes->len && size_seen == NULL; k++)
            if (g_array_index (w->order_sizes, OrderSize, k).size == size)
              size_seen = &g_array_index (w->order_sizes, OrderSize, k);
          if (size_seen == NULL)
            {
              OrderSize fresh = { size, FALSE };

              g_array_append_val (w->order_sizes, fresh);
              size_seen = &g_array_index (w->order_sizes, OrderSize, w->order_sizes->len - 1);
            }
          size_seen->returned |= line_returned[i];
        }
    }

  for (guint k = 0; k < w->order_sizes->len; k++)
    {
      const OrderSize *size = &g_array_index (w->order_sizes, OrderSize, k);
      Acc *acc = acc_at (w->size_accs, size->size);

      acc_add (acc, size->returned, 0, estimated);
      acc->sized = TRUE;
    }

  for (guint k = 0; k < w->order_products->len; k++)
    {
      const OrderProduct *product = &g_array_index (w->order_products, OrderProduct, k);
      Acc *acc = acc_at (w->product_accs, product->product);

      acc_add (acc, product->returned, product->amount, estimated);
      acc->sized |= variant_size_of (w, product->first_variant) >= 0;

      /* Pairs: two products in the same order; the order's own return.
       * Their names are ordered when the pairs are collected. */
      for (guint l = k + 1; l < w->order_products->len; l++)
        {
          gint32 other = g_array_index (w->order_products, OrderProduct, l).product;
          gboolean added;
          guint32 pair = key_table_id (&w->product_pairs,
                                       (guint32) MIN (product->product, other),
                                       (guint32) MAX (product->product, other), &added);

          acc_add (acc_at (w->pair_accs, pair), returned, order->refunded, FALSE);
        }

      if (product->bracketed)
        {
          Acc *bracketed_acc = acc_at (w->bracketed_accs, product->product);

          acc_add (bracketed_acc, returned, order->refunded, FALSE);
          bracketed_acc->sized = TRUE;
          bracketed = TRUE;
        }
    }

  acc_add (&w->segments[order->discount_code ? SEGMENT_DISCOUNT : SEGMENT_NO_DISCOUNT],
           returned, order->refunded, FALSE);
  acc_add (&w->segments[size_segment (units)], returned, order->refunded, FALSE);
  if (order->source >= 0)
    acc_add (acc_at (w->source_accs, order->source), returned, order->refunded, FALSE);

  if (sized)
    r->sized_orders++;
  {
    LcReturnGroup *group = bracketed ? &r->bracketed : &r->not_bracketed;

    group->orders++;
    group->returned += returned ? 1 : 0;
    group->refunded += order->refunded;
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
                     gint64            median,
                     GError          **error)
{
  sqlite3_stmt *stmt, *match;
  int rc;

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

/* Reading the store ----------------------------------------------------------- */

/* The numbers of the customers of the orders read last. */
static void
resolve_customers (Walk *w)
{
  Customers *customers = &w->customers;
  Order *orders = w->orders;

  for (guint k = 0; k < customers->n_pending; k++)
    {
      const PendingCustomer *pending = &customers->pending[k];

      PREFETCH (&customers->slots[customer_slot (customers, pending->hi, pending->lo)]);
    }
  for (guint k = 0; k < customers->n_pending; k++)
    {
      const PendingCustomer *pending = &customers->pending[k];

      orders[pending->order].customer = customers_hashed (customers, pending->hi, pending->lo);
    }
  customers->n_pending = 0;
}

/* Counted orders up to day to, in id order. */
static gboolean
read_orders (LcStore  *store,
             Walk     *w,
             LcDay     to,
             GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* A plain walk of the table: nearly every order is wanted, and the day
   * index would cost a lookup for each. */
  stmt = _lc_store_prepare (store,
                            "SELECT id, local_day, created_utc, total, shipping, refunded, "
                            "discount_code, source, customer_hash "
                            "FROM orders WHERE counted = 1 AND +local_day <= ? ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 6);
      const char *source = (const char *) sqlite3_column_text (stmt, 7);
      const char *customer = (const char *) sqlite3_column_text (stmt, 8);
      Order order = { 0 };
      gint64 id;

      id = sqlite3_column_int64 (stmt, 0);
      order.day = (LcDay) sqlite3_column_int64 (stmt, 1);
      order.created = sqlite3_column_int64 (stmt, 2);
      order.total = sqlite3_column_int64 (stmt, 3);
      order.shipping = sqlite3_column_int64 (stmt, 4);
      order.refunded = sqlite3_column_int64 (stmt, 5);
      order.discount_code = code != NULL && *code != '\0';
      order.source = source != NULL && *source != '\0' ? _lc_names_intern (&w->sources, source) : -1;
      order.customer = -1;
      if (customer != NULL && *customer != '\0')
        {
          PendingCustomer *pending = &w->customers.pending[w->customers.n_pending];

          if (parse_hex128 (customer, &pending->hi, &pending->lo))
            {
              pending->order = w->n_orders;
              w->customers.n_pending++;
            }
          else
            {
              order.customer = customers_other (&w->customers, customer);
            }
        }
      if (w->n_orders == w->orders_size)
        {
          w->orders_size += w->orders_size / 2 + 1;
          w->orders = g_renew (Order, w->orders, w->orders_size);
          w->order_ids = g_renew (gint64, w->order_ids, w->orders_size);
        }
      w->orders[w->n_orders] = order;
      w->order_ids[w->n_orders++] = id;
      if (w->customers.n_pending == CUSTOMER_BATCH)
        resolve_customers (w);
    }
  resolve_customers (w);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* Lines by order then position when the store does not hold them so (an
 * order imported again gets new lines at the end). */
static void
sort_order_lines (Walk          *w,
                  const guint32 *line_orders,
                  const gint32  *positions)
{
  Order *orders = w->orders;
  guint n_lines = w->lines->len;
  g_autofree guint32 *next = g_new (guint32, MAX (w->n_orders, 1));
  guint32 start = 0;

  for (guint i = 0; i < w->n_orders; i++)
    {
      orders[i].first = next[i] = start;
      start += orders[i].n_lines;
    }
  w->order_lines = g_new (guint32, MAX (n_lines, 1));
  for (guint l = 0; l < n_lines; l++)
    w->order_lines[next[line_orders[l]]++] = l;

  for (guint i = 0; i < w->n_orders; i++)
    {
      guint32 *lines = w->order_lines + orders[i].first;

      for (guint a = 1; a < orders[i].n_lines; a++)
        {
          guint32 line = lines[a];
          guint b = a;

          for (; b > 0 && positions[lines[b - 1]] > positions[line]; b--)
            lines[b] = lines[b - 1];
          lines[b] = line;
        }
    }
}

/* The lines other than tips of the orders read, and every such line's unit
 * price above 0 (those of any order), for the median. */
static gboolean
read_lines (LcStore     *store,
            Walk        *w,
            GHashTable  *refund_lines,
            GError     **error)
{
  g_autoptr(GArray) line_orders = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint32));
  Order *orders = w->orders;
  const gint64 *order_ids = w->order_ids;
  guint n_orders = w->n_orders;
  guint cursor = 0;
  gint32 last_order = -1;
  gint32 last_position = 0;
  gboolean in_order = TRUE;
  sqlite3_stmt *stmt;
  int rc;

  if (g_hash_table_size (refund_lines) > 0)
    w->line_refunds = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = _lc_store_prepare (store,
                            "SELECT order_id, position, product, variant, quantity, price, discount, id "
                            "FROM line_items WHERE is_tip = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 price = sqlite3_column_int64 (stmt, 5);
      gint32 index = _lc_walk_find_id (order_ids, n_orders, &cursor, sqlite3_column_int64 (stmt, 0));
      gint32 position, product, variant;
      const char *name, *variant_text;
      LcReturnLine line;
      Order *order;

      if (price > 0)
        g_array_append_val (w->prices, price);
      if (index < 0)
        continue;

      order = &orders[index];
      position = sqlite3_column_int (stmt, 1);
      name = (const char *) sqlite3_column_text (stmt, 2);
      variant_text = (const char *) sqlite3_column_text (stmt, 3);
      product = _lc_names_intern (&w->products, name != NULL ? name : "");
      variant = variant_text != NULL && *variant_text != '\0' ? walk_intern_variant (w, variant_text) : -1;
      line.price = price;
      line.quantity = sqlite3_column_int64 (stmt, 4);
      line.discount = sqlite3_column_int64 (stmt, 6);

      if (order->n_lines == 0)
        order->first = w->lines->len;
      else if (index != last_order || position <= last_position)
        in_order = FALSE;
      order->n_lines++;
      last_order = index;
      last_position = position;

      g_array_append_val (w->lines, line);
      g_array_append_val (w->line_products, product);
      g_array_append_val (w->line_variants, variant);
      g_array_append_val (line_orders, index);
      g_array_append_val (positions, position);
      if (w->line_refunds != NULL)
        {
          gint64 line_id = sqlite3_column_int64 (stmt, 7);
          const gint64 *refund = g_hash_table_lookup (refund_lines, &line_id);
          gint64 got = refund != NULL ? *refund : -1;

          g_array_append_val (w->line_refunds, got);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lc_store_set_error (store, error);
      return FALSE;
    }
  if (!in_order)
    sort_order_lines (w, (const guint32 *) (gpointer) line_orders->data,
                      (const gint32 *) (gpointer) positions->data);
  return TRUE;
}

/* Whether the order at index a came before the one at b (indices in id
 * order): the order in which customers are first seen. */
static inline gboolean
order_before (const Order *orders,
              guint        a,
              guint        b)
{
  return orders[a].created < orders[b].created || (orders[a].created == orders[b].created && a < b);
}

/* Every analysed order with a line other than a tip. A customer is new in
 * their first such order up to the last analysed day: earlier orders only
 * teach who is a returning customer. */
static void
walk_orders (Walk *w)
{
  LcReturnsReport *r = w->report;
  const Order *orders = w->orders;
  guint n_customers = w->customers.count;
  g_autofree gint32 *first_orders = g_new (gint32, MAX (n_customers, 1));

  for (guint c = 0; c < n_customers; c++)
    first_orders[c] = -1;
  for (guint i = 0; i < w->n_orders; i++)
    {
      gint32 customer = orders[i].customer;

      if (orders[i].n_lines > 0 && customer >= 0 &&
          (first_orders[customer] < 0 || order_before (orders, i, (guint) first_orders[customer])))
        first_orders[customer] = (gint32) i;
    }

  for (guint i = 0; i < w->n_orders; i++)
    {
      const Order *order = &orders[i];
      const LcReturnLine *lines;
      const gint32 *products, *variants;
      const gint64 *refunds;
      gboolean is_new;
      guint n = order->n_lines;

      if (n == 0 || order->day < r->from || order->day > r->to)
        continue;
      if (w->order_lines == NULL)
        {
          lines = &g_array_index (w->lines, LcReturnLine, order->first);
          products = &g_array_index (w->line_products, gint32, order->first);
          variants = &g_array_index (w->line_variants, gint32, order->first);
          refunds = w->line_refunds != NULL ? &g_array_index (w->line_refunds, gint64, order->first) : NULL;
        }
      else
        {
          g_array_set_size (w->gathered, n);
          g_array_set_size (w->gathered_products, n);
          g_array_set_size (w->gathered_variants, n);
          g_array_set_size (w->gathered_refunds, n);
          for (guint k = 0; k < n; k++)
            {
              guint32 l = w->order_lines[order->first + k];

              g_array_index (w->gathered, LcReturnLine, k) = g_array_index (w->lines, LcReturnLine, l);
              g_array_index (w->gathered_products, gint32, k) = g_array_index (w->line_products, gint32, l);
              g_array_index (w->gathered_variants, gint32, k) = g_array_index (w->line_variants, gint32, l);
              if (w->line_refunds != NULL)
                g_array_index (w->gathered_refunds, gint64, k) = g_array_index (w->line_refunds, gint64, l);
            }
          lines = (const LcReturnLine *) (gpointer) w->gathered->data;
          products = (const gint32 *) (gpointer) w->gathered_products->data;
          variants = (const gint32 *) (gpointer) w->gathered_variants->data;
          refunds = w->line_refunds != NULL ? (const gint64 *) (gpointer) w->gathered_refunds->data : NULL;
        }
      walk_order (w, order, lines, products, variants, refunds, n);

      is_new = order->customer < 0 || first_orders[order->customer] == (gint32) i;
      acc_add (&w->segments[is_new ? SEGMENT_NEW : SEGMENT_RETURNING], order->refunded > 0, order->refunded, FALSE);
    }
}

/* The k-th smallest of values (from 0), which it reorders. */
static gint64
select_nth (gint64 *values,
            gssize  n,
            gssize  k)
{
  gssize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      gint64 a = values[lo], b = values[lo + (hi - lo) / 2], c = values[hi];
      gint64 pivot = MAX (MIN (a, b), MIN (MAX (a, b), c));
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              gint64 t = values[i];

              values[i++] = values[j];
              values[j--] = t;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return values[k];
}

/* The median unit price of the store's lines, minor units; 0 without. */
static gint64
walk_median_price (Walk *w)
{
  gssize n = w->prices->len;

  if (n == 0)
    return 0;
  return select_nth ((gint64 *) (gpointer) w->prices->data, n, (n - 1) / 2);
}

/* The groups of each kind, by name: two groups whose names read the same
 * ("a / b" of product "a" and variant "b", or of "a / b" and none) are one. */
static void
walk_collect (Walk       *w,
              const char *vertical)
{
  LcReturnsReport *r = w->report;
  g_autoptr(GHashTable) products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) segments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) bracketed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < w->product_accs->len; i++)
    {
      const Acc *acc = &g_array_index (w->product_accs, Acc, i);

      if (acc->orders > 0)
        acc_merge (products, g_strdup (_lc_names_get (&w->products, i)), acc);
    }
  for (guint i = 0; i < w->variant_accs->len; i++)
    {
      const Acc *acc = &g_array_index (w->variant_accs, Acc, i);

      if (acc->orders > 0)
        acc_merge (variants, g_strdup (_lc_names_get (&w->variant_keys, i)), acc);
    }
  for (guint i = 0; i < w->size_accs->len; i++)
    {
      const Acc *acc = &g_array_index (w->size_accs, Acc, i);

      if (acc->orders > 0)
        acc_merge (sizes, g_strdup_printf ("size %s", _lc_names_get (&w->sizes, i)), acc);
    }
  for (gsize slot = 0; slot <= w->product_pairs.mask; slot++)
    {
      guint64 key = w->product_pairs.keys[slot];
      const char *a, *b;
      const Acc *acc;

      if (key == 0)
        continue;
      acc = &g_array_index (w->pair_accs, Acc, w->product_pairs.ids[slot]);
      a = _lc_names_get (&w->products, (gint32) ((key - 1) >> 32));
      b = _lc_names_get (&w->products, (gint32) ((key - 1) & 0xffffffff));
      if (strcmp (a, b) > 0)
        {
          const char *t = a;

          a = b;
          b = t;
        }
      acc_merge (pairs, g_strdup_printf ("%s + %s", a, b), acc);
    }
  for (guint s = 0; s < N_SEGMENTS; s++)
    if (w->segments[s].orders > 0)
      acc_merge (segments, g_strdup (segment_keys[s]), &w->segments[s]);
  for (guint i = 0; i < w->source_accs->len; i++)
    {
      const Acc *acc = &g_array_index (w->source_accs, Acc, i);

      if (acc->orders > 0)
        acc_merge (segments, g_strdup_printf ("source:%s", _lc_names_get (&w->sources, i)), acc);
    }
  for (guint i = 0; i < w->bracketed_accs->len; i++)
    {
      const Acc *acc = &g_array_index (w->bracketed_accs, Acc, i);

      if (acc->orders > 0)
        acc_merge (bracketed, g_strdup (_lc_names_get (&w->products, i)), acc);
    }

  collect (r, products, LC_RETURN_GROUP_PRODUCT, vertical);
  collect (r, variants, LC_RETURN_GROUP_VARIANT, vertical);
  collect (r, sizes, LC_RETURN_GROUP_VARIANT, vertical);
  collect (r, pairs, LC_RETURN_GROUP_PAIR, vertical);
  collect (r, segments, LC_RETURN_GROUP_SEGMENT, vertical);
  collect (r, bracketed, LC_RETURN_GROUP_BRACKETING, vertical);
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
  g_autofree char *vertical = lc_store_dup_setting (store, "answer.vertical");
  g_autofree char *min_orders_text = lc_store_dup_setting (store, "returns.min_orders");
  LcRules rules;
  Walk walk;
  gboolean read;
  gint64 median;
  double days, year_scale;
  gint64 flagged_returned = 0;

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
  r->from = r->to = LC_DAY_NONE;
  if (summary->has_orders)
    {
      r->from = from != LC_DAY_NONE ? MAX (from, summary->first_day) : summary->first_day;
      r->to = to != LC_DAY_NONE ? MIN (to, summary->last_day) : summary->last_day;
      if (r->to > summary->last_day - LC_RETURNS_IMMATURE_DAYS)
        {
          r->to = summary->last_day - LC_RETURNS_IMMATURE_DAYS;
          r->immature_from = r->to + 1;
        }
    }

  /* Every counted order up to the last analysed day and its lines, read
   * once each in the store's own order (a join sorted by time took most of
   * the time); without orders, the lines still give the median price. */
  walk_init (&walk, r, (guint) MIN (summary->orders, G_MAXUINT32));
  if (!_lc_store_exec (store, "SAVEPOINT returns_walk", error))
    {
      walk_clear (&walk);
      return NULL;
    }
  /* One snapshot for both walks, whatever an import writes meanwhile. */
  read = (!summary->has_orders || read_orders (store, &walk, r->to, error)) &&
         read_lines (store, &walk, refund_lines, error);
  _lc_store_exec (store, "RELEASE returns_walk", NULL);
  if (!read)
    {
      walk_clear (&walk);
      return NULL;
    }
  median = walk_median_price (&walk);
  if (!summary->has_orders)
    {
      walk_clear (&walk);
      /* A sales report still tells its SKUs' returns. */
      if (!add_report_variants (store, r, vertical, median, error))
        return NULL;
      g_ptr_array_sort (r->flagged, compare_flagged);
      g_ptr_array_sort (r->report_variants, compare_flagged);
      return g_steal_pointer (&r);
    }
  walk_orders (&walk);

  r->value_rate = r->total > 0 ? (double) r->refunded / r->total : 0;
  r->order_rate = r->orders > 0 ? (double) r->returned_orders / r->orders : 0;
  if (!lc_stats_wilson_interval ((guint64) r->returned_orders, (guint64) r->orders,
                                 LC_STATS_CONFIDENCE, &r->order_rate_low, &r->order_rate_high))
    r->order_rate_low = r->order_rate_high = 0;

  walk_collect (&walk, vertical);
  walk_clear (&walk);

  group_fill_interval (&r->bracketed);
  group_fill_interval (&r->not_bracketed);
  r->bracketed.sized = TRUE;
  r->bracketed.nudge = LC_RETURN_NUDGE_SIZE_GUIDANCE;
  r->bracketed.flagged = r->bracketed.orders >= r->min_orders &&
                         r->bracketed.rate_low > r->not_bracketed.rate;
  if (r->bracketed.flagged)
    g_ptr_array_add (r->flagged, &r->bracketed);

  if (!add_report_variants (store, r, vertical, median, error))
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
