/* decrec fix: the exact bytes of fixed files (CRLF, a byte order mark,
 * DD/MM/YYYY dates, non-ASCII text before a fix), the report lines, the
 * diff of --dry-run as patch and git apply take it, --check, --rename,
 * files left alone. Run from the project root, as `make check` does. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

/* Runs the shell command `cmd` with DECREC set to the binary, in the
 * temporary directory `dir`; its stdout, and its status into *st. */
static char *sh(const char *dir, const char *cmd, int *st)
{
	char line[8192];
	snprintf(line, sizeof(line), "cd %s && DECREC=%s; %s", dir, decrec_bin(), cmd);
	char *out = run_command(line, st);
	ck_assert_ptr_nonnull(out);
	return out;
}

static void expect_sh(const char *dir, const char *cmd, int status, const char *want)
{
	int st;
	char *out = sh(dir, cmd, &st);
	ck_assert_msg(st == status, "%s: exit %d, want %d: %s", cmd, st, status, out);
	ck_assert_str_eq(out, want);
	free(out);
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	ck_assert_int_eq(fclose(f), 0);
}

static void expect_file(const char *dir, const char *name, const char *want)
{
	char path[512];
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	char *got = read_text(path, &len);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(got, want);
	free(got);
}

/* The test's temporary directory, removed after it (remove_tmp). */
static char made[64];

static void tmp_dir(char *dir)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(made, sizeof(made), "%s", dir);
}

static void remove_tmp(void)
{
	char cmd[128];
	if (!*made)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", made);
	ck_assert_int_eq(system(cmd), 0);
	*made = '\0';
}

/* Dates written DD/MM/YYYY stay so; a quoted yes/no keeps its case; values
 * cut by a comment are quoted, in single quotes when they hold a '"', with
 * curly quotes and accents (more bytes than characters) before the '#'. */
#define SMALL                                                                                      \
	"# a note\n"                                                                               \
	"reference: 24/00077\n"                                                                    \
	"title: Café “Le Pont” lease #2 renewal\n"                                            \
	"status: Recommendations Approved\n"                                                       \
	"key_decision: 'No'\n"                                                                     \
	"subject_to_call_in: \"Yes\"\n"                                                            \
	"divisions:\n"                                                                             \
	"  - Ward \"A\" #1\n"                                                                      \
	"dates:\n"                                                                                 \
	"    decision: 19/07/2024\n"                                                               \
	"    published: 19/07/2024\n"                                                              \
	"    effective: 20/07/2024   # wrong\n"
#define SMALL_FIXED                                                                                \
	"# a note\n"                                                                               \
	"reference: 24/00077\n"                                                                    \
	"title: \"Café “Le Pont” lease #2 renewal\"\n"                                        \
	"status: Recommendations Approved\n"                                                       \
	"key_decision: No\n"                                                                       \
	"subject_to_call_in: Yes\n"                                                                \
	"divisions:\n"                                                                             \
	"  - 'Ward \"A\" #1'\n"                                                                    \
	"dates:\n"                                                                                 \
	"    decision: 19/07/2024\n"                                                               \
	"    published: 19/07/2024\n"                                                              \
	"    effective: 27/07/2024   # wrong\n"
#define SMALL_SAID                                                                                 \
	"a.yaml:3:8: %s: title quoted to keep the text after '#': \"Café “Le Pont” lease #2 " \
	"renewal\" [inline-comment]\n"                                                             \
	"a.yaml:5:15: %s: key_decision 'No' -> No [wrong-type]\n"                                  \
	"a.yaml:6:21: %s: subject_to_call_in \"Yes\" -> Yes [wrong-type]\n"                        \
	"a.yaml:8:5: %s: divisions[0] quoted to keep the text after '#': 'Ward \"A\" #1' "         \
	"[inline-comment]\n"                                                                       \
	"a.yaml:12:16: %s: dates.effective 20/07/2024 -> 27/07/2024 [call-in-window]\n"

/* The fixed rules' findings of a file, by validate. */
#define FOUND                                                                                      \
	"\"$DECREC\" validate --no-config --today 2025-01-01 -q %s | "                             \
	"grep -E '^[^ ].*(call-in-window|wrong-type|inline-comment|dates.effective|bad-date)'"

START_TEST(fixes_in_place)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX", cmd[1024], want[2048];
	tmp_dir(dir);
	put(dir, "a.yaml", SMALL);
	snprintf(want, sizeof(want), SMALL_SAID, "fixed", "fixed", "fixed", "fixed", "fixed");
	expect_sh(dir, "\"$DECREC\" fix --no-config a.yaml", 0, want);
	expect_file(dir, "a.yaml", SMALL_FIXED);
	snprintf(cmd, sizeof(cmd), FOUND, "a.yaml");
	expect_sh(dir, cmd, 1, "");
	/* Fixed once, nothing is left to fix. */
	expect_sh(dir, "\"$DECREC\" fix --no-config --check a.yaml", 0, "");
}
END_TEST

/* A missing effective date: computed over Christmas (5 working days after
 * Friday 20/12/2024 end on 31/12), added after the published date with the
 * mapping's indentation and the file's CRLF, on a last line that had no
 * line break. An `effective:` with no value gets the date after its colon. */
START_TEST(missing_effective)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX";
	tmp_dir(dir);
	put(dir, "b.yaml",
	    "reference: 24/00078\r\nsubject_to_call_in: yes\r\nstatus: Recommendations "
	    "Approved\r\ndates:\r\n    decision: 2024-12-20\r\n    published: 2024-12-20");
	put(dir, "c.yaml",
	    "reference: 24/00079\nsubject_to_call_in: yes\nstatus: Recommendations Approved\n"
	    "dates:\n  published: 2024-12-20   # Friday\n  effective:   # to do\n"
	    "  decision: 2024-12-20\n");
	put(dir, "d.yaml",
	    "reference: 24/00080\nsubject_to_call_in: yes\nstatus: Recommendations Approved\n"
	    "dates:\n  decision: 20/12/2024\n  published: 20/12/2024\nsummary: x\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config b.yaml c.yaml d.yaml", 0,
	          "b.yaml:7:5: fixed: added dates.effective: 2025-01-01 [missing-field]\n"
	          "c.yaml:6:3: fixed: added dates.effective: 2025-01-01 [missing-field]\n"
	          "d.yaml:7:3: fixed: added dates.effective: 01/01/2025 [missing-field]\n");
	expect_file(dir, "b.yaml",
	            "reference: 24/00078\r\nsubject_to_call_in: yes\r\nstatus: Recommendations "
	            "Approved\r\ndates:\r\n    decision: 2024-12-20\r\n    published: 2024-12-20"
	            "\r\n    effective: 2025-01-01");
	expect_file(dir, "c.yaml",
	            "reference: 24/00079\nsubject_to_call_in: yes\nstatus: Recommendations "
	            "Approved\ndates:\n  published: 2024-12-20   # Friday\n  effective: 2025-01-01"
	            "   # to do\n  decision: 2024-12-20\n");
	expect_file(dir, "d.yaml",
	            "reference: 24/00080\nsubject_to_call_in: yes\nstatus: Recommendations "
	            "Approved\ndates:\n  decision: 20/12/2024\n  published: 20/12/2024\n"
	            "  effective: 01/01/2025\nsummary: x\n");
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), FOUND, "b.yaml c.yaml d.yaml");
	expect_sh(dir, cmd, 1, "");
}
END_TEST

/* The config's call-in period decides the date: with next-working-day,
 * the effective date after Friday 26/07/2024 is Monday 29/07/2024. */
START_TEST(config_decides)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX";
	tmp_dir(dir);
	put(dir, "decrec.yaml", "call_in:\n  effective: next-working-day\n");
	put(dir, "a.yaml", SMALL);
	expect_sh(dir, "\"$DECREC\" fix --check a.yaml | tail -1", 0,
	          "a.yaml:12:16: would fix: dates.effective 20/07/2024 -> 29/07/2024 "
	          "[call-in-window]\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config --check a.yaml | tail -1", 0,
	          "a.yaml:12:16: would fix: dates.effective 20/07/2024 -> 27/07/2024 "
	          "[call-in-window]\n");
	put(dir, "other.yaml", "call_in:\n  working_days: 10\n");
	expect_sh(dir, "\"$DECREC\" fix --config other.yaml --check a.yaml | tail -1", 0,
	          "a.yaml:12:16: would fix: dates.effective 20/07/2024 -> 03/08/2024 "
	          "[call-in-window]\n");
}
END_TEST

/* A repair after non-ASCII text on its line (columns count characters,
 * offsets bytes), inside flow collections; a quoted date keeps its quotes. */
