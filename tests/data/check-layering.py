#!/usr/bin/python3
# Checks the layering rules of src/ (docs: README.md "Source map"):
#   src/api, src/auth and src/core never include GTK, GDK, GSK or libadwaita headers;
#   the layers depend one way, api → auth → core → ui: a file of a layer includes no header
#   of a layer after it (so api and auth never include core or ui headers, core never ui);
#   src/ui never includes libsoup, and no header it reaches (following #include "…"
#   through src/) includes libsoup either;
#   src/ui never includes json-glib itself (request bodies and answers belong below it);
#   no file under src/ other than src/main.c defines main().
#
# Usage: check-layering.py SOURCE_ROOT
#        check-layering.py --self-test   (proves the checker reports each kind of break)
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
TOOLKIT = re.compile(r'^(gtk|gdk|gsk)/|^adwaita\.h$|^gtk\.h$|^gdk\.h$')
SOUP = re.compile(r'^libsoup/|^soup\.h$')
JSON = re.compile(r'^json-glib/')
# GNU style puts the return type on its own line: "int\nmain (int argc, ...)".
MAIN_DEF = re.compile(r'(^|\bint\s+)main\s*\([^;]*\)\s*\{', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)

# The layers in dependency order; src/ui/assistant is part of ui.
LAYERS = ['api', 'auth', 'core', 'ui']
NO_TOOLKIT = ('api', 'auth', 'core')


def sources(root, sub):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, sub)):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(('.c', '.h')):
                yield os.path.join(dirpath, name)


def layer_of(rel):
    parts = rel.split(os.sep)
    return parts[1] if len(parts) >= 3 and parts[1] in LAYERS else ''


class Tree:
    """The files of src/, their includes, and where a quoted include resolves to."""

    def __init__(self, root):
        self.root = root
        self.includes = {}   # rel → [(quoted, name)]
        self.text = {}       # rel → text without comments
        self.by_name = {}    # basename of a header → [rel, …]
        for full in sources(root, 'src'):
            rel = os.path.relpath(full, root)
            with open(full, encoding='utf-8', errors='replace') as f:
                text = COMMENT.sub('', f.read())
            self.includes[rel] = [(q == '"', name) for q, name in INCLUDE.findall(text)]
            self.text[rel] = text
            if rel.endswith('.h'):
                self.by_name.setdefault(os.path.basename(rel), []).append(rel)

    def resolve(self, rel, name):
        """What #include "name" in rel means: the including file's directory first, then the
        include directories, which are src/ and its layer directories (a flat namespace)."""
        beside = os.path.normpath(os.path.join(os.path.dirname(rel), name))
        if beside in self.includes:
            return beside
        found = self.by_name.get(os.path.basename(name), [])
        return found[0] if found else None

    def soup_chain(self, start):
        """The first chain of quoted includes from start to a header that includes libsoup,
        as [header, …, '<libsoup/…>'], or None."""
        seen = {start}
        stack = [(start, [])]
        while stack:
            rel, chain = stack.pop(0)
            for quoted, name in self.includes[rel]:
                if not quoted:
                    if SOUP.search(name) and chain:
                        return chain + ['<%s>' % name]
                    continue
                target = self.resolve(rel, name)
                if target is None or target in seen:
                    continue
                seen.add(target)
                stack.append((target, chain + [target]))
        return None


