#!/bin/sh
# Trust: keys (crsv-gen keygen), signed bundles and package lists (build
# --sign), checked by Debian's minisign and sha256sum and by the real kiosk
# (--trust): altered content in any table, another key, no signature, the
# seal of another bundle, an older release after a newer one (rollback),
# an expired bundle, a damaged page without --trust.  And the secret key
# is in no output.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
kiosk="$top/build/crsv-kiosk"
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
suite=trust
. "$top/tests/lib.sh"
export SDL_VIDEODRIVER=dummy
fix="$top/tests/kiosk/fixture"
build() {  # <out> [options]: the kiosk fixture built, as of $SOURCE_DATE_EPOCH
	out=$1
	shift
	"$gen" build --content "$fix/content" --locales "$fix/locales" --assets "$top/assets" \
		--out "$out" "$@"
}
echo "shot start.bmp" > "$work/start.script"
# run <bundle> [options]: the kiosk started on it; its stderr in $work/kiosk.err
run() {
	b=$1
	shift
	(cd "$work" && "$kiosk" --bundle "$b" --records "$work/${records:-r}.db" \
		--script "$work/start.script" "$@" > /dev/null 2> "$work/kiosk.err")
}

# ---- keys ----------------------------------------------------------------------
"$gen" keygen --out "$work/keys" > "$work/keygen.out" 2>&1
check "keygen: two key pairs, the secret ones readable by their owner only" \
	'for n in content issuer; do
	   [ "$(stat -c %a "$work/keys/$n.key")" = 600 ] && [ -f "$work/keys/$n.pub" ] &&
	   [ -f "$work/keys/$n.minisign.pub" ] && grep -Eq "^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$" "$work/keys/$n.did" || exit 1
	 done'
cp "$work/keys/content.key" "$work/content.key.before"
"$gen" keygen --out "$work/keys" > /dev/null 2> "$work/keygen2.err"
status=$?
check "keygen never overwrites a secret key" \
	'[ "$status" = 1 ] && grep -q "content.key: error: a key is there already" "$work/keygen2.err" &&
	 cmp -s "$work/keys/content.key" "$work/content.key.before"'
secret=$(sed -n 's/^secret: //p' "$work/keys/content.key")

# ---- signed builds -----------------------------------------------------------------
SOURCE_DATE_EPOCH=1767225600 build "$work/v1" --sign "$work/keys/content.key" --valid-days 30 \
	> /dev/null 2>&1
SOURCE_DATE_EPOCH=1769904000 build "$work/v2" --sign "$work/keys/content.key" --valid-days 30 \
	> /dev/null 2>&1
SOURCE_DATE_EPOCH=1769904000 build "$work/plain" > /dev/null 2>&1
p1="$work/v1/packages" p2="$work/v2/packages"
check "minisign -V checks the signed bundle and the package list; sha256sum -c the packages" \
	'minisign -V -q -p "$work/keys/content.minisign.pub" -m "$p2/kiosk.bundle" &&
	 minisign -V -q -p "$work/keys/content.minisign.pub" -m "$p2/SHA256SUMS" &&
	 (cd "$p2" && sha256sum -c --quiet SHA256SUMS)'
cp "$p2/kiosk.bundle" "$work/flipped.bundle"
printf "\377" | dd of="$work/flipped.bundle" bs=1 seek=5000 conv=notrunc 2> /dev/null
cp "$p2/kiosk.bundle.minisig" "$work/flipped.bundle.minisig"
cp "$p1/kiosk.bundle.minisig" "$work/other.minisig"
check "minisign refuses a bundle with one byte changed, and another bundle's signature" \
	'! minisign -V -q -p "$work/keys/content.minisign.pub" -m "$work/flipped.bundle" 2> /dev/null &&
	 ! minisign -V -q -p "$work/keys/content.minisign.pub" -m "$p2/kiosk.bundle" \
	     -x "$work/other.minisig" 2> /dev/null'
check "the secret key is in no output: not in the site, the packages or their signatures" \
	'[ -n "$secret" ] && ! grep -rqF "$secret" "$work/v1" "$work/v2" "$work/plain" &&
	 ! grep -rqF "$(echo "$secret" | base64 -d 2> /dev/null | od -An -tx1 | tr -d " \n")" "$work/v2"'
"$gen" build --content "$fix/content" --locales "$fix/locales" --assets "$top/assets" \
	--out "$work/nope" --sign "$work/keys/content.pub" > /dev/null 2> "$work/pubsign.err"
status=$?
check "build --sign with a public key is refused before anything is built" \
	'[ "$status" = 1 ] && grep -q "content.pub: error: a public key cannot sign" "$work/pubsign.err" &&
	 [ ! -e "$work/nope/packages" ]'
printf 'crsv-kit secret key\nsecret: not base64!\n' > "$work/broken.key"
"$gen" build --content "$fix/content" --locales "$fix/locales" --assets "$top/assets" \
	--out "$work/nope" --sign "$work/broken.key" > /dev/null 2> "$work/broken.err"
check "a broken key file is named with its line" \
	'grep -q "broken.key:2: error: the secret key is not 32 bytes of base64" "$work/broken.err"'

# ---- the kiosk --------------------------------------------------------------------
records=ok
run "$p2/kiosk.bundle" --trust "$work/keys/content.pub"
check "the kiosk starts on a bundle signed by the key it trusts (a .pub, a .minisign.pub, a folder)" \
	'[ $? = 0 ] && run "$p2/kiosk.bundle" --trust "$work/keys/content.minisign.pub" &&
	 run "$p2/kiosk.bundle" --trust "$work/keys"'
records=other
rm -f "$work/refused.bmp"
run "$p2/kiosk.bundle" --trust "$work/keys/issuer.pub"
status=$?
check "another key: refused, said on stderr and on the screen (refused.bmp of the scripted run)" \
	'[ "$status" = 1 ] && grep -q "signed by another key" "$work/kiosk.err" &&
	 [ -s "$work/refused.bmp" ] && [ "$(head -c 2 "$work/refused.bmp")" = BM ]'
# the refusal screen says it in English, French and Arabic (the bundle's own
# words cannot be trusted), at the small landscape panel and the portrait
# one: compared with reviewed goldens above the reason line (which names keys)
bmpcmp="$top/build/tests/kiosk-bmpcmp"
[ -x "$bmpcmp" ] || make -C "$top" -s build/tests/kiosk-bmpcmp > /dev/null
shots=""
for sz in 800x480:340 720x1280:640; do
	size=${sz%:*}
	rows=${sz#*:}
	rm -f "$work/refused.bmp"
	run "$p2/kiosk.bundle" --trust "$work/keys/issuer.pub" --size "$size"
	gunzip -c "$here/golden/refused-$size.bmp.gz" > "$work/refused-expected.bmp"
	"$bmpcmp" -a "0,0,${size%x*},$rows" -b "0,0,${size%x*},$rows" "$work/refused-expected.bmp" \
		"$work/refused.bmp" "$work/refused-diff-$size.bmp" > /dev/null 2>&1 || shots="$shots $size"
done
check "the refusal screen, in English, French and Arabic (shaped, right to left), at 800x480 and 720x1280" \
	'[ -z "$shots" ] || { echo "    differs at:$shots (diff in the work folder)"; false; }'
run "$work/plain/packages/kiosk.bundle" --trust "$work/keys/content.pub"
status=$?
check "an unsigned bundle with --trust: refused" \
	'[ "$status" = 1 ] && grep -q "is not signed" "$work/kiosk.err"'
# one character of one block, one choice's correct flag, one font byte
altered() {  # <name> <SQL>: a copy of the signed bundle changed by SQL
	cp "$p2/kiosk.bundle" "$work/$1.bundle"
	sqlite3 "$work/$1.bundle" "$2"
}
altered block "UPDATE blocks SET text = 'X' || substr(text, 2) WHERE rowid = (SELECT min(rowid) FROM blocks)"
altered choice "UPDATE choices SET correct = 1 - correct WHERE rowid = (SELECT min(rowid) FROM choices)"
altered font "UPDATE fonts SET data = CAST(substr(data, 1, 1000) || x'00' || substr(data, 1002) AS BLOB) WHERE file = (SELECT min(file) FROM fonts)"
refused=""
for a in block choice font; do
	run "$work/$a.bundle" --trust "$work/keys/content.pub" && refused="$refused $a-accepted"
	grep -q "damaged or altered" "$work/kiosk.err" || refused="$refused $a-unsaid"
	run "$work/$a.bundle" && refused="$refused $a-accepted-without-trust"
done
check "one character of a block, one choice's answer flag, one font byte: each refused, with or without --trust" \
	'[ -z "$refused" ] || { echo "   $refused"; false; }'
# the seal (statement and signature) of the January bundle on the February one
cp "$p2/kiosk.bundle" "$work/swapped.bundle"
sqlite3 "$work/swapped.bundle" "ATTACH '$p1/kiosk.bundle' AS o; UPDATE seal SET statement =
	(SELECT statement FROM o.seal), signature = (SELECT signature FROM o.seal)"
run "$work/swapped.bundle" --trust "$work/keys/content.pub"
status=$?
check "a bundle carrying another bundle's signed seal: refused" \
	'[ "$status" = 1 ] && grep -q "damaged or altered" "$work/kiosk.err"'
# the seal's signature cut short (a truncated copy of it), or empty
cp "$p2/kiosk.bundle" "$work/cut-sig.bundle"
sqlite3 "$work/cut-sig.bundle" "UPDATE seal SET signature = substr(signature, 1, length(signature) / 2)"
run "$work/cut-sig.bundle" --trust "$work/keys/content.pub"
status=$?
cp "$work/kiosk.err" "$work/cut-sig.err"
cp "$p2/kiosk.bundle" "$work/no-sig.bundle"
sqlite3 "$work/no-sig.bundle" "UPDATE seal SET signature = ''"
run "$work/no-sig.bundle" --trust "$work/keys/content.pub"
status2=$?
check "a bundle whose seal's signature is cut short, or empty: refused, with the reason" \
	'[ "$status" = 1 ] && [ "$status2" = 1 ] && grep -q "error:" "$work/cut-sig.err" &&
	 grep -q "error:" "$work/kiosk.err" || { cat "$work/cut-sig.err" "$work/kiosk.err"; false; }'
head -c 40 "$p2/kiosk.bundle.minisig" > "$work/cut.minisig"
check "minisign refuses a truncated kiosk.bundle.minisig" \
	'! minisign -V -q -p "$work/keys/content.minisign.pub" -m "$p2/kiosk.bundle" -x "$work/cut.minisig" 2> /dev/null'
# rollback: February shown, then January
records=roll
run "$p2/kiosk.bundle" --trust "$work/keys/content.pub"
run "$p1/kiosk.bundle" --trust "$work/keys/content.pub"
status=$?
check "after the February release, the January one is refused (rollback), remembered in the records" \
	'[ "$status" = 1 ] && grep -q "older than one this kiosk has shown" "$work/kiosk.err" &&
	 [ "$(sqlite3 "$work/roll.db" "SELECT value FROM meta WHERE key = '"'"'bundle_release_max'"'"'")" = 1769904000 ]'
# key rotation: a bundle signed by the old key hands over to a new one
# (--next-key); a kiosk that showed it then trusts the new key, and once it
# shows a bundle signed by the new key the old one is retired
"$gen" keygen --out "$work/keys2" > /dev/null
SOURCE_DATE_EPOCH=1772323200 build "$work/r1" --sign "$work/keys/content.key" \
	--next-key "$work/keys2/content.pub" > /dev/null 2>&1
SOURCE_DATE_EPOCH=1772409600 build "$work/r2" --sign "$work/keys2/content.key" > /dev/null 2>&1
SOURCE_DATE_EPOCH=1772496000 build "$work/r3" --sign "$work/keys/content.key" > /dev/null 2>&1
check "build --next-key: the seal names the new key, signed by the old one" \
	'sqlite3 "$work/r1/packages/kiosk.bundle" "SELECT statement FROM seal" |
	 grep -qx "next-key: $(sed -n "s/^public: //p" "$work/keys2/content.pub")"'
records=rot-fresh
run "$work/r2/packages/kiosk.bundle" --trust "$work/keys/content.pub"
status_fresh=$?
records=rot
run "$work/r1/packages/kiosk.bundle" --trust "$work/keys/content.pub"
status1=$?
run "$work/r2/packages/kiosk.bundle" --trust "$work/keys/content.pub"
status2=$?
check "rotation: the new key's bundle is shown after the old key handed over, not before" \
	'[ "$status_fresh" = 1 ] && [ "$status1" = 0 ] && [ "$status2" = 0 ]'
run "$work/r3/packages/kiosk.bundle" --trust "$work/keys/content.pub"
status3=$?
check "rotation: then the old key is retired: a newer bundle it signed is refused" \
	'[ "$status3" = 1 ] && grep -q "error:" "$work/kiosk.err" &&
	 [ "$(sqlite3 "$work/rot.db" "SELECT count(*) FROM meta WHERE key LIKE '"'"'key_retired_%'"'"'")" = 1 ]'
"$gen" build --out "$work/rx" --content "$fix/content" --locales "$fix/locales" \
	--assets "$top/assets" --next-key "$work/keys2/content.pub" > /dev/null 2> "$work/rx.err"
check "build --next-key without --sign is refused" \
	'[ $? = 1 ] && grep -q "error: --next-key hands over from the signing key" "$work/rx.err"'
# expiry: valid 30 days from 2026-02-01; the kiosk's clock says April
records=late
SOURCE_DATE_EPOCH=1775000000 run "$p2/kiosk.bundle" --trust "$work/keys/content.pub"
status=$?
check "past its validity the bundle is still shown, with a warning" \
	'[ "$status" = 0 ] && grep -q "warning: the bundle.s content expired on 2026-03-03" "$work/kiosk.err"'
# on screen: the first screen says so; the admin screen says which content, signed by whom
echo 2468 | "$kiosk" --records "$work/late.db" --set-pin 2> /dev/null
printf 'key F12\ntype 2468\npress key:ok\n' > "$work/admin.script"
(cd "$work" && SOURCE_DATE_EPOCH=1775000000 "$kiosk" --bundle "$p2/kiosk.bundle" --records "$work/late.db" \
	--trust "$work/keys/content.pub" --script "$work/admin.script" --list-widgets > "$work/admin.out" 2> /dev/null)
keyid=$(sed -n 's/^key-id: //p' "$work/keys/content.pub")
check "on screen: the first screen says the content passed its date; the admin screen names its date, key and end" \
	'grep -q "^expired .*passed its date on 2026-03-03" "$work/admin.out" &&
	 grep -q "^content .*Content of 2026-02-01, signed by key $keyid. Expired on 2026-03-03" "$work/admin.out"'
# the clock set back to January after April was seen: still expired
SOURCE_DATE_EPOCH=1767225600 run "$p2/kiosk.bundle" --trust "$work/keys/content.pub"
check "a clock set back does not make it valid again (the latest time seen counts)" \
	'grep -q "expired on 2026-03-03" "$work/kiosk.err"'
# a new bundle installed from a stick on the admin screen
mkdir -p "$work/k" "$work/stick"
cp "$p1/kiosk.bundle" "$work/k/kiosk.bundle"
cp "$p2/kiosk.bundle" "$work/stick/kiosk.bundle"
echo 2468 | "$kiosk" --records "$work/inst.db" --set-pin 2> /dev/null
printf 'key F12\ntype 2468\npress key:ok\npress install\n# @installed\n' > "$work/install.script"
install() {  # [options]: the admin installs from $work/stick; widgets in $work/install.out
	(cd "$work" && "$kiosk" --bundle "$work/k/kiosk.bundle" --records "$work/inst.db" \
		--export-dir "$work/stick" --script "$work/install.script" --list-widgets "$@" \
		> "$work/install.out" 2> "$work/install.err")
}
install --trust "$work/keys/content.pub"
check "the admin screen installs a newer signed bundle from the stick; the one in use is kept until the new one starts" \
	'grep -q "^message .*New content of 2026-02-01 installed" "$work/install.out" &&
	 cmp -s "$work/k/kiosk.bundle" "$p2/kiosk.bundle" && cmp -s "$work/k/kiosk.bundle.old" "$p1/kiosk.bundle"'
run "$work/k/kiosk.bundle" --trust "$work/keys/content.pub"
check "once the new bundle has started, the old one goes" \
	'[ $? = 0 ] && [ ! -e "$work/k/kiosk.bundle.old" ]'
cp "$p1/kiosk.bundle" "$work/stick/kiosk.bundle"
install --trust "$work/keys/content.pub"
check "an older bundle on the stick is not installed, and said so" \
	'grep -q "^message .*Not installed: .*older than the one shown" "$work/install.out" &&
	 cmp -s "$work/k/kiosk.bundle" "$p2/kiosk.bundle"'
cp "$work/plain/packages/kiosk.bundle" "$work/stick/kiosk.bundle"
install --trust "$work/keys/content.pub"
check "an unsigned bundle is not installed on a kiosk that trusts a key" \
	'grep -q "^message .*Not installed: .*is not signed" "$work/install.out" &&
	 cmp -s "$work/k/kiosk.bundle" "$p2/kiosk.bundle" && [ ! -e "$work/k/kiosk.bundle.new" ]'
# a bundle that cannot start, with the one before kept: the kiosk goes back to it
cp "$p2/kiosk.bundle" "$work/k/kiosk.bundle.old"
cp "$work/block.bundle" "$work/k/kiosk.bundle"
run "$work/k/kiosk.bundle" --trust "$work/keys/content.pub"
check "a new bundle that cannot start gives way to the one before" \
	'[ $? = 0 ] && grep -q "went back to the bundle shown before" "$work/kiosk.err" &&
	 cmp -s "$work/k/kiosk.bundle" "$p2/kiosk.bundle"'

# a damaged page in the middle of the blocks, no --trust
cp "$work/plain/packages/kiosk.bundle" "$work/page.bundle"
size=$(stat -c %s "$work/page.bundle")
head -c 4096 /dev/urandom | dd of="$work/page.bundle" bs=4096 seek=$((size / 4096 / 2)) conv=notrunc 2> /dev/null
records=page
run "$work/page.bundle"
status=$?
check "a page of the bundle overwritten: refused at start with the reason, never a silent start" \
	'[ "$status" = 1 ] && grep -Eq "damaged|malformed|not a database" "$work/kiosk.err"'
check "the records file holds no key" \
	'! sqlite3 "$work/ok.db" .dump | grep -qF "$secret"'

echo "trust: $pass passed, $fail failed"
[ "$fail" = 0 ]
