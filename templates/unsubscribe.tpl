{{%AUTOESCAPE context="HTML"}}
<h1>[[Reminder mail]]</h1>
{{#ASK}}
<p>[[Stop the reminder mail sent before your bookings? Confirmations and other news about your bookings still come.]]</p>
<form method="post" action="/unsubscribe/{{TOKEN}}">
<button type="submit">[[Stop reminder mail]]</button>
</form>
{{/ASK}}
{{#DONE}}<p class="notice" role="status" id="unsubscribed">[[Reminder mail is off. You can turn it on again on your account page.]]</p>{{/DONE}}
