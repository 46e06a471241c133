package dev.warden.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host file or directory shown read-only at a fixed path inside the sandbox: for instance the directory
 * holding the unix socket of a server Warden runs for the command (the hook server of {@code warden run -- claude})
 * and the small client that talks to it. Read-only: {@code connect()} to a socket needs no write access to its
 * mount, and the command cannot replace a file with its own. Bind a directory directly beneath a mount point
 * ({@code /run/NAME}, {@code /tmp/NAME}): it is then a mount point itself and cannot be renamed away, whereas a
 * plain directory holding a bound file can be moved aside and a look-alike created in its place. Only a backend
 * with a mount namespace (bubblewrap) can honour one; the Landlock backend refuses a policy that has any.
 *
 * @param host   the file on the host
 * @param inside where the command sees it
 */
public record ReadOnlyBind(Path host, Path inside) {
    public ReadOnlyBind {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(inside, "inside");
        if (!host.isAbsolute() || !inside.isAbsolute()) {
            throw new IllegalArgumentException("a read-only bind needs absolute paths, got " + host + " -> " + inside);
        }
        host = host.normalize();
        inside = inside.normalize();
    }
}
