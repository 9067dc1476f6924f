/* libzip wrapper. An archive is built in a libzip buffer source, kept
 * (zip_source_keep) past zip_close, then read back whole. */
#include "zipfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define DOS_DATE ((0 << 9) | (1 << 5) | 1) /* 1980-01-01, the first a zip can say */

struct dr_zip {
	zip_t *za;
};

static int add(zip_t *za, const dr_zip_part *p)
{
	zip_source_t *s = zip_source_buffer(za, p->data, p->len, 0);
	if (!s)
		return -1;
	zip_int64_t i = zip_file_add(za, p->name, s, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(s);
		return -1;
	}
	zip_uint64_t idx = (zip_uint64_t)i;
	/* A small part is stored: deflating it saves a few hundred bytes for
	 * zlib's quarter-megabyte of state, set up and torn down each time. */
	return zip_file_set_dostime(za, idx, 0, DOS_DATE, 0) ||
	               zip_set_file_compression(za, idx,
	                                        p->len < 4096 ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0)
	           ? -1
	           : 0;
}

int dr_zip_write(dr_buf *out, const dr_zip_part *parts, size_t n)
{
	zip_error_t ze;
	zip_error_init(&ze);
	out->len = 0;
	out->failed = out->oom = 0;
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	int rc = -1;
	if (!za)
		goto done;
	zip_source_keep(src); /* past zip_close, which writes into it */
	for (size_t i = 0; i < n; i++)
		if (add(za, &parts[i])) {
			zip_discard(za);
			goto done;
		}
	if (zip_close(za)) {
		zip_discard(za);
		goto done;
	}
	zip_stat_t st;
	if (zip_source_stat(src, &st) || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(src))
		goto done;
	char chunk[16384];
	zip_int64_t got;
	while ((got = zip_source_read(src, chunk, sizeof(chunk))) > 0)
		if (dr_buf_add(out, chunk, (size_t)got))
			break;
	zip_source_close(src);
	rc = got == 0 && !out->failed && out->len == st.size ? 0 : -1;
done:
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

int dr_zip_open(dr_zip **out, const char *path, char **err)
{
	int code = 0;
	*err = NULL;
	zip_t *za = zip_open(path, ZIP_RDONLY, &code);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, code);
		const char *why = zip_error_strerror(&ze);
		size_t len = strlen(path) + strlen(why) + 64;
		if ((*err = malloc(len)))
			snprintf(*err, len, "%s: not a Word document (.docx): %s", path, why);
		zip_error_fini(&ze);
		return -1;
	}
	if (!(*out = malloc(sizeof(**out)))) {
		zip_discard(za);
		return -1;
	}
	(*out)->za = za;
	return 0;
}

int dr_zip_open_buffer(dr_zip **out, const void *data, size_t len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (!za) {
		if (src)
			zip_source_free(src);
		return -1;
	}
	if (!(*out = malloc(sizeof(**out)))) {
		zip_discard(za); /* frees src, which it took */
		return -1;
	}
	(*out)->za = za;
	return 0;
}

void dr_zip_close(dr_zip *z)
{
	if (!z)
		return;
	zip_discard(z->za); /* read only: nothing to write */
	free(z);
}

size_t dr_zip_count(dr_zip *z)
{
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	return n > 0 ? (size_t)n : 0;
}

const char *dr_zip_name(dr_zip *z, size_t i)
{
	const char *name = zip_get_name(z->za, i, ZIP_FL_ENC_RAW);
	return name ? name : "";
}

int dr_zip_read(dr_zip *z, const char *name, size_t max, char **data, size_t *len)
{
	zip_stat_t st;
	*data = NULL;
	*len = 0;
	zip_int64_t i = zip_name_locate(z->za, name, 0);
	if (i < 0)
		return 0;
	if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) || !(st.valid & ZIP_STAT_SIZE) ||
	    st.size > max)
		return -1;
	char *buf = malloc((size_t)st.size + 1);
	zip_file_t *f = buf ? zip_fopen_index(z->za, (zip_uint64_t)i, 0) : NULL;
	zip_int64_t got = f ? zip_fread(f, buf, st.size) : -1;
	/* A short read, or a checksum that does not match, is a damaged file. */
	if (f && zip_fclose(f))
		got = -1;
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(buf);
		return -1;
	}
	buf[got] = '\0';
	*data = buf;
	*len = (size_t)got;
	return 1;
}
