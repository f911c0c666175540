#!/usr/bin/python3
# Checks that every language in po/LINGUAS is complete:
#   1. msgfmt --check --statistics: valid, and no untranslated or fuzzy entries;
#   2. it covers every msgid of a POT generated now from po/POTFILES.in with xgettext, run the way
#      meson's i18n module does for the `ferry-pot` target (preset 'glib'), into a temp dir so the
#      source tree is not touched; compared with msgcmp (untranslated and fuzzy count as missing).
#
# Usage: check-translations.py SOURCE_ROOT [GETTEXT_PACKAGE]
import os
import subprocess
import sys
import tempfile

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

    for p in problems:
        print('FAIL: ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(os.path.abspath(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else 'ferry'))
