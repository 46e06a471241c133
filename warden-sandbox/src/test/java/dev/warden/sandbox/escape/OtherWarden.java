package dev.warden.sandbox.escape;

import dev.warden.sandbox.BwrapBackend;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.SandboxedProcess;
import dev.warden.sandbox.Stdio;
import dev.warden.sandbox.fs.GitDirs;
import dev.warden.sandbox.mounts.MountPlaceholders;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second Warden process for the placeholder tests: runs one bubblewrap sandbox over a {@link Fixture}'s
 * workspace with the fixture's protections, sharing the test's lock directory, its stdin and stdout
 * passed through, and exits with the command's status once the sandbox is torn down.
 *
 * <p>Arguments: lock directory, fixture root, workspace, then the command.
 */
public final class OtherWarden {
    private OtherWarden() {}

    public static void main(String[] args) throws Exception {
        Path lock = Path.of(args[0]);
        Path root = Path.of(args[1]);
        Path workspace = Path.of(args[2]);
        List<String> command = List.of(args).subList(3, args.length);
        List<Path> protectedPaths = new ArrayList<>(GitDirs.protectedFor(workspace));
        for (String name : Fixture.PROTECTED_NAMES) {
            protectedPaths.add(workspace.resolve(name));
        }
        SandboxPolicy policy = new SandboxPolicy(true, List.of(root), List.of(workspace), protectedPaths, List.of(),
                List.of(), 4, NetworkMode.OFF);
        BwrapBackend backend = BwrapBackend.onPath().orElseThrow().withPlaceholders(MountPlaceholders.at(lock));
        SandboxedProcess sandbox = backend.launch(policy, new SandboxCommand(command, workspace,
                Map.of("PATH", "/usr/bin:/bin", "HOME", root.resolve("home").toString())), Stdio.inherit());
        System.exit(sandbox.waitFor());
    }
}
