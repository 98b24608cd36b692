#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a scratch DESTDIR and checks that everything a
# GNOME desktop needs is where it looks for it:
#
#   check-install.sh BUILDDIR PREFIX APP_ID
set -eu

builddir=$1
prefix=$2
app_id=$3
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$builddir" --destdir "$dest" --no-rebuild --quiet >/dev/null

root=$dest$prefix
status=0
for path in \
  bin/liftcheck \
  bin/liftcheck-cli \
  share/applications/$app_id.desktop \
  share/metainfo/$app_id.metainfo.xml \
  share/glib-2.0/schemas/$app_id.gschema.xml \
  share/mime/packages/$app_id.xml \
  share/icons/hicolor/scalable/apps/$app_id.svg \
  share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg
do
  if [ ! -e "$root/$path" ]; then
    echo "not installed: $path"
    status=1
  fi
done

for program in liftcheck liftcheck-cli; do
  [ -x "$root/bin/$program" ] || { echo "not executable: bin/$program"; status=1; }
done

# The desktop file starts the installed program and opens store files.
grep -q '^Exec=liftcheck %F$' "$root/share/applications/$app_id.desktop" ||
  { echo "the desktop file does not start liftcheck with files"; status=1; }
grep -q 'MimeType=application/x-liftcheck-store;' "$root/share/applications/$app_id.desktop" ||
  { echo "the desktop file does not open .liftcheck stores"; status=1; }

# Every language in po/LINGUAS has its catalogue.
for lang in $(sed -e 's/#.*//' "$(dirname "$0")/../po/LINGUAS"); do
  [ -e "$root/share/locale/$lang/LC_MESSAGES/liftcheck.mo" ] ||
    { echo "no translation installed for $lang"; status=1; }
done

[ $status -eq 0 ] && echo "installed tree is complete"
exit $status
