{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Overview]]</h1>

{{#DAY}}
<section aria-labelledby="day-{{DAY_DATE}}">
<h2 id="day-{{DAY_DATE}}">{{LABEL}}, {{LONG_DATE}}</h2>
{{#NONE}}<p>[[No bookings.]]</p>{{/NONE}}
<table class="bookings">
<thead><tr><th scope="col">[[Time]]</th><th scope="col">[[Room]]</th><th scope="col">[[Event]]</th><th scope="col">[[Customer]]</th><th scope="col">[[Status]]</th><th scope="col">[[Payment]]</th></tr></thead>
<tbody>
{{#BOOKING}}
<tr data-booking="{{ID}}">
<th scope="row"><a href="/admin/bookings/{{ID}}">[[{{START}}–{{END}}<span class="visually-hidden">, booking {{ID}}</span>]]</a></th>
<td>{{ROOM_NAME}}</td>
<td>{{#EVENT}}{{EVENT_TITLE}}{{/EVENT}}</td>
<td>{{USER_NAME}}</td>
<td class="status {{STATUS}}" data-label="[[Status]]">{{STATUS_LABEL}}</td>
<td data-label="[[Payment]]">{{PAYMENT_LABEL}}</td>
</tr>
{{/BOOKING}}
</tbody>
</table>
{{#MORE}}<p>[[Only the first ones are listed.]]</p>{{/MORE}}
<p><a href="{{ALL_HREF}}">[[All bookings of this day]]</a></p>
</section>
{{/DAY}}

<section aria-labelledby="counts-h">
<h2 id="counts-h">[[Bookings by status]]</h2>
<ul class="counts">
{{#COUNT}}<li><a href="/admin/bookings?status={{STATUS}}">{{STATUS_LABEL}}</a>: <strong>{{N}}</strong></li>
{{/COUNT}}
</ul>
</section>

<section aria-labelledby="occupancy-h">
<h2 id="occupancy-h">[[Occupancy, next seven days]]</h2>
<figure class="chart">{{>OCCUPANCY_CHART}}</figure>
<table class="occupancy" id="occupancy">
<thead><tr><th scope="col">[[Day]]</th><th scope="col">[[Timeslots]]</th><th scope="col">[[Booked seats]]</th></tr></thead>
<tbody>
{{#OCCUPANCY}}
<tr>
<th scope="row"><a href="/admin/bookings?from={{DAY_DATE}}&amp;to={{DAY_DATE}}">{{DAY}}</a></th>
<td>{{SLOTS}}</td>
<td>{{#SEATS}}<meter min="0" max="{{SEATS}}" value="{{BOOKED}}" aria-label="[[Booked seats on {{DAY}}]]">{{PERCENT}}%</meter> [[{{BOOKED}} of {{SEATS}} ({{PERCENT}}%)]]{{/SEATS}}{{#NO_SEATS}}[[Nothing scheduled]]{{/NO_SEATS}}</td>
</tr>
{{/OCCUPANCY}}
</tbody>
</table>
</section>

{{#REVENUE}}{{>REPORT_TABLE}}{{/REVENUE}}
<p><a href="/admin/reports">[[All reports]]</a></p>

<section aria-labelledby="holds-h">
<h2 id="holds-h">[[Seats held, waiting for payment]]</h2>
{{#NO_HOLDS}}<p>[[No seat is held.]]</p>{{/NO_HOLDS}}
<table class="bookings">
<thead><tr><th scope="col">[[Booking]]</th><th scope="col">[[When]]</th><th scope="col">[[Room]]</th><th scope="col">[[Customer]]</th><th scope="col">[[Price]]</th><th scope="col">[[Held until]]</th></tr></thead>
<tbody>
{{#HOLD}}
<tr data-booking="{{ID}}">
<th scope="row"><a href="/admin/bookings/{{ID}}">{{ID}}</a></th>
<td>{{SHORT_DATE}}, {{START}}–{{END}}</td>
<td>{{ROOM_NAME}}</td>
<td>{{USER_NAME}}<br><span class="meta">{{USER_EMAIL}}</span></td>
<td>{{PRICE}}</td>
<td>{{UNTIL}}</td>
</tr>
{{/HOLD}}
</tbody>
</table>
</section>

<section aria-labelledby="events-h">
<h2 id="events-h">[[Recent booking events]]</h2>
{{#NO_EVENTS}}<p>[[Nothing has happened yet.]]</p>{{/NO_EVENTS}}
<table class="audit">
<thead><tr><th scope="col">[[When]]</th><th scope="col">[[Booking]]</th><th scope="col">[[What]]</th><th scope="col">[[By]]</th><th scope="col">[[Customer]]</th><th scope="col">[[Status]]</th></tr></thead>
<tbody>
{{#EVENT}}
<tr>
<td>{{WHEN}}</td>
<th scope="row"><a href="/admin/bookings/{{BOOKING_ID}}">{{BOOKING_ID}}</a></th>
<td>{{WHAT}}</td>
<td>{{ACTOR}}</td>
<td>{{USER_NAME}}</td>
<td>{{FROM}} → {{TO}}</td>
</tr>
{{/EVENT}}
</tbody>
</table>
<p><a href="/admin/audit">[[The whole audit trail]]</a></p>
</section>
