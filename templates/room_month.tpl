{{%AUTOESCAPE context="HTML"}}
<h1>{{NAME}}</h1>
<p class="meta">[[{{TYPE_LABEL}}, up to {{CAPACITY}} people, {{RATE}} per hour]]</p>
{{#INACTIVE}}<p class="notice" role="status">[[This room is not taking bookings at the moment.]]</p>{{/INACTIVE}}
<nav class="tabs" aria-label="[[Views]]">
<ul>
<li><a href="/rooms/{{ID}}?date={{DATE}}">[[Day]]</a></li>
<li><a href="/rooms/{{ID}}/week?date={{DATE}}">[[Week]]</a></li>
<li><a href="/rooms/{{ID}}/month?date={{DATE}}" aria-current="page">[[Month]]</a></li>
</ul>
</nav>

<section aria-labelledby="month-h">
<h2 id="month-h">{{MONTH_LABEL}}</h2>
<nav class="days" aria-label="[[Months]]">
[[<a rel="prev" href="/rooms/{{ID}}/month?date={{PREV_DATE}}">Previous month</a>
<a href="/rooms/{{ID}}/month?date={{TODAY}}">This month</a>
<a rel="next" href="/rooms/{{ID}}/month?date={{NEXT_DATE}}">Next month</a>]]
</nav>
<form class="picker" method="get" action="/rooms/{{ID}}/month">
<label for="date">[[Month of]]</label>
<input type="date" id="date" name="date" value="{{DATE}}" required>
<button type="submit">[[Show]]</button>
</form>
{{#NO_SLOTS}}<p>[[Nothing is scheduled in this room this month.]]</p>{{/NO_SLOTS}}
<table class="calendar month" id="month" data-keys>
<caption>[[Sessions in {{NAME}}, {{MONTH_LABEL}}]]</caption>
<thead><tr>{{#DAY_HEAD}}<th scope="col">{{LABEL}}</th>{{/DAY_HEAD}}</tr></thead>
<tbody>
{{#WEEK}}<tr>
{{#DAY}}<td data-date="{{ISO}}" data-label="{{LABEL}}" class="{{#OTHER_MONTH}}other-month{{/OTHER_MONTH}}{{#IS_TODAY}} today{{/IS_TODAY}}{{#EMPTY}} empty{{/EMPTY}}">
<a class="day" href="/rooms/{{ID}}?date={{ISO}}">{{DAY_NUM}}<span class="visually-hidden"> ({{LABEL}})</span></a>
<ul class="cal-slots">
{{#SLOT}}<li class="slot {{STATE}}" data-slot="{{SLOT_ID}}"><a href="/timeslots/{{SLOT_ID}}">{{START}}<span class="visually-hidden">–{{END}}, {{DATE}}</span></a> <span class="state">{{STATE_LABEL}}</span></li>
{{/SLOT}}
</ul>
</td>
{{/DAY}}
</tr>
{{/WEEK}}
</tbody>
</table>
</section>
<script src="/static/calendar.js" defer></script>
