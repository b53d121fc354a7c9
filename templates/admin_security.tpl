{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Security events]]</h1>
<p class="meta">[[Sign-ins, failed sign-ins, lock-outs, password and role changes and API tokens, newest first, with who did it and from which address. <a href="/admin/audit">Booking events</a>]]</p>
<form method="get" action="/admin/audit" class="filter" role="search" aria-label="[[Filter the security events]]">
<input type="hidden" name="log" value="security">
<p><label for="type">[[What]]</label>
<select id="type" name="type">
{{#TYPE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/TYPE_OPTION}}
</select></p>
<p><label for="email">[[User (email)]]</label>
<input type="email" id="email" name="email" value="{{EMAIL}}" maxlength="{{EMAIL_MAX}}"></p>
<p><label for="from">[[From]]</label>
<input type="date" id="from" name="from" value="{{FROM}}"></p>
<p><label for="to">[[To]]</label>
<input type="date" id="to" name="to" value="{{TO}}"></p>
<p><button type="submit">[[Filter]]</button> <a href="/admin/audit?log=security">[[Clear]]</a></p>
</form>
{{#NO_EVENTS}}<p>[[No security event matches.]]</p>{{/NO_EVENTS}}
<table class="audit stack" id="security-events">
<thead><tr><th scope="col">[[When]]</th><th scope="col">[[What]]</th><th scope="col">[[Account]]</th><th scope="col">[[By]]</th><th scope="col">[[Address]]</th><th scope="col">[[Details]]</th></tr></thead>
<tbody>
{{#EVENT}}
<tr data-type="{{TYPE}}">
<td data-label="[[When]]">{{WHEN}}</td>
<td data-label="[[What]]">{{WHAT}}</td>
<td data-label="[[Account]]">{{#ACCOUNT}}{{NAME}}<br>{{/ACCOUNT}}<span class="meta">{{EMAIL}}</span></td>
<td data-label="[[By]]">{{#ACTOR}}{{NAME}}<br><span class="meta">{{ACTOR_EMAIL}}</span>{{/ACTOR}}</td>
<td data-label="[[Address]]">{{ADDRESS}}</td>
<td data-label="[[Details]]">{{DETAIL}}</td>
</tr>
{{/EVENT}}
</tbody>
</table>
<nav class="pages" aria-label="[[Pages]]">
{{#PREV_PAGE}}<a rel="prev" href="{{HREF}}">[[Previous page]]</a>{{/PREV_PAGE}}
{{#NEXT_PAGE}}<a rel="next" href="{{HREF}}">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
