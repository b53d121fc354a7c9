# lib.sh: shared build, start and stop functions for scripts/up, scripts/down and scripts/test
# shellcheck shell=bash
#
# The caller sets ROOT (repo), VAR (state dir), BUILD (build dir), DB_PORT and optionally
# CONFIGURE_FLAGS, HTTPS_PORT, HTTP_PORT, LISTEN before sourcing this file. scripts/cluster
# also sets MYSQLD_EXTRA (more [mysqld] lines), MYSQLD_ARGS (mariadbd's options) and
# UPSTREAM (nginx's upstream servers) before calling the functions.
# Everything runs as root from the caller's shell; no system service is ever used.

: "${ROOT:?ROOT must be set}"
: "${VAR:?VAR must be set}"
: "${BUILD:=$ROOT/build}"
: "${DB_PORT:=33061}"
: "${CONFIGURE_FLAGS:=}"
: "${HTTPS_PORT:=${BOOKING_HTTPS_PORT:-8443}}"
: "${HTTP_PORT:=${BOOKING_HTTP_PORT:-8080}}"
: "${LISTEN:=${BOOKING_LISTEN:-127.0.0.1}}"
# the name the site is reached at: plain HTTP redirects there, never to the Host a client sent
if [ -z "${SERVER_NAME:=${BOOKING_SERVER_NAME:-}}" ]; then
	case $LISTEN in 0.0.0.0 | '' | ::) SERVER_NAME=localhost ;; *) SERVER_NAME=$LISTEN ;; esac
fi
HTTPS_HOST=$SERVER_NAME
[ "$HTTPS_PORT" = 443 ] || HTTPS_HOST=$SERVER_NAME:$HTTPS_PORT
LOGIN_RATE=${BOOKING_LOGIN_RATE:-20}
CONN_LIMIT=${BOOKING_CONN_LIMIT:-100}
MYCNF=$VAR/my.cnf
CONF=$VAR/booking.conf
RUN=$VAR/run
LOG=$VAR/log
umask 022

PACKAGES="libfcgi-dev spawn-fcgi multiwatch libmariadb-dev mariadb-server mariadb-client
libctemplate-dev libjson-c-dev libargon2-dev libzxcvbn-dev libssl-dev liboath-dev libqrencode-dev nginx-light
autoconf automake libtool pkg-config g++ make openssl curl wrk cppcheck clang-tools shellcheck gcovr libfcgi-bin
clang libclang-rt-dev galera-4 mariadb-backup socat"

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

need_root() {
	[ "$(id -u)" = 0 ] || die "run this as root (it starts a private MariaDB and nginx)"
}

# ensure_packages [extra...]: install the missing ones of PACKAGES and extra from the Debian archive
ensure_packages() {
	local p missing=''
	for p in $PACKAGES "$@"; do
		dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		# keeps apt from starting the system MariaDB or nginx; this project runs its own
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		say "note: created /usr/sbin/policy-rc.d so package installs start no system services"
	fi
	say "== installing:$missing"
	apt-get update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
}

# bootstrap: autoreconf when configure is missing or older than what it is made from
bootstrap() {
	[ -f "$ROOT/configure.ac" ] || die "$ROOT/configure.ac not found"
	if [ ! -x "$ROOT/configure" ] || [ -n "$(find "$ROOT" -maxdepth 2 \( -name configure.ac -o \
	    -name Makefile.am \) -newer "$ROOT/configure" 2>/dev/null)" ]; then
		say "== autoreconf -fi"
		(cd "$ROOT" && autoreconf -fi)
	fi
}

# build: bootstrap autotools when needed, then a VPATH build in $BUILD
build() {
	bootstrap
	mkdir -p "$BUILD"
	if [ ! -f "$BUILD/Makefile" ] || [ "$ROOT/configure" -nt "$BUILD/config.status" ] ||
	    [ "$(cat "$BUILD/.configure-flags" 2>/dev/null)" != "$CONFIGURE_FLAGS" ]; then
		say "== configure $CONFIGURE_FLAGS (in $BUILD)"
		# shellcheck disable=SC2086
		(cd "$BUILD" && "$ROOT/configure" $CONFIGURE_FLAGS)
		printf '%s\n' "$CONFIGURE_FLAGS" >"$BUILD/.configure-flags"
	fi
	say "== make (in $BUILD)"
	make -C "$BUILD" -j2
}

# running PID: true while PID exists and is not a zombie
running() {
	[ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null
}

# proc_alive PID NAME: true while PID runs the program NAME (not a zombie, not a reused pid)
proc_alive() {
	running "$1" && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]
}

# pid_alive FILE NAME: true while the pid in FILE runs NAME
pid_alive() {
	local pid
	[ -s "$1" ] || return 1
	pid=$(cat "$1")
	case $pid in '' | *[!0-9]*) return 1 ;; esac
	proc_alive "$pid" "$2"
}

# group_alive PGID: true while a process other than a zombie is in process group PGID
group_alive() {
	local f line state pgrp
	for f in /proc/[0-9]*/stat; do
		read -r line 2>/dev/null <"$f" || continue
		# the fields after "pid (comm) " are: state ppid pgrp ...
		read -r state _ pgrp _ <<<"${line##*) }"
		[ "$pgrp" != "$1" ] || [ "$state" = Z ] || return 0
	done
	return 1
}

# stop_pid FILE NAME [TIMEOUT]: SIGTERM the process in FILE, wait for it and its process
# group to exit, SIGKILL the group after TIMEOUT seconds
stop_pid() {
	local file=$1 name=$2 limit=$((${3:-30} * 10)) pid n=0
	if pid_alive "$file" "$name"; then
		pid=$(cat "$file")
		say "stopping $name ($pid)"
		kill -TERM "$pid" 2>/dev/null || true
		# a process group keeps its id until its last member is gone, so this waits only on ours
		while proc_alive "$pid" "$name" || group_alive "$pid"; do
			n=$((n + 1))
			if [ "$n" -ge "$limit" ]; then
				say "$name ($pid) still running after ${3:-30} s; killing it"
				kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
				sleep 0.5
				break
			fi
			sleep 0.1
		done
	fi
	rm -f "$file"
}

show_logs() {
	local f
	for f in "$LOG/mysqld.log" "$LOG/nginx-error.log" "$LOG/worker.log"; do
		[ -s "$f" ] || continue
		printf -- '--- last lines of %s\n' "$f"
		tail -n "$([ "$f" = "$LOG/mysqld.log" ] && echo 5 || echo 20)" "$f"
	done >&2
}

# pick_run_user: www-data when it can read what the workers and nginx serve, else root
pick_run_user() {
	RUN_USER=${BOOKING_RUN_USER:-}
	if [ -z "$RUN_USER" ]; then
		# the inner sh expands "$d", not this one
		# shellcheck disable=SC2016
		if id www-data >/dev/null 2>&1 &&
		    runuser -u www-data -- sh -c 'for d; do test -r "$d" && test -x "$d" || exit 1; done' \
		        sh "$ROOT/templates" "$ROOT/static" "$BUILD/src"; then
			RUN_USER=www-data
		else
			RUN_USER=root
			say "note: www-data cannot read $ROOT/templates, $ROOT/static or $BUILD/src; workers and nginx run as root"
		fi
	fi
	id "$RUN_USER" >/dev/null 2>&1 || die "no such user: $RUN_USER"
	RUN_GROUP=$(id -gn "$RUN_USER")
}

# write_config: the workers' and bookingctl's configuration, generated once with a fresh secret
write_config() {
	mkdir -p "$VAR"
	if [ ! -f "$CONF" ]; then
		say "== writing $CONF"
		(umask 077 && cat >"$CONF.new" <<EOF
# booking.conf: generated by scripts/up; secrets live here, never in the repo
db_socket = $RUN/mysqld.sock
db_name = booking
db_user = booking
db_password = $(openssl rand -hex 24)
migrate_user = booking_migrate
migrate_password = $(openssl rand -hex 24)
templates = $ROOT/templates
migrations = $ROOT/sql
timezone = UTC
threads = 4
EOF
		)
		mv "$CONF.new" "$CONF"
	fi
	if ! grep -q '^migrate_user' "$CONF"; then
		# written before schema changes got an account of their own
		say "== adding migrate_user to $CONF"
		printf 'migrate_user = booking_migrate\nmigrate_password = %s\n' \
			"$(openssl rand -hex 24)" >>"$CONF"
	fi
	# mail and payments, also added to a file written before they existed; the environment's
	# BOOKING_SENDMAIL, BOOKING_MAIL_FROM and BOOKING_WEBHOOK_SECRET still win over these
	conf_default site_url "https://$([ "$LISTEN" = 0.0.0.0 ] && echo localhost || echo "$LISTEN"):$HTTPS_PORT"
	conf_default mail_from "booking@localhost"
	conf_default sendmail "$ROOT/scripts/maildir-deliver $VAR/mail"
	conf_default webhook_secret "$(openssl rand -hex 32)"
	conf_default totp_key "$(openssl rand -hex 32)"
	chown "root:$RUN_GROUP" "$CONF"
	chmod 0640 "$CONF"
}

# conf_default KEY VALUE: adds KEY to booking.conf unless it is set there
conf_default() {
	grep -q "^$1[[:space:]]*=" "$CONF" || printf '%s = %s\n' "$1" "$2" >>"$CONF"
}

conf_get() {
	sed -n "s/^$1[[:space:]]*=[[:space:]]*//p" "$CONF" | tail -n 1
}

# make_cert: a self-signed certificate for localhost, created once
make_cert() {
	local san="DNS:localhost,IP:127.0.0.1"
	[ -s "$VAR/tls/cert.pem" ] && [ -s "$VAR/tls/key.pem" ] && return 0
	case $LISTEN in
	127.0.0.1 | 0.0.0.0 | localhost | *[!0-9.]*) ;;
	*) san="$san,IP:$LISTEN" ;;
	esac
	say "== creating a self-signed certificate in $VAR/tls"
	mkdir -p "$VAR/tls"
	chmod 700 "$VAR/tls"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
		-subj /CN=localhost -addext "subjectAltName=$san" \
		-keyout "$VAR/tls/key.pem" -out "$VAR/tls/cert.pem" 2>/dev/null
	chmod 600 "$VAR/tls/key.pem"
}

write_mycnf() {
	cat >"$MYCNF" <<EOF
# my.cnf: the project's private MariaDB instance (never the system one)
[mysqld]
user = root
datadir = $VAR/mysql
socket = $RUN/mysqld.sock
pid-file = $RUN/mysqld.pid
log-error = $LOG/mysqld.log
bind-address = 127.0.0.1
port = $DB_PORT
skip-name-resolve
default-time-zone = '+00:00'
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
max_connections = 300
performance_schema = OFF
innodb_buffer_pool_size = 256M
innodb_log_file_size = 64M
innodb_flush_log_at_trx_commit = 1
${MYSQLD_EXTRA:-}

[client]
socket = $RUN/mysqld.sock
port = $DB_PORT
default-character-set = utf8mb4
EOF
}

db_sql() {
	mariadb --defaults-file="$MYCNF" -N -B "$@"
}

# db_start: initialise the data directory on first run, start mariadbd, wait until it answers
db_start() {
	local n=0 busy=0 pid
	mkdir -p "$RUN" "$LOG"
	write_mycnf
	if pid_alive "$RUN/mysqld.pid" mariadbd; then
		say "mariadb: already running"
		return 0
	fi
	if [ ! -d "$VAR/mysql/mysql" ]; then
		say "== initialising MariaDB in $VAR/mysql"
		mariadb-install-db --defaults-file="$MYCNF" --user=root \
			--auth-root-authentication-method=socket --skip-test-db \
			>"$LOG/mysql-install.log" 2>&1 || { tail -n 20 "$LOG/mysql-install.log" >&2; die "mariadb-install-db failed"; }
	fi
	say "== starting mariadbd on port $DB_PORT"
	# shellcheck disable=SC2086 # MYSQLD_ARGS is a list of options
	setsid mariadbd --defaults-file="$MYCNF" ${MYSQLD_ARGS:-} >>"$LOG/mysqld.log" 2>&1 </dev/null &
	pid=$!
	until mariadb-admin --defaults-file="$MYCNF" ping >/dev/null 2>&1; do
		n=$((n + 1))
		# our own child, so its pid is not reused; under load it may not be mariadbd yet
		if ! running "$pid"; then
			# The port is in the kernel's ephemeral range: a closed client connection
			# that was given it as its own port holds it for up to a minute (TIME-WAIT).
			if [ "$busy" -lt 60 ] && tail -n 3 "$LOG/mysqld.log" | grep -q 'Address already in use'; then
				[ "$busy" -gt 0 ] || say "port $DB_PORT is taken; waiting up to a minute for it"
				busy=$((busy + 1)) n=0
				sleep 1
				# shellcheck disable=SC2086
				setsid mariadbd --defaults-file="$MYCNF" ${MYSQLD_ARGS:-} >>"$LOG/mysqld.log" 2>&1 </dev/null &
				pid=$!
				continue
			fi
			show_logs
			die "mariadbd exited (see $LOG/mysqld.log)"
		fi
		[ "$n" -lt 120 ] || { show_logs; die "mariadbd did not answer within 60 s"; }
		sleep 0.5
	done
}

