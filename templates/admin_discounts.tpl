{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Discount codes]]</h1>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
<p class="meta">[[A code takes a percent or an amount off each line it is for, entered on the timeslot page, in the cart or at checkout. A use is counted per order; a cancellation early enough for a full refund gives it back.]]</p>
<table class="stack">
<thead><tr><th scope="col">[[Code]]</th><th scope="col">[[Off]]</th><th scope="col">[[From]]</th><th scope="col">[[Until]]</th><th scope="col">[[For]]</th><th scope="col">[[Uses]]</th></tr></thead>
<tbody>
{{#DISCOUNT}}<tr><th scope="row">{{CODE}}</th><td data-label="[[Off]]">{{OFF}}</td><td data-label="[[From]]">{{FROM}}</td><td data-label="[[Until]]">{{UNTIL}}</td><td data-label="[[For]]">{{FOR}}{{#ONCE}}, [[once per customer]]{{/ONCE}}</td><td data-label="[[Uses]]">{{USES}}</td></tr>
{{/DISCOUNT}}
</tbody>
</table>
{{#NO_DISCOUNTS}}<p>[[No discount codes yet.]]</p>{{/NO_DISCOUNTS}}

<h2 id="new-h">[[A new code]]</h2>
<form method="post" action="/admin/discounts" class="stacked" novalidate aria-labelledby="new-h">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label for="code">[[Code]]</label>
<input type="text" id="code" name="code" value="{{CODE}}" maxlength="40" required{{#CODE_ERROR}} aria-invalid="true" aria-describedby="code-error"{{/CODE_ERROR}}>
{{#CODE_ERROR}}<span class="field-error" id="code-error">{{MESSAGE}}</span>{{/CODE_ERROR}}</p>
<p><label for="percent">[[Percent off]]</label>
<input type="text" id="percent" name="percent" value="{{PERCENT}}" inputmode="numeric" size="4"{{#PERCENT_ERROR}} aria-invalid="true" aria-describedby="percent-error"{{/PERCENT_ERROR}}>
{{#PERCENT_ERROR}}<span class="field-error" id="percent-error">{{MESSAGE}}</span>{{/PERCENT_ERROR}}</p>
<p><label for="amountOff">[[or an amount off]]</label>
<input type="text" id="amountOff" name="amountOff" value="{{AMOUNTOFF}}" inputmode="decimal" size="8"{{#AMOUNTOFF_ERROR}} aria-invalid="true" aria-describedby="amountOff-error"{{/AMOUNTOFF_ERROR}}>
{{#AMOUNTOFF_ERROR}}<span class="field-error" id="amountOff-error">{{MESSAGE}}</span>{{/AMOUNTOFF_ERROR}}</p>
<p><label for="validFrom">[[Valid from]]</label>
<input type="datetime-local" id="validFrom" name="validFrom" value="{{VALIDFROM}}"{{#VALIDFROM_ERROR}} aria-invalid="true" aria-describedby="validFrom-error"{{/VALIDFROM_ERROR}}>
{{#VALIDFROM_ERROR}}<span class="field-error" id="validFrom-error">{{MESSAGE}}</span>{{/VALIDFROM_ERROR}}</p>
<p><label for="validUntil">[[Valid until]]</label>
<input type="datetime-local" id="validUntil" name="validUntil" value="{{VALIDUNTIL}}"{{#VALIDUNTIL_ERROR}} aria-invalid="true" aria-describedby="validUntil-error"{{/VALIDUNTIL_ERROR}}>
{{#VALIDUNTIL_ERROR}}<span class="field-error" id="validUntil-error">{{MESSAGE}}</span>{{/VALIDUNTIL_ERROR}}</p>
<p><label for="roomId">[[Only for room (id)]]</label>
<input type="text" id="roomId" name="roomId" value="{{ROOMID}}" inputmode="numeric" size="6"{{#ROOMID_ERROR}} aria-invalid="true" aria-describedby="roomId-error"{{/ROOMID_ERROR}}>
{{#ROOMID_ERROR}}<span class="field-error" id="roomId-error">{{MESSAGE}}</span>{{/ROOMID_ERROR}}</p>
<p><label for="eventId">[[Only for event (id)]]</label>
<input type="text" id="eventId" name="eventId" value="{{EVENTID}}" inputmode="numeric" size="6"{{#EVENTID_ERROR}} aria-invalid="true" aria-describedby="eventId-error"{{/EVENTID_ERROR}}>
{{#EVENTID_ERROR}}<span class="field-error" id="eventId-error">{{MESSAGE}}</span>{{/EVENTID_ERROR}}</p>
<p><label for="maxUses">[[Uses at most]]</label>
<input type="text" id="maxUses" name="maxUses" value="{{MAXUSES}}" inputmode="numeric" size="6"{{#MAXUSES_ERROR}} aria-invalid="true" aria-describedby="maxUses-error"{{/MAXUSES_ERROR}}>
{{#MAXUSES_ERROR}}<span class="field-error" id="maxUses-error">{{MESSAGE}}</span>{{/MAXUSES_ERROR}}</p>
<p><label><input type="checkbox" name="oncePerCustomer" value="1"> [[Once per customer]]</label></p>
<p><button type="submit">[[Make the code]]</button></p>
</form>
