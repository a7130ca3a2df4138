build-clang/obj/kiosk/layout.o: kiosk/layout.c kiosk/layout.h \
  /usr/include/fribidi/fribidi.h /usr/include/fribidi/fribidi-common.h \
  /usr/include/fribidi/fribidi-config.h \
  /usr/include/fribidi/fribidi-unicode.h \
  /usr/include/fribidi/fribidi-types.h \
  /usr/include/fribidi/fribidi-begindecls.h \
  /usr/include/fribidi/fribidi-enddecls.h \
  /usr/include/fribidi/fribidi-unicode-version.h \
  /usr/include/fribidi/fribidi-flags.h \
  /usr/include/fribidi/fribidi-bidi-types.h \
  /usr/include/fribidi/fribidi-bidi-types-list.h \
  /usr/include/fribidi/fribidi-bidi.h \
  /usr/include/fribidi/fribidi-joining-types.h \
  /usr/include/fribidi/fribidi-joining-types-list.h \
  /usr/include/fribidi/fribidi-joining.h \
  /usr/include/fribidi/fribidi-mirroring.h \
  /usr/include/fribidi/fribidi-brackets.h \
  /usr/include/fribidi/fribidi-arabic.h \
  /usr/include/fribidi/fribidi-shape.h \
  /usr/include/fribidi/fribidi-char-sets.h \
  /usr/include/fribidi/fribidi-char-sets-list.h \
  /usr/include/fribidi/fribidi-deprecated.h common/buf.h common/utf8.h \
  common/err.h

kiosk/layout.h:

/usr/include/fribidi/fribidi.h:

/usr/include/fribidi/fribidi-common.h:

/usr/include/fribidi/fribidi-config.h:

/usr/include/fribidi/fribidi-unicode.h:

/usr/include/fribidi/fribidi-types.h:

/usr/include/fribidi/fribidi-begindecls.h:

/usr/include/fribidi/fribidi-enddecls.h:

/usr/include/fribidi/fribidi-unicode-version.h:

/usr/include/fribidi/fribidi-flags.h:

/usr/include/fribidi/fribidi-bidi-types.h:

/usr/include/fribidi/fribidi-bidi-types-list.h:

/usr/include/fribidi/fribidi-bidi.h:

/usr/include/fribidi/fribidi-joining-types.h:

/usr/include/fribidi/fribidi-joining-types-list.h:

/usr/include/fribidi/fribidi-joining.h:

/usr/include/fribidi/fribidi-mirroring.h:

/usr/include/fribidi/fribidi-brackets.h:

/usr/include/fribidi/fribidi-arabic.h:

/usr/include/fribidi/fribidi-shape.h:

/usr/include/fribidi/fribidi-char-sets.h:

/usr/include/fribidi/fribidi-char-sets-list.h:

/usr/include/fribidi/fribidi-deprecated.h:

common/buf.h:

common/utf8.h:

common/err.h:
