package dev.warden.sandbox.escape;

import dev.warden.sandbox.SandboxBackend;

import java.util.Map;

/**
 * A backend the escape suite runs against, with the cases it cannot contain by design and why
 * (the same words docs/SANDBOX.md uses). Every other case must be contained.
 *
 * @param unavailable the same backend on a host without the isolation it needs (case 30)
 * @param refusal     what its refusal must say
 * @param topLevelCreate whether new entries can be made at the top of a workspace that holds protected names
 */
public record BackendUnderTest(SandboxBackend backend, SandboxBackend unavailable, String refusal,
        boolean topLevelCreate, Map<Integer, String> notContained) {
    public boolean contains(int escapeCase) {
        return !notContained.containsKey(escapeCase);
    }
}
