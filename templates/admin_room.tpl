{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
{{#NEW}}<h1>[[New room]]</h1>{{/NEW}}
{{#EDIT}}<h1>{{NAME}}</h1>
<p class="meta">{{#ACTIVE}}[[Active: takes bookings.]]{{/ACTIVE}}{{#INACTIVE}}[[<strong>Inactive</strong>: takes no new bookings; existing bookings stay.]]{{/INACTIVE}}
[[<a href="/rooms/{{ID}}">Public page</a> · <a href="/admin/bookings?roomId={{ID}}">Bookings</a> · <a href="/admin/rooms/{{ID}}/hours">Bookable hours</a>]]</p><section aria-labelledby="feed-h">
<h2 id="feed-h">[[Calendar feed]]</h2>
{{#FEED}}
{{#FEED_ON}}<p>[[You have a private calendar feed of this room's sessions, made {{FEED_MADE}}. A new address stops the old one.]]</p>
<form method="post" action="/admin/rooms/{{ID}}/calendar/revoke" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Stop the feed]]</button>
</form>{{/FEED_ON}}
{{#FEED_OFF}}<p>[[Subscribe a calendar program to this room's sessions, with the seats booked of each.]]</p>{{/FEED_OFF}}
{{/FEED}}
<form method="post" action="/admin/rooms/{{ID}}/calendar" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[Make a new feed address]]</button>
</form>
</section>
{{/EDIT}}
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}

<section aria-labelledby="details-h">
<h2 id="details-h">[[Details]]</h2>
<form method="post" action="{{ACTION}}" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="name">[[Name]]</label>
<input type="text" id="name" name="name" value="{{NAME}}" maxlength="{{NAME_MAX}}" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<span class="field-error" id="name-error">{{MESSAGE}}</span>{{/NAME_ERROR}}
</p>
<p>
<label for="roomType">[[Type]]</label>
<select id="roomType" name="roomType" required{{#ROOMTYPE_ERROR}} aria-invalid="true" aria-describedby="roomType-error"{{/ROOMTYPE_ERROR}}>
{{#TYPE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/TYPE_OPTION}}
</select>
{{#ROOMTYPE_ERROR}}<span class="field-error" id="roomType-error">{{MESSAGE}}</span>{{/ROOMTYPE_ERROR}}
</p>
<p>
<label for="capacity">[[Capacity (people)]]</label>
<input type="number" id="capacity" name="capacity" value="{{CAPACITY}}" min="1" max="{{SEATS_MAX}}" required{{#CAPACITY_ERROR}} aria-invalid="true" aria-describedby="capacity-error"{{/CAPACITY_ERROR}}>
{{#CAPACITY_ERROR}}<span class="field-error" id="capacity-error">{{MESSAGE}}</span>{{/CAPACITY_ERROR}}
</p>
<p>
<label for="hourlyRate">[[Hourly rate]]</label>
<input type="text" id="hourlyRate" name="hourlyRate" value="{{HOURLYRATE}}" inputmode="decimal" required aria-describedby="hourlyRate-hint{{#HOURLYRATE_ERROR}} hourlyRate-error{{/HOURLYRATE_ERROR}}"{{#HOURLYRATE_ERROR}} aria-invalid="true"{{/HOURLYRATE_ERROR}}>
<span class="hint" id="hourlyRate-hint">[[An amount like 25.00; generated timeslots cost this rate times their length unless a price is given.]]</span>
{{#HOURLYRATE_ERROR}}<span class="field-error" id="hourlyRate-error">{{MESSAGE}}</span>{{/HOURLYRATE_ERROR}}
</p>
<p>
<label for="dailyRate">[[Daily rate (optional)]]</label>
<input type="text" id="dailyRate" name="dailyRate" value="{{DAILYRATE}}" inputmode="decimal" aria-describedby="dailyRate-hint{{#DAILYRATE_ERROR}} dailyRate-error{{/DAILYRATE_ERROR}}"{{#DAILYRATE_ERROR}} aria-invalid="true"{{/DAILYRATE_ERROR}}>
<span class="hint" id="dailyRate-hint">[[The price of the whole day, its opening hours; leave empty when the room is not rented by the day.]]</span>
{{#DAILYRATE_ERROR}}<span class="field-error" id="dailyRate-error">{{MESSAGE}}</span>{{/DAILYRATE_ERROR}}
</p>
<p>
<label for="monthlyRate">[[Monthly rate (optional)]]</label>
<input type="text" id="monthlyRate" name="monthlyRate" value="{{MONTHLYRATE}}" inputmode="decimal" aria-describedby="monthlyRate-hint{{#MONTHLYRATE_ERROR}} monthlyRate-error{{/MONTHLYRATE_ERROR}}"{{#MONTHLYRATE_ERROR}} aria-invalid="true"{{/MONTHLYRATE_ERROR}}>
<span class="hint" id="monthlyRate-hint">[[The price of a calendar month; leave empty when the room is not rented by the month.]]</span>
{{#MONTHLYRATE_ERROR}}<span class="field-error" id="monthlyRate-error">{{MESSAGE}}</span>{{/MONTHLYRATE_ERROR}}
</p>
<p>
<label for="description">[[Description]]</label>
<textarea id="description" name="description" rows="4" maxlength="{{DESCRIPTION_MAX}}"{{#DESCRIPTION_ERROR}} aria-invalid="true" aria-describedby="description-error"{{/DESCRIPTION_ERROR}}>{{DESCRIPTION}}</textarea>
{{#DESCRIPTION_ERROR}}<span class="field-error" id="description-error">{{MESSAGE}}</span>{{/DESCRIPTION_ERROR}}
</p>
<p>
<label for="metadata">[[Metadata (JSON)]]</label>
<textarea id="metadata" name="metadata" rows="4" class="code" aria-describedby="metadata-hint{{#METADATA_ERROR}} metadata-error{{/METADATA_ERROR}}"{{#METADATA_ERROR}} aria-invalid="true"{{/METADATA_ERROR}}>{{METADATA}}</textarea>
<span class="hint" id="metadata-hint">[[A JSON object, like {"floor": 2, "projector": true}; leave empty for none.]]</span>
{{#METADATA_ERROR}}<span class="field-error" id="metadata-error">{{MESSAGE}}</span>{{/METADATA_ERROR}}
</p>
<p>
<label for="requiresApproval">[[Bookings need an admin's approval]]</label>
<select id="requiresApproval" name="requiresApproval" aria-describedby="requiresApproval-hint">
{{#APPROVAL_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/APPROVAL_OPTION}}
</select>
<span class="hint" id="requiresApproval-hint">[[With Yes, each booking holds its place as "Awaiting approval" until you approve or decline it on its admin page.]]</span>
</p>
<p><label><input type="checkbox" id="taxFree" name="taxFree" value="1"{{#TAX_FREE}} checked{{/TAX_FREE}}> [[Tax-free: its bookings carry no tax]]</label>
<input type="hidden" name="taxFree" value="0"></p>
<p>
<label for="allowGuests">[[Visitors may book without an account]]</label>
<select id="allowGuests" name="allowGuests" aria-describedby="allowGuests-hint">
{{#GUESTS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/GUESTS_OPTION}}
</select>
<span class="hint" id="allowGuests-hint">[[With Yes, a visitor books with a name and an email address, and confirms the booking through a link mailed to it.]]</span>
</p>
<p><button type="submit">{{#NEW}}[[Create room]]{{/NEW}}{{#EDIT}}[[Save room]]{{/EDIT}}</button></p>
</form>
</section>

{{#EDIT}}
<section aria-labelledby="state-h">
<h2 id="state-h">[[Taking bookings]]</h2>
<form method="post" action="/admin/rooms/{{ID}}/active" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#ACTIVE}}<input type="hidden" name="isActive" value="0">
<button type="submit">[[Deactivate room]]</button>
<span class="hint">[[A deactivated room takes no new bookings; existing bookings stay.]]</span>{{/ACTIVE}}
{{#INACTIVE}}<input type="hidden" name="isActive" value="1">
<button type="submit">[[Reactivate room]]</button>{{/INACTIVE}}
</form>
</section>

<section aria-labelledby="slots-h">
<h2 id="slots-h">[[Timeslots from {{WEEK_FROM}} to {{WEEK_TO}}]]</h2>
<div class="actions">
[[<a class="button" href="/admin/rooms/{{ID}}/generate">Generate timeslots…</a>
<a class="button" href="/admin/timeslots/new?roomId={{ID}}">Add a custom timeslot…</a>]]
</div>
<nav class="days" aria-label="[[Weeks]]">
[[<a rel="prev" href="/admin/rooms/{{ID}}?date={{PREV_DATE}}">Previous week</a>
<a href="/admin/rooms/{{ID}}">This week</a>
<a rel="next" href="/admin/rooms/{{ID}}?date={{NEXT_DATE}}">Next week</a>]]
</nav>
{{#NO_SLOTS}}<p>[[No timeslots in these seven days.]]</p>{{/NO_SLOTS}}
<table class="grid" id="timeslots">
<thead><tr><th scope="col">[[Date]]</th><th scope="col">[[Time]]</th><th scope="col">[[Status]]</th><th scope="col">[[Booked]]</th><th scope="col">[[Price]]</th><th scope="col">[[Event]]</th></tr></thead>
<tbody>
{{#SLOT}}
<tr class="slot {{STATE}}" data-slot="{{SLOT_ID}}">
<td><time datetime="{{ISO_DATE}}">{{DATE}}</time></td>
<th scope="row"><a href="/admin/timeslots/{{SLOT_ID}}">{{START}}–{{END}}<span class="visually-hidden"> {{DATE}}</span></a></th>
<td>{{STATUS_LABEL}}</td>
<td>[[{{BOOKED}} of {{CAPACITY}}]]</td>
<td>{{PRICE}}</td>
<td>{{#EVENT}}<a href="/admin/events/{{EVENT_ID}}">{{EVENT_TITLE}}</a>{{/EVENT}}</td>
</tr>
{{/SLOT}}
</tbody>
</table>
</section>
{{/EDIT}}
<p><a href="/admin/rooms">[[All rooms]]</a></p>
