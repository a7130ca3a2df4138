build-clang/obj/kiosk/store.o: kiosk/store.c kiosk/store.h common/err.h \
  common/buf.h common/fs.h build-clang/gen/records_sql.h

kiosk/store.h:

common/err.h:

common/buf.h:

common/fs.h:

build-clang/gen/records_sql.h:
