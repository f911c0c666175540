#!/usr/bin/env bash
# Ferry's one entry point for developers and CI.
#
#   ./dev.sh run [--reset] [--identity] [-- FERRY ARGS...]
#                             build Ferry and the sandbox, start both with demo data in a
#                             profile of its own (never the user's settings or keyring)
#   ./dev.sh test [--asan] [-- MESON_TEST_ARGS...]
#                             build and run the whole suite headless (Xvfb, private D-Bus, keyring)
#   ./dev.sh bench            build and run the benchmarks headless (they print numbers; they are not tests)
#   ./dev.sh fuzz [SECONDS]   build the libFuzzer harnesses (clang, _build-fuzz) and run each
#                             for SECONDS (default 60); ./dev.sh test runs them for 5 s each
#   ./dev.sh deps             only install the Debian packages listed in tools/debian-packages.txt
#
# Both run and test install missing Debian packages first (apt-get; sudo when not root),
# configure the build dir once and rebuild only what changed.
set -Eeuo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

packages_file="tools/debian-packages.txt"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31mError: %s\033[0m\n' "$*" >&2; exit 1; }

# No silent exit: whatever fails under set -e is named, with its line, before dev.sh stops.
# Subshells (command substitutions) leave the message to the command that ran them.
trap 'status=$?; [ "$BASH_SUBSHELL" -gt 0 ] || printf "\033[1;31mError: dev.sh line %s: \"%s\" failed (exit %s).\033[0m\n" \
        "$LINENO" "$BASH_COMMAND" "$status" >&2; exit "$status"' ERR

# A fresh Debian container has no locale set; meson and the tools want UTF-8.
case "${LC_ALL:-${LANG:-}}" in
  *UTF-8*|*utf8*) ;;
  *) export LANG=C.UTF-8 LC_ALL=C.UTF-8 ;;
esac

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "installing packages needs root: run as root, or install sudo (apt-get install sudo as root)"
  fi
}

# missing_packages NAMES...: prints those not installed ("install ok installed"), one a line.
# dpkg-query exits 1 when any name is unknown to dpkg (never installed), which is exactly the
# case to handle, so its status is not the answer: the status field of each known package is.
missing_packages() {
  local installed p
  # One dpkg-query for the whole list keeps a no-change run fast.
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true)
  installed=$(awk '$NF == "installed" && $(NF-1) == "ok" { print $1 }' <<<"$installed")
  for p in "$@"; do
    grep -qx -- "$p" <<<"$installed" || printf '%s\n' "$p"
  done
}

ensure_packages() {
  local wanted missing
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
    || die "dev.sh needs Debian 12 (dpkg-query and apt-get were not found)"
  wanted=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$packages_file") \
    || die "could not read the package list $packages_file: run dev.sh from a complete clone"
  # shellcheck disable=SC2086 # one package name per word
  missing=$(missing_packages $wanted)
  [ -z "$missing" ] && return 0
  # shellcheck disable=SC2206
  local names=($missing)
  log "Installing ${#names[@]} Debian packages: ${names[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y --no-install-recommends "${names[@]}"; then
    log "Refreshing the package lists and trying again"
    as_root apt-get update \
      || die "apt-get update failed: check the network and the apt sources (/etc/apt/sources.list*), then run dev.sh again"
    as_root apt-get install -y --no-install-recommends "${names[@]}" \
      || die "could not install: ${names[*]}. Run 'apt-get install ${names[*]}' as root to see why, then run dev.sh again"
  fi
  # shellcheck disable=SC2086
  missing=$(missing_packages "${names[@]}")
  [ -z "$missing" ] \
    || die "apt-get finished but these packages are still not installed: $(echo $missing)"
}

# ensure_node_packages BUILD_DIR: the test-only npm packages of tests/hcl (a real HCL parser
# for the Copy as Terraform test) in BUILD_DIR/tests/hcl/node_modules, from the committed
# package-lock.json. npm's cache first (--offline), the registry only when the cache lacks
# them; reinstalled only when the lock file changes. Never part of the app.
ensure_node_packages() {
  local dir="$1/tests/hcl" lock="tests/hcl/package-lock.json"
  if [ -f "$dir/.ferry-lock" ] && cmp -s "$lock" "$dir/.ferry-lock" && [ -d "$dir/node_modules" ]; then
    return 0
  fi
  command -v node >/dev/null 2>&1 || die "node was not found: install the Debian package nodejs (tools/debian-packages.txt)"
  if ! command -v npm >/dev/null 2>&1; then
    # Debian packages npm apart from nodejs; a NodeSource nodejs brings its own npm.
    log "Installing the Debian package npm"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm \
      || die "could not install npm: run 'apt-get install npm' as root to see why, then run dev.sh again"
  fi
  mkdir -p "$dir"
  cp tests/hcl/package.json "$lock" "$dir/"
  # npm trusts only the CAs built into node; the system's store (what apt and curl trust,
  # which on some networks includes the proxy's CA) is the one to use here as well.
  local npm_opts=(--ignore-scripts --no-audit --no-fund)
  if [ -r /etc/ssl/certs/ca-certificates.crt ]; then
    npm_opts+=(--cafile /etc/ssl/certs/ca-certificates.crt)
  fi
  log "Installing the test-only npm packages of tests/hcl into $dir"
  if ! (cd "$dir" && npm ci --offline "${npm_opts[@]}" >/dev/null 2>&1); then
    if ! (cd "$dir" && npm ci "${npm_opts[@]}"); then
      # Not fatal: only the Terraform cases of test-sync-export need it, and they report
      # themselves skipped, with the reason, in the test log.
      printf '\033[1;33mWarning: npm could not install tests/hcl/package-lock.json into %s (no route to the npm registry, or a TLS proxy whose CA this machine lacks); the Copy as Terraform cases will be skipped\033[0m\n' "$dir" >&2
      return 0
    fi
  fi
  cp "$lock" "$dir/.ferry-lock"
}

# setup BUILD_DIR [meson options...]: configure once; reconfigure only when options change.
setup() {
  local dir="$1"; shift
  local stamp="$dir/.ferry-setup-args" args="$*"
  if [ -f "$dir/build.ninja" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$args" ]; then
    return 0
  fi
  if [ -f "$dir/build.ninja" ]; then
    log "Reconfiguring $dir"
    meson setup --reconfigure "$dir" "$@" >/dev/null \
      || die "meson could not reconfigure $dir (see $dir/meson-logs/meson-log.txt); 'rm -rf $dir' starts over"
  else
    log "Configuring $dir"
    meson setup "$dir" "$@" >/dev/null \
      || die "meson could not configure $dir (see $dir/meson-logs/meson-log.txt)"
  fi
  printf '%s' "$args" > "$stamp"
}

# build BUILD_DIR [TARGETS...]: everything, or only the named targets and what they need.
build() {
  local dir="$1"; shift
  log "Building $dir${*:+ ($*)}"
  meson compile -C "$dir" "$@" || die "the build in $dir failed (the compiler's messages are above)"
}

# Prints "N passed, N failed, N skipped" from meson's test logs of the BUILD_DIRs (all of
# them counted together); returns non-zero on failures.
summarize() {
  local logs=() d
  for d in "$@"; do logs+=("$d/meson-logs/testlog.json"); done
  /usr/bin/python3 - "${logs[@]}" <<'PY'
import json, os, sys
passed = failed = skipped = 0
bad = []
for log in sys.argv[1:]:
    if not os.path.exists(log):
        bad.append("meson test wrote no results (%s)" % log)
        failed += 1
        continue
    with open(log) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            t = json.loads(line)
            r = t.get("result")
            if r in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif r == "SKIP":
                skipped += 1
            else:
                failed += 1
                bad.append("%s (%s)" % (t.get("name"), r))
for b in bad:
    print("FAILED: " + b)
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed else 0)
PY
}

# ---- Fuzzing (tests/fuzz) ----

fuzz_dir="_build-fuzz"

# Configures and builds the libFuzzer build: clang, ASan and UBSan, coverage everywhere.
# The whole tree is built, so it also keeps the build clean under clang.
fuzz_build() {
  CC=clang setup "$fuzz_dir" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
  build "$fuzz_dir"
}

# The fuzz suite of ./dev.sh test: each harness for a few seconds. Without clang it is
# one visible skip (CI installs clang from tools/debian-packages.txt).
run_fuzz_suite() {
  rm -f "$fuzz_dir/meson-logs/testlog.json"
  if ! command -v clang >/dev/null 2>&1; then
    log "Skipping the fuzz suite: clang is not installed"
    mkdir -p "$fuzz_dir/meson-logs"
    printf '{"name": "fuzz (skipped: clang is not installed)", "result": "SKIP"}\n' \
      > "$fuzz_dir/meson-logs/testlog.json"
    return 0
  fi
  fuzz_build
  log "Running the fuzzers briefly (suite fuzz, $fuzz_dir)"
  meson test -C "$fuzz_dir" --suite fuzz --print-errorlogs --num-processes 2 \
    --timeout-multiplier "$MESON_TEST_TIMEOUT_MULTIPLIER"
}

