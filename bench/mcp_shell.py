#!/usr/bin/env python3
"""MCP `shell` call latency against a running `warden mcp`, next to the bare sandboxed spawn it wraps.

usage: mcp_shell.py WARDEN_COMMAND PROJECT_DIR BWRAP [N]

Starts WARDEN_COMMAND mcp in PROJECT_DIR over stdio, initializes it as an MCP client does, then times N
`tools/call shell {"argv": ["true"]}` round trips (after 30 warm-up calls), one at a time. In the same run
it times N spawns of `bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent /bin/true`
from this process (the bare sandboxed spawn, no policy, no audit). Prints a markdown table of p50 / p90 /
p99 / max in milliseconds and the MCP call's overhead over the bare spawn at p50 and p99.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


class Client:
    def __init__(self, argv, cwd):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, message):
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("warden mcp closed its output")
            message = json.loads(line)
            if message.get("id") == self.next_id and ("result" in message or "error" in message):
                if "error" in message:
                    raise SystemExit("warden mcp answered an error: %s" % message["error"])
                return message["result"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def main():
    warden, project, bwrap = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    client = Client([warden, "mcp"], project)
    client.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                  "clientInfo": {"name": "warden-bench", "version": "1"}})
    client.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    call = {"name": "shell", "arguments": {"argv": ["true"]}}
    first = client.request("tools/call", call)
    if first.get("isError"):
        raise SystemExit("the shell tool refused `true`: %s" % json.dumps(first))
    for _ in range(30):
        client.request("tools/call", call)
    mcp = []
    for _ in range(n):
        start = time.perf_counter()
        result = client.request("tools/call", call)
        mcp.append((time.perf_counter() - start) * 1000)
        if result.get("isError"):
            raise SystemExit("a shell call failed: %s" % json.dumps(result))
    client.close()

    bare_argv = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all",
                 "--die-with-parent", "/bin/true"]
    for _ in range(30):
        subprocess.run(bare_argv, check=True)
    bare = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(bare_argv, check=True)
        bare.append((time.perf_counter() - start) * 1000)

    print("| way | n | p50 ms | p90 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, samples in (("MCP tools/call shell [\"true\"] (warden mcp, stdio)", mcp),
                          ("bare bwrap /bin/true spawned from the client", bare)):
        print("| %s | %d | %.2f | %.2f | %.2f | %.2f |" % (name, len(samples), statistics.median(samples),
              percentile(samples, 90), percentile(samples, 99), max(samples)))
    print()
    print("MCP shell overhead over the bare sandboxed spawn: p50 +%.2f ms, p99 +%.2f ms"
          % (statistics.median(mcp) - statistics.median(bare), percentile(mcp, 99) - percentile(bare, 99)))


if __name__ == "__main__":
    main()
