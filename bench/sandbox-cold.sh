#!/bin/sh
# Cold sandbox start, side by side in one hyperfine run: each command starts a sandbox for `true` and
# exits, as a user (or an agent's tool call) would from a shell.
#   ./warden exec -- true             (only when this build has `exec`)
#   codex sandbox -- true             (npm @openai/codex, workspace-write; its node launcher and its native binary)
#   srt -c true                       (npm @anthropic-ai/sandbox-runtime, write access to the workspace, no network)
#   bwrap ... /bin/true               (bare bubblewrap: the floor for any bwrap sandbox)
#   /bin/true                         (no sandbox)
# All run in the same empty git workspace with the network off.
# Usage: bench/sandbox-cold.sh [extra hyperfine options]
set -eu
. "$(dirname "$0")/common.sh"
# srt on Linux refuses to start without bwrap and socat, and searches with ripgrep.
need_debian hyperfine:hyperfine npm:npm bwrap:bubblewrap socat:socat rg:ripgrep
cd "$ROOT"
warm_launcher

tmp=$(npm_tmp @openai/codex @anthropic-ai/sandbox-runtime)
# Codex refuses to create its helper aliases (codex-linux-sandbox) under the temporary directory and its
# sandbox then fails; a user's ~/.codex is not there, so give it a home outside /tmp.
codex_home=$(mktemp -d /var/tmp/warden-bench-codex-home.XXXXXX)
trap 'rm -rf "$tmp" "$codex_home"' EXIT
mkdir -p "$tmp/warden-home" "$tmp/system" "$tmp/project/.git"
cat >"$tmp/srt-settings.json" <<'JSON'
{"filesystem": {"denyRead": [], "allowWrite": ["."], "denyWrite": []},
 "network": {"allowedDomains": [], "deniedDomains": []}}
JSON
export WARDEN_HOME="$tmp/warden-home" WARDEN_SYSTEM_DIR="$tmp/system" CODEX_HOME="$codex_home"
cd "$tmp/project"

codex="$tmp/node_modules/.bin/codex"
codex_native=$(find "$tmp/node_modules/@openai" -path '*/vendor/*/bin/codex' -type f | head -n 1)
srt="$tmp/node_modules/.bin/srt"
bwrap=$(command -v bwrap)

wait_quiet
machine | tee "$OUT/sandbox-cold-machine.txt"
{
  echo "codex: $("$codex" --version 2>&1 | head -n 1)"
  echo "srt: $("$srt" --version 2>&1 | head -n 1)"
  echo "bwrap: $("$bwrap" --version 2>&1 | head -n 1)"
} | tee -a "$OUT/sandbox-cold-machine.txt"

set -- --warmup 3 --min-runs 30 -N --export-markdown "$OUT/sandbox-cold.md" --export-csv "$OUT/sandbox-cold.csv" "$@"
# `warden exec --help` exits 0 even without the command (the root help answers), so look for its usage line.
if "$ROOT/warden" exec --help 2>/dev/null | grep -q '^Usage: warden exec'; then
  echo "== warden exec: present"
  "$ROOT/warden" exec -- true
  set -- "$@" -n "warden exec" "$ROOT/warden exec -- true"
else
  echo "== warden exec: not in this build (no 'Usage: warden exec' from ./warden exec --help); measuring the others only" \
    | tee -a "$OUT/sandbox-cold-machine.txt"
fi
echo "== each sandbox runs true once (exit 0 expected)"
"$codex" sandbox -c 'sandbox_mode="workspace-write"' -- true
"$srt" -s "$tmp/srt-settings.json" -c true
"$bwrap" --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent /bin/true

hyperfine "$@" \
  -n "codex sandbox (npm launcher)" "$codex sandbox -c sandbox_mode=\"workspace-write\" -- true" \
  -n "codex sandbox (native binary)" "$codex_native sandbox -c sandbox_mode=\"workspace-write\" -- true" \
  -n "srt -c true" "$srt -s $tmp/srt-settings.json -c true" \
  -n "bare bwrap" "$bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent /bin/true" \
  -n "no sandbox" "/bin/true"
echo "load after: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/sandbox-cold-machine.txt"

# Each mean as a multiple of bare bwrap, of codex as installed from npm, and of srt.
awk -F, '
  NR > 1 { name[++n] = $1; mean[$1] = $2 * 1000 }
  END {
    print "| command | mean (ms) | × bare bwrap | × codex (npm) | × srt |"
    print "|---|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      c = name[i]
      printf "| %s | %.1f | %.2f | %.2f | %.2f |\n", c, mean[c], mean[c] / mean["bare bwrap"],
        mean[c] / mean["codex sandbox (npm launcher)"], mean[c] / mean["srt -c true"]
    }
  }' "$OUT/sandbox-cold.csv" | tee "$OUT/sandbox-cold-ratios.md"
