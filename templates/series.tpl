{{%AUTOESCAPE context="HTML"}}
<h1>{{ROOM_NAME}}: {{EVERY_LABEL}}</h1>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
{{#ERROR}}<p class="error" role="alert" id="series-error">{{MESSAGE}}</p>{{/ERROR}}
<p class="meta">[[A recurring booking; its bookings are one order: <a href="/orders/{{ORDER_ID}}">order {{ORDER_ID}}</a>, where unpaid ones are paid.]]</p>
<table class="series" id="series-dates">
<thead><tr><th scope="col">[[Date]]</th><th scope="col">[[Time]]</th><th scope="col">[[Outcome]]</th></tr></thead>
<tbody>
{{#DAY_ROW}}<tr data-date="{{ISO_DAY}}" data-outcome="{{OUTCOME}}">
<th scope="row">{{DAY}}</th><td>{{START}}–{{END}}</td>
<td class="outcome {{OUTCOME}}">{{#BOOKING}}<a href="/bookings/{{BOOKING_ID}}">{{/BOOKING}}{{OUTCOME_LABEL}}{{#BOOKING}}</a>{{/BOOKING}}<span class="hint"> {{WHY}}</span></td>
</tr>
{{/DAY_ROW}}
</tbody>
</table>
{{#CANCEL}}
<form method="post" action="/series/{{SERIES_ID}}/cancel" class="stacked" id="series-cancel">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="from">[[Cancel from]]</label>
<select id="from" name="from">
<option value="">[[the whole series ({{LEFT}} to come)]]</option>
{{#FROM}}<option value="{{VALUE}}">[[{{LABEL}} on]]</option>
{{/FROM}}</select>
</p>
<p class="hint">[[Each booking is refunded as if cancelled on its own: in full, in part or not at all, by how soon it starts.]]</p>
<p><button type="submit" class="secondary">[[Cancel these bookings]]</button></p>
</form>
{{/CANCEL}}
