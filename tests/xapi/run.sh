#!/bin/sh
# crsv-gen xapi against a real Learning Record Store: Learning Locker's
# xapi-statements (npm, on 127.0.0.1, tests/xapi/lrs/), with records made
# by the real kiosk (the officer suite's scripted sessions) and merged.
# Checked: every statement valid (xAPI 1.0.3, and 2.0's stricter rules),
# no person in community statements, a module read as "experienced", names
# and choices from the content,
# what the LRS returns equal to what was sent, a second run storing
# nothing twice, a changed row reported as a conflict, a bad statement
# found in its batch and the rest sent, the LRS killed mid-run (the run
# waits and goes on) and a run that gave up resumed, credentials never
# printed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
kiosk="$top/build/crsv-kiosk"
work=$(mktemp -d)
suite=xapi
. "$top/tests/lib.sh"
. "$here/lrs/lrs.sh"
trap 'lrs_stop 2> /dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
export SDL_VIDEODRIVER=dummy
fix="$top/tests/kiosk/fixture"
base=https://training.example.org/crsv/
content="--content $fix/content --locales $fix/locales --assets $top/assets --base $base"

# ---- records made by the real kiosk, merged ------------------------------------
"$gen" build --content "$fix/content" --locales "$fix/locales" --assets "$top/assets" \
	--out "$work/out" > /dev/null 2>&1
mkdir -p "$work/stick" "$work/shots"
for s in personnel-fr personnel-ar community-fr community-ar; do
	(cd "$work/shots" && "$kiosk" --bundle "$work/out/packages/kiosk.bundle" \
		--records "$work/stick/$s.db" --script "$top/tests/kiosk/scripts/$s.script" \
		> /dev/null 2>&1)
done
(cd "$work/shots" && "$kiosk" --bundle "$work/out/packages/kiosk.bundle" \
	--records "$work/stick/personnel-en.db" --script "$top/tests/officer/personnel-en.script" \
	> /dev/null 2>&1)
m="$work/master.db"
"$gen" merge --into "$m" "$work/stick" > /dev/null 2>&1
q() { sqlite3 "$m" "$1"; }
want=$(( $(q "SELECT count(*) FROM sessions") + $(q "SELECT count(*) FROM completions WHERE finished_at IS NOT NULL") + $(q "SELECT count(*) FROM answers") + $(q "SELECT count(*) FROM reads") ))
check "the kiosk's records merged: sessions, quizzes, answers and reads in English, French, Arabic" \
	'[ "$want" -gt 20 ] && [ "$(q "SELECT count(DISTINCT lang) FROM completions")" = 3 ] &&
	 [ "$(q "SELECT count(*) FROM reads")" = 5 ]'

# ---- the statements, to a file ----------------------------------------------------
# shellcheck disable=SC2086
"$gen" xapi --records "$m" --out "$work/s.jsonl" $content > "$work/out1.txt" 2>&1
check "xapi --out: one statement a line, one per session, finished quiz, answer and module read" \
	'[ "$(wc -l < "$work/s.jsonl")" = "$want" ] && grep -q "^xapi: $want statements in" "$work/out1.txt"'
if command -v node > /dev/null 2>&1 && [ -f "$top/build/npm-lrs/node_modules/xapi-validation/dist/factory.js" ]; then
	node "$here/lrs/validate.js" --require-ms "$work/s.jsonl" > "$work/validate.out" 2>&1
	check "every statement is valid xAPI 1.0.3 (xapi-validation) and meets xAPI 2.0's rules" \
		'grep -q "all valid" "$work/validate.out" || { head -5 "$work/validate.out"; false; }'
	printf '{"id":"not-a-uuid","actor":{"mbox":"x"},"verb":{"id":"v"},"object":{"id":"o"}}\n' > "$work/bad.jsonl"
	node "$here/lrs/validate.js" "$work/bad.jsonl" > /dev/null 2>&1
	check "... and the validator refuses a bad statement" '[ $? = 1 ]'
fi
python3 - "$work/s.jsonl" "$m" > "$work/shape.out" <<'PY'
import json, sqlite3, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
db = sqlite3.connect(sys.argv[2])
refs = {r for (r,) in db.execute("SELECT person_ref FROM completions WHERE person_ref IS NOT NULL")}
community = {u for (u,) in db.execute("SELECT uuid FROM completions WHERE mode = 'community' UNION SELECT uuid FROM answers WHERE completion_uuid IN (SELECT uuid FROM completions WHERE mode = 'community') UNION SELECT uuid FROM sessions UNION SELECT uuid FROM reads WHERE mode = 'community'")}
reads = {u for (u,) in db.execute("SELECT uuid FROM reads")}
experienced = 0
import re
# a reference as a word of its own: "4711" inside a random UUID is no one
named = [re.compile("(?<![0-9A-Za-z-])%s(?![0-9A-Za-z-])" % re.escape(r)) for r in refs]
bad = []
for s in lines:
    text = json.dumps(s, ensure_ascii=False)
    if any(n.search(text) for n in named):
        bad.append("%s names a person" % s["id"])
    if s["id"] in community:
        a = s["actor"]
        if a.get("objectType") != "Group" or "member" in a or "mbox" in a or "name" not in a["account"]:
            bad.append("%s: a community statement whose actor is not a memberless group" % s["id"])
    if s["verb"]["id"].endswith("/answered"):
        d = s["object"]["definition"]
        if d.get("interactionType") != "choice" or not d.get("correctResponsesPattern") or not d.get("choices"):
            bad.append("%s: an answer without its choices and right ones" % s["id"])
        if not s["context"]["contextActivities"]["parent"][0]["id"].startswith("https://training.example.org/crsv/modules/"):
            bad.append("%s: no parent module" % s["id"])
    if s["verb"]["id"].endswith(("/passed", "/failed")):
        sc = s["result"]["score"]
        if not (0 <= sc["raw"] <= sc["max"]) or abs(sc["scaled"] - sc["raw"] / sc["max"]) > 0.0001:
            bad.append("%s: a score that does not add up" % s["id"])
        names = s["object"]["definition"]["name"]
        if not {"en", "fr", "ar"} <= set(names):
            bad.append("%s: module name not in en, fr and ar: %s" % (s["id"], sorted(names)))
    if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/experienced":
        experienced += 1
        if s["id"] not in reads or not s["object"]["id"].startswith("https://training.example.org/crsv/modules/"):
            bad.append("%s: experienced, but not a module read" % s["id"])
        if not s["result"]["completion"] or not s["result"]["duration"].startswith("PT"):
            bad.append("%s: a read without completion and duration" % s["id"])
    for k in ("registration", "language"):
        if k not in s["context"]:
            bad.append("%s: no context.%s" % (s["id"], k))
if experienced != len(reads):
    bad.append("%d experienced statements for %d reads" % (experienced, len(reads)))
print("\n".join(bad[:10]) or "shape ok")
PY
check "no person in any statement; community as a group with no members; answers with choices, parent and right ones; scores; a read experienced on its module; names in en, fr, ar" \
	'grep -q "^shape ok$" "$work/shape.out" || { head -5 "$work/shape.out"; false; }'
# shellcheck disable=SC2086
"$gen" xapi --records "$m" --out "$work/ids.jsonl" --person-ids $content > /dev/null 2>&1
check "--person-ids: the personnel's references as typed, the community still nobody" \
	'for r in $(q "SELECT DISTINCT person_ref FROM completions WHERE person_ref IS NOT NULL"); do
	   grep -q "\"name\":\"$r\"" "$work/ids.jsonl" || exit 1; done &&
	 ! grep "\"objectType\":\"Group\"" "$work/ids.jsonl" | grep -q "member"'
# shellcheck disable=SC2086
"$gen" xapi --records "$m" --out "$work/s2.jsonl" $content > /dev/null 2>&1
check "the same records give the same statements, byte for byte" 'cmp -s "$work/s.jsonl" "$work/s2.jsonl"'

# ---- bad input ---------------------------------------------------------------------
"$gen" xapi --records "$work/nowhere.db" --out "$work/x.jsonl" --base "$base" > /dev/null 2> "$work/e1"
"$gen" xapi --records "$work/stick/personnel-fr.db" --lrs http://127.0.0.1:9/xAPI/ \
	--content "$fix/content" --locales "$fix/locales" --base "$base" > /dev/null 2> "$work/e2"
"$gen" xapi --records "$m" --out "$work/x.jsonl" --content "$fix/content" --locales "$fix/locales" \
	> /dev/null 2> "$work/e3"
"$gen" xapi --records "$m" --lrs http://k:secret@127.0.0.1:9/xAPI/ --base "$base" \
	--content "$fix/content" --locales "$fix/locales" > /dev/null 2> "$work/e4"
check "bad input: each refused with the reason, and no file written" \
	'grep -q "nowhere.db: error:" "$work/e1" && grep -q "merge it into a master first" "$work/e2" &&
	 grep -q "error: the statements need the deployment.s address" "$work/e3" &&
	 grep -q "put no credentials in the address" "$work/e4" && ! grep -q secret "$work/e4" &&
	 [ ! -e "$work/x.jsonl" ]'

# ---- to a real LRS --------------------------------------------------------------------
why=$(lrs_available) || { echo "$suite: the LRS checks are skipped: $why"; echo "$suite: $pass passed, $fail failed"; [ "$fail" = 0 ]; exit; }
printf 'a-password-never-shown\n' > "$work/pw"
send() {  # send NAME [options]: xapi --lrs into $LRS_URL; output and status in $work/NAME.*
	name=$1
	shift
	# shellcheck disable=SC2086
	"$gen" xapi --records "$m" --lrs "$LRS_URL" --user crsv --password-file "$work/pw" \
		$content "$@" > "$work/$name.out" 2> "$work/$name.err"
	echo $? > "$work/$name.rc"
}
rc() { cat "$work/$1.rc"; }
fetched() {  # the LRS's statements into $work/$1.jsonl
	node "$here/lrs/fetch.js" "$LRS_URL" "$work/$1.jsonl" > "$work/$1.fetch" 2>&1
}
sh "$here/lrs/selftest.sh" > "$work/selftest.out" 2>&1
check "the LRS itself behaves as an LRS (tests/xapi/lrs/selftest.sh: idempotent re-POST, 409, 400, paging, voiding, restart)" \
	'grep -Eq "[0-9]+ passed, 0 failed" "$work/selftest.out" || { grep FAILED "$work/selftest.out"; false; }'
LRS_INDEXED=1 sh "$here/lrs/selftest.sh" > "$work/selftest-indexed.out" 2>&1
check "... and so does the bench's LRS, its lookups by id from indexes (LRS_INDEXED=1)" \
	'grep -Eq "[0-9]+ passed, 0 failed" "$work/selftest-indexed.out" || { grep FAILED "$work/selftest-indexed.out"; false; }'
lrs_start "$work/lrs" || bad "the LRS started"
send first --batch 50
fetched lrs1
check "sent: every statement stored, in batches of 50, exit 0" \
	'[ "$(rc first)" = 0 ] && grep -q "^xapi: $want statements: $want stored, 0 there already, 0 conflicts, 0 refused" "$work/first.out"'
check "what the LRS returns (its own GET /statements) is what was sent, field by field" \
	'python3 "$here/compare.py" "$work/s.jsonl" "$work/lrs1.jsonl" > "$work/cmp1" || { cat "$work/cmp1"; false; }'
send again
fetched lrs2
check "sent again: nothing sent, nothing doubled" \
	'[ "$(rc again)" = 0 ] && grep -q " 0 stored, $want there already, .* 0 requests" "$work/again.out" &&
	 [ "$(wc -l < "$work/lrs2.jsonl")" = "$want" ]'
