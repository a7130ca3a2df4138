# po_ui: prints the msgstr of msgctxt "ui" / msgid WANT in a PO file, nothing
# when it is missing, empty, fuzzy or obsolete.
function unq(s) {
	sub(/^[^"]*"/, "", s); sub(/"[ \t]*$/, "", s)
	gsub(/\\"/, "\"", s); gsub(/\\n/, "\n", s); gsub(/\\\\/, "\\", s)
	return s
}
function done() {
	if (ctx == "ui" && id == want && !fuzzy && str != "") { printf "%s", str; found = 1; exit }
	ctx = id = str = cur = ""; fuzzy = 0; inctx = 0
}
/^[ \t]*$/ { done(); next }
/^#,.*fuzzy/ { fuzzy = 1; next }
/^#/ { next }
/^msgctxt / { cur = "ctx"; ctx = unq($0); inctx = 1; next }
/^msgid / { cur = "id"; id = unq($0); next }
/^msgstr / { cur = "str"; str = unq($0); next }
/^"/ { if (cur == "ctx") ctx = ctx unq($0); else if (cur == "id") id = id unq($0); else if (cur == "str") str = str unq($0); next }
END { if (!found) done() }
