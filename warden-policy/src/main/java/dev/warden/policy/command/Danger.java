package dev.warden.policy.command;

import java.util.Objects;

/**
 * Why a command is dangerous: the kind of harm, and one line a person can check.
 *
 * @param kind   what the command would do
 * @param reason the one-line explanation, naming the command, option or path that decided it
 */
public record Danger(DangerKind kind, String reason) {
    public Danger {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
