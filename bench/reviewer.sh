#!/bin/sh
# JMH: the automatic reviewer's latency per action (p50/p99): the deterministic risk engine over each corpus,
# the thresholds, and an auto-approved decision through the approval router against a plainly allowed one.
# Usage: bench/reviewer.sh [extra JMH options]   (JMH_OPTS replaces the defaults)
set -eu
. "$(dirname "$0")/common.sh"
cd "$ROOT"
./mvnw -B -q -Pbench -pl bench/jmh -am package -DskipTests
JMH_OPTS=${JMH_OPTS:--f 1 -wi 5 -w 5s -i 5 -r 3s}

machine | grep -v "^load" | tee "$OUT/reviewer-machine.txt"
echo "== deterministic engine and thresholds, every corpus"
run_jmh reviewer-corpora jmh -rf text -rff "$OUT/reviewer-corpora.txt" "$@" 'ReviewerBench\.(assess|review)$'
echo "== auto-approved vs plainly allowed, one command"
run_jmh reviewer-router jmh -p corpus=mix -rf text -rff "$OUT/reviewer-router.txt" "$@" \
  'ReviewerBench\.(autoApproved|plainAllowed)$'
cat "$OUT/reviewer-corpora.txt"
echo
cat "$OUT/reviewer-router.txt"
echo "(full logs in $OUT)"
