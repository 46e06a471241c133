package dev.warden.agents.daemon;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The exec door's framing: every field ends with a NUL byte, so a shell client can write it with
 * {@code printf '%s\0'} and read it with {@code read -r -d ''}. Arguments and environment values cannot
 * hold a NUL themselves, so no field needs escaping.
 */
final class ExecWire {
    private ExecWire() {}

    /** One field, or {@code null} at a clean end of stream; fails on a field longer than {@code max} bytes. */
    static String read(InputStream in, int max) throws IOException {
        ByteArrayOutputStream field = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) > 0) {
            if (field.size() == max) {
                throw new IOException("a field is longer than " + max + " bytes");
            }
            field.write(b);
        }
        if (b < 0) {
            if (field.size() == 0) {
                return null;
            }
            throw new EOFException("the stream ended inside a field");
        }
        return field.toString(StandardCharsets.UTF_8);
    }

    /** One field that must be there. */
    static String require(InputStream in, int max) throws IOException {
        String field = read(in, max);
        if (field == null) {
            throw new EOFException("the client closed the connection");
        }
        return field;
    }

    /** Writes {@code fields}, each NUL-terminated, and flushes. */
    static void write(OutputStream out, String... fields) throws IOException {
        for (String field : fields) {
            if (field.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a field holds a NUL byte");
            }
            out.write(field.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        out.flush();
    }
}
