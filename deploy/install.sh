#!/bin/sh
# install.sh - set up a Raspberry Pi (Debian 12 / Raspberry Pi OS Bookworm
# Lite) as a crsv-kit kiosk, or bring one up to date: packages, the user,
# /var/lib/crsv-kiosk, the systemd units, the USB stick's mount, the
# clock.  Run it as root; run it again at any time: what is already right
# is left alone.  See deploy/README.md.
#
#   sudo sh deploy/install.sh --bundle kiosk.bundle --name "Camp A, tent 3" \
#        --pin-file pin.txt [--mode community] [--trust keys/content.pub]
#   sh deploy/install.sh --dry-run ...      prints what it would do, changes nothing
#   sh deploy/install.sh --root /mnt/sd ... into another root (an SD card
#                                            mounted on a laptop, or a test folder)
set -eu

usage() {
	cat <<'EOF'
usage: install.sh [options]
  --binary FILE       the crsv-kiosk to install (default: build/crsv-kiosk of
                      this tree; kept as it is when none is given or built)
  --bundle FILE       install this kiosk.bundle; the one in use is kept as
                      kiosk.bundle.old until the new one has started
  --name NAME         the kiosk's name in exports and reports ("Camp A, tent 3")
  --pin-file FILE     the admin PIN (4 to 12 digits) is the first line of FILE
                      (- for standard input)
  --mode MODE         personnel, community or ask (default: ask)
  --idle-seconds N    back to the start after N s untouched (default: 120)
  --trust KEY.pub     show only content signed by this key (crsv-gen keygen's
                      content.pub; may be given more than once)
  --keep-consoles     leave the other consoles, SysRq and Ctrl+Alt+Del alone
  --no-apt            do not install Debian packages
  --root DIR          install into DIR instead of / (no apt-get, nothing
                      started; the units are enabled by links)
  --dry-run           print what would be done, change nothing
  -h, --help          this help
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
tree=$(cd "$here/.." && pwd)

# The libraries build/crsv-kiosk is linked with (tests/deploy/run.sh
# checks this list against the binary), its fonts for the refusal screen,
# Mesa for KMS/DRM, the clock, and sqlite3 for checking records by hand.
PACKAGES="libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libsqlite3-0 libnettle8
libhogweed6 libfribidi0 libopusfile0 fonts-noto-core libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri
fake-hwclock sqlite3"

KIOSK_USER=crsv-kiosk
BIN=/usr/local/bin/crsv-kiosk
STATE=/var/lib/crsv-kiosk
CONF=/etc/crsv-kiosk
STICK=/media/crsv
DOC=/usr/local/share/doc/crsv-kit/deploy
UNITS=/etc/systemd/system

binary="" bundle="" name="" pin_file="" mode="" idle="" trust="" keep_consoles=0 apt=1
root="" dry=0
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--keep-consoles) keep_consoles=1 ;;
	--no-apt) apt=0 ;;
	--dry-run) dry=1 ;;
	--binary | --bundle | --name | --pin-file | --mode | --idle-seconds | --trust | --root)
		[ $# -ge 2 ] || { echo "install.sh: $1 needs a value (see --help)" >&2; exit 2; }
		case $1 in
		--binary) binary=$2 ;;
		--bundle) bundle=$2 ;;
		--name) name=$2 ;;
		--pin-file) pin_file=$2 ;;
		--mode) mode=$2 ;;
		--idle-seconds) idle=$2 ;;
		--trust) trust="$trust
$2" ;;
		--root) root=$2 ;;
		esac
		shift ;;
	*) echo "install.sh: unknown option \"$1\" (see --help)" >&2; exit 2 ;;
	esac
	shift
done

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

case $mode in
"" | personnel | community | ask) ;;
*) die "--mode wants personnel, community or ask, not \"$mode\"" ;;
esac
case $idle in
"") ;;
*[!0-9]* | 0) die "--idle-seconds wants a number of seconds, not \"$idle\"" ;;
esac
if [ -n "$root" ]; then
	[ -d "$root" ] || die "--root $root: no such folder"
	root=$(cd "$root" && pwd)
	[ "$root" != / ] || root=""
fi
R=$root
if [ "$dry" = 0 ] && [ "$(id -u)" != 0 ] && [ -z "$R" ]; then
	die "run me as root (sudo sh $0 ...), or try --dry-run"
fi
for f in "$bundle" "$pin_file"; do
	[ -z "$f" ] || [ "$f" = - ] || [ -f "$f" ] || die "$f: no such file"
