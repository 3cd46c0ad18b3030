#!/usr/bin/env bash
# Replays the labelled attack story corpus (scenarios/stories) into a RUNNING Yagura (./yagura start)
# and prints the score: confusion table of expected versus rated levels, Emergencies/Criticals
# missed, phone/mail notices about unexpected incidents, fragmented stories (tuning and holdout
# sets apart). One customer per story and one device per story device (source 127.77.<story>.<n>),
# registered with yagura:registry-import; lines sent over TCP syslog; incidents read with
# yagura:incidents --json once they stop changing. See docs/scenario-score.md.
#
#   tools/score-stories.sh [report file]     (default scenarios/target/platform-score.md)
# Environment: SYSLOG_HOST (127.0.0.1), SYSLOG_PORT (5514), QUIET_SECONDS (30), WAIT_SECONDS (900),
# STORIES (scenarios/stories), YAGURA_CONSOLE_PASSWORD (as ./yagura console).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPORT="${1:-$HERE/scenarios/target/platform-score.md}"
cd "$HERE"
mvn -B -o -q package -DskipTests -pl scenarios
mvn -B -o -q dependency:build-classpath -pl scenarios -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
mkdir -p "$(dirname "$REPORT")"
exec java -cp "scenarios/target/classes:$(cat scenarios/target/classpath.txt)" \
  -Dsyslog.host="${SYSLOG_HOST:-127.0.0.1}" -Dsyslog.port="${SYSLOG_PORT:-5514}" \
  -Dquiet.seconds="${QUIET_SECONDS:-30}" -Dwait.seconds="${WAIT_SECONDS:-900}" \
  io.yagura.scenarios.ScoreStories "${STORIES:-$HERE/scenarios/stories}" "$REPORT" "$HERE/yagura" console
