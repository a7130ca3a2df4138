#!/bin/sh
# Deployment (deploy/): the systemd units, deploy/install.sh and the kiosk
# run the way the unit runs it, with no X.
#
#  - install.sh is shellcheck-clean; --dry-run changes nothing; --root
#    installs into a folder that stands for a Pi's root: the user in its
#    four groups, the folders and their modes, kiosk.env, the trust key,
#    the bundle (and on a swap the old one kept as kiosk.bundle.old), the
#    name and PIN in the records, the units enabled and getty@tty1
#    disabled; a second run changes nothing; bad options are refused.
#  - every unit as installed passes `systemd-analyze verify` with no word
#    printed, and a copy broken on purpose (a typo in ExecStart, a
#    misspelt key) does not: the check can fail.  The kiosk's unit has what
#    deploy/README.md promises (tty1, groups, restart, hardening, paths)
#    and `systemd-analyze security` rates it 2.0 or better.
#  - the Debian packages install.sh installs hold every library the
#    built crsv-kiosk is linked with.
#  - the kiosk, started with the unit's own command line and settings:
#    on SDL's KMSDRM driver where there is a DRM device (else it must exit
#    with a message, for systemd to try again), and on the offscreen
#    driver: it starts, its first frame is the language screen (compared
#    with a scripted screenshot), a refused bundle stays on the screen
#    rather than looping, and SIGTERM (systemd's stop) ends it with
#    status 0 and the records file intact.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
kiosk="$top/build/crsv-kiosk"
gen="$top/build/crsv-gen"
bmpcmp="$top/build/tests/kiosk-bmpcmp"
dep="$top/deploy"
work=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill -9 "$p" 2> /dev/null; done
	[ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
suite=deploy
. "$top/tests/lib.sh"
say() { sed 's/^/    /' | head -"${1:-15}"; }
# why TEXT: shown under a FAILED line (the checks run in eval)
why() { printf '%s\n' "$*" | say 20; }

for tool in "$kiosk" "$gen"; do
	if [ ! -x "$tool" ]; then
		echo "deploy: $tool is missing: run make first"
		exit 1
	fi
done
[ -x "$bmpcmp" ] || make -C "$top" -s build/tests/kiosk-bmpcmp > /dev/null || exit 1
have() { command -v "$1" > /dev/null 2>&1; }
if [ "$(id -u)" != 0 ]; then
	echo "deploy: skipped: install.sh --root gives files to the kiosk's user, which takes root (CI runs as root)"
	exit 0
fi

# ---- the bundles: the kiosk fixture, and a later build of it for the swap ------

fix="$top/tests/kiosk/fixture"
SOURCE_DATE_EPOCH=0 "$gen" build --content "$fix/content" --locales "$fix/locales" \
	--assets "$top/assets" --out "$work/out1" > "$work/gen.log" 2>&1
SOURCE_DATE_EPOCH=86400 "$gen" build --content "$fix/content" --locales "$fix/locales" \
	--assets "$top/assets" --out "$work/out2" >> "$work/gen.log" 2>&1
b1="$work/out1/packages/kiosk.bundle"
b2="$work/out2/packages/kiosk.bundle"
check "two fixture bundles built" '[ -f "$b1" ] && [ -f "$b2" ] && ! cmp -s "$b1" "$b2" ||
	{ say < "$work/gen.log"; false; }'
"$gen" keygen --out "$work/keys" > /dev/null 2>&1
echo 2468 > "$work/pin"

# ---- a folder that stands for a Raspberry Pi OS root --------------------------------

# fake_root DIR: systemd's own units (for verify and systemctl --root),
# getty@tty1 enabled as Debian has it, a kernel command line, and
# fake-hwclock's command (a stand-in when this machine lacks it)
fake_root() {
	mkdir -p "$1/etc/systemd/system/getty.target.wants" "$1/usr/lib/systemd" \
		"$1/usr/sbin" "$1/boot/firmware"
	cp -R /usr/lib/systemd/system "$1/usr/lib/systemd/"
	ln -s usr/lib "$1/lib"
	ln -s usr/sbin "$1/sbin"
	ln -s /lib/systemd/system/getty@.service \
		"$1/etc/systemd/system/getty.target.wants/getty@tty1.service"
	echo "console=serial0,115200 console=tty1 root=PARTUUID=0 rootfstype=ext4 rootwait" \
		> "$1/boot/firmware/cmdline.txt"
	if [ -x /usr/sbin/fake-hwclock ]; then
		cp /usr/sbin/fake-hwclock "$1/usr/sbin/"
	else
		printf '#!/bin/sh\n' > "$1/usr/sbin/fake-hwclock"
		chmod 755 "$1/usr/sbin/fake-hwclock"
	fi
	echo "2026-01-01 00:00:00" > "$1/etc/fake-hwclock.data"
}
# tree DIR: every path under DIR with its type, mode, owner and checksum
tree() {
	(cd "$1" && find . -path ./usr/lib/systemd/system -prune -o -print | LC_ALL=C sort |
		while IFS= read -r f; do
			if [ -f "$f" ] && [ ! -L "$f" ]; then
				printf '%s %s %s\n' "$f" "$(stat -c '%a %u:%g' "$f")" "$(cksum < "$f")"
			else
				printf '%s %s\n' "$f" "$(stat -c '%F %a %u:%g' "$f")"
			fi
		done)
}
root="$work/root"
fake_root "$root"
inst() { sh "$dep/install.sh" "$@"; }

# ---- install.sh --------------------------------------------------------------------

if have shellcheck; then
	check "install.sh is shellcheck-clean" \
		'shellcheck "$dep/install.sh" > "$work/sc.out" 2>&1 || { say < "$work/sc.out"; false; }'
else
	echo "deploy: shellcheck skipped: it is not installed (tools/deps.sh test installs it)"
fi

tree "$root" > "$work/before"
inst --root "$root" --dry-run --bundle "$b1" --name "Camp A, tent 3" --pin-file "$work/pin" \
	--mode community --trust "$work/keys/content.pub" > "$work/dry.out" 2>&1
dry=$?
tree "$root" > "$work/after"
check "install.sh --dry-run prints what it would do and changes nothing" \
	'[ "$dry" = 0 ] && grep -q "^would run: systemctl --root=$root enable crsv-kiosk.service" "$work/dry.out" &&
	 grep -q "^would run: .*--set-name '"'"'Camp A, tent 3'"'"'" "$work/dry.out" &&
	 cmp -s "$work/before" "$work/after" ||
	 { say < "$work/dry.out"; diff "$work/before" "$work/after" | say; false; }'

inst --root "$root" --bundle "$b1" --name "Camp A, tent 3" --pin-file "$work/pin" \
	--mode community --idle-seconds 90 --trust "$work/keys/content.pub" > "$work/inst.out" 2>&1
rc=$?
check "install.sh --root installs (exit 0)" '[ "$rc" = 0 ] || { say < "$work/inst.out"; false; }'
uid=$(awk -F: '$1 == "crsv-kiosk" { print $3 }' "$root/etc/passwd" 2> /dev/null)
gid=$(awk -F: '$1 == "crsv-kiosk" { print $4 }' "$root/etc/passwd" 2> /dev/null)
check "the user crsv-kiosk: a system user with no login, in video, render, input and audio" \
	'[ -n "$uid" ] && [ "$uid" -lt 1000 ] &&
	 grep -q "^crsv-kiosk:x:$uid:$gid:[^:]*:/var/lib/crsv-kiosk:/usr/sbin/nologin$" "$root/etc/passwd" &&
	 for g in video render input audio; do
	   grep -Eq "^$g:[^:]*:[^:]*:(.*,)?crsv-kiosk(,|\$)" "$root/etc/group" || exit 1
	 done'
mode_of() { stat -c '%a %u' "$1" 2> /dev/null; }
check "folders and files: /var/lib/crsv-kiosk 700 the kiosk's, the records 600, the program 755" \
	'[ "$(mode_of "$root/var/lib/crsv-kiosk")" = "700 $uid" ] &&
	 [ "$(mode_of "$root/var/lib/crsv-kiosk/records.db")" = "600 $uid" ] &&
	 [ "$(mode_of "$root/var/lib/crsv-kiosk/kiosk.bundle")" = "600 $uid" ] &&
	 [ "$(mode_of "$root/usr/local/bin/crsv-kiosk")" = "755 0" ] &&
	 [ "$(mode_of "$root/media/crsv")" = "755 0" ] &&
	 cmp -s "$b1" "$root/var/lib/crsv-kiosk/kiosk.bundle" || { ls -la "$root/var/lib/crsv-kiosk" | say; false; }'
env="$root/etc/crsv-kiosk/kiosk.env"
check "kiosk.env: the mode, the idle time, --trust and the key in /etc/crsv-kiosk/trust" \
	'grep -qx "CRSV_MODE=community" "$env" && grep -qx "CRSV_IDLE_SECONDS=90" "$env" &&
	 grep -qx "CRSV_KIOSK_OPTIONS=\"--trust /etc/crsv-kiosk/trust\"" "$env" &&
	 cmp -s "$work/keys/content.pub" "$root/etc/crsv-kiosk/trust/content.pub" || say < "$env"'
rec="$root/var/lib/crsv-kiosk/records.db"
sql() { sqlite3 -batch -noheader "$1" "$2" 2>&1; }
check "name and PIN set by crsv-kiosk itself: in the records, the PIN as a hash" \
	'[ "$(sql "$rec" "SELECT value FROM meta WHERE key = '"'kiosk_name'"'")" = "Camp A, tent 3" ] &&
	 [ "$(sql "$rec" "SELECT count(*) FROM meta WHERE key = '"'pin_hash'"'")" = 1 ] &&
	 [ "$(sql "$rec" "SELECT count(*) FROM meta WHERE value = '"'2468'"'")" = 0 ] &&
	 [ "$(sql "$rec" "PRAGMA integrity_check")" = ok ]'
units="$root/etc/systemd/system"
check "enabled: crsv-kiosk.service, crsv-clock-save.timer; getty@tty1 disabled; Ctrl+Alt+Del masked" \
	'[ "$(readlink "$units/multi-user.target.wants/crsv-kiosk.service")" = /etc/systemd/system/crsv-kiosk.service ] &&
	 [ -L "$units/timers.target.wants/crsv-clock-save.timer" ] &&
	 [ ! -e "$units/getty.target.wants/getty@tty1.service" ] &&
	 [ "$(readlink "$units/ctrl-alt-del.target")" = /dev/null ]'
check "the stick: the mount unit has the kiosk user's numbers, the udev rule is in place" \
	'grep -q "^Options=.*,uid=$uid,gid=$gid," "$units/media-crsv.mount" &&
	 ! grep -q "@UID@\|@GID@" "$units/media-crsv.mount" &&
	 cmp -s "$dep/90-crsv-stick.rules" "$root/etc/udev/rules.d/90-crsv-stick.rules"'
check "the clock: fake-hwclock keeps its time in /var/lib/crsv-kiosk, the time so far copied" \
	'grep -qx "FILE=/var/lib/crsv-kiosk/fake-hwclock.data" "$root/etc/default/fake-hwclock" &&
	 cmp -s "$root/etc/fake-hwclock.data" "$root/var/lib/crsv-kiosk/fake-hwclock.data" &&
	 [ -f "$units/fake-hwclock.service.d/crsv-kiosk.conf" ]'
check "the screen never blanks: consoleblank=0 added once to cmdline.txt, still one line" \
	'[ "$(grep -o "consoleblank=0" "$root/boot/firmware/cmdline.txt" | wc -l)" = 1 ] &&
	 [ "$(wc -l < "$root/boot/firmware/cmdline.txt")" = 1 ]'

tree "$root" > "$work/first"
inst --root "$root" --bundle "$b1" --name "Camp A, tent 3" --mode community --idle-seconds 90 \
	--trust "$work/keys/content.pub" > "$work/again.out" 2>&1
rc=$?
tree "$root" > "$work/second"
check "a second run with the same options changes nothing" \
	'[ "$rc" = 0 ] && grep -q "nothing to change" "$work/again.out" && cmp -s "$work/first" "$work/second" ||
	 { say < "$work/again.out"; diff "$work/first" "$work/second" | say; false; }'

inst --root "$root" --bundle "$b2" > "$work/swap.out" 2>&1
rc=$?
check "a new bundle: installed, the one in use kept as kiosk.bundle.old for the kiosk's fallback" \
	'[ "$rc" = 0 ] && cmp -s "$b2" "$root/var/lib/crsv-kiosk/kiosk.bundle" &&
	 cmp -s "$b1" "$root/var/lib/crsv-kiosk/kiosk.bundle.old" &&
	 [ ! -e "$root/var/lib/crsv-kiosk/kiosk.bundle.new" ] || say < "$work/swap.out"'

tree "$root" > "$work/before"
inst --root "$root" --mode visitor > "$work/bad.out" 2>&1
rc1=$?
inst --root "$root" --idle-seconds soon >> "$work/bad.out" 2>&1
rc2=$?
inst --root "$root" --bundle "$work/no-such.bundle" >> "$work/bad.out" 2>&1
rc3=$?
tree "$root" > "$work/after"
check "bad options refused with a message, nothing changed" \
	'[ "$rc1" != 0 ] && [ "$rc2" != 0 ] && [ "$rc3" != 0 ] &&
	 grep -q "mode wants personnel, community or ask" "$work/bad.out" &&
	 grep -q "no such file" "$work/bad.out" && cmp -s "$work/before" "$work/after" ||
	 say < "$work/bad.out"'

# ---- the packages hold what the program is linked with ------------------------------

pkgs=$(sed -n '/^PACKAGES="/,/"$/p' "$dep/install.sh" | tr -d '"' | sed 's/^PACKAGES=//')
check "install.sh's packages hold every library build/crsv-kiosk is linked with" \
	'missing=""
	 for lib in $(objdump -p "$kiosk" 2> /dev/null | awk "/NEEDED/ { print \$2 }"); do
	   p=$(dpkg -S "*/$lib" 2> /dev/null | head -1 | cut -d: -f1)
	   case " $(echo $pkgs) libc6 " in *" $p "*) ;; *) missing="$missing $lib(${p:-?})" ;; esac
	 done
	 [ -z "$missing" ] || { why "not in PACKAGES:$missing"; false; }'

# ---- the units pass systemd-analyze verify ------------------------------------------

if have systemd-analyze; then
	# verify UNIT...: systemd-analyze verify in the root: exit 0, nothing printed
	verify() {
		systemd-analyze --root="$root" --man=no verify "$@" > "$work/verify.out" 2>&1 &&
			[ ! -s "$work/verify.out" ]
	}
	for u in crsv-kiosk.service media-crsv.mount crsv-clock-save.service crsv-clock-save.timer; do
		check "systemd-analyze verify $u: no error, no warning" \
			'verify "$u" || { say < "$work/verify.out"; false; }'
	done
	sed 's#^ExecStart=/usr/local/bin/crsv-kiosk #ExecStart=/usr/local/bin/crsv-kiosc #' \
		"$units/crsv-kiosk.service" > "$units/broken-exec.service"
	sed 's#^Restart=always#Restrat=always#' "$units/crsv-kiosk.service" > "$units/broken-key.service"
	check "the check can fail: verify rejects a typo in ExecStart and warns of a misspelt key" \
		'! verify broken-exec.service && grep -q "crsv-kiosc" "$work/verify.out" &&
		 ! verify broken-key.service && grep -q "Restrat" "$work/verify.out"'
	rm -f "$units/broken-exec.service" "$units/broken-key.service"
	systemd-analyze --root="$root" security --offline=yes crsv-kiosk.service \
		> "$work/security.out" 2>&1
	level=$(sed -n 's/.*Overall exposure level for crsv-kiosk.service: \([0-9.]*\).*/\1/p' \
		"$work/security.out")
	check "systemd-analyze security: exposure ${level:-?} (2.0 or less)" \
		'[ -n "$level" ] && awk -v l="$level" "BEGIN { exit !(l <= 2.0) }" ||
		 { grep "✗" "$work/security.out" | say; false; }'
else
	bad "systemd-analyze is missing (tools/deps.sh test installs systemd)"
fi

# ---- what the kiosk's unit promises -------------------------------------------------

u="$units/crsv-kiosk.service"
# key FILE KEY: the values of KEY= in FILE, continuation lines joined, one a line
key() {
	awk -v k="$2" '{ if (cont) { line = line " " $0 } else { line = $0 }
	                 if (sub(/\\$/, "", line)) { cont = 1; next } cont = 0
	                 if (index(line, k "=") == 1) print substr(line, length(k) + 2) }' "$1"
}
exec_line=$(key "$u" ExecStart)
check "tty1: Conflicts=getty@tty1.service, TTYPath=/dev/tty1, StandardInput=tty" \
	'[ "$(key "$u" Conflicts)" = getty@tty1.service ] && [ "$(key "$u" TTYPath)" = /dev/tty1 ] &&
	 [ "$(key "$u" StandardInput)" = tty ] && [ "$(key "$u" OnFailure)" = getty@tty1.service ]'
check "KMSDRM, full screen, as crsv-kiosk in video input render audio" \
	'key "$u" Environment | grep -qx "SDL_VIDEODRIVER=kmsdrm" &&
	 case " $exec_line " in *" --fullscreen "*) ;; *) false ;; esac &&
	 [ "$(key "$u" User)" = crsv-kiosk ] &&
	 for g in video input render audio; do
	   case " $(key "$u" SupplementaryGroups) " in *" $g "*) ;; *) exit 1 ;; esac
	 done'
check "started again: Restart=always, RestartSec=3, at most 10 starts in 120 s" \
	'[ "$(key "$u" Restart)" = always ] && [ "$(key "$u" RestartSec)" = 3 ] &&
	 [ "$(key "$u" StartLimitIntervalSec)" = 120 ] && [ "$(key "$u" StartLimitBurst)" = 10 ]'
check "hardened, and nothing that shuts out /dev/dri or /dev/input" \
	'[ "$(key "$u" NoNewPrivileges)" = yes ] && [ "$(key "$u" ProtectSystem)" = strict ] &&
	 [ "$(key "$u" ProtectHome)" = yes ] && [ "$(key "$u" PrivateTmp)" = yes ] &&
	 [ -z "$(key "$u" PrivateDevices)$(key "$u" DevicePolicy)$(key "$u" DeviceAllow)" ] &&
	 [ -z "$(key "$u" ProtectClock)$(key "$u" PrivateUsers)$(key "$u" PrivateNetwork)" ]'
check "paths agree: the program install.sh puts, /var/lib/crsv-kiosk, the stick's mount point" \
	'[ "${exec_line%% *}" = "$(sed -n "s/^BIN=//p" "$dep/install.sh")" ] &&
	 case " $exec_line " in *" --bundle /var/lib/crsv-kiosk/kiosk.bundle "*) ;; *) false ;; esac &&
	 case " $exec_line " in *" --records /var/lib/crsv-kiosk/records.db "*) ;; *) false ;; esac &&
	 [ "$(key "$u" StateDirectory)" = crsv-kiosk ] &&
	 case " $exec_line " in *" --export-dir $(key "$units/media-crsv.mount" Where) "*) ;; *) false ;; esac &&
	 grep -q "ENV{ID_FS_LABEL}==\"$(key "$units/media-crsv.mount" What | sed "s#.*/##")\"" \
	   "$dep/90-crsv-stick.rules" && key "$units/media-crsv.mount" Options | grep -q "flush"'

# ---- the kiosk without X, as the unit starts it ------------------------------------

# The unit's command line after the program, with kiosk.env's values and
# this root's paths (no word of it has a space)
. "$env"
set -f
args=""
for w in $exec_line; do
	case $w in
	"\${CRSV_MODE}") w=$CRSV_MODE ;;
	"\${CRSV_IDLE_SECONDS}") w=$CRSV_IDLE_SECONDS ;;
	"\$CRSV_KIOSK_OPTIONS") w=$CRSV_KIOSK_OPTIONS ;;
	esac
	args="$args $w"
done
set +f
args=$(echo "$args" | sed -e 's/^ *[^ ]* //' -e "s# /var/lib/crsv-kiosk/# $root/var/lib/crsv-kiosk/#g" \
	-e "s# /etc/crsv-kiosk/# $root/etc/crsv-kiosk/#g" -e "s# /media/crsv\( \|\$\)# $work/stick\1#")
args_trust=$args
# the fixture's bundle is not signed: with --trust it is refused (checked
# last), so the start checks leave --trust out
args_plain=$(echo "$args" | sed "s# --trust $root/etc/crsv-kiosk/trust##")
mkdir -p "$work/stick" "$work/frames"
# start DRIVER [VAR=VALUE...]: the kiosk as the unit starts it, in the
# background ($pid), in $work/frames, its stderr in $work/kiosk.err
start() {
	drv=$1
	shift
	# shellcheck disable=SC2086
	(cd "$work/frames" && exec env SDL_VIDEODRIVER="$drv" SDL_AUDIODRIVER=dummy "$@" \
		"$kiosk" $args > /dev/null 2> "$work/kiosk.err") &
	pid=$!
	pids="$pids $pid"
}
# running: the kiosk is there and not yet a zombie
running() {
	[ -e "/proc/$pid" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2> /dev/null)" != Z ]
}
# stop: SIGTERM, as systemctl stop sends it; $st: the exit status, or
# "hung" when it is not gone within TimeoutStopSec (10 s)
stop() {
	kill -TERM "$pid" 2> /dev/null
	n=0
	while running && [ "$n" -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	if running; then
		kill -9 "$pid"
		wait "$pid" 2> /dev/null
		st=hung
	else
		wait "$pid"
		st=$?
	fi
}
alive_after() {   # SECONDS: still running then
	sleep "$1"
	running
}
intact() {
	[ "$(sql "$rec" "PRAGMA integrity_check")" = ok ] &&
		[ "$(sql "$rec" "SELECT value FROM meta WHERE key = 'kiosk_name'")" = "Camp A, tent 3" ]
}
args=$args_plain

if ls /dev/dri/card* > /dev/null 2>&1; then
	start kmsdrm
	if alive_after 3; then
		stop
		check "KMSDRM: started on $(ls /dev/dri/card* | head -1), stopped by SIGTERM with status 0" \
			'[ "$st" = 0 ] && intact || say < "$work/kiosk.err"'
	else
		wait "$pid"
		bad "KMSDRM: the kiosk did not stay up"
		say < "$work/kiosk.err"
	fi
else
	echo "deploy: no /dev/dri here: SDL's KMSDRM driver cannot be run on this machine"
	start kmsdrm
	wait "$pid"
	st=$?
	check "KMSDRM with no DRM device: exit $st with a message, for systemd to try again" \
		'[ "$st" = 1 ] && grep -q "cannot start SDL: kmsdrm not available" "$work/kiosk.err" ||
		 say < "$work/kiosk.err"'
fi

# offscreen, as the unit would draw (an accelerated renderer if SDL finds one)
start offscreen
if alive_after 3; then
	stop
	check "offscreen: started as the unit starts it, SIGTERM ends it with status 0, records intact" \
		'[ "$st" = 0 ] && intact && [ ! -s "$work/kiosk.err" ] &&
		 [ ! -e "$rec-wal" ] || { why "exit $st"; say < "$work/kiosk.err"; false; }'
else
	wait "$pid"
	bad "offscreen: the kiosk did not stay up"
	say < "$work/kiosk.err"
fi

# offscreen in software, saving each frame it shows: the first one is the
# language screen, as the scripted kiosk draws it at the same size
echo "shot lang.bmp" > "$work/lang.script"
(cd "$work" && SDL_VIDEODRIVER=dummy "$kiosk" --bundle "$b2" --records "$work/script.db" \
	--script "$work/lang.script" --size 1024x768 > /dev/null 2>&1)
start offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
	SDL_VIDEO_OFFSCREEN_SAVE_FRAMES=1
first="$work/frames/SDL_window1-00000001.bmp"
n=0
while [ ! -s "$first" ] && [ "$n" -lt 100 ] && running; do
	sleep 0.1
	n=$((n + 1))
done
sleep 0.5
stop
check "offscreen: the first frame is the language screen; SIGTERM: status 0, records intact" \
	'[ -s "$first" ] && "$bmpcmp" "$work/lang.bmp" "$first" "$work/diff.bmp" > "$work/cmp.out" 2>&1 &&
	 [ "$st" = 0 ] && intact || { why "exit $st"; say < "$work/cmp.out"; say < "$work/kiosk.err"; false; }'

# a bundle the kiosk refuses (--trust, unsigned): the refusal stays on
# the screen, so systemd sees no crash loop
args=$args_trust
start offscreen
if alive_after 3; then
	stop
	check "a refused bundle stays on the screen (no restart loop); SIGTERM ends it" \
		'[ "$st" != hung ] && grep -q "not signed\|no signature\|unsigned" "$work/kiosk.err" ||
		 { why "exit $st"; say < "$work/kiosk.err"; false; }'
else
	wait "$pid"
	bad "a refused bundle: the kiosk exited at once"
	say < "$work/kiosk.err"
fi

echo "deploy: $pass passed, $fail failed"
[ "$fail" = 0 ]
