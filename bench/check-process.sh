#!/bin/sh
# Whole-process time of one policy decision, side by side in one hyperfine run:
#   ./warden check -- git status            (the launcher: JDK 25 with its AOT cache)
#   java <launcher flags + AOT cache> -jar    (the same JVM without the launcher script: what the script costs)
#   java <launcher flags> -jar warden-cli.jar (the same JVM without the AOT cache: what the cache buys)
#   java -jar warden-cli.jar                 (JVM defaults, no cache)
#   ./warden --version                       (the launcher and command-line parsing, no configuration or rules loaded)
#   java <launcher flags> -version           (the floor: a JVM that starts and exits, no Warden code)
#   codex execpolicy check --rules R git status, codex from the npm registry into a temporary folder
# Both sides load the same rules file (bench/jmh/src/main/resources/dev/warden/bench/default.rules).
# Usage: bench/check-process.sh [extra hyperfine options]
set -eu
. "$(dirname "$0")/common.sh"
need_debian hyperfine:hyperfine npm:npm
cd "$ROOT"
warm_launcher

tmp=$(npm_tmp @openai/codex)
# Codex refuses to create its helper aliases under the temporary directory; a user's ~/.codex is not
# there, so give it a home outside /tmp to measure what users run.
codex_home=$(mktemp -d /var/tmp/warden-bench-codex-home.XXXXXX)
trap 'rm -rf "$tmp" "$codex_home"' EXIT
rules="$ROOT/bench/jmh/src/main/resources/dev/warden/bench/default.rules"
mkdir -p "$tmp/warden-home/rules" "$tmp/system" "$tmp/project/.git"
cp "$rules" "$tmp/warden-home/rules/default.rules"
export WARDEN_HOME="$tmp/warden-home" WARDEN_SYSTEM_DIR="$tmp/system" CODEX_HOME="$codex_home"
cd "$tmp/project"

codex="$tmp/node_modules/.bin/codex"
# What the npm launcher (node) starts; timed too, to show what node adds.
codex_native=$(find "$tmp/node_modules/@openai" -path '*/vendor/*/bin/codex' -type f | head -n 1)
jar="$ROOT/warden-cli/target/warden-cli.jar"
# The launcher's own flags, read from it so the comparison follows the launcher when it changes.
flags=$(sed -n 's/^JVM_FLAGS="\(.*\)"$/\1/p' "$ROOT/warden")
aot="$ROOT/warden-cli/target/warden.aot"
java="$JAVA_HOME/bin/java"

wait_quiet
machine | tee "$OUT/check-process-machine.txt"
echo "codex: $("$codex" --version 2>&1 | head -n 1) (npm @openai/codex, $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$tmp/node_modules/@openai/codex/package.json"))" \
  | tee -a "$OUT/check-process-machine.txt"
echo "== the decisions being timed (each must say allow)"
"$ROOT/warden" check -- git status
"$codex" execpolicy check --rules "$rules" git status || true
echo

candidate "warden check (launcher with AOT cache)" "$ROOT/warden check -- git status"
candidate "java -jar with AOT cache (no launcher script)" "$java $flags -XX:AOTCache=$aot -Xlog:aot=off -Xlog:cds=off -jar $jar check -- git status"
candidate "java -jar without AOT cache" "$java $flags -jar $jar check -- git status"
candidate "java -jar with JVM defaults" "$java -jar $jar check -- git status"
candidate "warden --version (launcher with AOT cache)" "$ROOT/warden --version"
candidate "java -version (JVM floor)" "$java $flags -version"
candidate "codex execpolicy check (npm launcher)" "$codex execpolicy check --rules $rules git status"
[ -n "$codex_native" ] && candidate "codex execpolicy check (native binary)" "$codex_native execpolicy check --rules $rules git status"

eval "hyperfine --warmup 3 --min-runs 30 -N --export-markdown \"\$OUT/check-process.md\" --export-csv \"\$OUT/check-process.csv\" \"\$@\" $HF_ARGS"
echo "load after: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/check-process-machine.txt"
ratios "$OUT/check-process.csv" "codex execpolicy check (npm launcher)|codex execpolicy check (native binary)" \
  | tee "$OUT/check-process-ratios.md"
