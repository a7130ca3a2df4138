# Several rule breaks in two quizzes: all reported in one run.
sed -i 's|<quiz id="welcome"|<quiz id="hello"|; s|<choice id="heading" correct="true">|<choice id="list" correct="true">|' content/basics/01-welcome/quiz.xml
cat > content/basics/02-safety/quiz.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<quiz id="safety" pass-percent="80">
  <question id="q" type="single">
    <prompt>P</prompt>
    <choice id="a" correct="true">A</choice>
    <choice id="b" correct="true">B</choice>
    <explanation>E</explanation>
  </question>
</quiz>
XML
EXPECT='content/basics/02-safety/quiz.xml:3: error: question "q" is single but has 2 correct choices'
# and the first quiz's problems are there too
AFTER='grep -q "quiz id \"hello\" does not match its module \"welcome\"" "$work/stderr" && grep -q "choice id \"list\" used twice" "$work/stderr"'
