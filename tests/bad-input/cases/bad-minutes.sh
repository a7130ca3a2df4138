# minutes that is not a number.
sed -i 's/^minutes: 2$/minutes: two/' content/basics/02-safety/index.md
EXPECT='^content/basics/02-safety/index.md:[0-9]+: error: "minutes" must be a whole number'
