# A translator mistypes a link target in fr.po: the error names the PO file,
# its line and the language, not the English content file.
sed -i 's#sécurité\](../02-safety/index.md)#sécurité](../02-safty/index.md)#' locales/fr.po
EXPECT='^locales/fr.po:[0-9]+: error: in the fr translation: link "../02-safty/index.md" does not point to a module.s index.md \(source: content/basics/01-welcome/index.md:[0-9]+\)'