q "DELETE FROM xapi_sent"
send forgot
fetched lrs3
check "sent again after the master forgot: the LRS stores nothing twice (ids are the rows' UUIDs)" \
	'[ "$(rc forgot)" = 0 ] && grep -q " $want stored," "$work/forgot.out" && [ "$(wc -l < "$work/lrs3.jsonl")" = "$want" ]'
changed=$(q "SELECT uuid FROM completions WHERE finished_at IS NOT NULL ORDER BY uuid LIMIT 1")
q "UPDATE completions SET finished_at = finished_at + 1000 WHERE uuid = '$changed'"
send conflict
check "a row changed after it was sent: the conflict is reported (exit 1), by its id" \
	'[ "$(rc conflict)" = 1 ] && grep -q " 1 conflicts, 0 refused" "$work/conflict.out" &&
	 grep -q "statement $changed is in conflict" "$work/conflict.err"'
check "the password is in no output" '! grep -rq a-password-never-shown "$work"/*.out "$work"/*.err'
lrs_stop

# a statement the LRS refuses (a language tag that is none): found in its
# batch by halves, reported; every other statement of the batch stored
lrs_start "$work/lrs-bad" || bad "the LRS started again"
cp "$m" "$work/master-good.db"
q "UPDATE completions SET finished_at = finished_at - 1000 WHERE uuid = '$changed'"
badone=$(q "SELECT uuid FROM sessions ORDER BY uuid LIMIT 1")
q "UPDATE sessions SET lang = 'not a language' WHERE uuid = '$badone'"
q "DELETE FROM xapi_sent"
send refused --batch 200
check "a refused statement is found in its batch and reported; the others are stored" \
	'[ "$(rc refused)" = 1 ] && grep -q " $((want - 1)) stored, 0 there already, 0 conflicts, 1 refused" "$work/refused.out" &&
	 grep -q "statement $badone was refused" "$work/refused.err"'
lrs_stop
cp "$work/master-good.db" "$m"
q "UPDATE completions SET finished_at = finished_at - 1000 WHERE uuid = '$changed'"

# the LRS killed mid-run: on a bigger master (the kiosk's records and
# generated ones of 300 people more), so the run takes a while
big="$work/big.db"
cp "$m" "$big"
python3 "$top/tests/officer/gen-records.py" "$work/gen.db" --kiosk 7 --people 300 --sessions 20
"$gen" merge --into "$big" "$work/gen.db" > /dev/null 2>&1
# shellcheck disable=SC2086
"$gen" xapi --records "$big" --out "$work/big.jsonl" $content > /dev/null 2>&1
bigrun() {  # bigrun NAME TRIES: xapi of $big in the background, as $run
	name=$1
	( # shellcheck disable=SC2086
	"$gen" xapi --records "$big" --lrs "$LRS_URL" --user crsv --password-file "$work/pw" $content \
		--batch 20 --tries "$2" > "$work/$name.out" 2> "$work/$name.err"; echo $? > "$work/$name.rc" ) &
	run=$!
}
acked() {  # wait until the LRS has acknowledged something (its state file)
	n=0
	while [ ! -s "$LRS_DIR/lrs-state.json" ] && [ $n -lt 400 ]; do
		sleep 0.02
		n=$((n + 1))
	done
}
# killed and started again: the run waits (backoff) and goes on; nothing
# lost, nothing doubled
lrs_start "$work/lrs-kill" || bad "the LRS started for the kill"
bigrun killed 12
acked
lrs_kill
sleep 1.5
lrs_restart > /dev/null 2>&1 || bad "the LRS restarted"
wait $run
fetched lrs-kill
check "the LRS killed mid-run and restarted: the run waits, goes on, and ends with every statement once" \
	'[ "$(rc killed)" = 0 ] && ! grep -q " 0 retried" "$work/killed.out" &&
	 python3 "$here/compare.py" "$work/big.jsonl" "$work/lrs-kill.jsonl" > "$work/cmp-kill" || { cat "$work/cmp-kill" "$work/killed.err"; false; }'
