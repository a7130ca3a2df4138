# The help module's translation marked fuzzy: the critical module is not
# complete in French, so the build fails naming the unit and its line.
sed -i '0,/^msgid "You can ask for help."/s//#, fuzzy\n&/' locales/fr.po
EXPECT='^content/help/01-get-help/index.md:9: error: critical module "help/01-get-help" is fuzzy in fr'
