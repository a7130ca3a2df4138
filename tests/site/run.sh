#!/bin/sh
# Checks on the real content and the site built from it:
# - every PO file passes msgfmt -c and is 100% translated (status)
# - the site builds without --allow-incomplete, reproducibly
# - every relative link and asset in every page exists (works from file://)
# - no page refers to anything on the network, no javascript: URL, no inline
#   script, every page under 30 KB
# - no PO entry is fuzzy or untranslated; every module has a quiz
# - community quizzes are not exams: no pass mark on the site, none in SCORM
# - the get-help page (every helpline, "if you are in danger now" first) is in
#   the site, every EPUB, every SCORM course and the kiosk bundle; the build
#   warns while no helpline has a real number
# - every page has the quick exit; draft translations say so
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
gen="$top/build/crsv-gen"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] site: $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] site: $1"; }
cd "$top" || exit 1
export SOURCE_DATE_EPOCH=1600000000

for po in locales/*.po; do
	if msgfmt -c -o /dev/null "$po" 2> "$work/msgfmt"; then
		ok "msgfmt -c $po"
	else
		bad "msgfmt -c $po"; head -5 "$work/msgfmt"
	fi
done
"$gen" status > "$work/status" 2>&1
if awk '$1 == "total" && ($3 != 0 || $4 != 0) { bad = 1 } END { exit bad }' "$work/status"; then
	ok "every language is 100% translated"
else
	bad "not every language is fully translated:"; grep -E '^[a-z]|total' "$work/status"
fi

for po in locales/*.po; do
	left=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
	empty=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
	# each output, when not empty, repeats the header entry (msgid "")
	if [ "$left" -le 1 ] && [ "$empty" -le 1 ] && [ $((left + empty)) -lt 2 ]; then
		ok "$po has no fuzzy or untranslated entry"
	else
		bad "$po has fuzzy or untranslated entries:"
		msgattrib --only-fuzzy --no-obsolete "$po" | grep -A1 '^#:' | head -4
		msgattrib --untranslated --no-obsolete "$po" | grep -A1 '^#:' | head -4
	fi
done
noquiz=$(for d in content/*/[0-9]*/; do [ -f "$d/quiz.xml" ] || echo "$d"; done)
if [ -z "$noquiz" ]; then ok "every module has a quiz"; else bad "modules without a quiz: $noquiz"; fi

if "$gen" build --out "$work/a" > /dev/null 2> "$work/err"; then
	ok "the site builds without --allow-incomplete"
else
	bad "the site does not build:"; head -5 "$work/err"
fi
"$gen" build --out "$work/b" --allow-incomplete > /dev/null 2> "$work/err_b"
if diff -r "$work/a/site" "$work/b/site" > /dev/null 2>&1; then
	ok "two builds are byte-identical"
else
	bad "two builds differ"
fi

site="$work/b/site"
# relative links and assets must exist
missing=0
for page in $(cd "$site" && find . -name '*.html' | sort); do
	dir=$(dirname "$page")
	grep -oE '(href|src)="[^"]*"' "$site/$page" | sed -E 's/^(href|src)="//; s/"$//' |
	while read -r url; do
		case "$url" in
		http:*|https:*|mailto:*|tel:*|'#'*|'') continue ;;
		esac
		target=${url%%#*}
		[ -e "$site/$dir/$target" ] || echo "$page -> $url"
	done
done > "$work/broken"
if [ -s "$work/broken" ]; then
	bad "broken relative links:"; head -10 "$work/broken"
else
	ok "every relative link and asset exists"
fi
if grep -rlE '(src|href)="(https?:)?//' "$site" --include='*.html' | grep -q .; then
	bad "a page loads or links to something remote:"
	grep -rnoE '(src|href)="(https?:)?//[^"]*"' "$site" --include='*.html' | head -5
else
	ok "no remote resources or links in pages"
fi
if grep -rliE 'javascript:|<script[^>]*>[^<]|on(click|load|error)=' "$site" --include='*.html' | grep -q .; then
	bad "javascript: URL, inline script or event handler found"
else
	ok "no javascript: URLs, inline scripts or event handlers"
fi
# fully translated: no page may say it is partly untranslated or mark text
# as shown in the source language
marked=$(grep -rlE 'notice-untranslated"|class="[^"]*fallback' "$site" --include='*.html' | head -3)
if [ -n "$marked" ]; then
	bad "pages flagged as partly untranslated although every unit is translated: $marked"
else
	ok "no page is flagged as partly untranslated"
fi
big=$(find "$site" -name '*.html' -size +30k)
if [ -n "$big" ]; then
	bad "pages over 30 KB: $big"
else
	ok "every page is under 30 KB"
fi
for lang in en fr ar; do
	if grep -q "<html lang=\"$lang\"" "$site/$lang/index.html"; then ok "$lang pages say lang=\"$lang\""; else bad "$lang/index.html has no lang=\"$lang\""; fi
done
if grep -q 'dir="rtl"' "$site/ar/index.html"; then ok "Arabic pages are dir=rtl"; else bad "ar/index.html is not dir=rtl"; fi
if grep -q 'hreflang="fr"' "$site/en/policy/what-is-crsv.html"; then ok "hreflang alternates present"; else bad "no hreflang alternates"; fi

# ---- safety: help everywhere, community quizzes without verdicts ---------
pkg="$work/b/packages"
bundle="$pkg/kiosk.bundle"
places=$(grep -c '^  - name:' content/site.yaml)   # helplines + un_reporting
if grep -Eq '^content/site.yaml:[0-9]+: warning: the help page lists no real phone number' "$work/err_b"; then
	real=yes
else
	real=no
fi
# the helplines without a number (the section of site.yaml up to the next key)
helplines() { awk '/^helplines:/ { on = 1; next } /^[a-z_]+:/ { on = 0 } on' content/site.yaml; }
examples=$(helplines | grep -c 'phone: ""' || true)
nlines=$(helplines | grep -c '^  - name:' || true)
if [ "$examples" = "$nlines" ] && [ "$real" = yes ]; then
	ok "the build warns that the help page lists no real phone number yet"
elif [ "$examples" != "$nlines" ]; then
	ok "a helpline has a number: no warning needed"
else
	bad "every helpline lacks a number, but the build did not warn (site.yaml:LINE: warning: ...)"
fi
for lang in en fr ar; do
	help="$site/$lang/help.html"
	cards=$(grep -c '<li class="helpline' "$help")
	danger=$(grep -n 'class="help-danger"' "$help" | head -1 | cut -d: -f1)
	first=$(grep -n '<li class="helpline' "$help" | head -1 | cut -d: -f1)
	if [ "$cards" = "$places" ] && [ -n "$danger" ] && [ "$danger" -lt "$first" ]; then
		ok "$lang help page: \"if you are in danger now\" first, then all $places places to turn"
	else
		bad "$lang help page: $cards of $places places to turn, danger section at line ${danger:-none}"
	fi
done
for book in "$pkg"/*.epub; do
	cards=$(unzip -p "$book" OEBPS/help.xhtml 2> /dev/null | grep -c '<li class="helpline')
	if [ "$cards" = "$places" ] && unzip -p "$book" OEBPS/content.opf | grep -q 'itemref idref="help"'; then
		ok "$(basename "$book") opens with the get-help chapter ($cards places to turn)"
	else
		bad "$(basename "$book") has no complete get-help chapter ($cards of $places)"
	fi
done
for course in "$pkg"/*-scorm12.zip; do
	cards=$(unzip -p "$course" help.html 2> /dev/null | grep -c '<li class="helpline')
	if [ "$cards" = "$places" ] && unzip -p "$course" imsmanifest.xml | grep -q 'identifierref="help"'; then
		ok "$(basename "$course") lists the get-help page ($cards places to turn)"
	else
		bad "$(basename "$course") has no complete get-help page ($cards of $places)"
	fi
done
rows=$(sqlite3 "file:$bundle?mode=ro" "SELECT count(*) FROM helplines" 2> /dev/null)
hm=$(sqlite3 "file:$bundle?mode=ro" "SELECT value FROM meta WHERE key = 'help_module'" 2> /dev/null)
if [ "$rows" = "$places" ] && [ -n "$hm" ]; then
	ok "kiosk.bundle has all $places places to turn and the help module $hm"
else
	bad "kiosk.bundle has ${rows:-no} of $places places to turn, help module '${hm}'"
fi
# community modules: the quiz page, the SCO and the course show no pass mark
sqlite3 "file:$bundle?mode=ro" "SELECT track || ' ' || slug || ' ' || audience FROM modules" > "$work/modules"
verdicts=""
while read -r track slug audience; do
	page="$site/en/$track/$slug-quiz.html"
	[ -f "$page" ] || continue
	if [ "$audience" = community ]; then
		grep -Eq 'class="pass-mark"|data-scored="true"|data-msg-not-passed' "$page" && verdicts="$verdicts $track/$slug"
		unzip -p "$pkg/$track-en-scorm12.zip" imsmanifest.xml | grep -A3 "item-$slug\"" | grep -q masteryscore && verdicts="$verdicts $track/$slug(scorm)"
	else
		grep -q 'class="pass-mark"' "$page" || verdicts="$verdicts $track/$slug(no pass mark for personnel)"
	fi
done < "$work/modules"
if [ -z "$verdicts" ] && grep -q community "$work/modules"; then
	ok "community quizzes show no pass mark (site, SCORM); personnel quizzes do"
else
	bad "pass marks wrong:$verdicts"
fi
noexit=$(cd "$site" && find . -name '*.html' ! -name blank.html | sort | while read -r f; do grep -q 'data-quick-exit' "$f" || echo "$f"; done)
if [ -z "$noexit" ]; then ok "every page has the \"Leave this site\" quick exit"; else bad "pages without a quick exit: $(echo $noexit | head -c 200)"; fi
if grep -q 'help.html' "$site/index.html" && [ "$(grep -c 'class="picker-help"' "$site/index.html")" = 3 ]; then
	ok "the language picker links to help in every language"
else
	bad "the language picker does not link to help in every language"
fi
for lang in fr ar; do
	draft=$(grep -c '^"X-Review-Status: draft' "locales/$lang.po")
	shown=$(grep -c 'class="notice-draft"' "$site/$lang/index.html")
	badge=$(grep -c 'badge-draft' "$site/$lang/status.html")
	if [ "$draft" = "$shown" ] && { [ "$draft" = 0 ] || [ "$badge" -gt 0 ]; }; then
		ok "$lang: the draft notice follows the PO header (draft: $draft)"
	else
		bad "$lang: PO header draft=$draft but pages show the notice $shown time(s), status badge $badge"
	fi
done
if grep -q 'notice-draft' "$site/en/index.html"; then bad "the source language is marked as a draft"; else ok "the source language carries no draft notice"; fi
# the packages tell it too: each EPUB's title page, each SCORM page
wrong=""
for book in "$pkg"/*.epub; do
	lang=$(basename "$book" .epub); lang=${lang##*-}
	want=$(grep -c '^"X-Review-Status: draft' "locales/$lang.po" 2> /dev/null || echo 0)
	has=$(unzip -p "$book" OEBPS/cover.xhtml | grep -c 'notice-draft')
	[ "$has" = "$want" ] || wrong="$wrong $(basename "$book")"
done
for course in "$pkg"/*-scorm12.zip; do
	lang=$(basename "$course" -scorm12.zip); lang=${lang##*-}
	want=$(grep -c '^"X-Review-Status: draft' "locales/$lang.po" 2> /dev/null || echo 0)
	has=$(unzip -p "$course" help.html | grep -c 'notice-draft')
	[ "$has" = "$want" ] || wrong="$wrong $(basename "$course")"
done
if [ -z "$wrong" ]; then ok "every EPUB and SCORM course of a draft language says it is a draft (and only those)"; else bad "draft notice wrong in:$wrong"; fi
echo "site: $pass passed, $fail failed"
[ "$fail" = 0 ]
