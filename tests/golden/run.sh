#!/bin/sh
# Golden-file tests: build the fixture site and extract its catalogues, then
# compare every output byte for byte with tests/golden/expected/.  Also the
# training officer's report, in English and Arabic, of two kiosks' records
# (fixture/records/*.sql) merged into a master.
# `run.sh --update` (make golden-update) rewrites expected/ instead.
# Also checks that two builds of the same input are byte-identical.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
assets="$top/assets"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] golden: $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] golden: $1"; }

export SOURCE_DATE_EPOCH=0
cp -R "$here/fixture" "$work/fixture"
# The project's assets sit beside the fixture's content, as in a real
# checkout, so references in the catalogues read content/... and assets/...
cp -R "$assets" "$work/fixture/assets"
cd "$work/fixture" || exit 1
"$gen" extract > "$work/extract.log" 2>&1 || bad "extract ran"
"$gen" build --out "$work/out1" > /dev/null 2>&1 || bad "build ran"
"$gen" build --out "$work/out2" > /dev/null 2>&1 || bad "second build ran"

mkdir -p "$work/actual"
cp -R "$work/out1/site" "$work/actual/site"
cp -R "$work/fixture/locales" "$work/actual/locales"

# the report: the kiosks' files made from SQL, merged as of 2026-03-01
for k in kiosk-a kiosk-b; do
	cat "$top/common/records.sql" "$here/fixture/records/$k.sql" | sqlite3 "$work/$k.db" ||
		bad "records $k made"
done
SOURCE_DATE_EPOCH=1772323200 "$gen" merge --into "$work/master.db" "$work/kiosk-a.db" \
	"$work/kiosk-b.db" > /dev/null 2>&1 || bad "merge ran"
for lang in en ar; do
	SOURCE_DATE_EPOCH=1772323200 "$gen" report --records "$work/master.db" \
		--out "$work/actual/report-$lang" --content content --lang "$lang" > /dev/null 2>&1 ||
		bad "report --lang $lang ran"
	rm -rf "$work/actual/report-$lang/assets"   # the project's CSS, checked as such
done

if [ "${1:-}" = "--update" ]; then
	rm -rf "$here/expected"
	cp -R "$work/actual" "$here/expected"
	# keep the fixture's own catalogues in step with its content and ui.yaml
	rm -rf "$here/fixture/locales"
	cp -R "$work/fixture/locales" "$here/fixture/locales"
	echo "golden: expected/ and fixture/locales rewritten"
	exit 0
fi

if diff -r "$work/out1/site" "$work/out2/site" > /dev/null; then
	ok "two builds are byte-identical"
else
	bad "two builds differ"
fi
for part in site locales report-en report-ar; do
	if diff -ru "$here/expected/$part" "$work/actual/$part" > "$work/diff" 2>&1; then
		ok "$part matches expected/$part"
	else
		bad "$part differs from expected/$part (make golden-update after checking):"
		head -40 "$work/diff"
	fi
done
# The fixture's own catalogues must already be up to date with its content.
if diff -ru "$here/fixture/locales" "$work/fixture/locales" > "$work/diff" 2>&1; then
	ok "fixture catalogues are current"
else
	bad "fixture catalogues changed on extract (run extract in tests/golden/fixture):"
	head -20 "$work/diff"
fi
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
