package dev.warden.sandbox.spawn;

import dev.warden.sandbox.Stdio;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a process with {@code posix_spawn(3)} through FFM. Unlike {@link ProcessBuilder} it can hand
 * the child extra descriptors (bubblewrap's {@code --seccomp 3}), it closes every other inherited
 * descriptor ({@code addclosefrom_np}), it can start a new session, and it runs no JDK helper thread
 * in the calling thread — which matters when that thread has restricted itself with Landlock and
 * seccomp: threads it created would inherit the restriction.
 *
 * <p>Use in three steps when the spawn must happen on a special thread: {@link #prepare} (pipes,
 * descriptors) anywhere, {@link Prepared#spawnHere()} on the special thread, {@link Prepared#started}
 * back on an ordinary thread. {@link #start} does all three on the calling thread.
 */
public final class PosixSpawn {
    /**
     * What to start.
     *
     * @param argv       argv[0] is resolved against {@code PATH} from {@code env} when it has no slash
     * @param extraFiles opened read-only and given to the child as descriptors 3, 4, ...
     * @param newSession the child starts a new session (no controlling terminal)
     * @param takeTerminal with a new session and {@link Stdio#terminal()}, the terminal becomes the child's
     *                   controlling terminal; otherwise it is opened with {@code O_NOCTTY}, so a launcher
     *                   (bwrap) that starts its own session cannot take it from the command it runs
     */
    public record Request(List<String> argv, Map<String, String> env, Path cwd, Stdio stdio, List<Path> extraFiles,
            boolean newSession, boolean takeTerminal) {
        public Request {
            argv = List.copyOf(argv);
            env = Map.copyOf(env);
            extraFiles = List.copyOf(extraFiles);
            if (takeTerminal && !(newSession && stdio.isTerminal())) {
                throw new IllegalArgumentException("takeTerminal needs a new session and a terminal");
            }
        }

        public Request(List<String> argv, Map<String, String> env, Path cwd, Stdio stdio, List<Path> extraFiles,
                boolean newSession) {
            this(argv, env, cwd, stdio, extraFiles, newSession, false);
        }
    }

    private PosixSpawn() {}

    public static SpawnedProcess start(Request request) throws IOException {
        Prepared prepared = prepare(request);
        return prepared.started(prepared.spawnHere());
    }

    public static Prepared prepare(Request request) throws IOException {
        return new Prepared(request);
    }

    /** Pipes and descriptors for one spawn; {@link #abort()} if it never happens. */
    public static final class Prepared {
        private final Request request;
        private final String executable;
        private final List<Integer> parentEnds = new ArrayList<>();
        private final List<Integer> childEnds = new ArrayList<>();
        private final int[] childStdio = {-1, -1, -1};
        private final List<Integer> extraFds = new ArrayList<>();
        private OutputStream stdin = OutputStream.nullOutputStream();
        private InputStream stdout = InputStream.nullInputStream();
        private InputStream stderr = InputStream.nullInputStream();

        private Prepared(Request request) throws IOException {
            this.request = request;
            this.executable = resolve(request.argv().getFirst(), request.env().get("PATH"));
            try {
                Redirect[] redirects = {request.stdio().in(), request.stdio().out(), request.stdio().err()};
                for (int fd = 0; fd < 3; fd++) {
                    if (redirects[fd].type() == Redirect.Type.PIPE) {
                        int[] pipe = pipe();
                        int parent = fd == 0 ? pipe[1] : pipe[0];
                        int child = fd == 0 ? pipe[0] : pipe[1];
                        parentEnds.add(parent);
                        childEnds.add(child);
                        childStdio[fd] = child;
                        // A pipe reopened through /proc is the same pipe; it is how Java gets a stream for a raw fd.
                        File proc = new File("/proc/self/fd/" + parent);
                        switch (fd) {
                            case 0 -> stdin = new FileOutputStream(proc);
                            case 1 -> stdout = new FileInputStream(proc);
                            default -> stderr = new FileInputStream(proc);
                        }
                    }
                }
                for (Path file : request.extraFiles()) {
                    int fd = open(file.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
                    childEnds.add(fd);
                    extraFds.add(fd);
                }
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
        }

        /** Calls posix_spawn on the current thread; the child inherits this thread's restrictions. */
        public int spawnHere() throws IOException {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment actions = arena.allocate(Libc.FILE_ACTIONS_SIZE, 16);
                MemorySegment attr = arena.allocate(Libc.SPAWNATTR_SIZE, 16);
                check("posix_spawn_file_actions_init", (int) Libc.FA_INIT.invokeExact(actions));
                check("posix_spawnattr_init", (int) Libc.ATTR_INIT.invokeExact(attr));
                try {
                    if (request.stdio().isTerminal()) {
                        // Opened by the child after setsid (glibc runs file actions after the session flag), so
                        // without O_NOCTTY a session leader acquires it as its controlling terminal.
                        int flags = Libc.O_RDWR | (request.takeTerminal() ? 0 : Libc.O_NOCTTY);
                        addOpen(arena, actions, 0, request.stdio().terminal().toFile(), flags);
                        check("adddup2", (int) Libc.FA_ADDDUP2.invokeExact(actions, 0, 1));
                        check("adddup2", (int) Libc.FA_ADDDUP2.invokeExact(actions, 0, 2));
                    }
                    Redirect[] redirects = {request.stdio().in(), request.stdio().out(), request.stdio().err()};
                    for (int fd = 0; fd < 3 && !request.stdio().isTerminal(); fd++) {
                        switch (redirects[fd].type()) {
                            case PIPE -> check("adddup2", (int) Libc.FA_ADDDUP2.invokeExact(actions, childStdio[fd], fd));
                            case INHERIT -> { }
                            case READ -> addOpen(arena, actions, fd, redirects[fd].file(), Libc.O_RDONLY);
                            case WRITE -> addOpen(arena, actions, fd, redirects[fd].file(),
                                    Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC);
                            case APPEND -> addOpen(arena, actions, fd, redirects[fd].file(),
                                    Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND);
                        }
                    }
                    for (int i = 0; i < extraFds.size(); i++) {
                        int source = extraFds.get(i);
                        check("adddup2", (int) Libc.FA_ADDDUP2.invokeExact(actions, source, 3 + i));
                    }
                    // Nothing else the JVM has open (audit store, sockets, secrets) reaches the child.
                    check("addclosefrom_np", (int) Libc.FA_ADDCLOSEFROM.invokeExact(actions, 3 + extraFds.size()));
                    check("addchdir_np", (int) Libc.FA_ADDCHDIR.invokeExact(actions,
                            arena.allocateFrom(request.cwd().toString())));
                    MemorySegment none = arena.allocate(Libc.SIGSET_SIZE, 8);
                    MemorySegment all = arena.allocate(Libc.SIGSET_SIZE, 8);
                    check("sigemptyset", (int) Libc.SIGEMPTYSET.invokeExact(none));
                    check("sigfillset", (int) Libc.SIGFILLSET.invokeExact(all));
                    // The JVM blocks and handles signals its own way; the child starts with defaults.
                    check("setsigmask", (int) Libc.ATTR_SETSIGMASK.invokeExact(attr, none));
                    check("setsigdefault", (int) Libc.ATTR_SETSIGDEFAULT.invokeExact(attr, all));
                    short flags = (short) (Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF
                            | (request.newSession() ? Libc.POSIX_SPAWN_SETSID : 0));
                    check("setflags", (int) Libc.ATTR_SETFLAGS.invokeExact(attr, flags));
                    MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                    int rc = (int) Libc.POSIX_SPAWN.invokeExact(pid, arena.allocateFrom(executable), actions, attr,
                            strings(arena, request.argv()), strings(arena, environment(request.env())));
                    if (rc != 0) {
                        throw new IOException("cannot start " + executable + ": " + describe(rc));
                    }
                    return pid.get(ValueLayout.JAVA_INT, 0);
                } finally {
                    int ignored = (int) Libc.FA_DESTROY.invokeExact(actions);
                    ignored = (int) Libc.ATTR_DESTROY.invokeExact(attr);
                }
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("posix_spawn through FFM failed: " + t, t);
            }
        }

        /** The running process; closes the child's ends of pipes and descriptors in this process. */
        public SpawnedProcess started(int pid) {
            childEnds.forEach(PosixSpawn::close);
            parentEnds.forEach(PosixSpawn::close);
            return new SpawnedProcess(pid, stdin, stdout, stderr);
        }

        public void abort() {
            childEnds.forEach(PosixSpawn::close);
            parentEnds.forEach(PosixSpawn::close);
            closeQuietly(stdin);
            closeQuietly(stdout);
            closeQuietly(stderr);
        }

        private static void addOpen(Arena arena, MemorySegment actions, int fd, File file, int flags) throws Throwable {
            check("addopen", (int) Libc.FA_ADDOPEN.invokeExact(actions, fd, arena.allocateFrom(file.getPath()), flags,
                    0666));
        }
    }

    /**
     * An anonymous file in memory ({@code memfd_create}) holding some bytes, for a child to get as one of its
     * {@link Request#extraFiles}: {@link #path()} opens it afresh, at offset 0. Nothing is created in a file system,
     * so there is nothing to remove, and no other process can find it. Close it once the child has started (the
     * child keeps its own descriptor).
     */
    public static final class MemoryFile implements AutoCloseable {
        private final int fd;
        private boolean closed;

        private MemoryFile(int fd) {
            this.fd = fd;
        }

        public static MemoryFile of(String name, byte[] content) throws IOException {
            int fd;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(Libc.CAPTURE);
                fd = (int) Libc.MEMFD_CREATE.invokeExact(state, arena.allocateFrom(name), Libc.MFD_CLOEXEC);
                if (fd < 0) {
                    throw new IOException("memfd_create failed: " + describe((int) Libc.ERRNO.get(state, 0L)));
                }
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException(t);
            }
            MemoryFile file = new MemoryFile(fd);
            try {
                Files.write(file.path(), content);
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
            return file;
        }

        /** The file through this process's descriptor table: opening it gives a new descriptor at offset 0. */
        public Path path() {
            return Path.of("/proc/self/fd/" + fd);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                PosixSpawn.close(fd);
            }
        }
    }

    private static String resolve(String program, String path) throws IOException {
        if (program.contains("/")) {
            return program;
        }
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("cannot start " + program + ": not found on the command's PATH");
    }

    private static List<String> environment(Map<String, String> env) {
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private static int[] pipe() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            int rc = (int) Libc.PIPE2.invokeExact(state, fds, Libc.O_CLOEXEC);
            if (rc != 0) {
                throw new IOException("pipe2 failed: " + describe((int) Libc.ERRNO.get(state, 0L)));
            }
            return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private static int open(String path, int flags, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            int fd = (int) Libc.OPEN.invokeExact(state, arena.allocateFrom(path), flags, mode);
            if (fd < 0) {
                throw new IOException("cannot open " + path + ": " + describe((int) Libc.ERRNO.get(state, 0L)));
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private static void close(int fd) {
        try {
            int ignored = (int) Libc.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // close of our own descriptor: nothing to recover
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // abort path
        }
    }

    private static void check(String call, int rc) throws IOException {
        if (rc != 0) {
            throw new IOException(call + " failed: " + describe(rc));
        }
    }

    private static String describe(int errno) {
        return switch (errno) {
            case 1 -> "operation not permitted (EPERM)";
            case 2 -> "no such file or directory (ENOENT)";
            case 13 -> "permission denied (EACCES)";
            case 8 -> "not an executable (ENOEXEC)";
            default -> "errno " + errno;
        };
    }
}
