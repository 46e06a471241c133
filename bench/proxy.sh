#!/bin/sh
# Warden's egress proxy side by side with no proxy (direct) and with srt's proxy (createHttpProxyServer
# from @anthropic-ai/sandbox-runtime, installed from the npm registry into a temporary folder), in one
# run, on loopback only:
#   1. throughput: curl downloads 1 GiB over a CONNECT tunnel (curl -p), three times each, interleaved, median
#   2. small requests: 64 concurrent clients, a new connection per 100-byte request, 10 s after a
#      discarded 20 s pass and 3 s of warm-up: requests per second, p50 and p99 latency
#      (bench/proxy/ProxyBench.java small); then one client alone, whose latency is what the proxy adds
#      to a request rather than the queue of 63 others in front of it on two cores; BENCH_ROUNDS (3) rotations
#      of all six passes, each path reported by its round with the median p99
#   3. idle tunnels: 1,000 CONNECT tunnels held for 60 s, then every one must still answer
# Usage: bench/proxy.sh            (figures go to target/bench/proxy.md; paste them into docs/BENCHMARKS.md)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/.mvn/jdk.sh"
OUT=${BENCH_OUT:-$ROOT/target/bench}
SECONDS_SMALL=${BENCH_SMALL_SECONDS:-10}
IDLE_TUNNELS=${BENCH_IDLE_TUNNELS:-1000}
IDLE_SECONDS=${BENCH_IDLE_SECONDS:-60}
mkdir -p "$OUT"
for tool in curl node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is needed (apt-get install curl nodejs npm)" >&2; exit 2; }
done
ulimit -n 20000 2>/dev/null || true

cd "$ROOT"
./mvnw -B -q -pl warden-proxy -am compile
java="$JAVA_HOME/bin/java"
cp="$ROOT/warden-proxy/target/classes:$ROOT/warden-policy/target/classes:$ROOT/warden-core/target/classes"
bench() { "$java" -cp "$cp" "$ROOT/bench/proxy/ProxyBench.java" "$@"; }

tmp=$(mktemp -d)
pids=""
cleanup() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
(cd "$tmp" && npm install --silent --no-audit --no-fund @anthropic-ai/sandbox-runtime >/dev/null)
srt_dir="$tmp/node_modules/@anthropic-ai/sandbox-runtime"
srt_version=$(sed -n 's/^ *"version": "\(.*\)".*/\1/p' "$srt_dir/package.json" | head -n 1)

