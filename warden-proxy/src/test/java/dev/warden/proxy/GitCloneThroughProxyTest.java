package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git clone} over HTTP (the dumb protocol, from a bare repository after {@code git update-server-info})
 * through the proxy, configured only by {@link ProxyEnvironment#variables}: what a sandboxed git would see.
 */
class GitCloneThroughProxyTest {
    @TempDir
    Path temp;
    LoopbackServers servers;
    InetSocketAddress repoServer;

    @BeforeEach
    void repository() throws Exception {
        assumeTrue(Tools.onPath("git"), "git is not installed");
        Path work = Files.createDirectories(temp.resolve("work"));
        Path bare = temp.resolve("served/project.git");
        git(work, "init", "-q", "-b", "main");
        Files.writeString(work.resolve("README.md"), "cloned through Warden\n");
        git(work, "add", "README.md");
        git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first");
        git(temp, "clone", "-q", "--bare", work.toString(), bare.toString());
        git(bare, "update-server-info");
        servers = new LoopbackServers();
        repoServer = servers.files(temp.resolve("served"));
    }

    @AfterEach
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    private void git(Path cwd, String... args) throws Exception {
        String[] argv = new String[args.length + 1];
        argv[0] = "git";
        System.arraycopy(args, 0, argv, 1, args.length);
        Tools.Result r = Tools.run(cwd, Map.of(), argv);
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void gitClonesAnAllowedRepositoryWithTheSandboxEnvironment() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("git.test:" + repoServer.getPort(), "127.0.0.1/32")
                .name("git.test", "127.0.0.1").start()) {
            Map<String, String> env = ProxyEnvironment.variables(f.credential.httpUri());
            Tools.Result r = Tools.run(temp, env, "git", "clone", "-q",
                    "http://git.test:" + repoServer.getPort() + "/project.git", "clone");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(temp.resolve("clone/README.md")).hasContent("cloned through Warden");
            // libcurl asks once without the credential to learn the scheme (407), then sends it
            assertThat(f.events(NetworkEvent.Decided.class)).anySatisfy(d -> assertThat(d.outcome()).isEqualTo(Outcome.ALLOW))
                    .allSatisfy(d -> assertThat(d.outcome() == Outcome.ALLOW || d.refusal().equals(
                            java.util.Optional.of(Refusal.UNAUTHENTICATED))).as(d.toString()).isTrue());
        }
    }

    @Test
    void gitCannotCloneFromADeniedHost() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("**.test:*", "127.0.0.1/32").deny("git.test")
                .name("git.test", "127.0.0.1").start()) {
            Tools.Result r = Tools.run(temp, ProxyEnvironment.variables(f.credential.httpUri()), "git", "clone", "-q",
                    "http://git.test:" + repoServer.getPort() + "/project.git", "clone");
            assertThat(r.exit()).as(r.toString()).isNotZero();
            assertThat(r.err()).contains("403");
            assertThat(temp.resolve("clone/README.md")).doesNotExist();
        }
    }

    @Test
    void gitOverSshIsRefusedWithAMessage() throws Exception {
        try (ProxyFixture f = ProxyFixture.builder().allow("git.test").start()) {
            Tools.Result r = Tools.run(temp, ProxyEnvironment.variables(f.credential.httpUri()), "git", "clone", "-q",
                    "git@git.test:org/project.git", "clone");
            assertThat(r.exit()).isNotZero();
            assertThat(r.err()).contains("git over SSH cannot go through the egress proxy");
        }
    }
}
