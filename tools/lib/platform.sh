# Sourced by the measurement scripts under tools/: a throw-away platform from the built
# distribution, in a temporary directory, with helpers to start, kill and wait for it.
# Needs the distribution built (mvn -B install -DskipTests) and Yagura's ports free.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="0.1.0-SNAPSHOT"
DIST_TGZ="$HERE/karaf-assembly/target/yagura-karaf-assembly-$VERSION.tar.gz"
LOADGEN_JAR="$HERE/tools/loadgen/target/yagura-loadgen.jar"
: "${JAVA_HOME:=/usr/lib/jvm/java-17-openjdk-amd64}"; export JAVA_HOME
KARAF_PID=""

platform_prepare() {
  for f in "$DIST_TGZ" "$LOADGEN_JAR"; do
    [ -f "$f" ] || { echo "missing $f: build first (mvn -B install -DskipTests)" >&2; exit 1; }
  done
  if (exec 3<>/dev/tcp/127.0.0.1/5514) 2>/dev/null; then
    echo "something already listens on 127.0.0.1:5514: stop it first (./yagura stop)" >&2; exit 1
  fi
  RUN_DIR="$(mktemp -d /tmp/yagura-run.XXXXXX)"
  tar xzf "$DIST_TGZ" -C "$RUN_DIR" --strip-components=1
  trap platform_cleanup EXIT
}

platform_start() {
  (cd "$RUN_DIR" && exec bin/karaf server >>"$RUN_DIR/karaf.out" 2>&1) &
  KARAF_PID=$!
}

# bin/karaf is a script that runs java as its child: kill the JVM of this directory itself.
platform_kill() {
  pkill -9 -f -- "-Dkaraf.home=$RUN_DIR" 2>/dev/null || true
  [ -n "$KARAF_PID" ] && wait "$KARAF_PID" 2>/dev/null || true
}

platform_cleanup() {
  platform_kill
  rm -rf "$RUN_DIR"
}

# The loss meter against this platform's archive.
meter() {
  "$JAVA_HOME/bin/java" -cp "$LOADGEN_JAR" io.yagura.loadgen.LossMeter --archive "$RUN_DIR/data/yagura/archive" "$@"
}

# Waits until a line sent to TARGET (default tcp://127.0.0.1:5514) has become an archived event.
platform_wait_ready() {
  local target="${1:-tcp://127.0.0.1:5514}"
  until meter --target "$target" --lines 1 --rate 0 --run "warm$RANDOM" --settle-seconds 5 --max-wait-seconds 10 \
        >/dev/null 2>&1; do
    kill -0 "$KARAF_PID" 2>/dev/null || { echo "the platform did not start:" >&2; tail -20 "$RUN_DIR/karaf.out" >&2; exit 1; }
  done
}
