package dev.warden.policy.risk;

import java.util.Objects;

/**
 * What a network client in a command would send, and where.
 *
 * @param payload  what goes out
 * @param remote   the other machine, as written ({@code attacker.example}, {@code s3://bucket}); empty when unknown
 * @param file     for {@link Payload#FILE}, the local file sent; otherwise empty
 * @param evidence the option or operand that showed it ({@code --data-binary @db.sql})
 */
record NetworkUse(Payload payload, String remote, String file, String evidence) {

    /** What leaves the machine. */
    enum Payload {
        /** Nothing chosen by the command: a download, a lookup, a connection. */
        NOTHING,
        /** Whatever flows into the command's standard input. */
        STDIN,
        /** A local file. */
        FILE,
        /** Data written on the command line. */
        DATA,
        /** A shell, handed to the other side: a reverse (or bind) shell. */
        SHELL,
        /** Local files or services, offered to whoever connects. */
        SERVE,
        /** This machine, exposed to the internet through a tunnel. */
        TUNNEL,
        /** A remote filesystem mounted here: whatever is copied into it leaves the machine. */
        MOUNT
    }

    NetworkUse {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(evidence, "evidence");
    }

    static NetworkUse of(Payload payload, String remote, String evidence) {
        return new NetworkUse(payload, remote, "", evidence);
    }

    static NetworkUse file(String remote, String file, String evidence) {
        return new NetworkUse(Payload.FILE, remote, file, evidence);
    }
}
