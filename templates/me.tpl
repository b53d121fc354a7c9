{{%AUTOESCAPE context="HTML"}}
<h1>My bookings</h1>
{{#WELCOME}}<p class="notice" role="status">Welcome, {{NAME}}: your account is ready.</p>{{/WELCOME}}
<p>You have no bookings yet. <a href="/rooms">Find a room</a> or <a href="/events">an event</a>.</p>
