{{%AUTOESCAPE context="HTML"}}
<h1>{{NAME}}</h1>
<p class="meta">[[{{TYPE_LABEL}} for up to {{CAPACITY}} people. The whole room is yours for {{RATE}} an hour.]]</p>
<p>{{DESCRIPTION}}</p>
{{#INACTIVE}}<p class="notice" role="status">[[This room is not taking bookings at the moment.]]</p>{{/INACTIVE}}
<nav class="tabs" aria-label="[[Views]]">
<ul>
<li><a href="/rooms/{{ID}}?date={{DATE}}" aria-current="page">[[Day]]</a></li>
<li><a href="/rooms/{{ID}}/week?date={{DATE}}">[[Week]]</a></li>
<li><a href="/rooms/{{ID}}/month?date={{DATE}}">[[Month]]</a></li>
</ul>
</nav>

<section aria-labelledby="day-h">
<h2 id="day-h">[[Availability on {{DATE_LABEL}}]]</h2>
<nav class="days" aria-label="[[Days]]">
{{#PREV}}<a rel="prev" href="/rooms/{{ID}}?date={{DAY}}">[[Previous day]]</a>{{/PREV}}
<a href="/rooms/{{ID}}?date={{TODAY}}">[[Today]]</a>
{{#NEXT}}<a rel="next" href="/rooms/{{ID}}?date={{DAY}}">[[Next day]]</a>{{/NEXT}}
</nav>
<form class="picker" method="get" action="/rooms/{{ID}}">
<label for="date">[[Date]]</label>
<input type="date" id="date" name="date" value="{{DATE}}" required>
<button type="submit">[[Show]]</button>
</form>

{{#NO_SLOTS}}<p>[[Nothing is scheduled in this room on this day.]]</p>{{/NO_SLOTS}}
<table class="grid" id="availability">
<caption>[[Timeslots on {{DATE_LABEL}}]]</caption>
<thead><tr><th scope="col">[[Time]]</th><th scope="col">[[Session]]</th><th scope="col">[[Availability]]</th><th scope="col">[[Price]]</th></tr></thead>
<tbody>
{{#SLOT}}
<tr class="slot {{STATE}}" data-slot="{{SLOT_ID}}">
<th scope="row">{{START}}–{{END}}</th>
<td>{{#EVENT}}<a href="/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a>{{/EVENT}}</td>
<td class="state">{{STATE_LABEL}}{{#SEATS}} [[({{SEATS_TEXT}}) <a href="/timeslots/{{SLOT_ID}}">Book<span class="visually-hidden"> {{START}}–{{END}}</span></a>]]{{/SEATS}}</td>
<td>{{PRICE}}</td>
</tr>
{{/SLOT}}
</tbody>
</table>
</section>
{{#RENT}}
<section aria-labelledby="rent-h" id="rent">
<h2 id="rent-h">[[The whole room for a day or a month]]</h2>
{{#RENT_ERROR}}<p class="error" role="alert" id="rent-error">{{MESSAGE}}</p>{{/RENT_ERROR}}
{{#RENT_LOGIN}}<p>[[<a href="/login?next={{NEXT}}">Log in to book a whole day or month</a> or <a href="/register">create an account</a>.]]</p>{{/RENT_LOGIN}}
{{#RENT_DAY}}
<form method="post" action="/rooms/{{ID}}/day" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="rent-date">[[Day]]</label>
<input type="date" id="rent-date" name="date" value="{{DATE}}" required aria-describedby="rent-date-hint">
<span class="hint" id="rent-date-hint">[[{{DAILY_RATE}} for the day, from opening to closing time.]]</span>
</p>
{{#CAN_BOOK}}<p><button type="submit">[[Book the whole day]]</button></p>{{/CAN_BOOK}}
</form>
{{/RENT_DAY}}
{{#RENT_MONTH}}
<form method="post" action="/rooms/{{ID}}/month" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="rent-month">[[Month]]</label>
<input type="month" id="rent-month" name="month" value="{{MONTH}}" required pattern="[0-9]{4}-[0-9]{2}" placeholder="[[YYYY-MM]]" aria-describedby="rent-month-hint">
<span class="hint" id="rent-month-hint">[[{{MONTHLY_RATE}} for the calendar month, from its first opening to its last closing time.]]</span>
</p>
{{#CAN_BOOK}}<p><button type="submit">[[Book the whole month]]</button></p>{{/CAN_BOOK}}
</form>
{{/RENT_MONTH}}
</section>
{{/RENT}}
{{>REVIEWS}}
