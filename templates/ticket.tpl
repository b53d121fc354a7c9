{{%AUTOESCAPE context="HTML"}}
<section class="ticket" id="ticket"><h2>[[Your ticket]]</h2>
<p>[[Show this code at the door: <strong class="ticket-code" id="ticket-code">{{TICKET_CODE}}</strong>]]</p>
<figure class="qr">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{QR_SIZE}} {{QR_SIZE}}" width="200" height="200" shape-rendering="crispEdges" role="img" aria-labelledby="ticket-qr-title">
<title id="ticket-qr-title">[[QR code of the ticket {{TICKET_CODE}}]]</title>
<rect width="{{QR_SIZE}}" height="{{QR_SIZE}}" fill="#fff"/>
<path fill="#000" d="{{QR_PATH}}"/>
</svg>
</figure></section>
