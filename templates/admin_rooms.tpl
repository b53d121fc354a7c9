{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Rooms]]</h1>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
<p><a class="button" href="/admin/rooms/new">[[New room]]</a></p>
<p class="count">[[{{TOTAL}}, active and inactive]]</p>
{{#NO_ROOMS}}<p>[[There are no rooms yet.]]</p>{{/NO_ROOMS}}
<table class="rooms" id="rooms">
<thead><tr><th scope="col">[[Room]]</th><th scope="col">[[Type]]</th><th scope="col">[[Capacity]]</th><th scope="col">[[Hourly rate]]</th><th scope="col">[[State]]</th><th scope="col">[[Actions]]</th></tr></thead>
<tbody>
{{#ROOM}}
<tr data-room="{{ID}}">
<th scope="row"><a href="/admin/rooms/{{ID}}">{{NAME}}</a></th>
<td>{{TYPE_LABEL}}</td>
<td>{{CAPACITY}}</td>
<td>{{RATE}}</td>
<td>{{#ACTIVE}}[[Active]]{{/ACTIVE}}{{#INACTIVE}}<strong>[[Inactive]]</strong>{{/INACTIVE}}</td>
<td class="buttons">
<a href="/admin/rooms/{{ID}}/generate">[[Generate timeslots<span class="visually-hidden"> for {{NAME}}</span>]]</a>
<form method="post" action="/admin/rooms/{{ID}}/active" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="back" value="/admin/rooms">
{{#ACTIVE}}<input type="hidden" name="isActive" value="0">
<button type="submit">[[Deactivate<span class="visually-hidden"> {{NAME}}</span>]]</button>{{/ACTIVE}}
{{#INACTIVE}}<input type="hidden" name="isActive" value="1">
<button type="submit">[[Reactivate<span class="visually-hidden"> {{NAME}}</span>]]</button>{{/INACTIVE}}
</form>
</td>
</tr>
{{/ROOM}}
</tbody>
</table>
<nav class="pages" aria-label="[[Pages]]">
{{#PREV_PAGE}}<a rel="prev" href="/admin/rooms?page={{PAGE}}">[[Previous page]]</a>{{/PREV_PAGE}}
{{#NEXT_PAGE}}<a rel="next" href="/admin/rooms?page={{PAGE}}">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
