#!/bin/sh
# Run every test suite; print cmocka's summary lines; exit non-zero when any
# test failed.  Called by `make check` after the binaries are built.
set -u
cd "$(dirname "$0")/.." || exit 1
failed=0

echo "== unit tests (cmocka)"
for t in build/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" || failed=1
done

for suite in golden bad-input rebuild site browser packages zim kiosk officer trust cert xapi narration deploy fuzz; do
	echo "== $suite tests"
	sh "tests/$suite/run.sh" || failed=1
done

echo "== memory checks"
sh tests/memcheck.sh || failed=1

if [ "$failed" != 0 ]; then
	echo "make check: some tests FAILED"
	exit 1
fi
echo "make check: all tests passed"
