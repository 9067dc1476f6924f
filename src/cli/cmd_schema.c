/* decrec schema: the record format as a JSON Schema for editors, written by
 * the library (dr_schema_write) with the config found or given. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cmd_schema(int argc, char **argv)
{
	cli_parser p;
	cli_common com;
	const char *arg, *output = NULL;
	int c;
	cli_parser_init(&p, CLI_SCHEMA, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0)
		if (c == OPT_SCHEMA_OUTPUT)
			output = strcmp(arg, "-") ? arg : NULL;
	if (c < 0)
		return p.status;
	if (optind < argc)
		return usage_error("schema", "takes no arguments");
	dr_config *cfg;
	char *found;
	int st = load_config(&cfg, com.config, com.no_config, &found);
	if (st)
		return st;
	free(found);
	out_file of;
	if (output && out_open(&of, output)) {
		fprintf(stderr, "decrec: %s: cannot write: %s\n", output, strerror(errno));
		dr_config_free(cfg);
		return EXIT_IO;
	}
	int rc = dr_schema_write(output ? of.fp : stdout, cfg);
	dr_config_free(cfg);
	if (rc == DR_ENOMEM) {
		/* Not a write error, which close_stdout or out_commit reports. */
		fprintf(stderr, "decrec: out of memory\n");
		if (output)
			out_abort(&of);
		return EXIT_IO;
	}
	if (output && out_commit(&of)) {
		fprintf(stderr, "decrec: %s: cannot write: %s\n", output, strerror(errno));
		return EXIT_IO;
	}
	return close_stdout() ? EXIT_IO : EXIT_OK;
}
