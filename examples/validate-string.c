/* Validates a decision record held in a string and prints its findings,
 * then renders it to Markdown with the built-in "record" template: the
 * library used as another program would use it (see libdecrec(3)).
 *
 *   cc validate-string.c $(pkg-config --cflags --libs libdecrec) -o validate-string
 *
 * Exits 1 when the record has an error, 2 when the library fails. */
#include <decrec.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The call-in rule wants the decision to take effect on 27/07/2024, the day
 * after the fifth working day after publication, not on the 26th. */
static const char record[] = "reference: 24/00058\n"
                             "title: Family hubs strategy\n"
                             "decision_maker: Cabinet Member for Adult Social Care\n"
                             "status: Recommendations Approved\n"
                             "key_decision: no\n"
                             "subject_to_call_in: yes\n"
                             "dates:\n"
                             "  decision: 2024-07-19\n"
                             "  published: 2024-07-19\n"
                             "  effective: 2024-07-26\n"
                             "decision: I agree to APPROVE the strategy.\n"
                             "reasons: There is no strategy in Kent.\n"
                             "alternatives: None.\n"
                             "interests: []\n";

/* Receives each rendered record. */
static int print_doc(void *ctx, const char *reference, const char *doc, size_t len)
{
	(void)ctx;
	printf("--- rendered %s ---\n", reference ? reference : "(no reference)");
	return fwrite(doc, 1, len, stdout) == len ? 0 : -1;
}

int main(void)
{
	dr_config *cfg = NULL;
	dr_file *f = NULL;
	dr_renderer *r = NULL;
	char *err = NULL;
	int status = 2, errors = 0;

	/* The default config: no decrec.yaml, England and Wales' holidays. */
	if (dr_config_load(&cfg, NULL, &err))
		goto out;

	/* Today's date for future-date; no path, since the text is no file. */
	dr_check_options opt = DR_CHECK_OPTIONS_INIT;
	if (dr_file_check(&f, cfg, &opt, "example.yaml", NULL, record, strlen(record)))
		goto out;
	size_t n;
	const dr_diag *d = dr_file_diags(f, &n);
	for (size_t i = 0; i < n; i++) {
		printf("%s:%u:%u: %s: %s [%s]\n", dr_file_name(f), (unsigned)d[i].line,
		       (unsigned)d[i].column, dr_severity_name(d[i].severity), d[i].message,
		       dr_rule_name(d[i].rule));
		errors += d[i].severity == DR_ERROR;
	}
	printf("%zu record, %zu finding%s\n", dr_file_records(f), n, n == 1 ? "" : "s");

	/* Markdown, the built-in record template: the zeroed options. */
	dr_render_options ro = {0};
	ro.template_name = "record";
	if (dr_renderer_new(&r, cfg, &ro, &err) ||
	    dr_render_buffer(r, record, strlen(record), print_doc, NULL, &err))
		goto out;
	status = errors ? 1 : 0;
out:
	if (err)
		fprintf(stderr, "validate-string: %s\n", err);
	free(err);
	dr_renderer_free(r);
	dr_file_free(f);
	dr_config_free(cfg);
	return fflush(stdout) ? 2 : status;
}
