#!/bin/sh
# ZIM tests (Kiwix): builds the golden fixture and checks out/packages/crsv-*.zim:
#  - zimcheck -A passes on every ZIM (structure, checksum, metadata,
#    illustration, main page, internal links, redundancy)
#  - the metadata read back (kiwix-manage's library entry): Title <= 30
#    characters, Description <= 80, Language ISO 639-3 (eng, fra, ara; the
#    multilingual one all three), Creator, Publisher, Date, Name, and a real
#    48x48 PNG illustration; the main page is the language's home
#  - every page of the site is in the ZIM: a language's pages and the shared
#    files in its own, the whole site (but sitemap.xml) in crsv-mul.zim; no
#    page of a language's ZIM points at another language
#  - two builds give the same entries with the same content (the bytes
#    differ: zimwriterfs gives each file a random UUID)
#  - site.yaml's zim title or description too long: refused at its line; a
#    translation too long: refused at the PO file; without them, the site's
#    title stands in, shortened
#  - without zimwriterfs on PATH: a note saying how to install it, the build
#    succeeds, no ZIM; a failing zimwriterfs: the build fails with what it
#    wrote to stderr, out/ untouched, no temporary file left
#  - narration: a language's recordings in its ZIM only
#  - as a reader would: kiwix-serve serves every page, full-text search finds
#    a page in French, and (with Chromium) the quiz's script runs in a served
#    quiz page
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
suite=zim
. "$top/tests/lib.sh"
work=$(mktemp -d /tmp/zim-test.XXXXXX)
server=""
trap '[ -n "$server" ] && kill "$server" 2> /dev/null; rm -rf "$work"' EXIT

for tool in zimwriterfs zimcheck zimdump kiwix-manage kiwix-serve; do
	command -v "$tool" > /dev/null 2>&1 || {
		bad "$tool is not installed (Debian packages zim-tools, kiwix-tools: sh tools/deps.sh test)"
		echo "zim: $pass passed, $fail failed"
		exit 1
	}
done

export SOURCE_DATE_EPOCH=1600000000
cp -R "$top/tests/golden/fixture" "$work/p"
cp -R "$top/assets" "$work/p/assets"
build() {  # <out> [env...]: the fixture built into <out>; its stderr in <out>.err
	out=$1
	shift
	(cd "$work/p" && env "$@" "$gen" build --out "$out" --allow-incomplete > /dev/null 2> "$out.err")
}
start=$(date +%s.%N)
build "$work/a" || { bad "fixture builds"; cat "$work/a.err"; }
took=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
pk="$work/a/packages"
site="$work/a/site"
langs="en fr ar"
made=""
for z in en fr ar mul; do [ -s "$pk/crsv-$z.zim" ] && made="$made $z"; done
check "a ZIM per language and a multilingual one (build: $took s)" '[ "$made" = " en fr ar mul" ]'
check "every ZIM is in SHA256SUMS" \
	'[ "$(grep -c "  crsv-[a-z]*\.zim$" "$pk/SHA256SUMS")" = 4 ] && (cd "$pk" && sha256sum -c --quiet SHA256SUMS)'
check "no temporary or staging file left" '[ -z "$(find "$work/a" -name "*.tmp-*" -o -name "*.stage-*")" ]'

# --- zimcheck
for z in en fr ar mul; do
	f="$pk/crsv-$z.zim"
	if zimcheck -A "$f" > "$work/zimcheck-$z" 2>&1 && grep -q "Overall Test Status: Pass" "$work/zimcheck-$z"; then
		ok "zimcheck -A crsv-$z.zim: Pass"
	else
		bad "zimcheck -A crsv-$z.zim:"
		grep -v '^\[INFO\]' "$work/zimcheck-$z" | head -10
	fi
done

# --- metadata, as Kiwix reads it
# attr <book line> <name>: an attribute of kiwix-manage's <book .../>
attr() { printf '%s\n' "$1" | sed -n "s/.* $2=\"\([^\"]*\)\".*/\1/p"; }
# shown <file>: after a check, its first lines when the check failed
shown() { [ "$fail" = "$f0" ] || sed 's/^/    /' "$1" | head -5; }
chars() { printf '%s' "$1" | wc -m | tr -d ' '; }
for z in en fr ar mul; do
	f="$pk/crsv-$z.zim"
	rm -f "$work/lib.xml"
	kiwix-manage "$work/lib.xml" add "$f" > /dev/null 2>&1
	book=$(grep '<book ' "$work/lib.xml" 2> /dev/null)
	title=$(attr "$book" title)
	desc=$(attr "$book" description)
	case $z in en) want=eng ;; fr) want=fra ;; ar) want=ara ;; mul) want=eng,fra,ara ;; esac
	check "crsv-$z.zim: Title \"$title\" (1 to 30 characters), Description 1 to 80" \
		'[ -n "$title" ] && [ "$(chars "$title")" -le 30 ] &&
		 [ -n "$desc" ] && [ "$(chars "$desc")" -le 80 ]'
	check "crsv-$z.zim: Language $want, Name crsv-kit_${z}_all" \
		'[ "$(attr "$book" language)" = "$want" ] && [ "$(attr "$book" name)" = "crsv-kit_${z}_all" ]'
	check "crsv-$z.zim: Creator, Publisher, Date (YYYY-MM-DD), Tags" \
		'[ -n "$(attr "$book" creator)" ] && [ -n "$(attr "$book" publisher)" ] &&
		 attr "$book" date | grep -qE "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" &&
		 attr "$book" tags | grep -q "_category:other"'
	attr "$book" favicon | base64 -d > "$work/icon-$z.png" 2> /dev/null
	# the PNG signature, then IHDR: width and height as 32-bit big-endian
	check "crsv-$z.zim: the illustration is a 48x48 PNG" \
		'[ "$(attr "$book" faviconMimeType)" = image/png ] &&
		 [ "$(od -An -tx1 -N8 "$work/icon-$z.png" | tr -d " ")" = 89504e470d0a1a0a ] &&
		 [ "$(od -An -tu1 -j16 -N8 "$work/icon-$z.png" | tr -s " ")" = " 0 0 0 48 0 0 0 48" ]'
	case $z in mul) main=index.html ;; *) main=$z/index.html ;; esac
	check "crsv-$z.zim: main page $main" 'zimdump info "$f" | grep -qx "main page: $main"'
done

# --- every page of the site in its ZIM
for z in en fr ar mul; do
	zimdump list "$pk/crsv-$z.zim" | sort > "$work/list-$z"
	if [ "$z" = mul ]; then
		(cd "$site" && find . -type f ! -name sitemap.xml | sed 's#^\./##' | sort) > "$work/want-$z"
	else
		(cd "$site" && find "$z" assets media blank.html -type f 2> /dev/null | sort) > "$work/want-$z"
	fi
	missing=$(comm -23 "$work/want-$z" "$work/list-$z")
	check "crsv-$z.zim: all $(wc -l < "$work/want-$z") files of the site it takes are in it" '[ -z "$missing" ]' ||
		echo "    missing: $(echo "$missing" | head -5 | tr '\n' ' ')"
done
for z in $langs; do
	others=$(echo "$langs" | tr ' ' '\n' | grep -vx "$z" | tr '\n' ' ')
	extra=$(grep -v "^$z/\|^assets/\|^media/\|^blank.html$\|^illustration-48x48.png$" "$work/list-$z")
	check "crsv-$z.zim: no other language's pages, no language picker, no sitemap" '[ -z "$extra" ]'
	leaks=""
	for o in $others; do
		zimdump show --url "$z/index.html" "$pk/crsv-$z.zim" > "$work/page" 2> /dev/null
		grep -q "hreflang=\"$o\"\|\.\./$o/" "$work/page" && leaks="$leaks $o"
	done
	check "crsv-$z.zim: its home page links to no other language (the switch and alternates dropped)" \
		'[ -z "$leaks" ] && grep -q "hreflang=\"$z\"" "$work/page"'
done

# --- reproducible entries
build "$work/b"
same=1
for z in en mul; do
	zimdump dump --dir="$work/dump-a-$z" "$pk/crsv-$z.zim" > /dev/null 2>&1
	zimdump dump --dir="$work/dump-b-$z" "$work/b/packages/crsv-$z.zim" > /dev/null 2>&1
	diff -r "$work/dump-a-$z" "$work/dump-b-$z" > /dev/null || same=0
done
check "two builds: the same entries, byte for byte, in crsv-en.zim and crsv-mul.zim" '[ "$same" = 1 ] && [ -s "$work/dump-a-en/en/index.html" ]'
if cmp -s "$pk/crsv-en.zim" "$work/b/packages/crsv-en.zim"; then
	echo "    note: crsv-en.zim is byte-identical across builds"
else
	echo "    note: the ZIM files' bytes differ between builds ($(cmp -l "$pk/crsv-en.zim" "$work/b/packages/crsv-en.zim" | wc -l) bytes of crsv-en.zim: zimwriterfs's random UUIDs and the checksum)"
fi

# --- metadata refused
cp -R "$work/p" "$work/long"
printf 'zim:\n  title: "A title that is far too long for Kiwix"\n' >> "$work/long/content/site.yaml"
line=$(grep -n 'A title that is far' "$work/long/content/site.yaml" | cut -d: -f1)
(cd "$work/long" && "$gen" build --out "$work/long-out" --allow-incomplete > /dev/null 2> "$work/long.err")
status=$?
f0=$fail
check "site.yaml: a ZIM title over 30 characters is refused at its line" \
	'[ "$status" = 1 ] && grep -q "content/site.yaml:$line: error: the ZIM.s title is 38 characters long; Kiwix takes at most 30" "$work/long.err"'
shown "$work/long.err"
cp -R "$work/p" "$work/longtr"
printf 'zim:\n  title: "Fixture"\n  description: "The fixture"\n' >> "$work/longtr/content/site.yaml"
printf '\nmsgid "Fixture"\nmsgstr "Un titre bien trop long pour la bibliotheque"\n' >> "$work/longtr/locales/fr.po"
(cd "$work/longtr" && "$gen" build --out "$work/longtr-out" --allow-incomplete > /dev/null 2> "$work/longtr.err")
status=$?
f0=$fail
check "locales/fr.po: a translated ZIM title over 30 characters is refused" \
	'[ "$status" = 1 ] && grep -q "locales/fr.po: error: the fr translation of \"Fixture\", the ZIM.s title, is 44 characters long" "$work/longtr.err"'
shown "$work/longtr.err"

cp -R "$work/p" "$work/longdef"
sed -i '1s/.*/title: "A site title much longer than thirty characters"/' "$work/longdef/content/site.yaml"
(cd "$work/longdef" && "$gen" build --out "$work/longdef-out" --allow-incomplete > /dev/null 2> "$work/longdef.err")
status=$?
rm -f "$work/lib.xml"
kiwix-manage "$work/lib.xml" add "$work/longdef-out/packages/crsv-en.zim" > /dev/null 2>&1
title=$(attr "$(grep '<book ' "$work/lib.xml" 2> /dev/null)" title)
f0=$fail
check "no zim title in site.yaml and a long site title: the ZIM's title is it, shortened at a word (\"$title\")" \
	'[ "$status" = 0 ] && [ "$title" = "A site title much longer…" ]'
shown "$work/longdef.err"

# --- without zimwriterfs, and with one that fails
mkdir "$work/bin"
build "$work/c" PATH="$work/bin"
status=$?
f0=$fail
check "zimwriterfs not on PATH: the build succeeds with a note saying how to install it, no ZIM" \
	'[ "$status" = 0 ] && grep -q "note: no ZIM files for Kiwix: zimwriterfs is not on PATH (Debian: apt-get install zim-tools)" "$work/c.err" &&
	 [ -s "$work/c/packages/site.zip" ] && [ -z "$(find "$work/c/packages" -name "*.zim")" ] &&
	 ! grep -q zim "$work/c/packages/SHA256SUMS"'
shown "$work/c.err"
check "zimwriterfs installed: no note" '! grep -q "note:" "$work/a.err"'
cat > "$work/bin/zimwriterfs" << 'EOF'
#!/bin/sh
# a zimwriterfs that writes half a file, complains and fails
for last; do :; done
printf 'ZIM half' > "$last"
echo "zimwriterfs: unable to write: disk full (test)" >&2
exit 3
EOF
chmod +x "$work/bin/zimwriterfs"
cp -R "$work/a" "$work/d"
find "$work/d" -type f | sort | xargs sha256sum > "$work/d.before"
build "$work/d" PATH="$work/bin"
status=$?
find "$work/d" -type f | sort | xargs sha256sum > "$work/d.after"
check "a failing zimwriterfs: the build fails with its stderr, out/ untouched, nothing left behind" \
	'[ "$status" = 1 ] && grep -q "crsv-mul.zim: error: zimwriterfs failed (exit 3): zimwriterfs: unable to write: disk full (test)" "$work/d.err" &&
	 cmp -s "$work/d.before" "$work/d.after" && [ -z "$(find "$work/d" -name "*.tmp-*" -o -name ".build-*")" ]'
shown "$work/d.err"

# --- narration: a language's recordings go into its ZIM (and the
# multilingual one), not into the others
cp -R "$work/p" "$work/voiced"
(cd "$work/voiced" && "$gen" narrate --lang fr --synthesize > /dev/null 2>&1 &&
	"$gen" build --out "$work/voiced-out" --allow-incomplete > /dev/null 2>&1)
vz="$work/voiced-out/packages"
check "narration: crsv-fr.zim holds fr's recordings (audio/ogg, audio/mpeg), crsv-en.zim none; zimcheck passes" \
	'zimdump list --details "$vz/crsv-fr.zim" > "$work/voiced-list" &&
	 grep -q "^path: audio/fr/.*\.opus$" "$work/voiced-list" && grep -q "mime-type: *audio/ogg" "$work/voiced-list" &&
	 grep -q "mime-type: *audio/mpeg" "$work/voiced-list" &&
	 [ "$(zimdump list "$vz/crsv-mul.zim" | grep -c "^audio/fr/")" = "$(grep -c "^path: audio/fr/" "$work/voiced-list")" ] &&
	 ! zimdump list "$vz/crsv-en.zim" | grep -q "^audio/" &&
	 zimcheck -A "$vz/crsv-fr.zim" > /dev/null 2>&1'

# --- as a reader: kiwix-serve
port=$((20000 + $$ % 20000))
kiwix-serve --address=127.0.0.1 --port="$port" "$pk"/crsv-*.zim > "$work/serve.log" 2>&1 &
server=$!
up=0
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	curl -s -o /dev/null "http://127.0.0.1:$port/" && { up=1; break; }
	sleep 0.25
done
check "kiwix-serve starts on the four ZIMs" '[ "$up" = 1 ]'
if [ "$up" = 1 ]; then
	failed=""
	for z in en ar; do
		while read -r page; do
			code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/crsv-$z/$page")
			[ "$code" = 200 ] || failed="$failed $z:$page($code)"
		done < "$work/want-$z"
	done
	check "kiwix-serve: every page and file of crsv-en and crsv-ar is served (200)" '[ -z "$failed" ]' ||
		echo "   $failed" | cut -c1-300
	check "kiwix-serve: the home of crsv-fr.zim redirects to fr/index.html" \
		'curl -s -o /dev/null -w "%{redirect_url}" "http://127.0.0.1:$port/crsv-fr/" | grep -q "/crsv-fr/fr/index.html$"'
	check "kiwix-serve: full-text search of crsv-fr.zim finds a French page" \
		'curl -s "http://127.0.0.1:$port/search?content=crsv-fr&pattern=bienvenue" | grep -q "href=\"/crsv-fr/fr/"'
	browser=""
	for b in chromium chromium-browser; do
		command -v "$b" > /dev/null 2>&1 && { browser=$b; break; }
	done
	if [ -n "$browser" ]; then
		timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --no-first-run --user-data-dir="$work/profile" \
			--virtual-time-budget=5000 --dump-dom \
			"http://127.0.0.1:$port/crsv-en/en/basics/welcome-quiz.html" > "$work/dom.html" 2> /dev/null
		check "Chromium, quiz page served by kiwix-serve: quiz.js runs (check buttons, answers hidden until asked)" \
			'grep -q "class=\"check-answer\"" "$work/dom.html" && grep -q "<details class=\"answer\" hidden" "$work/dom.html"'
	else
		echo "zim: the quiz in a browser skipped: chromium is not installed"
	fi
fi

echo "zim: $pass passed, $fail failed"
[ "$fail" = 0 ]
