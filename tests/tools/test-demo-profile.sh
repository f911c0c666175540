#!/usr/bin/env bash
# test-demo-profile.sh SOURCE_ROOT BUILD_ROOT: two runs of the demo (tools/run-demo.sh, what
# `./dev.sh run` starts) leave the user's own settings and keyring exactly as they were, keep
# one demo account in the demo's own profile, and closing Ferry stops everything the demo
# started. Runs inside ./dev.sh test's session (Xvfb, a D-Bus session bus and an unlocked
# gnome-keyring, tests/keyring-session.sh): that session stands for the user's desktop.
set -uo pipefail

src="${1:?usage: test-demo-profile.sh SOURCE_ROOT BUILD_ROOT}"
build="${2:?usage: test-demo-profile.sh SOURCE_ROOT BUILD_ROOT}"
mult="${MESON_TEST_TIMEOUT_MULTIPLIER:-1}"
work="$(mktemp -d -t ferry-demo-test.XXXXXX)"
export FERRY_DEMO_DIR="$work/demo"
n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '# %s\n' "$l"; done; }
bail() { echo "Bail out! $*"; exit 1; }
cleanup() {
  [ -n "${demo_pid:-}" ] && kill -- -"$demo_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -n "${DISPLAY:-}" ] \
  || bail "needs a display and a session bus: run it through ./dev.sh test"
command -v secret-tool >/dev/null || bail "secret-tool is missing (libsecret-tools)"

# The user's own state before: a keyring item and a Ferry setting of theirs, then a
# fingerprint of every file under HOME (their XDG dirs, keyrings and any dconf database).
# The user's GSettings: a keyfile under their HOME stands for their dconf database (which a
# test session has no daemon for), so anything Ferry wrote to "their" settings would show.
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=keyfile
printf 'my own secret' | secret-tool store --label="User's own item" purpose ferry-demo-test
gsettings set io.github.ferryapp.Ferry window-width 1234
user_state() {
  (cd "$HOME" && find . -type f -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum)
  echo "--- keyring"
  secret-tool search --all purpose ferry-demo-test 2>&1 | grep -v '^created\|^modified'
  secret-tool search --all xdg:schema io.github.ferryapp.Ferry.Token 2>&1 | grep -v '^created\|^modified'
}
before="$(user_state)"

keyfile="$FERRY_DEMO_DIR/config/glib-2.0/settings/keyfile"

# demo_run N: starts the demo, waits until Ferry has stored the demo account, then closes
# Ferry (SIGTERM to Ferry alone, as a window close would end it) and waits for the rest.
demo_run() {
  local log="$work/run-$1.log" ferry_pid="" port site
  setsid "$src/tools/run-demo.sh" "$build" >"$log" 2>&1 &
  demo_pid=$!
  for _ in $(seq 1 $((300 * mult))); do
    port="$(cat "$FERRY_DEMO_DIR/sandbox-port" 2>/dev/null)"
    if [ -n "$port" ] && grep -q "127.0.0.1:$port" "$keyfile" 2>/dev/null \
       && grep -q "^default-account=" "$keyfile"; then
      ferry_pid="$(pgrep -f -x "$build/src/ferry" | head -n 1)"
      [ -n "$ferry_pid" ] && break
    fi
    kill -0 "$demo_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$ferry_pid" ]; then
    not_ok "run $1: Ferry signed in to the demo" "$(cat "$log")"
    return 1
  fi
  ok "run $1: Ferry signed in to the demo and stored the account in the demo profile"
  grep -q "signs in as ada@contoso.com, the demo user" "$log" \
    && ok "run $1: says who it signs in as" || not_ok "run $1: says who it signs in as" "$(cat "$log")"
  grep -q "Closing Ferry stops the sandbox" "$log" && grep -q -- "--reset" "$log" \
    && ok "run $1: says that closing Ferry stops the sandbox, and how to start from clean" \
    || not_ok "run $1: says that closing Ferry stops the sandbox" "$(cat "$log")"

  kill -TERM "$ferry_pid"
  for _ in $(seq 1 $((100 * mult))); do kill -0 "$demo_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$demo_pid" 2>/dev/null; then
    not_ok "run $1: the demo ends when Ferry does" "$(cat "$log")"
    kill -- -"$demo_pid" 2>/dev/null
  else
    ok "run $1: the demo ends when Ferry does"
  fi
  wait "$demo_pid" 2>/dev/null
  demo_pid=""
  sleep 0.5
  local left
  left="$(pgrep -a -f "ferry-sandbox --seed demo|$FERRY_DEMO_DIR/runtime/keyring" || true)"
  [ -z "$left" ] && ok "run $1: the sandbox and the demo keyring stopped with it" \
    || not_ok "run $1: the sandbox and the demo keyring stopped with it" "$left"
}

demo_run 1 || exit 1
demo_run 2 || exit 1

accounts="$(grep '^accounts=' "$keyfile")"
count="$(grep -o "'site-url'" <<<"$accounts" | wc -l)"
[ "$count" = 1 ] && ok "two runs: one demo account" || not_ok "two runs: one demo account" "$accounts"
grep -q "'kind': <'user'>" <<<"$accounts" && ok "the demo account is the demo user" \
  || not_ok "the demo account is the demo user" "$accounts"
[ -s "$FERRY_DEMO_DIR/data/keyrings/login.keyring" ] && ok "the demo's tokens are in the demo's own keyring" \
  || not_ok "the demo's tokens are in the demo's own keyring" "$(ls -la "$FERRY_DEMO_DIR/data/keyrings" 2>&1)"

after="$(user_state)"
if [ "$before" = "$after" ]; then ok "the user's settings and keyring are unchanged after two demo runs"
else not_ok "the user's settings and keyring are unchanged after two demo runs" "$(diff <(echo "$before") <(echo "$after"))"; fi

echo "1..$n"
[ $failures -eq 0 ]
