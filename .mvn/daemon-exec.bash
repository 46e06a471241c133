# `warden exec -- CMD...` through a running daemon's exec door (docs/DAEMON.md). The launcher runs it as
#
#   bash daemon-exec.bash LAUNCHER BUILD DOOR SHLVL exec -- CMD...
#
# LAUNCHER is run as `LAUNCHER exec --no-daemon -- CMD...` whenever the daemon does not serve the command (another
# build, no daemon, a verdict other than allow, a sandbox it does not hand off): nothing is recorded until the
# daemon answers `run`, so the standalone command decides and records everything itself. BUILD is the build the
# launcher would run, DOOR the door file, SHLVL the caller's SHLVL prefixed with x (empty: it was unset), so the
# environment sent is the caller's and not this bash's.
#
# The daemon decides, records and prepares the sandbox; this script starts it, as the standalone command's shell
# trampoline (ShellLaunch) does, on the caller's own stdin, stdout and stderr, and tells the daemon bwrap's pid,
# the signals it receives and bwrap's exit; the daemon tears the sandbox down and answers with the status to exit with.
launcher=$1 build=$2 door=$3 shlvl=$4
shift 4
if [ "${1-}" != exec ] || [ "${2-}" != -- ] || [ $# -lt 3 ]; then
  echo "warden: daemon-exec.bash: expected exec -- CMD..." >&2
  exit 2
fi
shift 2

standalone() {
  exec 3>&-
  trap - PIPE
  exec "$launcher" exec --no-daemon -- "$@"
}

field() { IFS= read -r -d '' "$1" <&3; }

IFS=' ' read -r port token daemon_token door_build _ <"$door" 2>/dev/null || standalone "$@"
[ -n "$build" ] && [ "$door_build" = "$build" ] || standalone "$@"
case $port in '' | *[!0-9]*) standalone "$@" ;; esac
# The physical directory, as the JVM's getcwd would give it.
cd -P . 2>/dev/null || standalone "$@"
if [ -n "$shlvl" ]; then export SHLVL="${shlvl#x}"; else unset SHLVL; fi
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || standalone "$@"
# A daemon that closes the connection (stopped, or it refused the request) must not kill this script with
# SIGPIPE: a failed write falls back instead. Restored before bwrap or the launcher is executed.
trap '' PIPE

# The daemon speaks first and proves it is this daemon (its token from the same 0600 file): nothing, the environment
# least of all, goes to whatever holds the port after a daemon that died without removing its door file.
if ! IFS= read -r -t 5 -d '' hello <&3 || [ "$hello" != warden-exec-1 ] \
  || ! IFS= read -r -t 5 -d '' proof <&3 || [ "$proof" != "$daemon_token" ] || [ -z "$daemon_token" ]; then
  standalone "$@"
fi

{
  printf '%s\0' warden-exec-1 "$token" "$PWD" "$#" "$@"
  env -0 -u _
  printf '\0'
} >&3 2>/dev/null || standalone "$@"

while field verb; do
  case $verb in
    say)
      field text && printf '%s\n' "$text" >&2 ;;
    fallback)
      field why
      standalone "$@" ;;
    exit)
      field status
      exit "$status" ;;
    run)
      field bwrap && field setsid && field filter && field options && field procs || break
      (
        # Nothing of this shell but stdin, stdout and stderr reaches bwrap: not the daemon's connection, not a
        # descriptor the caller left open (a directory fd would reach around the sandbox's mounts).
        # (No redirection on the loop: bash would keep a copy of stderr for it, and the loop would close that.)
        for fd in /proc/self/fd/*; do
          fd=${fd##*/}
          case $fd in 0 | 1 | 2) ;; *) [ -e "/proc/self/fd/$fd" ] && exec {fd}>&- ;; esac
        done
        if [ -n "$procs" ] && ! { echo "$BASHPID" >"$procs"; } 2>/dev/null; then
          echo "warden: cannot enter the pids cgroup ($procs); the command did not run" >&2
          exit 125
        fi
        trap - PIPE
        cd / && exec -c "$setsid" -- "$bwrap" --args 4 -- "$@" 3<"$filter" 4<"$options"
      ) 0<&0 &
      child=$!
      printf 'pid\0%s\0' "$child" >&3
      trap 'printf "signal\0%s\0" 1 >&3' HUP
      trap 'printf "signal\0%s\0" 2 >&3' INT
      trap 'printf "signal\0%s\0" 15 >&3' TERM
      while :; do
        wait "$child"
        ran=$?
        kill -0 "$child" 2>/dev/null || break
      done
      trap - HUP INT TERM
      printf 'exit\0%s\0' "$ran" >&3 2>/dev/null
      # The daemon answers `exit` once the sandbox is torn down (after any `say` it had for the command, such as the
      # sandbox's warnings); without an answer, bwrap's own status stands.
      while field verb; do
        case $verb in
          say) field text && printf '%s\n' "$text" >&2 ;;
          exit) field status && exit "$status" ;;
          *) break ;;
        esac
      done
      echo "warden: the daemon went away before it recorded the end of this command" >&2
      exit "$ran" ;;
    *)
      break ;;
  esac
done
echo "warden: the daemon's exec door answered nothing usable; deciding standalone" >&2
standalone "$@"
