/* Working days: weekends, the division's bank holidays (built in, or from a
 * GOV.UK holidays file) and the council's closures. A day in a year the data
 * does not cover is never guessed at. */
#ifndef DR_CALENDAR_H
#define DR_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

typedef struct dr_calendar {
	int first_year, last_year; /* range of the tables below */
	uint8_t *covered; /* per year of the range: holiday data known */
	uint8_t *closed; /* bitmap per day from first_year-01-01 */
} dr_calendar;

/* Builds a calendar from the built-in table of `division`, then each year of
 * `extra` (YYYYMMDD dates, sorted or not) replaces the built-in year, then
 * `closures` (day numbers) are added. Returns 0, DR_ENOMEM or DR_EINVAL for
 * an unknown division. */
int dr_calendar_init(dr_calendar *c, const char *division, const int32_t *extra, size_t nextra,
                     const int32_t *closures, size_t nclosures);
void dr_calendar_free(dr_calendar *c);

/* 1 working, 0 not, -1 when the day's year has no holiday data. */
int dr_calendar_working(const dr_calendar *c, int32_t day);
/* The n-th working day strictly after `day` into *out. -1 with *year set
 * when a needed year is not covered. */
int dr_calendar_add(const dr_calendar *c, int32_t day, int n, int32_t *out, int *year);
/* The number of working days strictly between a and b (0 if b <= a + 1).
 * -1 with *year as above. */
int dr_calendar_between(const dr_calendar *c, int32_t a, int32_t b, int *count, int *year);

#endif
