/* The decrec command: subcommands in cmd_*.c, shared helpers in common.c.
 * The CLI sees the library only through decrec.h. */
#ifndef DR_CLI_H
#define DR_CLI_H

#include "decrec.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* Exit statuses of cli.md. */
enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

int cmd_validate(int argc, char **argv);
int cmd_dates(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_notice(int argc, char **argv);
int cmd_site(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_fix(int argc, char **argv);
int cmd_fields(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_labels(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_completion(int argc, char **argv);

/* ---- the command line as data (options.c, options.def) -------------------- */

/* The commands, in the order of decrec --help. */
enum {
	CLI_VALIDATE,
	CLI_RENDER,
	CLI_PLAN,
	CLI_NOTICE,
	CLI_SITE,
	CLI_NEW,
	CLI_FIX,
	CLI_DATES,
	CLI_FIELDS,
	CLI_RULES,
	CLI_LABELS,
	CLI_SETTINGS,
	CLI_SCHEMA,
	CLI_COMPLETION,
	CLI_NCOMMANDS
};

/* The options of options.def: OPT_FORMAT, OPT_CONFIG, ... */
enum {
	OPT_NONE,
#define OPT(id, cmds, name, letter, arg, values, help) OPT_##id,
#include "options.def"
#undef OPT
	OPT_COUNT
};

typedef struct cli_command {
	const char *name; /* main.c's dispatch runs cmd_<name> */
	const char *summary; /* one line: decrec --help, the man page's NAME */
	const char *operands; /* after "[options]" in the usage line, or NULL */
	const char *const *about; /* paragraphs before the options; NULL ends */
	const char *exit[4]; /* what exit status 0 to 3 means, or NULL */
	const char *more; /* the last line of --help: where to read on, or NULL */
} cli_command;

typedef struct cli_option {
	int id; /* OPT_<ID> */
	unsigned cmds; /* bit 1 << CLI_<command> for each command taking it */
	const char *name; /* the long name, without "--" */
	char letter; /* the short name, or 0 */
	const char *arg; /* the value's name, or NULL for a flag */
	const char *values; /* the values it takes, space-separated, or NULL */
	const char *help; /* one paragraph */
} cli_option;

/* The tables: cli_commands[CLI_<command>], and options.def's rows in its
 * order, cli_options[0 .. OPT_COUNT - 1) (row i has id i + 1). */
extern const cli_command cli_commands[CLI_NCOMMANDS];
extern const cli_option cli_options[OPT_COUNT - 1];

/* The option row of id (OPT_<ID>). */
const cli_option *cli_option_of(int id);

/* The index of `value` (any case) among the VALUES of option id, or -1. */
int cli_choice(int id, const char *value);

/* The options every command shares, parsed once for all of them. */
typedef struct cli_common {
	const char *config; /* --config FILE, or NULL */
	int no_config; /* --no-config */
	int32_t today; /* --today, else the system's date */
	const char *stdin_name; /* --stdin-filename, or NULL */
} cli_common;

/* A command's argv read by its row of the table: getopt_long's arrays built
 * from options.def. The parser keeps no state outside this struct beyond
 * getopt's own optind and optarg. */
typedef struct cli_parser {
	int cmd; /* CLI_<command> */
	int argc;
	char **argv;
	cli_common *common;
	int status; /* what the command returns once cli_next returns -1 */
	struct option longopts[OPT_COUNT]; /* the command's, then a zero row */
	char shorts[2 * OPT_COUNT + 2]; /* ":f:o:qh" */
} cli_parser;

/* Starts reading argv[1..argc) of command cmd (argv[0] is its name); the
 * shared options go to *common, which starts as no config given and the
 * system's date. */
void cli_parser_init(cli_parser *p, int cmd, int argc, char **argv, cli_common *common);

/* The next of the command's own options, OPT_<ID>, with its value (or NULL)
 * in *arg; 0 once the options are done (the operands start at optind); -1
 * when the command is to return p->status at once: EXIT_OK after printing
 * --help, EXIT_USAGE after a one-line usage error on stderr. The shared
 * options (--config, --no-config, --today, --stdin-filename, --help) are
 * taken here and never returned. */
int cli_next(cli_parser *p, const char **arg);

/* Writes the --help of command cmd. */
void cli_help(FILE *out, int cmd);

/* The man pages (man.c): writes page `name` ("decrec", "decrec-validate",
 * ...) in troff's man format; 0, or -1 for no such page. With name NULL,
 * writes the names of the pages, one a line. */
int cli_man(FILE *out, const char *name);

/* Prints "decrec CMD: message" and a pointer to --help on stderr; returns
 * EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct option;
/* The one line for getopt_long's '?' (an unknown or ambiguous option, or a
 * value given to a flag) or ':' (a missing value) after argv was parsed with
 * opts, opterr = 0 and an option string that starts with ':'. Prints
 * "decrec CMD: unknown option '--foo'; try 'decrec CMD --help'" on stderr and
 * returns EXIT_USAGE. */
int option_error(const char *cmd, int c, const struct option *opts, char **argv);

/* Parses the DATE given to option --`opt` into *day; 0, or EXIT_USAGE after
 * saying why ("--today '2025-04-31' is not a real day: April 2025 has 30
 * days"). */
int date_option(int32_t *day, const char *cmd, const char *opt, const char *arg);

/* Takes the PATH of --stdin-filename into *name: 0, or EXIT_USAGE for an
 * empty name or "-", which name nothing. */
int stdin_filename_option(const char **name, const char *cmd, const char *arg);

/* Loads the config named by --config, or the one found from the working
 * directory upward, or the defaults with --no-config. On failure prints the
 * error and returns EXIT_USAGE (a bad config) or EXIT_IO. */
int load_config(dr_config **cfg, const char *path, int none, char **found);
/* load_config for a command that reports a bad config where CI looks: on
 * failure *found is still the config's path (caller frees), *err its
 * message (caller frees), and *problem (when not NULL) points into both. */
int load_config_problem(dr_config **cfg, const char *path, int none, char **found,
                        dr_run_problem *problem, char **err);

/* The process's umask, read without changing it where the system allows
 * (see common.c). */
mode_t file_umask(void);

/* Creates directory `path` and its missing parents (mode 0777 less the
 * umask), as mkdir -p; 0, or -1 with errno (ENOTDIR when a part is a file). */
int make_dirs(const char *path);

/* An output file written whole or not at all: a temporary file in the same
 * directory, renamed over the target by out_commit. It gets the mode of the
 * regular file it replaces, or 0666 less the umask when new. */
typedef struct out_file {
	FILE *fp;
	char *tmp, *path;
} out_file;

int out_open(out_file *o, const char *path);
/* out_open with the mode of a new file given, for a caller writing many
 * (reading the umask costs a file read on Linux); (mode_t)-1: out_open's. */
int out_open_as(out_file *o, const char *path, mode_t mode_new);
/* Flushes, syncs, closes and renames; 0, or -1 with errno (the temporary is
 * gone). */
int out_commit(out_file *o);
/* out_commit without the sync, for a caller that syncs the directories it
 * wrote in once at the end of its run (decrec site, sitetree.c). */
int out_commit_nosync(out_file *o);
/* Drops the temporary file; the target is untouched. */
void out_abort(out_file *o);

/* The validation errors of f, a file of a run (NULL: none), with their
 * report on stderr when there are any: what render, plan, notice and site
 * print before leaving such a file out. */
size_t report_errors(const dr_file *f);

/* Whether stdout was written whole: checks ferror and closes it, so a full
 * disk is an error and a closed pipe (EPIPE) is quietly not one. */
int close_stdout(void);

/* The paths of a run's inputs, as given or as found in directories. */
typedef struct inputs {
	char **v;
	size_t n, cap;
	char *searched; /* the default directory, when no path was given */
} inputs;

/* Adds each of paths[0..n): a directory's *.yaml and *.yml files (hidden
 * ones and decrec.yaml skipped, byte order of names, symbolic links to
 * directories not followed), or the path itself. With n == 0, the records/
 * directory beside `found` (the discovered config), else ./records, else
 * the current directory. Returns EXIT_OK, or EXIT_IO after naming an
 * unreadable directory on stderr. */
int collect_inputs(inputs *in, char **paths, int n, const char *found);
void inputs_free(inputs *in);

/* The path of input `arg` for messages and relative links: arg itself, or
 * for "-" (standard input) the --stdin-filename given, which may be NULL. */
const char *input_path(const char *arg, const char *stdin_filename);

/* A set of names (pages written, documents copied in a run), hashed so
 * that a run of many records stays linear. */
typedef struct name_set {
	char **v; /* cap slots, NULL when free */
	size_t n, cap;
} name_set;

/* Adds name: 0 when it is new, 1 when it was there, -1 out of memory. */
int name_set_add(name_set *s, const char *name);
/* Whether name is in the set. */
int name_set_has(const name_set *s, const char *name);
void name_set_free(name_set *s);

/* Whether files a and b hold the same bytes; 0 when either is unreadable. */
int same_bytes(const char *a, const char *b);
/* Copies file `from` to `to` atomically (out_open_as with mode_new, then
 * out_commit, or out_commit_nosync without sync), making to's missing
 * directories; 0, or -1 with errno. */
int copy_file(const char *from, const char *to, mode_t mode_new, int sync);

/* ---- the pool of threads (pool.c) ------------------------------------------ */

#define POOL_MAX 64 /* threads at most, and --jobs' largest value */

/* --jobs N into *jobs: 0, or a usage error's status after saying why. */
int jobs_option(long *jobs, const char *cmd, const char *arg);
/* The threads for --jobs `jobs` (0: one a core) and `n` inputs: 1 to
 * POOL_MAX, no more than n. */
long pool_size(long jobs, size_t n);
/* Calls fn(ctx, t) on n threads, t from 0 to n - 1, and returns when all
 * have returned. Where no thread can be started, calls fn(ctx, 0) here; a
 * thread t that could not start is never called, so fn takes its work from
 * a shared counter. */
void pool_run(long n, void (*fn)(void *ctx, size_t t), void *ctx);

/* ---- the output directory decrec site owns (sitetree.c) -------------------- */

/* One run's view of the directory: the files the previous run listed in its
 * manifest (DIR/.decrec-site), those this run produces, and the directories
 * to sync at the end. Memory grows with the number of files only. Files may
 * be written from several threads at once; open, finish and close are for
 * one thread. Messages about a file go to the stream `err` the caller
 * gives, so that a caller writing from threads can print them in order. */
typedef struct site_tree site_tree;

/* Opens output directory `dir` for a run (made with its parents when
 * missing, unless check). check: write nothing, only compare. force: a
 * non-empty dir without a manifest, or with one that is not decrec site's,
 * is taken over anyway (no file in it is removed for that). On refusal
 * prints the reason ("decrec site: DIR is not empty and holds no manifest of
 * decrec site (DIR/.decrec-site); give an empty or new directory, or
 * --force") on stderr and returns EXIT_USAGE; EXIT_IO for an I/O error
 * (message printed). 0 on success, with *out to close with site_tree_close. */
int site_tree_open(site_tree **out, const char *dir, int check, int force);

/* One file of the site, at relative path `rel` ("index.html",
 * "decisions/24-00058/index.html"; '/'-separated, no empty, "." or ".."
 * part, no control character, not the manifest; EXIT_USAGE otherwise):
 * written atomically (out_open, out_commit_nosync: mode 0666 less the umask
 * when new, parents made), not rewritten when the file already holds exactly
 * these bytes (its mtime stays), recorded as produced. In check mode nothing
 * is written; a missing or different file is noted for site_tree_close.
 * Returns 0, EXIT_IO after printing "decrec: PATH: cannot write: REASON", or
 * EXIT_USAGE for a rel given twice in one run (message naming it). */
int site_tree_write(site_tree *t, const char *rel, const char *data, size_t len, FILE *err);

/* site_tree_write of a file given in pieces (dr_site_options.pieces):
 * each piece in order, then data NULL to end it, before another file. It
 * is compared with the file there as the pieces come and written (to a
 * temporary file, renamed at the end) only from the first byte that
 * differs, so no file is held whole. Returns as site_tree_write: a piece
 * after a failure is ignored, and the failure returned once. */
int site_tree_piece(site_tree *t, const char *rel, const char *data, size_t len, FILE *err);

/* site_tree_write of the bytes of file `src` (a linked document), compared
 * and copied as bytes; EXIT_IO after "decrec: SRC: cannot read: REASON" when
 * src is not a readable regular file. */
int site_tree_copy(site_tree *t, const char *rel, const char *src, FILE *err);

/* Ends the run and frees t (NULL: nothing). ok and not check: removes each
 * file the previous manifest lists that this run did not produce, and the
 * directories that leaves empty (no other), writes the new manifest when it
 * changed, and when anything changed makes the run durable at once (one
 * syncfs on Linux, else an fsync of each directory written in; sitetree.c
 * says why not a sync per file); 0 or EXIT_IO. check:
 * prints "PATH: missing", "PATH: differs" and "PATH: no longer produced" on
 * stdout, sorted, and returns EXIT_FINDINGS when any, else 0. !ok (the run
 * failed part way): removes nothing and lists in the manifest the old files
 * and those written so far, so that none is orphaned; returns EXIT_IO. */
int site_tree_close(site_tree *t, int ok);

/* What site_tree_close does, without freeing t, so that the counts (files
 * removed among them) can be read before it: site_tree_close then only
 * frees t and returns the same status. */
int site_tree_finish(site_tree *t, int ok);

/* Counts for the summary line: files written (new or changed), unchanged,
 * removed (by site_tree_finish). */
void site_tree_counts(const site_tree *t, size_t *written, size_t *unchanged, size_t *removed);

/* What render does with relative document links (publish.c). */
typedef struct doc_links {
	const dr_config *cfg;
	const char *out_dir; /* copy the documents to out_dir/documents/, or NULL */
	const char *url; /* --documents-url, or NULL */
	const char *prefix; /* with out_dir: where pages link the copies ("documents") */
	int check; /* with out_dir: compare the copies instead of writing them */
	const char *base; /* the record file links start from (NULL: standard input) */
	const char *input; /* its name in messages */
	int status; /* EXIT_OK, EXIT_FINDINGS (a copy out of date) or EXIT_IO */
	int noted; /* the note on links kept as written was printed */
	name_set done; /* documents copied or compared in this run */
} doc_links;

/* What publishing a page takes for one of its document links, beyond the
 * link itself: decrec render renders a page when its record is checked and
 * publishes it (or not) once every record is. */
typedef enum doc_action {
	DOC_NONE,
	DOC_NOTE, /* links are kept as written: say so, once */
	DOC_MISSING, /* not a file in the repository: the title loses its link */
	DOC_COPY /* copy the document under out_dir/documents/, or check the copy */
} doc_action;

/* The link a page gets for the relative document link `href` of a record
 * of l->base, as a dr_link_fn answers it: with url, URL/<path in the
 * repository>; with out_dir, documents/<path in the repository>; "" for a
 * link to no file in the repository; else NULL, the link as written. Sets
 * *act, and for DOC_COPY *rel (the path in the repository) and *real (the
 * file), malloc'd, caller frees. Prints and writes nothing. */
int doc_link(const doc_links *l, const char *href, char **out, doc_action *act, char **rel,
             char **real);
/* Does what doc_link asked of a page being published: the note (once), the
 * message naming `arg` (the href), or the copy of `real` to
 * out_dir/documents/`arg` (atomically, only when it differs, once per run),
 * or with check its comparison. Outcomes go to l->status. */
void doc_act(doc_links *l, doc_action act, const char *arg, const char *real);
void doc_links_free(doc_links *l);

/* ---- the page log (pagelog.c) --------------------------------------------- */

/* What a file's pages come to, in the order rendering met it: each entry
 * is a header and its two strings. */
enum { EV_NOTE, EV_MISSING, EV_COPY, EV_PAGE, EV_WITHHELD, EV_ERROR };

typedef struct event {
	uint32_t file; /* the input it belongs to */
	uint8_t type; /* EV_* */
	uint8_t has_a; /* a is given (a page's reference may not be) */
	int32_t rc; /* EV_ERROR's code */
	uint32_t na, nb; /* the strings' lengths, without their NULs */
} event;

/* An unlinked temporary file in $TMPDIR (else /tmp), or where none can be
 * made, memory: written while the files are checked, then read once, in
 * input order. */
typedef struct render_log {
	FILE *fp;
	char *mem; /* the memory stream's buffer, when not on disk */
	size_t memlen;
	int failed; /* a write failed: the run cannot publish */
	uint32_t file; /* the input being checked */
	const doc_links *links;
	char *a, *b; /* the entry read back, NUL-terminated */
	size_t acap, bcap;
	event ev;
	int have; /* ev was read and not yet used */
} render_log;

/* Opens the log; 0, or -1 when not even memory can hold it. */
int log_open(render_log *g);
/* Adds an entry of g->file: EV_* `type`, EV_ERROR's rc, and two strings
 * (a may be NULL); 0, or -1 (g->failed) when it cannot be written. */
int log_put(render_log *g, int type, int rc, const char *a, size_t na, const char *b, size_t nb);
/* Turns the log around for reading; 0, or -1 with errno. */
int log_rewind(render_log *g);
/* The next entry (in g->ev, g->a, g->b), when it belongs to input `file`:
 * 1, 0 when it does not (or the log is done), -1 when it cannot be read. */
int log_next(render_log *g, uint32_t file);
void log_close(render_log *g);
/* The renderer's hooks while files are checked, each writing to the log
 * passed as ctx: pages, withheld record forms, document links (through
 * doc_link with g->links). */
int log_page(void *ctx, const char *reference, const char *doc, size_t len);
void log_withheld(void *ctx, const char *reference);
int log_link(void *ctx, const char *href, char **out);

#endif
