build-clang/obj/generator/emit_scorm.o: generator/emit_scorm.c \
  generator/emit_scorm.h common/err.h generator/project.h \
  generator/config.h generator/content.h generator/translate.h \
  generator/ui.h common/buf.h common/fs.h generator/quiz.h \
  generator/zipout.h

generator/emit_scorm.h:

common/err.h:

generator/project.h:

generator/config.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

common/buf.h:

common/fs.h:

generator/quiz.h:

generator/zipout.h:
