#!/usr/bin/env bash
# Line that makes an Emergency -> the INVITE of its first phone call received by a SIPp callee, at
# a given rate, on a fresh platform (issue 10, target p99 <= 5 s at 10,000 lines/s over >= 200
# Emergencies; docs/performance.md). Everything runs on this host from a temporary directory:
#   - a SIPp callee (Debian sip-tester) on a free UDP port that answers every call and presses 1
#     as RFC 4733 events a second after answering (the notify-phone test scenario answer-rfc4733.xml),
#     so that each escalation stops at its first call; its message log stamps each INVITE;
#   - the platform from the built distribution, its phone channel calling that SIPp as its trunk (no
#     registration), with --phone-threads escalations at once (default 32, the distribution's 4 is
#     too few for 200 Emergencies a minute: see docs/performance.md), and one demo contact with a
#     phone number, told of Emergencies by phone only;
#   - the load generator: RATE lines/s over TCP for LINES lines, ATTACKS of them IPS alerts from
#     distinct attackers each followed 200 ms-1 s later by its victim's callback (the line that
#     makes the incident an Emergency, where the clock starts), reading SIPp's message log (where
#     it stops) and joining each INVITE to its attacker through the incident id in its Subject.
# Prints p50/p95/p99/max, the calls missing or not about an Emergency; exits non-zero if one is missing.
#
#   tools/phone-latency.sh [--rate 10000] [--lines 600000] [--attacks 200] [--warmup-seconds 60]
#                          [--phone-threads 32] [--keep-logs DIR]
#
# Before the measured load, the same background load is sent for --warmup-seconds with 5 Emergencies
# (their calls too, so the SIP stack and the speech are not loaded by the first measured call), and
# the pipeline is drained. --keep-logs DIR keeps Karaf's log, SIPp's message log and the warm-up's
# output (the temporary directory is removed at the end). Extra options go to the load generator. Needs the distribution and the
# load generator built (mvn -B install -DskipTests -pl tools/loadgen,features,karaf-assembly), sipp
# and espeak-ng, and the platform's ports free.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/platform.sh"
RATE=10000; LINES=600000; ATTACKS=200; WARMUP=60; THREADS=32; WARMUP_ATTACKS=5; KEEP=""; EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --lines) LINES="$2"; shift 2 ;;
    --attacks) ATTACKS="$2"; shift 2 ;;
    --warmup-seconds) WARMUP="$2"; shift 2 ;;
    --phone-threads) THREADS="$2"; shift 2 ;;
    --keep-logs) KEEP="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) EXTRA+=("$1"); shift ;;
  esac
done
SCENARIO="$HERE/bundles/notify-phone/src/test/resources/sipp/answer-rfc4733.xml"
for need in sipp espeak-ng; do
  command -v "$need" >/dev/null || { echo "missing $need (Debian: sip-tester, espeak-ng)" >&2; exit 1; }
done
[ -f "$SCENARIO" ] || { echo "missing the SIPp scenario $SCENARIO" >&2; exit 1; }
loadgen() { "$JAVA_HOME/bin/java" -jar "$LOADGEN_JAR" "$@"; }

platform_prepare
if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"
  platform_on_exit "cp -r \"\$RUN_DIR/data/log\" \"\$RUN_ROOT\"/sipp* \"\$RUN_ROOT\"/warmup.out \"$KEEP/\" 2>/dev/null"
fi
# Ports beside the platform's: the callee's SIP and media ports, and the phone channel's own SIP port
# (5060 unless taken, e.g. by another platform's phone channel).
SIPP_PORT="$(free_udp_port 5070)"
SIPP_MEDIA="$(free_udp_port 6000)"
PHONE_PORT="$(free_udp_port 5060)"
[ "$PHONE_PORT" != "$SIPP_PORT" ] || PHONE_PORT="$(free_udp_port $((SIPP_PORT + 2)))"
phone="$RUN_DIR/etc/io.yagura.notify.phone.cfg"
cfg_set "$phone" trunk "127.0.0.1:$SIPP_PORT"
cfg_set "$phone" registrar ""
cfg_set "$phone" transport udp
cfg_set "$phone" localAddress 127.0.0.1
cfg_set "$phone" localPort "$PHONE_PORT"
cfg_set "$phone" threads "$THREADS"
# The demo customer (the load's 192.168.0.0/16 victims) with one contact called for Emergencies.
# The seed is read at the first start only, which this is.
registry="$RUN_DIR/etc/yagura-registry.yaml"
perl -0pi -e 's{(  - id: demo\n    name: [^\n]*\n    networks: [^\n]*\n)}{$1    contacts:\n      - {name: SOC phone, phone: "0312345678", order: 1, channels: [phone], levels: [emergency], language: en}\n}' \
  "$registry"
grep -q 'name: SOC phone' "$registry" || { echo "could not add the phone contact to $registry" >&2; exit 1; }

MESSAGES="$RUN_ROOT/sipp-messages.log"
(cd "$RUN_ROOT" && exec sipp -sf "$SCENARIO" -i 127.0.0.1 -p "$SIPP_PORT" -mi 127.0.0.1 -mp "$SIPP_MEDIA" \
  -nostdin -trace_msg -message_file "$MESSAGES" -trace_err -error_file "$RUN_ROOT/sipp-errors.log" \
  >"$RUN_ROOT/sipp.out" 2>&1) &
platform_track $!
for _ in $(seq 20); do [ -n "$(ss -Hlnu "sport = :$SIPP_PORT")" ] && break; sleep 0.25; done
[ -n "$(ss -Hlnu "sport = :$SIPP_PORT")" ] || { echo "SIPp did not start:" >&2; tail -20 "$RUN_ROOT/sipp.out" >&2; exit 1; }
say "SIPp callee on 127.0.0.1:$SIPP_PORT (media $SIPP_MEDIA); phone channel on $PHONE_PORT with $THREADS threads"

platform_start
say "platform starting from $RUN_DIR; waiting until a warm-up line is archived"
platform_wait_ready
platform_alone
if [ "$WARMUP" -gt 0 ]; then
  say "warm-up: $((RATE * WARMUP)) background lines at $RATE lines/s with $WARMUP_ATTACKS Emergencies, then until the pipeline is drained"
  loadgen --lines "$((RATE * WARMUP))" --rate "$RATE" --connections 1 --attacks "$WARMUP_ATTACKS" \
    --invite-log "$MESSAGES" --no-count --drain-seconds 30 >"$RUN_ROOT/warmup.out" 2>&1 \
    || say "warm-up: not every Emergency was called (see below)"
  grep -E "^(sent|callback sent -> Emergency call|Emergency calls received)" "$RUN_ROOT/warmup.out" | sed 's/^/  warm-up: /'
  platform_wait_ready
fi
# Other work on the machine shows in the figures: the cores used by Karaf, SIPp, the load generator
# and everything else, every 10 s.
ticks_of() {  # PATTERN: CPU ticks used so far by the processes whose command line has PATTERN (and
              # by their children that ended: espeak-ng for Karaf)
  local sum=0 pid
  for pid in $(pgrep -f -- "$1"); do
    sum=$((sum + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$sum"
}
cpu_ticks() {  # now (s), all busy ticks, Karaf's, SIPp's, the generator's
  local k p g; k="$(ticks_of "-Dkaraf.home=$RUN_DIR ")"; p="$(ticks_of "-message_file $MESSAGES")"
  g="$(ticks_of "--invite-log $MESSAGES")"
  echo "$EPOCHREALTIME $(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat) $k $p $g"
}
cpu_sampler() {
  local hz before now; hz="$(getconf CLK_TCK)"; before="$(cpu_ticks)"
  while sleep 10; do
    now="$(cpu_ticks)"
    # per second of the interval really elapsed (sampling itself takes time on a busy machine)
    echo "$before $now" | awk -v hz="$hz" '{ s = hz * ($6 - $1); all = ($7 - $2) / s; k = ($8 - $3) / s
      p = ($9 - $4) / s; g = ($10 - $5) / s; if (g < 0) g = 0; rest = all - k - p - g; if (rest < 0) rest = 0
      printf "%.1f/%.1f/%.1f/%.1f\n", k, p, g, rest }'
    before="$now"
  done
}
say "measured run: $LINES lines at $RATE lines/s, $ATTACKS Emergencies; load average $(cut -d' ' -f1-3 /proc/loadavg)"
cpu_sampler >"$RUN_ROOT/cpu" &
CPU_SAMPLER=$!
platform_track "$CPU_SAMPLER"
status=0
loadgen --lines "$LINES" --rate "$RATE" --connections 1 --attacks "$ATTACKS" --invite-log "$MESSAGES" \
  --no-count --drain-seconds 60 "${EXTRA[@]}" || status=$?
log="$RUN_DIR/data/log/karaf.log"
# The last calls are still talking when their INVITE has been seen: wait until no call ended for 5 s.
calls_ended() { grep -cE 'acknowledged by .* \(digit|Incident .*: call to ' "$log" || true; }
ended=-1; for _ in $(seq 12); do now="$(calls_ended)"; [ "$now" = "$ended" ] && break; ended="$now"; sleep 5; done
kill "$CPU_SAMPLER" 2>/dev/null || true
platform_alone || status=2
say "cores busy during the measured run, every 10 s, Karaf/SIPp/load generator/everything else: $(paste -sd ' ' "$RUN_ROOT/cpu")"
say "phone channel: $(grep -c 'acknowledged by .* (digit' "$log" || true) escalations acknowledged by the digit, \
$(grep -c 'Incident .*: call to ' "$log" || true) calls not acknowledged, $(grep -c 'ERROR.*phone' "$log" || true) ERROR lines about the phone"
# How long a call holds one of the channel's threads (INVITE to BYE at SIPp), and how many ran at once:
# the threads needed are about Emergencies a second x seconds a call.
awk '
  /^-------------------- *-* [0-9-]+ [0-9:.]+$/ { split($3, hms, ":"); t = hms[1] * 3600 + hms[2] * 60 + hms[3] + day
                                if (t < last - 43200) { day += 86400; t += 86400 } last = t; received = 0; next }
  / message received / { received = 1; next }
  received && /^(INVITE|BYE) / { method = $1; next }
  received && method != "" && /^(Call-ID|i)[ \t]*:/ { id = $2
    if (method == "INVITE" && !(id in start)) start[id] = t
    if (method == "BYE" && !(id in end)) end[id] = t
    method = "" }
  END { for (id in start) if (id in end) { n++; d = end[id] - start[id]; sum += d; if (d > max) max = d
                                            printf "%.6f 1\n%.6f -1\n", start[id], end[id] > "/dev/stderr" }
        if (n) printf "%d calls ended: %.1f s INVITE to BYE on average, %.1f s at most\n", n, sum / n, max }
' "$MESSAGES" 2>"$RUN_ROOT/call-edges" | sed "s/^/$(date -u +%T) SIPp: /"
sort -k1,1n -k2,2n "$RUN_ROOT/call-edges" | awk '{ now += $2; if (now > most) most = now } END { printf "%s SIPp: at most %d calls at once\n", d, most }' d="$(date -u +%T)"
say "SIPp: $(grep -c 'message received' "$MESSAGES" || true) messages received, $(grep -c '^INVITE ' "$MESSAGES" || true) INVITEs"
exit "$status"
