{{%AUTOESCAPE context="HTML"}}
<h1>[[Cancel booking {{ID}}?]]</h1>
<p>{{ROOM_NAME}}, {{DATE}}, {{START}}–{{END}}{{#EVENT}} ({{EVENT_TITLE}}){{/EVENT}}.</p>
{{#PAID}}<p>[[You paid {{PAID}}. Cancelling now refunds <strong id="refund">{{REFUND}}</strong>.]]</p>
<p class="hint">[[Refunds: everything when you cancel {{FULL_HOURS}} hours or more before the start, {{PARTIAL_PERCENT}} % from {{PARTIAL_HOURS}} hours before, nothing later.]]</p>{{/PAID}}
{{#NOT_PAID}}<p>[[Nothing has been paid, so there is nothing to refund (<span id="refund">{{REFUND}}</span>).]]</p>{{/NOT_PAID}}
<form method="post" action="{{ACTION}}" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Yes, cancel it]]</button>
</form>
<a href="{{BACK}}">[[No, keep it]]</a>
