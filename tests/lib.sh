# lib.sh - what the suites' run.sh share: checks counted and printed in
# cmocka's style.  Set $suite before sourcing it (. "$top/tests/lib.sh").
# shellcheck shell=sh
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] $suite: $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $suite: $1"; }
check() {  # <name> <shell test>
	if eval "$2"; then ok "$1"; else bad "$1"; fi
}
