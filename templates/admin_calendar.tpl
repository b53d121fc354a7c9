{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Week of {{WEEK_LABEL}}]]</h1>
<nav class="days" aria-label="[[Weeks]]">
[[<a rel="prev" href="/admin/calendar?date={{PREV_DATE}}">Previous week</a>
<a href="/admin/calendar?date={{TODAY}}">This week</a>
<a rel="next" href="/admin/calendar?date={{NEXT_DATE}}">Next week</a>]]
</nav>
<form class="picker" method="get" action="/admin/calendar">
<label for="date">[[Week of]]</label>
<input type="date" id="date" name="date" value="{{DATE}}" required>
<button type="submit">[[Show]]</button>
</form>
<p class="hint">[[Each session shows its seats booked of its capacity. In the grid the arrow keys move between sessions.]]</p>
{{#NO_SLOTS}}<p>[[No sessions are scheduled this week.]]</p>{{/NO_SLOTS}}
<table class="calendar grid-week" id="grid" data-keys>
<caption>[[Sessions of every room, week of {{WEEK_LABEL}}]]</caption>
<thead><tr><th scope="col">[[Room]]</th>{{#DAY_HEAD}}<th scope="col" id="h-{{ISO}}"{{#IS_TODAY}} class="today"{{/IS_TODAY}}>{{LABEL}}</th>{{/DAY_HEAD}}</tr></thead>
<tbody>
{{#ROOM}}<tr data-room="{{ROOM_ID}}">
<th scope="row" id="r-{{ROOM_ID}}"><a href="/admin/rooms/{{ROOM_ID}}">{{ROOM_NAME}}</a></th>
{{#DAY}}<td headers="r-{{ROOM_ID}} h-{{ISO}}" data-date="{{ISO}}" data-label="{{LABEL}}"{{#IS_TODAY}} class="today"{{/IS_TODAY}}>
<ul class="cal-slots">
{{#SLOT}}<li class="slot {{STATE}}" data-slot="{{SLOT_ID}}"><a href="/admin/timeslots/{{SLOT_ID}}">{{START}}–{{END}}<span class="visually-hidden">, {{ROOM_NAME}}, {{DATE}}</span></a> {{#EVENT}}{{EVENT_TITLE}} {{/EVENT}}[[<span class="seats" data-booked="{{BOOKED}}">{{BOOKED}}/{{CAPACITY}}<span class="visually-hidden"> seats booked</span></span>]]</li>
{{/SLOT}}
</ul>
{{#EMPTY}}<span class="meta">–</span>{{/EMPTY}}
</td>
{{/DAY}}
</tr>
{{/ROOM}}
</tbody>
</table>
<script src="/static/calendar.js" defer></script>
