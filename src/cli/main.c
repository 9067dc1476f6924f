/* decrec: the command line. Subcommands in the style of git, from one table
 * (options.c) that gives `decrec --help`, the dispatch and the man pages. */
#include "cli.h"

#include <malloc.h>
#include <signal.h>
#include <string.h>

/* Each command's function, by its index in cli_commands: here, not in the
 * table, so that the commands can use the table without a cycle. */
static int (*const run[CLI_NCOMMANDS])(int argc, char **argv) = {
    [CLI_VALIDATE] = cmd_validate, [CLI_RENDER] = cmd_render,
    [CLI_PLAN] = cmd_plan,         [CLI_NOTICE] = cmd_notice,
    [CLI_SITE] = cmd_site,         [CLI_NEW] = cmd_new,
    [CLI_FIX] = cmd_fix,           [CLI_DATES] = cmd_dates,
    [CLI_FIELDS] = cmd_fields,     [CLI_RULES] = cmd_rules,
    [CLI_LABELS] = cmd_labels,     [CLI_SETTINGS] = cmd_settings,
    [CLI_SCHEMA] = cmd_schema,     [CLI_COMPLETION] = cmd_completion,
};

static void usage(FILE *out)
{
	fputs("usage: decrec <command> [options]\n"
	      "\n"
	      "Validates and renders councils' records of executive decisions.\n"
	      "\n"
	      "commands:\n",
	      out);
	int w = 0; /* the longest name, so that the summaries line up */
	for (int i = 0; i < CLI_NCOMMANDS; i++)
		if ((int)strlen(cli_commands[i].name) > w)
			w = (int)strlen(cli_commands[i].name);
	for (int i = 0; i < CLI_NCOMMANDS; i++)
		fprintf(out, "  %-*s  %s\n", w, cli_commands[i].name, cli_commands[i].summary);
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
	/* `decrec --man [PAGE]`: for `make man`, not for users, who read the
	 * installed pages; so it is not in --help. Without PAGE, the names. */
	if (!strcmp(cmd, "--man") && argc <= 3) {
		if (cli_man(stdout, argc == 3 ? argv[2] : NULL)) {
			fprintf(stderr, "decrec: no man page '%s'\n", argv[2]);
			return EXIT_USAGE;
		}
		return close_stdout() ? EXIT_IO : EXIT_OK;
	}
	for (int i = 0; i < CLI_NCOMMANDS; i++)
		if (!strcmp(cmd, cli_commands[i].name))
			return run[i](argc - 1, argv + 1);
	fprintf(stderr, "decrec: unknown command '%s'\ntry 'decrec --help'\n", cmd);
	return EXIT_USAGE;
}
