package dev.warden.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyEnvironmentTest {
    static final URI PROXY = URI.create("http://warden:tok_EN-123@127.0.0.1:41234");

    @ParameterizedTest
    @ValueSource(strings = {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
            "npm_config_proxy", "npm_config_https_proxy", "YARN_HTTP_PROXY", "YARN_HTTPS_PROXY", "PIP_PROXY"})
    void everyToolsProxyVariableCarriesTheCredentialUrl(String name) {
        assertThat(ProxyEnvironment.variables(PROXY)).containsEntry(name, "http://warden:tok_EN-123@127.0.0.1:41234");
    }

    @Test
    void noProxyIsPresentAndEmptySoNothingInheritedBypassesThePolicy() {
        Map<String, String> env = ProxyEnvironment.variables(PROXY);
        assertThat(env).containsEntry("NO_PROXY", "").containsEntry("no_proxy", "").containsEntry("npm_config_noproxy", "");
    }

    @Test
    void javaGetsHostPortCredentialsAndBasicForTunnels() {
        String options = ProxyEnvironment.variables(PROXY).get("JAVA_TOOL_OPTIONS");
        assertThat(options.split(" ")).contains("-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=41234",
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=41234", "-Dhttps.proxyUser=warden",
                "-Dhttps.proxyPassword=tok_EN-123", "-Dhttp.nonProxyHosts=", "-Djdk.http.auth.tunneling.disabledSchemes=");
    }

    @Test
    void nodeIsToldToHonourTheVariables() {
        assertThat(ProxyEnvironment.variables(PROXY)).containsEntry("NODE_USE_ENV_PROXY", "1");
    }

    /** The SSH refusal is real: run through sh the way git runs it, it fails with the message. */
    @Test
    void gitOverSshFailsWithAMessageThatSaysWhatToDo() throws Exception {
        String command = ProxyEnvironment.variables(PROXY).get("GIT_SSH_COMMAND");
        Process process = new ProcessBuilder("sh", "-c", command + " \"$@\"", "sh", "git@github.com",
                "git-upload-pack 'org/repo.git'").start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(128);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("git over SSH cannot go through the egress proxy", "https://");
    }

    @Test
    void aUrlWithoutHostOrPortIsRefused() {
        for (String bad : List.of("socks5h://warden:x@127.0.0.1:1", "http://127.0.0.1", "file:///tmp/x")) {
            assertThatThrownBy(() -> ProxyEnvironment.variables(URI.create(bad))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
