#!/usr/bin/python3
# Checks the Flatpak manifest against the project it packages:
#   - flatpak-builder --show-manifest parses it;
#   - runtime/sdk are org.gnome.Platform/Sdk with a string runtime-version;
#   - its id and command agree with the built desktop file (name, Icon=, Exec=), the metainfo
#     (<id>, launchable, provides/binary), the installed icon file names and the executable;
#   - finish-args are exactly network, ipc, wayland, fallback-x11 and dri: anything broader
#     (host/home filesystem, bare x11, session/system bus, talking to any bus name, all devices,
#     org.freedesktop.Flatpak) is rejected with its reason;
#   - the last module builds this repository with meson (dir source "..", -D config-opts).
#
# Usage:
#   check-flatpak-manifest.py MANIFEST BUILD_ROOT APP_ID
#   check-flatpak-manifest.py --self-test FIXTURES_DIR BUILD_ROOT APP_ID
#       runs the checker on each deliberately bad fixture and passes only if every expected
#       rejection is reported (proves the checker can fail).
import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ALLOWED = ['--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
           '--device=dri']

# (pattern, reason): broad permissions, each rejected with a message that names it.
FORBIDDEN = [
    (r'^--filesystem=(host|host-os|host-etc)(:.*)?$', 'host filesystem access'),
    (r'^--filesystem=(home|~)(/.*)?(:.*)?$', 'home directory access'),
    (r'^--filesystem=/', 'absolute filesystem path access'),
    (r'^--socket=x11$', 'bare x11 (use --socket=fallback-x11)'),
    (r'^--socket=session-bus$', 'full session bus access'),
    (r'^--socket=system-bus$', 'full system bus access'),
    (r'^--talk-name=org\.freedesktop\.Flatpak$', 'org.freedesktop.Flatpak (sandbox escape)'),
    (r'^--talk-name=', 'talking to a session bus name (libsecret uses the Secret portal)'),
    (r'^--system-talk-name=', 'talking to a system bus name'),
    (r'^--own-name=', 'owning an extra bus name'),
    (r'^--device=all$', 'all devices'),
    (r'^--socket=(pulseaudio|pcsc|cups|ssh-auth|gpg-agent)$', 'a socket Ferry does not need'),
]

# What each fixture in tests/data/fixtures must be rejected for (substrings of the messages).
FIXTURE_EXPECTATIONS = {
    'bad-permissions.json': ['host filesystem access', 'home directory access', 'bare x11',
                             'full session bus access', 'full system bus access',
                             'org.freedesktop.Flatpak', 'all devices',
                             'missing finish-arg --socket=wayland'],
    'bad-identity.json': ['manifest id', 'manifest command', 'runtime-version',
                          'last module must build this repository with meson'],
}


def read_manifest(path, problems):
    r = subprocess.run(['flatpak-builder', '--show-manifest', path], capture_output=True, text=True)
    if r.returncode != 0:
        problems.append('flatpak-builder --show-manifest cannot parse %s: %s' % (path, r.stderr.strip()))
        return None
    try:
        return json.loads(r.stdout)
    except ValueError as e:
        problems.append('flatpak-builder --show-manifest printed no JSON: %s' % e)
        return None


def built_facts(build_root):
    """Ids, names and commands as the build produced them (the files meson installs)."""
    facts = {}
    with open(os.path.join(build_root, 'meson-info', 'intro-installed.json'), encoding='utf-8') as f:
        installed = json.load(f)
    data = os.path.join(build_root, 'data')
    desktops = sorted(os.path.basename(s) for s, d in installed.items() if '/applications/' in d)
    metainfos = sorted(os.path.basename(s) for s, d in installed.items() if '/metainfo/' in d)
    facts['desktop_files'] = desktops
    facts['metainfo_files'] = metainfos
    if len(desktops) == 1:
        cp = configparser.RawConfigParser(strict=False)
        cp.optionxform = str
        cp.read(os.path.join(data, desktops[0]), encoding='utf-8')
        facts['desktop_icon'] = cp.get('Desktop Entry', 'Icon', fallback=None)
        facts['desktop_exec'] = (cp.get('Desktop Entry', 'Exec', fallback='') or '').split(' ')[0]
    if len(metainfos) == 1:
        root = ET.parse(os.path.join(data, metainfos[0])).getroot()
        facts['metainfo_id'] = root.findtext('id')
        facts['metainfo_launchable'] = root.findtext("launchable[@type='desktop-id']")
        facts['metainfo_binaries'] = [b.text for b in root.findall('provides/binary')]
    installed = list(installed.values())
    facts['icons'] = sorted(os.path.basename(p) for p in installed if '/icons/hicolor/' in p)
    facts['binaries'] = sorted(os.path.basename(p) for p in installed
                               if os.path.basename(os.path.dirname(p)) == 'bin')
    return facts


