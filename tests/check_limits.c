/* The limits of docs/limits.md, each passed by one input, and the hostile
 * inputs of the hardening issue: every one gets a clear finding or error,
 * quickly, with bounded memory, and nothing is lost or half written. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/decrec-limits-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx %s; rm -rf %s", dir, dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Check's CK_TIMEOUT_MULTIPLIER (make check-valgrind sets it) stretches the
 * time bounds below as it stretches Check's own. */
static double slowdown(void)
{
	const char *s = getenv("CK_TIMEOUT_MULTIPLIER");
	double m = s ? strtod(s, NULL) : 1;
	return m > 1 ? m : 1;
}

/* Runs `sh -c SCRIPT` in the scratch directory, $D being decrec; stdout and
 * stderr together; $P is the project. Each run is bounded by `timeout
 * LIMIT`, times slowdown(), against a hang. */
static char *in_dir(const char *script, int *status, double limit)
{
	char cmd[4096], here[1024];
	ck_assert_ptr_nonnull(getcwd(here, sizeof(here)));
	snprintf(cmd, sizeof(cmd),
	         "cd %s && D=%s P=%s && export D P && timeout %.0f sh -c '%s' 2>&1", dir,
	         decrec_bin(), here, limit * slowdown(), script);
	char *out = run_command(cmd, status);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* A validate run's output must hold `want`, with exit status `status`, in
 * under `seconds`. 0: no clock bound but a 50 s guard against a hang, for a
 * run that a count bounds (DR_MAX_RENDER_STEPS), whose time depends on the
 * build (coverage, valgrind) and the machine's load: bench/ measures it. */
static void expect(const char *script, int status, const char *want, double seconds)
{
	struct timespec a, b;
	int st;
	clock_gettime(CLOCK_MONOTONIC, &a);
	char *out = in_dir(script, &st, seconds > 0 ? 20 : 50);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double took = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	ck_assert_msg(st == status, "%s: exit %d, want %d; output:\n%s", script, st, status, out);
	ck_assert_msg(strstr(out, want) != NULL, "%s: no '%s' in:\n%s", script, want, out);
	ck_assert_msg(seconds <= 0 || took < seconds * slowdown(), "%s took %.2f s (limit %.1f)",
	              script, took, seconds);
	free(out);
}

START_TEST(file_size)
{
	/* 50 MB on one line: refused after reading 16 MB + 1 byte. */
	expect("head -c 52428800 /dev/zero | tr \"\\\\0\" a | sed \"s/^/title: /\" > big.yaml && "
	       "$D validate --no-config --color never big.yaml",
	       1,
	       "big.yaml:1:1: error: the file is larger than 16 MB, the limit for a file of "
	       "records [too-large]",
	       15);
}
END_TEST

START_TEST(scalar_size)
{
	expect("{ printf \"reference: 24/00001\\ntitle: \"; head -c 1100000 /dev/zero | tr "
	       "\"\\\\0\" a; "
	       "echo; } > s.yaml && $D validate --no-config --color never s.yaml",
	       1,
	       "s.yaml:2:8: error: a value of 1100000 bytes is longer than the limit of 1048576 "
	       "[too-large]",
	       5);
}
END_TEST

START_TEST(nesting)
{
	expect("{ printf \"title: \"; head -c 100000 /dev/zero | tr \"\\\\0\" \"[\"; head -c "
	       "100000 /dev/zero "
	       "| tr \"\\\\0\" \"]\"; echo; } > n.yaml && $D validate --no-config --color never "
	       "n.yaml",
	       1,
	       "n.yaml:1:39: error: collections are nested more than 32 deep, the limit for a "
	       "record [too-large]",
	       5);
}
END_TEST

START_TEST(keys)
{
	expect("i=0; while [ $i -lt 300 ]; do echo \"k$i: v\"; i=$((i+1)); done > k.yaml && "
	       "$D validate --no-config --color never k.yaml",
	       1,
	       "k.yaml:1:1: error: a mapping holds more than 256 entries, the limit for a record "
	       "[too-large]",
	       5);
	expect("{ echo \"divisions:\"; i=0; while [ $i -lt 10001 ]; do echo \"  - d\"; i=$((i+1)); "
	       "done; } > "
	       "l.yaml && $D validate --no-config --color never l.yaml",
	       1,
	       "l.yaml:2:3: error: a list holds more than 10000 entries, the limit for a record "
	       "[too-large]",
	       5);
}
END_TEST

START_TEST(record_memory)
{
	/* 3.6 million tiny values in 10 MB: more tree than a record may have. */
	expect("line=\"- [$(yes a, | head -n 9000 | tr \"\\n\" \" \") a]\"; "
	       "yes -- \"$line\" | head -n 400 > t.yaml && $D validate --no-config --color never "
	       "t.yaml",
	       1,
	       "t.yaml:1:1: error: the record is too large to load (over 64 MB of structure) "
	       "[too-large]",
	       10);
}
END_TEST

START_TEST(records_per_file)
{
	expect(
	    "i=0; while [ $i -lt 10001 ]; do echo \"--- {}\"; i=$((i+1)); done > m.yaml && "
	    "$D validate --no-config --color never -q m.yaml | tail -n 3",
	    0,
	    "the file holds more than 10000 records, the limit for one file; split it [too-large]",
	    10);
}
END_TEST

START_TEST(findings_per_file)
{
	/* 20,000 unknown keys in 100 records: 1,000 findings, then one that says so. */
	expect("i=0; while [ $i -lt 100 ]; do echo ---; j=0; while [ $j -lt 200 ]; do echo \"x$j: "
	       "1\"; "
	       "j=$((j+1)); done; i=$((i+1)); done > f.yaml && "
	       "$D validate --no-config -f json f.yaml | grep -c rule",
	       0, "1001\n", 10);
	expect("$D validate --no-config --color never f.yaml | head -n 1", 0,
	       "f.yaml:1:1: error: the file has more than 1000 findings; the rest are not shown "
	       "[too-large]",
	       10);
	/* duplicate-reference findings come after the file is checked, and keep
	 * to the cap too: 5,000 uses of one reference in a full file... */
	expect("i=0; while [ $i -lt 5000 ]; do printf -- \"---\\nreference: X\\n\"; "
	       "i=$((i+1)); done > d.yaml && "
	       "$D validate --no-config -f json d.yaml | grep -c rule",
	       0, "1001\n", 10);
	/* ...and in a file that only the duplicates fill. */
	expect("mkdir -p q && cd q && printf \"rules:\\n  missing-field: off\\n"
	       "  reference-format: off\\n  file-name: off\\n\" > decrec.yaml && i=0; "
	       "while [ $i -lt 1500 ]; do echo \"--- {reference: X}\"; i=$((i+1)); done > d.yaml "
	       "&& $D validate -f json d.yaml | grep -o \"\\\"rule\\\": \\\"[a-z-]*\" "
	       "| sort | uniq -c",
	       0, "   1000 \"rule\": \"duplicate-reference\n      1 \"rule\": \"too-large\n", 10);
}
END_TEST

START_TEST(render_work)
{
	/* Sections over a list of 10, nested 9 deep, would be 10^9 steps: the
	 * render stops at DR_MAX_RENDER_STEPS, a count, not a time (about a
	 * second; bench/render-work times it). */
	expect(
	    "sed \"s/^title:/divisions: [a, b, c, d, e, f, g, h, i, j]\\ntitle:/\" "
	    "\"$P/records/24-00058.yaml\" > 24-00058.yaml && mkdir t && "
	    "printf \"{{#divisions}}{{#divisions}}{{#divisions}}{{#divisions}}{{#divisions}}"
	    "{{#divisions}}{{#divisions}}{{#divisions}}{{#divisions}}{{^title}}x{{/title}}{{/"
	    "divisions}}{{/divisions}}"
	    "{{/divisions}}{{/divisions}}{{/divisions}}{{/divisions}}{{/divisions}}{{/divisions}}"
	    "{{/divisions}}\" > t/deep.md && $D render --no-config --templates t --template deep "
	    "24-00058.yaml",
	    2, "the template does more than 20000000 steps of work", 0);
}
END_TEST

START_TEST(not_regular_files)
{
	/* A directory named like a record is searched; a FIFO and /dev/zero are
	 * refused at once, never read; a symbolic link loop cannot be read. */
	expect("mkdir x.yaml && cp \"$P/records/24-00058.yaml\" x.yaml/ && $D validate --no-config "
	       "x.yaml",
	       0, "0 errors, 0 warnings in 1 record (1 file)", 5);
	expect("mkfifo p.yaml && $D validate --no-config p.yaml", 3,
	       "decrec: p.yaml: cannot read: not a regular file", 5);
	expect("$D validate --no-config /dev/zero", 3,
	       "decrec: /dev/zero: cannot read: not a regular file", 5);
	expect("ln -s loop.yaml loop.yaml && $D validate --no-config loop.yaml", 3,
	       "decrec: loop.yaml: cannot read: Too many levels of symbolic links", 5);
	expect("mkdir d && ln -s ../loop.yaml d/a.yaml && $D validate --no-config d", 3,
	       "decrec: d/a.yaml: cannot read: Too many levels of symbolic links", 5);
	/* A directory linked from inside itself is not followed. */
	expect("mkdir -p e && ln -s .. e/up && $D validate --no-config --allow-empty e", 0,
	       "0 errors, 0 warnings in 0 records (0 files)", 5);
}
END_TEST

START_TEST(unreadable)
{
	/* Root reads anything, so root runs decrec without the two capabilities
	 * that let it (not as another user, who may not reach decrec, its
	 * valgrind or coverage wrapper, or their files: a clone in /root). */
	expect("printf \"title: x\\n\" > u.yaml && chmod 000 u.yaml && "
	       "if [ $(id -u) = 0 ]; then setpriv --bounding-set=-dac_override,-dac_read_search "
	       "$D validate --no-config u.yaml; else $D validate --no-config u.yaml; fi",
	       3, "decrec: u.yaml: cannot read: Permission denied", 5);
}
END_TEST

START_TEST(bytes)
{
	expect(": > zero.yaml && $D validate --no-config --color never zero.yaml", 1,
	       "zero.yaml:1:1: error: the file holds no record (it is empty or only comments) "
	       "[not-a-record]",
	       5);
	expect("printf \"title: a\\0b\\n\" > nul.yaml && $D validate --no-config --color never "
	       "nul.yaml",
	       1, "nul.yaml:1:9: error: the file holds a NUL byte", 5);
	expect("printf \"title: \\351t\\351\\n\" > l1.yaml && $D validate --no-config --color "
	       "never l1.yaml",
	       1, "l1.yaml:1:8: error: invalid UTF-8 byte 0xE9", 5);
	expect("printf \"\\377\\376t\\0i\\0\" > u16.yaml && $D validate --no-config --color never "
	       "u16.yaml",
	       1, "u16.yaml:1:1: error: the file is UTF-16", 5);
}
END_TEST

/* Outputs are written whole or not at all. A file-size limit (ulimit -f,
 * the kernel's own check, no LD_PRELOAD) makes the write fail as a full
 * disk would; the previous report must survive untouched. */
START_TEST(nothing_lost)
{
	expect("echo previous > out.json && cp -r \"$P/tests/cases\" c && "
	       "(ulimit -f 1; $D validate --no-config -f json -o out.json c); "
	       "echo \"exit $?\"; cat out.json; ls -A | grep -c decrec- || true",
	       0, "exit 3\nprevious\n0\n", 10);
	/* An output in a directory that cannot be written: exit 3, nothing made. */
	expect(
	    "$D validate --no-config -o /proc/decrec-report.json \"$P/records\"; echo \"exit $?\"",
	    0, "exit 3\n", 5);
	/* Render into a read-only place: the same. */
	expect("$D render --no-config -o /proc/decrec.md \"$P/records/24-00058.yaml\"; echo \"exit "
	       "$?\"",
	       0, "exit 3\n", 5);
	/* A full stdout (/dev/full): exit 3, said on stderr. */
	expect("$D validate --no-config \"$P/tests/cases/reference-format.yaml\" > /dev/full; "
	       "echo \"exit $?\"",
	       0, "decrec: cannot write the output: No space left on device", 5);
	/* -o onto a device writes to it: /dev/null stays a device. */
	expect("$D validate --no-config -o /dev/null \"$P/records\" && test -c /dev/null && echo "
	       "device",
	       0, "device\n", 5);
	/* A closed pipe: quiet, no error message, the status of the findings. */
	expect("$D validate --no-config \"$P/tests/cases\" 2>/dev/null | head -c 10 >/dev/null; "
	       "echo \"exit $?\"",
	       0, "exit 0\n", 5);
}
END_TEST

START_TEST(inputs_never_written)
{
	/* Every file decrec reads is opened read-only: an immutable copy of the
	 * records (mode 0444, in a 0555 directory) is checked and rendered. */
	expect("cp -r \"$P/records\" r && chmod 444 r/* && chmod 555 r && "
	       "before=$(sha256sum r/*) && $D validate --no-config r >/dev/null 2>&1; "
	       "mkdir out && $D render --no-config -t html --out-dir out r && "
	       "[ \"$before\" = \"$(sha256sum r/*)\" ] && echo same",
	       0, "same", 10);
}
END_TEST

Suite *suite_limits(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("limits");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, file_size);
	tcase_add_test(tc, scalar_size);
	tcase_add_test(tc, nesting);
	tcase_add_test(tc, keys);
	tcase_add_test(tc, record_memory);
	tcase_add_test(tc, records_per_file);
	tcase_add_test(tc, findings_per_file);
	tcase_add_test(tc, render_work);
	tcase_add_test(tc, not_regular_files);
	tcase_add_test(tc, unreadable);
	tcase_add_test(tc, bytes);
	tcase_add_test(tc, nothing_lost);
	tcase_add_test(tc, inputs_never_written);
	suite_add_tcase(s, tc);
	return s;
}
