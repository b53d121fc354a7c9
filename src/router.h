/* router.h: maps a URL to its handler and does the shared checks first */
#ifndef ROUTER_H
#define ROUTER_H

struct req;

typedef int (*handler_fn)(struct req *);

/* What a route needs before its handler runs. CSRF is not a flag: every
 * method but GET and HEAD is checked, unless the route is OWN_SECRET. */
#define NEED_USER	0x01	/* signed in */
#define NEED_ADMIN	0x03	/* signed in, as an admin */
#define NEED_STAFF	0x11	/* signed in, as staff or an admin: the door's
				 * check-in, and nothing else under /admin */
#define OWN_SECRET	0x04	/* the request proves itself (a one-click
				 * unsubscribe link's secret, a signed
				 * webhook): no CSRF token, whatever cookies */
#define PUBLIC_PAGE	0x08	/* the same for every visitor, no form: it
				 * sets no cookie, so nginx's micro-cache may
				 * keep it a second (nginx/booking.conf.in) */

struct route {
	const char	*method;
	const char	*pattern;	/* "/rooms/{id}": {name} captures a segment */
	handler_fn	 handler;
	int		 flags;
};

/* Matches method and path against the table. Returns the route, or NULL
 * with *status 404 (no such path) or 405 (path exists, method does not,
 * and allow lists the methods that do). Captures go to r->params. */
const struct route *router_match(struct req *, const struct route *, int n,
		    int *status, char *allow, int allowlen);

/* The application's table, for router_match() in the tests. */
const struct route *router_routes(int *n);

/* Runs the request through the application's table. */
int		 router_dispatch(struct req *);

#endif
