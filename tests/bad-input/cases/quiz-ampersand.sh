# A bare & in a quiz text: the error says to write &amp;.
sed -i '0,/<prompt>/s//<prompt>Salt \& pepper /' content/basics/01-welcome/quiz.xml
EXPECT='quiz.xml:[0-9]+: error: a bare "&": write it as &amp;'
