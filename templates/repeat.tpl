{{%AUTOESCAPE context="HTML"}}
<h1>[[Repeat {{ROOM_NAME}}, {{DATE}} {{START}}–{{END}}]]</h1>
<p class="meta">[[Book the same time in this room every week or every two weeks. Each later date takes the room's timeslot that starts at the same time of day and is as long.]]</p>
{{#ERROR}}<p class="error" role="alert" id="series-error">{{MESSAGE}}</p>{{/ERROR}}
<form method="get" action="/timeslots/{{SLOT_ID}}/repeat" class="stacked" id="repeat-form">
<p>
<label for="every">[[Repeat]]</label>
<select id="every" name="every">
{{#EVERY}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/EVERY}}</select>
</p>
<p>
<label for="count">[[How many times (this one included)]]</label>
<input type="number" id="count" name="count" min="1" max="{{COUNT_MAX}}" value="{{COUNT}}" aria-describedby="count-hint{{#COUNT_ERROR}} count-error{{/COUNT_ERROR}}"{{#COUNT_ERROR}} aria-invalid="true"{{/COUNT_ERROR}}>
<span class="hint" id="count-hint">[[Up to {{COUNT_MAX}}; or leave it empty and give the last date.]]</span>
{{#COUNT_ERROR}}<span class="field-error" id="count-error">{{MESSAGE}}</span>{{/COUNT_ERROR}}
</p>
<p>
<label for="until">[[Until (the last date)]]</label>
<input type="date" id="until" name="until" value="{{UNTIL}}" aria-describedby="until-hint{{#UNTIL_ERROR}} until-error{{/UNTIL_ERROR}}"{{#UNTIL_ERROR}} aria-invalid="true"{{/UNTIL_ERROR}}>
<span class="hint" id="until-hint">[[At most a year ahead.]]</span>
{{#UNTIL_ERROR}}<span class="field-error" id="until-error">{{MESSAGE}}</span>{{/UNTIL_ERROR}}
</p>
<p><label><input type="checkbox" id="allOrNothing" name="allOrNothing" value="on"{{#ALL_CHECKED}} checked{{/ALL_CHECKED}}> [[All or nothing: book none of the dates unless every one is free]]</label></p>
<p><button type="submit"{{#PREVIEW}} class="secondary"{{/PREVIEW}}>[[Check the dates]]</button></p>
</form>
{{#PREVIEW}}
<table class="series" id="series-dates">
<caption>[[The dates and whether each is free now]]</caption>
<thead><tr><th scope="col">[[Date]]</th><th scope="col">[[Time]]</th><th scope="col">[[Outcome]]</th></tr></thead>
<tbody>
{{#DAY_ROW}}<tr data-date="{{ISO_DAY}}" data-outcome="{{OUTCOME}}">
<th scope="row">{{DAY}}</th><td>{{START}}–{{END}}</td>
<td class="outcome {{OUTCOME}}">{{OUTCOME_LABEL}}{{#SLOT}} [[(<a href="/timeslots/{{SLOT_ID}}">timeslot</a>)]]{{/SLOT}}<span class="hint"> {{WHY}}</span></td>
</tr>
{{/DAY_ROW}}
</tbody>
</table>
{{/PREVIEW}}
{{#NOT_BOOKABLE}}<p class="notice" id="not-bookable">{{MESSAGE}}</p>{{/NOT_BOOKABLE}}
{{#BOOK}}
<form method="post" action="/bookings/recurring" class="stacked" id="series-book">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="timeslotId" value="{{SLOT_ID}}">
<input type="hidden" name="every" value="{{EVERY}}">
{{#BY_COUNT}}<input type="hidden" name="count" value="{{COUNT}}">{{/BY_COUNT}}
{{#BY_UNTIL}}<input type="hidden" name="until" value="{{UNTIL}}">{{/BY_UNTIL}}
{{#ALL}}<input type="hidden" name="allOrNothing" value="on">{{/ALL}}
<p class="hint">[[The dates marked available are booked together in one order; one that was taken meanwhile is left out]]{{#ALL}}[[, and then none is booked]]{{/ALL}}.</p>
<p><button type="submit">{{BOOK_LABEL}}</button></p>
</form>
{{/BOOK}}
