{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Events]]</h1>
<p><a class="button" href="/admin/events/new">[[New event]]</a></p>
{{#NO_EVENTS}}<p>[[There are no events yet.]]</p>{{/NO_EVENTS}}
<table class="events" id="events">
<thead><tr><th scope="col">[[Event]]</th><th scope="col">[[Kind]]</th><th scope="col">[[Upcoming sessions]]</th><th scope="col">[[Next session]]</th></tr></thead>
<tbody>
{{#EVENT}}
<tr data-event="{{ID}}">
<th scope="row"><a href="/admin/events/{{ID}}">{{TITLE}}</a></th>
<td>{{KIND}}</td>
<td>{{UPCOMING}}</td>
<td>{{#NEXT}}{{NEXT_START}}{{/NEXT}}</td>
</tr>
{{/EVENT}}
</tbody>
</table>
