#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference figures for the public (non-Shopify) files in ../shared/data/public.

An independent second implementation, from the CSV with the standard library
only (csv, json, decimal, datetime), of what Liftcheck must make of each file.
It shares no code with Liftcheck; tests/test-import-mapped.c imports the same
files with liftcheck-cli and checks its store against these numbers.

Transaction lists (UCI Online Retail: InvoiceNo, StockCode, Description,
Quantity, InvoiceDate, UnitPrice, CustomerID, Country):

  rows          records whose field count is the header's; others (a lost
                separator) are left out, and counted in "left_out"
  sale row      InvoiceNo not starting with "C" and Quantity > 0; rows with
                Quantity <= 0 that are not cancellations are stock
                adjustments, left out ("adjustments")
  cancellation  InvoiceNo starting with "C": it returns |Quantity| units. It
                is a refund of the latest earlier sale row (earlier in the
                file, dated no later) with the same CustomerID and StockCode;
                without one, its rows make an order of their own whose whole
                value is refunded ("unmatched")
  orders        distinct sale invoices + distinct invoices of unmatched
                cancellation rows
  units         sum of sale rows' Quantity + unmatched rows' |Quantity|
  line_items    sale rows + unmatched cancellation rows
  refunds       matched (cancellation invoice, sale invoice) pairs + orders of
                unmatched cancellations
  refund_units  sum of |Quantity| over all cancellation rows
  refunded      sum of |Quantity| * UnitPrice over all cancellation rows
  total         sum of Quantity * UnitPrice over sale rows and unmatched
                cancellation rows (|Quantity|)
  first_day,    from InvoiceDate, read month/day/year (the file's only
  last_day      reading: see test-import-mapped.c for the column decision)

Catalogues hold no orders but give products their categories:

  Olist products (product_id, product_category_name): "kind"
                "olist-products"; "products" rows (each its own product: ids
                are distinct), "categories" distinct non-blank category names,
                "typed" rows with a category, "top_category" the most common
                category, underscores shown as spaces, with its count
  Instacart aisles (aisle_id, aisle) and departments (department_id,
                department): "kind" "instacart-aisles" or
                "instacart-departments"; "categories" entries

Halves of orders are kept until their other half comes; alone, they add no
order to order value or items per order ("orders" 0):

  Olist orders (order_id, customer_id, order_status,
                order_purchase_timestamp: headers without items): "kind"
                "olist-orders"; "orders_read" distinct order ids,
                "cancelled" those whose status is canceled or unavailable,
                "units_read" 0, "pending" every order read; "first_day" and
                "last_day" of order_purchase_timestamp, read month/day/year
  Instacart order products (order_id, product_id, add_to_cart_order: lines
                without dates or prices): "kind" "instacart-order-products";
                "orders_read" distinct order ids, "units_read" rows (one
                unit each), "cancelled" 0, "pending" every order read

Any other file is refused: {"refused": "unknown-kind"}.

The expected values file was produced, from the top of the repository, with:

  /usr/bin/python3 tests/reference/mapped_reference.py ../shared/data/public \
      > tests/data/mapped-expected.json
