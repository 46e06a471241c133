# Warden's hook client for `warden run -- claude` (docs/HOOKS.md, "Under warden run").
# Claude Code runs it for every hook event, inside the sandbox: it sends the hook payload (stdin) to the hook
# server of the `warden run` process over the unix socket named by argv[1], in the daemon's line protocol
# (docs/DAEMON.md), then prints the server's stdout and stderr and exits with its status.
# Claude Code treats a crash, a timeout or exit 1 as "proceed", so every failure here exits 2 (blocking) with
# the reason on stderr. Only _socket and json are imported: Python's start is on the path of every tool call.
import sys


def fail(reason):
    sys.stderr.buffer.write(("warden: " + reason + "\n").encode("utf-8", "replace"))
    sys.stderr.flush()
    sys.exit(2)


def main():
    import _socket
    import json
    import os

    if len(sys.argv) != 2:
        fail("hook client: usage: claude-hook.py SOCKET")
    path = sys.argv[1]
    payload = sys.stdin.buffer.read()
    request = {"op": "hook", "agent": "claude-code", "payload": payload.decode("utf-8", "replace")}
    session = os.environ.get("WARDEN_SESSION")
    if session:
        request["warden_session"] = session
    try:
        connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except OSError as e:
        fail("cannot create a unix socket to reach Warden's hook server (" + e.strerror + "); the sandbox refuses"
             " them, so Warden cannot judge this call and blocks it")
    connection.settimeout(50)  # under the handler's 60 s timeout, so the reason is ours, not a silent "proceed"
    try:
        connection.connect(path)
        connection.sendall((json.dumps(request) + "\n").encode("utf-8"))
        answer = bytearray()
        while not answer.endswith(b"\n"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    except OSError as e:
        fail("cannot reach Warden's hook server at " + path + " (" + (e.strerror or type(e).__name__)
             + "); is `warden run` still running? Blocking this call")
    finally:
        connection.close()
    try:
        response = json.loads(answer.decode("utf-8"))
    except ValueError:
        fail("Warden's hook server answered something that is not JSON; blocking this call")
    if not isinstance(response, dict):
        fail("Warden's hook server answered something that is not a JSON object; blocking this call")
    if "error" in response:
        fail("Warden's hook server refused the request: " + str(response["error"]))
    status, out, err = response.get("exit"), response.get("stdout"), response.get("stderr")
    if not isinstance(status, int) or not isinstance(out, str) or not isinstance(err, str):
        fail("Warden's hook server answered without exit, stdout and stderr; blocking this call")
    # Bytes, not text: the sandbox's locale may not be UTF-8, the answer always is.
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    sys.stderr.buffer.write(err.encode("utf-8"))
    sys.stderr.flush()
    # Only 0 and 2 mean something to Claude Code here; anything else would be read as "proceed".
    sys.exit(0 if status == 0 else 2)


try:
    main()
except SystemExit:
    raise
except BaseException as e:
    fail("hook client failed (" + type(e).__name__ + ": " + str(e) + "); blocking this call")
