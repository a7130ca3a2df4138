# The same front-matter key twice: the second would silently win.
sed -i 's/^minutes: 2$/minutes: 2\ntitle: "Again"/' content/basics/02-safety/index.md
EXPECT='^content/basics/02-safety/index.md:[0-9]+: error: key "title" given twice'
