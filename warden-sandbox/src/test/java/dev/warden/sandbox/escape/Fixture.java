package dev.warden.sandbox.escape;

import dev.warden.sandbox.DenyPattern;
import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.fs.GitDirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The setting of ESCAPES.md: a git repository as workspace, a fake {@code $HOME} with secrets, a
 * workspace {@code .env}, a sibling directory outside the workspace. It lives under
 * {@code target/} rather than {@code /tmp} on purpose: the sandbox gives the command a private
 * {@code /tmp}, so fixtures there would be hidden for the wrong reason.
 */
public final class Fixture implements AutoCloseable {
    public static final String SECRET = "s3cr3t-" + UUID.randomUUID();
    /** Names that would run later, outside the sandbox, if an agent could plant them. */
    public static final List<String> PROTECTED_NAMES = List.of(".warden", ".codex", ".agents", ".vscode", ".idea",
            ".mcp.json", ".claude", ".gemini", ".cursor", ".envrc", ".bashrc", ".profile", ".zshrc");

    public final Path root;
    public final Path home;
    public final Path workspace;
    public final Path outside;

    public Fixture() {
        try {
            root = Path.of("target", "escape", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
            home = Files.createDirectories(root.resolve("home"));
            workspace = Files.createDirectories(root.resolve("ws"));
            outside = Files.createDirectories(root.resolve("outside"));
            write(home.resolve(".ssh/id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY----- " + SECRET);
            write(home.resolve(".aws/credentials"), "[default]\naws_secret_access_key=" + SECRET);
            write(home.resolve(".bashrc"), "# rc\n");
            write(home.resolve(".profile"), "# profile\n");
            write(outside.resolve("victim.txt"), "untouched\n");
            write(workspace.resolve(".env"), "API_KEY=" + SECRET);
            write(workspace.resolve("sub/nested/prod.env"), "DB_PASSWORD=" + SECRET);
            write(workspace.resolve("README.md"), "hello\n");
            write(workspace.resolve("lib/code.txt"), "code\n");
            write(workspace.resolve(".bashrc"), "# workspace rc\n");
            git(workspace, "init", "-q", "-b", "main");
            git(workspace, "add", "README.md");
            git(workspace, "commit", "-q", "-m", "initial");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** workspace-write, network off, the protections ESCAPES.md assumes. */
    public SandboxPolicy policy() {
        return policy(NetworkMode.OFF);
    }

    public SandboxPolicy policy(NetworkMode network) {
        List<Path> protectedPaths = new ArrayList<>(GitDirs.protectedFor(workspace));
        for (String name : PROTECTED_NAMES) {
            protectedPaths.add(workspace.resolve(name));
        }
        return new SandboxPolicy(true, List.of(root), List.of(workspace), protectedPaths,
                List.of(home.resolve(".ssh"), home.resolve(".aws")),
                List.of(new DenyPattern(workspace, "**/*.env")), 8, network);
    }

    /**
     * workspace-write with the fake {@code $HOME} writable too, and the names that run later protected in
     * both: the setting where a missing name's mask used to leave an empty directory in each.
     */
    public SandboxPolicy workspaceAndHomePolicy() {
        SandboxPolicy base = policy();
        List<Path> protectedPaths = new ArrayList<>(base.protectedPaths());
        for (String name : HOME_PROTECTED_NAMES) {
            protectedPaths.add(home.resolve(name));
        }
        return new SandboxPolicy(true, List.of(root), List.of(workspace, home), protectedPaths, base.deniedPaths(),
                base.denyGlobs(), base.globScanMaxDepth(), NetworkMode.OFF);
    }

    /** Names in a home directory that run code later: {@code .bashrc} exists in the fixture, the others do not. */
    public static final List<String> HOME_PROTECTED_NAMES = List.of(".bashrc", ".profile", ".zshrc", ".gitconfig",
            ".config/git", ".codex", ".claude", ".mcp.json");

    /** Every entry under the workspace and the fake home (not following symlinks): path, kind and size. */
    public Map<String, String> tree() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Path base : List.of(workspace, home)) {
            try (var walk = Files.walk(base)) {
                walk.forEach(p -> {
                    String kind = Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            ? "dir" : "file " + p.toFile().length();
                    out.put(root.relativize(p).toString(), kind);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public Map<String, String> environment() {
        return Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", home.toString(), "LANG", "C.UTF-8",
                "GIT_AUTHOR_NAME", "agent", "GIT_AUTHOR_EMAIL", "agent@example.com",
                "GIT_COMMITTER_NAME", "agent", "GIT_COMMITTER_EMAIL", "agent@example.com");
    }

    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void git(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                p.toFile().setWritable(true);
                p.toFile().delete();
            });
        } catch (IOException e) {
            // Leftovers under target/ are removed by the next clean.
        }
    }
}
