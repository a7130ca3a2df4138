build-clang/obj/generator/mdhtml.o: generator/mdhtml.c generator/mdhtml.h \
  common/buf.h common/err.h generator/translate.h generator/segment.h

generator/mdhtml.h:

common/buf.h:

common/err.h:

generator/translate.h:

generator/segment.h:
