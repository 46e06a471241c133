package dev.warden.agents.mcp;

import dev.warden.policy.config.EffectiveConfig;
import dev.warden.sandbox.config.SandboxPlan;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * What the tools tell the model about the sandbox, from the effective configuration, so it does not spend turns
 * discovering that the network is off or that only the workspace is writable.
 */
record ToolDescriptions(EffectiveConfig effective, Path workspace, SandboxPlan plan) {

    String instructions() {
        return "Warden runs these tools under a policy: " + limits() + " Denied calls return the reason; calls that need"
                + " approval are asked through your client (MCP elicitation) when it supports it, and refused otherwise.";
    }

    String shell() {
        return "Run a command (argv, or a bash script) in Warden's sandbox, in a directory of the workspace " + workspace
                + ". " + limits() + " Returns the exit status, stdout and stderr (each cut at 32 KiB with the path of"
                + " the full output). Dangerous commands need approval; denied ones return the reason.";
    }

    String readFile() {
        return "Read a text file of the workspace " + workspace + " (up to 256 KiB). Paths are relative to the workspace;"
                + " `..` and symbolic links that leave it are refused, and files the policy denies (secrets) are not read.";
    }

    String writeFile() {
        return "Create or replace a file of the workspace " + workspace + ". " + writable()
                + " Paths leaving the workspace, through `..` or a symbolic link, are refused.";
    }

    String applyPatch() {
        return "Apply a patch to files of the workspace " + workspace + ": *** Begin Patch, then *** Add File: PATH (lines"
                + " starting with +), *** Delete File: PATH, or *** Update File: PATH (chunks of ' ' context, '-' removed"
                + " and '+' added lines, optionally opened by @@), then *** End Patch. Every file is checked before any"
                + " changes. " + writable();
    }

    String listDir() {
        return "List a directory of the workspace " + workspace + " (directories end in /, symbolic links in @).";
    }

    private String limits() {
        return "Sandbox: " + sandbox() + "; " + writable() + " Network for commands: " + network() + ".";
    }

    private String sandbox() {
        return switch (plan) {
            case SandboxPlan.Confined c -> c.backend().name() + ", sandbox_mode = " + effective.sandboxMode().wireName();
            case SandboxPlan.Degraded d -> d.backend().name() + " (degraded), sandbox_mode = " + effective.sandboxMode().wireName();
            case SandboxPlan.Unconfined u -> "none (" + effective.sandboxMode().wireName() + ")";
            case SandboxPlan.Refused r -> "unavailable, so commands are refused (" + r.reason() + ")";
        };
    }

    private String writable() {
        var roots = effective.filesystem().writableRoots();
        return roots.isEmpty() ? "Nothing is writable (read-only)."
                : "Writable: " + roots.stream().map(Path::toString).collect(Collectors.joining(", "))
                        + " (except .git, .warden and other protected paths).";
    }

    private String network() {
        return switch (effective.network().mode()) {
            case FULL -> "on";
            case OFF -> "off";
            case PROXIED -> "off (the proxy is not bridged into the sandbox yet)";
        };
    }
}
