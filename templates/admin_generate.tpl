{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Generate timeslots: {{NAME}}]]</h1>
<p class="meta">[[<a href="/admin/rooms/{{ID}}">Back to the room</a>. Up to {{ROOM_CAPACITY}} people, {{RATE}} per hour. Timeslots that already exist for a start time are left as they are, and times already past are skipped.]]</p>
{{#PREVIEW}}
<div class="notice" role="status" id="preview">
<p>[[<strong>{{CREATED}}</strong> timeslots would be created; <strong>{{SKIPPED}}</strong> already exist.]]</p>
<p>[[Nothing has been created yet: check the settings below and press “Create timeslots”.]]</p>
</div>
{{/PREVIEW}}
<form method="post" action="/admin/rooms/{{ID}}/generate" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset>
<legend>[[Dates]]</legend>
<p>
<label for="from">[[First day]]</label>
<input type="date" id="from" name="from" value="{{FROM}}" required{{#FROM_ERROR}} aria-invalid="true" aria-describedby="from-error"{{/FROM_ERROR}}>
{{#FROM_ERROR}}<span class="field-error" id="from-error">{{MESSAGE}}</span>{{/FROM_ERROR}}
</p>
<p>
<label for="to">[[Last day]]</label>
<input type="date" id="to" name="to" value="{{TO}}" required aria-describedby="to-hint{{#TO_ERROR}} to-error{{/TO_ERROR}}"{{#TO_ERROR}} aria-invalid="true"{{/TO_ERROR}}>
<span class="hint" id="to-hint">[[Included; at most a year after the first day.]]</span>
{{#TO_ERROR}}<span class="field-error" id="to-error">{{MESSAGE}}</span>{{/TO_ERROR}}
</p>
<p>
<label for="excludedDates">[[Excluded dates]]</label>
<textarea id="excludedDates" name="excludedDates" rows="3" aria-describedby="excludedDates-hint{{#EXCLUDEDDATES_ERROR}} excludedDates-error{{/EXCLUDEDDATES_ERROR}}"{{#EXCLUDEDDATES_ERROR}} aria-invalid="true"{{/EXCLUDEDDATES_ERROR}}>{{EXCLUDEDDATES}}</textarea>
<span class="hint" id="excludedDates-hint">[[Holidays and closures: dates as YYYY-MM-DD, one per line or separated by commas.]]</span>
{{#EXCLUDEDDATES_ERROR}}<span class="field-error" id="excludedDates-error">{{MESSAGE}}</span>{{/EXCLUDEDDATES_ERROR}}
</p>
</fieldset>
<fieldset{{#WEEKDAYS_ERROR}} aria-describedby="weekdays-error"{{/WEEKDAYS_ERROR}}>
<legend>[[Weekdays]]</legend>
<ul class="choices">
{{#WEEKDAY}}<li><input type="checkbox" id="weekday-{{VALUE}}" name="weekdays" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <label for="weekday-{{VALUE}}">{{LABEL}}</label></li>
{{/WEEKDAY}}
</ul>
{{#WEEKDAYS_ERROR}}<span class="field-error" id="weekdays-error">{{MESSAGE}}</span>{{/WEEKDAYS_ERROR}}
<span class="hint">[[With none ticked, Monday to Friday.]]</span>
</fieldset>
<fieldset>
<legend>[[Working hours]]</legend>
<p>
<label for="dayStart">[[Day starts at]]</label>
<input type="time" id="dayStart" name="dayStart" value="{{DAYSTART}}" required{{#DAYSTART_ERROR}} aria-invalid="true" aria-describedby="dayStart-error"{{/DAYSTART_ERROR}}>
{{#DAYSTART_ERROR}}<span class="field-error" id="dayStart-error">{{MESSAGE}}</span>{{/DAYSTART_ERROR}}
</p>
<p>
<label for="dayEnd">[[Day ends at]]</label>
<input type="time" id="dayEnd" name="dayEnd" value="{{DAYEND}}" required aria-describedby="dayEnd-hint{{#DAYEND_ERROR}} dayEnd-error{{/DAYEND_ERROR}}"{{#DAYEND_ERROR}} aria-invalid="true"{{/DAYEND_ERROR}}>
<span class="hint" id="dayEnd-hint">[[The last timeslot ends by then.]]</span>
{{#DAYEND_ERROR}}<span class="field-error" id="dayEnd-error">{{MESSAGE}}</span>{{/DAYEND_ERROR}}
</p>
<p>
<label for="length">[[Timeslot length (minutes)]]</label>
<input type="number" id="length" name="length" value="{{LENGTH}}" min="5" max="1440" required{{#LENGTH_ERROR}} aria-invalid="true" aria-describedby="length-error"{{/LENGTH_ERROR}}>
{{#LENGTH_ERROR}}<span class="field-error" id="length-error">{{MESSAGE}}</span>{{/LENGTH_ERROR}}
</p>
</fieldset>
<fieldset>
<legend>[[Price and seats]]</legend>
<p>
<label for="price">[[Price per timeslot]]</label>
<input type="text" id="price" name="price" value="{{PRICE}}" inputmode="decimal" aria-describedby="price-hint{{#PRICE_ERROR}} price-error{{/PRICE_ERROR}}"{{#PRICE_ERROR}} aria-invalid="true"{{/PRICE_ERROR}}>
<span class="hint" id="price-hint">[[Leave empty for the hourly rate ({{RATE}}) times the length.]]</span>
{{#PRICE_ERROR}}<span class="field-error" id="price-error">{{MESSAGE}}</span>{{/PRICE_ERROR}}
</p>
<p>
<label for="capacity">[[Seats per timeslot]]</label>
<input type="number" id="capacity" name="capacity" value="{{CAPACITY}}" min="1" max="{{SEATS_MAX}}" aria-describedby="capacity-hint{{#CAPACITY_ERROR}} capacity-error{{/CAPACITY_ERROR}}"{{#CAPACITY_ERROR}} aria-invalid="true"{{/CAPACITY_ERROR}}>
<span class="hint" id="capacity-hint">[[Leave empty for the room's capacity ({{ROOM_CAPACITY}}).]]</span>
{{#CAPACITY_ERROR}}<span class="field-error" id="capacity-error">{{MESSAGE}}</span>{{/CAPACITY_ERROR}}
</p>
</fieldset>
{{#ROOMID_ERROR}}<p class="error" role="alert">{{MESSAGE}}</p>{{/ROOMID_ERROR}}
<div class="actions">
<button type="submit" name="preview" value="1">[[Preview]]</button>
<button type="submit" name="create" value="1" class="secondary">[[Create timeslots]]</button>
</div>
</form>
