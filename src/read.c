/* Reading a whole file (or standard input) into memory, with a cap, for the
 * checker, the config loader and the renderer. Low-level: it knows nothing
 * of records or findings. */
#include "read.h"

#include "decrec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int dr_read_into(char **bufp, size_t *capp, size_t *outlen, const char *path, size_t max,
                 char **err)
{
	int stdin_ = !strcmp(path, "-"), fd = -1, rc = DR_EIO;
	char *buf = *bufp;
	size_t len = 0, cap = *capp;
	struct stat st;
	*err = NULL;
	/* Look before opening: opening a FIFO would wait for a writer. */
	if (stdin_ ? fstat(0, &st) < 0 : stat(path, &st) < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!stdin_ && !S_ISREG(st.st_mode)) {
		errno = 0;
		goto fail;
	}
	fd = stdin_ ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	/* Room for the whole of a regular file and one byte more, so that the
	 * end is seen by the first short read. */
	size_t want =
	    S_ISREG(st.st_mode) && (size_t)st.st_size < max ? (size_t)st.st_size + 1 : 65536;
	for (;;) {
		if (!buf || len == cap || cap < want) {
			size_t ncap = !buf || cap < want ? want : cap * 2;
			if (ncap > max + 1)
				ncap = max + 1;
			if (!buf || ncap > cap) {
				char *nb = realloc(buf, ncap + 1);
				if (!nb) {
					rc = DR_ENOMEM; /* an error of its own, not "cannot read" */
					goto fail;
				}
				buf = nb;
				cap = ncap;
			}
			want = 0;
		}
		if (len == cap)
			break; /* max + 1 bytes: too large, and no need to read on */
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	if (fd > 0)
		close(fd);
	*bufp = buf;
	*capp = cap;
	*outlen = len;
	return 0;
fail : {
	char why[128] = "not a regular file";
	int e = errno; /* before close() can change it */
	*bufp = buf;
	*capp = cap;
	if (fd > 0)
		close(fd);
	if (rc == DR_ENOMEM)
		return rc;
	if (e && strerror_r(e, why, sizeof(why)))
		snprintf(why, sizeof(why), "error %d", e);
	size_t n = strlen(path) + strlen(why) + 32;
	*err = malloc(n);
	if (*err)
		snprintf(*err, n, "%s: cannot read: %s", path, why);
	return DR_EIO;
}
}

int dr_read_file(char **out, size_t *outlen, const char *path, size_t max, char **err)
{
	char *buf = NULL;
	size_t cap = 0;
	int rc = dr_read_into(&buf, &cap, outlen, path, max, err);
	if (rc)
		free(buf);
	else
		*out = buf;
	return rc;
}
