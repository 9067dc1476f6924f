/* dr_grow, the one growth helper: room made by doubling, nothing done when
 * there is room, and a size that overflows refused with the array kept. */
#include "tests.h"

#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

START_TEST(grow_first)
{
	int *v = NULL;
	size_t cap = 0;
	ck_assert_int_eq(dr_grow(&v, &cap, 1, sizeof(*v)), 0);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(cap, 16); /* at least 16 items */
	v[15] = 7;
	free(v);
	/* A first need above the minimum gets exactly that. */
	v = NULL;
	cap = 0;
	ck_assert_int_eq(dr_grow(&v, &cap, 100, sizeof(*v)), 0);
	ck_assert_uint_eq(cap, 100);
	v[99] = 7;
	free(v);
}
END_TEST

START_TEST(grow_doubles)
{
	int *v = NULL;
	size_t cap = 0;
	ck_assert_int_eq(dr_grow(&v, &cap, 16, sizeof(*v)), 0);
	for (int i = 0; i < 16; i++)
		v[i] = i;
	int *before = v;
	/* Room enough: nothing moves. */
	ck_assert_int_eq(dr_grow(&v, &cap, 16, sizeof(*v)), 0);
	ck_assert_ptr_eq(v, before);
	ck_assert_uint_eq(cap, 16);
	ck_assert_int_eq(dr_grow(&v, &cap, 0, sizeof(*v)), 0);
	ck_assert_uint_eq(cap, 16);
	/* One more: twice the capacity, the items kept. */
	ck_assert_int_eq(dr_grow(&v, &cap, 17, sizeof(*v)), 0);
	ck_assert_uint_eq(cap, 32);
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(v[i], i);
	/* More than twice: what is needed. */
	ck_assert_int_eq(dr_grow(&v, &cap, 1000, sizeof(*v)), 0);
	ck_assert_uint_eq(cap, 1000);
	v[999] = 1;
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(v[i], i);
	free(v);
}
END_TEST

START_TEST(grow_overflow)
{
	int *v = NULL;
	size_t cap = 0;
	ck_assert_int_eq(dr_grow(&v, &cap, 16, sizeof(*v)), 0);
	for (int i = 0; i < 16; i++)
		v[i] = i;
	int *before = v;
	/* need * size overflows: refused before any allocation, the array and
	 * its capacity untouched and still the caller's. */
	ck_assert_int_eq(dr_grow(&v, &cap, SIZE_MAX / sizeof(*v) + 1, sizeof(*v)), -1);
	ck_assert_ptr_eq(v, before);
	ck_assert_uint_eq(cap, 16);
	ck_assert_int_eq(dr_grow(&v, &cap, SIZE_MAX, sizeof(*v)), -1);
	ck_assert_ptr_eq(v, before);
	ck_assert_uint_eq(cap, 16);
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(v[i], i);
	/* Still usable afterwards. */
	ck_assert_int_eq(dr_grow(&v, &cap, 17, sizeof(*v)), 0);
	ck_assert_uint_eq(cap, 32);
	ck_assert_int_eq(v[15], 15);
	free(v);
	/* From no array at all: nothing allocated. */
	char **p = NULL;
	cap = 0;
	ck_assert_int_eq(dr_grow(&p, &cap, SIZE_MAX / 2, sizeof(*p)), -1);
	ck_assert_ptr_null(p);
	ck_assert_uint_eq(cap, 0);
}
END_TEST

Suite *suite_grow(void)
{
	Suite *s = suite_create("grow");
	TCase *tc = tcase_create("grow");
	tcase_add_test(tc, grow_first);
	tcase_add_test(tc, grow_doubles);
	tcase_add_test(tc, grow_overflow);
	suite_add_tcase(s, tc);
	return s;
}
