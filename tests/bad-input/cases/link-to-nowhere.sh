# A link to a module that does not exist.
printf '\nSee [nothing](../09-nothing/index.md).\n' >> content/basics/02-safety/index.md
EXPECT='^content/basics/02-safety/index.md:1[0-9]: error: link "../09-nothing/index.md" does not point to a module'
