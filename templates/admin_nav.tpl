{{%AUTOESCAPE context="HTML"}}
<nav class="admin" aria-label="[[Admin]]">
<ul>
<li><a href="/admin"{{#AT_OVERVIEW}} aria-current="{{CURRENT}}"{{/AT_OVERVIEW}}>[[Overview]]</a></li>
<li><a href="/admin/calendar"{{#AT_CALENDAR}} aria-current="{{CURRENT}}"{{/AT_CALENDAR}}>[[Calendar]]</a></li>
<li><a href="/admin/rooms"{{#AT_ROOMS}} aria-current="{{CURRENT}}"{{/AT_ROOMS}}>[[Rooms and timeslots]]</a></li>
<li><a href="/admin/events"{{#AT_EVENTS}} aria-current="{{CURRENT}}"{{/AT_EVENTS}}>[[Events]]</a></li>
<li><a href="/admin/checkin"{{#AT_CHECKIN}} aria-current="{{CURRENT}}"{{/AT_CHECKIN}}>[[Check-in]]</a></li>
<li><a href="/admin/bookings"{{#AT_BOOKINGS}} aria-current="{{CURRENT}}"{{/AT_BOOKINGS}}>[[Bookings]]</a></li>
<li><a href="/admin/reports"{{#AT_REPORTS}} aria-current="{{CURRENT}}"{{/AT_REPORTS}}>[[Reports]]</a></li>
<li><a href="/admin/audit"{{#AT_AUDIT}} aria-current="{{CURRENT}}"{{/AT_AUDIT}}>[[Audit trail]]</a></li>
<li><a href="/admin/users"{{#AT_USERS}} aria-current="{{CURRENT}}"{{/AT_USERS}}>[[Users]]</a></li>
<li><a href="/admin/quotas"{{#AT_QUOTAS}} aria-current="{{CURRENT}}"{{/AT_QUOTAS}}>[[Limits]]</a></li>
<li><a href="/admin/packages"{{#AT_PACKAGES}} aria-current="{{CURRENT}}"{{/AT_PACKAGES}}>[[Packages]]</a></li>
<li><a href="/admin/discounts"{{#AT_DISCOUNTS}} aria-current="{{CURRENT}}"{{/AT_DISCOUNTS}}>[[Discounts]]</a></li>
<li><a href="/admin/mail"{{#AT_MAIL}} aria-current="{{CURRENT}}"{{/AT_MAIL}}>[[Mail and payments]]</a></li>
</ul>
</nav>
