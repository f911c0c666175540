#!/usr/bin/python3
# Checks po/POTFILES.in: every file under src/ and data/ with translatable strings is listed,
# the list is sorted (byte order, like LC_ALL=C sort), has no duplicates, and every entry exists.
#
# Usage: check-potfiles.py SOURCE_ROOT
#        check-potfiles.py --self-test   (proves the checker reports each kind of mistake)
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


def self_test():
    """Builds a small tree with each kind of mistake; passes only if every one is reported."""
    import contextlib
    import io
    import tempfile
    with tempfile.TemporaryDirectory(prefix='ferry-potfiles-') as root:
        files = {
            'po/POTFILES.in': '# comment\nsrc/b.c\nsrc/a.c\nsrc/a.c\nsrc/gone.c\n',
            'src/a.c': 'x = _("Hello");\n',
            'src/b.c': 'x = ngettext ("%d sync", "%d syncs", n);\n',
            'src/c.c': 'static const char *t[] = { N_("Table") };\n',
            'src/ui/w.ui': '<property name="title" translatable="yes">Hi</property>\n',
            'src/plain.c': 'G_DEFINE_FINAL_TYPE (A, a, B)\nstatic int FOO_(void);\n',
            'data/x.desktop.in.in': '[Desktop Entry]\n',
        }
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), 'w', encoding='utf-8') as f:
                f.write(text)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = main(root)
        report = out.getvalue()
    print(''.join('# ' + l + '\n' for l in report.splitlines()))
    expected = ['not sorted', 'lists src/a.c twice', 'src/gone.c, which does not exist',
                'src/c.c has translatable', 'src/ui/w.ui has translatable',
                'data/x.desktop.in.in has translatable']
    missing = [e for e in expected if e not in report]
    wrong = 'FAIL: src/plain.c' in report
    for e in missing:
        print('FAIL: the checker did not report "%s"' % e)
    if wrong:
        print('FAIL: the checker flagged src/plain.c, which has no translatable strings')
    return 0 if rc == 1 and not missing and not wrong else 1


if __name__ == '__main__':
    if sys.argv[1:] == ['--self-test']:
        sys.exit(self_test())
    sys.exit(main(sys.argv[1]))
