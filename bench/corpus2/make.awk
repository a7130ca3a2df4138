# crsv-kit bench, second corpus: the project's real content plus N modules
# generated from its shape (POSIX awk, mawk ok; LC_ALL=C; pseudo.awk first).
#
#   awk -v real=CONTENT -v list=FILE -v images=FILE -v out=DIR -v modules=N \
#       -v seed=S -f pseudo.awk -f make.awk
#
#   real     the real content/ folder (site.yaml and its modules)
#   list     "track<TAB>folder" of each real module, sorted
#   images   image files to put beside generated modules, one path a line
#   out      corpus dir: writes crsv/content/<track>/<NNNN-id>/ for the
#            generated modules (run.sh copies the real ones first),
#            hugo/content/{en,fr,ar}/ for every module, real or generated,
#            images.tsv (source, destination: the shell copies them) and
#            stats.txt
#
# Each generated module takes a real module of its track as its template:
# the same sequence of blocks (headings, paragraphs of n sentences, bullet
# and numbered lists, quotes), filled with sentences, list items, headings
# and quiz questions drawn from all the real modules of that track with a
# Park-Miller PRNG, so no two pages are alike. Added on top: *emphasis* and
# **strong**, links to other modules (generated and real) and to external
# sites, an image in most modules, sometimes a bullet list made numbered.
# Real relative links are rewritten to ../../<track>/<folder>/index.md so
# they still resolve from anywhere. Hugo's pages are T(text, lang) of the
# same Markdown (pseudo.awk), the quiz page reads the same quiz.xml.

function rnd(n) {
	S = (S * 16807) % 2147483647
	return int(S / 2147483647 * n)
}

function readfile(path,   s, line, first) {
	s = ""; first = 1
	while ((getline line < path) > 0) { s = s (first ? "" : "\n") line; first = 0 }
	close(path)
	return s (first ? "" : "\n")
}

function emit(path, text) {
	printf "%s", text > path
	close(path)
}

function unquote(v) {
	sub(/^[ \t]*"/, "", v); sub(/"[ \t]*$/, "", v)
	return v
}

# ](../NN-x/index.md) of a module of `track` -> ](../../track/NN-x/index.md)
function fixlinks(s, track) {
	while (match(s, /\]\(\.\.\/[0-9]/))
		s = substr(s, 1, RSTART + 1) "../../" track "/" substr(s, RSTART + 5)
	return s
}

function pool_add(name, track, s) {
	P[name, track, ++PN[name, track]] = s
	P[name, "*", ++PN[name, "*"]] = s
}

function pool_pick(name, track) {
	if (PN[name, track] == 0) track = "*"
	return P[name, track, 1 + rnd(PN[name, track])]
}

# Split a paragraph into sentences: after . ! or ? (and closing quotes or
# brackets), before a capital, outside [link text] and *emphasis*.
function add_sentences(text, track,   n, w, i, s, depth, stars, k, c, cnt) {
	n = split(text, w, " ")
	s = ""; depth = 0; stars = 0; cnt = 0
	for (i = 1; i <= n; i++) {
		s = (s == "" ? w[i] : s " " w[i])
		for (k = 1; k <= length(w[i]); k++) {
			c = substr(w[i], k, 1)
			if (c == "[") depth++
			else if (c == "]") depth--
			else if (c == "*") stars++
		}
		if (i < n && depth == 0 && stars % 2 == 0 && w[i] ~ /[.!?]["')]*$/ &&
		    w[i] !~ /^(e\.g\.|i\.e\.|etc\.)$/ && w[i + 1] ~ /^["*[(]*[A-Z0-9]/) {
			pool_add("sent", track, s); s = ""; cnt++
		}
	}
	if (s != "") { pool_add("sent", track, s); cnt++ }
	return cnt
}

# One real module: front matter, block shape, pools.
function parse_real(i,   text, nl, L, j, fm, body, type, nb, blk, line, item, m, track) {
	track = RM_track[i]
	text = RM_md[i]
	nl = split(text, L, "\n")
	fm = 0; nb = 0; type = ""; blk = ""; item = ""
	for (j = 1; j <= nl + 1; j++) {
		line = (j <= nl) ? L[j] : ""
		if (fm < 2) {
			if (line == "---") { fm++; continue }
			if (line ~ /^title:/) { sub(/^title:[ ]*/, "", line); RM_title[i] = unquote(line) }
			else if (line ~ /^summary:/) { sub(/^summary:[ ]*/, "", line); RM_summary[i] = unquote(line) }
			else if (line ~ /^minutes:/) { sub(/^minutes:[ ]*/, "", line); RM_minutes[i] = line }
			else if (line ~ /^audience:/) { sub(/^audience:[ ]*/, "", line); RM_audience[i] = line }
			continue
		}
		if (line == "") {
			if (type == "p") { SH[i, ++nb] = "p"; SHN[i, nb] = add_sentences(fixlinks(blk, track), track) }
			else if (type == "ul" || type == "ol") {
				if (item != "") { pool_add(type, track, fixlinks(item, track)); m++ }
				SH[i, ++nb] = type; SHN[i, nb] = m
			} else if (type == "bq") { SH[i, ++nb] = "bq"; SHN[i, nb] = m }
			type = ""; blk = ""; item = ""; m = 0
			continue
		}
		if (type == "") {
			if (line ~ /^## /) { pool_add("h2", track, substr(line, 4)); SH[i, ++nb] = "h2"; continue }
			if (line ~ /^### /) { pool_add("h3", track, substr(line, 5)); SH[i, ++nb] = "h3"; continue }
			if (line ~ /^- /) type = "ul"
			else if (line ~ /^[0-9]+\. /) type = "ol"
			else if (line ~ /^> /) type = "bq"
			else type = "p"
			m = 0
		}
		if (type == "ul" || type == "ol") {
			if (line ~ /^(- |[0-9]+\. )/) {
				if (item != "") { pool_add(type, track, fixlinks(item, track)); m++ }
				sub(/^(- |[0-9]+\. )/, "", line); item = line
			} else item = item " " line
		} else if (type == "bq") {
			sub(/^> ?/, "", line)
			if (line != "") { pool_add("bq", track, fixlinks(line, track)); m++ }
		} else blk = (blk == "" ? line : blk " " line)
	}
	RM_nblocks[i] = nb
	# quiz: pass mark and question blocks
	text = RM_quiz[i]
	nl = split(text, L, "\n")
	RM_pass[i] = ""
	blk = ""
	for (j = 1; j <= nl; j++) {
		line = L[j]
		if (line ~ /<quiz / && match(line, /pass-percent="[0-9]+"/)) RM_pass[i] = substr(line, RSTART, RLENGTH)
		if (line ~ /<question /) blk = line
		else if (blk != "") {
			blk = blk "\n" fixlinks(line, track)
			if (line ~ /<\/question>/) { pool_add("q", track, blk); blk = "" }
		}
	}
}

# A word of a paragraph made *emphasis* or **strong** (outside link text).
function decorate(s,   n, w, i, k, try, depth, c, mark, out) {
	if (rnd(100) >= 45) return s
	mark = rnd(3) ? "*" : "**"
	n = split(s, w, " ")
	for (try = 0; try < 6; try++) {
		i = 1 + rnd(n)
		if (w[i] !~ /^[a-z][a-z][a-z]+[,;.]?$/) continue
		depth = 0
		for (k = 1; k < i; k++) { c = w[k]; depth += gsub(/\[/, "[", c) - gsub(/\]/, "]", c) }
		if (depth != 0) continue
		if (match(w[i], /[,;.]$/)) w[i] = mark substr(w[i], 1, RSTART - 1) mark substr(w[i], RSTART)
		else w[i] = mark w[i] mark
		break
	}
	out = w[1]
	for (i = 2; i <= n; i++) out = out " " w[i]
	return out
}

function paragraph(track, n,   s, i) {
	if (n < 1) n = 1
	if (n > 6) n = 6
	s = pool_pick("sent", track)
	for (i = 2; i <= n; i++) s = s " " pool_pick("sent", track)
	return decorate(s)
}

function plain(s) { gsub(/[*"\[\]\\]/, "", s); return s }

# The Markdown of generated module g.
function gen_body(g,   t, track, nb, j, k, n, s, body, type, ordered, img, links, nlinks, target, x) {
	t = G_tmpl[g]; track = G_track[g]
	nb = RM_nblocks[t]
	body = paragraph(track, 2 + rnd(3))
	img = (rnd(100) < 65) ? 1 + rnd(nb) : 0
	nlinks = 0
	for (j = 1; j <= nb; j++) {
		type = SH[t, j]; n = SHN[t, j]
		if (type == "h2") s = "## " pool_pick("h2", track)
		else if (type == "h3") s = "### " pool_pick("h3", track)
		else if (type == "p") {
			s = paragraph(track, n)
			# about one paragraph in four gets a link to another module
			if (rnd(4) == 0) {
				if (rnd(3)) { x = 1 + (g + rnd(NG)) % NG; s = s " See also [" plain(G_title[x]) "](../../" G_track[x] "/" G_folder[x] "/index.md)." }
				else { x = 1 + rnd(NRM); s = s " See also [" plain(RM_title[x]) "](../../" RM_track[x] "/" RM_folder[x] "/index.md)." }
				nlinks++
			}
		} else if (type == "ul" || type == "ol") {
			if (n < 2) n = 2
			if (n > 8) n = 8
			ordered = (type == "ol" || rnd(4) == 0)
			s = ""
			for (k = 1; k <= n; k++)
				s = s (k > 1 ? "\n" : "") (ordered ? k ". " : "- ") pool_pick(ordered && PN["ol", "*"] && rnd(2) ? "ol" : "ul", track)
		} else if (type == "bq") {
			if (n < 1) n = 1
			s = ""
			for (k = 1; k <= n; k++) s = s (k > 1 ? "\n" : "") "> " pool_pick("bq", track)
		} else continue
		body = body "\n\n" s
		if (j == img) {
			x = 1 + rnd(NIMG)
			G_img[g] = IMG[x]
			body = body "\n\n![" plain(pool_pick("h2", track)) "](" IMG_NAME[x] ")"
		}
	}
	if (nlinks == 0) {
		x = 1 + g % NG
		body = body "\n\nThe next module is [" plain(G_title[x]) "](../../" G_track[x] "/" G_folder[x] "/index.md)."
	}
	# external links: a third of the modules; an autolink in one in ten
	if (rnd(3) == 0) { x = 1 + rnd(NEXT); body = body "\n\nMore is published on [" EXT_TEXT[x] "](" EXT_URL[x] ")." }
	if (rnd(10) == 0) { x = 1 + rnd(NEXT); body = body "\n\nSee also <" EXT_URL[x] ">." }
	return body "\n"
}

function gen_quiz(g,   t, track, n, np, j, k, idx, tmp, q, L, nl, ch, nch, out, x) {
	t = G_tmpl[g]; track = G_track[g]
	np = PN["q", track]
	if (np == 0) track = "*"
	np = PN["q", track]
	n = 3 + rnd(4)
	if (n > np) n = np
	for (j = 1; j <= np; j++) idx[j] = j
	out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz id=\"" G_id[g] "\"" (RM_pass[t] != "" ? " " RM_pass[t] : "") ">\n"
	for (j = 1; j <= n; j++) {
		k = j + rnd(np - j + 1); tmp = idx[j]; idx[j] = idx[k]; idx[k] = tmp
		q = P["q", track, idx[j]]
		sub(/<question id="[^"]*"/, "<question id=\"q" j "\"", q)
		# shuffle the choices (the key is on their ids, not their order)
		nl = split(q, L, "\n")
		nch = 0
		for (k = 1; k <= nl; k++) if (L[k] ~ /<choice /) ch[++nch] = k
		for (k = nch; k > 1; k--) {
			x = 1 + rnd(k)
			tmp = L[ch[k]]; L[ch[k]] = L[ch[x]]; L[ch[x]] = tmp
		}
		for (k = 1; k <= nl; k++) out = out L[k] "\n"
	}
	return out "</quiz>\n"
}

# Hugo's index.md of a module: the same Markdown through T, with the
# summary also as description (what Hugo's templates read).
function hugo_md(text, lang,   nl, L, j, fm, out, line, v) {
	nl = split(text, L, "\n")
	if (L[nl] == "") nl--
	fm = 0; out = ""
	for (j = 1; j <= nl; j++) {
		line = L[j]
		if (fm < 2) {
			if (line == "---") fm++
			else if (line ~ /^title: /) line = "title: " ps_tr(substr(line, 8), lang)
			else if (line ~ /^summary: /) {
				v = ps_tr(substr(line, 10), lang)
				line = "summary: " v "\ndescription: " v
			}
		} else line = ps_tr(line, lang)
		out = out line "\n"
	}
	return out
}

function hugo_xml(text, lang,   nl, L, j, out) {
	nl = split(text, L, "\n")
	if (L[nl] == "") nl--
	out = ""; PS_INTAG = 0
	for (j = 1; j <= nl; j++) out = out ps_tr_xml(L[j], lang) "\n"
	return out
}

function hugo_module(track, folder, title, md, quiz,   l, lang, d) {
	for (l = 1; l <= 3; l++) {
		lang = LANGS[l]
		d = out "/hugo/content/" lang "/" track "/" folder
		emit(d "/index.md", hugo_md(md, lang))
		emit(d "/quiz.xml", hugo_xml(quiz, lang))
		emit(d "-quiz.md", "---\ntitle: \"" ps_tr("Quiz: " title, lang) "\"\ntype: quiz\nmodule: \"/" track "/" folder "\"\n---\n")
	}
}

BEGIN {
	if (seed == "") seed = 20240607
	if (modules == "") modules = 1000
	S = seed % 2147483646 + 1
	split("en fr ar", LANGS, " ")
	NEXT = split("https://peacekeeping.un.org/en/conflict-related-sexual-violence|" \
	    "https://www.un.org/sexualviolenceinconflict/|https://www.stoprapenow.org/|" \
	    "https://www.un.org/en/", EXT_URL, "|")
	split("the UN peacekeeping website|the website of the Special Representative on Sexual Violence in Conflict|" \
	    "the UN Action network|the United Nations website", EXT_TEXT, "|")

	# site.yaml: site title, tracks (id, order, title, summary)
	nt = 0; intracks = 0
	while ((getline line < (real "/site.yaml")) > 0) {
		if (line ~ /^title:/) { sub(/^title:[ ]*/, "", line); SITE_TITLE = unquote(line) }
		if (line ~ /^[a-z_]+:/) intracks = (line ~ /^tracks:/)
		if (!intracks) continue
		if (line ~ /^  - id:/) { sub(/^  - id:[ ]*/, "", line); TR[++nt] = line }
		else if (line ~ /^    order:/) { sub(/^    order:[ ]*/, "", line); TR_order[nt] = line }
		else if (line ~ /^    title:/) { sub(/^    title:[ ]*/, "", line); TR_title[nt] = unquote(line) }
		else if (line ~ /^    summary:/) { sub(/^    summary:[ ]*/, "", line); TR_summary[nt] = unquote(line) }
	}
	close(real "/site.yaml")

	NRM = 0
	while ((getline line < list) > 0) {
		split(line, a, "\t")
		NRM++
		RM_track[NRM] = a[1]; RM_folder[NRM] = a[2]
		RM_md[NRM] = readfile(real "/" a[1] "/" a[2] "/index.md")
		RM_quiz[NRM] = readfile(real "/" a[1] "/" a[2] "/quiz.xml")
		TRACK_REAL[a[1], ++TRACK_NREAL[a[1]]] = NRM
		parse_real(NRM)
	}
	close(list)
	NIMG = 0
	while ((getline line < images) > 0) {
		IMG[++NIMG] = line
		n = split(line, a, "/"); IMG_NAME[NIMG] = a[n]
	}
	close(images)

	# plan: tracks in turn, like the first corpus (334/333/333 for 1000)
	NG = modules
	for (g = 1; g <= NG; g++) {
		tk = TR[1 + (g - 1) % nt]
		G_track[g] = tk
		ORD[tk]++
		t = TRACK_REAL[tk, 1 + rnd(TRACK_NREAL[tk])]
		G_tmpl[g] = t
		id = RM_folder[t]; sub(/^[0-9]+-/, "", id)
		if (length(id) > 50) id = substr(id, 1, 50)
		G_id[g] = id "-g" sprintf("%04d", g)
		G_folder[g] = (1000 + ORD[tk]) "-" G_id[g]
		G_title[g] = plain(pool_pick("h2", tk)) ", part " g
	}

	# folders: one mkdir -p for all of them
	mk = "xargs mkdir -p"
	for (l = 1; l <= 3; l++)
		for (k = 1; k <= nt; k++) print out "/hugo/content/" LANGS[l] "/" TR[k] | mk
	for (i = 1; i <= NRM; i++)
		for (l = 1; l <= 3; l++) print out "/hugo/content/" LANGS[l] "/" RM_track[i] "/" RM_folder[i] | mk
	for (g = 1; g <= NG; g++) {
		print out "/crsv/content/" G_track[g] "/" G_folder[g] | mk
		for (l = 1; l <= 3; l++) print out "/hugo/content/" LANGS[l] "/" G_track[g] "/" G_folder[g] | mk
	}
	close(mk)

	# Hugo: home and track sections
	for (l = 1; l <= 3; l++) {
		lang = LANGS[l]
		emit(out "/hugo/content/" lang "/_index.md", "---\ntitle: \"" ps_tr(SITE_TITLE, lang) "\"\n---\n")
		for (k = 1; k <= nt; k++)
			emit(out "/hugo/content/" lang "/" TR[k] "/_index.md",
			     "---\ntitle: \"" ps_tr(TR_title[k], lang) "\"\ndescription: \"" ps_tr(TR_summary[k], lang) \
			     "\"\nweight: " TR_order[k] "\n---\n")
	}
	for (i = 1; i <= NRM; i++)
		hugo_module(RM_track[i], RM_folder[i], RM_title[i], RM_md[i], RM_quiz[i])

	imgs = out "/images.tsv"
	printf "" > imgs
	nimg = 0
	for (g = 1; g <= NG; g++) {
		t = G_tmpl[g]
		G_img[g] = ""
		body = gen_body(g)
		summary = ""
		for (try = 0; try < 20 && summary == ""; try++) {
			summary = pool_pick("sent", G_track[g])
			if (summary ~ /[*"\[\]\\<]/) summary = ""
		}
		if (summary == "") summary = plain(RM_summary[t])
		md = "---\ntitle: \"" G_title[g] "\"\nsummary: \"" summary "\"\nminutes: " RM_minutes[t] \
		     "\naudience: " RM_audience[t] "\ncritical: false\n---\n\n" body
		quiz = gen_quiz(g)
		d = out "/crsv/content/" G_track[g] "/" G_folder[g]
		emit(d "/index.md", md)
		emit(d "/quiz.xml", quiz)
		hugo_module(G_track[g], G_folder[g], G_title[g], md, quiz)
		if (G_img[g] != "") {
			nimg++
			print G_img[g] "\t" d >> imgs
			for (l = 1; l <= 3; l++)
				print G_img[g] "\t" out "/hugo/content/" LANGS[l] "/" G_track[g] "/" G_folder[g] >> imgs
		}
	}
	close(imgs)
	st = out "/stats.txt"
	printf "real modules %d, generated modules %d, generated with an image %d\n", NRM, NG, nimg > st
	printf "pools: sentences %d, bullet items %d, numbered items %d, quotes %d, headings %d+%d, quiz questions %d\n",
	    PN["sent", "*"], PN["ul", "*"], PN["ol", "*"], PN["bq", "*"], PN["h2", "*"], PN["h3", "*"], PN["q", "*"] > st
	close(st)
}
