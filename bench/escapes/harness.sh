# Sourced by bench/escapes-compare.sh: the ESCAPES.md setting, how each tool runs an attempt, and how a
# case turns host checks into a verdict. bash, not sh: the tools' command lines are arrays.
#
# Every (case, tool) pair gets a fresh fixture, so one tool's leftovers never decide another's result.
# An attempt is a bash script file in the fixture (outside the workspace, readable by every tool) that
# the tool runs as `bash FILE` with the workspace as working directory.

PY=/usr/bin/python3
PROBE="$ROOT/warden-sandbox/src/test/resources/escape/probe.py"
ATTEMPTS="$ROOT/bench/escapes/attempts.py"
HOSTPY="$ROOT/bench/escapes/host.py"
TOOLS="none warden-bwrap warden-landlock codex srt"

# The fixture: a git repository as workspace, a fake $HOME with secrets, a sibling directory.
FX="$WORK/fx"
HOME_FX="$FX/home"
WS="$FX/ws"
OUTSIDE="$FX/outside"
SECRET="s3cr3t-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
ENV_SECRET="envs3cr3t-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"

fixture() {
  rm -rf "$FX"
  mkdir -p "$HOME_FX/.ssh" "$HOME_FX/.aws" "$WS/sub/nested" "$WS/lib" "$OUTSIDE"
  printf '%s\n' "-----BEGIN OPENSSH PRIVATE KEY----- $SECRET" >"$HOME_FX/.ssh/id_rsa"
  printf '[default]\naws_secret_access_key=%s\n' "$SECRET" >"$HOME_FX/.aws/credentials"
  printf '# rc\n' >"$HOME_FX/.bashrc"
  printf '# profile\n' >"$HOME_FX/.profile"
  printf 'untouched\n' >"$OUTSIDE/victim.txt"
  printf 'API_KEY=%s\n' "$SECRET" >"$WS/.env"
  printf 'DB_PASSWORD=%s\n' "$SECRET" >"$WS/sub/nested/prod.env"
  printf 'hello\n' >"$WS/README.md"
  printf 'code\n' >"$WS/lib/code.txt"
  printf '# workspace rc\n' >"$WS/.bashrc"
  git -C "$WS" init -q -b main
  git -C "$WS" -c user.name=t -c user.email=t@example.com add README.md
  git -C "$WS" -c user.name=t -c user.email=t@example.com commit -q -m initial
  EXTRA_WRITABLE=""
  configure
  own "$FX"
}

# ESCAPES_AS_UID (see bench/escapes-compare.sh): the tools, the attempts and the host processes they aim
# at run as that user, and the fixture and tool homes are theirs. AS is the wrapper (empty for root).
AS=()
[ -n "${ESCAPES_AS_UID:-}" ] && AS=(setpriv "--reuid=$ESCAPES_AS_UID" "--regid=$ESCAPES_AS_UID" --clear-groups --)
own() { [ -z "${ESCAPES_AS_UID:-}" ] || chown -R "$ESCAPES_AS_UID:$ESCAPES_AS_UID" "$@"; }

# The same intent in each tool's words: workspace writable, network off, ~/.ssh, ~/.aws and **/*.env
# unreadable, plus $EXTRA_WRITABLE (case 5) writable. Each tool keeps its own built-in protections.
configure() {
  local extra_warden="" extra_srt=""
  for dir in $EXTRA_WRITABLE; do
    extra_warden="$extra_warden\"$dir\" = \"write\""$'\n'
    extra_srt="$extra_srt, \"$dir\""
  done
  # Warden and Codex share the key names (Warden follows Codex's config.toml).
  local profile
  profile=$(cat <<EOF
default_permissions = "escapes"
[permissions.escapes]
extends = ":workspace"
[permissions.escapes.filesystem]
":project_roots" = { "." = "write", "**/*.env" = "none" }
"$HOME_FX/.ssh" = "none"
"$HOME_FX/.aws" = "none"
${extra_warden}glob_scan_max_depth = 4
EOF
)
  printf 'approval_policy = "on-request"\n%s\n[network]\nmode = "off"\n' "$profile" >"$WORK/warden-home/config.toml"
  printf '%s\n' "$profile" >"$CODEX_HOME_DIR/config.toml"
  cat >"$WORK/srt.json" <<EOF
{"filesystem": {"denyRead": ["$HOME_FX/.ssh", "$HOME_FX/.aws", "**/*.env"],
                "allowWrite": ["."$extra_srt], "denyWrite": []},
 "network": {"allowedDomains": [], "deniedDomains": []}}
EOF
  own "$WORK/warden-home" "$CODEX_HOME_DIR" "$WORK/srt.json"
}