START_TEST(after_non_ascii)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX";
	tmp_dir(dir);
	put(dir, "a.yaml",
	    "reference: 24/00081\nsubject_to_call_in: yes\ndocuments:\n"
	    "  - {title: Rapport “été” — café, href: \"https://example.org/a.pdf\", exempt: "
	    "\"No\"}\n"
	    "dates: {decision: 19/07/2024, published: 19/07/2024, effective: '20/07/2024'}\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config a.yaml", 0,
	          "a.yaml:4:78: fixed: documents[0].exempt \"No\" -> No [wrong-type]\n"
	          "a.yaml:5:65: fixed: dates.effective '20/07/2024' -> 27/07/2024 "
	          "[call-in-window]\n");
	expect_file(dir, "a.yaml",
	            "reference: 24/00081\nsubject_to_call_in: yes\ndocuments:\n"
	            "  - {title: Rapport “été” — café, href: \"https://example.org/a.pdf\", "
	            "exempt: No}\n"
	            "dates: {decision: 19/07/2024, published: 19/07/2024, effective: "
	            "'27/07/2024'}\n");
}
END_TEST

/* A real record with a byte order mark and CRLF line endings, broken as an
 * officer might break it: fix gives back the original byte for byte, and
 * it validates clean. */
START_TEST(real_record_crlf_bom)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX", cmd[2048];
	tmp_dir(dir);
	char *root = getcwd(NULL, 0);
	ck_assert_ptr_nonnull(root);
	snprintf(cmd, sizeof(cmd),
	         "{ printf '\\357\\273\\277'; sed 's/$/\\r/' %s/records/24-00058.yaml; } > want && "
	         "mkdir r && sed -e 's/^subject_to_call_in: yes/subject_to_call_in: \"yes\"/' "
	         "-e \"s/^for_publication: yes/for_publication: 'yes'/\" -e '/^  effective:/d' "
	         "want > r/24-00058.yaml && cp r/24-00058.yaml broken",
	         root);
	free(root);
	expect_sh(dir, cmd, 0, "");
	expect_sh(dir, "cmp -s want broken; echo $?", 0, "1\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config r", 0,
	          "r/24-00058.yaml:10:21: fixed: subject_to_call_in \"yes\" -> yes [wrong-type]\n"
	          "r/24-00058.yaml:11:18: fixed: for_publication 'yes' -> yes [wrong-type]\n"
	          "r/24-00058.yaml:15:3: fixed: added dates.effective: 2024-07-27 "
	          "[missing-field]\n");
	expect_sh(dir, "cmp want r/24-00058.yaml && echo same", 0, "same\n");
	expect_sh(dir, "\"$DECREC\" validate --no-config --today 2025-01-01 r 2>&1", 0,
	          "0 errors, 0 warnings in 1 record (1 file)\n");
}
END_TEST

/* --dry-run writes nothing and prints a diff that patch -p1 and git apply
 * turn into exactly the fixed file; --check writes nothing and exits 1. */
START_TEST(dry_run_and_check)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX", want[2048];
	tmp_dir(dir);
	put(dir, "a.yaml", SMALL);
	expect_sh(dir, "\"$DECREC\" fix --no-config -n a.yaml 2>/dev/null", 0,
	          "--- a/a.yaml\n"
	          "+++ b/a.yaml\n"
	          "@@ -1,12 +1,12 @@\n"
	          " # a note\n"
	          " reference: 24/00077\n"
	          "-title: Café “Le Pont” lease #2 renewal\n"
	          "+title: \"Café “Le Pont” lease #2 renewal\"\n"
	          " status: Recommendations Approved\n"
	          "-key_decision: 'No'\n"
	          "-subject_to_call_in: \"Yes\"\n"
	          "+key_decision: No\n"
	          "+subject_to_call_in: Yes\n"
	          " divisions:\n"
	          "-  - Ward \"A\" #1\n"
	          "+  - 'Ward \"A\" #1'\n"
	          " dates:\n"
	          "     decision: 19/07/2024\n"
	          "     published: 19/07/2024\n"
	          "-    effective: 20/07/2024   # wrong\n"
	          "+    effective: 27/07/2024   # wrong\n");
	snprintf(want, sizeof(want), SMALL_SAID, "would fix", "would fix", "would fix", "would fix",
	         "would fix");
	expect_sh(dir, "\"$DECREC\" fix --no-config --dry-run a.yaml 2>&1 >/dev/null", 0, want);
	expect_file(dir, "a.yaml", SMALL);
	expect_sh(dir, "\"$DECREC\" fix --no-config --check a.yaml", 1, want);
	expect_file(dir, "a.yaml", SMALL);
	/* The diff as patch and git apply take it. */
	expect_sh(dir,
	          "\"$DECREC\" fix --no-config -n a.yaml > a.diff 2>/dev/null && mkdir p g && "
	          "cp a.yaml p/ && cp a.yaml g/ && (cd p && patch -s -p1 < ../a.diff) && "
	          "(cd g && git apply ../a.diff) && \"$DECREC\" fix --no-config a.yaml >/dev/null "
	          "&& cmp a.yaml p/a.yaml && cmp a.yaml g/a.yaml && echo same",
	          0, "same\n");
	/* Hunks apart keep three lines of context each; CRLF lines and a last
	 * line without a break show as such. */
	put(dir, "e.yaml",
	    "reference: 24/00078\r\nsubject_to_call_in: \"yes\"\r\nstatus: Recommendations "
	    "Approved\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\ne: 5\r\nf: 6\r\ng: 7\r\ndates:\r\n"
	    "  decision: 2024-12-20\r\n  published: 2024-12-20");
	expect_sh(dir, "\"$DECREC\" fix --no-config -n e.yaml 2>/dev/null | tr '\\r' '%'", 0,
	          "--- a/e.yaml\n"
	          "+++ b/e.yaml\n"
	          "@@ -1,5 +1,5 @@\n"
	          " reference: 24/00078%\n"
	          "-subject_to_call_in: \"yes\"%\n"
	          "+subject_to_call_in: yes%\n"
	          " status: Recommendations Approved%\n"
	          " a: 1%\n"
	          " b: 2%\n"
	          "@@ -10,4 +10,5 @@\n"
	          " g: 7%\n"
	          " dates:%\n"
	          "   decision: 2024-12-20%\n"
	          "-  published: 2024-12-20\n"
	          "\\ No newline at end of file\n"
	          "+  published: 2024-12-20%\n"
	          "+  effective: 2025-01-01\n"
	          "\\ No newline at end of file\n");
}
END_TEST

/* A file with nothing to fix is not written (its time stays); a changed
 * file keeps its mode; a file that does not load is named with the place
 * and left alone, and the exit status says so. */
/* A tag or an anchor before a value stays; a value written as an alias is
 * not an empty one: it is left alone, and said to be, with exit status 1. */
START_TEST(properties_kept)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX";
	tmp_dir(dir);
#define HEAD                                                                                       \
	"reference: 24/00077\n"                                                                    \
	"title: Lease renewal\n"                                                                   \
	"status: Recommendations Approved\n"                                                       \
	"key_decision: No\n"
	put(dir, "24-00077.yaml",
	    HEAD "subject_to_call_in: &y \"Yes\"\n"
	         "dates:\n"
	         "  decision: 2024-07-19\n"
	         "  published: 2024-07-19\n"
	         "  effective: !!str 2024-07-30\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config 24-00077.yaml", 0,
	          "24-00077.yaml:5:21: fixed: subject_to_call_in \"Yes\" -> Yes [wrong-type]\n"
	          "24-00077.yaml:9:14: fixed: dates.effective 2024-07-30 -> 2024-07-27 "
	          "[call-in-window]\n");
	expect_file(dir, "24-00077.yaml",
	            HEAD "subject_to_call_in: &y Yes\n"
	                 "dates:\n"
	                 "  decision: 2024-07-19\n"
	                 "  published: 2024-07-19\n"
	                 "  effective: !!str 2024-07-27\n");
	const char *alias = HEAD "subject_to_call_in: Yes\n"
	                         "dates:\n"
	                         "  decision: 2024-07-19\n"
	                         "  published: &p 2024-07-19\n"
	                         "  effective: *p\n";
	put(dir, "24-00077.yaml", alias);
	expect_sh(dir, "\"$DECREC\" fix --no-config --check 24-00077.yaml; echo $?", 0,
	          "24-00077.yaml:9:14: not fixed: 'dates.effective' has no value: a made decision "
	          "subject to call-in must say when it takes effect [missing-field]\n"
	          "1\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config 24-00077.yaml >/dev/null; echo $?", 0, "1\n");
	expect_file(dir, "24-00077.yaml", alias);
#undef HEAD
	char rm[64];
	snprintf(rm, sizeof(rm), "rm -r %s", dir);
	int st;
	free(sh("/", rm, &st));
	ck_assert_int_eq(st, 0);
}
END_TEST

START_TEST(files_left_alone)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX", path[512];
	struct stat st;
	tmp_dir(dir);
	put(dir, "clean.yaml", SMALL_FIXED);
	snprintf(path, sizeof(path), "%s/clean.yaml", dir);
	struct utimbuf old = {1000000000, 1000000000};
	ck_assert_int_eq(utime(path, &old), 0);
	put(dir, "a.yaml", SMALL);
	ck_assert_int_eq(chmod(path, 0640), 0);
	snprintf(path, sizeof(path), "%s/a.yaml", dir);
	ck_assert_int_eq(chmod(path, 0604), 0);
	put(dir, "bad.yaml", "reference: 24/00001\ntitle: \"Café #1\ndates: [\n");
	expect_sh(dir,
	          "\"$DECREC\" fix --no-config bad.yaml clean.yaml a.yaml > out; echo $?; "
	          "grep -v ^a.yaml out; rm out",
	          0,
	          "1\n"
	          "bad.yaml:3:9: not fixed: not well-formed YAML: found unexpected end of stream "
	          "while scanning a quoted scalar; the quote opened on line 2, column 8, is not "
	          "closed [yaml-syntax]\n");
	expect_file(dir, "clean.yaml", SMALL_FIXED);
	expect_file(dir, "a.yaml", SMALL_FIXED);
	expect_file(dir, "bad.yaml", "reference: 24/00001\ntitle: \"Café #1\ndates: [\n");
	snprintf(path, sizeof(path), "%s/clean.yaml", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mtime, 1000000000);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	snprintf(path, sizeof(path), "%s/a.yaml", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0604);
	/* No temporary file is left behind. */
	expect_sh(dir, "ls", 0, "a.yaml\nbad.yaml\nclean.yaml\n");
	/* Standard input is no file to fix. */
	expect_sh(dir, "\"$DECREC\" fix - < a.yaml 2>&1", 2,
	          "decrec fix: fix edits files in place: standard input (-) is not one\n"
	          "try 'decrec fix --help'\n");
}
END_TEST

/* --rename: a single-record file takes its reference's name, never over
 * another file; --dry-run shows it as git writes a rename. */
START_TEST(rename_files)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX";
	tmp_dir(dir);
	put(dir, "a.yaml", SMALL);
	put(dir, "b.yaml", SMALL_FIXED);
	put(dir, "24-00077.yaml", "taken\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config --rename b.yaml", 1,
	          "b.yaml:2:12: not fixed: 24-00077.yaml exists, so b.yaml keeps its name "
	          "[file-name]\n");
	expect_file(dir, "b.yaml", SMALL_FIXED);
	expect_file(dir, "24-00077.yaml", "taken\n");
	expect_sh(
	    dir,
	    "rm 24-00077.yaml && \"$DECREC\" fix --no-config --rename -n a.yaml 2>/dev/null | "
	    "head -6",
	    0,
	    "diff --git a/a.yaml b/24-00077.yaml\n"
	    "rename from a.yaml\n"
	    "rename to 24-00077.yaml\n"
	    "--- a/a.yaml\n"
	    "+++ b/24-00077.yaml\n"
	    "@@ -1,12 +1,12 @@\n");
	expect_sh(
	    dir,
	    "\"$DECREC\" fix --no-config --rename -n a.yaml > a.diff 2>/dev/null && mkdir p g "
	    "&& cp a.yaml p/ && cp a.yaml g/ && (cd p && patch -s -p1 < ../a.diff) && "
	    "(cd g && git apply ../a.diff) && ls p g && cmp p/24-00077.yaml b.yaml && "
	    "cmp g/24-00077.yaml b.yaml && rm -r a.diff p g",
	    0, "g:\n24-00077.yaml\n\np:\n24-00077.yaml\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config --rename --check b.yaml", 1,
	          "b.yaml:2:12: would fix: renamed to 24-00077.yaml [file-name]\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config --rename a.yaml | tail -1; ls", 0,
	          "a.yaml:2:12: fixed: renamed to 24-00077.yaml [file-name]\n"
	          "24-00077.yaml\nb.yaml\n");
	expect_file(dir, "24-00077.yaml", SMALL_FIXED);
}
END_TEST

/* The library's side: edits as byte ranges of the text, the text fixed,
 * the problem of a text that does not load, the name a file should have. */