"""

import csv
import datetime
import json
import os
import sys
from decimal import Decimal

TRANSACTION_COLUMNS = {"InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice"}


def mdy(text):
    day = text.strip().split(" ")[0]
    month, mday, year = (int(part) for part in day.split("/"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    return datetime.date(year, month, mday)


def transactions(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        rows = []
        left_out = 0
        for record in reader:
            if len(record) != len(header):
                left_out += 1
                continue
            rows.append(record)

    def get(row, name):
        return row[col[name]].strip()

    sales = []          # (index, invoice, customer, stock, date)
    sale_invoices = set()
    adjustments = 0
    units = 0
    lines = 0
    total = Decimal(0)
    for i, row in enumerate(rows):
        invoice = get(row, "InvoiceNo")
        quantity = int(get(row, "Quantity"))
        if invoice.startswith("C"):
            continue
        if quantity <= 0:
            adjustments += 1
            continue
        sales.append((i, invoice, get(row, "CustomerID"), get(row, "StockCode"), mdy(get(row, "InvoiceDate"))))
        sale_invoices.add(invoice)
        units += quantity
        lines += 1
        total += quantity * Decimal(get(row, "UnitPrice"))

    matched_pairs = set()
    unmatched_invoices = set()
    refund_units = 0
    refunded = Decimal(0)
    for i, row in enumerate(rows):
        invoice = get(row, "InvoiceNo")
        if not invoice.startswith("C"):
            continue
        quantity = abs(int(get(row, "Quantity")))
        value = quantity * Decimal(get(row, "UnitPrice"))
        refund_units += quantity
        refunded += value
        customer = get(row, "CustomerID")
        day = mdy(get(row, "InvoiceDate"))
        original = None
        if customer:
            for j, sale_invoice, sale_customer, stock, sale_day in sales:
                if j < i and sale_customer == customer and stock == get(row, "StockCode") and sale_day <= day:
                    original = sale_invoice
        if original is not None:
            matched_pairs.add((invoice, original))
        else:
            unmatched_invoices.add(invoice)
            units += quantity
            lines += 1
            total += value

    days = [mdy(get(row, "InvoiceDate")) for row in rows]
    cents = Decimal("0.01")
    return {
        "rows": len(rows),
        "left_out": left_out,
        "adjustments": adjustments,
        "orders": len(sale_invoices) + len(unmatched_invoices),
        "units": units,
        "line_items": lines,
        "refunds": len(matched_pairs) + len(unmatched_invoices),
        "unmatched": len(unmatched_invoices),
        "refund_units": refund_units,
        "refunded": float(refunded.quantize(cents)),
        "total": float(total.quantize(cents)),
        "first_day": min(days).isoformat(),
        "last_day": max(days).isoformat(),
    }


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader)


def olist_products(path):
    rows = read_rows(path)
    counts = {}
    for row in rows:
        category = row["product_category_name"].strip().replace("_", " ")
        if category:
            counts[category] = counts.get(category, 0) + 1
    top = max(sorted(counts), key=lambda name: counts[name])
    return {
        "kind": "olist-products",
        "products": len(rows),
        "categories": len(counts),
        "typed": sum(counts.values()),
        "top_category": [top, counts[top]],
    }


def lookup_list(path, kind):
    return {"kind": kind, "categories": len(read_rows(path))}


def olist_orders(path):
    rows = read_rows(path)
    ids = {row["order_id"].strip() for row in rows}
    cancelled = {row["order_id"].strip() for row in rows
                 if row["order_status"].strip().lower() in ("canceled", "cancelled", "unavailable")}
    days = [mdy(row["order_purchase_timestamp"]) for row in rows]
    return {
        "kind": "olist-orders",
        "orders": 0,
        "orders_read": len(ids),
        "cancelled": len(cancelled),
        "units_read": 0,
        "pending": len(ids),
        "first_day": min(days).isoformat(),
        "last_day": max(days).isoformat(),
    }


def instacart_order_products(path):
    rows = read_rows(path)
    ids = {row["order_id"].strip() for row in rows}
    return {
        "kind": "instacart-order-products",
        "orders": 0,
        "orders_read": len(ids),
        "cancelled": 0,
        "units_read": len(rows),
        "pending": len(ids),
    }


def describe(path):
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    if TRANSACTION_COLUMNS <= set(header):
        return transactions(path)
    if {"product_id", "product_category_name"} <= set(header):
        return olist_products(path)
    if header == ["aisle_id", "aisle"]:
        return lookup_list(path, "instacart-aisles")
    if header == ["department_id", "department"]:
        return lookup_list(path, "instacart-departments")
    if {"order_id", "customer_id", "order_status", "order_purchase_timestamp"} <= set(header):
        return olist_orders(path)
    if {"order_id", "product_id", "add_to_cart_order"} <= set(header):
        return instacart_order_products(path)
    return {"refused": "unknown-kind"}


def main():
    folder = sys.argv[1]
    result = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".csv"):
            result[name] = describe(os.path.join(folder, name))
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
