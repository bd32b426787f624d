#!/bin/sh
# First start of the PostgreSQL container: the ctims database with one login per service, each
# owning only its own schema (Flyway in the service creates the tables there), and Keycloak's own
# database. The passwords come from the container's environment (compose.yaml).
set -eu
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
CREATE DATABASE ctims;
CREATE ROLE keycloak LOGIN PASSWORD '${KEYCLOAK_DB_PASSWORD}';
CREATE DATABASE keycloak OWNER keycloak;
SQL
for service in roster followup certification report; do
  password=$(printenv "CTIMS_$(echo "$service" | tr a-z A-Z)_DB_PASSWORD")
  psql -v ON_ERROR_STOP=1 --username postgres --dbname ctims <<SQL
CREATE ROLE ctims_${service} LOGIN PASSWORD '${password}' CONNECTION LIMIT 30;
CREATE SCHEMA ${service} AUTHORIZATION ctims_${service};
REVOKE ALL ON SCHEMA public FROM ctims_${service};
SQL
done
psql -v ON_ERROR_STOP=1 --username postgres --dbname ctims -c "REVOKE ALL ON DATABASE ctims FROM PUBLIC"
for service in roster followup certification report; do
  psql -v ON_ERROR_STOP=1 --username postgres --dbname ctims -c "GRANT CONNECT ON DATABASE ctims TO ctims_${service}"
done
