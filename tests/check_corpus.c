/* Scale and accuracy: gen-corpus seeds defects into generated records and
 * lists them in expected.tsv; `decrec validate -f json` must report every
 * seeded rule on its file and no error on any other file. */
#include "tests.h"

#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void corpus(int seed, int n, int per_file)
{
	char dir[64], cmd[2048];
	snprintf(dir, sizeof(dir), "/tmp/decrec-corpus-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
	         "python3 '%s/tools/gen-corpus' %s -n %d --seed %d --defects 0.1 --per-file %d",
	         shared_dir(), dir, n, seed, per_file);
	ck_assert_msg(system(cmd) == 0, "gen-corpus failed: %s (is SHARED right?)", cmd);
	snprintf(cmd, sizeof(cmd), "cd %s && %s validate --today 2027-12-31 -f json records", dir,
	         decrec_bin());
	int status;
	char *json = run_command(cmd, &status);
	ck_assert_int_eq(status, 1);

	/* Every format, byte for byte the same for -j 1, 2 and 7 (more threads
	 * than cores: files finish out of order), and with the checked files
	 * kept in memory (no directory for temporary files). */
	static const char *const fmts[] = {"json", "text", "sarif", "junit", "github"};
	static const struct {
		int jobs, in_memory;
	} runs[] = {{1, 0}, {2, 0}, {7, 0}, {2, 1}};
	for (size_t f = 0; f < sizeof(fmts) / sizeof(*fmts); f++) {
		char *one = NULL;
		for (size_t k = 0; k < sizeof(runs) / sizeof(*runs); k++) {
			snprintf(cmd, sizeof(cmd),
			         "cd %s && %s %s validate --today 2027-12-31 --color never -f %s "
			         "-j %d records 2>&1",
			         dir, runs[k].in_memory ? "TMPDIR=/nonexistent" : "",
			         runs[k].in_memory ? decrec_native_bin() : decrec_bin(), fmts[f],
			         runs[k].jobs);
			int st;
			char *out = run_command(cmd, &st);
			ck_assert_ptr_nonnull(out);
			ck_assert_int_eq(st, 1);
			if (!one) {
				ck_assert_uint_gt(strlen(out), 1000);
				one = out;
				continue;
			}
			ck_assert_msg(!strcmp(one, out), "-f %s: -j 1 and -j %d%s differ", fmts[f],
			              runs[k].jobs, runs[k].in_memory ? " in memory" : "");
			free(out);
		}
		free(one);
	}

	dr_arena *a = dr_arena_new(1u << 30);
	dr_diags d = {.arena = a};
	dr_loader *l = dr_loader_new(json, strlen(json));
	dr_node *root;
	dr_pos start;
	ck_assert_int_eq(dr_loader_next(l, a, &d, &root, &start), 1);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_int_eq(strtol(dr_node_str(dr_node_get(root, "records")), NULL, 10), n);
	const dr_node *diags = dr_node_get(root, "diagnostics");

	/* Every seeded defect is reported with its rule on its file. */
	snprintf(cmd, sizeof(cmd), "%s/expected.tsv", dir);
	char *tsv = read_text(cmd, NULL);
	ck_assert_ptr_nonnull(tsv);
	int seeded = 0;
	for (char *line = tsv, *next; *line; line = next) {
		next = strchr(line, '\n');
		ck_assert_ptr_nonnull(next);
		*next++ = '\0';
		char *file = line, *ref = strchr(file, '\t'), *rule;
		ck_assert_ptr_nonnull(ref);
		*ref++ = '\0';
		rule = strchr(ref, '\t');
		ck_assert_ptr_nonnull(rule);
		*rule++ = '\0';
		int found = 0;
		for (size_t i = 0; i < diags->u.seq.n && !found; i++) {
			const dr_node *g = diags->u.seq.items[i];
			found = !strcmp(dr_node_str(dr_node_get(g, "file")), file) &&
			        !strcmp(dr_node_str(dr_node_get(g, "rule")), rule);
		}
		ck_assert_msg(found, "seeded %s in %s (%s) was not reported", rule, file, ref);
		seeded++;
	}
	ck_assert_int_gt(seeded, n / 20);
	/* No error on a file without a seeded defect. */
	char *again = read_text(cmd, NULL);
	for (size_t i = 0; i < diags->u.seq.n; i++) {
		const dr_node *g = diags->u.seq.items[i];
		if (strcmp(dr_node_str(dr_node_get(g, "severity")), "error"))
			continue;
		char key[600];
		snprintf(key, sizeof(key), "%s\t", dr_node_str(dr_node_get(g, "file")));
		ck_assert_msg(strstr(again, key) != NULL, "unexpected error in %s: %s", key,
		              dr_node_str(dr_node_get(g, "message")));
	}
	free(again);
	free(tsv);
	dr_loader_free(l);
	free(d.v);
	dr_arena_free(a);
	free(json);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(seeded_defects)
{
	corpus(11, 1000, 1);
}
END_TEST

START_TEST(seeded_defects_multi_document)
{
	corpus(23, 1000, 10);
}
END_TEST

Suite *suite_corpus(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("gen-corpus");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, seeded_defects);
	tcase_add_test(tc, seeded_defects_multi_document);
	suite_add_tcase(s, tc);
	return s;
}
