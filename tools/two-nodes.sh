#!/usr/bin/env bash
# Two centre nodes, one standalone Artemis, one PostgreSQL, node A killed with kill -9 under load
# (docs/multi-node.md). Everything runs on this host from a temporary directory:
#   - Artemis 2.40 on 127.0.0.1:61716 with Yagura's address settings, addresses and divert;
#   - a fresh PostgreSQL database (.ci/postgres.sh starts the server), dropped at the end;
#   - node A on the distribution's ports, node B on every port + 100 (syslog 5614, RELP 2614, ...);
#   - an SMTP sink (127.0.0.1:2525) for the customers' contacts;
#   - rsyslog as the devices' relay, fed with the loss meter's numbered lines, reaching the nodes
#     one of two ways (--devices): "vip" (default): RELP to a virtual address, 127.0.0.1:2500,
#     that points at A and is moved to B when A dies (an iptables DNAT rule standing in for
#     keepalived's VRRP address); "failover": two RELP actions, to A, and to B only while A is
#     suspended (action.execOnlyWhenPreviousIsSuspended).
# Before the kill, while only A runs (so their correlation groups are on A): an attack story (IPS
# alert + callback, Emergency) and the alert of a second story for 3 customers. Then B starts, the
# numbered lines flow, A is killed; the second stories' callbacks and a third story go to B (the
# devices' second centre address). Prints lines sent, events, lost, duplicated, each node's share,
# incidents per story and notices per incident and contact.
#
#   tools/two-nodes.sh [--devices vip|failover] [--lines N] [--rate R] [--kill-after SECONDS] [--keep-db]
#
# Needs the distribution built (mvn -B install -DskipTests -pl tools/loadgen,features,karaf-assembly),
# rsyslog with omrelp (Debian: rsyslog rsyslog-relp), root (PostgreSQL; iptables for --devices vip),
# the ports free.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/platform.sh"
LINES=120000; RATE=2000; KILL_AFTER=20; DEVICES=vip
BROKER_AT=61716; SMTP_AT=2525; RELAY_AT=10514; B_OFFSET=100; VIP_AT=2500
while [ $# -gt 0 ]; do
  case "$1" in
    --devices) DEVICES="$2"; shift 2 ;;
    --lines) LINES="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --kill-after) KILL_AFTER="$2"; shift 2 ;;
    --keep-db) KEEP_DB=1; shift ;;
    *) usage; exit 2 ;;
  esac
done
case "$DEVICES" in
  vip) command -v iptables >/dev/null || { echo "--devices vip needs iptables" >&2; exit 1; } ;;
  failover) ;;
  *) echo "--devices vip or failover, not '$DEVICES'" >&2; exit 2 ;;
esac
for f in /usr/sbin/rsyslogd /usr/lib/x86_64-linux-gnu/rsyslog/omrelp.so /usr/lib/x86_64-linux-gnu/rsyslog/imtcp.so; do
  [ -e "$f" ] || { echo "missing $f: apt-get install rsyslog rsyslog-relp" >&2; exit 1; }
done
for port in "$SMTP_AT" "$RELAY_AT" "$VIP_AT"; do
  if _port_busy "$port"; then echo "something already listens on 127.0.0.1:$port" >&2; exit 1; fi
done
RUN="2n$(date -u +%H%M%S)"
CUSTOMERS=(cust1 cust2 cust3)
java_tool() { "$JAVA_HOME/bin/java" -cp "$LOADGEN_JAR" "$@"; }
JAVA_TOOL=("$JAVA_HOME/bin/java" -cp "$LOADGEN_JAR")  # for tools started with &, so that $! is the JVM

# --- shared broker and database -------------------------------------------------------------
broker_prepare "$BROKER_AT"
broker_start
db_prepare "yagura_$RUN"
say "Artemis on 127.0.0.1:$BROKER_AT, database yagura_$RUN, run $RUN, temporary directory $RUN_ROOT"

"${JAVA_TOOL[@]}" io.yagura.loadgen.MailSink 127.0.0.1 "$SMTP_AT" >"$RUN_ROOT/mails.txt" 2>&1 &
platform_track $!
for _ in $(seq 60); do _port_busy "$SMTP_AT" && break; sleep 0.5; done
_port_busy "$SMTP_AT" || { echo "the SMTP sink did not start:" >&2; cat "$RUN_ROOT/mails.txt" >&2; exit 1; }

# The registry both nodes seed from (only the first start on an empty database reads it): the demo
# customer (the relay, 127.0.0.1) and three customers whose firewalls send from 127.0.0.11-13.
{
  echo "customers:"
  echo "  - {id: demo, name: Demo, networks: [10.0.0.0/8, 192.168.0.0/16]}"
  for i in 1 2 3; do
    cat <<EOF
  - id: cust$i
    name: Customer $i
    networks: [10.0.0.0/8]
    contacts:
      - {name: Desk $i, email: desk@cust$i.example, order: 1, channels: [mail], language: en}
      - {name: Night $i, email: night@cust$i.example, order: 2, channels: [mail], levels: [emergency], language: en}
    policy: {criticalMinutes: 1, criticalAutoSend: true}
EOF
  done
  echo "devices:"
  echo "  - {id: demo-asa, customer: demo, vendor: cisco-asa, addresses: [127.0.0.1]}"
  for i in 1 2 3; do echo "  - {id: cust$i-asa, customer: cust$i, vendor: cisco-asa, addresses: [127.0.0.1$i]}"; done
} >"$RUN_ROOT/registry.yaml"

