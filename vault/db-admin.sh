#!/bin/sh
# Creates (or resets) Vault's own PostgreSQL login, the one the database secrets
# engine uses to create and drop the services' short-lived logins. Run it once the
# database and its group roles exist (after the migrations), before configure.sh.
# POSIX sh and psql only: the compose overlay runs it in the PostgreSQL image.
#
#   - LOGIN CREATEROLE, nothing else: not a superuser, no database rights of its own;
#   - ADMIN OPTION on each service's group role <db>_<service> (PostgreSQL 16 lets a
#     CREATEROLE login grant only the roles it administers);
#   - pg_signal_backend, so a revocation can end the sessions of a dropped login;
#   - the group roles become NOLOGIN, as with the local rotation: the services
#     log in only with leased logins from now on.
#
# usage: vault/db-admin.sh
# Environment:
#   PGHOST, PGPORT, PGUSER      a superuser connection (as for psql)
#   SHOP_DB_SUPERUSER_PASSWORD_FILE  its password, alone in a file (optional with trust auth)
#   SHOP_DB_NAME                 database (default shop)
#   SHOP_DB_ADMIN_USER           Vault's login (default vault_admin)
#   SHOP_DB_ADMIN_PASSWORD_FILE  where its password is written, 0600; configure.sh hands it to Vault,
#                                which rotates it at once
set -eu

db_name=${SHOP_DB_NAME:-shop}
admin_user=${SHOP_DB_ADMIN_USER:-vault_admin}
password_file=${SHOP_DB_ADMIN_PASSWORD_FILE:?SHOP_DB_ADMIN_PASSWORD_FILE must name where the password goes}
if [ -n "${SHOP_DB_SUPERUSER_PASSWORD_FILE:-}" ]; then
  PGPASSWORD=$(cat "$SHOP_DB_SUPERUSER_PASSWORD_FILE")
  export PGPASSWORD
fi

# 32 random bytes, hex: no quoting trouble anywhere it travels.
(umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$password_file")

# psql interpolates :'variables' only in what it reads from stdin, never in -c.
psql -v ON_ERROR_STOP=1 -q -d "$db_name" \
  -v admin="$admin_user" -v password="$(cat "$password_file")" -v db="$db_name" <<'SQL'
SELECT format('CREATE ROLE %I', :'admin') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'admin') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOBYPASSRLS PASSWORD %L', :'admin', :'password') \gexec
GRANT pg_signal_backend TO :"admin";
SELECT format('GRANT %I TO %I WITH ADMIN OPTION', rolname, :'admin'), format('ALTER ROLE %I NOLOGIN', rolname)
  FROM pg_roles
 WHERE rolname IN (:'db' || '_auth', :'db' || '_order', :'db' || '_payment', :'db' || '_inventory') \gexec
SQL
echo "PostgreSQL login $admin_user is ready for Vault; its password is in $password_file."
