#!/bin/sh
# Diagnostic for the warm-spawn figure: what each group of the options Warden passes to bubblewrap adds
# to a bare `bwrap ... /bin/true`, in one hyperfine run. The workspace is a temporary git checkout
# outside /tmp with a .env file and a ~/.ssh, as in SandboxSpawnBench; no seccomp filter (it needs an
# inherited descriptor; SandboxSpawnBench's bwrapWardenMounts vs wardenBwrap covers it).
# Usage: bench/bwrap-options.sh [extra hyperfine options]
set -eu
. "$(dirname "$0")/common.sh"
need_debian hyperfine:hyperfine bwrap:bubblewrap
root=$(mktemp -d /var/tmp/warden-bench-bwrap.XXXXXX)
trap 'rm -rf "$root"' EXIT
ws="$root/ws"
mkdir -p "$ws/.git" "$root/home/.ssh"
echo "API_KEY=not-a-real-key" >"$ws/.env"
bare="bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent"
ns="--unshare-user --disable-userns --cap-drop ALL"
session="--new-session"
tmpfs="--tmpfs /tmp --tmpfs /run"
mounts="--bind $ws $ws --ro-bind $ws/.git $ws/.git --tmpfs $ws/.warden --remount-ro $ws/.warden"
mounts="$mounts --tmpfs $root/home/.ssh --remount-ro $root/home/.ssh --ro-bind /dev/null $ws/.env"
env="--chdir $ws --clearenv --setenv PATH /usr/bin:/bin --setenv TMPDIR /tmp --setenv WARDEN_SANDBOX 1"
wait_quiet
machine | tee "$OUT/bwrap-options-machine.txt"
hyperfine --warmup 5 --min-runs 100 -N --export-markdown "$OUT/bwrap-options.md" "$@" \
  -n "bare" "$bare /bin/true" \
  -n "+ user ns, --disable-userns, --cap-drop ALL" "$bare $ns /bin/true" \
  -n "+ --new-session" "$bare $session /bin/true" \
  -n "+ tmpfs on /tmp and /run" "$bare $tmpfs /bin/true" \
  -n "+ workspace binds and masks" "$bare $tmpfs $mounts /bin/true" \
  -n "+ chdir and environment" "$bare $env /bin/true" \
  -n "all of Warden's options (no seccomp)" "$bare $ns $session $tmpfs $mounts $env /bin/true"
echo "load after: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/bwrap-options-machine.txt"
cat "$OUT/bwrap-options.md"
