#!/bin/bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a
# bounded time.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 30; CI uses 30, a long run by hand 3600);
# TARGET names as in tests/fuzz/meson.build (default: all). Runs
# LC_FUZZ_JOBS targets at once (default: the number of CPUs), in the build
# folder LC_FUZZ_BUILDDIR (default _build-fuzz). The corpus grows in that
# folder, seeded from tests/fuzz/corpus/TARGET; crash inputs land in
# BUILDDIR/fuzz-artifacts/TARGET/. Copy each one into
# tests/fuzz/regressions/TARGET/ with a name that says what it broke: the
# fuzz-replay-TARGET test then runs it in every build.
#
# Writes BUILDDIR/fuzz-results.txt, one line per target:
#   TARGET ok|failed SECONDS RUNS
# and exits 1 when any target failed.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-30}
shift || true
builddir=${LC_FUZZ_BUILDDIR:-_build-fuzz}
jobs=${LC_FUZZ_JOBS:-$(nproc)}
all_targets="csv money date import-any import-shopify-orders import-shopify-sessions
  import-shopify-sales import-klaviyo import-shopify-products import-woocommerce-analytics
  import-woocommerce-orders import-bigcommerce import-transactions import-mapped date-column shopify-response
  shopify-bulk"
targets=${*:-$all_targets}

# Warnings are the gcc build's gate; clang warns about other things.
if [ ! -d "$builddir" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dapp=false -Dwerror=false -Db_lundef=false
fi
# shellcheck disable=SC2086
ninja -C "$builddir" $(for t in $targets; do echo "tests/fuzz/fuzz-$t"; done)

results="$builddir/fuzz-results.txt"
: > "$results"

run_target () {
  local target=$1
  local corpus="$builddir/fuzz-corpus/$target"
  local artifacts="$builddir/fuzz-artifacts/$target/"
  local log="$builddir/fuzz-logs/$target.log"
  local status=0
  local runs

  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  cp -n tests/fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true
  # The regressions are seeds too: variations of old crashes are likely
  # places for new ones.
  cp -n tests/fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null || true
  "$builddir/tests/fuzz/fuzz-$target" "$corpus" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts" -print_final_stats=1 > "$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$status" -eq 0 ]; then
    echo "$target ok $seconds ${runs:-0}" >> "$results"
    echo "fuzz $target: ok, ${runs:-0} runs in $seconds s"
  else
    echo "$target failed $seconds ${runs:-0}" >> "$results"
    echo "fuzz $target: FAILED (exit $status); log: $log; input: $(ls "$artifacts" | head -1)"
    grep -m1 -A20 -E "^==[0-9]+==ERROR|runtime error|ERROR \*\*|Bail out" "$log" || tail -20 "$log"
  fi
}

running=0
for target in $targets; do
  run_target "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

if grep -q " failed " "$results"; then
  exit 1
fi
