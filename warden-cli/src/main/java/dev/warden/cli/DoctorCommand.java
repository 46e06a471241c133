package dev.warden.cli;

import dev.warden.cli.line.CommandSpec;
import dev.warden.cli.line.OptionSpec;
import dev.warden.cli.line.ParsedLine;
import dev.warden.core.json.Json;
import dev.warden.policy.LoadedPolicy;
import dev.warden.policy.config.LoadedConfig;
import dev.warden.policy.config.ValueOrigin;
import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.HostCapabilities;
import dev.warden.sandbox.bwrap.BwrapFeatures;
import dev.warden.sandbox.HostProbeCache;
import dev.warden.sandbox.LandlockBackend;
import dev.warden.sandbox.config.ConfiguredPolicy;
import dev.warden.sandbox.config.SandboxPlan;
import dev.warden.sandbox.config.SandboxPlanner;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code warden doctor}: what this host can enforce, and whether the effective configuration can be enforced here. */
final class DoctorCommand implements Callable<Integer> {
    static CommandSpec spec() {
        return CommandSpec.named("doctor")
                .description(
                        "Show what this host can enforce, and whether the configuration can be enforced here.",
                        "Reports whether bubblewrap is installed and can create namespaces (user namespaces allowed?), the",
                        "Landlock ABI, seccomp, which backend sandbox_backend = \"auto\" picks and why, and what each backend",
                        "cannot contain. Exits 0 when the effective configuration can be enforced here, 1 when Warden would",
                        "refuse to run or run with a weaker sandbox.")
                .option(OptionSpec.flag("Print the findings as JSON.", "--json"))
                .footer("", "Examples:", "  warden doctor", "  warden doctor --json --profile safe-workspace")
                .runs(line -> new DoctorCommand(line).call());
    }

    private final WardenCommand root;
    private final boolean json;

    private DoctorCommand(ParsedLine line) {
        root = new WardenCommand(line);
        json = line.flag("--json");
    }

