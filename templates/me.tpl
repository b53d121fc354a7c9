{{%AUTOESCAPE context="HTML"}}
<h1>My bookings</h1>
{{#WELCOME}}<p class="notice" role="status">Welcome, {{NAME}}: your account is ready.</p>{{/WELCOME}}
<nav class="tabs" aria-label="Bookings">
<ul>
{{#TAB}}<li><a href="/me?tab={{TAB}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>
{{/TAB}}
</ul>
</nav>
<h2 class="tab-title">{{TAB_TITLE}}</h2>
{{#EMPTY}}<p>Nothing here. <a href="/rooms">Find a room</a> or <a href="/events">an event</a>.</p>{{/EMPTY}}
<table class="bookings">
<thead><tr><th scope="col">When</th><th scope="col">Room</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Payment</th><th scope="col">Price</th><th scope="col">Actions</th></tr></thead>
{{#GROUP}}<tbody{{#ORDER}} class="order" data-order="{{ORDER_ID}}"{{/ORDER}}>
{{#ORDER}}<tr class="order-heading"><th scope="rowgroup" colspan="7"><a href="/orders/{{ORDER_ID}}">Order {{ORDER_ID}}</a>: {{COUNT}} bookings, total <span class="order-total">{{TOTAL}}</span>, {{ORDER_STATUS}}</th></tr>
{{/ORDER}}{{#BOOKING}}
<tr data-booking="{{ID}}">
<th scope="row"><a href="/bookings/{{ID}}">{{DATE}}, {{START}}–{{END}}</a></th>
<td>{{ROOM_NAME}}</td>
<td>{{#EVENT}}{{EVENT_TITLE}}{{/EVENT}}</td>
<td class="status {{STATUS}}">{{STATUS}}</td>
<td>{{PAYMENT_STATUS}}</td>
<td>{{PRICE}}</td>
<td>{{#CAN_CANCEL}}<a href="/bookings/{{ID}}/cancel">Cancel<span class="visually-hidden"> booking {{ID}}</span></a>{{/CAN_CANCEL}}
{{#CAN_REACTIVATE}}<form method="post" action="/bookings/{{ID}}/reactivate" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Book again<span class="visually-hidden"> booking {{ID}}</span></button></form>{{/CAN_REACTIVATE}}</td>
</tr>
{{/BOOKING}}
</tbody>{{/GROUP}}
</table>
<nav class="pages" aria-label="Pages">
{{#PREV_PAGE}}<a rel="prev" href="/me?tab={{TAB}}&amp;cursor={{CURSOR}}">Previous page</a>{{/PREV_PAGE}}
{{#NEXT_PAGE}}<a rel="next" href="/me?tab={{TAB}}&amp;cursor={{CURSOR}}">Next page</a>{{/NEXT_PAGE}}
</nav>
{{#CREDITS}}<section id="credits">
<h2>Your credits</h2>
<ul>
{{#CREDIT}}<li data-credit="{{CREDIT_ID}}"><a href="/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a> ({{PACKAGE_NAME}}), use by <span class="expires">{{EXPIRES}}</span>{{#UNPAID}}: <a href="/orders/{{ORDER_ID}}">pay for it first</a>{{/UNPAID}}</li>
{{/CREDIT}}
</ul>
</section>{{/CREDITS}}
