#!/usr/bin/env bash
# crsv-kit bench: write the synthetic corpus for both generators.
#
#   bench/make-corpus.sh CORPUS_DIR
#
# Writes (after deleting any previous corpus in CORPUS_DIR):
#   CORPUS_DIR/crsv/content/             crsv-gen content (English source)
#   CORPUS_DIR/hugo/{config.toml,layouts,content/{en,fr,ar}}   Hugo site
# crsv-gen's fr/ar PO files are made afterwards by run.sh (crsv-gen extract,
# then fill-po.awk with the same word map), because their msgids are
# crsv-gen's own CommonMark normalisation.
#
# Environment: BENCH_MODULES (default 1000), BENCH_SEED (default 20240607).
# Needs only bash, coreutils and awk (mawk is fine). Deterministic.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:?usage: make-corpus.sh CORPUS_DIR}
modules=${BENCH_MODULES:-1000}
seed=${BENCH_SEED:-20240607}

case $modules in ''|*[!0-9]*) echo "make-corpus: BENCH_MODULES must be a number" >&2; exit 2;; esac
case $seed in ''|*[!0-9]*) echo "make-corpus: BENCH_SEED must be a number" >&2; exit 2;; esac
[ "$modules" -ge 1 ] || { echo "make-corpus: BENCH_MODULES must be >= 1" >&2; exit 2; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
rm -rf "$dir/crsv/content" "$dir/hugo"
mkdir -p "$dir/crsv" "$dir/hugo"

awk -v out="$dir" -v map="$here/wordmap.tsv" -v modules="$modules" -v seed="$seed" \
    -f "$here/wordmap.awk" -f "$here/make-corpus.awk"

# Hugo site: minimal multilingual config. Disabled to keep it minimal (crsv-gen
# makes none of these either): taxonomies/terms, RSS, sitemap, robots.txt, 404.
# Per-language site titles through the same word map (crsv-gen translates its
# site title from the PO files too).
drv=$(mktemp)
printf 'BEGIN { wm_load(map, lang); print wm_tr("Bench site", lang) }\n' >"$drv"
site_title() { awk -v map="$here/wordmap.tsv" -v lang="$1" -f "$here/wordmap.awk" -f "$drv"; }
title_fr=$(site_title fr)
title_ar=$(site_title ar)
rm -f "$drv"

cat > "$dir/hugo/config.toml" <<EOF
baseURL = "https://bench.invalid/"
title = "Bench site"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false
enableGitInfo = false
[taxonomies]

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
cp -R "$here/hugo-layouts" "$dir/hugo/layouts"
