build-clang/obj/generator/status.o: generator/status.c generator/status.h \
  generator/project.h generator/config.h common/err.h \
  generator/content.h generator/translate.h generator/ui.h common/buf.h \
  generator/mdhtml.h generator/quiz.h generator/segment.h \
  generator/units.h

generator/status.h:

generator/project.h:

generator/config.h:

common/err.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

common/buf.h:

generator/mdhtml.h:

generator/quiz.h:

generator/segment.h:

generator/units.h:
