package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input fails the load with one line saying what, where, and (when needed) what to do. */
class ConfigErrorsTest {
    @TempDir
    Path temp;
    Workspace w;

    @BeforeEach
    void setUp() {
        w = new Workspace(temp);
    }

    @Test
    void syntaxErrorsCarryFileLineAndColumn() {
        Path user = w.user("approval_policy = \"never\"\nsandbox_mode = \n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(user + ":2:16: Unexpected end of line");
    }

    @Test
    void syntaxErrorPositionsSurviveTheMultiLineInlineTableRewrite() {
        Path user = w.user("approval_policy = { granular = {\n  sandbox_approval = true,\n  rules = true,\n"
                + "  mcp_elicitations = true\n} }\n\nsandbox_mode = \"read-only\" extra\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith(user + ":7:28: ");
        Path second = w.user("x = { a = 1,\n  b = = 2 }\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith(second + ":2:7: ");
    }

    @Test
    void typeErrorsNameTheKeyPathTheLayerAndThePosition() {
        Path user = w.user("\n\nsandbox_mode = 3\n");
        assertThatThrownBy(() -> w.load()).hasMessage("sandbox_mode (user config " + user + ":3:1): expected a string, got an integer");
        Path system = w.system("[sandbox_workspace_write]\nwritable_roots = \"/opt\"\n");
        assertThatThrownBy(() -> w.load()).hasMessage("sandbox_workspace_write.writable_roots (system config "
                + system + ":2:1): expected an array of strings, got a string");
    }

    @Test
    void typeErrorsInsideProfilesAndPermissionsArePrecise() {
        Path user = w.user("[profiles.fast]\napprovals_reviewer = true\n");
        assertThatThrownBy(() -> w.load()).hasMessage("profiles.fast.approvals_reviewer (user config " + user
                + ":2:1): expected a string, got a boolean");
        w.user("[permissions.ws.filesystem]\n\":project_roots\" = { \"src\" = \"rw\" }\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith("permissions.ws.filesystem.\":project_roots\".src (user config ")
                .hasMessageEndingWith("unknown value \"rw\"; allowed: read, write, none, deny");
        w.user("[permissions.ws.filesystem]\nglob_scan_max_depth = 0\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("glob_scan_max_depth").hasMessageContaining("at least 1");
    }

    @Test
    void unknownEnumValuesListTheAllowedOnes() {
        w.user("approval_policy = \"sometimes\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageEndingWith(
                "unknown value \"sometimes\"; allowed: untrusted, on-request, on-failure, never");
        w.user("sandbox_mode = \"full\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageEndingWith("allowed: read-only, workspace-write, danger-full-access");
        w.user("approvals_reviewer = \"robot\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageEndingWith("allowed: user, auto_review");
        w.user("[shell_environment_policy]\ninherit = \"some\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageEndingWith("allowed: all, core, none");
    }

    @Test
    void granularPoliciesNeedTheirRequiredFlags() {
        Path user = w.user("approval_policy = { granular = { rules = true } }\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith("approval_policy.granular.sandbox_approval (user config " + user)
                .hasMessageContaining("needs sandbox_approval, rules and mcp_elicitations");
        w.user("approval_policy = { always = true }\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("a table must be { granular = {");
    }

    @Test
    void extendsCyclesAndUnknownParentsAreErrors() {
        w.user("default_permissions = \"a\"\n[permissions.a]\nextends = \"b\"\n[permissions.b]\nextends = \"a\"\n");
        assertThatThrownBy(() -> w.load()).isInstanceOf(ConfigException.class).hasMessageContaining("cycle: a -> b -> a");
        w.user("default_permissions = \"a\"\n[permissions.a]\nextends = \"nope\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("extends unknown profile `nope`");
        w.user("default_permissions = \"ghost\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith("default_permissions (user config ")
                .hasMessageContaining("unknown permission profile `ghost`");
        w.user("[permissions.read-only]\nextends = \"workspace-write\"\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("reserved");
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        w.system("[profiles.ci]\n");
        w.user("[profiles.dev]\n");
        assertThatThrownBy(() -> w.loadProfile("prod")).hasMessage("profile `prod` not found; known profiles: ci, dev");
        w.system("");
        w.user("");
        assertThatThrownBy(() -> w.loadProfile("prod")).hasMessageContaining("no profiles are defined");
    }

    @Test
    void aBrokenLayerIsAnErrorEvenWhenTheOthersAreFine() throws Exception {
        w.user("approval_policy = \"never\"\n");
        Path system = w.system("[broken\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith(system + ":1:");
        Files.delete(system);
        w.trustProject();
        Path project = w.projectConfig("sandbox_mode = [\"read-only\"]\n");
        assertThatThrownBy(() -> w.load()).hasMessageStartingWith("sandbox_mode (project config " + project + ":1:1)");
        Files.delete(project);
        assertThat(w.load().effective().approvalPolicy()).isEqualTo(new ApprovalPolicy.Never());
    }

    @Test
    void invalidUtf8AndBadPathsAreErrors() throws Exception {
        Path user = w.wardenHome.resolve("config.toml");
        Files.write(user, new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xff, '"', '\n'});
        assertThatThrownBy(() -> w.load()).hasMessage(user + ": not valid UTF-8; TOML files must be UTF-8");
        w.user("sandbox_mode = \"workspace-write\"\n[sandbox_workspace_write]\nwritable_roots = [\"relative/dir\"]\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("\"relative/dir\" must be an absolute path or start with ~/");
        w.user("default_permissions = \"p\"\n[permissions.p.filesystem]\n\":project_roots\" = { \"../up\" = \"read\" }\n");
        assertThatThrownBy(() -> w.load()).hasMessageContaining("permission profile `p` (user config")
                .hasMessageContaining("must stay below its parent entry");
    }
}
