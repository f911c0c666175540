#!/bin/sh
# fake-browser.sh: the default web browser of the browser-flow tests (see
# tests/browser/test-browser-flows.c and toolchain.md "Fake-browser double").
#
# Opens "$1" in real headless Chromium, which follows redirects and runs the pages'
# scripts until the final page, then dumps its DOM and exits. Keeps what it did in
# $FERRY_FAKE_BROWSER_DIR: <visit>.url (what was opened), <visit>.dom (the final page)
# and, last, <visit>.done (Chromium's exit status), so the tests can wait for it.
set -u
dir="${FERRY_FAKE_BROWSER_DIR:?FERRY_FAKE_BROWSER_DIR is not set}"
visit="$(mktemp "$dir/visit-XXXXXX")"
profile="$(mktemp -d -t ferry-chromium.XXXXXX)"
trap 'rm -rf "$profile"' EXIT

printf '%s\n' "$1" > "$visit.url"
status=0
timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --dump-dom "$1" > "$visit.dom" 2> "$visit.log" || status=$?
printf '%s\n' "$status" > "$visit.done.tmp"
mv "$visit.done.tmp" "$visit.done"
