#!/bin/sh
# JMH: PolicyEngine decisions per second and per-decision latency on one thread, over real commands
# from the shared corpora, then the same commands through each stage alone (where the time goes).
# Usage: bench/policy.sh [extra JMH options]   (JMH_OPTS replaces the defaults: one fork, 25 s of warmup,
# which the big heuristic code needs before C2 has compiled it on a busy 2-core machine)
set -eu
. "$(dirname "$0")/common.sh"
cd "$ROOT"
./mvnw -B -q -Pbench -pl bench/jmh -am package -DskipTests
JMH_OPTS=${JMH_OPTS:--f 1 -wi 5 -w 5s -i 5 -r 3s}

machine | grep -v "^load" | tee "$OUT/policy-machine.txt"
echo "== whole decisions, every corpus"
run_jmh policy-decisions jmh -rf text -rff "$OUT/policy-decisions.txt" "$@" 'PolicyEngineBench\.(decisions|latency)$'
echo "== stages, corpus = mix (-prof gc: bytes allocated per command)"
run_jmh policy-stages jmh -p corpus=mix -prof gc -rf text -rff "$OUT/policy-stages.txt" "$@" \
  'PolicyEngineBench\.(decisions|split|prefixRules|knownSafe|dangerous|scriptDanger|risk)$'
cat "$OUT/policy-decisions.txt"
echo
grep -v -E 'gc\.(alloc\.rate |count|time|churn)' "$OUT/policy-stages.txt"
echo "(full logs in $OUT)"
