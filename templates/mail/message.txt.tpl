{{! mail/message.txt.tpl: the text/plain part of every message; values go in as they are}}[[Hello {{NAME}},]]

{{#WELCOME}}[[welcome to {{SITE_NAME}}. Your account is ready: book a room or a
session at {{SITE_URL}}/]]
{{/WELCOME}}{{#SIGNUP_CONFIRM}}[[someone, we hope you, signed up at {{SITE_NAME}} with this address.
To finish and make the account, confirm the address by following this link
within {{SIGNUP_HOURS}} hours (it works once):

{{LINK_URL}}

If it was not you, ignore this message: no account is made.]]
{{/SIGNUP_CONFIRM}}{{#SIGNUP_TAKEN}}[[someone, perhaps you, tried to sign up at {{SITE_NAME}} with this address,
which already has an account. Nothing was changed and no account was made.

If it was you, log in with your password instead: {{LOGIN_URL}}
Forgotten it? Choose a new one: {{FORGOT_URL}}
If it was not you, ignore this message; your account is as it was.]]
{{/SIGNUP_TAKEN}}{{#PASSWORD_RESET}}[[someone, we hope you, asked for a new password for your account at {{SITE_NAME}}.
To choose one, follow this link within {{RESET_MINUTES}} minutes (it works once):

{{LINK_URL}}

If it was not you, ignore this message: your password stays as it is.]]
{{/PASSWORD_RESET}}{{#GUEST_VERIFY}}[[you booked {{WHAT}} on {{WHEN}} without an account.
To keep the place, confirm this address by following this link
before {{PAY_BY}} (it works once):

{{LINK_URL}}

If it was not you, ignore this message: the place is released then.]]
{{/GUEST_VERIFY}}{{#GUEST_PAY}}[[Once the address is confirmed, please pay {{PRICE}} before {{PAY_BY}}
on the booking's page.]]
{{/GUEST_PAY}}{{#CREATED}}[[you booked {{WHAT}} on {{WHEN}}.
The seat is held for you until {{PAY_BY}}: please pay {{PRICE}} before then,
or the booking is released.]]
{{/CREATED}}{{#CONFIRMED}}[[your booking is confirmed: {{WHAT}} on {{WHEN}}.
The attached calendar entry puts it in your calendar.]]
{{/CONFIRMED}}{{#TICKET}}
[[Your ticket: {{TICKET}}
Show this code at the door (your booking's page has it as a QR code too).]]
{{/TICKET}}{{#CANCELLED}}[[your booking of {{WHAT}} on {{WHEN}} is cancelled.]]
{{/CANCELLED}}{{#REFUND}}[[{{REFUND}} will be refunded.]]
{{/REFUND}}{{#RESCHEDULED}}[[your booking of {{WHAT}} has moved: it is now on {{WHEN}}.
The attached calendar entry replaces the earlier one.]]
{{/RESCHEDULED}}{{#HOLD_EXPIRED}}[[your unpaid booking of {{WHAT}} on {{WHEN}} was released:
its hold ran out before the payment came.]]
{{/HOLD_EXPIRED}}{{#PROMOTED}}[[a seat came free for you on the waiting list: {{WHAT}} on {{WHEN}}.
It is held for you until {{PAY_BY}}: book it by paying {{PRICE}} before then,
or it goes to the next in line.]]
{{/PROMOTED}}{{#AWAITING}}[[you asked to book {{WHAT}} on {{WHEN}}.
This room's bookings need an admin's approval. The place is held for you
meanwhile; you will be told when it is approved or declined.]]
{{/AWAITING}}{{#APPROVED}}[[your booking of {{WHAT}} on {{WHEN}} is approved.
The seat is held for you until {{PAY_BY}}: please pay {{PRICE}} before then,
or the booking is released.]]
{{/APPROVED}}{{#DECLINED}}[[your request to book {{WHAT}} on {{WHEN}} was declined by an admin.]]
{{/DECLINED}}{{#REMINDER}}[[a reminder: {{WHAT}} starts {{SOON}}, on {{WHEN}}.]]
{{/REMINDER}}{{#PARTS}}[[Price {{BASE}}, discount {{DISCOUNT}}, tax {{TAX}}: {{PRICE}} in all.]]
{{/PARTS}}{{#RECEIPT}}[[Receipt: {{RECEIPT_URL}}]]
{{/RECEIPT}}{{#MANAGE}}
[[See, pay or cancel your booking (keep this link private):
{{MANAGE_URL}}]]
{{/MANAGE}}{{#BOOKING}}
[[Your booking: {{BOOKING_URL}}]]
{{/BOOKING}}
-- 
{{SITE_NAME}}
{{#UNSUBSCRIBE}}[[No more reminder mail: {{UNSUBSCRIBE_URL}}]]
{{/UNSUBSCRIBE}}
