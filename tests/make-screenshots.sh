#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the screenshots in data/screenshots/ from a real build, in a bare
# Xvfb server (no window manager, so the window sits at 0,0 with its default
# size):
#
#   tests/make-screenshots.sh [BUILDDIR]
#
# welcome.png is the first start; overview.png is the demo store, made with
# the default demo options exactly as the app's "Open the Demo Store" does.
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(cd "${1:-$srcdir/build}" && pwd)
outdir=$srcdir/data/screenshots
app=$builddir/src/app/liftcheck
cli=$builddir/src/cli/liftcheck-cli

for tool in Xvfb import convert xwininfo; do
  command -v "$tool" >/dev/null || { echo "make-screenshots: $tool is needed" >&2; exit 1; }
done
for program in "$app" "$cli"; do
  [ -x "$program" ] || { echo "make-screenshots: build $program first" >&2; exit 1; }
done

work=$(mktemp -d)
xvfb_pid=
app_pid=

stop_app() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
  fi
}

cleanup() {
  stop_app
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
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
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
export GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$builddir/data
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
export XDG_DATA_DIRS=$work/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}

# No session bus: each run is its own instance, never handed to another.
export DBUS_SESSION_BUS_ADDRESS=unix:path=$work/no-bus

run_app() {
  "$app" "$@" &
  app_pid=$!
}

# Waits for the app's window and saves the screen cropped to it.
shoot() {
  local out=$1 geometry=
  for _ in $(seq 100); do
    geometry=$(xwininfo -root -children 2>/dev/null |
               grep -E '"(Liftcheck|[^"]*\.liftcheck)":' |
               grep -oE '[0-9]+x[0-9]+\+[0-9]+\+[0-9]+' | head -n 1 || true)
    [ -n "$geometry" ] && break
    sleep 0.2
  done
  # Let the first frames and fonts settle.
  sleep 2
  import -window root "$work/screen.png"
  if [ -n "$geometry" ]; then
    convert "$work/screen.png" -crop "$geometry" +repage "$out"
  else
    cp "$work/screen.png" "$out"
  fi
  echo "make-screenshots: wrote $out"
}

mkdir -p "$outdir"

run_app
shoot "$outdir/welcome.png"
stop_app

store=$work/data/liftcheck/demo.liftcheck
"$cli" demo "$store" >/dev/null
run_app "$store"
shoot "$outdir/overview.png"
stop_app