# attempt [NAME] <<'EOF' ... EOF: the script a tool will run (stdin), as $FX/NAME.sh (default attempt).
# The case's first default attempt is also what the policy column judges.
attempt() {
  local file="$FX/${1:-attempt}.sh"
  { echo 'echo ATTEMPT-STARTED'; cat; } >"$file"
  if [ "${1:-attempt}" = attempt ] && [ ! -e "$WORK/policy-input.sh" ]; then
    cp "$file" "$WORK/policy-input.sh"
  fi
  return 0
}

# The environment every tool starts with: a clean one (not this shell's), with the secrets case 23 looks for.
base_env() {
  ENVV=("${AS[@]}" env -i "PATH=${RUN_PATH:-/usr/local/bin:/usr/bin:/bin}" "HOME=$HOME_FX" LANG=C.UTF-8 "USER=$RUN_USER"
    "AWS_SECRET_ACCESS_KEY=$ENV_SECRET" "GITHUB_TOKEN=$ENV_SECRET" "SSH_AUTH_SOCK=$HOME_FX/.ssh/agent.sock")
  case $TOOL in
    warden-*) ENVV+=("JAVA_HOME=$JAVA_HOME" "WARDEN_HOME=$WORK/warden-home" "WARDEN_SYSTEM_DIR=$WORK/warden-system") ;;
    codex) ENVV+=("CODEX_HOME=$CODEX_HOME_DIR") ;;
  esac
}

# tool_argv SCRIPT: the command line that runs `bash SCRIPT` under $TOOL, in CMDV.
tool_argv() {
  case $TOOL in
    none) CMDV=(bash "$1") ;;
    warden-bwrap) CMDV=("$ROOT/warden" exec -c sandbox_backend=bwrap -- bash "$1") ;;
    warden-landlock) CMDV=("$ROOT/warden" exec -c sandbox_backend=landlock -- bash "$1") ;;
    codex) CMDV=("$CODEX" sandbox -- bash "$1") ;;
    srt) CMDV=("$SRT" -s "$WORK/srt.json" -c "bash $1") ;;
  esac
}

# run [NAME]: runs $FX/NAME.sh under $TOOL in the workspace; SEEN holds stdout+stderr. RUN_WRAP prefixes
# the whole run (case 13's control), RUN_PATH replaces PATH (case 30).
RUNS=0
run() {
  local script="$FX/${1:-attempt}.sh" log
  RUNS=$((RUNS + 1))
  log="$LOGS/$(printf '%02d' "$CASE")-$TOOL-$RUNS"
  base_env
  tool_argv "$script"
  own "$FX"
  printf '%s\n' "${CMDV[*]}" >"$log.cmd"
  (cd "$WS" && ${RUN_WRAP:-} timeout -k 5 60 "${ENVV[@]}" "${CMDV[@]}" </dev/null >"$log.out" 2>"$log.err")
  RC=$?
  echo "$RC" >"$log.rc"
  srt_leftovers
  if [ "$TOOL" = srt ] && grep -q EADDRINUSE "$log.err" && [ -z "${RETRIED:-}" ]; then
    # srt names its socket /tmp/srt-mux-PID-0.sock and leaves it behind: a later srt with the same pid
    # cannot start. Not a containment question, so once more with a new pid.
    mv "$log.err" "$log.first-try.err"
    RUNS=$((RUNS - 1))
    RETRIED=yes run "$@"
    note "srt failed to start once (EADDRINUSE on a stale /tmp/srt-mux socket) and was run again"
    return
  fi
  SEEN=$(cat "$log.out" "$log.err")
  if ! grep -q ATTEMPT-STARTED "$log.out"; then
    STARTED=no
    note "the attempt did not start (exit $RC: $(tail -n 1 "$log.err" | cut -c1-120))"
  fi
}