cmd_fuzz() {
  local seconds="${1:-60}" total=0 failed=0 bin name dict runs
  command -v clang >/dev/null 2>&1 || die "fuzzing needs clang (apt-get install clang)"
  ensure_packages
  fuzz_build
  for bin in "$fuzz_dir"/tests/fuzz/fuzz-*; do
    [ -f "$bin" ] && [ -x "$bin" ] || continue
    name="${bin##*/fuzz-}"
    case "$name" in
      loopback-*) dict=loopback ;;
      *) dict="$name" ;;
    esac
    log "fuzz-$name for $seconds s"
    if ! tests/fuzz/run-fuzzer.sh "$bin" "tests/fuzz/corpus/$name" \
        "tests/fuzz/dict/$dict.dict" "$seconds" "$fuzz_dir/tests/fuzz/$name"; then
      failed=$((failed + 1))
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$fuzz_dir/tests/fuzz/$name/last-run.log" | tail -n 1)
    total=$((total + ${runs:-0}))
  done
  log "$total inputs in all, $failed harness(es) failed"
  [ "$failed" -eq 0 ]
}

cmd_test() {
  local dir="_build" opts=() asan=0 extra=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --asan) asan=1; shift ;;
      --) shift; break ;;
      *) break ;;
    esac
  done
  if [ $asan -eq 1 ]; then
    dir="_build-asan"
    opts=(-Db_sanitize=address,undefined -Dbuildtype=debug -Db_lundef=false)
    # Full allocation stacks (see tests/sanitizers/lsan.supp) make the tests several times slower.
    MESON_TEST_TIMEOUT_MULTIPLIER="${MESON_TEST_TIMEOUT_MULTIPLIER:-5}"
  fi
  # meson test scales its timeouts; the test helpers scale their waits with the same
  # number (tests/ferry-test-utils.h), which meson does not pass on by itself.
  export MESON_TEST_TIMEOUT_MULTIPLIER="${MESON_TEST_TIMEOUT_MULTIPLIER:-1}"
  extra=(--timeout-multiplier "$MESON_TEST_TIMEOUT_MULTIPLIER")
  ensure_packages
  setup "$dir" "${opts[@]}"
  build "$dir"
  ensure_node_packages "$dir"
  rm -f "$dir/meson-logs/testlog.json"
  log "Running the test suite headless (Xvfb, private D-Bus session, throw-away keyring)"
  local status=0
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    dbus-run-session -- tests/keyring-session.sh \
    meson test -C "$dir" --print-errorlogs --num-processes 2 "${extra[@]}" "$@" || status=$?
  # Screenshots from the UI tests stay in the build dir for review (and for the README).
  if compgen -G "$dir/screenshots/*.png" >/dev/null; then
    log "Screenshots: $dir/screenshots/ ($(ls "$dir"/screenshots/*.png | wc -l) PNG files)"
  fi
  # The fuzz suite, in its own clang build, for whole runs only (not for a chosen test).
  local dirs=("$dir")
  if [ $# -eq 0 ]; then
    run_fuzz_suite || status=1
    dirs+=("$fuzz_dir")
  fi
  summarize "${dirs[@]}" || status=1
  return $status
}

# The demo needs only the app, its schema and the sandbox server, not the test binaries.
demo_targets=(src/ferry:executable tests/sandbox/ferry-sandbox:executable data/gsettings-compile-data)

cmd_run() {
  ensure_packages
  setup _build
  build _build "${demo_targets[@]}"
  exec tools/run-demo.sh _build "$@"
}

cmd_bench() {
  ensure_packages
  setup _build-bench -Dbuildtype=release
  build _build-bench
  # The GUI benchmarks need a display, the sandbox ones a signed-in session: a private
  # Xvfb, D-Bus and keyring, as the tests have.
  for b in _build-bench/tests/bench/bench-*; do
    # Not the bench-*.p object directories (executable, being directories).
    [ -f "$b" ] && [ -x "$b" ] || continue
    log "$b"
    # GUI benchmarks (bench-startup, bench-sync-stall): a display, a private D-Bus session and
    # a throw-away keyring, as for the UI tests (cmd_test).
    GSETTINGS_SCHEMA_DIR="$here/_build-bench/data" GSETTINGS_BACKEND=memory GTK_A11Y=none \
      GSK_RENDERER=cairo GDK_DEBUG=gl-disable \
      xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" dbus-run-session -- tests/keyring-session.sh "$b"
  done
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" || exit $? ;;
  bench) shift; cmd_bench "$@" ;;
  fuzz) shift; cmd_fuzz "$@" || exit $? ;;
  deps) ensure_packages ;;
  *)
    [ -z "${1:-}" ] || printf 'dev.sh: unknown command "%s"\n\n' "$1" >&2
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2 ;;
esac
