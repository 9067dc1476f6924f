/* The calendar: a bitmap of non-working days over the years the data covers. */
#include "calendar.h"

#include "date.h"
#include "decrec.h"
#include "holidays.h"

#include <stdlib.h>
#include <string.h>

static int year_of(int32_t day)
{
	int y, m, d;
	dr_date_to_ymd(day, &y, &m, &d);
	return y;
}

static void mark(dr_calendar *c, int32_t day)
{
	int32_t base = dr_date_from_ymd(c->first_year, 1, 1);
	int32_t i = day - base;
	c->closed[i / 8] |= (uint8_t)(1u << (i % 8));
}

int dr_calendar_init(dr_calendar *c, const char *division, const int32_t *extra, size_t nextra,
                     const int32_t *closures, size_t nclosures)
{
	size_t nb;
	const dr_holiday *builtin = dr_holidays_builtin(division, &nb);
	memset(c, 0, sizeof(*c));
	if (!builtin)
		return DR_EINVAL;
	int lo = DR_HOLIDAYS_FIRST_YEAR, hi = DR_HOLIDAYS_LAST_YEAR;
	for (size_t i = 0; i < nextra; i++) {
		int y = extra[i] / 10000;
		lo = y < lo ? y : lo;
		hi = y > hi ? y : hi;
	}
	for (size_t i = 0; i < nclosures; i++) {
		int y = year_of(closures[i]);
		lo = y < lo ? y : lo;
		hi = y > hi ? y : hi;
	}
	if (lo < 1900 || hi > 2200)
		return DR_EINVAL;
	c->first_year = lo;
	c->last_year = hi;
	int32_t days = dr_date_from_ymd(hi + 1, 1, 1) - dr_date_from_ymd(lo, 1, 1);
	c->covered = calloc((size_t)(hi - lo + 1), 1);
	c->closed = calloc((size_t)days / 8 + 1, 1);
	if (!c->covered || !c->closed) {
		dr_calendar_free(c);
		return DR_ENOMEM;
	}
	/* Years in the extra data replace the built-in ones. */
	for (size_t i = 0; i < nextra; i++)
		c->covered[extra[i] / 10000 - lo] = 2;
	for (size_t i = 0; i < nb; i++) {
		int y = builtin[i].ymd / 10000;
		if (c->covered[y - lo] == 2)
			continue;
		c->covered[y - lo] = 1;
		int v = builtin[i].ymd;
		mark(c, dr_date_from_ymd(v / 10000, v / 100 % 100, v % 100));
	}
	for (size_t i = 0; i < nextra; i++) {
		int v = extra[i];
		mark(c, dr_date_from_ymd(v / 10000, v / 100 % 100, v % 100));
	}
	for (size_t i = 0; i < nclosures; i++)
		mark(c, closures[i]);
	return 0;
}

void dr_calendar_free(dr_calendar *c)
{
	if (!c)
		return;
	free(c->covered);
	free(c->closed);
	c->covered = c->closed = NULL;
}

int dr_calendar_working(const dr_calendar *c, int32_t day)
{
	int y = year_of(day);
	if (y < c->first_year || y > c->last_year || !c->covered[y - c->first_year])
		return -1;
	if (dr_date_weekday(day) >= 5)
		return 0;
	int32_t i = day - dr_date_from_ymd(c->first_year, 1, 1);
	return !(c->closed[i / 8] & (1u << (i % 8)));
}

int dr_calendar_add(const dr_calendar *c, int32_t day, int n, int32_t *out, int *year)
{
	while (n > 0) {
		day++;
		int w = dr_calendar_working(c, day);
		if (w < 0) {
			*year = year_of(day);
			return -1;
		}
		n -= w;
	}
	*out = day;
	return 0;
}

int dr_calendar_between(const dr_calendar *c, int32_t a, int32_t b, int *count, int *year)
{
	int n = 0;
	for (int32_t day = a + 1; day < b; day++) {
		int w = dr_calendar_working(c, day);
		if (w < 0) {
			*year = year_of(day);
			return -1;
		}
		n += w;
	}
	*count = n;
	return 0;
}
