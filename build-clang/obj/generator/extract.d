build-clang/obj/generator/extract.o: generator/extract.c \
  generator/extract.h generator/project.h generator/config.h \
  common/err.h generator/content.h generator/translate.h generator/ui.h \
  common/buf.h common/fs.h generator/pofile.h common/strmap.h \
  generator/units.h

generator/extract.h:

generator/project.h:

generator/config.h:

common/err.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

common/buf.h:

common/fs.h:

generator/pofile.h:

common/strmap.h:

generator/units.h:
