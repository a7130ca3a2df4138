#!/bin/sh
# Checks on the real content and the site built from it:
# - every PO file passes msgfmt -c and is 100% translated (status)
# - the site builds without --allow-incomplete, reproducibly
# - every relative link and asset in every page exists (works from file://)
# - no page refers to anything on the network, no javascript: URL, no inline
#   script, every page under 30 KB
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

if "$gen" build --out "$work/a" > /dev/null 2> "$work/err"; then
	ok "the site builds without --allow-incomplete"
else
	bad "the site does not build:"; head -5 "$work/err"
fi
"$gen" build --out "$work/b" --allow-incomplete > /dev/null 2>&1
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
echo "site: $pass passed, $fail failed"
[ "$fail" = 0 ]
