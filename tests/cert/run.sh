#!/bin/sh
# Certificates, as an officer issues them and as anyone checks them:
# crsv-gen keygen, certify (Open Badges 3.0 JSON, PDF with a QR code, the
# code as text), verify (JSON and code), the site's verify.html in
# Chromium, and the independent verifier (Digital Bazaar's eddsa-jcs-2022,
# tests/cert/independent).  Each attack of issue 10 part 5 is tried: an
# edited claim, a cut signature, another issuer, an expired certificate,
# another person's ID.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
suite=cert
. "$top/tests/lib.sh"
gen="$top/build/crsv-gen"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now=$(date +%s)
export SOURCE_DATE_EPOCH=$now

python3 "$here/records.py" "$work/kiosk.db" || bad "records made"
"$gen" merge --into "$work/master.db" "$work/kiosk.db" > /dev/null 2>&1
"$gen" keygen --out "$work/keys" > /dev/null || bad "keygen"
"$gen" certify --records "$work/master.db" --key "$work/keys/issuer.key" --out "$work/certs" \
	--content "$top/content" --locales "$top/locales" --assets "$top/assets" \
	> "$work/certify.out" 2>&1
check "certify: two certificates (the one who missed a module gets none)" \
	'grep -q "^certify: 2 certificates" "$work/certify.out"'
csv="$work/certs/certificates.csv"
id_of() { grep "^$1," "$csv" | cut -d, -f3; }
ar=$(id_of UN-20417)
fr=$(id_of UN-30001)
check "certificates.csv: UN-20417 in Arabic, UN-30001 in French, not UN-40000" \
	'grep -q "^UN-20417,policy,$ar,ar," "$csv" && grep -q "^UN-30001,policy,$fr,fr," "$csv" &&
	 ! grep -q UN-40000 "$csv"'
for f in json pdf txt; do
	check "certify wrote $f files" '[ -s "$work/certs/$ar.$f" ] && [ -s "$work/certs/$fr.$f" ]'
done

# what verify says: vrun NAME [ARGS...]: output and status in $work/NAME.*
vrun() {
	name=$1
	shift
	"$gen" verify "$@" > "$work/$name.out" 2> "$work/$name.err"
	echo $? > "$work/$name.rc"
}
said() {  # said STATUS NAME PATTERN
	[ "$(cat "$work/$2.rc")" = "$1" ] && cat "$work/$2.out" "$work/$2.err" | grep -Eq "$3" ||
		{ sed 's/^/    /' "$work/$2.out" "$work/$2.err" | head -8; false; }
}
pub="$work/keys/issuer.pub"
vrun json --issuer "$pub" --person UN-30001 "$work/certs/$fr.json"
check "verify: the credential holds, for UN-30001, every module with its score" \
	'said 0 json "^VALID$" && said 0 json "UN-30001 \(checked\)" &&
	 [ "$(grep -c "^    .*: [45]/5$" "$work/json.out")" = 6 ]'
vrun code --issuer "$work/keys/issuer.did" --person UN-20417 "$work/certs/$ar.txt"
check "verify: the QR code's text holds too (with the did:key as the trusted key)" \
	'said 0 code "^VALID$" && said 0 code "track policy, in ar"'
vrun stdin --issuer "$work/keys" - < "$work/certs/$ar.txt"
check "verify: the code from standard input, the keys folder as the trust" 'said 0 stdin "^VALID$"'
vrun other-person --issuer "$pub" --person UN-20417 "$work/certs/$fr.json"
check "verify: another person's ID is refused" \
	'said 1 other-person "not issued to the person with the ID UN-20417" &&
	 ! grep -q VALID "$work/other-person.out"'
vrun other-person-code --issuer "$pub" --person UN-30001 "$work/certs/$ar.txt"
check "verify: another person's ID is refused (code)" \
	'said 1 other-person-code "not issued to the person"'

# attacks: one claim edited (a score), the achievement's name, the signature cut
sed 's/"value": "4"/"value": "5"/' "$work/certs/$fr.json" > "$work/edited.json"
vrun edited --issuer "$pub" "$work/edited.json"
check "verify: one score edited in the credential fails" \
	'! cmp -s "$work/edited.json" "$work/certs/$fr.json" && said 1 edited "signature does not match"'
python3 - "$work/certs/$fr.json" "$work/cut.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["proof"]["proofValue"] = d["proof"]["proofValue"][:-10]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False, indent=2)
PY
vrun cut --issuer "$pub" "$work/cut.json"
check "verify: a truncated signature fails, and says so" 'said 1 cut "cut short"'
vrun other-issuer --issuer "$work/keys/content.pub" "$work/certs/$fr.json"
check "verify: a key that is not the trusted issuer fails" \
	'said 1 other-issuer "not an issuer you trust"'
sed 's/\.4\/5,/.5\/5,/' "$work/certs/$ar.txt" > "$work/edited.txt"
vrun edited-code --issuer "$pub" "$work/edited.txt"
check "verify: one score edited in the code fails" \
	'! cmp -s "$work/edited.txt" "$work/certs/$ar.txt" && said 1 edited-code "signature does not match"'
head -c 150 "$work/certs/$ar.txt" > "$work/cut.txt"
vrun cut-code --issuer "$pub" "$work/cut.txt"
check "verify: a code cut short fails" 'said 1 cut-code "cut short|not a certificate code"'

echo '{"not": "a credential"' > "$work/broken.json"
vrun broken --issuer "$pub" "$work/broken.json"
check "verify: broken JSON gets file:line: error" 'said 1 broken "broken.json:[0-9]+: error: not valid JSON"'

# expired: issued 400 days ago for 30 days
SOURCE_DATE_EPOCH=$((now - 400 * 86400)) "$gen" certify --records "$work/master.db" \
	--key "$work/keys/issuer.key" --out "$work/old" --valid-days 30 --person UN-30001 \
	--content "$top/content" --locales "$top/locales" --assets "$top/assets" > /dev/null 2>&1
old=$(grep "^UN-30001," "$work/old/certificates.csv" | cut -d, -f3)
vrun expired --issuer "$pub" "$work/old/$old.json"
vrun expired-code --issuer "$pub" "$work/old/$old.txt"
check "verify: an expired certificate fails (JSON and code)" \
	'said 1 expired "expired: it was valid until" && said 1 expired-code "expired"'

# bad input to certify: a public key, an unknown track, not a records file
"$gen" certify --records "$work/master.db" --key "$pub" --out "$work/x" \
	--content "$top/content" --locales "$top/locales" > "$work/pubkey.out" 2>&1
check "certify: a public key is refused" \
	'[ $? = 1 ] && grep -q "issuer.pub: error: this is a public key" "$work/pubkey.out"'
"$gen" certify --records "$work/master.db" --key "$work/keys/issuer.key" --out "$work/x" \
	--track nosuch --content "$top/content" --locales "$top/locales" > "$work/track.out" 2>&1
check "certify: an unknown track is refused" 'grep -q "error: --track nosuch" "$work/track.out"'
"$gen" certify --records "$work/keys/issuer.pub" --key "$work/keys/issuer.key" --out "$work/x" \
	--content "$top/content" --locales "$top/locales" > "$work/notdb.out" 2>&1
check "certify: a file that is not records is refused" \
	'[ $? = 1 ] && grep -q "error:" "$work/notdb.out" && [ ! -e "$work/x/certificates.csv" ]'

# the same records, key and day: the same bytes
"$gen" certify --records "$work/master.db" --key "$work/keys/issuer.key" --out "$work/again" \
	--content "$top/content" --locales "$top/locales" --assets "$top/assets" > /dev/null 2>&1
check "certify again the same day: byte-identical JSON, code and PDF" \
	'cmp -s "$work/certs/$fr.json" "$work/again/$fr.json" &&
	 cmp -s "$work/certs/$fr.txt" "$work/again/$fr.txt" &&
	 cmp -s "$work/certs/$fr.pdf" "$work/again/$fr.pdf"'

# the printed certificate: every claim in words, in the person's language,
# and a QR code that a reader decodes back to the signed code
if command -v pdftotext > /dev/null 2>&1; then
	pdftotext -layout "$work/certs/$fr.pdf" "$work/fr.txt"
	pdftotext -layout "$work/certs/$ar.pdf" "$work/ar.txt"
	check "PDF (fr): the ID, the track, six modules with scores, the dates, the id" \
		'grep -q "UN-30001" "$work/fr.txt" && grep -q "Politique" "$work/fr.txt" &&
		 [ "$(grep -Ec "[45]/5" "$work/fr.txt")" = 6 ] && grep -q "$fr" "$work/fr.txt" &&
		 grep -q "$(date -u -d @$((now + 730 * 86400)) +%Y-%m-%d)" "$work/fr.txt"'
	check "PDF (ar): Arabic text, shaped (the certificate title in Arabic)" \
		'grep -q "UN-20417" "$work/ar.txt" && grep -q "$ar" "$work/ar.txt" &&
		 LC_ALL=C grep -q "$(printf "\330")" "$work/ar.txt"'
	check "PDF: A4 by default, Letter with --paper letter" \
		'pdfinfo "$work/certs/$fr.pdf" | grep -q "Page size:.*595.* x 841.*A4"'
	"$gen" certify --records "$work/master.db" --key "$work/keys/issuer.key" --out "$work/letter" \
		--paper letter --person UN-30001 --content "$top/content" --locales "$top/locales" \
		--assets "$top/assets" > /dev/null 2>&1
	check "PDF: Letter" 'pdfinfo "$work/letter/$fr.pdf" | grep -q "Page size:.*612 x 792"'
else
	echo "$suite: PDF text checks skipped: pdftotext (poppler-utils) is not installed"
fi
if command -v zbarimg > /dev/null 2>&1 && command -v pdftoppm > /dev/null 2>&1; then
	# 150 dpi: the 30 mm code is 177 pixels, under 3 pixels a module
	pdftoppm -r 150 -png "$work/certs/$ar.pdf" "$work/ar-page"
	zbarimg -q --raw "$work/ar-page-1.png" > "$work/qr.txt" 2> /dev/null
	check "QR: decoded from the page at 150 dpi, it is the signed code" \
		'cmp -s "$work/qr.txt" "$work/certs/$ar.txt"'
else
	echo "$suite: QR decoding skipped: zbarimg (zbar-tools) or pdftoppm is not installed"
fi

# the independent verifier: Digital Bazaar's eddsa-jcs-2022 with JSON-LD
# safe mode over the bundled VC 2.0 and Open Badges 3.0.3 contexts
npmdir="$top/build/npm-vc"
if command -v node > /dev/null 2>&1 && [ -f "$npmdir/node_modules/@digitalbazaar/vc/package.json" ]; then
	cp "$here/independent/verify.mjs" "$npmdir/verify.mjs"
	rm -rf "$npmdir/contexts" && cp -R "$here/independent/contexts" "$npmdir/contexts"
	(cd "$work" && node "$npmdir/verify.mjs" "certs/$fr.json" "certs/$ar.json") > "$work/dbv.out" 2>&1
	check "independent verifier (Digital Bazaar): both credentials verify" \
		'[ "$(grep -c ": verified$" "$work/dbv.out")" = 2 ] ||
		 { sed "s/^/    /" "$work/dbv.out"; false; }'
	(cd "$work" && node "$npmdir/verify.mjs" edited.json) > "$work/dbv-bad.out" 2>&1
	check "independent verifier: the edited credential does not" \
		'grep -q "NOT verified" "$work/dbv-bad.out"'
	(cd "$work" && node "$npmdir/verify.mjs" "old/$old.json") > "$work/dbv-old.out" 2>&1
	check "independent verifier: the expired credential does not" \
		'grep -q "NOT verified" "$work/dbv-old.out"'
	sh "$here/independent/run-selftest.sh" > "$work/selftest.out" 2>&1
	check "independent verifier: the W3C test vector (run-selftest.sh)" \
		'grep -q "5 passed, 0 failed" "$work/selftest.out" || { cat "$work/selftest.out"; false; }'
else
	echo "$suite: independent verifier skipped: node or build/npm-vc missing (tools/deps.sh test)"
fi

# the site's verify.html, in Chromium: the page checks the code itself
"$gen" build --no-packages --content "$top/content" --locales "$top/locales" \
	--assets "$top/assets" --out "$work/out" --issuer "$pub" > /dev/null 2>&1 ||
	bad "build --issuer"
page() {  # page LANG FRAGMENT: the data-result the page ends with
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --no-first-run --user-data-dir="$work/chrome" \
		--virtual-time-budget=10000 --dump-dom "file://$work/out/site/$1/verify.html#$2" \
		2> /dev/null | grep -o 'data-result="[a-z-]*"' | head -1
}
if command -v chromium > /dev/null 2>&1; then
	code=$(cat "$work/certs/$ar.txt")
	check "verify.html: the code holds, and is UN-20417's" \
		'[ "$(page ar "$code&person=UN-20417")" = "data-result=\"valid\"" ]'
	check "verify.html: another person's ID" \
		'[ "$(page ar "$code&person=UN-30001")" = "data-result=\"person-mismatch\"" ]'
	check "verify.html: an edited code" \
		'[ "$(page en "$(cat "$work/edited.txt")")" = "data-result=\"bad-signature\"" ]'
	check "verify.html: an expired certificate" \
		'[ "$(page fr "$(cat "$work/old/$old.txt")")" = "data-result=\"expired\"" ]'
	json=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).read()))' \
		"$work/certs/$fr.json")
	check "verify.html: the JSON credential holds" '[ "$(page fr "$json")" = "data-result=\"valid\"" ]'
	json=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).read()))' \
		"$work/edited.json")
	check "verify.html: the edited credential fails" \
		'[ "$(page fr "$json")" = "data-result=\"bad-signature\"" ]'
	"$gen" build --no-packages --content "$top/content" --locales "$top/locales" \
		--assets "$top/assets" --out "$work/out" --issuer "$work/keys/content.pub" > /dev/null 2>&1
	check "verify.html built with another key: the certificate fails" \
		'[ "$(page en "$code")" = "data-result=\"bad-signature\"" ]'
else
	echo "$suite: verify.html checks skipped: chromium is not installed"
fi

# private keys never leave their files: no output holds a secret
for k in issuer content; do
	secret=$(sed -n 's/^secret: //p' "$work/keys/$k.key")
	check "no output holds the $k secret key" \
		'[ -n "$secret" ] && ! grep -rqF "$secret" "$work/certs" "$work/old" "$work/out" \
		   "$work/master.db" "$work"/*.out'
done

echo "$suite: $pass passed, $fail failed"
[ "$fail" = 0 ]
