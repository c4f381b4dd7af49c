#!/usr/bin/env bash
# Installs or upgrades Clockwork on a Payara Server domain on this machine, as the README's "Deploying to an existing
# Payara Server" describes: the JDBC driver into the domain's lib/ (then the domain's only start or restart), the
# secrets as password aliases, the database's location as domain config properties, the pool and jdbc/clockwork from
# this folder's <database>.asadmin, no version banner on the HTTP listeners, then deploy (or redeploy, when Clockwork
# is deployed already). Safe to run again.
#
#   server-config/payara/deploy-to-server.sh postgresql|mysql|h2 target/clockwork.war
#
# Environment of this script (not of the server):
#   PAYARA_HOME          the Payara Server folder holding bin/asadmin (else asadmin is taken from the PATH)
#   PAYARA_DOMAIN        the domain (default domain1); PAYARA_DOMAIN_DIR its parent (default $PAYARA_HOME/glassfish/domains)
#   CLOCKWORK_DB_URL     JDBC URL (postgresql, mysql); CLOCKWORK_DB_USER its user (default clockwork)
#   CLOCKWORK_DB_PASSWORD, CLOCKWORK_ADMIN_PASSWORD
#                        only read to create the aliases clockwork.db.password / clockwork.admin.password when they do
#                        not exist yet; an existing alias is kept. Passed to asadmin in a temporary file that only you
#                        can read, never on a command line. Without alias or variable the server's own environment
#                        must hold CLOCKWORK_DB_PASSWORD (and, at the first start, CLOCKWORK_ADMIN_PASSWORD).
#   CLOCKWORK_DATA_DIR   h2 only: the folder of the H2 files (default clockwork-data in the domain's folder)
#   CLOCKWORK_DRIVERS    where postgresql.jar and mysql-connector-j.jar are (default target/drivers beside this folder)
#   AS_ADMIN_HOST, AS_ADMIN_PORT, AS_ADMIN_USER, AS_ADMIN_PASSWORDFILE: asadmin's own, if the domain needs them.
set -euo pipefail

usage() { echo "usage: $0 postgresql|mysql|h2 path/to/clockwork.war" >&2; exit 2; }
[ $# -eq 2 ] || usage
database=$1
war=$2
here=$(cd "$(dirname "$0")" && pwd)
case $database in
  postgresql) commands=postgresql.asadmin driver=postgresql.jar ;;
  mysql) commands=mysql.asadmin driver=mysql-connector-j.jar ;;
  h2) commands=h2-embedded.asadmin driver= ;;
  *) usage ;;
esac
[ -f "$war" ] || { echo "No WAR at $war: build it with mvn -DskipTests package" >&2; exit 2; }

asadmin=${PAYARA_HOME:+$PAYARA_HOME/bin/}asadmin
command -v "$asadmin" >/dev/null || { echo "asadmin not found: set PAYARA_HOME to your Payara Server folder" >&2; exit 2; }
domain=${PAYARA_DOMAIN:-domain1}
domains=${PAYARA_DOMAIN_DIR:-${PAYARA_HOME:-$(dirname "$(dirname "$(command -v "$asadmin")")")}/glassfish/domains}
[ -f "$domains/$domain/config/domain.xml" ] || { echo "No domain $domain in $domains (set PAYARA_DOMAIN_DIR)" >&2; exit 2; }

step_started=$SECONDS
step() { echo "==> $1 ($((SECONDS - step_started)) s)"; step_started=$SECONDS; }

# 1. The driver, and the domain's one start or restart: the domain loads lib/ only when it starts.
restart=no
if [ -n "$driver" ]; then
  jar=${CLOCKWORK_DRIVERS:-$here/../../target/drivers}/$driver
  [ -f "$jar" ] || { echo "No driver at $jar: build with mvn -DskipTests package" >&2; exit 2; }
  if ! cmp -s "$jar" "$domains/$domain/lib/$driver"; then
    cp "$jar" "$domains/$domain/lib/$driver"
    restart=yes
  fi
fi
if "$asadmin" list-domains --domaindir "$domains" | grep -q "^$domain running"; then
  if [ $restart = yes ]; then
    "$asadmin" restart-domain --domaindir "$domains" "$domain"
  fi
else
  # Not with this script's CLOCKWORK_* variables: the domain keeps its own settings (aliases, config properties).
  env -u CLOCKWORK_DB_URL -u CLOCKWORK_DB_USER -u CLOCKWORK_DB_PASSWORD -u CLOCKWORK_ADMIN_PASSWORD \
      "$asadmin" start-domain --domaindir "$domains" "$domain"
fi
step "driver ${driver:-(H2 comes with Payara)} in $domains/$domain/lib, domain $domain running"

# 2. Secrets as password aliases. asadmin reads an alias's value from a password file, so it never shows in ps.
aliases=$("$asadmin" list-password-aliases)
secret_file=$(mktemp)
trap 'rm -f "$secret_file"' EXIT
create_alias() {
  { [ -z "${AS_ADMIN_PASSWORDFILE:-}" ] || cat "$AS_ADMIN_PASSWORDFILE"; printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$2"; } \
      > "$secret_file"
  "$asadmin" --passwordfile "$secret_file" create-password-alias "$1"
  : > "$secret_file"
}
has_alias() { grep -qx "$1" <<<"$aliases"; }
if [ -n "$driver" ] && ! has_alias clockwork.db.password; then
  if [ -n "${CLOCKWORK_DB_PASSWORD:-}" ]; then
    create_alias clockwork.db.password "$CLOCKWORK_DB_PASSWORD"
  else
    echo "No password alias clockwork.db.password and no CLOCKWORK_DB_PASSWORD here: the server must have" \
        "CLOCKWORK_DB_PASSWORD in its own environment (or create the alias: asadmin create-password-alias" \
        "clockwork.db.password)"
  fi
fi
if ! has_alias clockwork.admin.password && [ -n "${CLOCKWORK_ADMIN_PASSWORD:-}" ]; then
  create_alias clockwork.admin.password "$CLOCKWORK_ADMIN_PASSWORD"
  aliases+=$'\n'clockwork.admin.password
fi
if has_alias clockwork.admin.password; then
  # The property holds the alias's name; Payara puts the password in System properties when it applies it.
  "$asadmin" create-system-properties 'clockwork.admin.password=${ALIAS\=clockwork.admin.password}'
fi
step "password aliases"

# 3. Where the database is: read by the pool through ${MPCONFIG=clockwork.db.*} (environment variables win).
if [ -n "$driver" ]; then
  if [ -n "${CLOCKWORK_DB_URL:-}" ]; then
    "$asadmin" set-config-property --source=domain --propertyName=clockwork.db.url --propertyValue="$CLOCKWORK_DB_URL"
  fi
  if [ -n "${CLOCKWORK_DB_USER:-}" ]; then
    "$asadmin" set-config-property --source=domain --propertyName=clockwork.db.user --propertyValue="$CLOCKWORK_DB_USER"
  fi
else
  data=${CLOCKWORK_DATA_DIR:-$domains/$domain/clockwork-data}
  "$asadmin" create-system-properties "clockwork.data.dir=${data//:/\\:}"
fi
step "database location"

# 4. The pool and jdbc/clockwork, once.
if "$asadmin" list-jdbc-resources | grep -qx jdbc/clockwork; then
  echo "jdbc/clockwork exists: left as it is"
else
  "$asadmin" multimode --file "$here/$commands"
fi
"$asadmin" ping-connection-pool clockwork-pool
step "pool clockwork-pool and jdbc/clockwork"

# 5. No Server or X-Powered-By banner naming the server's version on the domain's two HTTP listeners.
for listener in http-listener-1 http-listener-2; do
  "$asadmin" set "configs.config.server-config.network-config.protocols.protocol.$listener.http.server-header=false" \
      "configs.config.server-config.network-config.protocols.protocol.$listener.http.xpowered-by=false"
done
step "no version banner on http-listener-1 and http-listener-2"

# 6. Deploy, or redeploy over the running version: tasks and history stay in the database.
if "$asadmin" list-applications | grep -q '^clockwork '; then
  "$asadmin" redeploy --name clockwork "$war"
  step "redeployed $war"
else
  "$asadmin" deploy --name clockwork --contextroot clockwork "$war"
  step "deployed $war"
fi
