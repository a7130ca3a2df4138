# A tab before a key: YAML is indented with spaces, and the error says so.
sed -i '2s/^/\t/' content/basics/01-welcome/index.md
EXPECT='^content/basics/01-welcome/index.md:2:1: error: a tab character: indent with spaces only'
