{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
<p class="meta">{{KIND}}</p>
<p>{{DESCRIPTION}}</p>
{{#ERROR}}<p class="error" role="alert" id="enrol-error" data-code="{{CODE}}">{{#SESSION}}[[Nothing was booked: the session of {{WHEN}} could not be booked.]] {{/SESSION}}{{MESSAGE}}</p>{{/ERROR}}
{{#APPOINTMENTS}}<p><a class="button" id="pick-time" href="/events/{{ID}}/appointments">[[Pick a time]]</a></p>{{/APPOINTMENTS}}
{{#COURSE}}<p class="notice">[[This course is sold as one series: enrolling books every session still to come, for <strong id="course-price">{{COURSE_PRICE}}</strong>.]]</p>
{{#ENROL}}<form method="post" action="/events/{{ID}}/enrol" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Enrol in the course]]</button>
</form>{{/ENROL}}
{{#LOGIN}}<p>[[<a href="/login?next={{NEXT}}">Log in to enrol</a>.]]</p>{{/LOGIN}}
{{/COURSE}}

<h2>[[Sessions]]</h2>
{{#NO_SESSIONS}}<p>[[No sessions are scheduled.]]</p>{{/NO_SESSIONS}}
<table class="grid" id="sessions">
<thead><tr><th scope="col">[[Date]]</th><th scope="col">[[Time]]</th><th scope="col">[[Room]]</th><th scope="col">[[Seats]]</th><th scope="col">[[Price]]</th></tr></thead>
<tbody>
{{#SESSION}}
<tr class="slot {{STATE}}{{#FAILED}} failed{{/FAILED}}" data-slot="{{SLOT_ID}}">
<th scope="row"><time datetime="{{ISO_DATE}}">{{DATE}}</time>{{#EVENT}}{{#SEQUENCE}} [[(session {{SEQUENCE_NO}})]]{{/SEQUENCE}}{{/EVENT}}</th>
<td>{{START}}–{{END}}</td>
<td><a href="/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a></td>
<td class="state">{{STATE_LABEL}}{{#SEATS}}[[: {{SEATS_TEXT}} <a href="/timeslots/{{SLOT_ID}}">Book<span class="visually-hidden"> {{DATE}} {{START}}</span></a>]]{{/SEATS}}</td>
<td>{{PRICE}}</td>
</tr>
{{/SESSION}}
</tbody>
</table>
{{>REVIEWS}}
