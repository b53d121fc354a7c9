/* body.c: a request body, urlencoded or JSON, read into every input struct the way handlers read it */
#include <string.h>

#include "core/fields.h"
#include "domain/account.h"
#include "domain/admin.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/slotgen.h"
#include "http/form.h"
#include "http/input.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "fuzz.h"

static const char *const room_fields[] = {
	"name", "description", "roomType", "capacity", "hourlyRate", "metadata", NULL
};

/* What a field getter returned is text the rules allow. */
static void
check_text(const char *v, int lines)
{
	if (v != NULL && *v != '\0')
		FUZZ_CHECK(text_problem(v, lines) == NULL);
}

static void
read_inputs(struct req *r)
{
	struct account_input account;
	struct event_input event;
	struct room_input room;
	struct slot_input slot;
	struct slotgen gen;
	struct form f;
	struct tmpl *t;
	int i;

	form_init(&f, r);
	input_room(&f, 1, &room);
	check_text(room.name, 0);
	check_text(room.description, 1);
	input_room(&f, 0, &room);
	input_event(&f, 1, &event);
	check_text(event.title, 0);
	input_slot(&f, 1, &slot);
	input_slotgen(&f, &gen);
	for (i = 0; i < gen.nexcluded; i++)
		FUZZ_CHECK(strlen(gen.excluded[i]) == 10);
	input_account(&f, &account);
	check_text(account.name, 0);
	check_text(account.email, 0);
	if (account.email != NULL)
		auth_email_problem(account.email);
	if (account.password != NULL)
		auth_password_problem(account.password, account.email, account.name);
	FUZZ_CHECK(!form_ok(&f) || f.errors.n == 0);
	if (r->api) {
		if (!form_ok(&f))
			form_reply_json(r, &f, 400);
		return;
	}
	t = page_begin(r, "admin_room.tpl", "Room");
	form_fill(&f, t, room_fields);
	page_end(r, 400);
}

void
fuzz_body(const uint8_t *data, size_t n, const char *content_type)
{
	fuzz_request("POST", "/admin/rooms", content_type, data, n, read_inputs);
}
