#!/usr/bin/env bash
# crsv-kit bench: build the same trilingual site with crsv-gen and with Hugo,
# several times each, on two corpora, and print the bench lines:
#   bench: crsv-gen <s> s <MiB> MiB, hugo <s> s <MiB> MiB, speedup <x>x, memory <x>x
#   bench: <corpus> site crsv-gen <s> s <MiB> MiB, hugo <s> s <MiB> MiB, speedup <x>x, memory <x>x
#   bench: <corpus> cold after a PO change <s> s, warm <s> s, ratio <x>x
#   bench: <corpus> no-op rebuild <ms> ms
#   bench: <corpus> no-op rebuild --no-packages <ms> ms
#   bench: <corpus> full build with packages <s> s <MiB> MiB
#   bench: <corpus> site with nothing kept (empty cache) <s> s <MiB> MiB, hugo <s> s, speedup <x>x, memory <x>x
# (the first line: the synthetic corpus, in the form it always had). Corpora:
# "synthetic" (make-corpus.sh) and "real+gen" (corpus2.sh). See
# bench/README.md. Entry point of `make bench`; runs from any directory.
#
# Environment (all optional):
#   BENCH_DIR      work dir (default build/bench, relative to the repo root)
#   BENCH_RUNS     timed runs per measurement (default 5)
#   BENCH_FULL_RUNS  timed full builds with packages (default 3)
#   BENCH_WARMUP   untimed warm-up runs per generator (default 1)
#   BENCH_MODULES  modules in the corpus (default 1000 -> 3000 pages); the
#                  second corpus: the real modules + this many generated
#   BENCH_SEED     corpus seed (default 20240607)
#   BENCH_CORPORA  which corpora (default "synthetic real+gen")
#   CRSV_GEN       crsv-gen binary (default build/crsv-gen)
#   HUGO           hugo binary (default: hugo on PATH, /usr/bin/hugo on Debian)
#   BENCH_HUGO_ONLY=1   skip crsv-gen (for testing the harness; the first
#                       corpus only, and the line then has no comparison)
#   BENCH_NO_INSTALL=1  never apt-get install; fail if a tool is missing
#   BENCH_OUT_DIR  where the timed builds write (default: a fresh dir on /dev/shm)
#   BENCH2_MSGFILTER=1  second corpus: translate with msgfilter itself
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

# The second corpus (real content + generated modules, msgen/msgfilter
# translations): bench/corpus2.sh, reused while its inputs are unchanged.
corpora=${BENCH_CORPORA:-synthetic real+gen}
[ "$hugo_only" = 1 ] && corpora=synthetic
for name in $corpora; do
    case $name in synthetic|real+gen) ;; *) die "unknown corpus '$name' in BENCH_CORPORA (synthetic, real+gen)";; esac
done
case " $corpora " in *" real+gen "*)
    CRSV_GEN=$crsv bash "$here/corpus2.sh" "$work/corpus2" ;;
esac
sync

# --- runs ----------------------------------------------------------------
# Output of the timed builds. On this kind of VM, writes and deletes on the
# ext4 root (mounted with online discard) stall unpredictably: the same Hugo
# build took 1.1 s to 4.7 s there, but a steady 1.1-1.3 s on tmpfs. So by
# default each build writes to a fresh dir on /dev/shm (tmpfs) and the last
# outputs are copied to WORK/out afterwards; BENCH_OUT_DIR=DIR writes the
# builds to DIR instead (e.g. BENCH_OUT_DIR=build/bench/out to time disk I/O).
tmp_out=
po_backup=
cleanup() {
    # a PO file edited for the cold builds goes back as it was
    if [ -n "$po_backup" ] && [ -f "$po_backup" ]; then mv -f "$po_backup" "${po_backup%.bench-orig}"; fi
    if [ -n "$tmp_out" ]; then rm -rf "$tmp_out"; fi
}
trap cleanup EXIT
if [ -n "${BENCH_OUT_DIR:-}" ]; then
    out_root=$BENCH_OUT_DIR
    case $out_root in /*) ;; *) out_root=$root/$out_root;; esac
    case $out_root in /|"$root"|"$root"/) die "refusing BENCH_OUT_DIR=$out_root";; esac
    mkdir -p "$out_root"
elif [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] &&
     [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt 1048576 ]; then
    tmp_out=$(mktemp -d /dev/shm/crsv-bench.XXXXXX)
    out_root=$tmp_out
else
    out_root=$work/out
    mkdir -p "$out_root"
fi
say "build output: $out_root$([ -n "$tmp_out" ] && echo ' (tmpfs)')"
cache_root=$work/cache
results=$work/results.txt
: >"$results"

now_us() { local t=$EPOCHREALTIME; printf '%s' "${t/./}"; }

# Per corpus (set by use_corpus): name, content, locales, hsrc, table, out,
# cache, logs.
use_corpus() {
    cname=$1
    case $cname in
    synthetic)
        content=$corpus/crsv/content; locales=$corpus/crsv/locales; hsrc=$corpus/hugo
        logs=$work; table=$work/runs.tsv; out=$out_root; cache=$cache_root ;;
    real+gen)
        content=$work/corpus2/crsv/content; locales=$work/corpus2/crsv/locales; hsrc=$work/corpus2/hugo
        logs=$work/corpus2; table=$work/corpus2/runs.tsv; out=$out_root/corpus2; cache=$cache_root/corpus2 ;;
    esac
    mkdir -p "$out" "$cache/hugo"
    if [ "${2:-}" = new ]; then printf 'tool\trun\twall_s\ttime_e_s\tmaxrss_kib\tcpu_s\n' >"$table"; fi
}

# measure TOOL RUN: one build. Wall time is taken with bash's microsecond
# clock around the GNU time call (GNU time's %e only has 10 ms resolution; it
# is kept in the table as a cross-check). Peak RSS is GNU time's %M (KiB); CPU
# time (%U + %S) goes in the table as well. RUN 0 is not recorded.
#   crsv-gen, crsv-gen-cold, crsv-gen-warm, crsv-gen-nocache: the site only
#     (--no-packages), into an emptied OUT/crsv-gen
#   crsv-gen-noop-site: the same, into OUT/crsv-gen as the last build left it
#   crsv-gen-full: site and every package, into an emptied OUT/crsv-gen-full
#   crsv-gen-noop: the same, into OUT/crsv-gen-full as the last build left it
#   hugo: into an emptied OUT/hugo
measure() {
    local tool=$1 run=$2 dest t0 t1 only=--no-packages fresh=1
    case $tool in
    crsv-gen-full) dest=$out/crsv-gen-full; only= ;;
    crsv-gen-noop) dest=$out/crsv-gen-full; only=; fresh=0 ;;
    crsv-gen-noop-site) dest=$out/crsv-gen; fresh=0 ;;
    crsv-gen*) dest=$out/crsv-gen ;;
    hugo) dest=$out/hugo ;;
    esac
    if [ "$fresh" = 1 ]; then rm -rf "$dest"; fi
    sync
    case $tool in
    crsv-gen*)
        t0=$(now_us)
        /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" \
            "$crsv" build --content "$content" --locales "$locales" --out "$dest" \
            --cache "$cache/crsv-gen" $only >"$logs/$tool.log" 2>&1 || { tail -n 20 "$logs/$tool.log" >&2; die "crsv-gen build failed (log: ${logs#"$root"/}/$tool.log)"; }
        t1=$(now_us) ;;
    hugo)
        t0=$(now_us)
        HUGO_CACHEDIR=$cache/hugo /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" \
            "$hugo" --quiet --source "$hsrc" --destination "$dest" --cacheDir "$cache/hugo" \
            >"$logs/$tool.log" 2>&1 || { tail -n 20 "$logs/$tool.log" >&2; die "hugo failed (log: ${logs#"$root"/}/$tool.log)"; }
        t1=$(now_us) ;;
    esac
    local e m u s wall cpu
    read -r e m u s <"$work/time.txt"
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e6 }')
    cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    if [ "$run" -gt 0 ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$run" "$wall" "$e" "$m" "$cpu" >>"$table"
    fi
    say "$(awk -v n="$cname" -v t="$tool" -v r="$([ "$run" -gt 0 ] && echo "run $run" || echo untimed)" -v w="$wall" -v m="$m" -v c="$cpu" \
        'BEGIN { printf "%-9s %-18s %-7s %8.3f s %8.1f MiB  (cpu %.2f s)", n, t, r, w, m / 1024, c }')"
}

# check_output TOOL: the build made the pages we expect (at least three a
# module: one per language; both also write a quiz page a module on the
# second corpus).
check_output() {
    local tool=$1 n want
    if [ "$tool" = hugo ]; then
        n=$(find "$out/hugo" -name '*.html' | wc -l)
    else
        [ -d "$out/crsv-gen/site" ] || die "crsv-gen wrote no ${out#"$root"/}/crsv-gen/site"
        n=$(find "$out/crsv-gen/site" -name '*.html' | wc -l)
    fi
    want=$(( $(find "$content" -name index.md | wc -l) * 3 ))
    [ "$cname" = real+gen ] && want=$(( want * 2 ))
    [ "$n" -ge "$want" ] || die "$cname: $tool wrote $n HTML pages, expected at least $want"
    say "$cname: $tool: $n HTML pages"
}

# check_same_text: a plain paragraph of a translated Hugo source page appears
# verbatim in crsv-gen's output for that language (warning only: a template
# or typography difference is not a benchmark failure).
check_same_text() {
    local lang src para
    for lang in en fr ar; do
        src=$(find "$hsrc/content/$lang" -mindepth 3 -name index.md | sort | sed -n 7p)
        para=$(awk 'NR > 8 && length($0) > 60 && !/[*#\[<>&"]/ && !/^[-0-9>]/ { print; exit }' "$src")
        [ -n "$para" ] || continue
        if grep -rqF -- "$para" "$out/crsv-gen/site/$lang" 2>/dev/null; then
            say "$cname: same text ($lang): ok"
        else
            say "WARNING: $cname: paragraph of ${src#"$hsrc"/} not found in crsv-gen's site/$lang: $para"
        fi
    done
}

# po_edit N: fr.po as it was, with one msgstr changed (a continuation line
# appended to the last one that does not end in a newline), different for
# every N: the compiled catalogue of fr is stale, nothing else changed.
po_edit() {
    local po=$locales/fr.po
    if [ -z "$po_backup" ]; then po_backup=$po.bench-orig; cp -p "$po" "$po_backup"; fi
    awk -v mark=" [bench edit $1.$$]" '
        NR == FNR {
            if (/^msgstr/) { if (inb) end_block(); inb = 1; blocks++; last = $0; e = FNR; next }
            if (inb && /^"/) { last = $0; e = FNR; next }
            if (inb) end_block()
            next
        }
        { print }
        FNR == cand { print "\"" mark "\"" }
        function end_block() { inb = 0; if (blocks > 1 && last !~ /\\n"$/) cand = e }
        END { }' "$po_backup" "$po_backup" >"$po"
    cmp -s "$po" "$po_backup" && die "po_edit changed nothing in $po"
    return 0
}
po_restore() {
    if [ -n "$po_backup" ]; then mv -f "$po_backup" "${po_backup%.bench-orig}"; po_backup=; fi
}

median() { # median TOOL COLUMN [TABLE]
    awk -F'\t' -v t="$1" -v c="$2" 'NR > 1 && $1 == t { print $c }' "${3:-$table}" | sort -g |
        awk '{ v[++n] = $1 } END { if (n == 0) exit 1; print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }'
}

emit_line() { printf '%s\n' "$1" | tee -a "$results"; }

full_runs=${BENCH_FULL_RUNS:-3}
case $full_runs in ''|*[!0-9]*|0) die "BENCH_FULL_RUNS must be a positive integer (got '$full_runs')";; esac

# bench_corpus NAME: every measurement of one corpus, then its lines.
bench_corpus() {
    use_corpus "$1" new
    local tools=(hugo) i r tool
    [ "$hugo_only" = 1 ] || tools=(crsv-gen hugo)

    # 1. the site, both generators, alternating
    say "$cname: site: $warmup warm-up + $runs timed per generator, alternating"
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
    local hw hm
    hw=$(median hugo 3); hm=$(median hugo 5)
    if [ "$hugo_only" = 1 ]; then
        emit_line "$(awk -v hw="$hw" -v hm="$hm" 'BEGIN { printf "bench: hugo %.3f s %.1f MiB (crsv-gen skipped: BENCH_HUGO_ONLY=1)", hw, hm / 1024 }')"
        head -n 1 "$results" >"$work/result.txt"
        return
    fi
    local cw cm
    cw=$(median crsv-gen 3); cm=$(median crsv-gen 5)
    if [ "$cname" = synthetic ]; then
        # the first corpus's line as it always was (other scripts read it)
        emit_line "$(awk -v cw="$cw" -v cm="$cm" -v hw="$hw" -v hm="$hm" 'BEGIN {
            printf "bench: crsv-gen %.3f s %.1f MiB, hugo %.3f s %.1f MiB, speedup %.1fx, memory %.1fx",
                cw, cm / 1024, hw, hm / 1024, (cw > 0 ? hw / cw : 0), (cm > 0 ? hm / cm : 0) }')"
        head -n 1 "$results" >"$work/result.txt"
    fi
    local site_line
    site_line=$(awk -v n="$cname" -v cw="$cw" -v cm="$cm" -v hw="$hw" -v hm="$hm" 'BEGIN {
        printf "bench: %s site crsv-gen %.3f s %.1f MiB, hugo %.3f s %.1f MiB, speedup %.1fx, memory %.1fx",
            n, cw, cm / 1024, hw, hm / 1024, (cw > 0 ? hw / cw : 0), (cm > 0 ? hm / cm : 0) }')

    # 2. the build after a PO change (one msgstr of fr.po edited: its
    # compiled catalogue is stale) and, right after it, the same build again
    # (warm: nothing changed since), in pairs
    say "$cname: cold after a PO change / warm: $runs pairs"
    for ((i = 1; i <= runs; i++)); do
        po_edit "$i"
        measure crsv-gen-cold "$i"
        measure crsv-gen-warm "$i"
    done
    po_restore
    measure crsv-gen 0   # the catalogue of the PO file as it is, for what follows

    # 3. no-op: the same build again into the output the last one left
    say "$cname: no-op rebuilds: $runs timed, site only"
    for ((i = 1; i <= runs; i++)); do measure crsv-gen-noop-site "$i"; done

    # 4. the full build, every package, then no-op rebuilds of it
    say "$cname: full build with packages: $full_runs timed, then $runs no-op rebuilds"
    for ((i = 1; i <= full_runs; i++)); do measure crsv-gen-full "$i"; done
    for ((i = 1; i <= runs; i++)); do measure crsv-gen-noop "$i"; done

    # 5. nothing kept at all, as after a fresh clone: no compiled catalogue,
    #    no rendered body (fragcache.h); every PO file read, every page made
    for ((i = 1; i <= runs; i++)); do
        rm -rf "$cache/crsv-gen"
        measure crsv-gen-nocache "$i"
    done
    measure crsv-gen 0

    local cold warm noop noops fw fm
    cold=$(median crsv-gen-cold 3); warm=$(median crsv-gen-warm 3)
    noop=$(median crsv-gen-noop 3); noops=$(median crsv-gen-noop-site 3)
    fw=$(median crsv-gen-full 3); fm=$(median crsv-gen-full 5)
    emit_line "$site_line"
    emit_line "$(awk -v n="$cname" -v c="$cold" -v w="$warm" 'BEGIN {
        printf "bench: %s cold after a PO change %.3f s, warm %.3f s, ratio %.2fx", n, c, w, (w > 0 ? c / w : 0) }')"
    emit_line "$(awk -v n="$cname" -v t="$noop" 'BEGIN { printf "bench: %s no-op rebuild %.1f ms", n, t * 1000 }')"
    emit_line "$(awk -v n="$cname" -v t="$noops" 'BEGIN { printf "bench: %s no-op rebuild --no-packages %.1f ms", n, t * 1000 }')"
    emit_line "$(awk -v n="$cname" -v w="$fw" -v m="$fm" 'BEGIN { printf "bench: %s full build with packages %.3f s %.1f MiB", n, w, m / 1024 }')"
    local nw nm hw hm
    nw=$(median crsv-gen-nocache 3); nm=$(median crsv-gen-nocache 5)
    hw=$(median hugo 3); hm=$(median hugo 5)
    emit_line "$(awk -v n="$cname" -v w="$nw" -v m="$nm" -v hw="$hw" -v hm="$hm" 'BEGIN {
        printf "bench: %s site with nothing kept (empty cache) %.3f s %.1f MiB, hugo %.3f s, speedup %.1fx, memory %.1fx",
            n, w, m / 1024, hw, (w > 0 ? hw / w : 0), (m > 0 ? hm / m : 0) }')"
    say "$cname: median cpu time (user+sys): $(for t in crsv-gen hugo crsv-gen-cold crsv-gen-warm crsv-gen-full; do printf "%s %s s  " "$t" "$(median "$t" 6)"; done)"
    say "$cname: per-run table: ${table#"$root"/}"
}

say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in $corpora; do bench_corpus "$name"; done
rm -f "$work/time.txt"
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "$tmp_out" ]; then
    rm -rf "$work/out"
    mkdir -p "$work/out"
    for name in $corpora; do
        use_corpus "$name"
        dst=$work/out; [ "$name" = real+gen ] && dst=$work/out/corpus2
        mkdir -p "$dst"
        for t in crsv-gen hugo; do [ -d "$out/$t" ] && cp -R "$out/$t" "$dst/$t"; done
    done
    say "last outputs copied to ${work#"$root"/}/out"
fi
say "all lines: ${results#"$root"/}"
