#!/bin/sh
# Self-test of the local LRS harness (tests/xapi/lrs): Learning Locker's
# xapi-statements started by lrs.sh on 127.0.0.1, fed with curl: two
# hand-made statements (an `answered` cmi.interaction choice, and a
# community statement whose actor is an Identified Group with no members),
# idempotent re-POST, 409 on a changed duplicate, 400 on bad statements,
# fetch.js reading everything back through GET /statements, validate.js on a
# good and a bad file, and what a restart keeps: after SIGTERM and after
# kill -9 in the middle of a run, voiding and a StatementRef, and, with
# LRS_STOCK=1, what xapi-statements alone keeps (nothing).
# With LRS_INDEXED=1 set, the same checks on the indexed memory repo (the
# bench's, indexed-repo.js), which must answer as the stock one does.
# Skipped (exit 0) only when node, the npm packages or curl are missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
suite=xapi-lrs
. "$top/tests/lib.sh"
. "$here/lrs.sh"

if ! why=$(lrs_available); then
	echo "$suite: skipped: $why"
	exit 0
fi
if ! command -v curl > /dev/null 2>&1; then
	echo "$suite: skipped: curl is not installed"
	exit 0
fi
work=$(mktemp -d)
trap 'lrs_stop; rm -rf "$work"' EXIT
cd "$work" || exit 1

A=3f2b6c1e-8d4a-4e7b-9a21-5c6d7e8f9a01      # answered
B=7a1d2e3f-4b5c-4d6e-8f70-8192a3b4c5d6      # community, completed
C=9e8d7c6b-5a49-4382-b716-0a1b2c3d4e5f      # never stored
REG=0b0f3f8e-6f2d-4a4a-8d7c-1f3f2b9a6e55     # A's attempt
SESSION=c4d5e6f7-0819-4a2b-9c3d-4e5f60718293 # B's session

answered() { # id success
	printf '%s' '{"id":"'"$1"'","actor":{"objectType":"Agent","account":{"homePage":"https://example.org/crsv","name":"p-0001"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en-US":"answered"}},"object":{"objectType":"Activity","id":"https://example.org/crsv/modules/m1/questions/q3","definition":{"type":"http://adlnet.gov/expapi/activities/cmi.interaction","name":{"en":"Question 3"},"interactionType":"choice","correctResponsesPattern":["b"],"choices":[{"id":"a","description":{"en":"Boil it"}},{"id":"b","description":{"en":"Filter it"}},{"id":"c","description":{"fr":"Rien"}}]}},"result":{"response":"b","success":'"$2"'},"context":{"registration":"'"$REG"'","language":"fr","contextActivities":{"parent":[{"objectType":"Activity","id":"https://example.org/crsv/modules/m1"}]}},"timestamp":"2026-11-30T09:14:05.123Z"}'
}
community() { # id
	printf '%s' '{"id":"'"$1"'","actor":{"objectType":"Group","name":"Community session","account":{"homePage":"https://example.org/kiosks/K/sessions","name":"'"$SESSION"'"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}},"object":{"objectType":"Activity","id":"https://example.org/crsv/modules/m1","definition":{"type":"http://adlnet.gov/expapi/activities/module","name":{"en":"Safe water","ar":"مياه آمنة"}}},"result":{"completion":true,"score":{"raw":7,"min":0,"max":10,"scaled":0.7},"duration":"PT25M30S"},"context":{"registration":"'"$SESSION"'","platform":"crsv-kit 0.9","revision":"v3","language":"ar","extensions":{"https://example.org/crsv/xapi/ext/participant-count":12,"https://example.org/crsv/xapi/ext/kiosk-id":"K"}},"timestamp":"2026-11-30T10:02:00.000Z"}'
}
{ answered "$A" true; echo; community "$B"; echo; } > good.jsonl
printf '[%s,%s]' "$(answered "$A" true)" "$(community "$B")" > batch.json
answered "$A" false > changed.json
printf '[%s,%s]' "$(answered "$C" true)" "$(community "$C" | sed 's/"scaled":0.7/"scaled":8/')" > half-bad.json
printf '[%s,%s]' "$(answered "$C" true)" "$(answered "$C" true)" > dup-batch.json
community "$C" | sed 's/"scaled":0.7/"scaled":8/' > bad.json

