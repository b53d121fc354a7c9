/* page.h: pieces shared by the HTML pages */
#ifndef PAGE_H
#define PAGE_H

struct req;
struct slot;
struct tmpl;

/* Fills one row of a timeslot list: times in the site time zone, state,
 * seats left, price, event and room. */
void	page_slot(struct req *, struct tmpl *, const struct slot *);
/* A selectable option: VALUE, LABEL and SELECTED when value is current. */
void	page_option(struct tmpl *, const char *section, const char *value,
	    const char *label, const char *current);

#endif
