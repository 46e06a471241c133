package dev.warden.agents.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code warden exec} client asks the daemon: {@code warden-exec-1}, the door's token, the physical working
 * directory, the argument count, the arguments, then its environment as {@code NAME=VALUE} fields up to an empty
 * one. Read strictly: anything else ends the connection, and the client decides standalone.
 */
record ExecRequest(Path cwd, List<String> argv, Map<String, String> environment) {
    static final String MAGIC = "warden-exec-1";
    /** Linux's own limit on arguments plus environment is about 2 MiB; twice that is plenty. */
    private static final int MAX_TOTAL = 4 << 20;
    private static final int MAX_FIELD = 1 << 20;
    private static final int MAX_ARGS = 65_536;
    private static final int MAX_VARIABLES = 65_536;

    /** The request's fields were not what the protocol says; the message says which. */
    static final class Invalid extends IOException {
        Invalid(String message) {
            super(message);
        }
    }

    static ExecRequest read(InputStream in, String token) throws IOException {
        Budget budget = new Budget();
        if (!MAGIC.equals(budget.field(in))) {
            throw new Invalid("not a warden exec request");
        }
        byte[] offered = budget.field(in).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(offered, token.getBytes(StandardCharsets.UTF_8))) {
            throw new Invalid("wrong token");
        }
        Path cwd = Path.of(budget.field(in));
        if (!cwd.isAbsolute()) {
            throw new Invalid("the working directory must be absolute");
        }
        int count;
        try {
            count = Integer.parseInt(budget.field(in));
        } catch (NumberFormatException e) {
            throw new Invalid("the argument count is not a number");
        }
        if (count < 1 || count > MAX_ARGS) {
            throw new Invalid("the argument count must be 1 to " + MAX_ARGS);
        }
        List<String> argv = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            argv.add(budget.field(in));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        String entry;
        while (!(entry = budget.field(in)).isEmpty()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new Invalid("an environment entry is not NAME=VALUE");
            }
            if (environment.size() == MAX_VARIABLES) {
                throw new Invalid("more than " + MAX_VARIABLES + " environment variables");
            }
            environment.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return new ExecRequest(cwd, List.copyOf(argv), Map.copyOf(environment));
    }

    /** Counts what a request has sent, so a client cannot make the daemon hold more than {@link #MAX_TOTAL}. */
    private static final class Budget {
        private long used;

        String field(InputStream in) throws IOException {
            String field = ExecWire.require(in, MAX_FIELD);
            used += field.length() + 1L;
            if (used > MAX_TOTAL) {
                throw new Invalid("the request is larger than " + MAX_TOTAL + " bytes");
            }
            return field;
        }
    }
}
