#!/bin/sh
# Kiosk tests: crsv-kiosk run headless (SDL_VIDEODRIVER=dummy, software
# rendering, the scripted fake clock) on a bundle built from
# tests/kiosk/fixture/.
#
#   scripts/personnel-{fr,ar}.script  a whole personnel quiz (the ID typed twice)
#   scripts/community-{fr,ar}.script  a community session (OK with nobody first;
#                                     the module list's marks of what it covered)
#   scripts/help-return.script        Get help from the reader and a question, and
#                                     back to exactly where it was; an ID typed
#                                     twice differently
#   scripts/help-800x480.script       Get help, every page, Arabic, 7-inch panel
#   scripts/help-720x1280.script      Get help, every page, French, portrait
#   scripts/text.script               numbers, a name and a URL in Arabic text in
#                                     their own order; untranslated text marked;
#                                     a link drawn as emphasis
#   scripts/text-800x480.script       keypad labels and titles whole on the
#                                     7-inch panel; a page cut between sentences
#   scripts/idle.script               the idle timeout
#   scripts/pin.script                the admin PIN and its lockout
#   scripts/no-pin.script             F12 with no PIN set
#   scripts/redraw*.script            every screen drawn twice: no allocation
#                                     the second time (allocs.c counts them)
#   (the crash test, the glyphs in Arabic text and the bad bundles are
#   driven from here)
#
# Screenshots ("shot" in the scripts) are compared with golden/*.bmp.gz:
# per channel within TOL (8) on at least 99.5 % of the pixels.  The records
# are checked in SQL (sqlite3) after each run.
#
# The fixture is two real modules with their real French and Arabic
# translations, frozen (tests/kiosk/make-fixture.sh remakes it from
# content/), so the goldens change only when the kiosk does.  After a
# change to what the kiosk draws, look at the new screenshots, then
# rewrite the goldens:   sh tests/kiosk/run.sh --update
# On a mismatch the actual screenshot and a diff (differing pixels in red)
# are kept in build/kiosk-test/.
#
# Skipped (with a message) only when SDL's dummy video driver cannot start.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
kiosk="$top/build/crsv-kiosk"
gen="$top/build/crsv-gen"
bmpcmp="$top/build/tests/kiosk-bmpcmp"
keep="$top/build/kiosk-test"
scripts="$here/scripts"
golden="$here/golden"
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] kiosk: $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] kiosk: $1"; }
# a message under a failure, indented
say() { sed 's/^/    /' | head -"${2:-15}"; }

work=$(mktemp -d)
cleanup() {
	[ -n "${crash_pid:-}" ] && kill -9 "$crash_pid" 2> /dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

export SDL_VIDEODRIVER=dummy
export SDL_AUDIODRIVER=dummy
# the scripted clock starts here (2026-01-01) and moves only with "wait"
export SOURCE_DATE_EPOCH=1767225600
for tool in "$kiosk" "$gen"; do
	if [ ! -x "$tool" ]; then
		echo "kiosk: $tool is missing: run make first"
		exit 1
	fi
done
[ -x "$bmpcmp" ] || make -C "$top" -s build/tests/kiosk-bmpcmp > /dev/null || exit 1
if ! command -v sqlite3 > /dev/null 2>&1; then
	echo "kiosk: the sqlite3 command is missing (make deps-test installs it)"
	exit 1
fi

# ---- the bundle -------------------------------------------------------------

bundle="$work/out/packages/kiosk.bundle"
if SOURCE_DATE_EPOCH=0 "$gen" build --content "$here/fixture/content" \
     --locales "$here/fixture/locales" --assets "$top/assets" --out "$work/out" \
     > "$work/gen.log" 2>&1 && [ -f "$bundle" ]; then
	ok "fixture bundle built"
else
	bad "fixture bundle built"
	say < "$work/gen.log"
	echo "kiosk: $pass passed, $fail failed"
	exit 1
fi

# Can SDL start here?  Only this skips the suite.
printf '' | "$kiosk" --bundle "$bundle" --records "$work/probe.db" --script - \
	> /dev/null 2> "$work/probe.err"
if grep -Eq "cannot start SDL|cannot open a window|cannot draw" "$work/probe.err"; then
	echo "kiosk: skipped: SDL's dummy video driver does not start here:"
	say < "$work/probe.err" 3
	exit 0
fi

# ---- helpers ----------------------------------------------------------------

mkdir -p "$work/shots"

# run NAME SCRIPT [kiosk options]: the kiosk on the bundle with records
# $work/NAME.db, listing widgets after each step into $work/NAME.out
# (stderr: NAME.err); screenshots land in $work/shots.  Returns the exit
# status.
run() {
	name=$1
	script=$2
	shift 2
	(cd "$work/shots" && "$kiosk" --bundle "$bundle" --records "$work/$name.db" \
		--script "$script" --list-widgets "$@") > "$work/$name.out" 2> "$work/$name.err"
}

# The widgets listed after the last action before the line "# @LABEL" of
# SCRIPT, from the --list-widgets output OUT (block 0 is the first screen,
# block n the screen after the n-th action).
block() {
	n=$(awk -v l="# @$3" '$0 == l { print n + 0; exit }
	                     /^[ \t]*(#|$)/ { next } { n++ }' "$1")
	if [ -z "$n" ]; then
		echo "(no line \"# @$3\" in $1)"
		return
	fi
	awk -v n="$n" '/^--$/ { b++; next } b == n' "$2"
}

# has NAME LABEL REGEX...: the block at LABEL of run NAME has a line
# matching each REGEX (a leading ! means: no such line).
has() {
	name=$1
	label=$2
	shift 2
	block "$scripts/$name.script" "$work/$name.out" "$label" > "$work/block"
	for re in "$@"; do
		case $re in
		!*) if grep -Eq -- "${re#!}" "$work/block"; then
			echo "at @$label: a line matches /${re#!}/:"
			say < "$work/block" 8
			return 1
		    fi ;;
		*) if ! grep -Eq -- "$re" "$work/block"; then
			echo "at @$label: no line matches /$re/ in:"
			say < "$work/block" 8
			return 1
		   fi ;;
		esac
	done
}

# sql DB QUERY: rows with '|' between columns
sql() { sqlite3 -batch -noheader "$1" "$2" 2>&1; }

# check_sql WHAT DB QUERY EXPECTED: records checked in SQL
check_sql() {
	got=$(sql "$2" "$3")
	if [ "$got" = "$4" ]; then
		return 0
	fi
	printf '%s:\n  %s\n  gave:\n%s\n  expected:\n%s\n' "$1" "$3" "$(echo "$got" | say)" \
		"$(echo "$4" | say)"
	return 1
}

# script_ran NAME [kiosk options]: run scripts/NAME.script; OK when it
# exits 0 without a message
script_ran() {
	name=$1
	shift
	if run "$name" "$scripts/$name.script" "$@" && [ ! -s "$work/$name.err" ]; then
		return 0
	fi
	bad "$name: the script ran (exit $?)"
	say < "$work/$name.err"
	return 1
}

# verdict NAME WHAT OUTPUT-OF-CHECKS: one OK or FAILED line
verdict() {
	if [ -z "$3" ]; then
		ok "$1: $2"
	else
		bad "$1: $2"
		echo "$3" | sed '/^$/d' | say 30
	fi
}

# ---- personnel quiz, French and Arabic ----------------------------------------

personnel() {   # LANG ID SCORE PASSED ANSWERS
	name=personnel-$1
	script_ran "$name" || return
	db="$work/$name.db"
	out=$({
		has "$name" id-again '^key:ok ' '^help ' '!^module:' &&
		has "$name" modules '^module:policy/01-what-is-crsv ' \
			'^module:sensitization/01-what-is-sexual-violence-in-conflict ' '^exit ' '^help ' &&
		has "$name" quiz '^confirm ' '^choice:' '^help ' &&
		has "$name" result '^score ' '^retry ' '^done ' '!^choice:' '!^closing ' &&
		has "$name" left '^lang:en ' '^lang:fr ' '^lang:ar ' '!^exit '
	} 2>&1)
	verdict "$name" "screens from the language to the result and back" "$out"
	out=$(has "$name" mode '^draft-notice ' && has "$name" modules '^draft-notice ' 2>&1)
	verdict "$name" "the draft translation is said so on the mode screen and the module list" "$out"
	out=$({
		check_sql "the completion" "$db" "SELECT mode, person_ref, session_uuid IS NULL, \
module_id, lang, score, max_score, passed, finished_at > started_at FROM completions" \
			"personnel|$2|1|policy/01-what-is-crsv|$1|$3|6|$4|1" &&
		check_sql "one answer per question, in order" "$db" "SELECT a.question_id, \
a.chosen, a.correct FROM answers a JOIN completions c ON c.uuid = a.completion_uuid \
ORDER BY a.answered_at" "$5" &&
		check_sql "no session" "$db" "SELECT count(*) FROM sessions" "0" &&
		check_sql "the module read to its end, by ID $2" "$db" "SELECT mode, person_ref, \
session_uuid IS NULL, module_id, lang, read_at >= opened_at FROM reads" \
			"personnel|$2|1|policy/01-what-is-crsv|$1|1" &&
		check_sql "every row in the ledger" "$db" "SELECT count(*) FROM ledger WHERE tbl = 'reads'" "1" &&
		check_sql "integrity" "$db" "PRAGMA integrity_check" "ok"
	} 2>&1)
	verdict "$name" "records in SQL: ID $2, score $3 of 6, passed=$4, six answers, one read" "$out"
}

personnel fr 4711 5 1 "definition|link|1
forms|prostitution,rape,slavery,pregnancy|1
who|true|0
perpetrators|many|1
resolution-1820|threat|1
few-reports|false|1"
out=$(has personnel-fr list-again '^module:policy/01-what-is-crsv .*\((Terminé|Done)\)' 2>&1)
verdict personnel-fr "the passed module is marked done" "$out"

personnel ar 4712 4 0 "definition|army|0
forms|rape,slavery|0
who|false|1
perpetrators|many|1
resolution-1820|threat|1
few-reports|false|1"
out=$(has personnel-ar list-again '^module:policy/01-what-is-crsv ' '!^module:policy/01-what-is-crsv .*\(' 2>&1)
verdict personnel-ar "a module not passed is not marked done" "$out"

# ---- community session, French and Arabic ---------------------------------------

community() {   # LANG PARTICIPANTS SCORE PASSED ANSWERS
	name=community-$1
	script_ran "$name" || return
	db="$work/$name.db"
	out=$({
		has "$name" nobody '^message ' '^key:ok ' &&
		has "$name" modules '^module:sensitization/01-what-is-sexual-violence-in-conflict ' \
			'!^module:policy/' '!^module:.*\(' &&
		has "$name" quiz '^confirm ' &&
		has "$name" left '^lang:ar ' '!^exit '
	} 2>&1)
	verdict "$name" "screens; OK with nobody says why; only community modules offered" "$out"
	# not an exam: no score, no verdict, no retry; thanks, help, the list
	out=$({
		has "$name" result '^closing ' '^help ' '^done ' '!^score ' '!^retry ' \
			'!%' '!Votre résultat|نتيجتك|Your score' '!réussi|نجحت|passed' &&
		has "$name" help '^help-danger ' &&
		has "$name" after-help '^closing ' '^done ' '^help '
	} 2>&1)
	verdict "$name" "the result shows no score and no verdict, and help comes back to it" "$out"
	out=$(has "$name" covered '^module:sensitization/01-what-is-sexual-violence-in-conflict .*\(' 2>&1)
	verdict "$name" "the module list marks what the session covered" "$out"
	out=$({
		check_sql "the session" "$db" "SELECT lang, participants, ended_at > started_at \
FROM sessions" "$1|$2|1" &&
		check_sql "the completion" "$db" "SELECT c.mode, c.person_ref IS NULL, \
c.session_uuid = s.uuid, c.module_id, c.lang, c.score, c.max_score, c.passed FROM completions c, \
sessions s" "community|1|1|sensitization/01-what-is-sexual-violence-in-conflict|$1|$3|6|$4" &&
		check_sql "the answers" "$db" "SELECT a.question_id, a.chosen, a.correct FROM \
answers a JOIN completions c ON c.uuid = a.completion_uuid ORDER BY a.answered_at" "$5" &&
		check_sql "nothing identifying" "$db" "SELECT count(*) FROM completions WHERE \
person_ref IS NOT NULL" "0" &&
		check_sql "the module read, by the session, nobody named" "$db" "SELECT r.mode, \
r.person_ref IS NULL, r.session_uuid = s.uuid, r.module_id FROM reads r, sessions s" \
			"community|1|1|sensitization/01-what-is-sexual-violence-in-conflict" &&
		check_sql "integrity" "$db" "PRAGMA integrity_check" "ok"
	} 2>&1)
	verdict "$name" "records in SQL: session of $2 ended, completion and read with no person_ref" "$out"
}

community fr 14 6 1 "what-it-is|forced|1
only-women|true|1
forced-marriage|true|1
war-acceptable|true|1
community|breaks|1
deserves-help|true|1"
community ar 3 4 0 "what-it-is|choice|0
only-women|false|0
forced-marriage|true|1
war-acceptable|true|1
community|breaks|1
deserves-help|true|1"

out=$(has community-ar wrong "^feedback .*لننظر في هذا مرة أخرى" '!Not quite|ليس تمامًا' 2>&1)
verdict community-ar "a wrong answer in a community quiz is met gently" "$out"

# ---- Get help from inside a module, and back ---------------------------------------

# same_shot A B: screenshots A.bmp and B.bmp of $work/shots are the same
# picture (then both go: they are compared with each other, not goldens)
same_shot() {
	if "$bmpcmp" -t 0 -p 100 "$work/shots/$1.bmp" "$work/shots/$2.bmp" > "$work/cmp" 2>&1; then
		rm -f "$work/shots/$1.bmp" "$work/shots/$2.bmp"
		return 0
	fi
	mkdir -p "$keep"
	cp "$work/shots/$1.bmp" "$work/shots/$2.bmp" "$keep/"
	echo "$2 is not the screen $1 was (see build/kiosk-test/$1.bmp, $2.bmp):"
	say < "$work/cmp"
	rm -f "$work/shots/$1.bmp" "$work/shots/$2.bmp"
	return 1
}

if script_ran help-return; then
	out=$({
		has help-return mismatch '^message ' '^key:ok ' '!^module:' &&
		has help-return help-from-reader '^help-danger ' '!^help ' &&
		has help-return back-to-reader '^back ' '^next ' '^help ' &&
		has help-return help-from-quiz '^helpline:' &&
		has help-return back-to-quiz '^confirm ' '^choice:link ' &&
		has help-return confirmed '^feedback '
	} 2>&1)
	verdict help-return "an ID typed differently twice says so; help from the reader and a question" "$out"
	out=$({ same_shot reader-before-help reader-after-help; same_shot quiz-before-help quiz-after-help; } 2>&1)
	verdict help-return "Back from help: the same reader page, the same question with its answer chosen" "$out"
	out=$(check_sql "only the ID typed twice alike" "$work/help-return.db" "SELECT \
group_concat(DISTINCT person_ref) FROM completions" "4713" 2>&1)
	verdict help-return "records in SQL: nothing of the number typed differently" "$out"
fi

# ---- Get help on a 7-inch and a portrait panel ------------------------------------

# blocks NAME LABEL: the widgets of every screen from the one at LABEL to
# the end, each block ended by "--"
blocks() {
	n=$(awk -v l="# @$2" '$0 == l { print n + 0; exit }
	                     /^[ \t]*(#|$)/ { next } { n++ }' "$scripts/$1.script")
	awk -v n="$n" '/^--$/ { b++; if (b > n) print; next } b >= n' "$work/$1.out"
}

# help_pages NAME HEIGHT FOOTER LAST: the help pages from @help to @last:
# every panel there, in order, each between the bar (HEIGHT) and the
# footer (FOOTER from the bottom); "help-next" on every page but the last
help_pages() {
	name=$1
	# a "shot" lists the same screen again: a page is a block unlike the last
	blocks "$name" help | awk -v bar="$2" -v foot="$3" -v last="$4" '
		/^--$/ { if (cur == prev) { cur = ""; next }
		         prev = cur; cur = ""; page++
		         if (page < last && !index(prev, "\nhelp-next "))
				print "page " page ": no help-next"
		         if (page == last && index(prev, "\nhelp-next "))
				print "page " page ": help-next on the last page"
		         if (page == last) exit
		         next }
		{ cur = cur "\n" $0 }
		$1 ~ /^(help-danger|help-no-number|helpline:|un-reporting:)/ {
			if (!($1 in first)) { first[$1] = 1; order = order " " $1 }
			if ($3 < bar || $3 + $5 > foot)
				print "page " page + 1 ": " $1 " at y " $3 "..." $3 + $5 " is outside " bar "..." foot
		}
		END { want = " help-danger help-no-number helpline:1 helpline:2 helpline:3 un-reporting:1"
		      if (order != want) print "panels in the order" order ", not" want }'
}

if script_ran help-800x480 --mode community --size 800x480; then
	out=$({
		help_pages help-800x480 72 400 9
		has help-800x480 last '^un-reporting:1 ' '!^help-next ' &&
		has help-800x480 back '^help-next ' '^back '
	} 2>&1)
	verdict help-800x480 "Arabic at 800x480: 9 pages, every panel shown in order under the bar, back goes one page back" "$out"
fi
if script_ran help-720x1280 --mode personnel --size 720x1280; then
	out=$({
		help_pages help-720x1280 104 1084 5
		has help-720x1280 last '^un-reporting:1 ' '!^help-next '
	} 2>&1)
	verdict help-720x1280 "French at 720x1280: 5 pages, every panel shown in order" "$out"
fi

# ---- text right in every language ------------------------------------------------

# golden_region NAME LABEL REGEX SHOT: the widget listed at LABEL of run NAME
# whose line matches REGEX looks in SHOT as in SHOT's golden (bmpcmp's
# budget of 16 pixels, in that region alone): the failure names the widget,
# where the whole screen's comparison names only the screen.  Not while the
# goldens are rewritten, nor for a new shot.
golden_region() {
	[ "$update" = 1 ] && return 0
	block "$scripts/$1.script" "$work/$1.out" "$2" > "$work/block"
	r=$(grep -E -- "$3" "$work/block" | head -1 | awk '{ print $2 "," $3 "," $4 "," $5 }')
	if [ -z "$r" ]; then
		echo "at @$2: no widget matches /$3/"
		return 1
	fi
	[ -f "$golden/$4.gz" ] || return 0
	gzip -dc "$golden/$4.gz" > "$work/region.bmp"
	if ! "$bmpcmp" -a "$r" -b "$r" "$work/region.bmp" "$work/shots/$4" > "$work/cmp" 2>&1; then
		echo "$4: the region $r of /$3/ differs from its golden:"
		say < "$work/cmp"
		return 1
	fi
}

if script_ran text --mode community; then
	out=$({
		has text ar-page '^block:1 .*\+236 21 61 48 90.*08:30.*Amina Diallo.*2026-01-31' \
			'^block:2 [0-9 ]+This paragraph was added' '^not-translated ' &&
		has text fr-page '^block:1 .*\+236 21 61 48 90' '!^not-translated ' \
			'!^block:[0-9]+ [0-9 ]+This paragraph'
	} 2>&1)
	verdict text "Arabic: the text cases in their order, the untranslated paragraph marked and the note; French: none" "$out"
	out=$(golden_region text fr-link '^block:[0-9]+ .*où trouver de l’aide' fr-text-02-link.bmp 2>&1)
	verdict text "the lesson's link is drawn as in its golden: emphasis, not blue or underlined" "$out"
	out=$({
		has text fr-page '^block:3 .*avec emphase :$' '^block:4 [0-9]+ [0-9]+ [0-9]+ [0-9]+ ' \
			'^block:5 [0-9 ]+le premier élément, en gras ;$' &&
		golden_region text fr-page '^block:3 ' fr-text-01-lesson.bmp &&
		golden_region text fr-page '^block:4 ' fr-text-01-lesson.bmp &&
		golden_region text fr-page '^block:5 ' fr-text-01-lesson.bmp
	} 2>&1)
	verdict text "a page with emphasis, a picture and a list item, each drawn as in its golden" "$out"
fi
if script_ran text-800x480 --mode personnel --size 800x480; then
	out=$({
		has text-800x480 cut-before '^block:1 .*sécurité\. ?$' '!^block:2 ' &&
		has text-800x480 cut-after '^block:1 [0-9 ]+Il s’appuie' &&
		has text-800x480 ar-untranslated '^block:2 [0-9 ]+This paragraph was added' \
			'^not-translated '
	} 2>&1)
	verdict text-800x480 "800x480: a page cut between two sentences of one paragraph, the next page on from the next" "$out"
fi

# ---- every kind of screen on the two small panels -------------------------------
#
# scripts/tour-800x480.script and tour-720x1280.script: a personnel quiz in
# French, a community session in Arabic, help, the PIN, the admin screen and
# its keyboard, each screen a golden.  On the 7-inch panel a question whose
# answers do not fit shows them in pages ("More answers"), a long verdict
# and its explanation take a page each, and a multiple-choice question has
# its prompt beside the answers; in portrait "Get help" has a row of its own.

tour() {   # SIZE
	name=tour-$1
	echo 2468 | "$kiosk" --records "$work/$name.db" --set-pin > /dev/null 2>&1
	script_ran "$name" --size "$1"
}
if tour 800x480; then
	out=$({
		has tour-800x480 question '^answers-more ' '^choice:army ' '!^choice:link ' '^help ' &&
		has tour-800x480 more-answers '^choice:link ' '!^choice:army ' &&
		has tour-800x480 verdict '^feedback ' '^explanation ' &&
		has tour-800x480 beside '^choice:pregnancy ' '!^answers-more ' &&
		has tour-800x480 verdict-alone '^feedback ' '!^explanation ' '!^choice:' &&
		has tour-800x480 explanation '^explanation ' '!^feedback ' '^next ' &&
		has tour-800x480 result '^score ' '^retry ' '^done ' '^help ' &&
		has tour-800x480 closing '^closing ' '^done ' '^help '
	} 2>&1)
	verdict tour-800x480 "answers in pages, verdict and explanation a page each, to the result and the closing" "$out"
fi
if tour 720x1280; then
	out=$({
		has tour-720x1280 question '^choice:army ' '^choice:link ' '!^answers-more ' '^help ' &&
		has tour-720x1280 verdict-long '^feedback ' '^explanation ' '^choice:' &&
		has tour-720x1280 result '^score ' '^retry ' '^done ' '^help ' &&
		has tour-720x1280 closing '^closing ' '^done ' '^help '
	} 2>&1)
	verdict tour-720x1280 "every answer with its question, the verdict under them, to the result and the closing" "$out"
fi

# ---- a panel hung sideways -------------------------------------------------------
#
# scripts/rotate-90.script and rotate-270.script run on a 1280x720 output
# turned with --rotate: a touch where French shows on the output chooses
# French (through input.c, as a real finger), and the mode screen drawn is
# the portrait tour's golden turned a quarter (bmpcmp -r turns it back).

rotated() {   # DEG
	name=rotate-$1
	script_ran "$name" --size 1280x720 --rotate "$1" || return
	shot="$work/shots/rotated-$1-mode.bmp"
	out=$({
		has "$name" mode '^mode:personnel ' '^mode:community ' &&
		if [ "$update" = 1 ]; then :; elif gzip -dc "$golden/tour-720x1280-01-fr-mode.bmp.gz" > "$work/portrait.bmp" &&
		      "$bmpcmp" -r "$1" "$work/portrait.bmp" "$shot" > "$work/cmp" 2>&1; then :; else
			echo "the turned screen is not the portrait one turned:"
			say < "$work/cmp"
			false
		fi
	} 2>&1)
	rm -f "$shot"
	verdict "$name" "a touch on the turned output lands on French; the screen is the portrait one, turned" "$out"
}
rotated 90
rotated 270
if "$kiosk" --bundle "$bundle" --records "$work/rotate-bad.db" --rotate 45 > "$work/rotate-bad.out" 2>&1; then
	bad "rotate: --rotate 45 is refused"
else
	grep -q -- "--rotate wants 0, 90, 180 or 270" "$work/rotate-bad.out" &&
		ok "rotate: --rotate 45 is refused" || { bad "rotate: --rotate 45 is refused"; say < "$work/rotate-bad.out"; }
fi

# ---- idle timeout --------------------------------------------------------------

if script_ran idle --idle-seconds 30; then
	out=$({
		has idle before '^next ' '^exit ' &&
		has idle after '^lang:fr ' '!^exit ' '!^next ' &&
		check_sql "the session" "$work/idle.db" "SELECT participants, ended_at - started_at \
FROM sessions" "5|30000"
	} 2>&1)
	verdict idle "30 s untouched: back to the language screen, the session ended" "$out"
fi

# ---- admin PIN -------------------------------------------------------------------

if script_ran no-pin; then
	out=$(has no-pin message '^message .*--set-pin' 2>&1)
	verdict no-pin "F12 with no PIN set says how to set one" "$out"
fi

if echo 2468 | "$kiosk" --records "$work/pin.db" --set-pin > "$work/setpin.out" 2>&1 &&
   [ "$(sql "$work/pin.db" "SELECT count(*) FROM meta WHERE key = 'pin_hash'")" = 1 ] &&
   [ "$(sql "$work/pin.db" "SELECT count(*) FROM meta WHERE value = '2468'")" = 0 ]; then
	ok "pin: --set-pin stores a hash, not the PIN"
else
	bad "pin: --set-pin stores a hash, not the PIN"
	say < "$work/setpin.out"
fi
if echo 12 | "$kiosk" --records "$work/pin.db" --set-pin > "$work/setpin.out" 2>&1; then
	bad "pin: --set-pin refuses a PIN of 2 digits"
else
	ok "pin: --set-pin refuses a PIN of 2 digits"
fi
if script_ran pin; then
	out=$({
		has pin long-press '^key:1 ' '^key:ok ' '!^lang:' &&
		has pin third '^key:ok ' '!^export ' &&
		has pin too-early '^key:ok ' '!^export ' &&
		has pin admin '^export ' '^quit ' '!^key:' &&
		check_sql "failures reset by the right PIN" "$work/pin.db" "SELECT value FROM meta \
WHERE key = 'pin_failures'" "0"
	} 2>&1)
	verdict pin "long press opens the keypad; 3 wrong PINs lock it 30 s; then the PIN works" "$out"
	out=$({
		has pin admin '^name ' '^kiosk-name .*This kiosk has no name yet' &&
		has pin name-keyboard '^char:q ' '^name:ok ' '^name:space ' '^name-field .*Tent 3, Bria$' &&
		has pin named '^export ' '^kiosk-name .*This kiosk: Tent 3, Bria$' '^message .*Name saved' &&
		check_sql "the name kept in the records" "$work/pin.db" "SELECT value FROM meta \
WHERE key = 'kiosk_name'" "Tent 3, Bria"
	} 2>&1)
	verdict pin "the admin names the kiosk on its keyboard (and a real one): kept, shown" "$out"
fi

# ---- a redraw of an unchanged screen costs nothing ------------------------------
#
# scripts/redraw.script draws every screen twice in a row (and
# redraw-no-pin.script the error screen) with the allocation counter
# (allocs.c) preloaded: the second drawing of each, a shot named
# *.again.bmp, must make no heap allocation at all, in the app, the
# renderer, SDL or SQLite.  Its screenshots stay in a folder of their own,
# not compared with goldens.

allocs="$top/build/tests/kiosk-allocs.so"
[ -f "$allocs" ] || make -C "$top" -s build/tests/kiosk-allocs.so > /dev/null || exit 1
mkdir -p "$work/redraw"
: > "$work/allocs"
# redraw NAME: scripts/NAME.script with the counter, on records redraw.db
redraw() {
	(cd "$work/redraw" && KIOSK_ALLOCS="$work/allocs" LD_PRELOAD="$allocs" "$kiosk" \
		--bundle "$bundle" --records "$work/redraw.db" --script "$scripts/$1.script") \
		> "$work/$1.out" 2> "$work/$1.err" && [ ! -s "$work/$1.err" ]
}
if redraw redraw-no-pin && echo 2468 | "$kiosk" --records "$work/redraw.db" --set-pin \
     > /dev/null 2>&1 && redraw redraw; then
	screens=$(grep -c '\.again\.bmp$' "$work/allocs")
	out=$(awk '$2 ~ /\.again\.bmp$/ && $1 != 0 { print $2 ": " $1 " allocations" }' \
		"$work/allocs")
	[ "$screens" -gt 20 ] || out="only $screens redraws counted (is the counter loaded?)"
	verdict redraw "$screens screens redrawn unchanged with no heap allocation" "$out"
else
	bad "redraw: the scripts ran with the allocation counter"
	cat "$work/redraw-no-pin.err" "$work/redraw.err" 2> /dev/null | say
fi

# ---- narration ---------------------------------------------------------------------
#
# A copy of the fixture narrated by espeak-ng in French and English (the
# voices kept in build/kiosk-narration/ from one run to the next: narrate
# synthesizes only what is missing or changed, 80 s of CPU the first time),
# its bundle, and narration.script on it with the dummy audio driver: the
# Listen button (a touch target) and "machine voice" in the bar, the text
# being read highlighted in turn (--list-widgets prints "speaking ID"),
# the idle timeout waiting while it plays, and the voice stopped by a new
# page and by Leave.

narrated() {
	n="$work/narrated"
	voices="$top/build/kiosk-narration"
	mkdir -p "$n" "$voices"
	cp -R "$here/fixture/content" "$here/fixture/locales" "$n/"
	cp -R "$voices" "$n/locales/audio"
	for l in fr en; do
		(cd "$n" && "$gen" narrate --assets "$top/assets" --lang $l --synthesize) \
			> "$work/narrate-$l.log" 2>&1 || return 1
	done
	rm -rf "$voices" && cp -R "$n/locales/audio" "$voices"
	SOURCE_DATE_EPOCH=0 "$gen" build --content "$n/content" --locales "$n/locales" \
		--assets "$top/assets" --out "$n/out" > "$work/narrated.log" 2>&1
}

if narrated; then
	plain_bundle=$bundle
	bundle="$work/narrated/out/packages/kiosk.bundle"
	export SDL_AUDIODRIVER=dummy
	if script_ran narration; then
		out=$({
			has narration listen '^listen [0-9]+ [0-9]+ [0-9]+ (4[89]|[5-9][0-9]|[0-9]{3}) ' \
				'^machine-voice .*Voix de synthèse' '!^speaking ' &&
			has narration speaking-1 '^speaking block:1$' &&
			has narration speaking-2 '^speaking block:2$' &&
			has narration still-reading '^speaking block:' '^next ' &&
			has narration next-page '!^speaking ' '^listen ' &&
			has narration left '^lang:fr ' '!^speaking ' '!^listen '
		} 2>&1)
		verdict narration "Listen reads the page in turn, highlighted, the idle timeout waiting; a new page and Leave stop it" "$out"
	fi
	if script_ran narration-aloud --read-aloud; then
		out=$({
			has narration-aloud modules '!^speaking ' &&
			has narration-aloud read '^speaking block:1$' &&
			has narration-aloud next-page '^speaking block:' &&
			has narration-aloud stopped '!^speaking ' '^listen '
		} 2>&1)
		verdict narration-aloud "--read-aloud reads each page of a community session by itself, once; a tap stops it" "$out"
	fi
	unset SDL_AUDIODRIVER
	bundle=$plain_bundle
else
	bad "narration: the narrated fixture"
	say < "$work/narrated.log"
fi

# ---- screenshots against the goldens ----------------------------------------------

if [ "$update" = 1 ]; then
	if [ "$fail" != 0 ]; then
		echo "kiosk: not updating the goldens: the runs above failed"
		exit 1
	fi
	# what changes, old beside new, on one sheet to look at before committing
	sheet="$top/build/tests/kiosk-sheet"
	[ -x "$sheet" ] || make -C "$top" -s build/tests/kiosk-sheet > /dev/null
	mkdir -p "$work/old" "$keep"
	set --
	for shot in "$work/shots"/*.bmp; do
		base=$(basename "$shot" .bmp)
		if [ -f "$golden/$base.bmp.gz" ]; then
			gzip -dc "$golden/$base.bmp.gz" > "$work/old/$base.bmp"
			"$bmpcmp" -t 0 -n 0 "$work/old/$base.bmp" "$shot" > /dev/null 2>&1 && continue
			set -- "$@" "$work/old/$base.bmp=$base (old)"
		fi
		set -- "$@" "$shot=$base (new)"
	done
	if [ $# -gt 0 ]; then
		"$sheet" -c 4 "$keep/changes.png" "$@" &&
			echo "kiosk: what changed, old beside new: $keep/changes.png (look at it before committing)"
	fi
	rm -f "$golden"/*.bmp.gz
	mkdir -p "$golden"
	n=0
	for shot in "$work/shots"/*.bmp; do
		gz="$golden/$(basename "$shot").gz"
		gzip -9n < "$shot" > "$gz"
		n=$((n + 1))
	done
	echo "kiosk: $n goldens rewritten in $golden"
	exit 0
fi

rm -rf "$keep"
for shot in "$work/shots"/*.bmp; do
	[ -f "$shot" ] || continue
	base=$(basename "$shot" .bmp)
	if [ ! -f "$golden/$base.bmp.gz" ]; then
		bad "screenshot $base: no golden (sh tests/kiosk/run.sh --update)"
		continue
	fi
	gzip -dc "$golden/$base.bmp.gz" > "$work/expected.bmp"
	if "$bmpcmp" "$work/expected.bmp" "$shot" "$work/diff.bmp" > "$work/cmp" 2>&1; then
		ok "screenshot $base matches its golden"
	else
		mkdir -p "$keep"
		cp "$shot" "$keep/$base.actual.bmp"
		cp "$work/expected.bmp" "$keep/$base.expected.bmp"
		[ -f "$work/diff.bmp" ] && mv "$work/diff.bmp" "$keep/$base.diff.bmp"
		bad "screenshot $base differs from its golden (see build/kiosk-test/$base.*)"
		say < "$work/cmp"
	fi
done
for g in "$golden"/*.bmp.gz; do
	[ -f "$g" ] || continue
	base=$(basename "$g" .bmp.gz)
	[ -f "$work/shots/$base.bmp" ] || bad "golden $base: no script takes this screenshot any more"
done

# ---- glyphs in Arabic text ---------------------------------------------------------
#
# Arabic text is full of characters that are not Arabic letters: ( ) % /
# - ? quotes.  Between Arabic words they take the right-to-left direction,
# and they must still be drawn, not as the empty box of a missing glyph
# (Noto Naskh Arabic has none of them).  A small project has one module per
# character, titled "ب<c>ب" in Arabic, and one whose title has U+2BD1 (a
# sign no shipped font has) instead: a module button drawn exactly like
# that one shows a box.  "؟" and "،" (which the Arabic font has) show that
# the check can tell.

g="$work/glyphs"
mkdir -p "$g/content/g" "$g/locales"
cat > "$g/content/site.yaml" << 'EOF'
title: "Glyphs"
source_language: en
languages:
  - code: en
    name: English
    dir: ltr
  - code: ar
    name: "العربية"
    dir: rtl
tracks:
  - id: g
    order: 1
    audience: all
    title: "G"
    summary: "G"
EOF
# number, the character as written in a PO string, its name
cat > "$work/glyphs.txt" << 'EOF'
00	⯑	none (the reference: no font has it)
01	(	"("
02	)	")"
03	%	"%"
04	/	"/"
05	-	"-"
06	?	"?"
07	\"	'"'
08	'	"'"
09	“	"“"
10	”	"”"
11	…	"…"
12	–	"–"
13	؟	"؟" (control: the Arabic font has it)
14	،	"،" (control: the Arabic font has it)
EOF
while IFS='	' read -r num _ _; do
	mkdir -p "$g/content/g/$num-glyph$num"
	printf -- '---\ntitle: "Glyph test %s"\nsummary: "S"\nminutes: 1\ncritical: false\n---\n\nSame text.\n' \
		"$num" > "$g/content/g/$num-glyph$num/index.md"
done < "$work/glyphs.txt"
glyphs_ok=0
if (cd "$g" && "$gen" extract --assets "$top/assets" > "$work/glyphs.log" 2>&1); then
	awk -F '\t' -v map="$work/glyphs.txt" '
		BEGIN { while ((getline l < map) > 0) { split(l, f, "\t"); tr[f[1]] = f[2] } }
		/^msgid "Glyph test [0-9]+"$/ { n = $0; sub(/.* /, "", n); sub(/"$/, "", n) }
		/^msgstr ""$/ && n != "" { print "msgstr \"ب" tr[n] "ب\""; n = ""; next }
		{ print }' "$g/locales/ar.po" > "$g/locales/ar.po.new" &&
	mv "$g/locales/ar.po.new" "$g/locales/ar.po" &&
	(cd "$g" && SOURCE_DATE_EPOCH=0 "$gen" build --assets "$top/assets" --out "$g/out" \
		>> "$work/glyphs.log" 2>&1) && glyphs_ok=1
fi
# (tall enough for all 15 on one page under the draft notice that a new PO
# file's "X-Review-Status: draft" brings)
printf 'press lang:ar\npress mode:personnel\ntype 1\npress key:ok\ntype 1\npress key:ok\nshot glyphs.bmp\n' \
	> "$work/glyphs.script"
if [ "$glyphs_ok" = 1 ] &&
   (cd "$work" && "$kiosk" --bundle "$g/out/packages/kiosk.bundle" --records "$work/glyphs.db" \
	--size 1280x1900 --script "$work/glyphs.script" --list-widgets \
	> "$work/glyphs.out" 2>> "$work/glyphs.log"); then
	# a module button's region, from the last screen listed
	region() {
		awk -v id="module:g/$1-glyph$1" '$1 == id { r = $2 "," $3 "," $4 "," $5 } END { print r }' \
			"$work/glyphs.out"
	}
	ref=$(region 00)
	boxes=""
	while IFS='	' read -r num _ name; do
		[ "$num" = 00 ] && continue
		r=$(region "$num")
		if [ -z "$r" ] || [ -z "$ref" ]; then
			boxes="$boxes${boxes:+, }$name (not on the module list)"
		elif "$bmpcmp" -t 0 -p 100 -a "$ref" -b "$r" "$work/glyphs.bmp" "$work/glyphs.bmp" \
		     > /dev/null 2>&1; then
			boxes="$boxes${boxes:+, }$name"
		fi
	done < "$work/glyphs.txt"
	if [ -z "$boxes" ]; then
		ok "glyphs: ( ) % / - ? quotes … – in Arabic text are drawn, not as boxes"
	else
		bad "glyphs: in Arabic text these are drawn as an empty box (a missing glyph): $boxes"
		mkdir -p "$keep"
		cp "$work/glyphs.bmp" "$keep/glyphs.bmp"
		echo "    (see build/kiosk-test/glyphs.bmp)"
	fi
else
	bad "glyphs: the test project was built and shown"
	say < "$work/glyphs.log"
fi

# ---- crash test ------------------------------------------------------------------
#
# The kiosk reads its script from a FIFO, one line at a time, and we read
# its --list-widgets output up to "--" after each: an answer is
# acknowledged when the screen after its "confirm" shows the feedback.
# Many runs on one records file, each a person answering the quiz (the
# first choice of every question), killed with SIGKILL:
#   - right after the k-th answer is acknowledged, for every k;
#   - a few ms after sending the k-th confirm, not waiting for it;
#   - a few ms after sending step n of the run, any step (module opened,
#     quiz begun, a choice, a confirm, the result);
# and a last run left to finish.  After each run the records file must
# pass PRAGMA integrity_check and hold every answer ever acknowledged.
# KIOSK_CRASH_SEED=n repeats the random moments of a failed run.

crash_db="$work/crash.db"
acked="$work/acked"
: > "$acked"
questions=$(sed -n 's/.*<question id="\([^"]*\)".*/\1/p' \
	"$here/fixture/content/policy/01-what-is-crsv/quiz.xml")
nq=$(echo "$questions" | wc -l)
seed=${KIOSK_CRASH_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
crash_fail=""
crash_kills=0

# random N SALT: a number from 0 to N-1, from the seed and SALT
random() { awk -v s="$seed" -v salt="$2" -v n="$1" 'BEGIN { srand(s * 1000 + salt); print int(rand() * n) }'; }

# send LINE: one action; the screen after it is in $screen.  Returns 1 when
# the kiosk is gone, 2 when this was the step to kill it at (it is then
# killed a few ms after the line was sent, without reading the answer).
send() {
	steps=$((steps + 1))
	printf '%s\n' "$1" >&3 || return 1
	if [ "$steps" = "$kill_at" ]; then
		sleep "0.00$(random 10 "$run_no$steps")"
		kill -9 "$crash_pid" 2> /dev/null
		return 2
	fi
	screen=""
	while IFS= read -r line <&4; do
		[ "$line" = "--" ] && return 0
		screen="$screen$line
"
	done
	return 1
}

# crash_run RUN MODE K: person 90RUN takes the quiz; MODE "ack": killed
# once the K-th answer is acknowledged; "confirm": a few ms after sending
# the K-th confirm; "step": a few ms after sending step K; "none": not
# killed, the whole quiz to its result.
crash_run() {
	run_no=$1
	mode=$2
	k=$3
	person=$((9000 + run_no))
	steps=0
	kill_at=0
	[ "$mode" = step ] && kill_at=$k
	why=""
	rm -f "$work/fifo-in" "$work/fifo-out"
	mkfifo "$work/fifo-in" "$work/fifo-out"
	"$kiosk" --bundle "$bundle" --records "$crash_db" --mode personnel --script - \
		--list-widgets < "$work/fifo-in" > "$work/fifo-out" 2>> "$work/crash.err" &
	crash_pid=$!
	exec 3> "$work/fifo-in" 4< "$work/fifo-out"
	# the first screen is listed before any action
	while IFS= read -r line <&4 && [ "$line" != "--" ]; do :; done
	send "press lang:fr" && send "type $person" && send "press key:ok" &&
		send "type $person" && send "press key:ok" &&
		send "press module:policy/01-what-is-crsv"
	rc=$?
	pages=0
	while [ "$rc" = 0 ] && ! echo "$screen" | grep -q '^confirm '; do
		pages=$((pages + 1))
		[ "$pages" -gt 40 ] && why="no quiz after 40 pages" && break
		send "press next"
		rc=$?
	done
	q=0
	for qid in $questions; do
		if [ "$rc" != 0 ] || [ -n "$why" ]; then
			break
		fi
		q=$((q + 1))
		choice=$(echo "$screen" | sed -n 's/^\(choice:[^ ]*\) .*/\1/p' | head -1)
		send "press $choice" || { rc=$?; break; }
		[ "$mode" = confirm ] && [ "$q" = "$k" ] && kill_at=$((steps + 1))
		send "press confirm" || { rc=$?; break; }
		if echo "$screen" | grep -q '^feedback '; then
			echo "$person|$qid|${choice#choice:}" >> "$acked"
		else
			why="no feedback after confirming question $q"
			break
		fi
		if [ "$mode" = ack ] && [ "$q" = "$k" ]; then
			kill -9 "$crash_pid" 2> /dev/null
			rc=2
			break
		fi
		send "press next" || { rc=$?; break; }
	done
	case $rc in
	0) if [ "$mode" != none ]; then
		[ -n "$why" ] || why="not killed (step $kill_at of $steps)"
	   elif ! echo "$screen" | grep -q '^score '; then
		why="${why:-no result after the last question}"
	   fi
	   exec 3>&- ;;   # end of the script: the kiosk exits by itself
	1) why="${why:-the kiosk died by itself at step $steps}" ;;
	2) crash_kills=$((crash_kills + 1)) ;;
	esac
	wait "$crash_pid" 2> /dev/null
	crash_pid=""
	exec 3>&- 4<&-
	# what must have survived
	integrity=$(sql "$crash_db" "PRAGMA integrity_check")
	[ "$integrity" = ok ] || why="${why:+$why; }integrity_check: $integrity"
	sql "$crash_db" "SELECT c.person_ref || '|' || a.question_id || '|' || a.chosen FROM \
answers a JOIN completions c ON c.uuid = a.completion_uuid" | sort > "$work/present"
	sort "$acked" > "$work/acked.sorted"
	lost=$(comm -23 "$work/acked.sorted" "$work/present")
	[ -z "$lost" ] || why="${why:+$why; }acknowledged answers lost: $(echo "$lost" | tr '\n' ' ')"
	[ -z "$why" ] || crash_fail="$crash_fail
run $run_no ($mode $k): $why"
}

r=0
for k in $(seq 1 "$nq"); do
	r=$((r + 1))
	crash_run "$r" ack "$k"
done
for k in $(seq 1 "$nq"); do
	r=$((r + 1))
	crash_run "$r" confirm "$k"
done
# a run has 6 steps to the module (the ID typed twice), a page turn each
# (as many as the last run turned), 3 steps a question
total=$((6 + pages + 3 * nq))
for n in 1 2 3 4 5 6 7 8; do
	r=$((r + 1))
	crash_run "$r" step "$(( $(random "$total" "$n") + 1 ))"
done
r=$((r + 1))
crash_run "$r" step "$total"            # the step that finishes the quiz
r=$((r + 1))
crash_run "$r" none 0                   # and a whole quiz after all that
check=$(check_sql "the last run's completion" "$crash_db" "SELECT score IS NOT NULL, \
finished_at IS NOT NULL FROM completions WHERE person_ref = '$((9000 + r))'" "1|1" 2>&1)
verdict crash "$crash_kills kill -9 in $r runs (seed $seed): integrity_check ok and \
each of $(wc -l < "$acked") acknowledged answers kept" "$crash_fail${check:+
$check}"

# ---- bad bundles -------------------------------------------------------------------

# bad_bundle WHAT FILE REGEX: crsv-kiosk --bundle FILE fails with a message
# matching REGEX (after "FILE: error: "), exit status 1..127, and creates no
# records file
bad_bundle() {
	rm -f "$work/bad.db"
	# in $work: a refused start saves its screen as refused.bmp where it runs
	(cd "$work" && printf '' | "$kiosk" --bundle "$2" --records "$work/bad.db" --script - \
		> "$work/bad.out" 2> "$work/bad.err")
	status=$?
	why=""
	[ "$status" -ge 1 ] && [ "$status" -lt 128 ] || why="exit status $status"
	grep -Eq -- "^$2: error: .*$3" "$work/bad.err" ||
		why="${why:+$why; }message does not match /$2: error: ...$3/"
	[ ! -e "$work/bad.db" ] || why="${why:+$why; }a records file was created"
	if [ -z "$why" ]; then
		ok "bad bundle: $1: $(head -1 "$work/bad.err" | sed "s#$work/##")"
	else
		bad "bad bundle: $1: $why"
		say < "$work/bad.err" 5
	fi
}

bad_bundle "a missing path" "$work/missing.bundle" "not found"
echo "this is not a bundle" > "$work/text.bundle"
bad_bundle "a text file" "$work/text.bundle" "not a kiosk bundle"
: > "$work/empty.bundle"
bad_bundle "an empty file" "$work/empty.bundle" "not a kiosk bundle"
bad_bundle "a records file" "$work/personnel-fr.db" "not a kiosk bundle"
cp "$bundle" "$work/v99.bundle"
sqlite3 "$work/v99.bundle" "PRAGMA user_version = 99"
bad_bundle "user_version 99" "$work/v99.bundle" "version 99"
head -c 100000 "$bundle" > "$work/truncated.bundle"
bad_bundle "a truncated bundle" "$work/truncated.bundle" "."
bad_bundle "a folder" "$work/shots" "."

# damaged pages: garbage over one page half-way through a table's leaves
# (page_of BUNDLE NAME) with a fixed pattern, so every run is the same
page_of() {
	sqlite3 "$1" "SELECT pageno FROM dbstat WHERE name = '$2' AND pagetype = 'leaf'
	  ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat
	  WHERE name = '$2' AND pagetype = 'leaf')"
}
damage() {   # FILE PAGE
	yes 'not a page' | head -c 4096 |
		dd of="$1" bs=4096 seek=$(($2 - 1)) conv=notrunc 2> /dev/null
}
# the design review's case: a page of blocks overwritten started the kiosk
# silently, its first module "Page 1 / 2" instead of "Page 1 / 10"
cp "$bundle" "$work/blocks-page.bundle"
damage "$work/blocks-page.bundle" "$(page_of "$bundle" blocks)"
bad_bundle "a page of the blocks overwritten" "$work/blocks-page.bundle" "damaged"
# the seal reads the tables, not their indexes: a damaged index page
# started the kiosk with no choice in any question
cp "$bundle" "$work/index-page.bundle"
damage "$work/index-page.bundle" "$(page_of "$bundle" sqlite_autoindex_choices_1)"
bad_bundle "a page of an index overwritten" "$work/index-page.bundle" "damaged \(.*Page"
# a row edited (the seal no longer matches)
cp "$bundle" "$work/edited.bundle"
sqlite3 "$work/edited.bundle" "UPDATE blocks SET level = 9 WHERE id = 1"
bad_bundle "a row edited" "$work/edited.bundle" "damaged or altered"

# a font and an image whose headers are sound (material.c checks those) but
# which SDL_ttf and SDL_image cannot read: each refused at start, by name.
# The font: Noto Sans Bold with its 'maxp' table zeroed; the image: the
# golden fixture's PNG with its pixels overwritten.
mkdir -p "$work/fonts"
cp "${CRSV_FONTS:-/usr/share/fonts/truetype/noto}"/NotoSans-*.ttf \
   "${CRSV_FONTS:-/usr/share/fonts/truetype/noto}"/NotoNaskhArabic-*.ttf "$work/fonts/"
python3 - "$work/fonts/NotoSans-Bold.ttf" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], 'rb').read())
for i in range(struct.unpack('>H', d[4:6])[0]):
    rec = d[12 + 16 * i:28 + 16 * i]
    if rec[:4] == b'maxp':
        off, n = struct.unpack('>II', rec[8:16])
        d[off:off + n] = bytes(n)
open(sys.argv[1], 'wb').write(d)
PY
if CRSV_FONTS="$work/fonts" SOURCE_DATE_EPOCH=0 "$gen" build --content "$here/fixture/content" \
     --locales "$here/fixture/locales" --assets "$top/assets" --out "$work/badfont" \
     > "$work/gen.log" 2>&1; then
	bad_bundle "a font SDL_ttf cannot draw with" "$work/badfont/packages/kiosk.bundle" \
		"bundle table fonts, row \(family \"Noto Sans\", bold 1, italic 0\): data: SDL_ttf cannot"
else
	bad "a bundle with a damaged font built"
	say < "$work/gen.log"
fi
cp -R "$top/tests/golden/fixture" "$work/badimage"
png="$work/badimage/content/basics/02-safety/box.png"
size=$(wc -c < "$png")
{ head -c 33 "$png"; yes 'no pixels' | head -c $((size - 33)); } > "$png.new" && mv "$png.new" "$png"
if SOURCE_DATE_EPOCH=0 "$gen" build --content "$work/badimage/content" \
     --locales "$work/badimage/locales" --assets "$top/assets" --out "$work/badimage/out" \
     > "$work/gen.log" 2>&1; then
	bad_bundle "an image SDL_image cannot decode" "$work/badimage/out/packages/kiosk.bundle" \
		"bundle table images, row \(path \"basics/02-safety/box.png\"\): data: SDL_image cannot"
else
	bad "a bundle with a damaged image built"
	say < "$work/gen.log"
fi

# a records file with a damaged page: refused at start, on stderr and on
# the screen, and left as it was
cp "$work/personnel-fr.db" "$work/damaged.db"
damage "$work/damaged.db" "$(page_of "$work/damaged.db" answers)"
before=$(cksum < "$work/damaged.db")
rm -f "$work/refused.bmp"
(cd "$work" && printf '' | "$kiosk" --bundle "$bundle" --records "$work/damaged.db" \
	--script - > /dev/null 2> "$work/bad.err")
status=$?
if [ "$status" -ge 1 ] && [ "$status" -lt 128 ] &&
   grep -q "^$work/damaged.db: error: the records file is damaged" "$work/bad.err" &&
   [ -s "$work/refused.bmp" ] && [ "$before" = "$(cksum < "$work/damaged.db")" ]; then
	ok "bad records: a damaged page is refused at start (stderr and screen), the file left intact"
else
	bad "bad records: a damaged page (exit $status)"
	say < "$work/bad.err" 5
fi

# and the other way round: a bundle is not a records file, and stays as it was
cp "$bundle" "$work/as-records.bundle"
before=$(cksum < "$work/as-records.bundle")
(cd "$work" && printf '' | "$kiosk" --bundle "$bundle" --records "$work/as-records.bundle" \
	--script - > /dev/null 2> "$work/bad.err")
status=$?
if [ "$status" -ge 1 ] && [ "$status" -lt 128 ] &&
   grep -q "not a records file" "$work/bad.err" &&
   [ "$before" = "$(cksum < "$work/as-records.bundle")" ]; then
	ok "bad records: a bundle given as --records is refused and left intact"
else
	bad "bad records: a bundle given as --records (exit $status)"
	say < "$work/bad.err" 5
fi

echo "kiosk: $pass passed, $fail failed"
[ "$fail" = 0 ]
