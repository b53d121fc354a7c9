{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Booking by {{USER_NAME}}]]</h1>
<p class="meta">[[Booking number {{ID}}]]</p>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
{{#ERROR}}<p class="error" role="alert" id="booking-error">{{MESSAGE}}</p>{{/ERROR}}
<dl class="facts">
<dt>[[Customer]]</dt><dd>{{USER_NAME}} &lt;<a href="/admin/bookings?email={{USER_EMAIL}}">{{USER_EMAIL}}</a>&gt;</dd>
<dt>[[When]]</dt><dd><a href="/admin/timeslots/{{SLOT_ID}}">{{DATE}}, {{START}}–{{END}}</a></dd>
<dt>[[Room]]</dt><dd><a href="/admin/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a></dd>
{{#EVENT}}<dt>[[Event]]</dt><dd><a href="/admin/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a></dd>{{/EVENT}}
<dt>[[Status]]</dt><dd class="status {{STATUS}}" id="status" data-status="{{STATUS}}">{{STATUS_LABEL}}</dd>
<dt>[[Payment]]</dt><dd id="payment-status" data-status="{{PAYMENT_STATUS}}">{{PAYMENT_LABEL}}</dd>
{{#PAID_WITH}}<dt>[[Payment id]]</dt><dd id="payment-id">{{PAYMENT_ID}}</dd>{{/PAID_WITH}}
<dt>[[Price]]</dt><dd>{{PRICE}}</dd>
<dt>[[Refunded]]</dt><dd id="refund">{{REFUND}}</dd>
<dt>[[Booked on]]</dt><dd>{{CREATED}}</dd>
{{#HOLD}}<dt>[[Seat held until]]</dt><dd>{{UNTIL}}</dd>{{/HOLD}}
{{#HOLD_EXPIRED}}<dt>[[Hold ran out]]</dt><dd>{{UNTIL}}</dd>{{/HOLD_EXPIRED}}
{{#CANCELLED_AT}}<dt>[[Cancelled]]</dt><dd>{{WHEN}}</dd>{{/CANCELLED_AT}}
{{#CHECKED_IN}}<dt>[[Checked in]]</dt><dd id="checked-in">{{WHEN}}</dd>{{/CHECKED_IN}}
{{#CHECKED_OUT}}<dt>[[Checked out]]</dt><dd id="checked-out">{{WHEN}}</dd>{{/CHECKED_OUT}}
{{#HAS_NOTES}}<dt>[[Notes]]</dt><dd>{{NOTES}}</dd>{{/HAS_NOTES}}
</dl>

<section aria-labelledby="actions-h">
<h2 id="actions-h">[[Actions]]</h2>
{{#NO_ACTIONS}}<p>[[Nothing more can be done with a {{STATUS}} booking.]]</p>{{/NO_ACTIONS}}
{{#CAN_APPROVE}}
<p id="awaiting">[[This booking is awaiting your approval; its place is held meanwhile.]]</p>
<div class="actions">
<form method="post" action="/admin/bookings/{{ID}}/approve" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Approve]]</button></form>
<form method="post" action="/admin/bookings/{{ID}}/decline" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="secondary">[[Decline]]</button></form>
</div>
{{/CAN_APPROVE}}
{{#CAN_CONFIRM}}
<form method="post" action="/admin/bookings/{{ID}}/confirm" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="paymentId">[[Payment id]]</label>
<input type="text" id="paymentId" name="paymentId" value="{{PAYMENTID}}" maxlength="{{PAYMENT_ID_MAX}}" required aria-describedby="paymentId-hint{{#PAYMENTID_ERROR}} paymentId-error{{/PAYMENTID_ERROR}}"{{#PAYMENTID_ERROR}} aria-invalid="true"{{/PAYMENTID_ERROR}}>
<span class="hint" id="paymentId-hint">[[The reference of the payment received, from the payment provider or the till.]]</span>
{{#PAYMENTID_ERROR}}<span class="field-error" id="paymentId-error">{{MESSAGE}}</span>{{/PAYMENTID_ERROR}}
</p>
<p><button type="submit">[[Confirm payment]]</button></p>
</form>
{{/CAN_CONFIRM}}
<div class="actions">
{{#CAN_CHECK_IN}}<form method="post" action="/admin/bookings/{{ID}}/check-in" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Check in]]</button></form>{{/CAN_CHECK_IN}}
{{#CAN_CHECK_OUT}}<form method="post" action="/admin/bookings/{{ID}}/check-out" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Check out]]</button></form>{{/CAN_CHECK_OUT}}
{{#CAN_COMPLETE}}<form method="post" action="/admin/bookings/{{ID}}/complete" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Complete]]</button></form>
<form method="post" action="/admin/bookings/{{ID}}/no-show" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Mark as no-show]]</button></form>{{/CAN_COMPLETE}}
{{#CAN_CANCEL}}<form method="post" action="/admin/bookings/{{ID}}/cancel" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger" aria-describedby="cancel-hint">[[Cancel booking]]</button> <span class="hint" id="cancel-hint">[[Refunds everything paid ({{REFUND_QUOTE}}) and notifies the customer.]]</span></form>{{/CAN_CANCEL}}
</div>
</section>

<section aria-labelledby="history-h">
<h2 id="history-h">[[History]]</h2>
<table class="history" id="history">
<thead><tr><th scope="col">[[When]]</th><th scope="col">[[What]]</th><th scope="col">[[By]]</th><th scope="col">[[Status after]]</th></tr></thead>
<tbody>
{{#HISTORY}}<tr><td>{{WHEN}}</td><th scope="row">{{WHAT}}</th><td>{{WHO}}</td><td>{{TO}}</td></tr>
{{/HISTORY}}
</tbody>
</table>
<p><a href="/admin/audit?bookingId={{ID}}">[[In the audit trail]]</a></p>
</section>
<p><a href="/admin/bookings">[[All bookings]]</a></p>
