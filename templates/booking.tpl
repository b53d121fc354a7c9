{{%AUTOESCAPE context="HTML"}}
<h1>[[Your booking: {{ROOM_NAME}}]]</h1>
<p class="meta">[[Booking number {{ID}}]]</p>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
{{#ERROR}}<p class="error" role="alert" id="booking-error">{{MESSAGE}}</p>{{/ERROR}}
<dl class="facts">
{{#OWNER}}<dt>[[Booked by]]</dt><dd>{{OWNER}}</dd>{{/OWNER}}
<dt>[[When]]</dt><dd>{{DATE}}, {{START}}–{{END}}</dd>
<dt>[[Room]]</dt><dd><a href="/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a></dd>
{{#EVENT}}<dt>[[Event]]</dt><dd><a href="/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a></dd>{{/EVENT}}
<dt>[[Status]]</dt><dd class="status {{STATUS}}" id="status" data-status="{{STATUS}}">{{STATUS_LABEL}}</dd>
<dt>[[Payment]]</dt><dd id="payment-status" data-status="{{PAYMENT_STATUS}}">{{PAYMENT_LABEL}}</dd>
<dt>[[Price]]</dt><dd>{{PRICE}}</dd>
{{#DISCOUNTED}}<dt>[[Before discount]]</dt><dd id="base-price">{{BASE_PRICE}}</dd><dt>[[Discount]]</dt><dd id="discount">−{{DISCOUNT_AMOUNT}}</dd>{{/DISCOUNTED}}
{{#TAXED}}<dt>{{#INCLUDED}}[[Tax {{TAX_RATE}} (included)]]{{/INCLUDED}}{{#EXCLUDED}}[[Tax {{TAX_RATE}}]]{{/EXCLUDED}}</dt><dd id="tax">{{TAX_AMOUNT}}</dd>{{/TAXED}}
{{#REFUND}}<dt>[[Refund]]</dt><dd id="refund">{{REFUND}}</dd>{{/REFUND}}
{{#HAS_NOTES}}<dt>[[Notes]]</dt><dd id="notes">{{NOTES}}</dd>{{/HAS_NOTES}}
{{#CHECKED_IN}}<dt>[[Checked in]]</dt><dd id="checked-in">{{WHEN}}</dd>{{/CHECKED_IN}}
{{#CHECKED_OUT}}<dt>[[Checked out]]</dt><dd id="checked-out">{{WHEN}}</dd>{{/CHECKED_OUT}}
</dl>
{{>TICKET}}
{{#HOLD}}<p class="notice" id="hold">[[Your place is held for {{MINUTES_TEXT}} (until {{UNTIL}}). Pay {{PRICE}} to confirm it.]]</p>
<p id="pay-by">[[Amount due: <strong>{{PRICE}}</strong>, pay by {{PAY_BY}}.]]</p>
{{#PAY_ONLINE}}<p><a class="button" id="pay" href="{{PAY_URL}}">[[Pay {{PRICE}}]]</a></p>{{/PAY_ONLINE}}
{{#PAY_ORDER}}<p id="pay-with-order">[[This booking is one of the {{COUNT}} of <a href="/orders/{{ORDER_ID}}">order {{ORDER_ID}}</a>, paid together.]]</p>
<p><a class="button" id="pay" href="{{PAY_URL}}">[[Pay order {{ORDER_ID}}]]</a></p>{{/PAY_ORDER}}
{{#PAY_AT_DESK}}<p id="pay-at-desk">[[Payment is taken at the desk.]]</p>{{/PAY_AT_DESK}}
{{/HOLD}}
{{#AWAITING}}<p class="notice" id="awaiting">[[This room's bookings need an admin's approval. Your place is held until then, and you will be told when it is approved or declined.]]</p>{{/AWAITING}}
{{#HOLD_EXPIRED}}<p class="notice" id="hold">[[The hold ran out at {{UNTIL}}, unpaid: the booking is released.]]</p>{{/HOLD_EXPIRED}}

<div class="actions">
{{#CAN_CANCEL}}<a class="button" href="/bookings/{{ID}}/cancel">[[Cancel this booking…]]</a>{{/CAN_CANCEL}}
{{#CAN_RESCHEDULE}}<a class="button" href="/bookings/{{ID}}/reschedule">[[Move to another time…]]</a>{{/CAN_RESCHEDULE}}
{{#CAN_REACTIVATE}}
<form method="post" action="/bookings/{{ID}}/reactivate" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Book this again]]</button>
</form>
{{/CAN_REACTIVATE}}
{{#CAN_CHECK_IN}}
<form method="post" action="/bookings/{{ID}}/check-in" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Check in]]</button>
</form>
{{/CAN_CHECK_IN}}
{{#CAN_CHECK_OUT}}
<form method="post" action="/bookings/{{ID}}/check-out" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Check out]]</button>
</form>
{{/CAN_CHECK_OUT}}
{{#CAN_CALENDAR}}<a class="button" id="add-to-calendar" href="/bookings/{{ID}}/calendar.ics" download>[[Add to calendar]]</a>{{/CAN_CALENDAR}}
</div>
{{#REVIEWED}}<section id="review"><h2>[[Your review]]</h2>
<p>[[<span class="rating" id="review-rating">{{RATING}}</span> out of 5]]{{#HIDDEN}} [[(hidden by an admin)]]{{/HIDDEN}}</p>
{{#COMMENT}}<p id="review-comment">{{COMMENT}}</p>{{/COMMENT}}</section>{{/REVIEWED}}
{{#CAN_REVIEW}}<section id="review"><h2>[[Review this booking]]</h2>
<form method="post" action="/bookings/{{ID}}/review" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label for="rating">[[Rating (1 to 5)]]</label>
<select id="rating" name="rating" required>{{#RATING_OPTION}}<option value="{{VALUE}}">{{VALUE}}</option>{{/RATING_OPTION}}</select></p>
<p><label for="comment">[[Comment (optional)]]</label>
<textarea id="comment" name="comment" rows="3" maxlength="{{COMMENT_MAX}}"></textarea></p>
<p><button type="submit">[[Send the review]]</button></p>
</form></section>{{/CAN_REVIEW}}

<h2>[[History]]</h2>
<table class="history">
<thead><tr><th scope="col">[[When]]</th><th scope="col">[[What]]</th><th scope="col">[[By]]</th><th scope="col">[[Status after]]</th></tr></thead>
<tbody>
{{#HISTORY}}<tr><td>{{WHEN}}</td><th scope="row">{{WHAT}}</th><td>{{WHO}}</td><td>{{TO}}</td></tr>
{{/HISTORY}}
</tbody>
</table>
<p><a href="/me">[[Back to my bookings]]</a></p>
