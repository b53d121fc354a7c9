{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
{{#NEW}}<h1>[[New event]]</h1>{{/NEW}}
{{#EDIT}}<h1>{{TITLE}}</h1>
<p class="meta">[[{{KIND}} · <a href="/events/{{ID}}">Public page</a> · <a href="/admin/bookings?eventId={{ID}}">Bookings</a>]]</p>{{/EDIT}}
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}

<section aria-labelledby="details-h">
<h2 id="details-h">[[Details]]</h2>
<form method="post" action="{{ACTION}}" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="title">[[Title]]</label>
<input type="text" id="title" name="title" value="{{TITLE}}" maxlength="{{TITLE_MAX}}" required{{#TITLE_ERROR}} aria-invalid="true" aria-describedby="title-error"{{/TITLE_ERROR}}>
{{#TITLE_ERROR}}<span class="field-error" id="title-error">{{MESSAGE}}</span>{{/TITLE_ERROR}}
</p>
<p>
<label for="kind">[[Kind]]</label>
<select id="kind" name="kind" required aria-describedby="kind-hint{{#KIND_ERROR}} kind-error{{/KIND_ERROR}}"{{#KIND_ERROR}} aria-invalid="true"{{/KIND_ERROR}}>
{{#KIND_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/KIND_OPTION}}
</select>
<span class="hint" id="kind-hint">[[A course is sold as one series and its sessions are numbered.]]</span>
{{#KIND_ERROR}}<span class="field-error" id="kind-error">{{MESSAGE}}</span>{{/KIND_ERROR}}
</p>
<p>
<label for="coursePrice">[[Course price (optional)]]</label>
<input type="text" id="coursePrice" name="coursePrice" value="{{COURSEPRICE}}" inputmode="decimal" aria-describedby="coursePrice-hint{{#COURSEPRICE_ERROR}} coursePrice-error{{/COURSEPRICE_ERROR}}"{{#COURSEPRICE_ERROR}} aria-invalid="true"{{/COURSEPRICE_ERROR}}>
<span class="hint" id="coursePrice-hint">[[For a course: what enrolling in all its remaining sessions costs. Empty: their prices added up.]]</span>
{{#COURSEPRICE_ERROR}}<span class="field-error" id="coursePrice-error">{{MESSAGE}}</span>{{/COURSEPRICE_ERROR}}
</p>
<p><label><input type="checkbox" id="taxFree" name="taxFree" value="1"{{#TAX_FREE}} checked{{/TAX_FREE}}> [[Tax-free: its sessions carry no tax]]</label>
<input type="hidden" name="taxFree" value="0"></p>
<p>
<label for="appointmentRoomId">[[Appointments: room id (optional)]]</label>
<input type="text" id="appointmentRoomId" name="appointmentRoomId" value="{{APPOINTMENTROOMID}}" inputmode="numeric" aria-describedby="appointmentRoomId-hint{{#APPOINTMENTROOMID_ERROR}} appointmentRoomId-error{{/APPOINTMENTROOMID_ERROR}}"{{#APPOINTMENTROOMID_ERROR}} aria-invalid="true"{{/APPOINTMENTROOMID_ERROR}}>
<span class="hint" id="appointmentRoomId-hint">[[For an individual event: customers pick a start within this room's bookable hours.]]</span>
{{#APPOINTMENTROOMID_ERROR}}<span class="field-error" id="appointmentRoomId-error">{{MESSAGE}}</span>{{/APPOINTMENTROOMID_ERROR}}
</p>
<p>
<label for="sessionMinutes">[[Appointments: minutes each (optional)]]</label>
<input type="text" id="sessionMinutes" name="sessionMinutes" value="{{SESSIONMINUTES}}" inputmode="numeric"{{#SESSIONMINUTES_ERROR}} aria-invalid="true" aria-describedby="sessionMinutes-error"{{/SESSIONMINUTES_ERROR}}>
{{#SESSIONMINUTES_ERROR}}<span class="field-error" id="sessionMinutes-error">{{MESSAGE}}</span>{{/SESSIONMINUTES_ERROR}}
</p>
<p>
<label for="description">[[Description]]</label>
<textarea id="description" name="description" rows="4" maxlength="{{DESCRIPTION_MAX}}"{{#DESCRIPTION_ERROR}} aria-invalid="true" aria-describedby="description-error"{{/DESCRIPTION_ERROR}}>{{DESCRIPTION}}</textarea>
{{#DESCRIPTION_ERROR}}<span class="field-error" id="description-error">{{MESSAGE}}</span>{{/DESCRIPTION_ERROR}}
</p>
<p><button type="submit">{{#NEW}}[[Create event]]{{/NEW}}{{#EDIT}}[[Save event]]{{/EDIT}}</button></p>
</form>
</section>

{{#EDIT}}
<section aria-labelledby="sessions-h">
<h2 id="sessions-h">[[Sessions]]</h2>
{{#COURSE}}<p class="hint">[[Sessions of a course are numbered in the order they are added.]]</p>{{/COURSE}}
{{#NO_SESSIONS}}<p>[[This event has no sessions yet.]]</p>{{/NO_SESSIONS}}
<table class="grid" id="sessions">
<thead><tr><th scope="col">[[Session]]</th><th scope="col">[[Room]]</th><th scope="col">[[Status]]</th><th scope="col">[[Booked]]</th><th scope="col">[[Price]]</th><th scope="col">[[Actions]]</th></tr></thead>
<tbody>
{{#SESSION}}
<tr class="slot {{STATE}}" data-slot="{{SLOT_ID}}">
<th scope="row"><a href="/admin/timeslots/{{SLOT_ID}}">{{#EVENT}}{{#SEQUENCE}}{{SEQUENCE_NO}}. {{/SEQUENCE}}{{/EVENT}}<time datetime="{{ISO_DATE}}">{{DATE}}</time>, {{START}}–{{END}}</a></th>
<td><a href="/admin/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a></td>
<td class="status">{{STATUS_LABEL}}</td>
<td>[[{{BOOKED}} of {{CAPACITY}}]]</td>
<td>{{PRICE}}</td>
<td class="buttons">
{{#CAN_START}}<form method="post" action="/admin/timeslots/{{SLOT_ID}}" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="back" value="/admin/events/{{ID}}">
<input type="hidden" name="status" value="in_progress">
<button type="submit">[[Start<span class="visually-hidden"> session of {{DATE}} {{START}}</span>]]</button>
</form>{{/CAN_START}}
{{#CAN_COMPLETE}}<form method="post" action="/admin/timeslots/{{SLOT_ID}}" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="back" value="/admin/events/{{ID}}">
<input type="hidden" name="status" value="completed">
<button type="submit">[[Complete<span class="visually-hidden"> session of {{DATE}} {{START}}</span>]]</button>
</form>{{/CAN_COMPLETE}}
{{#CAN_CANCEL}}<form method="post" action="/admin/timeslots/{{SLOT_ID}}/cancel" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="back" value="/admin/events/{{ID}}">
<button type="submit">[[Cancel<span class="visually-hidden"> session of {{DATE}} {{START}}, refunding its bookings</span>]]</button>
</form>{{/CAN_CANCEL}}
</td>
</tr>
{{/SESSION}}
</tbody>
</table>
{{#PUBLISH}}
<form method="post" action="/admin/events/{{ID}}/publish" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="hint" id="publish-hint">[[{{DRAFTS}} draft sessions are not open for booking yet.]]</p>
<p><button type="submit" aria-describedby="publish-hint">[[Publish draft sessions]]</button></p>
</form>
{{/PUBLISH}}
</section>

<section aria-labelledby="add-h">
<h2 id="add-h">[[Add a session]]</h2>
<form method="post" action="/admin/events/{{ID}}/sessions" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="roomId">[[Room]]</label>
<select id="roomId" name="roomId" required{{#ROOMID_ERROR}} aria-invalid="true" aria-describedby="roomId-error"{{/ROOMID_ERROR}}>
{{#ROOM_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROOM_OPTION}}
</select>
{{#ROOMID_ERROR}}<span class="field-error" id="roomId-error">{{MESSAGE}}</span>{{/ROOMID_ERROR}}
</p>
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
<span class="hint" id="price-hint">[[Leave empty for the room's hourly rate times the length.]]</span>
{{#PRICE_ERROR}}<span class="field-error" id="price-error">{{MESSAGE}}</span>{{/PRICE_ERROR}}
</p>
<p>
<label for="maxBookings">[[Seats]]</label>
<input type="number" id="maxBookings" name="maxBookings" value="{{MAXBOOKINGS}}" min="1" max="{{SEATS_MAX}}" aria-describedby="maxBookings-hint{{#MAXBOOKINGS_ERROR}} maxBookings-error{{/MAXBOOKINGS_ERROR}}"{{#MAXBOOKINGS_ERROR}} aria-invalid="true"{{/MAXBOOKINGS_ERROR}}>
<span class="hint" id="maxBookings-hint">[[Leave empty for the room's capacity.]]</span>
{{#MAXBOOKINGS_ERROR}}<span class="field-error" id="maxBookings-error">{{MESSAGE}}</span>{{/MAXBOOKINGS_ERROR}}
</p>
<p><button type="submit">[[Add session]]</button></p>
</form>
</section>
{{/EDIT}}
<p><a href="/admin/events">[[All events]]</a></p>
