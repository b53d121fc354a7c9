{{%AUTOESCAPE context="HTML"}}
<h1>[[Cart]]</h1>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
{{#ERROR}}<p class="error" role="alert" id="cart-error" data-code="{{CODE}}">{{#ITEM}}[[Nothing was booked: {{ITEM}} could not be booked.]] {{/ITEM}}{{MESSAGE}}</p>{{/ERROR}}
{{#EMPTY}}<p id="cart-empty">[[Your cart is empty. <a href="/events">Find an event</a> or <a href="/rooms">a room</a>.]]</p>{{/EMPTY}}
{{#CHECKOUT}}
<table class="cart">
<thead><tr><th scope="col">[[When]]</th><th scope="col">[[Room]]</th><th scope="col">[[Event]]</th><th scope="col">[[Availability]]</th><th scope="col">[[Price]]</th><th scope="col">[[Actions]]</th></tr></thead>
<tbody>
{{/CHECKOUT}}
{{#ITEM}}
<tr data-item="{{ITEM_ID}}" data-slot="{{SLOT_ID}}"{{#FAILED}} class="failed"{{/FAILED}}>
<th scope="row"><a href="/timeslots/{{SLOT_ID}}">{{DATE}}, {{START}}–{{END}}</a></th>
<td>{{ROOM_NAME}}</td>
<td>{{#EVENT}}{{EVENT_TITLE}}{{/EVENT}}</td>
<td class="slot {{STATE}}">{{STATE_LABEL}}{{#SEATS}}[[: {{SEATS_LEFT}} of {{CAPACITY}} seats left]]{{/SEATS}}{{#FAILED}} <strong class="item-error" data-code="{{CODE}}">{{MESSAGE}}</strong>{{/FAILED}}</td>
<td class="price">{{LINE_PRICE}}</td>
<td><form method="post" action="/cart/items/{{ITEM_ID}}/remove" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Remove<span class="visually-hidden"> item {{ITEM_ID}}</span>]]</button></form></td>
</tr>
{{/ITEM}}
{{#CHECKOUT}}
</tbody>
<tfoot><tr><th scope="row" colspan="4">[[Total]]</th><td id="cart-total">{{TOTAL}}</td><td></td></tr></tfoot>
</table>
{{#HOLD}}<p class="hint">[[Checking out holds every seat for {{HOLD_MINUTES}} minutes while you pay.]]</p>{{/HOLD}}
<form method="post" action="/cart/checkout" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="idempotency_key" value="{{IDEMPOTENCY_KEY}}">
<label for="discount_code">[[Discount code (optional)]]</label>
<input type="text" id="discount_code" name="discount_code" value="{{DISCOUNT_CODE}}" maxlength="40" autocomplete="off"{{#DISCOUNT_ERROR}} aria-invalid="true" aria-describedby="discount_code-error"{{/DISCOUNT_ERROR}}>
{{#DISCOUNT_ERROR}}<span class="field-error" id="discount_code-error">{{MESSAGE}}</span>{{/DISCOUNT_ERROR}}
<button type="submit">[[Check out]]</button>
</form>
<form method="post" action="/cart/clear" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Empty the cart]]</button>
</form>
{{/CHECKOUT}}
