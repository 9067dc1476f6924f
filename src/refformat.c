/* Reference formats: the placeholders of `reference_format`, used to make
 * the next reference (`decrec new`) and to read the sequence number of the
 * references already in use. Every placeholder has a fixed width, so a
 * reference is read back left to right with no backtracking. */
#include "refformat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { P_TEXT, P_YY, P_YYYY, P_SEQ, P_BAD };

/* The part of fmt at *p: a placeholder (its kind, and for {seq:N} its
 * width in *width) or one literal byte (P_TEXT); *len is its length. */
static int part(const char *p, size_t *len, int *width)
{
	if (*p == '}') {
		*len = 1;
		return P_BAD;
	}
	if (*p != '{') {
		*len = 1;
		return P_TEXT;
	}
	if (!strncmp(p, "{yy}", 4)) {
		*len = 4;
		return P_YY;
	}
	if (!strncmp(p, "{yyyy}", 6)) {
		*len = 6;
		return P_YYYY;
	}
	if (!strncmp(p, "{seq:", 5) && p[5] >= '1' && p[5] <= '9' && p[6] == '}') {
		*width = p[5] - '0';
		*len = 7;
		return P_SEQ;
	}
	const char *end = strchr(p, '}');
	*len = end ? (size_t)(end - p) + 1 : strlen(p);
	return P_BAD;
}

int dr_refformat_check(const char *fmt, char *why, size_t cap)
{
	int seqs = 0, width = 0;
	size_t len;
	for (const char *p = fmt; *p; p += len) {
		int k = part(p, &len, &width);
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			snprintf(why, cap, "it holds a control character");
			return -1;
		}
		if (k == P_BAD && *p == '}') {
			snprintf(why, cap, "a '}' that closes no placeholder");
			return -1;
		}
		if (k == P_BAD) {
			snprintf(why, cap,
			         "unknown placeholder '%.*s': expected {yy}, {yyyy} or {seq:N} "
			         "with N from 1 to 9",
			         (int)len, p);
			return -1;
		}
		seqs += k == P_SEQ;
	}
	if (seqs != 1) {
		snprintf(why, cap, "it must hold one {seq:N} (the sequence number), not %d", seqs);
		return -1;
	}
	return 0;
}

unsigned long dr_refformat_max(const char *fmt)
{
	int width = 0;
	size_t len;
	for (const char *p = fmt; *p; p += len)
		part(p, &len, &width);
	unsigned long max = 1;
	for (int i = 0; i < width; i++)
		max *= 10;
	return max - 1;
}

int dr_refformat_make(char *buf, size_t cap, const char *fmt, int year, unsigned long seq)
{
	size_t n = 0, len;
	int width = 0;
	if (seq > dr_refformat_max(fmt))
		return -1;
	for (const char *p = fmt; *p; p += len) {
		int k = part(p, &len, &width);
		int w = k == P_TEXT   ? snprintf(buf + n, cap - n, "%c", *p)
		        : k == P_YY   ? snprintf(buf + n, cap - n, "%02d", year % 100)
		        : k == P_YYYY ? snprintf(buf + n, cap - n, "%04d", year)
		                      : snprintf(buf + n, cap - n, "%0*lu", width, seq);
		if (w < 0 || (size_t)w >= cap - n)
			return -1;
		n += (size_t)w;
	}
	return 0;
}

/* The number written in exactly `width` digits at s, or -1. */
static long digits(const char *s, int width)
{
	long v = 0;
	for (int i = 0; i < width; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int dr_refformat_parse(unsigned long *seq, const char *fmt, const char *ref, int year)
{
	const char *r = ref;
	size_t len;
	int width = 0;
	long got = -1;
	for (const char *p = fmt; *p; p += len) {
		int k = part(p, &len, &width);
		if (k == P_TEXT) {
			if (*r++ != *p)
				return 0;
		} else if (k == P_YY) {
			if (digits(r, 2) != year % 100)
				return 0;
			r += 2;
		} else if (k == P_YYYY) {
			if (digits(r, 4) != year)
				return 0;
			r += 4;
		} else if (k == P_SEQ) {
			if ((got = digits(r, width)) < 0)
				return 0;
			r += width;
		} else {
			return 0;
		}
	}
	if (*r || got < 0)
		return 0;
	*seq = (unsigned long)got;
	return 1;
}
