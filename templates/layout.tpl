{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · {{SITE_NAME}}</title>
<link rel="stylesheet" href="/static/style.css?v=1">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">{{SITE_NAME}}</a>
<nav aria-label="Main">
<ul>
<li><a href="/">Home</a></li>
<li><a href="/rooms">Rooms</a></li>
<li><a href="/events">Events</a></li>
</ul>
</nav>
</header>
<main id="main">
{{>BODY}}
</main>
<footer class="site">
<p>Times are shown in the site's time zone.</p>
</footer>
</body>
</html>
