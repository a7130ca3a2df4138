build-clang/obj/generator/emit_bundle.o: generator/emit_bundle.c \
  generator/emit_bundle.h common/err.h generator/project.h \
  generator/config.h generator/content.h generator/translate.h \
  generator/ui.h common/buf.h common/bundle.h common/fs.h \
  generator/mdhtml.h generator/quiz.h generator/segment.h \
  common/strmap.h generator/zipout.h

generator/emit_bundle.h:

common/err.h:

generator/project.h:

generator/config.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

common/buf.h:

common/bundle.h:

common/fs.h:

generator/mdhtml.h:

generator/quiz.h:

generator/segment.h:

common/strmap.h:

generator/zipout.h:
