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
