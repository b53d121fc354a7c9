{{%AUTOESCAPE context="HTML"}}
<h1>[[Two-factor code]]</h1>
{{#NOTICE}}<p class="error" role="alert">{{MESSAGE}}</p>{{/NOTICE}}
<form method="post" action="/login/code" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<p>
<label for="code">[[Code]]</label>
<input type="text" id="code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="{{CODE_MAX}}" required aria-describedby="code-hint{{#CODE_ERROR}} code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
<span class="hint" id="code-hint">[[The 6 digits your authenticator app shows, or one of your recovery codes.]]</span>
{{#CODE_ERROR}}<span class="field-error" id="code-error">{{MESSAGE}}</span>{{/CODE_ERROR}}
</p>
<p><input type="checkbox" id="remember" name="remember" value="1"> <label for="remember">[[Remember this device for {{DAYS}} days]]</label></p>
<p><button type="submit">[[Log in]]</button></p>
</form>
<p><a href="/login">[[Start again]]</a></p>
