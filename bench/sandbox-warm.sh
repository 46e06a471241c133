#!/bin/sh
# JMH: warm spawn of /bin/true under Warden's sandboxes from a long-lived JVM (what the MCP server and
# daemon do), next to a bare bubblewrap and a plain ProcessBuilder in the same JVM; ratios to bare bwrap.
# The sandbox protects what a workspace-write session protects (-Dwarden.bench.protections=minimal: .git only).
# Usage: bench/sandbox-warm.sh [extra JMH options]   (BENCH_QUIET_LOAD=1 waits for a quiet machine first)
set -eu
. "$(dirname "$0")/common.sh"
cd "$ROOT"
need_debian bwrap:bubblewrap
./mvnw -B -q -Pbench -pl bench/jmh -am package -DskipTests
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}
machine | grep -v "^load" | tee "$OUT/sandbox-warm-machine.txt"
run_jmh sandbox-warm "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "bench/jmh/target/warden-bench.jar:bench/jmh/target/lib/*" org.openjdk.jmh.Main $JMH_OPTS \
  -rf csv -rff "$OUT/sandbox-warm.csv" "$@" 'SandboxSpawnBench'
awk -F, '
  NR > 1 {
    gsub(/"/, ""); name = $1; sub(/.*SandboxSpawnBench\./, "", name)
    split(name, part, ":"); b = part[1]
    if (!(b in seen)) { seen[b] = 1; order[++n] = b }
    if (part[2] == "") mean[b] = $5; else if (part[2] == "p0.50") p50[b] = $5; else if (part[2] == "p0.99") p99[b] = $5
    if (part[2] == "") samples[b] = $4
  }
  END {
    print "| spawn /bin/true | samples | mean (µs) | p50 (µs) | p99 (µs) | mean / bare bwrap | p50 / bare bwrap |"
    print "|---|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      b = order[i]
      printf "| %s | %d | %.0f | %.0f | %.0f | %.2f× | %.2f× |\n", b, samples[b], mean[b], p50[b], p99[b],
        mean[b] / mean["bareBwrap"], p50[b] / p50["bareBwrap"]
    }
  }' "$OUT/sandbox-warm.csv" | tee "$OUT/sandbox-warm.md"
echo "(full log in $OUT/sandbox-warm.log)"
# The same ratio in alternating pairs, which a noisy host disturbs far less than benchmarks run 20 s apart.
echo "== warden bwrap vs bare bwrap, in alternating pairs (SpawnPairs)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "bench/jmh/target/warden-bench.jar:bench/jmh/target/lib/*" \
  dev.warden.bench.SpawnPairs ${SPAWN_PAIRS:-600} | tee "$OUT/sandbox-warm-pairs.md"
# A server's first command after a pause: mount points made and swept around every spawn (not kept between them).
echo "== the same with mount points made and swept around every spawn (warden.bench.keep=0)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dwarden.bench.keep=0 \
  -cp "bench/jmh/target/warden-bench.jar:bench/jmh/target/lib/*" \
  dev.warden.bench.SpawnPairs ${SPAWN_PAIRS:-600} | tee "$OUT/sandbox-warm-pairs-unkept.md"
# With only .git and .warden protected, the policy sessions 1 to 7 measured, for comparison with their figures.
echo "== the same with the minimal protections of earlier sessions"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dwarden.bench.protections=minimal \
  -cp "bench/jmh/target/warden-bench.jar:bench/jmh/target/lib/*" \
  dev.warden.bench.SpawnPairs ${SPAWN_PAIRS:-600} | tee "$OUT/sandbox-warm-pairs-minimal.md"
