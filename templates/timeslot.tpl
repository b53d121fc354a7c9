{{%AUTOESCAPE context="HTML"}}
<h1>{{ROOM_NAME}}: {{START}}–{{END}}</h1>
<p class="meta"><time datetime="{{ISO_DATE}}">{{LONG_DATE}}</time>{{#EVENT}}, <a href="/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a>{{#SEQUENCE}} [[(session {{SEQUENCE_NO}})]]{{/SEQUENCE}}{{/EVENT}}</p>
<dl class="facts">
<dt>[[Room]]</dt><dd><a href="/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a></dd>
<dt>[[Price]]</dt><dd>{{PRICE}}</dd>
<dt>[[Availability]]</dt><dd class="slot {{STATE}}">{{STATE_LABEL}}{{#SEATS}}: {{SEATS_TEXT}}{{/SEATS}}</dd>
</dl>
{{#ERROR}}<p class="error" role="alert" id="booking-error">{{MESSAGE}}</p>{{/ERROR}}
{{#MINE}}<p class="notice">[[You have booked this timeslot: <a href="/bookings/{{BOOKING_ID}}">see your booking</a>.]]</p>{{/MINE}}
{{#LOGIN}}<p>[[<a href="/login?next={{NEXT}}">Log in to book this timeslot</a> or <a href="/register">create an account</a>.]]</p>
{{#GUEST}}<p><a class="button" id="book-as-guest" href="/timeslots/{{SLOT_ID}}/guest">[[Book without an account]]</a></p>{{/GUEST}}{{/LOGIN}}
{{#FORM}}
<form method="post" action="/bookings" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="timeslot_id" value="{{SLOT_ID}}">
<input type="hidden" name="idempotency_key" value="{{IDEMPOTENCY_KEY}}">
<p>
<label for="notes">[[Notes for the host (optional)]]</label>
<textarea id="notes" name="notes" rows="3" maxlength="{{NOTES_MAX}}">{{NOTES}}</textarea>
</p>
<p>
<label for="discount_code">[[Discount code (optional)]]</label>
<input type="text" id="discount_code" name="discount_code" value="{{DISCOUNT_CODE}}" maxlength="40" autocomplete="off"{{#DISCOUNT_ERROR}} aria-invalid="true" aria-describedby="discount_code-error"{{/DISCOUNT_ERROR}}>
{{#DISCOUNT_ERROR}}<span class="field-error" id="discount_code-error">{{MESSAGE}}</span>{{/DISCOUNT_ERROR}}
</p>
{{#HOLD}}<p class="hint">[[Your place is held for {{HOLD_MINUTES}} minutes while you pay.]]</p>{{/HOLD}}
<p><button type="submit">{{#WHOLE_ROOM}}[[Book the room]]{{/WHOLE_ROOM}}{{#PER_SEAT}}[[Book a place]]{{/PER_SEAT}}</button></p>
</form>
{{#CREDIT}}<form method="post" action="/credits/{{CREDIT_ID}}/schedule" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="timeslot_id" value="{{SLOT_ID}}">
<button type="submit">[[Book with a credit]]</button>
</form>{{/CREDIT}}
<form method="post" action="/cart/items" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="timeslot_id" value="{{SLOT_ID}}">
<button type="submit">[[Add to cart]]</button>
</form>
{{/FORM}}
{{#REPEAT}}
<form method="get" action="/timeslots/{{SLOT_ID}}/repeat" class="stacked" id="repeat">
<p>
<label for="repeat-every">[[Repeat this booking]]</label>
<select id="repeat-every" name="every">
<option value="week">[[every week]]</option>
<option value="2weeks">[[every 2 weeks]]</option>
</select>
<label for="repeat-count">[[How many times]]</label>
<input type="number" id="repeat-count" name="count" min="1" max="{{COUNT_MAX}}" value="4">
<button type="submit" class="secondary">[[Check the dates]]</button>
</p>
</form>
{{/REPEAT}}
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
{{#JOIN_WAITLIST}}
<form method="post" action="/timeslots/{{SLOT_ID}}/waitlist" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>[[This timeslot is full. Join the waiting list: when a place comes free it is held for you, and you are told.]]</p>
<p><button type="submit">[[Join the waiting list]]</button></p>
</form>
{{/JOIN_WAITLIST}}
{{#WAITING}}
<form method="post" action="/timeslots/{{SLOT_ID}}/waitlist/leave" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p id="waiting">[[You are number {{POSITION}} on the waiting list.]]</p>
<p><button type="submit" class="secondary">[[Leave the waiting list]]</button></p>
</form>
{{/WAITING}}
