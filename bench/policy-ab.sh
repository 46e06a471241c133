#!/bin/sh
# The policy engine of git revision REV (default HEAD) against the working tree's, in one JVM, alternated batch by
# batch (PolicyAB): whether a change made decisions faster, on a host whose speed drifts between runs.
# Usage: bench/policy-ab.sh [REV] [SECONDS]        (A = REV, B = the working tree; ~1 minute plus two builds)
set -eu
. "$(dirname "$0")/common.sh"
cd "$ROOT"
rev=${1:-HEAD}
seconds=${2:-40}
./mvnw -B -q -Pbench -pl bench/jmh -am package -DskipTests
tree=$(mktemp -d /tmp/warden-policy-ab.XXXXXX)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
git worktree add -q --detach "$tree" "$rev"
(cd "$tree" && ./mvnw -B -q -pl warden-core,warden-policy compile)
echo "A = $rev ($(git rev-parse --short "$rev")), B = the working tree; ${seconds} s of CPU after 10 s of warm-up, each way round"
a="$tree/warden-core/target/classes:$tree/warden-policy/target/classes"
b="$ROOT/warden-core/target/classes:$ROOT/warden-policy/target/classes"
ab() { "$JAVA_HOME/bin/java" -Dwarden.shared.dir="$ROOT/../shared" \
  -cp "bench/jmh/target/warden-bench.jar:bench/jmh/target/lib/*" dev.warden.bench.PolicyAB "$seconds" "$a" "$b" "$@"; }
# Both load orders are run. Two identical builds measured B/A 1.008 to 1.028 here: a change has to beat that.
first=$(ab | tee /dev/stderr | sed -n 's/^B\/A: median \([0-9.]*\).*/\1/p')
second=$(ab b-first | tee /dev/stderr | sed -n 's/^B\/A: median \([0-9.]*\).*/\1/p')
awk -v x="$first" -v y="$second" 'BEGIN { printf "B/A, geometric mean of both orders: %.3f\n", sqrt(x * y) }'
