{{%AUTOESCAPE context="HTML"}}
<h1>{{NAME}}</h1>
<p class="meta">[[{{TYPE_LABEL}}, up to {{CAPACITY}} people, {{RATE}} per hour]]</p>
{{#INACTIVE}}<p class="notice" role="status">[[This room is not taking bookings at the moment.]]</p>{{/INACTIVE}}
<nav class="tabs" aria-label="[[Views]]">
<ul>
<li><a href="/rooms/{{ID}}?date={{DATE}}">[[Day]]</a></li>
<li><a href="/rooms/{{ID}}/week?date={{DATE}}" aria-current="page">[[Week]]</a></li>
<li><a href="/rooms/{{ID}}/month?date={{DATE}}">[[Month]]</a></li>
</ul>
</nav>

<section aria-labelledby="week-h">
<h2 id="week-h">[[Week of {{WEEK_LABEL}}]]</h2>
<nav class="days" aria-label="[[Weeks]]">
[[<a rel="prev" href="/rooms/{{ID}}/week?date={{PREV_DATE}}">Previous week</a>
<a href="/rooms/{{ID}}/week?date={{TODAY}}">This week</a>
<a rel="next" href="/rooms/{{ID}}/week?date={{NEXT_DATE}}">Next week</a>]]
</nav>
<form class="picker" method="get" action="/rooms/{{ID}}/week">
<label for="date">[[Week of]]</label>
<input type="date" id="date" name="date" value="{{DATE}}" required>
<button type="submit">[[Show]]</button>
</form>
{{#NO_SLOTS}}<p>[[Nothing is scheduled in this room this week.]]</p>{{/NO_SLOTS}}
<table class="calendar week" id="week" data-keys>
<caption>[[Sessions in {{NAME}}, week of {{WEEK_LABEL}}]]</caption>
<thead><tr>{{#DAY_HEAD}}<th scope="col" id="h-{{ISO}}"{{#IS_TODAY}} class="today"{{/IS_TODAY}}><a href="/rooms/{{ID}}?date={{ISO}}">{{LABEL}}</a></th>{{/DAY_HEAD}}</tr></thead>
<tbody><tr>
{{#DAY}}<td headers="h-{{ISO}}" data-date="{{ISO}}" data-label="{{LABEL}}"{{#IS_TODAY}} class="today"{{/IS_TODAY}}>
<ul class="cal-slots">
{{#SLOT}}<li class="slot {{STATE}}" data-slot="{{SLOT_ID}}"><a href="/timeslots/{{SLOT_ID}}">{{START}}–{{END}}<span class="visually-hidden">, {{DATE}}</span></a> {{#EVENT}}{{EVENT_TITLE}} {{/EVENT}}<span class="state">{{STATE_LABEL}}</span>{{#SEATS}}[[, {{SEATS_LEFT}} of {{CAPACITY}} left]]{{/SEATS}}</li>
{{/SLOT}}
</ul>
{{#EMPTY}}<span class="meta">[[Nothing scheduled]]</span>{{/EMPTY}}
</td>
{{/DAY}}
</tr></tbody>
</table>
</section>
<script src="/static/calendar.js" defer></script>
