/* libFuzzer entry point. Records: dr_file_check of the input, dr_check_references and every report
 * format; the oracles are in targets.c. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_verdict("record", fuzz_record(data, size));
}
