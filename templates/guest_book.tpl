{{%AUTOESCAPE context="HTML"}}
<h1>[[Book without an account]]</h1>
<p class="meta">{{ROOM_NAME}}: <time datetime="{{ISO_DATE}}">{{LONG_DATE}}</time>, {{START}}–{{END}}{{#EVENT}}, {{EVENT_TITLE}}{{/EVENT}}</p>
<dl class="facts">
<dt>[[Price]]</dt><dd>{{PRICE}}</dd>
<dt>[[Availability]]</dt><dd class="slot {{STATE}}">{{STATE_LABEL}}{{#SEATS}}: {{SEATS_TEXT}}{{/SEATS}}</dd>
</dl>
{{#ERROR}}<p class="error" role="alert" id="booking-error">{{MESSAGE}}</p>{{/ERROR}}
{{#CLOSED}}<p class="notice">[[Bookings without an account are switched off. <a href="/login">Log in</a> or <a href="/register">create an account</a> to book.]]</p>{{/CLOSED}}
{{#SENT}}
<div class="notice" role="status" id="sent">
<p>[[Check your mail: we have sent you a link. Follow it within {{HOLD_MINUTES}} minutes to keep the place; until then it is held for you.]]</p>
<p>[[The message also holds your booking's own link, to see, pay or cancel it later. Keep it private.]]</p>
</div>
{{/SENT}}
{{#FORM}}
<form method="post" action="/timeslots/{{SLOT_ID}}/guest" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="name">[[Name]]</label>
<input type="text" id="name" name="name" value="{{NAME}}" autocomplete="name" maxlength="{{NAME_MAX}}" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<span class="field-error" id="name-error">{{MESSAGE}}</span>{{/NAME_ERROR}}
</p>
<p>
<label for="email">[[Email]]</label>
<input type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="email" required aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
<span class="hint" id="email-hint">[[We mail you a link to confirm the booking within {{HOLD_MINUTES}} minutes.]]</span>
{{#EMAIL_ERROR}}<span class="field-error" id="email-error">{{MESSAGE}}</span>{{/EMAIL_ERROR}}
</p>
<p>
<label for="phone">[[Phone (optional)]]</label>
<input type="tel" id="phone" name="phone" value="{{PHONE}}" autocomplete="tel" maxlength="{{PHONE_MAX}}"{{#PHONE_ERROR}} aria-invalid="true" aria-describedby="phone-error"{{/PHONE_ERROR}}>
{{#PHONE_ERROR}}<span class="field-error" id="phone-error">{{MESSAGE}}</span>{{/PHONE_ERROR}}
</p>
<p><button type="submit">[[Book and send me the link]]</button></p>
</form>
<p>[[Have an account? <a href="/login?next={{NEXT}}">Log in to book</a>.]]</p>
{{/FORM}}
