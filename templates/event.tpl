{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
<p class="meta">{{KIND}}</p>
<p>{{DESCRIPTION}}</p>
{{#COURSE}}<p class="notice">This course is sold as one series: enrolling books every session.</p>{{/COURSE}}

<h2>Sessions</h2>
{{#NO_SESSIONS}}<p>No sessions are scheduled.</p>{{/NO_SESSIONS}}
<table class="grid" id="sessions">
<thead><tr><th scope="col">Date</th><th scope="col">Time</th><th scope="col">Room</th><th scope="col">Seats</th><th scope="col">Price</th></tr></thead>
<tbody>
{{#SESSION}}
<tr class="slot {{STATE}}" data-slot="{{SLOT_ID}}">
<th scope="row"><time datetime="{{ISO_DATE}}">{{DATE}}</time>{{#EVENT}}{{#SEQUENCE}} (session {{SEQUENCE_NO}}){{/SEQUENCE}}{{/EVENT}}</th>
<td>{{START}}–{{END}}</td>
<td><a href="/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a></td>
<td class="state">{{STATE_LABEL}}{{#SEATS}}: {{SEATS_LEFT}} of {{CAPACITY}} left <a href="/timeslots/{{SLOT_ID}}">Book<span class="visually-hidden"> {{DATE}} {{START}}</span></a>{{/SEATS}}</td>
<td>{{PRICE}}</td>
</tr>
{{/SESSION}}
</tbody>
</table>
{{>REVIEWS}}
