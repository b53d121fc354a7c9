/* calendar.js: arrow keys move between the days and sessions of a calendar
 * table (table[data-keys]); without it every link is still reached by Tab. */
"use strict";
document.addEventListener("keydown", function (ev) {
	var moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
	var link = ev.target, cell, table, rows, r, c, step, next, found;

	if (!moves[ev.key] || ev.altKey || ev.ctrlKey || ev.metaKey || link.tagName !== "A")
		return;
	cell = link.closest("td, th");
	table = link.closest("table[data-keys]");
	if (!cell || !table)
		return;
	step = moves[ev.key];
	/* Within a cell, left and right go through its links first. */
	if (step[0] === 0) {
		var links = Array.prototype.slice.call(cell.querySelectorAll("a"));
		next = links[links.indexOf(link) + step[1]];
		if (next) {
			next.focus();
			ev.preventDefault();
			return;
		}
	}
	rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
	r = rows.indexOf(cell.parentElement);
	c = Array.prototype.indexOf.call(cell.parentElement.children, cell);
	for (;;) {
		r += step[0];
		c += step[1];
		if (r < 0 || r >= rows.length || c < 0 || c >= rows[r].children.length)
			return;
		found = rows[r].children[c].querySelectorAll("a");
		if (found.length) {
			found[step[1] < 0 ? found.length - 1 : 0].focus();
			ev.preventDefault();
			return;
		}
	}
});
