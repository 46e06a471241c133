#!/usr/bin/env python3
"""Hook decision latency through a running `warden daemon`, as a client that keeps no JVM of its own sees it.

usage: hook_latency.py WARDEN_HOME PAYLOAD_FILE [N]

Measures N decisions each way, after 200 warm-up calls:
  unix socket, one connection per decision      (what `warden hook claude-code` does)
  unix socket, one connection for all decisions
  HTTP POST /hooks/claude-code, keep-alive      (what Claude Code's `type: "http"` hook does)
and prints p50 / p90 / p99 / max in milliseconds as a markdown table.
"""
import http.client
import json
import os
import socket
import statistics
import sys
import time


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def socket_call(sock_file, request):
    sock_file.write(request)
    sock_file.flush()
    line = sock_file.readline()
    if not line:
        raise SystemExit("daemon closed the socket")
    return json.loads(line)


def main():
    home, payload_file = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    payload = open(payload_file, encoding="utf-8").read()
    info = json.load(open(os.path.join(home, "daemon.json"), encoding="utf-8"))
    socket_path = os.path.join(home, "run", "daemon.sock")
    request = (json.dumps({"op": "hook", "agent": "claude-code", "payload": payload}) + "\n").encode()

    def fresh_connection():
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(socket_path)
        f = s.makefile("rwb")
        answer = socket_call(f, request)
        f.close()
        s.close()
        return answer

    kept = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    kept.connect(socket_path)
    kept_file = kept.makefile("rwb")

    host, port = info["url"].removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port))
    headers = {"Authorization": "Bearer " + info["token"], "Content-Type": "application/json"}

    def over_http():
        conn.request("POST", "/hooks/claude-code", body=payload.encode(), headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit("HTTP %d: %s" % (response.status, body))
        return body

    ways = [
        ("unix socket, new connection per decision", fresh_connection),
        ("unix socket, one connection", lambda: socket_call(kept_file, request)),
        ("HTTP keep-alive, POST /hooks/claude-code", over_http),
    ]
    print("| way | n | p50 ms | p90 ms | p99 ms | max ms | mean ms |")
    print("|---|---|---|---|---|---|---|")
    for name, call in ways:
        for _ in range(200):
            call()
        samples = []
        for _ in range(n):
            started = time.perf_counter_ns()
            call()
            samples.append((time.perf_counter_ns() - started) / 1e6)
        print("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |" % (
            name, n, percentile(samples, 50), percentile(samples, 90), percentile(samples, 99), max(samples),
            statistics.fmean(samples)))


if __name__ == "__main__":
    main()
