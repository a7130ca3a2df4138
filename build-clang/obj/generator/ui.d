build-clang/obj/generator/ui.o: generator/ui.c generator/ui.h \
  common/err.h common/buf.h common/fs.h common/utf8.h generator/ydoc.h

generator/ui.h:

common/err.h:

common/buf.h:

common/fs.h:

common/utf8.h:

generator/ydoc.h:
