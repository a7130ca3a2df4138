#!/bin/sh
# Self-test of the independent verifier (verify.mjs: Digital Bazaar's vc,
# data-integrity and eddsa-jcs-2022 cryptosuite, installed into build/npm-vc
# by tools/deps.sh test) on the W3C vc-di-eddsa test vector
# (tests/cert/w3c/signedJCS.json): it verifies, and a copy with one
# character of "name" changed does not; the issuer binding and the validity
# dates are checked too.  Offline: the verifier loads no URL.
# Skipped (exit 0) only when node or the npm packages are missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
suite=cert-independent
. "$top/tests/lib.sh"
npmdir="$top/build/npm-vc"
vector="$top/tests/cert/w3c/signedJCS.json"

if ! command -v node > /dev/null 2>&1; then
	echo "$suite: skipped: node is not installed"
	exit 0
fi
if [ ! -f "$npmdir/node_modules/@digitalbazaar/vc/package.json" ]; then
	echo "$suite: skipped: the verifier's npm packages are missing (tools/deps.sh test)"
	exit 0
fi
# beside node_modules, so that node's ESM resolution finds the packages
cp "$here/verify.mjs" "$npmdir/verify.mjs" &&
	rm -rf "$npmdir/contexts" && cp -R "$here/contexts" "$npmdir/contexts" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# verify <name> [options] FILE: verify.mjs's line and exit code in $work/<name>.*
verify() {
	name=$1
	shift
	(cd "$work" && node "$npmdir/verify.mjs" "$@" > "$work/$name.out" 2> "$work/$name.err")
	echo $? > "$work/$name.rc"
}
# shows <name> <exit code> <pattern>: what verify printed, matched
shows() {
	[ "$(cat "$work/$2.rc")" = "$1" ] && grep -Eq "$3" "$work/$2.out" ||
		{ sed 's/^/    /' "$work/$2.out" "$work/$2.err" | head -10; false; }
}

# the W3C vector: its issuer is https://vc.example/issuers/5678 while its key
# is a did:key, so the library's default check that the key's controller is
# the issuer must be lifted for it (--no-issuer-binding)
cp "$vector" "$work/signedJCS.json"
verify vector --no-issuer-binding signedJCS.json
check "the W3C eddsa-jcs-2022 vector (signedJCS.json) verifies" \
	'shows 0 vector "^signedJCS.json: verified$"'

sed 's/"name": "Alumni Credential"/"name": "Alumni Credentiam"/' "$vector" > "$work/tampered.json"
verify tampered --no-issuer-binding tampered.json
check "the vector with one character of \"name\" changed does not verify (Invalid signature)" \
	'! cmp -s "$vector" "$work/tampered.json" &&
	 shows 1 tampered "^tampered.json: NOT verified: .*Invalid signature"'

verify both --no-issuer-binding signedJCS.json tampered.json
check "two files: one line each, exit 1 when one of them does not verify" \
	'shows 1 both "^signedJCS.json: verified$" && shows 1 both "^tampered.json: NOT verified: " &&
	 [ "$(wc -l < "$work/both.out")" = 2 ]'

verify binding signedJCS.json
check "by default the key's controller must be the issuer (the vector's is not)" \
	'shows 1 binding "^signedJCS.json: NOT verified: .*issuer must match the verification method controller"'

verify early --no-issuer-binding --now 2022-12-31T00:00:00Z signedJCS.json
check "before its validFrom (2023-01-01) the vector does not verify" \
	'shows 1 early "^signedJCS.json: NOT verified: .*before \"validFrom\""'

echo "$suite: $pass passed, $fail failed"
[ "$fail" = 0 ]
