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
# vg NAME STATUS ARGS...: crsv-gen ARGS under valgrind must exit STATUS (its
# own, not valgrind's 99) with no invalid access and no leak
vg() {
	name=$1
	want=$2
	shift 2
	valgrind -q --suppressions="$top/tests/valgrind.supp" --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$top/build/crsv-gen" "$@" > "$work/log" 2>&1
	if [ $? = "$want" ]; then
		pass=$((pass + 1))
		echo "[       OK ] memcheck: $name"
	else
		fail=$((fail + 1))
		echo "[  FAILED  ] memcheck: $name"
		head -30 "$work/log"
	fi
}
for cmd in "extract" "status" "build" "build --allow-incomplete"; do
	# shellcheck disable=SC2086
	vg "crsv-gen $cmd" 0 $cmd
done
# and a failing run: errors must not leak either
printf 'msgid "x"\nmsgstr "y"\nmsgstr "z"\n' >> locales/ar.po
vg "crsv-gen build on a broken PO file" 1 build
# merge: two records files (one twice, to meet duplicates), a broken one
sqlite3 "$work/r1.db" < "$top/common/records.sql"
sqlite3 "$work/r1.db" "INSERT INTO meta VALUES ('kiosk_id', '11111111-1111-4111-8111-111111111111');
  INSERT INTO completions VALUES ('22222222-2222-4222-8222-222222222222',
    '11111111-1111-4111-8111-111111111111', 'personnel', '4711', NULL, 'a/01-x', 'fr', 'v1',
    NULL, 2, NULL, 1, NULL);
  INSERT INTO answers VALUES ('33333333-3333-4333-8333-333333333333',
    '22222222-2222-4222-8222-222222222222', 'q1', 'a', 1, 2)"
cp "$work/r1.db" "$work/r2.db"
sqlite3 "$work/r2.db" "UPDATE completions SET score = 1, passed = 0, finished_at = 3;
  UPDATE answers SET chosen = 'b'"
echo "not a database" > "$work/r3.db"
vg "crsv-gen merge (completed, conflict, duplicate, a broken file)" 1 \
	merge --into "$work/master.db" "$work/r1.db" "$work/r2.db" "$work/r1.db" "$work/r3.db"
vg "crsv-gen report" 0 report --records "$work/master.db" --out "$work/report" \
	--assets "$top/assets" --content "$top/tests/golden/fixture/content" \
	--locales "$top/tests/golden/fixture/locales" --lang fr
printf 'person_ref,unit\n4711,A\n9999,B\n' > "$work/roster.csv"
vg "crsv-gen report --no-person-ids --roster" 0 report --records "$work/master.db" \
	--out "$work/report2" --assets "$top/assets" --content "$top/tests/golden/fixture/content" \
	--locales "$top/tests/golden/fixture/locales" --no-person-ids --roster "$work/roster.csv"
printf 'unit\nA\n' > "$work/bad-roster.csv"
vg "crsv-gen report on a roster without person_ref" 1 report --records "$work/master.db" \
	--out "$work/report3" --assets "$top/assets" --content "$top/tests/golden/fixture/content" \
	--locales "$top/tests/golden/fixture/locales" --roster "$work/bad-roster.csv"
echo "memcheck: $pass passed, $fail failed"
[ "$fail" = 0 ]