# srt_leftovers: srt leaves its /tmp/srt-mux-PID-0.sock behind; remove those whose process is gone.
srt_leftovers() {
  [ "$TOOL" = srt ] || return 0
  local sock pid
  for sock in /tmp/srt-mux-*-0.sock; do
    pid=${sock#/tmp/srt-mux-}
    pid=${pid%-0.sock}
    [ -e "$sock" ] && [ ! -d "/proc/$pid" ] && rm -f "$sock"
  done
  return 0
}

# run_bg NAME: like run, in the background (case 29); BG is its pid.
run_bg() {
  local script="$FX/$1.sh" log="$LOGS/$(printf '%02d' "$CASE")-$TOOL-bg"
  base_env
  tool_argv "$script"
  own "$FX"
  (cd "$WS" && exec timeout -k 5 60 "${ENVV[@]}" "${CMDV[@]}" </dev/null >"$log.out" 2>"$log.err") &
  BG=$!
}

# refusal_contains: when the tool refused to start the attempt (cases where refusing is the containment),
# the verdict is contained, with the tool's first line as the note.
refusal_contains() {
  [ "$STARTED" = no ] || return 1
  VERDICT="contained"
  NOTES="refused: $(grep -v '^$' "$LOGS/$(printf '%02d' "$CASE")-$TOOL-$RUNS.err" | head -n 1 \
    | sed "s#$FX#\$FX#g; s#$WORK#\$WORK#g; s# \[selected by .*##" | cut -c1-400)"
}

# Verdict bookkeeping for one (case, tool): each sub-attempt is held or escaped.
begin() {
  ESCAPED=""
  HELD=0
  NOTES=""
  STARTED=yes
  VERDICT=""
  ALLOW_NOT_STARTED=""
}
escaped() { ESCAPED="$ESCAPED${ESCAPED:+, }$1"; }
held() { HELD=$((HELD + 1)); }
# part NAME CONDITION...: the sub-attempt NAME escaped when the command CONDITION succeeds.
part() {
  local name=$1
  shift
  if "$@"; then escaped "$name"; else held; fi
}
note() { NOTES="$NOTES${NOTES:+; }$1"; }
has() { printf '%s' "$SEEN" | grep -q -- "$1"; }

# decide: one result line, case<TAB>tool<TAB>verdict<TAB>note.
decide() {
  local verdict
  if [ "$STARTED" = no ] && [ -z "${ALLOW_NOT_STARTED:-}" ]; then
    verdict="error"
  elif [ -n "${VERDICT:-}" ]; then
    verdict=$VERDICT
  elif [ -z "$ESCAPED" ]; then
    verdict="contained"
  elif [ "$HELD" -eq 0 ]; then
    verdict="NOT contained"
    NOTES="escaped: $ESCAPED${NOTES:+; $NOTES}"
  else
    verdict="partly"
    NOTES="escaped: $ESCAPED${NOTES:+; $NOTES}"
  fi
  printf '%s\t%s\t%s\t%s\n' "$CASE" "$TOOL" "$verdict" "$NOTES" | tee -a "$RESULTS" >&2
}

# unchanged FILE TEXT: the host file still holds TEXT (trailing newlines aside); changed is the opposite.
unchanged() { [ "$(cat "$1" 2>/dev/null)" = "$2" ]; }
changed() { ! unchanged "$@"; }
# planted PATH: something other than an empty directory exists at PATH (Warden and srt leave empty
# placeholder directories where they mask a name that did not exist).
planted() {
  [ -e "$1" ] || [ -L "$1" ] || return 1
  [ -d "$1" ] && [ -z "$(ls -A "$1")" ] && return 1
  return 0
}

# run_pty: like run, but the tool starts from a shell on a new pseudo-terminal (its controlling
# terminal), as from a user's terminal; after the tool exits that shell reads one line of input for up
# to 2 s and prints it as GOT:LINE, so keystrokes pushed into the terminal show up (case 16).
run_pty() {
  local script="$FX/attempt.sh" log inner
  RUNS=$((RUNS + 1))
  log="$LOGS/$(printf '%02d' "$CASE")-$TOOL-$RUNS"
  base_env
  tool_argv "$script"
  own "$FX"
  inner="cd $(printf '%q' "$WS") && timeout -k 5 60 $(printf '%q ' "${ENVV[@]}" "${CMDV[@]}")"
  inner="$inner; read -t 2 line; echo \"GOT:\$line\""
  printf '%s\n' "$inner" >"$log.cmd"
  "$PY" "$HOSTPY" pty "$log.out" bash -c "$inner" </dev/null 2>"$log.err"
  RC=$?
  echo "$RC" >"$log.rc"
  srt_leftovers
  SEEN=$(tr -d '\r' <"$log.out")
  grep -q ATTEMPT-STARTED "$log.out" || { STARTED=no; note "the attempt did not start (exit $RC)"; }
}

# listen SPEC...: host listeners (host.py listen) recording into $FX/hits; sets TCP_PORT/UDP_PORT.
listen() {
  : >"$WORK/hits"
  mkfifo "$WORK/ready.fifo"
  "$PY" "$HOSTPY" listen "$WORK/hits" "$@" >"$WORK/ready.fifo" &
  LISTENER=$!
  read -r ready <"$WORK/ready.fifo"
  rm -f "$WORK/ready.fifo"
  TCP_PORT=$(printf '%s' "$ready" | sed -n 's/.*tcp=\([0-9]*\).*/\1/p')
  UDP_PORT=$(printf '%s' "$ready" | sed -n 's/.* udp=\([0-9]*\).*/\1/p')
}
unlisten() {
  sleep 0.3
  kill "$LISTENER" 2>/dev/null
  wait "$LISTENER" 2>/dev/null
  HITS=$(cat "$WORK/hits")
}
hit() { printf '%s' "$HITS" | grep -q -- "HIT $1"; }