def main(root):
    problems = []
    tree = Tree(root)

    for rel in sorted(tree.includes):
        layer = layer_of(rel)
        for quoted, inc in tree.includes[rel]:
            if layer in NO_TOOLKIT and TOOLKIT.search(inc):
                problems.append('%s includes <%s>: src/%s must not use GTK, GDK or libadwaita' % (rel, inc, layer))
            if layer == 'ui' and SOUP.search(inc):
                problems.append('%s includes <%s>: src/ui must not use libsoup (go through src/api)' % (rel, inc))
            if layer == 'ui' and JSON.search(inc):
                problems.append('%s includes <%s>: src/ui must not use json-glib (go through src/core)' % (rel, inc))
            if quoted and layer:
                target = tree.resolve(rel, inc)
                target_layer = layer_of(target) if target else ''
                if target_layer and LAYERS.index(target_layer) > LAYERS.index(layer):
                    problems.append('%s includes "%s" from src/%s: src/%s must not depend on src/%s (layers go %s)'
                                    % (rel, inc, target_layer, layer, target_layer, ' → '.join(LAYERS)))
        if layer == 'ui':
            chain = tree.soup_chain(rel)
            if chain:
                problems.append('%s reaches %s through %s: headers the UI includes must not include libsoup'
                                % (rel, chain[-1], ' → '.join(chain[:-1])))
        if rel != os.path.join('src', 'main.c') and MAIN_DEF.search(tree.text[rel]):
            problems.append('%s defines main(): only src/main.c may (everything else is the library)' % rel)

    for p in problems:
        print('FAIL: ' + p)
    print('# %d files under src/ checked' % len(tree.includes))
    return 1 if problems or not tree.includes else 0


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
            'src/ui/j.c': '#include <json-glib/json-glib.h>\n',
            'src/core/json-ok.c': '#include <gio/gio.h>\n#include <json-glib/json-glib.h>\n',
            # src/core is held to the same toolkit rule as api and auth, GDK included.
            'src/core/c.c': '#include <gdk/gdk.h>\n',
            # One way: no layer includes a header of a layer after it.
            'src/core/ferry-model.h': '#pragma once\n#include "ferry-clean.h"\n',
            'src/core/d.c': '#include "ferry-model.h"\n#include "ferry-w.h"\n',
            'src/api/ferry-x.h': '#pragma once\n#include "ferry-model.h"\n',
            'src/auth/e.c': '#include "ferry-model.h"\n',
            'src/api/f.c': '#include "ferry-bridge.h"\n',
            # A UI file that reaches libsoup through headers of other layers.
            'src/ui/v.c': '#include "ferry-bridge.h"\n',
            'src/auth/ferry-bridge.h': '#pragma once\n#include "ferry-deep.h"\n',
            'src/api/ferry-deep.h': '#pragma once\n#include <gio/gio.h>\n#include <libsoup/soup.h>\n',
            # Following the rules: api may use libsoup, also in a private header of its own;
            # the UI may include api, auth and core headers that do not; cycles end.
            'src/api/ok.c': '#include <gio/gio.h>\n#include <libsoup/soup.h>\n#include "ferry-ok-private.h"\n',
            'src/api/ferry-ok-private.h': '#pragma once\n#include <libsoup/soup.h>\n#include "ferry-clean.h"\n',
            'src/api/ferry-clean.h': '#pragma once\n#include <gio/gio.h>\n#include "ferry-loop.h"\n',
            'src/api/ferry-loop.h': '#pragma once\n#include "ferry-clean.h"\n',
            'src/ui/fine.c': '#include "ferry-clean.h"\n#include "ferry-model.h"\n#include "config.h"\n',
            'src/ferry-context.h': '#pragma once\n#include "ferry-model.h"\n',
            'src/ui/assistant/page.c': '#include "ferry-context.h"\n#include "ferry-w.h"\n',
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
                'src/ui/tool.c defines main()',
                'src/ui/j.c includes <json-glib/json-glib.h>',
                'src/core/c.c includes <gdk/gdk.h>',
                'src/core/d.c includes "ferry-w.h" from src/ui',
                'src/api/ferry-x.h includes "ferry-model.h" from src/core',
                'src/auth/e.c includes "ferry-model.h" from src/core',
                'src/api/f.c includes "ferry-bridge.h" from src/auth',
                'src/ui/v.c reaches <libsoup/soup.h> through src/auth/ferry-bridge.h → src/api/ferry-deep.h']
    missing = [e for e in expected if e not in report]
    wrong = [f for f in ('src/main.c', 'src/api/ok.c', 'src/api/ferry-ok-private.h', 'src/api/ferry-clean.h',
                         'src/core/json-ok.c',
                         'src/ui/fine.c', 'src/core/ferry-model.h', 'src/ui/assistant/page.c')
             if 'FAIL: ' + f + ' ' in report]
    for e in missing:
        print('FAIL: the checker did not report "%s"' % e)
    for f in wrong:
        print('FAIL: the checker flagged %s, which follows the rules' % f)
    return 0 if rc == 1 and not missing and not wrong else 1


if __name__ == '__main__':
    if sys.argv[1:] == ['--self-test']:
        sys.exit(self_test())
    sys.exit(main(sys.argv[1]))
