{{%AUTOESCAPE context="HTML"}}
{{#SAVED}}<p class="notice" role="status">{{MESSAGE}}</p>{{/SAVED}}
{{#ON}}
<h1>[[Two-factor authentication]]</h1>
<p id="two-factor-state">[[Two-factor authentication is <strong>on</strong>. Logging in asks for a code from your authenticator app.]]</p>
<p>[[You have {{LEFT}} unused recovery codes.]]</p>
<section aria-labelledby="renew-h">
<h2 id="renew-h">[[New recovery codes]]</h2>
<p>[[Ten new codes replace the ones you have: the old ones stop working.]]</p>
<form method="post" action="/account/two-factor/recovery" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="renew_password">[[Your password]]</label>
<input type="password" id="renew_password" name="renew_password" autocomplete="current-password"{{#RENEW_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="renew_password-error"{{/RENEW_PASSWORD_ERROR}}>
{{#RENEW_PASSWORD_ERROR}}<span class="field-error" id="renew_password-error">{{MESSAGE}}</span>{{/RENEW_PASSWORD_ERROR}}
</p>
<p>
<label for="renew_code">[[or a code from your app]]</label>
<input type="text" id="renew_code" name="renew_code" inputmode="numeric" autocomplete="one-time-code"{{#RENEW_CODE_ERROR}} aria-invalid="true" aria-describedby="renew_code-error"{{/RENEW_CODE_ERROR}}>
{{#RENEW_CODE_ERROR}}<span class="field-error" id="renew_code-error">{{MESSAGE}}</span>{{/RENEW_CODE_ERROR}}
</p>
<p><button type="submit">[[Make new recovery codes]]</button></p>
</form>
</section>
<section aria-labelledby="off-h">
<h2 id="off-h">[[Turn it off]]</h2>
<form method="post" action="/account/two-factor/disable" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="password">[[Your password]]</label>
<input type="password" id="password" name="password" autocomplete="current-password" required{{#PASSWORD_ERROR}} aria-invalid="true" aria-describedby="password-error"{{/PASSWORD_ERROR}}>
{{#PASSWORD_ERROR}}<span class="field-error" id="password-error">{{MESSAGE}}</span>{{/PASSWORD_ERROR}}
</p>
<p><button type="submit">[[Turn off two-factor authentication]]</button></p>
</form>
</section>
{{/ON}}
{{#OFF}}
<h1>[[Two-factor authentication]]</h1>
<p id="two-factor-state">[[Two-factor authentication is <strong>off</strong>. With it on, logging in also asks for a code from an authenticator app on your phone.]]</p>
<form method="post" action="/account/two-factor/setup">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><button type="submit">[[Set up two-factor authentication]]</button></p>
</form>
{{/OFF}}
{{#ENROL}}
<h1>[[Set up two-factor authentication]]</h1>
{{#REQUIRED}}<p class="notice" role="status">[[Administrators must use two-factor authentication. Set it up to finish logging in.]]</p>{{/REQUIRED}}
<ol>
<li>[[Open an authenticator app on your phone and add an account.]]</li>
<li>[[Scan this QR code, or type in the key below.]]</li>
<li>[[Enter the 6-digit code the app then shows.]]</li>
</ol>
<figure class="qr">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{QR_SIZE}} {{QR_SIZE}}" width="220" height="220" shape-rendering="crispEdges" role="img" aria-labelledby="qr-title">
<title id="qr-title">[[QR code of the key below, for your authenticator app]]</title>
<rect width="{{QR_SIZE}}" height="{{QR_SIZE}}" fill="#fff"/>
<path fill="#000" d="{{QR_PATH}}"/>
</svg>
<figcaption>[[Key for typing in: <code id="secret">{{SECRET}}</code> (time-based, 6 digits, every 30 seconds)]]</figcaption>
</figure>
<form method="post" action="{{ACTION}}" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<p>
<label for="code">[[Code from the app]]</label>
<input type="text" id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required{{#CODE_ERROR}} aria-invalid="true" aria-describedby="code-error"{{/CODE_ERROR}}>
{{#CODE_ERROR}}<span class="field-error" id="code-error">{{MESSAGE}}</span>{{/CODE_ERROR}}
</p>
<p><button type="submit">[[Turn on two-factor authentication]]</button></p>
</form>
{{/ENROL}}
{{#CODES}}
<h1>[[Your recovery codes]]</h1>
<div class="notice" role="status">
<p>[[Two-factor authentication is on. Each code below lets you log in once without your phone. They are shown only this once: print them or keep them somewhere safe.]]</p>
</div>
<ul id="recovery-codes">
{{#CODE}}<li><code>{{VALUE}}</code></li>{{/CODE}}
</ul>
<p><a href="{{NEXT}}">[[Continue]]</a></p>
{{/CODES}}