lrs_stop

# gone for good: the run gives up; run again later, it resumes
lrs_start "$work/lrs-resume" || bad "the LRS started for the resume"
sqlite3 "$big" "DELETE FROM xapi_sent"
bigrun gaveup 2
acked
sleep 0.3
lrs_kill
wait $run
sent_before=$(sqlite3 "$big" "SELECT count(*) FROM xapi_sent WHERE status = 'stored'")
bigwant=$(wc -l < "$work/big.jsonl")
lrs_restart > /dev/null 2>&1 || bad "the LRS restarted for the resume"
# shellcheck disable=SC2086
"$gen" xapi --records "$big" --lrs "$LRS_URL" --user crsv --password-file "$work/pw" $content \
	> "$work/resumed.out" 2> "$work/resumed.err"
echo $? > "$work/resumed.rc"
fetched lrs-resume
check "a run that gave up says so (exit 1); run again, it resumes where it stopped: nothing lost or doubled" \
	'[ "$(rc gaveup)" = 1 ] && grep -q "cannot reach the LRS" "$work/gaveup.err" &&
	 grep -q "run it again to go on" "$work/gaveup.err" && [ "$sent_before" -gt 0 ] &&
	 [ "$(rc resumed)" = 0 ] && grep -q " $((bigwant - sent_before)) stored, $sent_before there already" "$work/resumed.out" &&
	 python3 "$here/compare.py" "$work/big.jsonl" "$work/lrs-resume.jsonl" > "$work/cmp-resume" || { cat "$work/cmp-resume" "$work/gaveup.err"; false; }'

# busy: 429 (Retry-After), then 503, then stored. A stand-in (busy-lrs.py),
# since the real LRS never answers so; it logs every request's headers
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$here/busy-lrs.py" "$port" "$work/busy.log" &
busy=$!
n=0
until python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2> /dev/null || [ $n -gt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
sqlite3 "$m" "DELETE FROM xapi_sent"
# shellcheck disable=SC2086
"$gen" xapi --records "$m" --lrs "http://127.0.0.1:$port/xAPI/" --user crsv --password-file "$work/pw" \
	$content > "$work/busy.out" 2> "$work/busy.err"
echo $? > "$work/busy.rc"
kill $busy 2> /dev/null
check "a busy LRS (429 with Retry-After, then 503): waited for and retried, then all stored" \
	'[ "$(rc busy)" = 0 ] && grep -q " $want stored, .* 3 requests, 2 retried" "$work/busy.out"'
check "every request carries X-Experience-API-Version: 1.0.3 and the credentials in its header only" \
	'python3 -c "import json, sys; r = [json.loads(l) for l in open(sys.argv[1])];
sys.exit(not (len(r) == 3 and all(x[\"headers\"].get(\"X-Experience-API-Version\") == \"1.0.3\" and
x[\"headers\"].get(\"Authorization\", \"\").startswith(\"Basic \") and x[\"path\"] == \"/xAPI/statements\" for x in r)))" "$work/busy.log"'

# a terminal sees a progress line
if command -v script > /dev/null 2>&1; then
	q "DELETE FROM xapi_sent"
	lrs_stop
	lrs_start "$work/lrs-tty" > /dev/null 2>&1
	script -qec "\"$gen\" xapi --records \"$m\" --lrs \"$LRS_URL\" --user crsv --password-file \"$work/pw\" $content --batch 10" \
		/dev/null > "$work/tty.out" 2>&1
	check "on a terminal: a progress line (sent / total, rate, time left)" \
		'grep -Eq "xapi: [0-9]+/$want statements, [0-9]+/s, [0-9]+ min [0-9]+ s left" "$work/tty.out"'
fi

echo "$suite: $pass passed, $fail failed"
[ "$fail" = 0 ]
