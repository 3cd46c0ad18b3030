#!/usr/bin/env bash
# JMH benchmark of the vendor plugins (benchmarks/plugins, PluginBenchmark): parse throughput of
# each plugin over its own sample lines, probe cost over all plugins' samples; one thread.
# Usage: tools/bench-plugins.sh [--short|--long] [--parse-only] [--no-build] [--offline] [--json FILE] [plugin-id...]
#   --short       2 forks x (3 warm-up + 5 measured iterations of 1 s) (default, ~8 min for all 13 plugins)
#   --long        3 forks x (5 warm-up + 10 measured iterations of 2 s) (~40 min for all)
#   --parse-only  skip the probe benchmarks
#   --no-build    run what benchmarks/plugins/target holds (the jars copied by the last build)
#   --offline     Maven without network (-o)
# Ends with a table: one row per plugin, lines/s. JMH's JSON goes to benchmarks/plugins/target/bench-plugins.json.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
mvn_args=(-B -q)
bench_args=()
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        --offline) mvn_args+=(-o) ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) bench_args+=("$arg") ;;
    esac
done
module=benchmarks/plugins
if [[ $build == 1 || ! -d $module/target/bench-lib ]]; then
    # The plugins are built from this checkout, so the figures are of the sources you have. Their jars
    # are copied out of ~/.m2: another build installing there during a run must not swap them underneath.
    mvn "${mvn_args[@]}" -pl $module -am install -DskipTests
    rm -rf $module/target/bench-lib
    mvn "${mvn_args[@]}" -pl $module dependency:copy-dependencies \
        -DoutputDirectory=target/bench-lib -DincludeScope=runtime
fi
cd $module
exec java -cp "target/classes:target/bench-lib/*" \
    io.yagura.bench.plugins.BenchPlugins ${bench_args[@]+"${bench_args[@]}"}
