# A PO file with an unterminated string.
printf '\nmsgid "unterminated\nmsgstr ""\n' >> locales/fr.po
EXPECT='^locales/fr.po:[0-9]+(:[0-9]+)?: error: '
