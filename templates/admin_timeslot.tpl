{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
{{#NEW}}<h1>[[New timeslot]]</h1>
<p class="meta">[[A single timeslot outside the generated ones: a longer session, an evening, a weekend day.]]</p>{{/NEW}}
{{#EDIT}}<h1>{{ROOM_NAME}}: {{DATE}}, {{START}}–{{END}}</h1>{{/EDIT}}
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
{{#ERROR}}<p class="error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
{{#EDIT}}
<dl class="facts">
<dt>[[Room]]</dt><dd><a href="/admin/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a></dd>
{{#EVENT}}<dt>[[Event]]</dt><dd><a href="/admin/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a>{{#SEQUENCE}}[[, session {{SEQUENCE_NO}}]]{{/SEQUENCE}}</dd>{{/EVENT}}
<dt>[[Status]]</dt><dd id="slot-status" data-status="{{STATUS}}">{{STATUS_LABEL}}</dd>
<dt>[[Booked]]</dt><dd id="slot-booked">[[{{BOOKED}} of {{CAPACITY}} seats]]</dd>
<dt>[[Price]]</dt><dd>{{PRICE}}</dd>
</dl>
{{/EDIT}}

{{#FORM}}
<section aria-labelledby="form-h">
<h2 id="form-h">{{#NEW}}[[Timeslot]]{{/NEW}}{{#EDIT}}[[Change]]{{/EDIT}}</h2>
<form method="post" action="{{ACTION}}" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#NEW}}
<p>
<label for="roomId">[[Room]]</label>
<select id="roomId" name="roomId" required{{#ROOMID_ERROR}} aria-invalid="true" aria-describedby="roomId-error"{{/ROOMID_ERROR}}>
{{#ROOM_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROOM_OPTION}}
</select>
{{#ROOMID_ERROR}}<span class="field-error" id="roomId-error">{{MESSAGE}}</span>{{/ROOMID_ERROR}}
</p>
{{/NEW}}
<p>
<label for="startTime">[[Start]]</label>
<input type="datetime-local" id="startTime" name="startTime" value="{{STARTTIME}}" required{{#STARTTIME_ERROR}} aria-invalid="true" aria-describedby="startTime-error"{{/STARTTIME_ERROR}}>
{{#STARTTIME_ERROR}}<span class="field-error" id="startTime-error">{{MESSAGE}}</span>{{/STARTTIME_ERROR}}
</p>
<p>
<label for="endTime">[[End]]</label>
<input type="datetime-local" id="endTime" name="endTime" value="{{ENDTIME}}" required{{#ENDTIME_ERROR}} aria-invalid="true" aria-describedby="endTime-error"{{/ENDTIME_ERROR}}>
{{#ENDTIME_ERROR}}<span class="field-error" id="endTime-error">{{MESSAGE}}</span>{{/ENDTIME_ERROR}}
</p>
<p>
<label for="price">[[Price]]</label>
<input type="text" id="price" name="price" value="{{PRICE}}" inputmode="decimal" aria-describedby="price-hint{{#PRICE_ERROR}} price-error{{/PRICE_ERROR}}"{{#PRICE_ERROR}} aria-invalid="true"{{/PRICE_ERROR}}>
<span class="hint" id="price-hint">[[An amount like 30.00]]{{#NEW}}[[; leave empty for the room's hourly rate times the length]]{{/NEW}}.</span>
{{#PRICE_ERROR}}<span class="field-error" id="price-error">{{MESSAGE}}</span>{{/PRICE_ERROR}}
</p>
<p>
<label for="maxBookings">[[Seats]]</label>
<input type="number" id="maxBookings" name="maxBookings" value="{{MAXBOOKINGS}}" min="1" max="{{SEATS_MAX}}" aria-describedby="maxBookings-hint{{#MAXBOOKINGS_ERROR}} maxBookings-error{{/MAXBOOKINGS_ERROR}}"{{#MAXBOOKINGS_ERROR}} aria-invalid="true"{{/MAXBOOKINGS_ERROR}}>
<span class="hint" id="maxBookings-hint">{{#NEW}}[[Leave empty for the room's capacity.]]{{/NEW}}{{#EDIT}}[[Not fewer than the seats booked.]]{{/EDIT}}</span>
{{#MAXBOOKINGS_ERROR}}<span class="field-error" id="maxBookings-error">{{MESSAGE}}</span>{{/MAXBOOKINGS_ERROR}}
</p>
{{#CHANGE}}
<p>
<label for="status">[[Status]]</label>
<select id="status" name="status"{{#STATUS_ERROR}} aria-invalid="true" aria-describedby="status-error"{{/STATUS_ERROR}}>
{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATUS_OPTION}}
</select>
{{#STATUS_ERROR}}<span class="field-error" id="status-error">{{MESSAGE}}</span>{{/STATUS_ERROR}}
</p>
{{/CHANGE}}
<p><button type="submit">{{#NEW}}[[Create timeslot]]{{/NEW}}{{#EDIT}}[[Save timeslot]]{{/EDIT}}</button></p>
</form>
</section>
{{/FORM}}

{{#EDIT}}
{{#CAN_CANCEL}}
<section aria-labelledby="cancel-h">
<h2 id="cancel-h">[[Cancel]]</h2>
<form method="post" action="/admin/timeslots/{{SLOT_ID}}/cancel" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="hint" id="cancel-hint">[[Cancelling this timeslot also cancels every active booking of it ({{BOOKED}} seats are held now) with a full refund, and notifies their owners. It cannot be undone.]]</p>
<p><button type="submit" class="danger" aria-describedby="cancel-hint">[[Cancel this timeslot]]</button></p>
</form>
</section>
{{/CAN_CANCEL}}
<section aria-labelledby="bookings-h">
<h2 id="bookings-h">[[Bookings]]</h2>
{{#NO_BOOKINGS}}<p>[[Nobody has booked this timeslot.]]</p>{{/NO_BOOKINGS}}
<table class="bookings" id="slot-bookings">
<thead><tr><th scope="col">[[Booking]]</th><th scope="col">[[Customer]]</th><th scope="col">[[Status]]</th><th scope="col">[[Payment]]</th><th scope="col">[[Price]]</th></tr></thead>
<tbody>
{{#BOOKING}}
<tr data-booking="{{ID}}">
<th scope="row"><a href="/admin/bookings/{{ID}}">{{ID}}</a></th>
<td>{{USER_NAME}} &lt;{{USER_EMAIL}}&gt;</td>
<td class="status {{STATUS}}" data-label="[[Status]]">{{STATUS_LABEL}}</td>
<td data-label="[[Payment]]">{{PAYMENT_LABEL}}</td>
<td>{{PRICE}}</td>
</tr>
{{/BOOKING}}
</tbody>
</table>
</section>
{{/EDIT}}
