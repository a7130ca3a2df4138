# crsv-kit bench: fill every msgstr of a PO file from its msgid (POSIX awk).
# Needs wordmap.awk loaded first. Run with LC_ALL=C:
#   awk -v lang=fr -v map=bench/wordmap.tsv -f wordmap.awk -f fill-po.awk in.po > out.po
#
# - msgstr = wm_tr(msgid, lang): the same word map that make-corpus.awk applies
#   to Hugo's fr/ar Markdown, so both sites show the same translated text.
#   wm_tr works on the escaped PO string: it only rewrites ASCII words and
#   copies "\x" escapes and link destinations "](...)" untouched.
# - msgctxt "ui" entries get msgstr = msgid verbatim (UI strings may hold
#   placeholders; they are not part of the compared page text).
# - Plural entries: msgstr[0] from msgid, msgstr[n>0] from msgid_plural.
# - "fuzzy" flags are dropped; the header keeps its text, with a missing
#   charset set to UTF-8 and an empty Language set to lang.
# - Obsolete "#~" lines and comments are copied as they are.
# The msgstr is written on one line (valid PO; msgfmt accepts any length).

function unq(line) {
    sub(/^[^"]*"/, "", line)
    sub(/"[ \t\r]*$/, "", line)
    return line
}

function flags(s,   n, f, i, out, x) {
    n = split(s, f, ",")
    out = ""
    for (i = 1; i <= n; i++) {
        x = f[i]
        gsub(/^[ \t]+|[ \t]+$/, "", x)
        if (x == "" || x == "fuzzy") continue
        out = (out == "") ? x : out ", " x
    }
    return out
}

function tr(s) { return (CTX == "ui") ? s : wm_tr(s, lang) }

function reset() {
    NB = 0; CTX = ""; HASCTX = 0; ID = ""; IDP = ""; HASID = 0; NS = 0; CUR = ""; SEENSTR = 0
}

function flush(   i, l, k, hdr) {
    if (NB == 0) return
    hdr = (HASID && ID == "" && !HASCTX)
    for (i = 1; i <= NB; i++) {
        l = B[i]
        if (l ~ /^#,/) {
            l = flags(substr(l, 3))
            if (l != "") print "#, " l
        } else if (BT[i] == "str") {
            if (hdr) {
                gsub(/charset=CHARSET/, "charset=UTF-8", l)
                sub(/Language: *\\n/, "Language: " lang "\\n", l)
                print l
            } else if (BK[i] != "") {
                k = BK[i]
                printf "msgstr[%s] \"%s\"\n", k, tr(k == "0" ? ID : IDP)
            } else {
                printf "msgstr \"%s\"\n", tr(ID)
            }
        } else if (BT[i] == "strcont") {
            if (hdr) {
                gsub(/charset=CHARSET/, "charset=UTF-8", l)
                sub(/Language: *\\n/, "Language: " lang "\\n", l)
                print l
            }
            # otherwise dropped: the new msgstr is on one line
        } else {
            print l
        }
    }
    reset()
}

BEGIN {
    if (lang == "" || map == "") { print "fill-po.awk: need -v lang=fr|ar -v map=FILE" > "/dev/stderr"; exit 2 }
    wm_load(map, lang)
    reset()
}

{ sub(/\r$/, "") }

/^[ \t]*$/ { flush(); print; next }

/^#~/ { B[++NB] = $0; BT[NB] = "other"; BK[NB] = ""; next }

/^#/ {
    if (SEENSTR) flush()
    B[++NB] = $0; BT[NB] = "comment"; BK[NB] = ""; next
}

/^msgctxt[ \t]/ {
    if (SEENSTR) flush()
    HASCTX = 1; CTX = unq($0); CUR = "ctx"
    B[++NB] = $0; BT[NB] = "other"; BK[NB] = ""; next
}

/^msgid_plural[ \t]/ {
    IDP = unq($0); CUR = "idp"
    B[++NB] = $0; BT[NB] = "other"; BK[NB] = ""; next
}

/^msgid[ \t]/ {
    if (SEENSTR) flush()
    HASID = 1; ID = unq($0); CUR = "id"
    B[++NB] = $0; BT[NB] = "other"; BK[NB] = ""; next
}

/^msgstr\[[0-9]+\][ \t]/ {
    SEENSTR = 1; CUR = "str"
    k = $0; sub(/^msgstr\[/, "", k); sub(/\].*$/, "", k)
    B[++NB] = $0; BT[NB] = "str"; BK[NB] = k; next
}

/^msgstr[ \t]/ {
    SEENSTR = 1; CUR = "str"
    B[++NB] = $0; BT[NB] = "str"; BK[NB] = ""; next
}

/^[ \t]*"/ {
    if (CUR == "ctx") CTX = CTX unq($0)
    else if (CUR == "id") ID = ID unq($0)
    else if (CUR == "idp") IDP = IDP unq($0)
    B[++NB] = $0; BT[NB] = (CUR == "str") ? "strcont" : "other"; BK[NB] = ""; next
}

{ B[++NB] = $0; BT[NB] = "other"; BK[NB] = "" }

END { flush() }
