build-clang/obj/generator/config.o: generator/config.c generator/config.h \
  common/err.h common/buf.h common/fs.h common/utf8.h generator/ydoc.h

generator/config.h:

common/err.h:

common/buf.h:

common/fs.h:

common/utf8.h:

generator/ydoc.h:
