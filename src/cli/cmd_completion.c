/* decrec completion bash|zsh|fish: a shell's completion script, written
 * from the command table (options.c) and the option table (options.def),
 * so that a new command or option completes without a change here. */
#include "cli.h"

#include <string.h>

/* What goes where an option's value or a command's operands go. */
typedef enum slot {
	S_NOTHING, /* a value of the user's own (DATE, N, URL, TEXT) */
	S_VALUES, /* one of a list */
	S_FILES,
	S_DIRS
} slot;

/* ARG or operands naming a path take file (or directory) names. */
static slot path_slot(const char *what)
{
	if (!what)
		return S_NOTHING;
	if (strstr(what, "DIR"))
		return S_DIRS;
	return strstr(what, "FILE") || strstr(what, "PATH") ? S_FILES : S_NOTHING;
}

static slot option_slot(const cli_option *o)
{
	return o->values ? S_VALUES : path_slot(o->arg);
}

/* A template is a built-in name or a file: options.def says so in prose. */
static int files_too(const cli_option *o)
{
	return o->id == OPT_TEMPLATE;
}

/* The words of operands written "a|b|c" (decrec completion's shells), into
 * buf[cap] separated by spaces; NULL for operands of another kind. */
static const char *operand_words(const char *ops, char *buf, size_t cap)
{
	size_t n = ops ? strlen(ops) : 0;
	if (!n || n >= cap || !strchr(ops, '|') || strspn(ops, "abcdefghijklmnopqrstuvwxyz-|") != n)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		buf[i] = ops[i] == '|' ? ' ' : ops[i];
	return buf;
}

static int takes(const cli_option *o, int cmd)
{
	return (o->cmds & 1u << cmd) != 0;
}

/* The first clause of an option's help, short enough for a menu: up to a
 * ';', cut at a word (with "...") past MAX characters, and before a
 * parenthesis the cut left open. */
static void brief(char *buf, size_t cap, const char *help)
{
	enum { MAX = 60 };
	size_t n = strcspn(help, ";"), open = 0;
	int more = 0, depth = 0;
	if (n > MAX) {
		for (n = MAX; n > 0 && help[n] != ' ';)
			n--;
		more = 1;
	}
	for (size_t i = 0; i < n; i++)
		if (help[i] == '(' && !depth++)
			open = i;
		else if (help[i] == ')' && depth)
			depth--;
	if (depth)
		n = open;
	while (n > 0 && (help[n - 1] == ' ' || help[n - 1] == ','))
		n--;
	snprintf(buf, cap, "%.*s%s", (int)n, help, more ? "..." : "");
}

/* s inside single quotes for sh and zsh ('\'' for a quote); with
 * `brackets`, also [ ] escaped for an _arguments description. */
static void quoted(FILE *out, const char *s, int brackets)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else if (brackets && (*s == '[' || *s == ']' || *s == '\\'))
			fprintf(out, "\\%c", *s);
		else
			putc(*s, out);
	}
}

/* ---- bash -------------------------------------------------------------------- */

