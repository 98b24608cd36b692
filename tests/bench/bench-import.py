#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import and analysis of a large Shopify orders export: Liftcheck against
the tools an analyst would reach for (DuckDB, pandas, the sqlite3 shell),
each computing the same weekly AOV, units per transaction and refund rate.

Run by hand, never by `meson test`:

    tests/bench/bench-import.py --cli BUILDDIR/src/cli/liftcheck-cli [--install-tools]

The export is made once with `liftcheck-cli demo --csv` (570 orders a day
over three years: about a million line items, 491 MB) in the work folder.
After a warm-up run of each, the tools run in turn, RUNS times each, and the
table gives each one's median wall time, its peak memory (largest resident
set of the process and its children, from /usr/bin/time) and its time as a
multiple of Liftcheck's. See README.md beside this file.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

COLUMNS = ["Name", "Financial Status", "Cancelled at", "Created at", "Subtotal", "Total",
           "Refunded Amount", "Lineitem quantity", "Lineitem name", "Lineitem sku"]

# PLAYBOOK.md's definitions: counted orders are the rows carrying the
# order-level columns, not voided, not cancelled; units leave out tips;
# weeks start on Monday; days are the export's own local days.
DUCKDB_JS = r"""
const { DuckDBInstance } = require('@duckdb/node-api');
const file = process.argv[2].replace(/'/g, "''");
const sql = `
WITH t AS (
  SELECT "Name" AS name, "Financial Status" AS status, "Cancelled at" AS cancelled,
         "Created at" AS created, "Subtotal" AS subtotal, "Total" AS total,
         "Refunded Amount" AS refunded, "Lineitem quantity" AS qty,
         "Lineitem name" AS item, "Lineitem sku" AS sku
  FROM read_csv('${file}', header = true, all_varchar = true)),
o AS (
  SELECT name, CAST(substr(created, 1, 10) AS DATE) AS day,
         CAST(subtotal AS DECIMAL(18, 2)) AS subtotal, CAST(total AS DECIMAL(18, 2)) AS total,
         CAST(coalesce(refunded, '0') AS DECIMAL(18, 2)) AS refunded
  FROM t WHERE status IS NOT NULL AND status <> 'voided' AND cancelled IS NULL),
u AS (
  SELECT name, SUM(CAST(qty AS INTEGER)) FILTER (WHERE NOT (item = 'Tip' AND sku IS NULL)) AS units
  FROM t GROUP BY name)
SELECT date_trunc('week', day) AS week, SUM(subtotal) / COUNT(*) AS aov,
       SUM(units) / COUNT(*) AS upt, SUM(refunded) / SUM(total) AS refund_rate
FROM o JOIN u USING (name) GROUP BY week ORDER BY week`;
(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  console.log(`${reader.getRows().length} weeks`);
})();
"""

PANDAS_PY = r"""
import sys
import pandas as pd

cols = %r
df = pd.read_csv(sys.argv[1], usecols=cols, dtype=str, keep_default_na=False)
first = df[df["Financial Status"] != ""]
o = first[(first["Financial Status"] != "voided") & (first["Cancelled at"] == "")].copy()
lines = df[~((df["Lineitem name"] == "Tip") & (df["Lineitem sku"] == ""))]
units = pd.to_numeric(lines["Lineitem quantity"]).groupby(lines["Name"]).sum()
o["day"] = pd.to_datetime(o["Created at"].str[:10])
o["week"] = o["day"] - pd.to_timedelta(o["day"].dt.weekday, unit="D")
o["subtotal"] = pd.to_numeric(o["Subtotal"])
o["total"] = pd.to_numeric(o["Total"])
o["refunded"] = pd.to_numeric(o["Refunded Amount"].replace("", "0"))
o["units"] = o["Name"].map(units).fillna(0)
g = o.groupby("week").agg(orders=("Name", "size"), subtotal=("subtotal", "sum"),
                          units=("units", "sum"), total=("total", "sum"), refunded=("refunded", "sum"))
g["aov"] = g["subtotal"] / g["orders"]
g["upt"] = g["units"] / g["orders"]
g["refund_rate"] = g["refunded"] / g["total"]
print(len(g), "weeks")
""" % (COLUMNS,)

