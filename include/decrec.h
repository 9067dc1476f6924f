/* decrec: load, check and render councils' records of executive decisions.
 *
 * The one public header of the library. Conventions: fallible calls return 0
 * or a negative code and write their out-parameters only on success; every
 * function that returns memory says who frees it; x_free(NULL) is a no-op.
 * Positions are 1-based lines and columns in characters (code points). */
#ifndef DECREC_H
#define DECREC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DR_VERSION "0.1.0"

/* Error codes returned by fallible calls. */
#define DR_ENOMEM (-1) /* out of memory */
#define DR_EIO (-2) /* a file could not be read or written */
#define DR_EINVAL (-3) /* invalid input (a bad config, a bad date) */
#define DR_ERANGE (-4) /* a computation left the holiday data's years */

/* ---- rules and findings ------------------------------------------------ */

typedef enum dr_severity { DR_OFF = 0, DR_WARNING = 1, DR_ERROR = 2 } dr_severity;

/* Rules are numbered 0 .. dr_rule_count()-1 in a stable order. */
int dr_rule_count(void);
/* The rule's kebab-case name ("call-in-window"); NULL out of range. */
const char *dr_rule_name(int rule);
/* One line on what fires the rule. */
const char *dr_rule_summary(int rule);
/* How to fix a finding of the rule: one paragraph of Markdown whose only
 * markup is `code` spans (the "Fix" of docs/rules.md). NULL out of range. */
const char *dr_rule_fix(int rule);
dr_severity dr_rule_default(int rule);
/* The rule called `name`, or -1. */
int dr_rule_find(const char *name);
/* "error", "warning" or "off". */
const char *dr_severity_name(dr_severity s);

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

typedef struct dr_config dr_config;

/* The path of the decrec.yaml in `dir` or its nearest parent, or NULL:
 * relative to `dir` when `dir` is relative ("decrec.yaml", "../decrec.yaml"
 * for dir "."), else absolute. The caller frees the result. */
char *dr_config_find(const char *dir);
/* Loads the config at `path`, or the defaults when path is NULL. On failure
 * returns DR_EINVAL or DR_EIO and sets *err to a one-line message naming the
 * file, line and column (caller frees). The config is read-only once loaded
 * and may be shared by threads. */
int dr_config_load(dr_config **out, const char *path, char **err);

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
void dr_error_clear(dr_error *e);
/* As dr_config_load, with the error in parts: on failure returns DR_EINVAL
 * (a bad config), DR_EIO (the file cannot be read, named in *err) or
 * DR_ENOMEM, and fills *err (clear it with dr_error_clear); *out is set
 * only on success. err may be NULL. */
int dr_config_load_file(dr_config **out, const char *path, dr_error *err);
/* Loads a config from the `len` bytes at `buf` (need not end in NUL;
 * copied, so buf may go once this returns), with the checks of a file.
 * `name` names it in errors and in findings that cite the config (NULL:
 * "(buffer)"). Relative paths in it (templates, calendar.holidays_file)
 * and the root that document links must stay in are the working directory.
 * Returns 0 with *out set (free it with dr_config_free); DR_EINVAL with
 * *err filled for a bad config, or for buf NULL with len > 0; DR_ENOMEM. */
int dr_config_load_buffer(dr_config **out, const char *name, const char *buf, size_t len,
                          dr_error *err);
void dr_config_free(dr_config *cfg);
/* The directory relative document links must stay inside: the config's
 * directory, or "." for the defaults. */
const char *dr_config_root(const dr_config *cfg);
/* Number of call-in working days, and the calendar division name. */
int dr_config_call_in_days(const dr_config *cfg);
const char *dr_config_division(const dr_config *cfg);
/* The config's docs_url: where docs/rules.md is published, or NULL. */
const char *dr_config_docs_url(const dr_config *cfg);

/* ---- dates and the calendar --------------------------------------------- */

/* Parses "YYYY-MM-DD" or "DD/MM/YYYY"; 0 or DR_EINVAL. Day 0 is 1970-01-01. */
int dr_date_parse_str(int32_t *day, const char *s);
/* As dr_date_parse_str, and on DR_EINVAL writes why into why[cap]: "'x' is
 * not a date: expected YYYY-MM-DD or DD/MM/YYYY", "'2025-04-31' is not a real
 * day: April 2025 has 30 days". */
int dr_date_parse_why(int32_t *day, const char *s, char *why, size_t cap);
/* Writes "2024-07-19", "19/07/2024" or "Fri" forms into buf[24]. */
char *dr_date_format_iso(char *buf, int32_t day);
char *dr_date_format_short(char *buf, int32_t day);
const char *dr_date_day_name(int32_t day);

/* The call-in deadline (the N-th working day after publication) and the date
 * the decision takes effect, under the config. DR_ERANGE when the holiday data
 * does not cover a year needed; *year then names it. */
int dr_call_in(const dr_config *cfg, int32_t published, int32_t *deadline, int32_t *effective,
               int *year);
/* The earliest lawful date of a key decision given 28 (configured) clear
 * days' notice from `first_published`. */
int32_t dr_earliest_key_decision(const dr_config *cfg, int32_t first_published);
/* The earliest decision date after a general exception notice (reg 10):
 * the configured number of clear (working or calendar) days. */
int dr_earliest_exception(const dr_config *cfg, int32_t notice, int32_t *earliest, int *year);
/* The first working day on or after `day` into *out: `day` itself when it is
 * one. DR_ERANGE, with *year, when the holiday data does not cover a year
 * needed. */
int dr_first_working_day(const dr_config *cfg, int32_t day, int32_t *out, int *year);

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
void dr_config_date_settings(const dr_config *cfg, dr_date_settings *out);

/* ---- checking ------------------------------------------------------------ */

typedef struct dr_check_options {
	int32_t today; /* the day future-date compares with */
	int quote; /* keep the source lines findings point at (text reports quote them) */
	int spans; /* keep each record's lines (JUnit reports group findings by record) */
	/* The name standard input ("-") goes by in findings and reports, and the
	 * path its relative document links are resolved from (--stdin-filename);
	 * NULL: "-", and links resolved from the working directory. */
	const char *stdin_name;
} dr_check_options;

/* The result of loading and checking one file: its records' findings, kept
 * with the file's text so reporters can quote source lines. */
typedef struct dr_file dr_file;

/* Loads and checks the `len` bytes of `buf` (the caller keeps it; with
 * opt->quote, the dr_file copies the few source lines findings quote). `name` is the
 * path shown in findings; `path` is the file's real path, used to resolve
 * relative document links, or NULL for standard input. Returns DR_ENOMEM
 * only; every problem with the input is a finding. */
int dr_file_check(dr_file **out, const dr_config *cfg, const dr_check_options *opt,
                  const char *name, const char *path, const char *buf, size_t len);
void dr_file_free(dr_file *f);

/* Where the relative document link `href` of a record in the file `path`
 * points, resolved as the validator does: from the file's directory (the
 * current directory when path is NULL), without the link's "#..." or
 * "?..." part. Sets *rel to the path relative to the repository root
 * (dr_config_root) as written, and *real to the file's real path; both
 * malloc'd, caller frees. Returns 0, DR_EINVAL when href is not a relative
 * link to a regular file inside the repository (symbolic links followed),
 * or DR_ENOMEM. */
int dr_document_resolve(const dr_config *cfg, const char *path, const char *href, char **rel,
                        char **real);

/* Checking state that one thread reuses from file to file: the buffers grow
 * to the largest file and stay, so a warm checker's own allocations come to
 * one block per file, its dr_file (libyaml still allocates per file). cfg
 * and opt must outlive it. */
typedef struct dr_checker dr_checker;
dr_checker *dr_checker_new(const dr_config *cfg, const dr_check_options *opt);
void dr_checker_free(dr_checker *c);
/* dr_file_check with the checker's buffers. */
int dr_checker_check(dr_checker *c, dr_file **out, const char *name, const char *path,
                     const char *buf, size_t len);
/* Reads the file `name` ("-": standard input) into the checker's buffer and
 * checks it. DR_EIO with *err set (caller frees) when it cannot be read;
 * DR_ENOMEM. */
int dr_check_path(dr_checker *c, dr_file **out, const char *name, char **err);
const char *dr_file_name(const dr_file *f);
/* The findings, sorted by position then rule. */
const dr_diag *dr_file_diags(const dr_file *f, size_t *count);
size_t dr_file_records(const dr_file *f);
/* Where record `i` (0-based, below dr_file_records(f)) is in the file: the
 * lines from its document's start to its last line (comments after it up to
 * the next document included), and its reference, or NULL when it has none
 * (a string of the file). Records are in file order and their line spans do
 * not overlap. Returns 0, or DR_EINVAL when `i` is out of range or the file
 * was checked without opt->spans. */
int dr_file_record_lines(const dr_file *f, size_t i, uint32_t *first, uint32_t *last,
                         const char **reference);
/* Line `line` (1-based) of the file without its line break, or NULL. */
const char *dr_file_line(const dr_file *f, uint32_t line, size_t *len);

/* Reads a whole file (or standard input for "-") into a malloc'd buffer the
 * caller frees, stopping after max + 1 bytes so that an oversized input is
 * seen as such without being read whole. DR_EIO with *err set (caller frees)
 * when it cannot be read; DR_ENOMEM (no *err) when out of memory. */
int dr_read_file(char **buf, size_t *len, const char *path, size_t max, char **err);
/* The largest file the checker accepts, in bytes (docs/limits.md). */
#define DR_MAX_FILE_SIZE (16u * 1024 * 1024)

/* Cross-record rules over all files of a run, in input order: for each
 * reference used by more than one record, every use but one gets a
 * duplicate-reference finding naming the other place. The one spared is the
 * record in the file named after the reference, else the first. Call once,
 * after every file is checked; findings stay sorted. */
int dr_check_references(dr_file **files, size_t n);

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
int dr_format_parse(dr_format *fmt, const char *name);

/* A problem of the run itself rather than of a record, which a report
 * carries where CI looks (docs/ci.md): a decrec.yaml that could not be
 * loaded, or nothing to check. */
typedef struct dr_run_problem {
	const char *id; /* "config" or "no-records" */
	const char *message; /* one line */
	const char *file; /* the file it is about (decrec.yaml), or NULL */
	uint32_t line, column; /* its position in `file`; 0 when not known */
} dr_run_problem;

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
 * The totals go to *t. Returns 0, or DR_EIO when writing failed. */
int dr_report_write(dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
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
dr_run *dr_run_new(size_t nfiles, size_t nthreads);
void dr_run_free(dr_run *r);

/* Adds f, fresh from a checker, as input i (below nfiles) from thread t
 * (below nthreads; calls with different t may run at the same time). f is
 * written out and freed, on failure too. Returns 0, DR_ENOMEM or DR_EINVAL.
 * An input never added (one that could not be read) is left out of the
 * report. */
int dr_run_add(dr_run *r, size_t t, size_t i, dr_file *f);

/* After the last dr_run_add: dr_check_references over the files added, then
 * their report as dr_report_write gives it, in input order. It may be
 * called again, in another format. Returns 0, or DR_EIO when a temporary
 * file could not be read, memory ran out (see dr_run_error) or writing out
 * failed. */
int dr_run_report(dr_run *r, dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                  dr_totals *t);

/* Why the run failed, in a line ("cannot read a temporary file: ..." or
 * "out of memory"), or "" when it has not. */
const char *dr_run_error(const dr_run *r);

/* After the last dr_run_add: the result of input i (below nfiles) with its
 * cross-record findings, read back from the run, one at a time: owned by the
 * run and valid until the next call (decrec render goes through the files
 * with it). NULL when input i was never added, or the run failed
 * (dr_run_error). */
const dr_file *dr_run_file(dr_run *r, size_t i);

/* ---- rendering ---------------------------------------------------------------- */

/* Rewrites a relative document link (documents[].href, as written) for
 * where the page is published. Sets *out to the link to print (malloc'd,
 * the renderer frees it), to "" for no link (the title only), or to NULL to
 * keep the link as written. Returns 0, or non-zero to stop rendering
 * (dr_render_buffer returns it; an attached renderer keeps it for
 * dr_renderer_error). */
typedef int (*dr_link_fn)(void *ctx, const char *href, char **out);

typedef struct dr_render_options {
	int html; /* HTML (1) or Markdown (0) */
	const char *template; /* "record", "details", another name, or a template file */
	const char *templates; /* a directory searched first (--templates), or NULL */
	dr_link_fn link; /* relative document links, or NULL to keep them as written */
	void *link_ctx; /* passed to link */
	/* When set, the record form of a record not for publication is not
	 * rendered (it holds exempt information): withheld(ctx, reference) is
	 * called instead, reference NULL when it has none. For output meant to
	 * be published, such as a directory of pages. */
	void (*withheld)(void *ctx, const char *reference);
	void *withheld_ctx;
} dr_render_options;

typedef struct dr_renderer dr_renderer;

/* A renderer with its template compiled. Templates and partials are found
 * by name (NAME.md or NAME.html) in o->templates, then in the config's
 * `templates`, then among the built-in ones; names are letters, digits, '-'
 * and '_' only, so no path can reach outside those directories. On failure
 * returns DR_EINVAL or DR_EIO with *err (caller frees) naming the template,
 * line and column. */
int dr_renderer_new(dr_renderer **out, const dr_config *cfg, const dr_render_options *o,
                    char **err);
void dr_renderer_free(dr_renderer *r);

/* Receives one rendered document: the record's reference (NULL when it has
 * none) and the text, valid during the call. Returns 0 to go on. */
typedef int (*dr_emit_fn)(void *ctx, const char *reference, const char *doc, size_t len);

/* Renders every record of the file text buf[0..len), in order. A document
 * that is not a record is skipped (validation reports it). DR_EINVAL with
 * *err when rendering fails (a partial that does not compile, output over
 * the limit); the first non-zero return of emit stops and is returned. */
int dr_render_buffer(dr_renderer *r, const char *buf, size_t len, dr_emit_fn emit, void *ctx,
                     char **err);

/* Makes the checker c render each record it checks with r, from the tree
 * it has just parsed, so that a file is read and parsed once for both
 * (decrec render): after a record's rules, it is rendered as
 * dr_render_buffer would and its document passed to emit. A rendering
 * error (or emit's non-zero return) stops rendering, not checking, until
 * dr_renderer_error is called; r must outlive c's checks. emit NULL
 * detaches. */
void dr_renderer_attach(dr_renderer *r, dr_checker *c, dr_emit_fn emit, void *ctx);
/* The first error of an attached renderer since the last call, or 0; *err
 * its message or NULL (caller frees). Rendering goes on after the call. */
int dr_renderer_error(dr_renderer *r, char **err);

/* ---- documentation ---------------------------------------------------------- */

/* The record format's field table, and the rule table, as Markdown tables:
 * the tables of docs/record-format.md and docs/rules.md. */
void dr_write_fields_md(FILE *out);
void dr_write_rules_md(FILE *out);
/* The labels that decrec.yaml's `labels:` may reword, with their defaults:
 * the table of docs/configuration.md. */
void dr_write_labels_md(FILE *out);
/* The keys of decrec.yaml (src/config.def): as the Markdown table of
 * docs/configuration.md, and as the manual page decrec.yaml(5) in troff. */
void dr_write_config_md(FILE *out);
void dr_write_config_man(FILE *out);

/* Versions of decrec and the libraries it runs on, for --version. */
const char *dr_version(void);
const char *dr_yaml_version(void);
const char *dr_cmark_version(void);

#endif
