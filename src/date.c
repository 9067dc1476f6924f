/* Day-number arithmetic (Howard Hinnant's civil calendar algorithms) and the
 * two date forms the record format allows. */
#include "date.h"

#include "decrec.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : dm[m - 1];
}

int32_t dr_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void dr_date_to_ymd(int32_t day, int *y, int *m, int *d)
{
	int32_t z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int dr_date_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (int)((day + 3) % 7);
	return w < 0 ? w + 7 : w;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

/* The year, month and day as written, each -1 when not digits; -1 when the
 * text has neither form. */
static int split(const char *s, size_t n, int *y, int *m, int *d)
{
	if (n != 10)
		return -1;
	if (s[4] == '-' && s[7] == '-') {
		*y = digits(s, 4);
		*m = digits(s + 5, 2);
		*d = digits(s + 8, 2);
	} else if (s[2] == '/' && s[5] == '/') {
		*d = digits(s, 2);
		*m = digits(s + 3, 2);
		*y = digits(s + 6, 4);
	} else {
		return -1;
	}
	return *y < 0 || *m < 0 || *d < 0 ? -1 : 0;
}

int dr_date_parse(int32_t *day, const char *s, size_t n)
{
	int y, m, d;
	if (split(s, n, &y, &m, &d))
		return -1;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -2;
	*day = dr_date_from_ymd(y, m, d);
	return 0;
}

char *dr_date_why(char *buf, size_t cap, const char *s, size_t n)
{
	int y, m, d;
	if (split(s, n, &y, &m, &d))
		snprintf(buf, cap, "expected YYYY-MM-DD or DD/MM/YYYY");
	else if (m < 1 || m > 12)
		snprintf(buf, cap, "months run from 1 to 12");
	else if (y < 1)
		snprintf(buf, cap, "there is no year 0");
	else if (d < 1)
		snprintf(buf, cap, "days of the month start at 1");
	else if (d > days_in_month(y, m))
		snprintf(buf, cap, "%s %d has %d days", month_names[m - 1], y, days_in_month(y, m));
	else
		snprintf(buf, cap, "it is a real day");
	return buf;
}

char *dr_date_iso(char *buf, int32_t day)
{
	int y, m, d;
	dr_date_to_ymd(day, &y, &m, &d);
	snprintf(buf, 24, "%04d-%02d-%02d", y, m, d);
	return buf;
}

char *dr_date_short(char *buf, int32_t day)
{
	int y, m, d;
	dr_date_to_ymd(day, &y, &m, &d);
	snprintf(buf, 24, "%02d/%02d/%04d", d, m, y);
	return buf;
}

char *dr_date_long(char *buf, int32_t day)
{
	int y, m, d;
	dr_date_to_ymd(day, &y, &m, &d);
	snprintf(buf, 24, "%d %s %04d", d, month_names[m - 1], y);
	return buf;
}

const char *dr_date_dayname(int32_t day)
{
	static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	return names[dr_date_weekday(day)];
}

/* The public names of the above (decrec.h). */
int dr_date_parse_str(int32_t *day, const char *s)
{
	return dr_date_parse(day, s, strlen(s)) ? DR_EINVAL : 0;
}

int dr_date_parse_why(int32_t *day, const char *s, char *why, size_t cap)
{
	char because[64];
	int rc = dr_date_parse(day, s, strlen(s));
	if (!rc)
		return 0;
	snprintf(why, cap, "'%s' is not %s: %s", s, rc == -1 ? "a date" : "a real day",
	         dr_date_why(because, sizeof(because), s, strlen(s)));
	return DR_EINVAL;
}

char *dr_date_format_iso(char *buf, int32_t day)
{
	return dr_date_iso(buf, day);
}

char *dr_date_format_short(char *buf, int32_t day)
{
	return dr_date_short(buf, day);
}

const char *dr_date_day_name(int32_t day)
{
	return dr_date_dayname(day);
}

int32_t dr_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return (int32_t)(now / 86400);
	return dr_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
