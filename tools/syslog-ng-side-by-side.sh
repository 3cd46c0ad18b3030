#!/usr/bin/env bash
# One Yagura node side by side with syslog-ng on this machine (issue 11): the loss meter sends the
# same numbered TCP syslog lines, as fast as the receiver takes them (--rate 0, one connection),
# first to syslog-ng writing them to a file, then to a fresh platform; each time it counts by
# number what arrived (syslog-ng: lines in its file; Yagura: lines that became events in the
# archive) and when the last one did. Prints both rates, their ratio, the CPU seconds each
# receiver used and the load average.
#
#   tools/syslog-ng-side-by-side.sh [--lines N] [--syslog-ng DIR]
#
# syslog-ng: Debian's syslog-ng-core conflicts with rsyslog, so it is unpacked beside it, not
# installed (DIR, default /tmp/syslog-ng):
#   mkdir -p /tmp/syslog-ng-debs && cd /tmp/syslog-ng-debs &&
#   apt-get download syslog-ng-core libivykis0 libnet1 libpcre3 libwrap0 &&
#   for d in *.deb; do dpkg -x "$d" /tmp/syslog-ng; done
# Needs the distribution built (mvn -B install -DskipTests -pl tools/loadgen,features,karaf-assembly)
# and nothing else on Yagura's ports.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/platform.sh"
LINES=1000000; SNG=/tmp/syslog-ng; SNG_AT=10601
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) LINES="$2"; shift 2 ;;
    --syslog-ng) SNG="$2"; shift 2 ;;
    *) usage; exit 2 ;;
  esac
done
[ -x "$SNG/usr/sbin/syslog-ng" ] || { echo "no $SNG/usr/sbin/syslog-ng: unpack syslog-ng-core first (see --help)" >&2; exit 1; }
cpu_seconds() {  # PID: user + system CPU seconds so far
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
rate_of() { sed -n 's/.*: \([0-9]*\) lines\/s end to end.*/\1/p' "$1"; }

echo "# tools/syslog-ng-side-by-side.sh $ARGS (--lines $LINES)"
echo "# commit $(git -C "$HERE" rev-parse --short HEAD), $(date -u '+%F %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
_need_built
_run_root

# --- syslog-ng: TCP syslog in, a file out, flow control so that nothing is dropped -------------
export LD_LIBRARY_PATH="$SNG/usr/lib/x86_64-linux-gnu:$SNG/lib/x86_64-linux-gnu:$SNG/usr/lib/syslog-ng"
SNG_DIR="$RUN_ROOT/syslog-ng"; mkdir -p "$SNG_DIR/out"
cat >"$SNG_DIR/syslog-ng.conf" <<EOF
@version: 3.38
options { log-fifo-size(100000); keep-hostname(yes); };
source s_tcp { network(ip("127.0.0.1") port($SNG_AT) transport("tcp") log-iw-size(100000) max-connections(10)); };
destination d_file { file("$SNG_DIR/out/received.log"); };
log { source(s_tcp); destination(d_file); flags(flow-control); };
EOF
"$SNG/usr/sbin/syslog-ng" -F --no-caps -f "$SNG_DIR/syslog-ng.conf" --module-path "$SNG/usr/lib/syslog-ng/3.38" \
  --persist-file "$SNG_DIR/persist" --pidfile "$SNG_DIR/pid" --control "$SNG_DIR/ctl" >"$SNG_DIR/out.txt" 2>&1 &
SNG_PID=$!
platform_track "$SNG_PID"
for _ in $(seq 40); do _port_busy "$SNG_AT" && break; sleep 0.25; done
_port_busy "$SNG_AT" || { echo "syslog-ng did not start:" >&2; cat "$SNG_DIR/out.txt" >&2; exit 1; }
say "syslog-ng $("$SNG/usr/sbin/syslog-ng" --version | sed -n 's/^Installer-Version: //p') on 127.0.0.1:$SNG_AT (pid $SNG_PID)"
cpu_before="$(cpu_seconds "$SNG_PID")"
"$JAVA_HOME/bin/java" -cp "$LOADGEN_JAR" io.yagura.loadgen.LossMeter --target "tcp://127.0.0.1:$SNG_AT" --archive "$SNG_DIR/out" --lines "$LINES" --rate 0 --run "sng$(date -u +%H%M%S)" \
  --settle-seconds 10 --scan-millis 200 >"$RUN_ROOT/syslog-ng.txt" 2>&1 || true
SNG_CPU="$(awk -v a="$cpu_before" -v b="$(cpu_seconds "$SNG_PID")" 'BEGIN{printf "%.1f", b - a}')"
say "syslog-ng done; load average $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$SNG_PID"; wait "$SNG_PID" 2>/dev/null || true
echo "== syslog-ng (file: $(wc -l <"$SNG_DIR/out/received.log") lines) =="
sed "s|$RUN_ROOT/||g" "$RUN_ROOT/syslog-ng.txt" | grep -v '^usage'
echo "syslog-ng CPU: $SNG_CPU s"
rm -f "$SNG_DIR/out/received.log"

# --- one Yagura node: the same lines over TCP syslog, counted as events in the archive ---------
platform_prepare
platform_start
say "platform starting from $RUN_DIR; waiting until a warm-up line is archived"
platform_wait_ready "tcp://127.0.0.1:5514"
KARAF_JVM="$(pgrep -f -- "-Dkaraf.home=$RUN_DIR " | head -1)"
say "platform ready (JVM pid $KARAF_JVM); load average $(cut -d' ' -f1-3 /proc/loadavg)"
cpu_before="$(cpu_seconds "$KARAF_JVM")"
meter --target "tcp://127.0.0.1:5514" --lines "$LINES" --rate 0 --run "yg$(date -u +%H%M%S)" \
  --settle-seconds 30 --scan-millis 2000 >"$RUN_ROOT/yagura.txt" 2>&1 || true
YAGURA_CPU="$(awk -v a="$cpu_before" -v b="$(cpu_seconds "$KARAF_JVM")" 'BEGIN{printf "%.1f", b - a}')"
say "Yagura done; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Yagura, one node (TCP syslog to events in the archive) =="
sed "s|$RUN_ROOT/||g" "$RUN_ROOT/yagura.txt"
echo "Yagura JVM CPU (embedded broker included, the meter's scans not): $YAGURA_CPU s"

echo
sng_rate="$(rate_of "$RUN_ROOT/syslog-ng.txt")"; yagura_rate="$(rate_of "$RUN_ROOT/yagura.txt")"
echo "== side by side: syslog-ng $sng_rate lines/s, Yagura $yagura_rate lines/s, ratio Yagura/syslog-ng" \
  "$(awk -v y="$yagura_rate" -v s="$sng_rate" 'BEGIN{ if (s > 0) printf "%.3f", y / s; else print "-" }')"
