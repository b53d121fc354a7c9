{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Mail and payments]]</h1>
{{#QUEUED}}<p class="notice" role="status">[[The message will be sent again on the next run of the job runner.]]</p>{{/QUEUED}}
<table class="counts" id="mail-counts">
<thead><tr><th scope="col">[[What]]</th><th scope="col">[[Status]]</th><th scope="col">[[How many]]</th></tr></thead>
<tbody>
{{#COUNT}}<tr><td>{{TABLE}}</td><td>{{STATUS}}</td><td>{{N}}</td></tr>
{{/COUNT}}
</tbody>
</table>
<h2>[[Messages: {{STATUS}}]]</h2>
<p class="tabs">{{#TAB}}<a href="/admin/mail?status={{TAB}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{TAB}}</a> {{/TAB}}</p>
{{#NO_MESSAGES}}<p>[[No {{STATUS}} messages.]]</p>{{/NO_MESSAGES}}
<table class="mail" id="messages">
<thead><tr><th scope="col">[[Message]]</th><th scope="col">[[To]]</th><th scope="col">[[Queued]]</th><th scope="col">[[Sent or next try]]</th><th scope="col">[[Tries]]</th><th scope="col">[[Last error]]</th><th scope="col"></th></tr></thead>
<tbody>
{{#MESSAGE}}<tr data-mail="{{ID}}"><th scope="row">{{KIND}}{{#BOOKING}} [[(<a href="/admin/bookings/{{BOOKING_ID}}">booking {{BOOKING_ID}}</a>)]]{{/BOOKING}}</th><td>{{TO}}</td><td>{{CREATED}}</td><td>{{WHEN}}</td><td>{{ATTEMPTS}}</td><td class="error">{{ERROR}}</td>
<td>{{#RETRY}}<form method="post" action="/admin/mail/{{ID}}/retry" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Send again]]</button></form>{{/RETRY}}</td></tr>
{{/MESSAGE}}
</tbody>
</table>
<h2>[[Payments to look at]]</h2>
{{#NO_PAYMENTS}}<p>[[None: every payment matched its booking.]]</p>{{/NO_PAYMENTS}}
<table class="payments" id="payments">
<thead><tr><th scope="col">[[Event]]</th><th scope="col">[[Type]]</th><th scope="col">[[Booking]]</th><th scope="col">[[Amount]]</th><th scope="col">[[Outcome]]</th><th scope="col">[[Received]]</th></tr></thead>
<tbody>
{{#PAYMENT}}<tr><th scope="row">{{EVENT}}</th><td>{{TYPE}}</td><td><a href="/admin/bookings/{{BOOKING_ID}}">{{BOOKING_ID}}</a></td><td>{{AMOUNT}}</td><td>{{OUTCOME}}</td><td>{{RECEIVED}}</td></tr>
{{/PAYMENT}}
</tbody>
</table>
