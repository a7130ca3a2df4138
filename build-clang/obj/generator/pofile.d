build-clang/obj/generator/pofile.o: generator/pofile.c generator/pofile.h \
  common/err.h common/buf.h

generator/pofile.h:

common/err.h:

common/buf.h:
