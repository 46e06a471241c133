package dev.warden.sandbox.bwrap;

import dev.warden.sandbox.ProxyEndpoint;
import dev.warden.sandbox.SandboxException;
import dev.warden.sandbox.SandboxPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inside half of the proxy bridge under bubblewrap. The sandbox has its own network namespace with
 * only loopback; the one way out is the proxy's unix socket, bound into the sandbox. Commands expect
 * an HTTP proxy on {@code 127.0.0.1:PORT}, so something inside the namespace must listen there and pipe
 * each connection to that socket.
 *
 * <p>That something is a few lines of Python run by the system's {@code python3} as the first program in
 * the sandbox: it binds {@code 127.0.0.1:PORT}, forks a child that serves the listener in a session of
 * its own (the terminal's signals and the command's process group do not reach it), and execs the
 * command in its own place (the command keeps pid 2, its terminal and its exit status). The listener
 * is bound before the command starts, so there is no race with its first connection; when the command
 * exits, bwrap's pid namespace ends and takes the forwarder with it.
 *
 * <p>Why not the Warden JVM itself, entering the namespace with {@code setns}: joining a network
 * namespace needs CAP_SYS_ADMIN in the caller's own user namespace, which an ordinary user does not
 * have, and joining bwrap's user namespace first is refused to a multi-threaded process (every JVM).
 * Why not a second JVM in the sandbox: it costs far more to start than Python. Why not socat: Python
 * is already required by Warden's CI and present on nearly every machine; socat is not, and socat
 * 1.7 cannot take a listener bound before the command starts.
 */
public final class ProxyForwarder {
    /** Where the proxy's socket appears inside the sandbox when {@code /run} is the sandbox's own. */
    public static final Path RUN_SOCKET = Path.of("/run/warden/proxy.sock");
    /** Where it appears otherwise: the private {@code /tmp} is always the sandbox's own. */
    public static final Path TMP_SOCKET = Path.of("/tmp/.warden/proxy.sock");

    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "/bin/python3", "/usr/local/bin/python3");

    /*
     * argv: PORT SOCKET COMMAND... The parent execs COMMAND; a failed exec reads like bwrap's own
     * ("bwrap: execvp NAME: ..."), exit status 1, as without a forwarder. The parent imports only
     * _socket: socket.py (enum, selectors) doubles Python's start, and the parent is on the command's
     * critical path; the child imports what it needs after the fork, while connections wait in the
     * listener's backlog. The child relays with one thread per direction, through a pipe with
     * splice(2) where Python has it (3.10+: the bytes never enter Python), else through one reused
     * buffer; an end of stream is passed on as a half-close, an error ends both ways.
     */
    static final String SCRIPT = """
            import _socket, os, sys
            port, path, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
            listener = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            listener.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
            listener.bind(('127.0.0.1', port))
            listener.listen(256)
            if os.fork() == 0:
                try:
                    import signal, socket, threading
                    listener = socket.socket(fileno=listener.detach())
                    os.setsid()
                    for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM, signal.SIGPIPE):
                        signal.signal(sig, signal.SIG_IGN)
                    null = os.open('/dev/null', os.O_RDWR)
                    for fd in (0, 1, 2):
                        os.dup2(null, fd)
                    def pump(src, dst):
                        try:
                            if hasattr(os, 'splice'):
                                r, w = os.pipe()
                                try:
                                    while True:
                                        n = os.splice(src.fileno(), w, 1 << 20)
                                        if n == 0:
                                            break
                                        while n:
                                            n -= os.splice(r, dst.fileno(), n)
                                finally:
                                    os.close(r)
                                    os.close(w)
                            else:
                                buffer = bytearray(262144)
                                view = memoryview(buffer)
                                while True:
                                    n = src.recv_into(buffer)
                                    if not n:
                                        break
                                    dst.sendall(view[:n])
                            dst.shutdown(socket.SHUT_WR)
                        except OSError:
                            for s in (src, dst):
                                try:
                                    s.shutdown(socket.SHUT_RDWR)
                                except OSError:
                                    pass
                    def serve(client):
                        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                        try:
                            upstream.connect(path)
                            back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
                            back.start()
                            pump(client, upstream)
                            back.join()
                        except OSError:
                            pass
                        finally:
                            client.close()
                            upstream.close()
                    while True:
                        client, _ = listener.accept()
                        threading.Thread(target=serve, args=(client,), daemon=True).start()
                finally:
                    os._exit(0)
            listener.close()
            try:
                os.execvp(argv[0], argv)
            except OSError as e:
                sys.stderr.write('bwrap: execvp %s: %s\\n' % (argv[0], e.strerror))
                sys.stderr.flush()
                os._exit(1)
            """;


    private ProxyForwarder() {}

    /**
     * Where the proxy's socket is bound inside the sandbox: under {@code /run} when the sandbox's
     * {@code /run} is its own (a private tmpfs, or absent from a root built from nothing) and no granted
     * root reaches into it, else under the private {@code /tmp}.
     *
     * @throws SandboxException when granted roots cover both places
     */
    public static Path socketInside(SandboxPolicy policy, boolean hostHasRun) throws SandboxException {
        List<Path> roots = new ArrayList<>(policy.readableRoots());
        roots.addAll(policy.writableRoots());
        Path run = Path.of("/run");
        // Under a whole-disk read /run is a private tmpfs if the host has one; otherwise the root is built
        // from nothing and /run exists only if a root covers it (then it is the host's, read-only).
        boolean runIsPrivate = policy.fullDiskRead()
                ? hostHasRun && roots.stream().noneMatch(r -> r.startsWith(run))
                : roots.stream().noneMatch(r -> r.startsWith(run) || run.startsWith(r));
        if (runIsPrivate) {
            return RUN_SOCKET;
        }
        Path tmp = Path.of("/tmp");
        Path dir = TMP_SOCKET.getParent();
        if (roots.stream().noneMatch(r -> r.startsWith(dir) || dir.startsWith(r) && r.startsWith(tmp))) {
            return TMP_SOCKET;
        }
        throw new SandboxException("network = proxied: the roots granted under /run and /tmp leave no private place"
                + " to bind the proxy's socket in the sandbox; grant directories below them instead");
    }

    /**
     * The program and arguments that start {@code command} behind the forwarder.
     *
     * @throws SandboxException when no system {@code python3} exists or the sandbox cannot read it
     */
    public static List<String> wrap(SandboxPolicy policy, ProxyEndpoint endpoint, Path socketInside,
            List<String> command) throws SandboxException {
        Path python = python(policy);
        List<String> argv = new ArrayList<>(List.of(python.toString(), "-I", "-S", "-c", SCRIPT,
                Integer.toString(endpoint.port()), socketInside.toString()));
        argv.addAll(command);
        return argv;
    }

    /**
     * The system's python3 (fixed directories, never the caller's PATH: it runs first in the sandbox, and a
     * version manager's shim there would cost hundreds of milliseconds per command).
     */
    static Path python(SandboxPolicy policy) throws SandboxException {
        for (String candidate : PYTHONS) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                Path real = real(path);
                if (policy.fullDiskRead() || policy.readableRoots().stream().anyMatch(real::startsWith)) {
                    return path;
                }
                throw new SandboxException("network = proxied under bubblewrap runs a small forwarder with " + real
                        + ", which this sandbox cannot read; make " + real.getParent() + " readable"
                        + " (the profile's readable roots) or use network = \"off\"");
            }
        }
        throw new SandboxException("network = proxied under bubblewrap needs python3 for the proxy bridge inside"
                + " the sandbox (looked in " + String.join(", ", PYTHONS) + "); install the 'python3' package");
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
