# An XML bomb (billion laughs): refused before any entity is expanded.
{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE quiz ['
	echo '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
	for l in b c d e f g h i j; do
		p=$(printf '%s' abcdefghij | sed "s/$l.*//" | tail -c 1)
		echo "<!ENTITY $l \"&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;\">"
	done
	echo ']>'
	echo '<quiz id="welcome" pass-percent="50"><question id="q" type="true-false">'
	echo '<prompt>&j;</prompt><choice id="true" correct="true">T</choice>'
	echo '<choice id="false">F</choice><explanation>E</explanation></question></quiz>'
} > content/basics/01-welcome/quiz.xml
EXPECT='^content/basics/01-welcome/quiz.xml:2: error: DOCTYPE is not allowed'