done
# the --trust keys, one a line
nl='
'
set -f
IFS=$nl
for k in $trust; do
	[ -f "$k" ] || die "$k: no such file"
done
unset IFS
set +f

# ---- doing, or saying what would be done ------------------------------------

changed=0
# shown ARG...: the words as a shell would need them typed
shown() {
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9_./=:,+@%-]* | "") printf " '%s'" "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
}
# run CMD...: run it, or print it (--dry-run)
run() {
	changed=1
	if [ "$dry" = 1 ]; then
		echo "would run:$(shown "$@")"
	else
		"$@"
	fi
}
# put SRC DEST MODE [OWNER]: install SRC as DEST unless it is there already
# with the same bytes, mode and owner (OWNER a number, or root)
put() {
	owner=${4:-0}
	if [ -f "$2" ] && cmp -s "$1" "$2" && [ "$(stat -c %a "$2")" = "${3#0}" ] &&
	   [ "$(stat -c %u "$2")" = "$owner" ]; then
		return 0
	fi
	run install -D -m "$3" -o "$owner" -g "${5:-$owner}" "$1" "$2"
}
# folder DIR MODE OWNER GROUP: make it, or set its mode and owner
folder() {
	if [ -d "$1" ] && [ "$(stat -c '%a %u %g' "$1")" = "${2#0} $3 $4" ]; then
		return 0
	fi
	run install -d -m "$2" -o "$3" -g "$4" "$1"
}
# setvar FILE VAR VALUE: VAR=VALUE in FILE (a VAR= line replaced, or added),
# the value in double quotes when it has a space (for systemd and for sh)
setvar() {
	case $3 in
	*" "*) line="$2=\"$3\"" ;;
	*) line="$2=$3" ;;
	esac
	if grep -qxF "$line" "$1" 2> /dev/null; then
		return 0
	fi
	changed=1
	if [ "$dry" = 1 ]; then
		echo "would set $line in $1"
		return 0
	fi
	if grep -q "^$2=" "$1"; then
		tmp=$(mktemp "$1.XXXXXX")
		awk -v k="$2" -v l="$line" 'index($0, k "=") == 1 { print l; next } { print }' \
			"$1" > "$tmp"
		chmod --reference="$1" "$tmp"
		mv "$tmp" "$1"
	else
		printf '%s\n' "$line" >> "$1"
	fi
}
# as_kiosk CMD...: CMD as the kiosk's user (on this system), or as is
# with its files given to that user afterwards (--root)
as_kiosk() {
	changed=1
	if [ "$dry" = 1 ] && [ -n "$R" ]; then
		echo "would run:$(shown "$@")"
	elif [ "$dry" = 1 ]; then
		echo "would run: runuser -u $KIOSK_USER --$(shown "$@")"
	elif [ -n "$R" ]; then
		(umask 077 && "$@")
	else
		runuser -u "$KIOSK_USER" -- sh -c 'umask 077 && exec "$@"' sh "$@"
	fi
}

# ---- Debian packages ----------------------------------------------------------

if [ "$apt" = 1 ] && [ -z "$R" ]; then
	missing=""
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q 'ok installed' ||
			missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		say "installing:$missing"
		run apt-get update -qq
		# shellcheck disable=SC2086
		run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
	fi
elif [ -n "$R" ]; then
	# shellcheck disable=SC2086
	say "--root: no packages installed; the kiosk needs:" $PACKAGES
fi

# ---- the program ----------------------------------------------------------------

if [ -z "$binary" ] && [ -x "$tree/build/crsv-kiosk" ]; then
	binary=$tree/build/crsv-kiosk
fi
if [ -n "$binary" ]; then
	[ -x "$binary" ] || die "$binary: not an executable file"
	put "$binary" "$R$BIN" 0755
elif [ ! -x "$R$BIN" ]; then
	die "no crsv-kiosk to install: build it first (sh tools/deps.sh build && make build/crsv-kiosk) or give --binary"
fi
put "$here/README.md" "$R$DOC/README.md" 0644

# ---- the user and its folders ------------------------------------------------------

folder "$R/etc" 0755 0 0
put "$here/crsv-kiosk.sysusers" "$R/etc/sysusers.d/crsv-kiosk.conf" 0644
# the user, and in how many of its four groups (video render input audio)
groups=$(grep -Ec "^(video|render|input|audio):[^:]*:[^:]*:(.*,)?$KIOSK_USER(,|\$)" \
	"$R/etc/group" 2> /dev/null || true)
if ! grep -q "^$KIOSK_USER:" "$R/etc/passwd" 2> /dev/null || [ "${groups:-0}" -lt 4 ]; then
	if [ -n "$R" ]; then
		run systemd-sysusers --root="$R" "$here/crsv-kiosk.sysusers"
	else
		run systemd-sysusers "$here/crsv-kiosk.sysusers"
	fi
fi
uid=$(awk -F: -v u="$KIOSK_USER" '$1 == u { print $3 }' "$R/etc/passwd" 2> /dev/null || true)
gid=$(awk -F: -v u="$KIOSK_USER" '$1 == u { print $4 }' "$R/etc/passwd" 2> /dev/null || true)
if [ -z "$uid" ]; then
	[ "$dry" = 1 ] || die "no user $KIOSK_USER after systemd-sysusers"
	uid=UID gid=GID   # a dry run on a fresh system: not made yet
fi

folder "$R/var/lib" 0755 0 0
folder "$R$STATE" 0700 "$uid" "$gid"
folder "$R$CONF" 0755 0 0
folder "$R$STICK" 0755 0 0

# ---- this kiosk's settings ------------------------------------------------------------

env=$R$CONF/kiosk.env
if [ ! -f "$env" ]; then
	put "$here/kiosk.env" "$env" 0644
fi
[ -z "$mode" ] || setvar "$env" CRSV_MODE "$mode"
[ -z "$idle" ] || setvar "$env" CRSV_IDLE_SECONDS "$idle"
if [ -n "$trust" ]; then
	folder "$R$CONF/trust" 0755 0 0
	set -f
	IFS=$nl
	for k in $trust; do
		unset IFS
		put "$k" "$R$CONF/trust/$(basename "$k")" 0644
		IFS=$nl
	done
	unset IFS
	set +f
	if ! grep -q '^CRSV_KIOSK_OPTIONS=.*--trust' "$env" 2> /dev/null; then
		opts=$(sed -n 's/^CRSV_KIOSK_OPTIONS="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$env" 2> /dev/null || true)
		setvar "$env" CRSV_KIOSK_OPTIONS "${opts:+$opts }--trust $CONF/trust"
	fi
fi

# ---- the bundle: beside the one in use, which is kept until the new one has
# started (as the admin screen's install does: kiosk/update.c)

if [ -n "$bundle" ] && ! cmp -s "$bundle" "$R$STATE/kiosk.bundle"; then
	if [ -f "$R$STATE/kiosk.bundle" ] && [ ! -f "$R$STATE/kiosk.bundle.old" ]; then
		run ln "$R$STATE/kiosk.bundle" "$R$STATE/kiosk.bundle.old"
	fi
	run install -m 0600 -o "$uid" -g "$gid" "$bundle" "$R$STATE/kiosk.bundle.new"
	run mv "$R$STATE/kiosk.bundle.new" "$R$STATE/kiosk.bundle"
elif [ ! -f "$R$STATE/kiosk.bundle" ]; then
	say "no bundle yet: give --bundle kiosk.bundle (crsv-gen build makes out/packages/kiosk.bundle), or install it from a stick on the admin screen"
fi

# ---- name and PIN, kept in the records file by crsv-kiosk itself ----------------------

# The tool that writes them: the program being installed, or (an SD card
# for another machine) the one of this tree
tool=$R$BIN
if ! "$tool" --help > /dev/null 2>&1; then
	tool=${binary:-$tree/build/crsv-kiosk}
	"$tool" --help > /dev/null 2>&1 || tool=$tree/build/crsv-kiosk
fi
records=$R$STATE/records.db
if [ -n "$name" ]; then
	now=""
	[ ! -f "$records" ] || now=$(sqlite3 "$records" \
		"SELECT value FROM meta WHERE key = 'kiosk_name'" 2> /dev/null || true)
	if [ "$now" != "$name" ]; then
		as_kiosk "$tool" --records "$records" --set-name "$name"
	fi
fi
if [ -n "$pin_file" ]; then
	if [ "$dry" = 1 ]; then
		echo "would run:$(shown "$tool" --records "$records" --set-pin) < $pin_file"
	elif [ "$pin_file" = - ]; then
		head -1 | as_kiosk "$tool" --records "$records" --set-pin
	else
		head -1 "$pin_file" | as_kiosk "$tool" --records "$records" --set-pin
	fi
	changed=1
fi
if [ -n "$R" ] && [ "$dry" = 0 ] && [ -d "$R$STATE" ]; then
	# made by this machine's user, owned by the kiosk's on the card
	find "$R$STATE" -maxdepth 1 \( -name 'records.db*' -o -name 'kiosk.bundle*' \) \
		! -user "$uid" -exec chown "$uid:$gid" {} +
fi

# ---- systemd units, the stick, the clock ------------------------------------------------

put "$here/crsv-kiosk.service" "$R$UNITS/crsv-kiosk.service" 0644
mount_unit=$(mktemp)
trap 'rm -f "$mount_unit"' EXIT
sed -e "s/@UID@/$uid/" -e "s/@GID@/$gid/" "$here/media-crsv.mount" > "$mount_unit"
put "$mount_unit" "$R$UNITS/media-crsv.mount" 0644
put "$here/90-crsv-stick.rules" "$R/etc/udev/rules.d/90-crsv-stick.rules" 0644
put "$here/crsv-clock-save.service" "$R$UNITS/crsv-clock-save.service" 0644
put "$here/crsv-clock-save.timer" "$R$UNITS/crsv-clock-save.timer" 0644
put "$here/fake-hwclock.conf" "$R$UNITS/fake-hwclock.service.d/crsv-kiosk.conf" 0644

# fake-hwclock keeps its time on the kiosk's partition, which stays
# writable under a read-only root; the time saved so far comes along
clock=$STATE/fake-hwclock.data
if [ ! -f "$R/etc/default/fake-hwclock" ]; then
	[ -z "$R" ] && [ "$dry" = 0 ] && [ "$apt" = 1 ] && say "warning: fake-hwclock is not installed"
	folder "$R/etc/default" 0755 0 0
	run install -m 0644 /dev/null "$R/etc/default/fake-hwclock"
fi
setvar "$R/etc/default/fake-hwclock" FILE "$clock"
if [ ! -f "$R$clock" ] && [ -f "$R/etc/fake-hwclock.data" ]; then
	run install -m 0644 -o 0 -g 0 "$R/etc/fake-hwclock.data" "$R$clock"
fi

if [ "$keep_consoles" = 0 ]; then
	put "$here/logind.conf" "$R/etc/systemd/logind.conf.d/crsv-kiosk.conf" 0644
	put "$here/sysctl.conf" "$R/etc/sysctl.d/90-crsv-kiosk.conf" 0644
fi

# the screen never blanks (the kernel's console blanking; Raspberry Pi OS
# keeps the kernel's command line in /boot/firmware/cmdline.txt)
cmdline=$R/boot/firmware/cmdline.txt
if [ -f "$cmdline" ] && ! grep -q 'consoleblank=' "$cmdline"; then
	if [ "$dry" = 1 ]; then
		echo "would add consoleblank=0 to $cmdline"
	else
		sed -i '1 s/$/ consoleblank=0/' "$cmdline"
	fi
	changed=1
fi

# systemctl in the root given (links only) or on this system
sysctl_() {
	if [ -n "$R" ]; then
		run systemctl --root="$R" "$@"
	else
		run systemctl "$@"
	fi
}
unit_there() {
	for d in /etc/systemd/system /usr/lib/systemd/system /lib/systemd/system; do
		[ -f "$R$d/$1" ] && return 0
	done
	return 1
}
enabled() { [ -e "$R$UNITS/$1/$2" ] || [ -L "$R$UNITS/$1/$2" ]; }

[ -n "$R" ] || [ "$changed" = 0 ] || sysctl_ daemon-reload
if enabled getty.target.wants getty@tty1.service; then
	sysctl_ disable getty@tty1.service
fi
enabled multi-user.target.wants crsv-kiosk.service || sysctl_ enable crsv-kiosk.service
enabled timers.target.wants crsv-clock-save.timer || sysctl_ enable crsv-clock-save.timer
if [ "$keep_consoles" = 0 ] && unit_there ctrl-alt-del.target &&
   [ "$(readlink "$R$UNITS/ctrl-alt-del.target" 2> /dev/null)" != /dev/null ]; then
	sysctl_ mask ctrl-alt-del.target
fi
if [ -z "$R" ] && [ "$changed" = 1 ]; then
	run udevadm control --reload
	if systemctl is-active -q crsv-kiosk.service; then
		sysctl_ restart crsv-kiosk.service
	else
		say "ready: reboot, or start it now (this ends a login on tty1): systemctl start crsv-kiosk"
	fi
fi
if [ -z "$R" ] && systemctl is-enabled -q display-manager.service 2> /dev/null; then
	say "warning: a desktop (display-manager.service) is enabled and will fight the kiosk for the screen: use Raspberry Pi OS Lite, or: systemctl disable display-manager"
fi
if [ "$changed" = 0 ]; then
	say "nothing to change"
fi
