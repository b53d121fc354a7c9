{{%AUTOESCAPE context="HTML"}}
<h1>[[Events]]</h1>
{{#NO_EVENTS}}<p>[[No events yet.]]</p>{{/NO_EVENTS}}
<ul class="events">
{{#EVENT}}
<li>
<h2><a href="/events/{{ID}}">{{TITLE}}</a></h2>
<p class="meta">[[{{KIND}}, {{UPCOMING}} sessions to come]]{{#NEXT}}[[, next on {{NEXT_START}}]]{{/NEXT}}</p>
<p>{{DESCRIPTION}}</p>
</li>
{{/EVENT}}
</ul>
