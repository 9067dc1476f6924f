/* The label table, and its Markdown table for docs/configuration.md. */
#include "labels.h"

#include "decrec.h"

#include <stdio.h>
#include <string.h>

const dr_label_info dr_labels[DR_LABEL_COUNT] = {
#define X(key, text, doc) {#key, text, doc},
#include "labels.def"
#undef X
};

int dr_label_find(const char *key)
{
	for (int i = 0; i < DR_LABEL_COUNT; i++)
		if (!strcmp(dr_labels[i].key, key))
			return i;
	return -1;
}

void dr_docs_write_labels(FILE *out)
{
	fputs("| key | default | where |\n|---|---|---|\n", out);
	for (int i = 0; i < DR_LABEL_COUNT; i++)
		fprintf(out, "| `%s` | %s | %s |\n", dr_labels[i].key, dr_labels[i].text,
		        dr_labels[i].doc);
}