static void bash(FILE *out)
{
	char words[128];
	fputs("# bash completion for decrec, written by `decrec completion bash`.\n"
	      "# Load it with: source <(decrec completion bash)\n"
	      "\n"
	      "_decrec_files()\n"
	      "{\n"
	      "\tcompopt -o filenames 2>/dev/null\n"
	      "\tmapfile -t -O ${#COMPREPLY[@]} COMPREPLY < <(compgen \"$1\" -- \"$cur\")\n"
	      "}\n"
	      "\n"
	      "_decrec()\n"
	      "{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= pre=\n"
	      "\t((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	      "\tCOMPREPLY=()\n"
	      "\t# --option=value, split at the = by bash or not.\n"
	      "\tif [[ $cur == = ]]; then\n"
	      "\t\tcur=\n"
	      "\telif [[ $prev == = ]] && ((COMP_CWORD > 2)); then\n"
	      "\t\tprev=${COMP_WORDS[COMP_CWORD - 2]}\n"
	      "\telif [[ $cur == --*=* ]]; then\n"
	      "\t\tprev=${cur%%=*} pre=${cur%%=*}= cur=${cur#*=}\n"
	      "\tfi\n"
	      "\tif ((COMP_CWORD == 1)); then\n"
	      "\t\tCOMPREPLY=($(compgen -W '",
	      out);
	for (int c = 0; c < CLI_NCOMMANDS; c++)
		fprintf(out, "%s ", cli_commands[c].name);
	fputs("--help --version' -- \"$cur\"))\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\tcase ${COMP_WORDS[1]}:$prev in\n",
	      out);
	/* The value of the option before the cursor. */
	for (size_t i = 0; i < OPT_COUNT - 1; i++) {
		const cli_option *o = &cli_options[i];
		if (!o->arg)
			continue;
		int n = 0;
		for (int c = 0; c < CLI_NCOMMANDS; c++) {
			if (!takes(o, c))
				continue;
			fprintf(out, "%s%s:--%s", n++ ? " | " : "\t", cli_commands[c].name,
			        o->name);
			if (o->letter)
				fprintf(out, " | %s:-%c", cli_commands[c].name, o->letter);
		}
		if (!n)
			continue;
		fputs(")\n", out);
		switch (option_slot(o)) {
		case S_VALUES:
			fprintf(out, "\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n", o->values);
			if (files_too(o))
				fputs("\t\t_decrec_files -f\n", out);
			break;
		case S_FILES:
			fputs("\t\t_decrec_files -f\n", out);
			break;
		case S_DIRS:
			fputs("\t\t_decrec_files -d\n", out);
			break;
		case S_NOTHING:
			fprintf(out, "\t\t# %s: nothing to offer\n", o->arg);
			break;
		}
		fputs("\t\t;;\n", out);
	}
	/* Else an option of the command, or an operand. */
	fputs("\t*)\n"
	      "\t\tcase ${COMP_WORDS[1]}:$cur in\n",
	      out);
	for (int c = 0; c < CLI_NCOMMANDS; c++) {
		fprintf(out, "\t\t%s:-*)\n\t\t\tCOMPREPLY=($(compgen -W '", cli_commands[c].name);
		int n = 0;
		for (size_t i = 0; i < OPT_COUNT - 1; i++) {
			const cli_option *o = &cli_options[i];
			if (!takes(o, c))
				continue;
			fprintf(out, "%s--%s", n++ ? " " : "", o->name);
			if (o->letter)
				fprintf(out, " -%c", o->letter);
		}
		fputs("' -- \"$cur\"))\n\t\t\t;;\n", out);
		const char *ops = cli_commands[c].operands;
		const char *w = operand_words(ops, words, sizeof(words));
		slot s = path_slot(ops);
		if (w)
			fprintf(out,
			        "\t\t%s:*)\n\t\t\tCOMPREPLY=($(compgen -W '%s' -- "
			        "\"$cur\"))\n\t\t\t;;\n",
			        cli_commands[c].name, w);
		else if (s != S_NOTHING)
			fprintf(out, "\t\t%s:*)\n\t\t\t_decrec_files %s\n\t\t\t;;\n",
			        cli_commands[c].name, s == S_DIRS ? "-d" : "-f");
	}
	fputs("\t\tesac\n"
	      "\t\t;;\n"
	      "\tesac\n"
	      "\t[[ $pre ]] && COMPREPLY=(\"${COMPREPLY[@]/#/$pre}\")\n"
	      "\treturn 0\n"
	      "}\n"
	      "\n"
	      "complete -F _decrec decrec\n",
	      out);
}

/* ---- zsh --------------------------------------------------------------------- */

/* One _arguments spec of option o in form `name` (-f or --format). */
static void zsh_spec(FILE *out, const cli_option *o, const char *name)
{
	char help[96];
	brief(help, sizeof(help), o->help);
	fputs(" \\\n\t\t\t'", out);
	if (o->letter)
		fprintf(out, "(-%c --%s)", o->letter, o->name);
	fprintf(out, "%s%s[", name, !o->arg ? "" : name[1] == '-' ? "=" : "+");
	quoted(out, help, 1);
	putc(']', out);
	if (o->arg) {
		fprintf(out, ":%s:", o->arg);
		switch (option_slot(o)) {
		case S_VALUES:
			if (files_too(o))
				fprintf(
				    out,
				    " _alternative \"names\\:%s\\:(%s)\" \"files\\:file\\:_files\"",
				    o->arg, o->values);
			else
				fprintf(out, "(%s)", o->values);
			break;
		case S_FILES:
			fputs("_files", out);
			break;
		case S_DIRS:
			fputs("_files -/", out);
			break;
		case S_NOTHING:
			putc(' ', out);
			break;
		}
	}
	putc('\'', out);
}

static void zsh(FILE *out)
{
	char words[128], name[64];
	fputs("#compdef decrec\n"
	      "# zsh completion for decrec, written by `decrec completion zsh`.\n"
	      "# Install it as _decrec in a directory of $fpath, or load it after compinit:\n"
	      "# source <(decrec completion zsh)\n"
	      "\n"
	      "_decrec() {\n"
	      "\tif ((CURRENT == 2)); then\n"
	      "\t\tlocal -a commands=(\n",
	      out);
	for (int c = 0; c < CLI_NCOMMANDS; c++) {
		fprintf(out, "\t\t\t'%s:", cli_commands[c].name);
		quoted(out, cli_commands[c].summary, 0);
		fputs("'\n", out);
	}
	fputs("\t\t)\n"
	      "\t\tif [[ $PREFIX == -* ]]; then\n"
	      "\t\t\tcompadd -- --help --version\n"
	      "\t\telse\n"
	      "\t\t\t_describe -t commands 'decrec command' commands\n"
	      "\t\tfi\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\tlocal cmd=$words[2]\n"
	      "\tshift words\n"
	      "\t((CURRENT--))\n"
	      "\tcase $cmd in\n",
	      out);
	for (int c = 0; c < CLI_NCOMMANDS; c++) {
		fprintf(out, "\t%s)\n\t\t_arguments -s -S", cli_commands[c].name);
		for (size_t i = 0; i < OPT_COUNT - 1; i++) {
			const cli_option *o = &cli_options[i];
			if (!takes(o, c))
				continue;
			if (o->letter) {
				snprintf(name, sizeof(name), "-%c", o->letter);
				zsh_spec(out, o, name);
			}
			snprintf(name, sizeof(name), "--%s", o->name);
			zsh_spec(out, o, name);
		}
		const char *ops = cli_commands[c].operands;
		const char *w = operand_words(ops, words, sizeof(words));
		slot s = path_slot(ops);
		if (w)
			fprintf(out, " \\\n\t\t\t'1:%s:(%s)'", ops, w);
		else if (s != S_NOTHING)
			fprintf(out, " \\\n\t\t\t'*:%s:_files%s'", s == S_DIRS ? "DIR" : "PATH",
			        s == S_DIRS ? " -/" : "");
		fputs("\n\t\t;;\n", out);
	}
	fputs("\tesac\n"
	      "}\n"
	      "\n"
	      "# Autoloaded from $fpath, the file is the function's body: complete now.\n"
	      "if [[ $funcstack[1] == _decrec ]]; then\n"
	      "\t_decrec \"$@\"\n"
	      "else\n"
	      "\tcompdef _decrec decrec\n"
	      "fi\n",
	      out);
}

/* ---- fish -------------------------------------------------------------------- */

/* s in fish's single quotes: \ and ' escaped. */
static void fish_quoted(FILE *out, const char *s)
{
	putc('\'', out);
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			putc('\\', out);
		putc(*s, out);
	}
	putc('\'', out);
}

static void fish(FILE *out)
{
	char words[128], help[96];
	fputs("# fish completion for decrec, written by `decrec completion fish`.\n"
	      "# Install it as ~/.config/fish/completions/decrec.fish, or load it:\n"
	      "# decrec completion fish | source\n"
	      "\n"
	      "complete -c decrec -f\n",
	      out);
	for (int c = 0; c < CLI_NCOMMANDS; c++) {
		fprintf(out, "complete -c decrec -n __fish_use_subcommand -a %s -d ",
		        cli_commands[c].name);
		fish_quoted(out, cli_commands[c].summary);
		putc('\n', out);
	}
	fputs("complete -c decrec -n __fish_use_subcommand -l help -d 'show the commands'\n"
	      "complete -c decrec -n __fish_use_subcommand -l version -d 'show the versions'\n",
	      out);
	for (int c = 0; c < CLI_NCOMMANDS; c++) {
		const char *cmd = cli_commands[c].name;
		for (size_t i = 0; i < OPT_COUNT - 1; i++) {
			const cli_option *o = &cli_options[i];
			if (!takes(o, c))
				continue;
			fprintf(out, "complete -c decrec -n '__fish_seen_subcommand_from %s'", cmd);
			if (o->letter)
				fprintf(out, " -s %c", o->letter);
			fprintf(out, " -l %s", o->name);
			switch (o->arg ? option_slot(o) : S_NOTHING) {
			case S_VALUES:
				fprintf(out, files_too(o) ? " -r -F -a '%s'" : " -x -a '%s'",
				        o->values);
				break;
			case S_FILES:
				fputs(" -r -F", out);
				break;
			case S_DIRS:
				fputs(" -x -a '(__fish_complete_directories)'", out);
				break;
			case S_NOTHING:
				if (o->arg)
					fputs(" -x", out);
				break;
			}
			brief(help, sizeof(help), o->help);
			fputs(" -d ", out);
			fish_quoted(out, help);
			putc('\n', out);
		}
		const char *ops = cli_commands[c].operands;
		const char *w = operand_words(ops, words, sizeof(words));
		slot s = path_slot(ops);
		if (w)
			fprintf(out,
			        "complete -c decrec -n '__fish_seen_subcommand_from %s' -a '%s'\n",
			        cmd, w);
		else if (s == S_FILES)
			fprintf(out, "complete -c decrec -n '__fish_seen_subcommand_from %s' -F\n",
			        cmd);
		else if (s == S_DIRS)
			fprintf(out,
			        "complete -c decrec -n '__fish_seen_subcommand_from %s' -a "
			        "'(__fish_complete_directories)'\n",
			        cmd);
	}
}

int cmd_completion(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*write)(FILE *);
	} shells[] = {{"bash", bash}, {"zsh", zsh}, {"fish", fish}};
	cli_parser p;
	cli_common com;
	const char *arg;
	int c;
	cli_parser_init(&p, CLI_COMPLETION, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0)
		;
	if (c < 0)
		return p.status;
	if (argc - optind != 1)
		return usage_error("completion", "name one shell: bash, zsh or fish");
	for (size_t i = 0; i < sizeof(shells) / sizeof(*shells); i++)
		if (!strcmp(argv[optind], shells[i].name)) {
			shells[i].write(stdout);
			return close_stdout() ? EXIT_IO : EXIT_OK;
		}
	return usage_error("completion", "unknown shell '%s': expected bash, zsh or fish",
	                   argv[optind]);
}
