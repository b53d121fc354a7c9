{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Booking limits]]</h1>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
<p class="meta">[[How much one person of a role may book of each kind of room at once: bookings held or confirmed and not over yet, unpaid holds, and hours in one week (Monday to Sunday). Leave a field empty for no limit. A booking over a limit is refused, saying which.]]</p>
<form method="post" action="/admin/quotas" class="quotas" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<table class="quotas stack">
<thead><tr><th scope="col">[[Role]]</th><th scope="col">[[Room type]]</th><th scope="col">[[Active bookings]]</th><th scope="col">[[Unpaid holds]]</th><th scope="col">[[Hours a week]]</th></tr></thead>
<tbody>
{{#QUOTA}}<tr><th scope="row">{{ROLE}}</th><td data-label="[[Room type]]">{{TYPE}}</td>
{{#LIMIT}}<td><input type="text" inputmode="numeric" id="{{FIELD}}" name="{{FIELD}}" value="{{VALUE}}" size="5" aria-label="{{LABEL}}"{{#ERROR}} aria-invalid="true" aria-describedby="{{FIELD}}-error"{{/ERROR}}>{{#ERROR}}<span class="field-error" id="{{FIELD}}-error">{{MESSAGE}}</span>{{/ERROR}}</td>
{{/LIMIT}}</tr>
{{/QUOTA}}
</tbody>
</table>
<p><button type="submit">[[Save limits]]</button></p>
</form>
