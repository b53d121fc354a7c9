{{%AUTOESCAPE context="HTML"}}
<h1>[[Move booking {{ID}}]]</h1>
<p>[[Now: {{ROOM_NAME}}, {{DATE}}, {{START}}–{{END}}. Paid: <span id="paid">{{PAID}}</span>. Pick another free time in the same room that costs no more than that; a cheaper one refunds the difference. To move to a dearer time, cancel this booking and book that time.]]</p>
{{#ERROR}}<p class="error" role="alert" id="booking-error">{{MESSAGE}}</p>{{/ERROR}}
{{#NOT_CONFIRMED}}<p class="notice">[[Only a confirmed booking can be moved.]]</p>{{/NOT_CONFIRMED}}
<nav class="days" aria-label="[[Days]]">
[[<a rel="prev" href="{{BASE}}/reschedule?date={{PREV_DATE}}">Previous day</a>
<a rel="next" href="{{BASE}}/reschedule?date={{NEXT_DATE}}">Next day</a>]]
</nav>
<form class="picker" method="get" action="{{BASE}}/reschedule">
<label for="date">[[Date]]</label>
<input type="date" id="date" name="date" value="{{PICK_DATE}}" required>
<button type="submit">[[Show]]</button>
</form>
<form method="post" action="{{BASE}}/reschedule">
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset>
<legend>[[Free times on {{PICK_LABEL}}]]</legend>
{{#NO_CHOICE}}<p>[[No free time in this room on this day.]]</p>{{/NO_CHOICE}}
{{#CHOICE}}<p><input type="radio" id="slot-{{SLOT_ID}}" name="timeslot_id" value="{{SLOT_ID}}" required>
<label for="slot-{{SLOT_ID}}">{{START}}–{{END}}, {{PRICE}}{{#SEATS}}, {{SEATS_TEXT}}{{/SEATS}}</label></p>
{{/CHOICE}}
</fieldset>
{{#SUBMIT}}<p><button type="submit">[[Move my booking]]</button></p>{{/SUBMIT}}
</form>
<p><a href="{{BASE}}">[[Back to the booking]]</a></p>