# post NAME FILE [curl options]: status in NAME.code, body in NAME.body
post() {
	name=$1
	file=$2
	shift 2
	curl -s -o "$name.body" -w '%{http_code}' -u k:s -H 'X-Experience-API-Version: 1.0.3' \
		-H 'Content-Type: application/json' "$@" --data-binary "@$file" "${LRS_URL}statements" > "$name.code"
}
# get NAME QUERY: GET /statements?QUERY
get() {
	curl -s -o "$1.body" -w '%{http_code}' -u k:s -H 'X-Experience-API-Version: 1.0.3' \
		"${LRS_URL}statements?$2" > "$1.code"
}
is() { [ "$(cat "$2.code")" = "$1" ]; }   # is CODE NAME
has() { grep -q -- "$2" "$1.body"; }      # has NAME TEXT
fetch() { node "$here/fetch.js" "$@" > fetch.out 2> fetch.err; } # fetch [--limit N] LRS_URL OUT
count() { [ "$(wc -l < "$2")" = "$1" ]; } # count N FILE

# --- start ------------------------------------------------------------------
lrs_start "$work/lrs" 2> start.err
check "lrs_start: LRS_URL is http://127.0.0.1:PORT/xAPI/ and GET about says 1.0.3" \
	'echo "$LRS_URL" | grep -Eq "^http://127\.0\.0\.1:[0-9]+/xAPI/$" &&
	 curl -s "${LRS_URL}about" | grep -q "\"version\":\[\"1.0.3\"\]"'
