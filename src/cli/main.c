/* decrec: the command line. Subcommands in the style of git, from one table
 * that gives both `decrec --help` and the dispatch. */
#include "cli.h"

#include <malloc.h>
#include <signal.h>
#include <string.h>

/* `decrec fields` and `decrec rules`: a table on stdout, no arguments. */
static int cmd_table(int argc, char **argv, void (*write)(FILE *))
{
	if (argc > 1) {
		fprintf(stderr, "decrec %s: takes no arguments\n", argv[0]);
		return EXIT_USAGE;
	}
	write(stdout);
	return close_stdout() ? EXIT_IO : EXIT_OK;
}

static int cmd_fields(int argc, char **argv)
{
	return cmd_table(argc, argv, dr_docs_write_fields);
}

/* `decrec rules --fixes`: each rule's fix, "NAME<tab>fix" a line, from which
 * tests/gen-docs.sh writes the "Fix" paragraphs of docs/rules.md, so that
 * they and SARIF's help come from the one rule table. */
static int cmd_rules(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--fixes")) {
		for (int r = 0; r < dr_rule_count(); r++)
			printf("%s\t%s\n", dr_rule_name(r), dr_rule_fix(r));
		return close_stdout() ? EXIT_IO : EXIT_OK;
	}
	return cmd_table(argc, argv, dr_docs_write_rules);
}

static int cmd_labels(int argc, char **argv)
{
	return cmd_table(argc, argv, dr_docs_write_labels);
}

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
    {"validate", cmd_validate, "check records: fields, dates, call-in, notice"},
    {"render", cmd_render, "records as the Record of Decision form or the Decision details page"},
    {"dates", cmd_dates, "the call-in and notice arithmetic as a calculator"},
    {"fields", cmd_fields, "the fields of the record format, as a Markdown table"},
    {"rules", cmd_rules, "the validation rules and their default severities"},
    {"labels", cmd_labels, "the labels of the built-in templates and their defaults"},
};

static void usage(FILE *out)
{
	fputs("usage: decrec <command> [options]\n"
	      "\n"
	      "Validates and renders councils' records of executive decisions.\n"
	      "\n"
	      "commands:\n",
	      out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].help);
	fputs("\n"
	      "  decrec <command> --help   the options of a command\n"
	      "  decrec --version          versions of decrec, libyaml and cmark\n"
	      "  decrec --help             this help\n",
	      out);
}

int main(int argc, char **argv)
{
	/* A closed pipe (decrec ... | head) and a full file-size limit are
	 * write errors to handle, not signals to die of: output files are then
	 * abandoned whole and stdout ends quietly. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	/* Files are read whole, then freed: from mmap they go back to the
	 * system at once, where the heap would keep and fragment them while the
	 * small results of thousands of files pile up around them. */
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage(stdout);
		return close_stdout() ? EXIT_IO : EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("decrec %s (libyaml %s, cmark %s)\n", dr_version(), dr_yaml_version(),
		       dr_cmark_version());
		return close_stdout() ? EXIT_IO : EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(cmd, commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "decrec: unknown command '%s'\ntry 'decrec --help'\n", cmd);
	return EXIT_USAGE;
}
