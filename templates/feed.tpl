{{%AUTOESCAPE context="HTML"}}
<h1>[[Calendar feed]]</h1>
<div class="notice" role="status">
<p>[[This is the private address of a calendar of {{WHAT}}. It is shown only this once: copy it now and subscribe to it in your calendar program.]]</p>
<p><code id="feed-url">{{URL}}</code></p>
<p>[[Anyone with the address can read the calendar. If it gets out, make a new one: the old address stops working.]]</p>
</div>
<p><a href="{{BACK}}">[[Back]]</a></p>
