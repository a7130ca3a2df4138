build-clang/obj/kiosk/app.o: kiosk/app.c kiosk/app.h kiosk/layout.h \
  kiosk/material.h common/err.h kiosk/store.h kiosk/view.h common/buf.h

kiosk/app.h:

kiosk/layout.h:

kiosk/material.h:

common/err.h:

kiosk/store.h:

kiosk/view.h:

common/buf.h:
