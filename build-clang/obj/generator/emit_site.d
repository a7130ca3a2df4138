build-clang/obj/generator/emit_site.o: generator/emit_site.c \
  generator/emit_site.h common/err.h generator/project.h \
  generator/config.h generator/content.h generator/translate.h \
  generator/ui.h generator/tmpl.h common/buf.h generator/tval.h \
  common/fs.h generator/mdhtml.h generator/quiz.h generator/segment.h \
  generator/status.h common/strmap.h generator/units.h

generator/emit_site.h:

common/err.h:

generator/project.h:

generator/config.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

generator/tmpl.h:

common/buf.h:

generator/tval.h:

common/fs.h:

generator/mdhtml.h:

generator/quiz.h:

generator/segment.h:

generator/status.h:

common/strmap.h:

generator/units.h:
