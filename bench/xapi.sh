#!/usr/bin/env bash
# crsv-kit bench, the LRS's side, in one run:
#   bench: xapi --out <n> statements <s> s <rate>/s
#       the officer bench's whole master (bench/officer.sh: 1 million
#       answers) made into statements, no network: crsv-gen's own part
#   bench: xapi <n> statements <s> s <rate>/s, curl <s> s <rate>/s, overhead <p> %
#       the same statements sent to a local LRS (Learning Locker's
#       xapi-statements, tests/xapi/lrs/, in memory, 127.0.0.1), beside curl
#       posting the very same batches (200 statements each, made from
#       xapi --out) to another fresh LRS; the overhead is crsv-gen's time
#       beyond curl's, as a share of curl's
# The LRS runs with its lookups by id answered from indexes (LRS_INDEXED=1,
# tests/xapi/lrs/indexed-repo.js): the stock memory store scans everything
# it holds for each batch and would take hours over a million statements,
# whoever sends them (bench/README.md).
# Environment: BENCH_DIR (default build/bench-officer, where officer.sh
# left m.db and k/), BENCH_XAPI_KIOSKS (send only the statements of the
# first N kiosk files, merged, for a shorter run; default: the whole
# master), CRSV_GEN.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top"
gen=${CRSV_GEN:-build/crsv-gen}
dir=${BENCH_DIR:-build/bench-officer}
master="$dir/m.db"
kiosks=${BENCH_XAPI_KIOSKS:-}
work="$dir/xapi"
base=https://training.example.org/crsv/
[ -f "$master" ] || { echo "bench: xapi: no master at $master (run bench/officer.sh first)" >&2; exit 1; }
. "$top/tests/xapi/lrs/lrs.sh"
why=$(lrs_available) || { echo "bench: xapi skipped: $why"; exit 0; }
export LRS_INDEXED=1 LRS_MEMORY_ONLY=1      # lookups from indexes; no state file written per request
export NODE_OPTIONS=--max-old-space-size=16384
rm -rf "$work"
mkdir -p "$work"
if [ -n "$kiosks" ]; then
	sent="$work/m.db"
	ls "$dir"/k/*.db | sort -V | head -n "$kiosks" > "$work/kiosks.txt"
	# shellcheck disable=SC2046
	"$gen" merge --into "$sent" $(cat "$work/kiosks.txt") > /dev/null 2>&1 || true
else
	sent="$work/whole.db"          # a copy: xapi keeps what it sent in the master
	cp "$master" "$sent"
	[ ! -f "$master.key" ] || cp "$master.key" "$sent.key"
fi
trap 'lrs_stop 2> /dev/null || true' EXIT
# The LRS's main thread (node's JavaScript) from its start: ns on a CPU and
# ns runnable but waiting for one (/proc/PID/schedstat).  What is left of
# the wall time is the LRS idle, waiting for its client: that part is the
# client's, whatever else the machine is doing.
lrs_sched() { cut -d' ' -f1,2 "/proc/$LRS_PID/schedstat"; }
secs() { /usr/bin/time -f "%e" "$@" 2>&1 > /dev/null | tail -1; }
printf 'bench\n' > "$work/pw"

read -r whole_s < <(secs "$gen" xapi --records "$master" --out "$work/whole.jsonl" --base "$base")
whole=$(wc -l < "$work/whole.jsonl")
if [ -n "$kiosks" ]; then
	rm -f "$work/whole.jsonl"
	"$gen" xapi --records "$sent" --out "$work/all.jsonl" --base "$base" > /dev/null
else
	mv "$work/whole.jsonl" "$work/all.jsonl"
fi
n=$(wc -l < "$work/all.jsonl")
# the same statements in the same batches, as curl's config: one process,
# one connection kept alive, a POST per batch
python3 - "$work/all.jsonl" "$work/batches" "$work/curl.cfg" <<'PY'
import json, os, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
os.makedirs(sys.argv[2], exist_ok=True)
with open(sys.argv[3], "w") as cfg:
    for i in range(0, len(lines), 200):
        path = os.path.join(sys.argv[2], "b%06d.json" % (i // 200))
        with open(path, "w", encoding="utf-8") as f:
            # as crsv-gen sends them: characters beyond ASCII as \\u escapes
            f.write("[" + ",".join(json.dumps(json.loads(l), ensure_ascii=True, sort_keys=True,
                                              separators=(",", ":")) for l in lines[i:i + 200]) + "]")
        if i:
            cfg.write("next\n")
        cfg.write('url = "URL"\nrequest = "POST"\nsilent\noutput = "/dev/null"\n'
                  'write-out = "%%{http_code}\\n"\n'
                  'header = "X-Experience-API-Version: 1.0.3"\n'
                  'header = "Content-Type: application/json; charset=utf-8"\n'
                  'user = "bench:bench"\ndata-binary = "@%s"\n' % path)
PY

lrs_start "$work/lrs-curl" > /dev/null
sed -i "s|URL|${LRS_URL}statements|" "$work/curl.cfg"
read -r c_run0 c_wait0 < <(lrs_sched)
read -r curl_s < <(/usr/bin/time -f "%e" curl --config "$work/curl.cfg" 2>&1 > "$work/curl.codes" | tail -1)
read -r c_run1 c_wait1 < <(lrs_sched)
lrs_stop
batches=$(ls "$work/batches" | wc -l)
[ "$(grep -cx 200 "$work/curl.codes")" = "$batches" ] ||
	{ echo "bench: xapi: curl's batches were not all stored: $(sort "$work/curl.codes" | uniq -c | tr '\n' ' ')" >&2; exit 1; }
lrs_start "$work/lrs-gen" > /dev/null
read -r g_run0 g_wait0 < <(lrs_sched)
read -r gen_s < <(/usr/bin/time -f "%e" "$gen" xapi --records "$sent" --lrs "$LRS_URL" --user bench \
	--password-file "$work/pw" --base "$base" 2>&1 > "$work/gen.out" | tail -1)
read -r g_run1 g_wait1 < <(lrs_sched)
lrs_stop
grep -q "^xapi: $n statements: $n stored, 0 there already, 0 conflicts, 0 refused" "$work/gen.out" ||
	{ echo "bench: xapi: crsv-gen did not store them all: $(cat "$work/gen.out")" >&2; exit 1; }
rate() { python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
over=$(python3 -c "import sys; print('%.0f' % (100 * (float(sys.argv[1]) - float(sys.argv[2])) / float(sys.argv[2])))" "$gen_s" "$curl_s")
echo "bench: xapi --out $whole statements $whole_s s $(rate "$whole" "$whole_s")/s"
echo "bench: xapi $n statements $gen_s s $(rate "$n" "$gen_s")/s, curl $curl_s s $(rate "$n" "$curl_s")/s, overhead $over %"
python3 - "$curl_s" "$c_run0" "$c_wait0" "$c_run1" "$c_wait1" "$gen_s" "$g_run0" "$g_wait0" "$g_run1" "$g_wait1" <<'PY'
import sys
a = sys.argv[1:]
def half(wall, run0, wait0, run1, wait1):
    busy, wait = (int(run1) - int(run0)) / 1e9, (int(wait1) - int(wait0)) / 1e9
    return float(wall), busy, wait, float(wall) - busy - wait
c, g = half(*a[0:5]), half(*a[5:10])
net = 100 * ((g[1] + g[3]) - (c[1] + c[3])) / (c[1] + c[3])
print("bench: xapi LRS main thread: curl's half busy %.0f s, waiting for a CPU %.0f s, idle %.0f s; "
      "crsv-gen's half busy %.0f s, waiting for a CPU %.0f s, idle %.0f s; "
      "overhead without the waits for a CPU %.0f %%" % (c[1], c[2], c[3], g[1], g[2], g[3], net))
PY
