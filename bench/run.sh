#!/usr/bin/env bash
# crsv-kit bench: build the same 3000-page trilingual site with crsv-gen and
# with Hugo, several times each, and print one comparison line:
#   bench: crsv-gen <s> s <MiB> MiB, hugo <s> s <MiB> MiB, speedup <x>x, memory <x>x
# See bench/README.md. Entry point of `make bench`; runs from any directory.
#
# Environment (all optional):
#   BENCH_DIR      work dir (default build/bench, relative to the repo root)
#   BENCH_RUNS     timed runs per generator (default 5)
#   BENCH_WARMUP   untimed warm-up runs per generator (default 1)
#   BENCH_MODULES  modules in the corpus (default 1000 -> 3000 pages)
#   BENCH_SEED     corpus seed (default 20240607)
#   CRSV_GEN       crsv-gen binary (default build/crsv-gen)
#   HUGO           hugo binary (default: hugo on PATH, /usr/bin/hugo on Debian)
#   BENCH_HUGO_ONLY=1   skip crsv-gen (for testing the harness; the final
#                       line then has no comparison)
#   BENCH_NO_INSTALL=1  never apt-get install; fail if a tool is missing
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

say() { printf '[bench] %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

runs=${BENCH_RUNS:-5}
warmup=${BENCH_WARMUP:-1}
hugo_only=${BENCH_HUGO_ONLY:-0}
case $runs in ''|*[!0-9]*|0) die "BENCH_RUNS must be a positive integer (got '$runs')";; esac
case $warmup in ''|*[!0-9]*) die "BENCH_WARMUP must be a non-negative integer (got '$warmup')";; esac

work=${BENCH_DIR:-build/bench}
case $work in ''|/) die "refusing BENCH_DIR='$work'";; esac
mkdir -p "$work"
work=$(cd "$work" && pwd)
if [ "$work" = / ] || [ "$work" = "$root" ]; then die "refusing BENCH_DIR=$work"; fi

crsv=${CRSV_GEN:-build/crsv-gen}
case $crsv in /*) ;; *) crsv=$root/$crsv;; esac

# --- tools ---------------------------------------------------------------
# Install only what is missing (fresh Debian 12, as root).
missing=()
if [ -n "${HUGO:-}" ]; then
    command -v "$HUGO" >/dev/null 2>&1 || die "HUGO=$HUGO not found"
else
    command -v hugo >/dev/null 2>&1 || missing+=(hugo)
fi
[ -x /usr/bin/time ] || missing+=(time)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ ${#missing[@]} -gt 0 ]; then
    [ "${BENCH_NO_INSTALL:-0}" = 1 ] && die "missing packages: ${missing[*]} (BENCH_NO_INSTALL=1)"
    [ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]}; run as root or: apt-get install -y ${missing[*]}"
    command -v apt-get >/dev/null 2>&1 || die "missing packages: ${missing[*]} and no apt-get"
    say "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
hugo=$(command -v "${HUGO:-hugo}") || die "hugo not found"
say "hugo: $("$hugo" version 2>/dev/null | sed -n 1p)"

if [ "$hugo_only" != 1 ]; then
    [ -e "$crsv" ] || die "crsv-gen not found at ${crsv#"$root"/}: build it first (make), or set CRSV_GEN"
    [ -x "$crsv" ] || die "crsv-gen at ${crsv#"$root"/} is not executable"
fi

# --- corpus --------------------------------------------------------------
# The corpus is deterministic, so it is reused while its inputs are unchanged
# (stamp = checksums of the generator files + BENCH_MODULES + BENCH_SEED; the
# PO files also depend on the crsv-gen binary). Rewriting thousands of files
# right before the timed runs only adds disk noise.
corpus=$work/corpus
content=$corpus/crsv/content
locales=$corpus/crsv/locales
hsrc=$corpus/hugo
stamp=$( { cat "$here/make-corpus.sh" "$here/make-corpus.awk" "$here/wordmap.tsv" "$here/wordmap.awk"
           find "$here/hugo-layouts" -type f | sort | while IFS= read -r f; do cat "$f"; done
           echo "modules=${BENCH_MODULES:-1000} seed=${BENCH_SEED:-20240607}"; } | cksum)
if [ -f "$corpus/stamp" ] && [ "$(cat "$corpus/stamp")" = "$stamp" ] && [ -d "$content" ] && [ -d "$hsrc/content" ]; then
    say "corpus: up to date in ${corpus#"$root"/}"
else
    say "corpus: generating in ${corpus#"$root"/}"
    rm -f "$corpus/stamp" "$corpus/locales.stamp"
    "$here/make-corpus.sh" "$corpus"
    printf '%s\n' "$stamp" >"$corpus/stamp"
fi

if [ "$hugo_only" != 1 ]; then
    lstamp=$( { printf '%s\n' "$stamp"; cat "$here/fill-po.awk" "$crsv"; } | cksum)
    if [ -f "$corpus/locales.stamp" ] && [ "$(cat "$corpus/locales.stamp")" = "$lstamp" ] &&
       [ -s "$locales/fr.po" ] && [ -s "$locales/ar.po" ]; then
        say "corpus: PO files up to date"
    else
        rm -f "$corpus/locales.stamp"
        rm -rf "$locales"
        mkdir -p "$locales"
        say "corpus: crsv-gen extract"
        if ! "$crsv" extract --content "$content" --locales "$locales" >"$work/extract.log" 2>&1; then
            tail -n 20 "$work/extract.log" >&2
            die "crsv-gen extract failed (log: ${work#"$root"/}/extract.log)"
        fi
        [ -s "$locales/crsv.pot" ] || die "crsv-gen extract wrote no $locales/crsv.pot"
        for lang in fr ar; do
            po=$locales/$lang.po
            [ -s "$po" ] || die "crsv-gen extract wrote no $po"
            awk -v lang="$lang" -v map="$here/wordmap.tsv" \
                -f "$here/wordmap.awk" -f "$here/fill-po.awk" "$po" >"$po.tmp"
            mv "$po.tmp" "$po"
        done
        printf '%s\n' "$lstamp" >"$corpus/locales.stamp"
    fi
    # Must parse, and every message must be translated and not fuzzy.
    for lang in fr ar; do
        po=$locales/$lang.po
        stats=$(msgfmt --statistics -o /dev/null "$po" 2>&1) || { printf '%s\n' "$stats" >&2; die "$po does not parse"; }
        case $stats in *untranslated*|*fuzzy*) die "$po not fully translated: $stats";; esac
        say "corpus: $lang.po: $stats"
    done
fi
sync

# --- runs ----------------------------------------------------------------
# Output of the timed builds. On this kind of VM, writes and deletes on the
# ext4 root (mounted with online discard) stall unpredictably: the same Hugo
# build took 1.1 s to 4.7 s there, but a steady 1.1-1.3 s on tmpfs. So by
# default each build writes to a fresh dir on /dev/shm (tmpfs) and the last
# outputs are copied to WORK/out afterwards; BENCH_OUT_DIR=DIR writes the
# builds to DIR instead (e.g. BENCH_OUT_DIR=build/bench/out to time disk I/O).
tmp_out=
if [ -n "${BENCH_OUT_DIR:-}" ]; then
    out=$BENCH_OUT_DIR
    case $out in /*) ;; *) out=$root/$out;; esac
    case $out in /|"$root"|"$root"/) die "refusing BENCH_OUT_DIR=$out";; esac
    mkdir -p "$out"
elif [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] &&
     [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt 1048576 ]; then
    tmp_out=$(mktemp -d /dev/shm/crsv-bench.XXXXXX)
    trap 'rm -rf "$tmp_out"' EXIT
    out=$tmp_out
else
    out=$work/out
    mkdir -p "$out"
fi
say "build output: $out$([ -n "$tmp_out" ] && echo ' (tmpfs)')"
cache=$work/cache
mkdir -p "$cache/hugo"
table=$work/runs.tsv
printf 'tool\trun\twall_s\ttime_e_s\tmaxrss_kib\tcpu_s\n' >"$table"

now_us() { local t=$EPOCHREALTIME; printf '%s' "${t/./}"; }

# measure TOOL RUN: one build into a fresh output dir. Wall time is taken with
# bash's microsecond clock around the GNU time call (GNU time's %e only has
# 10 ms resolution; it is kept in the table as a cross-check). Peak RSS is
# GNU time's %M (KiB); CPU time (%U + %S) goes in the table as well.
measure() {
    local tool=$1 run=$2 dest t0 t1
    dest=$out/$tool
    rm -rf "$dest"
    sync
    case $tool in
    crsv-gen|crsv-gen-full)
        # like for like with Hugo: the site only; crsv-gen-full (reported,
        # not compared) adds the packages: site.zip, EPUBs, SCORM, bundle
        local only=--no-packages
        [ "$tool" = crsv-gen-full ] && only=
        t0=$(now_us)
        /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" \
            "$crsv" build --content "$content" --locales "$locales" --out "$dest" \
            --cache "$cache/crsv-gen" $only >"$work/$tool.log" 2>&1 || { tail -n 20 "$work/$tool.log" >&2; die "crsv-gen build failed (log: ${work#"$root"/}/$tool.log)"; }
        t1=$(now_us) ;;
    hugo)
        t0=$(now_us)
        HUGO_CACHEDIR=$cache/hugo /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" \
            "$hugo" --quiet --source "$hsrc" --destination "$dest" --cacheDir "$cache/hugo" \
            >"$work/$tool.log" 2>&1 || { tail -n 20 "$work/$tool.log" >&2; die "hugo failed (log: ${work#"$root"/}/$tool.log)"; }
        t1=$(now_us) ;;
    esac
    local e m u s wall cpu
    read -r e m u s <"$work/time.txt"
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e6 }')
    cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    if [ "$run" -gt 0 ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$run" "$wall" "$e" "$m" "$cpu" >>"$table"
    fi
    say "$(awk -v t="$tool" -v r="$([ "$run" -gt 0 ] && echo "run $run" || echo warmup)" -v w="$wall" -v m="$m" -v c="$cpu" \
        'BEGIN { printf "%-8s %-7s %8.3f s %8.1f MiB  (cpu %.2f s)", t, r, w, m / 1024, c }')"
}

# check_output TOOL: the build made the pages we expect.
check_output() {
    local tool=$1 n
    if [ "$tool" = hugo ]; then
        n=$(find "$out/hugo" -name '*.html' | wc -l)
    else
        [ -d "$out/crsv-gen/site" ] || die "crsv-gen wrote no ${out#"$root"/}/crsv-gen/site"
        n=$(find "$out/crsv-gen/site" -name '*.html' | wc -l)
    fi
    local want=$(( ${BENCH_MODULES:-1000} * 3 ))
    [ "$n" -ge "$want" ] || die "$tool wrote $n HTML pages, expected at least $want"
    say "$tool: $n HTML pages"
}

# check_same_text: a plain paragraph of a translated Hugo source page appears
# verbatim in crsv-gen's output for that language (warning only: a template
# or typography difference is not a benchmark failure).
check_same_text() {
    local lang src para
    for lang in en fr ar; do
        src=$(find "$hsrc/content/$lang" -mindepth 3 -name index.md | sort | sed -n 1p)
        para=$(awk 'NR > 5 && length($0) > 60 && !/[*#\[]/ && !/^[-0-9]/ { print; exit }' "$src")
        [ -n "$para" ] || continue
        if grep -rqF -- "$para" "$out/crsv-gen/site/$lang" 2>/dev/null; then
            say "same text ($lang): ok"
        else
            say "WARNING: paragraph of ${src#"$hsrc"/} not found in crsv-gen's site/$lang: $para"
        fi
    done
}

tools=(hugo)
[ "$hugo_only" = 1 ] || tools=(crsv-gen hugo)

say "runs: $warmup warm-up + $runs timed per generator, alternating"
for ((i = 1 - warmup; i <= runs; i++)); do
    for tool in "${tools[@]}"; do
        r=$i; [ "$r" -lt 0 ] && r=0
        measure "$tool" "$r"
        if [ "$i" = $((1 - warmup)) ]; then
            check_output "$tool"
            [ "$tool" = crsv-gen ] && check_same_text
        fi
    done
done
# One full build, packages included (reported, not in the line: Hugo makes
# no packages).
if [ "$hugo_only" != 1 ]; then
    measure crsv-gen-full 0
    say "(that was crsv-gen building the site and all packages: site.zip, 9 EPUBs, 9 SCORM zips, kiosk.bundle)"
fi

# One more crsv-gen run with its cache of compiled catalogues emptied: what
# the first build after a PO file changed costs (reported, not in the line).
if [ "$hugo_only" != 1 ]; then
    rm -rf "$cache/crsv-gen"
    measure crsv-gen 0
    say "(that was crsv-gen with no compiled catalogues: the first build after a PO file changed)"
fi
rm -f "$work/time.txt"

# --- result --------------------------------------------------------------
median() { # median TOOL COLUMN
    awk -F'\t' -v t="$1" -v c="$2" 'NR > 1 && $1 == t { print $c }' "$table" | sort -g |
        awk '{ v[++n] = $1 } END { if (n == 0) exit 1; print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }'
}

hw=$(median hugo 3); hm=$(median hugo 5)
if [ "$hugo_only" = 1 ]; then
    line=$(awk -v hw="$hw" -v hm="$hm" 'BEGIN { printf "bench: hugo %.3f s %.1f MiB (crsv-gen skipped: BENCH_HUGO_ONLY=1)", hw, hm / 1024 }')
else
    cw=$(median crsv-gen 3); cm=$(median crsv-gen 5)
    line=$(awk -v cw="$cw" -v cm="$cm" -v hw="$hw" -v hm="$hm" 'BEGIN {
        printf "bench: crsv-gen %.3f s %.1f MiB, hugo %.3f s %.1f MiB, speedup %.1fx, memory %.1fx",
            cw, cm / 1024, hw, hm / 1024, (cw > 0 ? hw / cw : 0), (cm > 0 ? hm / cm : 0) }')
fi
if [ -n "$tmp_out" ]; then
    rm -rf "$work/out"
    mkdir -p "$work/out"
    for tool in "${tools[@]}"; do cp -R "$out/$tool" "$work/out/$tool"; done
    say "last outputs copied to ${work#"$root"/}/out"
fi
say "median cpu time (user+sys): $(for t in "${tools[@]}"; do printf "%s %s s  " "$t" "$(median "$t" 6)"; done)"
say "per-run table: ${table#"$root"/}"
printf '%s\n' "$line" | tee "$work/result.txt"
