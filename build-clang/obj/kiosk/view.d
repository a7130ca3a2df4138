build-clang/obj/kiosk/view.o: kiosk/view.c kiosk/view.h kiosk/layout.h

kiosk/view.h:

kiosk/layout.h:
