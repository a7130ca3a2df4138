# Front matter that never ends.
printf -- '---\ntitle: "x"\n\nbody\n' > content/basics/02-safety/index.md
EXPECT='^content/basics/02-safety/index.md:1: error: front matter is not closed'
