/* domain/quota.c: how much one user of a role may book of a kind of room */
#include <string.h>

#include "core/arena.h"
#include "core/lang.h"
#include "db/db.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/quota.h"

const char *const quota_roles[] = { "customer", "admin", "staff", NULL };

int
quota_list(struct db *db, struct arena *a, struct quota **out, int *n)
{
	struct db_res *res;
	int i, j, k, nroles = 0, ntypes = 0;

	while (quota_roles[nroles] != NULL)
		nroles++;
	while (room_types[ntypes] != NULL)
		ntypes++;
	res = db_query(db, a, "SELECT role, room_type, COALESCE(max_active, -1),"
	    " COALESCE(max_holds, -1), COALESCE(max_hours_week, -1) FROM quotas", "");
	if (res == NULL)
		return ERR;
	*n = nroles * ntypes;
	*out = arena_calloc(a, (size_t)*n, sizeof(**out));
	for (i = 0; i < nroles; i++)
		for (j = 0; j < ntypes; j++) {
			struct quota *q = &(*out)[i * ntypes + j];

			q->role = quota_roles[i];
			q->room_type = room_types[j];
			q->max_active = q->max_holds = q->max_hours_week = -1;
			for (k = 0; k < res->nrows; k++)
				if (strcmp(db_val(res, k, 0), q->role) == 0 &&
				    strcmp(db_val(res, k, 1), q->room_type) == 0) {
					q->max_active = db_int(res, k, 2);
					q->max_holds = db_int(res, k, 3);
					q->max_hours_week = db_int(res, k, 4);
				}
		}
	return OK;
}

int
quota_save(struct db *db, const struct quota *q)
{
	return db_exec(db, "INSERT INTO quotas (role, room_type, max_active, max_holds,"
	    " max_hours_week) VALUES (?, ?, IF(? < 0, NULL, ?), IF(? < 0, NULL, ?),"
	    " IF(? < 0, NULL, ?)) ON DUPLICATE KEY UPDATE max_active = VALUES(max_active),"
	    " max_holds = VALUES(max_holds), max_hours_week = VALUES(max_hours_week)",
	    "ssllllll", q->role, q->room_type, q->max_active, q->max_active, q->max_holds,
	    q->max_holds, q->max_hours_week, q->max_hours_week) < 0 ? ERR : OK;
}

int
quota_check(struct db *db, struct arena *a, long long user_id, long long slot_id,
    int hold, const char **why)
{
	struct db_res *res;
	long long active, minutes, week, max_active, max_holds, max_hours;
	const char *type;

	*why = NULL;
	res = db_query(db, a, "SELECT COALESCE(q.max_active, -1), COALESCE(q.max_holds, -1),"
	    " COALESCE(q.max_hours_week, -1), r.room_type,"
	    " TIMESTAMPDIFF(MINUTE, t.start_time, t.end_time), YEARWEEK(t.start_time, 3)"
	    " FROM timeslots t JOIN rooms r ON r.id = t.room_id JOIN users u ON u.id = ?"
	    " JOIN quotas q ON q.role = u.role AND q.room_type = r.room_type"
	    " WHERE t.id = ?", "ll", user_id, slot_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return OK;			/* no limits for this role and type */
	max_active = db_int(res, 0, 0);
	max_holds = db_int(res, 0, 1);
	max_hours = db_int(res, 0, 2);
	type = db_val(res, 0, 3);
	minutes = db_int(res, 0, 4);
	week = db_int(res, 0, 5);
	/* The user's row, by a write: two bookings of the user at once
	 * take turns here, on one node and across a Galera cluster. */
	if (user_hold(db, user_id) != OK)
		return ERR;
	/* What the user holds of this room type: bookings not over yet, the
	 * ones among them held for a payment (not one paid for with its
	 * order, a credit's, nor one awaiting approval, which is not paid for
	 * until approved), and the minutes of the week, attended or not (a
	 * hold that ran out holds nothing). */
	res = db_query(db, a, "SELECT"
	    " COALESCE(SUM(" BOOKING_ACTIVE " AND b.end_time > UTC_TIMESTAMP()), 0),"
	    " COALESCE(SUM(b.status = 'pending' AND b.payment_status = 'pending'"
	    "   AND b.price > 0 AND NOT " BOOKING_AWAITING " AND b.end_time > UTC_TIMESTAMP()), 0),"
	    " COALESCE(SUM(IF(YEARWEEK(b.start_time, 3) = ?,"
	    "   TIMESTAMPDIFF(MINUTE, b.start_time, b.end_time), 0)), 0)"
	    " FROM bookings b JOIN rooms r ON r.id = b.room_id"
	    " WHERE b.user_id = ? AND r.room_type = ? AND b.status <> 'cancelled'"
	    "   AND NOT " BOOKING_LAPSED, "lls", week, user_id, type);
	if (res == NULL)
		return ERR;
	active = db_int(res, 0, 0);
	if (max_active >= 0 && active >= max_active)
		*why = arena_printf(a, P_("You may have at most %lld active booking of %s"
		    " at once.", "You may have at most %lld active bookings of %s at once.",
		    (unsigned long)max_active), max_active, room_type_plural(type));
	else if (hold && max_holds >= 0 && db_int(res, 0, 1) >= max_holds)
		*why = arena_printf(a, P_("You may have at most %lld unpaid booking at once"
		    " for %s: pay it first.", "You may have at most %lld unpaid bookings"
		    " at once for %s: pay one first.", (unsigned long)max_holds),
		    max_holds, room_type_plural(type));
	else if (max_hours >= 0 && db_int(res, 0, 2) + minutes > max_hours * 60)
		*why = arena_printf(a, P_("You may book at most %lld hour of %s in one"
		    " week.", "You may book at most %lld hours of %s in one week.",
		    (unsigned long)max_hours), max_hours, room_type_plural(type));
	return *why == NULL ? OK : QUOTA_EXCEEDED;
}
