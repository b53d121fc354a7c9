{{%AUTOESCAPE context="HTML"}}
<section id="reviews">
<h2>[[Reviews]]</h2>
{{#NO_REVIEWS}}<p>[[No reviews yet.]]</p>{{/NO_REVIEWS}}
{{#SUMMARY}}<p class="rating-summary">[[Rated <strong id="review-average">{{AVERAGE}}</strong> out of 5 from <span id="review-count">{{REVIEW_COUNT}}</span> {{REVIEWS_WORD}}.]]</p>{{/SUMMARY}}
<ul class="reviews">
{{#REVIEW}}<li data-review="{{REVIEW_ID}}"><span class="rating">{{RATING}}</span>/5, {{REVIEWER}}, {{WHEN}}{{#COMMENT}}<blockquote>{{COMMENT}}</blockquote>{{/COMMENT}}
{{#CAN_HIDE}}<form method="post" action="/admin/reviews/{{REVIEW_ID}}/hide" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="back" value="{{BACK}}"><button type="submit">[[Hide<span class="visually-hidden"> review {{REVIEW_ID}}</span>]]</button></form>{{/CAN_HIDE}}</li>
{{/REVIEW}}
</ul>
<nav class="pages" aria-label="[[Review pages]]">
{{#PREV_REVIEWS}}<a rel="prev" href="{{HREF}}">[[Newer reviews]]</a>{{/PREV_REVIEWS}}
{{#NEXT_REVIEWS}}<a rel="next" href="{{HREF}}">[[Older reviews]]</a>{{/NEXT_REVIEWS}}
</nav>
</section>
