/* decrec: load, check and render councils' records of executive decisions.
 *
 * The one public header of the library (libdecrec(3) gives an overview and
 * an example). Conventions:
 * - Names are dr_<module>_<verb>; a function's out-parameters come first.
 * - Fallible calls return 0 or a negative DR_E* code and write their
 *   out-parameters only on success (an error message through `char **err`
 *   is written only on failure, and the caller frees it).
 * - Every function that returns memory says who frees it; x_free(NULL) is a
 *   no-op. Strings are UTF-8 and NUL-terminated unless a length is given.
 * - Options structs may be passed as NULL for their defaults; a zeroed one is
 *   the defaults too. A NULL config, or a NULL object passed to a function
 *   of its type (other than x_free), is a programmer error unless said.
 * - Positions are 1-based lines and columns in characters (code points).
 * - Nothing here keeps global state: objects that are not shared may be used
 *   by one thread each; a loaded dr_config may be shared by threads.
 * Only the functions declared here are exported from libdecrec.so. */
#ifndef DECREC_H
#define DECREC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the library's exported functions; the library itself is built with
 * -fvisibility=hidden, so that nothing else is. */
#ifndef DR_EXPORT
#if defined(__GNUC__) || defined(__clang__)
#define DR_EXPORT __attribute__((visibility("default")))
#else
#define DR_EXPORT
#endif
#endif

#define DR_VERSION "0.1.0"

/* Error codes returned by fallible calls. */
#define DR_ENOMEM (-1) /* out of memory */
#define DR_EIO (-2) /* a file could not be read or written */
#define DR_EINVAL (-3) /* invalid input (a bad config, a bad date, a NULL config) */
#define DR_ERANGE (-4) /* a computation left the holiday data's years */

/* ---- rules and findings ------------------------------------------------ */

typedef enum dr_severity { DR_OFF = 0, DR_WARNING = 1, DR_ERROR = 2 } dr_severity;

/* Rules are numbered 0 .. dr_rule_count()-1 in a stable order (docs/rules.md).
 * The strings below are static: never freed, valid for the program's life. */
DR_EXPORT int dr_rule_count(void);
/* The rule's kebab-case name ("call-in-window"); NULL out of range. */
DR_EXPORT const char *dr_rule_name(int rule);
/* One line on what fires the rule; NULL out of range. */
DR_EXPORT const char *dr_rule_summary(int rule);
/* How to fix a finding of the rule: one paragraph of Markdown whose only
 * markup is `code` spans (the "Fix" of docs/rules.md). NULL out of range. */
DR_EXPORT const char *dr_rule_fix(int rule);
/* The rule's severity when no config changes it; DR_OFF out of range. */
DR_EXPORT dr_severity dr_rule_default(int rule);
/* The rule called `name` (exact, kebab-case), or -1. */
DR_EXPORT int dr_rule_find(const char *name);
/* "error", "warning" or "off"; static. */
DR_EXPORT const char *dr_severity_name(dr_severity s);

/* One finding. Strings belong to the dr_file it came from. end_line and
 * end_column are one past the last character of the span. */
typedef struct dr_diag {
	int rule;
	dr_severity severity;
	uint32_t line, column, end_line, end_column;
	const char *message; /* one line, lower case, says what and why */
	const char *field; /* JSON Pointer of the field ("/dates/effective"), or "" */
	const char *expected; /* the right value where the rule knows it, or NULL */
} dr_diag;

/* ---- configuration (decrec.yaml) --------------------------------------- */

/* A loaded decrec.yaml (docs/configuration.md): severities, the calendar,
 * the call-in period, labels, template directories. */
typedef struct dr_config dr_config;

/* The path of the decrec.yaml in `dir` or its nearest parent, or NULL (none,
 * or out of memory): relative to `dir` when `dir` is relative ("decrec.yaml",
 * "../decrec.yaml" for dir "."), else absolute. The caller frees the result. */
DR_EXPORT char *dr_config_find(const char *dir);
/* Loads the config at `path` into *out, or the defaults when path is NULL.
 * On failure returns DR_EINVAL (a bad config), DR_EIO (it cannot be read) or
 * DR_ENOMEM, and sets *err to a one-line message naming the file, line and
 * column (caller frees; err must not be NULL). The config is read-only once
 * loaded and may be shared by threads; dr_config_free frees it, after every
 * object made with it. */
DR_EXPORT int dr_config_load(dr_config **out, const char *path, char **err);

/* Why a config could not be loaded, in parts. `file` is the file (or the
 * buffer's name) the problem is about, or NULL when it is about none (out
 * of memory); `line` and `column` are 1-based, or 0 when the problem has no
 * position (a file that cannot be read); `message` is one line, lower case,
 * without the file or position. The strings are malloc'd and belong to the
 * dr_error: release them with dr_error_clear. */
typedef struct dr_error {
	char *file;
	uint32_t line, column;
	char *message;
} dr_error;
/* Frees the strings of *e and zeroes it; e may be NULL, and a zeroed
 * dr_error may be cleared. */
DR_EXPORT void dr_error_clear(dr_error *e);
/* As dr_config_load, with the error in parts: on failure returns DR_EINVAL
 * (a bad config), DR_EIO (the file cannot be read, named in *err) or
 * DR_ENOMEM, and fills *err (clear it with dr_error_clear); *out is set
 * only on success. err may be NULL. */
DR_EXPORT int dr_config_load_file(dr_config **out, const char *path, dr_error *err);
/* Loads a config from the `len` bytes at `buf` (need not end in NUL;
 * copied, so buf may go once this returns), with the checks of a file.
 * `name` names it in errors and in findings that cite the config (NULL:
 * "(buffer)"). Relative paths in it (templates, calendar.holidays_file)
 * and the root that document links must stay in are the working directory.
 * Returns 0 with *out set (free it with dr_config_free); DR_EINVAL with
 * *err filled for a bad config, or for buf NULL with len > 0; DR_ENOMEM. */
DR_EXPORT int dr_config_load_buffer(dr_config **out, const char *name, const char *buf, size_t len,
                                    dr_error *err);
DR_EXPORT void dr_config_free(dr_config *cfg);
/* The directory relative document links must stay inside: the config's
 * directory, or for the defaults the working directory when they were
 * loaded (absolute). Borrowed from the config. */
DR_EXPORT const char *dr_config_root(const dr_config *cfg);
/* The number of call-in working days (call_in.working_days). */
DR_EXPORT int dr_config_call_in_days(const dr_config *cfg);
/* The calendar's division ("england-and-wales"), borrowed from the config. */
DR_EXPORT const char *dr_config_division(const dr_config *cfg);
/* The config's docs_url: where docs/rules.md is published, or NULL. */
DR_EXPORT const char *dr_config_docs_url(const dr_config *cfg);

/* ---- dates and the calendar --------------------------------------------- */

/* Days are int32_t counts of days since 1970-01-01 (day 0). */

/* Parses "YYYY-MM-DD" or "DD/MM/YYYY" into *day; 0 or DR_EINVAL. */
DR_EXPORT int dr_date_parse_str(int32_t *day, const char *s);
/* As dr_date_parse_str, and on DR_EINVAL writes why into why[cap]
 * (truncated, always NUL-terminated when cap > 0): "'x' is not a date:
 * expected YYYY-MM-DD or DD/MM/YYYY", "'2025-04-31' is not a real day: April
 * 2025 has 30 days". */
DR_EXPORT int dr_date_parse_why(int32_t *day, const char *s, char *why, size_t cap);
/* Write "2024-07-19" (iso) or "19/07/2024" (short) into the caller's
 * buf[24] and return buf. */
DR_EXPORT char *dr_date_format_iso(char *buf, int32_t day);
DR_EXPORT char *dr_date_format_short(char *buf, int32_t day);
/* "Mon" .. "Sun"; static. */
DR_EXPORT const char *dr_date_day_name(int32_t day);
/* The current date in the local time zone (what DR_TODAY stands for). */
DR_EXPORT int32_t dr_date_today(void);

/* The call-in deadline (the N-th working day after publication) into
 * *deadline, and the date the decision takes effect into *effective, under
 * the config. DR_ERANGE when the holiday data does not cover a year needed;
 * *year then names it (year may not be NULL). */
DR_EXPORT int dr_date_call_in(int32_t *deadline, int32_t *effective, const dr_config *cfg,
                              int32_t published, int *year);
/* The earliest lawful date of a key decision given 28 (configured) clear
 * days' notice from `first_published`. Cannot fail. */
DR_EXPORT int32_t dr_date_earliest_key_decision(const dr_config *cfg, int32_t first_published);
/* The earliest decision date after a general exception notice (reg 10) into
 * *earliest: the configured number of clear (working or calendar) days.
 * DR_ERANGE, with *year, as dr_date_call_in. */
DR_EXPORT int dr_date_earliest_exception(int32_t *earliest, const dr_config *cfg, int32_t notice,
                                         int *year);
/* The first working day on or after `day` into *out: `day` itself when it is
 * one. DR_ERANGE, with *year, when the holiday data does not cover a year
 * needed. */
DR_EXPORT int dr_date_first_working_day(int32_t *out, const dr_config *cfg, int32_t day, int *year);

/* The settings the date arithmetic uses, to show beside its results. The
 * pointers borrow from the config. */
typedef struct dr_date_settings {
	const char *division; /* whose bank holidays count */
	const char *holidays_file; /* calendar.holidays_file as written, or NULL */
	int first_year, last_year; /* the years the holiday data covers */
	const int32_t *closures; /* calendar.closures, in the order given */
	size_t nclosures;
	int call_in_days; /* call_in.working_days */
	int effective_next_working_day; /* call_in.effective: 1 next-working-day, 0 next-day */
	int notice_clear_days; /* key_decisions.notice_clear_days */
	int exception_clear_days; /* key_decisions.general_exception_clear_days */
	int exception_working_days; /* general_exception_days: 1 working, 0 calendar */
} dr_date_settings;
/* Fills *out from the config; its pointers borrow from cfg. */
DR_EXPORT void dr_config_date_settings(dr_date_settings *out, const dr_config *cfg);

/* ---- new records (decrec new) ---------------------------------------------- */

/* The reference with sequence number `seq` in `year`, under the config's
 * reference_format, into *ref (malloc'd; the caller frees). DR_ERANGE when
 * seq has more digits than the format's {seq:N} holds; DR_EINVAL when the
 * config sets a reference_pattern of its own and no reference_format, and
 * the default format does not match that pattern. With either, *err (when
 * err is not NULL) is the reason, malloc'd (the caller frees). */
DR_EXPORT int dr_reference_make(char **ref, const dr_config *cfg, int year, unsigned long seq,
                                char **err);
/* 1 with *seq when `ref` is a reference of the config's reference_format
 * whose year is `year` (any year when the format holds neither {yy} nor
 * {yyyy}), else 0. The next free reference is one more than the highest. */
DR_EXPORT int dr_reference_seq(unsigned long *seq, const dr_config *cfg, const char *ref, int year);

/* What a new record says. A zeroed struct with a reference is a proposed,
 * non-key record of today. */
typedef struct dr_skeleton_options {
	const char *reference; /* required; must match reference_pattern */
	const char *status; /* any case; NULL: the first status of the proposed phase */
	int key; /* 1: a key decision */
	const char *title; /* NULL: left blank for the officer */
	const char *decision_maker; /* NULL: left blank */
	int32_t today; /* the day the dates start from, or DR_TODAY */
	const char *path; /* the file the text is for, relative to the working
	                   * directory: the schema line names the config's
	                   * schema relative to it (NULL: the working directory) */
} dr_skeleton_options;

/* The text of a new record into *text (malloc'd, NUL-terminated, length in
 * *len when len is not NULL; the caller frees): a first line
 * "# yaml-language-server: $schema=PATH" when the config names a schema,
 * then every field the status's phase requires, in the order of the record
 * format, each after a comment saying what goes there. Dates come from the
 * config's calendar: a proposed key decision gets forward_plan.first_published
 * (today) and dates.due (the earliest lawful date, moved to a working day);
 * a made (or called-in) one dates.decision and dates.published (today) and
 * dates.effective. Text fields are left empty for the officer. Returns 0;
 * DR_EINVAL for an unknown status, a reference that does not match
 * reference_pattern, or a value that is not one line; DR_ERANGE when the
 * holiday data lacks a year the dates need; DR_ENOMEM. With DR_EINVAL or
 * DR_ERANGE, *err (when err is not NULL) is the reason (the caller frees). */
DR_EXPORT int dr_skeleton_text(char **text, size_t *len, const dr_config *cfg,
                               const dr_skeleton_options *o, char **err);

/* ---- checking ------------------------------------------------------------ */

/* How to check. A zeroed struct, DR_CHECK_OPTIONS_INIT and a NULL pointer
 * all mean the defaults: today's date, no source lines, no record spans,
 * standard input named "-". */
typedef struct dr_check_options {
	/* The day future-date compares with, or DR_TODAY (0) for the current
	 * local date, taken when the checker is made (dr_checker_new,
	 * dr_file_check). So 1970-01-01 itself cannot be given as today. */
	int32_t today;
	int quote; /* keep the source lines findings point at (text reports quote them) */
	int spans; /* keep each record's lines (JUnit reports group findings by record) */
	/* The name standard input ("-") goes by in findings and reports, and the
	 * path its relative document links are resolved from (--stdin-filename);
	 * NULL: "-", and links resolved from the working directory. */
	const char *stdin_name;
} dr_check_options;

/* dr_check_options.today's "the current date". */
#define DR_TODAY 0
#define DR_CHECK_OPTIONS_INIT                                                                      \
	{                                                                                          \
		DR_TODAY, 0, 0, NULL                                                               \
	}

/* The result of loading and checking one file: its records' findings, kept
 * with the file's text so reporters can quote source lines. */
typedef struct dr_file dr_file;

/* Loads and checks the `len` bytes of `buf` (the caller keeps it, and it
 * needs no NUL; with opt->quote, the dr_file copies the few source lines
 * findings quote) into *out, which the caller frees with dr_file_free. `name`
 * is the name shown in findings (not NULL). `path` is the file's real path,
 * used to resolve relative document links and for the rule that a file is
 * named after its record's reference; NULL for text that is no file (a
 * string, standard input): links then resolve from the working directory,
 * and that rule does not apply. opt may be NULL (the defaults). Returns 0,
 * DR_EINVAL when cfg or name is NULL, or DR_ENOMEM; every problem with the
 * input is a finding. */
DR_EXPORT int dr_file_check(dr_file **out, const dr_config *cfg, const dr_check_options *opt,
                            const char *name, const char *path, const char *buf, size_t len);
DR_EXPORT void dr_file_free(dr_file *f);

/* Where the relative document link `href` of a record in the file `path`
 * points, resolved as the validator does: from the file's directory (the
 * current directory when path is NULL), without the link's "#..." or
 * "?..." part. Sets *rel to the path relative to the repository root
 * (dr_config_root) as written, and *real to the file's real path; both
 * malloc'd, caller frees. Returns 0, DR_EINVAL when href is not a relative
 * link to a regular file inside the repository (symbolic links followed),
 * or DR_ENOMEM. */
DR_EXPORT int dr_document_resolve(char **rel, char **real, const dr_config *cfg, const char *path,
                                  const char *href);

/* Checking state that one thread reuses from file to file: the buffers grow
 * to the largest file and stay, so a warm checker's own allocations come to
 * one block per file, its dr_file (libyaml still allocates per file). cfg
 * must outlive it; *opt is copied (NULL: the defaults), but the string
 * opt->stdin_name must outlive it. NULL when out of memory or cfg is NULL. */
typedef struct dr_checker dr_checker;
DR_EXPORT dr_checker *dr_checker_new(const dr_config *cfg, const dr_check_options *opt);
DR_EXPORT void dr_checker_free(dr_checker *c);
/* dr_file_check with the checker's buffers and options. */
DR_EXPORT int dr_checker_check(dr_file **out, dr_checker *c, const char *name, const char *path,
                               const char *buf, size_t len);
/* Reads the file `name` ("-": standard input, named and resolved as
 * opt->stdin_name says) into the checker's buffer and checks it into *out.
 * DR_EIO with *err set (caller frees) when it cannot be read; DR_ENOMEM. */
DR_EXPORT int dr_checker_check_path(dr_file **out, dr_checker *c, const char *name, char **err);
/* The accessors below take the dr_file first, as getters, and borrow from it. */
/* The name the file was checked under. */
DR_EXPORT const char *dr_file_name(const dr_file *f);
/* The findings, sorted by position then rule; their number into *count. */
DR_EXPORT const dr_diag *dr_file_diags(const dr_file *f, size_t *count);
/* The number of records (YAML documents) in the file. */
DR_EXPORT size_t dr_file_records(const dr_file *f);
/* Where record `i` (0-based, below dr_file_records(f)) is in the file: the
 * lines from its document's start to its last line (comments after it up to
 * the next document included), and its reference, or NULL when it has none
 * (a string of the file). Records are in file order and their line spans do
 * not overlap. Returns 0, or DR_EINVAL when `i` is out of range or the file
 * was checked without opt->spans. */
DR_EXPORT int dr_file_record_lines(const dr_file *f, size_t i, uint32_t *first, uint32_t *last,
                                   const char **reference);
/* Line `line` (1-based) of the file without its line break (its length into
 * *len), or NULL when it was not kept (see opt->quote). */
DR_EXPORT const char *dr_file_line(const dr_file *f, uint32_t line, size_t *len);

/* Reads a whole file (or standard input for "-") into *buf, a malloc'd
 * buffer the caller frees, and its length into *len, stopping after max + 1
 * bytes so that an oversized input is seen as such without being read whole.
 * DR_EIO with *err set (caller frees) when it cannot be read; DR_ENOMEM. */
DR_EXPORT int dr_read_file(char **buf, size_t *len, const char *path, size_t max, char **err);
/* The largest file the checker accepts, in bytes (docs/limits.md). */
#define DR_MAX_FILE_SIZE (16u * 1024 * 1024)

/* Cross-record rules over all files of a run, in input order: for each
 * reference used by more than one record, every use but one gets a
 * duplicate-reference finding naming the other place. The one spared is the
 * record in the file named after the reference, else the first. Call once,
 * after every file is checked; findings stay sorted. Returns 0 or DR_ENOMEM.
 * (The cross-file step of checking, hence dr_check_.) */
DR_EXPORT int dr_check_references(dr_file **files, size_t n);

/* ---- fixing ------------------------------------------------------------------ */

/* One repair of `decrec fix`: the bytes [offset, offset + length) of the
 * text are replaced by text[0..text_len) (length 0: an insertion). The
 * strings belong to the dr_fix. */
typedef struct dr_fix_edit {
	size_t offset, length;
	const char *text;
	size_t text_len;
	uint32_t line, column; /* where, in the text as it was (1-based, characters) */
	int rule; /* the rule whose finding it repairs */
	const char
	    *message; /* one line, what was done: "dates.effective 20/07/2024 -> 29/07/2024" */
} dr_fix_edit;

/* The repairs of one text, found by checking it as dr_file_check does:
 * each finding whose right value can be computed (call-in-window,
 * missing-field or bad-date of dates.effective in a record subject to
 * call-in, wrong-type of a quoted yes/no, inline-comment) becomes an edit of
 * the bytes under it, and nothing else of the text changes. A rule turned
 * off in the config is not repaired. */
typedef struct dr_fix dr_fix;

/* Checks the `len` bytes of `buf` (as dr_file_check: `name` in findings,
 * `path` the real file or NULL, opt NULL for the defaults) and computes its
 * repairs into *out (free with dr_fix_free). A text that does not load
 * whole (see dr_fix_problem) gets no edit. Returns 0, DR_EINVAL (cfg or
 * name NULL) or DR_ENOMEM. */
DR_EXPORT int dr_fix_buffer(dr_fix **out, const dr_config *cfg, const dr_check_options *opt,
                            const char *name, const char *path, const char *buf, size_t len);
DR_EXPORT void dr_fix_free(dr_fix *f);
/* The edits, sorted by offset and not overlapping; their number into
 * *count. Borrowed from f. */
DR_EXPORT const dr_fix_edit *dr_fix_edits(const dr_fix *f, size_t *count);
/* The text with every edit made (the text itself when there is none), its
 * length into *len. Borrowed from f. */
DR_EXPORT const char *dr_fix_text(const dr_fix *f, size_t *len);
/* Why the text was left alone: its yaml-syntax, encoding or too-large
 * finding, or NULL when it loads. Borrowed from f. */
DR_EXPORT const dr_diag *dr_fix_problem(const dr_fix *f);
/* The findings of the rules fix repairs that got no edit, because the
 * repair could change more than the value (an alias, a block scalar, a
 * flow mapping, no holiday data for the year); their number into *count.
 * Borrowed from f. */
DR_EXPORT const dr_diag *dr_fix_left(const dr_fix *f, size_t *count);
/* The file-name finding of a single-record file not named after its
 * reference (its `expected` is the name, "24-00058.yaml"), or NULL: none,
 * no path given, or the text does not load. Borrowed from f. */
DR_EXPORT const dr_diag *dr_fix_rename(const dr_fix *f);

/* ---- reports --------------------------------------------------------------- */

/* Report formats (docs/ci.md): gcc-style text, JSON, SARIF 2.1.0, JUnit XML
 * and GitHub Actions workflow commands. */
typedef enum dr_format {
	DR_FORMAT_TEXT,
	DR_FORMAT_JSON,
	DR_FORMAT_SARIF,
	DR_FORMAT_JUNIT,
	DR_FORMAT_GITHUB
} dr_format;

/* The format named `name` ("text", "json", "sarif", "junit", "github"; any
 * case), as -f takes it, into *fmt. Returns 0, or -1 (*fmt untouched) for
 * an unknown name. */
DR_EXPORT int dr_format_parse(dr_format *fmt, const char *name);

/* A problem of the run itself rather than of a record, which a report
 * carries where CI looks (docs/ci.md): a decrec.yaml that could not be
 * loaded, or nothing to check. */
typedef struct dr_run_problem {
	const char *id; /* "config" or "no-records" */
	const char *message; /* one line */
	const char *file; /* the file it is about (decrec.yaml), or NULL */
	uint32_t line, column; /* its position in `file`; 0 when not known */
} dr_run_problem;

/* How to write a report; a zeroed struct or a NULL pointer is the defaults
 * (no colour, every finding and the summary, no limit on warnings). */
typedef struct dr_report_options {
	int color; /* ANSI colour in text output */
	int quiet; /* errors only, no summary */
	/* With has_max_warnings, more than max_warnings warnings fail the run
	 * (--max-warnings): the report says so, and dr_totals.over_max_warnings
	 * is set. */
	int has_max_warnings;
	size_t max_warnings;
	/* A problem of the run, or NULL. */
	const dr_run_problem *problem;
	/* The directory SARIF paths are relative to (%SRCROOT%: the directory of
	 * decrec.yaml), absolute or relative to the working directory; NULL for
	 * the working directory. */
	const char *srcroot;
	/* The directory GitHub annotations name files relative to
	 * (GITHUB_WORKSPACE); NULL: names as given. */
	const char *workspace;
	/* Where docs/rules.md is published (the config's docs_url): each SARIF
	 * rule's helpUri is this URL and "#" and the rule's name; NULL: none. */
	const char *docs_url;
} dr_report_options;

typedef struct dr_totals {
	size_t files, records, errors, warnings;
	int over_max_warnings; /* warnings > max_warnings, where one is given */
} dr_totals;

/* Writes the report of a run: the findings of `files` (in that order) to
 * `out` in format `fmt`, and for text and github the summary line to `err`.
 * o may be NULL (the defaults). The totals go to *t (t may be NULL; the
 * streams come first, as in fprintf, and the totals are a by-product).
 * Returns 0, DR_EINVAL for a format that is none of dr_format, or DR_EIO
 * when writing failed. */
DR_EXPORT int dr_report_write(dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                              dr_file *const *files, size_t n, dr_totals *t);

/* ---- runs ------------------------------------------------------------------ */

/* A run: the files of one validation, their cross-record rules and their
 * report, for inputs too many to keep in memory. Each file added is written
 * out, with a 16-byte use per reference, to one unlinked temporary file (in
 * $TMPDIR, else /tmp) that the run makes when it starts, and read back for
 * the report. Where none can be made (or it would leave fewer descriptors
 * than threads), or writing it fails (a full disk; the caller must ignore
 * SIGXFSZ for a file-size limit to fail a write rather than kill the
 * process), the rest is kept in memory and the report is the same. What the
 * run keeps in memory: 28 bytes per file; per thread, 256 KB of buffers
 * (more while a file's result is over 64 KB); the uses of one partition of
 * duplicate-reference (up to 512 KB, or a sixteenth of all uses past
 * 262,144); and 24 bytes per duplicate-reference finding
 * (docs/performance.md). */
typedef struct dr_run dr_run;

/* A run of at most `nfiles` inputs, added by at most `nthreads` threads;
 * NULL when out of memory. */
DR_EXPORT dr_run *dr_run_new(size_t nfiles, size_t nthreads);
DR_EXPORT void dr_run_free(dr_run *r);

/* Adds f, fresh from a checker, as input i (below nfiles) from thread t
 * (below nthreads; calls with different t may run at the same time). f is
 * written out and freed, on failure too. Returns 0, DR_ENOMEM or DR_EINVAL.
 * An input never added (one that could not be read) is left out of the
 * report. */
DR_EXPORT int dr_run_add(dr_run *r, size_t t, size_t i, dr_file *f);

/* After the last dr_run_add: dr_check_references over the files added, then
 * their report as dr_report_write gives it (o and t may be NULL), in input
 * order. It may be called again, in another format. Returns 0, or DR_EIO
 * when a temporary file could not be read, memory ran out (see
 * dr_run_error) or writing out failed. */
DR_EXPORT int dr_run_report(dr_run *r, dr_format fmt, FILE *out, FILE *err,
                            const dr_report_options *o, dr_totals *t);

/* Why the run failed, in a line ("cannot read a temporary file: ..." or
 * "out of memory"), or "" when it has not. Borrowed from the run. */
DR_EXPORT const char *dr_run_error(const dr_run *r);

/* After the last dr_run_add: the result of input i (below nfiles) with its
 * cross-record findings, read back from the run, one at a time: owned by the
 * run and valid until the next call (decrec render goes through the files
 * with it). NULL when input i was never added, or the run failed
 * (dr_run_error). */
DR_EXPORT const dr_file *dr_run_file(dr_run *r, size_t i);

/* ---- rendering ---------------------------------------------------------------- */

/* Rewrites a relative document link (documents[].href, as written) for
 * where the page is published. Sets *out to the link to print (malloc'd,
 * the renderer frees it), to "" for no link (the title only), or to NULL to
 * keep the link as written. Returns 0, or non-zero to stop rendering
 * (dr_render_buffer returns it; an attached renderer keeps it for
 * dr_renderer_error). */
typedef int (*dr_link_fn)(void *ctx, const char *href, char **out);

/* What to render; a zeroed struct or a NULL pointer is the defaults: the
 * built-in "record" template, in Markdown, links as written. */
/* What a renderer writes: the template's text escaped for Markdown or
 * HTML, or a Word document (.docx, a zip archive: binary) around the
 * WordprocessingML the template gives (docs/templates.md). */
typedef enum dr_doc_format { DR_DOC_MD = 0, DR_DOC_HTML = 1, DR_DOC_DOCX = 2 } dr_doc_format;

typedef struct dr_render_options {
	dr_doc_format format;
	const char *template_name; /* "record", "details", another name, or a template file */
	const char *templates; /* a directory searched first (--templates), or NULL */
	dr_link_fn link; /* relative document links, or NULL to keep them as written */
	void *link_ctx; /* passed to link */
	/* When set, the record form of a record not for publication is not
	 * rendered (it holds exempt information): withheld(ctx, reference) is
	 * called instead, reference NULL when it has none. For output meant to
	 * be published, such as a directory of pages. */
	void (*withheld)(void *ctx, const char *reference);
	void *withheld_ctx;
	/* The pages of decrec site (decisions/REF/index.html and record.html):
	 * the view gets `site`, the links between them and to the register. */
	int site;
	/* DR_DOC_DOCX: a Word document whose styles, fonts, header and
	 * footer the output takes; NULL for the config's docx.reference, if
	 * any, else decrec's plain ones. */
	const char *reference_docx;
} dr_render_options;

typedef struct dr_renderer dr_renderer;

/* A renderer with its template compiled into *out (free it with
 * dr_renderer_free; cfg and the strings and callbacks of *o must outlive it,
 * *o itself is copied; o may be NULL for the defaults). Templates and
 * partials are found by name (NAME.md, NAME.html, or NAME.docx.xml for
 * a Word document, whose header and footer are the templates docx-header
 * and docx-footer) in o->templates, then in the config's `templates`, then
 * among the built-in ones; names are letters, digits, '-' and '_' only, so
 * no path can reach outside those directories. A Word document's
 * reference document is read here. On failure returns DR_EINVAL or DR_EIO
 * with *err (caller frees; err must not be NULL) naming the template, line
 * and column, or the reference document; DR_ENOMEM; DR_EINVAL with *err
 * when cfg is NULL. */
DR_EXPORT int dr_renderer_new(dr_renderer **out, const dr_config *cfg, const dr_render_options *o,
                              char **err);
DR_EXPORT void dr_renderer_free(dr_renderer *r);

/* Receives one rendered document: the record's reference (NULL when it has
 * none) and the text (a Word document's bytes for DR_DOC_DOCX), valid
 * during the call. Returns 0 to go on. */
typedef int (*dr_emit_fn)(void *ctx, const char *reference, const char *doc, size_t len);

/* Renders every record of the file text buf[0..len) (no NUL needed), in
 * order, calling emit(ctx, ...) with each. A document that is not a record
 * is skipped (validation reports it). Returns 0; DR_EINVAL with *err (caller
 * frees) when rendering fails (a partial that does not compile, output over
 * the limit); DR_ENOMEM; or the first non-zero return of emit, which stops
 * rendering. */
DR_EXPORT int dr_render_buffer(dr_renderer *r, const char *buf, size_t len, dr_emit_fn emit,
                               void *ctx, char **err);

/* Makes the checker c render each record it checks with r, from the tree
 * it has just parsed, so that a file is read and parsed once for both
 * (decrec render): after a record's rules, it is rendered as
 * dr_render_buffer would and its document passed to emit. A rendering
 * error (or emit's non-zero return) stops rendering, not checking, until
 * dr_renderer_error is called; r must outlive c's checks. emit NULL
 * detaches. */
DR_EXPORT void dr_renderer_attach(dr_renderer *r, dr_checker *c, dr_emit_fn emit, void *ctx);
/* The first error of an attached renderer since the last call, or 0; *err
 * its message or NULL (caller frees). Rendering goes on after the call. */
DR_EXPORT int dr_renderer_error(dr_renderer *r, char **err);

/* ---- documents of many records: the forward plan, the call-in notice ---------- */

/* What a listing makes from the records its checker meets. */
typedef enum dr_listing_kind {
	/* The Notice of Key Decisions (forward plan): proposed key decisions
	 * (and, with the config's plan.include_non_key, other proposed
	 * records), grouped by due date; those under an exception apart. */
	DR_LISTING_PLAN,
	/* The call-in notice: the decisions published from `from` to `to`. */
	DR_LISTING_NOTICE,
	/* The register (decrec site): every record with a reference, newest
	 * first, only the facts its index pages, feeds and data files show. */
	DR_LISTING_REGISTER
} dr_listing_kind;

typedef struct dr_listing_options {
	dr_listing_kind kind;
	int32_t date; /* PLAN: the edition's date (a day number), or DR_TODAY */
	int months; /* PLAN: the months the edition covers from `date`; 0 for 4 */
	/* PLAN: items added (forward_plan.added, else first_published) after
	 * this day are marked New; DR_TODAY for those added on or after `date`. */
	int32_t since;
	/* NOTICE: the publication dates covered, both included; DR_TODAY for
	 * today. */
	int32_t from, to;
	/* The page is decrec site's plan/ or notice/: the document gets `site`,
	 * for links to the register and to each decision's page. */
	int site;
} dr_listing_options;

typedef struct dr_listing dr_listing;

/* A listing of kind o->kind into *out (free it with dr_listing_free; cfg
 * must outlive it). Returns 0, DR_ENOMEM, or DR_EINVAL for a NULL cfg or o,
 * months outside 1-60, or a notice whose `from` is after its `to`. */
DR_EXPORT int dr_listing_new(dr_listing **out, const dr_config *cfg, const dr_listing_options *o);
DR_EXPORT void dr_listing_free(dr_listing *l);

/* Makes checker c hand each record it checks to the listing, which keeps
 * the public view of those that belong in it (never a record's exempt
 * information), as input number `input` (see dr_listing_drop). Call again
 * before each file to change the number. l must outlive c's checks. */
DR_EXPORT void dr_listing_attach(dr_listing *l, dr_checker *c, size_t input);

/* Leaves out of the document every record added as input `input`: for a
 * file with validation errors. */
DR_EXPORT void dr_listing_drop(dr_listing *l, size_t input);

/* Moves every record of `from` (a listing of the same kind, attached to
 * another checker: one per thread) into `into`, leaving `from` empty (still
 * a listing of its kind: free it as usual). The order of the document does
 * not depend on which listing a record came from. Returns 0, DR_EINVAL when
 * the kinds differ, or DR_ENOMEM (then `into` is as it was). */
DR_EXPORT int dr_listing_merge(dr_listing *into, dr_listing *from);

/* Puts the records in document order now; dr_listing_render and
 * dr_site_nav do it themselves when a record was added, dropped or merged
 * since. Until the next of those, the listing is only read: several
 * threads may then call dr_site_nav on it at once, each with its own
 * renderer. Returns 0 or DR_ENOMEM. */
DR_EXPORT int dr_listing_sort(dr_listing *l);

/* How many references more than one of the listing's records has (records
 * of files dropped not counted): for a site, pages two records would
 * write. 0 as well when the listing cannot be sorted. */
DR_EXPORT size_t dr_listing_shared(dr_listing *l);

/* Renders the document with r (whose template is "plan" or "notice", or a
 * council's own) and hands it to emit(ctx, NULL, ...). Returns 0;
 * DR_EINVAL with *err (caller frees) when the template fails; DR_ENOMEM (as
 * well when a record could not be kept); or emit's non-zero return. */
DR_EXPORT int dr_listing_render(dr_listing *l, dr_renderer *r, dr_emit_fn emit, void *ctx,
                                char **err);

