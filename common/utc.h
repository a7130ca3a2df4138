/*
 * utc.h - dates and times in UTC, by arithmetic: the proleptic Gregorian
 * calendar of days since 1970-01-01, without the C library's time-zone
 * machinery (gmtime_r and strftime cost more than the rest of a report's
 * row).  Times are milliseconds since 1970-01-01 00:00 UTC.
 *
 * The algorithms are Howard Hinnant's days_from_civil / civil_from_days.
 */
#ifndef CRSV_UTC_H
#define CRSV_UTC_H

#include <stddef.h>
#include <stdint.h>

#define UTC_DAY_MS 86400000LL

/* Days since 1970-01-01 of the date y-m-d (m 1-12, d 1-31). */
int64_t utc_days_from_civil(int64_t y, int m, int d);

/* The date of a day since 1970-01-01. */
void utc_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* The day (since 1970-01-01) of a time, rounding down before 1970. */
int64_t utc_day_of(int64_t ms);

/* A time as "2026-03-01T10:15:00Z" (iso != 0) or "2026-03-01 10:15";
 * `out` holds at least 32 bytes.  Returns the length. */
size_t utc_format(int64_t ms, int iso, char *out);

#endif
