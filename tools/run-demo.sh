#!/usr/bin/env bash
# run-demo.sh BUILD_DIR: start the sandbox server with demo data, then Ferry pointed at it.
#
# The sandbox keeps its state in BUILD_DIR/sandbox-state.json (so the demo survives restarts)
# and accepts loopback OAuth redirects, so Ferry's desktop OAuth flow works offline.
# The sandbox is stopped when Ferry exits.
set -euo pipefail

build_dir="${1:?usage: tools/run-demo.sh BUILD_DIR [FERRY ARGS...]}"
shift
sandbox="$build_dir/tests/sandbox/ferry-sandbox"
ferry="$build_dir/src/ferry"

if [ ! -x "$sandbox" ]; then
  echo "run-demo.sh: $sandbox not found; build $build_dir first" >&2
  exit 1
fi

out="$(mktemp -t ferry-sandbox.XXXXXX)"
"$sandbox" --seed demo --oauth-redirect=loopback --state "$build_dir/sandbox-state.json" >"$out" &
sandbox_pid=$!

cleanup() {
  kill "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
  rm -f "$out"
}
trap cleanup EXIT INT TERM

# Wait (up to 10 s) for the identity lines; the URL line comes first.
for _ in $(seq 1 100); do
  grep -q '^FERRY_SANDBOX_USER_EMAIL=' "$out" 2>/dev/null && break
  if ! kill -0 "$sandbox_pid" 2>/dev/null; then
    echo "run-demo.sh: the sandbox server exited" >&2
    exit 1
  fi
  sleep 0.1
done

value() { sed -n "s/^$1=//p" "$out" | head -n 1; }
FERRY_DEMO_SITE_URL="$(value FERRY_SANDBOX_URL)"
FERRY_DEMO_CLIENT_ID="$(value FERRY_SANDBOX_CLIENT_ID)"
FERRY_DEMO_CLIENT_SECRET="$(value FERRY_SANDBOX_CLIENT_SECRET)"
FERRY_DEMO_USER_EMAIL="$(value FERRY_SANDBOX_USER_EMAIL)"
if [ -z "$FERRY_DEMO_SITE_URL" ]; then
  echo "run-demo.sh: the sandbox server did not report its URL" >&2
  exit 1
fi
export FERRY_DEMO_SITE_URL FERRY_DEMO_CLIENT_ID FERRY_DEMO_CLIENT_SECRET FERRY_DEMO_USER_EMAIL

printf '\033[1m==> Sandbox server at %s (state: %s)\033[0m\n' "$FERRY_DEMO_SITE_URL" "$build_dir/sandbox-state.json" >&2
status=0
"$ferry" "$@" || status=$?
exit $status
