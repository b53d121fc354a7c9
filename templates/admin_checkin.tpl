{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Check-in]]</h1>
{{#ANSWER}}<div class="checkin-answer {{RESULT}}" id="answer" data-result="{{RESULT}}" role="status">
<p class="checkin-big">{{ANSWER}}</p>
{{#WHO}}<p class="checkin-who"><strong id="answer-name">{{NAME}}</strong> · <span id="answer-session">{{SESSION}}</span></p>{{/WHO}}
</div>{{/ANSWER}}
<form method="post" action="/admin/checkin" class="checkin">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label for="code">[[Ticket code]]</label>
<input type="text" id="code" name="code" maxlength="{{TICKET_INPUT_MAX}}" autocomplete="off" autocapitalize="characters" spellcheck="false" autofocus required>
<button type="submit">[[Check in]]</button></p>
</form>
<p class="meta">[[Scan a ticket, or type its code and press Enter.]]</p>