wait_file() { i=0; while [ ! -s "$1" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done; [ -s "$1" ]; }
# started directly, not through the function, so that $! is the JVM itself and the trap can stop it
"$java" -cp "$cp" "$ROOT/bench/proxy/ProxyBench.java" origin "$tmp/origin.port" >/dev/null 2>&1 & pids="$pids $!"
# Warden's proxy with the collector ./warden gives the `warden run` JVM it lives in.
"$java" -XX:+UseSerialGC -cp "$cp" "$ROOT/bench/proxy/ProxyBench.java" warden "$tmp/warden.port" "$tmp/warden.url" \
  >/dev/null 2>&1 &
pids="$pids $!"
node "$ROOT/bench/proxy/srt-proxy.mjs" "$srt_dir" "$tmp/srt.port" >/dev/null 2>&1 & pids="$pids $!"
wait_file "$tmp/origin.port" && wait_file "$tmp/warden.port" && wait_file "$tmp/srt.port"
origin=$(cat "$tmp/origin.port")
warden_url=$(cat "$tmp/warden.url")
srt_url="http://127.0.0.1:$(cat "$tmp/srt.port")"

report="$OUT/proxy.md"
{
  echo "cores: $(nproc)  cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "kernel: $(uname -r)  jdk: $("$java" -version 2>&1 | head -n 1)  node: $(node --version)  srt: $srt_version  curl: $(curl --version | head -n 1 | cut -d' ' -f2)"
  echo "load before: $(uptime | sed 's/.*load average/load average/')"
} | tee "$report"

url="http://127.0.0.1:$origin/bulk/1073741824"
download() { curl -s -o /dev/null -w '%{speed_download}\n' "$@" "$url"; }
median3() { sort -n | sed -n 2p; }
# warm the JIT of the JVM sides before timing
download -p -x "$warden_url" >/dev/null; download >/dev/null
# interleaved, so that the host's drift (this kind of VM drifts by tens of percent within minutes) weighs on all three
for i in 1 2 3; do
  download >>"$tmp/direct.speed"
  download -p -x "$warden_url" >>"$tmp/warden.speed"
  download -p -x "$srt_url" >>"$tmp/srt.speed"
done
direct=$(median3 <"$tmp/direct.speed")
warden=$(median3 <"$tmp/warden.speed")
srt=$(median3 <"$tmp/srt.speed")
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
{
  echo
  echo "### 1 GiB over CONNECT (curl -p, median of 3)"
  echo
  echo "| path | MiB/s | ratio |"
  echo "|---|---:|---:|"
  echo "| direct (no proxy) | $(mib "$direct") | 1.00 |"
  echo "| Warden | $(mib "$warden") | $(ratio "$warden" "$direct") of direct, $(ratio "$warden" "$srt")× srt |"
  echo "| srt | $(mib "$srt") | $(ratio "$srt" "$direct") of direct |"
} | tee -a "$report"

small() { bench small "$origin" "$1" "${2:-64}" "$SECONDS_SMALL" | tail -n 1; }
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# a discarded pass each first: the JIT (Warden, the origin, node's) has seen only bulk transfers so far,
# and on a 2-core machine C2 needs some 20 s of this load before the proxy's cost per request settles
for target in - "$warden_url" "$srt_url"; do bench small "$origin" "$target" 64 "${BENCH_SMALL_WARMUP:-20}" >/dev/null; done
# ROUNDS rotations of every pass (64 clients, then one client: latency with no queue of other clients in front, what
# the proxy itself adds to a request); each path is reported by its round with the median p99, and every round's p99
# is listed. A single pass per path put minutes between them, and direct's own p99 moved by 2 ms meanwhile.
ROUNDS=${BENCH_ROUNDS:-3}
round=0
while [ $round -lt "$ROUNDS" ]; do
  small - >>"$tmp/d64"; small "$warden_url" >>"$tmp/w64"; small "$srt_url" >>"$tmp/s64"
  small - 1 >>"$tmp/d1"; small "$warden_url" 1 >>"$tmp/w1"; small "$srt_url" 1 >>"$tmp/s1"
  round=$((round + 1))
done
median_p99() {
  awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^p99_ms=/) { split($i, kv, "="); print kv[2] "\t" $0 } }' "$1" \
    | sort -n | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2)' | cut -f2-
}
all_p99() { tr ' ' '\n' <"$1" | sed -n 's/^p99_ms=//p' | paste -sd' ' -; }
d=$(median_p99 "$tmp/d64"); w=$(median_p99 "$tmp/w64"); s=$(median_p99 "$tmp/s64")
d1=$(median_p99 "$tmp/d1"); w1=$(median_p99 "$tmp/w1"); s1=$(median_p99 "$tmp/s1")
{
  echo
  echo "### Small requests: 64 clients, a new connection per request, ${SECONDS_SMALL} s (round with the median p99 of $ROUNDS)"
  echo
  echo "| path | req/s | p50 ms | p99 ms | p99 added | errors |"
  echo "|---|---:|---:|---:|---:|---:|"
  for row in "direct (no proxy)|$d" "Warden|$w" "srt|$s"; do
    name=${row%%|*}; line=${row#*|}
    added=$(awk -v a="$(field "$line" p99_ms)" -v b="$(field "$d" p99_ms)" 'BEGIN { printf "%.2f", a - b }')
    echo "| $name | $(field "$line" rps) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $added | $(field "$line" errors) |"
  done
  echo
  echo
  echo "p99 ms per round, 64 clients: direct $(all_p99 "$tmp/d64"); Warden $(all_p99 "$tmp/w64"); srt $(all_p99 "$tmp/s64")"
  echo
  echo "### Small requests: 1 client, a new connection per request, ${SECONDS_SMALL} s (round with the median p99 of $ROUNDS)"
  echo
  echo "| path | req/s | p50 ms | p99 ms | p50 added | p99 added | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for row in "direct (no proxy)|$d1" "Warden|$w1" "srt|$s1"; do
    name=${row%%|*}; line=${row#*|}
    added50=$(awk -v a="$(field "$line" p50_ms)" -v b="$(field "$d1" p50_ms)" 'BEGIN { printf "%.3f", a - b }')
    added99=$(awk -v a="$(field "$line" p99_ms)" -v b="$(field "$d1" p99_ms)" 'BEGIN { printf "%.3f", a - b }')
    echo "| $name | $(field "$line" rps) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $added50 | $added99 | $(field "$line" errors) |"
  done
  echo
  echo "p99 ms per round, 1 client: direct $(all_p99 "$tmp/d1"); Warden $(all_p99 "$tmp/w1"); srt $(all_p99 "$tmp/s1")"
} | tee -a "$report"

iw=$(bench idle "$origin" "$warden_url" "$IDLE_TUNNELS" "$IDLE_SECONDS" | tail -n 1)
is=$(bench idle "$origin" "$srt_url" "$IDLE_TUNNELS" "$IDLE_SECONDS" | tail -n 1)
{
  echo
  echo "### $IDLE_TUNNELS idle CONNECT tunnels held ${IDLE_SECONDS} s"
  echo
  echo "| proxy | still answering | failed | failed to open |"
  echo "|---|---:|---:|---:|"
  echo "| Warden | $(field "$iw" still_answering) | $(field "$iw" failed) | $(field "$iw" open_errors) |"
  echo "| srt | $(field "$is" still_answering) | $(field "$is" failed) | $(field "$is" open_errors) |"
  echo
  echo "load after: $(uptime | sed 's/.*load average/load average/')"
} | tee -a "$report"
