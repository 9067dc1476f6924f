/* libFuzzer entry point. Rendering records to HTML and Markdown with the built-in templates,
 * one by one and as a plan and a notice; the HTML must run no script (targets.c). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_verdict("render", fuzz_render(data, size));
}
