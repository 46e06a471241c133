#!/bin/sh
# MCP `shell` call overhead over a bare sandboxed spawn, in one run (bench/mcp_shell.py):
#   `warden mcp` over stdio, N tools/call shell ["true"] round trips (policy, audit, sandbox spawn, result), and
#   bare `bwrap ... /bin/true` spawned N times by the same client process.
# Usage: bench/mcp-shell.sh [N calls each way, default 300]
set -eu
. "$(dirname "$0")/common.sh"
need_debian python3:python3 bwrap:bubblewrap
cd "$ROOT"
warm_launcher
n=${1:-300}

tmp=$(mktemp -d)
mkdir -p "$tmp/warden-home" "$tmp/system" "$tmp/project/.git"
export WARDEN_HOME="$tmp/warden-home" WARDEN_SYSTEM_DIR="$tmp/system"
trap 'rm -rf "$tmp"' EXIT

wait_quiet
machine | tee "$OUT/mcp-shell-machine.txt"
python3 "$ROOT/bench/mcp_shell.py" "$ROOT/warden" "$tmp/project" "$(command -v bwrap)" "$n" | tee "$OUT/mcp-shell.md"
machine | sed 's/^/after: /' | tee -a "$OUT/mcp-shell-machine.txt"
