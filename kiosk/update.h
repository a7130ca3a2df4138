/*
 * update.h - a new kiosk bundle installed from a folder (a USB stick), from
 * the admin screen: checked as at start (its seal; with trusted keys its
 * signature; not older than the bundle shown), copied beside the bundle in
 * use, then swapped in by rename.  The bundle it replaces is kept as
 * BUNDLE.old until the new one has started once (update_started): a new
 * bundle that cannot start gives way to it (update_fall_back).
 *
 * Plain C, no SDL: the admin screen (screen_admin.c) calls it, main.c at start.
 */
#ifndef CRSV_UPDATE_H
#define CRSV_UPDATE_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "seal.h"
#include "sign.h"

/* What the kiosk checks a bundle against. */
struct update_trust {
	const struct sign_key *keys;   /* NULL, 0: any sealed bundle */
	size_t nkeys;
	int64_t min_release;           /* the release shown now: not older */
};

/* Install FROM_DIR/kiosk.bundle as `bundle`; *seal (when not NULL) gets
 * the new one's seal.  Nothing changes unless it is accepted and copied
 * whole. */
int update_install(const char *from_dir, const char *bundle, const struct update_trust *t,
                   struct seal *seal, struct err *e);

/* The bundle has started: the one it replaced goes. */
void update_started(const char *bundle);

/* The bundle did not start: back to the one it replaced, if there is one
 * (1), else 0. */
int update_fall_back(const char *bundle);

#endif
