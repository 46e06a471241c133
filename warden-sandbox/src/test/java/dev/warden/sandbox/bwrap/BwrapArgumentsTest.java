package dev.warden.sandbox.bwrap;

import dev.warden.sandbox.NetworkMode;
import dev.warden.sandbox.SandboxCommand;
import dev.warden.sandbox.SandboxPolicy;
import dev.warden.sandbox.fs.ResolvedPolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BwrapArgumentsTest {
    private static final Path WS = Path.of("/work/ws");

    private static List<String> build(NetworkMode mode, Map<String, String> env) {
        return build(mode, env, BwrapFeatures.NONE);
    }

    private static List<String> build(NetworkMode mode, Map<String, String> env, BwrapFeatures features) {
        SandboxPolicy policy = new SandboxPolicy(true, List.of(), List.of(WS), List.of(WS.resolve(".git")),
                List.of(Path.of("/home/u/.ssh")), List.of(), 3, mode);
        ResolvedPolicy resolved = new ResolvedPolicy(List.of(WS), List.of(WS.resolve(".git")),
                List.of(WS.resolve(".warden")), List.of(Path.of("/home/u/.ssh"), Path.of("/tmp/hidden")),
                List.of(WS.resolve(".env")), WS, List.of());
        return BwrapArguments.build(policy, resolved, new SandboxCommand(List.of("make"), WS, env), 3, true,
                Path.of("/run/systemd/resolve/stub-resolv.conf"), null, features);
    }

    @Test
    void protectionsComeAfterTheWritableBindsTheyOverride() {
        List<String> args = build(NetworkMode.OFF, Map.of());
        int rootRo = args.indexOf("/") - 1;
        int bind = args.indexOf("--bind");
        int gitRo = args.lastIndexOf("--ro-bind");
        assertThat(args.get(rootRo)).isEqualTo("--ro-bind");
        assertThat(rootRo).isLessThan(args.indexOf("/tmp")).isLessThan(bind);
        assertThat(bind).isLessThan(args.indexOf(WS.resolve(".git").toString()));
        assertThat(args.subList(bind, args.size())).containsSequence("--tmpfs", "/work/ws/.warden", "--remount-ro",
                        "/work/ws/.warden")
                .containsSequence("--tmpfs", "/home/u/.ssh", "--remount-ro", "/home/u/.ssh")
                .containsSequence("--ro-bind", "/dev/null", "/work/ws/.env");
        assertThat(gitRo).isGreaterThan(bind);
        // Hiding something under the private /tmp would only create it there.
        assertThat(args).doesNotContain("/tmp/hidden");
        assertThat(args).containsSequence("--tmpfs", "/run", "--ro-bind-try", "/run/systemd/resolve/stub-resolv.conf");
    }

    @Test
    void masksAreOnePageTmpfsesOfMode0555WhereBwrapTakesSizeAndPerms() {
        List<String> args = build(NetworkMode.OFF, Map.of(), new BwrapFeatures(true));
        assertThat(args).containsSequence("--perms", "0555", "--size", "4096", "--tmpfs", "/work/ws/.warden")
                .containsSequence("--perms", "0555", "--size", "4096", "--tmpfs", "/home/u/.ssh")
                .doesNotContain("--remount-ro");
        assertThat(build(NetworkMode.OFF, Map.of(), BwrapFeatures.NONE)).doesNotContain("--perms", "--size");
    }

    @Test
    void featuresAreReadFromBwrapsHelp() {
        String help = """
                usage: bwrap [OPTIONS...] [--] COMMAND [ARGS...]
                    --tmpfs DEST                 Mount new tmpfs on DEST
                    --perms OCTAL                Set permissions of next argument (--bind-data, --file, etc.)
                    --size BYTES                 Set size of next argument (only for --tmpfs)
                """;
        assertThat(BwrapFeatures.fromHelp(help).sizedTmpfs()).isTrue();
        assertThat(BwrapFeatures.fromHelp(help.replace("--size BYTES", "")).sizedTmpfs()).isFalse();
        // A mention in another option's text is not the option itself.
        assertThat(BwrapFeatures.fromHelp("    --file FD DEST   see --perms and --size\n").sizedTmpfs()).isFalse();
    }

    @Test
    void namespacesCapabilitiesAndNetworkByMode() {
        assertThat(build(NetworkMode.OFF, Map.of())).contains("--unshare-net", "--unshare-user", "--disable-userns",
                "--unshare-pid", "--new-session", "--die-with-parent").containsSequence("--cap-drop", "ALL");
        assertThat(build(NetworkMode.PROXIED, Map.of())).contains("--unshare-net");
        assertThat(build(NetworkMode.FULL, Map.of())).doesNotContain("--unshare-net");
    }

    @Test
    void environmentIsClearedThenSetAndTheFilterIsFdThree() {
        List<String> args = build(NetworkMode.OFF, Map.of("HOME", "/home/u"));
        assertThat(args).containsSequence("--clearenv", "--setenv", "HOME", "/home/u")
                .containsSequence("--setenv", "TMPDIR", "/tmp").containsSequence("--setenv", "WARDEN_SANDBOX", "1")
                .containsSequence("--seccomp", "3").containsSequence("--chdir", "/work/ws");
        assertThat(args).doesNotContain("--", "make");
    }
}
