#!/bin/sh
# Browser test of the quiz page: builds the golden fixture site, injects
# tests/browser/driver.js into its English and Arabic quiz pages and runs them
# in headless Chromium from file:// (no network, no npm).  The driver answers
# the quiz right, wrong and half-right, and checks the score, the feedback,
# the focus and that nothing is stored or sent; it writes its results into
# the page, read here from --dump-dom.  The page without JavaScript is checked
# with grep (answers behind <details>).
# Two quiz pages per language: basics/welcome-quiz (audience all: scored,
# pass mark) and help/get-help-quiz (audience community: not an exam, no pass
# mark, "Finish" and a closing message; the driver gets the UI strings it must
# show through expect.js, from assets/ui.yaml or the fixture's catalogue).
# Then the quick exit (tests/browser/exit-harness.*, copied into the site root
# and run with --allow-file-access-from-files): "Leave this site" and Escape
# replace the page with blank.html and leave no history entry behind.
#
# Skipped (exit 0) only when Chromium is not installed.
# `run.sh --screenshots DIR` also saves en/ar screenshots at 1280 and 390 px,
# before and after answering.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
shots=""
if [ "${1:-}" = "--screenshots" ] && [ -n "${2:-}" ]; then
	mkdir -p "$2" && shots=$(cd "$2" && pwd)
fi

browser=""
for b in chromium chromium-browser; do
	if command -v "$b" > /dev/null 2>&1; then
		browser=$b
		break
	fi
done
if [ -z "$browser" ]; then
	echo "browser: skipped: chromium is not installed"
	exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] browser: $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] browser: $1"; }

# chrome <url> <output flags...>: a fresh profile each time, nothing remote.
# $budget: the virtual time (ms) the page gets before the dump (10000)
chrome() {
	url=$1
	shift
	mkdir -p "$work/profile"
	profile=$(mktemp -d "$work/profile/p.XXXXXX")
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--no-first-run --no-default-browser-check --disable-sync \
		--hide-scrollbars --user-data-dir="$profile" \
		--virtual-time-budget="${budget:-10000}" "$@" "$url" 2>> "$work/chromium.log"
}

export SOURCE_DATE_EPOCH=0
cp -R "$top/tests/golden/fixture" "$work/fixture"
cp -R "$top/assets" "$work/fixture/assets"
if (cd "$work/fixture" && "$gen" build --out "$work/out" --allow-incomplete) \
	> "$work/build.log" 2>&1; then
	ok "fixture site builds"
else
	bad "fixture site does not build:"
	head -5 "$work/build.log"
fi
site="$work/out/site"

# ui <key>: the source text of a chrome string (assets/ui.yaml)
ui() {
	sed -n "s/^$1: \"\(.*\)\"[ 	]*\$/\1/p" "$top/assets/ui.yaml" | sed 's/\\"/"/g; s/\\\\/\\/g'
}
# ui_in <lang> <key>: that string as a page in <lang> shows it: the fixture
# catalogue's translation when there is one (not fuzzy), else the source
ui_in() {
	src=$(ui "$2")
	tr=""
	[ -f "$work/fixture/locales/$1.po" ] &&
		tr=$(awk -v want="$src" -f "$here/po-ui.awk" "$work/fixture/locales/$1.po")
	if [ -n "$tr" ]; then printf '%s' "$tr"; else printf '%s' "$src"; fi
}
js() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
# expect_js <lang> <mode>: what the driver must find (tests/browser/driver.js)
expect_js() {
	printf 'window.CRSV_EXPECT = { mode: %s' "$(js "$2")"
	if [ "$2" = community ]; then
		for pair in incorrect:answer_incorrect_community correct:answer_correct \
			missing:answer_missing finish:quiz_finish closing:quiz_closing_community \
			intro:quiz_intro_community tryAgain:try_again; do
			printf ',\n  %s: %s' "${pair%%:*}" "$(js "$(ui_in "$1" "${pair#*:}")")"
		done
		# words of a score or a verdict, in the page's language and the source
		printf ',\n  forbidden: ['
		for key in passed not_passed pass_mark see_score answer_incorrect score_pattern; do
			for v in "$(ui_in "$1" "$key")" "$(ui "$key")"; do
				[ "$key" = score_pattern ] && v=$(printf '%s' "${v%%\{*}" | sed 's/[ 	]*$//')
				[ -n "$v" ] && printf '%s, ' "$(js "$v")"
			done
		done
		printf '""]'
	fi
	printf ' };\n'
}

