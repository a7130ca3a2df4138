build-clang/obj/generator/units.o: generator/units.c generator/units.h \
  generator/project.h generator/config.h common/err.h \
  generator/content.h generator/translate.h generator/ui.h \
  generator/quiz.h generator/segment.h

generator/units.h:

generator/project.h:

generator/config.h:

common/err.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

generator/quiz.h:

generator/segment.h:
