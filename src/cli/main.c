/* decrec: the command line. Subcommands in the style of git. */
#include "cli.h"

#include <malloc.h>
#include <signal.h>
#include <string.h>

static const char help[] =
    "usage: decrec <command> [options]\n"
    "\n"
    "Validates and renders councils' records of executive decisions.\n"
    "\n"
    "commands:\n"
    "  validate   check records: fields, dates, call-in, notice (decrec validate --help)\n"
    "  dates      the call-in and notice arithmetic as a calculator\n"
    "  fields     the fields of the record format, as a Markdown table\n"
    "  rules      the validation rules and their default severities\n"
    "  labels     the labels of the built-in templates and their defaults\n"
    "\n"
    "  decrec --version   versions of decrec, libyaml and cmark\n"
    "  decrec --help      this help\n";

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
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(help, stdout);
		return close_stdout() ? EXIT_IO : EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("decrec %s (libyaml %s, cmark %s)\n", dr_version(), dr_yaml_version(),
		       dr_cmark_version());
		return close_stdout() ? EXIT_IO : EXIT_OK;
	}
	if (!strcmp(cmd, "validate"))
		return cmd_validate(argc - 1, argv + 1);
	if (!strcmp(cmd, "fields") || !strcmp(cmd, "rules") || !strcmp(cmd, "labels")) {
		if (argc > 2) {
			fprintf(stderr, "decrec %s: takes no arguments\n", cmd);
			return EXIT_USAGE;
		}
		(cmd[0] == 'f'   ? dr_write_fields_md
		 : cmd[0] == 'r' ? dr_write_rules_md
		                 : dr_write_labels_md)(stdout);
		return close_stdout() ? EXIT_IO : EXIT_OK;
	}
	if (!strcmp(cmd, "render"))
		return cmd_render(argc - 1, argv + 1);
	if (!strcmp(cmd, "dates"))
		return cmd_dates(argc - 1, argv + 1);
	fprintf(stderr, "decrec: unknown command '%s'\ntry 'decrec --help'\n", cmd);
	return EXIT_USAGE;
}
