#!/bin/sh
# Fuzz tests (clang's libFuzzer, with ASan and UBSan).  Every
# tests/fuzz/fuzz_*.c is a harness: built into build-fuzz/fuzz/ (make
# fuzz-build), then run once over each input of tests/fuzz/regress/<harness>/
# (the inputs that once crashed it or leaked: they must not any more) and
# tests/fuzz/seeds/<harness>/.
#
#   sh tests/fuzz/run.sh          build and replay (make check does this)
#   sh tests/fuzz/run.sh --run    and fuzz each harness for $FUZZ_SECONDS
#                                 (default 60) seconds; so does CI=true
#
# A fuzzing run keeps its corpus in build-fuzz/corpus/<harness>/ (the next
# run goes on from it) and what it finds in build-fuzz/artifacts/<harness>/:
# fix it, then copy the input into tests/fuzz/regress/<harness>/.  Without
# clang's libFuzzer the suite is skipped, with a message; in CI it fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top" || exit 1
run=0
[ "${1:-}" = "--run" ] && run=1
[ "${CI:-}" = true ] && run=1
seconds=${FUZZ_SECONDS:-60}
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] fuzz: $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] fuzz: $1"; }
say() { sed 's/^/    /' | head -"${2:-20}"; }

unavailable() {
	if [ "${CI:-}" = true ]; then
		bad "$1 (CI needs it: tools/deps.sh test installs it)"
		echo "fuzz: $pass passed, $fail failed"
		exit 1
	fi
	echo "fuzz: skipped: $1 (tools/deps.sh test installs it)"
	exit 0
}
command -v clang > /dev/null 2>&1 || unavailable "no clang"
runtime="$(clang -print-resource-dir)/lib/linux/libclang_rt.fuzzer-$(uname -m).a"
[ -f "$runtime" ] || unavailable "no libFuzzer ($runtime)"

mkdir -p build-fuzz
if ! make -s fuzz-build > build-fuzz/build.log 2>&1; then
	bad "the harnesses build (build-fuzz/build.log)"
	say < build-fuzz/build.log
	echo "fuzz: $pass passed, $fail failed"
	exit 1
fi

# the harnesses build their bundle from the golden fixture found here;
# libgettextpo's own leaks (read by the generator) are not ours
export CRSV_TOP="$top"
export LSAN_OPTIONS="suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# the files of the folders given that exist
inputs() {
	for d in "$@"; do
		[ -d "$d" ] && find "$d" -type f | sort
	done
}

# replay NAME BIN: each regression and seed input once
replay() {
	files=$(inputs "$here/regress/$1" "$here/seeds/$1")
	n=$(printf '%s' "$files" | grep -c .)
	# no input: libFuzzer runs the empty one
	[ -n "$files" ] || files="-runs=0"
	# shellcheck disable=SC2086
	if "$2" -rss_limit_mb=2048 $files > "build-fuzz/$1.replay.log" 2>&1; then
		ok "$1: $n regression and seed inputs replayed"
	else
		bad "$1: an input of tests/fuzz/regress or seeds fails again (build-fuzz/$1.replay.log)"
		grep -E "ERROR|SUMMARY|not so|Running" "build-fuzz/$1.replay.log" | say
	fi
}

# fuzz NAME BIN: $seconds of fuzzing, from the kept corpus and the inputs
fuzz() {
	corpus="build-fuzz/corpus/$1"
	artifacts="build-fuzz/artifacts/$1/"
	log="build-fuzz/$1.fuzz.log"
	mkdir -p "$corpus" "$artifacts"
	set -- "$1" "$2" "$corpus"
	for d in "$here/regress/$1" "$here/seeds/$1"; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	name=$1
	bin=$2
	shift 2
	if "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
	     -artifact_prefix="$artifacts" "$@" > "$log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
		cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*\(cov: [0-9]*\).*\(ft: [0-9]*\).*\(corp: [^ ]*\).*/\1 \2 \3/p')
		ok "$name: ${seconds}s, $execs runs ($speed/s), $cov"
	else
		bad "$name: found something: $(ls -t "$artifacts" | head -1) in $artifacts ($log)"
		grep -E "ERROR|SUMMARY|not so|#0 |#1 |#2 |#3 " "$log" | say 25
	fi
}

for bin in build-fuzz/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	replay "$name" "$bin"
	[ "$run" = 1 ] && fuzz "$name" "$bin"
done

echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
