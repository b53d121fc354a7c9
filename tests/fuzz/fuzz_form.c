/* fuzz_form.c: an application/x-www-form-urlencoded body, parsed and read into every input struct */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	fuzz_body(data, n, "application/x-www-form-urlencoded");
	return 0;
}