# --- quick exit, in the built pages (before any test page is added): every
# page has it
# (static) every page but blank.html links to the root's blank.html with
# a[data-quick-exit] and loads exit.js; blank.html itself is empty, loads
# nothing and has no script
label=$(ui quick_exit)
missing=""
for f in $(cd "$site" && find . -name '*.html' ! -name blank.html | sort); do
	rel=$(dirname "$f" | sed 's#^\./*##; s#[^/][^/]*#..#g')
	rel=${rel:+$rel/}
	# the link's words in the page's language (the language picker: the source's)
	first=${f#./}
	first=${first%%/*}
	words=$label
	[ -f "$work/fixture/locales/$first.po" ] && words=$(ui_in "$first" quick_exit)
	grep -qF "<a class=\"quick-exit\" href=\"${rel}blank.html\" data-quick-exit" "$site/$f" &&
		grep -qF "<script src=\"${rel}assets/exit.js\" defer></script>" "$site/$f" &&
		grep -qF "$words" "$site/$f" || missing="$missing ${f#./}"
done
if [ -z "$missing" ] && [ -n "$label" ]; then
	ok "quick exit: every page has \"$label\" (a.quick-exit[data-quick-exit] to ../blank.html) and exit.js"
else
	bad "quick exit: missing or wrong on:$(echo "$missing" | cut -c1-300)"
fi
if [ -f "$site/blank.html" ] && ! grep -qiE '<(script|img|link|iframe|object|embed)[ >]|src=|href=' "$site/blank.html" &&
	[ -z "$(sed -n '/<body>/,/<\/body>/p' "$site/blank.html" | sed 's/<[^>]*>//g' | tr -d ' \t\n')" ]; then
	ok "quick exit: blank.html at the site root is empty and loads nothing"
else
	bad "quick exit: blank.html missing, not empty or loads something"
fi

# --- the quiz pages
for lang in en ar; do
for quiz in basics/welcome-quiz:scored help/get-help-quiz:community; do
	mode=${quiz#*:}
	page="$site/$lang/${quiz%:*}.html"
	if [ ! -f "$page" ]; then
		bad "$lang: no quiz page ${quiz%:*}.html in the fixture site"
		continue
	fi
	dir=$(dirname "$page")
	name=$(basename "$page" .html)
	# scored checks keep their names ("en: ..."); community ones say so
	tag=$lang
	[ "$mode" = community ] && tag="$lang $name"

	# --- without JavaScript: a readable list, answers behind <details>
	questions=$(grep -c '<fieldset class="question"' "$page")
	details=$(grep -c '<details class="answer">' "$page")
	answers=$(grep -c '<ul class="right-answers">' "$page")
	buttons=$(grep -oE '<button[^>]*>' "$page" | grep -cE 'check-answer|see-score|try-again')
	shown=$(grep -oE '<button[^>]*>' "$page" | grep -E 'check-answer|see-score|try-again' | grep -cv ' hidden>')
	if [ "$questions" -gt 0 ] && [ "$details" = "$questions" ] && [ "$answers" = "$questions" ] &&
		[ "$buttons" -gt "$questions" ] && [ "$shown" = 0 ]; then
		ok "$tag: without JavaScript every question has its answer in <details>, buttons hidden"
	else
		bad "$tag: no-JS page: $questions questions, $details <details>, $answers answer lists, $shown of $buttons buttons not hidden"
	fi
	if grep -q "<html lang=\"$lang\" dir=\"$([ "$lang" = ar ] && echo rtl || echo ltr)\">" "$page"; then
		ok "$tag: page language and direction"
	else
		bad "$tag: page language and direction: $(grep -o '<html[^>]*>' "$page")"
	fi
	if grep -q '<script src="../../assets/quiz.js" defer></script>' "$page" &&
		! grep -qE '<script[^>]*>[^<]| on[a-z]+="| style="' "$page"; then
		ok "$tag: quiz.js loaded from assets/, no inline script, handler or style"
	else
		bad "$tag: script tag or inline script/handler/style"
	fi
	finish=$(ui_in "$lang" quiz_finish)
	if [ "$mode" = community ]; then
		# not an exam: no pass mark, no score strings, "Finish"
		if grep -q '<form class="quiz"[^>]* data-scored="false"' "$page" &&
			! grep -qE 'pass-mark|data-pass-percent|data-msg-score|data-msg-passed' "$page" &&
			grep -qF "hidden>$finish</button>" "$page"; then
			ok "$tag: without JavaScript: data-scored=\"false\", no pass mark, \"$finish\" button"
		else
			bad "$tag: community page markup: $(grep -oE '<form class="quiz"[^>]*>|class="pass-mark"' "$page" | head -2)"
		fi
	elif grep -q '<form class="quiz"[^>]* data-scored="true" data-pass-percent="[0-9]*"' "$page" &&
		grep -q 'class="pass-mark"' "$page"; then
		ok "$tag: scored quiz: data-scored=\"true\", pass mark shown"
	else
		bad "$tag: scored quiz markup: $(grep -oE '<form class="quiz"[^>]*>' "$page" | cut -c1-120)"
	fi

	# --- with JavaScript: the driver, injected before </body>
	# (expect.js first: which kind of quiz this must be, the strings to show)
	cp "$here/driver.js" "$dir/driver.js"
	expect_js "$lang" "$mode" > "$dir/expect-$name.js"
	sed "s#</body>#<script src=\"expect-$name.js\"></script><script src=\"driver.js\"></script></body>#" \
		"$page" > "$dir/test-$name.html"
	out="$work/dom-$lang-$name.html"
	chrome "file://$dir/test-$name.html" --dump-dom > "$out"
	if ! grep -q '<pre id="test-result">' "$out"; then
		bad "$tag: the driver wrote no result (quiz.js or driver.js did not run)"
		tail -5 "$work/chromium.log"
		continue
	fi
	sed -n '/<pre id="test-log">/,/<\/pre>/p' "$out" |
		sed 's/<[^>]*>//g; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' |
		grep -E '^(ok|FAIL) ' > "$work/cases-$lang-$name"
	while IFS= read -r line; do
		case "$line" in
		ok\ *) ok "$tag: ${line#ok }" ;;
		*) bad "$tag: ${line#FAIL }" ;;
		esac
	done < "$work/cases-$lang-$name"
	summary=$(sed -n 's/.*<pre id="test-result">\([^<]*\)<\/pre>.*/\1/p' "$out")
	case "$summary" in
	*" 0 failed") ;;
	*) grep -q '^FAIL' "$work/cases-$lang-$name" || bad "$tag: driver: $summary" ;;
	esac

	# --- screenshots, on request
	if [ -n "$shots" ]; then
		grep -v '<script src=' "$page" > "$dir/nojs-$name.html"
		shot=$lang
		[ "$mode" = community ] && shot="$lang-community"
		for w in 1280 390; do
			chrome "file://$page" --window-size="$w,6000" \
				--screenshot="$shots/$shot-$w-before.png" > /dev/null
			chrome "file://$dir/test-$name.html#shot" --window-size="$w,6000" \
				--screenshot="$shots/$shot-$w-after.png" > /dev/null
			chrome "file://$dir/nojs-$name.html" --window-size="$w,6000" \
				--screenshot="$shots/$shot-$w-nojs.png" > /dev/null
		done
	fi
done
done

# --- quick exit in the browser: it leaves no way back
# (browser) the harness in the site root drives a page in a same-origin frame
cp "$here/exit-harness.html" "$here/exit-harness.js" "$site/"
for run in "via=click&start=en/index.html&page=en/help.html" \
	"via=key&start=en/index.html&page=en/basics/welcome.html" \
	"via=click&start=ar/help/get-help.html&page=ar/help/get-help-quiz.html"; do
	# virtual time runs at the real pace while a frame navigates: the harness
	# gives each load 30 s, the budget covers all of them (and idle time
	# is skipped, so a quick run stays quick)
	budget=200000 chrome "file://$site/exit-harness.html?$run" --allow-file-access-from-files \
		--dump-dom > "$work/exit.html"
	sed -n '/<pre id="test-result">/,/<\/pre>/p' "$work/exit.html" |
		sed 's/<[^>]*>//g; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' |
		grep -E '^(ok|FAIL) ' > "$work/exit-cases"
	if [ ! -s "$work/exit-cases" ]; then
		bad "quick exit ($run): the harness wrote no result"
		tail -5 "$work/chromium.log"
		continue
	fi
	while IFS= read -r line; do
		case "$line" in
		ok\ *) ok "quick exit: ${line#ok }" ;;
		*) bad "quick exit: ${line#FAIL }" ;;
		esac
	done < "$work/exit-cases"
done
rm -f "$site/exit-harness.html" "$site/exit-harness.js"

echo "browser: $pass passed, $fail failed"
[ "$fail" = 0 ]
