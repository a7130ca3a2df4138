# crsv-kit bench, second corpus: the pseudo-translation T(text, lang) that
# stands in for a French and an Arabic translator (POSIX awk, mawk ok; run
# with LC_ALL=C so that it works on bytes, the same in every awk).
#
# Used twice, so both generators publish the same text:
#   - crsv-gen: as the filter of `msgfilter` (po-filter.awk), applied to each
#     msgstr after `msgen` has copied the msgid into it;
#   - Hugo: by make.awk, applied to the English Markdown of each page, to the
#     title and summary in its front matter and to the text nodes of its
#     quiz.xml.
#
# T is token-local: it rewrites each run of ASCII letters on its own, and
# leaves everything else byte for byte: spaces, digits, punctuation, Markdown
# syntax, non-ASCII text, and the protected spans below (link and image
# destinations, autolinks, bare URLs, entities, code spans, {placeholders} of
# UI strings). So T(crsv-gen's normalised msgid) renders the same as
# T(the Markdown it came from), however the lines were joined.
#
#   fr: a few hundred common words by a word map, the other words with their
#       first e/a/o/u accented (pseudo-French: every message changes and has
#       non-ASCII letters, about the same length).
#   ar: common words by a word map, the other words transliterated letter by
#       letter into Arabic script (2 bytes a letter in UTF-8, right-to-left).

function ps_init(   n, i, a, b) {
	if (PS_INIT) return
	PS_INIT = 1
	PS_PROT = "\\]\\([^)]*\\)|<[A-Za-z][A-Za-z0-9.+-]*:[^ <>]*>|&#?[A-Za-z0-9]+;|\\{[^}]*\\}|`[^`]*`|https?://[^ )<>]*"
	n = split("the le|and et|of de|to à|is est|in dans|a un|for pour|with avec|are sont|" \
	    "not pas|or ou|that que|by par|on sur|their leur|it il|be être|this ce|as comme|" \
	    "from depuis|who qui|can peut|should devrait|must doit|you vous|your votre|they ils|" \
	    "an une|at chez|all tous|any tout|was était|has avait|have ont|more plus|other autre|" \
	    "others autres|people personnes|person personne|women femmes|men hommes|girls filles|" \
	    "boys garçons|children enfants|child enfant|sexual sexuelle|violence violence|" \
	    "help aide|survivor survivant|survivors survivants|conflict conflit|mission mission|" \
	    "missions missions|what quoi|when quand|how comment|why pourquoi|no non|never jamais|" \
	    "also aussi|only seulement|one un|two deux|three trois|five cinq|what quoi|do faire|" \
	    "does fait|if si|so donc|but mais|we nous|our notre|there là|which lequel|about sur|" \
	    "after après|before avant|every chaque|each chaque|may peut|will va|part partie|" \
	    "quiz quiz|see voir|also aussi|where où|safe sûr|health santé|care soins|" \
	    "community communauté|communities communautés|support soutien|protection protection|" \
	    "peace paix|security sécurité|report rapport|reported signalé|case cas|cases cas|" \
	    "police police|armed armé|groups groupes|group groupe|rights droits|human humain|" \
	    "justice justice|law loi|risk risque|risks risques|fault faute|shame honte|" \
	    "family famille|families familles|time temps|right droit|first premier|new nouveau|" \
	    "good bon|work travail|plan plan|staff personnel|leaders chefs|leader chef|" \
	    "against contre|between entre|through par|under sous|without sans|into dans|" \
	    "them eux|him lui|her elle|his son|its son|these ces|those ceux|such tel|than que|" \
	    "been été|being étant|were étaient|had avait|would serait|could pourrait|" \
	    "never jamais|always toujours|often souvent|yes oui|true vrai|false faux|" \
	    "next suivant|back retour|home accueil|page page|module module|modules modules", a, "|")
	for (i = 1; i <= n; i++) { split(a[i], b, " "); PS_W["fr", b[1]] = b[2] }
	n = split("the ال|and و|of من|to إلى|is هو|in في|a أ|for ل|with مع|are هي|not لا|" \
	    "or أو|that أن|by بواسطة|on على|their لهم|it هو|be يكون|this هذا|as ك|from من|" \
	    "who من|can يمكن|should يجب|must يجب|you أنت|your لك|they هم|an أ|at عند|all كل|" \
	    "any أي|was كان|has لديه|have لديهم|more أكثر|other آخر|others آخرون|people الناس|" \
	    "person شخص|women النساء|men الرجال|girls الفتيات|boys الفتيان|children الأطفال|" \
	    "child طفل|sexual الجنسي|violence العنف|help المساعدة|survivor الناجي|" \
	    "survivors الناجون|conflict النزاع|mission البعثة|missions البعثات|what ما|" \
	    "when متى|how كيف|why لماذا|no لا|never أبدا|also أيضا|only فقط|one واحد|two اثنان|" \
	    "three ثلاثة|five خمسة|if إذا|but لكن|we نحن|our لنا|where أين|safe آمن|" \
	    "health الصحة|care الرعاية|community المجتمع|support الدعم|protection الحماية|" \
	    "peace السلام|security الأمن|report تقرير|case حالة|cases حالات|police الشرطة|" \
	    "rights الحقوق|human الإنسان|justice العدالة|law القانون|risk خطر|fault ذنب|" \
	    "shame العار|family الأسرة|time وقت|right حق|first أول|new جديد|good جيد|" \
	    "work عمل|part جزء|quiz اختبار|see انظر|yes نعم|true صحيح|false خطأ|next التالي|" \
	    "page صفحة|module وحدة", a, "|")
	for (i = 1; i <= n; i++) { split(a[i], b, " "); PS_W["ar", b[1]] = b[2] }
	n = split("a ا|b ب|c ك|d د|e ي|f ف|g غ|h ه|i ي|j ج|k ك|l ل|m م|n ن|o و|p ب|q ق|" \
	    "r ر|s س|t ت|u و|v ف|w و|x كس|y ي|z ز", a, "|")
	for (i = 1; i <= n; i++) {
		split(a[i], b, " ")
		PS_AR[b[1]] = b[2]
		PS_AR[toupper(b[1])] = b[2]
	}
}

