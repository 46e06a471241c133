package dev.warden.sandbox;

/** A way of confining a command on this host; {@code auto} picks one through {@link HostProbe}. */
public sealed interface SandboxBackend permits BwrapBackend, LandlockBackend {
    /** {@code bwrap} or {@code landlock}, as configured with {@code sandbox_backend}. */
    String name();

    /**
     * Builds the sandbox for {@code policy} and starts {@code command} in it.
     *
     * @throws SandboxException when the host cannot enforce the policy or the policy is unsafe to
     *     build (for example a protected path reached through a symlink in a writable root)
     */
    SandboxedProcess launch(SandboxPolicy policy, SandboxCommand command, Stdio stdio) throws SandboxException;
}
