{{%AUTOESCAPE context="HTML"}}
<h1>[[Account]]</h1>
{{#SAVED}}<p class="notice" role="status">{{MESSAGE}}</p>{{/SAVED}}
{{#NOTICE}}<p class="notice" role="alert">{{MESSAGE}}</p>{{/NOTICE}}
<p>{{EMAIL}}, {{ROLE}}</p>

<section aria-labelledby="name-h">
<h2 id="name-h">[[Name]]</h2>
<form method="post" action="/account/name" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="name">[[Name]]</label>
<input type="text" id="name" name="name" value="{{NAME}}" maxlength="{{NAME_MAX}}" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<span class="field-error" id="name-error">{{MESSAGE}}</span>{{/NAME_ERROR}}
</p>
<p><button type="submit">[[Change name]]</button></p>
</form>
</section>

<section aria-labelledby="reminders-h">
<h2 id="reminders-h">[[Reminder mail]]</h2>
<form method="post" action="/account/reminders" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label><input type="checkbox" id="reminders" name="reminders" value="1"{{#REMINDERS_ON}} checked{{/REMINDERS_ON}}> [[Mail me a reminder a day and an hour before each booking]]</label></p>
<p><button type="submit">[[Save]]</button></p>
</form>
</section>

<section aria-labelledby="sms-h">
<h2 id="sms-h">[[SMS reminders]]</h2>
<form method="post" action="/account/sms" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="phone">[[Phone]]</label>
<input type="tel" id="phone" name="phone" value="{{PHONE}}" maxlength="16" autocomplete="tel" aria-describedby="phone-hint{{#PHONE_ERROR}} phone-error{{/PHONE_ERROR}}"{{#PHONE_ERROR}} aria-invalid="true"{{/PHONE_ERROR}}>
<span class="hint" id="phone-hint">[[International form, like +4930123456. Leave it empty to remove it.]]</span>
{{#PHONE_ERROR}}<span class="field-error" id="phone-error">{{MESSAGE}}</span>{{/PHONE_ERROR}}
</p>
<p><label><input type="checkbox" id="smsReminders" name="smsReminders" value="1"{{#SMS_ON}} checked{{/SMS_ON}}{{#SMSREMINDERS_ERROR}} aria-invalid="true" aria-describedby="smsReminders-error"{{/SMSREMINDERS_ERROR}}> [[Send me an SMS a day before each booking]]</label>
{{#SMSREMINDERS_ERROR}}<span class="field-error" id="smsReminders-error">{{MESSAGE}}</span>{{/SMSREMINDERS_ERROR}}</p>
{{#SMS_UNSENT}}<p class="hint">[[This site sends no SMS at the moment; your choice is kept for when it does.]]</p>{{/SMS_UNSENT}}
<p><button type="submit">[[Save]]</button></p>
</form>
</section>

<section aria-labelledby="password-h">
<h2 id="password-h">[[Password]]</h2>
<form method="post" action="/account/password" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="current_password">[[Current password]]</label>
<input type="password" id="current_password" name="current_password" autocomplete="current-password" required{{#CURRENT_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="current-password-error"{{/CURRENT_PASSWORD_ERROR}}>
{{#CURRENT_PASSWORD_ERROR}}<span class="field-error" id="current-password-error">{{MESSAGE}}</span>{{/CURRENT_PASSWORD_ERROR}}
</p>
<p>
<label for="new_password">[[New password]]</label>
<input type="password" id="new_password" name="new_password" autocomplete="new-password" minlength="{{PASSWORD_MIN}}" maxlength="{{PASSWORD_MAX}}" required{{#NEW_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="new-password-error"{{/NEW_PASSWORD_ERROR}}>
{{#NEW_PASSWORD_ERROR}}<span class="field-error" id="new-password-error">{{MESSAGE}}</span>{{/NEW_PASSWORD_ERROR}}
</p>
<p>
<input type="checkbox" id="revoke_tokens" name="revoke_tokens" value="on"{{#REVOKE_TOKENS}} checked{{/REVOKE_TOKENS}}>
<label for="revoke_tokens">[[Also revoke my API tokens]]</label>
</p>
<p class="meta">[[Other sessions are logged out either way. Leave this ticked if you think someone else knew your password.]]</p>
<p><button type="submit">[[Change password]]</button></p>
</form>
</section>

<section aria-labelledby="feed-h">
<h2 id="feed-h">[[Calendar feed]]</h2>
{{#FEED}}
{{#FEED_ON}}<p>[[Your bookings have a private calendar feed, made {{FEED_MADE}}. Its address was shown once; a new address stops the old one.]]</p>
<form method="post" action="/account/calendar/revoke" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Stop the feed]]</button>
</form>{{/FEED_ON}}
{{#FEED_OFF}}<p>[[Subscribe your calendar program to your bookings: it then shows each one, and follows moves and cancellations.]]</p>{{/FEED_OFF}}
{{/FEED}}
<form method="post" action="/account/calendar" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Make a new feed address]]</button>
</form>
</section>

<section aria-labelledby="two-factor-h">
<h2 id="two-factor-h">[[Two-factor authentication]]</h2>
<p>[[Two-factor authentication is {{MFA_STATE}}. <a href="/account/two-factor">Manage two-factor authentication</a>]]</p>
</section>

<section aria-labelledby="tokens-h">
<h2 id="tokens-h">[[API tokens]]</h2>
{{#NEW_TOKEN}}
<div class="notice" role="status">
<p>[[Your new token is shown only this once. Copy it now:]]</p>
<p><code id="new-token">{{TOKEN}}</code></p>
<p>[[Send it as <code>Authorization: Bearer …</code>.]]</p>
</div>
{{/NEW_TOKEN}}
{{#NO_TOKENS}}<p>[[You have no API tokens.]]</p>{{/NO_TOKENS}}
<table class="tokens">
<thead><tr><th scope="col">[[Name]]</th><th scope="col">[[Created]]</th><th scope="col">[[Last used]]</th><th scope="col">[[Expires]]</th><th scope="col"><span class="visually-hidden">[[Actions]]</span></th></tr></thead>
<tbody>
{{#TOKEN_ROW}}
<tr data-token="{{ID}}">
<th scope="row">{{TOKEN_NAME}}</th><td>{{CREATED}}</td><td>{{LAST_USED}}</td><td>{{EXPIRES}}</td>
<td><form method="post" action="/account/tokens/{{ID}}/revoke" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" aria-label="[[Revoke token {{TOKEN_NAME}}]]">[[Revoke]]</button>
</form></td>
</tr>
{{/TOKEN_ROW}}
</tbody>
</table>
<form method="post" action="/account/tokens" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="token_name">[[New token name]]</label>
<input type="text" id="token_name" name="token_name" value="{{TOKEN_NAME}}" maxlength="{{NAME_MAX}}" required{{#TOKEN_NAME_ERROR}} aria-invalid="true" aria-describedby="token-name-error"{{/TOKEN_NAME_ERROR}}>
{{#TOKEN_NAME_ERROR}}<span class="field-error" id="token-name-error">{{MESSAGE}}</span>{{/TOKEN_NAME_ERROR}}
</p>
<p><button type="submit">[[Create token]]</button></p>
</form>
</section>