port_hex=$(printf '%04X' "${LRS_PORT:-0}")
listening=$(awk -v p=":$port_hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' \
	/proc/net/tcp /proc/net/tcp6 2> /dev/null | sort -u | tr '\n' ' ')
check "it listens on 127.0.0.1 only (/proc/net/tcp, tcp6)" '[ "$listening" = "0100007F:$port_hex " ]'
check "its log is in DIR/lrs.log" 'grep -q "Listening on port $LRS_PORT" "$work/lrs/lrs.log"'
if [ "${LRS_INDEXED:-0}" = 1 ]; then
	check "LRS_INDEXED=1: the indexed memory repo runs" 'grep -q "indexed memory repo" "$work/lrs/lrs.log"'
fi

# --- validate.js --------------------------------------------------------------
node "$here/validate.js" good.jsonl > val-good.out 2>&1
check "validate.js: the two hand-made statements are valid (exit 0, count line)" \
	'[ $? = 0 ] && grep -qx "validate: 2 statements, all valid" val-good.out'
{
	answered 0d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 true | sed 's/09:14:05.123Z/10:14:05.123+01:00/'; echo  # 1
	answered 1d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 true | sed 's/"language":"fr"/"contextAgents":[],"language":"fr"/'; echo # 2
	answered 2d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 true | sed 's/^{/{"version":"1.0.3",/'; echo        # 3
	answered 3D8F6A24-0C2B-4D51-9E3A-6B7C8D9E0F11 true; echo                                          # 4
	community 4d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 | sed 's/"scaled":0.7/"scaled":8/'; echo             # 5
	community 5d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 | sed 's/,"account":{[^}]*}//'; echo                 # 6
	echo '{"id": "6d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11", "actor": '                                     # 7
	answered '{7d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11}' true; echo                                        # 8
	answered 8d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 true | sed 's/2026-11-30T09:14:05.123Z/2026-11-30/'; echo # 9
	answered 9d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 true; echo                                          # 10: good
	answered ad8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 true | sed 's|verbs/answered|verbs/answered now|'; echo # 11
	answered 9d8f6a24-0c2b-4d51-9e3a-6b7c8d9e0f11 true; echo                                          # 12: id of 10
} > bad.jsonl
node "$here/validate.js" bad.jsonl > val-bad.out 2>&1
check "validate.js: a bad file: exit 1" '[ $? = 1 ]'
say() { grep -q "^bad.jsonl:$1: error: .*$2" val-bad.out; } # say LINE TEXT
check "validate.js: line 1, a timestamp at +01:00, is not UTC (Z)" 'say 1 "RFC 3339 date-time in UTC"'
check "validate.js: line 2, contextAgents (xAPI 2.0 only)" 'say 2 "contextAgents: xAPI 2.0 only"'
check "validate.js: line 3, version 1.0.3 (a provider sets 1.0.0 or nothing)" 'say 3 "version: must be \"1.0.0\""'
check "validate.js: line 4, an upper-case UUID" 'say 4 "UUID in upper case"'
check "validate.js: line 5, score.scaled 8 (xapi-validation)" 'say 5 "statement.result.score.scaled: not a valid Scaled"'
check "validate.js: line 6, a Group with neither identifier nor members" 'say 6 "anonymous Group"'
check "validate.js: line 7, not JSON" 'say 7 "not JSON"'
check "validate.js: line 8, an id in braces" 'say 8 "not in standard string form"'
check "validate.js: line 9, a date without a time" 'say 9 "RFC 3339"'
check "validate.js: line 10 is valid, and so not named" '! grep -q "^bad.jsonl:10:" val-bad.out'
check "validate.js: line 11, a verb IRI with a space" 'say 11 "verb.id: IRI with a space"'
check "validate.js: line 12, the id of line 10 again" 'say 12 "already on line 10"'
check "validate.js: FILE:LINE: error: lines, then the count" \
	'[ "$(grep -c "^bad.jsonl:[0-9]*: error: " val-bad.out)" -ge 11 ] &&
	 tail -n 1 val-bad.out | grep -qx "validate: 12 statements, 11 not valid"'

# --- POST ---------------------------------------------------------------------
post batch batch.json
check "POST the two statements: 200 and their ids, in order" \
	'is 200 batch && [ "$(cat batch.body)" = "[\"$A\",\"$B\"]" ]'
post again batch.json
check "the same batch again: 200, the same ids (idempotent)" \
	'is 200 again && [ "$(cat again.body)" = "[\"$A\",\"$B\"]" ]'
answered "$A" true > one.json
post one one.json
check "one of them alone again: 200" 'is 200 one && [ "$(cat one.body)" = "[\"$A\"]" ]'
post changed changed.json
check "the same id with another result: 409 (conflicting)" 'is 409 changed && has changed "is conflicting"'
answered "$A" true | sed 's/"en-US":"answered"/"en-US":"ANSWERED"/' > display.json
post display display.json
check "the same id with another verb display: 409 too (xapi-statements compares more than xAPI 2.3.1 asks)" \
	'is 409 display'
post halfbad half-bad.json
get c "statementId=$C"
check "a batch with one bad statement: 400, and its good one is not stored" \
	'is 400 halfbad && has halfbad "statements.1.result.score.scaled" && is 404 c'
post dup dup-batch.json
check "one id twice in a batch: 400 (duplicated)" 'is 400 dup && has dup "duplicated in the current batch"'
post bad bad.json
check "a bad statement (score.scaled 8): 400" 'is 400 bad'
curl -s -o nover.body -w '%{http_code}' -u k:s -H 'Content-Type: application/json' \
	--data-binary @one.json "${LRS_URL}statements" > nover.code
check "no X-Experience-API-Version header: 400" 'is 400 nover'
post v2 one.json -H 'X-Experience-API-Version: 2.0.0'
check "X-Experience-API-Version 2.0.0: 400 (a 1.0.3 LRS)" 'is 400 v2'
sed -n 1p bad.jsonl > offset.json
post offset offset.json
check "the LRS itself takes a +01:00 timestamp (validate.js is stricter)" 'is 200 offset'

# --- GET, fetch.js --------------------------------------------------------------
get reg "registration=$REG"
check "GET ?registration= finds A's attempt" \
	'is 200 reg && has reg "\"id\":\"$A\"" && ! has reg "\"id\":\"$B\""'
fetch "$LRS_URL" all1.jsonl
check "fetch.js: the 3 statements, exit 0" \
	'[ $? = 0 ] && grep -q "^fetch: 3 statements (1 pages) from $LRS_URL$" fetch.out && count 3 all1.jsonl'
check "fetch.js: sorted by id, one statement a line" \
	'node -e "
		const l = require(\"fs\").readFileSync(\"all1.jsonl\", \"utf8\").trim().split(\"\\n\").map(JSON.parse);
		const ids = l.map((s) => s.id);
		process.exit(JSON.stringify(ids) === JSON.stringify([...ids].sort()) ? 0 : 1);"'
# every field posted comes back unchanged, and the LRS adds stored, authority, version
node -e '
	const fs = require("fs");
	const got = new Map(fs.readFileSync("all1.jsonl", "utf8").trim().split("\n").map((l) => { const s = JSON.parse(l); return [s.id, s]; }));
	const same = (a, b) => JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(a).sort());
	const deep = (a, b) => {
		if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deep(x, b[i]));
		if (a && typeof a === "object") return b && typeof b === "object" && Object.keys(a).every((k) => deep(a[k], b[k]));
		return a === b;
	};
	let ok = true;
	for (const l of fs.readFileSync("good.jsonl", "utf8").trim().split("\n")) {
		const s = JSON.parse(l), g = got.get(s.id);
		if (!g || !deep(s, g)) { console.log("differs:", s.id); ok = false; continue; }
		if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(g.stored) || g.version !== "1.0.0" || !g.authority) { console.log("no stored/version/authority:", s.id); ok = false; }
	}
	process.exit(ok ? 0 : 1);' > roundtrip.out 2>&1
