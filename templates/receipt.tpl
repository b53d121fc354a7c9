{{%AUTOESCAPE context="HTML"}}
<article class="receipt" aria-labelledby="receipt-h">
<header>
<p class="seller"><strong>{{SITE_NAME}}</strong>{{#ADDRESS}}<br><span id="site-address">{{SITE_ADDRESS}}</span>{{/ADDRESS}}{{#TAX_ID}}<br>[[Tax id: <span id="tax-id">{{TAX_ID}}</span>]]{{/TAX_ID}}</p>
<h1 id="receipt-h">[[Receipt for order {{ORDER_ID}}]]</h1>
<p>{{CREATED}} · {{ORDER_STATUS_LABEL}}<br>{{CUSTOMER}} &lt;{{CUSTOMER_EMAIL}}&gt;</p>
</header>
<table class="receipt-lines">
<thead><tr><th scope="col">[[What]]</th><th scope="col">[[Price]]</th><th scope="col">[[Discount]]</th><th scope="col">[[Tax]]</th><th scope="col">[[Total]]</th></tr></thead>
<tbody>
{{#LINE}}<tr data-booking="{{ID}}"><th scope="row">{{ROOM_NAME}}{{#EVENT}}, {{EVENT_TITLE}}{{/EVENT}}, {{DATE}} {{START}}–{{END}}</th><td>{{BASE_PRICE}}</td><td>{{LINE_DISCOUNT}}</td><td>{{LINE_TAX}}</td><td>{{TOTAL_PRICE}}</td></tr>
{{/LINE}}
</tbody>
<tfoot>
<tr><th scope="row">[[Sum]]</th><td id="receipt-base">{{BASE_PRICE}}</td><td id="receipt-discount">{{DISCOUNT_SUM}}</td><td id="receipt-tax">{{TAX_SUM}}</td><td id="receipt-total">{{TOTAL_PRICE}}</td></tr>
</tfoot>
</table>
{{#TAXED}}<p>{{#INCLUDED}}[[Tax {{TAX_RATE}}, included in the prices: {{TAX_AMOUNT}}.]]{{/INCLUDED}}{{#EXCLUDED}}[[Tax {{TAX_RATE}}, added to the prices: {{TAX_AMOUNT}}.]]{{/EXCLUDED}}</p>{{/TAXED}}
{{#REFUNDED}}<p id="receipt-refunded">[[Refunded: {{REFUNDED}}.]]</p>{{/REFUNDED}}
<p class="no-print"><a href="{{BACK_URL}}">{{BACK_LABEL}}</a></p>
</article>