for node in a b; do
  offset=0; [ "$node" = b ] && offset=$B_OFFSET
  node_prepare "$node" "$offset"
  node_use_external_broker "$node" "amqp://127.0.0.1:$BROKER_AT"
  node_use_database "$node" "$DB_URL"
  cp "$RUN_ROOT/registry.yaml" "$(node_dir "$node")/etc/yagura-registry.yaml"
  mail="$(node_dir "$node")/etc/io.yagura.notify.mail.cfg"
  cfg_set "$mail" host 127.0.0.1; cfg_set "$mail" port "$SMTP_AT"; cfg_set "$mail" security NONE
done
A_TCP="tcp://127.0.0.1:5514"; B_TCP="tcp://127.0.0.1:$((5514 + B_OFFSET))"
ARCHIVES=("$(node_archive a)" "$(node_archive b)")

# --- stories ---------------------------------------------------------------------------------
# The README's story lines, from the customer's firewall (127.0.0.1N for custN).
story_line() {
  local stamp; stamp="$(LC_ALL=C date -u '+%b %d %Y %H:%M:%S')"
  echo "<164>$stamp cust$1-asa : $2"
}
alert() {  # CUSTOMER_NUMBER ATTACKER VICTIM TARGET
  java_tool io.yagura.loadgen.SendLines --target "$4" --source "127.0.0.1$1" \
    "$(story_line "$1" "%ASA-4-400032: IPS:4051 UDP Snork attack from $2 to $3 on interface outside")" >/dev/null
}
callback() {  # CUSTOMER_NUMBER ATTACKER VICTIM TARGET
  java_tool io.yagura.loadgen.SendLines --target "$4" --source "127.0.0.1$1" \
    "$(story_line "$1" "%ASA-6-302013: Built outbound TCP connection 88123$1 for outside:$2/4444 ($2/4444) to inside:$3/50433 (198.51.100.5/50433)")" >/dev/null
}
# Story S of custN: attacker 192.0.2.SN (TEST-NET-1: never in the numbered lines) -> 10.0.N.(4+S).
# Story 1 before the kill; story 2 straddles it (alert before, callback after); story 3 after it.
incident_rows() {  # CUSTOMER_NUMBER ATTACKER
  echo "from incident where customer_id = 'cust$1' and attackers like '%\"$2\"%'"
}
wait_incidents() {  # SECONDS STORY: waits for the story's incident of each customer
  local until=$((SECONDS + $1)) i
  for i in 1 2 3; do
    while [ "$(db_query "select count(*) $(incident_rows "$i" "192.0.2.$2$i")")" = 0 ] && [ $SECONDS -lt $until ]; do
      sleep 1
    done
  done
}

# --- node A alone, the stories' first half ---------------------------------------------------
node_start a
say "node A starting ($(node_dir a)); waiting until a warm-up line is archived"
node_ready a "$A_TCP" "${ARCHIVES[@]}"
say "node A ready"
for i in 1 2 3; do
  alert "$i" "192.0.2.1$i" "10.0.$i.5" "$A_TCP"
  alert "$i" "192.0.2.2$i" "10.0.$i.6" "$A_TCP"
done
wait_incidents 60 1; wait_incidents 60 2
for i in 1 2 3; do callback "$i" "192.0.2.1$i" "10.0.$i.5" "$A_TCP"; done
say "stories 1 (alert + callback) and alerts of stories 2 sent to node A for cust1-3"

# --- node B joins --------------------------------------------------------------------------
node_start b
say "node B starting ($(node_dir b)); waiting until a warm-up line sent to it is archived"
node_ready b "$B_TCP" "${ARCHIVES[@]}"
say "node B ready"

# --- the relay ---------------------------------------------------------------------------------
# vip: the address the devices know points at a live node (here a DNAT rule, moved on the kill).
vip_point_to() {  # PORT
  local rule=(OUTPUT -p tcp -d 127.0.0.1 --dport "$VIP_AT" -m comment --comment "yagura-two-nodes-$RUN" -j DNAT)
  [ -z "${VIP_TO:-}" ] || iptables -t nat -D "${rule[@]}" --to-destination "127.0.0.1:$VIP_TO"
  iptables -t nat -A "${rule[@]}" --to-destination "127.0.0.1:$1"
  VIP_TO="$1"
}
if [ "$DEVICES" = vip ]; then
  vip_point_to 2514
  platform_on_exit 'iptables -t nat -D OUTPUT -p tcp -d 127.0.0.1 --dport "$VIP_AT" -m comment --comment "yagura-two-nodes-$RUN" -j DNAT --to-destination "127.0.0.1:$VIP_TO"'
  ACTIONS="$(relay_action "$VIP_AT")"
