{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Users]]</h1>
{{#SAVED}}<p class="notice" role="status">{{MESSAGE}}</p>{{/SAVED}}
<form method="get" action="/admin/users" class="filter" role="search">
<label for="q">[[Name or email contains]]</label>
<input type="search" id="q" name="q" value="{{Q}}">
<button type="submit">[[Search]]</button>
</form>
<p class="count">{{TOTAL}}</p>
{{#NO_USERS}}<p>[[No user matches.]]</p>{{/NO_USERS}}
<table class="users">
<thead><tr><th scope="col">[[Name]]</th><th scope="col">[[Email]]</th><th scope="col">[[Registered]]</th><th scope="col">[[Role]]</th></tr></thead>
<tbody>
{{#USER}}
<tr data-user="{{ID}}">
<th scope="row">{{NAME}}</th><td>{{EMAIL}}</td><td>{{CREATED}}</td>
<td><form method="post" action="/admin/users/{{ID}}/role" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label class="visually-hidden" for="role-{{ID}}">[[Role of {{EMAIL}}]]</label>
<select id="role-{{ID}}" name="role">
{{#ROLE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ROLE_OPTION}}
</select>
<button type="submit">[[Save]]</button>
</form></td>
</tr>
{{/USER}}
</tbody>
</table>
<nav class="pages" aria-label="[[Pages]]">
{{#PREV_PAGE}}<a rel="prev" href="/admin/users?page={{PAGE}}{{#SEARCH}}&amp;q={{Q}}{{/SEARCH}}">[[Previous page]]</a>{{/PREV_PAGE}}
{{#NEXT_PAGE}}<a rel="next" href="/admin/users?page={{PAGE}}{{#SEARCH}}&amp;q={{Q}}{{/SEARCH}}">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
