#!/usr/bin/env bash
# crsv-kit bench: where a crsv-gen site build spends its time, in one command.
#
#   bash bench/profile.sh [synthetic|real+gen] [--full] [--cold]
#
# Takes a corpus of the bench (default real+gen; made if missing, reused as
# run.sh leaves it in BENCH_DIR), does one untimed build (the catalogue cache
# warm, the page cache loaded), then records one more build of the site into
# an empty output dir on /dev/shm with
#   perf record --call-graph dwarf
# and prints the functions by inclusive time (perf report --children: the
# share of samples with that function anywhere on the stack), then by self
# time. --full profiles the build with every package instead of the site
# only; --cold empties the catalogue cache first (the build after a PO
# change). perf.data and the full reports stay in BENCH_DIR/profile/.
#
# Environment: BENCH_DIR (default build/bench), CRSV_GEN (default
# build/crsv-gen), PROFILE_FREQ (samples a second, default 2000),
# PROFILE_TOP (lines of each list, default 40), BENCH_MODULES, BENCH_SEED.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
say() { printf '[profile] %s\n' "$*" >&2; }
die() { printf 'profile: error: %s\n' "$*" >&2; exit 1; }

name=real+gen full=0 cold=0
for a in "$@"; do
    case $a in
    synthetic|real+gen) name=$a ;;
    --full) full=1 ;;
    --cold) cold=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown argument '$a' (synthetic, real+gen, --full, --cold)" ;;
    esac
done
command -v perf >/dev/null 2>&1 || die "perf not found (apt-get install linux-perf)"
work=${BENCH_DIR:-build/bench}
mkdir -p "$work"
work=$(cd "$work" && pwd)
crsv=${CRSV_GEN:-build/crsv-gen}
case $crsv in /*) ;; *) crsv=$root/$crsv;; esac
[ -x "$crsv" ] || die "crsv-gen not found at $crsv: build it first (make)"

case $name in
real+gen)
    CRSV_GEN=$crsv bash "$here/corpus2.sh" "$work/corpus2"
    content=$work/corpus2/crsv/content; locales=$work/corpus2/crsv/locales ;;
synthetic)
    content=$work/corpus/crsv/content; locales=$work/corpus/crsv/locales
    if [ ! -s "$locales/fr.po" ]; then
        say "no synthetic corpus in ${work#"$root"/} yet: making it with a short bench run"
        BENCH_CORPORA=synthetic BENCH_RUNS=1 BENCH_FULL_RUNS=1 bash "$here/run.sh" >/dev/null
    fi ;;
esac

prof=$work/profile
mkdir -p "$prof"
scratch=$(mktemp -d /dev/shm/crsv-profile.XXXXXX 2>/dev/null || mktemp -d "$prof/out.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cache=$prof/cache-$name
only=--no-packages
[ "$full" = 1 ] && only=
build() { "$@" "$crsv" build --content "$content" --locales "$locales" --out "$scratch/out" --cache "$cache" $only >"$prof/build.log" 2>&1 ||
          { tail -n 20 "$prof/build.log" >&2; die "crsv-gen build failed"; }; }

say "corpus $name: $(find "$content" -name index.md | wc -l) modules; $([ "$full" = 1 ] && echo 'site and packages' || echo 'site only')$([ "$cold" = 1 ] && echo ', catalogue cache emptied')"
build env                      # warm-up: cache, page cache
rm -rf "$scratch/out"
[ "$cold" = 1 ] && rm -rf "$cache"
sync
t0=$EPOCHREALTIME
build perf record -q --call-graph dwarf,16384 -F "${PROFILE_FREQ:-2000}" -o "$prof/perf.data" --
t1=$EPOCHREALTIME
say "recorded build: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') s under perf (slower than without); load average $(cut -d' ' -f1-3 /proc/loadavg)"

top=${PROFILE_TOP:-40}
report() { perf report -i "$prof/perf.data" --stdio --no-header -g none --percent-limit 0.5 "$@" 2>/dev/null | grep -v '^#' | grep -v '^$' | sed 's/[ ]*-[ ]*-[ ]*$//'; }
report --children --sort symbol >"$prof/children.txt"
report --no-children --sort symbol >"$prof/self.txt"
report --no-children --sort dso >"$prof/dso.txt"
echo "== inclusive (children, self, symbol): top $top of $(wc -l <"$prof/children.txt")"
head -n "$top" "$prof/children.txt"
echo
echo "== self time (self, symbol): top 20"
head -n 20 "$prof/self.txt"
echo
echo "== by library (self)"
head -n 12 "$prof/dso.txt"
say "full lists: ${prof#"$root"/}/{children,self,dso}.txt; call graphs: perf report -i ${prof#"$root"/}/perf.data --children"
