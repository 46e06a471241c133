# Sourced by the bench scripts: where things are, what machine this is, and the tools they need.
# Reference tools come from the npm registry into a temporary folder that is deleted afterwards;
# nothing installed here is ever committed.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/.mvn/jdk.sh"
OUT=${BENCH_OUT:-$ROOT/target/bench}
mkdir -p "$OUT"

# One line per fact, to paste next to the figures: the load matters on a shared 2-core machine.
machine() {
  echo "cores: $(nproc)  cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "kernel: $(uname -r)  jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
  echo "load: $(uptime | sed 's/.*load average/load average/')"
}

# Debian packages a benchmark needs, installed only when missing (and only if we may).
need_debian() {
  missing=""
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "bench: missing$missing; install with: sudo apt-get install -y$missing" >&2
    exit 2
  fi
  echo "bench: installing$missing from Debian" >&2
  apt-get install -y -q $missing >&2 || { apt-get update -q >&2 && apt-get install -y -q $missing >&2; }
}

# npm_tmp PACKAGE...: installs the packages into a fresh temporary folder and prints its path.
npm_tmp() {
  dir=$(mktemp -d "${TMPDIR:-/tmp}/warden-bench-npm.XXXXXX")
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "$@" >"$dir/npm-install.log" 2>&1 || {
    cat "$dir/npm-install.log" >&2
    echo "bench: npm install $* failed (log above)" >&2
    exit 2
  }
  echo "$dir"
}

# The launcher builds warden-cli and its AOT cache on first use; do that outside any measurement.
warm_launcher() {
  "$ROOT/warden" --version >/dev/null
  if [ ! -f "$ROOT/warden-cli/target/warden.aot" ]; then
    echo "bench: warning: the launcher made no AOT cache (warden-cli/target/warden.aot); ./warden runs without it" >&2
  fi
}

# With BENCH_QUIET_LOAD=N, wait (up to BENCH_QUIET_WAIT seconds, default 1800) until the 1-minute load
# average is below N before measuring: on a shared machine the neighbours' builds are the noise.
wait_quiet() {
  [ -n "${BENCH_QUIET_LOAD:-}" ] || return 0
  waited=0
  while awk -v max="$BENCH_QUIET_LOAD" '{ exit !($1 >= max) }' /proc/loadavg; do
    if [ "$waited" -ge "${BENCH_QUIET_WAIT:-1800}" ]; then
      echo "bench: load still $(cut -d' ' -f1 /proc/loadavg) after ${waited}s; measuring anyway" >&2
      return 0
    fi
    sleep 10
    waited=$((waited + 10))
  done
}

# The commands a hyperfine run times, collected as one shell-quoted string (POSIX sh has no arrays).
HF_ARGS=""
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# candidate NAME COMMAND: runs COMMAND once (split into words as hyperfine -N does) and, if it succeeds,
# adds it to the run; otherwise says why it was left out, so a reference tool that cannot run here does
# not stop the others from being measured.
candidate() {
  if err=$(sh -c "$2" 2>&1 >/dev/null); then
    HF_ARGS="$HF_ARGS -n $(quote "$1") $(quote "$2")"
  else
    echo "bench: left out '$1': \`$2\` failed: $(printf '%s' "$err" | tail -n 3)" | tee -a "$OUT/skipped.txt" >&2
  fi
}

# ratios CSV REFERENCE...: a markdown table of each command's mean (ms) and its multiple of each reference
# (a hyperfine --export-csv file; a reference that was left out gets "–").
ratios() {
  csv=$1
  shift
  awk -F, -v refs="$*" '
    BEGIN { nref = split(refs, ref, "|") }
    NR > 1 { name[++n] = $1; mean[$1] = $2 * 1000 }
    END {
      head = "| command | mean (ms) |"; rule = "|---|---:|"
      for (r = 1; r <= nref; r++) { head = head " × " ref[r] " |"; rule = rule "---:|" }
      print head; print rule
      for (i = 1; i <= n; i++) {
        line = sprintf("| %s | %.1f |", name[i], mean[name[i]])
        for (r = 1; r <= nref; r++)
          line = line (ref[r] in mean ? sprintf(" %.2f |", mean[name[i]] / mean[ref[r]]) : " – |")
        print line
      }
    }' "$csv"
}

# JMH refuses to start while another JMH run holds /tmp/jmh.lock (and two would disturb each other's
# figures anyway). run_jmh NAME COMMAND...: waits until no other JMH run is going and the machine is quiet
# (see wait_quiet), notes the load in $OUT/NAME-machine.txt, runs COMMAND into $OUT/NAME.log, and starts
# over if another run took the lock in between.
# JMH over the bench/jmh module (build it first); JMH_OPTS are the run options. Forks inherit these JVM
# options; the corpora are found through warden.shared.dir.
jmh() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dwarden.shared.dir="$ROOT/../shared" \
    -cp "bench/jmh/target/warden-bench.jar:bench/jmh/target/lib/*" org.openjdk.jmh.Main $JMH_OPTS "$@"
}

run_jmh() {
  name=$1
  shift
  while :; do
    while pgrep -f 'org.openjdk.jmh.Main' >/dev/null 2>&1; do
      sleep 10
    done
    wait_quiet
    echo "$name: load before: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/$name-machine.txt"
    if "$@" >"$OUT/$name.log" 2>&1; then
      echo "$name: load after: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/$name-machine.txt"
      return 0
    fi
    if ! grep -q 'Unable to acquire the JMH lock' "$OUT/$name.log"; then
      tail -n 20 "$OUT/$name.log" >&2
      echo "bench: $name failed (log: $OUT/$name.log)" >&2
      return 1
    fi
    echo "bench: another JMH run took the lock first; waiting for it" >&2
  done
}
