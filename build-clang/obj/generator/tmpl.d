build-clang/obj/generator/tmpl.o: generator/tmpl.c generator/tmpl.h \
  common/buf.h common/err.h generator/tval.h common/fs.h

generator/tmpl.h:

common/buf.h:

common/err.h:

generator/tval.h:

common/fs.h:
