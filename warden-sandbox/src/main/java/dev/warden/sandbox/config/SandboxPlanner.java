package dev.warden.sandbox.config;

import dev.warden.policy.config.LoadedConfig;
import dev.warden.policy.config.SandboxBackendChoice;
import dev.warden.policy.config.SandboxMode;
import dev.warden.policy.config.ValueOrigin;
import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.HostCapabilities;
import dev.warden.sandbox.LandlockBackend;
import dev.warden.sandbox.SandboxBackend;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the backend for a configuration on a host, failing closed: a backend the host cannot run is
 * a refusal that says what is missing, unless requirements set {@code allow_degraded_sandbox = true};
 * then the best backend the host has is used (or none), with a warning that names what is not enforced.
 * Pure: the host is described by a {@link HostCapabilities} probed beforehand.
 */
public final class SandboxPlanner {
    private SandboxPlanner() {}

    public static SandboxPlan plan(LoadedConfig config, HostCapabilities host) {
        return plan(config, () -> host, new LandlockBackend());
    }

    /** Asks {@code host} (a probe: it runs bwrap once) only when the configuration wants a sandbox. */
    public static SandboxPlan plan(LoadedConfig config, Supplier<HostCapabilities> host) {
        return plan(config, host, new LandlockBackend());
    }

    /** @param landlock the Landlock backend to use when Landlock is chosen (tests pass one with an ABI ceiling) */
    public static SandboxPlan plan(LoadedConfig config, Supplier<HostCapabilities> probe, LandlockBackend landlock) {
        var effective = config.effective();
        if (effective.sandboxMode() == SandboxMode.DANGER_FULL_ACCESS) {
            return new SandboxPlan.Unconfined("sandbox_mode is danger-full-access (" + origin(config, "sandbox_mode")
                    + "): running without a sandbox", false);
        }
        HostCapabilities host = probe.get();
        SandboxBackendChoice choice = effective.sandboxBackend();
        String setting = "sandbox_backend \"" + choice.wireName() + "\" (" + origin(config, "sandbox_backend") + ")";
        Optional<String> missing = missing(choice, host);
        if (missing.isEmpty()) {
            return switch (choice) {
                case AUTO -> new SandboxPlan.Confined(backend(host.autoBackend(), host, landlock), host.reason());
                case BWRAP -> new SandboxPlan.Confined(bwrap(host), setting);
                case LANDLOCK -> new SandboxPlan.Confined(landlock, setting);
            };
        }
        if (!config.requirements().allowDegradedSandbox()) {
            return new SandboxPlan.Refused("the sandbox cannot be enforced on this host: " + setting + ": "
                    + missing.get() + "; run `warden doctor` for details (an administrator can allow a weaker"
                    + " sandbox with allow_degraded_sandbox = true in requirements)");
        }
        String allowedBy = "allowed by allow_degraded_sandbox in " + Optional.ofNullable(
                config.requirements().origins().get("allow_degraded_sandbox")).map(ValueOrigin::describe)
                .orElse("requirements");
        String fallback = host.autoBackend();
        if (!fallback.equals("none") && !fallback.equals(choice.wireName())) {
            SandboxBackend weaker = backend(fallback, host, landlock);
            List<String> limits = fallback.equals("bwrap") ? BwrapBackend.enforcement().limits()
                    : LandlockBackend.enforcement(landlock.abi()).limits();
            return new SandboxPlan.Degraded(weaker, "DEGRADED SANDBOX: " + setting + " cannot be enforced here ("
                    + missing.get() + "); running under " + fallback + " instead (" + allowedBy + "). Not enforced: "
                    + String.join("; ", limits));
        }
        return new SandboxPlan.Unconfined("NO SANDBOX: " + setting + " cannot be enforced here (" + missing.get()
                + ") and no other backend works; the command runs unconfined, with your user's full access to files"
                + " and network (" + allowedBy + ")", true);
    }

    /** What this host lacks for {@code choice}, in words a person can act on; empty when it has everything. */
    static Optional<String> missing(SandboxBackendChoice choice, HostCapabilities host) {
        String seccomp = host.seccomp() ? null : "the kernel does not support seccomp filters";
        return switch (choice) {
            case AUTO -> host.autoBackend().equals("none") ? Optional.of(host.reason()) : Optional.empty();
            case BWRAP -> !host.bwrapWorks() ? Optional.of(host.bwrapProblem()) : Optional.ofNullable(seccomp);
            case LANDLOCK -> host.landlockAbi() < 1
                    ? Optional.of("Landlock is not available on this kernel (needs Linux 5.13+ with 'landlock' in the"
                            + " lsm= boot parameter)")
                    : Optional.ofNullable(seccomp);
        };
    }

    private static SandboxBackend backend(String name, HostCapabilities host, LandlockBackend landlock) {
        return switch (name) {
            case "bwrap" -> bwrap(host);
            case "landlock" -> landlock;
            default -> throw new IllegalArgumentException("no backend named " + name);
        };
    }

    private static SandboxBackend bwrap(HostCapabilities host) {
        return new BwrapBackend(Path.of(host.bwrapPath()));
    }

    private static String origin(LoadedConfig config, String key) {
        return Optional.ofNullable(config.origins().get(key)).map(ValueOrigin::describe).orElse("default");
    }
}
