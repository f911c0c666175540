#!/usr/bin/env bash
# test-dev-packages.sh SOURCE_ROOT: the package step of dev.sh (`./dev.sh deps`) against a fake
# dpkg-query and apt-get, so that it is proven to install exactly what is missing when none,
# some or all of tools/debian-packages.txt are installed, and to fail loudly when apt-get does.
#
# The fakes behave like Debian's: dpkg-query -W prints "NAME STATUS" for packages dpkg knows and
# exits 1 when any name is unknown; apt-get install "installs" (records) what it is given.
set -uo pipefail

src="${1:?usage: test-dev-packages.sh SOURCE_ROOT}"
work="$(mktemp -d -t ferry-dev-packages.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"

cat >"$work/bin/dpkg-query" <<'FAKE'
#!/usr/bin/env bash
# Fake dpkg-query -W -f=FORMAT NAMES...: installed names from $FAKE_STATE/installed,
# removed-but-configured names from $FAKE_STATE/config-files, everything else unknown.
status=0
for arg in "$@"; do
  case "$arg" in -*) continue ;; esac
  if grep -qx -- "$arg" "$FAKE_STATE/installed" 2>/dev/null; then
    printf '%s install ok installed\n' "$arg"
  elif grep -qx -- "$arg" "$FAKE_STATE/config-files" 2>/dev/null; then
    printf '%s deinstall ok config-files\n' "$arg"
  else
    printf 'dpkg-query: no packages found matching %s\n' "$arg" >&2
    status=1
  fi
done
exit $status
FAKE

cat >"$work/bin/apt-get" <<'FAKE'
#!/usr/bin/env bash
# Fake apt-get: records each call in $FAKE_STATE/calls; "install" marks its names installed,
# except while $FAKE_STATE/fail-installs counts down (or says "always"), or for names listed
# in $FAKE_STATE/broken (apt says yes, dpkg never gets them).
printf '%s\n' "$*" >>"$FAKE_STATE/calls"
[ "${1:-}" = update ] && exit 0
[ "${1:-}" = install ] || exit 100
fail=$(cat "$FAKE_STATE/fail-installs" 2>/dev/null || echo 0)
if [ "$fail" = always ]; then echo "E: Unable to locate package" >&2; exit 100; fi
if [ "$fail" -gt 0 ]; then echo $((fail - 1)) >"$FAKE_STATE/fail-installs"; echo "E: failed" >&2; exit 100; fi
for arg in "$@"; do
  case "$arg" in install|-*) continue ;; esac
  grep -qx -- "$arg" "$FAKE_STATE/broken" 2>/dev/null || printf '%s\n' "$arg" >>"$FAKE_STATE/installed"
done
exit 0
FAKE

# Not root? dev.sh asks sudo: the fake runs the fake apt-get instead of the real one.
printf '#!/bin/sh\nexec "$@"\n' >"$work/bin/sudo"
chmod +x "$work/bin/"*

