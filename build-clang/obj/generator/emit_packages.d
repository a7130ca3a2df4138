build-clang/obj/generator/emit_packages.o: generator/emit_packages.c \
  generator/emit_packages.h common/err.h generator/project.h \
  generator/config.h generator/content.h generator/translate.h \
  generator/ui.h common/buf.h generator/emit_bundle.h \
  generator/emit_epub.h generator/emit_scorm.h common/fs.h \
  generator/zipout.h

generator/emit_packages.h:

common/err.h:

generator/project.h:

generator/config.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

common/buf.h:

generator/emit_bundle.h:

generator/emit_epub.h:

generator/emit_scorm.h:

common/fs.h:

generator/zipout.h:
