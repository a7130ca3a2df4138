#!/usr/bin/env bash
# crsv-kit bench, the officer's side: 200 kiosk records files holding 1
# million answers in all (tests/officer/gen-records.py: 1000 people a
# kiosk, 5 questions each), then, side by side in one run:
#   merge         crsv-gen merge of all 200 into an empty master
#   merge-one     one more kiosk file into that full master
#   report        crsv-gen report over the full master (time, peak memory)
#   sqlite3-union the sqlite3 tool's bare INSERT OR IGNORE union of the same
#                 files into the records schema (what an officer would do by hand)
#   sqlite3-union-one  the same tool adding the one more file to its union
# and a second corpus of another shape (40 kiosks of 250 people, 8 modules
# of 10 questions each, retakes, 100 community sessions a kiosk: about
# a million answers again), merged and reported.  Lines:
#   bench: merge <s> s, merge-one <s> s, report <s> s <MiB> MiB, sqlite3-union <s> s
#   bench: sqlite3-union-one <s> s
#   bench (8 modules, retakes, community): merge <s> s, report <s> s <MiB> MiB, sqlite3-union <s> s
# Environment: BENCH_DIR (default build/bench-officer), BENCH_KIOSKS (200),
# BENCH_PEOPLE (1000), CRSV_GEN (build/crsv-gen).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
gen=${CRSV_GEN:-build/crsv-gen}
dir=${BENCH_DIR:-build/bench-officer}
kiosks=${BENCH_KIOSKS:-200}
people=${BENCH_PEOPLE:-1000}
mkdir -p "$dir/k"
# made again when the generator changed since (its files carry a ledger now)
if [ "$(ls "$dir/k" | wc -l)" != "$kiosks" ] || [ tests/officer/gen-records.py -nt "$dir/k/k1.db" ]; then
	rm -f "$dir"/k/*.db
	echo "[bench] writing $kiosks kiosk files of $people people ..." >&2
	for i in $(seq 1 "$kiosks"); do
		python3 tests/officer/gen-records.py "$dir/k/k$i.db" --kiosk "$i" --people "$people"
	done
fi
python3 tests/officer/gen-records.py "$dir/one.db" --kiosk 100000 --people "$people"
secs() { /usr/bin/time -f "%e %M" "$@" 2>&1 > /dev/null | tail -1; }
# union FILE...: the SQL of the sqlite3 tool's bare union of the files,
# one transaction a file
union() {
	for f in "$@"; do
		echo "ATTACH '$f' AS s; BEGIN; INSERT OR IGNORE INTO sessions SELECT * FROM s.sessions;"
		echo "INSERT OR IGNORE INTO completions SELECT * FROM s.completions;"
		echo "INSERT OR IGNORE INTO answers SELECT * FROM s.answers; COMMIT; DETACH s;"
	done
}
rm -f "$dir/m.db"
read -r merge _ < <(secs "$gen" merge --into "$dir/m.db" "$dir/k")
read -r one _ < <(secs "$gen" merge --into "$dir/m.db" "$dir/one.db")
rm -rf "$dir/report"
read -r report kb < <(secs "$gen" report --records "$dir/m.db" --out "$dir/report" --assets assets)
rm -f "$dir/u.db"
{ cat common/records.sql; union "$dir"/k/*.db; } > "$dir/union.sql"
read -r union _ < <(secs sqlite3 "$dir/u.db" -init "$dir/union.sql" ".quit")
cp "$dir/u.db" "$dir/u1.db"
union "$dir/one.db" > "$dir/union-one.sql"
read -r union_one _ < <(secs sqlite3 "$dir/u1.db" -init "$dir/union-one.sql" ".quit")
rm -f "$dir/u1.db"
echo "bench: merge $merge s, merge-one $one s, report $report s $((kb / 1024)) MiB, sqlite3-union $union s"
echo "bench: sqlite3-union-one $union_one s"

# the second corpus: fewer kiosks, more modules, retakes and community
mkdir -p "$dir/b"
if [ "$(ls "$dir/b" | wc -l)" != 40 ] || [ tests/officer/gen-records.py -nt "$dir/b/b1.db" ]; then
	rm -f "$dir"/b/*.db
	echo "[bench] writing 40 kiosk files of 250 people, 8 modules ..." >&2
	for i in $(seq 1 40); do
		python3 tests/officer/gen-records.py "$dir/b/b$i.db" --kiosk "$i" --people 250 \
			--modules 8 --questions 10 --retakes 0.3 --sessions 100 --langs en,fr,ar
	done
fi
rm -f "$dir/mb.db"
read -r bmerge _ < <(secs "$gen" merge --into "$dir/mb.db" "$dir/b")
rm -rf "$dir/report-b"
read -r breport bkb < <(secs "$gen" report --records "$dir/mb.db" --out "$dir/report-b" --assets assets)
rm -f "$dir/ub.db"
{ cat common/records.sql; union "$dir"/b/*.db; } > "$dir/union-b.sql"
read -r bunion _ < <(secs sqlite3 "$dir/ub.db" -init "$dir/union-b.sql" ".quit")
echo "bench (8 modules, retakes, community): merge $bmerge s, report $breport s $((bkb / 1024)) MiB, sqlite3-union $bunion s"
