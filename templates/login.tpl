{{%AUTOESCAPE context="HTML"}}
<h1>[[Log in]]</h1>
{{#NOTICE}}<p class="error" role="alert">{{MESSAGE}}</p>{{/NOTICE}}
<form method="post" action="/login" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<p>
<label for="email">[[Email]]</label>
<input type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="username" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
{{#EMAIL_ERROR}}<span class="field-error" id="email-error">{{MESSAGE}}</span>{{/EMAIL_ERROR}}
</p>
<p>
<label for="password">[[Password]]</label>
<input type="password" id="password" name="password" autocomplete="current-password" required{{#PASSWORD_ERROR}} aria-invalid="true" aria-describedby="password-error"{{/PASSWORD_ERROR}}>
{{#PASSWORD_ERROR}}<span class="field-error" id="password-error">{{MESSAGE}}</span>{{/PASSWORD_ERROR}}
</p>
<p><button type="submit">[[Log in]]</button></p>
</form>
<p><a href="/password/forgot">[[Forgot your password?]]</a></p>
<p>[[No account yet? <a href="/register">Create one</a>.]]</p>
