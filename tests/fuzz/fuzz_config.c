/* fuzz_config.c: the configuration file, read over the defaults */
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char err[256];
	FILE *f;

	fuzz_begin();
	if (n == 0 || config_load(NULL, err, sizeof(err)) != 0)
		return 0;
	if ((f = fmemopen((void *)(uintptr_t)data, n, "r")) == NULL)
		return 0;
	err[0] = '\0';
	if (config_read(f, "fuzz.conf", err, sizeof(err)) != 0)
		FUZZ_CHECK(err[0] != '\0');
	else
		FUZZ_CHECK(cfg.threads >= 1 && cfg.threads <= 512 && cfg.max_body >= 1024 &&
		    cfg.refund_partial_percent <= 100 && cfg.db_name != NULL);
	fclose(f);
	return 0;
}
