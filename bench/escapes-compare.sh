#!/usr/bin/env bash
# The escape attempts of ESCAPES.md side by side: each case as a shell attempt, run unconfined (the
# control: proves the attempt works when nothing stops it) and under
#   ./warden exec -c sandbox_backend=bwrap     ./warden exec -c sandbox_backend=landlock
#   codex sandbox                              (npm @openai/codex)
#   srt -s settings.json -c                    (npm @anthropic-ai/sandbox-runtime)
# with equivalent settings (workspace writable, network off, ~/.ssh, ~/.aws and **/*.env unreadable),
# then checks the host: files unchanged, nothing created, listeners saw nothing, secrets not printed.
#
# Warden's policy engine would refuse many of these before any sandbox starts (approvals are not wired
# into exec yet, so `ask` refuses); this table is about the kernel boundary. Each attempt is therefore a
# script file that Warden runs as `bash FILE`: the engine does not read files, judges `bash FILE` as an
# unknown command, and under approval_policy = "on-request" runs it in the sandbox, which is exactly
# what an agent that writes a script first gets. What the engine says about the same script inline
# (`bash -c '...'`) is its own column.
#
# Output: target/bench/escapes-compare.md (the table), target/bench/escapes-compare/ (every run's command,
# stdout, stderr and exit status; results.tsv); with ESCAPES_AS_UID=N, escapes-compare-as-uidN.
# Usage: bench/escapes-compare.sh [CASE...]      (default: every case a shell can express)
#        ESCAPES_NPM_DIR=DIR reuses an npm folder that already holds both tools
#        ESCAPES_AS_UID=N (when started as root) runs the tools, the attempts and the host processes they
#        aim at as user N (e.g. 65534, nobody), as on a developer's machine; srt's README asks for that
#        (a root caller's command keeps capabilities in srt's nested user namespace)
set -u
. "$(dirname "$0")/common.sh"
# srt on Linux refuses to start without bwrap and socat, and searches with ripgrep.
need_debian npm:npm bwrap:bubblewrap socat:socat rg:ripgrep unshare:util-linux python3:python3
cd "$ROOT"
warm_launcher

# ESCAPES_NPM_DIR: a folder where both packages are already installed (kept); else a fresh temporary one.
tmp=${ESCAPES_NPM_DIR:-$(npm_tmp @openai/codex @anthropic-ai/sandbox-runtime)}
# Not under /tmp: Warden gives every command a private /tmp and codex makes /tmp writable, so fixtures
# there would be hidden or writable for the wrong reason. Codex also wants its home outside /tmp.
WORK=$(mktemp -d /var/tmp/warden-escapes.XXXXXX)
trap 'rm -rf "$WORK"; [ -n "${ESCAPES_NPM_DIR:-}" ] || rm -rf "$tmp"' EXIT
CODEX="$tmp/node_modules/.bin/codex"
SRT="$tmp/node_modules/.bin/srt"
CODEX_HOME_DIR="$WORK/codex-home"
chmod 755 "$WORK" "$tmp"
RUN_USER=$(id -un "${ESCAPES_AS_UID:-$(id -u)}" 2>/dev/null || echo "${ESCAPES_AS_UID:-$(id -u)}")
mkdir -p "$WORK/warden-home" "$WORK/warden-system" "$CODEX_HOME_DIR" "$WORK/no-bwrap-bin"
for f in /usr/local/bin/* /usr/bin/*; do
  [ "${f##*/}" = bwrap ] || [ -e "$WORK/no-bwrap-bin/${f##*/}" ] || ln -s "$f" "$WORK/no-bwrap-bin/${f##*/}"
done
NAME=escapes-compare${ESCAPES_AS_UID:+-as-uid$ESCAPES_AS_UID}
LOGS="$OUT/$NAME"
rm -rf "$LOGS"
mkdir -p "$LOGS"
RESULTS="$LOGS/results.tsv"
POLICY="$LOGS/policy.tsv"
: >"$RESULTS"
: >"$POLICY"

. "$ROOT/bench/escapes/harness.sh"
. "$ROOT/bench/escapes/cases-fs.sh"
. "$ROOT/bench/escapes/cases-proc.sh"

{
  machine
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  tools and attempts run as: $RUN_USER (uid ${ESCAPES_AS_UID:-$(id -u)})"
  echo "warden: $("$ROOT/warden" --version 2>&1 | head -n 1) ($(git -C "$ROOT" rev-parse --short HEAD))"
  echo "codex: $("$CODEX" --version 2>&1 | head -n 1) (npm @openai/codex)"
  echo "srt: $("$SRT" --version 2>&1 | head -n 1) (npm @anthropic-ai/sandbox-runtime)"
  echo "bwrap: $(bwrap --version 2>&1 | head -n 1)"
  echo "landlock: ABI $(WARDEN_HOME="$WORK/warden-home" WARDEN_SYSTEM_DIR="$WORK/warden-system" "$ROOT/warden" doctor --json \
    2>/dev/null | sed -n 's/.*"landlock_abi": \([0-9]*\).*/\1/p' | head -n 1)"
} | tee "$LOGS/machine.txt"

# policy_check: what Warden's policy engine says about the case's attempt written inline, as an agent
# would usually send it (`bash -c 'SCRIPT'`), under the same configuration.
policy_check() {
  local script verdict
  script=$(tail -n +2 "$WORK/policy-input.sh")
  TOOL=warden-bwrap
  base_env
  verdict=$(cd "$WS" && "${ENVV[@]}" "$ROOT/warden" check -- bash -c "$script" 2>&1 | head -n 1)
  printf '%s\t%s\n' "$CASE" "$verdict" | tee -a "$POLICY" >&2
}

CASES=${*:-1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 25 26 27 28 29 30}
for c in $CASES; do
  CASE=$c
  fn="case_$(printf '%02d' "$c")"
  title="title_$(printf '%02d' "$c")"
  printf '%s\t%s\n' "$CASE" "${!title}" >>"$LOGS/titles.tsv"
  rm -f "$WORK/policy-input.sh"
  for TOOL in $TOOLS; do
    RUNS=0
    fixture
    begin
    "$fn"
    decide
  done
  policy_check
done

. "$ROOT/bench/escapes/report.sh"
report >"$OUT/$NAME.md"
echo "table: $OUT/$NAME.md; logs: $LOGS" >&2
