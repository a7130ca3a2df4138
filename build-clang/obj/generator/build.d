build-clang/obj/generator/build.o: generator/build.c generator/build.h \
  generator/emit_site.h common/err.h generator/project.h \
  generator/config.h generator/content.h generator/translate.h \
  generator/ui.h generator/tmpl.h common/buf.h generator/tval.h \
  generator/emit_packages.h common/fs.h

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

generator/emit_packages.h:

common/fs.h:
