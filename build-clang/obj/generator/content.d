build-clang/obj/generator/content.o: generator/content.c \
  generator/content.h generator/config.h common/err.h common/buf.h \
  generator/quiz.h common/strmap.h common/fs.h common/utf8.h \
  generator/ydoc.h

generator/content.h:

generator/config.h:

common/err.h:

common/buf.h:

generator/quiz.h:

common/strmap.h:

common/fs.h:

common/utf8.h:

generator/ydoc.h:
