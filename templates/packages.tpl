{{%AUTOESCAPE context="HTML"}}
<h1>[[Packages and bundles]]</h1>
<p>[[Buy sessions in advance and book each one later, on the session's page.]]</p>
{{#NONE}}<p>[[Nothing is on sale just now.]]</p>{{/NONE}}
<ul class="packages">
{{#PACKAGE}}<li data-package="{{ID}}">[[<strong>{{NAME}}</strong> ({{KIND}}): {{CONTENTS}}, {{PRICE}}, valid {{EXPIRY_DAYS}} days]]
{{#CAN_BUY}}<form method="post" action="/packages/{{ID}}/buy" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[Buy<span class="visually-hidden"> {{NAME}}</span>]]</button></form>{{/CAN_BUY}}</li>
{{/PACKAGE}}
</ul>
