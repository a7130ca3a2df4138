build-clang/obj/common/bundle.o: common/bundle.c common/bundle.h \
  common/err.h common/buf.h build-clang/gen/bundle_sql.h

common/bundle.h:

common/err.h:

common/buf.h:

build-clang/gen/bundle_sql.h:
