{{%AUTOESCAPE context="HTML"}}
<h1>{{STATUS}} {{STATUS_TEXT}}</h1>
<p class="error" role="alert">{{MESSAGE}}</p>
{{#NEXT}}<p><a href="{{HREF}}">{{TEXT}}</a></p>{{/NEXT}}
<p><a href="/">[[Back to the home page]]</a></p>
