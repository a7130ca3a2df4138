# A quiz that is not well-formed XML: an element never closed.
sed -i 's|<prompt>Raw HTML in a module is shown on the page.</prompt>|<prompt>Raw HTML<b> in a module</prompt>|' content/basics/01-welcome/quiz.xml
EXPECT='^content/basics/01-welcome/quiz.xml:[0-9]+: error: .*mismatch'
