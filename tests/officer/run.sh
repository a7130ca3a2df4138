#!/bin/sh
# The officer's tools on records made by the real kiosk: crsv-kiosk runs
# the scripted personnel and community sessions of tests/kiosk (French and
# Arabic) on the kiosk fixture's bundle; `crsv-gen merge` merges the files.
# Checked: counts, idempotence, order independence, a quiz finished in a
# later export, conflicts kept, rows still in a -wal read, inputs never
# changed, broken files named and skipped, a killed merge leaves the master
# as it was; modules read (schema version 3) merged, counted and reported
# as community reach, files and masters of version 2 still merged.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
kiosk="$top/build/crsv-kiosk"
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
suite=officer
. "$top/tests/lib.sh"
export SOURCE_DATE_EPOCH=1700000000
export SDL_VIDEODRIVER=dummy

# ---- records made by the real kiosk ----------------------------------------

"$gen" build --content "$top/tests/kiosk/fixture/content" --locales "$top/tests/kiosk/fixture/locales" \
	--assets "$top/assets" --out "$work/out" --no-packages > /dev/null 2>&1
"$gen" build --content "$top/tests/kiosk/fixture/content" --locales "$top/tests/kiosk/fixture/locales" \
	--assets "$top/assets" --out "$work/out" > "$work/gen.log" 2>&1
bundle="$work/out/packages/kiosk.bundle"
mkdir -p "$work/stick" "$work/shots"
for s in personnel-fr personnel-ar community-fr community-ar personnel-en; do
	script="$top/tests/kiosk/scripts/$s.script"
	[ -f "$script" ] || script="$here/$s.script"   # English: the officer's own
	(cd "$work/shots" && "$kiosk" --bundle "$bundle" --records "$work/stick/$s.db" \
		--script "$script" > /dev/null 2>&1)
