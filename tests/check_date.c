/* Dates: the two written forms, real days, weekdays, formatting. */
#include "tests.h"

#include "date.h"

#include <string.h>

static int32_t parse(const char *s, int *rc)
{
	int32_t day = 12345;
	*rc = dr_date_parse(&day, s, strlen(s));
	return day;
}

START_TEST(forms)
{
	int rc;
	int32_t a = parse("2024-07-19", &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(parse("19/07/2024", &rc), a);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(a, dr_date_from_ymd(2024, 7, 19));
	ck_assert_int_eq(dr_date_from_ymd(1970, 1, 1), 0);
	char buf[24];
	ck_assert_str_eq(dr_date_iso(buf, a), "2024-07-19");
	ck_assert_str_eq(dr_date_short(buf, a), "19/07/2024");
	ck_assert_str_eq(dr_date_long(buf, a), "19 July 2024");
	ck_assert_str_eq(dr_date_dayname(a), "Fri");
	ck_assert_int_eq(dr_date_weekday(a), 4);
}
END_TEST

START_TEST(not_dates)
{
	static const char *const bad[] = {
	    "2024-7-19",   "19-07-2024",   "2024/07/19", "19/7/2024", "2024-07-19T00:00",
	    " 2024-07-19", "July 19 2024", "20x4-07-19", "",          "2024-07-1a"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int rc;
		ck_assert_int_eq(parse(bad[i], &rc), 12345); /* not written on failure */
		ck_assert_msg(rc == -1, "%s gave %d", bad[i], rc);
	}
}
END_TEST

START_TEST(unreal_days)
{
	static const char *const bad[] = {"2024-02-30", "2023-02-29", "31/04/2024", "2024-13-01",
	                                  "2024-00-10", "00/01/2024", "1900-02-29"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int rc;
		parse(bad[i], &rc);
		ck_assert_msg(rc == -2, "%s gave %d", bad[i], rc);
	}
	int rc;
	parse("2024-02-29", &rc);
	ck_assert_int_eq(rc, 0);
	parse("2000-02-29", &rc);
	ck_assert_int_eq(rc, 0);
}
END_TEST

/* Why a day is not real, in both forms, and the public message. */
START_TEST(why_not_real)
{
	static const char *const cases[][2] = {
	    {"31/04/2025", "April 2025 has 30 days"},
	    {"2025-04-31", "April 2025 has 30 days"},
	    {"29/02/2025", "February 2025 has 28 days"},
	    {"2024-02-30", "February 2024 has 29 days"},
	    {"1900-02-29", "February 1900 has 28 days"},
	    {"32/01/2025", "January 2025 has 31 days"},
	    {"2025-13-01", "months run from 1 to 12"},
	    {"01/00/2025", "months run from 1 to 12"},
	    {"00/01/2025", "days of the month start at 1"},
	    {"0000-01-01", "there is no year 0"},
	    {"2025-4-30", "expected YYYY-MM-DD or DD/MM/YYYY"},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		ck_assert_str_eq(dr_date_why(buf, sizeof(buf), cases[i][0], strlen(cases[i][0])),
		                 cases[i][1]);
	int32_t day = 7;
	ck_assert_int_eq(dr_date_parse_why(&day, "31/04/2025", buf, sizeof(buf)), DR_EINVAL);
	ck_assert_str_eq(buf, "'31/04/2025' is not a real day: April 2025 has 30 days");
	ck_assert_int_eq(dr_date_parse_why(&day, "next week", buf, sizeof(buf)), DR_EINVAL);
	ck_assert_str_eq(buf, "'next week' is not a date: expected YYYY-MM-DD or DD/MM/YYYY");
	ck_assert_int_eq(day, 7);
	ck_assert_int_eq(dr_date_parse_why(&day, "30/04/2025", buf, sizeof(buf)), 0);
	ck_assert_int_eq(day, dr_date_from_ymd(2025, 4, 30));
}
END_TEST

START_TEST(round_trip)
{
	/* Every day of 1900-2100 comes back as itself. */
	int32_t from = dr_date_from_ymd(1900, 1, 1), to = dr_date_from_ymd(2100, 12, 31);
	for (int32_t d = from; d <= to; d++) {
		int y, m, dd;
		dr_date_to_ymd(d, &y, &m, &dd);
		ck_assert_int_eq(dr_date_from_ymd(y, m, dd), d);
	}
	ck_assert_int_eq(to - from + 1, 73414);
}
END_TEST

Suite *suite_date(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, forms);
	tcase_add_test(tc, not_dates);
	tcase_add_test(tc, unreal_days);
	tcase_add_test(tc, why_not_real);
	tcase_add_test(tc, round_trip);
	suite_add_tcase(s, tc);
	return s;
}
