#!/bin/sh
# Browser test of the quiz page: builds the golden fixture site, injects
# tests/browser/driver.js into its English and Arabic quiz pages and runs them
# in headless Chromium from file:// (no network, no npm).  The driver answers
# the quiz right, wrong and half-right, and checks the score, the feedback,
# the focus and that nothing is stored or sent; it writes its results into
# the page, read here from --dump-dom.  The page without JavaScript is checked
# with grep (answers behind <details>).
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

# chrome <url> <output flags...>: a fresh profile each time, nothing remote
chrome() {
	url=$1
	shift
	mkdir -p "$work/profile"
	profile=$(mktemp -d "$work/profile/p.XXXXXX")
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--no-first-run --no-default-browser-check --disable-sync \
		--hide-scrollbars --user-data-dir="$profile" \
		--virtual-time-budget=10000 "$@" "$url" 2>> "$work/chromium.log"
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

for lang in en ar; do
	page=$(find "$site/$lang" -name '*-quiz.html' 2> /dev/null | sort | head -1)
	if [ -z "$page" ]; then
		bad "$lang: no quiz page in the fixture site"
		continue
	fi
	dir=$(dirname "$page")
	name=$(basename "$page" .html)

	# --- without JavaScript: a readable list, answers behind <details>
	questions=$(grep -c '<fieldset class="question"' "$page")
	details=$(grep -c '<details class="answer">' "$page")
	answers=$(grep -c '<ul class="right-answers">' "$page")
	buttons=$(grep -oE '<button[^>]*>' "$page" | grep -cE 'check-answer|see-score|try-again')
	shown=$(grep -oE '<button[^>]*>' "$page" | grep -E 'check-answer|see-score|try-again' | grep -cv ' hidden>')
	if [ "$questions" -gt 0 ] && [ "$details" = "$questions" ] && [ "$answers" = "$questions" ] &&
		[ "$buttons" -gt "$questions" ] && [ "$shown" = 0 ]; then
		ok "$lang: without JavaScript every question has its answer in <details>, buttons hidden"
	else
		bad "$lang: no-JS page: $questions questions, $details <details>, $answers answer lists, $shown of $buttons buttons not hidden"
	fi
	if grep -q "<html lang=\"$lang\" dir=\"$([ "$lang" = ar ] && echo rtl || echo ltr)\">" "$page"; then
		ok "$lang: page language and direction"
	else
		bad "$lang: page language and direction: $(grep -o '<html[^>]*>' "$page")"
	fi
	if grep -q '<script src="../../assets/quiz.js" defer></script>' "$page" &&
		! grep -qE '<script[^>]*>[^<]| on[a-z]+="| style="' "$page"; then
		ok "$lang: quiz.js loaded from assets/, no inline script, handler or style"
	else
		bad "$lang: script tag or inline script/handler/style"
	fi

	# --- with JavaScript: the driver, injected before </body>
	cp "$here/driver.js" "$dir/driver.js"
	sed 's#</body>#<script src="driver.js"></script></body>#' "$page" > "$dir/test-$name.html"
	chrome "file://$dir/test-$name.html" --dump-dom > "$work/dom-$lang.html"
	if ! grep -q '<pre id="test-result">' "$work/dom-$lang.html"; then
		bad "$lang: the driver wrote no result (quiz.js or driver.js did not run)"
		tail -5 "$work/chromium.log"
		continue
	fi
	sed -n '/<pre id="test-log">/,/<\/pre>/p' "$work/dom-$lang.html" |
		sed 's/<[^>]*>//g; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' |
		grep -E '^(ok|FAIL) ' > "$work/cases-$lang"
	while IFS= read -r line; do
		case "$line" in
		ok\ *) ok "$lang: ${line#ok }" ;;
		*) bad "$lang: ${line#FAIL }" ;;
		esac
	done < "$work/cases-$lang"
	summary=$(sed -n 's/.*<pre id="test-result">\([^<]*\)<\/pre>.*/\1/p' "$work/dom-$lang.html")
	case "$summary" in
	*" 0 failed") ;;
	*) grep -q '^FAIL' "$work/cases-$lang" || bad "$lang: driver: $summary" ;;
	esac

	# --- screenshots, on request
	if [ -n "$shots" ]; then
		grep -v '<script src=' "$page" > "$dir/nojs-$name.html"
		for w in 1280 390; do
			chrome "file://$page" --window-size="$w,6000" \
				--screenshot="$shots/$lang-$w-before.png" > /dev/null
			chrome "file://$dir/test-$name.html#shot" --window-size="$w,6000" \
				--screenshot="$shots/$lang-$w-after.png" > /dev/null
			chrome "file://$dir/nojs-$name.html" --window-size="$w,6000" \
				--screenshot="$shots/$lang-$w-nojs.png" > /dev/null
		done
	fi
done

echo "browser: $pass passed, $fail failed"
[ "$fail" = 0 ]
