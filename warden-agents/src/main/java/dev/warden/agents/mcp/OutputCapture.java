package dev.warden.agents.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Copies one output stream of a command to a file (the full output) and keeps its first {@code limit} bytes for the
 * reply, so a command that prints megabytes neither floods the model nor loses what it printed.
 */
final class OutputCapture {
    private final Path file;
    private final int limit;
    private final Thread thread;
    private byte[] head = new byte[0];
    private long total;
    private IOException failure;

    private OutputCapture(InputStream in, Path file, int limit) {
        this.file = file;
        this.limit = limit;
        this.thread = Thread.ofVirtual().name("warden-mcp-output").start(() -> copy(in));
    }

    static OutputCapture start(InputStream in, Path file, int limit) {
        return new OutputCapture(in, file, limit);
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        byte[] kept = new byte[limit];
        int keptBytes = 0;
        long count = 0;
        try (in; OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                int room = Math.min(n, limit - keptBytes);
                if (room > 0) {
                    System.arraycopy(buffer, 0, kept, keptBytes, room);
                    keptBytes += room;
                }
                count += n;
            }
        } catch (IOException e) {
            failure = e;
        }
        synchronized (this) {
            head = Arrays.copyOf(kept, keptBytes);
            total = count;
        }
    }

    /** Waits for the stream to end (the command and everything holding its pipe exited). */
    void await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
    }

    synchronized byte[] head() {
        return head;
    }

    synchronized long total() {
        return total;
    }

    synchronized boolean truncated() {
        return total > head.length;
    }

    Path file() {
        return file;
    }

    IOException failure() {
        return failure;
    }
}
