build-clang/obj/kiosk/material.o: kiosk/material.c kiosk/material.h \
  common/err.h kiosk/layout.h common/buf.h common/bundle.h \
  common/strmap.h

kiosk/material.h:

common/err.h:

kiosk/layout.h:

common/buf.h:

common/bundle.h:

common/strmap.h:
