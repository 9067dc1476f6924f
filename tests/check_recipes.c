/* The CI recipes of README.md, run as written: each block after a
 * "<!-- recipe: NAME -->" marker is read from the README itself, so the
 * README cannot drift from what is tested. They run in a scratch records
 * repository that has decrec as decrec/ (its build/decrec is the binary
 * under test, so the recipes' "make -C decrec" step is the one command not
 * run here: make check has just built it).
 *
 * Then the README's examples: every ```console block, each after an
 * "<!-- example: NAME -->" marker, is typed as shown into a terminal in a
 * copy of the project, with decrec on PATH, and must print exactly what the
 * block shows. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_CMDS 16

/* The code block after the marker of `name` in `file` (malloc'd). */
static char *recipe_in(const char *file, const char *name)
{
	char marker[128];
	char *readme = read_text(file, NULL);
	ck_assert_ptr_nonnull(readme);
	snprintf(marker, sizeof(marker), "<!-- recipe: %s -->\n```", name);
	char *p = strstr(readme, marker);
	ck_assert_msg(p != NULL, "%s has no recipe '%s'", file, name);
	p = strchr(p + strlen(marker), '\n') + 1;
	char *end = strstr(p, "\n```");
	ck_assert_ptr_nonnull(end);
	char *block = strndup(p, (size_t)(end - p) + 1);
	free(readme);
	return block;
}

static char *recipe(const char *name)
{
	return recipe_in("README.md", name);
}

/* The commands of a YAML recipe: the values of "run:" keys, or the items of
 * "script:" lists; setup steps (apt-get, building decrec) are left out. */
static int commands(char *block, const char *key, char **out)
{
	int n = 0, in_list = 0;
	for (char *line = block, *next; *line; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		char *t = line + strspn(line, " ");
		if (!strncmp(t, "- ", 2) && strstr(t, "run: ") == t + 2)
			t += 2;
		if (!strncmp(t, "run: ", 5) && !strcmp(key, "run")) {
			out[n++] = t + 5;
		} else if (!strcmp(key, "script")) {
			if (!strncmp(t, "script:", 7) || !strncmp(t, "before_script:", 14)) {
				in_list = 1;
				continue;
			}
			if (in_list && !strncmp(t, "- ", 2))
				out[n++] = t + 2;
			else if (in_list && *t)
				in_list = 0;
		}
		if (n && (strstr(out[n - 1], "apt-get") || strstr(out[n - 1], "make -C decrec")))
			n--;
		ck_assert_int_lt(n, MAX_CMDS);
	}
	return n;
}

static char repo[64];

static void setup(void)
{
	char cmd[1024], here[512];
	ck_assert_ptr_nonnull(getcwd(here, sizeof(here)));
	snprintf(repo, sizeof(repo), "/tmp/decrec-recipe-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(repo));
	snprintf(
	    cmd, sizeof(cmd),
	    "cd %s && git init -q && mkdir -p decrec/build && ln -s %s decrec/build/decrec && "
	    "cp %s/decrec.yaml . && cp -r %s/records . && printf 'decrec/\\n*.sarif\\n*.xml\\n' "
	    "> .gitignore",
	    repo, decrec_bin(), here, here);
	ck_assert_int_eq(system(cmd), 0);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", repo);
	ck_assert_int_eq(system(cmd), 0);
}

/* Runs a recipe command in the scratch repository; stdout into *out. */
static int run_in_repo(const char *env, const char *command, char **out)
{
	char cmd[2048];
	int st;
	snprintf(cmd, sizeof(cmd), "cd %s && env %s sh -c '%s' 2>/dev/null", repo, env, command);
	*out = run_command(cmd, &st);
	ck_assert_ptr_nonnull(*out);
	return st;
}

/* A wrong effective date in 24/00058. */
static void break_record(void)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd),
	         "cd %s && sed -i 's/effective: 2024-07-27/effective: 2024-07-26/' "
	         "records/24-00058.yaml",
	         repo);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(github_actions)
{
	char *block = recipe("github-actions"), *cmds[MAX_CMDS], *out;
	/* Code scanning takes the log only from a job allowed to write security
	 * events; the checkout then needs contents: read, given explicitly. */
	ck_assert_ptr_nonnull(strstr(
	    block, "    permissions:\n      contents: read\n      security-events: write\n"));
	/* The upload runs after a failing step too, and takes the file that the
	 * SARIF step writes. */
	ck_assert_ptr_nonnull(strstr(block, "      - uses: github/codeql-action/upload-sarif@v4\n"
	                                    "        if: always()\n"
	                                    "        with:\n"
	                                    "          sarif_file: decrec.sarif\n"));
	ck_assert_ptr_nonnull(strstr(block, "      - run: decrec/build/decrec validate -f sarif -o "
	                                    "decrec.sarif\n        if: always()\n"));
	int n = commands(block, "run", cmds);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(cmds[0], "decrec/build/decrec validate");
	ck_assert_str_eq(cmds[1], "decrec/build/decrec validate -f sarif -o decrec.sarif");
	ck_assert_int_eq(run_in_repo("GITHUB_ACTIONS=true", cmds[0], &out), 0);
	ck_assert_str_eq(out, "");
	free(out);
	break_record();
	ck_assert_int_eq(run_in_repo("GITHUB_ACTIONS=true", cmds[0], &out), 1);
	ck_assert_msg(!strncmp(out,
	                       "::error file=records/24-00058.yaml,line=15,col=14,endLine=15,"
	                       "endColumn=24,title=call-in-window::effective date 26/07/2024",
	                       72),
	              "%s", out);
	free(out);
	/* The SARIF step runs after the failure (if: always()) and writes its log. */
	ck_assert_int_eq(run_in_repo("GITHUB_ACTIONS=true", cmds[1], &out), 1);
	free(out);
	char path[128];
	snprintf(path, sizeof(path), "%s/decrec.sarif", repo);
	char *sarif = read_text(path, NULL);
	ck_assert_ptr_nonnull(sarif);
	ck_assert_ptr_nonnull(strstr(sarif, "\"version\": \"2.1.0\""));
	ck_assert_ptr_nonnull(strstr(sarif, "\"ruleId\": \"call-in-window\""));
	free(sarif);
	free(block);
}
END_TEST

START_TEST(gitlab_ci)
{
	char *block = recipe("gitlab-ci"), *cmds[MAX_CMDS], *out, cmd[256];
	/* GitLab clones without submodules unless told: decrec/ would be empty. */
	ck_assert_ptr_nonnull(strstr(block, "records:\n  image: debian:12\n  variables:\n"
	                                    "    GIT_SUBMODULE_STRATEGY: recursive\n"));
	int n = commands(block, "script", cmds);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(run_in_repo("", cmds[0], &out), 0);
	free(out);
	ck_assert_int_eq(run_in_repo("", cmds[1], &out), 0);
	free(out);
	break_record();
	ck_assert_int_eq(run_in_repo("", cmds[0], &out), 0); /* || true: the report step */
	free(out);
	ck_assert_int_eq(run_in_repo("", cmds[1], &out), 1); /* this one fails the job */
	ck_assert_ptr_nonnull(strstr(out, "records/24-00058.yaml:15:14: error: effective date"));
	free(out);
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s/decrec-junit.xml", repo);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/decrec-junit.xml", repo);
	char *xml = read_text(cmd, NULL);
	ck_assert_ptr_nonnull(strstr(xml, "<failure type=\"call-in-window\""));
	free(xml);
	free(block);
}
END_TEST

/* Whether `path` (relative to the scratch repository) exists. */
static int in_repo_exists(const char *path)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", repo, path);
	return access(p, F_OK) == 0;
}

/* The site a Pages recipe's command built in public/ of the scratch
 * repository: its register, a decision's pages linked from it, the 404
 * page, the manifest and the feed's absolute ids from site.base_url. */
static void check_public(void)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/public/index.html", repo);
	char *index = read_text(path, NULL);
	ck_assert_ptr_nonnull(index);
	ck_assert_ptr_nonnull(strstr(index, "<a href=\"decisions/24-00058/\">24/00058</a>"));
	free(index);
	ck_assert(in_repo_exists("public/decisions/24-00058/index.html"));
	ck_assert(in_repo_exists("public/decisions/24-00058/record.html"));
	ck_assert(in_repo_exists("public/404.html"));
	snprintf(path, sizeof(path), "%s/public/.decrec-site", repo);
	char *manifest = read_text(path, NULL);
	ck_assert_ptr_nonnull(manifest);
	ck_assert_msg(!strncmp(manifest, "# decrec site: ", 15), "%s", manifest);
	ck_assert_ptr_nonnull(strstr(manifest, "\ndecisions/24-00058/index.html\n"));
	free(manifest);
	snprintf(path, sizeof(path), "%s/public/feeds/decisions.atom", repo);
	char *atom = read_text(path, NULL);
	ck_assert_ptr_nonnull(atom);
	ck_assert_ptr_nonnull(
	    strstr(atom, "<id>tag:decisions.example.org,2024:decisions/24/00058</id>"));
	free(atom);
}

/* A Pages recipe's one command, run twice: it builds the site in public/
 * (exit 0, nothing on stdout); once a record has an error, it exits 1, so
 * the job fails and deploys nothing, and that record's pages are gone. */
static void pages_recipe(const char *command)
{
	char *out;
	ck_assert_str_eq(command, "decrec/build/decrec site -o public");
	ck_assert_int_eq(run_in_repo("", command, &out), 0);
	ck_assert_str_eq(out, "");
	free(out);
	check_public();
	break_record();
	ck_assert_int_eq(run_in_repo("", command, &out), 1);
	free(out);
	ck_assert(!in_repo_exists("public/decisions/24-00058/index.html"));
	ck_assert(in_repo_exists("public/decisions/24-00071/index.html"));
}

START_TEST(github_pages)
{
	char *block = recipe_in("docs/site.md", "github-pages"), *cmds[MAX_CMDS];
	/* Deploying to Pages needs these permissions; the artifact uploaded is
	 * the directory the command writes, and the deploy job waits for it. */
	ck_assert_ptr_nonnull(strstr(block, "permissions:\n  contents: read\n  pages: write\n"
	                                    "  id-token: write\n"));
	ck_assert_ptr_nonnull(strstr(block, "      - uses: actions/upload-pages-artifact@v3\n"
	                                    "        with:\n"
	                                    "          path: public\n"));
	ck_assert_ptr_nonnull(strstr(block, "  deploy:\n    needs: build\n"));
	ck_assert_ptr_nonnull(strstr(block, "      name: github-pages\n"));
	ck_assert_ptr_nonnull(strstr(block, "        uses: actions/deploy-pages@v4\n"));
	ck_assert_int_eq(commands(block, "run", cmds), 1);
	pages_recipe(cmds[0]);
	free(block);
}
END_TEST

START_TEST(gitlab_pages)
{
	char *block = recipe_in("docs/site.md", "gitlab-pages"), *cmds[MAX_CMDS];
	/* GitLab publishes the public artifact of the job named pages, and
	 * fetches the decrec/ submodule only when told. */
	ck_assert_ptr_nonnull(strstr(block, "\npages:\n  image: debian:12\n  variables:\n"
	                                    "    GIT_SUBMODULE_STRATEGY: recursive\n"));
	ck_assert_ptr_nonnull(strstr(block, "\n  artifacts:\n    paths: [public]\n"));
	ck_assert_int_eq(commands(block, "script", cmds), 1);
	pages_recipe(cmds[0]);
	free(block);
}
END_TEST

/* Runs `git commit` (with ARGS) in the scratch repository, the hook's
 * temporary folder in its own TMPDIR; its output (stdout and stderr) into
 * *out. Returns the exit status. */
static int commit(const char *args, char **out)
{
	char cmd[1024];
	int st;
	snprintf(cmd, sizeof(cmd),
	         "cd %s && mkdir -p tmp && TMPDIR=%s/tmp git -c user.name=t "
	         "-c user.email=t@example.org commit -q -m change %s 2>&1",
	         repo, repo, args);
	*out = run_command(cmd, &st);
	ck_assert_ptr_nonnull(*out);
	return st;
}

/* Runs a shell command in the scratch repository; its stdout (malloc'd). */
static char *in_repo(const char *command)
{
	char cmd[1024];
	int st;
	snprintf(cmd, sizeof(cmd), "cd %s && %s", repo, command);
	char *out = run_command(cmd, &st);
	ck_assert_ptr_nonnull(out);
	ck_assert_msg(st == 0, "%s: exit %d", command, st);
	return out;
}

static void in_repo_eq(const char *command, const char *want)
{
	char *out = in_repo(command);
	ck_assert_str_eq(out, want);
	free(out);
}

static const char *const finding =
    "records/24-00058.yaml:15:14: error: effective date 26/07/2024 breaks the call-in rule";

