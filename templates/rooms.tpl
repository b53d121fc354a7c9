{{%AUTOESCAPE context="HTML"}}
<h1>[[Rooms]]</h1>

<form class="filter" method="get" action="/rooms">
<label for="type">[[Type]]</label>
<select id="type" name="type">
{{#TYPE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/TYPE_OPTION}}
</select>
<label for="min_capacity">[[At least this many people]]</label>
<input type="number" id="min_capacity" name="min_capacity" min="0" max="{{SEATS_MAX}}" value="{{MIN_CAPACITY}}">
<button type="submit">[[Filter]]</button>
</form>

<p class="count">{{TOTAL}}</p>
{{#NO_ROOMS}}<p>[[No room matches this filter.]]</p>{{/NO_ROOMS}}
<table class="rooms">
<thead><tr><th scope="col">[[Room]]</th><th scope="col">[[Type]]</th><th scope="col">[[Capacity]]</th><th scope="col">[[Hourly rate]]</th></tr></thead>
<tbody>
{{#ROOM}}
<tr>
<th scope="row"><a href="/rooms/{{ID}}">{{NAME}}</a><br><span class="meta">{{DESCRIPTION}}</span></th>
<td>{{TYPE_LABEL}}</td>
<td>{{CAPACITY}}</td>
<td>{{RATE}}</td>
</tr>
{{/ROOM}}
</tbody>
</table>
<nav class="pages" aria-label="[[Pages]]">
{{#PREV_PAGE}}<a rel="prev" href="/rooms?page={{PAGE}}{{#FILTER}}&amp;type={{TYPE}}&amp;min_capacity={{MIN_CAPACITY}}{{/FILTER}}">[[Previous page]]</a>{{/PREV_PAGE}}
{{#NEXT_PAGE}}<a rel="next" href="/rooms?page={{PAGE}}{{#FILTER}}&amp;type={{TYPE}}&amp;min_capacity={{MIN_CAPACITY}}{{/FILTER}}">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
