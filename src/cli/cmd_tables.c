/* decrec fields, rules, labels and settings: the library's tables on stdout, from
 * which tests/gen-docs.sh writes the tables of docs/. */
#include "cli.h"

#include <string.h>

/* A table on stdout (fixes: `rules --fixes`). */
static int cmd_table(int cmd, int argc, char **argv, void (*write)(FILE *))
{
	cli_parser p;
	cli_common com;
	const char *arg;
	int c, fixes = 0;
	cli_parser_init(&p, cmd, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0)
		fixes |= c == OPT_FIXES;
	if (c < 0)
		return p.status;
	if (optind < argc) {
		fprintf(stderr, "decrec %s: takes no arguments\n", argv[0]);
		return EXIT_USAGE;
	}
	/* Each rule's fix, "NAME<tab>fix" a line, from which tests/gen-docs.sh
	 * writes the "Fix" paragraphs of docs/rules.md, so that they and
	 * SARIF's help come from the one rule table. */
	if (fixes)
		for (int r = 0; r < dr_rule_count(); r++)
			printf("%s\t%s\n", dr_rule_name(r), dr_rule_fix(r));
	else
		write(stdout);
	return close_stdout() ? EXIT_IO : EXIT_OK;
}

int cmd_fields(int argc, char **argv)
{
	return cmd_table(CLI_FIELDS, argc, argv, dr_docs_write_fields);
}

int cmd_rules(int argc, char **argv)
{
	return cmd_table(CLI_RULES, argc, argv, dr_docs_write_rules);
}

int cmd_labels(int argc, char **argv)
{
	return cmd_table(CLI_LABELS, argc, argv, dr_docs_write_labels);
}

int cmd_settings(int argc, char **argv)
{
	return cmd_table(CLI_SETTINGS, argc, argv, dr_docs_write_config);
}