START_TEST(pre_commit)
{
	char *hook = recipe("pre-commit"), path[128], *out;
	snprintf(path, sizeof(path), "%s/.git/hooks/pre-commit", repo);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(hook, f);
	fclose(f);
	free(hook);
	free(in_repo("chmod +x .git/hooks/pre-commit && printf 'tmp/\\n' >> .gitignore && "
	             "git add -A"));
	ck_assert_int_eq(commit("", &out), 0);
	ck_assert_str_eq(out, "");
	free(out);

	/* A mistake staged, then put right in the working tree only: what would
	 * be committed is wrong, so the commit is refused, and the finding names
	 * the file by its path in the repository. */
	break_record();
	free(in_repo("git add records/24-00058.yaml && sed -i "
	             "'s/effective: 2024-07-26/effective: 2024-07-27/' records/24-00058.yaml"));
	ck_assert_int_eq(commit("", &out), 1);
	ck_assert_msg(!strncmp(out, finding, strlen(finding)), "%s", out);
	free(out);
	in_repo_eq("git log --oneline | wc -l", "1\n");
	in_repo_eq("git diff --cached --name-only", "records/24-00058.yaml\n");
	in_repo_eq("ls -A tmp", ""); /* the hook's copy is gone */

	/* The reverse: the fix staged, a mistake in the working tree only. The
	 * commit holds the good record and goes through. */
	free(in_repo("git add records/24-00058.yaml && echo a > notes.txt && git add notes.txt"));
	break_record();
	ck_assert_int_eq(commit("", &out), 0);
	ck_assert_str_eq(out, "");
	free(out);
	in_repo_eq("git log --oneline | wc -l", "2\n");
	in_repo_eq("git show HEAD:records/24-00058.yaml | grep -c 'effective: 2024-07-27'", "1\n");
	/* commit -a stages the working tree's mistake: refused. */
	ck_assert_int_eq(commit("-a", &out), 1);
	ck_assert_msg(!strncmp(out, finding, strlen(finding)), "%s", out);
	free(out);

	/* Every record is checked, not only the changed ones: a staged copy
	 * of a record under another name repeats its reference. */
	free(in_repo("git checkout -- records && cp records/24-00058.yaml records/24-00059.yaml && "
	             "git add records/24-00059.yaml"));
	ck_assert_int_eq(commit("", &out), 1);
	ck_assert_msg(strstr(out, "[duplicate-reference]") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "records/24-00059.yaml:") != NULL, "%s", out);
	free(out);
	in_repo_eq("git log --oneline | wc -l", "2\n");
	in_repo_eq("ls -A tmp", "");
}
END_TEST

/* What an example needs set up in the copy of the project before its
 * commands run, by the name of its marker; the others run in the copy as
 * it is. Each setup ends by checking that it changed what it meant to. */
static const struct {
	const char *name, *setup;
} example_setup[] = {
    {"wrong-effective-date", "sed -i 's/effective: 2024-07-27/effective: 2024-07-26/' "
                             "records/24-00058.yaml && grep -q 'effective: 2024-07-26' "
                             "records/24-00058.yaml"},
};

/* Appends s to the shell script `sh`, quoted for sh (between single quotes). */
static void sh_quote(FILE *sh, const char *s, size_t n)
{
	fputc('\'', sh);
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\'')
			fputs("'\\''", sh);
		else
			fputc(s[i], sh);
	fputc('\'', sh);
}

/* Runs the example `name` (the block text[0..len), lines of "$ COMMAND" and
 * the output that follows each) in a fresh copy of the project under `work`,
 * and returns what a terminal shows (malloc'd; "\r\n" read as "\n"). The
 * commands run in one shell, so `echo $?` sees the command before it, in a
 * terminal (script(1)), so stdout and stderr come in the order typed. */
static char *run_example(const char *work, const char *name, const char *text, size_t len)
{
	char cmd[4096], here[1024], path[1024];
	const char *setup = "true";
	int st;
	ck_assert_ptr_nonnull(getcwd(here, sizeof(here)));
	for (size_t i = 0; i < sizeof(example_setup) / sizeof(example_setup[0]); i++)
		if (!strcmp(example_setup[i].name, name))
			setup = example_setup[i].setup;
	snprintf(cmd, sizeof(cmd),
	         "rm -rf %s/project && mkdir %s/project && tar -C %s --exclude=./build "
	         "--exclude=./.git -cf - . | tar -C %s/project -xf - && cd %s/project && %s",
	         work, work, here, work, work, setup);
	ck_assert_msg(system(cmd) == 0, "example %s: the setup failed: %s", name, cmd);
	snprintf(path, sizeof(path), "%s/example.sh", work);
	FILE *sh = fopen(path, "w");
	ck_assert_ptr_nonnull(sh);
	fputs("st=0\n", sh);
	for (const char *line = text, *end; line < text + len; line = end + 1) {
		end = memchr(line, '\n', (size_t)(text + len - line));
		if (!end)
			end = text + len;
		if (strncmp(line, "$ ", 2))
			continue;
		/* Show the prompt and the command, as the block does, then run it
		 * with $? as the command before it left it. */
		fputs("printf '%s\\n' ", sh);
		sh_quote(sh, line, (size_t)(end - line));
		fputs("\n(exit $st)\n", sh);
		fwrite(line + 2, 1, (size_t)(end - line - 2), sh);
		fputs("\nst=$?\n", sh);
	}
	ck_assert_int_eq(fclose(sh), 0);
	snprintf(cmd, sizeof(cmd),
	         "cd %s/project && env -u GITHUB_ACTIONS -u GITHUB_WORKSPACE NO_COLOR=1 "
	         "PATH=%s/bin:\"$PATH\" script -qec 'sh %s' /dev/null < /dev/null | tr -d '\\r'",
	         work, work, path);
	char *out = run_command(cmd, &st);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* Every console block of README.md is marked as an example, and shows what
 * its commands print. All the examples run, then the test fails naming each
 * one whose output differs, with the output it got. */
START_TEST(readme_examples)
{
	char *readme = read_text("README.md", NULL), work[64], cmd[1024], *failed = NULL;
	size_t failed_len = 0;
	int examples = 0;
	ck_assert_ptr_nonnull(readme);
	snprintf(work, sizeof(work), "/tmp/decrec-examples-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(work));
	snprintf(cmd, sizeof(cmd), "mkdir %s/bin && ln -s %s %s/bin/decrec", work, decrec_bin(),
	         work);
	ck_assert_int_eq(system(cmd), 0);
	FILE *report = open_memstream(&failed, &failed_len);
	ck_assert_ptr_nonnull(report);
	for (char *p = readme; (p = strstr(p, "```console\n")) != NULL; p++) {
		/* The marker is the line before the block. */
		const char *tag = "<!-- example: ";
		char *prev = p - 1;
		while (prev > readme && prev[-1] != '\n')
			prev--;
		int line = 1;
		for (char *q = readme; q < p; q++)
			line += *q == '\n';
		ck_assert_msg(prev < p && !strncmp(prev, tag, strlen(tag)),
		              "README.md:%d: a console block with no \"<!-- example: NAME -->\" "
		              "line before it",
		              line);
		char *name_end = strstr(prev, " -->\n");
		ck_assert_msg(name_end && name_end < p, "README.md:%d: a bad example marker",
		              line - 1);
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)(name_end - prev - strlen(tag)),
		         prev + strlen(tag));
		char *text = p + strlen("```console\n");
		char *end = strstr(text, "```\n");
		ck_assert_msg(end != NULL, "README.md:%d: the block never ends", line);
		ck_assert_msg(!strncmp(text, "$ ", 2),
		              "README.md:%d: the block starts with no command", line);
		size_t len = (size_t)(end - text);
		char *got = run_example(work, name, text, len);
		if (strlen(got) != len || memcmp(got, text, len))
			fprintf(report, "\nexample %s (README.md:%d) printed:\n%s", name, line,
			        got);
		free(got);
		examples++;
		p = end;
	}
	ck_assert_int_eq(fclose(report), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", work);
	ck_assert_int_eq(system(cmd), 0);
	free(readme);
	ck_assert_int_ge(examples, 4);
	ck_assert_msg(failed_len == 0, "README.md examples that print something else:%s", failed);
	free(failed);
}
END_TEST

Suite *suite_recipes(void)
{
	Suite *s = suite_create("recipes");
	TCase *tc = tcase_create("readme");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, github_actions);
	tcase_add_test(tc, gitlab_ci);
	tcase_add_test(tc, github_pages);
	tcase_add_test(tc, gitlab_pages);
	tcase_add_test(tc, pre_commit);
	suite_add_tcase(s, tc);
	tc = tcase_create("examples");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, readme_examples);
	suite_add_tcase(s, tc);
	return s;
}
