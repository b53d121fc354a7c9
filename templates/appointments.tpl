{{%AUTOESCAPE context="HTML"}}
<h1>[[{{TITLE}}: pick a time]]</h1>
<p class="meta">[[<a href="/events/{{ID}}">About this event</a> · {{MINUTES}} minutes each]]</p>
<form method="get" action="/events/{{ID}}/appointments" class="inline">
<a href="/events/{{ID}}/appointments?date={{PREV_DATE}}">[[Previous day]]</a>
<label for="date">[[Day]]</label>
<input type="date" id="date" name="date" value="{{DATE}}" required>
<button type="submit">[[Show]]</button>
<a href="/events/{{ID}}/appointments?date={{NEXT_DATE}}">[[Next day]]</a>
</form>
{{#ERROR}}<p class="error" role="alert" id="appointment-error">{{MESSAGE}}</p>{{/ERROR}}
{{#LOGIN}}<p>[[<a href="/login?next={{NEXT}}">Log in to book a time</a>.]]</p>{{/LOGIN}}
{{#NONE}}<p id="no-starts">[[No free times on this day.]]</p>{{/NONE}}
<ul class="starts" id="starts">
{{#START}}<li data-start="{{VALUE}}">{{TIME}}{{#CAN_BOOK}}
<form method="post" action="/events/{{ID}}/appointments" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="start" value="{{VALUE}}">
<button type="submit">[[Book<span class="visually-hidden"> {{TIME}}</span>]]</button>
</form>{{/CAN_BOOK}}</li>
{{/START}}
</ul>
