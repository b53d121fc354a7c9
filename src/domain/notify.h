/* domain/notify.h: a user's notifications: what happened to their bookings */
#ifndef NOTIFY_H
#define NOTIFY_H

struct arena;
struct db;

struct notification {
	long long	 id;
	const char	*message;
	const char	*link;		/* a path on this site, or NULL */
	const char	*created_at;
	int		 unread;
};

/* Adds one for user_id; link may be NULL. */
int	notify_add(struct db *, long long user_id, const char *message,
	    const char *link);
/* The newest first, at most limit. */
int	notify_list(struct db *, struct arena *, long long user_id, int limit,
	    struct notification **, int *n);
/* One page of them, the newest first, and how many there are (total may
 * be NULL). */
int	notify_page(struct db *, struct arena *, long long user_id, long long limit,
	    long long offset, struct notification **, int *n, long long *total);
/* Marks every unread one of user_id as read. */
int	notify_read_all(struct db *, long long user_id);

#endif
