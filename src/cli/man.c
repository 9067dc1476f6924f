/* The man pages decrec(1) and decrec-<command>(1), written from the tables
 * that drive parsing and --help (options.c, options.def), and decrec.yaml(5),
 * which the library writes from the config's key table; for `make man`. */
#include "cli.h"

#include <string.h>

/* Text for a man page: troff's escape character, and a '.' or '\'' that
 * would start a request at the start of a line, made literal; every '-' is
 * \- so that options copied from the page are typed as hyphen-minus. */
static void roff(FILE *out, const char *s)
{
	for (int bol = 1; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", out);
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			putc(*s, out);
		bol = *s == '\n';
	}
}

/* An option's term for .TP: bold names, italic value. */
static void option_term(FILE *out, const cli_option *o)
{
	fputs(".TP\n", out);
	if (o->letter)
		fprintf(out, "\\fB\\-%c\\fR, ", o->letter);
	fputs("\\fB\\-\\-", out);
	roff(out, o->name);
	fputs("\\fR", out);
	if (o->arg) {
		fputs(" \\fI", out);
		roff(out, o->arg);
		fputs("\\fR", out);
	}
	putc('\n', out);
}

static void header(FILE *out, const char *title, const char *summary)
{
	/* No date: the page is the same whenever it is built. */
	fputs(".TH ", out);
	for (const char *c = title; *c; c++) {
		if (*c == '-')
			putc('\\', out);
		putc(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c, out);
	}
	/* .nh: no hyphen inside the names of commands and options. */
	fprintf(out, " 1 \"\" \"decrec %s\" \"User Commands\"\n.nh\n.SH NAME\n", dr_version());
	roff(out, title);
	fputs(" \\- ", out);
	roff(out, summary);
	putc('\n', out);
}

static void paragraph(FILE *out, const char *text)
{
	fputs(".PP\n", out);
	roff(out, text);
	putc('\n', out);
}

static void exit_status(FILE *out, const char *const exit[4])
{
	fputs(".SH EXIT STATUS\n", out);
	for (int i = 0; i < 4; i++)
		if (exit[i]) {
			fprintf(out, ".TP\n.B %d\n", i);
			roff(out, exit[i]);
			putc('\n', out);
		}
}

/* Whether option o is shared: taken by more than one command. */
static int shared(const cli_option *o)
{
	return (o->cmds & (o->cmds - 1)) != 0;
}

/* The commands that take option o, as "validate, render and dates". */
static void taken_by(FILE *out, const cli_option *o)
{
	int n = 0, total = 0;
	for (int c = 0; c < CLI_NCOMMANDS; c++)
		total += (o->cmds >> c) & 1;
	for (int c = 0; c < CLI_NCOMMANDS; c++)
		if (o->cmds & 1u << c) {
			n++;
			fprintf(out, "%s\\fB%s\\fR",
			        n == 1       ? ""
			        : n == total ? " and "
			                     : ", ",
			        cli_commands[c].name);
		}
}

/* FILES: decrec.yaml for the commands that read it, then records/ for those
 * that take PATHs. */
static const char files[] =
    ".SH FILES\n"
    ".TP\n"
    ".I decrec.yaml\n"
    "The settings: the council's calendar, call\\-in and notice periods, labels and rules.\n"
    "Found in the working directory or the nearest directory above it, unless\n"
    ".B \\-\\-config\n"
    "or\n"
    ".B \\-\\-no\\-config\n"
    "is given; see\n"
    ".BR decrec.yaml (5).\n";

static const char files_records[] = ".TP\n"
                                    ".I records/\n"
                                    "The records checked and rendered when no\n"
                                    ".I PATH\n"
                                    "is given: the one beside\n"
                                    ".IR decrec.yaml ,\n"
                                    "else\n"
                                    ".IR ./records ,\n"
                                    "else the current directory.\n";

static void page_decrec(FILE *out)
{
	header(out, "decrec", "validates and renders councils' records of executive decisions");
	fputs(".SH SYNOPSIS\n"
	      ".B decrec\n"
	      ".I command\n"
	      "[\\fIoptions\\fR] [\\fIPATH\\fR ...]\n"
	      ".br\n"
	      ".B decrec\n"
	      "[\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR]\n"
	      ".SH DESCRIPTION\n"
	      "decrec checks decision records (YAML files, one or more records each) against\n"
	      "the record format and the rules for executive decisions, renders them as the\n"
	      "Record of Decision form or the register's Decision details page, and computes\n"
	      "the call\\-in and notice dates the rules require.\n"
	      ".PP\n"
	      "Each command has its page, and\n"
	      ".B decrec\n"
	      ".I command\n"
	      ".B \\-\\-help\n"
	      "lists its options.\n"
	      ".SH COMMANDS\n",
	      out);
	for (int c = 0; c < CLI_NCOMMANDS; c++) {
		fprintf(out, ".TP\n.B %s\n", cli_commands[c].name);
		roff(out, cli_commands[c].summary);
		fprintf(out, "; see\n.BR decrec\\-%s (1).\n", cli_commands[c].name);
	}
	fputs(".SH SHARED OPTIONS\n"
	      "These options mean the same in every command that takes them.\n",
	      out);
	for (size_t i = 0; i < OPT_COUNT - 1; i++) {
		const cli_option *o = &cli_options[i];
		if (!shared(o))
			continue;
		option_term(out, o);
		roff(out, o->help);
		fputs(" (taken by ", out);
		taken_by(out, o);
		fputs(")\n", out);
	}
	fputs(".TP\n"
	      ".B \\-\\-version\n"
	      "The versions of decrec, libyaml and cmark (only as\n"
	      ".BR \"decrec \\-\\-version\" ).\n",
	      out);
	fputs(".SH EXIT STATUS\n"
	      ".TP\n.B 0\n"
	      "Done, and nothing wrong (warnings allowed).\n"
	      ".TP\n.B 1\n"
	      "Findings: a record has errors, or more warnings than allowed; a record was\n"
	      "not rendered for its errors; a date needs holiday data decrec lacks.\n"
	      ".TP\n.B 2\n"
	      "A usage error, an invalid\n"
	      ".IR decrec.yaml ,\n"
	      "a bad template, or no record found.\n"
	      ".TP\n.B 3\n"
	      "An input could not be read or an output not written.\n"
	      ".PP\n"
	      "Each command's page says what each status means for it.\n"
	      ".SH ENVIRONMENT\n"
	      ".TP\n.B NO_COLOR\n"
	      "When set and not empty, no colour on a terminal.\n"
	      ".TP\n.B GITHUB_ACTIONS\n"
	      "When\n.BR true ,\n"
	      ".B validate\n"
	      "reports findings as GitHub Actions annotations unless\n"
	      ".B \\-\\-format\n"
	      "is given.\n"
	      ".TP\n.B GITHUB_WORKSPACE\n"
	      "The checkout the paths of GitHub annotations are made relative to.\n"
	      ".TP\n.B TMPDIR\n"
	      "Where\n.B validate\n"
	      "keeps checked files until the report (else\n.IR /tmp ).\n",
	      out);
	fputs(files, out);
	fputs(files_records, out);
	fputs(".SH SEE ALSO\n", out);
	for (int c = 0; c < CLI_NCOMMANDS; c++)
		fprintf(out, ".BR decrec\\-%s (1),\n", cli_commands[c].name);
	fputs(".BR decrec.yaml (5),\n"
	      ".BR libdecrec (3)\n",
	      out);
}

static void page_command(FILE *out, int cmd)
{
	const cli_command *c = &cli_commands[cmd];
	char title[64];
	snprintf(title, sizeof(title), "decrec-%s", c->name);
	header(out, title, c->summary);
	fprintf(out, ".SH SYNOPSIS\n.B decrec %s\n[\\fIoptions\\fR]", c->name);
	if (c->operands) {
		putc(' ', out);
		roff(out, c->operands);
	}
	fputs("\n.SH DESCRIPTION\n", out);
	for (const char *const *p = c->about; *p; p++)
		paragraph(out, *p);
	fputs(".SH OPTIONS\n", out);
	for (size_t i = 0; i < OPT_COUNT - 1; i++) {
		const cli_option *o = &cli_options[i];
		if (!(o->cmds & 1u << cmd))
			continue;
		option_term(out, o);
		roff(out, o->help);
		putc('\n', out);
	}
	exit_status(out, c->exit);
	if (cli_option_of(OPT_CONFIG)->cmds & 1u << cmd) /* it reads decrec.yaml */
		fputs(files, out);
	if (c->operands)
		fputs(files_records, out);
	fputs(".SH SEE ALSO\n.BR decrec (1),\n.BR decrec.yaml (5)\n", out);
}

int cli_man(FILE *out, const char *name)
{
	if (!name) {
		fputs("decrec\n", out);
		for (int c = 0; c < CLI_NCOMMANDS; c++)
			fprintf(out, "decrec-%s\n", cli_commands[c].name);
		fputs("decrec.yaml\n", out);
		return 0;
	}
	/* Section 5, the config file: written by the library from its key
	 * table, as docs/configuration.md's table is. */
	if (!strcmp(name, "decrec.yaml")) {
		dr_docs_write_config_man(out);
		return 0;
	}
	if (!strcmp(name, "decrec")) {
		page_decrec(out);
		return 0;
	}
	for (int c = 0; c < CLI_NCOMMANDS; c++)
		if (!strncmp(name, "decrec-", 7) && !strcmp(name + 7, cli_commands[c].name)) {
			page_command(out, c);
			return 0;
		}
	return -1;
}