check "fetch.js: what was posted comes back field by field (Arabic too), plus stored, authority, version 1.0.0" '[ $? = 0 ]'
node "$here/validate.js" all1.jsonl > val-fetched.out 2>&1
check "validate.js on what fetch.js read: only the +01:00 timestamp, kept as sent, fails" \
	'[ $? = 1 ] && [ "$(grep -c ": error: " val-fetched.out)" = 1 ] && grep -q "RFC 3339 date-time in UTC" val-fetched.out'
for i in 1 2 3 4 5; do
	answered "$(printf '5e1d2c3b-4a59-4687-9a0b-%012d' "$i")" true > "p$i.json"
	post "p$i" "p$i.json"
done
fetch --limit 2 "$LRS_URL" all2.jsonl
check "fetch.js --limit 2: 8 statements in 4 pages through the more links, checked against one unpaged read" \
	'[ $? = 0 ] && grep -q "^fetch: 8 statements (4 pages)" fetch.out && count 8 all2.jsonl'

# --- restart ----------------------------------------------------------------------
url_before=$LRS_URL
pid_before=$LRS_PID
lrs_restart 2> restart.err
check "lrs_restart: a new process on the same port (LRS_URL unchanged)" \
	'[ -n "$LRS_PID" ] && [ "$LRS_PID" != "$pid_before" ] && [ "$LRS_URL" = "$url_before" ] &&
	 ! kill -0 "$pid_before" 2> /dev/null'
fetch "$LRS_URL" all3.jsonl
check "after SIGTERM and restart: all 8 statements, byte for byte as before" \
	'[ $? = 0 ] && cmp -s all2.jsonl all3.jsonl'
post changed2 changed.json
post again2 batch.json
fetch "$LRS_URL" all4.jsonl
check "after the restart: the changed duplicate is still 409, the batch again 200, nothing doubled" \
	'is 409 changed2 && is 200 again2 && cmp -s all2.jsonl all4.jsonl'

# kill -9 in the middle of a run: statements posted one by one; whatever got
# 200 before the kill must be there after the restart; the resumed run posts
# all of them again: 200 each, nothing doubled
mkdir run
node -e '
	const fs = require("fs"), crypto = require("crypto");
	const base = JSON.parse(fs.readFileSync("one.json", "utf8"));
	for (let i = 0; i < 60; i++)
		fs.writeFileSync(`run/${i}.json`, JSON.stringify(Object.assign({}, base, { id: crypto.randomUUID() })));'
(
	for i in $(seq 0 59); do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -u k:s -H 'X-Experience-API-Version: 1.0.3' \
			-H 'Content-Type: application/json' --data-binary "@run/$i.json" "${LRS_URL}statements")
		echo "$i $code"
	done > run.log
) &
runner=$!
n=0
while [ "$(grep -c ' 200$' run.log 2> /dev/null)" -lt 15 ] && [ "$n" -lt 300 ]; do
	sleep 0.05
	n=$((n + 1))
done
lrs_kill
wait "$runner"
acked=$(grep -c ' 200$' run.log)
refused=$(grep -vc ' 200$' run.log)
check "kill -9 mid-run: some statements acknowledged before ($acked), the rest refused ($refused)" \
	'[ "$acked" -ge 15 ] && [ "$refused" -ge 1 ] && [ "$((acked + refused))" = 60 ]'
