#!/bin/sh
# make kiosk-sheet: one PNG of every kiosk screenshot golden
# (tests/kiosk/golden/*.bmp.gz), for a person to look at all the screens
# at once: build/kiosk-sheet.png.  tests/kiosk/run.sh --update makes
# another of what it changed (build/kiosk-test/changes.png, old beside new).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
sheet=build/tests/kiosk-sheet
[ -x "$sheet" ] || make -s "$sheet"
work=build/kiosk-sheet
rm -rf "$work"
mkdir -p "$work"
for g in tests/kiosk/golden/*.bmp.gz tests/trust/golden/*.bmp.gz; do
	[ -f "$g" ] || continue
	gzip -dc "$g" > "$work/$(basename "$g" .gz)"
done
# shellcheck disable=SC2046
"$sheet" -c 6 -s 300 build/kiosk-sheet.png $(ls "$work"/*.bmp | sort)
echo "kiosk-sheet: $(ls "$work"/*.bmp | wc -l) screens in build/kiosk-sheet.png"
