#!/usr/bin/env python3
"""Does a zero-copy relay beat a copying one on loopback? (docs/BENCHMARKS.md section 5)

Moves 1 GiB from a source through a TCP relay to a sink, all on 127.0.0.1, three ways: direct (no relay),
through a relay that copies through a 1 MiB user-space buffer (what Warden's proxy does), and through one
that moves the bytes with splice(2) through a 1 MiB pipe (nothing crosses into user space). Prints MiB/s for
each, ROUNDS times, interleaved so that load changes hit all three alike.

Usage: python3 bench/proxy/relay_splice.py [ROUNDS]   (Python 3.10+ for os.splice)
"""
import fcntl
import os
import socket
import sys
import threading
import time

F_SETPIPE_SZ = 1031
CHUNK = 1 << 20
TOTAL_CHUNKS = 1024  # 1 GiB


def listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    return server, server.getsockname()[1]


def source(server):
    zeros = bytes(CHUNK)
    while True:
        conn, _ = server.accept()
        for _ in range(TOTAL_CHUNKS):
            conn.sendall(zeros)
        conn.close()


def copy(a, b):
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    while (n := a.recv_into(buf)) > 0:
        b.sendall(view[:n])


def splice(a, b):
    r, w = os.pipe()
    fcntl.fcntl(r, F_SETPIPE_SZ, CHUNK)
    while (n := os.splice(a.fileno(), w, CHUNK)) > 0:
        while n > 0:
            n -= os.splice(r, b.fileno(), n)
    os.close(r)
    os.close(w)


def relay(server, target_port, pump):
    while True:
        client, _ = server.accept()
        upstream = socket.create_connection(("127.0.0.1", target_port))

        def one_way(a=upstream, b=client):
            pump(a, b)
            b.shutdown(socket.SHUT_WR)

        threading.Thread(target=one_way, daemon=True).start()


def sink(port):
    started = time.monotonic()
    conn = socket.create_connection(("127.0.0.1", port))
    buf = bytearray(CHUNK)
    total = 0
    while (n := conn.recv_into(buf)) > 0:
        total += n
    return total / (time.monotonic() - started) / (1 << 20)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    src, src_port = listener()
    threading.Thread(target=source, args=(src,), daemon=True).start()
    ports = {"direct": src_port}
    for name, pump in (("copying relay", copy), ("splice relay", splice)):
        server, port = listener()
        threading.Thread(target=relay, args=(server, src_port, pump), daemon=True).start()
        ports[name] = port
    for _ in range(rounds):
        print("  ".join(f"{name}: {sink(port):6.0f} MiB/s" for name, port in ports.items()), flush=True)


if __name__ == "__main__":
    main()
