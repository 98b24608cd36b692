#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the screenshots in data/screenshots/ from a real build: each view
# of the app, light and dark, drawn by GTK itself (tests/lc-screenshot.c)
# in a bare Xvfb server:
#
#   tests/make-screenshots.sh [BUILDDIR]
#
# The store is the demo, made with the default demo options exactly as the
# app's "Open the Demo Store" does.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(cd "${1:-$srcdir/build}" && pwd)
outdir=$srcdir/data/screenshots
shot=$builddir/tests/lc-screenshot
# The pictures shown in software centres are the English ones, whatever
# the language of the session taking them.
export LANGUAGE=en
cli=$builddir/src/cli/liftcheck-cli

for tool in Xvfb; do
  command -v "$tool" >/dev/null || { echo "make-screenshots: $tool is needed" >&2; exit 1; }
done
for program in "$shot" "$cli"; do
  [ -x "$program" ] || { echo "make-screenshots: build $program first" >&2; exit 1; }
done

work=$(mktemp -d)
xvfb_pid=

cleanup() {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
  display=$((display + 1))
done
Xvfb ":$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  [ -e "/tmp/.X11-unix/X$display" ] && break
  sleep 0.1
done

# Digit grouping as an English-speaking owner sees it; compiled on the fly
# where the machine has no en_US locale.
if locale -a 2>/dev/null | grep -qi '^en_US\.utf-\?8$'; then
  export LC_ALL=en_US.UTF-8
elif command -v localedef >/dev/null && mkdir -p "$work/locale" &&
     { localedef -i en_US -f UTF-8 "$work/locale/en_US.UTF-8" >/dev/null 2>&1 ||
       [ -d "$work/locale/en_US.UTF-8" ]; }; then
  export LOCPATH=$work/locale
  # bash itself cannot load a locale from LOCPATH and would say so.
  { export LC_ALL=en_US.UTF-8; } 2>/dev/null
fi

# The app icon from the source tree, as if installed.
mkdir -p "$work/share/icons" "$work/data/liftcheck"
ln -s "$srcdir/data/icons/hicolor" "$work/share/icons/hicolor"

export DISPLAY=":$display"
export GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1 GTK_A11Y=none
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$builddir/data
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
export XDG_DATA_DIRS=$work/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
export DBUS_SESSION_BUS_ADDRESS=unix:path=$work/no-bus

mkdir -p "$outdir"
store=$work/data/liftcheck/demo.liftcheck
"$cli" demo "$store" >/dev/null

# name, then lc-screenshot's options
take() {
  local name=$1
  shift
  "$shot" "$@" "$outdir/$name.png"
  "$shot" --dark "$@" "$outdir/$name-dark.png"
  echo "make-screenshots: wrote $name.png and $name-dark.png"
}

take welcome
# Connect Shopify as on a desktop with a password keyring: a scratch GNOME
# Keyring in a D-Bus session of its own.
if command -v gnome-keyring-daemon >/dev/null && command -v dbus-run-session >/dev/null; then
  "$srcdir/tests/run-with-keyring.sh" "$shot" --connect-dialog --shop my-store "$outdir/shopify.png"
  "$srcdir/tests/run-with-keyring.sh" "$shot" --dark --connect-dialog --shop my-store "$outdir/shopify-dark.png"
  echo "make-screenshots: wrote shopify.png and shopify-dark.png"
fi
take overview --store "$store"
take overview-charts --store "$store" --scroll 560
take features --store "$store" --view features
take feature --store "$store" --view feature:cart-bundles
take returns --store "$store" --view returns
take bundles --store "$store" --view bundles
take tests --store "$store" --view tests
take preferences --store "$store" --preferences
# A German shop's export no importer knows: the dialog opens, nothing is
# imported.
take mapping --store "$store" --mapping "$srcdir/tests/data/mapped/shop-mapped.csv"
# The wizard saves as it goes: the last shot leaves its answers as they were.
take wizard --store "$store" --wizard 0
