/* pages/chart.c: bar and line charts as inline SVG (templates/chart.tpl), from a report's numbers */
#include <stdio.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "http/tmpl.h"
#include "pages/chart.h"

/* The plot inside the drawing: room for the title and legend above, the
 * value labels left, the category labels and the axis title below. */
#define PLOT_LEFT	80
#define PLOT_TOP	64
#define PLOT_WIDTH	(CHART_WIDTH - PLOT_LEFT - 16)
#define PLOT_HEIGHT	(CHART_HEIGHT - PLOT_TOP - 64)
#define AXIS_STEPS	4
#define X_LABELS_MAX	12	/* more categories than this: every k-th is labelled */
#define VALUE_TEXT_MIN	18	/* bars narrower than this carry their value in a tooltip only */
#define BAR_MAX		64	/* a few categories still get slim bars */

/* Told apart in greyscale by lightness and texture, not hue alone. */
static const char *const bar_fills[CHART_SERIES_MAX] = { "#1f3b5a", NULL, "#c8c8c8" };
static const char *const line_strokes[CHART_SERIES_MAX] = { "#1f3b5a", "#8c2d04", "#555555" };
static const char *const line_dashes[CHART_SERIES_MAX] = { "none", "8 4", "2 4" };

long long
chart_axis_top(long long max, enum chart_unit unit)
{
	long long step, p;

	if (unit == CHART_PERMILLE && max <= 1000)
		return 1000;
	if (max < 1)
		max = 1;
	step = (max + AXIS_STEPS - 1) / AXIS_STEPS;
	for (p = 1; ; p *= 10) {
		if (step <= p)
			return p * AXIS_STEPS;
		if (step <= 2 * p)
			return 2 * p * AXIS_STEPS;
		if (step <= 5 * p)
			return 5 * p * AXIS_STEPS;
	}
}

const char *
chart_value(struct arena *a, long long v, enum chart_unit unit)
{
	switch (unit) {
	case CHART_MONEY:
		return money_fmt(a, v);
	case CHART_PERMILLE:
		return arena_printf(a, "%lld.%lld%%", v / 10, v % 10);
	default:
		return arena_printf(a, "%lld", v);
	}
}

static const char *
num(struct arena *a, double v)
{
	return arena_printf(a, "%.1f", v);
}

static double
y_of(long long v, long long top)
{
	if (v < 0)
		v = 0;
	return PLOT_TOP + PLOT_HEIGHT - (double)v * PLOT_HEIGHT / (double)top;
}

static void
axes(struct arena *a, struct tmpl *t, const struct chart *c, long long top, double slot)
{
	struct tmpl *row;
	int i, every;

	for (i = 0; i <= AXIS_STEPS; i++) {
		row = tmpl_section(t, "TICK");
		tmpl_set(row, "Y", num(a, y_of(top / AXIS_STEPS * i, top)));
		tmpl_set(row, "TEXT_Y", num(a, y_of(top / AXIS_STEPS * i, top) + 4));
		tmpl_set(row, "LABEL", chart_value(a, top / AXIS_STEPS * i, c->unit));
	}
	every = (c->n + X_LABELS_MAX - 1) / X_LABELS_MAX;
	for (i = 0; i < c->n; i += every) {
		row = tmpl_section(t, "XLABEL");
		tmpl_set(row, "X", num(a, PLOT_LEFT + slot * (i + 0.5)));
		tmpl_set(row, "LABEL", c->labels[i]);
	}
}

static void
bars(struct arena *a, struct tmpl *t, const struct chart *c, long long top, double slot)
{
	struct tmpl *row;
	double w = slot * 0.8 / c->nseries, x, y, pad;
	const char *value;
	int i, s;

	if (w > BAR_MAX)
		w = BAR_MAX;
	pad = (slot - w * c->nseries) / 2;

	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->n; i++) {
			row = tmpl_section(t, "BAR");
			x = PLOT_LEFT + slot * i + pad + w * s;
			y = y_of(c->values[s][i], top);
			value = chart_value(a, c->values[s][i], c->unit);
			tmpl_set(row, "X", num(a, x));
			tmpl_set(row, "Y", num(a, y));
			tmpl_set(row, "W", num(a, w));
			tmpl_set(row, "H", num(a, PLOT_TOP + PLOT_HEIGHT - y));
			tmpl_set_int(row, "SERIES", s);
			if (bar_fills[s] != NULL)
				tmpl_set(row, "FILL", bar_fills[s]);
			else
				tmpl_set(row, "FILL", arena_printf(a, "url(#%s-hatch)", c->id));
			tmpl_set(row, "LABEL", c->labels[i]);
			tmpl_set(row, "NAME", c->series[s]);
			tmpl_set(row, "VALUE", value);
			if (w >= VALUE_TEXT_MIN) {
				row = tmpl_section(row, "VALUE_TEXT");
				tmpl_set(row, "TX", num(a, x + w / 2));
				tmpl_set(row, "TY", num(a, y - 4));
				tmpl_set(row, "VALUE", value);
			}
		}
}

static void
lines(struct arena *a, struct tmpl *t, const struct chart *c, long long top, double slot)
{
	struct tmpl *line, *point;
	struct buf pts;
	double x, y;
	int i, s;

	for (s = 0; s < c->nseries; s++) {
		line = tmpl_section(t, "LINE");
		buf_init(&pts, a);
		for (i = 0; i < c->n; i++) {
			x = PLOT_LEFT + slot * (i + 0.5);
			y = y_of(c->values[s][i], top);
			buf_printf(&pts, "%s%.1f,%.1f", i ? " " : "", x, y);
			point = tmpl_section(line, "POINT");
			tmpl_set(point, "X", num(a, x));
			tmpl_set(point, "Y", num(a, y));
			tmpl_set(point, "LABEL", c->labels[i]);
			tmpl_set(point, "NAME", c->series[s]);
			tmpl_set(point, "VALUE", chart_value(a, c->values[s][i], c->unit));
		}
		tmpl_set(line, "POINTS", buf_cstr(&pts));
		tmpl_set(line, "STROKE", line_strokes[s]);
		tmpl_set(line, "DASH", line_dashes[s]);
		tmpl_set_int(line, "SERIES", s);
	}
}

static void
legend(struct arena *a, struct tmpl *t, const struct chart *c)
{
	struct tmpl *row;
	int s;

	for (s = 0; s < c->nseries; s++) {
		row = tmpl_section(t, "LEGEND");
		tmpl_set(row, "X", num(a, PLOT_LEFT + 180.0 * s));
		tmpl_set(row, "TX", num(a, PLOT_LEFT + 180.0 * s + 18));
		tmpl_set(row, "NAME", c->series[s]);
		if (c->kind == CHART_LINE) {
			row = tmpl_section(row, "LINE_KEY");
			tmpl_set(row, "X2", num(a, PLOT_LEFT + 180.0 * s + 14));
			tmpl_set(row, "STROKE", line_strokes[s]);
			tmpl_set(row, "DASH", line_dashes[s]);
		} else {
			row = tmpl_section(row, "BAR_KEY");
			tmpl_set(row, "FILL", bar_fills[s] != NULL ? bar_fills[s] :
			    arena_printf(a, "url(#%s-hatch)", c->id));
		}
	}
}

void
chart_fill(struct arena *a, struct tmpl *t, const struct chart *c)
{
	long long max = 0, top;
	double slot;
	int i, s;

	tmpl_set(t, "ID", c->id);
	tmpl_set(t, "TITLE", c->title);
	tmpl_set(t, "X_AXIS", c->x_label);
	tmpl_set(t, "Y_AXIS", c->y_label);
	tmpl_set_int(t, "WIDTH", CHART_WIDTH);
	tmpl_set_int(t, "HEIGHT", CHART_HEIGHT);
	tmpl_set_int(t, "LEFT", PLOT_LEFT);
	tmpl_set_int(t, "RIGHT", PLOT_LEFT + PLOT_WIDTH);
	tmpl_set_int(t, "BOTTOM", PLOT_TOP + PLOT_HEIGHT);
	tmpl_set_int(t, "TOP", PLOT_TOP);
	tmpl_set_int(t, "MIDDLE", PLOT_LEFT + PLOT_WIDTH / 2);
	tmpl_set_int(t, "CENTRE", CHART_WIDTH / 2);
	tmpl_set_int(t, "LABEL_Y", PLOT_TOP + PLOT_HEIGHT + 18);
	tmpl_set_int(t, "AXIS_Y", CHART_HEIGHT - 12);
	tmpl_set_int(t, "PLOT_MIDDLE", PLOT_TOP + PLOT_HEIGHT / 2);
	tmpl_set(t, "KIND", c->kind == CHART_LINE ? "line" : "bar");
	if (c->n <= 0 || c->nseries <= 0) {
		tmpl_show(t, "EMPTY");
		return;
	}
	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->n; i++)
			if (c->values[s][i] > max)
				max = c->values[s][i];
	top = chart_axis_top(max, c->unit);
	slot = (double)PLOT_WIDTH / c->n;
	axes(a, t, c, top, slot);
	if (c->kind == CHART_LINE)
		lines(a, t, c, top, slot);
	else
		bars(a, t, c, top, slot);
	legend(a, t, c);
}
