build-clang/obj/generator/zipout.o: generator/zipout.c generator/zipout.h \
  common/err.h common/buf.h common/fs.h

generator/zipout.h:

common/err.h:

common/buf.h:

common/fs.h:
