#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks po/POTFILES.in against the sources: every file whose strings
xgettext would extract is listed, every listed file exists and has
something to translate, and no file is listed twice.

    check-potfiles.py SOURCE_ROOT
"""
import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
keywords = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
            '--keyword=ngettext:1,2', '--keyword=g_dngettext:2,3']


def extracts_strings(path):
    """Whether xgettext finds a translatable string in the file."""
    language = 'Glade' if path.endswith('.ui') else 'C'
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'out.pot')
        subprocess.run(['xgettext', '--from-code=UTF-8', '--language=' + language, *keywords,
                        '--output=' + out, os.path.join(root, path)],
                       check=True, stderr=subprocess.DEVNULL)
        # xgettext writes no file when it found nothing.
        return os.path.exists(out)


listed = []
with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as potfiles:
    for line in potfiles:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

problems = []
for path in sorted(set(p for p in listed if listed.count(p) > 1)):
    problems.append(f'{path}: listed more than once')
for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        problems.append(f'{path}: listed but missing')

sources = []
for folder, _, names in os.walk(os.path.join(root, 'src')):
    for name in names:
        if name.endswith(('.c', '.ui')):
            sources.append(os.path.relpath(os.path.join(folder, name), root))

for path in sorted(sources):
    has_strings = extracts_strings(path)
    if has_strings and path not in listed:
        problems.append(f'{path}: has translatable strings but is not in po/POTFILES.in')
    elif not has_strings and path in listed:
        problems.append(f'{path}: is in po/POTFILES.in but has nothing to translate')

for problem in problems:
    print(problem)
print(f'{len(listed)} files listed, {len(sources)} sources checked, {len(problems)} problems')
sys.exit(1 if problems else 0)
