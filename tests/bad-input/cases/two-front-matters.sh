# Problems in the front matter of two modules: both are reported in one run.
sed -i 's/^minutes: 3$/minutes: three/' content/basics/01-welcome/index.md
sed -i '/^title:/d' content/basics/02-safety/index.md
EXPECT='^content/basics/01-welcome/index.md:[0-9]+: error: "minutes" must be a whole number'
AFTER='grep -Eq "^content/basics/02-safety/index.md:[0-9]+: error: missing \"title\"" "$work/stderr"'
