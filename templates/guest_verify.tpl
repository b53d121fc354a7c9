{{%AUTOESCAPE context="HTML"}}
{{#CONFIRM}}
<h1>[[Confirm your booking]]</h1>
<p>[[This confirms your address and keeps the place you booked.]]</p>
<form method="post" action="/guest/verify/{{TOKEN}}">
<p><button type="submit">[[Confirm my address and keep the place]]</button></p>
</form>
{{/CONFIRM}}
{{#STOPPED}}
<h1>[[The link is stopped]]</h1>
<p class="notice" role="status">[[This booking's link no longer works. Any other link we mailed you about it still does.]]</p>
{{/STOPPED}}
