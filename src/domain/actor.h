/* domain/actor.h: who acts on a booking or a timeslot */
#ifndef ACTOR_H
#define ACTOR_H

/* The owner, an admin, or the system (user_id 0), and where the request
 * came from. The router makes one for every request (struct req's actor). */
struct actor {
	long long	 user_id;	/* 0: nobody signed in, or the system */
	int		 admin;		/* may act on anyone's booking */
	int		 admin_route;	/* acting from the admin pages or API */
	const char	*address;	/* the client's IP address; NULL: not a request */
};

#endif
