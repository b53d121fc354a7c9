/* site.h: start-up shared by the worker and bookingctl */
#ifndef SITE_H
#define SITE_H

/* Loads the configuration (BOOKING_CONFIG), sets the site time zone,
 * and, for the worker, the templates. Prints what is wrong on failure. */
int	site_config(void);
int	site_init(void);

#endif
