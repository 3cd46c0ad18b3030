#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL for the store tests, with a database
# and user "yagura" (password "yagura") on 127.0.0.1:5432. Prints the JDBC URL.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true
for i in $(seq 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='yagura'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"create role yagura login password 'yagura'\"" >&2
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='yagura'\"" | grep -q 1 \
  || su postgres -c "createdb -O yagura yagura" >&2
echo "jdbc:postgresql://127.0.0.1:5432/yagura?user=yagura&password=yagura"
