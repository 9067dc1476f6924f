/* libFuzzer entry point. decrec.yaml: dr_config_load of the input written to a temporary file (text
 * after a NUL is holidays.json beside it); the oracles are in targets.c. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_verdict("config", fuzz_config(data, size));
}
