# shellcheck shell=bash
# bench/ticks.sh, sourced by bench/cpu and bench/run: the CPU time of the stack under $VAR.

# the processes of each part of the stack: pids mysqld|workers|nginx
pids() {
	local n
	case $1 in
	mysqld) cat "$VAR/run/mysqld.pid" 2>/dev/null || true ;;
	workers) pgrep -P "$(cat "$VAR/run/workers.pid")" 2>/dev/null || true ;;
	nginx)
		n=$(cat "$VAR/run/nginx.pid" 2>/dev/null || true)
		[ -z "$n" ] || { echo "$n"; pgrep -P "$n" 2>/dev/null || true; } ;;
	esac
}
# utime + stime of each part's processes, in clock ticks: "mysqld workers nginx"
ticks() {
	local part p sum out=""
	for part in mysqld workers nginx; do
		sum=0
		for p in $(pids "$part"); do
			[ -r "/proc/$p/stat" ] || continue
			sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
		done
		out="$out $sum"
	done
	echo "$out"
}
# The CPU time a request, in microseconds, over the requests of wrk's report $1 between the
# ticks $2 and $3 (each "mysqld workers nginx"): "all mysqld workers nginx"
per_request() {
	local m0 w0 n0 m1 w1 n1
	read -r m0 w0 n0 <<<"$2"
	read -r m1 w1 n1 <<<"$3"
	awk -v m=$((m1 - m0)) -v w=$((w1 - w0)) -v x=$((n1 - n0)) -v hz="$(getconf CLK_TCK)" '
		/requests in/ { f = 1e6 / hz / $1
		    printf "%.0f %.0f %.0f %.0f\n", (m + w + x) * f, m * f, w * f, x * f }' "$1"
}
