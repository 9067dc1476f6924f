/* Built-in GOV.UK bank holidays for the three UK divisions. */
#ifndef DR_HOLIDAYS_H
#define DR_HOLIDAYS_H
#include <stddef.h>
#include <stdint.h>

/* Years the built-in tables cover, inclusive. */
#define DR_HOLIDAYS_FIRST_YEAR 2012
#define DR_HOLIDAYS_LAST_YEAR 2027

typedef struct dr_holiday {
	int32_t ymd; /* date as YYYYMMDD, e.g. 20240329 */
	const char *title; /* e.g. "Good Friday" */
} dr_holiday;

/* Built-in holidays of division `name` ("england-and-wales", "scotland",
 * "northern-ireland"), sorted by date; the count goes to *count. NULL for an
 * unknown name. The table is static and read-only. */
const dr_holiday *dr_holidays_builtin(const char *name, size_t *count);

#endif
