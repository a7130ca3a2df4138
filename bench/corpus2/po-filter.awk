# crsv-kit bench, second corpus: the filter that msgfilter runs on each
# msgstr (after msgen copied the msgid into it):
#   msgfilter -i fr.po -o fr.po --keep-header \
#       awk -v lang=fr -f pseudo.awk -f po-filter.awk
# The whole message is one record (RS is a byte that never occurs), printed
# back through T without adding or dropping a newline.
BEGIN { RS = "\001"; ORS = "" }
{ printf "%s", ps_tr($0, lang) }
