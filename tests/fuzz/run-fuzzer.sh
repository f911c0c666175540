#!/bin/sh
# run-fuzzer.sh FUZZER SEEDS DICT SECONDS WORKDIR [libFuzzer options...]
#
# Runs one libFuzzer harness for SECONDS from the seed corpus SEEDS (read only) with the
# dictionary DICT. New inputs go to WORKDIR/corpus, crashes to WORKDIR/artifacts/. Exits
# non-zero on a crash, a leak or a timeout, and prints the number of inputs run.
set -eu
fuzzer=$1 seeds=$2 dict=$3 seconds=$4 work=$5
shift 5
mkdir -p "$work/corpus" "$work/artifacts"
here=$(cd "$(dirname "$0")" && pwd)
# libFuzzer checks for leaks after each input, with Ferry's suppressions (each with its
# reason). Those match only full stacks, which the loopback harnesses need (their leaks
# come through GLib, built without frame pointers); the parsers keep the fast unwinder.
: "${ASAN_OPTIONS:=detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0}"
case "$(basename "$fuzzer")" in
  fuzz-loopback-*) ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" ;;
esac
: "${LSAN_OPTIONS:=suppressions=$here/../sanitizers/lsan.supp:print_suppressions=0}"
: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
log="$work/last-run.log"
status=0
# -error_exitcode: libFuzzer's default, 77, is what meson reads as "skipped", so a crash or
# a leak would pass as a skip.
"$fuzzer" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=16384 -error_exitcode=1 \
  -dict="$dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$@" \
  "$work/corpus" "$seeds" >"$log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
if [ "$status" -ne 0 ]; then
  tail -n 60 "$log"
  echo "$(basename "$fuzzer"): FAILED after ${runs:-?} runs (exit $status); inputs in $work/artifacts/"
  exit "$status"
fi
echo "$(basename "$fuzzer"): ${runs:-0} runs in $seconds s, no crash"
