#!/bin/sh
# Cold sandbox start, side by side in one hyperfine run: each command starts a sandbox for `true` and
# exits, as a user (or an agent's tool call) would from a shell.
#   ./warden exec --no-daemon -- true (standalone: a JVM decides, records and starts the sandbox)
#   ./warden exec -- true             (the daemon running, started by a first `warden exec`: the launcher's bash client and the daemon)
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
trap '"$ROOT/warden" daemon stop >/dev/null 2>&1 || true; rm -rf "$tmp" "$codex_home"' EXIT
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

if "$ROOT/warden" exec --help 2>/dev/null | grep -q -- '--no-daemon'; then
  candidate "warden exec (standalone)" "$ROOT/warden exec --no-daemon -- true"
  # As users run it: the first `warden exec -- CMD` starts the daemon in the background (docs/DAEMON.md), and the
  # ones after it go through its door. The first one is run here, outside the timing, and the daemon awaited.
  "$ROOT/warden" exec -- true
  for _ in $(seq 300); do "$ROOT/warden" daemon status >/dev/null 2>&1 && break; sleep 0.1; done
  "$ROOT/warden" daemon status >/dev/null || "$ROOT/warden" daemon start >/dev/null
  candidate "warden exec (daemon running)" "$ROOT/warden exec -- true"
else
  echo "== warden exec: this build has no daemon-served exec; measuring it standalone" | tee -a "$OUT/sandbox-cold-machine.txt"
  candidate "warden exec" "$ROOT/warden exec -- true"
fi
# Without the -c, codex's sandbox is read-only; the value is a bare word, which codex takes as a string.
candidate "codex sandbox (npm launcher)" "$codex sandbox -c sandbox_mode=workspace-write -- true"
[ -n "$codex_native" ] && candidate "codex sandbox (native binary)" "$codex_native sandbox -c sandbox_mode=workspace-write -- true"
candidate "srt -c true" "$srt -s $tmp/srt-settings.json -c true"
candidate "bare bwrap" "$bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent /bin/true"
candidate "no sandbox" "/bin/true"

eval "hyperfine --warmup 3 --min-runs 30 -N --export-markdown \"\$OUT/sandbox-cold.md\" --export-csv \"\$OUT/sandbox-cold.csv\" \"\$@\" $HF_ARGS"
echo "load after: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/sandbox-cold-machine.txt"
ratios "$OUT/sandbox-cold.csv" "bare bwrap|codex sandbox (npm launcher)|srt -c true" | tee "$OUT/sandbox-cold-ratios.md"
