/* domain/reviews.h: a customer's review of a completed booking (rule 12),
 * the averages rooms and events show, and an admin hiding one */
#ifndef REVIEWS_H
#define REVIEWS_H

#include "core/result.h"
#include "domain/actor.h"

struct arena;
struct db;

#define REVIEW_RATING_MIN	1
#define REVIEW_RATING_MAX	5
#define REVIEW_COMMENT_MAX	2000	/* characters */

struct review {
	long long	 id;
	long long	 booking_id;
	long long	 user_id;
	long long	 room_id;
	long long	 event_id;	/* 0: none */
	long long	 rating;
	const char	*comment;
	const char	*created_at;
	const char	*hidden_at;	/* NULL: shown */
	const char	*user_name;
	const char	*room_name;
	const char	*event_title;	/* NULL: none */
};

/*
 * Rule 12: the owner of a completed booking (booking_allows BK_REVIEW,
 * else INVALID_STATE; another's booking is NOT_FOUND) rates it from
 * REVIEW_RATING_MIN to REVIEW_RATING_MAX (else INVALID; the pages and
 * the API check the field first) with an optional comment, once
 * (ALREADY_REVIEWED).
 */
int	review_create(struct db *, struct arena *, const struct actor *,
	    long long booking_id, long long rating, const char *comment, long long *id);
/* The review of a booking, hidden or not; NOT_FOUND when there is none. */
int	review_of_booking(struct db *, struct arena *, long long booking_id,
	    struct review *);
/* An admin hides a review: kept, no longer shown, with a booking event
 * naming who did it. Hiding a hidden one changes nothing. */
int	review_hide(struct db *, struct arena *, const struct actor *, long long id);

/* The shown reviews of a room or an event (one of the ids, the other 0;
 * both 0: all), newest first, with their count and average. */
struct review_filter {
	long long	 room_id;
	long long	 event_id;
	long long	 limit;
	long long	 offset;
};

struct review_summary {
	long long	 count;
	long long	 rating_sum;	/* the average is rating_sum / count */
};

int	review_summary(struct db *, struct arena *, const struct review_filter *,
	    struct review_summary *);
int	review_list(struct db *, struct arena *, const struct review_filter *,
	    struct review **, int *n);

/* A room whose kept review count or rating sum (039) is not what its shown
 * reviews add up to: a review deleted with its booking fires no trigger. */
struct review_drift {
	long long	 room_id;
	struct review_summary kept;
	struct review_summary counted;
};

/* Recounts every room's shown reviews (bookingctl check): the drifted ones
 * in *out, set right when fix. */
int	review_counts_check(struct db *, struct arena *, int fix,
	    struct review_drift **, int *n, long long *checked);

#endif
