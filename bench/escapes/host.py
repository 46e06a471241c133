# Host-side instruments for bench/escapes-compare.sh. They run OUTSIDE every sandbox.
#   listen LOG SPEC...   listeners that record every byte that reaches them (the "server saw nothing" check)
#                        SPEC: tcp | udp | udp53 | unix:PATH | abstract:NAME; prints "ready tcp=PORT udp=PORT"
#                        once all are bound, then serves until killed (and at most 300 s)
#   pty LOG CMD...       runs CMD on a new pseudo-terminal as its controlling terminal, copies what it
#                        prints to LOG; the caller's stdin never reaches it (so nothing but the command
#                        itself can put input in the terminal's queue)
#   stat PATH            mode, mtime (ns) and user xattrs of PATH, one line, to compare before and after
import os, select, socket, sys, time


def listen(log, specs):
    socks = {}
    ready = []
    for spec in specs:
        if spec == "tcp":
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen(16)
            ready.append("tcp=%d" % s.getsockname()[1])
        elif spec in ("udp", "udp53"):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", 53 if spec == "udp53" else 0))
            ready.append("%s=%d" % (spec, s.getsockname()[1]))
        elif spec.startswith("unix:"):
            path = spec[5:]
            if os.path.exists(path):
                os.unlink(path)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            os.chmod(path, 0o777)  # connectable by the (possibly non-root) user the attempts run as
            s.listen(16)
        elif spec.startswith("abstract:"):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind("\0" + spec[9:])
            s.listen(16)
        else:
            sys.exit("unknown listener " + spec)
        socks[s] = spec
    print("ready " + " ".join(ready), flush=True)
    conns = {}
    deadline = time.time() + 300
    with open(log, "a") as out:
        while time.time() < deadline:
            r, _, _ = select.select(list(socks) + list(conns), [], [], 1)
            for s in r:
                if s in socks and s.type == socket.SOCK_DGRAM:
                    data, _ = s.recvfrom(4096)
                    out.write("HIT %s datagram %r\n" % (socks[s], data[:64]))
                elif s in socks:
                    c, _ = s.accept()
                    conns[c] = socks[s]
                    out.write("HIT %s connection\n" % socks[s])
                else:
                    data = s.recv(4096)
                    if data:
                        out.write("HIT %s data %r\n" % (conns[s], data[:64]))
                    else:
                        del conns[s]
                        s.close()
                out.flush()


def pty_run(log, argv):
    import pty
    pid, master = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    with open(log, "wb") as out:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: every holder of the slave is gone
                break
            if not data:
                break
            out.write(data)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))


def stat(path):
    st = os.lstat(path)
    attrs = sorted((name, os.getxattr(path, name)) for name in os.listxattr(path))
    print("mode=%o mtime=%d xattrs=%r" % (st.st_mode, st.st_mtime_ns, attrs))


if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    if what == "listen":
        listen(args[0], args[1:])
    elif what == "pty":
        pty_run(args[0], args[1:])
    elif what == "stat":
        stat(args[0])
    else:
        sys.exit("unknown command " + what)
