/* handlers.h: every request handler, by the file that holds it */
#ifndef HANDLERS_H
#define HANDLERS_H

struct req;

/* pages/home.c */
int	home_show(struct req *);
int	language_choose(struct req *);
/* pages/rooms.c */
int	rooms_list(struct req *);
int	room_show(struct req *);
int	room_day_submit(struct req *);
int	room_month_submit(struct req *);
/* pages/calendar.c */
int	room_week(struct req *);
int	room_month(struct req *);
int	admin_calendar(struct req *);
/* pages/feeds.c */
int	account_feed_new(struct req *);
int	account_feed_revoke(struct req *);
int	admin_room_feed_new(struct req *);
int	admin_room_feed_revoke(struct req *);
int	calendar_feed(struct req *);
int	booking_ics(struct req *);
/* pages/guests.c */
int	guest_form(struct req *);
int	guest_submit(struct req *);
int	guest_verify_form(struct req *);
int	guest_verify_submit(struct req *);
int	guest_manage_show(struct req *);
int	guest_cancel_form(struct req *);
int	guest_cancel_submit(struct req *);
int	guest_reschedule_form(struct req *);
int	guest_reschedule_submit(struct req *);
int	guest_ics(struct req *);
int	guest_receipt(struct req *);
int	guest_revoke_submit(struct req *);
/* api/guests.c */
int	api_guest_book(struct req *);
int	api_guest_show(struct req *);
int	api_guest_cancel(struct req *);
/* api/catalog.c */
int	api_events_list(struct req *);
int	api_admin_events_list(struct req *);
int	api_event_show(struct req *);
int	api_admin_event_show(struct req *);
int	api_timeslot_show(struct req *);
int	api_notifications(struct req *);
int	api_notifications_read(struct req *);
/* pages/apidoc.c */
int	api_openapi(struct req *);
int	api_docs(struct req *);
/* api/calendar.c */
int	api_calendar(struct req *);
/* pages/events.c */
int	events_list(struct req *);
int	event_show(struct req *);
int	event_enrol_submit(struct req *);
/* pages/packages.c */
int	packages_show(struct req *);
int	package_buy_submit(struct req *);
/* api/packages.c */
int	api_packages_list(struct req *);
int	api_package_buy(struct req *);
int	api_credits_list(struct req *);
int	api_credit_schedule(struct req *);
int	api_admin_package_create(struct req *);
int	api_admin_package_item(struct req *);
/* pages/appointments.c */
int	appointments_show(struct req *);
int	appointment_submit(struct req *);
/* api/rentals.c */
int	api_booking_day(struct req *);
int	api_booking_month(struct req *);
/* api/appointments.c */
int	api_appointments_list(struct req *);
int	api_appointment_book(struct req *);
int	api_admin_room_hours(struct req *);
/* api/rooms.c */
int	api_rooms_list(struct req *);
int	api_room_show(struct req *);
int	api_room_timeslots(struct req *);
int	api_admin_rooms_list(struct req *);
/* pages/account.c */
int	register_form(struct req *);
int	register_submit(struct req *);
int	register_confirm_form(struct req *);
int	register_confirm_submit(struct req *);
int	password_forgot_form(struct req *);
int	password_forgot_submit(struct req *);
int	password_reset_form(struct req *);
int	password_reset_submit(struct req *);
int	login_form(struct req *);
int	login_submit(struct req *);
int	logout(struct req *);
int	account_show(struct req *);
int	account_name(struct req *);
int	account_password(struct req *);
int	account_token_new(struct req *);
int	account_token_revoke(struct req *);
/* pages/mfa.c */
int	mfa_show(struct req *);
int	mfa_setup(struct req *);
int	mfa_enable(struct req *);
int	mfa_disable_submit(struct req *);
int	mfa_recovery_submit(struct req *);
int	login_code_form(struct req *);
int	login_code_submit(struct req *);
int	login_enrol_form(struct req *);
int	login_enrol_submit(struct req *);
/* pages/bookings.c */
int	timeslot_show(struct req *);
int	booking_new(struct req *);
int	waitlist_join_submit(struct req *);
int	waitlist_leave_submit(struct req *);
int	credit_schedule_submit(struct req *);
int	booking_show(struct req *);
int	booking_cancel_form(struct req *);
int	booking_cancel_submit(struct req *);
int	booking_reactivate_submit(struct req *);
int	booking_reschedule_form(struct req *);
int	booking_reschedule_submit(struct req *);
int	booking_check_in_submit(struct req *);
int	booking_check_out_submit(struct req *);
int	booking_review_submit(struct req *);
int	me_show(struct req *);
int	notifications_show(struct req *);
int	notifications_read(struct req *);
/* api/bookings.c */
int	api_booking_create(struct req *);
int	api_waitlist_join(struct req *);
int	api_waitlist_leave(struct req *);
int	api_waitlist_list(struct req *);
int	api_admin_quotas(struct req *);
int	api_admin_quota_save(struct req *);
int	admin_quotas(struct req *);
int	admin_quotas_save(struct req *);
/* pages/admin_packages.c */
int	admin_packages(struct req *);
int	admin_package_create(struct req *);
int	admin_package_item_save(struct req *);
/* pages/admin_room_hours.c */
int	admin_room_hours(struct req *);
int	admin_room_hours_save(struct req *);
int	api_bookings_list(struct req *);
int	api_booking_show(struct req *);
int	api_booking_cancel(struct req *);
int	api_booking_reactivate(struct req *);
int	api_booking_reschedule(struct req *);
int	api_booking_check_in(struct req *);
int	api_booking_check_out(struct req *);
/* pages/reviews.c */
int	admin_review_hide(struct req *);
/* api/reviews.c */
int	api_booking_review(struct req *);
int	api_reviews_list(struct req *);
int	api_admin_review_hide(struct req *);
/* pages/orders.c */
int	cart_show(struct req *);
int	cart_item_add(struct req *);
int	cart_item_remove(struct req *);
int	cart_clear_submit(struct req *);
int	cart_checkout_submit(struct req *);
int	order_show(struct req *);
int	order_cancel_submit(struct req *);
/* pages/series.c */
int	series_repeat_show(struct req *);
int	series_book_submit(struct req *);
int	series_show(struct req *);
int	series_cancel_submit(struct req *);
/* api/series.c */
int	api_series_create(struct req *);
int	api_series_preview(struct req *);
int	api_series_show(struct req *);
int	api_series_cancel(struct req *);
/* api/orders.c */
int	api_cart_show(struct req *);
int	api_cart_add(struct req *);
int	api_cart_remove(struct req *);
int	api_cart_clear(struct req *);
int	api_cart_checkout(struct req *);
int	api_orders_list(struct req *);
int	api_order_show(struct req *);
int	api_event_enrol(struct req *);
int	api_order_cancel(struct req *);
/* api/admin.c */
int	api_admin_room_create(struct req *);
int	api_admin_room_update(struct req *);
int	api_admin_slot_create(struct req *);
int	api_admin_slot_update(struct req *);
int	api_admin_generate(struct req *);
int	api_admin_event_create(struct req *);
int	api_admin_bookings(struct req *);
int	api_admin_slots_list(struct req *);
int	api_admin_slot_cancel(struct req *);
int	api_admin_users(struct req *);
int	api_admin_user_role(struct req *);
int	api_admin_booking_confirm(struct req *);
int	api_admin_booking_complete(struct req *);
int	api_admin_booking_no_show(struct req *);
int	api_admin_booking_check_in(struct req *);
int	api_admin_booking_check_out(struct req *);
int	api_admin_booking_approve(struct req *);
int	api_admin_booking_decline(struct req *);
int	api_admin_checkin(struct req *);
/* pages/admin.c */
int	admin_overview(struct req *);
int	admin_audit(struct req *);
/* pages/admin_reports.c */
int	admin_reports(struct req *);
int	admin_reports_csv(struct req *);
/* pages/admin_rooms.c */
int	admin_rooms_list(struct req *);
int	admin_room_new_form(struct req *);
int	admin_room_create(struct req *);
int	admin_room_edit(struct req *);
int	admin_room_update(struct req *);
int	admin_room_active(struct req *);
int	admin_room_generate_form(struct req *);
int	admin_room_generate(struct req *);
int	admin_slot_new_form(struct req *);
int	admin_slot_create(struct req *);
int	admin_slot_edit(struct req *);
int	admin_slot_update(struct req *);
int	admin_slot_cancel_submit(struct req *);
/* pages/admin_events.c */
int	admin_events_list(struct req *);
int	admin_event_new_form(struct req *);
int	admin_event_create(struct req *);
int	admin_event_edit(struct req *);
int	admin_event_update(struct req *);
int	admin_event_session_add(struct req *);
int	admin_event_publish_submit(struct req *);
/* pages/admin_bookings.c */
int	admin_bookings_list(struct req *);
int	admin_bookings_csv(struct req *);
int	admin_booking_show(struct req *);
int	admin_booking_confirm(struct req *);
int	admin_booking_cancel(struct req *);
int	admin_booking_complete(struct req *);
int	admin_booking_no_show(struct req *);
int	admin_booking_check_in(struct req *);
int	admin_booking_check_out(struct req *);
int	admin_booking_approve(struct req *);
int	admin_booking_decline(struct req *);
int	admin_checkin_form(struct req *);
int	admin_checkin_submit(struct req *);
/* pages/admin_users.c */
int	admin_users(struct req *);
int	admin_user_role(struct req *);
/* api/auth.c */
int	api_login(struct req *);
int	api_payment_webhook(struct req *);
int	account_reminders(struct req *);
int	account_sms(struct req *);
int	admin_mail(struct req *);
int	admin_mail_retry(struct req *);
int	unsubscribe_form(struct req *);
int	unsubscribe_submit(struct req *);
int	api_register(struct req *);
int	api_token_revoke(struct req *);
int	api_me(struct req *);
int	api_admin_discounts_list(struct req *);
int	api_admin_discount_create(struct req *);
int	api_admin_discount_update(struct req *);
int	admin_discounts_page(struct req *);
int	admin_discount_create(struct req *);
int	order_receipt(struct req *);
int	api_account_update(struct req *);
/* pages/status.c */
int	status_healthz(struct req *);
int	status_ping(struct req *);

#endif
