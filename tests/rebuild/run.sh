#!/bin/sh
# A build of an unchanged tree changes nothing and says so (uptodate.h):
# - the second build of the fixture is "up to date", writes nothing (every
#   output keeps its inode and time) and repeats the first build's warnings
# - a content file, a PO file, a template or an option changed, an output
#   deleted or edited by hand: the next build builds, and puts it back
# - --force builds anyway; a failed build leaves the last stamp valid only
#   for the inputs it was made from
# - module bodies kept in the cache (fragcache.h) give the very pages a
#   build without them gives; a changed translation, a link whose target
#   went, a picture removed, a damaged record: seen as if there were none
# - crsv-gen maps only the libraries of its own commands; narrate, certify
#   and xapi are run by crsv-gen-tools
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
suite=rebuild
. "$top/tests/lib.sh"
gen="$top/build/crsv-gen"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1600000000
cp -R "$top/tests/golden/fixture/content" "$top/tests/golden/fixture/locales" "$work/"
cp -R "$top/assets" "$work/assets"
cd "$work" || exit 1

build() {  # build [options]: stdout in $work/said, stderr in $work/warned
	"$gen" build --content content --locales locales --assets assets --out out \
		--no-packages --allow-incomplete "$@" > said 2> warned
}
listing() { find out -path out/.cache -prune -o -type f -printf '%i %T@ %s %P\n' | sort; }
up_to_date() { grep -q '(up to date)' said; }

build
check "the first build builds" '[ $? = 0 ] && ! up_to_date && [ -f out/site/en/index.html ]'
cp warned warned.first
listing > before
build
check "the second is up to date" 'up_to_date'
listing > after
check "and writes nothing (inodes, times and sizes kept)" 'cmp -s before after'
check "and repeats the first build's warnings" '[ -s warned.first ] && cmp -s warned warned.first'

module=$(find content -name '*.md' | sort | sed -n 2p)
echo "One more paragraph." >> "$module"
build
check "a content file changed: built" '! up_to_date'
check "  and the page shows the change" 'grep -rqF "One more paragraph." out/site/en'
build
check "  then up to date again" 'up_to_date'

touch locales/fr.po
build
check "a PO file touched: built" '! up_to_date'

echo "<!-- -->" >> assets/templates/module.html
build
check "a template changed: built" '! up_to_date'

rm out/site/fr/index.html
build
check "an output deleted: built, and it is back" '! up_to_date && [ -f out/site/fr/index.html ]'
echo "edited" >> out/site/en/help.html
build
check "an output edited by hand: built, and it is right again" \
	'! up_to_date && ! grep -q "^edited$" out/site/en/help.html'

"$gen" build --content content --locales locales --assets assets --out out \
	--allow-incomplete > said 2> warned
check "another option (the packages too): built" '! up_to_date && [ -d out/packages ]'
build
check "and back: built" '! up_to_date'
build --force
check "--force: built" '! up_to_date'

printf -- '---\n' > "$module"
build
check "a broken module: the build fails" '[ $? != 0 ]'
build
check "  and stays failed (never 'up to date' on the old stamp)" '[ $? != 0 ] && ! up_to_date'

# --- bodies kept between builds (the cache's fragments/) ---
rm -rf content locales out fresh
cp -R "$top/tests/golden/fixture/content" "$top/tests/golden/fixture/locales" .
fresh() {  # a build with an empty cache, into fresh/
	rm -rf fresh fresh-cache
	"$gen" build --content content --locales locales --assets assets --out fresh \
		--cache fresh-cache --no-packages --allow-incomplete > /dev/null 2> fresh.err
}
build --force
build --force
fresh
check "bodies kept: the second build, from the cache, makes the pages a build without one makes" \
	'[ -n "$(ls out/.cache/fragments)" ] && diff -r out/site fresh/site > /dev/null'
sed -i 's/^"Ce paragraphe a de l/"Changé : ce paragraphe a de l/' locales/fr.po
build
fresh
check "  a translation changed: the page has it" \
	'grep -rq "Changé : ce paragraphe" out/site/fr && diff -r out/site fresh/site > /dev/null'
for f in out/.cache/fragments/*; do printf 'x' | dd of="$f" bs=1 seek=40 conv=notrunc 2> /dev/null; done
build --force
check "  every record damaged: the same pages" 'diff -r out/site fresh/site > /dev/null'
mv content/basics/02-safety/box.png box.png.away
build
check "  a picture removed: the build fails and names it" \
	'[ $? != 0 ] && grep -q "box.png" warned'
mv box.png.away content/basics/02-safety/box.png
build
check "  back: builds" '[ $? = 0 ] && ! up_to_date'
mv content/basics/02-safety content/basics/03-safety
build
check "  a link's target moved: the build fails at the link" \
	'[ $? != 0 ] && grep -q "01-welcome/index.md:9: error" warned'

n=$(ldd "$gen" | grep -cE 'libcurl|libpango|libcairo|libespeak')
check "crsv-gen maps no libcurl, Pango, Cairo or eSpeak NG" '[ "$n" = 0 ]'
"$gen" xapi --records none.db --out x.jsonl > /dev/null 2> xapi.err
check "crsv-gen xapi is run by crsv-gen-tools" \
	'[ -x "$top/build/crsv-gen-tools" ] && grep -q "error" xapi.err && ! grep -q "unknown command" xapi.err'

echo "rebuild: $pass passed, $fail failed"
[ "$fail" = 0 ]
