#!/usr/bin/env bash
# What the tests drive for real but pip and npm cannot install: Debian packages, and the
# PostgreSQL and Redis servers on 127.0.0.1. `make test` runs this first (target system-deps);
# `make bench` runs it with `bench` for pgbench.
#
#   scripts/system-deps.sh          chromium (browser tests), nginx-light (proxy config test),
#                                   PostgreSQL and Redis answering on 127.0.0.1
#   scripts/system-deps.sh bench    the same, plus pgbench (postgresql-contrib) and wrk (the
#                                   light load driver of the read and floor runs)
#
# As root, missing packages are installed with apt-get; otherwise it names them and stops.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx-light)
if [ "${1:-}" = bench ]; then
  command -v pgbench >/dev/null 2>&1 || packages+=(postgresql-contrib)
  command -v wrk >/dev/null 2>&1 || packages+=(wrk)
fi

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: missing Debian packages; run: sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
  echo "system-deps: installing ${packages[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  # Debian starts the packaged nginx on port 80; the tests run their own.
  pkill -x nginx || true
fi

wait_for() {  # wait_for NAME COMMAND...: up to 30 s for COMMAND to succeed
  local name=$1
  shift
  for _ in $(seq 1 30); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "system-deps: $name did not start" >&2
  exit 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "system-deps: PostgreSQL is not answering on 127.0.0.1:5432; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432 -q
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "system-deps: Redis is not answering on 127.0.0.1:6379; starting it"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  wait_for Redis redis-cli -h 127.0.0.1 -p 6379 ping
fi
