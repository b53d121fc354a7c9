{{%AUTOESCAPE context="HTML"}}
<h1>[[Book a room or a session]]</h1>

<form class="picker" method="get" action="/">
<label for="date">[[Show sessions from]]</label>
<input type="date" id="date" name="date" value="{{DATE}}" min="{{TODAY}}" required>
<button type="submit">[[Show]]</button>
</form>

<section aria-labelledby="sessions-h">
<h2 id="sessions-h">[[Upcoming sessions]]{{#FROM_DATE}} [[from {{DATE_LABEL}}]]{{/FROM_DATE}}</h2>
{{#NO_SESSIONS}}<p>[[No sessions are scheduled from this date.]]</p>{{/NO_SESSIONS}}
<ul class="sessions">
{{#SESSION}}
<li class="slot {{STATE}}">
<span class="when"><time datetime="{{ISO_DATE}}">{{DATE}}</time>, {{START}}–{{END}}</span>
{{#EVENT}}<a href="/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a>{{#SEQUENCE}} [[(session {{SEQUENCE_NO}})]]{{/SEQUENCE}}{{/EVENT}}
[[in <a href="/rooms/{{ROOM_ID}}?date={{ISO_DATE}}">{{ROOM_NAME}}</a>
<span class="state">{{STATE_LABEL}}]]{{#SEATS}}[[, {{SEATS_TEXT}} <a href="/timeslots/{{SLOT_ID}}">Book<span class="visually-hidden"> {{DATE}} {{START}}</span></a>]]{{/SEATS}}</span>
<span class="price">{{PRICE}}</span>
</li>
{{/SESSION}}
</ul>
</section>

<section aria-labelledby="rooms-h">
<h2 id="rooms-h">[[Rooms]]</h2>
{{#NO_ROOMS}}<p>[[No rooms yet.]]</p>{{/NO_ROOMS}}
<ul class="rooms">
{{#ROOM}}
<li>[[<a href="/rooms/{{ID}}?date={{DATE}}">{{NAME}}</a> <span class="meta">{{TYPE_LABEL}}, up to {{CAPACITY}} people</span>]]</li>
{{/ROOM}}
</ul>
<p><a href="/rooms">[[All rooms, by type and size]]</a></p>
</section>
