package dev.warden.proxy;

import java.util.Objects;
import java.util.Optional;

/** Whose connection this is: the session and command a credential was issued for. */
record Attribution(String session, Optional<String> command) {
    Attribution {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(command, "command");
    }
}