START_TEST(library)
{
	dr_config *cfg;
	char *err = NULL;
	dr_fix *f;
	size_t n, len;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	const char *text = "reference: 24/00001\ntitle: a #1 b\nsubject_to_call_in: 'no'\n";
	ck_assert_int_eq(dr_fix_buffer(&f, NULL, NULL, "x", NULL, text, strlen(text)), DR_EINVAL);
	ck_assert_int_eq(dr_fix_buffer(&f, cfg, NULL, NULL, NULL, text, strlen(text)), DR_EINVAL);
	ck_assert_int_eq(dr_fix_buffer(&f, cfg, NULL, "x", NULL, text, strlen(text)), 0);
	const dr_fix_edit *e = dr_fix_edits(f, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(e[0].offset, 27);
	ck_assert_uint_eq(e[0].length, 6);
	ck_assert_str_eq(e[0].text, "\"a #1 b\"");
	ck_assert_int_eq(e[0].rule, dr_rule_find("inline-comment"));
	ck_assert_uint_eq(e[1].offset, 54);
	ck_assert_uint_eq(e[1].length, 4);
	ck_assert_str_eq(e[1].text, "no");
	ck_assert_uint_eq(e[1].line, 3);
	ck_assert_uint_eq(e[1].column, 21);
	ck_assert_str_eq(e[1].message, "subject_to_call_in 'no' -> no");
	ck_assert_str_eq(dr_fix_text(f, &len),
	                 "reference: 24/00001\ntitle: \"a #1 b\"\nsubject_to_call_in: no\n");
	ck_assert_ptr_null(dr_fix_problem(f));
	ck_assert_ptr_null(dr_fix_rename(f)); /* no path: no file to rename */
	dr_fix_free(f);
	/* With a path, the name the file should have. */
	ck_assert_int_eq(dr_fix_buffer(&f, cfg, NULL, "d/x.yaml", "d/x.yaml", text, strlen(text)),
	                 0);
	ck_assert_ptr_nonnull(dr_fix_rename(f));
	ck_assert_str_eq(dr_fix_rename(f)->expected, "24-00001.yaml");
	dr_fix_free(f);
	/* A text that does not load whole gets no edit, not even in the
	 * record before its syntax error. */
	text = "reference: 24/00001\ntitle: a #1\n---\ntitle: [\n";
	ck_assert_int_eq(dr_fix_buffer(&f, cfg, NULL, "x", NULL, text, strlen(text)), 0);
	dr_fix_edits(f, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(dr_fix_problem(f)->rule, dr_rule_find("yaml-syntax"));
	ck_assert_str_eq(dr_fix_text(f, &len), text);
	dr_fix_free(f);
	dr_fix_free(NULL);
	dr_config_free(cfg);
}
END_TEST

/* Runs the rest of the line without the capabilities that let root write
 * anywhere, so that a directory of mode 555 refuses root too. */
#define NOCAP                                                                                      \
	"nocap() { if [ $(id -u) = 0 ]; then setpriv "                                             \
	"--bounding-set=-dac_override,-dac_read_search \"$@\"; else \"$@\"; fi; }; "

/* What the command says when it cannot do its work: a file it cannot read,
 * or write back (its directory read-only), a rename it may not make, a
 * reference that makes no file name, no record found, a full standard
 * output for the diff; and the diff of a last line with no line break,
 * under a path given with "./". */
START_TEST(command_failures)
{
	char dir[] = "/tmp/decrec-fix-XXXXXX";
	tmp_dir(dir);
	expect_sh(dir, "\"$DECREC\" fix --no-config nothere.yaml 2>&1; echo $?", 0,
	          "decrec: nothere.yaml: cannot read: No such file or directory\n3\n");
	expect_sh(dir, "mkdir empty && \"$DECREC\" fix --no-config empty 2>&1; echo $?", 0,
	          "decrec: no records found: no *.yaml or *.yml file in the paths given\n2\n");
	put(dir, "24-00077.yaml", "reference: 24/00077\ntitle: a #1");
	put(dir, "a.yaml", "reference: 24/00078\ntitle: a\n");
	expect_sh(dir,
	          "mkdir ro && cp 24-00077.yaml a.yaml ro/ && chmod 555 ro && " NOCAP
	          "nocap \"$DECREC\" fix --no-config ro/24-00077.yaml 2>&1; echo $?; "
	          "nocap \"$DECREC\" fix --no-config --rename ro/a.yaml 2>&1; echo $?; "
	          "chmod 755 ro; ls ro",
	          0,
	          "decrec: ro/24-00077.yaml: cannot write: Permission denied\n3\n"
	          "decrec: ro/a.yaml: cannot rename to ro/24-00078.yaml: Permission denied\n3\n"
	          "24-00077.yaml\na.yaml\n");
	expect_file(dir, "ro/24-00077.yaml", "reference: 24/00077\ntitle: a #1");
	put(dir, "b.yaml", "reference: .5\ntitle: a\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config --rename b.yaml; echo $?", 0,
	          "b.yaml:1:12: not fixed: the reference makes no file name [file-name]\n1\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config -n ./24-00077.yaml 2>/dev/null", 0,
	          "--- a/24-00077.yaml\n"
	          "+++ b/24-00077.yaml\n"
	          "@@ -1,2 +1,2 @@\n"
	          " reference: 24/00077\n"
	          "-title: a #1\n"
	          "\\ No newline at end of file\n"
	          "+title: \"a #1\"\n"
	          "\\ No newline at end of file\n");
	expect_sh(dir, "\"$DECREC\" fix --no-config -n 24-00077.yaml 2>&1 >/dev/full; echo $?", 0,
	          "24-00077.yaml:2:8: would fix: title quoted to keep the text after '#': \"a #1\" "
	          "[inline-comment]\n"
	          "decrec: cannot write the output: No space left on device\n3\n");
	expect_file(dir, "24-00077.yaml", "reference: 24/00077\ntitle: a #1");
	char rm[64];
	snprintf(rm, sizeof(rm), "rm -r %s", dir);
	int st;
	free(sh("/", rm, &st));
	ck_assert_int_eq(st, 0);
}
END_TEST

/* The text dr_fix_buffer makes of `text` (malloc'd), after asserting its
 * edits and the findings it left: `left` is the rules of those, joined
 * with ' ' ("" for none). */
static char *fixed(const dr_config *cfg, const char *text, size_t nedits, const char *left)
{
	dr_fix *f = NULL;
	size_t n, len;
	char rules[256] = "";
	ck_assert_int_eq(dr_fix_buffer(&f, cfg, NULL, "x.yaml", NULL, text, strlen(text)), 0);
	dr_fix_edits(f, &n);
	ck_assert_msg(n == nedits, "%zu edits, want %zu: %s", n, nedits, text);
	const dr_diag *d = dr_fix_left(f, &n);
	for (size_t i = 0; i < n; i++)
		snprintf(rules + strlen(rules), sizeof(rules) - strlen(rules), "%s%s", i ? " " : "",
		         dr_rule_name(d[i].rule));
	ck_assert_str_eq(rules, left);
	const char *t = dr_fix_text(f, &len);
	ck_assert_uint_eq(len, strlen(t));
	char *out = strdup(t);
	dr_fix_free(f);
	return out;
}

#define FIXED_EQ(cfg, text, nedits, left, want)                                                    \
	do {                                                                                       \
		char *got_ = fixed(cfg, text, nedits, left);                                       \
		ck_assert_str_eq(got_, want);                                                      \
		free(got_);                                                                        \
	} while (0)

/* The repairs' rarer shapes: an effective date that is no date (in the
 * published date's form when it has none of its own), or a null; a
 * decision not subject to call-in, whose date is left; a `dates` flow
 * mapping, an escaped quoted date and an indentation past 63 spaces, left
 * alone; a key with a blank before its colon; CR line ends with no break
 * at the end; and a value holding both quotes, quoted in single quotes
 * with its own doubled. */
START_TEST(library_rare_shapes)
{
	dr_config *cfg;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
#define H "reference: 24/00077\ntitle: Lease\nstatus: Recommendations Approved\nkey_decision: No\n"
#define DATES(d) "dates:\n  decision: " d "\n  published: " d "\n"
	FIXED_EQ(cfg, H "subject_to_call_in: yes\n" DATES("2024-07-19") "  effective: 2024-13-45\n",
	         1, "",
	         H "subject_to_call_in: yes\n" DATES("2024-07-19") "  effective: 2024-07-27\n");
	FIXED_EQ(cfg, H "subject_to_call_in: yes\n" DATES("19/07/2024") "  effective: soon\n", 1,
	         "", H "subject_to_call_in: yes\n" DATES("19/07/2024") "  effective: 27/07/2024\n");
	FIXED_EQ(cfg, H "subject_to_call_in: no\n" DATES("2024-07-19") "  effective: 2024-13-45\n",
	         0, "bad-date",
	         H "subject_to_call_in: no\n" DATES("2024-07-19") "  effective: 2024-13-45\n");
	FIXED_EQ(cfg, H "subject_to_call_in: yes\n" DATES("2024-07-19") "  effective: ~\n", 1, "",
	         H "subject_to_call_in: yes\n" DATES("2024-07-19") "  effective: 2024-07-27\n");
	FIXED_EQ(
	    cfg, H "subject_to_call_in: yes\n" DATES("2024-07-19") "  effective : # x\n", 1, "",
	    H "subject_to_call_in: yes\n" DATES("2024-07-19") "  effective : 2024-07-27 # x\n");
	FIXED_EQ(
	    cfg,
	    H "subject_to_call_in: yes\ndates: {decision: 2024-07-19, published: 2024-07-19}\n", 0,
	    "missing-field",
	    H "subject_to_call_in: yes\ndates: {decision: 2024-07-19, published: 2024-07-19}\n");
	FIXED_EQ(
	    cfg,
	    H "subject_to_call_in: yes\n" DATES("2024-07-19") "  effective: \"2024\\x2d07-30\"\n",
	    0, "call-in-window",
	    H "subject_to_call_in: yes\n" DATES("2024-07-19") "  effective: \"2024\\x2d07-30\"\n");
	char deep[1024], want[1024];
	snprintf(deep, sizeof(deep), H "subject_to_call_in: yes\ndates:\n%64s%s\n%64s%s\n", "",
	         "decision: 2024-07-19", "", "published: 2024-07-19");
	FIXED_EQ(cfg, deep, 0, "missing-field", deep);
	snprintf(deep, sizeof(deep), H "subject_to_call_in: yes\ndates:\n%63s%s\n%63s%s", "",
	         "decision: 2024-07-19", "", "published: 2024-07-19");
	snprintf(want, sizeof(want), "%s\n%63seffective: 2024-07-27", deep, "");
	FIXED_EQ(cfg, deep, 1, "", want);
	FIXED_EQ(
	    cfg,
	    "reference: 24/00077\rtitle: Lease\rstatus: Recommendations Approved\rkey_decision: "
	    "No\rsubject_to_call_in: yes\rdates:\r  decision: 2024-07-19\r  published: "
	    "2024-07-19",
	    1, "",
	    "reference: 24/00077\rtitle: Lease\rstatus: Recommendations Approved\rkey_decision: "
	    "No\rsubject_to_call_in: yes\rdates:\r  decision: 2024-07-19\r  published: "
	    "2024-07-19\r  effective: 2024-07-27");
	FIXED_EQ(cfg, "reference: 24/00077\ntitle: it's \\\"x\\\" #1\n", 1, "",
	         "reference: 24/00077\ntitle: 'it''s \\\"x\\\" #1'\n");
#undef H
#undef DATES
	dr_config_free(cfg);
}
END_TEST

/* Out of memory at any one allocation of dr_fix_buffer: DR_ENOMEM and no
 * dr_fix, or the same edits and text as with memory enough. */
START_TEST(library_out_of_memory)
{
	dr_config *cfg;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	static const char text[] = SMALL "  # and one left: a null effective date\n"
	                                 "---\n"
	                                 "reference: 24/00078\n"
	                                 "subject_to_call_in: yes\n"
	                                 "status: Recommendations Approved\n"
	                                 "dates:\n"
	                                 "  decision: 2024-12-20\n"
	                                 "  published: 2024-12-20\n";
	char *want = fixed(cfg, text, 6, "");
	ck_assert_ptr_nonnull(strstr(want, "  published: 2024-12-20\n  effective: 2025-01-01\n"));
	unsigned long n = 1, failed = 0;
	for (;; n++) {
		dr_fix *f = (dr_fix *)&n;
		oom_at(n);
		int rc = dr_fix_buffer(&f, cfg, NULL, "x.yaml", NULL, text, sizeof(text) - 1);
		int hit = oom_hit();
		oom_at(0);
		if (!hit) {
			ck_assert_int_eq(rc, 0);
			dr_fix_free(f);
			break;
		}
		failed++;
		if (rc) {
			ck_assert_msg(rc == DR_ENOMEM, "allocation %lu: rc %d", n, rc);
			ck_assert_ptr_null(f);
			continue;
		}
		/* An allocation whose failure costs nothing: the same result. */
		size_t len, k;
		dr_fix_edits(f, &k);
		ck_assert_msg(k == 6, "allocation %lu: %zu edits", n, k);
		dr_fix_left(f, &k);
		ck_assert_msg(k == 0, "allocation %lu: %zu findings left", n, k);
		ck_assert_str_eq(dr_fix_text(f, &len), want);
		dr_fix_free(f);
	}
	ck_assert_uint_gt(failed, 20);
	free(want);
	dr_config_free(cfg);
}
END_TEST

Suite *suite_fix(void)
{
	Suite *s = suite_create("fix");
	TCase *tc = tcase_create("fix");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, NULL, remove_tmp);
	tcase_add_test(tc, fixes_in_place);
	tcase_add_test(tc, missing_effective);
	tcase_add_test(tc, after_non_ascii);
	tcase_add_test(tc, config_decides);
	tcase_add_test(tc, real_record_crlf_bom);
	tcase_add_test(tc, dry_run_and_check);
	tcase_add_test(tc, files_left_alone);
	tcase_add_test(tc, properties_kept);
	tcase_add_test(tc, rename_files);
	tcase_add_test(tc, library);
	tcase_add_test(tc, command_failures);
	tcase_add_test(tc, library_rare_shapes);
	tcase_add_test(tc, library_out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}
