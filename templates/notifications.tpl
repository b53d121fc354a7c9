{{%AUTOESCAPE context="HTML"}}
<h1>[[Notifications]]</h1>
{{#ANY_UNREAD}}
<form method="post" action="/notifications/read">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Mark all as read]]</button>
</form>
{{/ANY_UNREAD}}
{{#EMPTY}}<p>[[No notifications yet.]]</p>{{/EMPTY}}
<ul class="notifications">
{{#NOTE}}<li{{#UNREAD}} class="unread"{{/UNREAD}}>{{#UNREAD}}<strong>[[New:]]</strong> {{/UNREAD}}{{#LINK}}<a href="{{HREF}}">{{/LINK}}{{MESSAGE}}{{#LINK}}</a>{{/LINK}} <span class="meta">{{WHEN}}</span></li>
{{/NOTE}}
</ul>
