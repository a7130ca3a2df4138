/* utc.c - UTC calendar arithmetic; see utc.h. */
#include "utc.h"

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t utc_days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void utc_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t z = days + 719468, era = floor_div(z, 146097), doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int64_t utc_day_of(int64_t ms)
{
	return floor_div(ms, UTC_DAY_MS);
}

/* n digits of v, zero-padded. */
static char *digits(char *o, int64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		o[i] = (char)('0' + v % 10);
	return o + n;
}

size_t utc_format(int64_t ms, int iso, char *out)
{
	int64_t day = utc_day_of(ms), y, s = floor_div(ms, 1000) - day * 86400;
	int m, d;
	char *o = out;
	utc_civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;   /* a kiosk clock gone wild: still four digits */
	o = digits(o, y, 4);
	*o++ = '-';
	o = digits(o, m, 2);
	*o++ = '-';
	o = digits(o, d, 2);
	*o++ = iso ? 'T' : ' ';
	o = digits(o, s / 3600, 2);
	*o++ = ':';
	o = digits(o, s / 60 % 60, 2);
	if (iso) {
		*o++ = ':';
		o = digits(o, s % 60, 2);
		*o++ = 'Z';
	}
	*o = '\0';
	return (size_t)(o - out);
}
