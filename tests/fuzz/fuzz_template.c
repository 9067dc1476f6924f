/* libFuzzer entry point. Mustache: template, NUL, data document; compiled and rendered with both
 * escapers and self-including partials; the oracles are in targets.c. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_verdict("template", fuzz_template(data, size));
}
