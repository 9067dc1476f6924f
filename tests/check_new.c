/* decrec new: the file it writes (exactly), the findings of a fresh file for
 * each phase, the next free reference, the clash and concurrent paths, bad
 * input, and the reference_format and schema keys. Each test builds a small
 * repository in a temporary directory. */
#include "tests.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs the shell command made from fmt in directory `dir` with `decrec`
 * standing for the binary, returning its stdout (caller frees) and its exit
 * status in *st. */
static char *in_dir(const char *dir, int *st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static char *in_dir(const char *dir, int *st, const char *fmt, ...)
{
	char cmd[8192], args[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "cd '%s' && decrec() { '%s' \"$@\"; } && %s", dir, decrec_bin(),
	         args);
	char *out = run_command(cmd, st);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* Runs `cmd` in dir and checks its exit status and its output. */
static void expect_in(const char *dir, const char *cmd, int status, const char *want)
{
	int st;
	char *out = in_dir(dir, &st, "%s", cmd);
	ck_assert_msg(st == status, "%s: exit %d, want %d; output: %s", cmd, st, status, out);
	ck_assert_str_eq(out, want);
	free(out);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static char *file_text(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	char *s = read_text(path, NULL);
	ck_assert_msg(s != NULL, "%s is missing", path);
	return s;
}

/* A council with its own references (MBC/2024/007), its own statuses, one
 * in each phase, and a schema; records of 2023 and 2024 in place, one in a
 * file not named after its reference and one in a subdirectory. */
static void council(char *dir)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	int st;
	free(in_dir(dir, &st, "mkdir -p records/2024"));
	ck_assert_int_eq(st, 0);
	write_file(dir, "decrec.yaml",
	           "reference_pattern: '^MBC/[0-9]{4}/[0-9]{3}$'\n"
	           "reference_format: 'MBC/{yyyy}/{seq:3}'\n"
	           "schema: decrec.schema.json\n"
	           "statuses:\n"
	           "  - {name: Proposed, phase: proposed}\n"
	           "  - {name: Decided, phase: made}\n"
	           "  - {name: Referred, phase: referred}\n"
	           "  - {name: Called In, phase: called-in}\n"
	           "  - {name: Withdrawn, phase: withdrawn}\n");
	write_file(dir, "records/MBC-2024-007.yaml", "reference: MBC/2024/007\ntitle: x\n");
	write_file(dir, "records/2024/other.yaml", "reference: MBC/2024/012\n");
	write_file(dir, "records/2023.yaml",
	           "reference: MBC/2023/050\n---\nreference: MBC/2023/051\n");
}

static void clean(const char *dir)
{
	int st;
	char *out = in_dir("/", &st, "rm -rf '%s'", dir);
	free(out);
}

/* The whole file of a proposed key decision: the schema line, every field
 * a proposed key decision needs in the order of the record format, each
 * after its meaning, the notice today and the decision due on the first
 * working day after 28 clear days (Monday 26 August 2024 is the summer bank
 * holiday, so Tuesday). The reference is one more than the highest of 2024,
 * 012 in a subdirectory. */
START_TEST(new_file_exact)
{
	char dir[] = "/tmp/decrec-new-XXXXXX";
	council(dir);
	expect_in(dir,
	          "decrec new --today 2024-07-28 --key --title 'Library opening hours' "
	          "--decision-maker 'Cabinet Member for Communities'",
	          0, "records/MBC-2024-013.yaml\n");
	char *text = file_text(dir, "records/MBC-2024-013.yaml");
	ck_assert_str_eq(
	    text, "# yaml-language-server: $schema=../decrec.schema.json\n"
	          "# Decision number, e.g. `24/00058` (\"Decision No\"); must match "
	          "`reference_pattern`.\n"
	          "reference: MBC/2024/013\n"
	          "# Title as listed on the decision register (\"Decision details\" heading).\n"
	          "title: Library opening hours\n"
	          "# \"Decision Maker\" / \"Decision to be taken by\".\n"
	          "decision_maker: Cabinet Member for Communities\n"
	          "# \"Decision status\"; one of the configured statuses, whose phase decides what "
	          "else is required.\n"
	          "status: Proposed\n"
	          "# \"Is Key decision?\"\n"
	          "key_decision: yes\n"
	          "# \"Is subject to call in?\"\n"
	          "subject_to_call_in: yes\n"
	          "# The decision's dates.\n"
	          "dates:\n"
	          "  # Planned decision date of a proposed record (\"Decision due\").\n"
	          "  due: 2024-08-27\n"
	          "# The notice of the proposed decision.\n"
	          "forward_plan:\n"
	          "  # \"Notice of proposed decision first published\".\n"
	          "  first_published: 2024-07-28\n"
	          "  # Titles of the documents to be submitted to the decision maker (reg "
	          "9(1)(e)); `[]` states there are none.\n"
	          "  documents:\n"
	          "# The decision wording (\"I agree to: a) APPROVE ... b) DELEGATE ...\").\n"
	          "decision:\n");
	free(text);
	/* What is left to write is the documents to be submitted (or [] for
	 * none) and the decision: two findings. */
	expect_in(dir, "decrec validate --today 2024-07-28 records/MBC-2024-013.yaml 2>/dev/null",
	          1,
	          "records/MBC-2024-013.yaml:23:3: error: 'forward_plan.documents' is blank; "
	          "write [] to state that there are none [empty-field]\n"
	          "   23 |   documents:\n"
	          "      |   ^~~~~~~~~\n"
	          "records/MBC-2024-013.yaml:25:1: error: 'decision' is blank: every record needs "
	          "it [empty-field]\n"
	          "   25 | decision:\n"
	          "      | ^~~~~~~~\n");
	/* A made decision: decided and published today, effective the day
	 * after the 5th working day; the file made from a subdirectory is
	 * named from there, and its schema line is relative to it. */
	expect_in(dir, "cd records/2024 && decrec new --today 2024-07-19 --status decided", 0,
	          "../../records/MBC-2024-014.yaml\n");
	text = file_text(dir, "records/MBC-2024-014.yaml");
	ck_assert_str_eq(
	    text, "# yaml-language-server: $schema=../decrec.schema.json\n"
	          "# Decision number, e.g. `24/00058` (\"Decision No\"); must match "
	          "`reference_pattern`.\n"
	          "reference: MBC/2024/014\n"
	          "# Title as listed on the decision register (\"Decision details\" heading).\n"
	          "title:\n"
	          "# \"Decision Maker\" / \"Decision to be taken by\".\n"
	          "decision_maker:\n"
	          "# \"Decision status\"; one of the configured statuses, whose phase decides what "
	          "else is required.\n"
	          "status: Decided\n"
	          "# \"Is Key decision?\"\n"
	          "key_decision: no\n"
	          "# \"Is subject to call in?\"\n"
	          "subject_to_call_in: yes\n"
	          "# The decision's dates.\n"
	          "dates:\n"
	          "  # \"Date of decision\".\n"
	          "  decision: 2024-07-19\n"
	          "  # \"Publication date\".\n"
	          "  published: 2024-07-19\n"
	          "  # \"Effective from\"; checked against the call-in period.\n"
	          "  effective: 2024-07-27\n"
	          "# The decision wording (\"I agree to: a) APPROVE ... b) DELEGATE ...\").\n"
	          "decision:\n"
	          "# \"Reason(s) for decision\".\n"
	          "reasons:\n"
	          "# \"Any alternatives considered and rejected\" (may say \"None\").\n"
	          "alternatives:\n"
	          "# Conflicts of interest declared; `[]` states that none were.\n"
	          "interests:\n");
	free(text);
	/* -o elsewhere: the schema line is relative to that file. */
	expect_in(
	    dir,
	    "mkdir -p a/b && decrec new --today 2024-07-19 -o a/b/x.yaml && head -1 a/b/x.yaml", 0,
	    "a/b/x.yaml\n# yaml-language-server: $schema=../../decrec.schema.json\n");
	/* Text that YAML would read otherwise is quoted. */
	expect_in(dir,
	          "decrec new --today 2024-07-19 --title 'Item #5: \"Park\" \\ ramp' "
	          "--decision-maker 'null' -o q.yaml && sed -n '5p;7p' q.yaml",
	          0,
	          "q.yaml\ntitle: \"Item #5: \\\"Park\\\" \\\\ ramp\"\ndecision_maker: \"null\"\n");
	expect_in(dir, "decrec validate --today 2024-07-19 -q q.yaml 2>&1 | grep '^q.yaml'", 0,
	          "q.yaml:15:1: error: 'decision' is blank: every record needs it [empty-field]\n");
	clean(dir);
}
END_TEST

/* The findings of a fresh file, for each kind of status: only what the
 * officer must still write (empty-field, with the documents of a proposed
 * key decision's notice, and missing-field for the forward plan date of a
 * key decision that was not proposed today), never a date, type or format
 * finding. */
START_TEST(new_fresh_findings)
{
	char dir[] = "/tmp/decrec-new-XXXXXX";
	council(dir);
	static const struct {
		const char *options;
		const char *rules; /* field:rule of each finding, in order */
	} cases[] = {
	    {"", "title:empty-field decision_maker:empty-field decision:empty-field "},
	    {"--key", "title:empty-field decision_maker:empty-field "
	              "forward_plan.documents:empty-field decision:empty-field "},
	    {"--no-key --status decided",
	     "title:empty-field decision_maker:empty-field decision:empty-field "
	     "reasons:empty-field alternatives:empty-field interests:empty-field "},
	    {"--key --status decided",
	     "title:empty-field decision_maker:empty-field "
	     "forward_plan.first_published:missing-field decision:empty-field "
	     "reasons:empty-field alternatives:empty-field interests:empty-field "},
	    {"--status referred", "title:empty-field decision_maker:empty-field "
	                          "decision:empty-field "},
	    {"--status referred --key",
	     "title:empty-field decision_maker:empty-field "
	     "forward_plan.first_published:missing-field decision:empty-field "},
	    {"--status 'called in'",
	     "title:empty-field decision_maker:empty-field decision:empty-field "
	     "reasons:empty-field alternatives:empty-field interests:empty-field "},
	    {"--status WITHDRAWN --key",
	     "title:empty-field decision_maker:empty-field decision:empty-field "},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int st;
		char *path = in_dir(dir, &st, "decrec new --today 2024-07-19 %s", cases[i].options);
		ck_assert_msg(st == 0, "new %s: exit %d", cases[i].options, st);
		path[strcspn(path, "\n")] = '\0';
		/* The field of each finding (the quoted name) and its rule. */
		char *got = in_dir(dir, &st,
		                   "decrec validate --today 2024-07-19 %s 2>/dev/null | "
		                   "sed -n -E 's/^[^ ]+:[0-9]+:[0-9]+: (error|warning): //p' | "
		                   "sed -E \"s/^'([a-z_.]+)'.*\\[([a-z-]+)\\]$/\\1:\\2/\" | "
		                   "tr '\\n' ' '",
		                   path);
		ck_assert_msg(!strcmp(got, cases[i].rules), "new %s: %s\nwant %s", cases[i].options,
		              got, cases[i].rules);
		free(got);
		free(path);
	}
	clean(dir);
}
END_TEST

/* The next free reference: one more than the highest of the year of
 * --today among the records (any file name, any depth, every document),
 * the first of a year with none; a taken file name (here by a file that
 * holds no record, so the scan cannot see it) moves on to the next number
 * and is left as it was. */
START_TEST(new_next_reference)
{
	char dir[] = "/tmp/decrec-new-XXXXXX";
	council(dir);
	expect_in(dir, "decrec new --today 2023-12-31", 0, "records/MBC-2023-052.yaml\n");
	expect_in(dir, "decrec new --today 2025-01-02", 0, "records/MBC-2025-001.yaml\n");
	expect_in(dir, "decrec new --today 2025-01-02", 0, "records/MBC-2025-002.yaml\n");
	write_file(dir, "records/MBC-2024-013.yaml", "not: a record\n");
	expect_in(dir, "decrec new --today 2024-03-01", 0, "records/MBC-2024-014.yaml\n");
	char *kept = file_text(dir, "records/MBC-2024-013.yaml");
	ck_assert_str_eq(kept, "not: a record\n");
	free(kept);
	/* No temporary file is left behind. */
	expect_in(dir, "ls -a records | grep -c decrec-", 1, "0\n");
	/* The default repository layout: the references of records/ (24/00095
	 * is the highest of 2024 here), written as {yy}/{seq:5}. */
	clean(dir);
	char kcc[] = "/tmp/decrec-new-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(kcc));
	int st;
	char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	char *out = in_dir(kcc, &st, "cp -r '%s/records' '%s/decrec.yaml' .", cwd, cwd);
	ck_assert_int_eq(st, 0);
	free(out);
	expect_in(kcc, "decrec new --today 2024-07-19", 0, "records/24-00096.yaml\n");
	expect_in(kcc, "decrec new --today 2025-07-19", 0, "records/25-00032.yaml\n");
	expect_in(kcc, "decrec new --no-config --today 2025-07-19", 0, "records/25-00033.yaml\n");
	clean(kcc);
}
END_TEST

/* Several decrec new at once in one repository: every one succeeds, each
 * with its own reference and file, and no temporary file is left. */
START_TEST(new_concurrent)
{
	char dir[] = "/tmp/decrec-new-XXXXXX";
	council(dir);
	enum { RUNS = 12 };
	expect_in(dir,
	          "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do "
	          "(decrec new --today 2024-05-01 > out.$i; echo $? > rc.$i) & done; wait; "
	          "cat rc.* | sort | uniq -c | sed 's/^ *//'",
	          0, "12 0\n");
	expect_in(dir, "cat out.* | sort -u | wc -l | tr -d ' '", 0, "12\n");
	expect_in(dir, "cat out.* | sort | sed -n '1p;$p'", 0,
	          "records/MBC-2024-013.yaml\nrecords/MBC-2024-024.yaml\n");
	expect_in(
	    dir,
	    "for f in $(cat out.*); do sed -n 's/^reference: //p' $f; done | sort -u | wc -l | "
	    "tr -d ' '",
	    0, "12\n");
	expect_in(dir, "ls -a records | grep -c decrec-", 1, "0\n");
	clean(dir);
}
END_TEST

/* Bad input: a clear message, a non-zero exit, and no file. */
START_TEST(new_bad_input)
{
	char dir[] = "/tmp/decrec-new-XXXXXX";
	council(dir);
	expect_in(dir, "decrec new --status Approved 2>&1", 2,
	          "decrec new: unknown status 'Approved'; the statuses of decrec.yaml are "
	          "'Proposed', 'Decided', 'Referred', 'Called In', 'Withdrawn'\n"
	          "try 'decrec new --help'\n");
	expect_in(dir, "decrec new --today 2024-02-30 2>&1", 2,
	          "decrec new: --today '2024-02-30' is not a real day: February 2024 has 29 "
	          "days\ntry 'decrec new --help'\n");
	expect_in(dir, "decrec new --reference 24/00001 2>&1", 2,
	          "decrec new: reference '24/00001' does not match reference_pattern "
	          "^MBC/[0-9]{4}/[0-9]{3}$\ntry 'decrec new --help'\n");
	expect_in(dir, "decrec new --reference MBC/2024/007 2>&1", 1,
	          "decrec new: records/MBC-2024-007.yaml already exists; it is not replaced\n");
	expect_in(dir, "decrec new -o records/2023.yaml 2>&1", 1,
	          "decrec new: records/2023.yaml already exists; it is not replaced\n");
	char *kept = file_text(dir, "records/MBC-2024-007.yaml");
	ck_assert_str_eq(kept, "reference: MBC/2024/007\ntitle: x\n");
	free(kept);
	/* A directory that cannot be written (a file in the way: tests may
	 * run as root, whom permissions do not stop). */
	expect_in(dir, "touch plain && decrec new -o plain/x.yaml 2>&1", 3,
	          "decrec new: plain/x.yaml: cannot write: Not a directory\n");
	expect_in(dir, "mv records records.d && touch records && decrec new 2>&1", 3,
	          "decrec new: records: cannot create the directory: Not a directory\n");
	expect_in(
	    dir,
	    "rm records && mv records.d records && decrec new --title \"$(printf 'a\\nb')\" 2>&1",
	    2,
	    "decrec new: the title must be one line of text, without control characters\n"
	    "try 'decrec new --help'\n");
	expect_in(dir, "decrec new --decision-maker ' ' 2>&1", 2,
	          "decrec new: the decision maker is blank\ntry 'decrec new --help'\n");
	expect_in(dir, "decrec new extra 2>&1", 2,
	          "decrec new: unexpected argument 'extra'\ntry 'decrec new --help'\n");
	expect_in(dir, "decrec new -o - 2>&1", 2,
	          "decrec new: -o needs a file name\ntry 'decrec new --help'\n");
	/* A made decision in a year without holiday data: no guessed date. */
	expect_in(dir, "decrec new --today 2030-01-07 --status decided 2>&1", 1,
	          "decrec new: the holiday data has no bank holidays for 2030; add them with "
	          "calendar.holidays_file\n");
	/* The numbers of a year run out. */
	write_file(dir, "tiny.yaml",
	           "reference_pattern: '^T[0-9]$'\nreference_format: 'T{seq:1}'\n");
	write_file(dir, "records/t9.yaml", "reference: T9\n");
	expect_in(dir, "decrec new --config tiny.yaml 2>&1", 1,
	          "decrec new: the references of the year are used up: the sequence number does "
	          "not fit reference_format\n");
	/* A reference the pattern allows but no file can be named after. */
	write_file(dir, "dots.yaml",
	           "reference_pattern: '^[a-z0-9./]+$'\nreference_format: 'a{seq:2}'\n");
	expect_in(dir, "decrec new --config dots.yaml --reference ../up 2>&1", 2,
	          "decrec new: reference '../up' does not make a file name\n"
	          "try 'decrec new --help'\n");
	/* No file was made by any of these. */
	expect_in(dir, "ls records | grep -vc -e MBC-2024-007 -e 2023.yaml -e 2024 -e t9.yaml", 1,
	          "0\n");
	clean(dir);
}
END_TEST

/* reference_format is checked when the config loads, at its key. */
START_TEST(new_reference_format_config)
{
	char dir[] = "/tmp/decrec-new-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	static const struct {
		const char *yaml, *message;
	} bad[] = {
	    {"authority: A\nreference_format: '{yy}-{seq:5}'\n",
	     "decrec: c.yaml:2:1: reference_format '{yy}-{seq:5}' makes references such as "
	     "'24-00001' that do not match reference_pattern ^[0-9]{2}/[0-9]{5}$\n"},
	    {"reference_format: '{yy}/{seq}'\n",
	     "decrec: c.yaml:1:1: reference_format '{yy}/{seq}' is not a reference format: "
	     "unknown placeholder '{seq}': expected {yy}, {yyyy} or {seq:N} with N from 1 to 9\n"},
	    {"reference_format: '{yy}/{seq:5}/{seq:2}'\n",
	     "decrec: c.yaml:1:1: reference_format '{yy}/{seq:5}/{seq:2}' is not a reference "
	     "format: it must hold one {seq:N} (the sequence number), not 2\n"},
	    {"reference_format: '{yy}/00058'\n",
	     "decrec: c.yaml:1:1: reference_format '{yy}/00058' is not a reference format: it "
	     "must hold one {seq:N} (the sequence number), not 0\n"},
	    {"reference_format: '24}/{seq:5}'\n",
	     "decrec: c.yaml:1:1: reference_format '24}/{seq:5}' is not a reference format: a "
	     "'}' that closes no placeholder\n"},
	    {"reference_format: {yy: 1}\n",
	     "decrec: c.yaml:1:19: 'reference_format' must be text in quotes, such as "
	     "'{yy}/{seq:5}'\n"},
	    {"reference_pattern: '^[0-9]{2}/[0-9]{4}$'\nreference_format: '{yy}/{seq:4}'\n", ""},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		write_file(dir, "c.yaml", bad[i].yaml);
		/* validate refuses it too: the config is one for every command. */
		expect_in(dir,
		          "mkdir -p e && decrec validate --config c.yaml --allow-empty -q e 2>&1 "
		          ">/dev/null",
		          *bad[i].message ? 2 : 0, bad[i].message);
	}
	/* A pattern of the council's own and no format: references must be
	 * given until reference_format is set. */
	write_file(dir, "c.yaml", "reference_pattern: '^EX/[0-9]{4}/[0-9]{3}$'\n");
	expect_in(dir, "decrec new --config c.yaml 2>&1", 2,
	          "decrec new: reference_pattern ^EX/[0-9]{4}/[0-9]{3}$ is the config's own, and "
	          "the default reference_format '{yy}/{seq:5}' does not match it: set "
	          "reference_format\n");
	expect_in(dir, "decrec new --config c.yaml --reference EX/2024/001 --today 2024-01-02", 0,
	          "records/EX-2024-001.yaml\n");
	/* No schema key, no schema line; a format with {yy} twice and literal
	 * text around it. */
	write_file(dir, "c.yaml",
	           "reference_pattern: '^D-[0-9]{2}-[0-9]{2}-[0-9]{2}$'\n"
	           "reference_format: 'D-{yy}-{seq:2}-{yy}'\n");
	write_file(dir, "records/a.yaml", "reference: D-24-41-24\n---\nreference: D-23-50-23\n");
	expect_in(
	    dir, "decrec new --config c.yaml --today 2024-06-03 && head -1 records/D-24-42-24.yaml",
	    0,
	    "records/D-24-42-24.yaml\n# Decision number, e.g. `24/00058` (\"Decision No\"); "
	    "must match `reference_pattern`.\n");
	int st;
	free(in_dir("/", &st, "rm -rf '%s'", dir));
}
END_TEST

/* The library's side: references made and read back with the format. */
START_TEST(new_reference_api)
{
	dr_config *cfg;
	const char *yaml = "reference_pattern: '^MBC/[0-9]{4}/[0-9]{3}$'\n"
	                   "reference_format: 'MBC/{yyyy}/{seq:3}'\n";
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "c.yaml", yaml, strlen(yaml), NULL), 0);
	char *ref = NULL, *err = NULL;
	ck_assert_int_eq(dr_reference_make(&ref, cfg, 2024, 7, &err), 0);
	ck_assert_str_eq(ref, "MBC/2024/007");
	free(ref);
	ck_assert_int_eq(dr_reference_make(&ref, cfg, 2024, 1000, &err), DR_ERANGE);
	ck_assert_str_eq(err, "the sequence number does not fit reference_format");
	free(err);
	unsigned long seq = 0;
	ck_assert_int_eq(dr_reference_seq(&seq, cfg, "MBC/2024/042", 2024), 1);
	ck_assert_uint_eq(seq, 42);
	ck_assert_int_eq(dr_reference_seq(&seq, cfg, "MBC/2023/042", 2024), 0);
	ck_assert_int_eq(dr_reference_seq(&seq, cfg, "MBC/2024/42", 2024), 0);
	ck_assert_int_eq(dr_reference_seq(&seq, cfg, "MBC/2024/0420", 2024), 0);
	ck_assert_int_eq(dr_reference_seq(&seq, cfg, "mbc/2024/042", 2024), 0);
	dr_skeleton_options o = {.reference = "MBC/2024/001", .status = "Nope"};
	char *text = NULL;
	ck_assert_int_eq(dr_skeleton_text(&text, NULL, cfg, &o, &err), DR_EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "unknown status 'Nope'; the statuses of c.yaml are "));
	free(err);
	dr_config_free(cfg);
	/* The defaults: {yy}/{seq:5}; a status-less proposed record. */
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "d.yaml", "authority: A\n", 13, NULL), 0);
	ck_assert_int_eq(dr_reference_make(&ref, cfg, 2024, 58, NULL), 0);
	ck_assert_str_eq(ref, "24/00058");
	o = (dr_skeleton_options){.reference = ref, .today = 1};
	size_t len = 0;
	ck_assert_int_eq(dr_skeleton_text(&text, &len, cfg, &o, NULL), 0);
	ck_assert_uint_eq(len, strlen(text));
	ck_assert_ptr_nonnull(strstr(text, "\nreference: 24/00058\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nstatus: For Determination\n"));
	ck_assert_ptr_null(strstr(text, "yaml-language-server"));
	free(text);
	free(ref);
	dr_config_free(cfg);
}
END_TEST

Suite *suite_new(void)
{
	Suite *s = suite_create("new");
	TCase *tc = tcase_create("new");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, new_file_exact);
	tcase_add_test(tc, new_fresh_findings);
	tcase_add_test(tc, new_next_reference);
	tcase_add_test(tc, new_concurrent);
	tcase_add_test(tc, new_bad_input);
	tcase_add_test(tc, new_reference_format_config);
	tcase_add_test(tc, new_reference_api);
	suite_add_tcase(s, tc);
	return s;
}
