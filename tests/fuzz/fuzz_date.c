/* libFuzzer entry point. Dates: parsing, the canonical forms round trip, the call-in arithmetic;
 * the oracles are in targets.c. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_verdict("date", fuzz_date(data, size));
}
