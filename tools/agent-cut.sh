#!/bin/sh
# The agent's long link-cut run (issue 11 §2): the agent distribution in a network namespace of
# its own, a centre on the host end of a veth pair, numbered syslog lines sent to the agent over
# TCP by tools/loadgen (LossMeter), the link dropped with iptables for CUT_SECONDS in the middle,
# then restored; the centre counts the lines by number (lost, twice, highest).
#
# The centre here is the centre side of yagura-agent (enrolment, the agents' mutual-TLS acceptor,
# the per-agent address) on an embedded Artemis (io.yagura.agent.CentreProcess from the module's
# tests), not the whole platform: what is measured is the agent and its link.
#
#   tools/agent-cut.sh [LINES] [RATE] [CUT_SECONDS]     (default 600000 1000 600)
#
# Needs root (ip netns, iptables), Java 17, and a build: mvn -o -q install -DskipTests -pl bundles/agent,agent-assembly
# and tools/loadgen. Output: docs/runs/agent-cut-<date>.txt
set -eu
LINES=${1:-600000}
RATE=${2:-1000}
CUT=${3:-600}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/yagura-agent-cut.XXXXXX)
NS=yagura-cut$$
K=$(( $$ % 200 + 20 ))
HOST=10.233.$K.1
AGENT=10.233.$K.2
OUT="$ROOT/docs/runs/agent-cut-$(date -u +%Y%m%dT%H%M%SZ).txt"
RUN=cut$$
CENTRE_PID=""
HOLD_PID=""

say() { echo "$(date -u +%H:%M:%S) $*" | tee -a "$OUT"; }
cleanup() {
  [ -d "$WORK/agent" ] && ip netns exec "$NS" "$WORK/agent/bin/yagura-agent" stop >/dev/null 2>&1 || true
  [ -n "$CENTRE_PID" ] && kill "$CENTRE_PID" 2>/dev/null || true
  [ -n "$HOLD_PID" ] && kill "$HOLD_PID" 2>/dev/null || true
  ip link del "yc$K" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

mkdir -p "$ROOT/docs/runs"
: > "$OUT"
say "agent link cut: $LINES lines at $RATE lines/s over TCP syslog, link cut for $CUT s; work dir $WORK"

ip netns add "$NS"
ip link add "yc$K" type veth peer name "ya$K"
ip link set "ya$K" netns "$NS"
ip addr add "$HOST/30" dev "yc$K"; ip link set "yc$K" up
ip netns exec "$NS" ip addr add "$AGENT/30" dev "ya$K"
ip netns exec "$NS" ip link set "ya$K" up
ip netns exec "$NS" ip link set lo up

# The stand-in centre on the host side.
( cd "$ROOT" && mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test \
    -f bundles/agent/pom.xml >/dev/null )
CP="$ROOT/bundles/agent/target/test-classes:$ROOT/bundles/agent/target/classes:$(cat "$WORK/cp.txt")"
mkfifo "$WORK/centre.in"
sleep 1000000 > "$WORK/centre.in" &
HOLD_PID=$!
java -Xmx768m -cp "$CP" io.yagura.agent.CentreProcess "$WORK/centre" "$HOST" 61617 61618 site1 acme "$RUN" \
    < "$WORK/centre.in" > "$WORK/centre.out" 2> "$WORK/centre.err" &
CENTRE_PID=$!
for i in $(seq 1 60); do grep -q FINGERPRINT "$WORK/centre.out" 2>/dev/null && break; sleep 1; done
TOKEN=$(awk '/^TOKEN/{print $2}' "$WORK/centre.out")
FP=$(awk '/^FINGERPRINT/{print $2}' "$WORK/centre.out")
say "centre up on $HOST: agent CA $FP"

# The agent distribution in the namespace, configured as docs/agent.md says.
mkdir -p "$WORK/agent"
tar xzf "$ROOT/agent-assembly/target/yagura-agent-assembly-0.1.0-SNAPSHOT.tar.gz" -C "$WORK/agent" --strip-components=1
sed -i "s|^name =.*|name = site1|; s|^centre.host =.*|centre.host = $HOST|; s|^enrol.token =.*|enrol.token = $TOKEN|; \
s|^centre.ca.fingerprint =.*|centre.ca.fingerprint = $FP|; s|^check.period.seconds = .*|check.period.seconds = 10|" \
    "$WORK/agent/etc/io.yagura.agent.cfg"
ip netns exec "$NS" "$WORK/agent/bin/yagura-agent" start >/dev/null
for i in $(seq 1 120); do grep -q "RELP listener" "$WORK/agent/data/log/karaf.log" 2>/dev/null && break; sleep 1; done
for i in $(seq 1 60); do tail -1 "$WORK/centre.out" | grep -q "CONNECTED true" && break; sleep 1; done
say "agent up and connected: $(grep -h 'enrolled with the centre' "$WORK/agent/data/log/karaf.log" | sed 's/.*| //')"

mkdir -p "$WORK/none"
# Lines at RATE; the link is cut after a sixth of them and restored CUT seconds later.
ip netns exec "$NS" java -cp "$ROOT/tools/loadgen/target/yagura-loadgen.jar" io.yagura.loadgen.LossMeter \
    --target tcp://127.0.0.1:5514 --lines "$LINES" --rate "$RATE" --run "$RUN" --archive "$WORK/none" \
    --settle-seconds 1 --max-wait-seconds 1 > "$WORK/loadgen.out" 2>&1 &
LOADGEN=$!
sleep $(( LINES / RATE / 6 ))
ip netns exec "$NS" iptables -I OUTPUT -d "$HOST" -j DROP
ip netns exec "$NS" iptables -I INPUT -s "$HOST" -j DROP
say "link cut at: $(tail -1 "$WORK/centre.out")"
sleep "$CUT"
say "before restore: $(tail -1 "$WORK/centre.out")"
grep -h "Agent buffer" "$WORK/agent/data/log/karaf.log" | sed 's/.*| //' | tee -a "$OUT" || true
ip netns exec "$NS" iptables -D OUTPUT -d "$HOST" -j DROP
ip netns exec "$NS" iptables -D INPUT -s "$HOST" -j DROP
say "link restored"
wait "$LOADGEN" || true
say "loadgen: $(sed -n 2p "$WORK/loadgen.out")"
START=$(date +%s)
while :; do
  LAST=$(tail -1 "$WORK/centre.out")
  COUNT=$(echo "$LAST" | awk '{print $2}')
  [ "$COUNT" -ge "$LINES" ] && break
  [ $(( $(date +%s) - START )) -gt 900 ] && break
  sleep 5
done
sleep 10
LAST=$(tail -1 "$WORK/centre.out")
say "at the centre: $LAST (of $LINES sent; COUNT = distinct numbers)"
COUNT=$(echo "$LAST" | awk '{print $2}')
DUPS=$(echo "$LAST" | awk '{print $4}')
say "lost $((LINES - COUNT)), duplicated $DUPS, time from the last line sent to the last delivered $(( $(date +%s) - START )) s"
