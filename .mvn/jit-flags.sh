# Sourced by ./warden: the JIT flags for the command about to run, printed by warden_jit_flags ARGS...
# C1 only (-XX:TieredStopAtLevel=1) for a one-shot command: it is over before the optimising compiler (C2)
# would pay for its compile threads. The long-lived ones (the daemon, the MCP server, an agent's session with
# its proxy) decide and relay for hours, where C2's code makes about twice the policy decisions per CPU-second
# (docs/BENCHMARKS.md section 1): they get it. The command is the first word that is not an option or the
# value of one (--profile, -c and --cwd take one).
warden_jit_flags() {
  skip_value=no
  for arg in "$@"; do
    if [ "$skip_value" = yes ]; then skip_value=no; continue; fi
    case $arg in
      --profile|-c|--cwd) skip_value=yes ;;
      -*) ;;
      daemon|mcp|run) return 0 ;;
      *) break ;;
    esac
  done
  echo "-XX:TieredStopAtLevel=1"
}
