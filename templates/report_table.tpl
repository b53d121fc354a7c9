{{%AUTOESCAPE context="HTML"}}
<section class="report" aria-labelledby="{{TABLE_ID}}-h">
<h2 id="{{TABLE_ID}}-h">{{TITLE}}</h2>
{{#FIGURE}}<figure class="chart">{{>CHART}}</figure>
{{/FIGURE}}
{{#NONE}}<p>[[Nothing in this range.]]</p>{{/NONE}}
<table class="report" id="{{TABLE_ID}}">
<caption>[[{{TITLE}} (<a href="{{CSV_HREF}}">CSV</a>)]]</caption>
<thead><tr>{{#HEAD}}<th scope="col"{{#NUM}} class="num"{{/NUM}}>{{NAME}}</th>{{/HEAD}}</tr></thead>
<tbody>
{{#ROW}}<tr>{{#FIRST}}<th scope="row">{{TEXT}}</th>{{/FIRST}}{{#CELL}}<td{{#NUM}} class="num"{{/NUM}}>{{TEXT}}</td>{{/CELL}}</tr>
{{/ROW}}
</tbody>
</table>
</section>
