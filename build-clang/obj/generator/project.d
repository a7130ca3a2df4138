build-clang/obj/generator/project.o: generator/project.c \
  generator/project.h generator/config.h common/err.h \
  generator/content.h generator/translate.h generator/ui.h common/buf.h \
  common/fs.h generator/quiz.h

generator/project.h:

generator/config.h:

common/err.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

common/buf.h:

common/fs.h:

generator/quiz.h:
