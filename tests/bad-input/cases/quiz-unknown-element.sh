# An element the schema does not know.
sed -i 's|<prompt>Which of these does|<hint>no</hint><prompt>Which of these does|' content/basics/01-welcome/quiz.xml
EXPECT='^content/basics/01-welcome/quiz.xml:12: error: .*hint'
