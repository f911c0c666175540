#!/usr/bin/python3
# Checks that the files this build generated carry the build's app id, for both flavours:
# the release build (io.github.ferryapp.Ferry) and -Ddevelopment=true (io.github.ferryapp.Ferry.Devel).
# Reads APP_ID, BASE_APP_ID and DEVELOPMENT_BUILD from the build's config.h, then checks the desktop
# file (name, Icon=), the metainfo (file name, <id>, launchable) and the installed icon names.
#
# Usage: check-app-id.py BUILD_ROOT
import configparser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET


def main(build_root):
    problems = []
    with open(os.path.join(build_root, 'config.h'), encoding='utf-8') as f:
        config = f.read()

    def define(name):
        m = re.search(r'^#define %s (.+)$' % name, config, re.M)
        return m.group(1).strip().strip('"') if m else None

    app_id, base_id, devel = define('APP_ID'), define('BASE_APP_ID'), define('DEVELOPMENT_BUILD')
    expected = base_id + ('.Devel' if devel == '1' else '')
    if app_id != expected:
        problems.append('config.h APP_ID is %s; with DEVELOPMENT_BUILD=%s it must be %s' % (app_id, devel, expected))

    data = os.path.join(build_root, 'data')
    desktop = os.path.join(data, app_id + '.desktop')
    metainfo = os.path.join(data, app_id + '.metainfo.xml')
    if not os.path.isfile(desktop):
        problems.append('no generated desktop file %s' % os.path.basename(desktop))
    else:
        cp = configparser.RawConfigParser(strict=False)
        cp.optionxform = str
        cp.read(desktop, encoding='utf-8')
        icon = cp.get('Desktop Entry', 'Icon', fallback=None)
        if icon != app_id:
            problems.append('desktop Icon=%s, expected %s' % (icon, app_id))
    if not os.path.isfile(metainfo):
        problems.append('no generated metainfo %s' % os.path.basename(metainfo))
    else:
        root = ET.parse(metainfo).getroot()
        if root.findtext('id') != app_id:
            problems.append('metainfo <id> is %s, expected %s' % (root.findtext('id'), app_id))
        launchable = root.findtext("launchable[@type='desktop-id']")
        if launchable != app_id + '.desktop':
            problems.append('metainfo launchable is %s, expected %s.desktop' % (launchable, app_id))

    with open(os.path.join(build_root, 'meson-info', 'intro-installed.json'), encoding='utf-8') as f:
        installed = json.load(f).values()
    dests = {os.path.basename(p): p for p in installed}
    for name, where in ((app_id + '.desktop', '/applications/'),
                        (app_id + '.metainfo.xml', '/metainfo/'),
                        (app_id + '.svg', '/icons/hicolor/scalable/apps/'),
                        (app_id + '-symbolic.svg', '/icons/hicolor/symbolic/apps/')):
        if name not in dests or where not in dests[name]:
            problems.append('%s is not installed under %s' % (name, where))
    icons = sorted(n for n, p in dests.items() if '/icons/' in p)
    for n in icons:
        if not n.startswith(app_id + '.') and not n.startswith(app_id + '-'):
            problems.append('installed icon %s does not start with the app id %s' % (n, app_id))

    for p in problems:
        print('FAIL: ' + p)
    print('# app id %s (development build: %s); icons %s' % (app_id, 'yes' if devel == '1' else 'no', icons))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
