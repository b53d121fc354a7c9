{{%AUTOESCAPE context="HTML"}}
<h1>[[Your booking: {{ROOM_NAME}}]]</h1>
<p class="meta">[[Booking number {{ID}}]]</p>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
<dl class="facts">
<dt>[[Name]]</dt><dd>{{USER_NAME}}</dd>
<dt>[[When]]</dt><dd>{{DATE}}, {{START}}–{{END}}</dd>
<dt>[[Room]]</dt><dd><a href="/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a></dd>
{{#EVENT}}<dt>[[Event]]</dt><dd><a href="/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a></dd>{{/EVENT}}
<dt>[[Status]]</dt><dd class="status {{STATUS}}" id="status" data-status="{{STATUS}}">{{STATUS_LABEL}}</dd>
<dt>[[Payment]]</dt><dd id="payment-status" data-status="{{PAYMENT_STATUS}}">{{PAYMENT_LABEL}}</dd>
<dt>[[Price]]</dt><dd>{{PRICE}}</dd>
{{#REFUND}}<dt>[[Refund]]</dt><dd id="refund">{{REFUND}}</dd>{{/REFUND}}
</dl>
{{>TICKET}}
{{#UNVERIFIED}}<p class="notice" id="unverified">[[Confirm your address first: follow the link in the mail we sent you, before {{PAY_BY}}, or the place is released.]]</p>{{/UNVERIFIED}}
{{#HOLD}}<p class="notice" id="hold">[[Your place is held until {{PAY_BY}}. Pay {{PRICE}} to confirm it.]]</p>
{{#PAY_ONLINE}}<p><a class="button" id="pay" href="{{PAY_URL}}">[[Pay {{PRICE}}]]</a></p>{{/PAY_ONLINE}}
{{#PAY_AT_DESK}}<p id="pay-at-desk">[[Payment is taken at the desk.]]</p>{{/PAY_AT_DESK}}
{{/HOLD}}
{{#AWAITING}}<p class="notice" id="awaiting">[[This room's bookings need an admin's approval. Your place is held until then, and you will be told when it is approved or declined.]]</p>{{/AWAITING}}
<div class="actions">
{{#CAN_CANCEL}}<a class="button" id="cancel" href="/b/{{TOKEN}}/cancel">[[Cancel this booking…]]</a>{{/CAN_CANCEL}}
{{#CAN_RESCHEDULE}}<a class="button" id="move" href="/b/{{TOKEN}}/reschedule">[[Move to another time…]]</a>{{/CAN_RESCHEDULE}}
{{#CAN_CALENDAR}}<a class="button" id="add-to-calendar" href="/b/{{TOKEN}}/calendar.ics" download>[[Add to calendar]]</a>{{/CAN_CALENDAR}}
{{#RECEIPT}}<a class="button secondary" id="receipt" href="/b/{{TOKEN}}/receipt">[[Receipt]]</a>{{/RECEIPT}}
</div>
<form method="post" action="/b/{{TOKEN}}/revoke" class="stacked">
<p class="hint">[[This page's address is the key to your booking: keep it private. If someone else may have it, stop it; the other links we mailed you about this booking keep working.]]</p>
<p><button type="submit" class="secondary">[[Stop this link]]</button></p>
</form>
<p>[[Want all your bookings in one place? <a href="/register">Create an account</a> with the same email address: the bookings made with it come along.]]</p>
