{{%AUTOESCAPE context="HTML"}}
<h1>[[My bookings]]</h1>
{{#WELCOME}}<p class="notice" role="status">[[Welcome, {{NAME}}: your account is ready.]]</p>{{/WELCOME}}
<nav class="tabs" aria-label="[[Bookings]]">
<ul>
{{#TAB}}<li><a href="/me?tab={{TAB}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>
{{/TAB}}
</ul>
</nav>
<h2 class="tab-title">{{TAB_TITLE}}</h2>
{{#EMPTY}}<p>[[Nothing here. <a href="/rooms">Find a room</a> or <a href="/events">an event</a>.]]</p>{{/EMPTY}}
{{#ANY}}<table class="bookings stack">
<thead><tr><th scope="col">[[When]]</th><th scope="col">[[Room]]</th><th scope="col">[[Event]]</th><th scope="col">[[Status]]</th><th scope="col">[[Payment]]</th><th scope="col">[[Price]]</th><th scope="col">[[Actions]]</th></tr></thead>{{/ANY}}
{{#GROUP}}<tbody{{#ORDER}} class="order" data-order="{{ORDER_ID}}"{{/ORDER}}>
{{#ORDER}}<tr class="order-heading"><th scope="rowgroup" colspan="7">[[<a href="/orders/{{ORDER_ID}}">Order {{ORDER_ID}}</a>: {{COUNT}} bookings, total <span class="order-total">{{TOTAL}}</span>, {{ORDER_STATUS_LABEL}}]]</th></tr>
{{/ORDER}}{{#BOOKING}}
<tr data-booking="{{ID}}">
<th scope="row" data-label="[[When]]"><a href="/bookings/{{ID}}">{{SHORT_DATE}}, {{START}}–{{END}}</a></th>
<td data-label="[[Room]]">{{ROOM_NAME}}</td>
<td data-label="[[Event]]">{{#EVENT}}{{EVENT_TITLE}}{{/EVENT}}</td>
<td data-label="[[Status]]" class="status {{STATUS}}">{{STATUS_LABEL}}</td>
<td data-label="[[Payment]]">{{PAYMENT_LABEL}}</td>
<td data-label="[[Price]]">{{PRICE}}</td>
<td data-label="[[Actions]]" class="buttons">{{#CAN_PAY}}<a class="button primary" href="{{PAY_HREF}}">[[Pay<span class="visually-hidden"> booking {{ID}}</span>]]</a>{{/CAN_PAY}}
{{#CAN_RESCHEDULE}}<a href="/bookings/{{ID}}/reschedule">[[Move<span class="visually-hidden"> booking {{ID}}</span>]]</a>{{/CAN_RESCHEDULE}}
{{#CAN_CANCEL}}<a href="/bookings/{{ID}}/cancel">[[Cancel<span class="visually-hidden"> booking {{ID}}</span>]]</a>{{/CAN_CANCEL}}
{{#CAN_REACTIVATE}}<form method="post" action="/bookings/{{ID}}/reactivate" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Book again<span class="visually-hidden"> booking {{ID}}</span>]]</button></form>{{/CAN_REACTIVATE}}
{{#CAN_REVIEW}}<a href="/bookings/{{ID}}#review">[[Review<span class="visually-hidden"> booking {{ID}}</span>]]</a>{{/CAN_REVIEW}}
{{#CAN_CALENDAR}}<a href="/bookings/{{ID}}/calendar.ics" download>[[Add to calendar<span class="visually-hidden"> booking {{ID}}</span>]]</a>{{/CAN_CALENDAR}}</td>
</tr>
{{/BOOKING}}
</tbody>{{/GROUP}}
{{#ANY}}</table>{{/ANY}}
{{#ANY_WAITING}}<h2>[[Waiting lists]]</h2>
<ul class="waiting">
{{#WAITLIST}}<li data-waiting="{{SLOT_ID}}"><a href="/timeslots/{{SLOT_ID}}">{{WHEN}}, {{ROOM_NAME}}{{#EVENT}}: {{EVENT_TITLE}}{{/EVENT}}[[</a>: number {{POSITION}} in line]]
<form method="post" action="/timeslots/{{SLOT_ID}}/waitlist/leave" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="back" value="/me"><button type="submit" class="secondary">[[Leave<span class="visually-hidden"> the waiting list of {{WHEN}}</span>]]</button></form></li>
{{/WAITLIST}}
</ul>{{/ANY_WAITING}}
<nav class="pages" aria-label="[[Pages]]">
{{#PREV_PAGE}}<a rel="prev" href="/me?tab={{TAB}}&amp;cursor={{CURSOR}}">[[Previous page]]</a>{{/PREV_PAGE}}
{{#NEXT_PAGE}}<a rel="next" href="/me?tab={{TAB}}&amp;cursor={{CURSOR}}">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
{{#CREDITS}}<section id="credits">
<h2>[[Your credits]]</h2>
<ul>
{{#CREDIT}}<li data-credit="{{CREDIT_ID}}">[[<a href="/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a> ({{PACKAGE_NAME}}), use by <span class="expires">{{EXPIRES}}</span>]]{{#UNPAID}}[[: <a href="/orders/{{ORDER_ID}}">pay for it first</a>]]{{/UNPAID}}</li>
{{/CREDIT}}
</ul>
</section>{{/CREDITS}}