# One run of ASCII letters.
function ps_word(w, lang,   lw, t, i, n, out) {
	lw = tolower(w)
	if ((lang, lw) in PS_W) {
		t = PS_W[lang, lw]
		# keep an English capital where the French word starts with an ASCII letter
		if (lang == "fr" && w ~ /^[A-Z]/ && t ~ /^[a-z]/)
			t = toupper(substr(t, 1, 1)) substr(t, 2)
		return t
	}
	if (lang == "fr") {
		if (length(w) < 3) return w
		if (!sub(/e/, "é", w) && !sub(/a/, "â", w) && !sub(/o/, "ô", w))
			sub(/u/, "ù", w)
		return w
	}
	out = ""
	n = length(w)
	for (i = 1; i <= n; i++) out = out PS_AR[substr(w, i, 1)]
	return out
}

function ps_words(s, lang,   out) {
	out = ""
	while (match(s, /[A-Za-z]+/)) {
		out = out substr(s, 1, RSTART - 1) ps_word(substr(s, RSTART, RLENGTH), lang)
		s = substr(s, RSTART + RLENGTH)
	}
	return out s
}

# T(s, lang): en returns s unchanged.
function ps_tr(s, lang,   out, st, ln) {
	if (lang == "en") return s
	ps_init()
	out = ""
	while (match(s, PS_PROT)) {
		st = RSTART; ln = RLENGTH   # ps_words calls match() too
		out = out ps_words(substr(s, 1, st - 1), lang) substr(s, st, ln)
		s = substr(s, st + ln)
	}
	return out ps_words(s, lang)
}

# T over the text nodes of one line of XML (tags, attributes and entities
# left alone). PS_INTAG carries a tag that spans lines.
function ps_tr_xml(line, lang,   out, c) {
	if (lang == "en") return line
	out = ""
	while (line != "") {
		if (PS_INTAG) {
			if (match(line, />/)) {
				out = out substr(line, 1, RSTART)
				line = substr(line, RSTART + 1)
				PS_INTAG = 0
			} else { out = out line; line = "" }
		} else if (match(line, /</)) {
			c = RSTART
			out = out ps_tr(substr(line, 1, c - 1), lang)
			line = substr(line, c)
			PS_INTAG = 1
		} else { out = out ps_tr(line, lang); line = "" }
	}
	return out
}