    @Override
    public Integer call() {
        LoadedPolicy loaded = root.loadPolicy();
        // Always afresh, and kept: a host whose settings changed without a reboot is seen by the next command too.
        HostCapabilities host = HostProbeCache.refresh(root.paths.home());
        SandboxPlan plan = SandboxPlanner.plan(loaded.config(), () -> host);
        boolean enforceable = switch (plan) {
            case SandboxPlan.Confined ignored -> true;
            case SandboxPlan.Unconfined unconfined -> !unconfined.degraded();
            case SandboxPlan.Degraded ignored -> false;
            case SandboxPlan.Refused ignored -> false;
        };
        if (json) {
            System.out.println(Json.pretty(json(loaded.config(), host, plan, enforceable)));
        } else {
            System.out.print(text(loaded.config(), host, plan));
        }
        return enforceable ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static Map<String, Object> json(LoadedConfig config, HostCapabilities host, SandboxPlan plan,
            boolean enforceable) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", host.toJson());
        Map<String, Object> backends = new LinkedHashMap<>();
        Map<String, Object> bwrap = new LinkedHashMap<>(BwrapBackend.enforcement().toJson());
        bwrap.put("masks", masks(host).orElse(null));
        backends.put("bwrap", bwrap);
        backends.put("landlock", LandlockBackend.enforcement(host.landlockAbi()).toJson());
        out.put("backends", backends);
        out.put("config", configuration(config));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status(plan));
        result.put("backend", backend(plan).orElse(null));
        result.put("message", message(plan));
        out.put("result", result);
        out.put("enforceable", enforceable);
        out.put("warnings", config.warnings());
        return out;
    }

    /**
     * How a working bwrap covers missing protected names and denied directories (docs/SANDBOX.md, "Masks"):
     * {@code sized-tmpfs} or {@code read-only-tmpfs}; empty when bwrap does not work here.
     */
    private static java.util.Optional<String> masks(HostCapabilities host) {
        if (host.bwrapPath() == null || !host.bwrapWorks()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(BwrapFeatures.of(java.nio.file.Path.of(host.bwrapPath())).sizedTmpfs()
                ? "sized-tmpfs" : "read-only-tmpfs");
    }

    private static String text(LoadedConfig config, HostCapabilities host, SandboxPlan plan) {
        StringBuilder out = new StringBuilder("Warden doctor\n\nThis host\n");
        String bwrap = host.bwrapPath() == null ? host.bwrapProblem()
                : host.bwrapWorks() ? host.bwrapPath() + ": works (creates user, mount, pid and network namespaces)"
                : host.bwrapPath() + ": " + host.bwrapProblem();
        row(out, "bubblewrap", bwrap);
        masks(host).ifPresent(style -> row(out, "bwrap masks", style.equals("sized-tmpfs")
                ? "one-page tmpfs of mode 0555 (this bwrap takes --perms and --size)"
                : "tmpfs remounted read-only (this bwrap has no --perms/--size: each mask costs a mount-table parse)"));
        row(out, "landlock", host.landlockAbi() > 0 ? "ABI " + host.landlockAbi() : "unavailable");
        row(out, "seccomp", host.seccomp() ? "available" : "unavailable");
        row(out, "auto picks", host.autoBackend() + ": " + host.reason());
        out.append("\nWhat each backend cannot contain\n  bwrap\n");
        BwrapBackend.enforcement().limits().forEach(limit -> out.append("    - ").append(limit).append('\n'));
        out.append("  landlock").append(host.landlockAbi() > 0 ? " (ABI " + host.landlockAbi() + ")" : "").append('\n');
        LandlockBackend.enforcement(host.landlockAbi()).limits()
                .forEach(limit -> out.append("    - ").append(limit).append('\n'));
        out.append("\nThis configuration\n");
        configuration(config).forEach((key, value) -> row(out, key, String.valueOf(value)));
        row(out, "result", status(plan) + backend(plan).map(b -> " (" + b + ")").orElse("") + ": " + message(plan));
        if (!config.warnings().isEmpty()) {
            out.append("\nConfiguration warnings\n");
            config.warnings().forEach(warning -> out.append("  - ").append(warning).append('\n'));
        }
        return out.toString();
    }

    private static Map<String, Object> configuration(LoadedConfig config) {
        var effective = config.effective();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sandbox_mode", effective.sandboxMode().wireName() + " (" + origin(config, "sandbox_mode") + ")");
        out.put("sandbox_backend", effective.sandboxBackend().wireName() + " (" + origin(config, "sandbox_backend") + ")");
        out.put("network", ConfiguredPolicy.network(effective).name().toLowerCase(Locale.ROOT));
        out.put("allow_degraded_sandbox", config.requirements().allowDegradedSandbox());
        return out;
    }

    private static String status(SandboxPlan plan) {
        return switch (plan) {
            case SandboxPlan.Confined ignored -> "enforced";
            case SandboxPlan.Degraded ignored -> "degraded";
            case SandboxPlan.Unconfined ignored -> "unconfined";
            case SandboxPlan.Refused ignored -> "refused";
        };
    }

    private static Optional<String> backend(SandboxPlan plan) {
        return switch (plan) {
            case SandboxPlan.Confined confined -> Optional.of(confined.backend().name());
            case SandboxPlan.Degraded degraded -> Optional.of(degraded.backend().name());
            case SandboxPlan.Unconfined ignored -> Optional.empty();
            case SandboxPlan.Refused ignored -> Optional.empty();
        };
    }

    private static String message(SandboxPlan plan) {
        return switch (plan) {
            case SandboxPlan.Confined confined -> confined.why();
            case SandboxPlan.Degraded degraded -> degraded.warning();
            case SandboxPlan.Unconfined unconfined -> unconfined.notice();
            case SandboxPlan.Refused refused -> refused.reason();
        };
    }

    private static String origin(LoadedConfig config, String key) {
        return Optional.ofNullable(config.origins().get(key)).map(ValueOrigin::describe).orElse("default");
    }

    private static void row(StringBuilder out, String key, String value) {
        out.append("  ").append(key).append(" ".repeat(Math.max(1, 24 - key.length()))).append(value).append('\n');
    }
}
