#!/usr/bin/python3
# Checks po/POTFILES.in: every file under src/ and data/ with translatable strings is listed,
# the list is sorted (byte order, like LC_ALL=C sort), has no duplicates, and every entry exists.
#
# Usage: check-potfiles.py SOURCE_ROOT
import os
import re
import sys

# A file needs translating when it calls a gettext keyword or marks a .ui property translatable.
MARKERS = re.compile(r'(\b_\(|\bN_\(|\bC_\(|\bNC_\(|\bngettext\b|\bg_dngettext\b|\bg_dpgettext2\b'
                     r'|translatable="yes")')
# Data inputs that always carry translatable text (merged with i18n.merge_file or gettext-domain).
ALWAYS = re.compile(r'(\.desktop\.in(\.in)?|\.metainfo\.xml\.in(\.in)?|\.gschema\.xml)$')
SCANNED = re.compile(r'\.(c|h|ui)$')


def main(root):
    problems = []
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    with open(potfiles, encoding='utf-8') as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.lstrip().startswith('#')]

    if listed != sorted(listed):
        for a, b in zip(listed, listed[1:]):
            if a > b:
                problems.append('po/POTFILES.in is not sorted: %s comes before %s' % (a, b))
    seen = set()
    for path in listed:
        if path in seen:
            problems.append('po/POTFILES.in lists %s twice' % path)
        seen.add(path)
        if not os.path.isfile(os.path.join(root, path)):
            problems.append('po/POTFILES.in lists %s, which does not exist' % path)

    needed = []
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root)
                if ALWAYS.search(name):
                    needed.append(rel)
                elif SCANNED.search(name):
                    with open(full, encoding='utf-8', errors='replace') as f:
                        if MARKERS.search(f.read()):
                            needed.append(rel)
    for rel in needed:
        if rel not in seen:
            problems.append('%s has translatable strings but is missing from po/POTFILES.in' % rel)

    for p in problems:
        print('FAIL: ' + p)
    print('# %d files listed, %d files with translatable strings found' % (len(listed), len(needed)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
