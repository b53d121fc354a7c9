{{%AUTOESCAPE context="HTML"}}
<h1>[[Order {{ORDER_ID}}]]</h1>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
{{#ERROR}}<p class="error" role="alert" id="order-error">{{MESSAGE}}</p>{{/ERROR}}
<dl class="facts">
<dt>[[Made]]</dt><dd>{{CREATED}}</dd>
<dt>[[Status]]</dt><dd class="status {{ORDER_STATUS}}" id="order-status" data-status="{{ORDER_STATUS}}">{{ORDER_STATUS_LABEL}}</dd>
{{#DISCOUNTED}}<dt>[[Before discount]]</dt><dd id="base-price">{{BASE_PRICE}}</dd><dt>[[Discount]]</dt><dd id="discount">−{{DISCOUNT_AMOUNT}}</dd>{{/DISCOUNTED}}
{{#TAXED}}<dt>{{#INCLUDED}}[[Tax {{TAX_RATE}} (included)]]{{/INCLUDED}}{{#EXCLUDED}}[[Tax {{TAX_RATE}}]]{{/EXCLUDED}}</dt><dd id="tax">{{TAX_AMOUNT}}</dd>{{/TAXED}}
<dt>[[Total]]</dt><dd id="order-total">{{TOTAL}}</dd>
{{#REFUNDED}}<dt>[[Refunded]]</dt><dd id="order-refunded">{{REFUNDED}}</dd>{{/REFUNDED}}
{{#DUE}}<dt>[[Due]]</dt><dd id="order-due">{{DUE}}</dd>{{/DUE}}
</dl>
<p><a href="/orders/{{ORDER_ID}}/receipt" id="receipt">[[Receipt]]</a></p>
{{#PAY_ONLINE}}<p><a class="button" id="pay" href="{{PAY_URL}}">[[Pay {{DUE}}]]</a></p>{{/PAY_ONLINE}}
<table class="bookings">
<thead><tr><th scope="col">[[When]]</th><th scope="col">[[Room]]</th><th scope="col">[[Event]]</th><th scope="col">[[Status]]</th><th scope="col">[[Payment]]</th><th scope="col">[[Price]]</th></tr></thead>
<tbody>
{{#BOOKING}}
<tr data-booking="{{ID}}">
<th scope="row"><a href="/bookings/{{ID}}">{{DATE}}, {{START}}–{{END}}</a></th>
<td>{{ROOM_NAME}}</td>
<td>{{#EVENT}}{{EVENT_TITLE}}{{/EVENT}}</td>
<td class="status {{STATUS}}">{{STATUS_LABEL}}</td>
<td>{{PAYMENT_LABEL}}</td>
<td>{{PRICE}}{{#PAY_ROW}} <a class="button" href="{{PAY_URL}}">[[Pay<span class="visually-hidden"> booking {{ID}}</span>]]</a>{{/PAY_ROW}}</td>
</tr>
{{/BOOKING}}
</tbody>
</table>
{{#CAN_CANCEL}}<form method="post" action="/orders/{{ORDER_ID}}/cancel" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Cancel the enrolment]]</button>
</form>
<p class="hint">[[Every session still to come is cancelled; the refund follows the cancellation rules, counted from the first of them.]]</p>{{/CAN_CANCEL}}
