#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifests in flatpak/: each is valid JSON, names the
application id that the desktop file, the metainfo and the icon of its
profile carry, builds Liftcheck from this checkout with its profile, pins
every downloaded source with a sha256, and asks for no more of the user's
system than the app needs.

    check-flatpak.py SOURCE_ROOT BASE_ID [APP_ID DESKTOP METAINFO MIME]

With the files this build made for its profile's APP_ID, checks that they
carry the id of that profile's manifest.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

root, base_id = sys.argv[1], sys.argv[2]
built = sys.argv[3:7] if len(sys.argv) >= 7 else None

# The display (Wayland, X11 only where there is no Wayland, shared memory
# for X11), and the network for the Shopify sync. Files come through the
# file chooser portal and secrets through the secret portal: neither needs
# a hole in the sandbox.
ALLOWED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--share=network',
}
PROFILES = {
    base_id: 'default',
    base_id + '.Devel': 'development',
}
DOWNLOADED = {'archive', 'file'}

problems = []


def read(path):
    with open(os.path.join(root, path), encoding='utf-8') as f:
        return f.read()


def check_sources(name, module, where):
    for source in module.get('sources', []):
        if isinstance(source, str):
            problems.append(f'{where}: module {name}: sources from a separate file are not checked')
            continue
        kind = source.get('type')
        if kind in DOWNLOADED:
            if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                problems.append(f'{where}: module {name}: the {kind} {source.get("url") or source.get("path")} has no sha256')
            url = source.get('url', '')
            if url and not url.startswith('https://'):
                problems.append(f'{where}: module {name}: {url} is not fetched over https')
        elif kind == 'git' and not source.get('commit') and not source.get('tag'):
            problems.append(f'{where}: module {name}: a git source must be pinned to a commit or tag')
    for sub in module.get('modules', []):
        if isinstance(sub, dict):
            check_sources(sub.get('name', '?'), sub, where)


# Every id the desktop integration files are generated for.
desktop = read(os.path.join('data', base_id + '.desktop.in'))
metainfo = read(os.path.join('data', base_id + '.metainfo.xml.in'))
if not re.search(r'^Icon=@APP_ID@$', desktop, re.M):
    problems.append('the desktop file does not name the icon after the application id')
if '<id>@APP_ID@</id>' not in metainfo:
    problems.append('the metainfo id is not the application id')
if '<launchable type="desktop-id">@APP_ID@.desktop</launchable>' not in metainfo:
    problems.append('the metainfo does not launch the desktop file of the application id')
options = read('meson_options.txt')
for profile in PROFILES.values():
    if f"'{profile}'" not in options:
        problems.append(f'meson_options.txt has no profile {profile}')

found = sorted(n for n in os.listdir(os.path.join(root, 'flatpak')) if n.endswith('.json'))
if sorted(app_id + '.json' for app_id in PROFILES) != found:
    problems.append(f'flatpak/ holds {found}, expected one manifest per profile')

for app_id, profile in PROFILES.items():
    where = os.path.join('flatpak', app_id + '.json')
    try:
        manifest = json.loads(read(where))
    except (OSError, ValueError) as e:
        problems.append(f'{where}: {e}')
        continue

    if manifest.get('id', manifest.get('app-id')) != app_id:
        problems.append(f'{where}: id is {manifest.get("id")!r}, expected {app_id!r}')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append(f'{where}: not built on the GNOME runtime and SDK')
    version = str(manifest.get('runtime-version', ''))
    if not re.fullmatch(r'\d+', version):
        problems.append(f'{where}: runtime-version {version!r} is not a stable GNOME release')
    if manifest.get('command') != 'liftcheck':
        problems.append(f'{where}: the command is not liftcheck')

    extra = [a for a in manifest.get('finish-args', []) if a not in ALLOWED_FINISH_ARGS]
    if extra:
        problems.append(f'{where}: finish-args beyond what the app needs: {" ".join(extra)}')
    for needed in ALLOWED_FINISH_ARGS:
        if needed not in manifest.get('finish-args', []):
            problems.append(f'{where}: finish-args lack {needed}')

    modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    for module in modules:
        check_sources(module.get('name', '?'), module, where)
    if not modules or modules[-1].get('name') != 'liftcheck':
        problems.append(f'{where}: Liftcheck is not the last module')
        continue
    app = modules[-1]
    if app.get('buildsystem') != 'meson':
        problems.append(f'{where}: Liftcheck is not built with meson')
    if app.get('sources') != [{'type': 'dir', 'path': '..'}]:
        problems.append(f'{where}: Liftcheck is not built from this checkout')
    if f'-Dprofile={profile}' not in app.get('config-opts', []):
        problems.append(f'{where}: Liftcheck is not built with -Dprofile={profile}')

    # The id's icon exists for this profile.
    icon = os.path.join(root, 'data', 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg')
    if not os.path.exists(icon):
        problems.append(f'{where}: no icon {os.path.relpath(icon, root)}')

# What this build made for its own profile names the same id as its
# manifest: the desktop file, the metainfo's id, launchable and icon, and
# the MIME type's icon.
if built is not None:
    app_id, desktop_path, metainfo_path, mime_path = built
    if app_id not in PROFILES:
        problems.append(f'{app_id} is not the id of a profile')
    if os.path.basename(desktop_path) != app_id + '.desktop':
        problems.append(f'the desktop file is {os.path.basename(desktop_path)}, not {app_id}.desktop')
    with open(desktop_path, encoding='utf-8') as f:
        if not re.search(rf'^Icon={re.escape(app_id)}$', f.read(), re.M):
            problems.append(f'the built desktop file does not show the {app_id} icon')
    component = ET.parse(metainfo_path).getroot()
    if component.findtext('id') != app_id:
        problems.append(f'the built metainfo is for {component.findtext("id")}, not {app_id}')
    if component.findtext('launchable') != app_id + '.desktop':
        problems.append(f'the built metainfo launches {component.findtext("launchable")}, not {app_id}.desktop')
    ns = '{http://www.freedesktop.org/standards/shared-mime-info}'
    icons = [i.get('name') for i in ET.parse(mime_path).getroot().iter(ns + 'icon')]
    if icons != [app_id]:
        problems.append(f'the built MIME type shows the icons {icons}, not {app_id}')

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