else
  # The second action runs only while the first is suspended; resumeRetryCount 0 suspends the
  # first at its first failure. The queue is the ruleset's: an action queue on the first action
  # would accept every line and never let the second one run.
  ACTIONS="action(name=\"nodeA\" type=\"omrelp\" target=\"127.0.0.1\" port=\"2514\" template=\"YaguraRelp\"
         windowSize=\"1024\" action.resumeRetryCount=\"0\" action.resumeInterval=\"5\")
  action(name=\"nodeB\" type=\"omrelp\" target=\"127.0.0.1\" port=\"$((2514 + B_OFFSET))\" template=\"YaguraRelp\"
         windowSize=\"1024\" action.execOnlyWhenPreviousIsSuspended=\"on\"
         action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\")"
fi
relay_start "$RELAY_AT" "$ACTIONS"

# --- load, kill -9 of node A, the stories' second half to B ----------------------------------
ARCHIVE_ARGS=(); for a in "${ARCHIVES[@]}"; do ARCHIVE_ARGS+=(--archive "$a"); done
say "sending $LINES numbered lines at $RATE lines/s through the relay; node A killed after $KILL_AFTER s"
"${JAVA_TOOL[@]}" io.yagura.loadgen.LossMeter --target "tcp://127.0.0.1:$RELAY_AT" --lines "$LINES" --rate "$RATE" \
  --run "$RUN" --settle-seconds 45 "${ARCHIVE_ARGS[@]}" >"$RUN_ROOT/meter.txt" 2>&1 &
METER_PID=$!
platform_track "$METER_PID"
sleep "$KILL_AFTER"
say "kill -9 of node A's JVM"
node_kill a
if [ "$DEVICES" = vip ]; then
  sleep 1  # keepalived would move the address after a few missed VRRP adverts
  vip_point_to $((2514 + B_OFFSET))
  say "the virtual address 127.0.0.1:$VIP_AT now leads to node B"
fi
sleep 2
for i in 1 2 3; do
  callback "$i" "192.0.2.2$i" "10.0.$i.6" "$B_TCP"
  alert "$i" "192.0.2.3$i" "10.0.$i.7" "$B_TCP"
done
wait_incidents 60 3
for i in 1 2 3; do callback "$i" "192.0.2.3$i" "10.0.$i.7" "$B_TCP"; done
say "callbacks of stories 2 and stories 3 (alert + callback) sent to node B"
wait "$METER_PID" && lost_none=1 || lost_none=0
# Automatic Criticals are due one minute after detection: wait for them to be sent.
say "waiting 75 s for the automatic Critical notices and the last mails"
sleep 75

# --- report ----------------------------------------------------------------------------------
echo
if [ "$DEVICES" = vip ]; then
  echo "== numbered lines (rsyslog relay -> RELP to a virtual address: node A, node B after the kill) =="
else
  echo "== numbered lines (rsyslog relay -> RELP to node A, to node B while A is suspended) =="
fi
sed -n '/^run /,$p' "$RUN_ROOT/meter.txt" | sed "s|$RUN_ROOT/||g"
echo
echo "== incidents per story (one per story expected) =="
echo "story | customer | attacker | incidents | level(s) | events per incident"
for s in 1 2 3; do
  for i in 1 2 3; do
    attacker="192.0.2.$s$i"
    row="$(db_query "select count(*), coalesce(string_agg(coalesce(confirmed_level, proposed_level), ',' order by detected_at), '-'),
                             coalesce(string_agg(event_count::text, ',' order by detected_at), '-')
                      $(incident_rows "$i" "$attacker")")"
    echo "$s | cust$i | $attacker | $row"
  done
done
echo "(story 1: before the kill on A; story 2: alert on A, callback on B after the kill; story 3: on B after the kill)"
echo
echo "== notices per incident and contact (one expected) =="
echo "customer | attacker | contact | kind | level | notices | statuses"
db_query "select i.customer_id, i.attackers, n.address, n.kind, coalesce(n.level, '-'), count(*),
                 string_agg(n.status, ',' order by n.created_at)
          from notification n join incident i on i.id = n.incident_id
          group by i.customer_id, i.attackers, n.address, n.kind, n.level order by 1, 2, 3, 4"
echo
echo "== mails the SMTP sink accepted: $(grep -c '^mail accepted' "$RUN_ROOT/mails.txt" || true)"
for node in a b; do
  echo "   delivered by node $(echo "$node" | tr a-z A-Z): $(cat "$(node_dir "$node")"/data/log/karaf.log* 2>/dev/null \
    | grep -c 'Mail notice .* delivered to' || true)"
done
echo "== notices with more than one row per incident, contact and kind: $(db_query "select count(*) from (select 1
   from notification group by incident_id, address, kind having count(*) > 1) d")"
[ "$lost_none" = 1 ]
