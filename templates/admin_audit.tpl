{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Audit trail]]</h1>
<p class="meta">[[Every change to a booking, newest first, with who made it. <a href="/admin/audit?log=security">Security events</a>]]</p>
<form method="get" action="/admin/audit" class="filter" role="search" aria-label="[[Filter the audit trail]]">
<p><label for="bookingId">[[Booking]]</label>
<input type="number" id="bookingId" name="bookingId" value="{{BOOKING_ID}}" min="1"></p>
<p><label for="email">[[Customer email]]</label>
<input type="email" id="email" name="email" value="{{EMAIL}}" maxlength="{{EMAIL_MAX}}"></p>
<p><label for="actorEmail">[[Done by (email)]]</label>
<input type="email" id="actorEmail" name="actorEmail" value="{{ACTOR_EMAIL}}" maxlength="{{EMAIL_MAX}}"></p>
<p><label for="type">[[What]]</label>
<select id="type" name="type">
{{#TYPE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/TYPE_OPTION}}
</select></p>
<p><button type="submit">[[Filter]]</button> <a href="/admin/audit">[[Clear]]</a></p>
</form>
{{#NO_EVENTS}}<p>[[No booking event matches.]]</p>{{/NO_EVENTS}}
<table class="audit" id="audit">
<thead><tr><th scope="col">[[When]]</th><th scope="col">[[Booking]]</th><th scope="col">[[What]]</th><th scope="col">[[By]]</th><th scope="col">[[Customer]]</th><th scope="col">[[Status]]</th><th scope="col">[[Details]]</th></tr></thead>
<tbody>
{{#EVENT}}
<tr data-type="{{TYPE}}">
<td>{{WHEN}}</td>
<th scope="row"><a href="/admin/bookings/{{BOOKING_ID}}">{{BOOKING_ID}}</a></th>
<td>{{WHAT}}</td>
<td>{{ACTOR}}{{#BY_EMAIL}}<br><span class="meta">{{EMAIL}}</span>{{/BY_EMAIL}}</td>
<td>{{USER_NAME}}<br><span class="meta">{{USER_EMAIL}}</span></td>
<td>{{FROM}} → {{TO}}</td>
<td>{{#DETAILS}}<code>{{DATA}}</code>{{/DETAILS}}</td>
</tr>
{{/EVENT}}
</tbody>
</table>
<nav class="pages" aria-label="[[Pages]]">
{{#PREV_PAGE}}<a rel="prev" href="{{HREF}}">[[Previous page]]</a>{{/PREV_PAGE}}
{{#NEXT_PAGE}}<a rel="next" href="{{HREF}}">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
