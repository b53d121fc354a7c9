{{%AUTOESCAPE context="HTML"}}
{{#FORGOT}}
<h1>[[Forgot your password?]]</h1>
<p>[[Give the address of your account: we mail it a link to choose a new password (it works once, for {{MINUTES}} minutes).]]</p>
<form method="post" action="/password/forgot" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="email">[[Email]]</label>
<input type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="email" maxlength="{{EMAIL_MAX}}" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
{{#EMAIL_ERROR}}<span class="field-error" id="email-error">{{MESSAGE}}</span>{{/EMAIL_ERROR}}
</p>
<p><button type="submit">[[Mail me a link]]</button></p>
</form>
{{/FORGOT}}
{{#SENT}}
<h1>[[Check your mail]]</h1>
<div class="notice" role="status">
<p>[[If <strong>{{EMAIL}}</strong> has an account here, we have sent it a link to choose a new password. It works once, for {{MINUTES}} minutes.]]</p>
</div>
{{/SENT}}
{{#RESET}}
<h1>[[Choose a new password]]</h1>
<p>[[Setting it logs out every session of the account, revokes its API tokens and forgets its remembered devices. Two-factor authentication, if on, still asks for a code at login.]]</p>
<form method="post" action="/password/reset/{{TOKEN}}" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="password">[[New password]]</label>
<input type="password" id="password" name="password" autocomplete="new-password" minlength="{{PASSWORD_MIN}}" maxlength="{{PASSWORD_MAX}}" required aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
<span class="hint" id="password-hint">[[{{PASSWORD_MIN}} to {{PASSWORD_MAX}} characters; common passwords are refused.]]</span>
{{#PASSWORD_ERROR}}<span class="field-error" id="password-error">{{MESSAGE}}</span>{{/PASSWORD_ERROR}}
</p>
<p><button type="submit">[[Set the new password]]</button></p>
</form>
{{/RESET}}
