{{%AUTOESCAPE context="HTML"}}
<h1>{{API_TITLE}} <span class="meta">{{VERSION}}</span></h1>
<p>{{INTRO}}</p>
<p>[[The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).]]</p>

<nav aria-labelledby="ops-h">
<h2 id="ops-h">[[Endpoints]]</h2>
<ul class="api-index">
{{#OP}}<li><a href="#{{ANCHOR}}"><code>{{METHOD}} {{PATH}}</code></a> {{SUMMARY}}</li>
{{/OP}}
</ul>
</nav>

{{#OP}}
<section class="api-op" id="{{ANCHOR}}" aria-labelledby="{{ANCHOR}}-h">
<h3 id="{{ANCHOR}}-h"><code>{{METHOD}} {{PATH}}</code></h3>
<p>[[{{SUMMARY}} <span class="meta">(who: {{AUTH}})</span>]]</p>
{{#DESCRIPTION}}<p>{{TEXT}}</p>{{/DESCRIPTION}}
<table class="api-params">
<caption>[[Parameters]]</caption>
<thead><tr><th scope="col">[[Name]]</th><th scope="col">[[In]]</th><th scope="col">[[Type]]</th><th scope="col">[[Meaning]]</th></tr></thead>
<tbody>
{{#PARAM}}<tr><th scope="row"><code>{{NAME}}</code>{{#REQUIRED}} [[(required)]]{{/REQUIRED}}</th><td>{{IN}}</td><td>{{TYPE}}</td><td>{{TEXT}}</td></tr>
{{/PARAM}}
</tbody>
</table>
{{#BODY}}<p>[[Body: <a href="#schema-{{SCHEMA}}">{{SCHEMA}}</a> (JSON, or a form)]]</p>{{/BODY}}
<ul class="api-responses">
{{#RESPONSE}}<li><strong>{{CODE}}</strong> {{TEXT}}{{#SCHEMA}}: <a href="#schema-{{NAME}}">{{NAME}}</a>{{/SCHEMA}}</li>
{{/RESPONSE}}
</ul>
</section>
{{/OP}}

<h2 id="schemas-h">[[Schemas]]</h2>
{{#SCHEMA}}
<section class="api-schema" id="schema-{{NAME}}" aria-labelledby="schema-{{NAME}}-h">
<h3 id="schema-{{NAME}}-h">{{NAME}}</h3>
{{#DESCRIPTION}}<p>{{TEXT}}</p>{{/DESCRIPTION}}
<table>
<thead><tr><th scope="col">[[Field]]</th><th scope="col">[[Type]]</th><th scope="col">[[Meaning]]</th></tr></thead>
<tbody>
{{#PROP}}<tr><th scope="row"><code>{{NAME}}</code>{{#REQUIRED}} [[(always)]]{{/REQUIRED}}</th><td>{{TYPE}}</td><td>{{TEXT}}</td></tr>
{{/PROP}}
</tbody>
</table>
</section>
{{/SCHEMA}}
