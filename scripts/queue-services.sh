#!/usr/bin/env bash
# Redis and PostgreSQL for running n8n in queue mode on one machine (test/e2e/queue.js, or by hand).
#
#   scripts/queue-services.sh start <dir>   installs redis-server / postgresql from Debian when missing,
#                                          starts both on free ports with everything under <dir>,
#                                          creates the database "n8n", prints REDIS_PORT=… PG_PORT=…
#   scripts/queue-services.sh stop <dir>    stops both (Postgres fast shutdown, Redis without saving)
#
# No systemd is assumed (CI has no services running): the daemons are started directly and not left to
# the packages' init scripts. Redis keeps nothing on disk; Postgres's cluster lives in <dir>/pg and
# trusts local connections (a throwaway test cluster, never expose it). Run as root in CI (apt-get,
# initdb as the postgres user); as another user the packages must already be installed.
set -euo pipefail

command_name="${1:-}"
dir="${2:-}"
if [ -z "$command_name" ] || [ -z "$dir" ] || { [ "$command_name" != start ] && [ "$command_name" != stop ]; }; then
	echo "usage: $0 start|stop <dir>" >&2
	exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
state="$dir/services.env"

pg_bin() {
	local found
	found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
	[ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

# Runs a command as the postgres user when we are root (initdb refuses to run as root).
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

install_packages() {
	if command -v redis-server >/dev/null && command -v redis-cli >/dev/null && pg_bin >/dev/null; then
		return
	fi
	if [ "$(id -u)" != 0 ]; then
		echo "redis-server / postgresql are missing and installing them needs root (apt-get)" >&2
		exit 1
	fi
	echo "installing redis-server and postgresql (apt-get)" >&2
	# Keep the packages' maintainer scripts from starting their own daemons (port 6379 / 5432): a
	# policy-rc.d that forbids service starts, only while installing, only if there was none.
	local policy=/usr/sbin/policy-rc.d placed=""
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod +x "$policy"
		placed=1
	fi
	local status=0
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null; } || status=$?
	[ -n "$placed" ] && rm -f "$policy"
	if [ "$status" != 0 ]; then
		echo "apt-get failed ($status)" >&2
		exit 1
	fi
}

# A port nothing listens on, from an unusual range (not 6379 / 5432 / n8n's 5678-5679).
free_port() {
	local port tries
	for tries in $(seq 1 200); do
		port=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	echo "no free port found" >&2
	exit 1
}

wait_for() {
	local what="$1" deadline=$((SECONDS + 30))
	shift
	until "$@" >/dev/null 2>&1; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "$what did not come up within 30s" >&2
			return 1
		fi
		sleep 0.2
	done
}

start() {
	if [ -f "$state" ]; then
		# shellcheck disable=SC1090
		. "$state"
		if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
			echo "REDIS_PORT=$REDIS_PORT PG_PORT=$PG_PORT"
			return
		fi
	fi
	install_packages
	local bin
	bin="$(pg_bin)"
	local redis_port pg_port
	redis_port="$(free_port)"
	pg_port="$(free_port)"
	while [ "$pg_port" = "$redis_port" ]; do pg_port="$(free_port)"; done

	# The postgres user must reach <dir> (a mkdtemp folder is 0700) and own its own folders.
	chmod o+x "$dir"
	mkdir -p "$dir/pg" "$dir/pg-run"
	[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg" "$dir/pg-run"
	if [ ! -f "$dir/pg/PG_VERSION" ]; then
		as_pg "$bin/initdb" -D "$dir/pg" -A trust -U postgres >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2
			exit 1
		}
	fi
	as_pg "$bin/pg_ctl" -D "$dir/pg" -o "-p $pg_port -k $dir/pg-run -c listen_addresses=127.0.0.1" \
		-l "$dir/pg-run/postgres.log" -w -t 60 start >/dev/null || {
		cat "$dir/pg-run/postgres.log" >&2
		exit 1
	}
	redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
		--dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
	printf 'REDIS_PORT=%s\nPG_PORT=%s\nPG_BIN=%s\n' "$redis_port" "$pg_port" "$bin" >"$state"
	wait_for Redis redis-cli -p "$redis_port" ping
	wait_for Postgres pg_isready -q -h 127.0.0.1 -p "$pg_port"
	if ! psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "select 1 from pg_database where datname = 'n8n'" | grep -q 1; then
		psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'create database n8n' >/dev/null
	fi
	echo "REDIS_PORT=$redis_port PG_PORT=$pg_port"
}

stop() {
	[ -f "$state" ] || return 0
	# shellcheck disable=SC1090
	. "$state"
	local status=0
	if [ -f "$dir/pg/postmaster.pid" ]; then
		as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -m fast -w -t 30 stop >/dev/null || status=1
	fi
	if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
		redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
		wait_for "Redis shutdown" bash -c "! redis-cli -p $REDIS_PORT ping" || status=1
	fi
	rm -f "$state"
	return "$status"
}

"$command_name"
