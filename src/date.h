/* Calendar dates as day numbers: parsing the two written forms of the record
 * format, formatting, weekdays. Day 0 is 1970-01-01. */
#ifndef DR_DATE_H
#define DR_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Parses `YYYY-MM-DD` or `DD/MM/YYYY` (s[0..n), nothing else) into *day.
 * Returns 0; -1 when the text is not one of the forms, -2 when it has the
 * form but is not a real day (2024-02-30). *day is written only on 0. */
int dr_date_parse(int32_t *day, const char *s, size_t n);
/* Why dr_date_parse refuses s[0..n), into buf[cap], to follow a colon: "April
 * 2025 has 30 days", "months run from 1 to 12", or for text of neither form
 * "expected YYYY-MM-DD or DD/MM/YYYY". Returns buf. */
char *dr_date_why(char *buf, size_t cap, const char *s, size_t n);
/* The day number of a civil date; the date must be valid. */
int32_t dr_date_from_ymd(int y, int m, int d);
/* The civil date of a day number. */
void dr_date_to_ymd(int32_t day, int *y, int *m, int *d);
/* 0 Monday .. 6 Sunday. */
int dr_date_weekday(int32_t day);
/* Formats into buf (at least 24 bytes): "2024-07-19" (iso), "19/07/2024"
 * (short), "19 July 2024" (long). Returns buf. */
char *dr_date_iso(char *buf, int32_t day);
char *dr_date_short(char *buf, int32_t day);
char *dr_date_long(char *buf, int32_t day);
/* "Fri" for a day number. */
const char *dr_date_dayname(int32_t day);

#endif
