#!/bin/sh
# Runs "$@" with a throw-away HOME, XDG dirs and an unlocked gnome-keyring (Secret Service).
# Must run inside a private D-Bus session (dbus-run-session). Never touches a real keyring.
set -eu
export HOME="$(mktemp -d -t ferry-home.XXXXXX)"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$(mktemp -d -t ferry-runtime.XXXXXX)"
chmod 700 "$XDG_RUNTIME_DIR"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
cleanup() { rm -rf "$HOME" "$XDG_RUNTIME_DIR"; }
trap cleanup EXIT INT TERM
# The password must be non-empty: then login.keyring is created unlocked and the default alias works.
printf '%s' ferry-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
export FERRY_TEST_SECRET_SERVICE=1
"$@"
