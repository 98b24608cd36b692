#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a scratch DESTDIR and checks that everything a
# GNOME desktop needs is where it looks for it, and that the installed
# files pass the desktop's own validators:
#
#   check-install.sh BUILDDIR PREFIX APP_ID
set -eu

builddir=$1
prefix=$2
app_id=$3
srcdir=$(dirname "$0")/..
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$builddir" --destdir "$dest" --no-rebuild --quiet >/dev/null

root=$dest$prefix
status=0
fail () {
  echo "$*"
  status=1
}

for path in \
  bin/liftcheck \
  bin/liftcheck-cli \
  share/applications/$app_id.desktop \
  share/metainfo/$app_id.metainfo.xml \
  share/glib-2.0/schemas/io.github.liftcheck.Liftcheck.gschema.xml \
  share/mime/packages/$app_id.xml \
  share/icons/hicolor/scalable/apps/$app_id.svg \
  share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg
do
  [ -e "$root/$path" ] || fail "not installed: $path"
done

for program in liftcheck liftcheck-cli; do
  [ -x "$root/bin/$program" ] || fail "not executable: bin/$program"
done

desktop=$root/share/applications/$app_id.desktop
metainfo=$root/share/metainfo/$app_id.metainfo.xml
mime=$root/share/mime/packages/$app_id.xml

# The desktop file starts the installed program, shows the id's icon and
# opens store files.
grep -q '^Exec=liftcheck %F$' "$desktop" ||
  fail "the desktop file does not start liftcheck with files"
grep -q "^Icon=$app_id\$" "$desktop" ||
  fail "the desktop file does not show the $app_id icon"
grep -q '^MimeType=application/x-liftcheck;$' "$desktop" ||
  fail "the desktop file does not open .liftcheck stores"

# The MIME type the desktop file names: *.liftcheck, with the app's icon.
grep -q '<mime-type type="application/x-liftcheck">' "$mime" ||
  fail "the MIME package does not define application/x-liftcheck"
grep -q '<glob pattern="\*\.liftcheck"/>' "$mime" ||
  fail "the MIME type does not match *.liftcheck"
grep -q "<icon name=\"$app_id\"/>" "$mime" ||
  fail "the MIME type does not show the $app_id icon"

# The metainfo describes this id, its desktop file and its store files,
# with screenshots, release notes, a content rating and brand colours.
grep -q "<id>$app_id</id>" "$metainfo" || fail "the metainfo is not for $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" ||
  fail "the metainfo does not launch $app_id.desktop"
grep -q '<mediatype>application/x-liftcheck</mediatype>' "$metainfo" ||
  fail "the metainfo does not say the app opens .liftcheck files"
grep -q '<content_rating type="oars-1.1"' "$metainfo" || fail "the metainfo has no OARS content rating"
grep -q '<release version="[^"]*" date=' "$metainfo" || fail "the metainfo has no release notes"
grep -q '<color type="primary" scheme_preference="light">' "$metainfo" &&
  grep -q '<color type="primary" scheme_preference="dark">' "$metainfo" ||
  fail "the metainfo has no brand colours for light and dark"
# Each screenshot is one of the real ones in data/screenshots.
shots=$(sed -n 's|.*<image>.*/data/screenshots/\([^<]*\)</image>.*|\1|p' "$metainfo")
[ -n "$shots" ] || fail "the metainfo has no screenshots"
for shot in $shots; do
  [ -s "$srcdir/data/screenshots/$shot" ] || fail "the metainfo shows a screenshot that does not exist: $shot"
done

# The validators the desktop and the app stores run.
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the installed desktop file"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --explain "$metainfo" >"$dest/appstream.log" 2>&1 ||
    { cat "$dest/appstream.log"; fail "appstreamcli rejects the installed metainfo"; }
fi
if command -v glib-compile-schemas >/dev/null; then
  glib-compile-schemas --strict --dry-run "$root/share/glib-2.0/schemas" ||
    fail "glib-compile-schemas rejects the installed schema"
fi
if command -v update-mime-database >/dev/null; then
  # What the desktop builds from the package: *.liftcheck is the app's type.
  update-mime-database "$root/share/mime" 2>"$dest/mime.log" ||
    { cat "$dest/mime.log"; fail "update-mime-database rejects the installed MIME package"; }
  grep -q '^[0-9]*:application/x-liftcheck:\*\.liftcheck$' "$root/share/mime/globs2" 2>/dev/null ||
    fail "the installed MIME database does not map *.liftcheck to application/x-liftcheck"
fi
for svg in "$root/share/icons/hicolor/scalable/apps/$app_id.svg" \
           "$root/share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"; do
  python3 -c 'import sys, xml.dom.minidom as d; d.parse(sys.argv[1])' "$svg" 2>/dev/null ||
    fail "not a valid SVG: $svg"
done

# Every language in po/LINGUAS has its catalogue.
for lang in $(sed -e 's/#.*//' "$srcdir/po/LINGUAS"); do
  [ -e "$root/share/locale/$lang/LC_MESSAGES/liftcheck.mo" ] ||
    fail "no translation installed for $lang"
done

[ $status -eq 0 ] && echo "installed tree is complete"
exit $status
