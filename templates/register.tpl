{{%AUTOESCAPE context="HTML"}}
{{#FORM}}
<h1>[[Create an account]]</h1>
<form method="post" action="/register" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="name">[[Name]]</label>
<input type="text" id="name" name="name" value="{{NAME}}" autocomplete="name" maxlength="{{NAME_MAX}}" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<span class="field-error" id="name-error">{{MESSAGE}}</span>{{/NAME_ERROR}}
</p>
<p>
<label for="email">[[Email]]</label>
<input type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="email" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
{{#EMAIL_ERROR}}<span class="field-error" id="email-error">{{MESSAGE}}</span>{{/EMAIL_ERROR}}
</p>
<p>
<label for="password">[[Password]]</label>
<input type="password" id="password" name="password" autocomplete="new-password" minlength="{{PASSWORD_MIN}}" maxlength="{{PASSWORD_MAX}}" required aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
<span class="hint" id="password-hint">[[{{PASSWORD_MIN}} to {{PASSWORD_MAX}} characters; common passwords are refused.]]</span>
{{#PASSWORD_ERROR}}<span class="field-error" id="password-error">{{MESSAGE}}</span>{{/PASSWORD_ERROR}}
</p>
<p><button type="submit">[[Create account]]</button></p>
</form>
<p>[[Already registered? <a href="/login">Log in</a>.]]</p>
{{/FORM}}
{{#SENT}}
<h1>[[Check your mail]]</h1>
<div class="notice" role="status">
<p>[[We have sent a message to <strong>{{EMAIL}}</strong>.]]</p>
<p>[[If the address is new here, the message holds a link that makes your account: follow it within {{HOURS}} hours, then log in. If the address has an account already, the message says so instead.]]</p>
</div>
<p>[[No message? Look in your spam folder, or <a href="/register">sign up again</a>.]]</p>
{{/SENT}}
{{#CONFIRM}}
<h1>[[Confirm your address]]</h1>
<p>[[This makes your account with the name and password you signed up with.]]</p>
<form method="post" action="/register/confirm/{{TOKEN}}">
<p><button type="submit">[[Confirm my address and make my account]]</button></p>
</form>
{{/CONFIRM}}
