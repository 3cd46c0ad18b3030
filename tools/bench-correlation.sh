#!/usr/bin/env bash
# JMH benchmark of the correlation engine (bundles/correlation, CorrelationBenchmark).
# Usage: tools/bench-correlation.sh [JMH options, e.g. -wi 2 -i 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bundles/correlation -am install -DskipTests
mvn -B -q -pl bundles/correlation test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd bundles/correlation
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.openjdk.jmh.Main CorrelationBenchmark "$@"
