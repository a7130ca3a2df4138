# An unquoted title with ": " in it: the error says to quote the value.
sed -i '2s/^title: "Welcome"$/title: Welcome: a test/' content/basics/01-welcome/index.md
EXPECT='^content/basics/01-welcome/index.md:2:15: error: a ": " inside a value: put the whole value in double quotes'
