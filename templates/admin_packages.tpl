{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>[[Packages and bundles]]</h1>
{{#DONE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/DONE}}
<p class="meta">[[A package (1 consultation and 3 treatments) or a bundle (10 × yoga) is bought at its price as credits, one per session it holds, each valid for its days from the purchase; the customer books each credit into a session of its event later. A package holding nothing is not on sale.]]</p>

<section aria-labelledby="packages-h">
<h2 id="packages-h">[[On sale]]</h2>
{{#NO_PACKAGES}}<p>[[No packages yet: make one below.]]</p>{{/NO_PACKAGES}}
{{#NO_EVENTS}}<p class="notice">[[There are no events yet: <a href="/admin/events/new">make one</a> for a package to hold its sessions.]]</p>{{/NO_EVENTS}}
{{#PACKAGE}}<article class="package" id="package-{{ID}}" aria-labelledby="package-{{ID}}-h">
<h3 id="package-{{ID}}-h">{{NAME}}{{#INACTIVE}} [[(not on sale)]]{{/INACTIVE}}</h3>
<p>[[{{KIND_LABEL}} · <span class="price">{{PRICE}}</span> · valid {{EXPIRY_DAYS}} days · <span class="contents">{{CONTENTS}}</span>]]</p>
<form method="post" action="/admin/packages/{{ID}}/items" class="inline-fields" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="package-{{ID}}-event">[[Event]]</label>
<select id="package-{{ID}}-event" name="eventId" required{{#EVENTID_ERROR}} aria-invalid="true" aria-describedby="package-{{ID}}-event-error"{{/EVENTID_ERROR}}>
{{#EVENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/EVENT_OPTION}}
</select>
{{#EVENTID_ERROR}}<span class="field-error" id="package-{{ID}}-event-error">{{MESSAGE}}</span>{{/EVENTID_ERROR}}
</p>
<p>
<label for="package-{{ID}}-quantity">[[Sessions of it]]</label>
<input type="text" inputmode="numeric" id="package-{{ID}}-quantity" name="quantity" value="{{QUANTITY}}" size="4" required aria-describedby="package-{{ID}}-quantity-hint{{#QUANTITY_ERROR}} package-{{ID}}-quantity-error{{/QUANTITY_ERROR}}"{{#QUANTITY_ERROR}} aria-invalid="true"{{/QUANTITY_ERROR}}>
<span class="hint" id="package-{{ID}}-quantity-hint">[[0 takes the event out of the package.]]</span>
{{#QUANTITY_ERROR}}<span class="field-error" id="package-{{ID}}-quantity-error">{{MESSAGE}}</span>{{/QUANTITY_ERROR}}
</p>
<p><button type="submit" class="secondary">[[Save what it holds<span class="visually-hidden"> for {{NAME}}</span>]]</button></p>
</form>
</article>
{{/PACKAGE}}
</section>

<section aria-labelledby="new-h">
<h2 id="new-h">[[New package]]</h2>
<form method="post" action="/admin/packages" class="stacked" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="name">[[Name]]</label>
<input type="text" id="name" name="name" value="{{NAME}}" maxlength="100" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<span class="field-error" id="name-error">{{MESSAGE}}</span>{{/NAME_ERROR}}
</p>
<p>
<label for="kind">[[Kind]]</label>
<select id="kind" name="kind"{{#KIND_ERROR}} aria-invalid="true" aria-describedby="kind-error"{{/KIND_ERROR}}>
{{#KIND_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/KIND_OPTION}}
</select>
{{#KIND_ERROR}}<span class="field-error" id="kind-error">{{MESSAGE}}</span>{{/KIND_ERROR}}
</p>
<p>
<label for="price">[[Price]]</label>
<input type="text" id="price" name="price" value="{{PRICE}}" inputmode="decimal" required{{#PRICE_ERROR}} aria-invalid="true" aria-describedby="price-error"{{/PRICE_ERROR}}>
{{#PRICE_ERROR}}<span class="field-error" id="price-error">{{MESSAGE}}</span>{{/PRICE_ERROR}}
</p>
<p>
<label for="expiryDays">[[Valid for (days)]]</label>
<input type="text" id="expiryDays" name="expiryDays" value="{{EXPIRYDAYS}}" inputmode="numeric" aria-describedby="expiryDays-hint{{#EXPIRYDAYS_ERROR}} expiryDays-error{{/EXPIRYDAYS_ERROR}}"{{#EXPIRYDAYS_ERROR}} aria-invalid="true"{{/EXPIRYDAYS_ERROR}}>
<span class="hint" id="expiryDays-hint">[[From the purchase; empty: 90.]]</span>
{{#EXPIRYDAYS_ERROR}}<span class="field-error" id="expiryDays-error">{{MESSAGE}}</span>{{/EXPIRYDAYS_ERROR}}
</p>
<p><button type="submit">[[Create package]]</button></p>
</form>
</section>
