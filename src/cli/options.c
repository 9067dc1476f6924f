/* The command line as data: the commands and their options (options.def),
 * and what reads them: the one parser of every command's argv, which takes
 * the shared options itself, and --help. The man pages read the same tables
 * (man.c). */
#include "cli.h"

#include <string.h>
#include <strings.h>

const cli_command cli_commands[CLI_NCOMMANDS] = {
    [CLI_VALIDATE] =
        {
            "validate",
            "check records: fields, dates, call-in, notice",
            "[PATH ...]",
            (const char *const[]){
                "Checks decision records against the record format and the rules for "
                "executive decisions. A PATH is a file, a directory (searched for *.yaml and "
                "*.yml, hidden directories and decrec.yaml skipped) or - for standard input. "
                "Without PATH: records/ beside decrec.yaml, else ./records, else the current "
                "directory.",
                NULL},
            {"no errors", "errors (or too many warnings)",
             "usage error, bad decrec.yaml or no record found",
             "an input could not be read or the output not written"},
            "Rules and their fixes: docs/rules.md.",
        },
    [CLI_RENDER] =
        {
            "render",
            "records as the Record of Decision form or the Decision details page",
            "[PATH ...]",
            (const char *const[]){
                "Renders records to documents: the Record of Decision form (template "
                "'record') or the register's Decision details page ('details'), in Markdown, "
                "HTML or Word (docx). A PATH is a record file, a directory of them, or - for "
                "standard input. One record without -o or --out-dir goes to standard output "
                "(never a Word document to a terminal). Records "
                "are validated first: a file with errors is not rendered. Files are written "
                "with the mode of the file they replace, or 0666 less the umask.",
                NULL},
            {"done", "a file was refused for its errors or --check found a difference",
             "usage error, bad decrec.yaml or bad template",
             "an input could not be read or an output not written"},
            "Template variables: docs/templates.md.",
        },
    [CLI_PLAN] =
        {
            "plan",
            "the Notice of Key Decisions (forward plan) from the proposed records",
            "[PATH ...]",
            (const char *const[]){
                "Renders the Notice of Key Decisions of regulation 9 of SI 2012/2089 from the "
                "proposed key decisions (and, with plan.include_non_key in decrec.yaml, the "
                "other proposed records): each item under the \"Not before\" heading of its "
                "dates.due, in date then reference order, with what regulation 9 asks for; "
                "items first published after --since marked New; an exempt record's item "
                "showing only what may be published. Items under the general exception or "
                "special urgency have a section of their own.",
                "An item due before the edition date is left out and named on standard error "
                "as overdue, as is one first published after it. Records are validated "
                "first: a file with errors is left out unless --force.",
                NULL},
            {"done", "a file was left out for its errors",
             "usage error, bad decrec.yaml or bad template",
             "an input could not be read or the output not written"},
            "The forward plan: docs/plan.md.",
        },
    [CLI_NOTICE] =
        {
            "notice",
            "the call-in notice: decisions published, and when call-in closes",
            "[PATH ...]",
            (const char *const[]){
                "Renders the notice that tells scrutiny members which decisions can be "
                "called in: every made decision published on --published (or from --from "
                "to --to) that is subject to call-in, with its decision date, call-in "
                "deadline (at call_in.closes_at when decrec.yaml gives it) and effective "
                "date; then those published that are not subject to call-in, with the "
                "reason. A range with no decisions says so. Records are validated first: a "
                "file with errors is left out unless --force.",
                NULL},
            {"done", "a file was left out for its errors",
             "usage error, bad decrec.yaml or bad template",
             "an input could not be read or the output not written"},
            "The call-in notice: docs/plan.md.",
        },
    [CLI_SITE] =
        {
            "site",
            "the whole register as a static website, with feeds and open data",
            "[PATH ...]",
            (const char *const[]){
                "Builds the register as a website any web server can serve: an index of "
                "every decision, newest first, with pages per year, per decision maker and "
                "for key decisions; each decision's details page and Record of Decision form "
                "(decisions/24-00058/ and record.html; the form of a record not for "
                "publication is never published); the forward plan and the call-in notice "
                "of the seven days to --today; an Atom feed, an iCalendar of call-in "
                "deadlines and due dates, the register as JSON (with its JSON Schema) and "
                "CSV; a 404 page and a sitemap. Linked documents are copied under "
                "documents/.",
                "The site owns its directory through a manifest (.decrec-site): a file it "
                "no longer produces is removed, an unchanged file is not rewritten, and any "
                "other file is left alone. Records are validated first: a file with errors "
                "is not published unless --force. decrec.yaml must give site.base_url.",
                NULL},
            {"built", "a file was left out for its errors, or --check found a difference",
             "usage error, bad decrec.yaml, bad template or a directory not the site's",
             "an input could not be read or a file not written"},
            "Publishing the register: docs/site.md.",
        },
    [CLI_FIX] =
        {
            "fix",
            "repair what decrec can compute, keeping every other byte",
            "[PATH ...]",
            (const char *const[]){
                "Repairs, in place, the findings whose right value decrec can compute: a "
                "wrong or missing dates.effective of a record subject to call-in (call-in-"
                "window, missing-field, bad-date), a quoted \"Yes\" or \"No\" in a yes/no "
                "field (wrong-type), and a value cut short by a comment, which is quoted "
                "whole (inline-comment). Every other byte of the file stays as it was: "
                "comments, key order, quoting, date forms, line endings, a byte order mark. "
                "Paths are found as validate finds them.",
                "Each change is reported as FILE:LINE:COL: fixed: WHAT [RULE] (would fix: "
                "with --check or --dry-run, which write nothing). A changed file is written "
                "atomically with its mode; a file with nothing to fix is not touched. A file "
                "that does not load (yaml-syntax, encoding, too-large), and a finding of "
                "those rules whose repair could change more than the value (an alias, a "
                "block scalar, a flow mapping), are reported as FILE:LINE:COL: not fixed: "
                "... and left alone.",
                NULL},
            {"done, or with --check nothing to change",
             "with --check something would change; or something was not fixed: a file "
             "does not load, a finding could not be repaired, or a file could not be "
             "renamed",
             "usage error, bad decrec.yaml or no record found",
             "an input could not be read or written"},
            "Which rules fix repairs: docs/rules.md.",
        },
    [CLI_DATES] =
        {
            "dates",
            "the call-in and notice arithmetic as a calculator",
            NULL,
            (const char *const[]){
                "Computes the dates the rules require, with the calendar of decrec.yaml.",
                "Dates are YYYY-MM-DD or DD/MM/YYYY. An earliest date that is not a working "
                "day is followed by the first working day on or after it; the settings used "
                "(working days, bank holidays, closures, the rules' lengths) come last.",
                NULL},
            {"done", "the holiday data has no bank holidays for a year the dates need",
             "usage error or bad decrec.yaml",
             "the decrec.yaml found could not be read or the output not written"},
            NULL,
        },
    [CLI_NEW] =
        {
            "new",
            "start a record: the next free reference, its fields and dates",
            NULL,
            (const char *const[]){
                "Creates a record file and prints its path. The file holds every field the "
                "status's phase requires, in the order of the record format, each after a "
                "comment saying what goes there. The dates come from the calendar, as "
                "decrec dates gives them: a proposed key decision gets its forward plan "
                "notice (today) and dates.due (the earliest lawful date, moved to a working "
                "day); a made one its decision and publication dates (today) and the date it "
                "takes effect. The text is left for the officer to write: decrec validate "
                "lists what is left.",
                "The reference is one more than the highest of the year in the records "
                "directory, written by reference_format. An existing file is never replaced: "
                "when another decrec new took the number first, the next one is used. When "
                "decrec.yaml names a schema, the first line points editors to it.",
                NULL},
            {"created",
             "not created (the name was taken, or the year's references or holiday data "
             "ran out)",
             "usage error, bad value or bad decrec.yaml", "the file could not be written"},
            "Starting a record: docs/new.md.",
        },
    [CLI_FIELDS] =
        {
            "fields",
            "the fields of the record format, as a Markdown table",
            NULL,
            (const char *const[]){"Writes the fields of the record format as a Markdown "
                                  "table: key, type, when it is required, and what it "
                                  "means. It is the table of docs/record-format.md.",
                                  NULL},
            {"done", NULL, "usage error", "the output not written"},
            NULL,
        },
    [CLI_RULES] =
        {
            "rules",
            "the validation rules and their default severities",
            NULL,
            (const char *const[]){"Writes the validation rules as a Markdown table: each "
                                  "rule's name, default severity, and what fires it. It "
                                  "is the table of docs/rules.md.",
                                  NULL},
            {"done", NULL, "usage error", "the output not written"},
            NULL,
        },
    [CLI_LABELS] =
        {
            "labels",
            "the labels of the built-in templates and their defaults",
            NULL,
            (const char *const[]){"Writes the labels of the built-in templates as a "
                                  "Markdown table: each label's key, its default text, "
                                  "and where it shows. decrec.yaml can change them; it is "
                                  "the table of docs/configuration.md.",
                                  NULL},
            {"done", NULL, "usage error", "the output not written"},
            NULL,
        },
    [CLI_SETTINGS] =
        {
            "settings",
            "the keys of decrec.yaml, their values and defaults",
            NULL,
            (const char *const[]){"Writes the keys of decrec.yaml as a Markdown table: "
                                  "each key, the values it takes, its default, and what "
                                  "it does. It is the key table of docs/configuration.md "
                                  "and of the page decrec.yaml(5).",
                                  NULL},
            {"done", NULL, "usage error", "the output not written"},
            NULL,
        },
    [CLI_SCHEMA] =
        {
            "schema",
            "the record format as a JSON Schema, for editors",
            NULL,
            (const char *const[]){
                "Writes a JSON Schema (draft-07) of the record format, for editors that "
                "check and complete YAML as it is typed (yaml-language-server, in VS Code "
                "and Neovim): each field's type and meaning, the statuses and "
                "reference_pattern of decrec.yaml, the date forms, and what each phase "
                "requires. Unknown keys are refused. The schema reads YAML 1.2, as editors "
                "do: it takes yes/no answers written yes, no, true or false.",
                "It checks one record (a YAML document) at a time: the rules across records "
                "and the date arithmetic are decrec validate's.",
                NULL},
            {"done", NULL, "usage error or bad decrec.yaml",
             "the decrec.yaml found could not be read or the output not written"},
            "Editor settings: docs/editors.md.",
        },
    [CLI_COMPLETION] =
        {
            "completion",
            "a shell completion script for bash, zsh or fish",
            "bash|zsh|fish",
            (const char *const[]){
                "Writes the completion script of the shell named: commands, their options, "
                "the values of options that have a list of them, and file names where a "
                "path goes. Load it in the shell, or install it where the shell looks for "
                "completions (docs/editors.md).",
                NULL},
            {"done", NULL, "usage error", "the output not written"},
            NULL,
        },
};

#define IN(cmd) (1u << CLI_##cmd)
const cli_option cli_options[OPT_COUNT - 1] = {
#define OPT(id, cmds, name, letter, arg, values, help)                                             \
	{OPT_##id, cmds, name, letter, arg, values, help},
#include "options.def"
#undef OPT
};
#undef IN

const cli_option *cli_option_of(int id)
{
	return id > OPT_NONE && id < OPT_COUNT ? &cli_options[id - 1] : NULL;
}

int cli_choice(int id, const char *value)
{
	const cli_option *o = cli_option_of(id);
	const char *v = o ? o->values : NULL;
	size_t len = strlen(value);
	for (int i = 0; v && *v; i++) {
		size_t n = strcspn(v, " ");
		if (n == len && !strncasecmp(v, value, n))
			return i;
		v += n + (v[n] == ' ');
	}
	return -1;
}

/* ---- the parser -------------------------------------------------------------- */

/* getopt_long's value for an option without a letter: above every char. */
enum { LONG_ONLY = 256 };

void cli_parser_init(cli_parser *p, int cmd, int argc, char **argv, cli_common *common)
{
	*p = (cli_parser){.cmd = cmd, .argc = argc, .argv = argv, .common = common};
	*common = (cli_common){.today = dr_date_today()};
	size_t n = 0, s = 0;
	p->shorts[s++] = ':'; /* a missing value is ':', told apart from '?' */
	for (size_t i = 0; i < OPT_COUNT - 1; i++) {
		const cli_option *o = &cli_options[i];
		if (!(o->cmds & 1u << cmd))
			continue;
		p->longopts[n++] =
		    (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
		                    o->letter ? o->letter : LONG_ONLY + o->id};
		if (o->letter) {
			p->shorts[s++] = o->letter;
			if (o->arg)
				p->shorts[s++] = ':';
		}
	}
	optind = 1;
	opterr = 0; /* option_error says it in one line */
}

/* The id of what getopt_long returned: a letter is the command's option
 * with that letter (-f is --format in validate and in dates, two rows). */
static int option_id(const cli_parser *p, int c)
{
	if (c >= LONG_ONLY)
		return c - LONG_ONLY;
	for (size_t i = 0; i < OPT_COUNT - 1; i++)
		if (cli_options[i].letter == c && cli_options[i].cmds & 1u << p->cmd)
			return cli_options[i].id;
	return OPT_NONE;
}

int cli_next(cli_parser *p, const char **arg)
{
	const char *cmd = cli_commands[p->cmd].name;
	cli_common *com = p->common;
	int c;
	while ((c = getopt_long(p->argc, p->argv, p->shorts, p->longopts, NULL)) != -1) {
		int id = c == '?' || c == ':' ? OPT_NONE : option_id(p, c);
		*arg = optarg;
		switch (id) {
		case OPT_NONE:
			p->status = option_error(cmd, c, p->longopts, p->argv);
			return -1;
		case OPT_CONFIG:
			com->config = optarg;
			break;
		case OPT_NO_CONFIG:
			com->no_config = 1;
			break;
		case OPT_TODAY:
			if (date_option(&com->today, cmd, "today", optarg)) {
				p->status = EXIT_USAGE;
				return -1;
			}
			break;
		case OPT_STDIN_FILENAME:
			if (stdin_filename_option(&com->stdin_name, cmd, optarg)) {
				p->status = EXIT_USAGE;
				return -1;
			}
			break;
		case OPT_HELP:
			cli_help(stdout, p->cmd);
			p->status = close_stdout() ? EXIT_IO : EXIT_OK;
			return -1;
		default:
			return id;
		}
	}
	if (com->config && com->no_config) {
		p->status = usage_error(cmd, "--config and --no-config cannot be used together");
		return -1;
	}
	return 0;
}

/* ---- --help ----------------------------------------------------------------- */

/* Lines end before this column; option help starts at HELP_COLUMN. */
enum { HELP_WIDTH = 80, HELP_COLUMN = 25 };

/* Writes the words of s with the cursor at column `at`, wrapping lines to
 * column `indent`, and ends the line. */
static void wrap(FILE *out, const char *s, int at, int indent)
{
	int start = at;
	while (*s) {
		int n = (int)strcspn(s, " ");
		if (at > start && at + 1 + n >= HELP_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			at = start = indent;
		} else if (at > start) {
			putc(' ', out);
			at++;
		}
		fwrite(s, 1, (size_t)n, out);
		at += n;
		s += n;
		while (*s == ' ')
			s++;
	}
	putc('\n', out);
}

void cli_help(FILE *out, int cmd)
{
	const cli_command *c = &cli_commands[cmd];
	fprintf(out, "usage: decrec %s [options]%s%s\n", c->name, c->operands ? " " : "",
	        c->operands ? c->operands : "");
	for (const char *const *p = c->about; *p; p++) {
		putc('\n', out);
		wrap(out, *p, 0, 0);
	}
	fputs("\noptions:\n", out);
	for (size_t i = 0; i < OPT_COUNT - 1; i++) {
		const cli_option *o = &cli_options[i];
		if (!(o->cmds & 1u << cmd))
			continue;
		char label[96];
		int n = snprintf(label, sizeof(label), "  %c%c%c --%s%s%s", o->letter ? '-' : ' ',
		                 o->letter ? o->letter : ' ', o->letter ? ',' : ' ', o->name,
		                 o->arg ? " " : "", o->arg ? o->arg : "");
		if (n + 2 > HELP_COLUMN) /* the help on the next line */
			fprintf(out, "%s\n%*s", label, HELP_COLUMN, "");
		else
			fprintf(out, "%-*s", HELP_COLUMN, label);
		wrap(out, o->help, HELP_COLUMN, HELP_COLUMN);
	}
	char status[1024];
	size_t n = (size_t)snprintf(status, sizeof(status), "exit status:");
	for (int i = 0; i < 4; i++)
		if (c->exit[i] && n < sizeof(status))
			n += (size_t)snprintf(status + n, sizeof(status) - n, "%s %d %s",
			                      n > 12 ? "," : "", i, c->exit[i]);
	if (n + 1 < sizeof(status))
		memcpy(status + n, ".", 2);
	putc('\n', out);
	wrap(out, status, 0, 0);
	if (c->more)
		fprintf(out, "%s\n", c->more);
}
