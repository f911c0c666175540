#!/usr/bin/python3
# Checks that every language in po/LINGUAS is complete:
#   1. msgfmt --check --statistics: valid, and no untranslated or fuzzy entries;
#   2. it covers every msgid of a POT generated now from po/POTFILES.in with xgettext, run the way
#      meson's i18n module does for the `ferry-pot` target (preset 'glib'), into a temp dir so the
#      source tree is not touched; compared with msgcmp (untranslated and fuzzy count as missing);
#   3. one term per thing: no msgid of that POT uses a retired variant of a term (TERMS below);
#   4. the quotation marks of the language (QUOTES below; German „…“): no ASCII double quote,
#      no other language's marks, and each opened quote closed, in every translation in use.
#
# Usage: check-translations.py SOURCE_ROOT [GETTEXT_PACKAGE]
import os
import re
import subprocess
import sys
import tempfile

# Retired variants of the app's terms and the term to use instead (English source strings).
TERMS = [
    (re.compile(r'\bAuto-sync\b'), 'Auto-Sync'),
    (re.compile(r'\bAuto sync\b|\bAutosync\b', re.I), 'Auto-Sync'),
    (re.compile(r'\bFirst Sync\b'), 'Initial Sync Behavior'),
    (re.compile(r'\bInitial Sync\b(?! Behavior)'), 'Initial Sync Behavior'),
    # A double negative ("Disable Secret Deletion: Off"): say it positively.
    (re.compile(r'Disable Secret Deletion', re.I), 'Delete Secrets in Azure DevOps'),
]

# Per language: (opening, closing) marks, and marks that must not appear.
QUOTES = {
    'de': (('\u201e', '\u201c'), ('"', '\u201d', '\u00ab', '\u00bb')),
}


def read_po(path):
    """(msgid, msgstr, is_obsolete) of every entry, the strings unescaped and joined."""
    entries = []
    msgid = msgstr = None
    field = None
    obsolete = False

    def flush():
        if msgid is not None and msgstr is not None:
            entries.append((msgid, msgstr, obsolete))

    def unquote(text):
        escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}
        return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(0)), text[1:-1])

    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.strip()
            is_obs = line.startswith('#~')
            if is_obs:
                line = line[2:].strip()
            if line.startswith('msgid '):
                flush()
                msgid, msgstr, field, obsolete = unquote(line[6:]), None, 'id', is_obs
            elif line.startswith('msgstr'):
                msgstr, field = unquote(line[line.index(' ') + 1:]), 'str'
            elif line.startswith('"') and field == 'id':
                msgid += unquote(line)
            elif line.startswith('"') and field == 'str':
                msgstr += unquote(line)
            elif line.startswith('msgctxt') or line.startswith('msgid_plural'):
                field = None
    flush()
    return entries


def quote_problems(text, opening, closing, banned):
    for mark in banned:
        if mark in text:
            return 'uses %r' % mark
    depth = 0
    for ch in text:
        if ch == opening:
            depth += 1
        elif ch == closing:
            if depth == 0:
                return 'closes a quote it never opened (or opens with %r)' % closing
            depth -= 1
    return 'leaves a quote open' if depth else None

# Fallback copy of meson's preset, used only when mesonbuild cannot be imported.
GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments', '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2', '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3', '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format', '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format', '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def glib_preset():
    try:
        from mesonbuild.modules.i18n import PRESET_ARGS
        return list(PRESET_ARGS['glib'])
    except Exception:
        return GLIB_PRESET


def main(root, package):
    po_dir = os.path.join(root, 'po')
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    if not languages:
        print('FAIL: po/LINGUAS lists no language')
        return 1

    problems = []
    with tempfile.TemporaryDirectory(prefix='ferry-pot-') as tmp:
        pot = os.path.join(tmp, package + '.pot')
        # Same command line as meson's "gettext pot" helper (mesonbuild/scripts/gettext.py).
        cmd = ['xgettext', '--package-name=' + package, '-p', tmp,
               '-f', os.path.join(po_dir, 'POTFILES.in'), '-D', root, '-k_', '-o', pot] + glib_preset()
        r = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
        if r.returncode != 0 or not os.path.isfile(pot):
            print(r.stderr, end='')
            print('FAIL: xgettext could not generate the POT from po/POTFILES.in')
            return 1
        with open(pot, encoding='utf-8') as f:
            n_msgids = sum(1 for line in f if line.startswith('msgid ')) - 1
        print('# fresh POT: %d messages' % n_msgids)

        for lang in languages:
            po = os.path.join(po_dir, lang + '.po')
            if not os.path.isfile(po):
                problems.append('po/%s.po is missing (listed in po/LINGUAS)' % lang)
                continue
            r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                               capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
            stats = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ''
            print('# %s: %s' % (lang, stats))
            if r.returncode != 0:
                print(r.stderr, end='')
                problems.append('po/%s.po does not pass msgfmt --check' % lang)
            if 'untranslated' in stats or 'fuzzy' in stats:
                problems.append('po/%s.po has untranslated or fuzzy entries: %s' % (lang, stats))

            r = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True,
                               env=dict(os.environ, LC_ALL='C'))
            if r.returncode != 0:
                # "not used" lines are obsolete entries (harmless); the rest are missing,
                # untranslated or fuzzy messages of the current sources.
                missing = [l for l in r.stderr.splitlines()
                           if 'this message' in l and 'not used' not in l]
                for l in missing[:20]:
                    print('# ' + l)
                problems.append('po/%s.po lacks a translation for %d message(s) of the current '
                                'sources (update it: meson compile -C BUILDDIR ferry-update-po, '
                                'then translate)' % (lang, len(missing)))

        # 3. One term per thing.
        for msgid, _, _ in read_po(pot):
            for pattern, term in TERMS:
                if pattern.search(msgid):
                    problems.append('the sources say %r; the term is %r' % (msgid, term))

        # 4. The language's quotation marks, in every translation the app uses.
        current = {m for m, _, _ in read_po(pot)}
        for lang in languages:
            if lang not in QUOTES:
                continue
            (opening, closing), banned = QUOTES[lang]
            po = os.path.join(po_dir, lang + '.po')
            if not os.path.isfile(po):
                continue
            for msgid, msgstr, obsolete in read_po(po):
                if obsolete or not msgid or msgid not in current:
                    continue
                problem = quote_problems(msgstr, opening, closing, banned)
                if problem:
                    problems.append('po/%s.po: the translation of %r %s: %r' % (lang, msgid, problem, msgstr))

    for p in problems:
        print('FAIL: ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(os.path.abspath(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else 'ferry'))
