{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Reports: {{REPORT_LABEL}}]]</h1>
<nav class="tabs" aria-label="[[Reports]]">
<ul>
{{#TAB}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>
{{/TAB}}
</ul>
</nav>
<form method="get" action="/admin/reports" class="filters">
<input type="hidden" name="report" value="{{REPORT}}">
<p><label for="from">[[First day]]</label> <input type="date" id="from" name="from" value="{{FROM}}" required></p>
<p><label for="to">[[Last day]]</label> <input type="date" id="to" name="to" value="{{TO}}" required></p>
<p><label for="roomId">[[Room]]</label> <select id="roomId" name="roomId">
{{#ROOM_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROOM_OPTION}}</select></p>
<p><button type="submit">[[Show]]</button></p>
</form>
<p class="meta">[[Sessions from {{FROM}} to {{TO}}, both days included (at most 366 days). Money is counted on the day of the session: received is what was paid, refunds what was given back or is due, net what is kept.]]</p>

{{#TABLE}}
{{>REPORT_TABLE}}
{{/TABLE}}
