#!/bin/sh
# Remake tests/kiosk/fixture/ from the real content: two real modules (one
# for personnel, one for communities) with their real French and Arabic
# translations, frozen here so that the kiosk's golden screenshots change
# only when the kiosk changes, not whenever the training content does.
#
# Run it by hand when the fixture should follow the content again (or when
# assets/ui.yaml gained kiosk strings), then `sh tests/kiosk/run.sh --update`
# and look at the new screenshots before committing them.
#
#   policy/01-what-is-crsv                                (personnel track)
#   sensitization/01-what-is-sexual-violence-in-conflict  (community track)
#
# Help entries: three example helplines (one with a number) and a way to
# report abuse by UN personnel (the end of fixture/content/site.yaml, kept).
#
# The text cases (text-cases/: index.md, and the translations of its
# paragraphs in fr.po and ar.po) open the community lesson: a phone number,
# a time, a date, a name and a URL in running text, which the Arabic
# screen must show in their own order, and a paragraph with no Arabic
# translation, shown in English, left to right, marked as not translated.
# The PO headers get "X-Review-Status: draft" when they have none.
#
# Links to modules left out become https://example.org/ (in the content
# and in the translations alike, so the translations stay current).
# Needs build/crsv-gen and gettext's msgattrib.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen="$top/build/crsv-gen"
fx="$here/fixture"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/p/content/policy" "$work/p/content/sensitization" "$work/p/locales"
cp -R "$top/content/policy/01-what-is-crsv" "$work/p/content/policy/"
cp -R "$top/content/sensitization/01-what-is-sexual-violence-in-conflict" \
	"$work/p/content/sensitization/"
# the text cases, first in the lesson (after its front matter)
lesson="$work/p/content/sensitization/01-what-is-sexual-violence-in-conflict/index.md"
awk -v cases="$here/text-cases/index.md" '
{ print }
/^---$/ && ++fm == 2 { print ""; while ((getline l < cases) > 0) print l; getline }
' "$lesson" > "$lesson.new" && mv "$lesson.new" "$lesson"
cp "$here/text-cases/"*.png "$(dirname "$lesson")/"
# site.yaml without the induction track, the help module and the helplines
# of the content; the fixture's own help entries (the same texts, so their
# translations come from the real PO files) are kept from the fixture
awk '
/^  - id: / { skip = ($3 == "induction") }
/^[^ ]/ { skip = 0; block = ($1 == "helplines:" || $1 == "help_module:" ||
                           $1 == "un_reporting:") }
/^#/ { block = 1 }
!skip && !block { print }
' "$top/content/site.yaml" > "$work/p/content/site.yaml"
sed -n '/^# Three example helplines/,$p' "$fx/content/site.yaml" >> "$work/p/content/site.yaml"
cp "$top/locales/"*.po "$work/p/locales/"
for l in fr ar; do
	cat "$here/text-cases/$l.po" >> "$work/p/locales/$l.po"
done
# the translations are unreviewed drafts: the kiosk must say so
for po in "$work/p/locales/"*.po; do
	grep -q '^"X-Review-Status: ' "$po" ||
		sed -i 's/^"Content-Transfer-Encoding: 8bit\\n"$/&\n"X-Review-Status: draft\\n"/' "$po"
done
cp -R "$top/assets" "$work/p/assets"
cd "$work/p"
"$gen" extract > /dev/null
for po in locales/*.po; do
	msgattrib --no-obsolete --no-wrap "$po" -o "$po"
done
for f in content/*/*/index.md locales/*.po; do
	sed -i -e 's#(\.\./\.\./[a-z]*/[^)/]*/index\.md)#(https://example.org/)#g' \
	       -e 's#(\.\./[0-9][^)/]*/index\.md)#(https://example.org/)#g' "$f"
done
"$gen" extract > /dev/null
"$gen" status
"$gen" build --out "$work/out" > /dev/null

rm -rf "$fx"
mkdir -p "$fx"
cp -R "$work/p/content" "$work/p/locales" "$fx/"
echo "kiosk: fixture rewritten in $fx"