SQLITE_SQL = r"""
.mode csv
.import '%s' t
WITH o AS (
  SELECT "Name" AS name, substr("Created at", 1, 10) AS day, CAST("Subtotal" AS REAL) AS subtotal,
         CAST("Total" AS REAL) AS total, CAST(COALESCE(NULLIF("Refunded Amount", ''), '0') AS REAL) AS refunded
  FROM t WHERE "Financial Status" NOT IN ('', 'voided') AND "Cancelled at" = ''),
u AS (
  SELECT "Name" AS name, SUM(CAST("Lineitem quantity" AS INTEGER)) AS units
  FROM t WHERE NOT ("Lineitem name" = 'Tip' AND "Lineitem sku" = '') GROUP BY "Name")
SELECT COUNT(*) || ' weeks' FROM (
  SELECT date(day, '-' || ((strftime('%%w', day) + 6) %% 7) || ' days') AS week,
         SUM(subtotal) / COUNT(*), SUM(units) * 1.0 / COUNT(*), SUM(refunded) / SUM(total)
  FROM o JOIN u USING (name) GROUP BY week);
"""

SYSTEM_PYTHON = "/usr/bin/python3"


def run_timed(argv, env=None):
    """Runs argv under /usr/bin/time; returns (wall seconds, peak RSS MB,
    processor seconds: user and system, children included)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        result = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", report.name] + argv,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        if result.returncode != 0:
            sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(argv), result.stderr))
        wall, rss_kb, user, system = report.read().split()[-4:]
        return float(wall), int(rss_kb) / 1024, float(user) + float(system)


def install_tools(cache):
    os.makedirs(cache, exist_ok=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", os.path.join(cache, "node"),
                    "@duckdb/node-api"], check=True)
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-pandas", "sqlite3"], check=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", default=os.path.join(here, "..", "..", "_build", "src", "cli", "liftcheck-cli"),
                        help="the liftcheck-cli to measure")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "liftcheck-bench"),
                        help="where the export and the stores go (kept between runs)")
    parser.add_argument("--cache", default=os.path.join(os.path.expanduser("~"), ".cache", "liftcheck-bench"),
                        help="where --install-tools puts the npm packages")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--orders-per-day", default="570")
    parser.add_argument("--years", default="3")
    parser.add_argument("--install-tools", action="store_true",
                        help="install @duckdb/node-api (npm, into --cache), python3-pandas and sqlite3 (apt)")
    args = parser.parse_args()

    cli = os.path.abspath(args.cli)
    if not os.access(cli, os.X_OK):
        sys.exit("no liftcheck-cli at %s; give --cli BUILDDIR/src/cli/liftcheck-cli" % cli)
    if args.install_tools:
        install_tools(args.cache)
    os.makedirs(args.workdir, exist_ok=True)
    csv = os.path.join(args.workdir, "orders-%sx%s.csv" % (args.orders_per_day, args.years))
    if not os.path.exists(csv):
        print("making %s ..." % csv, flush=True)
        demo = os.path.join(args.workdir, "demo.liftcheck")
        subprocess.run([cli, "demo", demo, "--orders-per-day", args.orders_per_day, "--years", args.years,
                        "--csv", csv], check=True, stdout=subprocess.DEVNULL)
    with open(csv, "rb") as f:
        rows = sum(1 for _ in f) - 1
    print("%s: %.0f MB, %d lines" % (csv, os.path.getsize(csv) / 1e6, rows), flush=True)

    store = os.path.join(args.workdir, "bench.liftcheck")
    liftcheck_script = os.path.join(args.workdir, "liftcheck.sh")
    with open(liftcheck_script, "w") as f:
        f.write('set -e\nrm -f "$2" "$2-wal" "$2-shm"\n"$1" import -q "$2" "$3"\n"$1" summary "$2" --json\n'
                'for m in aov upt return-rate; do "$1" series "$2" $m --by week --json; done\n')
    tools = [("Liftcheck (import + summary + weekly series)", ["sh", liftcheck_script, cli, store, csv], None)]

    node_modules = os.path.join(args.cache, "node", "node_modules")
    if shutil.which("node") and os.path.isdir(os.path.join(node_modules, "@duckdb", "node-api")):
        script = os.path.join(args.workdir, "duckdb-weekly.js")
        with open(script, "w") as f:
            f.write(DUCKDB_JS)
        env = dict(os.environ, NODE_PATH=node_modules)
        tools.append(("DuckDB (node, in memory)", ["node", script, csv], env))
    else:
        print("skipping DuckDB: no node or no @duckdb/node-api in %s (use --install-tools)" % node_modules)
    if subprocess.run([SYSTEM_PYTHON, "-c", "import pandas"], stderr=subprocess.DEVNULL).returncode == 0:
        script = os.path.join(args.workdir, "pandas-weekly.py")
        with open(script, "w") as f:
            f.write(PANDAS_PY)
        tools.append(("pandas", [SYSTEM_PYTHON, script, csv], None))
    else:
        print("skipping pandas: %s cannot import it (use --install-tools)" % SYSTEM_PYTHON)
    if shutil.which("sqlite3"):
        script = os.path.join(args.workdir, "sqlite3-weekly.sql")
        db = os.path.join(args.workdir, "sqlite3-bench.db")
        with open(script, "w") as f:
            f.write(SQLITE_SQL % csv.replace("'", "''"))
        tools.append(("sqlite3 shell (.import + SQL)",
                      ["sh", "-c", 'rm -f "$1" && sqlite3 "$1" < "$2"', "sh", db, script], None))
    else:
        print("skipping sqlite3: not installed (use --install-tools)")

    results = {name: [] for name, _, _ in tools}
    later = {"Liftcheck re-import": [], "summary": [], "weekly series (3)": [], "recommend": []}
    print("load average before: %s" % open("/proc/loadavg").read().split()[:3], flush=True)
    for round_ in range(args.runs + 1):
        for name, argv, env in tools:
            wall, rss, cpu = run_timed(argv, env)
            print("%s %-46s %7.2f s %7.1f MB %7.2f s CPU" % ("warm-up" if round_ == 0 else "run %d  " % round_,
                                                             name, wall, rss, cpu), flush=True)
            if round_ > 0:
                results[name].append((wall, rss, cpu))
        if round_ == 0:
            continue
        # On the store the run just made: importing the file again, then
        # what opening the store shows.
        later["Liftcheck re-import"].append(run_timed([cli, "import", "-q", store, csv]))
        later["summary"].append(run_timed([cli, "summary", store, "--json"]))
        later["weekly series (3)"].append(run_timed(["sh", "-c", 'for m in aov upt return-rate; do '
                                                     '"$1" series "$2" $m --by week --json; done',
                                                     "sh", cli, store]))
        later["recommend"].append(run_timed([cli, "recommend", store, "--json"]))
    print("load average after: %s" % open("/proc/loadavg").read().split()[:3])

    # Processor time is the steadier figure on a machine that other work
    # shares; wall time is what the user waits.
    base = statistics.median(w for w, _, _ in results[tools[0][0]])
    base_cpu = statistics.median(c for _, _, c in results[tools[0][0]])
    print()
    print("| %-46s | %11s | %11s | %11s | %11s | %11s |" % (
        "tool", "median wall", "peak memory", "wall / LC", "median CPU", "CPU / LC"))
    print("|%s|%s|%s|%s|%s|%s|" % ("-" * 48, "-" * 13, "-" * 13, "-" * 13, "-" * 13, "-" * 13))
    for name, _, _ in tools:
        wall = statistics.median(w for w, _, _ in results[name])
        rss = max(r for _, r, _ in results[name])
        cpu = statistics.median(c for _, _, c in results[name])
        print("| %-46s | %9.2f s | %8.0f MB | %11.2f | %9.2f s | %11.2f |" % (
            name, wall, rss, wall / base, cpu, cpu / base_cpu))
    print()
    print("| %-46s | %11s | %11s | %11s |" % ("Liftcheck, on the store just made", "median wall", "peak memory",
                                              "median CPU"))
    print("|%s|%s|%s|%s|" % ("-" * 48, "-" * 13, "-" * 13, "-" * 13))
    for name, values in later.items():
        wall = statistics.median(w for w, _, _ in values)
        rss = max(r for _, r, _ in values)
        cpu = statistics.median(c for _, _, c in values)
        print("| %-46s | %9.3f s | %8.0f MB | %9.3f s |" % (name, wall, rss, cpu))


if __name__ == "__main__":
    main()
