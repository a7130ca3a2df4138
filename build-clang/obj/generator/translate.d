build-clang/obj/generator/translate.o: generator/translate.c \
  generator/translate.h common/err.h common/buf.h common/fs.h \
  generator/pofile.h common/utf8.h

generator/translate.h:

common/err.h:

common/buf.h:

common/fs.h:

generator/pofile.h:

common/utf8.h:
