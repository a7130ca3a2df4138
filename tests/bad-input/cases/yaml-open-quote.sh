# A quote left open in a title: the error names the line where the quote
# opens, in plain words.
sed -i '2s/^title: "Welcome"$/title: "Welcome/' content/basics/01-welcome/index.md
EXPECT='^content/basics/01-welcome/index.md:2:1: error: a quote opened on this line is not closed'
