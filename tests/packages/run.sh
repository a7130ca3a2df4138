#!/bin/sh
# Package tests: builds the golden fixture (and the real content for
# epubcheck) and checks out/packages/:
#  - site.zip holds exactly the site
#  - each EPUB: "mimetype" first and stored, container and OPF, language,
#    dcterms:modified from SOURCE_DATE_EPOCH, RTL spine for Arabic; epubcheck
#    with no errors or warnings, for the fixture's and the real books
#  - each SCORM package: manifest valid against the ADL schemas it carries
#    (libxml2's xmllint), every file it names is inside; the SCO in headless
#    Chromium under a stand-in platform API: the calls and values it reports,
#    right and wrong; and without any platform the quiz still works
#  - the help track is audience community: its quiz is not an exam, so its
#    manifest item has no adlcp:masteryscore and its SCO reports only
#    lesson_status "completed" (no score, never "failed"), right or wrong
#  - two builds are byte-identical (but the ZIM files: tests/zim/run.sh),
#    and no temporary file is left
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] packages: $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] packages: $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

export SOURCE_DATE_EPOCH=1600000000   # 2020-09-13T12:26:40Z
cp -R "$top/tests/golden/fixture" "$work/p"
cp -R "$top/assets" "$work/p/assets"
(cd "$work/p" && "$gen" build --out "$work/a" --allow-incomplete > "$work/log" 2>&1) ||
	{ bad "fixture builds"; cat "$work/log"; }
(cd "$work/p" && "$gen" build --out "$work/b" --allow-incomplete > /dev/null 2>&1)
pk="$work/a/packages"

# --- reproducible and atomic
# (the ZIM files are not: zimwriterfs gives each a random UUID; their
# entries are compared in tests/zim/run.sh, and so their SHA256SUMS lines
# are left out here)
same=1
for f in "$pk"/*; do
	case $f in
	*.zim) continue ;;
	*/SHA256SUMS)
		grep -v '\.zim$' "$f" > "$work/sums-a"
		grep -v '\.zim$' "$work/b/packages/SHA256SUMS" > "$work/sums-b"
		cmp -s "$work/sums-a" "$work/sums-b" || { same=0; echo "    differs: SHA256SUMS"; }
		continue ;;
	esac
	cmp -s "$f" "$work/b/packages/$(basename "$f")" || { same=0; echo "    differs: $(basename "$f")"; }
done
check "two builds give byte-identical packages" '[ "$same" = 1 ]'
check "no temporary files left" '[ -z "$(find "$work/a" -name "*.tmp-*" -o -name ".build-*")" ]'

# --- site.zip
mkdir "$work/unzipped" && (cd "$work/unzipped" && unzip -q "$pk/site.zip")
check "site.zip holds exactly the site" 'diff -r "$work/a/site" "$work/unzipped/crsv-site" > /dev/null'

# --- EPUB
for book in "$pk"/*.epub; do
	name=$(basename "$book" .epub)
	lang=${name##*-}
	# the OCF rule: the first local header names "mimetype", stored (method 0)
	first=$(dd if="$book" bs=1 skip=30 count=8 2> /dev/null)
	method=$(od -An -tu2 -j8 -N2 "$book" | tr -d ' ')
	body=$(dd if="$book" bs=1 skip=38 count=20 2> /dev/null)
	check "$name: mimetype first and stored" \
		'[ "$first" = mimetype ] && [ "$method" = 0 ] && [ "$body" = "application/epub+zip" ]'
	opf=$(unzip -p "$book" OEBPS/content.opf)
	check "$name: container and package document" \
		'unzip -p "$book" META-INF/container.xml | grep -q "OEBPS/content.opf" && [ -n "$opf" ]'
	check "$name: dc:language and dcterms:modified" \
		'echo "$opf" | grep -q "<dc:language>$lang</dc:language>" &&
		 echo "$opf" | grep -q "dcterms:modified\">2020-09-13T12:26:40Z<"'
	if [ "$lang" = ar ]; then
		check "$name: right-to-left page progression" \
			'echo "$opf" | grep -q "page-progression-direction=\"rtl\""'
	fi
done
if [ -f /usr/share/java/epubcheck.jar ] && command -v java > /dev/null 2>&1; then
	(cd "$top" && SOURCE_DATE_EPOCH=1600000000 "$gen" build --out "$work/real" > /dev/null 2>&1) ||
		bad "the real content builds"
	for book in "$pk"/*.epub "$work/real/packages"/*.epub; do
		java -jar /usr/share/java/epubcheck.jar "$book" > "$work/epubcheck" 2>&1
		which=$(basename "$(dirname "$(dirname "$book")")")
		if grep -q "Messages: 0 fatals / 0 errors / 0 warnings" "$work/epubcheck"; then
			ok "epubcheck $(basename "$book") ($which): no errors or warnings"
		else
			bad "epubcheck $(basename "$book") ($which):"
			grep -E "^(ERROR|WARNING|FATAL)" "$work/epubcheck" | head -5
		fi
	done
else
	bad "epubcheck is not installed (Debian package epubcheck)"
fi

# --- SCORM 1.2
# item <manifest> <module id>: that module's <item>...</item>
item() { sed -n "/<item identifier=\"item-$2\"/,/<\/item>/p" "$1"; }
for zip in "$pk"/*-scorm12.zip; do
	name=$(basename "$zip" .zip)
	d="$work/scorm/$name"
	mkdir -p "$d" && (cd "$d" && unzip -q "$zip")
	cp "$here/scorm12-check.xsd" "$d/"
	check "$name: manifest valid against the ADL SCORM 1.2 schemas" \
		'xmllint --noout --schema "$d/scorm12-check.xsd" "$d/imsmanifest.xml" 2> "$work/xsd" ||
		 { grep -v "ims_xml.xsd\|namespace error\|^filename\|^ *\^" "$work/xsd" | head -5; false; }'
	missing=$(grep -o 'href="[^"]*"' "$d/imsmanifest.xml" | sed 's/href="//; s/"$//' |
		while read -r f; do [ -f "$d/$f" ] || echo "$f"; done)
	check "$name: every file the manifest names is in the package" '[ -z "$missing" ]'
	check "$name: schema version 1.2, a SCO per module" \
		'grep -q "<schemaversion>1.2</schemaversion>" "$d/imsmanifest.xml" &&
		 [ "$(grep -c "adlcp:scormtype=\"sco\"" "$d/imsmanifest.xml")" -ge 1 ]'
	# the pass mark goes to the platform for a scored quiz only
	case "$name" in
	basics-*)
		check "$name: the scored quiz's item has adlcp:masteryscore 60 (its pass-percent)" \
			'[ "$(item "$d/imsmanifest.xml" welcome)" != "" ] &&
			 item "$d/imsmanifest.xml" welcome | grep -q "<adlcp:masteryscore>60</adlcp:masteryscore>"'
		;;
	help-*)
		check "$name: the community quiz's item (get-help) has no adlcp:masteryscore" \
			'item "$d/imsmanifest.xml" get-help | grep -q "<title>" &&
			 ! grep -q "masteryscore" "$d/imsmanifest.xml"'
		;;
	esac
done

browser=""
for b in chromium chromium-browser; do
	command -v "$b" > /dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	echo "packages: skipped: the SCORM browser test needs chromium"
else
	d="$work/scorm/basics-en-scorm12"
	cp "$here/api-stub.js" "$here/harness.js" "$d/"
	sed 's|src="SCO"|src="basics/welcome.html"|' "$here/harness.html" > "$d/harness.html"
	run_sco() {  # <query> [page] -> the JSON the harness page (harness.html) wrote
		timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
			--disable-background-networking --disable-component-update --no-first-run \
			--user-data-dir="$(mktemp -d "$work/prof.XXXXXX")" --allow-file-access-from-files \
			--virtual-time-budget=10000 --dump-dom "file://$d/${2:-harness.html}$1" 2> /dev/null |
			sed -n 's|.*<pre id="test-result">\(.*\)</pre>.*|\1|p' | sed 's/&quot;/"/g'
	}
	run_alone() {  # the SCO of $d's harness with no platform at all -> its JSON
		sed 's|<script src="api-stub.js"></script>||' "$d/harness.html" > "$d/alone.html"
		run_sco "" alone.html
	}
	right=$(run_sco "")
	wrong=$(run_sco "?wrong")
	has() { echo "$1" | grep -qF -- "$2"; }
	check "SCO under a platform: initialises and marks the lesson incomplete" \
		'has "$right" "[\"LMSInitialize\",\"\"],[\"LMSGetValue\",\"cmi.core.lesson_status\"],[\"LMSSetValue\",\"cmi.core.lesson_status\",\"incomplete\"],[\"LMSCommit\",\"\"]"'
	check "SCO all right: score 100 of 0..100, passed, committed, finished on leaving" \
		'has "$right" "[\"LMSSetValue\",\"cmi.core.score.min\",\"0\"],[\"LMSSetValue\",\"cmi.core.score.max\",\"100\"],[\"LMSSetValue\",\"cmi.core.score.raw\",\"100\"],[\"LMSSetValue\",\"cmi.core.lesson_status\",\"passed\"],[\"LMSCommit\",\"\"]" &&
		 has "$right" "[\"LMSFinish\",\"\"]" && has "$right" "\"finishedOnLeave\":true"'
	check "SCO all wrong: score 0, failed (pass mark 60)" \
		'has "$wrong" "[\"LMSSetValue\",\"cmi.core.score.raw\",\"0\"],[\"LMSSetValue\",\"cmi.core.lesson_status\",\"failed\"]"'
	# with no platform at all the page is an ordinary quiz
	alone=$(run_alone)
	check "SCO without a platform: the quiz still scores" \
		'has "$alone" "\"score\":\"Your score: 3 of 3 questions right (100%)"'

	# --- the community SCO (help track): "Finish" completes, nothing scores
	d="$work/scorm/help-en-scorm12"
	cp "$here/api-stub.js" "$here/harness.js" "$d/"
	sed 's|src="SCO"|src="help/get-help.html"|' "$here/harness.html" > "$d/harness.html"
	closing=$(sed -n 's/^quiz_closing_community: "\(.*\)"$/\1/p' "$top/assets/ui.yaml")
	cright=$(run_sco "")
	cwrong=$(run_sco "?wrong")
	# every call the platform gets, in order: nothing but "completed"
	calls='"calls":[["LMSInitialize",""],["LMSGetValue","cmi.core.lesson_status"],["LMSSetValue","cmi.core.lesson_status","incomplete"],["LMSCommit",""],["LMSSetValue","cmi.core.lesson_status","completed"],["LMSCommit",""],["LMSFinish",""]]'
	check "community SCO all right: Finish sets lesson_status \"completed\" and commits; these are all its calls" \
		'has "$cright" "$calls" && has "$cright" "\"cmi.core.lesson_status\":\"completed\"" &&
		 has "$cright" "\"finishedOnLeave\":true"'
	check "community SCO all wrong: \"completed\" just the same; these are all its calls" \
		'has "$cwrong" "$calls" && has "$cwrong" "\"cmi.core.lesson_status\":\"completed\""'
	unscored() {  # <JSON>: it ran, and no score or verdict went anywhere
		has "$1" "\"calls\":[" && ! has "$1" "cmi.core.score" &&
			! has "$1" "\"failed\"" && ! has "$1" "\"passed\""
	}
	check "community SCO, right or wrong: no cmi.core.score.* set, never \"failed\" or \"passed\"" \
		'unscored "$cright" && unscored "$cwrong"'
	check "community SCO: the result is the closing message, no score" \
		'[ -n "$closing" ] && has "$cright" "\"score\":\"$closing\"}" && has "$cwrong" "\"score\":\"$closing\"}"'
	calone=$(run_alone)
	check "community SCO without a platform: Finish shows the closing message" \
		'[ -n "$closing" ] && has "$calone" "\"score\":\"$closing\"}"'
fi

echo "packages: $pass passed, $fail failed"
[ "$fail" = 0 ]
