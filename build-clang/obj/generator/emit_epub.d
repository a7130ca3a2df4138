build-clang/obj/generator/emit_epub.o: generator/emit_epub.c \
  generator/emit_epub.h common/err.h generator/project.h \
  generator/config.h generator/content.h generator/translate.h \
  generator/ui.h common/buf.h common/fs.h generator/mdhtml.h \
  generator/quiz.h generator/segment.h common/strmap.h \
  generator/zipout.h

generator/emit_epub.h:

common/err.h:

generator/project.h:

generator/config.h:

generator/content.h:

generator/translate.h:

generator/ui.h:

common/buf.h:

common/fs.h:

generator/mdhtml.h:

generator/quiz.h:

generator/segment.h:

common/strmap.h:

generator/zipout.h:
