#!/bin/sh
# crsv-gen narrate and the narration status, on a copy of the golden
# fixture: the recording script (CSV and a printable page) in the order of
# the material; keys stable across rebuilds and across edits elsewhere; a
# narrator's recording taken in; a recording turned stale when its
# translation changes, and (for the source language) when its source
# text changes; synthetic drafts in English, French and Arabic (valid Ogg
# Opus, checked by decoding them with opusinfo, and of a sane length); a
# language with no espeak-ng voice reported; a critical module with
# missing narration failing the build of a narrated language unless
# --allow-incomplete; on the site, a player under each narrated unit
# (nothing loaded until pressed, checked in Chromium); EPUB 3 media
# overlays (a SMIL a chapter) passing epubcheck; a damaged manifest
# refused with its line.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
work=$(mktemp -d)
suite=narration
. "$top/tests/lib.sh"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=0

p="$work/p"
cp -R "$top/tests/golden/fixture" "$p"
cp -R "$top/assets" "$p/assets"
cd "$p" || exit 1
audio=locales/audio

# column N (1-based) of a script's rows, without the header and the BOM
col() { tail -n +2 "$1" | cut -d, -f"$2" | tr -d '\r'; }

# ---- the script, and stable keys -------------------------------------------------
"$gen" narrate --lang fr --script "$work/fr1.csv" > "$work/out" 2>&1
"$gen" narrate --lang fr --script "$work/fr2.csv" > /dev/null 2>&1
check "the script: one row a unit not yet recorded, as CSV and a printable page" \
	"[ \$(col '$work/fr1.csv' 2 | wc -l) -gt 10 ] && head -c 3 '$work/fr1.csv' | grep -q \$(printf '\\357\\273\\277') &&
	 grep -q '<html lang=\"fr\" dir=\"ltr\">' '$work/fr1.html' && grep -q 'class=\"say\"' '$work/fr1.html'"
check "the script: in the order of the material (site.yaml first), each with its file and where it is from" \
	"sed -n 2p '$work/fr1.csv' | grep -q ',missing,content/site.yaml:' &&
	 [ \"\$(col '$work/fr1.csv' 3 | head -1)\" = \"\$(col '$work/fr1.csv' 2 | head -1).opus\" ]"
check "keys: the same on a second run" "cmp -s '$work/fr1.csv' '$work/fr2.csv'"
"$gen" narrate --lang en --script "$work/en1.csv" > /dev/null 2>&1
# an edit elsewhere: one paragraph of the safety module
sed -i 's/^Only the source language has this paragraph\./Only the source language has this edited paragraph./' content/basics/02-safety/index.md
"$gen" extract > /dev/null 2>&1
"$gen" narrate --lang en --script "$work/en2.csv" > /dev/null 2>&1
col "$work/en1.csv" 2 | sort > "$work/k1"
col "$work/en2.csv" 2 | sort > "$work/k2"
check "keys: an edited paragraph has a new key, every other unit keeps its own" \
	"[ \$(comm -23 '$work/k1' '$work/k2' | wc -l) = 1 ] && [ \$(comm -13 '$work/k1' '$work/k2' | wc -l) = 1 ]"

# ---- a narrator's recording, then stale ---------------------------------------------
# the first French unit that has a translation: a WAV of half a second
key=$(col "$work/fr1.csv" 2 | head -1)
mkdir -p "$audio/fr"
python3 - "$audio/fr/$key.wav" <<'PY'
import struct, sys, math
rate, n = 22050, 11025
data = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 220 * i / rate))) for i in range(n))
hdr = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", len(data))
open(sys.argv[1], "wb").write(hdr + data)
PY
"$gen" narrate --lang fr --script "$work/fr3.csv" > "$work/out" 2>&1
check "a recording put in the folder is taken in, and leaves the script" \
	"grep -q '1 recorded,.* 1 recording(s) taken in' '$work/out' && ! col '$work/fr3.csv' 2 | grep -qx '$key' &&
	 grep -q '^$key,recorded,' '$audio/fr/narration.csv'"
"$gen" status > "$work/status"
check "status: the recording counted for its language" \
	"sed -n '/^narration fr/,/total/p' '$work/status' | grep -q '^  total *1 *0 *0 '"
# its translation changes: the recording says what the unit said before
python3 - locales/fr.po "$key" <<'PY'
import re, sys
path = sys.argv[1]
s = open(path, encoding="utf-8").read()
# the first translated msgstr of site.yaml's first text
m = re.search(r'(#: content/site\.yaml:1\n(?:.*\n)*?msgstr ")([^"]+)', s)
s = s[:m.end(2)] + " (revu)" + s[m.end(2):]
open(path, "w", encoding="utf-8").write(s)
PY
"$gen" narrate --lang fr --script "$work/fr4.csv" > "$work/out" 2>&1
check "a translation changed: its recording is stale, and back in the script" \
	"grep -q '0 recorded,.* 1 stale' '$work/out' && col '$work/fr4.csv' 4 | head -1 | grep -qx stale"
"$gen" status > "$work/status"
check "status: stale" "sed -n '/^narration fr/,/total/p' '$work/status' | grep -q '^  total *0 *0 *1 '"
# a new take of the same key: taken in for the text of now
python3 -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[1],'wb').write(d[:-2]+b'\x01\x01')" "$audio/fr/$key.wav"
"$gen" narrate --lang fr > "$work/out" 2>&1
check "a new take of a stale unit is taken in: recorded again" \
	"grep -q '1 recorded,.* 0 stale,.* 1 recording(s) taken in' '$work/out'"

# the source language: a recording of a heading, then the heading edited
# (French had translated it: its entry turns fuzzy and keeps the previous
# msgid, which finds the recording)
ekey=$(tr -d '\r' < "$work/en2.csv" | grep ',A heading & more$' | head -1 | cut -d, -f2)
mkdir -p "$audio/en"
cp "$audio/fr/$key.wav" "$audio/en/$ekey.wav"
"$gen" narrate --lang en > /dev/null 2>&1
sed -i 's/^## A heading & more$/## A heading \& more words/' content/basics/01-welcome/index.md
"$gen" extract > /dev/null 2>&1
"$gen" narrate --lang en --script "$work/en3.csv" > "$work/out" 2>&1
check "a source text changed (a new key): the recording of what it was is the unit's, stale" \
	"[ -n '$ekey' ] && grep -q ' 1 stale' '$work/out' && grep ',A heading & more words' '$work/en3.csv' | grep -q ',stale,'"

# ---- synthetic drafts -----------------------------------------------------------------
for l in en fr ar; do
	"$gen" narrate --lang "$l" --synthesize > "$work/synth-$l.out" 2>&1 || echo "exit $?" >> "$work/synth-$l.out"
done
check "--synthesize fills every unit with no voice, in en, fr and ar" \
	"grep -q ' 0 missing; .* [1-9][0-9]* synthesized' '$work/synth-en.out' &&
	 grep -q ' 0 missing; .* [1-9][0-9]* synthesized' '$work/synth-fr.out' &&
	 grep -q ' 0 missing; .* [1-9][0-9]* synthesized' '$work/synth-ar.out'"
check "... stored apart, marked synthetic in the manifest, the recordings kept" \
	"ls '$audio/ar/synthetic/' | grep -q '\\.opus\$' && grep -q ',synthetic,' '$audio/en/narration.csv' &&
	 grep -q '^$key,recorded,' '$audio/fr/narration.csv' && [ ! -e '$audio/fr/synthetic/$key.opus' ]"
# every file decodes as Ogg Opus; its length is sane for its text
bad_files=""
for l in en fr ar; do
	tail -n +2 "$audio/$l/narration.csv" | grep ',synthetic,' | cut -d, -f5 | while read -r f; do
		info=$(opusinfo "$audio/$l/$f" 2>&1) || { echo "$l/$f: not Ogg Opus"; continue; }
		secs=$(echo "$info" | sed -n 's/.*Playback length: \([0-9]*\)m:\([0-9.]*\)s.*/\1 \2/p' |
			awk '{ print $1 * 60 + $2 }')
		echo "$info" | grep -q 'CRSV_VOICE=synthetic: espeak-ng' || echo "$l/$f: not marked synthetic"
		awk -v s="$secs" 'BEGIN { exit !(s > 0.2 && s < 120) }' || echo "$l/$f: $secs s"
	done
done > "$work/files"
check "... every one a valid Ogg Opus file (opusinfo), marked as espeak-ng's, of a sane length" \
	"[ ! -s '$work/files' ] && [ \$(ls '$audio/en/synthetic' | wc -l) -gt 100 ]"
# lengths against the texts: about 150 words a minute, never a second for a book
"$gen" narrate --lang fr --script "$work/fr-all.csv" > /dev/null 2>&1
python3 - "$audio/en/narration.csv" "$work/en3.csv" "$audio/en" > "$work/rates" <<'PY'
import csv, subprocess, sys, re
rows = {r[0]: r for r in csv.reader(open(sys.argv[1]))}
texts = {r[1]: r[5] for r in csv.reader(open(sys.argv[2], encoding="utf-8-sig"))}
bad = 0
for key, text in texts.items():
    if key not in rows or rows[key][1] != "synthetic" or len(text) < 40:
        continue
    out = subprocess.run(["opusinfo", sys.argv[3] + "/" + rows[key][4]], capture_output=True, text=True).stdout
    m = re.search(r"Playback length: (\d+)m:([\d.]+)s", out)
    secs = int(m.group(1)) * 60 + float(m.group(2))
    cps = len(text) / secs
    if not 5 < cps < 30:
        bad += 1
        print(key, len(text), secs)
print("bad", bad)
PY
check "... and as long as their texts: 5 to 30 characters a second (espeak-ng at 150 words a minute)" \
	"grep -qx 'bad 0' '$work/rates'"
"$gen" narrate --lang fr --synthesize > "$work/out" 2>&1
check "--synthesize again: nothing made twice" "grep -q ' 0 synthesized' '$work/out'"

# ---- a language espeak-ng does not speak ---------------------------------------------------
sed -i 's/^  - code: ar$/  - code: sg\n    name: "Sängö"\n  - code: ar/' content/site.yaml
if "$gen" narrate --lang sg --synthesize > "$work/out" 2>&1; then
	bad "a language with no espeak-ng voice is reported, not faked"
else
	check "a language with no espeak-ng voice is reported, not faked (exit 1, nothing written)" \
		"grep -q 'no voice for \"sg\"' '$work/out' && [ ! -d '$audio/sg' ]"
fi
cp "$top/tests/golden/fixture/content/site.yaml" content/site.yaml

# ---- the critical module ------------------------------------------------------------------
# French is narrated (its folder exists): take away the voice of a unit of
# the help module (critical) and the build of French fails
hkey=$(awk -F, '/content\/help\/01-get-help/ { print $2; exit }' "$work/fr-all.csv")
[ -n "$hkey" ] || hkey=$(awk -F, '/content\/help\/01-get-help/ { print $2; exit }' "$work/en3.csv")
for l in fr en; do
	f=$(grep "^$hkey," "$audio/$l/narration.csv" 2> /dev/null | cut -d, -f5)
	[ -n "$f" ] && rm -f "$audio/$l/$f" && hl=$l && break
done
if "$gen" build --out "$work/o1" > "$work/build.out" 2>&1; then
	bad "a critical module with a unit not narrated fails the build"
else
	check "a critical module with a unit not narrated fails the build, with the unit's place and key" \
		"grep -q 'content/help/01-get-help/index.md:[0-9]*: error: critical module \"help/01-get-help\" has no narration in ${hl:-?}' '$work/build.out' &&
		 grep -q '$hkey.opus' '$work/build.out' && [ ! -d '$work/o1/site' ]"
fi
check "... unless --allow-incomplete" "'$gen' build --out '$work/o2' --allow-incomplete > /dev/null 2>&1 && [ -f '$work/o2/site/index.html' ]"
"$gen" narrate --lang "${hl:-fr}" --synthesize > /dev/null 2>&1
check "... and builds once the gap is filled (a machine voice counts, marked)" \
	"'$gen' build --out '$work/o3' > /dev/null 2>&1"
# the kiosk bundle: every voice as Ogg Opus (the WAV recording encoded at
# build time), the recording marked recorded, the machine voices synthetic
kb="$work/o3/packages/kiosk.bundle"
check "the kiosk bundle holds the voices, all Ogg Opus, the WAV recording encoded and not synthetic" \
	"[ \$(sqlite3 '$kb' \"SELECT count(*) FROM audio WHERE lang = 'fr'\") -gt 10 ] &&
	 [ \$(sqlite3 '$kb' \"SELECT count(*) FROM audio WHERE substr(data, 1, 4) <> CAST('OggS' AS BLOB)\") = 0 ] &&
	 [ \"\$(sqlite3 '$kb' \"SELECT synthetic, substr(data, 1, 4) = CAST('OggS' AS BLOB) FROM audio WHERE lang = 'fr' AND key = '$key'\")\" = '0|1' ] &&
	 [ \$(sqlite3 '$kb' \"SELECT count(*) FROM audio WHERE lang = 'fr' AND synthetic = 1\") -gt 10 ]"
check "... every text the kiosk shows knows its voice's key" \
	"[ \$(sqlite3 '$kb' \"SELECT count(*) FROM blocks WHERE narration_key = '' AND kind <> 'code' AND kind <> 'rule'\") = 0 ] &&
	 [ \$(sqlite3 '$kb' \"SELECT count(*) FROM audio a WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.narration_key = a.key) AND NOT EXISTS (SELECT 1 FROM quiz_texts q WHERE q.narration_key = a.key) AND NOT EXISTS (SELECT 1 FROM ui_strings u WHERE u.narration_key = a.key) AND NOT EXISTS (SELECT 1 FROM helpline_text h WHERE a.key IN (h.name_key, h.description_key, h.hours_key))\") -lt \$(sqlite3 '$kb' \"SELECT count(*) / 10 FROM audio\") ]"

# ---- the site: a player under each narrated unit ----------------------------------------
"$gen" narrate --lang ar --synthesize > /dev/null 2>&1
"$gen" build --out "$work/site" --allow-incomplete > "$work/build.out" 2>&1
page="$work/site/site/fr/basics/welcome.html"
check "the site: each narrated unit of a module page has its player, loading nothing until pressed" \
	"[ \$(grep -c '<audio controls preload=\"none\"' '$page') -ge 5 ] &&
	 ! grep -o '<audio[^>]*>' '$page' | grep -v 'preload=\"none\"' | grep -q ."
check "... Opus first, then MP3 for browsers without it; the files there, the MP3 an MPEG stream" \
	"f=\$(grep -o 'audio/fr/[0-9a-f]*\.opus\" type=\"audio/ogg; codecs=opus\"><source src=\"[./]*audio/fr/[0-9a-f]*\.mp3\" type=\"audio/mpeg\"' '$page' | head -1 | cut -d'\"' -f1) &&
	 [ -n \"\$f\" ] && opusinfo '$work/site/site/'\"\$f\" > /dev/null 2>&1 &&
	 head -c 2 '$work/site/site/'\"\${f%.opus}.mp3\" | od -An -tx1 | grep -q 'ff f'"
check "... 'Machine voice' beside a synthetic one; a unit shown in English plays the English voice" \
	"grep -q '</audio> <span class=\"voice-machine\">' '$page' &&
	 grep -q '<p class=\"narration\" lang=\"en\" dir=\"ltr\"><audio[^>]*><source src=\"../../audio/en/' '$page'"
mkdir -p "$work/scorm" && unzip -q -o "$work/site/packages/basics-fr-scorm12.zip" -d "$work/scorm"
check "... not in the SCORM package (its pages link no files of the site)" \
	"[ -n \"\$(ls '$work/scorm')\" ] && ! grep -rq '<audio' '$work/scorm'"
if command -v chromium > /dev/null 2>&1; then
	# in Chromium: nothing fetched before a press; then every Opus file plays
	cat > "$work/probe.js" <<'JS'
window.addEventListener("load", function () {
	var a = Array.prototype.slice.call(document.querySelectorAll("audio"));
	var idle = a.every(function (x) { return x.readyState === 0 && x.networkState !== 2; });
	var left = a.length, ok = 0;
	a.forEach(function (x) {
		x.addEventListener("loadedmetadata", function () {
			if (x.duration > 0.2 && /\.opus$/.test(x.currentSrc)) ok++;
			if (--left === 0) document.title = "probe " + a.length + " " + idle + " " + ok;
		});
		x.addEventListener("error", function () {
			if (--left === 0) document.title = "probe " + a.length + " " + idle + " " + ok;
		});
		x.load();
	});
});
JS
	sed 's|</body>|<script src="probe.js"></script></body>|' "$page" > "$work/site/site/fr/basics/probe.html"
	cp "$work/probe.js" "$work/site/site/fr/basics/probe.js"
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--user-data-dir="$work/chrome" \
		--virtual-time-budget=20000 --dump-dom "file://$work/site/site/fr/basics/probe.html" \
		> "$work/dom" 2> /dev/null
	n=$(grep -c '<audio' "$page")
	check "... in Chromium: nothing loaded before a press, then every player's Opus file plays" \
		"grep -q '<title>probe $n true $n</title>' '$work/dom'"
fi

# ---- EPUB 3 media overlays -------------------------------------------------------------
python3 - "$work/site/packages/basics-fr.epub" > "$work/overlay" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
opf = z.read("OEBPS/content.opf").decode()
bad, pars, total = [], 0, 0.0
for mid, href in re.findall(r'<item id="(mo-[^"]+)" href="([^"]+)" media-type="application/smil\+xml"/>', opf):
    if 'media-overlay="%s"' % mid not in opf:
        bad.append("no document carries " + mid)
    smil = z.read("OEBPS/" + href).decode()
    secs = 0.0
    for doc, uid, audio, end in re.findall(r'<text src="([^"#]+)#(u\d+)"/><audio src="([^"]+)" clipBegin="0s" clipEnd="([\d.]+)s"/>', smil):
        pars += 1
        secs += float(end)
        if 'id="%s"' % uid not in z.read("OEBPS/" + doc).decode():
            bad.append(doc + "#" + uid + " missing")
        if "OEBPS/" + audio not in names:
            bad.append(audio + " not in the book")
    m = re.search(r'<meta property="media:duration" refines="#%s">(\d+):(\d+):([\d.]+)</meta>' % mid, opf)
    if not m or abs(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) - secs) > 0.01:
        bad.append(mid + ": its media:duration is not the sum of its clips")
    total += secs
m = re.search(r'<meta property="media:duration">(\d+):(\d+):([\d.]+)</meta>', opf)
if not m or abs(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) - total) > 0.01:
    bad.append("the book's media:duration is not the sum")
print("pars", pars, "bad", len(bad), *bad[:5])
PY
check "EPUB: each chapter with voices has a media overlay: a <par> a unit, pointing at its id and its MP3, durations summed" \
	"grep -q '^pars [1-9][0-9]* bad 0' '$work/overlay'"
if [ -f /usr/share/java/epubcheck.jar ]; then
	out=""
	for b in "$work/site/packages/"*.epub; do
		java -jar /usr/share/java/epubcheck.jar "$b" 2>&1 | grep -q 'Messages: 0 fatals / 0 errors / 0 warnings' ||
			out="$out $(basename "$b")"
	done
	check "EPUB: every book with media overlays passes epubcheck with 0 errors and 0 warnings${out:+ (not:$out)}" \
		"[ -z '$out' ] && unzip -l '$work/site/packages/basics-fr.epub' | grep -q 'OEBPS/welcome.smil'"
fi

# ---- bad input --------------------------------------------------------------------------
cp "$audio/fr/narration.csv" "$work/manifest"
printf '%s\n' "0123,recorded,xx,yy,a.opus" >> "$audio/fr/narration.csv"
lines=$(wc -l < "$audio/fr/narration.csv")
if "$gen" narrate --lang fr > "$work/out" 2>&1; then
	bad "a damaged manifest is refused with its line"
else
	check "a damaged manifest is refused with its line, and left as it was" \
		"grep -q 'locales/audio/fr/narration.csv:$lines: error: not a narration row' '$work/out' &&
		 [ \$(wc -l < '$audio/fr/narration.csv') = $lines ]"
fi
cp "$work/manifest" "$audio/fr/narration.csv"
if "$gen" narrate > "$work/out" 2>&1 || "$gen" narrate --lang xx > "$work/out2" 2>&1; then
	bad "narrate without a language of the site is refused"
else
	ok "narrate without a language of the site is refused"
fi

echo "$suite: $pass passed, $fail failed"
[ "$fail" = 0 ]
