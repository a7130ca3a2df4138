build-clang/obj/kiosk/script.o: kiosk/script.c kiosk/script.h \
  common/err.h

kiosk/script.h:

common/err.h:
