#!/usr/bin/env bash
# crsv-kit bench: the second corpus, "real+gen": the project's real content
# (content/: site.yaml, its modules and quizzes) plus BENCH_MODULES modules
# generated from its shape, for crsv-gen and for Hugo, translated into fr and
# ar with gettext's tools. See bench/README.md ("The second corpus").
#
#   bench/corpus2.sh DIR      (run.sh calls it; runs from any directory)
#
# Writes, reusing what is up to date (DIR/stamp, DIR/locales.stamp):
#   DIR/crsv/content/   real content + generated modules (English source)
#   DIR/crsv/locales/   crsv.pot, fr.po, ar.po, every message translated
#   DIR/hugo/           config.toml, layouts/, content/{en,fr,ar}/
#   DIR/stats.txt       sizes (modules, images, pools, PO messages)
#
# Environment: BENCH_MODULES (default 1000), BENCH_SEED (default 20240607),
# CRSV_GEN (default build/crsv-gen), BENCH2_MSGFILTER=1 (translate with
# msgfilter itself, one process per message: slow, see README).
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
c2=$here/corpus2
say() { printf '[bench] %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

dir=${1:?usage: corpus2.sh DIR}
modules=${BENCH_MODULES:-1000}
seed=${BENCH_SEED:-20240607}
case $modules in ''|*[!0-9]*) die "BENCH_MODULES must be a number";; esac
case $seed in ''|*[!0-9]*) die "BENCH_SEED must be a number";; esac
crsv=${CRSV_GEN:-build/crsv-gen}
case $crsv in /*) ;; *) crsv=$root/$crsv;; esac
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
case $dir in /|"$root") die "refusing corpus dir $dir";; esac

# The images: content/ has none of its own yet, so the generated modules
# take the repository's real test pictures (any image files in content/
# are used as well, first).
images=()
while IFS= read -r f; do images+=("$f"); done < <(
    { find content -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.webp' \) | sort
      printf '%s\n' tests/golden/fixture/content/basics/02-safety/box.png \
        tests/kiosk/fixture/content/sensitization/01-what-is-sexual-violence-in-conflict/test-picture.png; } |
    awk '!seen[$0]++')

# --- corpus --------------------------------------------------------------
stamp=$( { cat "$here/corpus2.sh" "$c2/make.awk" "$c2/pseudo.awk"
           find content "$c2/hugo-layouts" -type f | sort | while IFS= read -r f; do printf '%s\n' "$f"; cat "$f"; done
           for f in "${images[@]}"; do cat "$f"; done
           echo "modules=$modules seed=$seed"; } | cksum)
if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$stamp" ] && [ -d "$dir/crsv/content" ] && [ -d "$dir/hugo/content" ]; then
    say "corpus real+gen: up to date in ${dir#"$root"/}"
else
    say "corpus real+gen: generating in ${dir#"$root"/} (real content + $modules modules)"
    rm -f "$dir/stamp" "$dir/locales.stamp"
    rm -rf "$dir/crsv" "$dir/hugo"
    mkdir -p "$dir/crsv" "$dir/hugo"
    cp -R content "$dir/crsv/content"
    for t in content/*/; do
        for m in "$t"*/; do
            [ -f "$m/index.md" ] && printf '%s\t%s\n' "$(basename "$t")" "$(basename "$m")"
        done
    done | sort >"$dir/real.tsv"
    printf '%s\n' "${images[@]/#/$root/}" >"$dir/images.lst"
    awk -v real=content -v list="$dir/real.tsv" -v images="$dir/images.lst" -v out="$dir" \
        -v modules="$modules" -v seed="$seed" -f "$c2/pseudo.awk" -f "$c2/make.awk"
    # images beside their modules (and the real modules' own, for Hugo)
    while IFS=$'\t' read -r src dst; do cp "$src" "$dst/"; done <"$dir/images.tsv"
    while IFS=$'\t' read -r t m; do
        find "content/$t/$m" -maxdepth 1 -type f ! -name index.md ! -name quiz.xml | while IFS= read -r f; do
            for lang in en fr ar; do cp "$f" "$dir/hugo/content/$lang/$t/$m/"; done
        done
    done <"$dir/real.tsv"

    # Hugo: the same shape of config as the first corpus, plus Goldmark set
    # to plain CommonMark like cmark (crsv-gen): no typographer (smart
    # quotes), no linkify, no GFM tables/strikethrough/task lists, no
    # footnotes or definition lists. Raw HTML is omitted by both.
    site_title=$(awk '/^title:/ { sub(/^title:[ ]*"?/, ""); sub(/"[ ]*$/, ""); print; exit }' content/site.yaml)
    drv=$(mktemp)
    printf 'BEGIN { print ps_tr(t, lang) }\n' >"$drv"
    title_fr=$(awk -v t="$site_title" -v lang=fr -f "$c2/pseudo.awk" -f "$drv")
    title_ar=$(awk -v t="$site_title" -v lang=ar -f "$c2/pseudo.awk" -f "$drv")
    rm -f "$drv"
    cat >"$dir/hugo/config.toml" <<EOF
baseURL = "https://bench.invalid/"
title = "$site_title"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false
enableGitInfo = false
[taxonomies]

[markup.goldmark.extensions]
  definitionList = false
  footnote = false
  linkify = false
  strikethrough = false
  table = false
  taskList = false
  typographer = false
[markup.goldmark.renderer]
  unsafe = false

[languages]
  [languages.en]
    languageName = "English"
    contentDir = "content/en"
    weight = 1
    [languages.en.params]
      dir = "ltr"
  [languages.fr]
    languageName = "Français"
    title = "$title_fr"
    contentDir = "content/fr"
    weight = 2
    [languages.fr.params]
      dir = "ltr"
  [languages.ar]
    languageName = "العربية"
    title = "$title_ar"
    contentDir = "content/ar"
    weight = 3
    [languages.ar.params]
      dir = "rtl"
EOF
    cp -R "$c2/hugo-layouts" "$dir/hugo/layouts"
    printf '%s\n' "$stamp" >"$dir/stamp"
fi

# --- PO files ------------------------------------------------------------
# crsv-gen extract writes crsv.pot and empty fr.po/ar.po (into a scratch
# dir: the PO files are made again only when the messages change, not each
# time crsv-gen is rebuilt); msgen copies each msgid into its msgstr; T of
# pseudo.awk then rewrites each msgstr: by one awk pass over the file
# (po-tr.awk, the default) or by msgfilter (BENCH2_MSGFILTER=1). Both give
# the same file: checked below on a sample of each PO file with msgfilter.
locales=$dir/crsv/locales
scratch=$dir/extract
rm -rf "$scratch"
mkdir -p "$scratch"
if ! "$crsv" extract --content "$dir/crsv/content" --locales "$scratch" >"$dir/extract.log" 2>&1; then
    tail -n 20 "$dir/extract.log" >&2
    die "crsv-gen extract failed on the second corpus (log: ${dir#"$root"/}/extract.log)"
fi
for f in crsv.pot fr.po ar.po; do [ -s "$scratch/$f" ] || die "crsv-gen extract wrote no $f"; done
lstamp=$( { printf '%s\n' "$stamp"; cat "$c2/pseudo.awk" "$c2/po-tr.awk" "$c2/po-filter.awk"
            echo "msgfilter=${BENCH2_MSGFILTER:-0}"
            grep -v '^"POT-Creation-Date:\|^"PO-Revision-Date:' "$scratch/crsv.pot"; } | cksum)
if [ -f "$dir/locales.stamp" ] && [ "$(cat "$dir/locales.stamp")" = "$lstamp" ] &&
   [ -s "$locales/fr.po" ] && [ -s "$locales/ar.po" ]; then
    say "corpus real+gen: PO files up to date (same messages)"
else
    rm -f "$dir/locales.stamp"
    rm -rf "$locales"
    mkdir -p "$locales"
    cp "$scratch/crsv.pot" "$locales/crsv.pot"
    pids=()
    for lang in fr ar; do
        (
            msgen --no-wrap -o "$scratch/$lang.en.po" "$scratch/$lang.po"
            if [ "${BENCH2_MSGFILTER:-0}" = 1 ]; then
                LC_ALL=C.UTF-8 msgfilter --no-wrap --keep-header -i "$scratch/$lang.en.po" -o "$locales/$lang.po" \
                    env LC_ALL=C awk -v lang="$lang" -f "$c2/pseudo.awk" -f "$c2/po-filter.awk"
            else
                awk -v lang="$lang" -f "$c2/pseudo.awk" -f "$c2/po-tr.awk" "$scratch/$lang.en.po" >"$locales/$lang.po"
            fi
        ) &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || die "translating the PO files failed"; done
    # po-tr.awk and msgfilter agree: the first 120 messages of each file
    # (real site, track and module texts, quizzes), both ways
    for lang in fr ar; do
        awk -v n=120 'BEGIN { RS = ""; ORS = "\n\n" } NR <= n + 1' "$scratch/$lang.en.po" >"$scratch/$lang.sample.po"
        LC_ALL=C.UTF-8 msgfilter --no-wrap --keep-header -i "$scratch/$lang.sample.po" -o "$scratch/$lang.sample.msgfilter.po" \
            env LC_ALL=C awk -v lang="$lang" -f "$c2/pseudo.awk" -f "$c2/po-filter.awk"
        awk -v lang="$lang" -f "$c2/pseudo.awk" -f "$c2/po-tr.awk" "$scratch/$lang.sample.po" |
            msgcat --no-wrap -o "$scratch/$lang.sample.awk.po" -
        msgcat --no-wrap -o "$scratch/$lang.sample.msgfilter.norm.po" "$scratch/$lang.sample.msgfilter.po"
        cmp -s "$scratch/$lang.sample.awk.po" "$scratch/$lang.sample.msgfilter.norm.po" ||
            die "$lang: po-tr.awk and msgfilter disagree (diff $scratch/$lang.sample.awk.po $scratch/$lang.sample.msgfilter.norm.po)"
    done
    say "corpus real+gen: po-tr.awk = msgfilter on a sample of fr.po and ar.po"
    printf '%s\n' "$lstamp" >"$dir/locales.stamp"
fi
# Every message translated, none fuzzy; and the sizes, for the README.
for lang in fr ar; do
    po=$locales/$lang.po
    stats=$(msgfmt -c --statistics -o /dev/null "$po" 2>&1) || { printf '%s\n' "$stats" >&2; die "$po does not pass msgfmt -c"; }
    case $stats in *untranslated*|*fuzzy*) die "$po not fully translated: $stats";; esac
    say "corpus real+gen: $lang.po: $stats"
done
{
    grep -v '^PO messages\|^Markdown' "$dir/stats.txt" 2>/dev/null || true
    printf 'PO messages per language: %s (of them UI: %s, quiz: %s)\n' \
        "$(grep -c '^msgid ' "$locales/crsv.pot" | awk '{ print $1 - 1 }')" \
        "$(grep -c '^msgctxt "ui"' "$locales/crsv.pot")" "$(grep -c '^msgctxt "quiz:' "$locales/crsv.pot")"
    printf 'Markdown: %s modules, %s KiB of index.md in English\n' \
        "$(find "$dir/crsv/content" -name index.md | wc -l)" \
        "$(find "$dir/crsv/content" -name index.md -exec cat {} + | wc -c | awk '{ printf "%d", $1 / 1024 }')"
} >"$dir/stats.tmp" && mv "$dir/stats.tmp" "$dir/stats.txt"
