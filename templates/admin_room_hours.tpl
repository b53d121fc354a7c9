{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Bookable hours: {{ROOM_NAME}}]]</h1>
<p class="meta"><a href="/admin/rooms/{{ID}}">[[Back to the room]]</a></p>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
<p class="meta">[[Within these hours (site time) customers pick the start of an appointment with the room's individual events. Leave both times of a day empty to close it; 24:00 is the end of the day.]]</p>
<form method="post" action="/admin/rooms/{{ID}}/hours" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<table class="hours stack">
<thead><tr><th scope="col">[[Day]]</th><th scope="col">[[Opens]]</th><th scope="col">[[Closes]]</th></tr></thead>
<tbody>
{{#DAY}}<tr><th scope="row">{{DAY_NAME}}</th>
{{#TIME}}<td><input type="text" inputmode="numeric" id="{{FIELD}}" name="{{FIELD}}" value="{{VALUE}}" size="5" placeholder="[[HH:MM]]" aria-label="{{LABEL}}"{{#ERROR}} aria-invalid="true" aria-describedby="{{FIELD}}-error"{{/ERROR}}>{{#ERROR}}<span class="field-error" id="{{FIELD}}-error">{{MESSAGE}}</span>{{/ERROR}}</td>
{{/TIME}}</tr>
{{/DAY}}
</tbody>
</table>
<p><button type="submit">[[Save hours]]</button></p>
</form>
