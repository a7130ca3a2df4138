build-clang/obj/common/utf8.o: common/utf8.c common/utf8.h common/err.h

common/utf8.h:

common/err.h:
