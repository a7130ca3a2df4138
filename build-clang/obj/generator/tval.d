build-clang/obj/generator/tval.o: generator/tval.c generator/tval.h \
  common/buf.h

generator/tval.h:

common/buf.h:
