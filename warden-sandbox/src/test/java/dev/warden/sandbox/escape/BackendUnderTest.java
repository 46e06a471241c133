package dev.warden.sandbox.escape;

import dev.warden.sandbox.SandboxBackend;

import java.util.Map;

/**
 * A backend the escape suite runs against, with the cases it cannot contain by design and why
 * (the same words docs/SANDBOX.md uses). Every other case must be contained.
 */
public record BackendUnderTest(SandboxBackend backend, Map<Integer, String> notContained) {
    public boolean contains(int escapeCase) {
        return !notContained.containsKey(escapeCase);
    }
}
