{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{SUBJECT}}</title></head>
<body>
<p>[[Hello {{NAME}},]]</p>
{{#WELCOME}}<p>[[welcome to {{SITE_NAME}}. Your account is ready: <a href="{{SITE_URL}}/">book a room or a session</a>.]]</p>
{{/WELCOME}}{{#SIGNUP_CONFIRM}}<p>[[someone, we hope you, signed up at {{SITE_NAME}} with this address. To finish and make the account, confirm the address within {{SIGNUP_HOURS}} hours (the link works once):]]</p>
<p><a href="{{LINK_URL}}">[[Confirm my address]]</a></p>
<p>[[If it was not you, ignore this message: no account is made.]]</p>
{{/SIGNUP_CONFIRM}}{{#SIGNUP_TAKEN}}<p>[[someone, perhaps you, tried to sign up at {{SITE_NAME}} with this address, which already has an account. Nothing was changed and no account was made.]]</p>
<p>[[If it was you, <a href="{{LOGIN_URL}}">log in</a> with your password instead, or <a href="{{FORGOT_URL}}">choose a new password</a> if you have forgotten it. If it was not you, ignore this message; your account is as it was.]]</p>
{{/SIGNUP_TAKEN}}{{#PASSWORD_RESET}}<p>[[someone, we hope you, asked for a new password for your account at {{SITE_NAME}}. To choose one, follow this link within {{RESET_MINUTES}} minutes (it works once):]]</p>
<p><a href="{{LINK_URL}}">[[Choose a new password]]</a></p>
<p>[[If it was not you, ignore this message: your password stays as it is.]]</p>
{{/PASSWORD_RESET}}{{#GUEST_VERIFY}}<p>[[you booked <strong>{{WHAT}}</strong> on {{WHEN}} without an account. To keep the place, confirm this address before {{PAY_BY}} (the link works once):]]</p>
<p><a href="{{LINK_URL}}">[[Confirm my address and keep the place]]</a></p>
<p>[[If it was not you, ignore this message: the place is released then.]]</p>
{{/GUEST_VERIFY}}{{#GUEST_PAY}}<p>[[Once the address is confirmed, please pay {{PRICE}} before {{PAY_BY}} on the booking's page.]]</p>
{{/GUEST_PAY}}{{#CREATED}}<p>[[you booked <strong>{{WHAT}}</strong> on {{WHEN}}.]]</p>
<p>[[The seat is held for you until {{PAY_BY}}: please pay {{PRICE}} before then, or the booking is released.]]</p>
{{/CREATED}}{{#CONFIRMED}}<p>[[your booking is confirmed: <strong>{{WHAT}}</strong> on {{WHEN}}.]]</p>
<p>[[The attached calendar entry puts it in your calendar.]]</p>
{{/CONFIRMED}}{{#TICKET}}<p>[[Your ticket: <strong style="font-family: monospace; font-size: 1.4em; letter-spacing: 0.1em">{{TICKET}}</strong><br>
Show this code at the door (your booking's page has it as a QR code too).]]</p>
{{/TICKET}}{{#CANCELLED}}<p>[[your booking of <strong>{{WHAT}}</strong> on {{WHEN}} is cancelled.]]</p>
{{/CANCELLED}}{{#REFUND}}<p>[[{{REFUND}} will be refunded.]]</p>
{{/REFUND}}{{#RESCHEDULED}}<p>[[your booking of <strong>{{WHAT}}</strong> has moved: it is now on {{WHEN}}.]]</p>
<p>[[The attached calendar entry replaces the earlier one.]]</p>
{{/RESCHEDULED}}{{#HOLD_EXPIRED}}<p>[[your unpaid booking of <strong>{{WHAT}}</strong> on {{WHEN}} was released: its hold ran out before the payment came.]]</p>
{{/HOLD_EXPIRED}}{{#PROMOTED}}<p>[[a seat came free for you on the waiting list: <strong>{{WHAT}}</strong> on {{WHEN}}.]]</p>
<p>[[It is held for you until {{PAY_BY}}: book it by paying {{PRICE}} before then, or it goes to the next in line.]]</p>
{{/PROMOTED}}{{#AWAITING}}<p>[[you asked to book <strong>{{WHAT}}</strong> on {{WHEN}}.]]</p>
<p>[[This room's bookings need an admin's approval. The place is held for you meanwhile; you will be told when it is approved or declined.]]</p>
{{/AWAITING}}{{#APPROVED}}<p>[[your booking of <strong>{{WHAT}}</strong> on {{WHEN}} is approved.]]</p>
<p>[[The seat is held for you until {{PAY_BY}}: please pay {{PRICE}} before then, or the booking is released.]]</p>
{{/APPROVED}}{{#DECLINED}}<p>[[your request to book <strong>{{WHAT}}</strong> on {{WHEN}} was declined by an admin.]]</p>
{{/DECLINED}}{{#REMINDER}}<p>[[a reminder: <strong>{{WHAT}}</strong> starts {{SOON}}, on {{WHEN}}.]]</p>
{{/REMINDER}}{{#PARTS}}<p>[[Price {{BASE}}, discount {{DISCOUNT}}, tax {{TAX}}: {{PRICE}} in all.]]</p>
{{/PARTS}}{{#RECEIPT}}<p><a href="{{RECEIPT_URL}}">[[Receipt]]</a></p>
{{/RECEIPT}}{{#MANAGE}}<p><a href="{{MANAGE_URL}}">[[See, pay or cancel your booking]]</a> [[(keep this link private)]]</p>
{{/MANAGE}}{{#BOOKING}}<p><a href="{{BOOKING_URL}}">[[Your booking]]</a></p>
{{/BOOKING}}<p>{{SITE_NAME}}</p>
{{#UNSUBSCRIBE}}<p><small><a href="{{UNSUBSCRIBE_URL}}">[[No more reminder mail]]</a></small></p>
{{/UNSUBSCRIBE}}</body>
</html>