lrs_restart 2> restart2.err
check "lrs_restart after kill -9: up on the same port" \
	'[ "$LRS_URL" = "$url_before" ] && curl -s "${LRS_URL}about" | grep -q 1.0.3'
fetch "$LRS_URL" all5.jsonl
lost=0
for i in $(grep ' 200$' run.log | cut -d' ' -f1); do
	id=$(sed 's/^{"id":"\([^"]*\)".*/\1/' "run/$i.json")
	grep -q "\"id\":\"$id\"" all5.jsonl || lost=$((lost + 1))
done
check "after kill -9 and restart: every acknowledged statement is there ($acked), the 8 before too" \
	'[ "$lost" = 0 ] && [ "$(wc -l < all5.jsonl)" -ge $((8 + acked)) ] && [ "$(wc -l < all5.jsonl)" -le $((8 + acked + 1)) ]'
resumed=0
for i in $(seq 0 59); do
	post "r$i" "run/$i.json"
	is 200 "r$i" && resumed=$((resumed + 1))
done
fetch "$LRS_URL" all6.jsonl
check "the resumed run posts all 60 again: 200 each, and the LRS holds 68, none twice" \
	'[ "$resumed" = 60 ] && [ "$(wc -l < all6.jsonl)" = 68 ] && ! grep -q "error" fetch.err'

# --- references: voiding, and a statement about a statement -------------------------
V=1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f   # voids A
R=2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60   # refers to B
printf '%s' '{"id":"'"$V"'","actor":{"objectType":"Agent","account":{"homePage":"https://example.org/crsv","name":"officer"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided","display":{"en-US":"voided"}},"object":{"objectType":"StatementRef","id":"'"$A"'"}}' > void.json
printf '%s' '{"id":"'"$R"'","actor":{"objectType":"Agent","account":{"homePage":"https://example.org/crsv","name":"officer"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/experienced","display":{"en-US":"experienced"}},"object":{"objectType":"StatementRef","id":"'"$B"'"}}' > ref.json
post void void.json
get va "statementId=$A"
get vv "voidedStatementId=$A"
post void2 void.json
check "a voiding statement: 200; then A is 404 by statementId and found by voidedStatementId; voiding again 200" \
	'is 200 void && is 404 va && is 200 vv && has vv "\"id\":\"$A\"" && is 200 void2'
post ref ref.json
get rr "registration=$SESSION"
check "a statement referring to B is found by B's registration (the StatementRef filter rule), B too" \
	'is 200 ref && has rr "\"id\":\"$R\"" && has rr "\"id\":\"$B\""'
lrs_restart 2> restart3.err
get va2 "statementId=$A"
get rr2 "registration=$SESSION"
check "after a restart: A still voided, R still found through B" \
	'is 404 va2 && has rr2 "\"id\":\"$R\""'
pid_last=$LRS_PID
lrs_stop
check "lrs_stop: the process is gone and the port closed" \
	'! kill -0 "$pid_last" 2> /dev/null && [ -z "$LRS_PID" ] &&
	 ! curl -s -o /dev/null --max-time 2 "${url_before}about"'

# --- what xapi-statements alone keeps ---------------------------------------------
LRS_STOCK=1
lrs_start "$work/stock" 2> stock.err
post stock batch.json
fetch "$LRS_URL" stock1.jsonl
lrs_restart 2>> stock.err
fetch "$LRS_URL" stock2.jsonl
unset LRS_STOCK
check "LRS_STOCK=1 (xapi-statements' own memory repo): 2 statements, none after a restart" \
	'is 200 stock && count 2 stock1.jsonl && count 0 stock2.jsonl && [ ! -e "$work/stock/lrs-state.json" ]'
lrs_stop

# --- lrs_available -------------------------------------------------------------------
why=$(top="$work/nowhere"; . "$here/lrs.sh"; lrs_available)
check "lrs_available without build/npm-lrs: 1, and says why" \
	'[ $? = 1 ] && echo "$why" | grep -q "npm packages are missing"'

echo "$suite: $pass passed, $fail failed"
[ "$fail" = 0 ]
