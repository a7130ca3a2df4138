build-clang/obj/common/strmap.o: common/strmap.c common/strmap.h \
  common/buf.h

common/strmap.h:

common/buf.h:
