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
