# crsv-kit bench: deterministic synthetic corpus generator (POSIX awk, mawk ok).
# Needs wordmap.awk loaded first. Run with LC_ALL=C and -v:
#   out=DIR        output root (DIR/crsv/content, DIR/hugo/content/{en,fr,ar})
#   map=FILE       bench/wordmap.tsv
#   modules=N      number of modules (default 1000)
#   seed=S         RNG seed, 1..2147483646 (default 20240607)
#   target=B       minimum body size in bytes per module (default 3000)
#
# crsv-gen gets English only (content/site.yaml + content/<track>/<NNNN-id>/index.md);
# its fr/ar text comes later from the PO files (fill-po.awk, same word map).
# Hugo gets the same body in en, and wm_tr(body, fr|ar) in fr and ar.

# Park-Miller minimal standard LCG: exact in IEEE doubles, same in every awk.
function rnd(n) {
    S = (S * 16807) % 2147483647
    return int(S / 2147483647 * n)
}

function pick(cat) { return W[cat, 1 + rnd(NW[cat])] }

# Word with occasional *emphasis* / **strong**.
function deco(w,   r) {
    r = rnd(100)
    if (r < 6) return "*" w "*"
    if (r < 10) return "**" w "**"
    return w
}

function np(   s) {
    s = pick("det") " "
    if (rnd(2)) s = s deco(pick("adj")) " "
    return s deco(pick("noun"))
}

function clause() { return np() " " pick("verb") " " np() }

function sentence(   s) {
    s = clause()
    if (rnd(3) == 0) s = s " " pick("prep") " " np()
    if (rnd(4) == 0) s = s ", " pick("conj") " " clause()
    return wm_cap(s) "."
}

function paragraph(   n, i, s) {
    n = 3 + rnd(3)
    s = sentence()
    for (i = 2; i <= n; i++) s = s " " sentence()
    return s
}

function list(numbered,   n, i, s) {
    n = 3 + rnd(3)
    s = ""
    for (i = 1; i <= n; i++) {
        s = s (numbered ? i ". " : "- ") wm_cap(clause())
        if (i < n) s = s "\n"
    }
    return s
}

function h2() { return "## " wm_cap(pick("adj")) " " pick("noun") }
function h3() { return "### " wm_cap(pick("noun")) " " pick("prep") " " pick("noun") }

function body(linkdir, linkword,   b, sec, r) {
    b = paragraph()
    sec = 0
    while (length(b) < target) {
        sec++
        b = b "\n\n" h2() "\n\n" paragraph()
        if (sec == 1 && linkdir != "")
            b = b "\n\nSee [the " linkword " module](../" linkdir "/index.md) for more."
        r = rnd(3)
        if (r == 0) b = b "\n\n" list(0)
        else if (r == 1) b = b "\n\n" h3() "\n\n" paragraph() "\n\n" list(1)
        else b = b "\n\n" h3() "\n\n" paragraph()
        if (rnd(2)) b = b "\n\n" paragraph()
    }
    return b "\n"
}

function title() { return wm_cap(pick("adj")) " " wm_cap(pick("noun")) " " wm_cap(pick("noun")) }

function summary() { return wm_cap(clause()) "." }

function writefile(path, text) {
    printf "%s", text > path
    close(path)
    BYTES += length(text)
    FILES++
}

function queue_dir(d) {
    DIRS = DIRS " '" d "'"
    if (++NDIRS >= 200) flush_dirs()
}

function flush_dirs() {
    if (NDIRS > 0 && system("mkdir -p" DIRS) != 0) {
        print "make-corpus.awk: mkdir failed" > "/dev/stderr"
        exit 1
    }
    DIRS = ""; NDIRS = 0
}

function hugo_front(t, d, w) {
    return "---\ntitle: \"" t "\"\ndescription: \"" d "\"\nweight: " w "\n---\n"
}

BEGIN {
    if (out == "" || map == "") { print "make-corpus.awk: need -v out=DIR -v map=FILE" > "/dev/stderr"; exit 2 }
    if (modules == "") modules = 1000
    if (seed == "") seed = 20240607
    if (target == "") target = 3000
    modules += 0; target += 0
    S = seed % 2147483647
    if (S <= 0) S = 1

    # Vocabulary by category from the word map.
    while ((getline line < map) > 0) {
        if (line ~ /^#/ || line ~ /^[ \t]*$/) continue
        split(line, f, "\t")
        W[f[1], ++NW[f[1]]] = f[2]
    }
    close(map)
    wm_load(map, "fr")
    wm_load(map, "ar")
    NL = split("en fr ar", LANG, " ")

    NT = split("policy induction sensitization", TID, " ")
    TTITLE[1] = "Policy";        TSUM[1] = "The policy and code of conduct for every worker."
    TTITLE[2] = "Induction";     TSUM[2] = "Key steps and training for new staff."
    TTITLE[3] = "Sensitization"; TSUM[3] = "Safe community helpline and referral support."
    TAUD[1] = "personnel"; TAUD[2] = "personnel"; TAUD[3] = "community"
    # Spread modules over the tracks in contiguous blocks (334/333/333 for 1000).
    TN[1] = int((modules + 2) / 3); TN[2] = int((modules + 1) / 3); TN[3] = int(modules / 3)

    site = out "/crsv/content/site.yaml"
    queue_dir(out "/crsv/content")
    for (l = 1; l <= NL; l++) queue_dir(out "/hugo/content/" LANG[l])
    for (t = 1; t <= NT; t++) {
        queue_dir(out "/crsv/content/" TID[t])
        for (l = 1; l <= NL; l++) queue_dir(out "/hugo/content/" LANG[l] "/" TID[t])
    }
    flush_dirs()

    # crsv-gen site.yaml
    y = "title: \"Bench site\"\nsource_language: en\nlanguages:\n"
    y = y "  - {code: en, name: English, dir: ltr}\n"
    y = y "  - {code: fr, name: Français, dir: ltr}\n"
    y = y "  - {code: ar, name: العربية, dir: rtl}\ntracks:\n"
    for (t = 1; t <= NT; t++)
        y = y "  - {id: " TID[t] ", order: " t ", audience: " TAUD[t] ", title: \"" TTITLE[t] "\", summary: \"" TSUM[t] "\"}\n"
    y = y "helplines: []\n"
    writefile(site, y)

    # Hugo home and section pages (same titles/summaries, translated by the map).
    for (l = 1; l <= NL; l++) {
        L = LANG[l]
        tt = (L == "en") ? "Bench site" : wm_tr("Bench site", L)
        writefile(out "/hugo/content/" L "/_index.md", hugo_front(tt, tt, 0))
        for (t = 1; t <= NT; t++) {
            tt = (L == "en") ? TTITLE[t] : wm_tr(TTITLE[t], L)
            ts = (L == "en") ? TSUM[t] : wm_tr(TSUM[t], L)
            writefile(out "/hugo/content/" L "/" TID[t] "/_index.md", hugo_front(tt, ts, t))
        }
    }

    # Folder names first (links need the neighbour's name), then directories.
    g = 0
    for (t = 1; t <= NT; t++)
        for (k = 1; k <= TN[t]; k++) {
            g++
            NAME[t, k] = sprintf("%04d-topic-%04d", k, g)
            queue_dir(out "/crsv/content/" TID[t] "/" NAME[t, k])
            for (l = 1; l <= NL; l++) queue_dir(out "/hugo/content/" LANG[l] "/" TID[t] "/" NAME[t, k])
        }
    flush_dirs()

    for (t = 1; t <= NT; t++)
        for (k = 1; k <= TN[t]; k++) {
            if (k > 1) { ld = NAME[t, k - 1]; lw = "previous" }
            else if (TN[t] > 1) { ld = NAME[t, 2]; lw = "next" }
            else { ld = ""; lw = "" }
            ti = title(); su = summary(); mi = 5 + rnd(26)
            b = body(ld, lw)
            writefile(out "/crsv/content/" TID[t] "/" NAME[t, k] "/index.md", \
                "---\ntitle: \"" ti "\"\nsummary: \"" su "\"\nminutes: " mi \
                "\naudience: " TAUD[t] "\ncritical: false\n---\n\n" b)
            for (l = 1; l <= NL; l++) {
                L = LANG[l]
                if (L == "en") hb = hugo_front(ti, su, k) "\n" b
                else hb = hugo_front(wm_tr(ti, L), wm_tr(su, L), k) "\n" wm_tr(b, L)
                writefile(out "/hugo/content/" L "/" TID[t] "/" NAME[t, k] "/index.md", hb)
            }
        }
    printf "make-corpus: %d modules, %d files, %d bytes\n", modules, FILES, BYTES > "/dev/stderr"
}
