{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · {{SITE_NAME}}</title>
<link rel="stylesheet" href="/static/style.css?v=5">
</head>
<body>
<a class="skip" href="#main">[[Skip to content]]</a>
<header class="site">
<a class="brand" href="/">{{SITE_NAME}}</a>
<nav aria-label="[[Main]]">
<ul>
<li><a href="/">[[Home]]</a></li>
<li><a href="/rooms">[[Rooms]]</a></li>
<li><a href="/events">[[Events]]</a></li>
<li><a href="/packages">[[Packages]]</a></li>
{{#USER}}
<li><a href="/me">[[My bookings]]</a></li>
<li><a href="/cart">[[Cart]]</a></li>
<li><a href="/notifications">[[Notifications]]{{#HAS_UNREAD}} [[<span class="badge">{{UNREAD}}<span class="visually-hidden"> unread</span></span>]]{{/HAS_UNREAD}}</a></li>
<li><a href="/account">[[Account]]</a></li>
{{#ADMIN}}<li><a href="/admin">[[Admin]]</a></li>{{/ADMIN}}
{{#STAFF}}<li><a href="/admin/checkin">[[Check-in]]</a></li>{{/STAFF}}
{{/USER}}
</ul>
</nav>
<div class="who">
{{#USER}}
<span>[[Signed in as {{USER_NAME}}]]</span>
<form method="post" action="/logout" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Log out]]</button>
</form>
{{/USER}}
{{#VISITOR}}[[<a href="/login">Log in</a> <a href="/register">Register</a>]]{{/VISITOR}}
</div>
</header>
<main id="main">
{{>BODY}}
</main>
<footer class="site">
<p>[[Times in {{TIMEZONE}}. Prices in {{CURRENCY}}.]]</p>
{{#LANG_GET}}<form method="get" action="/language" class="lang">{{/LANG_GET}}
{{#LANG_POST}}<form method="post" action="/language" class="lang">
<input type="hidden" name="csrf" value="{{CSRF}}">{{/LANG_POST}}
<input type="hidden" name="next" value="{{HERE}}">
<label for="lang">[[Language]]</label>
<select id="lang" name="lang">
{{#LANGUAGE}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/LANGUAGE}}</select>
<button type="submit">[[Change]]</button>
</form>
</footer>
</body>
</html>