/* After dr_listing_render: the i-th record that belonged to the listing's
 * records but is left out of the document (a plan's overdue items, or
 * those outside the edition), in document order, with its input number,
 * reference ("" when it has none) and why, in a phrase ("due 10/07/2024,
 * before the edition date 17/07/2024: overdue"), both borrowed from the
 * listing. Returns 0, or -1 when i is past the last. */
DR_EXPORT int dr_listing_left_out(const dr_listing *l, size_t i, size_t *input,
                                  const char **reference, const char **why);

/* ---- the register as a website -------------------------------------------- */

typedef struct dr_site_options {
	const char *title; /* the site's name (site.title); NULL: "AUTHORITY: decisions" */
	const char *base_url; /* the absolute http(s) address it is served at (site.base_url) */
	size_t per_page; /* records on an index page (site.records_per_page); 0 for 50 */
	int has_plan, has_notice; /* the pages plan/ and notice/ exist: link them */
	/* When set, the feeds and data files, which grow with the register,
	 * come through it in pieces instead of whole through emit, so that
	 * none is held in memory whole: each file's pieces in order, then a
	 * call with data NULL and len 0 that ends it, before the next file. */
	int (*pieces)(void *ctx, const char *path, const char *data, size_t len);
} dr_site_options;

/* Receives one file of a site: its path under the site's root
 * ("years/2024/index.html") and its bytes, valid during the call. Returns 0
 * to go on. */
typedef int (*dr_file_fn)(void *ctx, const char *path, const char *data, size_t len);

/* The links of decision `reference`'s pages to the decisions just after
 * and before it in the register `l` (newest first), rendered with r (whose
 * template is "site-nav") and handed to emit. Returns 0; DR_EINVAL with
 * *err (caller frees) for a template error; DR_ENOMEM; or emit's non-zero
 * return. Threads: see dr_listing_sort. */
DR_EXPORT int dr_site_nav(dr_listing *l, dr_renderer *r, const char *reference, dr_emit_fn emit,
                          void *ctx, char **err);

/* The site: section of the config into *o (title, base_url, per_page; the
 * rest zeroed); returns site.out_dir (absolute) or NULL, borrowed. */
DR_EXPORT const char *dr_config_site(const dr_config *cfg, dr_site_options *o);

/* Writes the files of a site that come from its register `l` (a listing of
 * kind DR_LISTING_REGISTER, its records checked), through emit: the index
 * pages (index.html, page/N/, key/, years/YYYY/, makers/NAME/, each
 * paginated), 404.html, sitemap.xml, feeds/decisions.atom,
 * feeds/calendar.ics, data/decisions.json, data/decisions.schema.json and
 * data/decisions.csv. The pages are rendered with r, whose template is
 * "site". Every file comes from the records' public views, so no exempt
 * text reaches any of them. The register keeps in memory only what its
 * index pages show, and the rest of each record's public view in a
 * temporary file, read back for the feeds and data. Returns 0; DR_EINVAL
 * with *err (caller frees) for a template error or options without an
 * http(s) base_url; DR_EIO with *err when that file cannot be read back;
 * DR_ENOMEM; or emit's non-zero return. */
DR_EXPORT int dr_site_write(dr_listing *l, dr_renderer *r, const dr_site_options *o,
                            dr_file_fn emit, void *ctx, char **err);

/* ---- documentation ---------------------------------------------------------- */

/* The record format's field table, and the rule table, written to `out` as
 * Markdown tables: the tables of docs/record-format.md and docs/rules.md. */
DR_EXPORT void dr_docs_write_fields(FILE *out);
DR_EXPORT void dr_docs_write_rules(FILE *out);
/* The labels that decrec.yaml's `labels:` may reword, with their defaults:
 * the table of docs/configuration.md. */
DR_EXPORT void dr_docs_write_labels(FILE *out);
/* The keys of decrec.yaml (src/config.def), written to `out`: as the
 * Markdown table of docs/configuration.md, and as the manual page
 * decrec.yaml(5) in troff. */
DR_EXPORT void dr_docs_write_config(FILE *out);
DR_EXPORT void dr_docs_write_config_man(FILE *out);
/* The record format as a JSON Schema (draft-07), for editors that check
 * YAML as it is typed (yaml-language-server), written to `out`: the field
 * table's types and meanings, cfg's statuses (as an enum) and
 * reference_pattern, date patterns, and the requirements of each phase as
 * if/then on the status. Every object refuses keys it does not name. It
 * reads one YAML document as YAML 1.2 does (dates are text; `yes` is text,
 * `true` a boolean, and both are allowed). Returns 0; DR_EINVAL when out or
 * cfg is NULL; DR_ENOMEM; DR_EIO when out has its error flag set. */
DR_EXPORT int dr_schema_write(FILE *out, const dr_config *cfg);

/* Versions of decrec (DR_VERSION) and of the libyaml and cmark it runs on,
 * for --version; static strings. Named as cmark_version() and
 * curl_version() are. */
DR_EXPORT const char *dr_version(void);
DR_EXPORT const char *dr_yaml_version(void);
DR_EXPORT const char *dr_cmark_version(void);

#ifdef __cplusplus
}
#endif

#endif
