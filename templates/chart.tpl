{{%AUTOESCAPE context="HTML"}}
<svg xmlns="http://www.w3.org/2000/svg" class="chart {{KIND}}" id="{{ID}}" viewBox="0 0 {{WIDTH}} {{HEIGHT}}" role="img" aria-labelledby="{{ID}}-title {{ID}}-desc">
<title id="{{ID}}-title">{{TITLE}}</title>
<desc id="{{ID}}-desc">[[The table that follows holds the same numbers.]]</desc>
<defs>
<pattern id="{{ID}}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="#8c2d04"/></pattern>
</defs>
<rect width="{{WIDTH}}" height="{{HEIGHT}}" fill="#ffffff"/>
<text x="{{CENTRE}}" y="22" text-anchor="middle" font-size="16" font-weight="bold" fill="#000000">{{TITLE}}</text>
{{#EMPTY}}<text x="{{CENTRE}}" y="{{PLOT_MIDDLE}}" text-anchor="middle" font-size="14" fill="#000000">[[Nothing in this range]]</text>{{/EMPTY}}
{{#TICK}}<line x1="{{LEFT}}" x2="{{RIGHT}}" y1="{{Y}}" y2="{{Y}}" stroke="#d0d0d0"/><text x="{{LEFT}}" dx="-6" y="{{TEXT_Y}}" text-anchor="end" font-size="11" fill="#000000">{{LABEL}}</text>
{{/TICK}}
<line x1="{{LEFT}}" x2="{{LEFT}}" y1="{{TOP}}" y2="{{BOTTOM}}" stroke="#000000"/>
<line x1="{{LEFT}}" x2="{{RIGHT}}" y1="{{BOTTOM}}" y2="{{BOTTOM}}" stroke="#000000"/>
{{#XLABEL}}<text x="{{X}}" y="{{LABEL_Y}}" text-anchor="middle" font-size="11" fill="#000000">{{LABEL}}</text>
{{/XLABEL}}
<text class="axis" x="{{MIDDLE}}" y="{{AXIS_Y}}" text-anchor="middle" font-size="12" fill="#000000">{{X_AXIS}}</text>
<text class="axis" x="16" y="{{PLOT_MIDDLE}}" text-anchor="middle" font-size="12" fill="#000000" transform="rotate(-90 16 {{PLOT_MIDDLE}})">{{Y_AXIS}}</text>
{{#BAR}}<rect class="bar s{{SERIES}}" x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" fill="{{FILL}}" stroke="#000000" stroke-width="0.5" data-value="{{VALUE}}"><title>{{LABEL}}, {{NAME}}: {{VALUE}}</title></rect>{{#VALUE_TEXT}}<text class="value" x="{{TX}}" y="{{TY}}" text-anchor="middle" font-size="10" fill="#000000">{{VALUE}}</text>{{/VALUE_TEXT}}
{{/BAR}}
{{#LINE}}<polyline class="line s{{SERIES}}" points="{{POINTS}}" fill="none" stroke="{{STROKE}}" stroke-width="2" stroke-dasharray="{{DASH}}"/>
{{#POINT}}<circle cx="{{X}}" cy="{{Y}}" r="3" fill="{{STROKE}}" data-value="{{VALUE}}"><title>{{LABEL}}, {{NAME}}: {{VALUE}}</title></circle>{{/POINT}}
{{/LINE}}
{{#LEGEND}}{{#BAR_KEY}}<rect x="{{X}}" y="34" width="12" height="12" fill="{{FILL}}" stroke="#000000" stroke-width="0.5"/>{{/BAR_KEY}}{{#LINE_KEY}}<line x1="{{X}}" x2="{{X2}}" y1="40" y2="40" stroke="{{STROKE}}" stroke-width="2" stroke-dasharray="{{DASH}}"/>{{/LINE_KEY}}<text x="{{TX}}" y="45" font-size="12" fill="#000000">{{NAME}}</text>
{{/LEGEND}}
</svg>
