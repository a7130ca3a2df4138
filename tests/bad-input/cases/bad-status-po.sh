# status reads the PO files too: a broken one is an error there as well.
printf 'msgid "x"\nmsgstr "y"\nmsgstr "z"\n' >> locales/ar.po
COMMAND=status
EXPECT='^locales/ar.po:[0-9]+(:[0-9]+)?: error: '
