# crsv-kit bench: shared word-map functions (POSIX awk; tested with mawk).
# Run under LC_ALL=C so that string functions work on bytes everywhere.
#
# wm_load(file, lang) adds the English->lang map ("fr" or "ar") to WM[],
# including capitalised forms. wm_tr(s, lang) rewrites every maximal run of
# ASCII letters that the map knows and leaves everything else byte for byte:
# Markdown punctuation, link destinations "](...)" and backslash escapes
# ("\x", as in PO strings) are copied untouched. The same wm_tr() is used for
# Hugo's Markdown and for crsv-gen's PO msgstr, so both carry the same text.

function wm_cap(w,   c) {
    c = substr(w, 1, 1)
    if (c ~ /^[a-z]$/) return toupper(c) substr(w, 2)
    return w
}

function wm_load(file, lang,   line, f, n, col) {
    col = (lang == "fr") ? 3 : (lang == "ar") ? 4 : 0
    if (col == 0) { print "wordmap.awk: unknown language " lang > "/dev/stderr"; exit 2 }
    n = 0
    while ((getline line < file) > 0) {
        if (line ~ /^#/ || line ~ /^[ \t]*$/) continue
        split(line, f, "\t")
        WM[lang, f[2]] = f[col]
        WM[lang, wm_cap(f[2])] = wm_cap(f[col])
        n++
    }
    close(file)
    if (n == 0) { print "wordmap.awk: empty map " file > "/dev/stderr"; exit 2 }
    return n
}

function wm_tr(s, lang,   out, tok) {
    out = ""
    while (s != "") {
        if (match(s, /[A-Za-z]+|\]\([^)]*\)|\\./)) {
            tok = substr(s, RSTART, RLENGTH)
            out = out substr(s, 1, RSTART - 1)
            s = substr(s, RSTART + RLENGTH)
            if ((tok ~ /^[A-Za-z]/) && ((lang, tok) in WM)) out = out WM[lang, tok]
            else out = out tok
        } else {
            out = out s
            s = ""
        }
    }
    return out
}
