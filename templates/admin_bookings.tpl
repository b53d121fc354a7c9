{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Bookings]]</h1>
<form method="get" action="/admin/bookings" class="filter" role="search" aria-label="[[Filter bookings]]">
<p><label for="status">[[Status]]</label>
<select id="status" name="status">
{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATUS_OPTION}}
</select></p>
<p><label for="paymentStatus">[[Payment]]</label>
<select id="paymentStatus" name="paymentStatus">
{{#PAYMENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/PAYMENT_OPTION}}
</select></p>
<p><label for="roomId">[[Room]]</label>
<select id="roomId" name="roomId">
{{#ROOM_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROOM_OPTION}}
</select></p>
<p><label for="eventId">[[Event]]</label>
<select id="eventId" name="eventId">
{{#EVENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/EVENT_OPTION}}
</select></p>
<p><label for="from">[[Starting from]]</label>
<input type="date" id="from" name="from" value="{{FROM}}"></p>
<p><label for="to">[[Until]]</label>
<input type="date" id="to" name="to" value="{{TO}}"></p>
<p><label for="email">[[Customer email]]</label>
<input type="email" id="email" name="email" value="{{EMAIL}}" maxlength="{{EMAIL_MAX}}"></p>
<p><label for="sort">[[Newest first by]]</label>
<select id="sort" name="sort">
{{#SORT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/SORT_OPTION}}
</select></p>
<p><button type="submit">[[Filter]]</button> <a href="/admin/bookings">[[Clear]]</a></p>
</form>
<p class="count" role="status">{{#TOTAL_CAPPED}}[[More than]] {{/TOTAL_CAPPED}}[[{{TOTAL}}. <a href="{{CSV_HREF}}" id="csv" download>Export them as CSV</a>]]</p>
{{#EMPTY}}<p>[[No booking matches this filter.]]</p>{{/EMPTY}}
<div class="table-box">
<table class="bookings stack" id="bookings">
<thead><tr><th scope="col">[[Booking]]</th><th scope="col">[[When]]</th><th scope="col">[[Room]]</th><th scope="col">[[Event]]</th><th scope="col">[[Customer]]</th><th scope="col">[[Status]]</th><th scope="col">[[Payment]]</th><th scope="col">[[Price]]</th><th scope="col">[[Booked on]]</th><th scope="col">[[Actions]]</th></tr></thead>
<tbody>
{{#BOOKING}}
<tr data-booking="{{ID}}">
<th scope="row" data-label="[[Booking]]"><a href="/admin/bookings/{{ID}}">{{ID}}</a></th>
<td data-label="[[When]]"><time datetime="{{ISO_DATE}}">{{SHORT_DATE}}</time> {{START}}–{{END}}</td>
<td data-label="[[Room]]">{{ROOM_NAME}}</td>
<td data-label="[[Event]]">{{#EVENT}}{{EVENT_TITLE}}{{/EVENT}}</td>
<td data-label="[[Customer]]">{{USER_NAME}}<br><span class="meta">{{USER_EMAIL}}</span></td>
<td class="status {{STATUS}}" data-label="[[Status]]">{{STATUS_LABEL}}</td>
<td data-label="[[Payment]]">{{PAYMENT_LABEL}}</td>
<td data-label="[[Price]]">{{PRICE}}</td>
<td data-label="[[Booked on]]">{{CREATED}}</td>
<td class="buttons" data-label="[[Actions]]">{{#CAN_CONFIRM}}<a href="/admin/bookings/{{ID}}#actions-h">[[Confirm payment<span class="visually-hidden"> of booking {{ID}}</span>]]</a>{{/CAN_CONFIRM}}
{{#CAN_CHECK_IN}}<form method="post" action="/admin/bookings/{{ID}}/check-in" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Check in<span class="visually-hidden"> booking {{ID}}</span>]]</button></form>{{/CAN_CHECK_IN}}
{{#CAN_CHECK_OUT}}<form method="post" action="/admin/bookings/{{ID}}/check-out" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Check out<span class="visually-hidden"> booking {{ID}}</span>]]</button></form>{{/CAN_CHECK_OUT}}
{{#CAN_COMPLETE}}<form method="post" action="/admin/bookings/{{ID}}/complete" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Complete<span class="visually-hidden"> booking {{ID}}</span>]]</button></form>
<form method="post" action="/admin/bookings/{{ID}}/no-show" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="secondary">[[No-show<span class="visually-hidden"> booking {{ID}}</span>]]</button></form>{{/CAN_COMPLETE}}
{{#CAN_CANCEL}}<a href="/admin/bookings/{{ID}}#actions-h">[[Cancel…<span class="visually-hidden"> booking {{ID}}</span>]]</a>{{/CAN_CANCEL}}</td>
</tr>
{{/BOOKING}}
</tbody>
</table>
</div>
<nav class="pages" aria-label="[[Pages]]">
{{#PREV_PAGE}}<a rel="prev" href="{{HREF}}">[[Previous page]]</a>{{/PREV_PAGE}}
{{#NEXT_PAGE}}<a rel="next" href="{{HREF}}">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