mapfile -t all < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$src/tools/debian-packages.txt" | tr -s ' \t' '\n' | sed '/^$/d')
[ ${#all[@]} -gt 5 ] || { echo "Bail out! tools/debian-packages.txt lists too few packages"; exit 1; }

n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }

# run_deps NAME INSTALLED...: a fresh fake system with INSTALLED, then `dev.sh deps`.
run_deps() {
  export FAKE_STATE="$work/$1"; shift
  rm -rf "$FAKE_STATE"; mkdir -p "$FAKE_STATE"
  : >"$FAKE_STATE/installed"; : >"$FAKE_STATE/calls"
  [ $# -gt 0 ] && printf '%s\n' "$@" >"$FAKE_STATE/installed"
}
deps() {
  PATH="$work/bin:$PATH" bash "$src/dev.sh" deps >"$FAKE_STATE/stdout" 2>"$FAKE_STATE/stderr"
}
installs() { grep '^install ' "$FAKE_STATE/calls" | sed -e 's/^install -y --no-install-recommends //'; }

# 1. Nothing installed (a brand-new machine): one install of the whole list.
run_deps none
if deps && [ "$(installs)" = "${all[*]}" ]; then ok "nothing installed: installs the whole list"
else not_ok "nothing installed: installs the whole list" "calls: $(cat "$FAKE_STATE/calls")" "stderr: $(cat "$FAKE_STATE/stderr")"; fi

# 2. Some installed: exactly the others, in list order.
some=("${all[@]:0:3}"); rest=("${all[@]:3}")
run_deps some "${some[@]}"
if deps && [ "$(installs)" = "${rest[*]}" ]; then ok "some installed: installs exactly the missing ones"
else not_ok "some installed: installs exactly the missing ones" "calls: $(cat "$FAKE_STATE/calls")" "stderr: $(cat "$FAKE_STATE/stderr")"; fi

# 3. All installed: apt-get is not called at all.
run_deps all "${all[@]}"
if deps && [ ! -s "$FAKE_STATE/calls" ]; then ok "all installed: apt-get not called"
else not_ok "all installed: apt-get not called" "calls: $(cat "$FAKE_STATE/calls")" "stderr: $(cat "$FAKE_STATE/stderr")"; fi

# 4. Removed with its configuration kept ("deinstall ok config-files") counts as missing.
run_deps config "${all[@]:1}"
printf '%s\n' "${all[0]}" >"$FAKE_STATE/config-files"
if deps && [ "$(installs)" = "${all[0]}" ]; then ok "config-files state: installed again"
else not_ok "config-files state: installed again" "calls: $(cat "$FAKE_STATE/calls")" "stderr: $(cat "$FAKE_STATE/stderr")"; fi

# 5. The first install fails (stale lists): update, then install again.
run_deps stale "${all[@]:1}"
echo 1 >"$FAKE_STATE/fail-installs"
if deps && [ "$(cat "$FAKE_STATE/calls" | cut -d' ' -f1 | tr '\n' ' ')" = "install update install " ]; then
  ok "failed install: refreshes the lists and retries"
else not_ok "failed install: refreshes the lists and retries" "calls: $(cat "$FAKE_STATE/calls")" "stderr: $(cat "$FAKE_STATE/stderr")"; fi

# 6. Install keeps failing: non-zero exit with a sentence on stderr naming the packages.
run_deps broken-apt "${all[@]:1}"
echo always >"$FAKE_STATE/fail-installs"
if ! deps && grep -q "could not install: ${all[0]}" "$FAKE_STATE/stderr"; then ok "apt-get fails: exits non-zero and says what to do"
else not_ok "apt-get fails: exits non-zero and says what to do" "stderr: $(cat "$FAKE_STATE/stderr")"; fi

# 7. apt-get says yes but the package is still not there: caught, not a silent success.
run_deps lying-apt "${all[@]:1}"
printf '%s\n' "${all[0]}" >"$FAKE_STATE/broken"
if ! deps && grep -q "still not installed: ${all[0]}" "$FAKE_STATE/stderr"; then ok "package still missing after apt-get: exits non-zero"
else not_ok "package still missing after apt-get: exits non-zero" "stderr: $(cat "$FAKE_STATE/stderr")"; fi

# 8. No silent exit: a failing command under set -e is named on stderr (the ERR trap).
run_deps no-list
mkdir -p "$work/copy/tools"
cp "$src/dev.sh" "$work/copy/dev.sh"
printf 'gcc\n' >"$work/copy/tools/debian-packages.txt"
chmod 000 "$work/copy/tools/debian-packages.txt"
if [ "$(id -u)" -eq 0 ]; then
  # root reads any file: make the list a directory instead, which sed cannot read either.
  chmod 644 "$work/copy/tools/debian-packages.txt"; rm "$work/copy/tools/debian-packages.txt"
  mkdir "$work/copy/tools/debian-packages.txt"
fi
if ! PATH="$work/bin:$PATH" bash "$work/copy/dev.sh" deps >/dev/null 2>"$FAKE_STATE/stderr" \
   && grep -Eq "Error: .+" "$FAKE_STATE/stderr"; then ok "unreadable package list: an error on stderr, not a silent exit"
else not_ok "unreadable package list: an error on stderr, not a silent exit" "stderr: $(cat "$FAKE_STATE/stderr")"; fi

echo "1..$n"
[ $failures -eq 0 ]
