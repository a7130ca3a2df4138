build-clang/obj/generator/ydoc.o: generator/ydoc.c generator/ydoc.h \
  common/err.h common/buf.h common/fs.h common/utf8.h

generator/ydoc.h:

common/err.h:

common/buf.h:

common/fs.h:

common/utf8.h:
