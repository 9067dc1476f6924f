/* The calendar: the built-in holiday table against GOV.UK's data, and the
 * call-in, notice and general exception arithmetic of rules.md. */
#include "tests.h"

#include "config.h"
#include "date.h"
#include "holidays.h"
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t D(const char *s)
{
	int32_t d = 0;
	ck_assert_msg(dr_date_parse(&d, s, strlen(s)) == 0, "bad date %s", s);
	return d;
}

static dr_config *defaults(void)
{
	dr_config *cfg = NULL;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	return cfg;
}

static void expect_call_in(dr_config *cfg, const char *pub, const char *deadline, const char *eff)
{
	int32_t d, e;
	int year = 0;
	char a[24], b[24];
	ck_assert_int_eq(dr_date_call_in(&d, &e, cfg, D(pub), &year), 0);
	ck_assert_str_eq(dr_date_iso(a, d), deadline);
	ck_assert_str_eq(dr_date_iso(b, e), eff);
}

/* Every date of every division of ../shared/data/bank-holidays.json is in
 * the built-in table, and nothing else is. */
START_TEST(builtin_matches_govuk)
{
	static const char *const divisions[] = {"england-and-wales", "scotland",
	                                        "northern-ireland"};
	char path[1024];
	snprintf(path, sizeof(path), "%s/data/bank-holidays.json", shared_dir());
	size_t len;
	char *buf = read_text(path, &len);
	ck_assert_msg(buf != NULL, "cannot read %s: set SHARED to the shared folder", path);
	dr_arena *a = dr_arena_new(64u << 20);
	dr_diags d = {.arena = a};
	dr_loader *l = dr_loader_new(buf, len);
	dr_node *root;
	dr_pos start;
	ck_assert_int_eq(dr_loader_next(l, a, &d, &root, &start), 1);
	ck_assert_uint_eq(d.n, 0);
	for (int k = 0; k < 3; k++) {
		const dr_node *ev = dr_node_get(dr_node_get(root, divisions[k]), "events");
		ck_assert_ptr_nonnull(ev);
		size_t nb;
		const dr_holiday *h = dr_holidays_builtin(divisions[k], &nb);
		ck_assert_ptr_nonnull(h);
		ck_assert_uint_eq(nb, ev->u.seq.n);
		for (size_t i = 0; i < nb; i++) {
			const char *s = dr_node_str(dr_node_get(ev->u.seq.items[i], "date"));
			char want[16];
			snprintf(want, sizeof(want), "%04d-%02d-%02d", h[i].ymd / 10000,
			         h[i].ymd / 100 % 100, h[i].ymd % 100);
			ck_assert_msg(s && !strcmp(s, want), "%s: GOV.UK has %s, built-in %s",
			              divisions[k], s ? s : "?", want);
		}
		ck_assert_int_eq(h[0].ymd / 10000, DR_HOLIDAYS_FIRST_YEAR);
		ck_assert_int_eq(h[nb - 1].ymd / 10000, DR_HOLIDAYS_LAST_YEAR);
	}
	ck_assert_ptr_null(dr_holidays_builtin("wales", &len));
	dr_loader_free(l);
	free(d.v);
	dr_arena_free(a);
	free(buf);
}
END_TEST

START_TEST(call_in_examples)
{
	dr_config *cfg = defaults();
	/* The three examples of rules.md. */
	expect_call_in(cfg, "2024-07-19", "2024-07-26", "2024-07-27");
	expect_call_in(cfg, "2024-03-28", "2024-04-08", "2024-04-09");
	expect_call_in(cfg, "2022-09-16", "2022-09-26", "2022-09-27");
	/* Christmas: 25, 26 December and the weekend skipped. */
	expect_call_in(cfg, "2024-12-20", "2024-12-31", "2025-01-01");
	/* The publication day never counts, even on a Saturday. */
	expect_call_in(cfg, "2024-07-20", "2024-07-26", "2024-07-27");
	cfg->effective_next_working = 1;
	expect_call_in(cfg, "2024-07-19", "2024-07-26", "2024-07-29");
	cfg->effective_next_working = 0;
	cfg->call_in_days = 10;
	expect_call_in(cfg, "2024-07-19", "2024-08-02", "2024-08-03");
	dr_config_free(cfg);
}
END_TEST

START_TEST(divisions_and_closures)
{
	dr_config *cfg = defaults();
	dr_calendar_free(&cfg->cal);
	/* Scotland: 2 January 2024 is a holiday, Easter Monday is not. */
	ck_assert_int_eq(dr_calendar_init(&cfg->cal, "scotland", NULL, 0, NULL, 0), 0);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, D("2024-01-02")), 0);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, D("2024-04-01")), 1);
	dr_calendar_free(&cfg->cal);
	/* Northern Ireland: 12 July. */
	ck_assert_int_eq(dr_calendar_init(&cfg->cal, "northern-ireland", NULL, 0, NULL, 0), 0);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, D("2024-07-12")), 0);
	dr_calendar_free(&cfg->cal);
	/* A closure moves the deadline by a day. */
	int32_t closure = D("2024-07-22");
	ck_assert_int_eq(dr_calendar_init(&cfg->cal, "england-and-wales", NULL, 0, &closure, 1), 0);
	expect_call_in(cfg, "2024-07-19", "2024-07-29", "2024-07-30");
	dr_calendar_free(&cfg->cal);
	/* Extra data replaces the built-in year: 2024 with only 22 July. */
	int32_t extra[] = {20240722};
	ck_assert_int_eq(dr_calendar_init(&cfg->cal, "england-and-wales", extra, 1, NULL, 0), 0);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, D("2024-12-25")), 1);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, D("2024-07-22")), 0);
	dr_calendar_free(&cfg->cal);
	ck_assert_int_eq(dr_calendar_init(&cfg->cal, "atlantis", NULL, 0, NULL, 0), DR_EINVAL);
	dr_config_free(cfg);
}
END_TEST

START_TEST(coverage)
{
	dr_config *cfg = defaults();
	int32_t d = 0, e = 0;
	int year = 0;
	/* Publication on Christmas Eve 2027 runs into 2028, which has no data. */
	ck_assert_int_eq(dr_date_call_in(&d, &e, cfg, D("2027-12-24"), &year), DR_ERANGE);
	ck_assert_int_eq(year, 2028);
	ck_assert_int_eq(dr_date_call_in(&d, &e, cfg, D("2011-12-20"), &year), DR_ERANGE);
	ck_assert_int_eq(year, 2011);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, D("2028-01-08")), -1);
	/* With 2028 added the same computation succeeds. */
	int32_t extra[] = {20280103};
	dr_calendar_free(&cfg->cal);
	ck_assert_int_eq(dr_calendar_init(&cfg->cal, "england-and-wales", extra, 1, NULL, 0), 0);
	expect_call_in(cfg, "2027-12-24", "2028-01-05", "2028-01-06");
	dr_config_free(cfg);
}
END_TEST

START_TEST(notice)
{
	dr_config *cfg = defaults();
	char buf[24];
	int32_t e;
	int year;
	/* 24/00058: first published 18/06/2024, earliest decision 17/07/2024. */
	ck_assert_str_eq(dr_date_iso(buf, dr_date_earliest_key_decision(cfg, D("2024-06-18"))),
	                 "2024-07-17");
	/* General exception: 5 clear working days, Easter 2025 skipped. */
	ck_assert_int_eq(dr_date_earliest_exception(&e, cfg, D("2025-04-15"), &year), 0);
	ck_assert_str_eq(dr_date_iso(buf, e), "2025-04-25");
	cfg->exception_calendar = 1;
	ck_assert_int_eq(dr_date_earliest_exception(&e, cfg, D("2025-04-15"), &year), 0);
	ck_assert_str_eq(dr_date_iso(buf, e), "2025-04-21");
	int n;
	ck_assert_int_eq(
	    dr_calendar_between(&cfg->cal, D("2025-04-15"), D("2025-04-25"), &n, &year), 0);
	ck_assert_int_eq(n, 5);
	dr_config_free(cfg);
}
END_TEST

Suite *suite_calendar(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("calendar");
	tcase_add_test(tc, builtin_matches_govuk);
	tcase_add_test(tc, call_in_examples);
	tcase_add_test(tc, divisions_and_closures);
	tcase_add_test(tc, coverage);
	tcase_add_test(tc, notice);
	suite_add_tcase(s, tc);
	return s;
}
