package dev.warden.agents.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * bwrap as started by a {@code warden exec} client on the daemon's behalf: its pid is the client's child, and the
 * client says when it has reaped it ({@code exit N}) and which signals the person sent it ({@code signal N}). A client
 * that goes away without saying so took bwrap with it ({@code --die-with-parent}): the exit is then taken as
 * SIGKILL's, so the teardown waits for the sandbox's namespace to end before it releases anything.
 */
final class ClientProcess extends Process {
    /** The status a shell gives a child that SIGKILL ended. */
    static final int KILLED = 128 + 9;

    private final long pid;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CompletableFuture<Process> exited;
    private volatile IntConsumer signals = signal -> { };
    private volatile boolean reported;

    private ClientProcess(long pid) {
        this.pid = pid;
        this.exited = exit.thenApply(status -> this);
    }

    /**
     * Reads the client's {@code pid N} (within the connection's request timeout) and then, on a virtual thread and
     * with no timeout, its {@code signal N} and {@code exit N} until it has exited or gone.
     *
     * @param untimed lifts the connection's read timeout: the command may run for hours without a word, and a read
     *                already waiting keeps the timeout it started with, so this must happen before the listening does
     * @throws IOException when the client says anything else first, or nothing
     */
    static ClientProcess follow(InputStream in, Untimed untimed) throws IOException {
        String verb = ExecWire.require(in, 16);
        if (!"pid".equals(verb)) {
            throw new IOException("the client did not start the sandbox (said \"" + verb + "\")");
        }
        ClientProcess process = new ClientProcess(number(ExecWire.require(in, 32), 1, Integer.MAX_VALUE));
        untimed.lift();
        Thread.ofVirtual().name("warden-exec-client").start(() -> process.listen(in));
        return process;
    }

    /** Lifts the read timeout of the connection the client speaks on. */
    @FunctionalInterface
    interface Untimed {
        void lift() throws IOException;
    }

    /** Where {@code signal N} goes: the running command, once the session has it. */
    void forwardSignalsTo(IntConsumer target) {
        this.signals = target;
    }

    private void listen(InputStream in) {
        try {
            String verb;
            while ((verb = ExecWire.read(in, 16)) != null) {
                int value = (int) number(ExecWire.require(in, 32), 0, 255);
                switch (verb) {
                    case "signal" -> signals.accept(value);
                    case "exit" -> {
                        reported = true;
                        exit.complete(value);
                        return;
                    }
                    default -> throw new IOException("unknown message \"" + verb + "\"");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone, or talking nonsense: either way it no longer speaks for bwrap.
        }
        exit.complete(KILLED);
    }

    /** Whether the client said how bwrap ended; false when it went away first (the exit is then SIGKILL's). */
    boolean reported() {
        return reported;
    }

    private static long number(String text, long min, long max) throws IOException {
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new IOException("number out of range: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("not a number: " + text);
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            return KILLED;
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public int exitValue() {
        Integer status = exit.getNow(null);
        if (status == null) {
            throw new IllegalThreadStateException("the sandbox has not exited");
        }
        return status;
    }

    /** Alive until the client reports it reaped bwrap: until then the pid cannot pass to another process. */
    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exited.copy();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ProcessHandle toHandle() {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " has exited"));
    }

    @Override
    public void destroy() {
        if (isAlive()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    @Override
    public Process destroyForcibly() {
        if (isAlive()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        return this;
    }
}
