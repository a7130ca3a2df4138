#!/bin/sh
# Bad-input tests.  Each cases/<name>.sh breaks a copy of the golden fixture
# (it runs inside that copy) and sets:
#   EXPECT   an extended regex the error output must match
#            (compiler style: path:line: error: ...)
#   COMMAND  the crsv-gen command to run (default: build)
#   AFTER    optional: a shell test that must also hold (e.g. more messages)
# The runner checks: non-zero exit, the expected message, and that the
# previous out/ (built before breaking the input) is byte-for-byte intact
# with no temporary files left behind.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
pass=0
fail=0
export SOURCE_DATE_EPOCH=0

# out/.cache holds compiled catalogues, not output: it may change.
snapshot() { (cd "$1" && find . -path ./.cache -prune -o -type f -print | sort | xargs sha256sum) 2>/dev/null; }

for case in "$here"/cases/*.sh; do
	name=$(basename "$case" .sh)
	work=$(mktemp -d)
	cp -R "$top/tests/golden/fixture" "$work/p"
	cp -R "$top/assets" "$work/p/assets"
	(cd "$work/p" && "$gen" build > /dev/null 2>&1)
	before=$(snapshot "$work/p/out")
	EXPECT=""
	AFTER=true
	COMMAND=build
	cd "$work/p" || exit 1
	. "$case"
	# shellcheck disable=SC2086
	"$gen" $COMMAND > "$work/stdout" 2> "$work/stderr"
	status=$?
	cd "$top" || exit 1
	after=$(snapshot "$work/p/out")
	why=""
	[ "$status" = 0 ] && why="exit status 0"
	grep -Eq -- "$EXPECT" "$work/stderr" || why="${why:+$why; }message does not match /$EXPECT/"
	[ "$before" = "$after" ] || why="${why:+$why; }out/ changed"
	eval "$AFTER" || why="${why:+$why; }the further check failed: $AFTER"
	[ -z "$(find "$work/p/out" -name '.build-*' -o -name '*.tmp-*')" ] || why="${why:+$why; }temporary files left"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "[       OK ] bad-input: $name: $(grep -v ": warning: " "$work/stderr" | head -1)"
	else
		fail=$((fail + 1))
		echo "[  FAILED  ] bad-input: $name: $why"
		sed 's/^/    /' "$work/stderr" | head -5
	fi
	rm -rf "$work"
done
echo "bad-input: $pass passed, $fail failed"
[ "$fail" = 0 ]
