#!/usr/bin/python3
# Checks the layering rules of src/:
#   src/api and src/auth never include GTK, GDK, GSK or libadwaita headers, nor headers of src/ui;
#   src/ui never includes libsoup;
#   no file under src/ other than src/main.c defines main().
#
# Usage: check-layering.py SOURCE_ROOT
#        check-layering.py --self-test   (proves the checker reports each kind of break)
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
TOOLKIT = re.compile(r'^(gtk|gdk|gsk)/|^adwaita\.h$|^gtk\.h$')
SOUP = re.compile(r'^libsoup/|^soup\.h$')
# GNU style puts the return type on its own line: "int\nmain (int argc, ...)".
MAIN_DEF = re.compile(r'(^|\bint\s+)main\s*\([^;]*\)\s*\{', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def sources(root, sub):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, sub)):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(('.c', '.h')):
                yield os.path.join(dirpath, name)


def main(root):
    problems = []
    ui_dir = os.path.join(root, 'src', 'ui')
    ui_headers = {n for n in os.listdir(ui_dir) if n.endswith('.h')} if os.path.isdir(ui_dir) else set()
    checked = 0

    for full in sources(root, 'src'):
        rel = os.path.relpath(full, root)
        layer = rel.split(os.sep)[1] if rel.count(os.sep) >= 2 else ''
        with open(full, encoding='utf-8', errors='replace') as f:
            text = COMMENT.sub('', f.read())
        checked += 1
        for inc in INCLUDE.findall(text):
            if layer in ('api', 'auth'):
                if TOOLKIT.search(inc):
                    problems.append('%s includes <%s>: src/%s must not use GTK or libadwaita' % (rel, inc, layer))
                if os.path.basename(inc) in ui_headers:
                    problems.append('%s includes "%s" from src/ui: src/%s must not depend on the UI' % (rel, inc, layer))
            if layer == 'ui' and SOUP.search(inc):
                problems.append('%s includes <%s>: src/ui must not use libsoup (go through src/api)' % (rel, inc))
        if rel != os.path.join('src', 'main.c') and MAIN_DEF.search(text):
            problems.append('%s defines main(): only src/main.c may (everything else is the library)' % rel)

    for p in problems:
        print('FAIL: ' + p)
    print('# %d files under src/ checked' % checked)
    return 1 if problems or checked == 0 else 0


def self_test():
    """Builds a small tree breaking each rule; passes only if every break is reported."""
    import contextlib
    import io
    import tempfile
    with tempfile.TemporaryDirectory(prefix='ferry-layering-') as root:
        files = {
            'src/main.c': '#include "config.h"\nint\nmain (int argc, char **argv)\n{\n  return 0;\n}\n',
            'src/api/a.c': '#include <gtk/gtk.h>\n',
            'src/auth/b.c': '#include <adwaita.h>\n#include "ferry-w.h"\n',
            'src/ui/ferry-w.h': '#pragma once\n',
            'src/ui/w.c': '#include <libsoup/soup.h>\n',
            'src/ui/tool.c': '/* main (void) in a comment is fine */\nint main (void) { return 0; }\n',
            'src/api/ok.c': '#include <gio/gio.h>\n#include <libsoup/soup.h>\n',
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
    expected = ['src/api/a.c includes <gtk/gtk.h>', 'src/auth/b.c includes <adwaita.h>',
                'src/auth/b.c includes "ferry-w.h" from src/ui', 'src/ui/w.c includes <libsoup/soup.h>',
                'src/ui/tool.c defines main()']
    missing = [e for e in expected if e not in report]
    wrong = [f for f in ('src/main.c', 'src/api/ok.c') if 'FAIL: ' + f in report]
    for e in missing:
        print('FAIL: the checker did not report "%s"' % e)
    for f in wrong:
        print('FAIL: the checker flagged %s, which follows the rules' % f)
    return 0 if rc == 1 and not missing and not wrong else 1


if __name__ == '__main__':
    if sys.argv[1:] == ['--self-test']:
        sys.exit(self_test())
    sys.exit(main(sys.argv[1]))
