build-clang/obj/generator/segment.o: generator/segment.c \
  generator/segment.h common/buf.h

generator/segment.h:

common/buf.h:
