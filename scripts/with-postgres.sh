#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb in a temporary folder (as the
# `postgres` user: initdb refuses root), the server on a Unix socket in that folder only
# (listen_addresses=''), PADAN_TEST_POSTGRES set to a libpq URI of its `postgres` database.
# The cluster is stopped and removed when the command ends, also when it fails or is killed.
#   bash scripts/with-postgres.sh COMMAND [ARGUMENTS...]
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "padan: PostgreSQL's server is not installed (make deps installs it)" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/padan-pg.XXXXXX)
owner=$(id -un)
run_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  chown postgres: "$dir"
fi
cleanup() {
  run_as "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
run_as "$bin/initdb" --no-sync -A trust -U "$owner" -E UTF8 --locale=C.UTF-8 -D "$dir/data" >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
run_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
export PADAN_TEST_POSTGRES="postgresql://$owner@/postgres?host=$dir"
"$@"
