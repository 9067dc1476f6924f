/* Keeps files in the page cache while a benchmark runs: maps every regular
 * file under the given directories and locks the pages in memory, then waits
 * until its standard input is closed (or it is killed). On a machine that
 * drops cached pages under memory pressure (virtual machines do), reads
 * would otherwise go to the disk at random moments and time the disk instead
 * of the program.
 *
 *     pincache DIR ...        prints "pinned N files, B bytes" or why not
 *
 * Build: cc -std=c11 -O2 -o build/bench/pincache bench/pincache.c          */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long files, bytes;
static int failed;

static int pin(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	if (type != FTW_F || !S_ISREG(st->st_mode) || st->st_size == 0)
		return 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	void *p = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return 0;
	if (mlock(p, (size_t)st->st_size)) {
		fprintf(stderr, "pincache: cannot lock %s: %s\n", path, strerror(errno));
		failed = 1;
		return 1; /* stop: the limit is reached */
	}
	files++;
	bytes += (unsigned long)st->st_size;
	return 0; /* the mapping stays until the process ends */
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		nftw(argv[i], pin, 64, FTW_PHYS);
	printf("pinned %lu files, %lu bytes%s\n", files, bytes,
	       failed ? " (not all: mlock refused the rest)" : "");
	fflush(stdout);
	char c;
	while (read(0, &c, 1) > 0)
		; /* wait for the benchmark to close our stdin */
	return failed;
}
