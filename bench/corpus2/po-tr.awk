# crsv-kit bench, second corpus: T (pseudo.awk) applied to every msgstr of
# a PO file in one pass, the same result as
#   msgfilter --keep-header awk -v lang=LANG -f pseudo.awk -f po-filter.awk
# without one process per message (msgfilter's way: 40 ms each on a loaded
# 2-core machine, an hour for this corpus). Run on msgen's output:
#   awk -v lang=LANG -f pseudo.awk -f po-tr.awk in.po > out.po
# The header entry (msgid "") is kept as it is, like --keep-header. Inside
# a PO string, escapes (\n, \", \\, \t) are left alone; the text between
# them goes through T, and since T is token-local that is the same as T of
# the unescaped text.
function tr_po_string(s,   out, st) {
	out = ""
	while (match(s, /\\./)) {
		st = RSTART
		out = out ps_tr(substr(s, 1, st - 1), lang) substr(s, st, 2)
		s = substr(s, st + 2)
	}
	return out ps_tr(s, lang)
}
# A msgstr's string lines are joined and written back as one line (PO
# wrapping may cut a line between "]" and "(", or inside a URL).
function body_of(line) {
	match(line, /^(msgstr(\[[0-9]+\])? )?"/)
	line = substr(line, RLENGTH + 1)
	sub(/"[ \t]*$/, "", line)
	return line
}
function flush() {
	if (instr && !header) print key " \"" tr_po_string(acc) "\""
	instr = 0
}
/^msgid / { flush(); header = ($0 == "msgid \"\""); inid = 1; print; next }
/^"/ && inid { if ($0 != "\"\"") header = 0; print; next }
/^msgstr/ {
	flush()
	inid = 0
	if (header) { print; next }
	instr = 1; key = $0; sub(/ ".*/, "", key); acc = body_of($0)
	next
}
/^"/ && instr { acc = acc body_of($0); next }
/^"/ { print; next }
{ flush(); inid = 0; print }
END { flush() }
