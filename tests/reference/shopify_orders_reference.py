#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference figures for the Shopify "Export orders" files in ../shared/data.

An independent second implementation of PLAYBOOK.md's "Metric definitions",
written straight from the CSV with the standard library only (csv, json,
decimal). It shares no code with Liftcheck, so when tests/test-shared-data.c
finds that liftcheck-cli disagrees with it, one of the two has a bug and the
CSV rows involved decide which.

Per export file it computes:

  counted order  the row carrying the order-level columns (the first row of an
                 order: Financial Status, Currency or Total non-empty), not
                 cancelled ("Cancelled at" empty) and Financial Status not
                 "voided"
  orders         number of counted orders
  aov            sum of Subtotal / orders
  units          sum of "Lineitem quantity" over all rows of counted orders,
                 leaving out tip lines (Lineitem name exactly "Tip" and an
                 empty Lineitem sku)
  upt            units / orders
  refunded       sum of "Refunded Amount" over counted orders
  return_rate    sum of "Refunded Amount" / sum of Total, counted orders
  revenue_12m    sum of (Total - "Refunded Amount") over counted orders whose
                 local day (the date part of "Created at", as written, in the
                 export's own offset) is within the 365 days ending on last_day
  first_day,     earliest and latest local day of any order in the file,
  last_day       counted or not
  currency       the orders' Currency

Money is summed as Decimal and rounded to the currency's minor unit (every
file here uses a 2-decimal currency); upt and return_rate are rounded to 6
decimals.

An abandoned-checkouts export looks like an orders export; it is recognised
(the first order-level row's Name is "#" + its Id and its Financial Status is
empty) and written as {"refused": true}: Liftcheck must refuse to import it.

The expected values file was produced, from the top of the repository, with:

  python3 tests/reference/shopify_orders_reference.py \\
      ../shared/data/shopify/orders/*.csv > tests/data/shared-orders-expected.json

The output holds only aggregate numbers per file name, no customer data. The
CSV files themselves must never be copied into the repository.
"""

import csv
import datetime
import json
import os
import sys
from decimal import Decimal, ROUND_HALF_UP

MONEY_EXPONENT = 2  # USD GBP EUR CAD BDT: all have 2-decimal minor units
RATIO_PLACES = 6


def is_order_row(row):
    """The first row of an order carries the order-level columns."""
    return bool(row["Financial Status"] or row["Currency"] or row["Total"])


def money(text):
    return Decimal(text) if text.strip() else Decimal(0)


def local_day(created_at):
    """'2025-12-07 19:08:24 +0000' -> date(2025, 12, 7), offset as written."""
    return datetime.date.fromisoformat(created_at.strip()[:10])


def read_orders(path):
    """Groups the rows into orders: a list of (order row, [all its rows])."""
    orders = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if is_order_row(row):
                orders.append((row, [row]))
            else:
                if not orders or row["Name"] != orders[-1][0]["Name"]:
                    sys.exit(f"{path}: a line-item row of {row['Name']} "
                             "does not follow its order's first row")
                orders[-1][1].append(row)
    return orders


def is_abandoned_checkouts(orders):
    first = orders[0][0]
    return first["Name"] == "#" + first["Id"] and first["Financial Status"] == ""


def is_counted(order_row):
    return (order_row["Cancelled at"].strip() == ""
            and order_row["Financial Status"].strip() != "voided")


def is_tip(row):
    return row["Lineitem name"] == "Tip" and row["Lineitem sku"] == ""


def round_money(value):
    return float(value.quantize(Decimal(1).scaleb(-MONEY_EXPONENT), ROUND_HALF_UP))


def round_ratio(value):
    return float(value.quantize(Decimal(1).scaleb(-RATIO_PLACES), ROUND_HALF_UP))


def figures(path):
    orders = read_orders(path)
    if is_abandoned_checkouts(orders):
        return {"refused": True}

    days = [local_day(order["Created at"]) for order, _ in orders]
    first_day, last_day = min(days), max(days)
    window_start = last_day - datetime.timedelta(days=364)

    currencies = set()
    count = 0
    units = 0
    subtotal = Decimal(0)
    total = Decimal(0)
    refunded = Decimal(0)
    revenue_12m = Decimal(0)

    for order, rows in orders:
        if not is_counted(order):
            continue
        count += 1
        currencies.add(order["Currency"])
        subtotal += money(order["Subtotal"])
        total += money(order["Total"])
        refunded += money(order["Refunded Amount"])
        if window_start <= local_day(order["Created at"]) <= last_day:
            revenue_12m += money(order["Total"]) - money(order["Refunded Amount"])
        for row in rows:
            if not is_tip(row):
                units += int(row["Lineitem quantity"])

    if len(currencies) != 1:
        sys.exit(f"{path}: expected one currency, found {sorted(currencies)}")

    return {
        "orders": count,
        "units": units,
        "aov": round_money(subtotal / count),
        "upt": round_ratio(Decimal(units) / count),
        "refunded": round_money(refunded),
        "return_rate": round_ratio(refunded / total) if total else 0.0,
        "revenue_12m": round_money(revenue_12m),
        "currency": currencies.pop(),
        "first_day": first_day.isoformat(),
        "last_day": last_day.isoformat(),
    }


def main(paths):
    if not paths:
        sys.exit("usage: shopify_orders_reference.py ORDERS_EXPORT.csv... > expected.json")
    result = {os.path.basename(path): figures(path) for path in sorted(paths)}
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
