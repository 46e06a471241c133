package dev.warden.agents.daemon;

import dev.warden.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The unix socket's protocol: one JSON object per line (UTF-8, {@code \n}-terminated; JSON strings escape their
 * newlines), a request and then its response, any number of times per connection.
 *
 * <pre>
 * {"op":"hook","agent":"claude-code","payload":"...","warden_session":"..."}  -> {"exit":0,"stdout":"...","stderr":""}
 * {"op":"status"}                                                            -> {"pid":...,"url":...,...}
 * {"op":"stop"}                                                              -> {"stopping":true}
 * </pre>
 */
public final class SocketWire {
    /** A hook payload's limit plus room for the envelope and escapes. */
    public static final int MAX_LINE = 48 * 1024 * 1024;

    private SocketWire() {}

    /** The next line, or null at end of stream. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("request line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    public static void writeLine(OutputStream out, Map<String, Object> message) throws IOException {
        out.write((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
