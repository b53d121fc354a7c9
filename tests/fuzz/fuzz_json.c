/* fuzz_json.c: an application/json body, parsed and read into every input struct */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	fuzz_body(data, n, "application/json");
	return 0;
}
