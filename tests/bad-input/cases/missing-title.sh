# A module's front matter without a title.
sed -i '/^title:/d' content/basics/02-safety/index.md
EXPECT='^content/basics/02-safety/index.md:2: error: missing "title"'
