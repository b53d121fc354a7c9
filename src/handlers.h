/* handlers.h: every request handler, by the file that holds it */
#ifndef HANDLERS_H
#define HANDLERS_H

struct req;

/* page_home.c */
int	home_show(struct req *);
/* page_rooms.c */
int	rooms_list(struct req *);
int	room_show(struct req *);
/* page_events.c */
int	events_list(struct req *);
int	event_show(struct req *);
/* api_rooms.c */
int	api_rooms_list(struct req *);
int	api_room_show(struct req *);
int	api_room_timeslots(struct req *);
/* status.c */
int	status_healthz(struct req *);
int	status_ping(struct req *);

#endif
