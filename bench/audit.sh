#!/bin/sh
# JMH: the audit store side by side with plain SQLite in one run, so tamper evidence is a ratio:
#   append   durable batched append, events/s (warden = whole front-door path; chain-only; plain-sqlite)
#   latency  one append until durable with 4 concurrent appenders (p50/p99), and the bare emit hand-off
#   read     verify of 1,000,000 events vs reading the same rows; one session of the million, indexed vs scan
# Usage: bench/audit.sh [append|latency|read]... [-- extra JMH options]   (default: all three)
# The first `read` run builds a 1,000,000-event store under $TMPDIR/warden-bench-audit-1m (minutes); later runs reuse it.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/.mvn/jdk.sh"
OUT=${BENCH_OUT:-$ROOT/target/bench}
mkdir -p "$OUT"
cd "$ROOT"
./mvnw -B -q -Pbench-audit -pl bench/audit -am package -DskipTests

which=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do which="$which $1"; shift; done
[ "${1:-}" = "--" ] && shift
[ -n "$which" ] || which="append latency read"
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -w 5s -i 5 -r 5s}
jmh() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -cp "bench/audit/target/warden-bench-audit.jar:bench/audit/target/lib/*" org.openjdk.jmh.Main \
    -foe true -jvmArgsAppend --enable-native-access=ALL-UNNAMED $JMH_OPTS "$@"
}
{
  echo "cores: $(nproc)  cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "kernel: $(uname -r)  jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)  disk: $(df -h "${TMPDIR:-/tmp}" | awk 'NR==2 {print $1}')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/audit-machine.txt"
for w in $which; do
  case $w in
    append)  jmh -rf text -rff "$OUT/audit-append.txt" "$@" 'AppendBench' >"$OUT/audit-append.log" ;;
    latency) jmh -rf text -rff "$OUT/audit-latency.txt" "$@" 'LatencyBench.appendDurable' >"$OUT/audit-latency.log"
             jmh -rf text -rff "$OUT/audit-emit.txt" -p store=warden "$@" 'LatencyBench.emitOnly' >"$OUT/audit-emit.log" ;;
    read)    jmh -rf text -rff "$OUT/audit-read.txt" "$@" 'ReadBench' >"$OUT/audit-read.log" ;;
    *) echo "bench/audit.sh: unknown benchmark $w (append, latency, read)" >&2; exit 2 ;;
  esac
  echo "== $w"
  cat "$OUT/audit-$w.txt" 2>/dev/null || true
  if [ "$w" = latency ]; then cat "$OUT/audit-emit.txt"; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/audit-machine.txt"
echo "(full logs in $OUT)"