def check(manifest_path, build_root, app_id):
    problems = []
    m = read_manifest(manifest_path, problems)
    if m is None:
        return problems

    mid = m.get('id') or m.get('app-id')
    command = m.get('command')
    if m.get('runtime') != 'org.gnome.Platform':
        problems.append('runtime must be org.gnome.Platform, not %r' % m.get('runtime'))
    if m.get('sdk') != 'org.gnome.Sdk':
        problems.append('sdk must be org.gnome.Sdk, not %r' % m.get('sdk'))
    rv = m.get('runtime-version')
    if not isinstance(rv, str) or not re.match(r'^[0-9]+$', rv):
        problems.append('runtime-version must be a stable GNOME release as a string, not %r' % (rv,))

    # The manifest builds the release flavour unless its config-opts ask for -Ddevelopment=true;
    # a development build dir then carries the same id plus ".Devel".
    modules = m.get('modules') or []
    last = modules[-1] if modules and isinstance(modules[-1], dict) else {}
    opts = last.get('config-opts') or []
    manifest_devel = '-Ddevelopment=true' in opts
    expected_build_id = mid + '.Devel' if (mid and app_id.endswith('.Devel') and not manifest_devel) else mid
    if mid is None:
        problems.append('manifest id is missing')
    elif app_id != expected_build_id:
        problems.append('manifest id %s does not match the app id %s of the build' % (mid, app_id))

    f = built_facts(build_root)
    want = app_id
    if f['desktop_files'] != [want + '.desktop']:
        problems.append('manifest id %s: built desktop files are %s, expected %s.desktop'
                        % (mid, f['desktop_files'], want))
    if f.get('desktop_icon') != want:
        problems.append('manifest id %s: desktop Icon= is %r' % (mid, f.get('desktop_icon')))
    if f['metainfo_files'] != [want + '.metainfo.xml']:
        problems.append('manifest id %s: built metainfo files are %s' % (mid, f['metainfo_files']))
    if f.get('metainfo_id') != want:
        problems.append('manifest id %s: metainfo <id> is %r' % (mid, f.get('metainfo_id')))
    if f.get('metainfo_launchable') != want + '.desktop':
        problems.append('manifest id %s: metainfo launchable is %r' % (mid, f.get('metainfo_launchable')))
    if f['icons'] != sorted([want + '.svg', want + '-symbolic.svg']):
        problems.append('manifest id %s: installed icons are %s' % (mid, f['icons']))

    if not command:
        problems.append('manifest command is missing')
    else:
        if f.get('desktop_exec') != command:
            problems.append('manifest command %r differs from the desktop Exec= %r' % (command, f.get('desktop_exec')))
        if f.get('metainfo_binaries') != [command]:
            problems.append('manifest command %r differs from metainfo provides/binary %s'
                            % (command, f.get('metainfo_binaries')))
        if command not in f['binaries']:
            problems.append('manifest command %r is not an installed executable (%s)' % (command, f['binaries']))

    args = m.get('finish-args') or []
    for a in args:
        reasons = [reason for pattern, reason in FORBIDDEN if re.search(pattern, a)]
        if reasons:
            problems.append('finish-arg %s is too broad: %s' % (a, reasons[0]))
        elif a not in ALLOWED:
            problems.append('finish-arg %s is not one Ferry needs (allowed: %s)' % (a, ' '.join(ALLOWED)))
    for a in ALLOWED:
        if a not in args:
            problems.append('missing finish-arg %s' % a)
    if len(args) != len(set(args)):
        problems.append('finish-args has duplicates')

    sources = last.get('sources') or []
    if (last.get('buildsystem') != 'meson'
            or not any(isinstance(s, dict) and s.get('type') == 'dir' and s.get('path') == '..'
                       for s in sources)
            or not any(isinstance(o, str) and o.startswith('-D') for o in opts)):
        problems.append('the last module must build this repository with meson '
                        '(buildsystem meson, a dir source "..", -D config-opts)')
    return problems


def self_test(fixtures, build_root, app_id):
    failed = False
    names = sorted(n for n in os.listdir(fixtures) if n.endswith('.json'))
    if sorted(FIXTURE_EXPECTATIONS) != names:
        print('FAIL: fixtures %s do not match the expectations for %s' % (names, sorted(FIXTURE_EXPECTATIONS)))
        return 1
    for name in names:
        problems = check(os.path.join(fixtures, name), build_root, app_id)
        for p in problems:
            print('# %s rejected: %s' % (name, p))
        for expected in FIXTURE_EXPECTATIONS[name]:
            if not any(expected in p for p in problems):
                print('FAIL: %s was not rejected for "%s"' % (name, expected))
                failed = True
        if any('cannot parse' in p for p in problems):
            print('FAIL: %s must be a valid manifest that is wrong, not a broken file' % name)
            failed = True
    return 1 if failed else 0


def main(argv):
    if shutil.which('flatpak-builder') is None:
        # Only outside ./dev.sh (it installs flatpak-builder), e.g. inside the Flatpak SDK itself.
        print('# SKIP flatpak-builder is not installed (./dev.sh deps installs it)')
        return 77
    if len(argv) == 5 and argv[1] == '--self-test':
        return self_test(argv[2], argv[3], argv[4])
    if len(argv) != 4:
        print(__doc__ if __doc__ else 'usage: see the header of this script')
        return 2
    problems = check(argv[1], argv[2], argv[3])
    for p in problems:
        print('FAIL: ' + p)
    if not problems:
        print('# %s agrees with the build and asks for nothing broad' % os.path.basename(argv[1]))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
