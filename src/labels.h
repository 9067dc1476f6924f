/* The labels of the built-in templates (labels.def): their keys, default
 * wording and where they are printed. decrec.yaml's `labels:` rewords them
 * and the view hands them to templates as `labels.KEY`. */
#ifndef DR_LABELS_H
#define DR_LABELS_H

enum {
#define X(key, text, doc) DR_LABEL_##key,
#include "labels.def"
#undef X
	DR_LABEL_COUNT
};

typedef struct dr_label_info {
	const char *key;
	const char *text; /* the default */
	const char *doc;
} dr_label_info;

extern const dr_label_info dr_labels[DR_LABEL_COUNT];

/* The index of label `key`, or -1. */
int dr_label_find(const char *key);

#endif
