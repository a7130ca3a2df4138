# A PO file with a Latin-1 byte in a translation (and no UTF-8 header to
# make libgettextpo notice): refused, with its line and column.
printf '\nmsgid "Caf"\nmsgstr "Caf\351"\n' >> locales/fr.po
EXPECT='^locales/fr.po:[0-9]+:12: error: invalid UTF-8'
