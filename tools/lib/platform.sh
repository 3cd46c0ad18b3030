# Sourced by the measurement scripts under tools/: throw-away platforms from the built
# distribution, in a temporary directory, with helpers to start, kill and wait for them.
# Needs the distribution built (mvn -B install -DskipTests) and Yagura's ports free.
#
# One platform (loss-kill.sh): platform_prepare, platform_start, platform_kill, meter,
# platform_wait_ready; $RUN_DIR is its directory.
# Several nodes (two-nodes.sh): node_prepare NAME OFFSET, node_start NAME, node_kill NAME,
# node_dir NAME, node_ready NAME; a standalone Artemis (broker_prepare, broker_start) and a
# PostgreSQL database (db_prepare, db_query) shared by them. Faults and helpers under load
# (loss-kill-relp.sh): broker_kill, node_console NAME COMMAND (the Karaf console), relay_start /
# relay_action (rsyslog relaying over RELP). platform_cleanup, run on exit,
# stops everything these functions started and removes the temporary directory.
# For every script: say MESSAGE (a line with the UTC time), usage (prints the script's header
# comment, its usage text, for --help or a wrong option).
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="0.1.0-SNAPSHOT"
DIST_TGZ="$HERE/karaf-assembly/target/yagura-karaf-assembly-$VERSION.tar.gz"
LOADGEN_JAR="$HERE/tools/loadgen/target/yagura-loadgen.jar"
ARTEMIS_TGZ="$HOME/.m2/repository/org/apache/activemq/apache-artemis/2.40.0/apache-artemis-2.40.0-bin.tar.gz"
: "${JAVA_HOME:=/usr/lib/jvm/java-17-openjdk-amd64}"; export JAVA_HOME
RUN_ROOT=""
KARAF_PID=""
BROKER_PID=""
DB_NAME=""
declare -A NODE_PID=()

say() { echo "$(date -u +%T) $*"; }

# The calling script's header comment, from its second line to the first line that is not a comment.
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }
TRACKED_PIDS=()
EXIT_COMMANDS=()

# Every port a node listens on, as "file key default" (the file under etc/). A node with an
# offset listens on default + offset everywhere, so several nodes share one host.
NODE_PORTS=(
  "io.yagura.ingest.cfg udp.port 5514"
  "io.yagura.ingest.cfg tcp.port 5514"
  "io.yagura.ingest.cfg tls.port 6514"
  "io.yagura.ingest.relp.cfg port 2514"
  "io.yagura.portal.cfg port 8443"
  "org.ops4j.pax.web.cfg org.osgi.service.http.port 8181"
  "org.ops4j.pax.web.cfg org.osgi.service.http.port.secure 8443"
  "org.apache.karaf.shell.cfg sshPort 8101"
  "org.apache.karaf.management.cfg rmiRegistryPort 1099"
  "org.apache.karaf.management.cfg rmiServerPort 44444"
  "org.apache.karaf.management.cfg jmxmpPort 9999"
  "io.yagura.notify.phone.cfg localPort 5060"
  "io.yagura.agent.centre.cfg broker.port 61617"
  "io.yagura.agent.centre.cfg enrol.port 61618"
  "custom.system.properties yagura.broker.amqp.port 5672"
)

_need_built() {
  for f in "$DIST_TGZ" "$LOADGEN_JAR"; do
    [ -f "$f" ] || { echo "missing $f: build first (mvn -B install -DskipTests)" >&2; exit 1; }
  done
}

_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

_run_root() {
  if [ -z "$RUN_ROOT" ]; then
    RUN_ROOT="$(mktemp -d /tmp/yagura-run.XXXXXX)"
    trap platform_cleanup EXIT
  fi
}

# cfg_set FILE KEY VALUE: sets KEY in a Karaf .cfg/.properties file (replaced, or appended).
cfg_set() {
  local file="$1" key="$2" value="$3"
  if grep -q "^[[:space:]]*${key//./\\.}[[:space:]]*=" "$file"; then
    local escaped="${value//\\/\\\\}"; escaped="${escaped//&/\\&}"; escaped="${escaped//|/\\|}"
    sed -i "s|^[[:space:]]*${key//./\\.}[[:space:]]*=.*|$key = $escaped|" "$file"
  else
    printf '%s = %s\n' "$key" "$value" >>"$file"
  fi
}

node_dir() { echo "$RUN_ROOT/$1"; }

# node_prepare NAME OFFSET: unpacks the distribution into its own directory, every listening
# port moved by OFFSET (0: the distribution's ports). Refuses when the syslog port is taken.
node_prepare() {
  local name="$1" offset="${2:-0}" dir entry file key port
  _need_built
  _run_root
  if _port_busy $((5514 + offset)); then
    echo "something already listens on 127.0.0.1:$((5514 + offset)): stop it first (./yagura stop)" >&2; exit 1
  fi
  dir="$(node_dir "$name")"
  mkdir -p "$dir"
  tar xzf "$DIST_TGZ" -C "$dir" --strip-components=1
  for entry in "${NODE_PORTS[@]}"; do
    read -r file key port <<<"$entry"
    [ "$offset" = 0 ] || cfg_set "$dir/etc/$file" "$key" $((port + offset))
  done
}

# node_use_external_broker NAME URL: the node without its embedded broker (and without the
# agents' acceptor, which lives on it), talking to URL instead (docs/operations.md "External broker").
node_use_external_broker() {
  local dir; dir="$(node_dir "$1")"
  sed -i -e '/^[[:space:]]*yagura-broker\//d' -e '/^[[:space:]]*yagura-agent-centre\//d' \
    "$dir/etc/org.apache.karaf.features.cfg"
  cfg_set "$dir/etc/io.yagura.camel.cfg" broker.url "$2"
}

# node_use_database NAME JDBC_URL: the store on PostgreSQL instead of the embedded H2.
node_use_database() {
  local cfg; cfg="$(node_dir "$1")/etc/org.ops4j.datasource-yagura.cfg"
  cfg_set "$cfg" osgi.jdbc.driver.name "PostgreSQL JDBC Driver"
  cfg_set "$cfg" url "$2"
}

node_start() {
  local dir; dir="$(node_dir "$1")"
  (cd "$dir" && exec bin/karaf server >>"$dir/karaf.out" 2>&1) &
  NODE_PID[$1]=$!
}

# bin/karaf is a script that runs java as its child: kill the JVM of this directory itself.
node_kill() {
  local dir; dir="$(node_dir "$1")"
  pkill -9 -f -- "-Dkaraf.home=$dir " 2>/dev/null || true
  [ -n "${NODE_PID[$1]:-}" ] && wait "${NODE_PID[$1]}" 2>/dev/null || true
  NODE_PID[$1]=""
}

node_archive() { echo "$(node_dir "$1")/data/yagura/archive"; }

# node_ready NAME TARGET ARCHIVE...: waits until a line sent to TARGET has become an archived
# event in one of the ARCHIVE directories (with several nodes, any node may archive it).
node_ready() {
  local name="$1" target="$2"; shift 2
  local archives=() a
  for a in "$@"; do archives+=(--archive "$a"); done
  until "$JAVA_HOME/bin/java" -cp "$LOADGEN_JAR" io.yagura.loadgen.LossMeter "${archives[@]}" --target "$target" \
        --lines 1 --rate 0 --run "warm$RANDOM" --settle-seconds 5 --max-wait-seconds 10 >/dev/null 2>&1; do
    kill -0 "${NODE_PID[$name]}" 2>/dev/null \
      || { echo "node $name did not start:" >&2; tail -20 "$(node_dir "$name")/karaf.out" >&2; exit 1; }
  done
}

# broker_prepare PORT: a standalone Artemis 2.40 instance on 127.0.0.1:PORT (all protocols, login
# yagura/yagura) with what Yagura needs from the distribution's own etc/artemis.xml: the yagura.#
# address settings, its addresses (the incident multicast address among them) and the archive divert.
broker_prepare() {
  local port="$1" xml etc
  _run_root
  if _port_busy "$port"; then echo "something already listens on 127.0.0.1:$port" >&2; exit 1; fi
  [ -f "$ARTEMIS_TGZ" ] || { echo "missing $ARTEMIS_TGZ (the itests' build downloads it)" >&2; exit 1; }
  mkdir -p "$RUN_ROOT/artemis-home"
  tar xzf "$ARTEMIS_TGZ" -C "$RUN_ROOT/artemis-home" --strip-components=1
  "$RUN_ROOT/artemis-home/bin/artemis" create "$RUN_ROOT/broker" --user yagura --password yagura --require-login \
    --host 127.0.0.1 --default-port "$port" --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor \
    --no-hornetq-acceptor --no-web --silent --nio --no-autotune --force >"$RUN_ROOT/broker-create.log" 2>&1 \
    || { cat "$RUN_ROOT/broker-create.log" >&2; exit 1; }
  xml="$RUN_ROOT/broker/etc/broker.xml"
  etc="$(mktemp -d "$RUN_ROOT/artemis-xml.XXXX")"
  tar xzf "$DIST_TGZ" -C "$etc" --wildcards --strip-components=2 '*/etc/artemis.xml'
  sed -n '/<address-setting match="yagura.#">/,/<\/address-setting>/p' "$etc/artemis.xml" >"$etc/settings"
  sed -n '/<addresses>/,/<\/addresses>/p' "$etc/artemis.xml" | sed '1d;$d' >"$etc/addresses"
  sed -n '/<diverts>/,/<\/diverts>/p' "$etc/artemis.xml" >"$etc/diverts"
  for part in settings addresses diverts; do
    [ -s "$etc/$part" ] || { echo "no $part in the distribution's etc/artemis.xml" >&2; exit 1; }
  done
  SETTINGS="$(cat "$etc/settings")" ADDRESSES="$(cat "$etc/addresses")" DIVERTS="$(cat "$etc/diverts")" \
    perl -0pi -e 's{<address-settings>}{<address-settings>\n$ENV{SETTINGS}}; s{<addresses>}{<addresses>\n$ENV{ADDRESSES}};
                  s{</core>}{$ENV{DIVERTS}\n   </core>}' "$xml"
  grep -q '<divert name="yagura-archive">' "$xml" && grep -q 'yagura.incidents.notify' "$xml" \
    || { echo "could not add Yagura's settings to $xml" >&2; exit 1; }
  BROKER_PORT="$port"
}

broker_start() {
  (exec "$RUN_ROOT/broker/bin/artemis" run >>"$RUN_ROOT/broker/artemis.out" 2>&1) &
  BROKER_PID=$!
  for _ in $(seq 120); do
    _port_busy "$BROKER_PORT" && return 0
    kill -0 "$BROKER_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "the standalone Artemis did not start:" >&2; tail -20 "$RUN_ROOT/broker/artemis.out" >&2; exit 1
}

broker_stop() {
  [ -n "$BROKER_PID" ] || return 0
  kill "$BROKER_PID" 2>/dev/null || true
  for _ in $(seq 40); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=""
}

# db_prepare NAME: a fresh PostgreSQL database NAME owned by yagura on the local server that
# .ci/postgres.sh starts (installing it if needed); sets DB_URL to its JDBC URL.
db_prepare() {
  DB_NAME="$1"
  bash "$HERE/.ci/postgres.sh" 2>&1 >/dev/null | grep -v '^Cluster is already running' >&2 || true
  su postgres -c "createdb -O yagura $DB_NAME"
  DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB_NAME?user=yagura&password=yagura"
}

# db_query SQL: runs SQL on the run's database, rows as | separated lines.
db_query() {
  PGPASSWORD=yagura psql -h 127.0.0.1 -U yagura -d "$DB_NAME" -qAtX -F ' | ' -c "$1"
}

# platform_track PID: a helper process of the run (a sender, a mail sink), stopped at the end.
platform_track() {
  TRACKED_PIDS+=("$1")
}

# platform_on_exit COMMAND: undone at the end (e.g. a firewall rule the run added).
platform_on_exit() {
  EXIT_COMMANDS+=("$1")
}

platform_cleanup() {
  local name pid command
  for command in "${EXIT_COMMANDS[@]}"; do eval "$command" || true; done
  for pid in "${TRACKED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  for name in "${!NODE_PID[@]}"; do node_kill "$name"; done
  broker_stop
  if [ -n "$DB_NAME" ] && [ -z "${KEEP_DB:-}" ]; then
    su postgres -c "dropdb --if-exists $DB_NAME" || true
  fi
  # KEEP_RUN_DIR=1 keeps the temporary directory (logs, journals) to look into a failed run.
  if [ -n "${KEEP_RUN_DIR:-}" ]; then echo "kept $RUN_ROOT" >&2; elif [ -n "$RUN_ROOT" ]; then rm -rf "$RUN_ROOT"; fi
}

# --- one platform with the distribution's ports (loss-kill.sh) ---

platform_prepare() {
  node_prepare main 0
  RUN_DIR="$(node_dir main)"
}

platform_start() {
  node_start main
  KARAF_PID="${NODE_PID[main]}"
}

platform_kill() {
  node_kill main
}

# The loss meter against this platform's archive.
meter() {
  "$JAVA_HOME/bin/java" -cp "$LOADGEN_JAR" io.yagura.loadgen.LossMeter --archive "$RUN_DIR/data/yagura/archive" "$@"
}

# Waits until a line sent to TARGET (default tcp://127.0.0.1:5514) has become an archived event.
platform_wait_ready() {
  node_ready main "${1:-tcp://127.0.0.1:5514}" "$RUN_DIR/data/yagura/archive"
}

# --- ports for helpers beside the platform (phone-latency.sh) ---

# free_udp_port FROM: the first of FROM, FROM+2, ... on which nothing listens, UDP or TCP (a SIP peer
# uses both; RTP wants an even port).
free_udp_port() {
  local port="$1"
  while [ -n "$(ss -Hlnu "sport = :$port")" ] || [ -n "$(ss -Hlnt "sport = :$port")" ]; do
    port=$((port + 2))
  done
  echo "$port"
}

# --- faults under load (loss-kill-relp.sh) ---

# broker_kill: the standalone Artemis's JVM killed with kill -9 (its instance script execs java, so
# BROKER_PID is the JVM); broker_start starts it again on the same journal.
broker_kill() {
  [ -n "$BROKER_PID" ] || return 0
  kill -9 "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=""
}

# node_console NAME COMMAND: runs a Karaf console command on the node over its SSH console
# (bin/client, the distribution's operator account), retrying while the console is not up yet.
# The command goes in on standard input (-b): given as an argument, Karaf 4.4.10's client prints
# "Closed" and runs nothing against this distribution.
node_console() {
  local dir; dir="$(node_dir "$1")"
  echo "$2" | "$dir/bin/client" -u karaf -p karaf -r 30 -d 2 -b
}

# relay_start PORT ACTIONS: rsyslog as the devices' relay (docs/relp.md): plain TCP syslog in on
# 127.0.0.1:PORT, then ACTIONS (omrelp actions using the template YaguraRelp, yagura-id=%uuid% in
# front of the line) behind a ruleset queue of 2,000,000 lines in memory. The queue is the
# ruleset's, not an action's: an action queue on a first action would accept every line and never
# let an action that runs only while the first is suspended run. relay_action PORT: one omrelp
# action to 127.0.0.1:PORT retrying for ever (tools/relp/rsyslog-omrelp.conf).
relay_action() {
  echo "action(name=\"yagura\" type=\"omrelp\" target=\"127.0.0.1\" port=\"$1\" template=\"YaguraRelp\"
         windowSize=\"1024\" action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\")"
}

relay_start() {
  local port="$1" actions="$2" dir="$RUN_ROOT/rsyslog"
  for f in /usr/sbin/rsyslogd /usr/lib/x86_64-linux-gnu/rsyslog/omrelp.so /usr/lib/x86_64-linux-gnu/rsyslog/imtcp.so; do
    [ -e "$f" ] || { echo "missing $f: apt-get install rsyslog rsyslog-relp" >&2; exit 1; }
  done
  if _port_busy "$port"; then echo "something already listens on 127.0.0.1:$port" >&2; exit 1; fi
  mkdir -p "$dir"
  cat >"$dir/rsyslog.conf" <<CONF
global(workDirectory="$dir" maxMessageSize="64k")
module(load="imtcp")
module(load="omrelp")
template(name="YaguraRelp" type="string" string="yagura-id=%uuid% %rawmsg%")
input(type="imtcp" address="127.0.0.1" port="$port" ruleset="toYagura")
ruleset(name="toYagura" queue.type="LinkedList" queue.size="2000000" queue.dequeueBatchSize="1024") {
  $actions
}
CONF
  /usr/sbin/rsyslogd -n -f "$dir/rsyslog.conf" -i "$dir/rsyslogd.pid" >"$dir/rsyslogd.out" 2>&1 &
  platform_track $!
  for _ in $(seq 40); do _port_busy "$port" && return 0; sleep 0.25; done
  echo "rsyslog did not start:" >&2; cat "$dir/rsyslogd.out" >&2; exit 1
}

# platform_alone: fails when another Karaf shares this platform's broker. Two platforms started at
# the same moment both find the ports free; the second cannot bind them, but its routes connect to
# the first one's broker (127.0.0.1:5672) and consume its queues (a share of the notices, events).
platform_alone() {
  local pid command home bad=""
  for pid in $(ss -Htnp state established '( dport = :5672 )' | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    command="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    case "$command" in
      *"-Dkaraf.home=$RUN_DIR "*) ;;
      *-Dkaraf.home=*) home="${command#*-Dkaraf.home=}"; bad+="  pid $pid, karaf.home ${home%% *}"$'\n' ;;
    esac
  done
  if [ -n "$bad" ]; then
    printf 'another Karaf is connected to this platform'"'"'s broker; the run is not valid:\n%s' "$bad" >&2
    return 1
  fi
}
