# A byte that is not UTF-8 on line 10 of a module.
printf 'Caf\351 au lait.\n' >> content/basics/02-safety/index.md
EXPECT='^content/basics/02-safety/index.md:1[0-9]:4: error: invalid UTF-8'
