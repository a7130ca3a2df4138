# Wrong attribute values in a quiz: each error names the attribute and the
# values it may take, not libxml2's "failed to validate attributes".
sed -i '0,/type="single"/s//type="singel"/' content/basics/01-welcome/quiz.xml
sed -i '0,/correct="true"/s//correct="yes"/' content/basics/01-welcome/quiz.xml
EXPECT='quiz.xml:[0-9]+: error: <question type="singel">: type must be single, multiple or true-false'
AFTER='grep -q "<choice correct=\"yes\">: correct must be true or false" "$work/stderr"'
