# A critical unit that the PO file does not have at all (extract not run
# since it was written): the error names the source line, as nothing in the
# PO file can be pointed at.
printf '\nA new sentence nobody has translated.\n' >> content/help/01-get-help/index.md
EXPECT='^content/help/01-get-help/index.md:[0-9]+: error: critical module "help/01-get-help" is not translated in fr \(Français\): "A new sentence nobody has translated."'