# db_account USER PASSWORD: SQL that creates USER at both local addresses, or resets its password
db_account() {
	local host
	case $2 in '' | *\'* | *\\*) die "the password of $1 in $CONF is empty or has quotes" ;; esac
	for host in localhost 127.0.0.1; do
		printf "CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY '%s';\n" "$1" "$host" "$2"
		printf "ALTER USER '%s'@'%s' IDENTIFIED BY '%s';\n" "$1" "$host" "$2"
	done
}

# db_grant USER PRIVILEGES: SQL that leaves USER with exactly PRIVILEGES on booking.*
db_grant() {
	local host
	for host in localhost 127.0.0.1; do
		# the GRANT first, so the REVOKE always has something to take away
		printf "GRANT %s ON booking.* TO '%s'@'%s';\n" "$2" "$1" "$host"
		printf "REVOKE ALL PRIVILEGES ON booking.* FROM '%s'@'%s';\n" "$1" "$host"
		printf "GRANT %s ON booking.* TO '%s'@'%s';\n" "$2" "$1" "$host"
	done
}

# db_setup: the database and its two accounts, with the passwords from booking.conf: the
# workers' (db_user) may only read and write rows and call the schema's functions;
# schema changes need migrate_user's
db_setup() {
	local pw=${BOOKING_DB_PASSWORD:-$(conf_get db_password)}
	local mpw=${BOOKING_MIGRATE_PASSWORD:-$(conf_get migrate_password)}
	local user muser
	user=$(conf_get db_user)
	muser=$(conf_get migrate_user)
	{
		echo "CREATE DATABASE IF NOT EXISTS booking CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
		db_account "${user:-booking}" "$pw"
		db_grant "${user:-booking}" "SELECT, INSERT, UPDATE, DELETE, EXECUTE"
		db_account "${muser:-booking_migrate}" "$mpw"
		db_grant "${muser:-booking_migrate}" "ALL PRIVILEGES"
	} | db_sql
}

bookingctl() {
	(cd "$ROOT" && BOOKING_CONFIG="$CONF" "$BUILD/src/bookingctl" "$@")
}

migrate() {
	say "== bookingctl migrate"
	bookingctl migrate
	# two-factor secrets stored before they were encrypted (sql/015)
	bookingctl encrypt-totp-secrets
}

# load_demo: demo rooms, events and timeslots, only into an empty database
load_demo() {
	if [ "$(db_sql booking -e 'SELECT COUNT(*) FROM rooms')" = 0 ]; then
		say "== loading demo data"
		db_sql booking <"$ROOT/sql/demo.sql"
	fi
}

# create_admin: the first administrator, from BOOKING_ADMIN_* or with a generated password
create_admin() {
	local email=${BOOKING_ADMIN_EMAIL:-admin@example.com} pw q
	q=$(printf '%s' "$email" | base64 -w0)
	[ "$(db_sql booking -e "SELECT COUNT(*) FROM users WHERE email = FROM_BASE64('$q')")" = 0 ] || return 0
	if [ -n "${BOOKING_ADMIN_PASSWORD:-}" ]; then
		pw=$BOOKING_ADMIN_PASSWORD
	else
		if [ ! -s "$VAR/admin-password" ]; then
			(umask 077 && openssl rand -hex 12 >"$VAR/admin-password")
		fi
		pw=$(cat "$VAR/admin-password")
	fi
	say "== creating administrator $email"
	BOOKING_PASSWORD=$pw bookingctl user add --email "$email" --name Administrator --admin
}

# workers_start: booking-fcgi under multiwatch (which replaces a dead worker) via spawn-fcgi.
# With WORKER_GCOV set, a coverage build's workers write their counters under that folder
# (as src/.../*.gcda): they may not write into a build tree that is not theirs.
workers_start() {
	local fcgi=$BUILD/src/booking-fcgi pidfile=$RUN/workers.pid owner='' n=0 gcov=()
	[ -x "$fcgi" ] || die "$fcgi is not built"
	if pid_alive "$pidfile" multiwatch; then
		if [ ! "$fcgi" -nt "$pidfile" ]; then
			say "workers: already running"
			return 0
		fi
		say "workers: $fcgi changed; restarting"
		workers_stop
	fi
	rm -f "$RUN/booking.sock"
	# the workers write and reopen (after rotation) their log themselves, as $RUN_USER
	touch "$LOG/worker.log"
	chown "$RUN_USER:$RUN_GROUP" "$LOG/worker.log"
	# spawn-fcgi refuses -U/-u root; as root it already owns the socket and runs the app
	[ "$RUN_USER" = root ] || owner="-U $RUN_USER -G $RUN_GROUP -u $RUN_USER -g $RUN_GROUP"
	if [ -n "${WORKER_GCOV:-}" ]; then
		mkdir -p "$WORKER_GCOV"
		chown "$RUN_USER:$RUN_GROUP" "$WORKER_GCOV"
		# the counters' paths are the objects' absolute ones; strip the build tree's part
		gcov=(GCOV_PREFIX="$WORKER_GCOV" GCOV_PREFIX_STRIP="$(realpath "$BUILD" | tr -cd / | wc -c)")
	fi
	say "== starting ${BOOKING_WORKERS:-2} workers as $RUN_USER"
	# spawn-fcgi -n and setsid exec in place, so $! ends up being multiwatch itself;
	# the caller's BOOKING_* variables pass through, except the passwords
	# shellcheck disable=SC2086
	(cd "$ROOT" && exec env -u BOOKING_PASSWORD -u BOOKING_ADMIN_PASSWORD BOOKING_CONFIG="$CONF" \
		BOOKING_LOG_FILE="$LOG/worker.log" \
		"${gcov[@]}" setsid spawn-fcgi -n -s "$RUN/booking.sock" -M 0660 $owner \
		-- /usr/bin/multiwatch -f "${BOOKING_WORKERS:-2}" -s TERM -- "$fcgi") \
		>>"$LOG/worker.log" 2>&1 </dev/null &
	echo $! >"$pidfile"
	until [ -S "$RUN/booking.sock" ] && pid_alive "$pidfile" multiwatch; do
		n=$((n + 1))
		[ "$n" -lt 100 ] || { show_logs; die "workers did not start (see $LOG/worker.log)"; }
		sleep 0.1
	done
}

workers_stop() {
	stop_pid "$RUN/workers.pid" multiwatch 30
	rm -f "$RUN/booking.sock"
}

# nginx_start: fill in nginx/booking.conf.in, then start nginx or reload it when the config changed
nginx_start() {
	local n=0
	mkdir -p "$VAR/tmp" "$LOG"
	sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" \
		-e "s|@HTTP_PORT@|$HTTP_PORT|g" -e "s|@LISTEN@|$LISTEN|g" -e "s|@LOGIN_RATE@|$LOGIN_RATE|g" \
		-e "s|@USER@|$RUN_USER|g" -e "s|@GROUP@|$RUN_GROUP|g" \
		-e "s|@HTTPS_HOST@|$HTTPS_HOST|g" -e "s|@CONN_LIMIT@|$CONN_LIMIT|g" \
		-e "s|@UPSTREAM@|${UPSTREAM:-server unix:$RUN/booking.sock;}|g" \
		"$ROOT/nginx/booking.conf.in" >"$VAR/nginx.conf.new"
	if pid_alive "$RUN/nginx.pid" nginx; then
		if cmp -s "$VAR/nginx.conf.new" "$VAR/nginx.conf"; then
			rm -f "$VAR/nginx.conf.new"
			say "nginx: already running"
			return 0
		fi
		mv "$VAR/nginx.conf.new" "$VAR/nginx.conf"
		nginx -q -t -e "$LOG/nginx-error.log" -p "$VAR/" -c "$VAR/nginx.conf" || die "bad nginx config"
		say "nginx: config changed; reloading"
		kill -HUP "$(cat "$RUN/nginx.pid")"
		return 0
	fi
	mv "$VAR/nginx.conf.new" "$VAR/nginx.conf"
	nginx -q -t -e "$LOG/nginx-error.log" -p "$VAR/" -c "$VAR/nginx.conf" || die "bad nginx config"
	say "== starting nginx on https://$LISTEN:$HTTPS_PORT/ and http://$LISTEN:$HTTP_PORT/"
	nginx -e "$LOG/nginx-error.log" -p "$VAR/" -c "$VAR/nginx.conf" </dev/null
	until pid_alive "$RUN/nginx.pid" nginx; do
		n=$((n + 1))
		[ "$n" -lt 50 ] || { show_logs; die "nginx did not start"; }
		sleep 0.1
	done
}

nginx_stop() {
	stop_pid "$RUN/nginx.pid" nginx 30
}

db_stop() {
	stop_pid "$RUN/mysqld.pid" mariadbd 120
}

# wait_healthy: /healthz through nginx, the workers and the database must answer 200
wait_healthy() {
	local host=$LISTEN code n=0
	[ "$host" != 0.0.0.0 ] || host=127.0.0.1
	while :; do
		code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "https://$host:$HTTPS_PORT/healthz" || true)
		[ "$code" != 200 ] || return 0
		n=$((n + 1))
		if [ "$n" -ge 60 ]; then
			show_logs
			die "https://$host:$HTTPS_PORT/healthz answered ${code:-nothing} instead of 200 after 30 s"
		fi
		sleep 0.5
	done
}

# stack_up [demo]: everything after the build, in order; each step skips what is already done
stack_up() {
	mkdir -p "$RUN" "$LOG" "$VAR/tmp"
	pick_run_user
	write_config
	make_cert
	db_start
	db_setup
	migrate
	if [ "${1:-}" = demo ]; then
		load_demo
	fi
	create_admin
	workers_start
	nginx_start
	wait_healthy
}

# jobs_start: one bookingctl run-jobs --loop (holds, reminders, the mail outbox) as $RUN_USER;
# the demo's mail goes into the Maildir $VAR/mail unless BOOKING_SENDMAIL says otherwise
jobs_start() {
	local pidfile=$RUN/jobs.pid as=()
	if pid_alive "$pidfile" bookingctl; then
		if [ ! "$BUILD/src/bookingctl" -nt "$pidfile" ]; then
			say "job runner: already running"
			return 0
		fi
		say "job runner: bookingctl changed; restarting"
		jobs_stop
	fi
	mkdir -p "$VAR/mail"
	chown "$RUN_USER:$RUN_GROUP" "$VAR/mail"
	# setpriv execs in place (runuser would fork), so the pid file names bookingctl itself
	[ "$RUN_USER" = root ] || as=(setpriv --reuid="$RUN_USER" --regid="$RUN_GROUP" --init-groups)
	say "== starting the job runner (bookingctl run-jobs --loop) as $RUN_USER"
	(cd "$ROOT" && exec env -u BOOKING_PASSWORD -u BOOKING_ADMIN_PASSWORD BOOKING_CONFIG="$CONF" \
		setsid "${as[@]}" "$BUILD/src/bookingctl" run-jobs --loop) >>"$LOG/jobs.log" 2>&1 </dev/null &
	echo $! >"$pidfile"
}

jobs_stop() {
	stop_pid "$RUN/jobs.pid" bookingctl 60
}

stack_down() {
	jobs_stop
	nginx_stop
	workers_stop
	db_stop
}

# fuzz_targets: the libFuzzer targets, one per folder of the seed corpus tests/fuzz/corpus/
fuzz_targets() {
	local d
	for d in "$ROOT"/tests/fuzz/corpus/*/; do
		basename "$d"
	done
}

# fuzz_run NAME SECONDS OUT: runs the built target fuzz_NAME (in $BUILD, configured with
# --enable-fuzz) for SECONDS, growing the corpus OUT/corpus/NAME from the seeds; what it finds
# goes to OUT/findings/NAME-*, its output to OUT/NAME.log. Prints one line: runs, coverage,
# corpus size and findings; false when it found something.
fuzz_run() {
	local name=$1 secs=$2 out=$3 rc=0 runs cov found
	mkdir -p "$out/corpus/$name" "$out/findings"
	rm -f "$out/findings/$name"-*
	# -timeout: an input that takes 10 s is a finding too; ASan's leak check runs at the end
	"$BUILD/tests/fuzz/fuzz_$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$out/findings/$name-" \
		"$out/corpus/$name" "$ROOT/tests/fuzz/corpus/$name" >"$out/$name.log" 2>&1 || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$out/$name.log" | tail -n 1)
	found=$(find "$out/findings" -name "$name-*" | wc -l)
	printf '  %-8s %10s runs  %-9s  corpus %5s  findings %s\n' "$name" "${runs:-?}" "${cov:-cov: ?}" \
		"$(find "$out/corpus/$name" -type f | wc -l)" "$found"
	if [ "$rc" != 0 ] || [ "$found" != 0 ]; then
		grep -E -A12 '^==[0-9]+==ERROR|runtime error|check failed|^==[0-9]+== ERROR: libFuzzer' \
			"$out/$name.log" | head -n 40 >&2 || tail -n 30 "$out/$name.log" >&2
		find "$out/findings" -name "$name-*" -printf '  finding: %p\n' >&2
		return 1
	fi
}
