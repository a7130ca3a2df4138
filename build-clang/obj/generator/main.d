build-clang/obj/generator/main.o: generator/main.c generator/build.h \
  generator/emit_site.h common/err.h generator/project.h \
  generator/config.h generator/content.h generator/translate.h \
  generator/ui.h generator/tmpl.h common/buf.h generator/tval.h \
  generator/extract.h common/fs.h generator/status.h

generator/build.h:

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

generator/extract.h:

common/fs.h:

generator/status.h:
