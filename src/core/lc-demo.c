/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lc-demo"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lc-demo.h"
#include "lc-json.h"
#include "lc-metrics.h"

/*
 * The demo store: a mid-sized US apparel shop in America/New_York.
 *
 * Generation runs in two passes so the output can be written newest first
 * while the store evolves forward in time. The first pass walks the days in
 * order and keeps only the schedule (when each order was placed and by which
 * customer) in 8 bytes per order. The second pass walks the schedule
 * backwards and rebuilds every order from its own random stream, so nothing
 * else has to be kept in memory.
 *
 * Every random number comes from our own xoshiro256** and every
 * transcendental function from our own series, so the same options give the
 * same bytes on every machine and libm.
 */

/* The planted timeline, in days before the last day. The switches are 61
 * days apart so no 60-day before/after window holds another switch, and the
 * carousel's before window starts the day after Christmas Eve so it holds no
 * peak season. */
#define HOMEPAGE_ON_BEFORE   250
#define BUNDLES_ON_BEFORE    189
#define NUDGES_ON_BEFORE     128
#define OFFTEST_FROM_BEFORE  67
#define OFFTEST_DAYS         14
#define WINDOW_DAYS          60

#define HOMEPAGE_MONTHLY_COST  49900
#define BUNDLES_MONTHLY_COST    9900
#define NUDGES_MONTHLY_COST    14900

/* The planted effects. */
#define BUNDLE_PROBABILITY     0.15
#define NUDGE_RETURN_FACTOR    0.7

#define GROWTH_PER_YEAR        0.15
#define GROWTH_LOG             0.13976194237515868  /* ln (1 + GROWTH_PER_YEAR) */
#define REPEAT_SHARE           0.35
#define APPAREL_LINE_SHARE     0.62
#define BRACKETING_SHARE       0.06
#define RETURN_P_APPAREL       0.12
#define RETURN_P_ACCESSORIES   0.04
#define RETURN_P_BRACKETED     0.50
#define FULL_RETURN_SHARE      0.30
#define CANCEL_SHARE           0.015
#define TIP_SHARE              0.025
#define NOTE_SHARE             0.008

#define PEAK_WEEKEND_FACTOR    2.0
#define PEAK_FACTOR            1.6
#define PEAK_DISCOUNT_SHARE    0.55
#define SUMMER_SALE_FACTOR     1.25
#define SUMMER_DISCOUNT_SHARE  0.40
#define WELCOME_DISCOUNT_SHARE 0.30

#define FREE_SHIPPING_FROM  7500
#define STANDARD_SHIPPING    695
#define EXPRESS_SHIPPING    1495

#define MAX_LINES 8
#define N_COLUMNS 79
#define OUT_BUFFER_SIZE (1 << 20)

static const char shopify_header[] =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,"
  "Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,"
  "Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
  "Lineitem price,Lineitem compare at price,Lineitem sku,"
  "Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
  "Billing Name,Billing Street,Billing Address1,Billing Address2,"
  "Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,"
  "Billing Phone,Shipping Name,Shipping Street,Shipping Address1,"
  "Shipping Address2,Shipping Company,Shipping City,Shipping Zip,"
  "Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,"
  "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,"
  "Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,"
  "Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,"
  "Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,"
  "Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
  "Payment ID,Payment Terms Name,Next Payment Due At,Payment References\n";

enum
{
  COL_NAME,
  COL_EMAIL,
  COL_FINANCIAL_STATUS,
  COL_PAID_AT,
  COL_FULFILLMENT_STATUS,
  COL_FULFILLED_AT,
  COL_ACCEPTS_MARKETING,
  COL_CURRENCY,
  COL_SUBTOTAL,
  COL_SHIPPING,
  COL_TAXES,
  COL_TOTAL,
  COL_DISCOUNT_CODE,
  COL_DISCOUNT_AMOUNT,
  COL_SHIPPING_METHOD,
  COL_CREATED_AT,
  COL_LINE_QUANTITY,
  COL_LINE_NAME,
  COL_LINE_PRICE,
  COL_LINE_COMPARE_AT,
  COL_LINE_SKU,
  COL_LINE_REQUIRES_SHIPPING,
  COL_LINE_TAXABLE,
  COL_LINE_FULFILLMENT_STATUS,
  COL_BILLING_NAME,
  COL_BILLING_STREET,
  COL_BILLING_ADDRESS1,
  COL_BILLING_ADDRESS2,
  COL_BILLING_COMPANY,
  COL_BILLING_CITY,
  COL_BILLING_ZIP,
  COL_BILLING_PROVINCE,
  COL_BILLING_COUNTRY,
  COL_BILLING_PHONE,
  COL_SHIPPING_NAME,
  COL_SHIPPING_STREET,
  COL_SHIPPING_ADDRESS1,
  COL_SHIPPING_ADDRESS2,
  COL_SHIPPING_COMPANY,
  COL_SHIPPING_CITY,
  COL_SHIPPING_ZIP,
  COL_SHIPPING_PROVINCE,
  COL_SHIPPING_COUNTRY,
  COL_SHIPPING_PHONE,
  COL_NOTES,
  COL_NOTE_ATTRIBUTES,
  COL_CANCELLED_AT,
  COL_PAYMENT_METHOD,
  COL_PAYMENT_REFERENCE,
  COL_REFUNDED_AMOUNT,
  COL_VENDOR,
  COL_OUTSTANDING_BALANCE,
  COL_EMPLOYEE,
  COL_LOCATION,
  COL_DEVICE_ID,
  COL_ID,
  COL_TAGS,
  COL_RISK_LEVEL,
  COL_SOURCE,
  COL_LINE_DISCOUNT,
  COL_TAX1_NAME,
  COL_TAX1_VALUE,
  COL_TAX2_NAME,
  COL_TAX2_VALUE,
  COL_TAX3_NAME,
  COL_TAX3_VALUE,
  COL_TAX4_NAME,
  COL_TAX4_VALUE,
  COL_TAX5_NAME,
  COL_TAX5_VALUE,
  COL_PHONE,
  COL_RECEIPT_NUMBER,
  COL_DUTIES,
  COL_BILLING_PROVINCE_NAME,
  COL_SHIPPING_PROVINCE_NAME,
  COL_PAYMENT_ID,
  COL_PAYMENT_TERMS_NAME,
  COL_NEXT_PAYMENT_DUE_AT,
  COL_PAYMENT_REFERENCES,
  LAST_COLUMN
};

G_STATIC_ASSERT (LAST_COLUMN == N_COLUMNS);

/* Shopify writes some empty cells as "" and others as nothing; a field set
 * to this pointer is written as "". */
static const char quoted_empty[] = "";

/* Catalogue ---------------------------------------------------------------- */

typedef enum
{
  CAT_TOP,
  CAT_DRESS,
  CAT_PANTS,
  CAT_JACKET,
  CAT_BELT,
  CAT_SCARF,
  CAT_SOCKS,
  CAT_BAG,
  CAT_HAT,
  CAT_CARE,
} DemoCategory;

#define APPAREL_CATEGORIES     0x00f  /* tops, dresses, pants, jackets */
#define ACCESSORY_CATEGORIES   0x3f0  /* belts to care kits */

typedef enum
{
  SIZES_NONE,
  SIZES_APPAREL,  /* XS..XL */
  SIZES_SML,      /* S, M, L */
} DemoSizes;

typedef struct
{
  const char   *code;
  guint16       number;
  DemoCategory  category;
  DemoSizes     sizes;
  guint8        weight;        /* popularity within its group */
  gint32        price;         /* cents */
  gint32        compare_at;    /* cents, 0 when not marked down */
  const char   *title;
  const char   *vendor;
  const char   *colours;       /* colour codes, space separated; NULL for none */
} DemoProduct;

static const char studio[] = "Northfield Studio";
static const char goods[] = "Northfield Goods";
static const char care[] = "Fabric & Co";

static const DemoProduct catalogue[] = {
  { "TOP",  1, CAT_TOP,    SIZES_APPAREL, 10,  2400,     0, "Organic Cotton Tee", studio, "BLK WHT NVY OLV" },
  { "TOP",  2, CAT_TOP,    SIZES_APPAREL,  6,  4800,     0, "Relaxed Linen Shirt", studio, "WHT SND BLU" },
  { "TOP",  3, CAT_TOP,    SIZES_APPAREL,  6,  2200,     0, "Ribbed Tank Top", studio, "BLK WHT PNK" },
  { "TOP",  4, CAT_TOP,    SIZES_APPAREL,  5,  6800,     0, "Merino Crew Sweater", studio, "GRY NVY CML" },
  { "TOP",  5, CAT_TOP,    SIZES_APPAREL,  5,  3800,     0, "Striped Breton Top", studio, "NVY WHT" },
  { "TOP",  6, CAT_TOP,    SIZES_APPAREL,  3,  5400,  6800, "Silk Camisole", studio, "BLK PNK" },
  { "TOP",  7, CAT_TOP,    SIZES_APPAREL,  6,  5600,     0, "Oversized Hoodie", studio, "GRY BLK GRN" },
  { "TOP",  8, CAT_TOP,    SIZES_APPAREL,  4,  4400,     0, "Poplin Blouse", studio, "WHT BLU" },
  { "DRS", 11, CAT_DRESS,  SIZES_APPAREL,  6,  7800,     0, "Linen Wrap Dress", studio, "BLK SND RST" },
  { "DRS", 12, CAT_DRESS,  SIZES_APPAREL,  7,  5800,     0, "Jersey Midi Dress", studio, "BLK NVY GRN" },
  { "DRS", 13, CAT_DRESS,  SIZES_APPAREL,  5,  5400,  6800, "Floral Sundress", studio, "PNK BLU" },
  { "DRS", 14, CAT_DRESS,  SIZES_APPAREL,  4,  6400,     0, "Satin Slip Dress", studio, "BLK BRG GRN" },
  { "DRS", 15, CAT_DRESS,  SIZES_APPAREL,  3,  8200,     0, "Knit Sweater Dress", studio, "GRY CML" },
  { "DRS", 16, CAT_DRESS,  SIZES_APPAREL,  4,  6800,     0, "Poplin Shirt Dress", studio, "WHT BLU OLV" },
  { "PNT", 21, CAT_PANTS,  SIZES_APPAREL,  7,  7400,     0, "High-Rise Straight Jeans", studio, "BLU BLK" },
  { "PNT", 22, CAT_PANTS,  SIZES_APPAREL,  5,  6200,     0, "Wide-Leg Linen Trousers", studio, "SND BLK OLV" },
  { "PNT", 23, CAT_PANTS,  SIZES_APPAREL,  6,  4600,     0, "Everyday Joggers", studio, "GRY BLK NVY" },
  { "PNT", 24, CAT_PANTS,  SIZES_APPAREL,  4,  5600,     0, "Tailored Chinos", studio, "SND NVY OLV" },
  { "SKT", 25, CAT_PANTS,  SIZES_APPAREL,  4,  5200,     0, "Pleated Midi Skirt", studio, "BLK CML" },
  { "PNT", 26, CAT_PANTS,  SIZES_APPAREL,  4,  3800,     0, "Denim Shorts", studio, "BLU" },
  { "JKT", 31, CAT_JACKET, SIZES_APPAREL,  4,  8800,     0, "Denim Jacket", studio, "BLU BLK" },
  { "JKT", 32, CAT_JACKET, SIZES_APPAREL,  3, 12800, 15800, "Quilted Puffer Jacket", studio, "BLK OLV" },
  { "JKT", 33, CAT_JACKET, SIZES_APPAREL,  2, 16800,     0, "Wool Blend Coat", studio, "CML GRY" },
  { "JKT", 34, CAT_JACKET, SIZES_APPAREL,  3,  9800,     0, "Cropped Blazer", studio, "BLK SND" },
  { "JKT", 35, CAT_JACKET, SIZES_APPAREL,  2,  9200,     0, "Packable Rain Shell", studio, "OLV NVY" },
  { "BLT", 41, CAT_BELT,   SIZES_SML,      5,  3800,     0, "Leather Belt", goods, "BLK CML" },
  { "BLT", 42, CAT_BELT,   SIZES_SML,      3,  2600,     0, "Woven Canvas Belt", goods, "OLV SND" },
  { "SCF", 51, CAT_SCARF,  SIZES_NONE,     4,  3400,     0, "Merino Scarf", goods, "GRY CML BRG" },
  { "SCF", 52, CAT_SCARF,  SIZES_NONE,     3,  2900,     0, "Silk Square Scarf", goods, "PNK BLU" },
  { "SCF", 53, CAT_SCARF,  SIZES_NONE,     3,  1400,     0, "Cotton Bandana", goods, "RST BLU" },
  { "SCK", 61, CAT_SOCKS,  SIZES_SML,      6,  1600,     0, "Everyday Crew Socks 3-Pack", goods, "WHT BLK" },
  { "SCK", 62, CAT_SOCKS,  SIZES_SML,      3,  1800,     0, "Wool Hiking Socks", goods, "GRY" },
  { "SCK", 63, CAT_SOCKS,  SIZES_NONE,     4,  1900,     0, "No-Show Socks 5-Pack", goods, NULL },
  { "BAG", 71, CAT_BAG,    SIZES_NONE,     5,  2400,     0, "Canvas Tote Bag", goods, NULL },
  { "BAG", 72, CAT_BAG,    SIZES_NONE,     2,  8600,     0, "Leather Crossbody Bag", goods, "BLK CML" },
  { "BAG", 73, CAT_BAG,    SIZES_NONE,     3,  3200,     0, "Woven Market Tote", goods, NULL },
  { "HAT", 81, CAT_HAT,    SIZES_NONE,     4,  2600,     0, "Rib Knit Beanie", goods, "GRY BLK RST" },
  { "HAT", 82, CAT_HAT,    SIZES_NONE,     3,  3200,     0, "Cotton Bucket Hat", goods, "SND BLK" },
  { "CAR", 91, CAT_CARE,   SIZES_NONE,     4,  1900,     0, "Garment Care Kit", care, NULL },
  { "CAR", 92, CAT_CARE,   SIZES_NONE,     3,  1400,     0, "Wool & Cashmere Wash", care, NULL },
  { "CAR", 93, CAT_CARE,   SIZES_NONE,     2,  1200,     0, "Fabric Lint Shaver", care, NULL },
  { "CAR", 94, CAT_CARE,   SIZES_NONE,     2,  2200,     0, "Cedar Hanger Set", care, NULL },
};

#define N_PRODUCTS G_N_ELEMENTS (catalogue)

typedef struct
{
  const char *code;
  const char *name;
} DemoColour;

static const DemoColour colours[] = {
  { "BLK", "Black" }, { "WHT", "White" }, { "NVY", "Navy" }, { "OLV", "Olive" },
  { "SND", "Sand" }, { "BLU", "Blue" }, { "PNK", "Pink" }, { "GRY", "Grey" },
  { "CML", "Camel" }, { "GRN", "Green" }, { "RST", "Rust" }, { "BRG", "Burgundy" },
};

#define NO_COLOUR 0xff
#define NO_SIZE   0xff

static const char * const size_names[] = { "XS", "S", "M", "L", "XL" };

/* Cumulative size mixes, in percent. */
static const guint8 apparel_size_mix[] = { 8, 30, 62, 87, 100 };
static const guint8 sml_size_mix[] = { 30, 75, 100 };

/* Which accessories a bundle offers next to a product of each category. */
static const guint16 complement_mask[] = {
  [CAT_TOP] = (1 << CAT_SOCKS) | (1 << CAT_SCARF) | (1 << CAT_HAT),
  [CAT_DRESS] = (1 << CAT_BELT) | (1 << CAT_SCARF) | (1 << CAT_BAG),
  [CAT_PANTS] = (1 << CAT_BELT) | (1 << CAT_SOCKS),
  [CAT_JACKET] = (1 << CAT_SCARF) | (1 << CAT_HAT),
  [CAT_BELT] = 1 << CAT_CARE,
  [CAT_SCARF] = 1 << CAT_CARE,
  [CAT_SOCKS] = 1 << CAT_CARE,
  [CAT_BAG] = 1 << CAT_CARE,
  [CAT_HAT] = 1 << CAT_CARE,
  [CAT_CARE] = 1 << CAT_SOCKS,
};

/* Customers' places: fake streets in real cities, with their sales taxes.
 * Rates are in thousandths of a percent. */
typedef struct
{
  const char *city;
  const char *zip;
  const char *province;
  const char *province_name;
  const char *area_code;
  guint8      weight;
  const char *tax1_name;
  guint32     tax1_rate;
  const char *tax2_name;
  guint32     tax2_rate;
} DemoLocation;

static const DemoLocation locations[] = {
  { "Cambridge", "'02139", "MA", "Massachusetts", "617", 8, "Massachusetts State Tax 6.25%", 6250, NULL, 0 },
  { "Boston", "'02116", "MA", "Massachusetts", "617", 8, "Massachusetts State Tax 6.25%", 6250, NULL, 0 },
  { "Worcester", "'01608", "MA", "Massachusetts", "508", 3, "Massachusetts State Tax 6.25%", 6250, NULL, 0 },
  { "Brooklyn", "'11201", "NY", "New York", "718", 10, "New York State Tax 4%", 4000, "New York City Tax 4.5%", 4500 },
  { "New York", "'10011", "NY", "New York", "212", 10, "New York State Tax 4%", 4000, "New York City Tax 4.5%", 4500 },
  { "Buffalo", "'14201", "NY", "New York", "716", 3, "New York State Tax 4%", 4000, "Erie County Tax 4.75%", 4750 },
  { "Philadelphia", "'19103", "PA", "Pennsylvania", "215", 6, "Pennsylvania State Tax 6%", 6000, "Philadelphia County Tax 2%", 2000 },
  { "Pittsburgh", "'15213", "PA", "Pennsylvania", "412", 3, "Pennsylvania State Tax 6%", 6000, "Allegheny County Tax 1%", 1000 },
  { "Newark", "'07102", "NJ", "New Jersey", "973", 5, "New Jersey State Tax 6.625%", 6625, NULL, 0 },
  { "Hartford", "'06103", "CT", "Connecticut", "860", 3, "Connecticut State Tax 6.35%", 6350, NULL, 0 },
  { "Providence", "'02903", "RI", "Rhode Island", "401", 2, "Rhode Island State Tax 7%", 7000, NULL, 0 },
  { "Portland", "'04101", "ME", "Maine", "207", 2, "Maine State Tax 5.5%", 5500, NULL, 0 },
  { "Burlington", "'05401", "VT", "Vermont", "802", 1, "Vermont State Tax 6%", 6000, "Burlington City Tax 1%", 1000 },
  { "Manchester", "'03101", "NH", "New Hampshire", "603", 2, "New Hampshire State Tax 0%", 0, NULL, 0 },
  { "Baltimore", "'21201", "MD", "Maryland", "410", 3, "Maryland State Tax 6%", 6000, NULL, 0 },
  { "Washington", "'20001", "DC", "District of Columbia", "202", 3, "District of Columbia Tax 6%", 6000, NULL, 0 },
  { "Arlington", "'22201", "VA", "Virginia", "703", 3, "Virginia State Tax 4.3%", 4300, "Arlington County Tax 1%", 1000 },
  { "Atlanta", "'30303", "GA", "Georgia", "404", 3, "Georgia State Tax 4%", 4000, "Fulton County Tax 3.75%", 3750 },
  { "Miami", "'33130", "FL", "Florida", "305", 3, "Florida State Tax 6%", 6000, "Miami-Dade County Tax 1%", 1000 },
  { "Chicago", "'60647", "IL", "Illinois", "773", 4, "Illinois State Tax 6.25%", 6250, "Chicago City Tax 1.25%", 1250 },
  { "Columbus", "'43215", "OH", "Ohio", "614", 2, "Ohio State Tax 5.75%", 5750, "Franklin County Tax 2%", 2000 },
  { "Minneapolis", "'55401", "MN", "Minnesota", "612", 2, "Minnesota State Tax 6.875%", 6875, NULL, 0 },
  { "Austin", "'78701", "TX", "Texas", "512", 3, "Texas State Tax 6.25%", 6250, "Austin City Tax 2%", 2000 },
  { "Denver", "'80202", "CO", "Colorado", "303", 2, "Colorado State Tax 2.9%", 2900, "Denver City Tax 4.81%", 4810 },
  { "Seattle", "'98103", "WA", "Washington", "206", 3, "Washington State Tax 6.5%", 6500, "Seattle City Tax 3.85%", 3850 },
  { "Portland", "'97205", "OR", "Oregon", "503", 2, "Oregon State Tax 0%", 0, NULL, 0 },
  { "Los Angeles", "'90012", "CA", "California", "213", 4, "California State Tax 6%", 6000, "Los Angeles County Tax 3.5%", 3500 },
  { "San Francisco", "'94110", "CA", "California", "415", 3, "California State Tax 6%", 6000, "San Francisco County Tax 2.625%", 2625 },
};

static const char * const streets[] = {
  "Maple St", "Oak Ave", "Cedar Rd", "Elm St", "Pine St", "Willow Ln",
  "Birch Rd", "Chestnut St", "Walnut Ave", "Spruce St", "Linden Blvd",
  "Hawthorn Dr", "Juniper Ct", "Magnolia Ave", "Sycamore St", "Aspen Way",
};

static const char * const order_notes[] = {
  "Gift, please leave the receipt out",
  "Please leave the parcel at the side door.\nThank you!",
  "Birthday present, gift wrap if you can",
  "Ring the bell twice",
};

/* Relative demand by hour of the local day. */
static const guint8 hour_weights[24] = {
  2, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 9, 10, 9, 8, 8, 8, 9, 10, 12, 13, 12, 9, 5,
};

/* Monday first; the mean is 1. */
static const double weekday_factors[7] = { 1.08, 1.10, 1.06, 1.04, 0.97, 0.82, 0.93 };

/* Lines per order (1..4) and quantity per line (1..3), cumulative. */
static const double lines_mix[] = { 0.68, 0.91, 0.98, 1.0 };
static const double quantity_mix[] = { 0.93, 0.99, 1.0 };

/* Random numbers ------------------------------------------------------------ */

typedef struct
{
  guint64 s[4];
} DemoRng;

#define STREAM_SCHEDULE  G_GUINT64_CONSTANT (1)
#define STREAM_ORDER     (G_GUINT64_CONSTANT (1) << 40)
#define STREAM_CUSTOMER  (G_GUINT64_CONSTANT (2) << 40)

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Independent streams: one for the schedule, one per order, one per
 * customer, all derived from the seed. */
static void
rng_init (DemoRng *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 state = seed;
  guint64 mixed = splitmix64 (&state);

  state = mixed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl64 (guint64 x,
        int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (DemoRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl64 (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64 (s[3], 45);
  return result;
}

/* In [0, 1). */
static inline double
rng_uniform (DemoRng *rng)
{
  return (double) (rng_next (rng) >> 11) * 0x1.0p-53;
}

/* In [0, n). */
static inline guint32
rng_below (DemoRng *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static inline gboolean
rng_chance (DemoRng *rng,
            double   p)
{
  return rng_uniform (rng) < p;
}

static guint
rng_pick_cumulative (DemoRng      *rng,
                     const double *mix,
                     guint         n)
{
  double u = rng_uniform (rng);

  for (guint i = 0; i < n; i++)
    if (u < mix[i])
      return i;
  return n - 1;
}

/* exp() and cos() from plain IEEE arithmetic: libm results may differ in
 * the last bit between systems, and one bit can change a whole order. */
static double
det_exp (double x)
{
  const double ln2 = 0.6931471805599453;
  double k = (double) (gint64) (x / ln2 + (x >= 0 ? 0.5 : -0.5));
  double r = x - k * ln2;
  double term = 1.0;
  double sum = 1.0;

  for (int i = 1; i < 20; i++)
    {
      term *= r / i;
      sum += term;
    }
  return ldexp (sum, (int) k);
}

static double
det_cos (double x)
{
  const double two_pi = 6.283185307179586;
  double r = x - two_pi * (double) (gint64) (x / two_pi + (x >= 0 ? 0.5 : -0.5));
  double r2 = r * r;
  double term = 1.0;
  double sum = 1.0;

  for (int i = 1; i < 16; i++)
    {
      term *= -r2 / ((2 * i - 1) * (2 * i));
      sum += term;
    }
  return sum;
}

/* Poisson by Knuth's product of uniforms, in slices small enough that
 * exp(-slice) stays far from underflow. */
static guint
rng_poisson (DemoRng *rng,
             double   mean)
{
  guint n = 0;

  while (mean > 0)
    {
      double slice = MIN (mean, 16.0);
      double limit = det_exp (-slice);
      double p = rng_uniform (rng);

      while (p > limit)
        {
          n++;
          p *= rng_uniform (rng);
        }
      mean -= slice;
    }
  return n;
}

/* Calendar ------------------------------------------------------------------ */

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int
day_year (LcDay day)
{
  int year, month, mday;

  lc_day_to_ymd (day, &year, &month, &mday);
  return year;
}

/* The n-th Sunday (n from 1) of a month. */
static LcDay
nth_sunday (int year,
            int month,
            int n)
{
  LcDay first = lc_day_from_ymd (year, month, 1);

  return first + (7 - lc_day_get_weekday (first)) % 7 + 7 * (n - 1);
}

typedef struct
{
  LcDay  peak_start;     /* Black Friday */
  LcDay  peak_end;       /* Christmas Eve */
  LcDay  sale_start;     /* summer sale */
  LcDay  sale_end;
  gint64 dst_start;      /* UTC instants of the DST switches */
  gint64 dst_end;
} DemoYear;

typedef enum
{
  DAY_REGULAR,
  DAY_PEAK,
  DAY_SUMMER_SALE,
} DemoDayKind;

typedef struct
{
  LcDemoOptions options;
  LcDay     first_day;
  LcDay     last_day;
  guint     n_days;
  LcDay     homepage_on;
  LcDay     bundles_on;
  LcDay     nudges_on;
  LcDay     offtest_from;
  LcDay     offtest_to;
  gint64    export_utc;  /* the end of the last day: the moment of the export */
  int       first_year;
  guint     n_years;
  DemoYear *years;
} DemoPlan;

static void
demo_year_init (DemoYear *year,
                int       y)
{
  year->peak_start = lc_day_black_friday (y);
  year->peak_end = lc_day_from_ymd (y, 12, 24);
  year->sale_start = lc_day_from_ymd (y, 7, 10);
  year->sale_end = lc_day_from_ymd (y, 7, 19);
  /* US rules since 2007: from 02:00 EST on the second Sunday of March to
   * 02:00 EDT on the first Sunday of November. */
  year->dst_start = (gint64) nth_sunday (y, 3, 2) * 86400 + 7 * 3600;
  year->dst_end = (gint64) nth_sunday (y, 11, 1) * 86400 + 6 * 3600;
}

static const DemoYear *
demo_plan_year (const DemoPlan *plan,
                int             year)
{
  int i = CLAMP (year - plan->first_year, 0, (int) plan->n_years - 1);

  return &plan->years[i];
}

/* Seconds east of UTC in America/New_York at a UTC instant. */
static int
demo_offset_at (const DemoPlan *plan,
                gint64          utc)
{
  const DemoYear *year = demo_plan_year (plan, day_year ((LcDay) floor_div (utc, 86400)));

  return (utc >= year->dst_start && utc < year->dst_end) ? -4 * 3600 : -5 * 3600;
}

/* A local wall-clock time (seconds since 1970-01-01 00:00 local) to UTC.
 * The skipped spring hour never occurs here; the repeated autumn hour is
 * read as standard time. */
static gint64
demo_utc_from_wall (const DemoPlan *plan,
                    gint64          wall)
{
  return wall - demo_offset_at (plan, wall + 5 * 3600);
}

static DemoDayKind
demo_day_kind (const DemoPlan *plan,
               LcDay           day)
{
  const DemoYear *year = demo_plan_year (plan, day_year (day));

  if (day >= year->peak_start && day <= year->peak_end)
    return DAY_PEAK;
  if (day >= year->sale_start && day <= year->sale_end)
    return DAY_SUMMER_SALE;
  return DAY_REGULAR;
}

static double
demo_day_demand (const DemoPlan *plan,
                 LcDay           day)
{
  const DemoYear *year = demo_plan_year (plan, day_year (day));
  int y, m, d;
  double mean = plan->options.orders_per_day;
  double mid = plan->first_day + plan->n_days / 2.0;
  double day_of_year;

  lc_day_to_ymd (day, &y, &m, &d);
  day_of_year = day - lc_day_from_ymd (y, 1, 1);

  mean *= weekday_factors[lc_day_get_weekday (day) - 1];
  /* Apparel: quiet after the holidays, busiest in May. */
  mean *= 1.0 + 0.10 * det_cos (6.283185307179586 * (day_of_year - 135.0) / 365.25);
  mean *= det_exp (((day - mid) / 365.25) * GROWTH_LOG);

  /* Black Friday to Cyber Monday, then the run-up to Christmas. */
  if (day >= year->peak_start && day <= year->peak_start + 3)
    mean *= PEAK_WEEKEND_FACTOR;
  else if (day > year->peak_start + 3 && day <= year->peak_end)
    mean *= PEAK_FACTOR;
  else if (m == 12 && d == 25)
    mean *= 0.5;
  else if (day >= year->sale_start && day <= year->sale_end)
    mean *= SUMMER_SALE_FACTOR;

  return mean;
}

static gboolean
demo_plan_init (DemoPlan             *plan,
                const LcDemoOptions  *options,
                GError              **error)
{
  int last_year;

  memset (plan, 0, sizeof *plan);

  if (!(options->orders_per_day > 0 && options->orders_per_day <= 10000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Orders per day must be more than 0 and at most 10000, not %g"),
                   options->orders_per_day);
      return FALSE;
    }
  if (!(options->years > 0 && options->years <= 20))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Years must be more than 0 and at most 20, not %g"),
                   options->years);
      return FALSE;
    }

  plan->options = *options;
  plan->n_days = MAX (1, (guint) (options->years * 365 + 0.5));
  plan->last_day = options->end_day;
  plan->first_day = plan->last_day - (LcDay) plan->n_days + 1;
  plan->homepage_on = plan->last_day - HOMEPAGE_ON_BEFORE;
  plan->bundles_on = plan->last_day - BUNDLES_ON_BEFORE;
  plan->nudges_on = plan->last_day - NUDGES_ON_BEFORE;
  plan->offtest_from = plan->last_day - OFFTEST_FROM_BEFORE;
  plan->offtest_to = plan->offtest_from + OFFTEST_DAYS - 1;

  plan->first_year = day_year (MIN (plan->first_day, plan->homepage_on)) - 1;
  last_year = day_year (plan->last_day) + 1;
  plan->n_years = last_year - plan->first_year + 1;
  plan->years = g_new0 (DemoYear, plan->n_years);
  for (guint i = 0; i < plan->n_years; i++)
    demo_year_init (&plan->years[i], plan->first_year + (int) i);

  plan->export_utc = demo_utc_from_wall (plan, (gint64) (plan->last_day + 1) * 86400) - 1;
  return TRUE;
}

static void
demo_plan_clear (DemoPlan *plan)
{
  g_clear_pointer (&plan->years, g_free);
}

typedef struct
{
  const char *feature;
  LcDay       on_day;
  LcDay       off_day;       /* the day it was switched off; LC_DAY_NONE while on */
  gint64      monthly_cost;  /* cents */
} DemoSpan;

#define N_SPANS 4

/* The feature timeline: the off-test is the gap between the carousel's two
 * spans. */
static void
demo_plan_spans (const DemoPlan *plan,
                 DemoSpan        spans[N_SPANS])
{
  spans[0] = (DemoSpan) { "homepage-recs", plan->homepage_on, plan->offtest_from, HOMEPAGE_MONTHLY_COST };
  spans[1] = (DemoSpan) { "cart-bundles", plan->bundles_on, LC_DAY_NONE, BUNDLES_MONTHLY_COST };
  spans[2] = (DemoSpan) { "return-nudges", plan->nudges_on, LC_DAY_NONE, NUDGES_MONTHLY_COST };
  spans[3] = (DemoSpan) { "homepage-recs", plan->offtest_to + 1, LC_DAY_NONE, HOMEPAGE_MONTHLY_COST };
}

/* First pass: the schedule ------------------------------------------------- */

typedef struct
{
  guint32 local_sec;       /* seconds since first_day 00:00, local time */
  guint32 customer : 31;   /* customer number, from 0 */
  guint32 first : 1;       /* the customer's first order */
} DemoOrder;

G_STATIC_ASSERT (sizeof (DemoOrder) == 8);

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static guint32
demo_sample_second (const DemoPlan *plan,
                    DemoRng        *rng,
                    LcDay           day)
{
  guint total = 0;
  guint pick;
  guint hour = 0;
  guint32 second;

  for (guint h = 0; h < 24; h++)
    total += hour_weights[h];
  pick = rng_below (rng, total);
  while (pick >= hour_weights[hour])
    pick -= hour_weights[hour++];
  second = hour * 3600 + rng_below (rng, 3600);

  /* 02:00-02:59 does not exist on the day clocks spring forward. */
  if (hour == 2 && (gint64) day * 86400 + 7 * 3600 == demo_plan_year (plan, day_year (day))->dst_start)
    second += 3600;
  return second;
}

static GArray *
demo_schedule (const DemoPlan  *plan,
               guint32         *out_customers,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(GArray) orders = NULL;
  g_autofree guint32 *seconds = NULL;
  guint seconds_len = 0;
  guint32 n_customers = 0;
  DemoRng rng;

  rng_init (&rng, plan->options.seed, STREAM_SCHEDULE);
  orders = g_array_sized_new (FALSE, FALSE, sizeof (DemoOrder),
                              (guint) (plan->options.orders_per_day * plan->n_days * 1.05) + 16);

  for (guint d = 0; d < plan->n_days; d++)
    {
      LcDay day = plan->first_day + (LcDay) d;
      guint n = rng_poisson (&rng, demo_day_demand (plan, day));

      if ((d & 63) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (n > seconds_len)
        {
          seconds_len = MAX (n, seconds_len * 2);
          seconds = g_renew (guint32, seconds, seconds_len);
        }
      for (guint k = 0; k < n; k++)
        seconds[k] = demo_sample_second (plan, &rng, day);
      qsort (seconds, n, sizeof (guint32), compare_guint32);

      for (guint k = 0; k < n; k++)
        {
          DemoOrder order;

          order.local_sec = d * 86400 + seconds[k];
          /* Returning customers are mostly recent ones. */
          if (n_customers >= 50 && rng_chance (&rng, REPEAT_SHARE))
            {
              double u = rng_uniform (&rng);

              order.customer = n_customers - 1 - (guint32) (u * u * n_customers);
              order.first = FALSE;
            }
          else
            {
              order.customer = n_customers++;
              order.first = TRUE;
            }
          g_array_append_val (orders, order);
        }
    }

  *out_customers = n_customers;
  return g_steal_pointer (&orders);
}

/* Second pass: one order --------------------------------------------------- */

typedef enum
{
  LINE_REGULAR,
  LINE_BRACKET,   /* the same product in a second size */
  LINE_BUNDLE,    /* added by the cart-bundles feature */
  LINE_TIP,
} DemoLineKind;

typedef struct
{
  guint8       product;
  guint8       colour;
  guint8       size;
  guint8       quantity;
  DemoLineKind kind;
  gint32       price;
} DemoLine;

typedef struct
{
  guint8   location;
  guint8   street;
  guint16  house;
  guint16  apartment;    /* 0: none */
  guint16  phone_line;   /* 555-01xx */
  gboolean accepts_marketing;
  gboolean billing_phone;
  gboolean order_phone;  /* gave a phone number at checkout */
} DemoCustomer;

typedef struct
{
  guint               index;
  LcDay               day;
  guint32             customer_number;
  DemoCustomer        customer;
  const DemoLocation *location;

  DemoLine  lines[MAX_LINES];
  guint     n_lines;
  guint     units;            /* without the tip */
  gboolean  has_apparel;
  gboolean  bracketed;

  const char *source;
  const char *discount_code;
  const char *shipping_method;
  const char *payment_method;
  const char *financial_status;
  const char *note;
  const char *risk;
  gint64    gross;
  gint64    discount;
  gint64    subtotal;
  gint64    shipping;
  gint64    tax[2];
  gint64    taxes;
  gint64    tip;
  gint64    total;
  gint64    refunded;
  gint64    outstanding;

  gint64    created_utc;
  gint64    paid_utc;         /* 0: not paid */
  gint64    fulfilled_utc;    /* 0: not fulfilled */
  gint64    cancelled_utc;    /* 0: not cancelled */
  gboolean  counted;
  gboolean  returned;
} DemoDetail;

static void
demo_customer (const DemoPlan *plan,
               guint32         number,
               DemoCustomer   *customer)
{
  DemoRng rng;
  guint total = 0;
  guint pick;
  guint i = 0;

  rng_init (&rng, plan->options.seed, STREAM_CUSTOMER + number);
  for (guint k = 0; k < G_N_ELEMENTS (locations); k++)
    total += locations[k].weight;
  pick = rng_below (&rng, total);
  while (pick >= locations[i].weight)
    pick -= locations[i++].weight;

  customer->location = i;
  customer->street = rng_below (&rng, G_N_ELEMENTS (streets));
  customer->house = 1 + rng_below (&rng, 980);
  customer->apartment = rng_chance (&rng, 0.3) ? 1 + rng_below (&rng, 60) : 0;
  customer->phone_line = rng_below (&rng, 100);
  customer->accepts_marketing = rng_chance (&rng, 0.45);
  customer->billing_phone = rng_chance (&rng, 0.4);
  customer->order_phone = rng_chance (&rng, 0.08);
}

static guint
demo_pick_product (DemoRng *rng,
                   guint    category_mask)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < N_PRODUCTS; i++)
    if (category_mask & (1u << catalogue[i].category))
      total += catalogue[i].weight;
  pick = rng_below (rng, total);
  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      if (!(category_mask & (1u << catalogue[i].category)))
        continue;
      if (pick < catalogue[i].weight)
        return i;
      pick -= catalogue[i].weight;
    }
  g_assert_not_reached ();
}

static guint8
colour_index (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    if (strncmp (colours[i].code, code, 3) == 0)
      return i;
  g_assert_not_reached ();
}

static void
demo_pick_variant (DemoRng  *rng,
                   DemoLine *line)
{
  const DemoProduct *product = &catalogue[line->product];
  guint pick;

  line->colour = NO_COLOUR;
  line->size = NO_SIZE;
  if (product->colours != NULL)
    {
      guint n = (strlen (product->colours) + 1) / 4;

      line->colour = colour_index (product->colours + 4 * rng_below (rng, n));
    }

  pick = rng_below (rng, 100);
  if (product->sizes == SIZES_APPAREL)
    {
      line->size = 0;
      while (pick >= apparel_size_mix[line->size])
        line->size++;
    }
  else if (product->sizes == SIZES_SML)
    {
      guint i = 0;

      while (pick >= sml_size_mix[i])
        i++;
      line->size = 1 + i;
    }
}

static guint
demo_find_product (const DemoDetail *detail,
                   guint             product)
{
  for (guint i = 0; i < detail->n_lines; i++)
    if (detail->lines[i].product == product)
      return i;
  return G_MAXUINT;
}

static void
demo_add_product (DemoDetail   *detail,
                  DemoRng      *rng,
                  guint         product,
                  guint         quantity,
                  DemoLineKind  kind)
{
  guint existing = demo_find_product (detail, product);
  DemoLine *line;

  if (existing != G_MAXUINT || detail->n_lines == MAX_LINES - 1)
    {
      /* Already in the cart: one more of it keeps the units right. */
      detail->lines[existing != G_MAXUINT ? existing : 0].quantity += quantity;
      return;
    }

  line = &detail->lines[detail->n_lines++];
  line->product = product;
  line->quantity = quantity;
  line->kind = kind;
  line->price = catalogue[product].price;
  demo_pick_variant (rng, line);
}

/* Value, after the order's discount, plus tax, of one unit of a line. */
static gint64
demo_unit_refund (const DemoDetail *detail,
                  const DemoLine   *line)
{
  gint64 unit = line->price;
  gint64 unit_discount = detail->gross > 0 ? (detail->discount * unit + detail->gross / 2) / detail->gross : 0;
  gint64 net = unit - unit_discount;
  gint64 tax = detail->subtotal > 0 ? (detail->taxes * net + detail->subtotal / 2) / detail->subtotal : 0;

  return net + tax;
}

static void
demo_build_order (const DemoPlan   *plan,
                  const DemoOrder  *order,
                  guint             index,
                  DemoDetail       *detail)
{
  DemoRng rng;
  guint n_lines;
  DemoDayKind kind;
  double return_p;
  gint64 wall;
  double u;

  memset (detail, 0, sizeof *detail);
  rng_init (&rng, plan->options.seed, STREAM_ORDER + index);

  detail->index = index;
  detail->day = plan->first_day + (LcDay) (order->local_sec / 86400);
  detail->customer_number = order->customer;
  demo_customer (plan, order->customer, &detail->customer);
  detail->location = &locations[detail->customer.location];
  kind = demo_day_kind (plan, detail->day);

  wall = (gint64) plan->first_day * 86400 + order->local_sec;
  detail->created_utc = demo_utc_from_wall (plan, wall);

  u = rng_uniform (&rng);
  detail->source = u < 0.92 ? "web" : u < 0.97 ? "tiktok" : "shopify_draft_order";

  /* The basket. */
  n_lines = 1 + rng_pick_cumulative (&rng, lines_mix, G_N_ELEMENTS (lines_mix));
  for (guint i = 0; i < n_lines; i++)
    {
      gboolean apparel = rng_chance (&rng, APPAREL_LINE_SHARE);
      guint mask = apparel ? APPAREL_CATEGORIES : ACCESSORY_CATEGORIES;
      guint quantity = 1 + rng_pick_cumulative (&rng, quantity_mix, G_N_ELEMENTS (quantity_mix));
      guint product = demo_pick_product (&rng, mask);

      /* Bracketing is planted below; keep distinct products here. */
      for (guint tries = 0; tries < 8 && demo_find_product (detail, product) != G_MAXUINT; tries++)
        product = demo_pick_product (&rng, mask);
      demo_add_product (detail, &rng, product, quantity, LINE_REGULAR);
      detail->has_apparel |= apparel;
    }

  if (detail->has_apparel && rng_chance (&rng, BRACKETING_SHARE))
    {
      DemoLine *first = NULL;

      for (guint i = 0; i < detail->n_lines && first == NULL; i++)
        if (catalogue[detail->lines[i].product].sizes == SIZES_APPAREL)
          first = &detail->lines[i];
      if (first != NULL)
        {
          DemoLine *second = &detail->lines[detail->n_lines++];

          *second = *first;
          second->quantity = 1;
          second->kind = LINE_BRACKET;
          if (first->size == 0)
            second->size = 1;
          else if (first->size == G_N_ELEMENTS (size_names) - 1)
            second->size = first->size - 1;
          else
            second->size = rng_chance (&rng, 0.5) ? first->size - 1 : first->size + 1;
          detail->bracketed = TRUE;
        }
    }

  /* The planted cart-bundles effect: an extra accessory unit. */
  if (detail->day >= plan->bundles_on && rng_chance (&rng, BUNDLE_PROBABILITY))
    {
      guint mask = complement_mask[catalogue[detail->lines[0].product].category];

      demo_add_product (detail, &rng, demo_pick_product (&rng, mask), 1, LINE_BUNDLE);
    }

  for (guint i = 0; i < detail->n_lines; i++)
    {
      detail->units += detail->lines[i].quantity;
      detail->gross += (gint64) detail->lines[i].price * detail->lines[i].quantity;
    }

  /* Discounts. */
  u = rng_uniform (&rng);
  if (kind == DAY_PEAK && u < PEAK_DISCOUNT_SHARE)
    {
      detail->discount_code = "BFCM25";
      detail->discount = (detail->gross * 25 + 50) / 100;
    }
  else if (kind == DAY_SUMMER_SALE && u < SUMMER_DISCOUNT_SHARE)
    {
      detail->discount_code = "SUMMER20";
      detail->discount = (detail->gross * 20 + 50) / 100;
    }
  else if (order->first && u < WELCOME_DISCOUNT_SHARE)
    {
      detail->discount_code = "WELCOME10";
      detail->discount = (detail->gross * 10 + 50) / 100;
    }
  else if (!order->first && u > 0.97)
    {
      detail->discount_code = "VIP15";
      detail->discount = (detail->gross * 15 + 50) / 100;
    }
  detail->subtotal = detail->gross - detail->discount;

  /* Shipping, taxes, tip. */
  if (g_str_equal (detail->source, "shopify_draft_order"))
    detail->shipping_method = NULL;
  else if (rng_chance (&rng, 0.08))
    {
      detail->shipping_method = "Express";
      detail->shipping = EXPRESS_SHIPPING;
    }
  else
    {
      detail->shipping_method = "Standard";
      detail->shipping = detail->subtotal >= FREE_SHIPPING_FROM ? 0 : STANDARD_SHIPPING;
    }

  detail->tax[0] = (detail->subtotal * detail->location->tax1_rate + 50000) / 100000;
  detail->tax[1] = (detail->subtotal * detail->location->tax2_rate + 50000) / 100000;
  detail->taxes = detail->tax[0] + detail->tax[1];

  if (g_str_equal (detail->source, "web") && rng_chance (&rng, TIP_SHARE))
    {
      static const gint64 tips[] = { 200, 300, 500 };
      guint pick = rng_below (&rng, 4);
      DemoLine *tip = &detail->lines[detail->n_lines++];

      detail->tip = pick < 3 ? tips[pick] : MAX (100, (detail->subtotal / 10 + 25) / 50 * 50);
      tip->kind = LINE_TIP;
      tip->quantity = 1;
      tip->price = detail->tip;
      tip->colour = NO_COLOUR;
      tip->size = NO_SIZE;
    }

  /* Shopify's Total holds the tip; the Subtotal does not. */
  detail->total = detail->subtotal + detail->shipping + detail->taxes + detail->tip;

  /* Payment and what happened next. */
  if (g_str_equal (detail->source, "tiktok"))
    detail->payment_method = "tiktok_shop";
  else if (g_str_equal (detail->source, "shopify_draft_order"))
    detail->payment_method = "manual";
  else
    {
      u = rng_uniform (&rng);
      detail->payment_method = u < 0.78 ? "Shopify Payments" : u < 0.93 ? "PayPal Express Checkout" : "Shop Pay Installments";
    }
  detail->paid_utc = detail->created_utc + 1 + rng_below (&rng, 2);
  detail->financial_status = "paid";
  detail->counted = TRUE;
  u = rng_uniform (&rng);
  detail->risk = u < 0.97 ? "Low" : u < 0.995 ? "Medium" : "High";
  if (rng_chance (&rng, NOTE_SHARE))
    detail->note = order_notes[rng_below (&rng, G_N_ELEMENTS (order_notes))];

  if (rng_chance (&rng, CANCEL_SHARE))
    {
      detail->cancelled_utc = MIN (detail->created_utc + 300 + rng_below (&rng, 3 * 3600), plan->export_utc);
      detail->counted = FALSE;
      if (rng_chance (&rng, 0.5))
        {
          detail->financial_status = "voided";
          detail->paid_utc = 0;
        }
      else
        {
          detail->financial_status = "refunded";
          detail->refunded = detail->total;
        }
      return;
    }

  if (g_str_equal (detail->source, "shopify_draft_order") && rng_chance (&rng, 0.3))
    {
      detail->financial_status = "pending";
      detail->payment_method = NULL;
      detail->paid_utc = 0;
      detail->outstanding = detail->total;
      return;
    }

  if (g_str_equal (detail->source, "web")
      && detail->created_utc > plan->export_utc - 2 * 86400
      && rng_chance (&rng, 0.05))
    {
      detail->financial_status = "authorized";
      detail->paid_utc = 0;
      detail->outstanding = detail->total;
      return;
    }

  detail->fulfilled_utc = detail->created_utc + 18 * 3600 + rng_below (&rng, 54 * 3600);
  if (detail->fulfilled_utc > plan->export_utc)
    {
      detail->fulfilled_utc = 0;
      return;
    }

  /* Returns: the planted return-nudges effect scales every order's chance. */
  return_p = detail->bracketed ? RETURN_P_BRACKETED
             : detail->has_apparel ? RETURN_P_APPAREL : RETURN_P_ACCESSORIES;
  if (detail->day >= plan->nudges_on)
    return_p *= NUDGE_RETURN_FACTOR;
  if (rng_chance (&rng, return_p))
    {
      gint64 refund_utc = detail->fulfilled_utc + 5 * 86400 + rng_below (&rng, 30 * 86400);
      gboolean full = detail->units == 1 || (!detail->bracketed && rng_chance (&rng, FULL_RETURN_SHARE));
      const DemoLine *line = NULL;

      /* A return that has not happened by the export is not in it. */
      if (refund_utc > plan->export_utc)
        return;

      if (detail->bracketed)
        {
          /* One of the two sizes goes back. */
          guint bracket = 0;
          guint original = 0;

          while (detail->lines[bracket].kind != LINE_BRACKET)
            bracket++;
          while (detail->lines[original].product != detail->lines[bracket].product)
            original++;
          line = &detail->lines[rng_chance (&rng, 0.5) ? bracket : original];
        }
      else if (!full)
        {
          guint n = detail->n_lines - (detail->tip > 0 ? 1 : 0);

          line = &detail->lines[rng_below (&rng, n)];
        }

      detail->returned = TRUE;
      if (full)
        {
          detail->refunded = detail->total;
          detail->financial_status = "refunded";
        }
      else
        {
          detail->refunded = MIN (demo_unit_refund (detail, line), detail->total);
          detail->financial_status = detail->refunded == detail->total ? "refunded" : "partially_refunded";
        }
    }
}

/* Output ---------------------------------------------------------------------- */

typedef struct
{
  int     fd;
  char   *buffer;
  gsize   len;
  int     saved_errno;
} DemoOut;

static void
out_flush (DemoOut *out)
{
  gsize done = 0;

  while (done < out->len && out->saved_errno == 0)
    {
      gssize n = write (out->fd, out->buffer + done, out->len - done);

      if (n < 0 && errno != EINTR)
        out->saved_errno = errno;
      else if (n > 0)
        done += n;
    }
  out->len = 0;
}

static inline char *
out_reserve (DemoOut *out,
             gsize    n)
{
  g_assert (n <= OUT_BUFFER_SIZE);
  if (out->len + n > OUT_BUFFER_SIZE)
    out_flush (out);
  return out->buffer + out->len;
}

static void
out_field (DemoOut    *out,
           const char *value)
{
  gsize len;
  gboolean quote = FALSE;
  char *p;

  if (value == NULL)
    return;
  if (value == quoted_empty)
    {
      p = out_reserve (out, 2);
      p[0] = p[1] = '"';
      out->len += 2;
      return;
    }

  len = strlen (value);
  for (gsize i = 0; i < len && !quote; i++)
    quote = value[i] == ',' || value[i] == '"' || value[i] == '\n' || value[i] == '\r';
  if (!quote)
    {
      p = out_reserve (out, len);
      memcpy (p, value, len);
      out->len += len;
      return;
    }

  p = out_reserve (out, 2 * len + 2);
  *p++ = '"';
  for (gsize i = 0; i < len; i++)
    {
      if (value[i] == '"')
        *p++ = '"';
      *p++ = value[i];
    }
  *p++ = '"';
  out->len = p - out->buffer;
}

static void
out_row (DemoOut     *out,
         const char **fields)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (i > 0)
        {
          *out_reserve (out, 1) = ',';
          out->len++;
        }
      out_field (out, fields[i]);
    }
  *out_reserve (out, 1) = '\n';
  out->len++;
}

/* Scratch space for one order's formatted fields. */
typedef struct
{
  char  buffer[4096];
  gsize len;
} DemoArena;

static char *
arena_begin (DemoArena *arena)
{
  g_assert (arena->len + 256 <= sizeof arena->buffer);
  return arena->buffer + arena->len;
}

static const char *
arena_end (DemoArena *arena,
           char      *end)
{
  const char *start = arena->buffer + arena->len;

  *end++ = '\0';
  arena->len = end - arena->buffer;
  return start;
}

static char *
put_str (char       *p,
         const char *s)
{
  gsize len = strlen (s);

  memcpy (p, s, len);
  return p + len;
}

static char *
put_uint (char    *p,
          guint64  value,
          guint    min_digits)
{
  char digits[24];
  guint n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0 || n < min_digits);
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

static const char *
arena_money (DemoArena *arena,
             gint64     cents)
{
  char *p = arena_begin (arena);

  if (cents < 0)
    {
      *p++ = '-';
      cents = -cents;
    }
  p = put_uint (p, cents / 100, 1);
  *p++ = '.';
  p = put_uint (p, cents % 100, 2);
  return arena_end (arena, p);
}

static const char *
arena_uint (DemoArena *arena,
            guint64    value)
{
  return arena_end (arena, put_uint (arena_begin (arena), value, 1));
}

/* "2026-10-31 14:22:05 -0400" */
static const char *
arena_time (DemoArena      *arena,
            const DemoPlan *plan,
            gint64          utc)
{
  int offset = demo_offset_at (plan, utc);
  gint64 wall = utc + offset;
  LcDay day = (LcDay) floor_div (wall, 86400);
  gint64 sod = wall - (gint64) day * 86400;
  int year, month, mday;
  char *p = arena_begin (arena);

  lc_day_to_ymd (day, &year, &month, &mday);
  p = put_uint (p, year, 4);
  *p++ = '-';
  p = put_uint (p, month, 2);
  *p++ = '-';
  p = put_uint (p, mday, 2);
  *p++ = ' ';
  p = put_uint (p, sod / 3600, 2);
  *p++ = ':';
  p = put_uint (p, sod / 60 % 60, 2);
  *p++ = ':';
  p = put_uint (p, sod % 60, 2);
  *p++ = ' ';
  *p++ = offset < 0 ? '-' : '+';
  p = put_uint (p, ABS (offset) / 3600, 2);
  p = put_uint (p, ABS (offset) / 60 % 60, 2);
  return arena_end (arena, p);
}

static const char *
arena_line_name (DemoArena      *arena,
                 const DemoLine *line)
{
  char *p = arena_begin (arena);

  if (line->kind == LINE_TIP)
    return "Tip";
  p = put_str (p, catalogue[line->product].title);
  if (line->colour != NO_COLOUR)
    {
      p = put_str (p, " - ");
      p = put_str (p, colours[line->colour].name);
      if (line->size != NO_SIZE)
        {
          p = put_str (p, " / ");
          p = put_str (p, size_names[line->size]);
        }
    }
  else if (line->size != NO_SIZE)
    {
      p = put_str (p, " - ");
      p = put_str (p, size_names[line->size]);
    }
  return arena_end (arena, p);
}

/* "DRS-014-BLK-M" */
static const char *
arena_sku (DemoArena      *arena,
           const DemoLine *line)
{
  const DemoProduct *product = &catalogue[line->product];
  char *p = arena_begin (arena);

  p = put_str (p, product->code);
  *p++ = '-';
  p = put_uint (p, product->number, 3);
  if (line->colour != NO_COLOUR)
    {
      *p++ = '-';
      p = put_str (p, colours[line->colour].code);
    }
  if (line->size != NO_SIZE)
    {
      *p++ = '-';
      p = put_str (p, size_names[line->size]);
    }
  return arena_end (arena, p);
}

static guint64
demo_order_id (const DemoPlan *plan,
               guint           index)
{
  guint64 state = plan->options.seed ^ ((guint64) index << 20);

  /* Large, increasing, irregular: like Shopify's. */
  return G_GUINT64_CONSTANT (5100000000000) + (guint64) index * 137000 + splitmix64 (&state) % 100000;
}

static void
demo_emit_order (DemoOut          *out,
                 const DemoPlan   *plan,
                 const DemoDetail *detail)
{
  const DemoCustomer *customer = &detail->customer;
  const DemoLocation *location = detail->location;
  const char *fields[N_COLUMNS];
  const char *name, *email, *created, *phone = NULL;
  const char *street, *address1, *address2, *billing_phone = NULL;
  const char *reference = NULL;
  guint64 id = demo_order_id (plan, detail->index);
  const char *line_status;
  DemoArena arena;
  char *p;

  arena.len = 0;

  p = arena_begin (&arena);
  *p++ = '#';
  name = arena_end (&arena, put_uint (p, 1001 + (guint64) detail->index, 1));

  p = put_str (arena_begin (&arena), "customer");
  p = put_uint (p, detail->customer_number + 1, 6);
  email = arena_end (&arena, put_str (p, "@example.com"));

  created = arena_time (&arena, plan, detail->created_utc);

  if (customer->billing_phone || customer->order_phone)
    {
      p = put_str (arena_begin (&arena), "+1");
      p = put_str (p, location->area_code);
      p = put_str (p, "55501");
      p = put_uint (p, customer->phone_line, 2);
      billing_phone = arena_end (&arena, p);
      if (customer->order_phone)
        phone = billing_phone;
    }

  p = put_uint (arena_begin (&arena), customer->house, 1);
  *p++ = ' ';
  p = put_str (p, streets[customer->street]);
  address1 = arena_end (&arena, p);
  if (customer->apartment > 0)
    {
      p = put_str (arena_begin (&arena), "Apt ");
      address2 = arena_end (&arena, put_uint (p, customer->apartment, 1));
      p = put_str (arena_begin (&arena), address1);
      p = put_str (p, ", ");
      street = arena_end (&arena, put_str (p, address2));
    }
  else
    {
      address2 = quoted_empty;
      street = address1;
    }

  if (g_str_equal (detail->source, "tiktok"))
    {
      p = put_str (arena_begin (&arena), name);
      reference = arena_end (&arena, put_str (p, ".1"));
    }
  else if (detail->payment_method != NULL && !g_str_equal (detail->payment_method, "manual"))
    {
      p = put_str (arena_begin (&arena), "c");
      p = put_uint (p, id * 5 + 17, 14);
      reference = arena_end (&arena, put_str (p, ".1"));
    }

  line_status = detail->fulfilled_utc != 0 ? "fulfilled" : "pending";

  for (guint i = 0; i < detail->n_lines; i++)
    {
      const DemoLine *line = &detail->lines[i];
      const DemoProduct *product = &catalogue[line->product];
      gboolean tip = line->kind == LINE_TIP;

      memset (fields, 0, sizeof fields);
      fields[COL_NAME] = name;
      fields[COL_EMAIL] = email;
      fields[COL_CREATED_AT] = created;
      fields[COL_LINE_QUANTITY] = arena_uint (&arena, line->quantity);
      fields[COL_LINE_NAME] = arena_line_name (&arena, line);
      fields[COL_LINE_PRICE] = arena_money (&arena, line->price);
      if (!tip && product->compare_at > 0)
        fields[COL_LINE_COMPARE_AT] = arena_money (&arena, product->compare_at);
      else if (i > 0)
        fields[COL_LINE_COMPARE_AT] = quoted_empty;
      fields[COL_LINE_SKU] = tip ? quoted_empty : arena_sku (&arena, line);
      fields[COL_LINE_REQUIRES_SHIPPING] = tip ? "false" : "true";
      fields[COL_LINE_TAXABLE] = tip ? "false" : "true";
      fields[COL_LINE_FULFILLMENT_STATUS] = tip ? "not_eligible" : line_status;
      fields[COL_VENDOR] = tip ? quoted_empty : product->vendor;
      fields[COL_LINE_DISCOUNT] = "0.00";
      fields[COL_PHONE] = phone;

      /* Only an order's first row carries the order-level columns. */
      if (i == 0)
        {
          fields[COL_FINANCIAL_STATUS] = detail->financial_status;
          if (detail->paid_utc != 0)
            fields[COL_PAID_AT] = arena_time (&arena, plan, detail->paid_utc);
          fields[COL_FULFILLMENT_STATUS] = detail->fulfilled_utc != 0 ? "fulfilled" : "unfulfilled";
          if (detail->fulfilled_utc != 0)
            fields[COL_FULFILLED_AT] = arena_time (&arena, plan, detail->fulfilled_utc);
          fields[COL_ACCEPTS_MARKETING] = customer->accepts_marketing ? "yes" : "no";
          fields[COL_CURRENCY] = "USD";
          fields[COL_SUBTOTAL] = arena_money (&arena, detail->subtotal);
          fields[COL_SHIPPING] = arena_money (&arena, detail->shipping);
          fields[COL_TAXES] = arena_money (&arena, detail->taxes);
          fields[COL_TOTAL] = arena_money (&arena, detail->total);
          fields[COL_DISCOUNT_CODE] = detail->discount_code != NULL ? detail->discount_code : quoted_empty;
          fields[COL_DISCOUNT_AMOUNT] = arena_money (&arena, detail->discount);
          fields[COL_SHIPPING_METHOD] = detail->shipping_method != NULL ? detail->shipping_method : quoted_empty;

          fields[COL_BILLING_NAME] = fields[COL_SHIPPING_NAME] = arena_end (&arena, put_uint (put_str (arena_begin (&arena), "Customer "), detail->customer_number + 1, 1));
          fields[COL_BILLING_STREET] = fields[COL_SHIPPING_STREET] = street;
          fields[COL_BILLING_ADDRESS1] = fields[COL_SHIPPING_ADDRESS1] = address1;
          fields[COL_BILLING_ADDRESS2] = fields[COL_SHIPPING_ADDRESS2] = address2;
          fields[COL_BILLING_CITY] = fields[COL_SHIPPING_CITY] = location->city;
          fields[COL_BILLING_ZIP] = fields[COL_SHIPPING_ZIP] = location->zip;
          fields[COL_BILLING_PROVINCE] = fields[COL_SHIPPING_PROVINCE] = location->province;
          fields[COL_BILLING_COUNTRY] = fields[COL_SHIPPING_COUNTRY] = "US";
          fields[COL_BILLING_PHONE] = fields[COL_SHIPPING_PHONE] = billing_phone;
          fields[COL_BILLING_PROVINCE_NAME] = fields[COL_SHIPPING_PROVINCE_NAME] = location->province_name;

          fields[COL_NOTES] = detail->note;
          if (g_str_equal (detail->source, "tiktok"))
            {
              fields[COL_NOTE_ATTRIBUTES] = "tiktok_fulfillment_type: seller_shipping";
              p = put_str (arena_begin (&arena), "TikTok Shop, TikTokOrderID:5768");
              fields[COL_TAGS] = arena_end (&arena, put_uint (p, id * 7 % G_GUINT64_CONSTANT (100000000000000), 14));
            }
          else
            {
              fields[COL_NOTE_ATTRIBUTES] = quoted_empty;
              fields[COL_TAGS] = quoted_empty;
            }
          if (detail->cancelled_utc != 0)
            fields[COL_CANCELLED_AT] = arena_time (&arena, plan, detail->cancelled_utc);
          fields[COL_PAYMENT_METHOD] = detail->payment_method != NULL ? detail->payment_method : quoted_empty;
          fields[COL_PAYMENT_REFERENCE] = reference != NULL ? reference : quoted_empty;
          fields[COL_PAYMENT_ID] = fields[COL_PAYMENT_REFERENCES] = reference;
          fields[COL_REFUNDED_AMOUNT] = arena_money (&arena, detail->refunded);
          fields[COL_OUTSTANDING_BALANCE] = arena_money (&arena, detail->outstanding);
          fields[COL_ID] = arena_uint (&arena, id);
          fields[COL_RISK_LEVEL] = detail->risk;
          fields[COL_SOURCE] = detail->source;
          fields[COL_TAX1_NAME] = location->tax1_name;
          fields[COL_TAX1_VALUE] = arena_money (&arena, detail->tax[0]);
          if (location->tax2_name != NULL)
            {
              fields[COL_TAX2_NAME] = location->tax2_name;
              fields[COL_TAX2_VALUE] = arena_money (&arena, detail->tax[1]);
            }
        }

      out_row (out, fields);
    }
}

/* What was planted and what came out, per day, for the truth file. */
typedef struct
{
  gint64 orders;
  gint64 units;
  gint64 value;
  gint64 total;
  gint64 refunded;
  gint64 returned;
} DemoDayStats;

typedef struct
{
  DemoDayStats *days;
  gint64        rows;
  gint64        orders;
  guint32       customers;
  gint64        bracketed;
  gint64        bracketed_returned;
  gint64        others;
  gint64        others_returned;
} DemoStats;

static void
demo_stats_add (DemoStats        *stats,
                const DemoPlan   *plan,
                const DemoDetail *detail)
{
  DemoDayStats *day = &stats->days[detail->day - plan->first_day];

  stats->orders++;
  stats->rows += detail->n_lines;
  if (!detail->counted)
    return;

  day->orders++;
  day->units += detail->units;
  day->value += detail->subtotal;
  day->total += detail->total;
  day->refunded += detail->refunded;
  day->returned += detail->returned;

  /* Bracketing against other apparel orders, both before the nudges. */
  if (detail->fulfilled_utc != 0 && detail->day < plan->nudges_on && detail->has_apparel)
    {
      if (detail->bracketed)
        {
          stats->bracketed++;
          stats->bracketed_returned += detail->returned;
        }
      else
        {
          stats->others++;
          stats->others_returned += detail->returned;
        }
    }
}

/* Truth ------------------------------------------------------------------------ */

static void
add_day (JsonBuilder *builder,
         const char  *member,
         LcDay        day)
{
  g_autofree char *text = lc_day_format (day);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_double (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* Rounded so the file reads well; these are measurements, not the truth. */
static double
round_to (double value,
          double unit)
{
  return (double) (gint64) (value / unit + (value >= 0 ? 0.5 : -0.5)) * unit;
}

static DemoDayStats
demo_stats_window (const DemoStats *stats,
                   const DemoPlan  *plan,
                   LcDay            from,
                   LcDay            to)
{
  DemoDayStats sum = { 0, };

  for (LcDay day = MAX (from, plan->first_day); day <= MIN (to, plan->last_day); day++)
    {
      const DemoDayStats *d = &stats->days[day - plan->first_day];

      sum.orders += d->orders;
      sum.units += d->units;
      sum.value += d->value;
      sum.total += d->total;
      sum.refunded += d->refunded;
      sum.returned += d->returned;
    }
  return sum;
}

static void
add_window (JsonBuilder     *builder,
            const char      *member,
            const DemoStats *stats,
            const DemoPlan  *plan,
            LcDay            from,
            LcDay            to)
{
  DemoDayStats sum = demo_stats_window (stats, plan, from, to);
  double orders = MAX (1, sum.orders);

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  add_day (builder, "from", from);
  add_day (builder, "to", to);
  add_int (builder, "orders", sum.orders);
  add_double (builder, "upt", round_to (sum.units / orders, 0.0001));
  add_double (builder, "aov", round_to (sum.value / orders / 100.0, 0.01));
  add_double (builder, "return_rate", round_to ((double) sum.refunded / MAX (1, sum.total), 0.0001));
  add_double (builder, "returned_order_share", round_to (sum.returned / orders, 0.0001));
  json_builder_end_object (builder);
}

static void
add_observed (JsonBuilder     *builder,
              const DemoStats *stats,
              const DemoPlan  *plan,
              LcDay            day)
{
  json_builder_set_member_name (builder, "observed");
  json_builder_begin_object (builder);
  add_window (builder, "before", stats, plan, day - WINDOW_DAYS, day - 1);
  add_window (builder, "after", stats, plan, day, day + WINDOW_DAYS - 1);
  json_builder_end_object (builder);
}

static void
add_spans (JsonBuilder    *builder,
           const DemoPlan *plan,
           const char     *feature)
{
  DemoSpan spans[N_SPANS];

  demo_plan_spans (plan, spans);
  json_builder_set_member_name (builder, "spans");
  json_builder_begin_array (builder);
  for (guint i = 0; i < N_SPANS; i++)
    {
      if (!g_str_equal (spans[i].feature, feature))
        continue;
      json_builder_begin_object (builder);
      add_day (builder, "on", spans[i].on_day);
      json_builder_set_member_name (builder, "off");
      if (spans[i].off_day != LC_DAY_NONE)
        {
          g_autofree char *text = lc_day_format (spans[i].off_day);

          json_builder_add_string_value (builder, text);
        }
      else
        json_builder_add_null_value (builder);
      add_double (builder, "monthly_cost", spans[i].monthly_cost / 100.0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The verdicts the playbook gives these planted effects hold for the tier
 * the default demo lands in. */
static void
add_verdict (JsonBuilder *builder,
             LcTier       tier,
             const char  *verdict)
{
  if (tier == LC_TIER_2M_10M)
    add_string (builder, "expected_verdict", verdict);
}

/* The units per order the basket model plants before bundles: lines times
 * quantity, plus the second size of bracketed apparel orders. */
static double
demo_planted_upt (void)
{
  double lines = 0, quantity = 0, apparel = 0, previous = 0;

  for (guint i = 0; i < G_N_ELEMENTS (lines_mix); i++)
    {
      double p = lines_mix[i] - previous;
      double none = 1.0;

      for (guint k = 0; k <= i; k++)
        none *= 1.0 - APPAREL_LINE_SHARE;
      lines += p * (i + 1);
      apparel += p * (1.0 - none);
      previous = lines_mix[i];
    }
  previous = 0;
  for (guint i = 0; i < G_N_ELEMENTS (quantity_mix); i++)
    {
      quantity += (quantity_mix[i] - previous) * (i + 1);
      previous = quantity_mix[i];
    }
  return lines * quantity + BRACKETING_SHARE * apparel;
}

static JsonNode *
demo_build_truth (const DemoPlan  *plan,
                  const DemoStats *stats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  DemoDayStats all = demo_stats_window (stats, plan, plan->first_day, plan->last_day);
  DemoDayStats year = demo_stats_window (stats, plan, plan->last_day - 364, plan->last_day);
  double planted_upt = demo_planted_upt ();
  double revenue_12m = (year.total - year.refunded) / 100.0;
  LcTier tier = lc_tier_for_revenue_usd (revenue_12m, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "generator", "liftcheck demo");
  add_int (builder, "seed", plan->options.seed);
  add_double (builder, "orders_per_day", plan->options.orders_per_day);
  add_double (builder, "years", plan->options.years);
  add_day (builder, "first_day", plan->first_day);
  add_day (builder, "last_day", plan->last_day);
  add_string (builder, "currency", "USD");
  add_string (builder, "timezone", "America/New_York");
  add_string (builder, "vertical", "apparel");
  add_double (builder, "growth_per_year", GROWTH_PER_YEAR);
  add_int (builder, "window_days", WINDOW_DAYS);
  add_int (builder, "orders", stats->orders);
  add_int (builder, "rows", stats->rows);
  add_int (builder, "customers", stats->customers);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  add_int (builder, "counted_orders", all.orders);
  add_double (builder, "aov", round_to (all.value / (double) MAX (1, all.orders) / 100.0, 0.01));
  add_double (builder, "upt", round_to (all.units / (double) MAX (1, all.orders), 0.0001));
  add_double (builder, "return_rate", round_to ((double) all.refunded / MAX (1, all.total), 0.0001));
  add_double (builder, "revenue_12m", round_to (revenue_12m, 0.01));
  add_string (builder, "tier", lc_tier_to_string (tier));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "peak_seasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->n_years; i++)
    {
      const DemoYear *y = &plan->years[i];

      if (y->peak_end < plan->first_day || y->peak_start > plan->last_day)
        continue;
      json_builder_begin_object (builder);
      add_day (builder, "start", y->peak_start);
      add_day (builder, "end", y->peak_end);
      add_day (builder, "black_friday", y->peak_start);
      add_day (builder, "cyber_monday", y->peak_start + 3);
      add_double (builder, "demand_factor_weekend", PEAK_WEEKEND_FACTOR);
      add_double (builder, "demand_factor", PEAK_FACTOR);
      add_string (builder, "discount_code", "BFCM25");
      add_double (builder, "discount", 0.25);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "campaigns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->n_years; i++)
    {
      const DemoYear *y = &plan->years[i];

      if (y->sale_end < plan->first_day || y->sale_start > plan->last_day)
        continue;
      json_builder_begin_object (builder);
      add_string (builder, "code", "SUMMER20");
      add_day (builder, "start", y->sale_start);
      add_day (builder, "end", y->sale_end);
      add_double (builder, "discount", 0.20);
      add_double (builder, "demand_factor", SUMMER_SALE_FACTOR);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  add_string (builder, "feature", "homepage-recs");
  add_day (builder, "switched_on", plan->homepage_on);
  add_spans (builder, plan, "homepage-recs");
  add_string (builder, "watch_metric", "aov");
  add_string (builder, "planted_effect", "none: the carousel changes nothing");
  add_double (builder, "aov_lift", 0.0);
  add_double (builder, "revenue_lift", 0.0);
  add_verdict (builder, tier, "turn-off");
  add_observed (builder, stats, plan, plan->homepage_on);
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  add_string (builder, "feature", "cart-bundles");
  add_day (builder, "switched_on", plan->bundles_on);
  add_spans (builder, plan, "cart-bundles");
  add_string (builder, "watch_metric", "upt");
  add_string (builder, "planted_effect", "each order gains one complementary accessory unit with probability 0.15");
  add_double (builder, "extra_unit_probability", BUNDLE_PROBABILITY);
  add_double (builder, "upt_lift", BUNDLE_PROBABILITY);
  add_double (builder, "upt_before_planted", round_to (planted_upt, 0.0001));
  add_double (builder, "upt_lift_relative", round_to (BUNDLE_PROBABILITY / planted_upt, 0.0001));
  add_verdict (builder, tier, "keep");
  add_observed (builder, stats, plan, plan->bundles_on);
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  add_string (builder, "feature", "return-nudges");
  add_day (builder, "switched_on", plan->nudges_on);
  add_spans (builder, plan, "return-nudges");
  add_string (builder, "watch_metric", "return-rate");
  add_string (builder, "planted_effect", "every order's return probability is multiplied by 0.7");
  add_double (builder, "return_probability_factor", NUDGE_RETURN_FACTOR);
  add_double (builder, "return_rate_lift_relative", NUDGE_RETURN_FACTOR - 1.0);
  add_verdict (builder, tier, "keep");
  add_observed (builder, stats, plan, plan->nudges_on);
  json_builder_end_object (builder);

  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "offtest");
  json_builder_begin_object (builder);
  add_string (builder, "feature", "homepage-recs");
  add_day (builder, "from", plan->offtest_from);
  add_day (builder, "to", plan->offtest_to);
  add_int (builder, "days", OFFTEST_DAYS);
  add_double (builder, "revenue_change", 0.0);
  add_string (builder, "expected_verdict", "keep-off");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "returns");
  json_builder_begin_object (builder);
  add_double (builder, "probability_apparel", RETURN_P_APPAREL);
  add_double (builder, "probability_accessories_only", RETURN_P_ACCESSORIES);
  add_double (builder, "probability_bracketed", RETURN_P_BRACKETED);
  add_double (builder, "bracketing_share_of_apparel_orders", BRACKETING_SHARE);
  add_int (builder, "bracketed_orders_before_nudges", stats->bracketed);
  add_double (builder, "bracketed_returned_share",
              round_to ((double) stats->bracketed_returned / MAX (1, stats->bracketed), 0.0001));
  add_double (builder, "other_apparel_returned_share",
              round_to ((double) stats->others_returned / MAX (1, stats->others), 0.0001));
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Writing -------------------------------------------------------------------- */

typedef void (*DemoProgressFunc) (double fraction, gpointer user_data);

static gboolean
demo_write (const LcDemoOptions  *options,
            const char           *csv_path,
            const char           *truth_path,
            DemoProgressFunc      progress,
            gpointer              progress_data,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *buffer = NULL;
  g_autofree DemoDayStats *days = NULL;
  g_autoptr(GArray) orders = NULL;
  DemoPlan plan;
  DemoStats stats = { 0, };
  DemoOut out = { 0, };
  DemoDetail detail;
  gboolean ok = FALSE;
  guint32 customers = 0;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (csv_path != NULL, FALSE);

  if (!demo_plan_init (&plan, options, error))
    return FALSE;

  orders = demo_schedule (&plan, &customers, cancellable, error);
  if (orders == NULL)
    goto out;

  /* Written beside the target and renamed over it, so a failed or
   * cancelled run never leaves half a file under the real name. */
  tmp_path = g_strconcat (csv_path, ".XXXXXX", NULL);
  out.fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (out.fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (csv_path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), display, g_strerror (saved_errno));
      g_clear_pointer (&tmp_path, g_free);
      goto out;
    }
  buffer = g_malloc (OUT_BUFFER_SIZE);
  out.buffer = buffer;
  days = g_new0 (DemoDayStats, plan.n_days);
  stats.days = days;
  stats.customers = customers;

  memcpy (out_reserve (&out, sizeof shopify_header - 1), shopify_header, sizeof shopify_header - 1);
  out.len += sizeof shopify_header - 1;

  /* Newest first, as Shopify exports. */
  for (guint i = orders->len; i-- > 0;)
    {
      demo_build_order (&plan, &g_array_index (orders, DemoOrder, i), i, &detail);
      demo_stats_add (&stats, &plan, &detail);
      demo_emit_order (&out, &plan, &detail);

      if ((i & 1023) == 0)
        {
          if (out.saved_errno != 0 || g_cancellable_is_cancelled (cancellable))
            break;
          if (progress != NULL)
            progress ((double) (orders->len - i) / orders->len, progress_data);
        }
    }

  if (out.saved_errno == 0 && !g_cancellable_is_cancelled (cancellable))
    out_flush (&out);
  if (g_close (out.fd, NULL) == FALSE && out.saved_errno == 0)
    out.saved_errno = errno;

  if (out.saved_errno != 0)
    {
      g_autofree char *display = g_filename_display_name (csv_path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (out.saved_errno),
                   _("Could not write %s: %s"), display, g_strerror (out.saved_errno));
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (truth_path != NULL)
    {
      g_autoptr(JsonNode) root = demo_build_truth (&plan, &stats);
      g_autofree char *text = lc_json_to_string (root, TRUE);

      if (!g_file_set_contents (truth_path, text, -1, error))
        goto out;
    }

  if (g_rename (tmp_path, csv_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (csv_path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), display, g_strerror (saved_errno));
      goto out;
    }
  g_clear_pointer (&tmp_path, g_free);
  ok = TRUE;

out:
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  demo_plan_clear (&plan);
  return ok;
}

void
lc_demo_options_init (LcDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->seed = 1;
  options->orders_per_day = 120;
  options->years = 2;
  options->end_day = lc_day_from_ymd (2026, 10, 31);
}

gboolean
lc_demo_write_csv (const LcDemoOptions  *options,
                   const char           *csv_path,
                   const char           *truth_path,
                   GCancellable         *cancellable,
                   GError              **error)
{
  return demo_write (options, csv_path, truth_path, NULL, NULL, cancellable, error);
}

/* Writing the CSV is quick next to importing it. */
#define WRITE_SHARE 0.15

typedef struct
{
  LcImportProgressFunc func;
  gpointer             data;
} DemoProgress;

static void
demo_write_progress (double   fraction,
                     gpointer user_data)
{
  DemoProgress *progress = user_data;

  progress->func (fraction * WRITE_SHARE, progress->data);
}

static void
demo_import_progress (double   fraction,
                      gpointer user_data)
{
  DemoProgress *progress = user_data;

  progress->func (WRITE_SHARE + fraction * (1.0 - WRITE_SHARE), progress->data);
}

static gboolean
demo_has_span (GPtrArray  *spans,
               const char *feature,
               LcDay       on_day)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const LcFeatureSpan *span = g_ptr_array_index (spans, i);

      if (span->on_day == on_day && g_str_equal (span->feature, feature))
        return TRUE;
    }
  return FALSE;
}

/* The catalogue as a Shopify products export, so the store knows each
 * product's type, as a real one does once its products export is
 * imported. One row per variant; the title, vendor and type only on a
 * product's first row, as Shopify writes them. */
static const char * const category_types[] = {
  [CAT_TOP] = "Tops", [CAT_DRESS] = "Dresses", [CAT_PANTS] = "Pants", [CAT_JACKET] = "Jackets",
  [CAT_BELT] = "Belts", [CAT_SCARF] = "Scarves", [CAT_SOCKS] = "Socks", [CAT_BAG] = "Bags",
  [CAT_HAT] = "Hats", [CAT_CARE] = "Garment Care",
};

static char *
demo_products_csv (void)
{
  GString *out = g_string_new ("Handle,Title,Vendor,Type,Tags,Option1 Name,Option1 Value,Option2 Name,Option2 Value,"
                               "Variant SKU,Variant Price,Variant Compare At Price,Status\n");

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      const DemoProduct *product = &catalogue[i];
      g_autofree char *handle = g_ascii_strdown (product->title, -1);
      guint first_size = product->sizes == SIZES_APPAREL ? 0 : 1;
      guint last_size = product->sizes == SIZES_APPAREL ? 4 : product->sizes == SIZES_SML ? 3 : 0;
      guint n_colours = product->colours != NULL ? (strlen (product->colours) + 1) / 4 : 1;
      gboolean first_row = TRUE;

      g_strdelimit (handle, " &", '-');
      for (guint c = 0; c < n_colours; c++)
        for (guint size = first_size; size <= MAX (first_size, last_size); size++)
          {
            guint8 colour = product->colours != NULL ? colour_index (product->colours + 4 * c) : NO_COLOUR;
            gboolean sized = product->sizes != SIZES_NONE;

            g_string_append_printf (out, "%s,", handle);
            if (first_row)
              g_string_append_printf (out, "%s,%s,%s,%s,", product->title, product->vendor,
                                      category_types[product->category],
                                      product->category <= CAT_JACKET ? "apparel" : "accessories");
            else
              g_string_append (out, ",,,,");
            g_string_append_printf (out, "%s,%s,%s,%s,",
                                    colour != NO_COLOUR ? "Colour" : (sized ? "Size" : "Title"),
                                    colour != NO_COLOUR ? colours[colour].name : (sized ? size_names[size] : "Default Title"),
                                    colour != NO_COLOUR && sized ? "Size" : "",
                                    colour != NO_COLOUR && sized ? size_names[size] : "");
            g_string_append_printf (out, "%s-%03u", product->code, product->number);
            if (colour != NO_COLOUR)
              g_string_append_printf (out, "-%s", colours[colour].code);
            if (sized)
              g_string_append_printf (out, "-%s", size_names[size]);
            g_string_append_printf (out, ",%d.%02d,", product->price / 100, product->price % 100);
            if (product->compare_at > 0)
              g_string_append_printf (out, "%d.%02d", product->compare_at / 100, product->compare_at % 100);
            g_string_append (out, ",active\n");
            first_row = FALSE;
          }
    }
  return g_string_free (out, FALSE);
}

static gboolean
demo_fill_store (const LcDemoOptions  *options,
                 const char           *store_path,
                 const char           *csv_path,
                 DemoProgress         *progress,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autofree char *products_dir = NULL;
  g_autofree char *products_path = NULL;
  g_autofree char *products = demo_products_csv ();
  const char *paths[3];
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcImportResult) result = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *end_day = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  DemoSpan timeline[N_SPANS];
  DemoPlan plan;

  if (!demo_plan_init (&plan, options, error))
    return FALSE;
  demo_plan_spans (&plan, timeline);
  demo_plan_clear (&plan);

  store = lc_store_open (store_path, LC_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;

  products_dir = g_dir_make_tmp ("liftcheck-demo-XXXXXX", error);
  if (products_dir == NULL)
    return FALSE;
  products_path = g_build_filename (products_dir, "products_export_1.csv", NULL);
  if (!g_file_set_contents (products_path, products, -1, error))
    {
      g_rmdir (products_dir);
      return FALSE;
    }
  paths[0] = csv_path;
  paths[1] = products_path;
  paths[2] = NULL;
  result = lc_store_import_files (store, paths,
                                  progress->func != NULL ? demo_import_progress : NULL, progress,
                                  cancellable, error);
  g_unlink (products_path);
  g_rmdir (products_dir);
  if (result == NULL)
    return FALSE;

  /* Filling a store that already holds the demo keeps one timeline. */
  spans = lc_store_list_feature_spans (store, error);
  if (spans == NULL)
    return FALSE;
  for (guint i = 0; i < N_SPANS; i++)
    {
      if (demo_has_span (spans, timeline[i].feature, timeline[i].on_day))
        continue;
      if (!lc_store_add_feature_span (store, timeline[i].feature, timeline[i].on_day, timeline[i].off_day,
                                      timeline[i].monthly_cost, error))
        return FALSE;
    }

  seed = g_strdup_printf ("%u", options->seed);
  end_day = lc_day_format (options->end_day);
  return lc_store_set_setting (store, "demo_seed", seed, error)
         && lc_store_set_setting (store, "demo_orders_per_day",
                                  g_ascii_dtostr (number, sizeof number, options->orders_per_day), error)
         && lc_store_set_setting (store, "demo_years",
                                  g_ascii_dtostr (number, sizeof number, options->years), error)
         && lc_store_set_setting (store, "demo_end_day", end_day, error)
         /* The owner's answer to the wizard: this is a clothing store. */
         && lc_store_set_setting (store, "answer.vertical", "apparel", error);
}

gboolean
lc_demo_create_store (const LcDemoOptions  *options,
                      const char           *store_path,
                      const char           *csv_path,
                      const char           *truth_path,
                      LcImportProgressFunc  progress,
                      gpointer              progress_data,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autofree char *tmp_dir = NULL;
  g_autofree char *tmp_csv = NULL;
  DemoProgress scaled = { progress, progress_data };
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (store_path != NULL, FALSE);

  if (csv_path == NULL)
    {
      /* Named like a real export so the import log reads naturally. */
      tmp_dir = g_dir_make_tmp ("liftcheck-demo-XXXXXX", error);
      if (tmp_dir == NULL)
        return FALSE;
      tmp_csv = g_build_filename (tmp_dir, "orders_export_1.csv", NULL);
      csv_path = tmp_csv;
    }

  ok = demo_write (options, csv_path, truth_path,
                   progress != NULL ? demo_write_progress : NULL, &scaled,
                   cancellable, error)
       && demo_fill_store (options, store_path, csv_path, &scaled, cancellable, error);

  if (tmp_csv != NULL)
    {
      g_unlink (tmp_csv);
      g_rmdir (tmp_dir);
    }
  if (ok && progress != NULL)
    progress (1.0, progress_data);
  return ok;
}