done
"$kiosk" --records "$work/stick/community-fr.db" --set-name "Camp A, tent 3" 2> /dev/null
rows() {  # <db>: sessions completions answers reads
	sqlite3 "$1" "SELECT (SELECT count(*) FROM sessions) || ' ' || (SELECT count(*) FROM completions)
	              || ' ' || (SELECT count(*) FROM answers) || ' ' || (SELECT count(*) FROM reads)"
}
# every record of the master, in a fixed order: what merging must get right
records() {
	sqlite3 "$1" "SELECT 's', * FROM sessions ORDER BY uuid;
	              SELECT 'c', * FROM completions ORDER BY uuid;
	              SELECT 'a', * FROM answers ORDER BY uuid;
	              SELECT 'r', * FROM reads ORDER BY uuid;
	              SELECT 'x', uuid, tbl, version FROM merge_conflicts ORDER BY uuid, version"
}
sum_rows() { rows "$1" | awk '{ print $1 + $2 + $3 + $4 }'; }
total=0
for f in "$work"/stick/*.db; do
	total=$((total + $(sum_rows "$f")))
done
check "the kiosk made five records files (English, French, Arabic) with sessions, completions, answers and reads" \
	'[ "$(ls "$work"/stick/*.db | wc -l)" = 5 ] && [ "$total" -gt 20 ] &&
	 for f in "$work"/stick/*.db; do [ "$(sqlite3 "$f" "SELECT count(*) FROM reads")" = 1 ] || exit 1; done'
hash_inputs() { (cd "$work/stick" && find . -type f | sort | xargs sha256sum); }
before=$(hash_inputs)

# ---- merge ---------------------------------------------------------------------

m="$work/master.db"
"$gen" merge --into "$m" "$work/stick" > "$work/merge1.out" 2> "$work/merge1.err"
status=$?
check "merge of a folder: every row of the four files is in the master" \
	'[ "$status" = 0 ] && [ "$(sum_rows "$m")" = "$total" ]'
check "merge prints one summary line" \
	'grep -Eq "^merge: 5 files, added [0-9]+ sessions, [0-9]+ completions, [0-9]+ answers, 5 reads; 0 duplicates, 0 completed, 0 conflicts; 0 files skipped$" "$work/merge1.out"'
check "where each row came from is kept (a source per file, an origin per row, the kiosks)" \
	'[ "$(sqlite3 "$m" "SELECT count(*) FROM merge_sources")" = 5 ] &&
	 [ "$(sqlite3 "$m" "SELECT count(*) FROM merge_origins")" = "$total" ] &&
	 [ "$(sqlite3 "$m" "SELECT count(*) FROM merge_kiosks")" = 5 ]'
check "a kiosk named with crsv-kiosk --set-name is known by its name in the master" \
	'[ "$(sqlite3 "$m" "SELECT name FROM merge_kiosks WHERE name IS NOT NULL")" = "Camp A, tent 3" ]'
first=$(records "$m")
"$gen" merge --into "$m" "$work/stick" > "$work/merge2.out" 2>&1
check "merging the same files again adds nothing and changes no record" \
	'[ "$(records "$m")" = "$first" ] && grep -q "added 0 sessions, 0 completions, 0 answers, 0 reads; $total duplicates" "$work/merge2.out" &&
	 [ "$(sqlite3 "$m" "SELECT count(*) FROM merge_sources")" = 5 ]'
check "the inputs were not changed, and nothing was written beside them" \
	'[ "$(hash_inputs)" = "$before" ]'

# ---- a quiz finished in a later export; a conflicting copy ------------------------

pfr="$work/stick/personnel-fr.db"
mkdir -p "$work/early" "$work/clash"
cp "$pfr" "$work/early/personnel-fr-early.db"
sqlite3 "$work/early/personnel-fr-early.db" \
	"UPDATE completions SET score = NULL, passed = NULL, finished_at = NULL;
	 DELETE FROM answers WHERE uuid IN (SELECT uuid FROM answers ORDER BY answered_at DESC LIMIT 2)"
cp "$pfr" "$work/clash/personnel-fr-clash.db"
sqlite3 "$work/clash/personnel-fr-clash.db" \
	"UPDATE answers SET chosen = 'zzz' WHERE uuid = (SELECT min(uuid) FROM answers)"
# staged with SQL: their ledgers made again as a kiosk would have kept them
# (else merge rightly withholds the changed rows)
python3 "$here/rechain.py" "$work/early/personnel-fr-early.db" "$work/clash/personnel-fr-clash.db"
"$gen" merge --into "$work/m-early.db" "$work/early" > "$work/early.out" 2>&1
"$gen" merge --into "$work/m-early.db" "$pfr" > "$work/later.out" 2>&1
check "a quiz open in an earlier export and finished in a later one is completed" \
	'grep -q " 1 completed, 0 conflicts" "$work/later.out" &&
	 [ "$(sqlite3 "$work/m-early.db" "SELECT count(*) FROM completions WHERE finished_at IS NULL")" = 0 ]'
"$gen" merge --into "$work/m-late.db" "$pfr" > /dev/null 2>&1
"$gen" merge --into "$work/m-late.db" "$work/early" > "$work/late-early.out" 2>&1
check "an earlier export after a later one is a duplicate, and changes nothing" \
	'grep -q " 0 completed, 0 conflicts" "$work/late-early.out" &&
	 [ "$(records "$work/m-late.db")" = "$(records "$work/m-early.db")" ]'
"$gen" merge --into "$work/m-clash.db" "$pfr" "$work/clash" > "$work/clash.out" 2>&1
check "a UUID with other content is a conflict: both versions kept, with their sources" \
	'grep -q " 1 conflicts" "$work/clash.out" &&
	 [ "$(sqlite3 "$work/m-clash.db" "SELECT count(*) FROM merge_conflicts")" = 2 ] &&
	 [ "$(sqlite3 "$work/m-clash.db" "SELECT count(DISTINCT source) FROM merge_conflicts")" = 2 ] &&
	 sqlite3 "$work/m-clash.db" "SELECT version FROM merge_conflicts" | grep -q zzz'
# the same question of the same quiz answered under another UUID
mkdir -p "$work/twice"
cp "$pfr" "$work/twice/personnel-fr-twice.db"
sqlite3 "$work/twice/personnel-fr-twice.db" \
	"UPDATE answers SET uuid = '00000000-0000-4000-8000-000000000000', chosen = 'other'
	 WHERE uuid = (SELECT max(uuid) FROM answers)"
python3 "$here/rechain.py" "$work/twice/personnel-fr-twice.db"
"$gen" merge --into "$work/t1.db" "$pfr" "$work/twice" > "$work/twice1.out" 2>&1
"$gen" merge --into "$work/t2.db" "$work/twice" "$pfr" > "$work/twice2.out" 2>&1
check "two answers to one question of one quiz are a conflict (not a failed file), in either order the same" \
	'grep -q "1 conflicts; 0 files skipped" "$work/twice1.out" && grep -q "1 conflicts; 0 files skipped" "$work/twice2.out" &&
	 [ "$(records "$work/t1.db")" = "$(records "$work/t2.db")" ] &&
	 [ "$(sqlite3 "$work/t1.db" "SELECT count(*) FROM merge_conflicts")" = 2 ]'
# records changed after the kiosk wrote them: the ledger shows it
mkdir -p "$work/tamper"
for t in edited deleted moved old; do cp "$pfr" "$work/tamper/$t.db"; done
sqlite3 "$work/tamper/edited.db" "UPDATE answers SET correct = 1 - correct WHERE uuid = (SELECT min(uuid) FROM answers)"
sqlite3 "$work/tamper/deleted.db" "DELETE FROM answers WHERE uuid = (SELECT max(uuid) FROM answers)"
sqlite3 "$work/tamper/moved.db" "UPDATE ledger SET seq = 1000 WHERE seq = 2"
sqlite3 "$work/tamper/old.db" "DROP TABLE ledger; PRAGMA user_version = 1"
for t in edited deleted moved old; do
	"$gen" merge --into "$work/m-$t.db" "$work/tamper/$t.db" > "$work/$t.out" 2> "$work/$t.err"
	echo $? > "$work/$t.status"
done
edited_uuid=$(sqlite3 "$work/tamper/edited.db" "SELECT min(uuid) FROM answers")
check "records changed, deleted or moved after the kiosk wrote them: each named, exit status 1, the intact ones merged" \
	'grep -q "edited.db: warning: its ledger shows records altered after the kiosk wrote them (1 changed, 0 deleted" "$work/edited.err" &&
	 grep -q "deleted.db: warning: .*(0 changed, 1 deleted" "$work/deleted.err" &&
	 grep -q "moved.db: warning: .*entries missing (2, [0-9]*-999), [1-9] links broken, from entry 2)" "$work/moved.err" &&
	 for t in edited deleted moved; do [ "$(cat "$work/$t.status")" = 1 ] &&
	   grep -q "; 1 file with records altered after the kiosk wrote them$" "$work/$t.out" || exit 1; done &&
	 [ "$(sqlite3 "$work/m-edited.db" "SELECT count(*) FROM answers")" -gt 0 ]'
"$gen" report --records "$work/m-edited.db" --out "$work/rep-edited" --assets "$top/assets" \
	> /dev/null 2>&1
check "the report says, per kiosk, what merge found and how many records it withheld" \
	'grep -q "^[^,]*,edited.db,.*records altered after the kiosk wrote them.*,1," "$work"/rep-edited/findings_*.csv &&
	 tr -d "\r" < "$(ls "$work"/rep-edited/kiosks_*.csv)" | grep -q ",1,1$" &&
	 python3 "$here/agree.py" "$work/rep-edited" > /dev/null'
check "the changed answer is withheld from the master, every other row of the file merged" \
	'grep -q "): 1 records withheld from the master, the intact ones merged" "$work/edited.err" &&
	 [ "$(sqlite3 "$work/m-edited.db" "SELECT count(*) FROM answers WHERE uuid = '"'"'$edited_uuid'"'"'")" = 0 ] &&
	 [ "$(sqlite3 "$work/m-edited.db" "SELECT count(*) FROM answers")" = \
	   "$(( $(sqlite3 "$pfr" "SELECT count(*) FROM answers") - 1 ))" ] &&
	 [ "$(sqlite3 "$work/m-edited.db" "SELECT count(*) FROM completions")" = \
	   "$(sqlite3 "$pfr" "SELECT count(*) FROM completions")" ]'
check "a ledger reordered from entry 2: what comes after is withheld, not trusted" \
	'[ "$(sqlite3 "$work/m-moved.db" "SELECT count(*) FROM answers")" -lt \
	   "$(sqlite3 "$pfr" "SELECT count(*) FROM answers")" ]'
check "the real kiosk's own files show nothing altered; an older kiosk's file (no ledger) is said to have none" \
	'! grep -q "warning" "$work/merge1.err" && [ "$(cat "$work/old.status")" = 0 ] &&
	 grep -q "old.db: warning: made by an older kiosk: no ledger" "$work/old.err"'
# a file of a kiosk never seen before whose rows are there already (a copy
# given a new kiosk id): merged carefully, as duplicates, not added again
mkdir -p "$work/renamed"
cp "$pfr" "$work/renamed/renamed.db"
sqlite3 "$work/renamed/renamed.db" "UPDATE meta SET value = '99999999-9999-4999-8999-999999999999' WHERE key = 'kiosk_id'"
"$gen" merge --into "$work/m-late.db" "$work/renamed" > "$work/renamed.out" 2>&1
check "rows already there under a new kiosk's file are duplicates, not added twice" \
	'grep -q "added 0 sessions, 0 completions, 0 answers, 0 reads; [1-9][0-9]* duplicates" "$work/renamed.out" &&
	 [ "$(records "$work/m-late.db")" = "$(records "$work/m-early.db")" ]'
# every order of the same files gives the same records
"$gen" merge --into "$work/o1.db" "$work/stick" "$work/early" "$work/clash" > /dev/null 2>&1
"$gen" merge --into "$work/o2.db" "$work/clash" "$work/early" "$work/stick/personnel-fr.db" \
	"$work/stick/community-ar.db" "$work/stick/personnel-ar.db" "$work/stick/community-fr.db" \
	"$work/stick/personnel-en.db" > /dev/null 2>&1
"$gen" merge --into "$work/o3.db" "$work/early" > /dev/null 2>&1
"$gen" merge --into "$work/o3.db" "$work/clash" > /dev/null 2>&1
"$gen" merge --into "$work/o3.db" "$work/stick" > /dev/null 2>&1
check "merging in any order (at once or run by run) gives the same records" \
	'[ -n "$(records "$work/o1.db")" ] && [ "$(records "$work/o1.db")" = "$(records "$work/o2.db")" ] &&
	 [ "$(records "$work/o1.db")" = "$(records "$work/o3.db")" ]'

# a master merged into another (an officer's into headquarters'): the
# same records as merging every kiosk file at once, its kiosks and its
# conflicts with it; again, nothing changes
"$gen" merge --into "$work/mA.db" "$work/stick/personnel-fr.db" "$work/stick/personnel-ar.db" \
	"$work/stick/personnel-en.db" "$work/clash" > /dev/null 2>&1
"$gen" merge --into "$work/mB.db" "$work/stick/community-fr.db" "$work/stick/community-ar.db" \
	"$work/early" > /dev/null 2>&1
"$gen" merge --into "$work/mAB.db" "$work/mA.db" "$work/mB.db" > "$work/mAB.out" 2>&1
status=$?
"$gen" merge --into "$work/mAB.db" "$work/mB.db" "$work/mA.db" > "$work/mAB2.out" 2>&1
"$gen" merge --into "$work/mBA.db" "$work/mB.db" > /dev/null 2>&1
"$gen" merge --into "$work/mBA.db" "$work/stick/personnel-fr.db" "$work/mA.db" > /dev/null 2>&1
check "masters merged into a master: the records of all their kiosk files, kiosks named, conflicts kept, in any order" \
	'[ "$status" = 0 ] && grep -q "^merge: 2 files, .*; 0 files skipped$" "$work/mAB.out" &&
	 [ "$(records "$work/mAB.db")" = "$(records "$work/o1.db")" ] &&
	 [ "$(records "$work/mBA.db")" = "$(records "$work/o1.db")" ] &&
	 grep -q "added 0 sessions, 0 completions, 0 answers, 0 reads" "$work/mAB2.out" &&
	 [ "$(records "$work/mAB.db")" = "$(records "$work/o1.db")" ] &&
	 [ "$(sqlite3 "$work/mAB.db" "SELECT count(*) FROM merge_kiosks")" = 5 ] &&
	 [ "$(sqlite3 "$work/mAB.db" "SELECT name FROM merge_kiosks WHERE name IS NOT NULL")" = "Camp A, tent 3" ]'

# ---- rows still in a -wal beside the file --------------------------------------

mkdir -p "$work/wal"
cp "$work/stick/community-fr.db" "$work/wal/kiosk.db"
python3 - "$work/wal/kiosk.db" "$here" <<'EOF'
import os, sqlite3, sys
sys.path.insert(0, sys.argv[2])
from rechain import rechain
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA wal_autocheckpoint = 0")
k = db.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()[0]
db.execute("BEGIN")
db.execute("INSERT INTO sessions VALUES ('00000000-0000-4000-8000-00000000wal1', ?, 'fr', 7, 1, NULL)", (k,))
rechain(db)   # the ledger entry too, as the kiosk writes it
db.execute("COMMIT")
os._exit(0)   # no checkpoint: the row stays in kiosk.db-wal
EOF
walbefore=$(cd "$work/wal" && ls && sha256sum ./*)
"$gen" merge --into "$work/m-wal.db" "$work/wal/kiosk.db" > /dev/null 2>&1
check "rows still in a -wal beside the file are merged, and neither file is changed" \
	'[ -f "$work/wal/kiosk.db-wal" ] &&
	 [ "$(sqlite3 "$work/m-wal.db" "SELECT participants FROM sessions WHERE uuid LIKE '"'"'%wal1'"'"'")" = 7 ] &&
	 [ "$(cd "$work/wal" && ls && sha256sum ./*)" = "$walbefore" ]'

# ---- files and masters of schema version 2 (before the reads) ------------------

# a kiosk's file as a version-2 kiosk wrote it: no reads, a ledger that
# names three tables
v2file() {  # <from> <to>
	cp "$1" "$2"
	sqlite3 "$2" "DELETE FROM ledger WHERE tbl = 'reads'; DROP TABLE reads;
	              ALTER TABLE ledger RENAME TO l3;
	              CREATE TABLE ledger (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL CHECK (tbl IN
	                ('sessions', 'completions', 'answers')), uuid TEXT NOT NULL, row TEXT NOT NULL,
	                hash TEXT NOT NULL CHECK (length(hash) = 64));
	              INSERT INTO ledger SELECT * FROM l3; DROP TABLE l3; PRAGMA user_version = 2"
	python3 "$here/rechain.py" "$2"   # (the reads' entries gone from the chain)
}
mkdir -p "$work/v2"
v2file "$work/stick/community-fr.db" "$work/v2/community-fr-v2.db"
"$gen" merge --into "$work/m-v2.db" "$work/v2" > "$work/v2.out" 2> "$work/v2.err"
status=$?
check "a version-2 kiosk's file (no reads) is merged as it is, with nothing to warn of" \
	'[ "$status" = 0 ] && ! grep -q warning "$work/v2.err" &&
	 grep -q "^merge: 1 file, added 1 sessions, 1 completions, 6 answers, 0 reads;" "$work/v2.out" &&
	 [ "$(sqlite3 "$work/v2/community-fr-v2.db" "PRAGMA user_version")" = 2 ]'
# a master made by the previous release: version 2, its origins' CHECK
# naming three tables
cp "$work/m-v2.db" "$work/m-old.db"
sqlite3 "$work/m-old.db" "DROP TABLE reads; ALTER TABLE ledger RENAME TO l3;
	CREATE TABLE ledger (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL CHECK (tbl IN
	  ('sessions', 'completions', 'answers')), uuid TEXT NOT NULL, row TEXT NOT NULL,
	  hash TEXT NOT NULL CHECK (length(hash) = 64)); DROP TABLE l3;
	ALTER TABLE merge_origins RENAME TO o3;
	CREATE TABLE merge_origins (source INTEGER NOT NULL REFERENCES merge_sources (id),
	  uuid TEXT NOT NULL, tbl TEXT NOT NULL CHECK (tbl = 'sessions' OR tbl = 'completions' OR
	  tbl = 'answers'), PRIMARY KEY (source, uuid)) WITHOUT ROWID;
	INSERT INTO merge_origins SELECT * FROM o3; DROP TABLE o3; PRAGMA user_version = 2"
old_origins=$(sqlite3 "$work/m-old.db" "SELECT count(*) FROM merge_origins")
"$gen" merge --into "$work/m-old.db" "$work/stick/community-ar.db" > "$work/old-master.out" 2>&1
status=$?
check "a version-2 master is upgraded in place by the next merge: the reads merged, their origins kept, the old origins too" \
	'[ "$status" = 0 ] && [ "$(sqlite3 "$work/m-old.db" "PRAGMA user_version")" = 3 ] &&
	 [ "$(sqlite3 "$work/m-old.db" "SELECT count(*) FROM reads")" = 1 ] &&
	 [ "$(sqlite3 "$work/m-old.db" "SELECT count(*) FROM merge_origins WHERE tbl = '"'"'reads'"'"'")" = 1 ] &&
	 [ "$(sqlite3 "$work/m-old.db" "SELECT count(*) FROM merge_origins")" = \
	   "$((old_origins + $(sum_rows "$work/stick/community-ar.db")))" ] &&
	 [ "$(sqlite3 "$work/m-old.db" "PRAGMA integrity_check")" = ok ]'
"$gen" merge --into "$work/m-v2mix.db" "$work/v2" "$work/stick/community-ar.db" > /dev/null 2>&1
"$gen" report --records "$work/m-v2mix.db" --out "$work/rep-v2" --assets "$top/assets" > /dev/null 2>&1
check "a master of version-2 and version-3 files reports both (the reads of the newer only)" \
	'python3 -c "import csv, sys; rows = list(csv.DictReader(open(sys.argv[1], encoding=\"utf-8-sig\")));
sys.exit(not (sum(int(r[\"sessions\"]) for r in rows) == 2 and sum(int(r[\"reads\"]) for r in rows) == 1))" "$(ls "$work"/rep-v2/kiosks_*.csv)" &&
	 python3 "$here/agree.py" "$work/rep-v2" > /dev/null'

# ---- broken files are named, the others merged ---------------------------------

mkdir -p "$work/mixed"
cp "$work/stick/personnel-ar.db" "$work/mixed/good.db"
cp "$bundle" "$work/mixed/a-bundle.db"
echo "not a database" > "$work/mixed/text.db"
head -c 5000 "$work/stick/community-ar.db" > "$work/mixed/truncated.db"
cp "$work/stick/community-fr.db" "$work/mixed/newer.db"
sqlite3 "$work/mixed/newer.db" "PRAGMA user_version = 99"
"$gen" merge --into "$work/m-mixed.db" "$work/mixed" "$work/nowhere" > "$work/mixed.out" 2> "$work/mixed.err"
status=$?
check "a bundle, a text file, a truncated file, a newer schema and a missing path are each named with the reason" \
	'grep -q "a-bundle.db: error: this is a kiosk bundle, not a records file" "$work/mixed.err" &&
	 grep -q "text.db: error: not a crsv-kiosk records file" "$work/mixed.err" &&
	 grep -q "truncated.db: error: " "$work/mixed.err" &&
	 grep -q "newer.db: error: records schema version 99, this program reads versions 1 to 3" "$work/mixed.err" &&
	 grep -q "nowhere: error: no such file or folder" "$work/mixed.err"'
check "the good file is still merged; the exit status is 1" \
	'[ "$status" = 1 ] && grep -q "^merge: 1 file, .*; 5 files skipped$" "$work/mixed.out" &&
	 [ "$(rows "$work/m-mixed.db")" = "$(rows "$work/stick/personnel-ar.db")" ]'
"$gen" merge --into "$work/stick/personnel-ar.db" "$work/stick/community-ar.db" > /dev/null 2> "$work/into-kiosk.err"
check "a kiosk's own records file is refused as a master, and left as it was" \
	'grep -q "not a master" "$work/into-kiosk.err" && [ "$(hash_inputs)" = "$before" ]'

# ---- a killed merge leaves the master as it was -------------------------------

mkdir -p "$work/many"
i=0
while [ $i -lt 60 ]; do
	cp "$work/stick/personnel-fr.db" "$work/many/k$i.db"
	p=$(printf 'k%02d' $i)   # a kiosk of its own: every UUID starts with it (not hex)
	sqlite3 "$work/many/k$i.db" "UPDATE meta SET value = '$p' || substr(value, 4) WHERE key = 'kiosk_id';
	                             UPDATE completions SET uuid = '$p' || substr(uuid, 4);
	                             UPDATE answers SET uuid = '$p' || substr(uuid, 4),
	                               completion_uuid = '$p' || substr(completion_uuid, 4);
	                             UPDATE reads SET uuid = '$p' || substr(uuid, 4)"
	i=$((i + 1))
done
cp "$m" "$work/m-kill.db"
killed=$(sha256sum < "$work/m-kill.db")
# killed (SIGKILL, as a power cut) after 30 of the 60 files, before the commit
CRSV_TEST_CRASH_AFTER_FILES=30 "$gen" merge --into "$work/m-kill.db" "$work/many" > /dev/null 2>&1
status=$?
# the next program to open it rolls a journal back, as SQLite does
sqlite3 "$work/m-kill.db" "PRAGMA integrity_check" > "$work/kill-check.out" 2>&1
check "a merge killed part-way leaves the master byte for byte as it was" \
	'[ "$status" = 137 ] && [ "$(cat "$work/kill-check.out")" = ok ] &&
	 [ "$(sha256sum < "$work/m-kill.db")" = "$killed" ]'
"$gen" merge --into "$work/m-kill.db" "$work/many" > "$work/many.out" 2>&1
check "the same merge run again to the end adds all 60 files" \
	'grep -q "^merge: 60 files" "$work/many.out" &&
	 [ "$(sqlite3 "$work/m-kill.db" "SELECT count(*) FROM merge_kiosks")" = 65 ]'

# ---- an export made on the kiosk's admin screen -----------------------------

mkdir -p "$work/usb"
cp "$work/stick/personnel-ar.db" "$work/kiosk-b.db"
"$kiosk" --records "$work/kiosk-b.db" --set-name "Bria: clinic" 2> /dev/null
echo 2468 | "$kiosk" --records "$work/kiosk-b.db" --set-pin 2> /dev/null
(cd "$work/shots" && "$kiosk" --bundle "$bundle" --records "$work/kiosk-b.db" \
	--export-dir "$work/usb" --script "$here/export.script" > /dev/null 2>&1)
exported=$(ls "$work/usb")
check "the admin screen's export is named by the kiosk's name and the date" \
	'echo "$exported" | grep -Eq "^crsv-records-bria-clinic-[0-9a-f]{8}-20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{6}Z\.db$"'
"$gen" merge --into "$work/m-usb.db" "$work/usb" > /dev/null 2>&1
check "merging the stick keeps the kiosk's name and the time of its export" \
	'[ "$(sqlite3 "$work/m-usb.db" "SELECT name FROM merge_kiosks")" = "Bria: clinic" ] &&
	 [ "$(sqlite3 "$work/m-usb.db" "SELECT last_export_at FROM merge_kiosks")" = "$(sqlite3 "$work/usb/$exported" "SELECT value FROM meta WHERE key = '"'"'exported_at'"'"'")" ] &&
	 [ -z "$(sqlite3 "$work/usb/$exported" "SELECT key FROM meta WHERE key LIKE '"'"'pin%'"'"'")" ]'

# the export's checkpoint, signed with the kiosk's own key
ex="$work/usb/$exported"
check "an export carries a checkpoint signed with the kiosk's key, never the kiosk's secret key" \
	'[ -n "$(sqlite3 "$ex" "SELECT value FROM meta WHERE key = '"'"'checkpoint_sig'"'"'")" ] &&
	 [ -z "$(sqlite3 "$ex" "SELECT key FROM meta WHERE key = '"'"'kiosk_secret'"'"'")" ] &&
	 [ -n "$(sqlite3 "$work/kiosk-b.db" "SELECT value FROM meta WHERE key = '"'"'kiosk_secret'"'"'")" ]'
"$gen" merge --into "$work/m-cp.db" "$ex" > /dev/null 2> "$work/cp.err"
status=$?
check "merging it checks the checkpoint: nothing to say, and the kiosk's key and checkpoint are kept" \
	'[ "$status" = 0 ] && ! grep -q warning "$work/cp.err" &&
	 [ "$(sqlite3 "$work/m-cp.db" "SELECT checkpoint_seq FROM merge_kiosks")" = "$(sqlite3 "$ex" "SELECT max(seq) FROM ledger")" ] &&
	 [ -n "$(sqlite3 "$work/m-cp.db" "SELECT public_key FROM merge_kiosks")" ]'
# a master merged into another carries what it knows of each kiosk
kiosk_trust() {
	sqlite3 "$1" "SELECT kiosk_id, public_key, instance_id, checkpoint_seq, checkpoint_head
	              FROM merge_kiosks ORDER BY kiosk_id"
}
"$gen" merge --into "$work/m-hq.db" "$work/m-cp.db" > /dev/null 2>&1
check "a master merged into a master carries each kiosk's key, instance and newest checkpoint" \
	'[ -n "$(sqlite3 "$work/m-hq.db" "SELECT public_key FROM merge_kiosks WHERE checkpoint_seq > 0")" ] &&
	 [ "$(kiosk_trust "$work/m-hq.db")" = "$(kiosk_trust "$work/m-cp.db")" ]'
"$gen" merge --into "$work/m-hq.db" "$ex" > /dev/null 2> "$work/hq-ex.err"
check "... so the kiosk's next export is checked against it there too" \
	'! grep -q warning "$work/hq-ex.err"'
cp "$work/m-cp.db" "$work/m-forged-key.db"
sqlite3 "$work/m-forged-key.db" "UPDATE merge_kiosks SET public_key = 'AAAA' || substr(public_key, 5)"
"$gen" merge --into "$work/m-hq.db" "$work/m-forged-key.db" > /dev/null 2> "$work/forged-master.err"
check "a master that knows a kiosk by another key than ours: warned, and our key stays" \
	'grep -q "m-forged-key.db: warning: kiosk .* signs with another key in this master" "$work/forged-master.err" &&
	 [ "$(kiosk_trust "$work/m-hq.db")" = "$(kiosk_trust "$work/m-cp.db")" ]'
mkdir -p "$work/cut"
cp "$ex" "$work/cut/cut.db"
sqlite3 "$work/cut/cut.db" "DELETE FROM answers WHERE uuid = (SELECT uuid FROM ledger WHERE tbl = 'answers' ORDER BY seq DESC LIMIT 1);
	DELETE FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)"
cp "$ex" "$work/cut/forged.db"
sqlite3 "$work/cut/forged.db" "UPDATE meta SET value = 'crsv-kit/' || substr(value, 10, 36) || '/forged' ||
	substr(value, instr(value, char(10))) WHERE key = 'checkpoint'"
"$gen" merge --into "$work/m-cut.db" "$work/cut/cut.db" > /dev/null 2> "$work/cut.err"
status=$?
"$gen" merge --into "$work/m-forged.db" "$work/cut/forged.db" > /dev/null 2> "$work/forged.err"
check "the last records cut from an export (row and ledger entry both): the signed checkpoint shows it" \
	'[ "$status" = 1 ] && grep -q "cut.db: warning: its ledger does not end where the kiosk.s signed checkpoint says" "$work/cut.err"'
check "a checkpoint edited in the export does not verify" \
	'grep -q "forged.db: warning: its signed checkpoint does not verify" "$work/forged.err"'
sqlite3 "$work/m-cp.db" "UPDATE merge_kiosks SET checkpoint_head = '$(printf '%064d' 0)'"
"$gen" merge --into "$work/m-cp.db" "$ex" > /dev/null 2> "$work/cp2.err"
check "an export whose ledger does not extend the one merged before from the kiosk is named" \
	'grep -q "warning: its ledger does not extend the one merged before" "$work/cp2.err"'

# ---- the report -------------------------------------------------------------------

fix="$top/tests/kiosk/fixture"
report() {  # <out> [options]: a report of the master $m with the fixture's content
	out=$1
	shift
	"$gen" report --records "$m" --out "$out" --content "$fix/content" --locales "$fix/locales" \
		--assets "$top/assets" "$@"
}
report "$work/rep" > "$work/rep.out" 2>&1
status=$?
check "report: four pages and a CSV beside every table" \
	'[ "$status" = 0 ] && for p in index people community questions; do [ -f "$work/rep/$p.html" ] || exit 1; done &&
	 [ "$(ls "$work/rep"/*.csv | wc -l)" = 12 ]'
check "report: every table on the pages says what its CSV says (BOM, CRLF, same rows and numbers)" \
	'python3 "$here/agree.py" "$work/rep" > "$work/agree.out" || { cat "$work/agree.out"; false; }'
check "report: personnel reads and quizzes in English, French and Arabic each have their row (read, started, finished)" \
	'for l in en fr ar; do grep -q "^What conflict-related sexual violence is,$l,1,1,1," "$work"/rep/completions_*.csv || exit 1; done'
check "report: module titles from the content, kiosk names, never a kiosk UUID" \
	'grep -q "What conflict-related sexual violence is" "$work/rep/index.html" &&
	 grep -q "Camp A, tent 3" "$work/rep/index.html" &&
	 ! grep -Eq "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-" "$work/rep"/*.html'
check "report: the pages say which kiosks, dates and content versions they cover" \
	'LC_ALL=C sed "s/\xe2\x81\xa6//g; s/\xe2\x81\xa9//g" "$work/rep/index.html" |
	 grep -Eq "This report covers 5 kiosks, from 20[0-9-]{8} to 20[0-9-]{8}, and 1 versions"'
printf '\357\273\277person_ref,unit,due\r\n4711,"Unit A, HQ",2026-04-01\r\n9999,Unit B,\r\n' > "$work/roster.csv"
report "$work/rep-roster" --roster "$work/roster.csv" > /dev/null 2>&1
check "report --roster: each person of the roster, with its columns, and the modules of each personnel track still to do" \
	'tr -d "\r" < "$(ls "$work"/rep-roster/roster_*.csv)" | grep -q "^4711,\"Unit A, HQ\",2026-04-01,Policy and mandate,1,1,$" &&
	 grep -q "^9999,Unit B,,Policy and mandate,0,1,What conflict-related sexual violence is" "$work"/rep-roster/roster_*.csv &&
	 python3 "$here/agree.py" "$work/rep-roster" > /dev/null'
printf 'name\nx\n' > "$work/bad-roster.csv"
report "$work/rep-badroster" --roster "$work/bad-roster.csv" > /dev/null 2> "$work/badroster.err"
check "report --roster without a person_ref column: an error naming the file and line" \
	'grep -q "bad-roster.csv:1: error: the roster has no \"person_ref\" column" "$work/badroster.err" && [ ! -e "$work/rep-badroster" ]'
report "$work/rep2" > /dev/null 2>&1
check "report: the same input gives the same bytes" 'diff -r "$work/rep" "$work/rep2" > /dev/null'
report "$work/rep-ar" --lang ar > /dev/null 2>&1
check "report: in Arabic, right to left, in the officer's language" \
	'grep -q "<html lang=\"ar\" dir=\"rtl\">" "$work/rep-ar/index.html" &&
	 python3 "$here/agree.py" "$work/rep-ar" > /dev/null'
report "$work/rep-later" --from 2030-01-01 > /dev/null 2>&1
check "report: --from leaves out older records" \
	'[ "$(wc -l < "$work/rep-later/completions_2030-01-01_-.csv")" = 1 ]'
"$gen" report --records "$bundle" --out "$work/rep" --assets "$top/assets" > /dev/null 2> "$work/rep-bad.err"
status=$?
check "report: a bundle as --records is refused, and the previous report is left as it was" \
	'[ "$status" = 1 ] && grep -q "not a records file" "$work/rep-bad.err" && diff -r "$work/rep" "$work/rep2" > /dev/null'

# generated records of known content: 3 kiosks, 60 people, fr and ar, q3
# broken in ar; a person_ref that is a spreadsheet formula; community
# sessions, 3 on one kiosk (too few to show) and 8 on another
mkdir -p "$work/gen"
python3 "$here/gen-records.py" "$work/gen/k1.db" --kiosk 1 --people 30 --hard-lang ar --sessions 3
python3 "$here/gen-records.py" "$work/gen/k2.db" --kiosk 2 --people 30 --hard-lang ar --sessions 8
sqlite3 "$work/gen/k2.db" "UPDATE completions SET person_ref = '=HYPERLINK(\"http://x\")' WHERE person_ref = 'P2-0'"
python3 "$here/rechain.py" "$work/gen/k2.db"
"$gen" merge --into "$work/gen.db" "$work/gen" > /dev/null 2>&1
"$gen" report --records "$work/gen.db" --out "$work/grep" --assets "$top/assets" > /dev/null 2>&1
csvof() { ls "$work/grep/$1"_[0-9]*.csv; }   # items_<date>, not items_langs_<date>
check "report: item analysis: facility and a positive discrimination for a question that separates" \
	'tr -d "\r" < "$(csvof items)" | grep -q "^policy/01-x,q1,60,0.83,0.[1-9][0-9]*,$" || { grep q1 "$(csvof items)"; false; }'
check "report: per language, a question answered right by nobody in Arabic is flagged \"check the translation\"" \
	'grep -q "^policy/01-x,q3,ar,30,0,[-0-9.]*,check the translation" "$(csvof items_langs)" &&
	 ! grep -q "^policy/01-x,q1,ar,.*check the translation" "$(csvof items_langs)"'
check "report: a cell that is a spreadsheet formula is neutralised in the CSV" \
	'grep -q "^\"'"'"'=HYPERLINK(\"\"http://x\"\")\"," "$(csvof people)"'
check "report: community aggregates of fewer than 5 sessions say \"< 5\", larger ones their numbers (reads too)" \
	'grep -q ",< 5,< 5,< 5,< 5," "$(csvof community)" && grep -q ",8,80,8,16," "$(csvof community)"'
check "report: community reach per module counts the sessions that read a module and left its quiz" \
	'tr -d "\r" < "$(csvof community_reach)" | grep -q "^sensitization/01-y,11,110,11,11,0$" &&
	 tr -d "\r" < "$(csvof community_reach)" | grep -q "^sensitization/02-z,11,110,11,0,11$" ||
	 { cat "$(csvof community_reach)"; false; }'
check "report: the person x module grid has a row per person, ✓ with the best score for a pass" \
	'[ "$(($(wc -l < "$(ls "$work"/grep/people_grid_*.csv)") - 1))" = 60 ] &&
	 grep -q "^P1-28,✓ 5/5" "$(ls "$work"/grep/people_grid_*.csv)" && grep -q "^P1-0,✗ 0/5" "$(ls "$work"/grep/people_grid_*.csv)"'
check "report: community answers never enter the person grid" \
	'[ "$(($(wc -l < "$(csvof people)") - 1))" = 60 ] && ! grep -q "sensitization" "$(csvof people)"'
"$gen" report --records "$work/gen.db" --out "$work/anon" --assets "$top/assets" --no-person-ids > /dev/null 2>&1
"$gen" report --records "$work/gen.db" --out "$work/anon2" --assets "$top/assets" --no-person-ids > /dev/null 2>&1
check "report --no-person-ids: no index number in any page or CSV, stable pseudonyms, the key kept beside the master (0600)" \
	'! grep -rq "P[12]-[0-9]" "$work/anon" && grep -Eq "^P-[0-9a-f]{12}," "$work/anon"/people_[0-9]*.csv &&
	 [ "$(grep -Ec "^P-[0-9a-f]{12}," "$work/anon"/people_[0-9]*.csv)" = 60 ] &&
	 diff -r "$work/anon" "$work/anon2" > /dev/null &&
	 [ "$(stat -c %a "$work/gen.db.key")" = 600 ] && [ "$(stat -c %s "$work/gen.db.key")" = 32 ]'
check "report: the generated report agrees with its CSVs too" \
	'python3 "$here/agree.py" "$work/grep" > "$work/agree2.out" || { cat "$work/agree2.out"; false; }'

# 1100 people: the people pages come in pages of 1000, linked, and the
# CSVs hold everyone; a row dropped from the second page is caught
python3 "$here/gen-records.py" "$work/big.db" --kiosk 7 --people 1100
"$gen" report --records "$work/big.db" --out "$work/big" --assets "$top/assets" > /dev/null 2>&1
check "report: 1100 people in pages of 1000, linked both ways, every one of them in the CSVs" \
	'[ -f "$work/big/people-2.html" ] && [ ! -e "$work/big/people-3.html" ] &&
	 grep -q "<a href=\"people-2.html\">Next page</a>" "$work/big/people.html" &&
	 grep -q "<a href=\"people.html\">Previous page</a>" "$work/big/people-2.html" &&
	 grep -q "Page 2 of 2" "$work/big/people-2.html" &&
	 [ "$(grep -c "<tr><th scope=\"row\" dir=\"auto\">P7-" "$work/big/people.html")" = 2000 ] &&
	 [ "$(($(wc -l < "$(ls "$work"/big/people_grid_*.csv)") - 1))" = 1100 ] &&
	 python3 "$here/agree.py" "$work/big" > /dev/null'
python3 -c 'import sys; p = sys.argv[1]; s = open(p).read().split("\n"); i = [n for n, l in enumerate(s) if l.startswith("<tr><th scope=\"row\" dir=\"auto\">P7-")][5]; del s[i]; open(p, "w").write("\n".join(s))' "$work/big/people-2.html"
check "report: the agreement check catches a row missing from the second people page" \
	'! python3 "$here/agree.py" "$work/big" > /dev/null'

# the report in a browser: it loads from file:// with nothing else, the
# chart is drawn and titled, every table has its caption
if command -v chromium > /dev/null 2>&1; then
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --no-first-run --user-data-dir="$work/chrome" \
		--virtual-time-budget=5000 --dump-dom "file://$work/grep/index.html" > "$work/dom.html" 2> /dev/null
	check "report in Chromium: the page renders with its SVG chart (titled) and captioned tables" \
		'grep -q "<svg" "$work/dom.html" && grep -q "<title id=\"weeks-chart-title\">" "$work/dom.html" &&
		 [ "$(grep -c "<caption>" "$work/dom.html")" = 4 ] && ! grep -Eq "(src|href)=\"https?:" "$work/dom.html"'
else
	echo "officer: the browser check is skipped: chromium is not installed"
fi

# every report page, English and Arabic, against the WCAG 2.1 A and AA
# rules of axe-core (npm, installed by tools/deps.sh test), in Chromium
axe="$top/build/npm/node_modules/axe-core/axe.min.js"
if command -v chromium > /dev/null 2>&1 && [ -f "$axe" ]; then
	report "$work/rep-a11y-ar" --lang ar > /dev/null 2>&1
	bad_pages=""
	for dir in "$work/rep" "$work/rep-a11y-ar"; do
		cp "$axe" "$here/axe-run.js" "$dir/"
		for page in index people community questions; do
			# the page as it is, but for its Content-Security-Policy (which
			# rightly forbids scripts) and the two scripts of the check
			sed -e '/Content-Security-Policy/d' \
			    -e 's|</body>|<script src="axe.min.js"></script><script src="axe-run.js"></script></body>|' \
			    "$dir/$page.html" > "$dir/axe-$page.html"
			timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
				--disable-component-update --no-first-run --user-data-dir="$work/chrome-axe" \
				--virtual-time-budget=20000 --dump-dom "file://$dir/axe-$page.html" 2> /dev/null |
				python3 -c 'import html, json, re, sys
m = re.search(r"<pre id=\"axe-result\">(.*?)</pre>", sys.stdin.read(), re.S)
r = json.loads(html.unescape(m.group(1))) if m else {"error": "axe did not run"}
bad = r.get("error") or r["violations"] or (r["passes"] < 10 and "too few rules ran")
print(json.dumps(bad, indent=1)) if bad else None
sys.exit(1 if bad else 0)' > "$work/axe.out" ||
				{ bad_pages="$bad_pages $(basename "$dir")/$page"; cat "$work/axe.out"; }
		done
	done
	check "report pages in English and Arabic: no WCAG 2.1 A/AA violation by axe-core" '[ -z "$bad_pages" ]'
else
	echo "officer: the accessibility check is skipped: chromium or axe-core (tools/deps.sh test) is missing"
fi

# ---- the command line ------------------------------------------------------------

"$gen" help merge > "$work/help.out" 2>&1
check "crsv-gen help merge lists its options" 'grep -q "^  --into MASTER.db" "$work/help.out"'
"$gen" merge "$work/stick" > /dev/null 2> "$work/nointo.err"
status=$?
check "merge without --into says so (exit 2)" '[ "$status" = 2 ] && grep -q "needs --into" "$work/nointo.err"'
"$gen" build --into x > /dev/null 2> "$work/wrongopt.err"
check "a command refuses another command's option" \
	'grep -q "crsv-gen build: unknown option \"--into\"" "$work/wrongopt.err"'

echo "officer: $pass passed, $fail failed"
[ "$fail" = 0 ]
