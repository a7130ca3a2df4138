#!/bin/sh
# Install the Debian packages crsv-kit needs, but only those that are missing
# (checked with pkg-config or a header), so a ready machine is not touched.
# Usage: tools/deps.sh [build|test|all]   (default: build)
set -eu
want=${1:-build}
missing=""

need_pc() {   # pkg-config module, Debian package (without pkg-config yet,
              # nothing can be checked: take the package)
	command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1" 2>/dev/null ||
		missing="$missing $2"
}
need_file() { # file that the package provides, Debian package
	[ -e "$1" ] || missing="$missing $2"
}
need_cmd() {  # command, Debian package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_cmd cc gcc
need_cmd make make
need_cmd pkg-config pkg-config
need_pc libcmark libcmark-dev
need_pc libxml-2.0 libxml2-dev
need_pc yaml-0.1 libyaml-dev
need_pc libzip libzip-dev
need_pc fribidi libfribidi-dev
need_pc libxxhash libxxhash-dev   # hashing: the compiled catalogues (translate.c)
need_pc sdl2 libsdl2-dev
need_pc SDL2_ttf libsdl2-ttf-dev
need_pc SDL2_image libsdl2-image-dev
need_pc sqlite3 libsqlite3-dev
need_pc nettle nettle-dev
need_pc hogweed nettle-dev   # Ed25519 (sign.c)
need_pc jansson libjansson-dev         # certificates: JSON read for JCS (officer/jcs.c)
need_pc libqrencode libqrencode-dev    # the certificate's QR code
need_pc pangocairo libpango1.0-dev     # the printed certificate (PDF, Arabic shaped)
need_pc libcurl libcurl4-openssl-dev   # crsv-gen xapi: statements to a Learning Record Store
need_pc espeak-ng libespeak-ng-dev     # crsv-gen narrate --synthesize: the machine voice
need_pc libopusenc libopusenc-dev      # ... encoded as Ogg Opus (and WAV recordings, for the bundle)
need_pc opusfile libopusfile-dev       # Opus read back: the site's MP3 fallback, the kiosk's SDL audio (sound.c)
need_file /usr/include/lame/lame.h libmp3lame-dev   # the site's MP3 fallback
need_file /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf fonts-noto-core
need_file /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf fonts-noto-core
need_file /usr/include/gettext-po.h libgettextpo-dev
if [ "$want" = test ] || [ "$want" = all ]; then
	need_pc cmocka libcmocka-dev
	need_cmd msgfmt gettext
	need_cmd valgrind valgrind
	need_cmd clang clang
	# libFuzzer and the sanitizers' runtimes (tests/fuzz/run.sh): clang only
	# recommends them, and this installs without recommendations
	if command -v clang >/dev/null 2>&1; then
		need_file "$(clang -print-resource-dir)/lib/linux/libclang_rt.fuzzer-$(uname -m).a" \
			libclang-rt-dev
	else
		missing="$missing libclang-rt-dev"
	fi
	need_cmd xmllint libxml2-utils
	need_cmd unzip unzip
	need_file /usr/share/java/epubcheck.jar epubcheck
	need_cmd zimwriterfs zim-tools     # the ZIM files for Kiwix (tests/zim/run.sh: zimcheck, zimdump)
	need_cmd kiwix-serve kiwix-tools   # ... read back as Kiwix does (kiwix-manage, kiwix-serve)
	need_cmd sqlite3 sqlite3   # tests/kiosk/run.sh checks the records in SQL
	need_cmd opusinfo opus-tools   # tests/narration/run.sh checks the Ogg Opus files it made
	need_cmd minisign minisign # tests/trust/run.sh checks the signatures with it
	need_cmd pdftotext poppler-utils   # tests/cert/run.sh reads the printed certificates
	need_cmd zbarimg zbar-tools        # ... and decodes their QR codes
	need_cmd systemd-analyze systemd   # tests/deploy/run.sh verifies the units (and systemd-sysusers)
	need_cmd shellcheck shellcheck     # ... and checks deploy/install.sh
fi
if [ "$want" = all ]; then
	need_cmd hugo hugo
	need_file /usr/bin/time time
fi

# Wanted but not required: where a package cannot be installed, the tests
# that need it say they are skipped.
optional=""
if [ "$want" = test ] || [ "$want" = all ]; then
	command -v chromium >/dev/null 2>&1 || optional="$optional chromium"
fi

install_optional() {
	[ -n "$optional" ] && [ "$(id -u)" = 0 ] || return 0
	echo "deps: installing (optional):$optional"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $optional ||
		echo "deps: could not install$optional: the tests that need it will be skipped"
}

# axe-core (npm), the accessibility checker the report's browser test
# runs in Chromium: into build/npm, once; without npm or the registry the
# test says it is skipped
install_axe() {
	[ "$want" = test ] || [ "$want" = all ] || return 0
	[ -f build/npm/node_modules/axe-core/axe.min.js ] && return 0
	command -v npm >/dev/null 2>&1 || { echo "deps: no npm: the accessibility check will be skipped"; return 0; }
	mkdir -p build/npm
	timeout 300 npm install --prefix build/npm --no-audit --no-fund --silent axe-core@4.10 >/dev/null 2>&1 ||
		echo "deps: could not install axe-core from npm: the accessibility check will be skipped"
}

# install_pinned DIR MARKER FOLDER WHAT: the npm packages pinned in
# FOLDER/package.json and package-lock.json into DIR, once, again when they
# change (MARKER: a file of the installed tree); without npm or the
# registry, WHAT says which tests will be skipped
install_pinned() {
	[ "$want" = test ] || [ "$want" = all ] || return 0
	[ -f "$1/node_modules/$2" ] && cmp -s "$3/package.json" "$1/package.json" && return 0
	command -v npm >/dev/null 2>&1 || { echo "deps: no npm: $4 will be skipped"; return 0; }
	mkdir -p "$1"
	cp "$3/package.json" "$3/package-lock.json" "$1/" &&
		timeout 300 npm install --prefix "$1" --no-audit --no-fund --silent >/dev/null 2>&1 ||
		echo "deps: could not install from npm (see $3/package.json): $4 will be skipped"
}

# The independent verifier of the certificates (Digital Bazaar's vc,
# data-integrity, eddsa-jcs-2022...; tests/cert/independent), and Learning
# Locker's LRS (xapi-statements, in memory on 127.0.0.1) with the xAPI
# validator it runs, for crsv-gen xapi's tests (tests/xapi/lrs)
install_npm_tools() {
	install_pinned build/npm-vc @digitalbazaar/vc/package.json tests/cert/independent \
		"the independent certificate check"
	install_pinned build/npm-lrs xapi-statements/dist/index.js tests/xapi/lrs \
		"the xAPI tests against a local LRS"
}

if [ -z "$missing" ]; then
	if [ -n "$optional" ] && [ "$(id -u)" = 0 ]; then
		apt-get update -qq || true
		install_optional
	fi
	install_axe
	install_npm_tools
	exit 0
fi
echo "deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	echo "deps: not root: run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
install_optional
install_axe
install_npm_tools
