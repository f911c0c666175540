#!/bin/sh
# fake-browser.sh: the default web browser of the browser-flow tests (see
# tests/browser/test-browser-flows.c and toolchain.md "Fake-browser double").
#
# Opens "$1" in real headless Chromium, which follows redirects and runs the pages'
# scripts until the final page, then dumps its DOM and exits. Keeps what it did in
# $FERRY_FAKE_BROWSER_DIR: <visit>.url (what was opened), <visit>.dom (the final page)
# and, last, <visit>.done (Chromium's exit status), so the tests can wait for it.
#
# --virtual-time-budget: without it --dump-dom dumps at the load event and exits, which can
# be before a page's script has delivered a sign-in (a fetch after load). Virtual time
# stands still while a fetch is pending and races ahead when the page is idle, so this
# waits for the scripts without slowing idle pages down.
set -u
dir="${FERRY_FAKE_BROWSER_DIR:?FERRY_FAKE_BROWSER_DIR is not set}"
visit="$(mktemp "$dir/visit-XXXXXX")"
profile="$(mktemp -d -t ferry-chromium.XXXXXX)"
trap 'rm -rf "$profile"' EXIT

printf '%s\n' "$1" > "$visit.url"
status=0
timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --virtual-time-budget=30000 --user-data-dir="$profile" --dump-dom "$1" > "$visit.dom" 2> "$visit.log" || status=$?
printf '%s\n' "$status" > "$visit.done.tmp"
mv "$visit.done.tmp" "$visit.done"
