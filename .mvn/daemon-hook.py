# `warden hook claude-code` through a running daemon (docs/DAEMON.md, "The hook client"). The launcher runs it as
#
#   python3 -I -S daemon-hook.py SOCKET LAUNCHER
#
# when a daemon's socket is there and python3 is: Claude Code runs the hook for every tool call, and a python start
# costs a tenth of a JVM's. The payload (stdin) goes to the daemon in its line protocol; its answer (stdout, stderr,
# exit status) is printed exactly as `warden hook claude-code` would print it. When the daemon cannot answer (gone,
# a stale socket, a refusal), the payload goes to `LAUNCHER hook claude-code` in a JVM instead
# (WARDEN_DAEMON_HOOK_FALLBACK=1 keeps the launcher from sending it back here), which asks a live daemon itself or
# decides, and starts a daemon when none runs. Only _socket, json and os are imported on the common path.
import sys


def fail(reason):
    # Claude Code treats a crash, a timeout or exit 1 as "proceed": every failure blocks, with the reason.
    sys.stderr.buffer.write(("warden: " + reason + "\n").encode("utf-8", "replace"))
    sys.stderr.flush()
    sys.exit(2)


def blocking(status):
    # Only 0 and 2 mean something to Claude Code here; a JVM that crashed (1, 134) or anything else would be read
    # as "proceed", so every status but 0 becomes 2.
    return 0 if status == 0 else 2


def standalone(launcher, payload):
    import os
    import subprocess

    environment = dict(os.environ, WARDEN_DAEMON_HOOK_FALLBACK="1")
    try:
        done = subprocess.run([launcher, "hook", "claude-code"], input=payload, env=environment)
    except OSError as e:
        fail("cannot run " + launcher + " (" + (e.strerror or type(e).__name__) + "); blocking this call")
    sys.exit(blocking(done.returncode))


def ask_daemon(path, payload):
    """The daemon's (exit, stdout, stderr), or None when it cannot answer."""
    import _socket
    import json
    import os

    request = {"op": "hook", "agent": "claude-code", "payload": payload.decode("utf-8", "replace")}
    session = os.environ.get("WARDEN_SESSION")
    if session:
        request["warden_session"] = session
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    connection.settimeout(30)
    answer = bytearray()
    try:
        connection.connect(path)
        connection.sendall((json.dumps(request) + "\n").encode("utf-8"))
        while not answer.endswith(b"\n"):
            chunk = connection.recv(65536)
            if not chunk:
                return None
            answer += chunk
    except OSError:
        return None
    finally:
        connection.close()
    try:
        response = json.loads(answer.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(response, dict) or "error" in response:
        return None
    status, out, err = response.get("exit"), response.get("stdout"), response.get("stderr")
    if not isinstance(status, int) or not isinstance(out, str) or not isinstance(err, str):
        return None
    return status, out, err


def main():
    if len(sys.argv) != 3:
        fail("daemon-hook.py: usage: daemon-hook.py SOCKET LAUNCHER")
    path, launcher = sys.argv[1], sys.argv[2]
    payload = sys.stdin.buffer.read()
    answered = ask_daemon(path, payload)
    if answered is None:
        standalone(launcher, payload)
    status, out, err = answered
    # Bytes, not text: the caller's locale may not be UTF-8, the answer always is.
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    sys.stderr.buffer.write(err.encode("utf-8"))
    sys.stderr.flush()
    sys.exit(blocking(status))


try:
    main()
except SystemExit:
    raise
except BaseException as e:
    fail("hook client failed (" + type(e).__name__ + ": " + str(e) + "); blocking this call")
