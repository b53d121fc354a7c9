/* pages/chart.h: bar and line charts as inline SVG, drawn on the server from a report's numbers */
#ifndef CHART_H
#define CHART_H

struct arena;
struct tmpl;

enum chart_kind { CHART_BAR, CHART_LINE };
/* How values read: counts, cents (the money formatter), tenths of a percent. */
enum chart_unit { CHART_COUNT, CHART_MONEY, CHART_PERMILLE };

#define CHART_SERIES_MAX	3
/* Geometry of the drawing (its viewBox); the page scales it. */
#define CHART_WIDTH		720
#define CHART_HEIGHT		320

/*
 * n categories along x (labels[i]), each with one value per series
 * (values[s][i]). Each series is told apart by more than its colour: a
 * dark, a hatched and a light fill for bars; a solid, a dashed and a
 * dotted stroke for lines. The page shows the same numbers as a table,
 * which screen readers are pointed to.
 */
struct chart {
	const char	 *id;		/* unique on the page, for the SVG's ids */
	const char	 *title;
	const char	 *x_label;
	const char	 *y_label;
	enum chart_kind	  kind;
	enum chart_unit	  unit;
	int		  n;
	const char	**labels;
	int		  nseries;
	const char	 *series[CHART_SERIES_MAX];
	const long long	 *values[CHART_SERIES_MAX];
};

/* The top of the value axis for values up to max: 4 equal steps of 1, 2
 * or 5 times a power of ten (100 % for percentages). */
long long	 chart_axis_top(long long max, enum chart_unit);
/* A value as the chart and its table write it. */
const char	*chart_value(struct arena *, long long v, enum chart_unit);
/* Fills t, a dictionary of templates/chart.tpl (tmpl_include()). */
void		 chart_fill(struct arena *, struct tmpl *, const struct chart *);

#endif
