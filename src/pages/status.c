/* pages/status.c: health checks for load balancers and the no-op benchmark route */
#include "domain/catalog.h"
#include "handlers.h"
#include "http/request.h"

/* Healthy means this worker can reach the database right now. */
int
status_healthz(struct req *r)
{
	reply_header(r, "Cache-Control: no-store");
	if (catalog_ready(r->db) != OK) {
		reply_header(r, "Retry-After: 5");
		return reply_error(r, 503, "unavailable", "The database does not answer.");
	}
	return reply_text(r, 200, "ok\n");
}

/* Does no work at all: the baseline the benchmark compares pages with. */
int
status_ping(struct req *r)
{
	return reply_text(r, 200, "pong\n");
}
