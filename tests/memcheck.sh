#!/bin/sh
# Run the generator's commands on the golden fixture under valgrind: any
# invalid access or leak fails.  Skipped (with a message) without valgrind.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v valgrind > /dev/null 2>&1; then
	echo "memcheck: skipped: valgrind is not installed"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$top/tests/golden/fixture" "$work/p"
cp -R "$top/assets" "$work/p/assets"
cd "$work/p" || exit 1
pass=0
fail=0
for cmd in "extract" "status" "build" "build --allow-incomplete"; do
	# shellcheck disable=SC2086
	if valgrind -q --suppressions="$top/tests/valgrind.supp" --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	     "$top/build/crsv-gen" $cmd > "$work/log" 2>&1; then
		pass=$((pass + 1))
		echo "[       OK ] memcheck: crsv-gen $cmd"
	else
		fail=$((fail + 1))
		echo "[  FAILED  ] memcheck: crsv-gen $cmd"
		head -30 "$work/log"
	fi
done
# and a failing run: errors must not leak either
printf 'msgid "x"\nmsgstr "y"\nmsgstr "z"\n' >> locales/ar.po
if valgrind -q --suppressions="$top/tests/valgrind.supp" --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
     "$top/build/crsv-gen" build > "$work/log" 2>&1; [ $? = 1 ]; then
	pass=$((pass + 1))
	echo "[       OK ] memcheck: crsv-gen build on a broken PO file"
else
	fail=$((fail + 1))
	echo "[  FAILED  ] memcheck: crsv-gen build on a broken PO file"
	head -30 "$work/log"
fi
echo "memcheck: $pass passed, $fail failed"
[ "$fail" = 0 ]
