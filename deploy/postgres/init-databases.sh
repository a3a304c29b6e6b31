#!/usr/bin/env bash
# Run once by the official postgres image on a new data directory (/docker-entrypoint-initdb.d): one user and one
# database per LOWE service, each owning only its own, with its password from the environment (.env).
# LOWE_SERVICES names the services (default: the four services and the gateway); each needs <NAME>_DB_PASSWORD.
set -euo pipefail

services="${LOWE_SERVICES:-partners centres events notifications gateway}"
psql=(psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}")

for service in $services; do
    variable="$(echo "${service}" | tr '[:lower:]-' '[:upper:]_')_DB_PASSWORD"
    password="${!variable:-}"
    if [ -z "${password}" ]; then
        echo "init-databases: ${variable} is not set; refusing to create ${service} without a password" >&2
        exit 1
    fi
    # psql variables (:'password', :"service") quote the values: no password or name is pasted into SQL
    "${psql[@]}" -v service="${service}" -v password="${password}" <<'SQL'
CREATE ROLE :"service" LOGIN PASSWORD :'password';
CREATE DATABASE :"service" OWNER :"service";
REVOKE ALL ON DATABASE :"service" FROM PUBLIC;
SQL
    echo "init-databases: ${service}: user and database created"
done
