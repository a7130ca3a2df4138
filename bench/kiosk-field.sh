#!/usr/bin/env bash
# crsv-kit bench, the kiosk in the field: build/crsv-kiosk started the way
# deploy/crsv-kiosk.service starts it (--fullscreen, the records and
# bundle of /var/lib/crsv-kiosk, kiosk.env's mode and idle time), on SDL's
# offscreen video driver: no X and, on this machine, no DRM device for
# KMSDRM.  The bundle is the real content (crsv-gen build).  Lines:
#
#   bench: kiosk start to first frame <ms> ms (median of N), peak RSS <MiB> MiB
#          software, <MiB> MiB GL (Mesa llvmpipe)
#   bench: kiosk idle 60 s: <s> s CPU (<%> of a core), <n> wake-ups a second, RSS <MiB> MiB
#   bench: kiosk 10000 screens (720x1280): <ms> ms CPU a screen; RSS at 1000 / 5000 /
#          10000: <MiB> / <MiB> / <MiB> MiB (growth <MiB> MiB), peak <MiB> MiB
#
# - start to first frame: bash's $EPOCHREALTIME written just before exec,
#   against the modification time of the first frame SDL saves
#   (SDL_VIDEO_OFFSCREEN_SAVE_FRAMES, software renderer: it includes writing
#   that 2.3 MB BMP); records already there (a restart, not the very
#   first start); the bundle in the page cache.
# - peak RSS: GNU time's %M (ru_maxrss) over a start, the idle minute and
#   SIGTERM: once in software (SDL_RENDER_DRIVER=software), once as the
#   unit would draw (SDL's accelerated renderer, here OpenGL through EGL on
#   Mesa's llvmpipe).
# - idle: utime + stime (/proc/PID/stat) and voluntary context switches
#   (/proc/PID/status) read 2 s after the first frame and BENCH_IDLE s
#   later, nobody touching it, the GL run.
# - screens: bench/kiosk-walk.py walks the scripted kiosk (SDL's dummy
#   driver, software, the fake clock) through BENCH_SCREENS screens: a
#   language, a mode, an ID or a number of people, two modules, every page
#   and question, the result, leave; each screen drawn ("shot /dev/null":
#   reading the pixels back and writing 3.7 MB to /dev/null is part of the
#   cost); CPU time and RSS read at 1000, 5000 and 10000.
#
# Environment: BENCH_DIR (default build/bench-kiosk), BENCH_STARTS (5),
# BENCH_IDLE (60), BENCH_SCREENS (10000), CRSV_KIOSK, CRSV_GEN.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
kiosk=$(realpath "${CRSV_KIOSK:-build/crsv-kiosk}")
gen=${CRSV_GEN:-build/crsv-gen}
dir=${BENCH_DIR:-build/bench-kiosk}
starts=${BENCH_STARTS:-5}
idle=${BENCH_IDLE:-60}
screens=${BENCH_SCREENS:-10000}
for t in "$kiosk" "$gen" /usr/bin/time python3; do
	command -v "$t" > /dev/null || { echo "bench: $t is missing (make; tools/deps.sh all)" >&2; exit 1; }
done
mkdir -p "$dir"
dir=$(realpath "$dir")
echo "[bench] kiosk: the bundle of content/ ..." >&2
"$gen" build --out "$dir/out" > "$dir/gen.log" 2>&1
bundle="$dir/out/packages/kiosk.bundle"
state="$dir/state"
rm -rf "$state" "$dir/frames"
mkdir -p "$state" "$dir/frames" "$dir/stick"
cp "$bundle" "$state/kiosk.bundle"
"$kiosk" --records "$state/records.db" --set-name "Bench kiosk" 2> /dev/null
# the unit's options (deploy/crsv-kiosk.service, deploy/kiosk.env's defaults)
args=(--fullscreen --bundle "$state/kiosk.bundle" --records "$state/records.db"
      --export-dir "$dir/stick" --mode ask --idle-seconds 120)
soft=(SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 SDL_VIDEO_OFFSCREEN_SAVE_FRAMES=1)
tick=$(getconf CLK_TCK)

# launch [VAR=VALUE...]: the kiosk in the background under GNU time, in
# $dir/frames; $pid is the kiosk's, $tpid time's; t0 the moment of exec
launch() {
	rm -f "$dir"/frames/*.bmp "$dir/t0"
	(cd "$dir/frames" && exec /usr/bin/time -f %M -o "$dir/maxrss" env SDL_VIDEODRIVER=offscreen \
		SDL_AUDIODRIVER=dummy "$@" bash -c 'printf %s "$EPOCHREALTIME" > "$0"; exec "$@"' \
		"$dir/t0" "$kiosk" "${args[@]}" 2> "$dir/kiosk.err") &
	tpid=$!
	pid=""
	for _ in $(seq 200); do
		pid=$(cat "/proc/$tpid/task/$tpid/children" 2> /dev/null | awk '{ print $1 }')
		[ -n "$pid" ] && [ -s "$dir/t0" ] && break
		sleep 0.01
	done
	# env execs bash, which execs the kiosk: the same process
	[ -n "$pid" ] || { echo "bench: the kiosk did not start" >&2; exit 1; }
}
# finish: SIGTERM to the kiosk (as systemctl stop), wait for time; $rss:
# its peak RSS in KiB
finish() {
	kill -TERM "$pid"
	local st=0
	wait "$tpid" || st=$?
	[ "$st" = 0 ] || { echo "bench: the kiosk exited with status $st:" >&2; cat "$dir/kiosk.err" "$dir/maxrss" >&2; exit 1; }
	rss=$(cat "$dir/maxrss")
}
first_frame_ms() {   # waits for the first saved frame; ms after exec
	f="$dir/frames/SDL_window1-00000001.bmp"
	for _ in $(seq 1000); do
		[ -s "$f" ] && break
		sleep 0.005
	done
	sleep 0.05   # the file complete
	awk -v a="$(cat "$dir/t0")" -v b="$(stat -c %.9Y "$f")" 'BEGIN { printf "%.0f", (b - a) * 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
cpu_of() { awk -v t="$tick" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"; }
switches_of() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"; }
rss_of() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# ---- start to first frame, peak RSS in software -----------------------------------

echo "[bench] kiosk: $starts starts to the first frame (after one untimed) ..." >&2
launch "${soft[@]}"
first_frame_ms > /dev/null
finish
: > "$dir/starts"
for i in $(seq "$starts"); do
	launch "${soft[@]}"
	ms=$(first_frame_ms)
	echo "$ms" >> "$dir/starts"
	if [ "$i" = "$starts" ]; then
		sleep "$idle"
		finish
		soft_rss=$rss
	else
		finish
	fi
	echo "[bench]   start $i: $ms ms" >&2
done
start_ms=$(median < "$dir/starts")

# ---- idle, as the unit would draw (GL) ------------------------------------------------

echo "[bench] kiosk: $idle s idle, accelerated renderer ..." >&2
launch
sleep 2
c0=$(cpu_of "$pid")
s0=$(switches_of "$pid")
t0=$EPOCHREALTIME
sleep "$idle"
c1=$(cpu_of "$pid")
s1=$(switches_of "$pid")
t1=$EPOCHREALTIME
idle_rss=$(rss_of "$pid")
finish
gl_rss=$rss
read -r idle_cpu idle_pct wakeups < <(awk -v a="$c0" -v b="$c1" -v s="$s0" -v e="$s1" -v t0="$t0" \
	-v t1="$t1" 'BEGIN { printf "%.2f %.2f %.0f\n", b - a, (b - a) / (t1 - t0) * 100, (e - s) / (t1 - t0) }')

echo "bench: kiosk start to first frame $start_ms ms (median of $starts), peak RSS $(mib "$soft_rss") MiB software, $(mib "$gl_rss") MiB GL (Mesa llvmpipe)"
echo "bench: kiosk idle $idle s: $idle_cpu s CPU ($idle_pct % of a core), $wakeups wake-ups a second, RSS $(mib "$idle_rss") MiB"

# ---- 10,000 screens ---------------------------------------------------------------------

echo "[bench] kiosk: $screens screens ..." >&2
rm -f "$state"/walk.db*
s1k=$((screens / 10)) s5k=$((screens / 2))
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python3 "$here/kiosk-walk.py" "$screens" \
	"$s1k,$s5k,$screens" -- "$kiosk" --bundle "$state/kiosk.bundle" \
	--records "$state/walk.db" --size 720x1280 > "$dir/walk.out"
awk -v n1="$s1k" -v n2="$s5k" -v n3="$screens" '
	{ cpu[$1] = $2; rss[$1] = $3; hwm[$1] = $4; wall[$1] = $5 }
	END { printf "bench: kiosk %d screens (720x1280): %.1f ms CPU a screen (%.1f after %d); RSS at %d / %d / %d: %.1f / %.1f / %.1f MiB (growth %.1f MiB), peak %.1f MiB\n",
	             n3, cpu[n3] / n3 * 1000, (cpu[n3] - cpu[n2]) / (n3 - n2) * 1000, n2, n1, n2, n3,
	             rss[n1] / 1024, rss[n2] / 1024, rss[n3] / 1024, (rss[n3] - rss[n1]) / 1024,
	             hwm[n3] / 1024 }' "$dir/walk.out"
