build-clang/obj/common/fs.o: common/fs.c common/fs.h common/err.h \
  common/buf.h

common/fs.h:

common/err.h:

common/buf.h:
