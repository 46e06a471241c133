package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.policy.network.CanonicalHost;
import dev.warden.policy.network.DomainRule;
import dev.warden.policy.network.HostVerdict;
import dev.warden.policy.network.NetworkMode;
import dev.warden.policy.network.NetworkPolicy;
import dev.warden.policy.network.UnknownDomains;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkConfigTest {
    @TempDir
    Path temp;
    Workspace w;

    @BeforeEach
    void setUp() {
        w = new Workspace(temp).trustProject();
    }

    private static List<String> patterns(List<DomainRule> rules) {
        return rules.stream().map(r -> r.pattern().text()).toList();
    }

    @Test
    void theNetworkIsOffByDefault() throws Exception {
        EffectiveConfig e = w.load().effective();
        assertThat(e.network().mode()).isEqualTo(NetworkMode.OFF);
        assertThat(e.networkAccess()).isFalse();
        assertThat(e.network().allowed()).isEmpty();
        assertThat(e.network().unknown()).isEqualTo(UnknownDomains.ASK);
        assertThat(e.network().allowLocalBinding()).isFalse();
    }

    @Test
    void theIssueExampleLoadsWithEveryEntryTracedToItsLine() throws Exception {
        Path user = w.user("""
                [network]
                mode = "proxied"
                allowed_domains = ["GitHub.com", "**.npmjs.org", "registry.npmjs.org:443"]
                denied_domains  = ["gist.github.com"]
                unknown = "deny"
                allow_local_binding = false
                """);
        LoadedConfig loaded = w.load();
        NetworkPolicy network = loaded.effective().network();
        assertThat(network.mode()).isEqualTo(NetworkMode.PROXIED);
        assertThat(loaded.effective().networkAccess()).isTrue();
        assertThat(patterns(network.allowed())).containsExactly("github.com", "**.npmjs.org", "registry.npmjs.org:443");
        assertThat(patterns(network.denied())).containsExactly("gist.github.com:*");
        assertThat(network.allowed().getFirst().source()).isEqualTo("user " + user + ":3");
        assertThat(network.allowed().getFirst().written()).isEqualTo("GitHub.com");
        assertThat(network.unknown()).isEqualTo(UnknownDomains.DENY);
        assertThat(network.unknownSource()).isEqualTo("user " + user + ":5");
        assertThat(loaded.origins().get("network.allowed_domains").line()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            *.                  | empty host name
            github.com:0        | port 0 is not from 1 to 65535
            **                  | would match every host
            10.0.0.1/8          | write 10.0.0.0/8
            exa\\u0000mple.com   | NUL
            """)
    void aBadPatternFailsTheLoadNamingFileAndLine(String pattern, String reason) {
        Path user = w.user("[network]\nmode = \"proxied\"\nallowed_domains = [\"ok.example\", \"" + pattern + "\"]\n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("network.allowed_domains (user config " + user + ":3:1): \"")
                .hasMessageContaining(reason);
    }

    @Test
    void aBadPatternInAnUnselectedPermissionProfileStillFails() {
        Path user = w.user("[permissions.other.network]\ndenied_domains = [\"*foo.com\"]\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith("permissions.other.network.denied_domains (user config "
                + user + ":2:1)").hasMessageContaining("whole first label");
    }

    @Test
    void wrongTypesAndValuesAreRefusedLikeEveryOtherKey() {
        w.user("[network]\nmode = \"on\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("network.mode").hasMessageContaining("allowed: off, proxied, full");
        w.user("[network]\nunknown = \"allow\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("allowed: ask, deny");
        w.user("[network]\nallowed_domains = \"github.com\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("expected an array of strings");
    }

    @Test
    void networkAccessTrueKeepsMeaningFullUnderWorkspaceWrite() throws Exception {
        w.user("sandbox_mode = \"workspace-write\"\n[sandbox_workspace_write]\nnetwork_access = true\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().network().mode()).isEqualTo(NetworkMode.FULL);
        assertThat(loaded.origins().get("network.mode").layer()).isEqualTo("user");
        assertThat(w.load("sandbox_mode=read-only").effective().network().mode()).isEqualTo(NetworkMode.OFF);
    }

    @Test
    void anExplicitModeWinsOverTheLegacyKey() throws Exception {
        w.user("sandbox_mode = \"workspace-write\"\n[sandbox_workspace_write]\nnetwork_access = true\n"
                + "[network]\nmode = \"proxied\"\n");
        assertThat(w.load().effective().network().mode()).isEqualTo(NetworkMode.PROXIED);
        assertThat(w.load("network.mode=\"off\"").effective().networkAccess()).isFalse();
        assertThat(w.load("sandbox_mode=read-only").effective().network().mode()).as("proxied works read-only too")
                .isEqualTo(NetworkMode.PROXIED);
    }

    @Test
    void dangerFullAccessIsUnfilteredAndSaysSoWhenAModeWasAsked() throws Exception {
        w.user("sandbox_mode = \"danger-full-access\"\n[network]\nmode = \"proxied\"\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().network().mode()).isEqualTo(NetworkMode.FULL);
        assertThat(loaded.warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith("network.mode \"proxied\" (user config ").contains("has no effect"));
    }

    @Test
    void aPermissionProfileNetworkTableOverridesTheTopLevelOneParentsFirst() throws Exception {
        w.user("""
                default_permissions = "child"
                [network]
                mode = "proxied"
                allowed_domains = ["top.example"]
                unknown = "deny"
                [permissions.parent]
                extends = "workspace-write"
                [permissions.parent.network]
                allowed_domains = ["parent.example"]
                denied_domains = ["bad.example"]
                [permissions.child]
                extends = "parent"
                [permissions.child.network]
                allowed_domains = ["child.example"]
                """);
        NetworkPolicy network = w.load().effective().network();
        assertThat(patterns(network.allowed())).containsExactly("child.example");
        assertThat(patterns(network.denied())).containsExactly("bad.example:*");
        assertThat(network.unknown()).isEqualTo(UnknownDomains.DENY);
        assertThat(network.mode()).isEqualTo(NetworkMode.PROXIED);
    }

    @Test
    void requirementsAddDeniedAndAllowedDomainsThatNoLayerRemoves() throws Exception {
        Path requirements = w.requirements("[network]\nallowed_domains = [\"pypi.org\"]\ndenied_domains = [\"pastebin.com\"]\n");
        w.user("[network]\nmode = \"proxied\"\nallowed_domains = [\"github.com\", \"pastebin.com\"]\ndenied_domains = []\n");
        NetworkPolicy network = w.load().effective().network();
        assertThat(patterns(network.allowed())).containsExactly("pypi.org", "github.com", "pastebin.com");
        assertThat(patterns(network.denied())).containsExactly("pastebin.com:*");
        DomainRule managed = network.denied().getFirst();
        assertThat(managed.managed()).isTrue();
        assertThat(managed.source()).isEqualTo("requirements " + requirements + ":3");
        assertThat(network.decide(CanonicalHost.parse("pastebin.com"), 443)).isInstanceOf(HostVerdict.Denied.class);
    }

    @Test
    void managedAllowedDomainsOnlyReplacesTheUsersListAndDeniesTheRest() throws Exception {
        w.requirements("[network]\nallowed_domains = [\"pypi.org\"]\nmanaged_allowed_domains_only = true\n");
        w.user("[network]\nmode = \"proxied\"\nallowed_domains = [\"github.com\"]\nunknown = \"ask\"\n");
        LoadedConfig loaded = w.load();
        NetworkPolicy network = loaded.effective().network();
        assertThat(patterns(network.allowed())).containsExactly("pypi.org");
        assertThat(network.unknown()).isEqualTo(UnknownDomains.DENY);
        assertThat(network.decide(CanonicalHost.parse("github.com"), 443)).isInstanceOfSatisfying(HostVerdict.NotAllowed.class,
                n -> assertThat(n.managed()).isTrue());
        assertThat(loaded.warnings()).anySatisfy(x -> assertThat(x).startsWith("network.allowed_domains (user config")
                .contains("is ignored"));
        assertThat(loaded.warnings()).anySatisfy(x -> assertThat(x).startsWith("network.unknown \"ask\""));
        assertThat(loaded.origins().get("network.unknown").layer()).isEqualTo("requirements");
    }

    @Test
    void networkRequirementsForbidFullAndFallBackToProxied() throws Exception {
        w.requirements("[network]\ndenied_domains = [\"pastebin.com\"]\n");
        w.user("sandbox_mode = \"workspace-write\"\n[sandbox_workspace_write]\nnetwork_access = true\n");
        LoadedConfig loaded = w.load();
        assertThat(loaded.effective().network().mode()).isEqualTo(NetworkMode.PROXIED);
        assertThat(loaded.warnings()).anySatisfy(x -> assertThat(x).startsWith("network mode \"full\" (user config")
                .contains("using \"proxied\""));
        assertThat(loaded.origins().get("network.mode").layer()).isEqualTo("requirements");
    }

    @Test
    void networkRequirementsRefuseDangerFullAccessWhichCannotEnforceThem() {
        w.requirements("[network]\ndenied_domains = [\"pastebin.com\"]\n");
        w.user("sandbox_mode = \"danger-full-access\"\n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("danger-full-access").hasMessageContaining("cannot be enforced");
    }

    @Test
    void aBadRequirementPatternIsAnErrorInTheRequirementsFile() {
        Path requirements = w.requirements("[network]\ndenied_domains = [\"10.0.0.0/99\"]\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith("network.denied_domains (requirements "
                + requirements + ":2:1): \"10.0.0.0/99\"");
    }

    @Test
    void configExplainShowsTheNetworkWithSources() throws Exception {
        Path user = w.user("[network]\nmode = \"proxied\"\nallowed_domains = [\"github.com\"]\n");
        w.requirements("[network]\ndenied_domains = [\"pastebin.com\"]\n");
        LoadedConfig loaded = w.load();
        String text = ConfigExplainer.text(loaded, Map.of());
        assertThat(text).contains("network.mode", "proxied", "Network (mode proxied)", "github.com",
                "user " + user + ":3", "pastebin.com:* (requirements)");
        Map<String, Object> json = ConfigExplainer.json(loaded, Map.of());
        assertThat(json).containsKey("network");
        @SuppressWarnings("unchecked")
        Map<String, Object> network = (Map<String, Object>) json.get("network");
        assertThat(network).containsEntry("mode", "proxied").containsEntry("unknown", "ask");
        String before = loaded.digest();
        assertThat(w.load("network.allowed_domains=[\"github.com\", \"pypi.org\"]").digest()).isNotEqualTo(before);
    }
}
