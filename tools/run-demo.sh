#!/usr/bin/env bash
# run-demo.sh BUILD_DIR [--reset] [--identity] [--] [FERRY ARGS...]
#
# Starts the sandbox server (tests/sandbox) with demo data, then Ferry signed in to it, in a
# demo profile of its own that never touches the user's settings or keyring:
#
#   BUILD_DIR/demo/              (or $FERRY_DEMO_DIR)
#     sandbox-state.json         the sandbox's data: what you change in the demo stays
#     sandbox-port               the sandbox's port, reused so the demo account stays the same
#     config/ data/ cache/ state/ runtime/
#                                Ferry's XDG dirs: GSettings in a keyfile (config/glib-2.0),
#                                the demo keyring in data/keyrings
#
# Ferry runs on a private D-Bus session bus (dbus-run-session) with a Secret Service of its
# own: a gnome-keyring-daemon unlocked with a fixed password, keeping its files in the demo
# profile. So the demo's tokens go to that keyring, never to the user's login keyring; its
# settings go to the keyfile, never to dconf; and a Ferry the user already runs on the
# desktop's bus is neither reused nor disturbed. The window still opens on the user's display.
#
#   --reset      delete the demo profile and the sandbox's data first (start from clean)
#   --identity   sign in as the demo machine identity instead of the demo user
#
# The sandbox and the demo keyring daemon stop when Ferry exits.
set -Eeuo pipefail

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31mrun-demo.sh: %s\033[0m\n' "$*" >&2; exit 1; }
trap 'status=$?; [ "$BASH_SUBSHELL" -gt 0 ] || printf "\033[1;31mrun-demo.sh line %s: \"%s\" failed (exit %s).\033[0m\n" \
        "$LINENO" "$BASH_COMMAND" "$status" >&2; exit "$status"' ERR

[ $# -ge 1 ] || die "usage: tools/run-demo.sh BUILD_DIR [--reset] [--identity] [--] [FERRY ARGS...]"
build_dir="$(cd "$1" 2>/dev/null && pwd)" || die "build dir $1 not found: run ./dev.sh run"
shift
sandbox="$build_dir/tests/sandbox/ferry-sandbox"
ferry="$build_dir/src/ferry"
schemas="$build_dir/data"
demo="${FERRY_DEMO_DIR:-$build_dir/demo}"

# The second half: inside the private bus (see the end of this file).
if [ "${FERRY_DEMO_INNER:-}" = 1 ]; then
  unset FERRY_DEMO_INNER
  # The demo keyring: created unlocked with this password on the first run, unlocked with it
  # on later ones. It guards only the sandbox's fake credentials.
  XDG_DATA_HOME="$demo/data" XDG_RUNTIME_DIR="$demo/runtime" \
    gnome-keyring-daemon --foreground --unlock --components=secrets \
    --control-directory="$demo/runtime/keyring" <<<"ferry-demo" >/dev/null 2>"$demo/runtime/keyring.log" &
  keyring_pid=$!
  trap 'kill "$keyring_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
    kill -0 "$keyring_pid" 2>/dev/null \
      || die "the demo keyring (gnome-keyring-daemon) did not start: $(cat "$demo/runtime/keyring.log")"
    sleep 0.1
  done
  status=0
  "$ferry" "$@" || status=$?
  exit $status
fi

reset=0
mode=user
while [ $# -gt 0 ]; do
  case "$1" in
    --reset) reset=1; shift ;;
    --identity) mode=identity; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done

[ -x "$sandbox" ] || die "$sandbox not found: build it with ./dev.sh run (or meson compile -C $build_dir)"
[ -x "$ferry" ] || die "$ferry not found: build it with ./dev.sh run (or meson compile -C $build_dir)"
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run ./dev.sh deps"
done

if [ $reset -eq 1 ] && [ -e "$demo" ]; then
  say "Starting from clean: removing $demo"
  rm -rf "$demo"
fi

# wipe_profile: the demo's Ferry settings and keyring (not the sandbox's data).
wipe_profile() { rm -rf "$demo/config" "$demo/data" "$demo/cache" "$demo/state" "$demo/runtime"; }

mkdir -p "$demo"
out="$(mktemp "$demo/sandbox-out.XXXXXX")"
sandbox_pid=
cleanup() {
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  rm -f "$out"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_sandbox PORT: starts it and waits (up to 10 s) for its lines; fails if it exits.
start_sandbox() {
  : >"$out"
  "$sandbox" --seed demo --oauth-redirect=loopback --state "$demo/sandbox-state.json" \
    --port "$1" >"$out" 2>"$out.err" &
  sandbox_pid=$!
  for _ in $(seq 1 100); do
    grep -q '^FERRY_SANDBOX_USER_TOKEN=' "$out" 2>/dev/null && return 0
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
      wait "$sandbox_pid" 2>/dev/null || true
      sandbox_pid=
      return 1
    fi
    sleep 0.1
  done
  return 1
}

# The same port as last time keeps the server URL, and so the demo account, the same.
port="$(cat "$demo/sandbox-port" 2>/dev/null || echo 0)"
if ! start_sandbox "$port"; then
  [ "$port" != 0 ] || die "the sandbox server did not start: $(cat "$out.err" 2>/dev/null)"
  say "Port $port is taken now; the demo moves to a new port and a fresh profile"
  wipe_profile
  start_sandbox 0 || die "the sandbox server did not start: $(cat "$out.err" 2>/dev/null)"
fi
rm -f "$out.err"

value() { sed -n "s/^$1=//p" "$out" | head -n 1; }
site="$(value FERRY_SANDBOX_URL)"
[ -n "$site" ] || die "the sandbox server did not report its URL"
port="${site##*:}"
printf '%s\n' "$port" >"$demo/sandbox-port"

mkdir -p "$demo/config" "$demo/data" "$demo/cache" "$demo/state" "$demo/runtime"
chmod 700 "$demo" "$demo/runtime"

# Ferry's environment: the demo profile only.
env_args=(
  GSETTINGS_BACKEND=keyfile
  GSETTINGS_SCHEMA_DIR="$schemas"
  XDG_CONFIG_HOME="$demo/config"
  XDG_DATA_HOME="$demo/data"
  XDG_CACHE_HOME="$demo/cache"
  XDG_STATE_HOME="$demo/state"
  XDG_RUNTIME_DIR="$demo/runtime"
  # Read-only: the user's own dirs stay visible for the default browser and installed apps.
  XDG_CONFIG_DIRS="${XDG_CONFIG_HOME:-$HOME/.config}:${XDG_CONFIG_DIRS:-/etc/xdg}"
  XDG_DATA_DIRS="${XDG_DATA_HOME:-$HOME/.local/share}:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
  FERRY_DEMO_SITE_URL="$site"
)
# The Wayland socket lives in the user's runtime dir: name it by its full path.
if [ -n "${WAYLAND_DISPLAY:-}" ]; then
  case "$WAYLAND_DISPLAY" in
    /*) ;;
    *) env_args+=(WAYLAND_DISPLAY="${XDG_RUNTIME_DIR:-/run/user/$(id -u)}/$WAYLAND_DISPLAY") ;;
  esac
fi
if [ "$mode" = user ]; then
  who="$(value FERRY_SANDBOX_USER_EMAIL), the demo user"
  env_args+=(FERRY_DEMO_USER_TOKEN="$(value FERRY_SANDBOX_USER_TOKEN)"
             FERRY_DEMO_USER_EMAIL="$(value FERRY_SANDBOX_USER_EMAIL)")
else
  who="the demo machine identity ($(value FERRY_SANDBOX_CLIENT_ID))"
  env_args+=(FERRY_DEMO_CLIENT_ID="$(value FERRY_SANDBOX_CLIENT_ID)"
             FERRY_DEMO_CLIENT_SECRET="$(value FERRY_SANDBOX_CLIENT_SECRET)")
fi
rm -f "$out"

say "Sandbox server (demo data, offline) at $site"
say "Ferry signs in as $who"
say "Demo profile: $demo (never your own settings or keyring)"
hint="Start from clean: ./dev.sh run --reset"
[ "$mode" = user ] && hint="$hint. As the machine identity: ./dev.sh run --identity"
say "Closing Ferry stops the sandbox. $hint"

status=0
env -u FERRY_TEST_SECRET_SERVICE -u DBUS_SESSION_BUS_ADDRESS "${env_args[@]}" FERRY_DEMO_INNER=1 \
  dbus-run-session -- "$0" "$build_dir" "$@" || status=$?
exit $status
