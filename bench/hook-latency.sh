#!/bin/sh
# Claude Code hook decision latency, side by side in one run:
#   through a running `warden daemon`: unix socket and HTTP, timed by bench/hook_latency.py (no process start)
#   whole processes (hyperfine): `warden hook claude-code` with the daemon running (JVM start + socket),
#   the same standalone (no daemon: JVM start + configuration load + audit store), and
#   `codex execpolicy check --rules R npm test`, codex from the npm registry into a temporary folder.
# The payload is a PreToolUse for Bash `npm test`; both sides load bench/jmh/.../default.rules.
# Usage: bench/hook-latency.sh [N decisions per daemon way, default 2000]
set -eu
. "$(dirname "$0")/common.sh"
need_debian hyperfine:hyperfine npm:npm python3:python3
cd "$ROOT"
warm_launcher
n=${1:-2000}

tmp=$(npm_tmp @openai/codex)
codex_home=$(mktemp -d /var/tmp/warden-bench-codex-home.XXXXXX)
rules="$ROOT/bench/jmh/src/main/resources/dev/warden/bench/default.rules"
mkdir -p "$tmp/warden-home/rules" "$tmp/system" "$tmp/project/.git"
cp "$rules" "$tmp/warden-home/rules/default.rules"
export WARDEN_HOME="$tmp/warden-home" WARDEN_SYSTEM_DIR="$tmp/system" CODEX_HOME="$codex_home"
trap './warden daemon stop >/dev/null 2>&1 || true; rm -rf "$tmp" "$codex_home"' EXIT
payload="$tmp/payload.json"
printf '{"session_id":"bench","cwd":"%s","hook_event_name":"PreToolUse","permission_mode":"default","tool_name":"Bash","tool_input":{"command":"npm test"},"tool_use_id":"toolu_bench"}\n' \
  "$tmp/project" > "$payload"
codex="$tmp/node_modules/.bin/codex"

wait_quiet
machine | tee "$OUT/hook-latency-machine.txt"
./warden daemon start
python3 "$ROOT/bench/hook_latency.py" "$WARDEN_HOME" "$payload" "$n" | tee "$OUT/hook-latency-daemon.md"
# Through the shell (hyperfine subtracts its start-up), so stdin can come from the payload file.
hyperfine --warmup 3 --runs 30 --export-markdown "$OUT/hook-latency-process.md" \
  -n "warden hook claude-code (daemon)" "$ROOT/warden hook claude-code < $payload" \
  -n "codex execpolicy check" "$codex execpolicy check --rules $rules npm test"
./warden daemon stop
hyperfine --warmup 3 --runs 20 --export-markdown "$OUT/hook-latency-standalone.md" \
  -n "warden hook claude-code (standalone)" "$ROOT/warden hook claude-code < $payload"
machine | sed 's/^/after: /' | tee -a "$OUT/hook-latency-machine.txt"
